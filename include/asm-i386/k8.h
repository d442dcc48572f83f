#include <asm-x86_64/k8.h>
