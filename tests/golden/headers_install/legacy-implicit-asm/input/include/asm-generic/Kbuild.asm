header-y += errno.h
