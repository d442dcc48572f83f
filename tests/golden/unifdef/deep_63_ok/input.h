#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
x
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
