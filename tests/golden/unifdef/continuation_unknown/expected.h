#if defined(A) && \
    defined(B)
ab
#endif
#define LONG(x) \
  ((x) + 1)
