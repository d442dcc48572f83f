/* a comment
#ifdef A
  is not a directive */
#ifdef A
/* removed comment
   spanning lines */
int a;
#else
/* kept comment
   spanning lines */
int not_a;
#endif
char *s = "#ifdef A";
