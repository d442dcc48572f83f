#ifdef A
#ifdef B
ab
#else
a_not_b
#endif
#ifdef C
ac
#endif
#endif
