#ifndef _DRM_H
#define _DRM_H
#endif
