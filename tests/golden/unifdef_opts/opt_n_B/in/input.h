

#ifdef A
a
#endif


x
