/*
 * wlanihvtypes.h - the Microsoft part of a profile that the service hands
 * to the extension: SSID list, BSS type and the MS security settings.
 *
 * Part of the ihvhost IHV SDK (Windows names, field order and values).
 */
#ifndef IHVSDK_WLANIHVTYPES_H
#define IHVSDK_WLANIHVTYPES_H

#include "minwindef.h"
#include "eaptypes.h"
#include "wlantypes.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MS_MAX_PROFILE_NAME_LENGTH 256
#define MS_PROFILE_GROUP_POLICY    0x00000001
#define MS_PROFILE_USER            0x00000002

/* pEapConnectionData is dwEapConnectionDataLen bytes of EAP method config. */
typedef struct _DOT11_MSSECURITY_SETTINGS {
	DOT11_AUTH_ALGORITHM   dot11AuthAlgorithm;
	DOT11_CIPHER_ALGORITHM dot11CipherAlgorithm;
	BOOL                   fOneXEnabled;
	EAP_METHOD_TYPE        eapMethodType;
	DWORD                  dwEapConnectionDataLen;
	BYTE                  *pEapConnectionData;
} DOT11_MSSECURITY_SETTINGS, *PDOT11_MSSECURITY_SETTINGS;

/* ulCount entries; SSIDs[1] is the Windows spelling of a trailing array. */
typedef struct _DOT11EXT_IHV_SSID_LIST {
	ULONG      ulCount;
	DOT11_SSID SSIDs[1];
} DOT11EXT_IHV_SSID_LIST, *PDOT11EXT_IHV_SSID_LIST;

typedef struct _DOT11EXT_IHV_PROFILE_PARAMS {
	PDOT11EXT_IHV_SSID_LIST    pSsidList;
	DOT11_BSS_TYPE             BssType;
	PDOT11_MSSECURITY_SETTINGS pMSSecuritySettings;
} DOT11EXT_IHV_PROFILE_PARAMS, *PDOT11EXT_IHV_PROFILE_PARAMS;

typedef struct _DOT11EXT_IHV_PARAMS {
	DOT11EXT_IHV_PROFILE_PARAMS dot11ExtIhvProfileParams;
	WCHAR                       wstrProfileName[MS_MAX_PROFILE_NAME_LENGTH];
	DWORD                       dwProfileTypeFlags;
	GUID                        interfaceGuid;
} DOT11EXT_IHV_PARAMS, *PDOT11EXT_IHV_PARAMS;

IHVSDK_STATIC_ASSERT(offsetof(DOT11_MSSECURITY_SETTINGS, pEapConnectionData) == 32, "pEapConnectionData at 32");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_IHV_SSID_LIST) == 40, "one-entry SSID list is 40 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_IHV_PROFILE_PARAMS) == 24, "DOT11EXT_IHV_PROFILE_PARAMS is 24 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WLANIHVTYPES_H */
