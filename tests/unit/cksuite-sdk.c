/*
 * sdk: the installed IHV SDK headers against the reference's facts
 * (sizes, offsets, values written as numbers here, never with the SDK's own
 * macros, so a wrong macro cannot make a test pass), and the reference
 * extension loaded with dlopen and driven through its handlers with
 * sdk_apis_double (tests/sdk/sdk-apis-double.h) standing in for the host.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck.h"
#include "sdk/sdk-apis-double.h"

static const UCHAR sdk_ap_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

/* ------------------------------------------------------------- layout */

START_TEST(test_table_sizes)
{
	ck_assert_uint_eq(sizeof(DOT11EXT_APIS), 176);
	ck_assert_uint_eq(sizeof(DOT11EXT_IHV_HANDLERS), 152);
	ck_assert_uint_eq(sizeof(DOT11EXT_VIRTUAL_STATION_APIS), 32);
	/* First and last member of each table where the reference puts them. */
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvDeinitService), 0);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvPerformPreAssociate), 3 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvStopPostAssociate), 6 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvOnexIndicateResult), 17 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvControl), 18 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtAllocateBuffer), 0);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtPreAssociateCompletion), 6 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtPostAssociateCompletion), 7 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtSetEtherTypeHandling), 10 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtStartOneX), 19 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_APIS, Dot11ExtProcessSecurityPacket), 21 * 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_VIRTUAL_STATION_APIS,
				   Dot11ExtSetVirtualStationAPProperties), 3 * 8);
}
END_TEST

START_TEST(test_base_types)
{
	ck_assert_uint_eq(sizeof(DWORD), 4);
	ck_assert_uint_eq(sizeof(ULONG), 4);
	ck_assert_uint_eq(sizeof(LONG), 4);
	ck_assert_uint_eq(sizeof(BOOL), 4);
	ck_assert_uint_eq(sizeof(BOOLEAN), 1);
	ck_assert_uint_eq(sizeof(WCHAR), 2);
	ck_assert_uint_eq(sizeof(ULONGLONG), 8);
	ck_assert_uint_eq(sizeof(HANDLE), 8);
	ck_assert_uint_eq(sizeof(GUID), 16);
	ck_assert_uint_eq(offsetof(GUID, Data4), 8);
	ck_assert_uint_eq(sizeof(DOT11_MAC_ADDRESS), 6);
	/* Windows enums are 32-bit, including those with IHV_END 0xffffffff. */
	ck_assert_uint_eq(sizeof(DOT11_AUTH_ALGORITHM), 4);
	ck_assert_uint_eq(sizeof(DOT11_CIPHER_ALGORITHM), 4);
	ck_assert_uint_eq(sizeof(DOT11_ASSOC_STATUS), 4);
}
END_TEST

START_TEST(test_struct_layouts)
{
	ck_assert_uint_eq(sizeof(DOT11_SSID), 36);
	ck_assert_uint_eq(sizeof(DOT11_PORT_STATE), 20);
	ck_assert_uint_eq(offsetof(DOT11_PORT_STATE, uSessionId), 8);
	ck_assert_uint_eq(offsetof(DOT11_PORT_STATE, bPortControlled), 12);
	ck_assert_uint_eq(offsetof(DOT11_PORT_STATE, bPortAuthorized), 16);
	ck_assert_uint_eq(sizeof(DOT11_ADAPTER), 32);
	ck_assert_uint_eq(offsetof(DOT11_ADAPTER, pszDescription), 16);
	ck_assert_uint_eq(offsetof(DOT11_ADAPTER, Dot11CurrentOpMode), 24);
	ck_assert_uint_eq(sizeof(L2_NOTIFICATION_DATA), 40);
	ck_assert_uint_eq(offsetof(L2_NOTIFICATION_DATA, InterfaceGuid), 8);
	ck_assert_uint_eq(offsetof(L2_NOTIFICATION_DATA, pData), 32);
	/* Byte-packed: MAC, big-endian EtherType, then the payload. */
	ck_assert_uint_eq(offsetof(DOT11_SECURITY_PACKET_HEADER, usEtherType), 6);
	ck_assert_uint_eq(offsetof(DOT11_SECURITY_PACKET_HEADER, Data), 8);
	ck_assert_uint_eq(sizeof(DOT11_BSS_LIST), 16);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, dot11BSSID), 16);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, ullTimestamp), 40);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, uBufferLength), 60);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, ucBuffer), 64);
	ck_assert_uint_eq(sizeof(DOT11_IHV_VERSION_INFO), 8);
	ck_assert_uint_eq(sizeof(DOT11EXT_IHV_PROFILE_PARAMS), 24);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_SECURITY_PROFILE, bUseMSOnex), 8);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_UI_REQUEST, UIPageClsid), 20);
	ck_assert_uint_eq(offsetof(DOT11EXT_IHV_UI_REQUEST, pvUIRequest), 40);
	ck_assert_uint_eq(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey), 20);
	ck_assert_uint_eq(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, MacAddr), 12);
	ck_assert_uint_eq(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey), 22);
	ck_assert_uint_eq(sizeof(DOT11_PRIVACY_EXEMPTION), 6);
}
END_TEST

/*
 * DOT11_ASSOCIATION_COMPLETION_PARAMETERS, natural alignment: Header 0..4,
 * MacAddr 4..10, 2 pad, uStatus 12, two BOOLEANs 16/17, 2 pad, eight ULONGs
 * 20..52, three algorithms 52/56/60, PHY list 64/68, three 1-byte fields
 * 72/73/74, 1 pad, DSInfo 76, encap table 80/84 = 88 (revision 1), then
 * MulticastMgmtCipher 88, uAssocComebackTime 92 = 96 (revision 2).
 */
START_TEST(test_assoc_completion_parameters)
{
	typedef DOT11_ASSOCIATION_COMPLETION_PARAMETERS acp;

	ck_assert_uint_eq(offsetof(acp, MacAddr), 4);
	ck_assert_uint_eq(offsetof(acp, uStatus), 12);
	ck_assert_uint_eq(offsetof(acp, bReAssocReq), 16);
	ck_assert_uint_eq(offsetof(acp, bReAssocResp), 17);
	ck_assert_uint_eq(offsetof(acp, uAssocReqOffset), 20);
	ck_assert_uint_eq(offsetof(acp, uIHVDataSize), 48);
	ck_assert_uint_eq(offsetof(acp, AuthAlgo), 52);
	ck_assert_uint_eq(offsetof(acp, UnicastCipher), 56);
	ck_assert_uint_eq(offsetof(acp, MulticastCipher), 60);
	ck_assert_uint_eq(offsetof(acp, uActivePhyListOffset), 64);
	ck_assert_uint_eq(offsetof(acp, bFourAddressSupported), 72);
	ck_assert_uint_eq(offsetof(acp, bPortAuthorized), 73);
	ck_assert_uint_eq(offsetof(acp, ucActiveQoSProtocol), 74);
	ck_assert_uint_eq(offsetof(acp, DSInfo), 76);
	ck_assert_uint_eq(offsetof(acp, uEncapTableOffset), 80);
	ck_assert_uint_eq(offsetof(acp, uEncapTableSize), 84);
	ck_assert_uint_eq(offsetof(acp, MulticastMgmtCipher), 88);
	ck_assert_uint_eq(offsetof(acp, uAssocComebackTime), 92);
	ck_assert_uint_eq(sizeof(acp), 96);
	ck_assert_uint_eq(DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1, 88);
	ck_assert_uint_eq(DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2, 96);
	ck_assert_uint_eq(DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1, 1);
	ck_assert_uint_eq(DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2, 2);
	ck_assert_uint_eq(NDIS_OBJECT_TYPE_DEFAULT, 0x80);
}
END_TEST

START_TEST(test_assoc_status_values)
{
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_SUCCESS, 0);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_FAILURE, 1);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_UNREACHABLE, 2);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_RADIO_OFF, 3);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_PHY_DISABLED, 4);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_CANCELLED, 5);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_CANDIDATE_LIST_EXHAUSTED, 6);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS, 7);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_DISASSOCIATED_BY_ROAMING, 8);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET, 9);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_SYSTEM_ERROR, 0xa);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_ROAMING_BETTER_AP_FOUND, 0xb);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_ROAMING_ASSOCIATION_LOST, 0xc);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_ROAMING_ADHOC, 0xd);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START, 0x10000);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_END, 0x1ffff);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START, 0x20000);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_END, 0x2ffff);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_START, 0x30000);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_END, 0x3ffff);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_REASON_CODE_MASK, 0xffff);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_IHV_START, 0x80000000u);
	ck_assert_uint_eq(DOT11_ASSOC_STATUS_IHV_END, 0xffffffffu);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_OS, 7);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_PEER_UNREACHABLE, 2);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_PEER_DEAUTHENTICATED, 0x10000);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_PEER_DISASSOCIATED, 0x20000);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_RADIO_OFF, 3);
	ck_assert_uint_eq(DOT11_DISASSOC_REASON_PHY_DISABLED, 4);
}
END_TEST

START_TEST(test_enum_and_code_values)
{
	ck_assert_uint_eq(dot11_BSS_type_infrastructure, 1);
	ck_assert_uint_eq(dot11_BSS_type_any, 3);
	ck_assert_uint_eq(DOT11_AUTH_ALGO_RSNA_PSK, 7);
	ck_assert_uint_eq(DOT11_AUTH_ALGO_WPA3_SAE, 9);
	ck_assert_uint_eq(DOT11_AUTH_ALGO_WPA3_ENT, 11);
	ck_assert_uint_eq(DOT11_AUTH_ALGO_IHV_START, 0x80000000u);
	ck_assert_uint_eq(DOT11_CIPHER_ALGO_CCMP, 4);
	ck_assert_uint_eq(DOT11_CIPHER_ALGO_BIP_CMAC_256, 0xd);
	ck_assert_uint_eq(DOT11_CIPHER_ALGO_RSN_USE_GROUP, 0x100);
	ck_assert_uint_eq(DOT11_CIPHER_ALGO_WEP, 0x101);
	ck_assert_uint_eq(DOT11_CIPHER_ALGO_IHV_END, 0xffffffffu);
	ck_assert_uint_eq(DOT11_OPERATION_MODE_EXTENSIBLE_STATION, 4);
	ck_assert_uint_eq(DOT11_DS_UNKNOWN, 2);
	ck_assert_uint_eq(DOT11_DIR_BOTH, 3);
	ck_assert_uint_eq(DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE, 2);
	ck_assert_uint_eq(DOT11_EXEMPT_BOTH, 3);
	ck_assert_uint_eq(connection_phase_post_l3_connection, 2);
	ck_assert_uint_eq(IndicationTypeLinkQuality, 4);
	ck_assert_uint_eq(DOT11_MSONEX_IN_PROGRESS, 2);
	ck_assert_uint_eq(WTS_SESSION_UNLOCK, 8);
	ck_assert_uint_eq(L2_NOTIFICATION_SOURCE_WLAN_IHV, 0x40);
	ck_assert_uint_eq(L2_REASON_CODE_SUCCESS, 0);
	ck_assert_uint_eq(L2_REASON_CODE_UNKNOWN, 0x10001);
	ck_assert_uint_eq(L2_REASON_CODE_GEN_BASE, 0x10000);
	ck_assert_uint_eq(L2_REASON_CODE_DOT11_AC_BASE, 0x20000);
	ck_assert_uint_eq(L2_REASON_CODE_DOT11_MSM_BASE, 0x30000);
	ck_assert_uint_eq(L2_REASON_CODE_DOT11_SECURITY_BASE, 0x40000);
	ck_assert_uint_eq(L2_REASON_CODE_ONEX_BASE, 0x50000);
	ck_assert_uint_eq(L2_REASON_CODE_PROFILE_BASE, 0x80000);
	ck_assert_uint_eq(L2_REASON_CODE_IHV_BASE, 0x90000);
	ck_assert_uint_eq(WLAN_REASON_CODE_ASSOCIATION_FAILURE, 0x38002);
	ck_assert_uint_eq(WLAN_REASON_CODE_ASSOCIATION_TIMEOUT, 0x38003);
	ck_assert_uint_eq(WLAN_REASON_CODE_PRE_SECURITY_FAILURE, 0x38004);
	ck_assert_uint_eq(WLAN_REASON_CODE_SECURITY_FAILURE, 0x38006);
	ck_assert_uint_eq(WLAN_REASON_CODE_SECURITY_TIMEOUT, 0x38007);
	ck_assert_uint_eq(WLAN_REASON_CODE_DRIVER_DISCONNECTED, 0x3800b);
	ck_assert_uint_eq(WLAN_REASON_CODE_IHV_NOT_AVAILABLE, 0x3800d);
	ck_assert_uint_eq(WLAN_REASON_CODE_IHV_NOT_RESPONDING, 0x3800e);
	ck_assert_uint_eq(WLAN_REASON_CODE_DISCONNECT_TIMEOUT, 0x3800f);
	ck_assert_uint_eq(WLAN_REASON_CODE_INTERNAL_FAILURE, 0x38010);
	ck_assert_uint_eq(WLAN_REASON_CODE_TOO_MANY_SECURITY_ATTEMPTS, 0x38012);
	ck_assert_uint_eq(ERROR_SUCCESS, 0);
	ck_assert_uint_eq(ERROR_OUTOFMEMORY, 14);
	ck_assert_uint_eq(ERROR_NOT_SUPPORTED, 50);
	ck_assert_uint_eq(ERROR_INVALID_PARAMETER, 87);
	ck_assert_uint_eq(ERROR_CANCELLED, 1223);
	ck_assert_uint_eq(ERROR_INVALID_STATE, 5023);
	ck_assert_str_eq(IHV_VERSION_FUNCTION_NAME, "Dot11ExtIhvGetVersionInfo");
	ck_assert_str_eq(IHV_INIT_FUNCTION_NAME, "Dot11ExtIhvInitService");
	ck_assert_str_eq(IHV_INIT_VS_FUNCTION_NAME, "Dot11ExtIhvInitVirtualStation");
}
END_TEST

/* ------------------------------------------------------------- reference */

static void sdk_open_init(const char *name, struct sdk_ext *e)
{
	char err[512] = "";
	DWORD ret;

	sdk_double_reset();
	ck_assert_msg(sdk_ext_open(name, e, err, sizeof(err)) == 0, "%s", err);
	ret = sdk_ext_init(e);
	ck_assert_msg(ret == ERROR_SUCCESS, "libihv-%s.so: InitService returned %u", name,
		      (unsigned int)ret);
}

static HANDLE sdk_adapter(struct sdk_ext *e)
{
	DOT11_ADAPTER a;
	HANDLE h = NULL;

	memset(&a, 0, sizeof(a));
	a.gAdapterId.Data1 = 0x1234;
	a.Dot11CurrentOpMode.uCurrentOpMode = 4; /* extensible station */
	ck_assert_uint_eq(e->h.Dot11ExtIhvInitAdapter(&a, SDK_DOUBLE_SVC, &h), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(h);
	return h;
}

static DWORD sdk_pre(struct sdk_ext *e, HANDLE ad, HANDLE session)
{
	DWORD reason = 0xdead;
	DWORD ret = e->h.Dot11ExtIhvPerformPreAssociate(ad, session, NULL, NULL, NULL, NULL,
							 &reason);

	ck_assert_uint_eq(reason, 0);
	return ret;
}

/* A port to the AP and a revision-2 parameter block naming it. */
static DWORD sdk_post(struct sdk_ext *e, HANDLE ad, HANDLE session)
{
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	DOT11_PORT_STATE port;

	memset(&port, 0, sizeof(port));
	memcpy(port.PeerMacAddress, sdk_ap_mac, 6);
	port.uSessionId = 1;
	port.bPortControlled = 1;
	memset(&p, 0, sizeof(p));
	p.Header.Type = 0x80;
	p.Header.Revision = 2;
	p.Header.Size = sizeof(p);
	memcpy(p.MacAddr, sdk_ap_mac, 6);
	return e->h.Dot11ExtIhvPerformPostAssociate(ad, session, &port, sizeof(p), &p);
}

START_TEST(test_reference_loads)
{
	struct sdk_ext e;
	const void *const *slot;
	DOT11EXT_VIRTUAL_STATION_APIS vs;
	size_t i;

	sdk_open_init("reference", &e);
	/* Every one of the 19 members, by position, without naming them. */
	slot = (const void *const *)(const void *)&e.h;
	for (i = 0; i < sizeof(e.h) / sizeof(void *); i++)
		ck_assert_msg(slot[i] != NULL, "handler %zu of 19 is NULL", i + 1);
	ck_assert_ptr_nonnull(e.init_vs);
	memset(&vs, 0, sizeof(vs));
	ck_assert_uint_eq(e.init_vs(&vs, NULL), ERROR_SUCCESS);
	/* A second InitService without DeinitService is refused. */
	ck_assert_uint_eq(sdk_ext_init(&e), ERROR_INVALID_STATE);
	e.h.Dot11ExtIhvDeinitService();
	/* ...and allowed again after it. */
	ck_assert_uint_eq(sdk_ext_init(&e), ERROR_SUCCESS);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_reference_version)
{
	DOT11_IHV_VERSION_INFO vi = { 7, 7 };
	struct sdk_ext e;
	char err[512] = "";

	ck_assert_msg(sdk_ext_open("reference", &e, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(e.get_version(&vi), ERROR_SUCCESS);
	ck_assert_uint_eq(vi.dwVerMin, 0);
	ck_assert_uint_eq(vi.dwVerMax, 0);
	ck_assert_uint_eq(e.get_version(NULL), ERROR_INVALID_PARAMETER);
	sdk_ext_close(&e);
}
END_TEST

/* Connect, authorize, disconnect, remove, unload: the happy path. */
START_TEST(test_reference_connect_cycle)
{
	HANDLE conn = (HANDLE)(uintptr_t)0xc0, sec = (HANDLE)(uintptr_t)0x5e;
	struct sdk_ext e;
	HANDLE ad;

	setenv("IHV_EXT_DELAY_MS", "10", 1);
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);

	ck_assert_uint_eq(sdk_pre(&e, ad, conn), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.pre_calls, 1, 2000), 0);
	ck_assert_ptr_eq(sdk_double.pre_svc, SDK_DOUBLE_SVC);
	ck_assert_ptr_eq(sdk_double.pre_session, conn);
	ck_assert_uint_eq(sdk_double.pre_reason, 0);
	ck_assert_uint_eq(sdk_double.pre_win32, 0);

	ck_assert_uint_eq(sdk_post(&e, ad, sec), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 2000), 0);
	ck_assert_ptr_eq(sdk_double.post_svc, SDK_DOUBLE_SVC);
	ck_assert_ptr_eq(sdk_double.post_session, sec);
	ck_assert_mem_eq(sdk_double.post_peer, sdk_ap_mac, 6);
	ck_assert_uint_eq(sdk_double.post_win32, 0);
	/* It kept a copy of the parameters in a host buffer... */
	ck_assert_uint_eq(sdk_double_get(&sdk_double.allocs), 1);

	ck_assert_uint_eq(e.h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)sdk_ap_mac,
							   0x10003), ERROR_SUCCESS);
	/* ...and gave it back at StopPostAssociate. */
	ck_assert_uint_eq(sdk_double_get(&sdk_double.frees), 1);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.pre_calls, 1);
	ck_assert_uint_eq(sdk_double.post_calls, 1);
	sdk_ext_close(&e);
}
END_TEST

/* Stop while the completion is pending: it must never arrive. */
START_TEST(test_reference_stop_cancels)
{
	struct sdk_ext e;
	HANDLE ad;

	setenv("IHV_EXT_DELAY_MS", "200", 1);
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(sdk_post(&e, ad, (HANDLE)(uintptr_t)0x5e), ERROR_SUCCESS);
	ck_assert_uint_eq(e.h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)sdk_ap_mac,
							   0x20008), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 600), -ETIMEDOUT);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.allocs), sdk_double_get(&sdk_double.frees));
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

/* AdapterReset completes what is pending with ERROR_CANCELLED, before it returns. */
START_TEST(test_reference_reset_cancels)
{
	HANDLE conn = (HANDLE)(uintptr_t)0xc1;
	struct sdk_ext e;
	HANDLE ad;

	setenv("IHV_EXT_DELAY_MS", "5000", 1);
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(sdk_pre(&e, ad, conn), ERROR_SUCCESS);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.pre_calls), 0);
	ck_assert_uint_eq(e.h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.pre_calls), 1);
	ck_assert_ptr_eq(sdk_double.pre_session, conn);
	ck_assert_uint_eq(sdk_double.pre_win32, 1223);
	ck_assert_uint_eq(sdk_double.pre_reason, 0x90002);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.pre_calls, 1);
	sdk_ext_close(&e);
}
END_TEST

/* Removal drops pending work silently; unload frees every buffer. */
START_TEST(test_reference_deinit_drops_pending)
{
	struct sdk_ext e;
	HANDLE ad;

	setenv("IHV_EXT_DELAY_MS", "300", 1);
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(sdk_pre(&e, ad, (HANDLE)(uintptr_t)0xc2), ERROR_SUCCESS);
	ck_assert_uint_eq(sdk_post(&e, ad, (HANDLE)(uintptr_t)0x5f), ERROR_SUCCESS);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.pre_calls, 1, 500), -ETIMEDOUT);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.post_calls), 0);
	/* An adapter left behind by the host: DeinitService frees its buffer. */
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(sdk_post(&e, ad, (HANDLE)(uintptr_t)0x60), ERROR_SUCCESS);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.allocs, 2);
	ck_assert_uint_eq(sdk_double.frees, 2);
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_reference_refuse_and_fail)
{
	struct sdk_ext e;
	HANDLE ad;

	setenv("IHV_EXT_DELAY_MS", "0", 1);
	setenv("IHV_EXT_PREASSOC", "refuse", 1);
	setenv("IHV_EXT_POSTASSOC", "fail", 1);
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(sdk_pre(&e, ad, (HANDLE)(uintptr_t)0xc3), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.pre_calls, 1, 2000), 0);
	ck_assert_uint_eq(sdk_double.pre_reason, 0x90001);
	ck_assert_uint_ne(sdk_double.pre_win32, 0);
	ck_assert_uint_eq(sdk_post(&e, ad, (HANDLE)(uintptr_t)0x61), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 2000), 0);
	ck_assert_uint_eq(sdk_double.post_reason & 0xffff0000u, 0x40000);
	ck_assert_uint_ne(sdk_double.post_reason, 0x40000);
	ck_assert_uint_ne(sdk_double.post_win32, 0);
	e.h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)sdk_ap_mac, 7);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_reference_bad_env)
{
	static const char *const bad[][2] = {
		{ "IHV_EXT_DELAY_MS", "abc" },
		{ "IHV_EXT_DELAY_MS", "-5" },
		{ "IHV_EXT_DELAY_MS", "600001" },
		{ "IHV_EXT_PREASSOC", "maybe" },
		{ "IHV_EXT_POSTASSOC", "" },
	};
	struct sdk_ext e;
	char err[512] = "";
	size_t i;

	ck_assert_msg(sdk_ext_open("reference", &e, err, sizeof(err)) == 0, "%s", err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsetenv("IHV_EXT_DELAY_MS");
		unsetenv("IHV_EXT_PREASSOC");
		unsetenv("IHV_EXT_POSTASSOC");
		setenv(bad[i][0], bad[i][1], 1);
		ck_assert_msg(sdk_ext_init(&e) == ERROR_INVALID_PARAMETER, "%s=%s accepted",
			      bad[i][0], bad[i][1]);
	}
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_reference_misc_handlers)
{
	/* Control's echo command (ext-nic.h: u32 1, then the argument). */
	BYTE in[7] = { 1, 0, 0, 0, 2, 3, 4 }, out[3] = { 0, 0, 0 };
	UCHAR pkt[8 + 4] = { 2, 0, 0, 0, 1, 0, 0x88, 0x8e, 1, 0, 0, 0 };
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST list = { 5, NULL };
	PDOT11EXT_IHV_UI_REQUEST ui = (PDOT11EXT_IHV_UI_REQUEST)(uintptr_t)1;
	DWORD n = 99, reason = 99;
	BOOL pending = TRUE;
	GUID g;
	struct sdk_ext e;
	HANDLE ad;

	memset(&g, 0, sizeof(g));
	sdk_open_init("reference", &e);
	ad = sdk_adapter(&e);
	ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 7, in, 3, out, &n), ERROR_SUCCESS);
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(out, in + 4, 3);
	/* An argument larger than the out buffer; no command; an unknown
	 * one; no notification received yet. */
	ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 7, in, 2, out, &n), ERROR_MORE_DATA);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 3, in, 3, out, &n), ERROR_INVALID_PARAMETER);
	in[0] = 99;
	ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 7, in, 3, out, &n), ERROR_NOT_SUPPORTED);
	in[0] = 3;
	ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 4, in, 3, out, &n), ERROR_NOT_FOUND);
	/* A NIC notification is kept and read back by command 3. */
	{
		BYTE note[10] = { 0x74, 0x13, 0, 0, 1, 0, 0, 0, 0xab, 0xcd }, back[16];

		ck_assert_uint_eq(e.h.Dot11ExtIhvReceiveIndication(ad,
				  IndicationTypeNicSpecificNotification, sizeof(note), note),
				  ERROR_SUCCESS);
		ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 4, in, sizeof(back), back, &n),
				  ERROR_SUCCESS);
		ck_assert_uint_eq(n, sizeof(note));
		ck_assert_mem_eq(back, note, sizeof(note));
		ck_assert_uint_eq(e.h.Dot11ExtIhvControl(ad, 4, in, 9, back, &n),
				  ERROR_MORE_DATA);
	}
	ck_assert_uint_eq(e.h.Dot11ExtIhvReceivePacket(ad, sizeof(pkt), pkt), ERROR_SUCCESS);
	ck_assert_uint_eq(e.h.Dot11ExtIhvReceivePacket(ad, 7, pkt), ERROR_INVALID_PARAMETER);
	/* One discovery profile, made with the host's AllocateBuffer (the
	 * host frees it): connectivity <Discovered insecure="false"/>. */
	{
		static const char want[] = "<Discovered insecure=\"false\"/>";
		unsigned int allocs = sdk_double_get(&sdk_double.allocs);
		const WCHAR *w;

		ck_assert_uint_eq(e.h.Dot11ExtIhvCreateDiscoveryProfiles(ad, FALSE, NULL, NULL,
									 &list, &reason),
				  ERROR_SUCCESS);
		ck_assert_uint_eq(list.dwCount, 1);
		ck_assert_uint_eq(reason, 0);
		ck_assert_uint_eq(sdk_double_get(&sdk_double.allocs), allocs + 3);
		w = list.pIhvDiscoveryProfiles[0].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity;
		for (size_t k = 0; k < sizeof(want); k++)
			ck_assert_uint_eq(w[k], (unsigned char)want[k]);
		ck_assert_uint_eq(list.pIhvDiscoveryProfiles[0].IhvSecurityProfile.pszXmlFragmentIhvSecurity[0], 0);
		free(list.pIhvDiscoveryProfiles[0].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
		free(list.pIhvDiscoveryProfiles[0].IhvSecurityProfile.pszXmlFragmentIhvSecurity);
		free(list.pIhvDiscoveryProfiles);
	}
	ck_assert_uint_eq(e.h.Dot11ExtIhvIsUIRequestPending(g, &pending), ERROR_SUCCESS);
	ck_assert_int_eq(pending, FALSE);
	/* after L3 the reference has no page to show (any/initial: its
	 * status page, tests/unit/cksuite-ui.c) */
	ck_assert_uint_eq(e.h.Dot11ExtIhvQueryUIRequest(ad, connection_phase_post_l3_connection,
							&ui), ERROR_SUCCESS);
	ck_assert_ptr_null(ui);
	ck_assert_uint_eq(e.h.Dot11ExtIhvPerformPreAssociate((HANDLE)(uintptr_t)0x99, NULL, NULL,
							     NULL, NULL, NULL, &reason),
			  ERROR_INVALID_HANDLE);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

static void sdk_clean_env(void)
{
	unsetenv("IHV_EXT_DELAY_MS");
	unsetenv("IHV_EXT_PREASSOC");
	unsetenv("IHV_EXT_POSTASSOC");
	unsetenv("IHV_MISBEHAVE");
}

static Suite *sdk_suite(void)
{
	Suite *s = suite_create("sdk");
	TCase *layout = tcase_create("layout");
	TCase *ref = tcase_create("reference");

	tcase_add_test(layout, test_table_sizes);
	tcase_add_test(layout, test_base_types);
	tcase_add_test(layout, test_struct_layouts);
	tcase_add_test(layout, test_assoc_completion_parameters);
	tcase_add_test(layout, test_assoc_status_values);
	tcase_add_test(layout, test_enum_and_code_values);
	suite_add_tcase(s, layout);

	tcase_add_checked_fixture(ref, sdk_clean_env, NULL);
	tcase_set_timeout(ref, 20);
	tcase_add_test(ref, test_reference_loads);
	tcase_add_test(ref, test_reference_version);
	tcase_add_test(ref, test_reference_connect_cycle);
	tcase_add_test(ref, test_reference_stop_cancels);
	tcase_add_test(ref, test_reference_reset_cancels);
	tcase_add_test(ref, test_reference_deinit_drops_pending);
	tcase_add_test(ref, test_reference_refuse_and_fail);
	tcase_add_test(ref, test_reference_bad_env);
	tcase_add_test(ref, test_reference_misc_handlers);
	suite_add_tcase(s, ref);
	return s;
}
CK_SUITE(sdk_suite)
