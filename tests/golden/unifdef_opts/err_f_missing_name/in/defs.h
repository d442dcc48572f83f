#define A 1
#define
