#ifdef A /* why */
a
#else /* !A */
not a
#endif /* A */
#ifndef A
b
#endif // A
