/* SPDX-License-Identifier: MIT */
/*
 * Service: one connection, from connect to its end. Scan ->
 * ValidateProfile -> PerformCapabilityMatch -> PerformPreAssociate ->
 * (extension thread) PreAssociateCompletion -> 802.11 association ->
 * SIM_EV_CONNECTED -> port (unauthorized) -> PerformPostAssociate ->
 * PostAssociateCompletion -> port authorized or not; and the end of the
 * association (StopPostAssociate) whoever ends it: the lifecycle and
 * event dispatch above (service.c) or a failed roam here. Calls only
 * down, into service-adapter.c. Rules: see service.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assoc-params.h"
#include "bsslist.h"
#include "loop.h"
#include "service-internal.h"
#include "status.h"
#include "verifier.h"
#include "wstr.h"

/* Scans per connect before "no matching BSS" (each is bounded, ~0.1 s). */
#define IHV_SVC_SCAN_ATTEMPTS 3
#define IHV_SVC_SCAN_PAUSE_MS 200
/* 802.11 association attempts per connection when they time out. */
#define IHV_SVC_ASSOC_ATTEMPTS 5
/* Pause before retry n is n times this: an AP that did not answer in time
 * is usually busy (hostapd starved of CPU under emulation), and retrying
 * at once tends to time out again. */
#define IHV_SVC_ASSOC_BACKOFF_MS 100u

void ihv_svc_connect_abandon(struct ihv_service *svc, struct ihv_adapter *a,
			     enum ihv_handle_retire why)
{
	if (a->preassoc_timer) {
		ihv_loop_timer_cancel(svc->cfg.loop, a->preassoc_timer);
		a->preassoc_timer = 0;
	}
	if (a->assoc_retry_timer) {
		ihv_loop_timer_cancel(svc->cfg.loop, a->assoc_retry_timer);
		a->assoc_retry_timer = 0;
	}
	if (a->connect_session) {
		ihv_handle_retire(&svc->handles, a->connect_session, why);
		a->connect_session = 0;
	}
	a->reset_pending = false;
}

static void ihv_svc_preassoc_timeout(void *data)
{
	struct ihv_adapter *a = data;
	struct ihv_service *svc = a->svc;

	a->preassoc_timer = 0;
	ihv_svc_trace_note(svc, a, "pre-association-timeout",
			   "no Dot11ExtPreAssociateCompletion: connection abandoned");
	fprintf(stderr, "ihvhost: adapter %u/%u: no Dot11ExtPreAssociateCompletion "
		"within %u ms: connection abandoned\n", a->id.wiphy, a->id.ifindex,
		svc->cfg.preassoc_timeout_ms);
	ihv_svc_connect_abandon(svc, a, IHV_RETIRE_CANCELLED);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
}

/* Index of the BSS to join: @want, or the strongest; -1 when none. */
static ssize_t ihv_svc_pick_bss(const struct sim_bss *bss, size_t n, const uint8_t *want)
{
	ssize_t best = -1;

	for (size_t i = 0; i < n; i++) {
		if (want) {
			if (!memcmp(bss[i].bssid, want, SIM_ETH_ALEN))
				return (ssize_t)i;
			continue;
		}
		if (best < 0 || bss[i].signal_mbm > bss[best].signal_mbm)
			best = (ssize_t)i;
	}
	return best;
}

int ihv_service_connect(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			const struct ihv_connect_request *req)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	struct ihv_hcall_args ta = { 0 };
	struct ihv_svc_profile prof;
	DOT11_BSS_LIST list = { 0, NULL };
	struct sim_bss *bss = NULL;
	DWORD ret, reason = 0;
	bool brought_up = false;
	size_t n = 0;
	ssize_t pick;
	int rc;

	if (!a)
		return -ENODEV;
	if (!req->ssid || !req->ssid[0] || strlen(req->ssid) > SIM_SSID_MAX)
		return -EINVAL;
	if (a->state != IHV_ADAPTER_INITIALISED)
		return -EBUSY;

	/* A BSS can be missed by one scan (its beacon or probe response lost
	 * on a busy medium): like any station, scan again before giving up. */
	for (int attempt = 1; ; attempt++) {
		rc = ihv_wlan_scan(&svc->cfg.wlan, a->id, req->ssid, req->freq_mhz,
				   &bss, &n);
		/* The interface is down (an rfkill block took it down and the
		 * unblock left it so, or it was set down): a WLAN service
		 * brings its adapter up to use it, once. */
		if (rc == -ENETDOWN && !brought_up) {
			brought_up = true;
			rc = ihv_wlan_set_up(&svc->cfg.wlan, a->id);
			ihv_svc_trace_note(svc, a, rc < 0 ? "interface-up-failed" : "interface-up",
					   rc < 0 ? strerror(-rc) :
					   "the interface was down (radio back from rfkill, or set down): brought up to connect");
			if (rc == 0) {
				attempt--;
				continue;
			}
		}
		if (rc < 0) {
			ihv_svc_trace_note(svc, a, "scan-failed", strerror(-rc));
			return rc;
		}
		pick = ihv_svc_pick_bss(bss, n, req->bssid);
		if (pick >= 0 || attempt == IHV_SVC_SCAN_ATTEMPTS)
			break;
		ihv_svc_trace_note(svc, a, "scan-retry", "no matching BSS in the scan");
		ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
		bss = NULL;
		n = 0;
		/* A pause of two beacon intervals between tries: an AP that has
		 * just (re)started may not beacon yet, and three scans in a row
		 * span only ~0.4 s (seen once in a loaded suite run). */
		nanosleep(&(struct timespec){ 0, IHV_SVC_SCAN_PAUSE_MS * 1000000L }, NULL);
	}
	if (pick < 0) {
		ihv_svc_trace_note(svc, a, "connect-failed", "no matching BSS in the scan");
		rc = -ENOENT;
		goto free_bss;
	}
	/* The connectable list: the chosen BSS when the request named one,
	 * every BSS of the ESS otherwise. */
	if (req->bssid)
		rc = ihv_bss_list_build(&bss[pick], 1, &list);
	else
		rc = ihv_bss_list_build(bss, n, &list);
	if (rc < 0)
		goto free_bss;

	snprintf(a->ssid, sizeof(a->ssid), "%s", req->ssid);
	memcpy(a->bssid, bss[pick].bssid, SIM_ETH_ALEN);
	ihv_svc_candidates_note(a, bss, n);
	a->freq_mhz = bss[pick].freq_mhz;
	/* The chosen BSS's IEs go into the association parameters (its RSN
	 * element is what an extension checks message 3/4 against). */
	free(a->beacon_ies);
	a->beacon_ies = NULL;
	a->beacon_ies_len = 0;
	if (bss[pick].ies_len) {
		a->beacon_ies = malloc(bss[pick].ies_len);
		if (!a->beacon_ies) {
			rc = -ENOMEM;
			goto free_list;
		}
		memcpy(a->beacon_ies, bss[pick].ies, bss[pick].ies_len);
		a->beacon_ies_len = bss[pick].ies_len;
	}
	rc = ihv_svc_profile_set(a, req->profile, req->ssid, &bss[pick]);
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "connect-failed",
				   rc == -EINVAL ? "the profile is not valid (SSID count, or a fragment not UTF-8)"
						 : strerror(-rc));
		goto free_list;
	}
	/* No saved profile: the extension's discovery profiles first. */
	if (!req->profile) {
		rc = ihv_svc_discover(svc, a, a->prof.auth == DOT11_AUTH_ALGO_80211_OPEN &&
					      a->prof.cipher == DOT11_CIPHER_ALGO_NONE, &list);
		if (rc < 0) {
			ihv_svc_trace_note(svc, a, "connect-failed",
					   "the discovery profile is not usable");
			goto free_list;
		}
	}
	ihv_svc_profile_view(a, &prof);

	/* "size": the IHV fragments' bytes (UTF-16), so a scenario can tell
	 * which profile the extension was shown. */
	ta.has_size = true;
	ta.size = 2 * (ihv_wstr_len(a->prof.conn_xml) + ihv_wstr_len(a->prof.sec_xml));
	ret = IHV_SVC_CALL_A(svc, a, &ta, ValidateProfile, a->ext_handle, &prof.params,
			     &prof.conn, &prof.sec, &reason);
	if (ret != ERROR_SUCCESS) {
		ihv_svc_trace_note(svc, a, "connect-refused", "ValidateProfile");
		rc = -EACCES;
		goto free_list;
	}
	ta.has_size = true;
	ta.size = list.uNumOfBytes;
	ret = IHV_SVC_CALL_A(svc, a, &ta, PerformCapabilityMatch, a->ext_handle,
			   &prof.params, &prof.conn, &prof.sec, &list, &reason);
	if (ret != ERROR_SUCCESS) {
		ihv_svc_trace_note(svc, a, "connect-refused", "PerformCapabilityMatch");
		rc = -EACCES;
		goto free_list;
	}

	rc = ihv_handle_new(&svc->handles, IHV_HANDLE_CONNECT, a->svc_handle, a,
			    &a->connect_session);
	if (rc < 0)
		goto free_list;
	ihv_svc_set_state(svc, a, IHV_ADAPTER_PRE_ASSOCIATING);
	rc = ihv_loop_timer_add(svc->cfg.loop, svc->cfg.preassoc_timeout_ms,
				ihv_svc_preassoc_timeout, a, &a->preassoc_timer);
	if (rc < 0)
		goto abandon;
	ta.session = a->connect_session;
	ret = IHV_SVC_CALL_A(svc, a, &ta, PerformPreAssociate, a->ext_handle,
			   (HANDLE)a->connect_session, &prof.params, &prof.conn,
			   &prof.sec, &list, &reason);
	if (ret != ERROR_SUCCESS) {
		ihv_svc_trace_note(svc, a, "connect-refused", "PerformPreAssociate");
		rc = -EACCES;
		goto abandon;
	}
	/* Now wait for PreAssociateCompletion (posted by the APIs). */
	ihv_bss_list_free(&list);
	ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
	return 0;

abandon:
	ihv_svc_connect_abandon(svc, a, IHV_RETIRE_CANCELLED);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
free_list:
	ihv_bss_list_free(&list);
free_bss:
	ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
	return rc;
}

/* One 802.11 association attempt for the connection being made. */
static void ihv_svc_start_association(struct ihv_service *svc, struct ihv_adapter *a)
{
	struct sim_connect_params p;
	int rc;

	/* What the extension set in pre-association decides the request:
	 * the RSN element and the control port. */
	rc = ihv_svc_sec_connect_params(svc, a, &p);
	if (rc < 0) {
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		return;
	}
	a->conn_params = p;
	a->assoc_attempts++;
	rc = ihv_wlan_connect(&svc->cfg.wlan, a->id, &p);
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "connect-failed", strerror(-rc));
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		return;
	}
	ihv_svc_set_state(svc, a, IHV_ADAPTER_ASSOCIATING);
}

static void ihv_svc_assoc_retry(void *data)
{
	struct ihv_adapter *a = data;

	a->assoc_retry_timer = 0;
	/* Still wanted: nothing (disconnect, reset, removal) ended it. */
	if (a->state == IHV_ADAPTER_ASSOCIATING)
		ihv_svc_start_association(a->svc, a);
}

void ihv_svc_on_connect_failed(struct ihv_service *svc, struct ihv_adapter *a,
			       const struct sim_event *ev)
{
	char detail[64];

	/* A reassociation (roam) that failed while a port exists: mac80211
	 * had already left the old BSS (it deauthenticates from it to
	 * reassociate), so that association is over too. Its port goes now,
	 * once, as ended by roaming; otherwise the service would go on
	 * calling a dead link authorized. */
	if (a->port && (a->state == IHV_ADAPTER_POST_ASSOCIATING ||
			a->state == IHV_ADAPTER_AUTHORIZED)) {
		snprintf(detail, sizeof(detail), "status %u%s", ev->u.connect.status,
			 ev->u.connect.timed_out ? " (timed out)" : "");
		ihv_svc_trace_note(svc, a, "roam-failed", detail);
		ihv_svc_end_association(svc, a,
					ihv_status_from_disconnect(SIM_CAUSE_ROAM, 0, false),
					IHV_ADAPTER_INITIALISED, ev);
		return;
	}
	if (a->state != IHV_ADAPTER_ASSOCIATING)
		return;
	/* A timed-out attempt (frames lost, no answer) is retried like a
	 * station would; a refusal by the AP (a status code) is final.
	 * The pre-association covered this connection, not one frame
	 * exchange, so it is not repeated. */
	if (ev->u.connect.timed_out && a->assoc_attempts < IHV_SVC_ASSOC_ATTEMPTS &&
	    !a->assoc_retry_timer) {
		unsigned int ms = IHV_SVC_ASSOC_BACKOFF_MS * a->assoc_attempts;

		snprintf(detail, sizeof(detail), "attempt %u timed out, next in %u ms",
			 a->assoc_attempts, ms);
		ihv_svc_trace_note(svc, a, "association-retry", detail);
		if (ihv_loop_timer_add(svc->cfg.loop, ms, ihv_svc_assoc_retry, a,
				       &a->assoc_retry_timer) < 0)
			ihv_svc_start_association(svc, a);
		return;
	}
	snprintf(detail, sizeof(detail), "status %u%s", ev->u.connect.status,
		 ev->u.connect.timed_out ? " (timed out)" : "");
	ihv_svc_trace_note(svc, a, "association-failed", detail);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
}

void ihv_svc_apply_preassoc_completion(struct ihv_service *svc, uintptr_t svc_h,
				       uintptr_t conn_h, DWORD reason, DWORD win32)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(svc, svc_h);
	char detail[96];
	bool was_reset;

	if (!a || a->connect_session != conn_h) {
		/* The host gave the session up between the API call and now
		 * (removal, timeout): nothing to continue. */
		ihv_svc_trace_note(svc, a, "completion-dropped",
				   "pre-association no longer pending");
		return;
	}
	was_reset = a->reset_pending;
	a->connect_session = 0; /* the API already retired the handle */
	ihv_svc_connect_abandon(svc, a, IHV_RETIRE_COMPLETED);
	if (was_reset) {
		if (win32 != ERROR_CANCELLED)
			ihv_verifier_report(svc->cfg.verifier, IHV_RULE_NOT_CANCELLED,
					    "Dot11ExtPreAssociateCompletion",
					    "connect-session", conn_h,
					    "completed with win32 %u after Dot11ExtIhvAdapterReset (ERROR_CANCELLED expected)",
					    (unsigned int)win32);
		ihv_svc_trace_note(svc, a, "connect-cancelled", "AdapterReset");
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		return;
	}
	if (win32 != ERROR_SUCCESS) {
		snprintf(detail, sizeof(detail), "reason 0x%x win32 %u",
			 (unsigned int)reason, (unsigned int)win32);
		ihv_svc_trace_note(svc, a, "pre-association-failed", detail);
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		return;
	}
	a->assoc_attempts = 0;
	ihv_svc_start_association(svc, a);
}

void ihv_svc_on_connected(struct ihv_service *svc, struct ihv_adapter *a,
			  const struct sim_event *ev)
{
	struct ihv_hcall_args ta = { 0 };
	DOT11_PORT_STATE ps;
	DWORD auth, ucast, mcast, ret;
	int rc;

	bool roamed = false;

	/* Rule 5: a reassociation while a port exists deletes that port
	 * first (implicit disassociation, no indication of its own). */
	if (a->port && (a->state == IHV_ADAPTER_POST_ASSOCIATING ||
			a->state == IHV_ADAPTER_AUTHORIZED) && (roamed = true))
		ihv_svc_end_association(svc, a,
					ihv_status_from_disconnect(SIM_CAUSE_ROAM, 0, false),
					IHV_ADAPTER_ASSOCIATING, ev);
	if (a->state != IHV_ADAPTER_ASSOCIATING) {
		ihv_svc_trace_note(svc, a, "event-ignored",
				   "association the service did not start");
		return;
	}
	memcpy(a->peer, ev->peer, SIM_ETH_ALEN);
	ihv_svc_sec_algos(a, &auth, &ucast, &mcast);
	{
		/* The scan's IEs belong to the BSS joined only. */
		bool same = !memcmp(ev->peer, a->bssid, SIM_ETH_ALEN);
		struct ihv_assoc_extra extra = {
			.beacon_ies = same ? a->beacon_ies : NULL,
			.beacon_ies_len = same ? a->beacon_ies_len : 0,
			.reassoc = roamed,
		};

		rc = ihv_assoc_params_build_ex(ev, auth, ucast, mcast, &extra,
					       &a->assoc, &a->assoc_len);
	}
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "post-association-failed", strerror(-rc));
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		ihv_wlan_disconnect(&svc->cfg.wlan, a->id, 1 /* unspecified */);
		return;
	}
	rc = ihv_handle_new(&svc->handles, IHV_HANDLE_SECURITY, a->svc_handle, a,
			    &a->security_session);
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "post-association-failed", strerror(-rc));
		ihv_assoc_params_free(a->assoc);
		a->assoc = NULL;
		ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
		ihv_wlan_disconnect(&svc->cfg.wlan, a->id, 1);
		return;
	}
	/* The port exists from here on, unauthorized: StopPostAssociate is
	 * now owed exactly once, whatever happens. */
	a->port = true;
	a->port_authorized = false;
	rc = ihv_wlan_set_authorized(&svc->cfg.wlan, a->id, a->peer, false);
	if (rc < 0)
		ihv_svc_trace_note(svc, a, "port-control", strerror(-rc));
	ihv_svc_set_state(svc, a, IHV_ADAPTER_POST_ASSOCIATING);

	memset(&ps, 0, sizeof(ps));
	memcpy(ps.PeerMacAddress, a->peer, SIM_ETH_ALEN);
	ps.uSessionId = svc->next_session_id++;
	ps.bPortControlled = TRUE;
	ps.bPortAuthorized = FALSE;
	ta.peer = a->peer;
	ta.has_size = true;
	ta.size = a->assoc_len;
	ta.session = a->security_session;
	/* The driver watches the signal from here on (LinkQuality, roaming). */
	ihv_svc_link_watch(svc, a);
	ret = IHV_SVC_CALL_A(svc, a, &ta, PerformPostAssociate, a->ext_handle,
			   (HANDLE)a->security_session, &ps, a->assoc_len, a->assoc);
	if (ret != ERROR_SUCCESS) {
		/* Post-association was reached: Stop follows from the
		 * disconnection this causes. */
		ihv_svc_trace_note(svc, a, "post-association-failed",
				   "PerformPostAssociate");
		ihv_svc_rx_drop(svc, a, "PerformPostAssociate failed");
		ihv_wlan_disconnect(&svc->cfg.wlan, a->id, 1);
		return;
	}
	/* Post-association has started: what arrived meanwhile (the AP's
	 * message 1/4, typically) goes to ReceivePacket now, in order. */
	ihv_svc_rx_flush(svc, a);
	/* Then the BSSs of the ESS the connection's scan heard, when there
	 * is a choice (pre-authentication, PMK caching). */
	ihv_svc_indicate_candidates(svc, a);
}

void ihv_svc_apply_postassoc_completion(struct ihv_service *svc, uintptr_t svc_h,
					uintptr_t sec_h, const uint8_t peer[SIM_ETH_ALEN],
					DWORD reason, DWORD win32)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(svc, svc_h);
	bool authorize = win32 == ERROR_SUCCESS;
	int rc;

	/* Rule 6: owed since an AdapterReset, so ERROR_CANCELLED, and never
	 * an authorization (the reset ends the association). Checked even
	 * when the disconnection that follows the reset was applied first:
	 * the extension issued it while the session was live. */
	if (a && sec_h && a->reset_post_session == sec_h) {
		a->reset_post_session = 0;
		if (win32 != ERROR_CANCELLED)
			ihv_verifier_report(svc->cfg.verifier, IHV_RULE_NOT_CANCELLED,
					    "Dot11ExtPostAssociateCompletion", "session", sec_h,
					    "completed with win32 %u after Dot11ExtIhvAdapterReset (ERROR_CANCELLED expected)",
					    (unsigned int)win32);
		ihv_svc_trace_note(svc, a, "post-association-cancelled", "AdapterReset");
		return;
	}
	if (!a || !a->port || a->security_session != sec_h) {
		ihv_svc_trace_note(svc, a, "completion-dropped",
				   "association ended before the completion was applied");
		return;
	}
	/* Rule 4: pPeer is the AP's MAC. Another address is reported; the
	 * port in question is still the one to the AP, so it is applied. */
	if (memcmp(peer, a->peer, SIM_ETH_ALEN))
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER,
				    "Dot11ExtPostAssociateCompletion", "session", sec_h,
				    "with pPeer " SIM_MAC_FMT ", not the AP " SIM_MAC_FMT,
				    SIM_MAC_ARG(peer), SIM_MAC_ARG(a->peer));
	rc = ihv_wlan_set_authorized(&svc->cfg.wlan, a->id, a->peer, authorize);
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "port-control", strerror(-rc));
		/* Fail closed: a port the 802.11 side could not open stays
		 * unauthorized in our state too. */
		authorize = false;
	}
	a->port_authorized = authorize;
	if (a->reauth_pending) {
		a->reauth_pending = false;
		ihv_svc_trace_note(svc, a, "re-authenticated",
				   authorize ? "the extension renewed the port's authorization"
					     : "the extension closed the port after re-authentication");
	}
	if (!authorize) {
		ihv_svc_confirm_cancel(svc, a);
		ihv_svc_set_state(svc, a, IHV_ADAPTER_POST_ASSOCIATING);
		return;
	}
	/* "authorized" once the AP agrees (service-security.c). */
	ihv_svc_confirm_start(svc, a);
}

/* ---- the end of the association ------------------------------------- */

void ihv_svc_end_association(struct ihv_service *svc, struct ihv_adapter *a,
			     DOT11_ASSOC_STATUS status, enum ihv_adapter_state to,
			     const struct sim_event *cause)
{
	if (a->port) {
		uint8_t peer[SIM_ETH_ALEN];

		/* Retire first, as "stopping": a completion the extension's
		 * thread issues while Stop runs raced with it (the extension
		 * may have been inside the call when Stop began) and is
		 * dropped without a violation; one after Stop returned is
		 * late. */
		ihv_handle_retire(&svc->handles, a->security_session,
				  IHV_RETIRE_STOPPING);
		memcpy(peer, a->peer, sizeof(peer));
		a->port = false;
		a->port_authorized = false;
		struct ihv_hcall_args ta = {
			.peer = peer, .has_status = true, .status = status,
			.session = a->security_session,
			.event_t_ns = cause ? cause->t_first_ns : 0,
		};

		IHV_SVC_CALL_A(svc, a, &ta, StopPostAssociate, a->ext_handle,
			       (PDOT11_MAC_ADDRESS)peer, status);
		/* The extension stops its OneX session in Stop; one left
		 * running is reported and ended here. */
		ihv_svc_onex_end(svc, a);
		a->reauth_pending = false;
		ihv_handle_retire(&svc->handles, a->security_session,
				  IHV_RETIRE_STOPPED);
		a->security_session = 0;
	}
	if (a->assoc) {
		ihv_assoc_params_free(a->assoc);
		a->assoc = NULL;
		a->assoc_len = 0;
	}
	ihv_svc_confirm_cancel(svc, a);
	ihv_svc_keys_forget(svc, a);
	/* A roam goes on associating: what the new AP already sent is its
	 * (held for the new post-association). */
	if (to != IHV_ADAPTER_ASSOCIATING)
		ihv_svc_rx_drop(svc, a, "the association ended");
	a->roaming = false;
	ihv_svc_set_state(svc, a, to);
}

/* ---- roam ------------------------------------------------------------- */

/* The roam target's IEs for the next association parameters (the
 * extension checks message 3/4 against its RSN element): one targeted
 * scan. Not heard: the parameters carry no beacon IEs, and the trace
 * says so; the reassociation is attempted anyway (its own outcome is the
 * verdict). */
static void ihv_svc_roam_target_ies(struct ihv_service *svc, struct ihv_adapter *a,
				    const uint8_t bssid[SIM_ETH_ALEN], uint32_t freq_mhz)
{
	struct sim_bss *bss = NULL;
	size_t n = 0;
	ssize_t pick;

	free(a->beacon_ies);
	a->beacon_ies = NULL;
	a->beacon_ies_len = 0;
	/* As often as a connect's scan: a scan can miss a BSS (and the
	 * kernel's CONNECT then finds none in its cache). */
	for (unsigned int attempt = 1; attempt <= IHV_SVC_SCAN_ATTEMPTS; attempt++) {
		bss = NULL;
		n = 0;
		if (ihv_wlan_scan(&svc->cfg.wlan, a->id, a->ssid, freq_mhz, &bss, &n) == 0 &&
		    (pick = ihv_svc_pick_bss(bss, n, bssid)) >= 0 && bss[pick].ies_len &&
		    (a->beacon_ies = malloc(bss[pick].ies_len))) {
			memcpy(a->beacon_ies, bss[pick].ies, bss[pick].ies_len);
			a->beacon_ies_len = bss[pick].ies_len;
			ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
			return;
		}
		ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
	}
	ihv_svc_trace_note(svc, a, "roam-scan",
			   "the target was not in a scan: no beacon IEs for its association parameters");
}

int ihv_service_roam(struct ihv_service *svc, struct ihv_wlan_adapter ad,
		     const uint8_t bssid[SIM_ETH_ALEN], uint32_t freq_mhz)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	struct sim_connect_params p;
	int rc;

	if (!a)
		return -ENODEV;
	if (!bssid || !freq_mhz)
		return -EINVAL;
	if (!a->port || (a->state != IHV_ADAPTER_POST_ASSOCIATING &&
			 a->state != IHV_ADAPTER_AUTHORIZED))
		return -ENOTCONN;
	/* Same ESS, same security: the request the association was made
	 * with, to another BSS (the kernel wants the crypto attributes on
	 * every CONNECT, a reassociation's included). Pre-association is
	 * not repeated: Windows roams within the connection. */
	p = a->conn_params;
	p.ssid = a->ssid;
	p.bssid = bssid;
	p.freq_mhz = freq_mhz;
	ihv_svc_roam_target_ies(svc, a, bssid, freq_mhz);
	rc = ihv_wlan_roam(&svc->cfg.wlan, a->id, &p);
	if (rc < 0) {
		ihv_svc_trace_note(svc, a, "roam-failed", strerror(-rc));
		return rc;
	}
	memcpy(a->bssid, bssid, SIM_ETH_ALEN);
	a->freq_mhz = freq_mhz;
	a->roaming = true;
	return 0;
}
