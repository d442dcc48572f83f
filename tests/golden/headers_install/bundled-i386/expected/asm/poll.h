#ifndef _ASM_POLL_H
#define _ASM_POLL_H

#include <asm-generic/poll.h>

#endif /* _ASM_POLL_H */
