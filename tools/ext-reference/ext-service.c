/*
 * ext-service.c - the sample extensions' remaining handlers (profiles,
 * packets, indications, UI, 802.1X, Control), DeinitService and the three
 * exported entry points (the only symbols the extension exports; see
 * ext-core.h).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ext-core.h"
#include "ext-nic.h"

/* ------------------------------------------------------------- profiles */

static DWORD WINAPI ext_validate_profile(HANDLE hIhvExtAdapter,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDWORD pdwReasonCode)
{
	DWORD ret;

	ext_enter(EXT_H_VALIDATE_PROFILE);
	(void)pIhvProfileParams;
	(void)pIhvConnProfile;
	if (pdwReasonCode)
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	/* Only the IHV security fragment can be wrong (ext-profile.h). */
	ret = ext_psk_validate(pIhvSecProfile, pdwReasonCode, "ValidateProfile", hIhvExtAdapter);
	ext_log("ValidateProfile(adapter=%p) -> %s", hIhvExtAdapter,
		ret == ERROR_SUCCESS ? "valid" : "invalid");
	return ret;
}

static DWORD WINAPI ext_perform_capability_match(HANDLE hIhvExtAdapter,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDOT11_BSS_LIST pConnectableBssid,
	PDWORD pdwReasonCode)
{
	ext_enter(EXT_H_PERFORM_CAPABILITY_MATCH);
	(void)pIhvProfileParams;
	(void)pIhvConnProfile;
	(void)pIhvSecProfile;
	if (pdwReasonCode)
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	ext_log("PerformCapabilityMatch(adapter=%p, bss-bytes=%lu) -> match", hIhvExtAdapter,
		pConnectableBssid ? (unsigned long)pConnectableBssid->uNumOfBytes : 0UL);
	return ERROR_SUCCESS;
}

/* A UTF-16 copy of ASCII @s in a buffer of the host's (AllocateBuffer):
 * the host frees what CreateDiscoveryProfiles returns. NULL on failure. */
static LPWSTR ext_host_wstr(const char *s)
{
	size_t n = strlen(s);
	LPVOID buf = NULL;
	WCHAR *w;

	if (ext_svc.apis.Dot11ExtAllocateBuffer((DWORD)((n + 1) * sizeof(WCHAR)), &buf) !=
	    ERROR_SUCCESS || !buf)
		return NULL;
	w = (WCHAR *)buf;
	for (size_t i = 0; i <= n; i++)
		w[i] = (WCHAR)(unsigned char)s[i];
	return w;
}

/* A network without a saved profile: one discovery profile, whose
 * connectivity fragment says we made it (and whether the network is
 * open), with no security fragment: the MS settings of the BSS decide. */
static DWORD WINAPI ext_create_discovery_profiles(HANDLE hIhvExtAdapter, BOOL bInsecure,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams, PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList, PDWORD pdwReasonCode)
{
	PDOT11EXT_IHV_DISCOVERY_PROFILE d = NULL;
	LPVOID buf = NULL;

	ext_enter(EXT_H_CREATE_DISCOVERY_PROFILES);
	(void)pIhvProfileParams;
	if (pdwReasonCode)
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	if (!pIhvDiscoveryProfileList) {
		ext_log("CreateDiscoveryProfiles(adapter=%p): no list to fill -> ERROR_INVALID_PARAMETER",
			hIhvExtAdapter);
		return ERROR_INVALID_PARAMETER;
	}
	pIhvDiscoveryProfileList->dwCount = 0;
	pIhvDiscoveryProfileList->pIhvDiscoveryProfiles = NULL;
	if (ext_svc.apis.Dot11ExtAllocateBuffer(sizeof(*d), &buf) != ERROR_SUCCESS || !buf)
		goto oom;
	d = (PDOT11EXT_IHV_DISCOVERY_PROFILE)buf;
	memset(d, 0, sizeof(*d));
	d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity =
		ext_host_wstr(bInsecure ? "<Discovered insecure=\"true\"/>"
					: "<Discovered insecure=\"false\"/>");
	d->IhvSecurityProfile.pszXmlFragmentIhvSecurity = ext_host_wstr("");
	d->IhvSecurityProfile.bUseMSOnex = FALSE;
	if (!d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity ||
	    !d->IhvSecurityProfile.pszXmlFragmentIhvSecurity)
		goto oom;
	pIhvDiscoveryProfileList->dwCount = 1;
	pIhvDiscoveryProfileList->pIhvDiscoveryProfiles = d;
	ext_log("CreateDiscoveryProfiles(adapter=%p, insecure=%d, bss-bytes=%lu) -> 1 profile: <Discovered/>",
		hIhvExtAdapter, (int)bInsecure,
		pConnectableBssid ? (unsigned long)pConnectableBssid->uNumOfBytes : 0UL);
	return ERROR_SUCCESS;
oom:
	if (d) {
		ext_svc.apis.Dot11ExtFreeBuffer(d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
		ext_svc.apis.Dot11ExtFreeBuffer(d->IhvSecurityProfile.pszXmlFragmentIhvSecurity);
	}
	ext_svc.apis.Dot11ExtFreeBuffer(buf);
	ext_log("CreateDiscoveryProfiles(adapter=%p): out of memory -> ERROR_OUTOFMEMORY",
		hIhvExtAdapter);
	return ERROR_OUTOFMEMORY;
}

/* The logged-on session is whom PerformPreAssociate asks (ext-ui.c). */
static DWORD WINAPI ext_process_session_change(ULONG uEventType,
					       PWTSSESSION_NOTIFICATION pSessionNotification)
{
	DWORD session = 0;
	int on;

	ext_enter(EXT_H_PROCESS_SESSION_CHANGE);
	if (!pSessionNotification ||
	    pSessionNotification->cbSize < sizeof(WTSSESSION_NOTIFICATION)) {
		ext_log("ProcessSessionChange(event=%lu): no notification, or cbSize too small -> ERROR_INVALID_PARAMETER",
			(unsigned long)uEventType);
		return ERROR_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&ext_svc.lock);
	ext_ui_session_change(uEventType, pSessionNotification->dwSessionId);
	on = ext_ui_logged_on(&session);
	pthread_mutex_unlock(&ext_svc.lock);
	if (on)
		ext_log("ProcessSessionChange(event=%lu, session=%lu): logged on: session %lu",
			(unsigned long)uEventType,
			(unsigned long)pSessionNotification->dwSessionId, (unsigned long)session);
	else
		ext_log("ProcessSessionChange(event=%lu, session=%lu): logged on: none",
			(unsigned long)uEventType,
			(unsigned long)pSessionNotification->dwSessionId);
	return ERROR_SUCCESS;
}

/* ------------------------------------------------------------- data path */

static DWORD WINAPI ext_receive_indication(HANDLE hIhvExtAdapter,
	DOT11EXT_IHV_INDICATION_TYPE indicationType, ULONG uBufferLength, LPVOID pvBuffer)
{
	ext_enter(EXT_H_RECEIVE_INDICATION);
	ext_log("ReceiveIndication(adapter=%p, type=%d, bytes=%lu)", hIhvExtAdapter,
		(int)indicationType, (unsigned long)uBufferLength);
	/* The NIC's own events: kept for Control's last-notification
	 * command (ext-nic.h). */
	if (indicationType == IndicationTypeNicSpecificNotification)
		ext_nic_notification(hIhvExtAdapter, uBufferLength, pvBuffer);
	return ERROR_SUCCESS;
}

static DWORD WINAPI ext_receive_packet(HANDLE hIhvExtAdapter, DWORD dwInBufferSize,
				       LPVOID pvInBuffer)
{
	const DOT11_SECURITY_PACKET_HEADER *h = (const DOT11_SECURITY_PACKET_HEADER *)pvInBuffer;
	const UCHAR *b = (const UCHAR *)pvInBuffer;
	struct ext_adapter *ad;
	DWORD ret;
	char mac[18];

	ext_enter(EXT_H_RECEIVE_PACKET);
	if (!pvInBuffer || dwInBufferSize < offsetof(DOT11_SECURITY_PACKET_HEADER, Data)) {
		ext_log("ReceivePacket(adapter=%p, bytes=%lu): shorter than the packet header -> ERROR_INVALID_PARAMETER",
			hIhvExtAdapter, (unsigned long)dwInBufferSize);
		return ERROR_INVALID_PARAMETER;
	}
	/* usEtherType is big-endian: read the bytes, not the field. */
	ext_log("ReceivePacket(adapter=%p, bytes=%lu, peer=%s, ethertype=0x%02x%02x)",
		hIhvExtAdapter, (unsigned long)dwInBufferSize, ext_mac_str(h->PeerMac, mac),
		b[6], b[7]);
	/* The lock stays held across the answer's Dot11Ext calls: the host
	 * runs them inline, on this (its) thread (ext-core.h, ext_psk_send). */
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("ReceivePacket(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	if (ext_faults && ext_faults->receive && ext_faults->receive(ad)) {
		pthread_mutex_unlock(&ext_svc.lock);
		return ERROR_SUCCESS;
	}
	ret = ext_psk_receive(ad, dwInBufferSize, b);
	pthread_mutex_unlock(&ext_svc.lock);
	return ret;
}

static DWORD WINAPI ext_send_packet_completion(HANDLE hSendCompletion)
{
	int ours;

	ext_enter(EXT_H_SEND_PACKET_COMPLETION);
	pthread_mutex_lock(&ext_svc.lock);
	ours = ext_send_done(hSendCompletion);
	pthread_mutex_unlock(&ext_svc.lock);
	ext_log("SendPacketCompletion(%p)%s", hSendCompletion,
		ours ? " -> packet buffer freed" : ": not a packet of ours");
	return ERROR_SUCCESS;
}

/* ------------------------------------------------------------- UI */

/* TRUE only for a request we still wait on (ext-ui.c): a question that
 * holds a pre-association, or the status page QueryUIRequest offered. */
static DWORD WINAPI ext_is_ui_request_pending(GUID guidUIRequest, PBOOL pbIsRequestPending)
{
	int pending;

	ext_enter(EXT_H_IS_UI_REQUEST_PENDING);
	if (!pbIsRequestPending) {
		ext_log("IsUIRequestPending(guid=%08x-...): pbIsRequestPending NULL -> ERROR_INVALID_PARAMETER",
			(unsigned int)guidUIRequest.Data1);
		return ERROR_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&ext_svc.lock);
	pending = ext_ui_is_pending(guidUIRequest);
	pthread_mutex_unlock(&ext_svc.lock);
	*pbIsRequestPending = pending ? TRUE : FALSE;
	ext_log("IsUIRequestPending(guid=%08x-...) -> %s", (unsigned int)guidUIRequest.Data1,
		pending ? "yes" : "no");
	return ERROR_SUCCESS;
}

/* The user's answer: "yes" lets the held pre-association complete,
 * anything else refuses it (ext-ui.c). */
static DWORD WINAPI ext_process_ui_response(GUID guidUIRequest, DWORD dwByteCount,
					    LPVOID pvResponseBuffer)
{
	DWORD ret;

	ext_enter(EXT_H_PROCESS_UI_RESPONSE);
	if (dwByteCount && !pvResponseBuffer) {
		ext_log("ProcessUIResponse(guid=%08x-..., bytes=%lu): no buffer -> ERROR_INVALID_PARAMETER",
			(unsigned int)guidUIRequest.Data1, (unsigned long)dwByteCount);
		return ERROR_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&ext_svc.lock);
	ret = ext_ui_response(guidUIRequest, dwByteCount, (const BYTE *)pvResponseBuffer);
	pthread_mutex_unlock(&ext_svc.lock);
	return ret;
}

/* An adapter status page for the initial connection (or any phase),
 * in buffers of the host's allocator, which the host frees. */
static DWORD WINAPI ext_query_ui_request(HANDLE hIhvExtAdapter,
	DOT11EXT_IHV_CONNECTION_PHASE connectionPhase, PDOT11EXT_IHV_UI_REQUEST *ppIhvUIRequest)
{
	struct ext_adapter *ad;
	DWORD ret;

	ext_enter(EXT_H_QUERY_UI_REQUEST);
	if (!ppIhvUIRequest) {
		ext_log("QueryUIRequest(adapter=%p): ppIhvUIRequest NULL -> ERROR_INVALID_PARAMETER",
			hIhvExtAdapter);
		return ERROR_INVALID_PARAMETER;
	}
	*ppIhvUIRequest = NULL;
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	ret = ad ? ext_ui_query(ad, connectionPhase, ppIhvUIRequest) : ERROR_INVALID_HANDLE;
	pthread_mutex_unlock(&ext_svc.lock);
	ext_log("QueryUIRequest(adapter=%p, phase=%d) -> %u, %s", hIhvExtAdapter,
		(int)connectionPhase, (unsigned int)ret,
		*ppIhvUIRequest ? "an adapter status page" : "none");
	return ret;
}

static DWORD WINAPI ext_onex_indicate_result(HANDLE hIhvExtAdapter,
	DOT11_MSONEX_RESULT msOneXResult, PDOT11_MSONEX_RESULT_PARAMS pDot11MsOneXResultParams)
{
	struct ext_adapter *ad;

	ext_enter(EXT_H_ONEX_INDICATE_RESULT);
	ext_log("OnexIndicateResult(adapter=%p, result=%d, auth-status=%d)", hIhvExtAdapter,
		(int)msOneXResult,
		pDot11MsOneXResultParams ? (int)pDot11MsOneXResultParams->Dot11OnexAuthStatus : -1);
	/* Called on the host's thread, like ReceivePacket: our answers (the
	 * completion is queued, the PMK set) are made under the lock. */
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("OnexIndicateResult(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	ext_psk_onex_result(ad, msOneXResult, pDot11MsOneXResultParams);
	pthread_mutex_unlock(&ext_svc.lock);
	return ERROR_SUCCESS;
}

/* A client's WlanIhvControl: the commands of ext-nic.h (echo, relay to
 * the NIC, the NIC's last notification). */
static DWORD WINAPI ext_control(HANDLE hIhvExtAdapter, DWORD dwInBufferSize, PBYTE pInBuffer,
				DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned)
{
	DWORD ret;

	ext_enter(EXT_H_CONTROL);
	ret = ext_nic_control(hIhvExtAdapter, dwInBufferSize, pInBuffer, dwOutBufferSize,
			      pOutBuffer, pdwBytesReturned);
	ext_log("Control(adapter=%p, in=%lu, out=%lu) -> %lu, %lu bytes returned", hIhvExtAdapter,
		(unsigned long)dwInBufferSize, (unsigned long)dwOutBufferSize, (unsigned long)ret,
		pdwBytesReturned ? (unsigned long)*pdwBytesReturned : 0UL);
	return ret;
}

/* ------------------------------------------------------------- service */

/* Lock NOT held. Stops the worker and releases everything this owns. */
static void ext_service_teardown(void)
{
	struct ext_adapter *ad;
	int running;

	pthread_mutex_lock(&ext_svc.lock);
	ext_svc.stopping = 1;
	running = ext_svc.worker_running;
	pthread_cond_broadcast(&ext_svc.cond);
	pthread_mutex_unlock(&ext_svc.lock);
	if (running)
		pthread_join(ext_svc.worker, NULL);

	pthread_mutex_lock(&ext_svc.lock);
	ext_svc.worker_running = 0;
	ext_jobs_free(ext_svc.jobs);
	ext_svc.jobs = NULL;
	ext_ui_release(NULL, 0);
	/* The host should have deinitialised every adapter; free what it
	 * did not, including the buffers, so nothing outlives the service. */
	while ((ad = ext_svc.adapters)) {
		ext_log("DeinitService: adapter %p was never deinitialised, freeing it", (void *)ad);
		ext_svc.adapters = ad->next;
		ext_jobs_free(ad->held);
		ext_adapter_drop_assoc(ad);
		ext_psk_free(ad);
		while (ad->sends)
			ext_send_untrack(ad, ad->sends);
		free(ad);
	}
	ext_svc.initialised = 0;
	ext_svc.stopping = 0;
	pthread_mutex_unlock(&ext_svc.lock);
}

static VOID WINAPI ext_deinit_service(VOID)
{
	ext_enter(EXT_H_DEINIT_SERVICE);
	ext_service_teardown();
	ext_log("DeinitService() -> worker joined, buffers freed");
}

static const DOT11EXT_IHV_HANDLERS ext_handler_table = {
	ext_deinit_service,
	ext_init_adapter,
	ext_deinit_adapter,
	ext_perform_pre_associate,
	ext_adapter_reset,
	ext_perform_post_associate,
	ext_stop_post_associate,
	ext_validate_profile,
	ext_perform_capability_match,
	ext_create_discovery_profiles,
	ext_process_session_change,
	ext_receive_indication,
	ext_receive_packet,
	ext_send_packet_completion,
	ext_is_ui_request_pending,
	ext_process_ui_response,
	ext_query_ui_request,
	ext_onex_indicate_result,
	ext_control,
};

/* How many members of @t are set (each is one pointer, in order). */
static int ext_count_handlers(const DOT11EXT_IHV_HANDLERS *t)
{
	return !!t->Dot11ExtIhvDeinitService + !!t->Dot11ExtIhvInitAdapter +
	       !!t->Dot11ExtIhvDeinitAdapter + !!t->Dot11ExtIhvPerformPreAssociate +
	       !!t->Dot11ExtIhvAdapterReset + !!t->Dot11ExtIhvPerformPostAssociate +
	       !!t->Dot11ExtIhvStopPostAssociate + !!t->Dot11ExtIhvValidateProfile +
	       !!t->Dot11ExtIhvPerformCapabilityMatch + !!t->Dot11ExtIhvCreateDiscoveryProfiles +
	       !!t->Dot11ExtIhvProcessSessionChange + !!t->Dot11ExtIhvReceiveIndication +
	       !!t->Dot11ExtIhvReceivePacket + !!t->Dot11ExtIhvSendPacketCompletion +
	       !!t->Dot11ExtIhvIsUIRequestPending + !!t->Dot11ExtIhvProcessUIResponse +
	       !!t->Dot11ExtIhvQueryUIRequest + !!t->Dot11ExtIhvOnexIndicateResult +
	       !!t->Dot11ExtIhvControl;
}

/* ------------------------------------------------------------- exports */

DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo)
{
	if (!pDot11IHVVersionInfo) {
		ext_log("GetVersionInfo(NULL) -> ERROR_INVALID_PARAMETER");
		return ERROR_INVALID_PARAMETER;
	}
	/* 0/0: the only interface version Windows defines. */
	pDot11IHVVersionInfo->dwVerMin = 0;
	pDot11IHVVersionInfo->dwVerMax = 0;
	ext_log("GetVersionInfo() -> [0, 0]");
	return ERROR_SUCCESS;
}

DWORD WINAPI Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI,
				    LPVOID pvReserved, PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers)
{
	struct ext_config cfg;
	DWORD err;
	int rc;

	(void)pvReserved;
	if (dwVerNumUsed != 0 || !pDot11ExtAPI || !pDot11IHVHandlers) {
		ext_log("InitService(version=%lu, apis=%p, handlers=%p) -> ERROR_INVALID_PARAMETER",
			(unsigned long)dwVerNumUsed, (void *)pDot11ExtAPI, (void *)pDot11IHVHandlers);
		return ERROR_INVALID_PARAMETER;
	}
	if (!pDot11ExtAPI->Dot11ExtAllocateBuffer || !pDot11ExtAPI->Dot11ExtFreeBuffer ||
	    !pDot11ExtAPI->Dot11ExtPreAssociateCompletion ||
	    !pDot11ExtAPI->Dot11ExtPostAssociateCompletion) {
		ext_log("InitService: the host's API table lacks an API this extension calls -> ERROR_INVALID_PARAMETER");
		return ERROR_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&ext_svc.lock);
	if (ext_svc.initialised) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("InitService: already initialised (no DeinitService) -> ERROR_INVALID_STATE");
		return ERROR_INVALID_STATE;
	}
	pthread_mutex_unlock(&ext_svc.lock);

	err = ext_config_read(&cfg);
	if (err == ERROR_SUCCESS)
		err = ext_variant.init(&ext_faults);
	if (err != ERROR_SUCCESS)
		return err;

	pthread_mutex_lock(&ext_svc.lock);
	ext_svc.apis = *pDot11ExtAPI; /* valid only during this call */
	ext_svc.cfg = cfg;
	ext_svc.stopping = 0;
	rc = ext_cond_init_monotonic();
	if (!rc)
		rc = pthread_create(&ext_svc.worker, NULL, ext_worker, NULL);
	if (rc) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("InitService: cannot start the worker thread: %s", strerror(rc));
		return ERROR_OUTOFMEMORY;
	}
	ext_svc.worker_running = 1;
	ext_svc.initialised = 1;
	pthread_mutex_unlock(&ext_svc.lock);

	*pDot11IHVHandlers = ext_handler_table;
	if (ext_faults && ext_faults->handlers)
		ext_faults->handlers(pDot11IHVHandlers);
	ext_log("InitService(version=%lu) -> %d of 19 handlers set, completion delay %lu ms, pre-association %s, post-association %s",
		(unsigned long)dwVerNumUsed, ext_count_handlers(pDot11IHVHandlers), cfg.delay_ms,
		cfg.refuse_preassoc ? "refuse" : "accept", cfg.fail_postassoc ? "fail" : "authorize");
	return ERROR_SUCCESS;
}

/* Virtual stations are not used; accepting the table proves the export. */
DOT11EXT_VIRTUAL_STATION_APIS ext_vs_apis;

DWORD WINAPI Dot11ExtIhvInitVirtualStation(PDOT11EXT_VIRTUAL_STATION_APIS pDot11ExtVSAPI,
					   LPVOID pvReserved)
{
	(void)pvReserved;
	if (!pDot11ExtVSAPI) {
		ext_log("InitVirtualStation(NULL) -> ERROR_INVALID_PARAMETER");
		return ERROR_INVALID_PARAMETER;
	}
	/* Kept: Control's commands 4 and 5 request and release a virtual
	 * station, and InitAdapter asks every adapter whether it is one. */
	ext_vs_apis = *pDot11ExtVSAPI;
	ext_log("InitVirtualStation() -> virtual-station table kept");
	return ERROR_SUCCESS;
}
