a_not_b
#ifdef C
ac
#endif
