#ifdef A
A
#else
not A
#endif
