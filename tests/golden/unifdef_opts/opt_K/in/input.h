#if A || B
ab
#endif
#if !A && B
nab
#endif
#if B || C
bc
#endif
