/* SPDX-License-Identifier: MIT */
/*
 * The virtual-station table (DOT11EXT_VIRTUAL_STATION_APIS, handed to
 * Dot11ExtIhvInitVirtualStation). What each does here, and why:
 *
 *  - RequestVirtualStation(hPrimary): a second station interface on the
 *    primary's radio (nl80211 NEW_INTERFACE of type station on its
 *    wiphy; mac80211_hwsim allows many per radio), which then arrives as
 *    an adapter of its own, named "<primary>-vs": InitAdapter on the
 *    next turn of the loop, never from inside the API (the extension may
 *    call it from a handler, holding its lock). One per primary
 *    (ERROR_ALREADY_EXISTS for a second), none for a virtual station
 *    (ERROR_INVALID_PARAMETER).
 *  - ReleaseVirtualStation(hPrimary): deletes that interface; its removal
 *    comes back as any interface removal does (StopPostAssociate if it
 *    had a port, then DeinitAdapter). ERROR_INVALID_STATE when the
 *    primary has none.
 *  - QueryVirtualStationProperties answers for real: TRUE and the
 *    primary's gAdapterId for a virtual station; FALSE and the adapter's
 *    own gAdapterId for a primary (a primary is its own primary).
 *  - SetVirtualStationAPProperties: ERROR_NOT_SUPPORTED for good. Its
 *    properties describe a soft AP that Windows runs on the virtual
 *    station; nl80211 has no per-connection "AP properties" to hand a
 *    station interface.
 *
 * Validated on the caller's thread; the query reads the adapter on the
 * loop (ihv_api_run_on_loop). Calls only down: apis-core.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "loop.h"
#include "service-internal.h"

#define IHV_NOTE_VS_AP "not supported: no Linux counterpart (nl80211 has no " \
	"AP properties for a station interface)"

static DWORD ihv_vs_unsupported(const char *api, HANDLE h, const char *why)
{
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS)
		ret = ERROR_NOT_SUPPORTED;
	ihv_api_trace(svc, api, h, ret, ret == ERROR_NOT_SUPPORTED ? why : NULL);
	return ret;
}

struct ihv_vs_call {
	struct ihv_service *svc;
	uintptr_t svc_h;
	const char *note;
};

/* The loop turn after RequestVirtualStation: the new interface arrives
 * as an adapter (InitAdapter), linked to its primary. */
struct ihv_vs_arrival {
	struct ihv_service *svc;
	uintptr_t primary_h;
	struct ihv_wlan_adapter ad;
	uint8_t mac[SIM_ETH_ALEN];
	char name[IHV_ADAPTER_NAME_MAX + 1];
};

static void ihv_vs_arrive(void *data)
{
	struct ihv_vs_arrival *v = data;
	struct ihv_adapter *p = ihv_svc_adapter_by_svc_handle(v->svc, v->primary_h);

	/* The primary went meanwhile (its radio, and so this interface):
	 * nothing arrives. */
	if (!p || !p->has_vs || p->vs.ifindex != v->ad.ifindex) {
		free(v);
		return;
	}
	ihv_svc_adapter_add_ex(v->svc, v->ad, v->mac, v->name, v->primary_h);
	free(v);
}

static DWORD ihv_vs_request_on_loop(void *arg)
{
	struct ihv_vs_call *c = arg;
	struct ihv_adapter *p = ihv_svc_adapter_by_svc_handle(c->svc, c->svc_h);
	struct ihv_vs_arrival *v;
	int rc;

	if (!p)
		return ERROR_INVALID_STATE;
	if (p->vs_primary_h) {
		ihv_api_bad_param(c->svc, "Dot11ExtRequestVirtualStation", (HANDLE)c->svc_h,
				  "on a virtual station (hPrimary must be a primary)");
		return ERROR_INVALID_PARAMETER;
	}
	if (p->has_vs) {
		c->note = "this primary has its virtual station already";
		return ERROR_ALREADY_EXISTS;
	}
	v = calloc(1, sizeof(*v));
	if (!v)
		return ERROR_OUTOFMEMORY;
	rc = ihv_wlan_add_vif(&c->svc->cfg.wlan, p->id, &v->ad, v->mac);
	if (rc < 0) {
		free(v);
		c->note = rc == -EOPNOTSUPP ? "not supported: this 802.11 world cannot make a "
					      "second station interface (nl80211 NEW_INTERFACE)"
					    : "the station interface could not be made (see stderr)";
		return ihv_api_win32_from_errno(rc);
	}
	v->svc = c->svc;
	v->primary_h = c->svc_h;
	snprintf(v->name, sizeof(v->name), "%.*s-vs", IHV_ADAPTER_NAME_MAX - 3,
		 p->name[0] ? p->name : "adapter");
	p->has_vs = true;
	p->vs = v->ad;
	if (ihv_loop_post(c->svc->cfg.loop, ihv_vs_arrive, v, free) < 0) {
		free(v);
		p->has_vs = false;
		ihv_wlan_del_vif(&c->svc->cfg.wlan, p->vs);
		return ERROR_OUTOFMEMORY;
	}
	c->note = "a second station interface on the primary's radio: InitAdapter follows";
	return ERROR_SUCCESS;
}

/* Request and Release: the primary's handle checked here, the work on
 * the loop, the trace with the note the work left. */
static DWORD ihv_vs_call_api(const char *api, HANDLE hPrimary, DWORD (*fn)(void *))
{
	struct ihv_vs_call c = { 0 };
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hPrimary, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS) {
		c.svc = svc;
		c.svc_h = (uintptr_t)hPrimary;
		ret = ihv_api_run_on_loop(svc, fn, &c);
	}
	ihv_api_trace(svc, api, hPrimary, ret, c.note);
	return ret;
}

DWORD WINAPI ihv_api_request_virtual_station(HANDLE hPrimary, LPVOID pvReserved)
{
	(void)pvReserved;
	return ihv_vs_call_api("Dot11ExtRequestVirtualStation", hPrimary,
			       ihv_vs_request_on_loop);
}

static DWORD ihv_vs_release_on_loop(void *arg)
{
	struct ihv_vs_call *c = arg;
	struct ihv_adapter *p = ihv_svc_adapter_by_svc_handle(c->svc, c->svc_h);
	int rc;

	if (!p)
		return ERROR_INVALID_STATE;
	if (!p->has_vs) {
		c->note = "this primary has no virtual station";
		return ERROR_INVALID_STATE;
	}
	p->has_vs = false;
	rc = ihv_wlan_del_vif(&c->svc->cfg.wlan, p->vs);
	if (rc < 0) {
		c->note = "the station interface could not be deleted (see stderr)";
		return ihv_api_win32_from_errno(rc);
	}
	c->note = "its interface deleted: StopPostAssociate (if connected) and DeinitAdapter follow";
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_release_virtual_station(HANDLE hPrimary, LPVOID pvReserved)
{
	(void)pvReserved;
	return ihv_vs_call_api("Dot11ExtReleaseVirtualStation", hPrimary,
			       ihv_vs_release_on_loop);
}

struct ihv_vs_query {
	struct ihv_service *svc;
	uintptr_t svc_h;
	GUID primary;
	bool is_vs;
};

static DWORD ihv_vs_query_on_loop(void *arg)
{
	struct ihv_vs_query *q = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(q->svc, q->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	q->primary = a->dot11.gAdapterId;
	if (a->vs_primary_h) {
		struct ihv_adapter *p = ihv_svc_adapter_by_svc_handle(q->svc, a->vs_primary_h);

		q->is_vs = true;
		/* Its primary gone meanwhile: a zero GUID, the answer says. */
		if (p)
			q->primary = p->dot11.gAdapterId;
		else
			memset(&q->primary, 0, sizeof(q->primary));
	}
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_query_virtual_station_properties(HANDLE h, BOOL *pbIsVirtualStation,
						      GUID *pgPrimary, LPVOID pvReserved)
{
	const char *api = "Dot11ExtQueryVirtualStationProperties";
	struct ihv_api_targs ta = { 0 };
	struct ihv_vs_query q = { 0 };
	struct ihv_service *svc;
	DWORD ret;

	(void)pvReserved;
	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if (!pbIsVirtualStation || !pgPrimary) {
		ihv_api_bad_param(svc, api, h, "with pbIsVirtualStation or pgPrimary NULL");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	q.svc = svc;
	q.svc_h = (uintptr_t)h;
	ret = ihv_api_run_on_loop(svc, ihv_vs_query_on_loop, &q);
	if (ret != ERROR_SUCCESS)
		goto out;
	*pbIsVirtualStation = q.is_vs ? TRUE : FALSE;
	*pgPrimary = q.primary;
	ta.has_value = true;
	ta.value = q.is_vs;
out:
	ihv_api_trace_ex(svc, api, h, ret,
			 ret != ERROR_SUCCESS ? NULL : q.is_vs ?
			 "a virtual station: its primary's GUID" : "a primary station: its own GUID",
			 &ta);
	return ret;
}

DWORD WINAPI ihv_api_set_virtual_station_ap_properties(HANDLE h, HANDLE hConnectSession,
						       DWORD dwNumProperties,
						       PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY pProperties,
						       LPVOID pvReserved)
{
	(void)hConnectSession;
	(void)dwNumProperties;
	(void)pProperties;
	(void)pvReserved;
	return ihv_vs_unsupported("Dot11ExtSetVirtualStationAPProperties", h, IHV_NOTE_VS_AP);
}
