/*
 * l2cmn.h - layer-2 notification sources, reason-code groups and the
 * notification record an extension sends with Dot11ExtSendNotification.
 *
 * Part of the ihvhost IHV SDK (Windows names and values).
 */
#ifndef IHVSDK_L2CMN_H
#define IHVSDK_L2CMN_H

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define L2_NOTIFICATION_SOURCE_NONE             0x00000000
#define L2_NOTIFICATION_SOURCE_DOT3_AUTO_CONFIG 0x00000001
#define L2_NOTIFICATION_SOURCE_SECURITY         0x00000002
#define L2_NOTIFICATION_SOURCE_ONEX             0x00000004
#define L2_NOTIFICATION_SOURCE_WLAN_ACM         0x00000008
#define L2_NOTIFICATION_SOURCE_WLAN_MSM         0x00000010
#define L2_NOTIFICATION_SOURCE_WLAN_SECURITY    0x00000020
#define L2_NOTIFICATION_SOURCE_WLAN_IHV         0x00000040
#define L2_NOTIFICATION_SOURCE_WLAN_HNWK        0x00000080
#define L2_NOTIFICATION_SOURCE_ALL              0x0000ffff

/*
 * Reason codes are grouped in 64 Ki blocks by the component that raised
 * them; an extension reports its own failures in the IHV block
 * [L2_REASON_CODE_IHV_BASE, L2_REASON_CODE_IHV_BASE + 0xffff].
 */
#define L2_REASON_CODE_GROUP_SIZE         0x10000
#define L2_REASON_CODE_GEN_BASE           0x10000
#define L2_REASON_CODE_DOT11_AC_BASE      (L2_REASON_CODE_GEN_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT11_MSM_BASE     (L2_REASON_CODE_DOT11_AC_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT11_SECURITY_BASE (L2_REASON_CODE_DOT11_MSM_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_ONEX_BASE          (L2_REASON_CODE_DOT11_SECURITY_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT3_AC_BASE       (L2_REASON_CODE_ONEX_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT3_MSM_BASE      (L2_REASON_CODE_DOT3_AC_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_PROFILE_BASE       (L2_REASON_CODE_DOT3_MSM_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_IHV_BASE           (L2_REASON_CODE_PROFILE_BASE + L2_REASON_CODE_GROUP_SIZE)

#define L2_REASON_CODE_SUCCESS            0
#define L2_REASON_CODE_UNKNOWN            (L2_REASON_CODE_GEN_BASE + 1)
#define L2_REASON_CODE_PROFILE_MISSING    0x00000001

/* What Dot11ExtSendNotification carries (pData is dwDataSize bytes). */
typedef struct _L2_NOTIFICATION_DATA {
	DWORD NotificationSource;
	DWORD NotificationCode;
	GUID  InterfaceGuid;
	DWORD dwDataSize;
	PVOID pData;
} L2_NOTIFICATION_DATA, *PL2_NOTIFICATION_DATA;

IHVSDK_STATIC_ASSERT(L2_REASON_CODE_IHV_BASE == 0x90000, "IHV reason block starts at 0x90000");
IHVSDK_STATIC_ASSERT(sizeof(L2_NOTIFICATION_DATA) == 40, "L2_NOTIFICATION_DATA is 40 bytes on x86-64");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_L2CMN_H */
