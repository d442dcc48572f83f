x


#ifdef A
a
#endif


y
#ifdef B
b
#else
nb
#endif

#if A
q
#elif C
c
#endif
#if 0
zero
#endif
#if 1
one
#endif
z
