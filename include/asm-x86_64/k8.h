#ifndef _ASM_K8_H
#define _ASM_K8_H 1

/*
 * AMD K8 northbridges: the PCI functions through which the GART and the
 * memory controller of each node are programmed.  Shared by 32- and
 * 64-bit kernels (the i386 tree includes this file).
 */

struct pci_dev;

extern int early_is_k8_nb(unsigned int value);
extern struct pci_dev **k8_northbridges;
extern int num_k8_northbridges;
extern int cache_k8_northbridges(void);
extern void k8_flush_garts(void);

#endif /* _ASM_K8_H */
