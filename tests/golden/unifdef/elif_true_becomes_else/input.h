#ifdef X
x
#elif A
a
#elif B
b
#else /* other */
c
#endif
