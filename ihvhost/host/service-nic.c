/* SPDX-License-Identifier: MIT */
/*
 * service-nic: a client's Control request and the driver's vendor events
 * into the extension (contract in service-nic.h). Calls only down, into
 * service-adapter.c (lookup, the handler-call bracket, notes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service-internal.h"
#include "service-nic.h"
#include "trace.h"

/* Bytes behind the out buffer that must still hold the pattern after
 * Control returned: an extension that writes past what it was given is
 * caught here instead of corrupting the host's heap unnoticed. */
#define IHV_CONTROL_GUARD 64u
#define IHV_CONTROL_GUARD_BYTE 0xA5

/* The header of a NicSpecificNotification buffer (service-nic.h). */
#define IHV_NIC_HDR_LEN 8u

static bool ihv_guard_intact(const uint8_t *g)
{
	for (size_t i = 0; i < IHV_CONTROL_GUARD; i++)
		if (g[i] != IHV_CONTROL_GUARD_BYTE)
			return false;
	return true;
}

int ihv_service_control(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			const uint8_t *in, size_t in_len, size_t out_cap,
			uint8_t *out, size_t *out_len, DWORD *ret)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	struct ihv_hcall_args ta = { .has_size = true, .size = in_len };
	uint8_t *inb = NULL, *outb;
	DWORD returned = 0;
	char detail[160];
	int rc = 0;

	*out_len = 0;
	*ret = ERROR_SUCCESS;
	if (!a || a->state == IHV_ADAPTER_NONE || svc->shut_down)
		return -ENODEV;
	if (out_cap > IHV_CONTROL_OUT_MAX || in_len > UINT32_MAX)
		return -EINVAL;
	/* Host copies: the extension writes where a client's buffer would
	 * be, never into the caller's memory. */
	outb = malloc(out_cap + IHV_CONTROL_GUARD);
	if (!outb)
		return -ENOMEM;
	memset(outb, 0, out_cap);
	memset(outb + out_cap, IHV_CONTROL_GUARD_BYTE, IHV_CONTROL_GUARD);
	if (in_len) {
		inb = malloc(in_len);
		if (!inb) {
			rc = -ENOMEM;
			goto free_out;
		}
		memcpy(inb, in, in_len);
	}
	*ret = IHV_SVC_CALL_A(svc, a, &ta, Control, a->ext_handle, (DWORD)in_len,
			      inb, (DWORD)out_cap, outb, &returned);
	if (!ihv_guard_intact(outb + out_cap)) {
		snprintf(detail, sizeof(detail),
			 "Dot11ExtIhvControl wrote past the end of its %zu-byte out buffer",
			 out_cap);
		ihv_svc_trace_note(svc, a, "control-misbehaved", detail);
		rc = -EFAULT;
		goto free_in;
	}
	if (returned > out_cap) {
		snprintf(detail, sizeof(detail),
			 "Dot11ExtIhvControl reported %u bytes returned in a %zu-byte out buffer",
			 (unsigned int)returned, out_cap);
		ihv_svc_trace_note(svc, a, "control-misbehaved", detail);
		rc = -EOVERFLOW;
		goto free_in;
	}
	if (returned)
		memcpy(out, outb, returned);
	*out_len = returned;
free_in:
	free(inb);
free_out:
	free(outb);
	return rc;
}

/* The adapter a vendor event is for, or NULL with @why said. */
static struct ihv_adapter *ihv_nic_adapter(struct ihv_service *svc,
					   const struct sim_vendor_event *ev,
					   char *why, size_t len)
{
	for (struct ihv_adapter *a = svc->adapters; a; a = a->next) {
		if (a->id.wiphy != ev->wiphy || a->state == IHV_ADAPTER_NONE)
			continue;
		/* No interface named: the event is the radio's, and the
		 * radio is this adapter's. */
		if (ev->has_ifindex && ev->ifindex != a->id.ifindex) {
			snprintf(why, len, "for interface %u of wiphy %u, not the adapter's (%u)",
				 ev->ifindex, ev->wiphy, a->id.ifindex);
			return NULL;
		}
		return a;
	}
	snprintf(why, len, "for wiphy %u, which is no adapter's (not yet "
		 "initialised, or already deinitialised)", ev->wiphy);
	return NULL;
}

void ihv_service_nic_event(struct ihv_service *svc,
			   const struct sim_vendor_event *ev)
{
	struct ihv_hcall_args ta = { .has_type = true,
				     .type = IndicationTypeNicSpecificNotification,
				     .has_size = true };
	struct ihv_trace_rec r;
	struct ihv_adapter *a;
	uint8_t *buf;
	char why[128];

	a = svc->shut_down ? NULL : ihv_nic_adapter(svc, ev, why, sizeof(why));
	if (!a) {
		if (svc->shut_down)
			snprintf(why, sizeof(why), "the extension is being unloaded");
		ihv_trace_rec_begin(&r, "host");
		ihv_trace_rec_str(&r, "what", "indication-dropped");
		ihv_trace_rec_u64(&r, "wiphy", ev->wiphy);
		ihv_trace_rec_str(&r, "detail", why);
		ihv_trace_write(svc->cfg.trace, &r);
		return;
	}
	/* A fresh host buffer per call, as Windows hands over its own: the
	 * event's bytes are sim's, valid only during its callback. */
	buf = malloc(IHV_NIC_HDR_LEN + ev->len);
	if (!buf) {
		ihv_svc_trace_note(svc, a, "indication-dropped", "out of memory");
		return;
	}
	memcpy(buf, &ev->oui, 4);
	memcpy(buf + 4, &ev->subcmd, 4);
	if (ev->len)
		memcpy(buf + IHV_NIC_HDR_LEN, ev->data, ev->len);
	ta.size = IHV_NIC_HDR_LEN + ev->len;
	ta.event_t_ns = ev->t_ns;
	IHV_SVC_CALL_A(svc, a, &ta, ReceiveIndication, a->ext_handle,
		       IndicationTypeNicSpecificNotification, (ULONG)(IHV_NIC_HDR_LEN + ev->len), buf);
	free(buf);
}
