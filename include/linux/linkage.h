#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

/* Calling-convention and section markers for functions with asm callers. */

#ifdef __cplusplus
#define CPP_ASMLINKAGE extern "C"
#else
#define CPP_ASMLINKAGE
#endif

#ifndef asmlinkage
#define asmlinkage CPP_ASMLINKAGE
#endif

#ifndef fastcall
#define fastcall
#endif

#define __init		__attribute__((__section__(".init.text")))
#define __initdata	__attribute__((__section__(".init.data")))

#endif /* _LINUX_LINKAGE_H */
