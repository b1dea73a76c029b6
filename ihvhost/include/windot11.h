/*
 * windot11.h - the Native 802.11 types an IHV extension sees: MAC address,
 * PHY type, operation mode, BSS entries, privacy exemptions, cipher keys,
 * DOT11_ASSOC_STATUS, the association-completion parameters and the
 * payloads of Dot11ExtIhvReceiveIndication (DOT11EXT_IHV_INDICATION_TYPE).
 *
 * Part of the ihvhost IHV SDK (Windows names, field order and values;
 * natural alignment as on Windows x86-64).
 */
#ifndef IHVSDK_WINDOT11_H
#define IHVSDK_WINDOT11_H

#include "minwindef.h"
#include "ntddndis.h"
#include "wlantypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An array type, so PDOT11_MAC_ADDRESS is a pointer to 6 bytes. */
typedef UCHAR DOT11_MAC_ADDRESS[6];
typedef DOT11_MAC_ADDRESS *PDOT11_MAC_ADDRESS;

IHVSDK_WIDE_ENUM_BEGIN
typedef enum _DOT11_PHY_TYPE {
	dot11_phy_type_unknown    = 0,
	dot11_phy_type_any        = dot11_phy_type_unknown,
	dot11_phy_type_fhss       = 1,
	dot11_phy_type_dsss       = 2,
	dot11_phy_type_irbaseband = 3,
	dot11_phy_type_ofdm       = 4,
	dot11_phy_type_hrdsss     = 5,
	dot11_phy_type_erp        = 6,
	dot11_phy_type_ht         = 7,
	dot11_phy_type_vht        = 8,
	dot11_phy_type_dmg        = 9,
	dot11_phy_type_he         = 10,
	dot11_phy_type_IHV_start  = 0x80000000,
	dot11_phy_type_IHV_end    = 0xffffffff
} DOT11_PHY_TYPE, *PDOT11_PHY_TYPE;
IHVSDK_WIDE_ENUM_END

/* uCurrentOpMode bits. */
#define DOT11_OPERATION_MODE_UNKNOWN            0x00000000
#define DOT11_OPERATION_MODE_STATION            0x00000001
#define DOT11_OPERATION_MODE_AP                 0x00000002
#define DOT11_OPERATION_MODE_EXTENSIBLE_STATION 0x00000004
#define DOT11_OPERATION_MODE_EXTENSIBLE_AP      0x00000008
#define DOT11_OPERATION_MODE_NETWORK_MONITOR    0x80000000

typedef struct _DOT11_CURRENT_OPERATION_MODE {
	ULONG uReserved;
	ULONG uCurrentOpMode;
} DOT11_CURRENT_OPERATION_MODE, *PDOT11_CURRENT_OPERATION_MODE;

/* Channel centre frequency (MHz) for every PHY but frequency hopping. */
typedef union DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO {
	ULONG uChCenterFrequency;
	struct {
		ULONG uHopPattern;
		ULONG uHopSet;
		ULONG uDwellTime;
	} FHSS;
} DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO, *PDOT11_BSS_ENTRY_PHY_SPECIFIC_INFO;

/*
 * One scan result. Entries are variable length: uBufferLength bytes of
 * beacon/probe-response IEs start at ucBuffer, and the next entry follows
 * at offsetof(DOT11_BSS_ENTRY, ucBuffer) + uBufferLength (see DOT11_BSS_LIST
 * in wlclient.h). ucBuffer[1] is the Windows spelling of a trailing array.
 */
typedef struct DOT11_BSS_ENTRY {
	ULONG                             uPhyId;
	DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO PhySpecificInfo;
	DOT11_MAC_ADDRESS                 dot11BSSID;
	DOT11_BSS_TYPE                    dot11BSSType;
	LONG                              lRSSI;
	ULONG                             uLinkQuality;
	BOOLEAN                           bInRegDomain;
	USHORT                            usBeaconPeriod;
	ULONGLONG                         ullTimestamp;
	ULONGLONG                         ullHostTimestamp;
	USHORT                            usCapabilityInformation;
	ULONG                             uBufferLength;
	UCHAR                             ucBuffer[1];
} DOT11_BSS_ENTRY, *PDOT11_BSS_ENTRY;

/* DOT11_PRIVACY_EXEMPTION.usExemptionActionType */
#define DOT11_EXEMPT_NO_EXEMPTION                   0
#define DOT11_EXEMPT_ALWAYS                         1
#define DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE 2
/* DOT11_PRIVACY_EXEMPTION.usExemptionPacketType */
#define DOT11_EXEMPT_UNICAST   1
#define DOT11_EXEMPT_MULTICAST 2
#define DOT11_EXEMPT_BOTH      3

/* usEtherType is in network byte order (big-endian), as on the wire. */
typedef struct DOT11_PRIVACY_EXEMPTION {
	USHORT usEtherType;
	USHORT usExemptionActionType;
	USHORT usExemptionPacketType;
} DOT11_PRIVACY_EXEMPTION, *PDOT11_PRIVACY_EXEMPTION;

typedef enum DOT11_DIRECTION {
	DOT11_DIR_INBOUND  = 1,
	DOT11_DIR_OUTBOUND = 2,
	DOT11_DIR_BOTH     = 3
} DOT11_DIRECTION, *PDOT11_DIRECTION;

#define DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1 1

/* A group (default) key: usKeyLength bytes at ucKey. */
typedef struct DOT11_CIPHER_DEFAULT_KEY_VALUE {
	NDIS_OBJECT_HEADER     Header;
	ULONG                  uKeyIndex;
	DOT11_CIPHER_ALGORITHM AlgorithmId;
	DOT11_MAC_ADDRESS      MacAddr;
	BOOLEAN                bDelete;
	BOOLEAN                bStatic;
	USHORT                 usKeyLength;
	UCHAR                  ucKey[1];
} DOT11_CIPHER_DEFAULT_KEY_VALUE, *PDOT11_CIPHER_DEFAULT_KEY_VALUE;

/* A pairwise key for PeerMacAddr: usKeyLength bytes at ucKey. */
typedef struct DOT11_CIPHER_KEY_MAPPING_KEY_VALUE {
	DOT11_MAC_ADDRESS      PeerMacAddr;
	DOT11_CIPHER_ALGORITHM AlgorithmId;
	DOT11_DIRECTION        Direction;
	BOOLEAN                bDelete;
	BOOLEAN                bStatic;
	USHORT                 usKeyLength;
	UCHAR                  ucKey[1];
} DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, *PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE;

/*
 * What ucKey of a key-mapping or default key holds, per AlgorithmId:
 * WEP: the key bytes alone. CCMP: DOT11_KEY_ALGO_CCMP; TKIP:
 * DOT11_KEY_ALGO_TKIP_MIC. ucIV48Counter is the initial receive packet
 * number (the EAPOL-Key RSC), least significant byte first.
 */
typedef struct DOT11_KEY_ALGO_CCMP {
	UCHAR ucIV48Counter[6];
	ULONG ulCCMPKeyLength;
	UCHAR ucCCMPKey[1];
} DOT11_KEY_ALGO_CCMP, *PDOT11_KEY_ALGO_CCMP;

/* ucTKIPMICKeys: ulTKIPKeyLength bytes of TKIP key, then ulMICKeyLength
 * bytes of Michael keys. */
typedef struct DOT11_KEY_ALGO_TKIP_MIC {
	UCHAR ucIV48Counter[6];
	ULONG ulTKIPKeyLength;
	ULONG ulMICKeyLength;
	UCHAR ucTKIPMICKeys[1];
} DOT11_KEY_ALGO_TKIP_MIC, *PDOT11_KEY_ALGO_TKIP_MIC;

typedef enum DOT11_DS_INFO {
	DOT11_DS_CHANGED   = 0,
	DOT11_DS_UNCHANGED = 1,
	DOT11_DS_UNKNOWN   = 2
} DOT11_DS_INFO, *PDOT11_DS_INFO;

/* ucActiveQoSProtocol bits. */
#define DOT11_QOS_PROTOCOL_FLAG_WMM 0x01U
#define DOT11_QOS_PROTOCOL_FLAG_11E 0x02U

/*
 * Why an association ended (StopPostAssociate) or failed. A plain ULONG,
 * not an enum: the three peer ranges carry the 802.11 reason or status code
 * in their low 16 bits (a deauthentication with reason 3 is 0x00010003).
 */
typedef ULONG DOT11_ASSOC_STATUS;

#define DOT11_ASSOC_STATUS_SUCCESS                    0
#define DOT11_ASSOC_STATUS_FAILURE                    0x00000001U
#define DOT11_ASSOC_STATUS_UNREACHABLE                0x00000002U
#define DOT11_ASSOC_STATUS_RADIO_OFF                  0x00000003U
#define DOT11_ASSOC_STATUS_PHY_DISABLED               0x00000004U
#define DOT11_ASSOC_STATUS_CANCELLED                  0x00000005U
#define DOT11_ASSOC_STATUS_CANDIDATE_LIST_EXHAUSTED   0x00000006U
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS        0x00000007U
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_ROAMING   0x00000008U
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET     0x00000009U
#define DOT11_ASSOC_STATUS_SYSTEM_ERROR               0x0000000aU
#define DOT11_ASSOC_STATUS_ROAMING_BETTER_AP_FOUND    0x0000000bU
#define DOT11_ASSOC_STATUS_ROAMING_ASSOCIATION_LOST   0x0000000cU
#define DOT11_ASSOC_STATUS_ROAMING_ADHOC              0x0000000dU

#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED       0x00010000U
#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED
#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_END   0x0001ffffU

#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED         0x00020000U
#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START   DOT11_ASSOC_STATUS_PEER_DISASSOCIATED
#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_END     0x0002ffffU

#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE       0x00030000U
#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_START DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE
#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_END   0x0003ffffU

#define DOT11_ASSOC_STATUS_REASON_CODE_MASK           0x0000ffffU

#define DOT11_ASSOC_STATUS_IHV_START                  0x80000000U
#define DOT11_ASSOC_STATUS_IHV_END                    0xffffffffU

/* Disassociation-reason aliases of the same values. */
#define DOT11_DISASSOC_REASON_OS                   DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS
#define DOT11_DISASSOC_REASON_PEER_UNREACHABLE     DOT11_ASSOC_STATUS_UNREACHABLE
#define DOT11_DISASSOC_REASON_PEER_DEAUTHENTICATED DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED
#define DOT11_DISASSOC_REASON_PEER_DISASSOCIATED   DOT11_ASSOC_STATUS_PEER_DISASSOCIATED
#define DOT11_DISASSOC_REASON_RADIO_OFF            DOT11_ASSOC_STATUS_RADIO_OFF
#define DOT11_DISASSOC_REASON_PHY_DISABLED         DOT11_ASSOC_STATUS_PHY_DISABLED

/* Header.Revision: 2 adds the Windows 8 tail (MulticastMgmtCipher...). */
#define DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 1
#define DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2 2

/*
 * The association result. Every *Offset is counted from the start of this
 * structure and every *Size is in bytes: the request/response IEs, beacon,
 * IHV data, PHY list and encapsulation table follow it in the same buffer,
 * which is why PerformPostAssociate also receives the buffer's byte count.
 */
typedef struct DOT11_ASSOCIATION_COMPLETION_PARAMETERS {
	NDIS_OBJECT_HEADER     Header;
	DOT11_MAC_ADDRESS      MacAddr;
	DOT11_ASSOC_STATUS     uStatus;
	BOOLEAN                bReAssocReq;
	BOOLEAN                bReAssocResp;
	ULONG                  uAssocReqOffset;
	ULONG                  uAssocReqSize;
	ULONG                  uAssocRespOffset;
	ULONG                  uAssocRespSize;
	ULONG                  uBeaconOffset;
	ULONG                  uBeaconSize;
	ULONG                  uIHVDataOffset;
	ULONG                  uIHVDataSize;
	DOT11_AUTH_ALGORITHM   AuthAlgo;
	DOT11_CIPHER_ALGORITHM UnicastCipher;
	DOT11_CIPHER_ALGORITHM MulticastCipher;
	ULONG                  uActivePhyListOffset;
	ULONG                  uActivePhyListSize;
	BOOLEAN                bFourAddressSupported;
	BOOLEAN                bPortAuthorized;
	UCHAR                  ucActiveQoSProtocol;
	DOT11_DS_INFO          DSInfo;
	ULONG                  uEncapTableOffset;
	ULONG                  uEncapTableSize;
	/* Revision 2 (Windows 8) and later: */
	DOT11_CIPHER_ALGORITHM MulticastMgmtCipher;
	ULONG                  uAssocComebackTime;
} DOT11_ASSOCIATION_COMPLETION_PARAMETERS, *PDOT11_ASSOCIATION_COMPLETION_PARAMETERS;

/*
 * Header.Size for each revision: revision 1 ends after uEncapTableSize.
 * (Windows spells these DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_
 * REVISION_n through a macro over the last field; same numbers.)
 */
#define DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 \
	(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uEncapTableSize) + sizeof(ULONG))
#define DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2 \
	(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uAssocComebackTime) + sizeof(ULONG))

/*
 * The payloads Dot11ExtIhvReceiveIndication carries for the
 * DOT11EXT_IHV_INDICATION_TYPE values of wlanihv.h (a NIC-specific
 * notification is the driver's own bytes). Each begins with an
 * NDIS_OBJECT_HEADER: Type NDIS_OBJECT_TYPE_DEFAULT, Revision the
 * *_REVISION_1 below, Size sizeof the structure. The lists' entries follow
 * the header in the same buffer: *ListOffset is counted from the start of
 * the structure and *ListSize is the number of entries.
 */
#define DOT11_TKIPMIC_FAILURE_PARAMETERS_REVISION_1      1
#define DOT11_PMKID_CANDIDATE_LIST_PARAMETERS_REVISION_1 1
#define DOT11_PHY_STATE_PARAMETERS_REVISION_1            1
#define DOT11_LINK_QUALITY_PARAMETERS_REVISION_1         1

/* IndicationTypeTkipMicFailure: a Michael MIC failure (PeerMac: its sender). */
typedef struct DOT11_TKIPMIC_FAILURE_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	BOOLEAN            bDefaultKeyFailure;
	ULONG              uKeyIndex;
	DOT11_MAC_ADDRESS  PeerMac;
} DOT11_TKIPMIC_FAILURE_PARAMETERS, *PDOT11_TKIPMIC_FAILURE_PARAMETERS;

/* IndicationTypePmkidCandidateList: uCandidateListSize DOT11_BSSID_CANDIDATE. */
typedef struct DOT11_PMKID_CANDIDATE_LIST_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG              uCandidateListSize;
	ULONG              uCandidateListOffset;
} DOT11_PMKID_CANDIDATE_LIST_PARAMETERS, *PDOT11_PMKID_CANDIDATE_LIST_PARAMETERS;

/* DOT11_BSSID_CANDIDATE.uFlags */
#define DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED 0x00000001U

typedef struct DOT11_BSSID_CANDIDATE {
	DOT11_MAC_ADDRESS BSSID;
	ULONG             uFlags;
} DOT11_BSSID_CANDIDATE, *PDOT11_BSSID_CANDIDATE;

/* IndicationTypePhyStateChange: the radio's hardware and software switch. */
typedef struct DOT11_PHY_STATE_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG              uPhyId;
	BOOLEAN            bHardwarePhyState;
	BOOLEAN            bSoftwarePhyState;
} DOT11_PHY_STATE_PARAMETERS, *PDOT11_PHY_STATE_PARAMETERS;

/* IndicationTypeLinkQuality: uLinkQualityListSize DOT11_LINK_QUALITY_ENTRY
 * (ucLinkQuality 0..100), 7 bytes each, unpadded. */
typedef struct DOT11_LINK_QUALITY_ENTRY {
	DOT11_MAC_ADDRESS PeerMacAddr;
	UCHAR             ucLinkQuality;
} DOT11_LINK_QUALITY_ENTRY, *PDOT11_LINK_QUALITY_ENTRY;

typedef struct DOT11_LINK_QUALITY_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG              uLinkQualityListSize;
	ULONG              uLinkQualityListOffset;
} DOT11_LINK_QUALITY_PARAMETERS, *PDOT11_LINK_QUALITY_PARAMETERS;

IHVSDK_STATIC_ASSERT(sizeof(DOT11_MAC_ADDRESS) == 6, "a MAC address is 6 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_PHY_TYPE) == 4, "enums are 32-bit as on Windows");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_PRIVACY_EXEMPTION) == 6, "DOT11_PRIVACY_EXEMPTION is 6 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_BSS_ENTRY, ucBuffer) == 64, "DOT11_BSS_ENTRY fixed part is 64 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) == 20, "key-mapping key header is 20 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) == 22, "default key header is 22 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) == 12, "CCMP key header: 6-byte PN, padding, 4-byte length");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_KEY_ALGO_TKIP_MIC, ucTKIPMICKeys) == 16, "TKIP key header is 16 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uStatus) == 12, "uStatus at 12");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, DSInfo) == 76, "DSInfo at 76");
IHVSDK_STATIC_ASSERT(DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 == 88, "revision 1 is 88 bytes");
IHVSDK_STATIC_ASSERT(DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2 == 96, "revision 2 is 96 bytes");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS) == 96, "DOT11_ASSOCIATION_COMPLETION_PARAMETERS is 96 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_TKIPMIC_FAILURE_PARAMETERS, bDefaultKeyFailure) == 4, "bDefaultKeyFailure at 4");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_TKIPMIC_FAILURE_PARAMETERS, uKeyIndex) == 8, "uKeyIndex at 8");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_TKIPMIC_FAILURE_PARAMETERS, PeerMac) == 12, "PeerMac at 12");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_TKIPMIC_FAILURE_PARAMETERS) == 20, "DOT11_TKIPMIC_FAILURE_PARAMETERS is 20 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_PMKID_CANDIDATE_LIST_PARAMETERS, uCandidateListOffset) == 8, "uCandidateListOffset at 8");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_PMKID_CANDIDATE_LIST_PARAMETERS) == 12, "DOT11_PMKID_CANDIDATE_LIST_PARAMETERS is 12 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_BSSID_CANDIDATE, uFlags) == 8, "uFlags at 8");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_BSSID_CANDIDATE) == 12, "DOT11_BSSID_CANDIDATE is 12 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_PHY_STATE_PARAMETERS, bHardwarePhyState) == 8, "bHardwarePhyState at 8");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_PHY_STATE_PARAMETERS, bSoftwarePhyState) == 9, "bSoftwarePhyState at 9");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_PHY_STATE_PARAMETERS) == 12, "DOT11_PHY_STATE_PARAMETERS is 12 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_LINK_QUALITY_ENTRY, ucLinkQuality) == 6, "ucLinkQuality at 6");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_LINK_QUALITY_ENTRY) == 7, "DOT11_LINK_QUALITY_ENTRY is 7 bytes");
IHVSDK_STATIC_ASSERT(offsetof(DOT11_LINK_QUALITY_PARAMETERS, uLinkQualityListOffset) == 8, "uLinkQualityListOffset at 8");
IHVSDK_STATIC_ASSERT(sizeof(DOT11_LINK_QUALITY_PARAMETERS) == 12, "DOT11_LINK_QUALITY_PARAMETERS is 12 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WINDOT11_H */
