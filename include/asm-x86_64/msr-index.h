#include <asm-i386/msr-index.h>
