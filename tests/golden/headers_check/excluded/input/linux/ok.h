#ifndef _LINUX_OK_H
#define _LINUX_OK_H
#endif
