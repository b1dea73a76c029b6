/* SPDX-License-Identifier: MIT */
/*
 * hcall: the bracket around every call from the host into the extension
 * (a handler of DOT11EXT_IHV_HANDLERS or an exported entry point).
 *
 *  - before the call, the watchdog's "current handler" is set, so a crash
 *    or a hang inside the extension is reported by the handler's name
 *    (watchdog.h);
 *  - after it returns, the current handler is cleared and ONE "handler"
 *    trace record is written, fields in this order, each only when given:
 *      {"t_ns":..,"kind":"handler","name":N,"adapter":..,"wiphy":..,
 *       "ifindex":..,"handle":"0x..","peer":..,"status":..,
 *       "event_t_ns":..,"size":..,"eapol":..,"type":..,"value":..,
 *       "ret":..,"dur_ns":D}
 *    dur_ns runs from just before the watchdog was set to just after it
 *    was cleared. event_t_ns is the t_first_ns of the sim event (nl80211
 *    burst) that made the host call the handler, on the same clock as
 *    t_ns (CLOCK_MONOTONIC, sim_clock_now_ns): t_ns - event_t_ns is the
 *    host's reaction time to that event (a replayed recording carries
 *    the recorded times instead). APIs the extension calls during the
 *    handler are traced by themselves, so their records come before the
 *    handler's.
 *
 * Use the macros; @call is the whole call expression, evaluated between
 * begin and end (so the function pointer is read inside the bracket too):
 *
 *   DWORD ret = IHV_HCALL(trace, NULL, "Dot11ExtIhvGetVersionInfo",
 *                         ext->entry.get_version_info(&vi));
 *   IHV_HCALL_VOID(trace, NULL, "Dot11ExtIhvDeinitService",
 *                  ext->handlers.Dot11ExtIhvDeinitService());
 *
 * @name must be a string constant (the watchdog reads it from a signal
 * handler). Loop thread only: the bracket is not nestable.
 */
#ifndef IHVHOST_HCALL_H
#define IHVHOST_HCALL_H

#include <stdbool.h>
#include <stdint.h>

#include <wlanihv.h>

struct ihv_trace;

/* What a "handler" record says besides name, ret and dur_ns; all zero:
 * nothing. */
struct ihv_hcall_args {
	bool has_adapter;            /* "adapter" (if named), "wiphy", "ifindex" */
	const char *adapter;         /* NULL or "": no "adapter" field */
	uint32_t wiphy, ifindex;
	uintptr_t session;           /* "handle"; 0: none */
	const uint8_t *peer;         /* "peer"; NULL: none */
	bool has_status;
	DOT11_ASSOC_STATUS status;
	uint64_t event_t_ns;         /* "event_t_ns": the triggering sim
				      * event's t_first_ns; 0: none */
	bool has_size;
	uint64_t size;
	const char *eapol;           /* "eapol": what an EAPOL frame is
				      * ("1/4", "group-1/2", ...); NULL: none */
	bool has_type;               /* "type": e.g. ReceiveIndication's
				      * DOT11EXT_IHV_INDICATION_TYPE */
	uint64_t type;
	bool has_value;              /* "value": e.g. ProcessSessionChange's
				      * session id, IsUIRequestPending's BOOL */
	uint64_t value;
};

/* One call in progress; on the caller's stack. */
struct ihv_hcall {
	const char *name;
	uint64_t t0_ns;
};

/* Starts the clock, then sets the watchdog's current handler. */
void ihv_hcall_begin(struct ihv_hcall *c, const char *name);
/* Clears the watchdog's current handler, stops the clock and writes the
 * record to @t (NULL: no trace). @args NULL: none; @ret NULL: a VOID
 * handler (no "ret" field). */
void ihv_hcall_end(struct ihv_hcall *c, struct ihv_trace *t,
		   const struct ihv_hcall_args *args, const DWORD *ret);

/* Statement expressions (gnu11): the value is what @call returned. */
#define IHV_HCALL(t, args, name, call)                                     \
	({                                                                 \
		struct ihv_hcall hc_;                                      \
		DWORD hr_;                                                 \
		ihv_hcall_begin(&hc_, name);                               \
		hr_ = (call);                                              \
		ihv_hcall_end(&hc_, t, args, &hr_);                        \
		hr_;                                                       \
	})
#define IHV_HCALL_VOID(t, args, name, call)                                \
	do {                                                               \
		struct ihv_hcall hc_;                                      \
		ihv_hcall_begin(&hc_, name);                               \
		(call);                                                    \
		ihv_hcall_end(&hc_, t, args, NULL);                        \
	} while (0)

#endif /* IHVHOST_HCALL_H */
