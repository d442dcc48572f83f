#ifndef __ASMS390_AUXVEC_H
#define __ASMS390_AUXVEC_H

/* s390 adds no entries to the ELF auxiliary vector. */

#endif /* __ASMS390_AUXVEC_H */
