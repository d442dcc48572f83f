#include "asm-x86_64/mce.h"
