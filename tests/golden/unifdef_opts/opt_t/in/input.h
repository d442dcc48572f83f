/*
#ifdef A
in comment
#endif
*/
#ifdef A
'unterminated
#endif
