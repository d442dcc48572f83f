#pragma
#endif
a
