#define A 1
#undef B
/* c */ #define C(x) x
#define D 2 /* two */
int junk;
#define E
