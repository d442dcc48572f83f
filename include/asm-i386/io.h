#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/compiler.h>
#include <asm/page.h>

/*
 * Memory-mapped I/O.  ioremap() gives a kernel address for a range of
 * bus addresses; it is __iomem and may only be accessed with readb()
 * and friends, never dereferenced directly.
 */

#define IO_SPACE_LIMIT 0xffff

extern void __iomem *ioremap(unsigned long offset, unsigned long size);
extern void __iomem *ioremap_nocache(unsigned long offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);

static inline unsigned char readb(const volatile void __iomem *addr)
{
	return *(__force volatile unsigned char *)addr;
}

static inline unsigned short readw(const volatile void __iomem *addr)
{
	return *(__force volatile unsigned short *)addr;
}

static inline unsigned int readl(const volatile void __iomem *addr)
{
	return *(__force volatile unsigned int *)addr;
}

static inline void writeb(unsigned char b, volatile void __iomem *addr)
{
	*(__force volatile unsigned char *)addr = b;
}

static inline void writew(unsigned short b, volatile void __iomem *addr)
{
	*(__force volatile unsigned short *)addr = b;
}

static inline void writel(unsigned int b, volatile void __iomem *addr)
{
	*(__force volatile unsigned int *)addr = b;
}

/* Port I/O. */
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

#define virt_to_phys(address)	__pa(address)
#define phys_to_virt(address)	__va(address)

#endif /* _ASM_IO_H */
