#ifndef _LINUX_A_H
#define _LINUX_A_H
#include <linux/types.h>
#include <linux/not_exported.h>
#include <drm/missing.h>
#include <sys/socket.h>
#endif
