#ifdef A
#pragma
#endif
a
#endif
