#define E 1
