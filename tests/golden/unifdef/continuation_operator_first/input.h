#if defined(A) && \
    defined(B)
ab
#endif
