/* SPDX-License-Identifier: MIT */
/*
 * The user's side, hermetic (the extension double, the wlan double):
 * ProcessSessionChange and the logged-on session; Dot11ExtSendUIRequest's
 * validation; the answer delivered (IsUIRequestPending TRUE, then
 * ProcessUIResponse) or withdrawn (FALSE: nothing delivered); requests
 * dying with their adapter; QueryUIRequest's buffers freed by the host;
 * the virtual-station table's answers; the steps' parse errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "scn-int.h"
#include "scn-util.h"
#include "service.h"
#include "service-ui.h"
#include "verifier.h"
#include "wlan-double.h"

static struct wlan_double wd;
static struct ihv_host *host;
static struct ihv_service *svc;
static const struct ihv_wlan_adapter AD = { .wiphy = 1, .ifindex = 10 };
static int trace_fd = -1;

static void host_setup(void)
{
	struct ihv_host_options o = { 0 };
	char path[64], err[256];
	int fd;

	snprintf(path, sizeof(path), "/tmp/ihv-ui-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ext_double_init();
	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	o.trace_path = path;
	if (ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host, err,
			       sizeof(err)) < 0) {
		unlink(path);
		ck_abort_msg("%s", err);
	}
	trace_fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	ck_assert_int_ge(trace_fd, 0);
	svc = ihv_host_service(host);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

static void host_teardown(void)
{
	ihv_host_free(host);
	host = NULL;
	close(trace_fd);
	trace_fd = -1;
}

/* Whether one trace line holds all of @a, @b and @c (NULL: any). */
static bool trace_has3(const char *a, const char *b, const char *c)
{
	char line[4096];
	bool found = false;
	FILE *f = fdopen(dup(trace_fd), "r");

	ck_assert_ptr_nonnull(f);
	rewind(f);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, a) && (!b || strstr(line, b)) &&
			(!c || strstr(line, c));
	fclose(f);
	return found;
}

static DOT11EXT_IHV_UI_REQUEST req_of(uint32_t tag, DWORD session, const char *text)
{
	DOT11EXT_IHV_UI_REQUEST r = { .dwSessionId = session };

	r.guidUIRequest.Data1 = tag;
	r.dwByteCount = (DWORD)strlen(text);
	r.pvUIRequest = (BYTE *)text;
	return r;
}

static DWORD send_req(DOT11EXT_IHV_UI_REQUEST *r)
{
	return ext_double.apis.Dot11ExtSendUIRequest(ext_double.svc_handle, r);
}

START_TEST(test_session_changes)
{
	DWORD ret = 99, on = 0;

	ck_assert(!ihv_service_session_logged_on(svc, &on));
	ck_assert_ok(ihv_service_session_change(svc, WTS_SESSION_LOGON, 3, &ret));
	ck_assert_uint_eq(ret, ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.session_event, WTS_SESSION_LOGON);
	ck_assert_uint_eq(ext_double.session_id, 3);
	ck_assert_uint_eq(ext_double.session_cb, sizeof(WTSSESSION_NOTIFICATION));
	ck_assert(ihv_service_session_logged_on(svc, &on));
	ck_assert_uint_eq(on, 3);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvProcessSessionChange\"", "\"type\":5",
			     "\"value\":3"));
	/* another session's logoff leaves session 3 logged on */
	ck_assert_ok(ihv_service_session_change(svc, WTS_SESSION_LOGOFF, 4, &ret));
	ck_assert(ihv_service_session_logged_on(svc, &on));
	ck_assert_ok(ihv_service_session_change(svc, WTS_SESSION_LOCK, 3, &ret));
	ck_assert(ihv_service_session_logged_on(svc, &on));
	ck_assert_ok(ihv_service_session_change(svc, WTS_SESSION_LOGOFF, 3, &ret));
	ck_assert(!ihv_service_session_logged_on(svc, &on));
	ck_assert(trace_has3("\"what\":\"session\"", "logoff of session 3", "logged on: none"));
	/* WTS_* is 1..11 */
	ck_assert_int_eq(ihv_service_session_change(svc, 0, 1, &ret), -EINVAL);
	ck_assert_int_eq(ihv_service_session_change(svc, 12, 1, &ret), -EINVAL);
	ck_assert_int_eq(wlan_double_log_count("ext:ProcessSessionChange"), 4);
	ck_assert_str_eq(ihv_service_session_event_name(WTS_SESSION_TERMINATE), "terminate");
}
END_TEST

START_TEST(test_send_validated)
{
	struct ihv_verifier *v = ihv_host_verifier(host);
	DOT11EXT_IHV_UI_REQUEST r = req_of(0x11, 1, "Connect?");
	static const GUID zero;

	ck_assert_uint_eq(send_req(NULL), ERROR_INVALID_PARAMETER);
	r.dwByteCount = IHV_UI_BYTES_MAX + 1;
	ck_assert_uint_eq(send_req(&r), ERROR_INVALID_PARAMETER);
	r.dwByteCount = 4;
	r.pvUIRequest = NULL;
	ck_assert_uint_eq(send_req(&r), ERROR_INVALID_PARAMETER);
	r = req_of(0x11, 1, "Connect?");
	r.guidUIRequest = zero;
	ck_assert_uint_eq(send_req(&r), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_verifier_count(v, IHV_RULE_BAD_PARAMETER), 4);
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 0);

	r = req_of(0x11, 1, "Connect?");
	ck_assert_uint_eq(send_req(&r), ERROR_SUCCESS);
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 1);
	ck_assert(trace_has3("\"name\":\"Dot11ExtSendUIRequest\"", "\"size\":8",
			     "\"ret\":\"ERROR_SUCCESS\""));
	ck_assert(trace_has3("\"what\":\"ui-request\"", "\"size\":8",
			     "not the logged-on one"));
	/* the same GUID again, while the first is pending */
	ck_assert_uint_eq(send_req(&r), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_verifier_count(v, IHV_RULE_BAD_PARAMETER), 5);
	/* an empty request is fine (no bytes, no pointer) */
	r = req_of(0x12, 1, "");
	r.pvUIRequest = NULL;
	ck_assert_uint_eq(send_req(&r), ERROR_SUCCESS);
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 2);
	/* outside InitAdapter..DeinitAdapter */
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	r = req_of(0x13, 1, "late");
	ck_assert_uint_ne(send_req(&r), ERROR_SUCCESS);
}
END_TEST

START_TEST(test_answer_delivered)
{
	DOT11EXT_IHV_UI_REQUEST r1 = req_of(0x21, 2, "first?"), r2 = req_of(0x22, 2, "second?");
	struct ihv_ui_answer ans;

	ck_assert_uint_eq(send_req(&r1), ERROR_SUCCESS);
	ck_assert_uint_eq(send_req(&r2), ERROR_SUCCESS);
	ext_double.ui_pending = TRUE;
	/* the second one first (request=2) */
	ck_assert_ok(ihv_service_ui_answer(svc, AD, 1, (const uint8_t *)"yes", 3, &ans));
	ck_assert(!ans.withdrawn);
	ck_assert_uint_eq(ans.guid.Data1, 0x22);
	ck_assert_uint_eq(ans.session_id, 2);
	ck_assert_uint_eq(ans.request_len, 7);
	ck_assert_uint_eq(ans.ret, ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.ui_response_guid.Data1, 0x22);
	ck_assert_uint_eq(ext_double.ui_response_len, 3);
	ck_assert_mem_eq(ext_double.ui_response, "yes", 3);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvIsUIRequestPending\"",
			     "\"adapter\":\"wlan0\"", "\"value\":1"));
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvProcessUIResponse\"", "\"size\":3", NULL));
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 1);
	/* then the oldest; afterwards there is nothing to answer */
	ck_assert_ok(ihv_service_ui_answer(svc, AD, 0, NULL, 0, &ans));
	ck_assert_uint_eq(ans.guid.Data1, 0x21);
	ck_assert_uint_eq(ext_double.ui_response_len, 0);
	ck_assert_int_eq(ihv_service_ui_answer(svc, AD, 0, (const uint8_t *)"x", 1, &ans),
			 -ENOENT);
	ck_assert_int_eq(ihv_service_ui_answer(svc, AD, 0, NULL, IHV_UI_BYTES_MAX + 1, &ans),
			 -EINVAL);
	ck_assert_int_eq(wlan_double_log_count("ext:ProcessUIResponse"), 2);
}
END_TEST

START_TEST(test_answer_withdrawn)
{
	DOT11EXT_IHV_UI_REQUEST r = req_of(0x31, 1, "still there?");
	struct ihv_ui_answer ans;

	ck_assert_uint_eq(send_req(&r), ERROR_SUCCESS);
	ext_double.ui_pending = FALSE;
	ck_assert_ok(ihv_service_ui_answer(svc, AD, 0, (const uint8_t *)"yes", 3, &ans));
	ck_assert(ans.withdrawn);
	ck_assert_int_eq(wlan_double_log_count("ext:IsUIRequestPending"), 1);
	ck_assert_int_eq(wlan_double_log_count("ext:ProcessUIResponse"), 0);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvIsUIRequestPending\"", "\"value\":0", NULL));
	ck_assert(trace_has3("\"what\":\"ui-request-withdrawn\"", "IsUIRequestPending said FALSE",
			     "\"size\":12"));
	/* gone: a second answer has nothing to answer */
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 0);
	ck_assert_int_eq(ihv_service_ui_answer(svc, AD, 0, (const uint8_t *)"yes", 3, &ans),
			 -ENOENT);
}
END_TEST

START_TEST(test_dropped_with_adapter)
{
	DOT11EXT_IHV_UI_REQUEST r = req_of(0x41, 1, "bye?");
	struct ihv_ui_answer ans;

	ck_assert_uint_eq(send_req(&r), ERROR_SUCCESS);
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert(trace_has3("\"what\":\"ui-request-dropped\"", "deinitialised", NULL));
	ck_assert_int_eq(ihv_service_ui_answer(svc, AD, 0, NULL, 0, &ans), -ENODEV);
	/* a new adapter with the same ids has no request of the old one */
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 0);
}
END_TEST

/* A request in the host's buffers, as an extension must return it. */
static PDOT11EXT_IHV_UI_REQUEST host_req(uint32_t tag, const char *text)
{
	LPVOID buf = NULL, bytes = NULL;
	PDOT11EXT_IHV_UI_REQUEST r;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer(sizeof(*r), &buf), 0);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer((DWORD)strlen(text), &bytes), 0);
	r = buf;
	memset(r, 0, sizeof(*r));
	r->guidUIRequest.Data1 = tag;
	r->dwByteCount = (DWORD)strlen(text);
	memcpy(bytes, text, strlen(text));
	r->pvUIRequest = bytes;
	return r;
}

START_TEST(test_query_frees_buffers)
{
	struct ihv_buffer_stats st;
	DWORD ret = 99;
	bool got = true;

	/* nothing to show */
	ck_assert_ok(ihv_service_ui_query(svc, AD, connection_phase_post_l3_connection,
					  &ret, &got));
	ck_assert(!got);
	ck_assert_uint_eq(ext_double.ui_query_phase, connection_phase_post_l3_connection);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvQueryUIRequest\"", "\"type\":2", NULL));
	/* a status page: kept pending, both buffers freed by the host */
	ext_double.ui_query = host_req(0x51, "adapter status");
	ck_assert_ok(ihv_service_ui_query(svc, AD, connection_phase_any, &ret, &got));
	ck_assert(got);
	ck_assert_uint_eq(ret, ERROR_SUCCESS);
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 1);
	ihv_apis_buffer_stats(&st);
	ck_assert_uint_eq(st.live, 0);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvQueryUIRequest\"", "\"size\":14",
			     "\"type\":0"));
	/* an unusable one (GUID zero) is refused, and still freed */
	ext_double.ui_query = host_req(0, "x");
	ck_assert_int_eq(ihv_service_ui_query(svc, AD, connection_phase_initial_connection,
					      &ret, &got), -EPROTO);
	ck_assert(!got);
	ihv_apis_buffer_stats(&st);
	ck_assert_uint_eq(st.live, 0);
	ck_assert(trace_has3("\"what\":\"ui-request-refused\"", "all zero", NULL));
	ck_assert_uint_eq(ihv_service_ui_pending(svc, AD), 1);
}
END_TEST

START_TEST(test_virtual_station_table)
{
	PDOT11EXT_VIRTUAL_STATION_APIS vs = ihv_apis_vs_table();
	HANDLE h = ext_double.svc_handle;
	BOOL is_vs = TRUE;
	GUID g = { 0 };

	ck_assert_uint_eq(vs->Dot11ExtQueryVirtualStationProperties(h, &is_vs, &g, NULL),
			  ERROR_SUCCESS);
	ck_assert_int_eq(is_vs, FALSE);
	/* a primary is its own primary: the adapter's GUID (wiphy in Data1) */
	ck_assert_uint_eq(g.Data1, AD.wiphy);
	ck_assert_uint_eq(g.Data3, 0x4948);
	ck_assert_uint_eq(vs->Dot11ExtQueryVirtualStationProperties(h, NULL, &g, NULL),
			  ERROR_INVALID_PARAMETER);
	/* this double's world makes no second interface: said, not faked
	 * (cksuite-service-paths.c runs the request with one that does) */
	ck_assert_uint_eq(vs->Dot11ExtRequestVirtualStation(h, NULL), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(vs->Dot11ExtReleaseVirtualStation(h, NULL), ERROR_INVALID_STATE);
	ck_assert_uint_eq(vs->Dot11ExtSetVirtualStationAPProperties(h, NULL, 0, NULL, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert(trace_has3("\"name\":\"Dot11ExtRequestVirtualStation\"", "NEW_INTERFACE", NULL));
	ck_assert(trace_has3("\"name\":\"Dot11ExtSetVirtualStationAPProperties\"",
			     "no Linux counterpart", NULL));
}
END_TEST

/* ---- the language ------------------------------------------------------- */

static void parse_fails(const char *step, const char *want)
{
	char text[512], *msg = NULL;
	struct scn_script *s = NULL;

	snprintf(text, sizeof(text), "adapter sta1\n%s\n", step);
	ck_assert_msg(scn_test_parse(text, &s, &msg) == -EINVAL, "'%s' parsed", step);
	ck_assert_msg(msg && strstr(msg, want), "'%s': got '%s', want '%s'", step,
		      msg ? msg : "(nothing)", want);
	free(msg);
}

START_TEST(test_ui_steps_parsed)
{
	struct scn_script *s = NULL;
	char *msg = NULL;
	const struct scn_action_args *a;

	ck_assert_int_eq(scn_test_parse("adapter sta1\n"
					"session logon id=7\n"
					"session lock\n"
					"ui-query sta1 phase=post-l3\n"
					"ui-answer sta1 text=\"Yes please\" request=2\n"
					"ui-answer sta1 data=0102\n"
					"expect ProcessSessionChange type=5 value=7\n"
					"expect IsUIRequestPending adapter=sta1 value=1\n"
					"expect SendUIRequest adapter=sta1 size=3 value=1\n",
					&s, &msg), 0);
	free(msg);
	a = &s->steps[0].u.action.args;
	ck_assert_uint_eq(a->session_event, WTS_SESSION_LOGON);
	ck_assert_uint_eq(a->session_id, 7);
	a = &s->steps[1].u.action.args;
	ck_assert_uint_eq(a->session_event, WTS_SESSION_LOCK);
	ck_assert_uint_eq(a->session_id, SCN_DEFAULT_SESSION_ID);
	ck_assert_uint_eq(s->steps[2].u.action.args.phase, connection_phase_post_l3_connection);
	a = &s->steps[3].u.action.args;
	ck_assert_uint_eq(a->data_len, 10);
	ck_assert_mem_eq(a->data, "Yes please", 10);
	ck_assert_uint_eq(a->request, 2);
	a = &s->steps[4].u.action.args;
	ck_assert_uint_eq(a->data_len, 2);
	ck_assert_uint_eq(a->request, 0);
	scn_script_free(s);
}
END_TEST

START_TEST(test_ui_steps_errors)
{
	parse_fails("session logn", "unknown session event 'logn' (logon, logoff, lock, "
		    "unlock, console-connect, ...) (did you mean 'logon'?)");
	parse_fails("session", "missing session event");
	parse_fails("session logon id=x", "bad id 'x'");
	parse_fails("ui-query sta1 phase=later", "phase is any, initial or post-l3, not 'later'");
	parse_fails("ui-answer sta1", "ui-answer: missing the answer");
	parse_fails("ui-answer sta1 text=yes data=00", "t.scn:2:25: ui-answer: text= or data=, not both");
	parse_fails("ui-answer sta1 data=00 text=yes", "text= or data=, not both");
	parse_fails("ui-answer sta1 text= data=00", "text= or data=, not both");
	parse_fails("ui-answer sta1 text=yes request=0", "bad request '0'");
	parse_fails("ui-answer sta2 text=yes", "undeclared adapter 'sta2'");
	parse_fails("unload\nsession logon", "session after unload");
	parse_fails("expect SendUIRequest eapol=1/4", "eapol");
}
END_TEST

CK_SUITE(ui_suite)
static Suite *ui_suite(void)
{
	Suite *s = suite_create("ui");
	TCase *hostc = tcase_create("host");
	TCase *lang = tcase_create("steps");

	tcase_add_checked_fixture(hostc, host_setup, host_teardown);
	tcase_add_test(hostc, test_session_changes);
	tcase_add_test(hostc, test_send_validated);
	tcase_add_test(hostc, test_answer_delivered);
	tcase_add_test(hostc, test_answer_withdrawn);
	tcase_add_test(hostc, test_dropped_with_adapter);
	tcase_add_test(hostc, test_query_frees_buffers);
	tcase_add_test(hostc, test_virtual_station_table);
	suite_add_tcase(s, hostc);
	tcase_add_test(lang, test_ui_steps_parsed);
	tcase_add_test(lang, test_ui_steps_errors);
	suite_add_tcase(s, lang);
	return s;
}
