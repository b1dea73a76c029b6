/*
 * wlanihv.h - the Native 802.11 IHV extensibility interface: what an IHV
 * extension includes (`#include <wlanihv.h>`) and nothing else.
 *
 * Part of the ihvhost IHV SDK. Windows names, field order, prototypes and
 * values, so one extension source builds as a Windows DLL and as a Linux
 * shared object; on Linux x86-64 WINAPI is empty and the SysV ABI applies.
 *
 * The contract in one paragraph (each member below says its part):
 * the host resolves Dot11ExtIhvGetVersionInfo, then Dot11ExtIhvInitService
 * (the extension copies the DOT11EXT_APIS table and fills all 19 handlers;
 * none may be NULL), then Dot11ExtIhvInitVirtualStation if exported, then
 * InitAdapter per adapter. Pre- and post-association handlers return at
 * once and the extension finishes later, from its own thread, with
 * Dot11ExtPreAssociateCompletion / Dot11ExtPostAssociateCompletion.
 * StopPostAssociate ends a session; no completion may follow it.
 * DeinitService must not return while the extension's threads run or its
 * Dot11ExtAllocateBuffer buffers are unfreed.
 */
#ifndef IHVSDK_WLANIHV_H
#define IHVSDK_WLANIHV_H

#include "minwindef.h"
#include "winerror.h"
#include "winuser.h"
#include "ntddndis.h"
#include "l2cmn.h"
#include "wlanapi.h"
#include "eaptypes.h"
#include "dot1x.h"
#include "wlantypes.h"
#include "windot11.h"
#include "wlanihvtypes.h"
#include "wlclient.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/*
 * The interface versions the extension supports. No numeric version
 * constant exists in any Windows header; 0/0 is the only version defined,
 * and the host refuses an extension whose range does not contain it.
 */
typedef struct _DOT11_IHV_VERSION_INFO {
	DWORD dwVerMin;
	DWORD dwVerMax;
} DOT11_IHV_VERSION_INFO, *PDOT11_IHV_VERSION_INFO;

/* The IHV parts of a profile: UTF-16 XML fragments owned by the host. */
typedef struct _DOT11EXT_IHV_CONNECTIVITY_PROFILE {
	LPWSTR pszXmlFragmentIhvConnectivity;
} DOT11EXT_IHV_CONNECTIVITY_PROFILE, *PDOT11EXT_IHV_CONNECTIVITY_PROFILE;

/* bUseMSOnex: let the Microsoft 802.1X client run (OnexIndicateResult). */
typedef struct _DOT11EXT_IHV_SECURITY_PROFILE {
	LPWSTR pszXmlFragmentIhvSecurity;
	BOOL   bUseMSOnex;
} DOT11EXT_IHV_SECURITY_PROFILE, *PDOT11EXT_IHV_SECURITY_PROFILE;

typedef struct _DOT11EXT_IHV_DISCOVERY_PROFILE {
	DOT11EXT_IHV_CONNECTIVITY_PROFILE IhvConnectivityProfile;
	DOT11EXT_IHV_SECURITY_PROFILE     IhvSecurityProfile;
} DOT11EXT_IHV_DISCOVERY_PROFILE, *PDOT11EXT_IHV_DISCOVERY_PROFILE;

/* pIhvDiscoveryProfiles and its strings come from Dot11ExtAllocateBuffer. */
typedef struct _DOT11EXT_IHV_DISCOVERY_PROFILE_LIST {
	DWORD                           dwCount;
	PDOT11EXT_IHV_DISCOVERY_PROFILE pIhvDiscoveryProfiles;
} DOT11EXT_IHV_DISCOVERY_PROFILE_LIST, *PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST;

typedef enum _DOT11EXT_IHV_CONNECTION_PHASE {
	connection_phase_any                = 0,
	connection_phase_initial_connection = 1,
	connection_phase_post_l3_connection = 2
} DOT11EXT_IHV_CONNECTION_PHASE, *PDOT11EXT_IHV_CONNECTION_PHASE;

/* A UI request: dwByteCount bytes at pvUIRequest for the page UIPageClsid. */
typedef struct _DOT11EXT_IHV_UI_REQUEST {
	DWORD dwSessionId;
	GUID  guidUIRequest;
	CLSID UIPageClsid;
	DWORD dwByteCount;
	BYTE *pvUIRequest;
} DOT11EXT_IHV_UI_REQUEST, *PDOT11EXT_IHV_UI_REQUEST;

typedef enum _DOT11EXT_IHV_INDICATION_TYPE {
	IndicationTypeNicSpecificNotification = 0,
	IndicationTypePmkidCandidateList      = 1,
	IndicationTypeTkipMicFailure          = 2,
	IndicationTypePhyStateChange          = 3,
	IndicationTypeLinkQuality             = 4
} DOT11EXT_IHV_INDICATION_TYPE, *PDOT11EXT_IHV_INDICATION_TYPE;

/*
 * Soft-AP properties for SetVirtualStationAPProperties. Not in the
 * mingw-w64 headers: field order and the 64-byte key buffer follow the
 * public Windows documentation of this structure.
 */
#define DOT11EXT_PSK_MAX_LENGTH 64

typedef struct _DOT11EXT_VIRTUAL_STATION_AP_PROPERTY {
	DOT11_SSID             dot11SSID;
	DOT11_AUTH_ALGORITHM   dot11AuthAlgo;
	DOT11_CIPHER_ALGORITHM dot11CipherAlgo;
	BOOL                   bIsPassPhrase;
	DWORD                  dwKeyLength;
	UCHAR                  ucKeyData[DOT11EXT_PSK_MAX_LENGTH];
} DOT11EXT_VIRTUAL_STATION_AP_PROPERTY, *PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY;

/* ------------------------------------------- host APIs (host -> extension) */

/*
 * Valid after InitService until DeinitService returns. Every buffer the
 * host hands out (and every buffer the extension returns to the host, such
 * as discovery profiles) comes from here; FreeBuffer(NULL) is a no-op.
 */
typedef DWORD (WINAPI *DOT11EXT_ALLOCATE_BUFFER)(DWORD dwByteCount, LPVOID *ppvBuffer);
typedef VOID  (WINAPI *DOT11EXT_FREE_BUFFER)(LPVOID pvMemory);

/* Per-profile data the extension stores with the user's profile. */
typedef DWORD (WINAPI *DOT11EXT_SET_PROFILE_CUSTOM_USER_DATA)(HANDLE hDot11SvcHandle,
	HANDLE hConnectSession, DWORD dwSessionID, DWORD dwDataSize, LPVOID pvData);
/* *ppvData is allocated by the host; free it with Dot11ExtFreeBuffer. */
typedef DWORD (WINAPI *DOT11EXT_GET_PROFILE_CUSTOM_USER_DATA)(HANDLE hDot11SvcHandle,
	HANDLE hConnectSession, DWORD dwSessionID, DWORD *pdwDataSize, LPVOID *ppvData);
/* During pre-association only. */
typedef DWORD (WINAPI *DOT11EXT_SET_CURRENT_PROFILE)(HANDLE hDot11SvcHandle,
	HANDLE hConnectSession, PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile);
typedef DWORD (WINAPI *DOT11EXT_SEND_UI_REQUEST)(HANDLE hDot11SvcHandle,
	PDOT11EXT_IHV_UI_REQUEST pIhvUIRequest);
/*
 * Ends pre-association for hConnectSession (invalid afterwards). Success:
 * dwWin32Error 0 and a reason that is SUCCESS or in the IHV range; failure:
 * both non-zero. Only then does the host start the 802.11 association.
 */
typedef DWORD (WINAPI *DOT11EXT_PRE_ASSOCIATE_COMPLETION)(HANDLE hDot11SvcHandle,
	HANDLE hConnectSession, DWORD dwReasonCode, DWORD dwWin32Error);
/*
 * Ends (or, on re-authentication, updates) post-association: pPeer is the
 * AP; dwWin32Error 0 authorizes the port. Never after StopPostAssociate.
 */
typedef DWORD (WINAPI *DOT11EXT_POST_ASSOCIATE_COMPLETION)(HANDLE hDot11SvcHandle,
	HANDLE hSecuritySessionID, PDOT11_MAC_ADDRESS pPeer, DWORD dwReasonCode,
	DWORD dwWin32Error);
/* pNotificationData must not be NULL. */
typedef DWORD (WINAPI *DOT11EXT_SEND_NOTIFICATION)(HANDLE hDot11SvcHandle,
	PL2_NOTIFICATION_DATA pNotificationData);
/*
 * pvPacket is a DOT11_SECURITY_PACKET_HEADER plus payload; completion is
 * reported through SendPacketCompletion(hSendCompletion).
 */
typedef DWORD (WINAPI *DOT11EXT_SEND_PACKET)(HANDLE hDot11SvcHandle, ULONG uPacketLen,
	LPVOID pvPacket, HANDLE hSendCompletion);
/* Which EtherTypes are exempt from encryption and which reach ReceivePacket. */
typedef DWORD (WINAPI *DOT11EXT_SET_ETHERTYPE_HANDLING)(HANDLE hDot11SvcHandle,
	ULONG uMaxBackLog, ULONG uNumOfExemption, PDOT11_PRIVACY_EXEMPTION pExemption,
	ULONG uNumOfRegistration, USHORT *pusRegistration);
typedef DWORD (WINAPI *DOT11EXT_SET_AUTH_ALGORITHM)(HANDLE hDot11SvcHandle, DWORD dwAuthAlgo);
typedef DWORD (WINAPI *DOT11EXT_SET_UNICAST_CIPHER_ALGORITHM)(HANDLE hDot11SvcHandle,
	DWORD dwUnicastCipherAlgo);
typedef DWORD (WINAPI *DOT11EXT_SET_MULTICAST_CIPHER_ALGORITHM)(HANDLE hDot11SvcHandle,
	DWORD dwMulticastCipherAlgo);
/* dot11Direction must not be DOT11_DIR_OUTBOUND. */
typedef DWORD (WINAPI *DOT11EXT_SET_DEFAULT_KEY)(HANDLE hDot11SvcHandle,
	PDOT11_CIPHER_DEFAULT_KEY_VALUE pKey, DOT11_DIRECTION dot11Direction);
typedef DWORD (WINAPI *DOT11EXT_SET_KEY_MAPPING_KEY)(HANDLE hDot11SvcHandle,
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE pKey);
/* uDefaultKeyId is 0..3. */
typedef DWORD (WINAPI *DOT11EXT_SET_DEFAULT_KEY_ID)(HANDLE hDot11SvcHandle, ULONG uDefaultKeyId);
/*
 * A private request to the driver. *pdwOutBufferSize is the capacity on
 * entry and the bytes written on return; ERROR_NOT_SUPPORTED when the
 * driver has no such path.
 */
typedef DWORD (WINAPI *DOT11EXT_NIC_SPECIFIC_EXTENSION)(HANDLE hDot11SvcHandle,
	DWORD dwInBufferSize, LPVOID pvInBuffer, DWORD *pdwOutBufferSize, LPVOID pvOutBuffer);
typedef DWORD (WINAPI *DOT11EXT_SET_EXCLUDE_UNENCRYPTED)(HANDLE hDot11SvcHandle,
	BOOL bExcludeUnencrypted);
/* Microsoft 802.1X, during post-association only. */
typedef DWORD (WINAPI *DOT11EXT_ONEX_START)(HANDLE hDot11SvcHandle, EAP_ATTRIBUTES *pEapAttributes);
typedef DWORD (WINAPI *DOT11EXT_ONEX_STOP)(HANDLE hDot11SvcHandle);
/* Hands an EAPOL PDU received by the extension to the MS 802.1X client. */
typedef DWORD (WINAPI *DOT11EXT_PROCESS_ONEX_PACKET)(HANDLE hDot11SvcHandle,
	DWORD dwInPacketSize, LPVOID pvInPacket);

/* The host's table; the extension copies it in InitService. 22 entries. */
typedef struct _DOT11EXT_APIS {
	DOT11EXT_ALLOCATE_BUFFER                Dot11ExtAllocateBuffer;
	DOT11EXT_FREE_BUFFER                    Dot11ExtFreeBuffer;
	DOT11EXT_SET_PROFILE_CUSTOM_USER_DATA   Dot11ExtSetProfileCustomUserData;
	DOT11EXT_GET_PROFILE_CUSTOM_USER_DATA   Dot11ExtGetProfileCustomUserData;
	DOT11EXT_SET_CURRENT_PROFILE            Dot11ExtSetCurrentProfile;
	DOT11EXT_SEND_UI_REQUEST                Dot11ExtSendUIRequest;
	DOT11EXT_PRE_ASSOCIATE_COMPLETION       Dot11ExtPreAssociateCompletion;
	DOT11EXT_POST_ASSOCIATE_COMPLETION      Dot11ExtPostAssociateCompletion;
	DOT11EXT_SEND_NOTIFICATION              Dot11ExtSendNotification;
	DOT11EXT_SEND_PACKET                    Dot11ExtSendPacket;
	DOT11EXT_SET_ETHERTYPE_HANDLING         Dot11ExtSetEtherTypeHandling;
	DOT11EXT_SET_AUTH_ALGORITHM             Dot11ExtSetAuthAlgorithm;
	DOT11EXT_SET_UNICAST_CIPHER_ALGORITHM   Dot11ExtSetUnicastCipherAlgorithm;
	DOT11EXT_SET_MULTICAST_CIPHER_ALGORITHM Dot11ExtSetMulticastCipherAlgorithm;
	DOT11EXT_SET_DEFAULT_KEY                Dot11ExtSetDefaultKey;
	DOT11EXT_SET_KEY_MAPPING_KEY            Dot11ExtSetKeyMappingKey;
	DOT11EXT_SET_DEFAULT_KEY_ID             Dot11ExtSetDefaultKeyId;
	DOT11EXT_NIC_SPECIFIC_EXTENSION         Dot11ExtNicSpecificExtension;
	DOT11EXT_SET_EXCLUDE_UNENCRYPTED        Dot11ExtSetExcludeUnencrypted;
	DOT11EXT_ONEX_START                     Dot11ExtStartOneX;
	DOT11EXT_ONEX_STOP                      Dot11ExtStopOneX;
	DOT11EXT_PROCESS_ONEX_PACKET            Dot11ExtProcessSecurityPacket;
} DOT11EXT_APIS, *PDOT11EXT_APIS;

/* ------------------------------------- handlers (extension, host calls) */

/* Last call: join every thread, free every buffer, then return. */
typedef VOID  (WINAPI *DOT11EXTIHV_DEINIT_SERVICE)(VOID);
/*
 * A new adapter. hDot11SvcHandle is the host's handle for every adapter
 * API until DeinitAdapter begins; the extension returns its own handle in
 * *phIhvExtAdapter, which the host passes to every adapter handler.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_ADAPTER)(PDOT11_ADAPTER pDot11Adapter,
	HANDLE hDot11SvcHandle, PHANDLE phIhvExtAdapter);
/* hDot11SvcHandle is invalid from the moment this is called. */
typedef VOID  (WINAPI *DOT11EXTIHV_DEINIT_ADAPTER)(HANDLE hIhvExtAdapter);
/*
 * Returns at once; finishes with Dot11ExtPreAssociateCompletion. The
 * parameters are valid only during the call; pConnectableBssid is a
 * DOT11_BSS_LIST of DOT11_BSS_ENTRY records.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_PRE_ASSOCIATE)(HANDLE hIhvExtAdapter,
	HANDLE hConnectSession, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDOT11_BSS_LIST pConnectableBssid,
	PDWORD pdwReasonCode);
/*
 * Disconnect request or reset: back to the just-initialised state; pending
 * pre/post-association are completed with ERROR_CANCELLED.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_ADAPTER_RESET)(HANDLE hIhvExtAdapter);
/*
 * Associated, port unauthorized. Returns at once; finishes with
 * Dot11ExtPostAssociateCompletion(pPeer = AP). pDot11AssocParams is
 * uDot11AssocParamsBytes long (offsets inside it count from its start).
 */
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_POST_ASSOCIATE)(HANDLE hIhvExtAdapter,
	HANDLE hSecuritySessionID, PDOT11_PORT_STATE pPortState,
	ULONG uDot11AssocParamsBytes, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams);
/*
 * The association with pPeer is gone (disassociation, roam, adapter
 * removal before DeinitAdapter), completed or not; dot11AssocStatus says
 * why. No PostAssociateCompletion for that session may follow.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_STOP_POST_ASSOCIATE)(HANDLE hIhvExtAdapter,
	PDOT11_MAC_ADDRESS pPeer, DOT11_ASSOC_STATUS dot11AssocStatus);
typedef DWORD (WINAPI *DOT11EXTIHV_VALIDATE_PROFILE)(HANDLE hIhvExtAdapter,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDWORD pdwReasonCode);
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_CAPABILITY_MATCH)(HANDLE hIhvExtAdapter,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDOT11_BSS_LIST pConnectableBssid,
	PDWORD pdwReasonCode);
/* Fills pIhvDiscoveryProfileList with Dot11ExtAllocateBuffer memory. */
typedef DWORD (WINAPI *DOT11EXTIHV_CREATE_DISCOVERY_PROFILES)(HANDLE hIhvExtAdapter,
	BOOL bInsecure, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList, PDWORD pdwReasonCode);
/* uEventType is a WTS_* code (winuser.h). */
typedef DWORD (WINAPI *DOT11EXTIHV_PROCESS_SESSION_CHANGE)(ULONG uEventType,
	PWTSSESSION_NOTIFICATION pSessionNotification);
typedef DWORD (WINAPI *DOT11EXTIHV_RECEIVE_INDICATION)(HANDLE hIhvExtAdapter,
	DOT11EXT_IHV_INDICATION_TYPE indicationType, ULONG uBufferLength, LPVOID pvBuffer);
/* pvInBuffer is a DOT11_SECURITY_PACKET_HEADER plus payload. */
typedef DWORD (WINAPI *DOT11EXTIHV_RECEIVE_PACKET)(HANDLE hIhvExtAdapter,
	DWORD dwInBufferSize, LPVOID pvInBuffer);
typedef DWORD (WINAPI *DOT11EXTIHV_SEND_PACKET_COMPLETION)(HANDLE hSendCompletion);
typedef DWORD (WINAPI *DOT11EXTIHV_IS_UI_REQUEST_PENDING)(GUID guidUIRequest,
	PBOOL pbIsRequestPending);
typedef DWORD (WINAPI *DOT11EXTIHV_PROCESS_UI_RESPONSE)(GUID guidUIRequest,
	DWORD dwByteCount, LPVOID pvResponseBuffer);
/* *ppIhvUIRequest comes from Dot11ExtAllocateBuffer; the host frees it. */
typedef DWORD (WINAPI *DOT11EXTIHV_QUERY_UI_REQUEST)(HANDLE hIhvExtAdapter,
	DOT11EXT_IHV_CONNECTION_PHASE connectionPhase, PDOT11EXT_IHV_UI_REQUEST *ppIhvUIRequest);
typedef DWORD (WINAPI *DOT11EXTIHV_ONEX_INDICATE_RESULT)(HANDLE hIhvExtAdapter,
	DOT11_MSONEX_RESULT msOneXResult, PDOT11_MSONEX_RESULT_PARAMS pDot11MsOneXResultParams);
typedef DWORD (WINAPI *DOT11EXTIHV_CONTROL)(HANDLE hIhvExtAdapter, DWORD dwInBufferSize,
	PBYTE pInBuffer, DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned);

/* The extension's table, filled by InitService. 19 entries, none NULL. */
typedef struct _DOT11EXT_IHV_HANDLERS {
	DOT11EXTIHV_DEINIT_SERVICE            Dot11ExtIhvDeinitService;
	DOT11EXTIHV_INIT_ADAPTER              Dot11ExtIhvInitAdapter;
	DOT11EXTIHV_DEINIT_ADAPTER            Dot11ExtIhvDeinitAdapter;
	DOT11EXTIHV_PERFORM_PRE_ASSOCIATE     Dot11ExtIhvPerformPreAssociate;
	DOT11EXTIHV_ADAPTER_RESET             Dot11ExtIhvAdapterReset;
	DOT11EXTIHV_PERFORM_POST_ASSOCIATE    Dot11ExtIhvPerformPostAssociate;
	DOT11EXTIHV_STOP_POST_ASSOCIATE       Dot11ExtIhvStopPostAssociate;
	DOT11EXTIHV_VALIDATE_PROFILE          Dot11ExtIhvValidateProfile;
	DOT11EXTIHV_PERFORM_CAPABILITY_MATCH  Dot11ExtIhvPerformCapabilityMatch;
	DOT11EXTIHV_CREATE_DISCOVERY_PROFILES Dot11ExtIhvCreateDiscoveryProfiles;
	DOT11EXTIHV_PROCESS_SESSION_CHANGE    Dot11ExtIhvProcessSessionChange;
	DOT11EXTIHV_RECEIVE_INDICATION        Dot11ExtIhvReceiveIndication;
	DOT11EXTIHV_RECEIVE_PACKET            Dot11ExtIhvReceivePacket;
	DOT11EXTIHV_SEND_PACKET_COMPLETION    Dot11ExtIhvSendPacketCompletion;
	DOT11EXTIHV_IS_UI_REQUEST_PENDING     Dot11ExtIhvIsUIRequestPending;
	DOT11EXTIHV_PROCESS_UI_RESPONSE       Dot11ExtIhvProcessUIResponse;
	DOT11EXTIHV_QUERY_UI_REQUEST          Dot11ExtIhvQueryUIRequest;
	DOT11EXTIHV_ONEX_INDICATE_RESULT      Dot11ExtIhvOnexIndicateResult;
	DOT11EXTIHV_CONTROL                   Dot11ExtIhvControl;
} DOT11EXT_IHV_HANDLERS, *PDOT11EXT_IHV_HANDLERS;

/* ------------------------------------------- virtual-station APIs */

typedef DWORD (WINAPI *DOT11EXT_REQUEST_VIRTUAL_STATION)(HANDLE hDot11PrimaryHandle,
	LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_RELEASE_VIRTUAL_STATION)(HANDLE hDot11PrimaryHandle,
	LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_QUERY_VIRTUAL_STATION_PROPERTIES)(HANDLE hDot11SvcHandle,
	BOOL *pbIsVirtualStation, GUID *pgPrimary, LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_SET_VIRTUAL_STATION_AP_PROPERTIES)(HANDLE hDot11SvcHandle,
	HANDLE hConnectSession, DWORD dwNumProperties,
	PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY pProperties, LPVOID pvReserved);

typedef struct _DOT11EXT_VIRTUAL_STATION_APIS {
	DOT11EXT_REQUEST_VIRTUAL_STATION           Dot11ExtRequestVirtualStation;
	DOT11EXT_RELEASE_VIRTUAL_STATION           Dot11ExtReleaseVirtualStation;
	DOT11EXT_QUERY_VIRTUAL_STATION_PROPERTIES  Dot11ExtQueryVirtualStationProperties;
	DOT11EXT_SET_VIRTUAL_STATION_AP_PROPERTIES Dot11ExtSetVirtualStationAPProperties;
} DOT11EXT_VIRTUAL_STATION_APIS, *PDOT11EXT_VIRTUAL_STATION_APIS;

/* ------------------------------------------- exported entry points */

/* Resolved by these names (dlsym on Linux, GetProcAddress on Windows). */
#define IHV_VERSION_FUNCTION_NAME "Dot11ExtIhvGetVersionInfo"
#define IHV_INIT_FUNCTION_NAME    "Dot11ExtIhvInitService"
#define IHV_INIT_VS_FUNCTION_NAME "Dot11ExtIhvInitVirtualStation"

/* First call: the extension reports the interface versions it supports. */
typedef DWORD (WINAPI *DOT11EXTIHV_GET_VERSION_INFO)(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo);
/*
 * dwVerNumUsed is the version the host chose inside [dwVerMin, dwVerMax].
 * pDot11ExtAPI is valid only during the call: copy it. Fill every member
 * of pDot11IHVHandlers.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_SERVICE)(DWORD dwVerNumUsed,
	PDOT11EXT_APIS pDot11ExtAPI, LPVOID pvReserved,
	PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers);
/* Optional; after InitService and before any InitAdapter. */
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_VIRTUAL_STATION)(
	PDOT11EXT_VIRTUAL_STATION_APIS pDot11ExtVSAPI, LPVOID pvReserved);

/*
 * The entry points an extension defines (declared here so an extension
 * built with -Wmissing-prototypes needs no declarations of its own; the
 * host never defines them, it resolves them by name).
 */
DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo);
DWORD WINAPI Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI,
	LPVOID pvReserved, PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers);
DWORD WINAPI Dot11ExtIhvInitVirtualStation(PDOT11EXT_VIRTUAL_STATION_APIS pDot11ExtVSAPI,
	LPVOID pvReserved);

/* ------------------------------------------- layout checks (x86-64) */

IHVSDK_STATIC_ASSERT(sizeof(DOT11_IHV_VERSION_INFO) == 8, "DOT11_IHV_VERSION_INFO is 8 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_APIS) == 22 * sizeof(void *), "DOT11EXT_APIS has 22 entries");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_APIS) == 176, "DOT11EXT_APIS is 176 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_IHV_HANDLERS) == 19 * sizeof(void *), "DOT11EXT_IHV_HANDLERS has 19 entries");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_IHV_HANDLERS) == 152, "DOT11EXT_IHV_HANDLERS is 152 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_VIRTUAL_STATION_APIS) == 32, "DOT11EXT_VIRTUAL_STATION_APIS is 32 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvStopPostAssociate) == 6 * sizeof(void *), "StopPostAssociate is handler 7");
IHVSDK_STATIC_ASSERT(offsetof(DOT11EXT_APIS, Dot11ExtPostAssociateCompletion) == 7 * sizeof(void *), "PostAssociateCompletion is API 8");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_IHV_UI_REQUEST) == 48, "DOT11EXT_IHV_UI_REQUEST is 48 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11EXT_VIRTUAL_STATION_AP_PROPERTY) == 116, "DOT11EXT_VIRTUAL_STATION_AP_PROPERTY is 116 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WLANIHV_H */
