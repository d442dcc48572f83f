#ifdef A
/* not closed here
#else
it's
#endif
int k;
