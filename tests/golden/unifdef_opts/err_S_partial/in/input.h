keep
#ifdef A
a
#else
b
