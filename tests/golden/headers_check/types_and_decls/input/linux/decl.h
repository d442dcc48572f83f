#ifndef _LINUX_DECL_H
#define _LINUX_DECL_H
extern int kernel_counter;
void kernel_function(void);
struct decl {
int not_a_declaration;
};
#endif
