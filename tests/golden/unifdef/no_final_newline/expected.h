a
int last;
#ifdef B
b
#endif
