#include <asm-i386/cpufeature.h>
