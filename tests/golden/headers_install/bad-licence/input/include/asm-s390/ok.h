#define OK 1
