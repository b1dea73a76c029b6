/* SPDX-License-Identifier: MIT */
/*
 * run-ui: the scripted user (service-ui.h). `session EVENT [id=N]` is a
 * WTS notification (ProcessSessionChange); `ui-query ADAPTER [phase=P]`
 * asks the extension for a UI request (QueryUIRequest); `ui-answer
 * ADAPTER (text=|data=) [request=N]` answers a pending one (IsUIRequestPending,
 * then ProcessUIResponse). What happened goes to the trace as an "action"
 * record, so the timeline shows the user's side next to the handlers.
 * A step fails, saying why, when there is nothing to answer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "run-world.h"
#include "service-ui.h"
#include "status.h"

static const char *win32(DWORD e, char *buf, size_t len)
{
	const char *name = ihv_win32_name(e);

	if (name)
		return name;
	snprintf(buf, len, "0x%x", (unsigned int)e);
	return buf;
}

static void say(struct run_world *w, const char *text, const char *adapter,
		uint32_t ifindex)
{
	run_world_trace_text(w, text, adapter, ifindex);
	if (w->o->verbose)
		fprintf(stderr, "# %s\n", text);
}

int run_session_act(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a)
{
	const char *name = ihv_service_session_event_name(a->session_event);
	char text[160], rb[16];
	DWORD ret = 0, on = 0;
	int rc;

	rc = ihv_service_session_change(w->svc, a->session_event, a->session_id, &ret);
	if (rc < 0)
		return run_fail(w, &st->pos, "session %s: %s", name ? name : "?",
				rc == -ESHUTDOWN ? "the extension is unloaded" :
				strerror(-rc));
	if (ihv_service_session_logged_on(w->svc, &on))
		snprintf(text, sizeof(text), "session %u: %s -> %s; logged on: session %u",
			 (unsigned int)a->session_id, name, win32(ret, rb, sizeof(rb)),
			 (unsigned int)on);
	else
		snprintf(text, sizeof(text), "session %u: %s -> %s; logged on: none",
			 (unsigned int)a->session_id, name, win32(ret, rb, sizeof(rb)));
	say(w, text, NULL, 0);
	return 0;
}

int run_ui_query_act(struct run_world *w, const struct scn_step *st,
		     const struct scn_action_args *a)
{
	size_t i = a->adapter;
	char text[200], rb[16];
	DWORD ret = 0;
	bool got = false;
	int rc;

	if (!w->sta[i])
		return run_fail(w, &st->pos, "ui-query: adapter %s was removed",
				w->sta_name[i]);
	rc = ihv_service_ui_query(w->svc, run_world_adapter(w, i),
				  (DOT11EXT_IHV_CONNECTION_PHASE)a->phase, &ret, &got);
	switch (rc) {
	case 0:
		break;
	case -ENODEV:
		return run_fail(w, &st->pos, "ui-query: adapter %s is not the "
				"extension's (not initialised, or unloaded)",
				w->sta_name[i]);
	case -EPROTO:
		/* Traced by the service ("ui-request-refused"): a request the
		 * host cannot keep is the extension's fault, shown, not a
		 * failed step; the scenario's expectations judge it. */
		snprintf(text, sizeof(text), "ui-query %s: QueryUIRequest returned %s "
			 "and an unusable request (see the host note)", w->sta_name[i],
			 win32(ret, rb, sizeof(rb)));
		say(w, text, w->sta_name[i], w->sta_ifindex[i]);
		return 0;
	default:
		return run_fail(w, &st->pos, "ui-query failed: %s", strerror(-rc));
	}
	snprintf(text, sizeof(text), "ui-query %s: QueryUIRequest returned %s, %s; "
		 "%zu request(s) pending", w->sta_name[i], win32(ret, rb, sizeof(rb)),
		 got ? "a request" : "no request",
		 ihv_service_ui_pending(w->svc, run_world_adapter(w, i)));
	say(w, text, w->sta_name[i], w->sta_ifindex[i]);
	return 0;
}

int run_ui_answer_act(struct run_world *w, const struct scn_step *st,
		      const struct scn_action_args *a)
{
	size_t i = a->adapter, nth = a->request ? a->request - 1 : 0, n;
	struct ihv_ui_answer ans;
	char text[240], rb[16];
	int rc;

	if (!w->sta[i])
		return run_fail(w, &st->pos, "ui-answer: adapter %s was removed",
				w->sta_name[i]);
	n = ihv_service_ui_pending(w->svc, run_world_adapter(w, i));
	rc = ihv_service_ui_answer(w->svc, run_world_adapter(w, i), nth, a->data,
				   a->data_len, &ans);
	switch (rc) {
	case 0:
		break;
	case -ENOENT:
		if (!n)
			return run_fail(w, &st->pos, "ui-answer: adapter %s has no "
					"pending UI request (the extension sent none, "
					"or it was answered or dropped already)",
					w->sta_name[i]);
		return run_fail(w, &st->pos, "ui-answer: adapter %s has %zu pending "
				"UI request(s), not %zu (request=)", w->sta_name[i], n,
				nth + 1);
	case -ENODEV:
		return run_fail(w, &st->pos, "ui-answer: adapter %s is not the "
				"extension's (not initialised, or unloaded)",
				w->sta_name[i]);
	default:
		return run_fail(w, &st->pos, "ui-answer failed: %s", strerror(-rc));
	}
	if (ans.withdrawn)
		snprintf(text, sizeof(text), "ui-answer %s: request %08x-... (session %u, "
			 "%zu bytes) withdrawn by the extension: %zu-byte answer not "
			 "delivered", w->sta_name[i], (unsigned int)ans.guid.Data1,
			 (unsigned int)ans.session_id, ans.request_len, a->data_len);
	else
		snprintf(text, sizeof(text), "ui-answer %s: request %08x-... (session %u, "
			 "%zu bytes) answered with %zu bytes: ProcessUIResponse -> %s",
			 w->sta_name[i], (unsigned int)ans.guid.Data1,
			 (unsigned int)ans.session_id, ans.request_len, a->data_len,
			 win32(ans.ret, rb, sizeof(rb)));
	say(w, text, w->sta_name[i], w->sta_ifindex[i]);
	return 0;
}
