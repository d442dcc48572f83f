#ifdef A
#if defined(B) && C > 1 || D(x)
#ifndef A
#endif
#elif E
#endif
#endif
#if 0
#endif
#if F
#else
#endif
