#include <asm-i386/boot.h>
