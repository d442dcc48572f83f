#define A 1
#endif
