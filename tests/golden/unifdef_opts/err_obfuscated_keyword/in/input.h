#ifdef A
#def\
ine X
#endif
