#ifdef A junk
a
#endif
b
