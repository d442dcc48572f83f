#ifdef A
ÿþ bytes é
#else
Ã( invalid
#endif
 trailing 
