/* no guard: compiles twice only because the macro is identical */
#define NOGUARD_VALUE 1
