#ifdef A
a
#endif


x

#ifdef A
#endif



y
