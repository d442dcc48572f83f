#ifndef _S390_FCNTL_H
#define _S390_FCNTL_H

/*
 * s390 uses the generic open flags; 31-bit programs need the 64-bit
 * lock calls for large files.
 */
#ifndef __s390x__
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
#endif

#include <asm-generic/fcntl.h>

#endif /* _S390_FCNTL_H */
