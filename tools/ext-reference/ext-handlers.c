/*
 * ext-handlers.c - the adapter and association handlers of the sample
 * extensions (ext-service.c has the others and the exports; ext-core.h the
 * model and how a variant plugs in).
 *
 * Behaviour (the reference's answer to each handler):
 *  - PerformPreAssociate / PerformPostAssociate return ERROR_SUCCESS at
 *    once; the worker completes them IHV_EXT_DELAY_MS later (accept /
 *    authorize, or IHV_EXT_PREASSOC=refuse / IHV_EXT_POSTASSOC=fail).
 *  - StopPostAssociate cancels the pending post-association completion and
 *    waits for one being delivered: nothing completes after it returns.
 *  - AdapterReset completes everything pending on the adapter with
 *    ERROR_CANCELLED (reference rule 6) before returning.
 *  - DeinitAdapter drops pending work without completing it (the service
 *    handle is already invalid) and frees the adapter.
 *  - DeinitService joins the worker and frees every buffer it obtained.
 *  - With a <Wpa2Psk> IHV security profile the extension owns security
 *    and is a WPA2-PSK supplicant (ext-psk.c): pre-association sets the
 *    RSN algorithms and the EAPOL EtherType up, post-association waits for
 *    the 4-way handshake (ReceivePacket) instead of its timer. An empty
 *    profile keeps the behaviour above.
 *  - A connectivity fragment <AskUser>QUESTION</AskUser> makes
 *    PerformPreAssociate ask the logged-on user (ext-ui.c): the
 *    completion waits for the answer ("yes" accepts, anything else
 *    refuses with ERROR_CANCELLED); no user logged on refuses at once.
 *  - The other handlers accept: profiles valid, capabilities match, one
 *    discovery profile; QueryUIRequest offers an adapter status page;
 *    Control runs the small command set of ext-nic.h (echo, a relay to
 *    the NIC through NicSpecificExtension, the NIC's last notification).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ext-core.h"

void ext_enter(enum ext_handler h)
{
	if (ext_faults && ext_faults->enter)
		ext_faults->enter(h);
}

/* ------------------------------------------------------------- adapters */

DWORD WINAPI ext_init_adapter(PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
			      PHANDLE phIhvExtAdapter)
{
	struct ext_adapter *ad;

	ext_enter(EXT_H_INIT_ADAPTER);
	if (!pDot11Adapter || !phIhvExtAdapter) {
		ext_log("InitAdapter(svc=%p): NULL adapter or out-handle -> ERROR_INVALID_PARAMETER",
			hDot11SvcHandle);
		return ERROR_INVALID_PARAMETER;
	}
	ad = (struct ext_adapter *)calloc(1, sizeof(*ad));
	if (!ad) {
		ext_log("InitAdapter(svc=%p): out of memory", hDot11SvcHandle);
		return ERROR_OUTOFMEMORY;
	}
	ad->svc = hDot11SvcHandle;
	ad->id = pDot11Adapter->gAdapterId;
	/* Our own MAC (the SPA of the 4-way handshake): ihvhost's GUIDs carry
	 * it in Data4[0..5] (ext-psk.c). */
	memcpy(ad->station, pDot11Adapter->gAdapterId.Data4, sizeof(ad->station));
	pthread_mutex_lock(&ext_svc.lock);
	ad->next = ext_svc.adapters;
	ext_svc.adapters = ad;
	pthread_mutex_unlock(&ext_svc.lock);
	*phIhvExtAdapter = (HANDLE)ad;
	ext_log("InitAdapter(svc=%p, guid=%08x-..., opmode=0x%x) -> adapter=%p",
		hDot11SvcHandle, (unsigned int)ad->id.Data1,
		(unsigned int)pDot11Adapter->Dot11CurrentOpMode.uCurrentOpMode, (void *)ad);
	/* A virtual station (one we asked for through Control) or a radio's
	 * own interface: the host says which. */
	if (ext_vs_apis.Dot11ExtQueryVirtualStationProperties) {
		BOOL is_vs = FALSE;
		GUID primary = { 0 };
		DWORD q = ext_vs_apis.Dot11ExtQueryVirtualStationProperties(hDot11SvcHandle,
									    &is_vs, &primary, NULL);

		ext_log("InitAdapter(adapter=%p): %s (primary %08x-...), query returned %u",
			(void *)ad, is_vs ? "a virtual station" : "a primary station",
			(unsigned int)primary.Data1, (unsigned int)q);
	}
	return ERROR_SUCCESS;
}

VOID WINAPI ext_deinit_adapter(HANDLE hIhvExtAdapter)
{
	struct ext_adapter *ad, **pp;

	ext_enter(EXT_H_DEINIT_ADAPTER);
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("DeinitAdapter(adapter=%p): not an adapter of ours, ignored", hIhvExtAdapter);
		return;
	}
	/* Removal: pending completions are dropped, never delivered. */
	ext_ui_release(ad, 0);
	ext_jobs_free(ext_jobs_take(ad, EXT_KIND_ALL));
	ext_adapter_quiesce(ad);
	if (ext_faults && ext_faults->deinit_adapter)
		ext_faults->deinit_adapter(ad);
	ext_jobs_free(ad->held);
	ext_adapter_drop_assoc(ad);
	ext_psk_free(ad);
	while (ad->sends)
		ext_send_untrack(ad, ad->sends);
	for (pp = &ext_svc.adapters; *pp != ad; pp = &(*pp)->next)
		;
	*pp = ad->next;
	pthread_mutex_unlock(&ext_svc.lock);
	ext_log("DeinitAdapter(adapter=%p)", hIhvExtAdapter);
	free(ad);
}

/* ------------------------------------------------------------- association */

DWORD WINAPI ext_perform_pre_associate(HANDLE hIhvExtAdapter, HANDLE hConnectSession,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDOT11_BSS_LIST pConnectableBssid,
	PDWORD pdwReasonCode)
{
	struct ext_adapter *ad;
	struct ext_job *job;
	DWORD ret;

	ext_enter(EXT_H_PERFORM_PRE_ASSOCIATE);
	if (pdwReasonCode)
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPreAssociate(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	/* A malformed profile fails here, synchronously, with its reason. */
	ret = ext_psk_pre_associate(ad, pIhvProfileParams, pIhvSecProfile, pdwReasonCode);
	if (ret != ERROR_SUCCESS) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPreAssociate(adapter=%p, session=%p) -> %u", hIhvExtAdapter,
			hConnectSession, (unsigned int)ret);
		return ret;
	}
	if (ext_faults && ext_faults->pre_associate)
		ext_faults->pre_associate(ad, pConnectableBssid);
	ext_profile_data_count(ad, hConnectSession, pConnectableBssid);
	job = ext_job_new(EXT_JOB_PRE, ad, hConnectSession);
	if (!job) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPreAssociate(adapter=%p): out of memory", hIhvExtAdapter);
		return ERROR_OUTOFMEMORY;
	}
	if (ext_svc.cfg.refuse_preassoc) {
		job->reason = EXT_REASON_REFUSED;
		job->win32 = ERROR_ACCESS_DENIED;
	}
	/* A profile that asks the user holds the completion until the
	 * answer (ext-ui.c). */
	if (!job->win32) {
		int held = 0;

		ret = ext_ui_pre_associate(ad, pIhvConnProfile, job, pdwReasonCode, &held);
		if (ret != ERROR_SUCCESS || held) {
			if (ret != ERROR_SUCCESS)
				free(job);
			pthread_mutex_unlock(&ext_svc.lock);
			ext_log("PerformPreAssociate(adapter=%p, session=%p) -> %s", hIhvExtAdapter,
				hConnectSession, ret != ERROR_SUCCESS ? "refused" :
				"pending, waiting for the user's answer");
			return ret;
		}
	}
	ext_log("PerformPreAssociate(adapter=%p, session=%p, bss-bytes=%lu) -> pending, %s in %lu ms",
		hIhvExtAdapter, hConnectSession,
		pConnectableBssid ? (unsigned long)pConnectableBssid->uNumOfBytes : 0UL,
		job->win32 ? "refuse" : "accept", ext_svc.cfg.delay_ms);
	if (!(ext_faults && ext_faults->schedule && ext_faults->schedule(job)))
		ext_job_queue(job, ext_svc.cfg.delay_ms);
	pthread_mutex_unlock(&ext_svc.lock);
	return ERROR_SUCCESS;
}

/* Lock held. Keeps a copy of the association parameters for the session. */
static void ext_keep_assoc(struct ext_adapter *ad, ULONG bytes,
			   PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	LPVOID copy = NULL;
	DWORD ret;

	ext_adapter_drop_assoc(ad);
	if (!p || !bytes)
		return;
	ret = ext_svc.apis.Dot11ExtAllocateBuffer(bytes, &copy);
	ext_log("Dot11ExtAllocateBuffer(%lu) returned %u (association copy %p)",
		(unsigned long)bytes, (unsigned int)ret, copy);
	if (ret != ERROR_SUCCESS || !copy)
		return;
	memcpy(copy, p, bytes);
	ad->assoc_copy = copy;
	ad->assoc_bytes = bytes;
}

DWORD WINAPI ext_perform_post_associate(HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
	PDOT11_PORT_STATE pPortState, ULONG uDot11AssocParamsBytes,
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams)
{
	struct ext_adapter *ad;
	struct ext_job *job;
	DWORD ret, reason;
	char mac[18];

	ext_enter(EXT_H_PERFORM_POST_ASSOCIATE);
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPostAssociate(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	/* The peer to complete for: the port's peer, else the parameters'. */
	if (!pPortState && (!pDot11AssocParams || uDot11AssocParamsBytes <
			    DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1)) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPostAssociate(adapter=%p, session=%p): no port state and %lu-byte parameters -> ERROR_INVALID_PARAMETER",
			hIhvExtAdapter, hSecuritySessionID, (unsigned long)uDot11AssocParamsBytes);
		return ERROR_INVALID_PARAMETER;
	}
	job = ext_job_new(EXT_JOB_POST, ad, hSecuritySessionID);
	if (!job) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("PerformPostAssociate(adapter=%p): out of memory", hIhvExtAdapter);
		return ERROR_OUTOFMEMORY;
	}
	memcpy(job->peer, pPortState ? pPortState->PeerMacAddress : pDot11AssocParams->MacAddr,
	       sizeof(job->peer));
	memcpy(ad->peer, job->peer, sizeof(ad->peer));
	ad->session = hSecuritySessionID;
	if (ext_svc.cfg.fail_postassoc) {
		job->reason = L2_REASON_CODE_DOT11_SECURITY_BASE + 1;
		job->win32 = ERROR_ACCESS_DENIED;
	}
	ext_keep_assoc(ad, uDot11AssocParamsBytes, pDot11AssocParams);
	/* Owning security: the 4-way handshake completes it, not the timer;
	 * a set-up that cannot even start fails it now (from the worker). */
	ret = ext_psk_post_associate(ad, hSecuritySessionID, uDot11AssocParamsBytes,
				     pDot11AssocParams, &reason);
	if (ret == ERROR_SUCCESS) {
		free(job);
		pthread_mutex_unlock(&ext_svc.lock);
		return ERROR_SUCCESS;
	}
	if (ret != ERROR_NOT_SUPPORTED) {
		job->reason = reason;
		job->win32 = ret;
	}
	ext_log("PerformPostAssociate(adapter=%p, session=%p, peer=%s, bytes=%lu) -> pending, %s in %lu ms",
		hIhvExtAdapter, hSecuritySessionID, ext_mac_str(job->peer, mac),
		(unsigned long)uDot11AssocParamsBytes, job->win32 ? "fail" : "authorize",
		ext_svc.cfg.post_delay_ms);
	if (!(ext_faults && ext_faults->schedule && ext_faults->schedule(job)))
		ext_job_queue(job, ext_svc.cfg.post_delay_ms);
	pthread_mutex_unlock(&ext_svc.lock);
	return ERROR_SUCCESS;
}

DWORD WINAPI ext_stop_post_associate(HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
				     DOT11_ASSOC_STATUS dot11AssocStatus)
{
	struct ext_adapter *ad;
	struct ext_job *cancelled, *j;
	unsigned int n = 0;
	char mac[18];

	ext_enter(EXT_H_STOP_POST_ASSOCIATE);
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("StopPostAssociate(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	/* Whatever is pending for the session ends here, completed or not. */
	cancelled = ext_jobs_take(ad, EXT_KIND(EXT_JOB_POST));
	for (j = cancelled; j; j = j->next)
		n++;
	ext_jobs_free(cancelled);
	ext_adapter_quiesce(ad);
	ext_adapter_drop_assoc(ad);
	ext_psk_stop(ad);
	if (ext_faults && ext_faults->stopped)
		ext_faults->stopped(ad);
	pthread_mutex_unlock(&ext_svc.lock);
	ext_log("StopPostAssociate(adapter=%p, peer=%s, status=0x%x) -> %u pending completion(s) cancelled",
		hIhvExtAdapter, ext_mac_str(pPeer ? *pPeer : NULL, mac),
		(unsigned int)dot11AssocStatus, n);
	return ERROR_SUCCESS;
}

DWORD WINAPI ext_adapter_reset(HANDLE hIhvExtAdapter)
{
	struct ext_adapter *ad;
	struct ext_job *pending, *next;
	unsigned int n = 0;

	ext_enter(EXT_H_ADAPTER_RESET);
	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	if (!ad) {
		pthread_mutex_unlock(&ext_svc.lock);
		ext_log("AdapterReset(adapter=%p): not an adapter of ours -> ERROR_INVALID_HANDLE",
			hIhvExtAdapter);
		return ERROR_INVALID_HANDLE;
	}
	/* Rule 6: pending pre/post-association complete with ERROR_CANCELLED,
	 * now, from the worker; the reset returns once they were delivered.
	 * A pre-association held for the user's answer is one of them. */
	ext_ui_release(ad, 1);
	pending = ext_jobs_take(ad, EXT_KIND(EXT_JOB_PRE) | EXT_KIND(EXT_JOB_POST));
	for (; pending; pending = next) {
		next = pending->next;
		pending->reason = EXT_REASON_CANCELLED;
		pending->win32 = ERROR_CANCELLED;
		ext_job_queue(pending, 0);
		n++;
	}
	ext_jobs_free(ext_jobs_take(ad, EXT_KIND(EXT_JOB_CALL)));
	while (n && (ad->inflight || ext_adapter_has_jobs(ad)))
		pthread_cond_wait(&ext_svc.cond, &ext_svc.lock);
	ext_adapter_drop_assoc(ad);
	/* Back to just initialised: no profile, no handshake. */
	ext_psk_free(ad);
	pthread_mutex_unlock(&ext_svc.lock);
	ext_log("AdapterReset(adapter=%p) -> %u pending completion(s) cancelled with ERROR_CANCELLED",
		hIhvExtAdapter, n);
	return ERROR_SUCCESS;
}
