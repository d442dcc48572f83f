#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/compiler.h>
#include <asm/page.h>

/*
 * I/O on x86_64: port I/O with in/out, memory-mapped I/O through
 * ioremap()ed __iomem addresses and the read/write accessors.
 */

#define IO_SPACE_LIMIT 0xffff

extern void __iomem *__ioremap(unsigned long offset, unsigned long size, unsigned long flags);

static inline void __iomem *ioremap(unsigned long offset, unsigned long size)
{
	return __ioremap(offset, size, 0);
}

extern void __iomem *ioremap_nocache(unsigned long offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);

#define __raw_readb(addr)	(*(__force volatile unsigned char *)(addr))
#define __raw_readw(addr)	(*(__force volatile unsigned short *)(addr))
#define __raw_readl(addr)	(*(__force volatile unsigned int *)(addr))
#define __raw_readq(addr)	(*(__force volatile unsigned long *)(addr))
#define readb(addr)		__raw_readb(addr)
#define readw(addr)		__raw_readw(addr)
#define readl(addr)		__raw_readl(addr)
#define readq(addr)		__raw_readq(addr)

#define __raw_writeb(b, addr)	(*(__force volatile unsigned char *)(addr) = (b))
#define __raw_writew(b, addr)	(*(__force volatile unsigned short *)(addr) = (b))
#define __raw_writel(b, addr)	(*(__force volatile unsigned int *)(addr) = (b))
#define __raw_writeq(b, addr)	(*(__force volatile unsigned long *)(addr) = (b))
#define writeb(b, addr)		__raw_writeb(b, addr)
#define writew(b, addr)		__raw_writew(b, addr)
#define writel(b, addr)		__raw_writel(b, addr)
#define writeq(b, addr)		__raw_writeq(b, addr)

static inline void outb(unsigned char value, unsigned short port)
{
	__asm__ __volatile__("outb %b0, %w1" : : "a" (value), "Nd" (port));
}

static inline unsigned char inb(unsigned short port)
{
	unsigned char value;

	__asm__ __volatile__("inb %w1, %b0" : "=a" (value) : "Nd" (port));
	return value;
}

static inline unsigned long virt_to_phys(volatile void *address)
{
	return __pa(address);
}

static inline void *phys_to_virt(unsigned long address)
{
	return __va(address);
}

#endif /* _ASM_IO_H */
