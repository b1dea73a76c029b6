/* SPDX-License-Identifier: MIT */
/*
 * apis: the 22 Dot11Ext APIs (DOT11EXT_APIS) and the 4 virtual-station
 * APIs the host hands to the extension.
 *
 * The Windows prototypes carry no context pointer (AllocateBuffer has only
 * a size), so the APIs reach the host through ONE process-wide "current
 * service" pointer, set by ihv_apis_attach() while an extension is loaded.
 * That is the only global of the host besides the watchdog's "current
 * handler"; a second attach in the same process is refused (-EBUSY): one
 * process hosts one extension, like Windows' IHV extensibility host.
 *
 * Every API, from whatever thread:
 *  1. validates its handle(s) and its window (reference rule 8) against
 *     the handle table (thread-safe snapshot); a failure is a contract
 *     violation (verifier.h) and an error return;
 *  2. records an "api" trace line (name, handle, result, and "note" when
 *     the host has no 802.11 counterpart: ERROR_NOT_SUPPORTED);
 *  3. posts the state change to the loop (completions, registrations) or,
 *     for APIs whose result depends on the 802.11 side (SendPacket, keys),
 *     runs it on the loop and waits; never touches loop state itself.
 * Return values: ERROR_SUCCESS; ERROR_INVALID_PARAMETER (bad handle or
 * argument); ERROR_INVALID_STATE (outside the window, stale, late or
 * double); ERROR_NOT_SUPPORTED (no 802.11 counterpart yet);
 * ERROR_OUTOFMEMORY.
 *
 * Files (calls point down only; apis-internal.h declares what they share):
 *   apis.c          attach/detach and the two tables (the top);
 *   apis-assoc.c    connection-scoped APIs: profile data,
 *                   notifications, the two completions;
 *   apis-security.c packets, EtherTypes, algorithms, keys;
 *   apis-nic.c      NicSpecificExtension (an nl80211 vendor command);
 *   apis-onex.c     the 802.1X APIs;
 *   apis-ui.c       SendUIRequest (service-ui.c keeps the requests);
 *   apis-vstation.c the virtual-station table;
 *   apis-buffer.c   AllocateBuffer/FreeBuffer and the buffer tracker;
 *   apis-core.c     the current service, the "api" trace record, handle
 *                   and window checks, run-on-loop (the bottom).
 * Into the service they call only down: service-adapter.c (lookup,
 * handler calls) and service-connect.c (applying the completions), never
 * the other way (service-internal.h).
 */
#ifndef IHVHOST_APIS_H
#define IHVHOST_APIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wlanihv.h>

struct ihv_service;
struct ihv_verifier;

/* -EBUSY: another service is attached (one extension per process). */
int ihv_apis_attach(struct ihv_service *svc);
void ihv_apis_detach(struct ihv_service *svc);
/* The attached service, or NULL: what the APIs serve (any thread). */
struct ihv_service *ihv_apis_current(void);

PDOT11EXT_APIS ihv_apis_table(void);
PDOT11EXT_VIRTUAL_STATION_APIS ihv_apis_vs_table(void);

struct ihv_buffer_stats {
	size_t live;        /* allocated and not freed */
	size_t live_bytes;
	size_t allocs;      /* AllocateBuffer successes since attach */
};
void ihv_apis_buffer_stats(struct ihv_buffer_stats *st);
/* At DeinitService: reports live buffers (one leaked-buffer violation
 * with count and bytes), frees them; returns how many leaked. */
size_t ihv_apis_check_leaks(struct ihv_verifier *v);

#endif /* IHVHOST_APIS_H */
