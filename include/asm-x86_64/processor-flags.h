#include <asm-i386/processor-flags.h>
