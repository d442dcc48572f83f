#if   B /* keep me */
b
#else
c
#endif
