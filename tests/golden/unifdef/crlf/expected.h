#if   B
b
#else
c
#endif
