#define A 1
#else
