#if 0
zero
#endif
#if 1
one
#endif
#if 0 && defined(UNKNOWN)
short circuit
#endif
#if A || UNKNOWN
short or
#endif
