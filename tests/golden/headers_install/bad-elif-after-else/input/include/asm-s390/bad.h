#ifdef __KERNEL__
int a;
#else
int b;
#elif X
#endif
