/* SPDX-License-Identifier: MIT */
/*
 * Service: the adapter record as everything above it sees it (lookup,
 * state transitions, the trace records that name an adapter). The bottom
 * of the service: it calls nothing of service.c, service-connect.c or
 * apis*.c, which all call it.
 */
#include "hcall.h"
#include "service-internal.h"
#include "trace.h"

const char *ihv_adapter_state_name(enum ihv_adapter_state s)
{
	switch (s) {
	case IHV_ADAPTER_NONE:
		return "none";
	case IHV_ADAPTER_INITIALISED:
		return "initialised";
	case IHV_ADAPTER_PRE_ASSOCIATING:
		return "pre-associating";
	case IHV_ADAPTER_ASSOCIATING:
		return "associating";
	case IHV_ADAPTER_POST_ASSOCIATING:
		return "post-associating";
	case IHV_ADAPTER_AUTHORIZED:
		return "authorized";
	}
	return "?";
}

void ihv_svc_rec_adapter(struct ihv_trace_rec *r, const struct ihv_adapter *a)
{
	if (!a)
		return;
	/* The name the runner knows the adapter by, for people and for
	 * scenario matchers; the ids stay for records that lack it. */
	if (a->name[0])
		ihv_trace_rec_str(r, "adapter", a->name);
	ihv_trace_rec_u64(r, "wiphy", a->id.wiphy);
	ihv_trace_rec_u64(r, "ifindex", a->id.ifindex);
}

struct ihv_hcall_args ihv_svc_hcall_args(const struct ihv_adapter *a,
					 const struct ihv_hcall_args *ta)
{
	struct ihv_hcall_args ha = { 0 };

	if (ta)
		ha = *ta;
	/* The same adapter fields as every other record of the service
	 * (ihv_svc_rec_adapter), so a scenario matches them alike. */
	if (a) {
		ha.has_adapter = true;
		ha.adapter = a->name;
		ha.wiphy = a->id.wiphy;
		ha.ifindex = a->id.ifindex;
	}
	return ha;
}

void ihv_svc_trace_note(struct ihv_service *svc, const struct ihv_adapter *a,
			const char *what, const char *detail)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "host");
	ihv_trace_rec_str(&r, "what", what);
	ihv_svc_rec_adapter(&r, a);
	if (detail)
		ihv_trace_rec_str(&r, "detail", detail);
	ihv_trace_write(svc->cfg.trace, &r);
}

void ihv_svc_set_state(struct ihv_service *svc, struct ihv_adapter *a,
		       enum ihv_adapter_state to)
{
	struct ihv_trace_rec r;

	if (a->state == to)
		return;
	ihv_trace_rec_begin(&r, "state");
	ihv_svc_rec_adapter(&r, a);
	ihv_trace_rec_str(&r, "from", ihv_adapter_state_name(a->state));
	ihv_trace_rec_str(&r, "to", ihv_adapter_state_name(to));
	ihv_trace_write(svc->cfg.trace, &r);
	a->state = to;
	/* Mirror for the API threads' window checks (handles.h aux). */
	ihv_handle_set_aux(&svc->handles, a->svc_handle, (uint32_t)to);
}

struct ihv_adapter *ihv_svc_adapter_by_id(struct ihv_service *svc,
					  struct ihv_wlan_adapter ad)
{
	for (struct ihv_adapter *a = svc->adapters; a; a = a->next)
		if (a->id.wiphy == ad.wiphy && a->id.ifindex == ad.ifindex)
			return a;
	return NULL;
}

struct ihv_adapter *ihv_svc_adapter_by_svc_handle(struct ihv_service *svc,
						  uintptr_t h)
{
	for (struct ihv_adapter *a = svc->adapters; a; a = a->next)
		if (a->svc_handle == h)
			return a;
	return NULL;
}
