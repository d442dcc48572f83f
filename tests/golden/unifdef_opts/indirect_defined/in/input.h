#if FOO
foo
#else
not foo
#endif
