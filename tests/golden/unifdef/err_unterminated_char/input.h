#ifdef A
#error do not't
#endif
