int x;
#else
