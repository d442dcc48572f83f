#if defined A && !defined B
yes
#endif
#if defined(A) || defined UNKNOWN
also
#endif
