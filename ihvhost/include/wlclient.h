/*
 * wlclient.h - what the WLAN service tells an extension about an adapter,
 * its scan results, its port, its security packets and the outcome of the
 * Microsoft 802.1X client.
 *
 * Part of the ihvhost IHV SDK (Windows names, field order and values).
 * mingw-w64 ships no wlclient.h: these structures follow the public
 * Windows documentation and the reference's field lists; DOT11_EAP_RESULT
 * and DOT11_MSONEX_RESULT_PARAMS are given as documented, with the 802.1X
 * types they use defined minimally in dot1x.h.
 */
#ifndef IHVSDK_WLCLIENT_H
#define IHVSDK_WLCLIENT_H

#include "minwindef.h"
#include "dot1x.h"
#include "eaptypes.h"
#include "windot11.h"

#ifdef __cplusplus
extern "C" {
#endif

/* gAdapterId identifies the adapter; pszDescription is UTF-16, NUL-ended. */
typedef struct _DOT11_ADAPTER {
	GUID                         gAdapterId;
	LPWSTR                       pszDescription;
	DOT11_CURRENT_OPERATION_MODE Dot11CurrentOpMode;
} DOT11_ADAPTER, *PDOT11_ADAPTER;

/* uNumOfBytes bytes of back-to-back variable-length DOT11_BSS_ENTRY records. */
typedef struct _DOT11_BSS_LIST {
	ULONG  uNumOfBytes;
	PUCHAR pucBuffer;
} DOT11_BSS_LIST, *PDOT11_BSS_LIST;

/* The 802.1X port opened towards PeerMacAddress (the AP) on association. */
typedef struct _DOT11_PORT_STATE {
	DOT11_MAC_ADDRESS PeerMacAddress;
	ULONG             uSessionId;
	BOOL              bPortControlled;
	BOOL              bPortAuthorized;
} DOT11_PORT_STATE, *PDOT11_PORT_STATE;

/*
 * A security packet as SendPacket sends and ReceivePacket delivers it: the
 * peer, the EtherType in network byte order, then the payload. Byte-packed
 * on Windows, so the payload starts at offset 8.
 */
#pragma pack(push, 1)
typedef struct _DOT11_SECURITY_PACKET_HEADER {
	DOT11_MAC_ADDRESS PeerMac;
	USHORT            usEtherType;
	UCHAR             Data[1];
} DOT11_SECURITY_PACKET_HEADER, *PDOT11_SECURITY_PACKET_HEADER;
#pragma pack(pop)

typedef struct _DOT11_EAP_RESULT {
	UINT32          dwFailureReasonCode;
	EAP_ATTRIBUTES *pAttribArray;
} DOT11_EAP_RESULT, *PDOT11_EAP_RESULT;

typedef enum _DOT11_MSONEX_RESULT {
	DOT11_MSONEX_SUCCESS     = 0,
	DOT11_MSONEX_FAILURE     = 1,
	DOT11_MSONEX_IN_PROGRESS = 2
} DOT11_MSONEX_RESULT, *PDOT11_MSONEX_RESULT;

/* Result of MS 802.1X; the MPPE keys are the derived session keys. */
typedef struct _DOT11_MSONEX_RESULT_PARAMS {
	ONEX_AUTH_STATUS  Dot11OnexAuthStatus;
	ONEX_REASON_CODE  Dot11OneXReasonCode;
	PBYTE             pbMPPESendKey;
	DWORD             dwMPPESendKeyLen;
	PBYTE             pbMPPERecvKey;
	DWORD             dwMPPERecvKeyLen;
	PDOT11_EAP_RESULT pDot11EapResult;
} DOT11_MSONEX_RESULT_PARAMS, *PDOT11_MSONEX_RESULT_PARAMS;

IHVSDK_STATIC_ASSERT(sizeof(DOT11_ADAPTER) == 32, "DOT11_ADAPTER is 32 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_BSS_LIST) == 16, "DOT11_BSS_LIST is 16 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_PORT_STATE) == 20, "DOT11_PORT_STATE is 20 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_SECURITY_PACKET_HEADER, usEtherType) == 6, "packed: EtherType at 6");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_SECURITY_PACKET_HEADER, Data) == 8, "packed: 8-byte header then data");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_SECURITY_PACKET_HEADER) == 9, "packed: 8 + one data byte");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_MSONEX_RESULT_PARAMS) == 48, "DOT11_MSONEX_RESULT_PARAMS is 48 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WLCLIENT_H */
