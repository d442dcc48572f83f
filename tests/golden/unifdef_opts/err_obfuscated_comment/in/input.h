#ifdef A /* c
 */
#endif
