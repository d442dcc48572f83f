/* a comment
#ifdef A
  is not a directive */
/* kept comment
   spanning lines */
int not_a;
char *s = "#ifdef A";
