#ifndef _LINUX_BYTEORDER_GENERIC_H
#define _LINUX_BYTEORDER_GENERIC_H

/*
 * The kernel's names for the conversions little_endian.h or big_endian.h
 * defined with two leading underscores.
 */


#endif /* _LINUX_BYTEORDER_GENERIC_H */
