two
bar
foo
#if BAZ
baz
#endif
