#ifdef A
#endif
/* never closed
