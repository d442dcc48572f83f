#if A
a
#elif B /* keep me */
b
#else
c
#endif
