/* SPDX-License-Identifier: MIT */
/* The in-process extension double; see wlan-double.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "service.h"
#include "wlan-double.h"

struct ext_double ext_double;

void ext_double_init(void)
{
	memset(&ext_double, 0, sizeof(ext_double));
	ext_double.loop_thread = pthread_self();
}

/* The NULL write is the fault under test: keep UBSan (SANITIZE=1, fatal)
 * from turning the SIGSEGV the containment must catch into an abort. */
__attribute__((noinline, no_sanitize("undefined")))
static void ed_crash_now(void)
{
	volatile int *volatile p = NULL;

	*p = 42;
}

/* Faults on demand, then the common bookkeeping of every handler. */
static void ed_enter(const char *name)
{
	wlan_double_log("ext:%s", name);
	if (!pthread_equal(pthread_self(), ext_double.loop_thread))
		ext_double.handler_off_loop_thread = true;
	if (ext_double.hang_in && !strcmp(ext_double.hang_in, name))
		for (;;)
			pause();
	if (ext_double.crash_in && !strcmp(ext_double.crash_in, name))
		ed_crash_now();
}

static VOID WINAPI ed_deinit_service(VOID)
{
	ed_enter("DeinitService");
	ext_double.deinit_service_calls++;
}

static DWORD WINAPI ed_init_adapter(PDOT11_ADAPTER pAdapter, HANDLE hSvc, PHANDLE phExt)
{
	ed_enter("InitAdapter");
	ext_double.svc_handle = hSvc;
	*phExt = EXT_DOUBLE_ADAPTER;
	if (ext_double.register_ethertype) {
		USHORT eapol = 0x888E;

		ext_double.ethertype_ret = ext_double.apis.Dot11ExtSetEtherTypeHandling(
			hSvc, 8, 0, NULL, 1, &eapol);
	}
	return ext_double.init_adapter_ret;
}

static VOID WINAPI ed_deinit_adapter(HANDLE hExt)
{
	ed_enter("DeinitAdapter");
	ext_double.deinit_adapter_calls++;
	ext_double.deinit_adapter_handle = hExt;
	if (ext_double.api_in_deinit_adapter)
		ext_double.api_in_deinit_ret = ext_double.apis.Dot11ExtSetAuthAlgorithm(
			ext_double.svc_handle, DOT11_AUTH_ALGO_80211_OPEN);
}

/* A bounded copy of a profile fragment (the test compares a prefix). */
static void ed_wcopy(WCHAR dst[128], const WCHAR *src)
{
	size_t i = 0;

	for (; src && src[i] && i < 127; i++)
		dst[i] = src[i];
	dst[i] = 0;
}

static DWORD WINAPI ed_perform_pre_associate(HANDLE hExt, HANDLE hConnectSession,
					     PDOT11EXT_IHV_PROFILE_PARAMS pParams,
					     PDOT11EXT_IHV_CONNECTIVITY_PROFILE pConn,
					     PDOT11EXT_IHV_SECURITY_PROFILE pSec,
					     PDOT11_BSS_LIST pBss, PDWORD pdwReason)
{
	ed_enter("PerformPreAssociate");
	ext_double.connect_session = hConnectSession;
	ext_double.bss_bytes_preassoc = pBss ? pBss->uNumOfBytes : 0;
	if (pParams && pParams->pSsidList) {
		ext_double.ssid_len = pParams->pSsidList->SSIDs[0].uSSIDLength;
		ext_double.ssid_count = pParams->pSsidList->ulCount;
	}
	if (pParams && pParams->pMSSecuritySettings) {
		ext_double.prof_auth = pParams->pMSSecuritySettings->dot11AuthAlgorithm;
		ext_double.prof_cipher = pParams->pMSSecuritySettings->dot11CipherAlgorithm;
	}
	ed_wcopy(ext_double.sec_xml, pSec ? pSec->pszXmlFragmentIhvSecurity : NULL);
	ed_wcopy(ext_double.conn_xml, pConn ? pConn->pszXmlFragmentIhvConnectivity : NULL);
	ext_double.prof_onex = pSec ? pSec->bUseMSOnex : FALSE;
	*pdwReason = 0;
	return ext_double.preassoc_ret;
}

static DWORD WINAPI ed_adapter_reset(HANDLE hExt)
{
	ed_enter("AdapterReset");
	if (ext_double.observe_svc)
		ext_double.ethertypes_at_reset = ihv_service_ethertype_count(
			ext_double.observe_svc, ext_double.observe_ad);
	return ext_double.reset_ret;
}

static DWORD WINAPI ed_perform_post_associate(HANDLE hExt, HANDLE hSession,
					      PDOT11_PORT_STATE pPort, ULONG uBytes,
					      PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pParams)
{
	ed_enter("PerformPostAssociate");
	ext_double.security_session = hSession;
	if (pPort)
		ext_double.port = *pPort;
	ext_double.assoc_len = uBytes;
	if (pParams && uBytes >= sizeof(*pParams)) {
		memcpy(ext_double.assoc_mac, pParams->MacAddr, SIM_ETH_ALEN);
		ext_double.assoc_status = pParams->uStatus;
	}
	return ext_double.postassoc_ret;
}

static DWORD WINAPI ed_stop_post_associate(HANDLE hExt, PDOT11_MAC_ADDRESS pPeer,
					   DOT11_ASSOC_STATUS status)
{
	ed_enter("StopPostAssociate");
	ext_double.stop_calls++;
	/* The race a worker thread can lose: its completion lands while the
	 * host is inside StopPostAssociate. */
	if (ext_double.complete_in_stop)
		ext_double.complete_in_stop_ret =
			ext_double.apis.Dot11ExtPostAssociateCompletion(
				ext_double.svc_handle, ext_double.security_session,
				pPeer, 0, 0);
	memcpy(ext_double.stop_peer, pPeer, SIM_ETH_ALEN);
	ext_double.stop_status = status;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_validate_profile(HANDLE hExt, PDOT11EXT_IHV_PROFILE_PARAMS p,
					PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
					PDOT11EXT_IHV_SECURITY_PROFILE s, PDWORD pdwReason)
{
	ed_enter("ValidateProfile");
	*pdwReason = 0;
	return ext_double.validate_ret;
}

static DWORD WINAPI ed_perform_capability_match(HANDLE hExt, PDOT11EXT_IHV_PROFILE_PARAMS p,
						PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
						PDOT11EXT_IHV_SECURITY_PROFILE s,
						PDOT11_BSS_LIST pBss, PDWORD pdwReason)
{
	ed_enter("PerformCapabilityMatch");
	ext_double.bss_bytes_capmatch = pBss ? pBss->uNumOfBytes : 0;
	*pdwReason = 0;
	return ext_double.capmatch_ret;
}

static DWORD WINAPI ed_create_discovery_profiles(HANDLE hExt, BOOL bInsecure,
						 PDOT11EXT_IHV_PROFILE_PARAMS p,
						 PDOT11_BSS_LIST pBss,
						 PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pList,
						 PDWORD pdwReason)
{
	static const WCHAR conn[] = { '<', 'D', '/', '>', 0 };
	PDOT11EXT_IHV_DISCOVERY_PROFILE d;
	LPVOID buf = NULL, w = NULL;

	ed_enter("CreateDiscoveryProfiles");
	ext_double.discovery_calls++;
	ext_double.discovery_insecure = bInsecure;
	if (!ext_double.discovery)
		return ERROR_NOT_SUPPORTED;
	/* 1: "<D/>" from AllocateBuffer; 2: the same from malloc (foreign) */
	if (ext_double.discovery == 1) {
		ext_double.apis.Dot11ExtAllocateBuffer(sizeof(*d), &buf);
		ext_double.apis.Dot11ExtAllocateBuffer(sizeof(conn), &w);
	} else {
		buf = malloc(sizeof(*d));
		w = malloc(sizeof(conn));
		ext_double.leaked = buf;
		ext_double.leaked2 = w;
	}
	d = buf;
	memset(d, 0, sizeof(*d));
	memcpy(w, conn, sizeof(conn));
	d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity = w;
	pList->dwCount = 1;
	pList->pIhvDiscoveryProfiles = d;
	*pdwReason = 0;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_process_session_change(ULONG uEventType, PWTSSESSION_NOTIFICATION p)
{
	ed_enter("ProcessSessionChange");
	ext_double.session_event = uEventType;
	ext_double.session_id = p ? p->dwSessionId : 0xFFFFFFFFu;
	ext_double.session_cb = p ? p->cbSize : 0;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_receive_indication(HANDLE hExt, DOT11EXT_IHV_INDICATION_TYPE t,
					  ULONG uLen, LPVOID pv)
{
	ed_enter("ReceiveIndication");
	ext_double.indications++;
	ext_double.ind_type = t;
	ext_double.ind_len = uLen;
	memcpy(ext_double.ind_buf, pv, uLen < sizeof(ext_double.ind_buf) ? uLen : sizeof(ext_double.ind_buf));
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_receive_packet(HANDLE hExt, DWORD dwSize, LPVOID pv)
{
	const uint8_t *b = pv;

	ed_enter("ReceivePacket");
	ext_double.recv_size = dwSize;
	if (dwSize >= 8) {
		memcpy(ext_double.recv_peer, b, SIM_ETH_ALEN);
		ext_double.recv_ethertype = (uint16_t)(b[6] << 8 | b[7]);
	}
	if (dwSize > 8)
		ext_double.recv_first = b[8];
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_send_packet_completion(HANDLE hSendCompletion)
{
	ed_enter("SendPacketCompletion");
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_is_ui_request_pending(GUID guid, PBOOL pb)
{
	ed_enter("IsUIRequestPending");
	*pb = ext_double.ui_pending;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_process_ui_response(GUID guid, DWORD n, LPVOID pv)
{
	ed_enter("ProcessUIResponse");
	ext_double.ui_response_guid = guid;
	ext_double.ui_response_len = n;
	if (n && pv)
		memcpy(ext_double.ui_response, pv, n < 16 ? n : 16);
	return ERROR_SUCCESS;
}

/* Hands over ext_double.ui_query (once), as the test scripted it. */
static DWORD WINAPI ed_query_ui_request(HANDLE hExt, DOT11EXT_IHV_CONNECTION_PHASE ph,
					PDOT11EXT_IHV_UI_REQUEST *pp)
{
	ed_enter("QueryUIRequest");
	ext_double.ui_query_phase = ph;
	*pp = ext_double.ui_query;
	ext_double.ui_query = NULL;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_onex_indicate_result(HANDLE hExt, DOT11_MSONEX_RESULT r,
					    PDOT11_MSONEX_RESULT_PARAMS p)
{
	ed_enter("OnexIndicateResult");
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_control(HANDLE hExt, DWORD inSize, PBYTE in, DWORD outSize,
			       PBYTE out, PDWORD pdwReturned)
{
	ed_enter("Control");
	*pdwReturned = 0;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI ed_get_version_info(PDOT11_IHV_VERSION_INFO pInfo)
{
	ed_enter("GetVersionInfo");
	*pInfo = ext_double.version;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_init_service(DWORD dwVer, PDOT11EXT_APIS pApis, LPVOID pvReserved,
				    PDOT11EXT_IHV_HANDLERS h)
{
	ed_enter("InitService");
	ext_double.version_used = dwVer;
	ext_double.apis = *pApis;
	h->Dot11ExtIhvDeinitService = ed_deinit_service;
	h->Dot11ExtIhvInitAdapter = ed_init_adapter;
	h->Dot11ExtIhvDeinitAdapter = ed_deinit_adapter;
	h->Dot11ExtIhvPerformPreAssociate = ed_perform_pre_associate;
	h->Dot11ExtIhvAdapterReset = ed_adapter_reset;
	h->Dot11ExtIhvPerformPostAssociate = ed_perform_post_associate;
	h->Dot11ExtIhvStopPostAssociate = ed_stop_post_associate;
	h->Dot11ExtIhvValidateProfile = ed_validate_profile;
	h->Dot11ExtIhvPerformCapabilityMatch = ed_perform_capability_match;
	h->Dot11ExtIhvCreateDiscoveryProfiles = ed_create_discovery_profiles;
	h->Dot11ExtIhvProcessSessionChange = ed_process_session_change;
	h->Dot11ExtIhvReceiveIndication = ed_receive_indication;
	h->Dot11ExtIhvReceivePacket = ed_receive_packet;
	h->Dot11ExtIhvSendPacketCompletion = ed_send_packet_completion;
	h->Dot11ExtIhvIsUIRequestPending = ed_is_ui_request_pending;
	h->Dot11ExtIhvProcessUIResponse = ed_process_ui_response;
	h->Dot11ExtIhvQueryUIRequest = ed_query_ui_request;
	h->Dot11ExtIhvOnexIndicateResult = ed_onex_indicate_result;
	h->Dot11ExtIhvControl = ed_control;
	if (ext_double.leak_buffer)
		pApis->Dot11ExtAllocateBuffer(64, &ext_double.leaked);
	return ERROR_SUCCESS;
}

static DWORD WINAPI ed_init_virtual_station(PDOT11EXT_VIRTUAL_STATION_APIS p, LPVOID r)
{
	ed_enter("InitVirtualStation");
	return ERROR_SUCCESS;
}

const struct ihv_ext_entry ext_double_entry = {
	.get_version_info = ed_get_version_info,
	.init_service = ed_init_service,
	.init_virtual_station = ed_init_virtual_station,
};

const struct ihv_ext_entry ext_double_entry_no_vs = {
	.get_version_info = ed_get_version_info,
	.init_service = ed_init_service,
};
