/* SPDX-License-Identifier: MIT */
/*
 * The contract verifier, one test per rule: each asserts the count, the
 * exact stderr line shape and the API's error return. The hang and crash
 * tests run the host in a forked child and assert its exit status and
 * message (the host process cannot survive either).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "loop.h"
#include "service.h"
#include "verifier.h"
#include "wlan-double.h"

static struct wlan_double wd;
static struct ihv_host *host;
static struct ihv_service *svc;
static const struct ihv_wlan_adapter AD = { .wiphy = 1, .ifindex = 10 };
static const struct ihv_connect_request REQ = {
	.ssid = "ihv-test", .freq_mhz = 2412,
};

static int start_host(unsigned int timeout_ms, bool crash_handlers)
{
	struct ihv_host_options o = { 0 };
	char err[256];
	int rc;

	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	o.handler_timeout_ms = timeout_ms;
	o.crash_handlers = crash_handlers;
	rc = ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host, err, sizeof(err));
	if (rc < 0) {
		fprintf(stderr, "%s\n", err);
		return rc;
	}
	svc = ihv_host_service(host);
	return ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0");
}

static void setup(void)
{
	ext_double_init();
	ck_assert_ok(start_host(5000, false));
}

static void teardown(void)
{
	ihv_host_free(host);
	host = NULL;
}

static void run(void)
{
	while (ihv_loop_run_once(ihv_host_loop(host), 0) > 0)
		;
}

static unsigned int count(enum ihv_rule r)
{
	return ihv_verifier_count(ihv_host_verifier(host), r);
}

static void assert_last(const char *rule, const char *api, const char *rest)
{
	char last[512], want[256];

	ihv_verifier_last(ihv_host_verifier(host), last, sizeof(last));
	snprintf(want, sizeof(want), "contract violation: %s: %s", rule, api);
	ck_assert_msg(!strncmp(last, want, strlen(want)), "last = '%s', want '%s...'",
		      last, want);
	ck_assert_msg(strstr(last, rest), "last = '%s', want it to contain '%s'", last, rest);
}

static void reach_post_association(void)
{
	struct sim_event ev = wlan_double_ev_connected(AD);

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, 0), ERROR_SUCCESS);
	run();
	ihv_service_event(svc, &ev);
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}

START_TEST(test_api_out_of_window)
{
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, 0, NULL), ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_API_OUT_OF_WINDOW), 1);
	assert_last("api-out-of-window", "Dot11ExtProcessSecurityPacket(svc 0x",
		    "while the adapter is initialised");
	ck_assert_int_eq(ihv_host_exit_code(host), IHV_EXIT_VIOLATION);
}
END_TEST

START_TEST(test_bad_handle)
{
	HANDLE junk = (HANDLE)(uintptr_t)0x12345678;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetAuthAlgorithm(junk, 1),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_HANDLE), 1);
	assert_last("bad-handle", "Dot11ExtSetAuthAlgorithm(svc 0x12345678)",
		    "not a svc handle this host issued");
	/* a session handle where a svc handle belongs is just as wrong */
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetAuthAlgorithm(
		ext_double.connect_session, 1), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_HANDLE), 2);
}
END_TEST

START_TEST(test_stale_handle)
{
	HANDLE old = ext_double.svc_handle;
	USHORT eapol = 0x888E;

	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		old, 1, 0, NULL, 1, &eapol), ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_STALE_HANDLE), 1);
	assert_last("stale-handle", "Dot11ExtSetEtherTypeHandling(svc 0x",
		    "after Dot11ExtIhvDeinitAdapter");
	/* the adapter comes back: the old handle stays stale, the new works */
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
	ck_assert_ptr_ne(ext_double.svc_handle, old);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		old, 1, 0, NULL, 1, &eapol), ERROR_INVALID_STATE);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		ext_double.svc_handle, 1, 0, NULL, 1, &eapol), ERROR_SUCCESS);
	ck_assert_uint_eq(count(IHV_RULE_STALE_HANDLE), 2);
}
END_TEST

START_TEST(test_late_completion)
{
	struct sim_event ev = wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DISASSOC, 8, true);
	uint8_t peer[6];
	unsigned int auth_calls;

	reach_post_association();
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	auth_calls = wd.auth_calls;
	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, 0, 0), ERROR_INVALID_STATE);
	run();
	ck_assert_uint_eq(count(IHV_RULE_LATE_COMPLETION), 1);
	assert_last("late-completion", "Dot11ExtPostAssociateCompletion(session 0x",
		    ") after Dot11ExtIhvStopPostAssociate");
	/* and it changed nothing */
	ck_assert_uint_eq(wd.auth_calls, auth_calls);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* A completion that races with a running StopPostAssociate is dropped but
 * is no violation; the same call after Stop returned is (test above). */
START_TEST(test_completion_racing_stop_is_not_late)
{
	struct sim_event ev = wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true);
	unsigned int auth_calls;

	reach_post_association();
	ext_double.complete_in_stop = true;
	auth_calls = wd.auth_calls;
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.complete_in_stop_ret, ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_LATE_COMPLETION), 0);
	ck_assert_int_eq(ihv_host_exit_code(host), IHV_EXIT_OK);
	/* dropped: the port was not authorized by it */
	ck_assert_uint_eq(wd.auth_calls, auth_calls);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

START_TEST(test_double_completion)
{
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, 0), ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, 0), ERROR_INVALID_STATE);
	run();
	ck_assert_uint_eq(count(IHV_RULE_DOUBLE_COMPLETION), 1);
	assert_last("double-completion", "Dot11ExtPreAssociateCompletion(connect-session 0x",
		    "called again");
	ck_assert_uint_eq(wd.connects, 1);
}
END_TEST

START_TEST(test_double_post_completion_same_outcome)
{
	uint8_t peer[6];

	reach_post_association();
	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, 0, 0), ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, 0, 0), ERROR_INVALID_STATE);
	run();
	ck_assert_uint_eq(count(IHV_RULE_DOUBLE_COMPLETION), 1);
	assert_last("double-completion", "Dot11ExtPostAssociateCompletion(session 0x",
		    "same outcome");
}
END_TEST

START_TEST(test_leaked_buffer)
{
	teardown();
	ext_double_init();
	ext_double.leak_buffer = true;
	ck_assert_ok(start_host(5000, false));
	ck_assert_ptr_nonnull(ext_double.leaked);
	ck_assert_uint_eq(ihv_host_unload(host), 1);
	ck_assert_uint_eq(count(IHV_RULE_LEAKED_BUFFER), 1);
	assert_last("leaked-buffer", "Dot11ExtIhvDeinitService", "1 buffer(s) (64 bytes)");
	ck_assert_int_eq(ihv_host_exit_code(host), IHV_EXIT_VIOLATION);
}
END_TEST

START_TEST(test_bad_parameter)
{
	int not_ours = 0;

	ext_double.apis.Dot11ExtFreeBuffer(&not_ours);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 1);
	assert_last("bad-parameter", "Dot11ExtFreeBuffer", "did not return");
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendNotification(
		ext_double.svc_handle, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 2);
}
END_TEST

START_TEST(test_bad_parameter_wrong_peer)
{
	uint8_t other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

	reach_post_association();
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)other, 0, 0), ERROR_SUCCESS);
	run();
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 1);
	assert_last("bad-parameter", "Dot11ExtPostAssociateCompletion(session 0x",
		    "not the AP 02:00:00:00:01:00");
}
END_TEST

START_TEST(test_clean_run_has_no_violation)
{
	LPVOID b = NULL;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer(10, &b), ERROR_SUCCESS);
	ext_double.apis.Dot11ExtFreeBuffer(b);
	reach_post_association();
	ck_assert_uint_eq(ihv_host_unload(host), 0);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	ck_assert_int_eq(ihv_host_exit_code(host), IHV_EXIT_OK);
}
END_TEST

/* ---- the host in a child process -------------------------------------- */

struct child_result {
	int wstatus;
	char err[2048];
};

/* Runs @body in a forked child whose stderr is captured. The child gets
 * an alarm so a broken watchdog fails the test instead of hanging it. */
static void run_child(void (*body)(void), struct child_result *res)
{
	int pfd[2];
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(pfd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], STDERR_FILENO);
		close(pfd[1]);
		alarm(20);
		body();
		_exit(99); /* body must not return */
	}
	close(pfd[1]);
	while ((n = read(pfd[0], res->err + len, sizeof(res->err) - 1 - len)) > 0)
		len += (size_t)n;
	res->err[len] = 0;
	close(pfd[0]);
	ck_assert_int_eq(waitpid(pid, &res->wstatus, 0), pid);
}

static void hang_body(void)
{
	ext_double_init();
	ext_double.hang_in = "PerformPreAssociate";
	if (start_host(200, true) < 0)
		_exit(98);
	ihv_service_connect(svc, AD, &REQ);
	_exit(97); /* not reached: the watchdog exits first */
}

START_TEST(test_handler_timeout_child)
{
	struct child_result r;

	run_child(hang_body, &r);
	ck_assert_msg(WIFEXITED(r.wstatus), "child status 0x%x, stderr: %s", r.wstatus, r.err);
	ck_assert_int_eq(WEXITSTATUS(r.wstatus), IHV_EXIT_HANG);
	ck_assert_msg(strstr(r.err, "ihvhost: contract violation: handler-timeout: "
			     "Dot11ExtIhvPerformPreAssociate did not return within 200 ms"),
		      "stderr: %s", r.err);
}
END_TEST

static void crash_body(void)
{
	struct sim_event ev;

	ext_double_init();
	ext_double.crash_in = "PerformPostAssociate";
	if (start_host(5000, true) < 0)
		_exit(98);
	ihv_service_connect(svc, AD, &REQ);
	ext_double.apis.Dot11ExtPreAssociateCompletion(ext_double.svc_handle,
						       ext_double.connect_session, 0, 0);
	run();
	ev = wlan_double_ev_connected(AD);
	ihv_service_event(svc, &ev);
	_exit(97);
}

START_TEST(test_crash_child)
{
	struct child_result r;

	run_child(crash_body, &r);
	ck_assert_msg(WIFSIGNALED(r.wstatus), "child status 0x%x, stderr: %s", r.wstatus, r.err);
	ck_assert_int_eq(WTERMSIG(r.wstatus), SIGSEGV);
	ck_assert_int_eq(ihv_exit_from_wait_status(r.wstatus), IHV_EXIT_CRASH);
	ck_assert_msg(strstr(r.err, "ihvhost: extension crashed in handler "
			     "Dot11ExtIhvPerformPostAssociate (signal 11 SIGSEGV)\n"),
		      "stderr: %s", r.err);
}
END_TEST

/* ---- the real misbehaving extension ------------------------------------ */

#define MISBEHAVE_SO IHV_BUILD_DIR "/ext/libihv-misbehave.so"

static void start_misbehave(const char *faults)
{
	struct ihv_host_options o = { 0 };
	char err[512];

	setenv("IHV_MISBEHAVE", faults, 1);
	wlan_double_init(&wd);
	o.wlan = wlan_double_wlan(&wd);
	o.handler_timeout_ms = 5000;
	ck_assert_msg(ihv_host_new(MISBEHAVE_SO, &o, &host, err, sizeof(err)) == 0,
		      "%s", err);
	svc = ihv_host_service(host);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

/* Runs the loop until @want (or 3 s): the extension completes from its
 * own worker thread after its completion delay. */
static void wait_state(enum ihv_adapter_state want)
{
	for (int i = 0; i < 300 && ihv_service_adapter_state(svc, AD) != want; i++)
		ihv_loop_run_once(ihv_host_loop(host), 10);
	ck_assert_str_eq(ihv_adapter_state_name(ihv_service_adapter_state(svc, AD)),
			 ihv_adapter_state_name(want));
}

static void misbehave_associate(void)
{
	struct sim_event ev = wlan_double_ev_connected(AD);

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	wait_state(IHV_ADAPTER_ASSOCIATING);
	ihv_service_event(svc, &ev);
	run();
}

static void misbehave_disconnect(void)
{
	struct sim_event ev = wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true);

	ihv_service_event(svc, &ev);
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}

START_TEST(test_misbehave_complete_twice)
{
	start_misbehave("complete-twice");
	misbehave_associate();
	wait_state(IHV_ADAPTER_AUTHORIZED);
	ihv_host_run_for(host, 200);
	ck_assert_uint_eq(count(IHV_RULE_DOUBLE_COMPLETION), 1);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 1);
}
END_TEST

START_TEST(test_misbehave_complete_late)
{
	start_misbehave("complete-late");
	misbehave_associate();
	ihv_host_run_for(host, 50);
	misbehave_disconnect();
	ihv_host_run_for(host, 600);
	ck_assert_uint_eq(count(IHV_RULE_LATE_COMPLETION), 1);
	assert_last("late-completion", "Dot11ExtPostAssociateCompletion(session 0x",
		    "after Dot11ExtIhvStopPostAssociate");
}
END_TEST

START_TEST(test_misbehave_leak_buffer)
{
	start_misbehave("leak-buffer");
	misbehave_associate();
	wait_state(IHV_ADAPTER_AUTHORIZED);
	ihv_host_run_for(host, 100);
	ck_assert_uint_eq(ihv_host_unload(host), 1);
	ck_assert_uint_eq(count(IHV_RULE_LEAKED_BUFFER), 1);
}
END_TEST

START_TEST(test_misbehave_api_out_of_window)
{
	start_misbehave("api-out-of-window");
	misbehave_associate();
	wait_state(IHV_ADAPTER_AUTHORIZED);
	misbehave_disconnect();
	ihv_host_run_for(host, 500);
	ck_assert_uint_eq(count(IHV_RULE_API_OUT_OF_WINDOW), 1);
	assert_last("api-out-of-window", "Dot11ExtStopOneX(svc 0x", "while the adapter is initialised");
}
END_TEST

START_TEST(test_misbehave_stale_handle)
{
	start_misbehave("stale-handle");
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ihv_host_unload(host);
	ck_assert_uint_eq(count(IHV_RULE_STALE_HANDLE), 1);
	assert_last("stale-handle", "Dot11ExtSetAuthAlgorithm(svc 0x", "after Dot11ExtIhvDeinitAdapter");
}
END_TEST

/* The post-association is still pending (the extension completes it only
 * after 3 s) when the adapter is reset. */
static void misbehave_reset_during_post_association(const char *faults)
{
	setenv("IHV_EXT_POST_DELAY_MS", "3000", 1);
	start_misbehave(faults);
	misbehave_associate();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_ok(ihv_service_reset(svc, AD));
	run();
}

/* Issue 10 B: reset-not-cancelled completes the pending post-association
 * with ERROR_SUCCESS from inside AdapterReset: rule not-cancelled, and the
 * port is not opened. */
START_TEST(test_misbehave_reset_not_cancelled)
{
	misbehave_reset_during_post_association("reset-not-cancelled");
	ck_assert_uint_eq(count(IHV_RULE_NOT_CANCELLED), 1);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 1);
	assert_last("not-cancelled", "Dot11ExtPostAssociateCompletion(session 0x",
		    "after Dot11ExtIhvAdapterReset (ERROR_CANCELLED expected)");
	ck_assert(!wd.last_authorized);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}
END_TEST

/* The same without the fault (the reference's behaviour): AdapterReset
 * completes the pending post-association with ERROR_CANCELLED, which is
 * no violation, and no completion follows the Stop. */
START_TEST(test_misbehave_reset_without_fault_cancels)
{
	misbehave_reset_during_post_association("");
	misbehave_disconnect();
	ihv_host_run_for(host, 200);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	ck_assert(!wd.last_authorized);
}
END_TEST

static void misbehave_crash_body(void)
{
	struct ihv_host_options o = { 0 };
	struct sim_event ev;
	char err[512];

	setenv("IHV_MISBEHAVE", "crash:PerformPostAssociate", 1);
	wlan_double_init(&wd);
	o.wlan = wlan_double_wlan(&wd);
	o.crash_handlers = true;
	if (ihv_host_new(MISBEHAVE_SO, &o, &host, err, sizeof(err)) < 0)
		_exit(98);
	svc = ihv_host_service(host);
	if (ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0") < 0 ||
	    ihv_service_connect(svc, AD, &REQ) < 0)
		_exit(96);
	for (int i = 0; i < 300 && ihv_service_adapter_state(svc, AD) != IHV_ADAPTER_ASSOCIATING; i++)
		ihv_loop_run_once(ihv_host_loop(host), 10);
	ev = wlan_double_ev_connected(AD);
	ihv_service_event(svc, &ev);
	_exit(97);
}

START_TEST(test_misbehave_crash_child)
{
	struct child_result r;

	run_child(misbehave_crash_body, &r);
	ck_assert_msg(WIFSIGNALED(r.wstatus), "child status 0x%x, stderr: %s", r.wstatus, r.err);
	ck_assert_int_eq(WTERMSIG(r.wstatus), SIGSEGV);
	ck_assert_msg(strstr(r.err, "ihvhost: extension crashed in handler "
			     "Dot11ExtIhvPerformPostAssociate (signal 11 SIGSEGV)\n"),
		      "stderr: %s", r.err);
}
END_TEST

CK_SUITE(verifier_suite)
static Suite *verifier_suite(void)
{
	Suite *s = suite_create("verifier");
	TCase *tc = tcase_create("rules");
	TCase *tk = tcase_create("containment");
	TCase *tm = tcase_create("misbehave");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_api_out_of_window);
	tcase_add_test(tc, test_bad_handle);
	tcase_add_test(tc, test_stale_handle);
	tcase_add_test(tc, test_late_completion);
	tcase_add_test(tc, test_completion_racing_stop_is_not_late);
	tcase_add_test(tc, test_double_completion);
	tcase_add_test(tc, test_double_post_completion_same_outcome);
	tcase_add_test(tc, test_leaked_buffer);
	tcase_add_test(tc, test_bad_parameter);
	tcase_add_test(tc, test_bad_parameter_wrong_peer);
	tcase_add_test(tc, test_clean_run_has_no_violation);
	suite_add_tcase(s, tc);
	tcase_add_test(tk, test_handler_timeout_child);
	tcase_add_test(tk, test_crash_child);
	tcase_add_test(tk, test_misbehave_crash_child);
	tcase_set_timeout(tk, 30);
	suite_add_tcase(s, tk);
	tcase_add_checked_fixture(tm, NULL, teardown);
	tcase_add_test(tm, test_misbehave_complete_twice);
	tcase_add_test(tm, test_misbehave_complete_late);
	tcase_add_test(tm, test_misbehave_leak_buffer);
	tcase_add_test(tm, test_misbehave_api_out_of_window);
	tcase_add_test(tm, test_misbehave_stale_handle);
	tcase_add_test(tm, test_misbehave_reset_not_cancelled);
	tcase_add_test(tm, test_misbehave_reset_without_fault_cancels);
	tcase_set_timeout(tm, 20);
	suite_add_tcase(s, tm);
	return s;
}
