#if 0
zero
#endif
#if 1
one
#endif
short or
