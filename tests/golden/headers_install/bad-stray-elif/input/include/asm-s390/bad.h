#define A 1
#elif defined(__KERNEL__)
