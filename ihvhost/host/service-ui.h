/* SPDX-License-Identifier: MIT */
/*
 * service-ui: the user's side of the IHV contract, driven by a scenario.
 *
 *  - User sessions: ihv_service_session_change calls
 *    Dot11ExtIhvProcessSessionChange(uEventType, &{cbSize, dwSessionId})
 *    with a WTS_* event (winuser.h: CONSOLE_CONNECT 1 ... SESSION_TERMINATE
 *    11). The host keeps the logged-on session as Windows' service does:
 *    SESSION_LOGON sets it, SESSION_LOGOFF (of that session) clears it.
 *  - UI requests: what the extension sends (Dot11ExtSendUIRequest,
 *    apis-ui.c) or hands back from Dot11ExtIhvQueryUIRequest
 *    (ihv_service_ui_query) is kept, per adapter, until the scripted user
 *    answers it (ihv_service_ui_answer) or the adapter goes away. An answer
 *    first asks Dot11ExtIhvIsUIRequestPending(guid): TRUE delivers it with
 *    Dot11ExtIhvProcessUIResponse(guid, n, bytes); FALSE drops it unseen
 *    (the extension withdrew the request: a host note
 *    "ui-request-withdrawn"). Either way the request is no longer pending.
 *
 * Every call runs on the host's loop, serialised with every other handler
 * call. Handler records (hcall.h): ProcessSessionChange "type" (the
 * event) and "value" (the session id); IsUIRequestPending "adapter" (the
 * request's) and "value" (the BOOL it answered); ProcessUIResponse
 * "adapter" and "size"; QueryUIRequest "adapter", "type" (the phase) and,
 * when it returned a request, "size" (its byte count).
 *
 * QueryUIRequest's buffers: the DOT11EXT_IHV_UI_REQUEST and its
 * pvUIRequest must both come from Dot11ExtAllocateBuffer; the host copies
 * the request and frees both with Dot11ExtFreeBuffer (a pointer it did not
 * hand out is reported as bad-parameter by the buffer tracker, never
 * freed).
 *
 * Loop thread only. Errors: 0 or -errno.
 */
#ifndef IHVHOST_SERVICE_UI_H
#define IHVHOST_SERVICE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wlanihv.h>

#include "wlan.h"

struct ihv_service;

/* The largest UI request (and answer) the host takes: 64 KiB. */
#define IHV_UI_BYTES_MAX (64u * 1024u)

/* ProcessSessionChange(@event, {8, @session_id}); *ret: what it returned.
 * -EINVAL: @event is not a WTS_* code (1..11); -ESHUTDOWN: unloaded. */
int ihv_service_session_change(struct ihv_service *svc, ULONG event,
			       DWORD session_id, DWORD *ret);
/* The logged-on session (false: none). */
bool ihv_service_session_logged_on(struct ihv_service *svc, DWORD *session_id);
/* A WTS_* event's scenario name ("logon"), or NULL. */
const char *ihv_service_session_event_name(ULONG event);

/* QueryUIRequest(hIhvExtAdapter, @phase, &p). *ret: what it returned;
 * *got: it returned a request (now pending, as if sent). -ENODEV: no such
 * adapter; -EPROTO: the returned request was unusable (NULL bytes with a
 * count, over IHV_UI_BYTES_MAX, zero or pending GUID: traced as a host
 * note "ui-request-refused" naming it; freed all the same); -ENOMEM. */
int ihv_service_ui_query(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			 DOT11EXT_IHV_CONNECTION_PHASE phase, DWORD *ret, bool *got);

/* How many UI requests of adapter @ad are pending. */
size_t ihv_service_ui_pending(struct ihv_service *svc, struct ihv_wlan_adapter ad);

/* What an answer did. */
struct ihv_ui_answer {
	GUID guid;                 /* the request answered */
	DWORD session_id;          /* its dwSessionId */
	size_t request_len;        /* its byte count */
	bool withdrawn;            /* IsUIRequestPending said FALSE (or failed) */
	DWORD pending_ret;         /* what IsUIRequestPending returned */
	DWORD ret;                 /* what ProcessUIResponse returned */
};
/* The user answers request @nth (0: the oldest) of adapter @ad with @len
 * bytes of @bytes (IHV_UI_BYTES_MAX at most). -ENODEV: no such adapter;
 * -ENOENT: it has no request @nth; -EINVAL: too many bytes. */
int ihv_service_ui_answer(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			  size_t nth, const uint8_t *bytes, size_t len,
			  struct ihv_ui_answer *out);

#endif /* IHVHOST_SERVICE_UI_H */
