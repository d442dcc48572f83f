#if A && !defined B && C
yes
#endif
#ifdef E
e
#endif
#if D
d
#endif
#if E
ee
#endif
