/* SPDX-License-Identifier: MIT */
/*
 * Service: the service object, adapter lifecycle (InitAdapter, removal,
 * shutdown), AdapterReset, received packets and the dispatch of 802.11
 * events. One connection's path (connect to StopPostAssociate) is
 * service-connect.c, below this file; the adapter record's accessors are
 * service-adapter.c, below both (service-internal.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service-internal.h"
#include "status.h"
#include "trace.h"

int ihv_service_new(const struct ihv_service_config *cfg, struct ihv_service **out)
{
	struct ihv_service *svc;

	if (!cfg->loop || !cfg->handlers || !cfg->verifier || !cfg->wlan.ops)
		return -EINVAL;
	svc = calloc(1, sizeof(*svc));
	if (!svc)
		return -ENOMEM;
	svc->cfg = *cfg;
	if (!svc->cfg.preassoc_timeout_ms)
		svc->cfg.preassoc_timeout_ms = 10000;
	/* Read at each call, not copied: the service exists before
	 * InitService fills the table (APIs must work inside InitService). */
	svc->h = cfg->handlers;
	ihv_handles_init(&svc->handles);
	svc->next_session_id = 1;
	*out = svc;
	return 0;
}

static void ihv_svc_ascii_to_wchar(WCHAR *dst, size_t cap, const char *src)
{
	size_t i = 0;

	for (; src && src[i] && i + 1 < cap; i++)
		dst[i] = (WCHAR)(unsigned char)src[i];
	dst[i] = 0;
}

int ihv_service_adapter_add(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			    const uint8_t mac[SIM_ETH_ALEN], const char *name)
{
	return ihv_svc_adapter_add_ex(svc, ad, mac, name, 0);
}

int ihv_svc_adapter_add_ex(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			   const uint8_t mac[SIM_ETH_ALEN], const char *name,
			   uintptr_t vs_primary_h)
{
	struct ihv_adapter *a;
	HANDLE ext = NULL;
	DWORD ret;
	int rc;

	if (svc->shut_down)
		return -ESHUTDOWN;
	if (ihv_svc_adapter_by_id(svc, ad))
		return -EEXIST;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->id = ad;
	a->svc = svc;
	/* Before InitAdapter: the extension may ask what it is in there. */
	a->vs_primary_h = vs_primary_h;
	if (mac)
		memcpy(a->mac, mac, SIM_ETH_ALEN);
	ihv_svc_ascii_to_wchar(a->desc, sizeof(a->desc) / sizeof(a->desc[0]),
			       name ? name : "ihvhost adapter");
	snprintf(a->name, sizeof(a->name), "%s", name ? name : "");
	/* A stable GUID per adapter: wiphy, ifindex and the MAC, so the same
	 * radio gets the same id across runs. */
	a->dot11.gAdapterId.Data1 = ad.wiphy;
	a->dot11.gAdapterId.Data2 = (unsigned short)(ad.ifindex & 0xFFFF);
	a->dot11.gAdapterId.Data3 = 0x4948; /* "IH" */
	memcpy(a->dot11.gAdapterId.Data4, a->mac, SIM_ETH_ALEN);
	a->dot11.pszDescription = a->desc;
	a->dot11.Dot11CurrentOpMode.uCurrentOpMode = DOT11_OPERATION_MODE_EXTENSIBLE_STATION;

	/* A svc handle's owner field carries the adapter's ids, so the API
	 * threads can name the adapter in the trace without touching it. */
	rc = ihv_handle_new(&svc->handles, IHV_HANDLE_SVC,
			    ((uintptr_t)ad.wiphy << 32) | ad.ifindex, a, &a->svc_handle);
	if (rc < 0)
		goto free_adapter;
	a->state = IHV_ADAPTER_NONE;
	/* Linked before the call: APIs the extension calls from inside
	 * InitAdapter (SetEtherTypeHandling...) are applied to it. */
	a->next = svc->adapters;
	svc->adapters = a;
	ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
	ret = IHV_SVC_CALL(svc, a, InitAdapter, &a->dot11, (HANDLE)a->svc_handle, &ext);
	if (ret != ERROR_SUCCESS) {
		rc = -EPROTO;
		goto unlink;
	}
	a->ext_handle = ext;
	return 0;

unlink:
	svc->adapters = a->next;
	ihv_handle_retire(&svc->handles, a->svc_handle, IHV_RETIRE_DEINIT);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_NONE);
free_adapter:
	free(a);
	return rc;
}

/* @ev: the removal event, NULL when the host decided (explicit removal,
 * unload). */
static void ihv_svc_adapter_deinit(struct ihv_service *svc, struct ihv_adapter *a,
				   enum sim_disc_cause cause, const struct sim_event *ev)
{
	struct ihv_adapter **pp;

	if (a->port)
		ihv_svc_end_association(svc, a,
					ihv_status_from_disconnect(cause, 0, false),
					a->state, ev);
	ihv_svc_connect_abandon(svc, a, IHV_RETIRE_DEINIT);
	/* hDot11SvcHandle is invalid from the START of DeinitAdapter. */
	ihv_handle_retire(&svc->handles, a->svc_handle, IHV_RETIRE_DEINIT);
	IHV_SVC_CALL_VOID(svc, a, DeinitAdapter, a->ext_handle);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_NONE);
	for (pp = &svc->adapters; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	}
	ihv_svc_rx_drop(svc, a, "the adapter is gone");
	ihv_svc_ui_adapter_gone(svc, a);
	ihv_svc_onex_end(svc, a);
	/* A virtual station gone by itself: its primary may ask again. */
	if (a->vs_primary_h) {
		struct ihv_adapter *p = ihv_svc_adapter_by_svc_handle(svc, a->vs_primary_h);

		if (p && p->has_vs && p->vs.ifindex == a->id.ifindex) {
			p->has_vs = false;
			ihv_wlan_del_vif(&svc->cfg.wlan, a->id);
		}
	}
	ihv_svc_confirm_cancel(svc, a);
	ihv_svc_profile_clear(a);
	free(a->beacon_ies);
	free(a);
}

int ihv_service_adapter_remove(struct ihv_service *svc, struct ihv_wlan_adapter ad)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	if (!a)
		return -ENODEV;
	/* Explicit removal is the host's own decision: as an OS-initiated
	 * disassociation (DISASSOCIATED_BY_OS). */
	ihv_svc_adapter_deinit(svc, a, SIM_CAUSE_LOCAL_REQUEST, NULL);
	return 0;
}

void ihv_service_shutdown(struct ihv_service *svc)
{
	if (svc->shut_down)
		return;
	svc->shut_down = true;
	while (svc->adapters)
		ihv_svc_adapter_deinit(svc, svc->adapters, SIM_CAUSE_LOCAL_REQUEST, NULL);
}

void ihv_service_free(struct ihv_service *svc)
{
	if (!svc)
		return;
	ihv_service_shutdown(svc);
	ihv_svc_userdata_free(svc);
	ihv_svc_ui_free(svc);
	ihv_handles_destroy(&svc->handles);
	free(svc);
}

/* A timed-out association waiting for its next attempt has nothing on
 * the air: ending it is the host's own business. True when it was ended. */
static bool ihv_svc_cancel_between_attempts(struct ihv_service *svc,
					    struct ihv_adapter *a, const char *why)
{
	if (a->state != IHV_ADAPTER_ASSOCIATING || !a->assoc_retry_timer)
		return false;
	ihv_svc_connect_abandon(svc, a, IHV_RETIRE_CANCELLED);
	ihv_svc_trace_note(svc, a, "connect-cancelled", why);
	ihv_svc_set_state(svc, a, IHV_ADAPTER_INITIALISED);
	return true;
}

/* AdapterReset (rule 6), for a reset request or a disconnect request:
 * EtherType registrations go first, so nothing the extension registered
 * before the reset is delivered after it; the pending completions it owes
 * are noted, to be checked for ERROR_CANCELLED when they arrive; an
 * existing association is dropped, StopPostAssociate then following from
 * its SIM_EV_DISCONNECTED like any other disassociation. */
static int ihv_svc_reset(struct ihv_service *svc, struct ihv_adapter *a)
{
	uint32_t outcome = 1;
	DWORD ret;
	int rc = 0;

	ihv_svc_sec_reset(a);
	if (a->state == IHV_ADAPTER_PRE_ASSOCIATING)
		a->reset_pending = true;
	/* The security session's aux is what the extension's last
	 * PostAssociateCompletion decided, set at the API call (apis-assoc.c);
	 * 0 means none was issued: the post-association is pending. */
	if (a->port &&
	    ihv_handle_check(&svc->handles, a->security_session, IHV_HANDLE_SECURITY,
			     NULL, &outcome, NULL, NULL) == IHV_HANDLE_OK &&
	    outcome == 0)
		a->reset_post_session = a->security_session;
	ret = IHV_SVC_CALL(svc, a, AdapterReset, a->ext_handle);
	if (ret != ERROR_SUCCESS)
		rc = -EPROTO;
	if (ihv_svc_cancel_between_attempts(svc, a, "AdapterReset between association attempts"))
		return rc;
	if (a->state == IHV_ADAPTER_ASSOCIATING || a->port) {
		int drc = ihv_wlan_disconnect(&svc->cfg.wlan, a->id,
					      3 /* deauth: leaving */);

		if (drc < 0 && rc == 0)
			rc = drc;
	}
	return rc;
}

int ihv_service_disconnect(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			   uint16_t reason)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	if (!a)
		return -ENODEV;
	switch (a->state) {
	case IHV_ADAPTER_NONE:
	case IHV_ADAPTER_INITIALISED:
		/* Nothing to end: the request is already met (Windows answers
		 * a disconnect of an idle interface with success too). */
		ihv_svc_trace_note(svc, a, "disconnect-noop",
				   "no connection to end: nothing done");
		return 0;
	case IHV_ADAPTER_PRE_ASSOCIATING:
		/* Rule 6: a disconnect request resets the extension, which
		 * completes the pending pre-association with ERROR_CANCELLED;
		 * no 802.11 association follows (ihv_svc_apply_preassoc_completion). */
		if (a->reset_pending) {
			ihv_svc_trace_note(svc, a, "disconnect-noop",
					   "the connection is already being cancelled");
			return 0;
		}
		ihv_svc_trace_note(svc, a, "connect-cancel",
				   "disconnect during pre-association: Dot11ExtIhvAdapterReset");
		return ihv_svc_reset(svc, a);
	case IHV_ADAPTER_ASSOCIATING:
		if (ihv_svc_cancel_between_attempts(svc, a,
						    "disconnect between association attempts"))
			return 0;
		break;
	case IHV_ADAPTER_POST_ASSOCIATING:
	case IHV_ADAPTER_AUTHORIZED:
		break;
	}
	return ihv_wlan_disconnect(&svc->cfg.wlan, a->id, reason);
}

int ihv_service_reset(struct ihv_service *svc, struct ihv_wlan_adapter ad)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	if (!a)
		return -ENODEV;
	return ihv_svc_reset(svc, a);
}

/* ---- events ----------------------------------------------------------- */

static void ihv_svc_trace_event(struct ihv_service *svc, const struct sim_event *ev)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "event");
	ihv_trace_rec_str(&r, "type", sim_event_type_name(ev->type));
	ihv_trace_rec_u64(&r, "wiphy", ev->wiphy);
	ihv_trace_rec_u64(&r, "ifindex", ev->ifindex);
	ihv_trace_rec_mac(&r, "peer", ev->peer);
	if (ev->type == SIM_EV_DISCONNECTED) {
		ihv_trace_rec_str(&r, "cause", sim_cause_name(ev->u.disconnect.cause));
		ihv_trace_rec_u64(&r, "reason", ev->u.disconnect.reason);
		ihv_trace_rec_bool(&r, "by_ap", ev->u.disconnect.by_ap);
	} else if (ev->type == SIM_EV_CONNECTED || ev->type == SIM_EV_CONNECT_FAILED) {
		ihv_trace_rec_u64(&r, "status", ev->u.connect.status);
		ihv_trace_rec_bool(&r, "timed_out", ev->u.connect.timed_out);
	} else if (ev->type == SIM_EV_SIGNAL) {
		ihv_trace_rec_bool(&r, "low", ev->u.signal.low);
		if (ev->u.signal.has_level)
			ihv_trace_rec_i64(&r, "level_dbm", ev->u.signal.level_dbm);
	} else if (ev->type == SIM_EV_RFKILL) {
		ihv_trace_rec_bool(&r, "soft_blocked", ev->u.rfkill.soft_blocked);
		ihv_trace_rec_bool(&r, "hard_blocked", ev->u.rfkill.hard_blocked);
	} else if (ev->type == SIM_EV_MIC_FAILURE) {
		ihv_trace_rec_bool(&r, "group", ev->u.mic.group);
		ihv_trace_rec_u64(&r, "key_idx", ev->u.mic.key_idx);
	}
	ihv_trace_rec_u64(&r, "t_first_ns", ev->t_first_ns);
	ihv_trace_rec_u64(&r, "t_last_ns", ev->t_last_ns);
	ihv_trace_write(svc->cfg.trace, &r);
}

static struct ihv_adapter *ihv_svc_adapter_by_ifindex(struct ihv_service *svc,
						      uint32_t ifindex)
{
	for (struct ihv_adapter *a = svc->adapters; a; a = a->next)
		if (a->id.ifindex == ifindex)
			return a;
	return NULL;
}

static struct ihv_adapter *ihv_svc_adapter_by_wiphy(struct ihv_service *svc,
						    uint32_t wiphy)
{
	for (struct ihv_adapter *a = svc->adapters; a; a = a->next)
		if (a->id.wiphy == wiphy)
			return a;
	return NULL;
}

static void ihv_svc_on_disconnected(struct ihv_service *svc, struct ihv_adapter *a,
				    const struct sim_event *ev)
{
	enum sim_disc_cause cause = ev->u.disconnect.cause;
	DOT11_ASSOC_STATUS st = ihv_status_from_disconnect(cause,
							   ev->u.disconnect.reason,
							   ev->u.disconnect.by_ap);
	/* A roam's reassociation is already underway: its SIM_EV_CONNECTED
	 * starts the next post-association. */
	enum ihv_adapter_state to = cause == SIM_CAUSE_ROAM ?
		IHV_ADAPTER_ASSOCIATING : IHV_ADAPTER_INITIALISED;

	switch (a->state) {
	case IHV_ADAPTER_POST_ASSOCIATING:
	case IHV_ADAPTER_AUTHORIZED:
	case IHV_ADAPTER_ASSOCIATING:
		ihv_svc_end_association(svc, a, st, to, ev);
		break;
	case IHV_ADAPTER_NONE:
	case IHV_ADAPTER_INITIALISED:
	case IHV_ADAPTER_PRE_ASSOCIATING:
		/* No association of ours: nothing to stop. */
		ihv_svc_trace_note(svc, a, "event-ignored",
				   "disconnection without an association");
		break;
	}
}

void ihv_service_event(struct ihv_service *svc, const struct sim_event *ev)
{
	struct ihv_adapter *a;

	ihv_svc_trace_event(svc, ev);
	switch (ev->type) {
	case SIM_EV_CONNECTED:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_on_connected(svc, a, ev);
		break;
	case SIM_EV_CONNECT_FAILED:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_on_connect_failed(svc, a, ev);
		break;
	case SIM_EV_DISCONNECTED:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_on_disconnected(svc, a, ev);
		break;
	case SIM_EV_IFACE_REMOVED:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_adapter_deinit(svc, a, SIM_CAUSE_IFACE_REMOVED, ev);
		break;
	case SIM_EV_RADIO_REMOVED:
		while ((a = ihv_svc_adapter_by_wiphy(svc, ev->wiphy)))
			ihv_svc_adapter_deinit(svc, a, SIM_CAUSE_RADIO_REMOVED, ev);
		break;
	case SIM_EV_RADIO_NEW:
		/* A radio came back: a new adapter lifecycle, when it already
		 * has its station interface (else the runner adds it). */
		if (ev->ifindex && !ihv_svc_adapter_by_wiphy(svc, ev->wiphy)) {
			struct ihv_wlan_adapter ad = { ev->wiphy, ev->ifindex };

			ihv_service_adapter_add(svc, ad, NULL, NULL);
		}
		break;
	case SIM_EV_SIGNAL:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_on_signal(svc, a, ev);
		break;
	case SIM_EV_MIC_FAILURE:
		a = ihv_svc_adapter_by_ifindex(svc, ev->ifindex);
		if (a)
			ihv_svc_on_mic_failure(svc, a, ev);
		break;
	case SIM_EV_RFKILL:
		for (a = svc->adapters; a; a = a->next)
			if (a->id.wiphy == ev->wiphy)
				ihv_svc_on_rfkill(svc, a, ev);
		break;
	}
}

enum ihv_adapter_state ihv_service_adapter_state(struct ihv_service *svc,
						 struct ihv_wlan_adapter ad)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	return a ? a->state : IHV_ADAPTER_NONE;
}

int ihv_service_ethertype_count(struct ihv_service *svc, struct ihv_wlan_adapter ad)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	return a ? (int)a->n_ethertypes : -ENODEV;
}

int ihv_service_adapter_handles(struct ihv_service *svc, struct ihv_wlan_adapter ad,
				uintptr_t *svc_handle, uintptr_t *connect_session,
				uintptr_t *security_session)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	if (!a)
		return -ENODEV;
	if (svc_handle)
		*svc_handle = a->svc_handle;
	if (connect_session)
		*connect_session = a->connect_session;
	if (security_session)
		*security_session = a->security_session;
	return 0;
}
