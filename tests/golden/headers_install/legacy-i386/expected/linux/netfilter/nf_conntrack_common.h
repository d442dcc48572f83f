#ifndef _LINUX_NF_CONNTRACK_COMMON_H
#define _LINUX_NF_CONNTRACK_COMMON_H
enum ip_conntrack_info { IP_CT_ESTABLISHED };
#endif
