#ifndef _ASM_I386_DEBUGREG_H
#define _ASM_I386_DEBUGREG_H

/*
 * The debug registers: DR0-DR3 hold breakpoint addresses, DR6 says which
 * one fired, DR7 enables them and sets each one's kind and length.
 */
#define DR_FIRSTADDR	0
#define DR_LASTADDR	3

#define DR_STATUS	6
#define DR_CONTROL	7

#define DR_TRAP0	(0x1)		/* DR0 fired */
#define DR_TRAP1	(0x2)
#define DR_TRAP2	(0x4)
#define DR_TRAP3	(0x8)

#define DR_STEP		(0x4000)	/* single step */
#define DR_SWITCH	(0x8000)	/* task switch */

#define DR_CONTROL_SHIFT 16
#define DR_CONTROL_SIZE	4

#define DR_RW_EXECUTE	(0x0)
#define DR_RW_WRITE	(0x1)
#define DR_RW_READ	(0x3)

#define DR_LEN_1	(0x0)
#define DR_LEN_2	(0x4)
#define DR_LEN_4	(0xC)

#define DR_LOCAL_ENABLE_SHIFT	0
#define DR_GLOBAL_ENABLE_SHIFT	1
#define DR_ENABLE_SIZE		2

#define DR_LOCAL_ENABLE_MASK	(0x55)
#define DR_GLOBAL_ENABLE_MASK	(0xAA)

#define DR_CONTROL_RESERVED	(0xFC00)	/* must be zero */

#endif /* _ASM_I386_DEBUGREG_H */
