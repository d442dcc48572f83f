/* p */ #ifdef A
a
#endif
/* x
 */ #ifdef A
b
#endif
