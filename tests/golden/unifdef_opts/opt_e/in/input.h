#ifdef A /* hanging
 comment */
a
#endif
