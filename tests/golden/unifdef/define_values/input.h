#if FOO == 2
two
#endif
#if FOO > 1 && BAR
bar
#endif
#if FOO
foo
#endif
#if BAZ
baz
#endif
