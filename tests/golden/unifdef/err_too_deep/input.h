#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
#ifdef X
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
#endif
