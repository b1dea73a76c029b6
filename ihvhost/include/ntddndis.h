/*
 * ntddndis.h - ONLY the NDIS object header that versions the 802.11
 * structures (the rest of the Windows header is driver-side and absent).
 *
 * Part of the ihvhost IHV SDK (Windows names and values).
 */
#ifndef IHVSDK_NTDDNDIS_H
#define IHVSDK_NTDDNDIS_H

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Type says which kind of object follows, Revision/Size which version. */
typedef struct _NDIS_OBJECT_HEADER {
	UCHAR  Type;
	UCHAR  Revision;
	USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

#define NDIS_OBJECT_TYPE_DEFAULT 0x80

IHVSDK_STATIC_ASSERT(sizeof(NDIS_OBJECT_HEADER) == 4, "NDIS_OBJECT_HEADER is 4 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_NTDDNDIS_H */
