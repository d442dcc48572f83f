#ifdef 1A
one a
#endif
