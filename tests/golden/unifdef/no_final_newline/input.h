#ifdef A
a
#endif
int last;
#ifdef B
b
#endif