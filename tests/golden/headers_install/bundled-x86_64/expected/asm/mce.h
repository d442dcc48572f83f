#ifndef _ASM_X86_64_MCE_H
#define _ASM_X86_64_MCE_H

#include <linux/types.h>
#include <asm/ioctl.h>

/*
 * Machine-check exception records, as /dev/mcelog hands them to user
 * space.  The layout is the same for 32- and 64-bit kernels (the i386
 * tree includes this file).
 */

#define MCG_CTL_P	 (1UL<<8)	/* the MCG_CTL register exists */

#define MCG_STATUS_RIPV  (1UL<<0)	/* execution can resume at rip */
#define MCG_STATUS_EIPV  (1UL<<1)	/* rip is the faulting instruction */
#define MCG_STATUS_MCIP  (1UL<<2)	/* a machine check is being handled */

#define MCI_STATUS_VAL   (1UL<<63)	/* this bank holds an error */
#define MCI_STATUS_OVER  (1UL<<62)	/* an earlier error was overwritten */
#define MCI_STATUS_UC    (1UL<<61)	/* not corrected by hardware */

/* One logged machine check. */
struct mce {
	__u64 status;
	__u64 misc;
	__u64 addr;
	__u64 mcgstatus;
	__u64 rip;
	__u64 tsc;	/* TSC when it was logged */
	__u64 res1;
	__u64 res2;
	__u8  cs;
	__u8  bank;	/* which bank */
	__u8  cpu;	/* which cpu */
	__u8  finished;   /* the record is complete */
	__u32 pad;
};

/*
 * The /dev/mcelog buffer: a fixed array of records; next is where the
 * next one goes.
 */
#define MCE_OVERFLOW 0		/* flags bit: records were dropped */

#define MCE_LOG_LEN 32

struct mce_log {
	char signature[12];
	unsigned len;
	unsigned next;
	unsigned flags;
	unsigned pad0;
	struct mce entry[MCE_LOG_LEN];
};

#define MCE_LOG_SIGNATURE	"MACHINECHECK"

#define MCE_GET_RECORD_LEN   _IOR('M', 1, int)
#define MCE_GET_LOG_LEN      _IOR('M', 2, int)
#define MCE_GETCLEAR_FLAGS   _IOR('M', 3, int)


#endif /* _ASM_X86_64_MCE_H */
