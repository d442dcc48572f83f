#ifdef X
x
#else
a
#endif
