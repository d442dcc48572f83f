int x;
#ifdef A
int a;
