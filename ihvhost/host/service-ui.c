/* SPDX-License-Identifier: MIT */
/*
 * service-ui: user sessions and the UI round trip (contract in
 * service-ui.h). The requests the extension made are kept on the service,
 * oldest first, with the adapter they came through; they end when the
 * scripted user answers, or with their adapter (DeinitAdapter). Calls only
 * down, into service-adapter.c (lookup, the handler-call bracket, notes)
 * and the buffer tracker (QueryUIRequest's buffers).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis.h"
#include "service-internal.h"
#include "service-ui.h"
#include "trace.h"

struct ihv_svc_ui_req {
	struct ihv_svc_ui_req *next;
	struct ihv_adapter *a;     /* valid: removed by ihv_svc_ui_adapter_gone */
	GUID guid;
	CLSID clsid;
	DWORD session_id;
	const char *source;        /* "SendUIRequest" or "QueryUIRequest" */
	size_t len;
	uint8_t bytes[];
};

/* Scenario names of the WTS_* events, by value (winuser.h). */
static const char *const ihv_ui_events[] = {
	[WTS_CONSOLE_CONNECT] = "console-connect",
	[WTS_CONSOLE_DISCONNECT] = "console-disconnect",
	[WTS_REMOTE_CONNECT] = "remote-connect",
	[WTS_REMOTE_DISCONNECT] = "remote-disconnect",
	[WTS_SESSION_LOGON] = "logon",
	[WTS_SESSION_LOGOFF] = "logoff",
	[WTS_SESSION_LOCK] = "lock",
	[WTS_SESSION_UNLOCK] = "unlock",
	[WTS_SESSION_REMOTE_CONTROL] = "remote-control",
	[WTS_SESSION_CREATE] = "create",
	[WTS_SESSION_TERMINATE] = "terminate",
};

const char *ihv_service_session_event_name(ULONG event)
{
	if (event >= sizeof(ihv_ui_events) / sizeof(ihv_ui_events[0]))
		return NULL;
	return ihv_ui_events[event];
}

static void ihv_ui_guid_str(const GUID *g, char buf[40])
{
	snprintf(buf, 40, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 (unsigned int)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1],
		 g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6],
		 g->Data4[7]);
}

static bool ihv_ui_guid_zero(const GUID *g)
{
	static const GUID zero;

	return !memcmp(g, &zero, sizeof(zero));
}

/* ---- sessions ------------------------------------------------------------ */

int ihv_service_session_change(struct ihv_service *svc, ULONG event,
			       DWORD session_id, DWORD *ret)
{
	WTSSESSION_NOTIFICATION n = { .cbSize = sizeof(n), .dwSessionId = session_id };
	struct ihv_hcall_args ta = { .has_type = true, .type = event,
				     .has_value = true, .value = session_id };
	char detail[96];

	*ret = ERROR_SUCCESS;
	if (!ihv_service_session_event_name(event))
		return -EINVAL;
	if (svc->shut_down)
		return -ESHUTDOWN;
	/* The service's view first, as Windows' is the one the notification
	 * reports: during the handler, the session is already logged on. */
	if (event == WTS_SESSION_LOGON) {
		svc->ui_logged_on = true;
		svc->ui_session = session_id;
	} else if (event == WTS_SESSION_LOGOFF && svc->ui_logged_on &&
		   svc->ui_session == session_id) {
		svc->ui_logged_on = false;
	}
	if (svc->ui_logged_on)
		snprintf(detail, sizeof(detail), "%s of session %u; logged on: session %u",
			 ihv_service_session_event_name(event), (unsigned int)session_id,
			 (unsigned int)svc->ui_session);
	else
		snprintf(detail, sizeof(detail), "%s of session %u; logged on: none",
			 ihv_service_session_event_name(event), (unsigned int)session_id);
	ihv_svc_trace_note(svc, NULL, "session", detail);
	*ret = IHV_SVC_CALL_A(svc, NULL, &ta, ProcessSessionChange, event, &n);
	return 0;
}

bool ihv_service_session_logged_on(struct ihv_service *svc, DWORD *session_id)
{
	if (svc->ui_logged_on && session_id)
		*session_id = svc->ui_session;
	return svc->ui_logged_on;
}

/* ---- pending requests ------------------------------------------------------ */

static struct ihv_svc_ui_req *ihv_ui_find(struct ihv_service *svc, const GUID *g)
{
	for (struct ihv_svc_ui_req *r = svc->ui_reqs; r; r = r->next)
		if (!memcmp(&r->guid, g, sizeof(*g)))
			return r;
	return NULL;
}

static void ihv_ui_unlink(struct ihv_service *svc, struct ihv_svc_ui_req *req)
{
	for (struct ihv_svc_ui_req **pp = &svc->ui_reqs; *pp; pp = &(*pp)->next) {
		if (*pp == req) {
			*pp = req->next;
			return;
		}
	}
}

/* A host record about request @r ("ui-request", "ui-request-withdrawn",
 * ...), naming its adapter, GUID, session and size. */
static void ihv_ui_note(struct ihv_service *svc, const struct ihv_svc_ui_req *r,
			const char *what, const char *why)
{
	struct ihv_trace_rec rec;
	char g[40];

	ihv_ui_guid_str(&r->guid, g);
	ihv_trace_rec_begin(&rec, "host");
	ihv_trace_rec_str(&rec, "what", what);
	ihv_svc_rec_adapter(&rec, r->a);
	ihv_trace_rec_str(&rec, "guid", g);
	ihv_trace_rec_u64(&rec, "session", r->session_id);
	ihv_trace_rec_u64(&rec, "size", r->len);
	if (why)
		ihv_trace_rec_str(&rec, "detail", why);
	ihv_trace_write(svc->cfg.trace, &rec);
}

DWORD ihv_svc_ui_record(struct ihv_service *svc, struct ihv_adapter *a,
			const DOT11EXT_IHV_UI_REQUEST *req, char *why, size_t why_len)
{
	struct ihv_svc_ui_req *r, **tail;
	char g[40];

	ihv_ui_guid_str(&req->guidUIRequest, g);
	if (ihv_ui_find(svc, &req->guidUIRequest)) {
		snprintf(why, why_len, "with guidUIRequest %s, already pending", g);
		return ERROR_INVALID_PARAMETER;
	}
	r = malloc(sizeof(*r) + req->dwByteCount);
	if (!r)
		return ERROR_OUTOFMEMORY;
	r->next = NULL;
	r->a = a;
	r->guid = req->guidUIRequest;
	r->clsid = req->UIPageClsid;
	r->session_id = req->dwSessionId;
	r->len = req->dwByteCount;
	if (r->len)
		memcpy(r->bytes, req->pvUIRequest, r->len);
	for (tail = &svc->ui_reqs; *tail; tail = &(*tail)->next)
		;
	*tail = r;
	ihv_ui_note(svc, r, "ui-request", svc->ui_logged_on &&
		    svc->ui_session == r->session_id ? NULL :
		    "for a session that is not the logged-on one: no user sees it");
	return ERROR_SUCCESS;
}

void ihv_svc_ui_adapter_gone(struct ihv_service *svc, struct ihv_adapter *a)
{
	struct ihv_svc_ui_req **pp = &svc->ui_reqs, *r;

	while ((r = *pp)) {
		if (r->a != a) {
			pp = &r->next;
			continue;
		}
		*pp = r->next;
		ihv_ui_note(svc, r, "ui-request-dropped",
			    "its adapter was deinitialised before the user answered");
		free(r);
	}
}

void ihv_svc_ui_free(struct ihv_service *svc)
{
	while (svc->ui_reqs) {
		struct ihv_svc_ui_req *r = svc->ui_reqs;

		svc->ui_reqs = r->next;
		free(r);
	}
}

size_t ihv_service_ui_pending(struct ihv_service *svc, struct ihv_wlan_adapter ad)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	size_t n = 0;

	for (struct ihv_svc_ui_req *r = svc->ui_reqs; a && r; r = r->next)
		n += r->a == a;
	return n;
}

/* ---- QueryUIRequest ------------------------------------------------------- */

/* Inside the bracket: the call, then what it returned into the record. */
static DWORD ihv_ui_query_call(struct ihv_service *svc, struct ihv_adapter *a,
			       DOT11EXT_IHV_CONNECTION_PHASE phase,
			       PDOT11EXT_IHV_UI_REQUEST *pp, struct ihv_hcall_args *ha)
{
	DWORD ret = svc->h->Dot11ExtIhvQueryUIRequest(a->ext_handle, phase, pp);

	if (*pp) {
		ha->has_size = true;
		ha->size = (*pp)->dwByteCount;
	}
	return ret;
}

int ihv_service_ui_query(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			 DOT11EXT_IHV_CONNECTION_PHASE phase, DWORD *ret, bool *got)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	struct ihv_hcall_args ta = { .has_type = true, .type = (uint64_t)phase };
	struct ihv_hcall_args ha;
	PDOT11EXT_IHV_UI_REQUEST p = NULL;
	DOT11EXT_IHV_UI_REQUEST copy;
	char why[160] = "";
	int rc = 0;

	*ret = ERROR_SUCCESS;
	*got = false;
	if (!a || a->state == IHV_ADAPTER_NONE || svc->shut_down)
		return -ENODEV;
	ha = ihv_svc_hcall_args(a, &ta);
	*ret = IHV_HCALL(svc->cfg.trace, &ha, "Dot11ExtIhvQueryUIRequest",
			 ihv_ui_query_call(svc, a, phase, &p, &ha));
	if (!p)
		return 0;
	/* Whatever it returned, it handed over: read it once, then free
	 * both buffers (a foreign pointer is reported, not freed). */
	copy = *p;
	if (copy.dwByteCount && !copy.pvUIRequest)
		snprintf(why, sizeof(why), "QueryUIRequest returned a request of %u bytes "
			 "with pvUIRequest NULL", (unsigned int)copy.dwByteCount);
	else if (copy.dwByteCount > IHV_UI_BYTES_MAX)
		snprintf(why, sizeof(why), "QueryUIRequest returned a request of %u bytes, "
			 "more than the %u the host takes", (unsigned int)copy.dwByteCount,
			 IHV_UI_BYTES_MAX);
	else if (ihv_ui_guid_zero(&copy.guidUIRequest))
		snprintf(why, sizeof(why), "QueryUIRequest returned a request whose "
			 "guidUIRequest is all zero");
	if (!why[0]) {
		DWORD r = ihv_svc_ui_record(svc, a, &copy, why, sizeof(why));

		if (r == ERROR_OUTOFMEMORY)
			rc = -ENOMEM;
		else if (r != ERROR_SUCCESS)
			rc = -EPROTO;
		else
			*got = true;
	} else {
		rc = -EPROTO;
	}
	if (rc == -EPROTO)
		ihv_svc_trace_note(svc, a, "ui-request-refused", why);
	ihv_apis_table()->Dot11ExtFreeBuffer(copy.pvUIRequest);
	ihv_apis_table()->Dot11ExtFreeBuffer(p);
	return rc;
}

/* ---- the user's answer ---------------------------------------------------- */

static DWORD ihv_ui_pending_call(struct ihv_service *svc, GUID guid, BOOL *b,
				 struct ihv_hcall_args *ha)
{
	DWORD ret = svc->h->Dot11ExtIhvIsUIRequestPending(guid, b);

	ha->has_value = true;
	ha->value = *b != FALSE;
	return ret;
}

int ihv_service_ui_answer(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			  size_t nth, const uint8_t *bytes, size_t len,
			  struct ihv_ui_answer *out)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);
	struct ihv_hcall_args ta = { .has_size = true, .size = len };
	struct ihv_hcall_args ha;
	struct ihv_svc_ui_req *r;
	uint8_t *copy = NULL;
	BOOL pending = FALSE;
	char why[128];
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	if (!a || a->state == IHV_ADAPTER_NONE || svc->shut_down)
		return -ENODEV;
	if (len > IHV_UI_BYTES_MAX)
		return -EINVAL;
	for (r = svc->ui_reqs; r; r = r->next)
		if (r->a == a && i++ == nth)
			break;
	if (!r)
		return -ENOENT;
	out->guid = r->guid;
	out->session_id = r->session_id;
	out->request_len = r->len;
	/* Answered or withdrawn, it is no longer the host's to answer. */
	ihv_ui_unlink(svc, r);
	ha = ihv_svc_hcall_args(a, NULL);
	out->pending_ret = IHV_HCALL(svc->cfg.trace, &ha, "Dot11ExtIhvIsUIRequestPending",
				     ihv_ui_pending_call(svc, r->guid, &pending, &ha));
	if (out->pending_ret != ERROR_SUCCESS || !pending) {
		out->withdrawn = true;
		if (out->pending_ret != ERROR_SUCCESS)
			snprintf(why, sizeof(why), "IsUIRequestPending failed (0x%x): "
				 "the answer is not delivered",
				 (unsigned int)out->pending_ret);
		else
			snprintf(why, sizeof(why), "IsUIRequestPending said FALSE: "
				 "the answer is not delivered");
		ihv_ui_note(svc, r, "ui-request-withdrawn", why);
		free(r);
		return 0;
	}
	/* A host buffer, as Windows hands over its own: the extension may
	 * not keep the pointer past the call. */
	if (len) {
		copy = malloc(len);
		if (!copy) {
			ihv_ui_note(svc, r, "ui-request-dropped", "out of memory");
			free(r);
			return -ENOMEM;
		}
		memcpy(copy, bytes, len);
	}
	out->ret = IHV_SVC_CALL_A(svc, a, &ta, ProcessUIResponse, r->guid, (DWORD)len, copy);
	free(copy);
	free(r);
	return 0;
}
