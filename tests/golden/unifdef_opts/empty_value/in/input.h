#if A
v
#endif
#ifdef A
d
#endif
