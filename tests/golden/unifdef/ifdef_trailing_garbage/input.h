#ifdef A junk
a
#endif
#ifdef A
b
#endif junk
