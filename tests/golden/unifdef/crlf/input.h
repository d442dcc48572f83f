#ifdef A
a
#elif B
b
#else
c
#endif
