#if A + 1 > 1
plus
#endif
#if ~A
tilde
#endif
#if A << 1
shift
#endif
#if 1UL == A
suffix
#endif
