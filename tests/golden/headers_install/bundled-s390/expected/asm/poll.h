#ifndef __S390_POLL_H__
#define __S390_POLL_H__

#include <asm-generic/poll.h>

#endif /* __S390_POLL_H__ */
