#define P 1
