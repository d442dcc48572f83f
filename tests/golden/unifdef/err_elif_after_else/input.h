#ifdef A
#else
#elif B
#endif
