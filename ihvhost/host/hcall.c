/* SPDX-License-Identifier: MIT */
/* The handler-call bracket; see hcall.h. */
#include <stdio.h>

#include "hcall.h"
#include "sim.h"
#include "trace.h"
#include "watchdog.h"

void ihv_hcall_begin(struct ihv_hcall *c, const char *name)
{
	c->name = name;
	/* Before the watchdog: the duration covers the whole bracket, as
	 * the hang bound does. */
	c->t0_ns = sim_clock_now_ns();
	ihv_watchdog_enter(name);
}

void ihv_hcall_end(struct ihv_hcall *c, struct ihv_trace *t,
		   const struct ihv_hcall_args *args, const DWORD *ret)
{
	struct ihv_trace_rec r;
	uint64_t dur_ns;

	/* Cleared first: tracing is the host's time, not the extension's. */
	ihv_watchdog_leave();
	dur_ns = sim_clock_now_ns() - c->t0_ns;
	if (!t)
		return;
	ihv_trace_rec_begin(&r, "handler");
	ihv_trace_rec_str(&r, "name", c->name);
	if (args && args->has_adapter) {
		if (args->adapter && args->adapter[0])
			ihv_trace_rec_str(&r, "adapter", args->adapter);
		ihv_trace_rec_u64(&r, "wiphy", args->wiphy);
		ihv_trace_rec_u64(&r, "ifindex", args->ifindex);
	}
	if (args && args->session) {
		char hbuf[24];

		snprintf(hbuf, sizeof(hbuf), "0x%lx", (unsigned long)args->session);
		ihv_trace_rec_str(&r, "handle", hbuf);
	}
	if (args && args->peer)
		ihv_trace_rec_mac(&r, "peer", args->peer);
	if (args && args->has_status)
		ihv_trace_rec_status(&r, "status", args->status);
	if (args && args->event_t_ns)
		ihv_trace_rec_u64(&r, "event_t_ns", args->event_t_ns);
	if (args && args->has_size)
		ihv_trace_rec_u64(&r, "size", args->size);
	if (args && args->eapol)
		ihv_trace_rec_str(&r, "eapol", args->eapol);
	if (args && args->has_type)
		ihv_trace_rec_u64(&r, "type", args->type);
	if (args && args->has_value)
		ihv_trace_rec_u64(&r, "value", args->value);
	if (ret)
		ihv_trace_rec_win32(&r, "ret", *ret);
	ihv_trace_rec_u64(&r, "dur_ns", dur_ns);
	ihv_trace_write(t, &r);
}
