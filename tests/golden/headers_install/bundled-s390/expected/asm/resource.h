#ifndef _S390_RESOURCE_H
#define _S390_RESOURCE_H

#ifdef __s390x__
#define RLIM_INFINITY	(~0UL)
#endif

#include <asm-generic/resource.h>

#endif /* _S390_RESOURCE_H */
