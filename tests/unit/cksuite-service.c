/* SPDX-License-Identifier: MIT */
/*
 * The WLAN service state machine against the reference's "call sequence"
 * rules 1..9, one test (at least) per rule, driven by the extension double
 * (ext-double.c), the wlan double and synthesized sim events. Ordering is
 * asserted on the shared call log, statuses and handles by value.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "loop.h"
#include "service.h"
#include "status.h"
#include "verifier.h"
#include "wlan-double.h"

static struct wlan_double wd;
static struct ihv_host *host;
static struct ihv_service *svc;
static const struct ihv_wlan_adapter AD = { .wiphy = 1, .ifindex = 10 };
static const struct ihv_connect_request REQ = {
	.ssid = "ihv-test", .freq_mhz = 2412,
};

static unsigned int preassoc_timeout_ms;
/* The trace, read through this fd; its name is unlinked at once, so a
 * failing test (Check skips teardown then) leaves no file behind. */
static int trace_fd = -1;

static void svc_start(const struct ihv_ext_entry *entry)
{
	struct ihv_host_options o = { .preassoc_timeout_ms = preassoc_timeout_ms };
	char err[256], path[64];
	int fd, rc;

	snprintf(path, sizeof(path), "/tmp/ihv-service-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	o.handler_timeout_ms = 5000;
	o.trace_path = path;
	rc = ihv_host_new_entry("ext-double", entry, &o, &host, err, sizeof(err));
	if (rc == 0) {
		if (trace_fd >= 0)
			close(trace_fd);
		trace_fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	unlink(path);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_ge(trace_fd, 0);
	svc = ihv_host_service(host);
	ext_double.observe_svc = svc;
	ext_double.observe_ad = AD;
}

static void setup(void)
{
	ext_double_init();
	svc_start(&ext_double_entry);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

static void teardown(void)
{
	ihv_host_free(host);
	host = NULL;
	if (trace_fd >= 0)
		close(trace_fd);
	trace_fd = -1;
}

/*
 * The last trace line containing every one of the NULL-terminated
 * strings, copied into @buf; false when there is none.
 */
static bool trace_last(char *buf, size_t len, const char *a, const char *b,
		       const char *c)
{
	char line[4096];
	bool found = false;
	int fd = dup(trace_fd);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	f = fdopen(fd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, a) || (b && !strstr(line, b)) || (c && !strstr(line, c)))
			continue;
		snprintf(buf, len, "%s", line);
		found = true;
	}
	fclose(f);
	return found;
}

/* Runs every posted item and expired timer that is ready. */
static void run(void)
{
	while (ihv_loop_run_once(ihv_host_loop(host), 0) > 0)
		;
}

static unsigned int violations(void)
{
	return ihv_verifier_total(ihv_host_verifier(host));
}

static void pre_complete(DWORD reason, DWORD win32)
{
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, reason, win32),
		ERROR_SUCCESS);
	run();
}

static void post_complete(DWORD win32)
{
	uint8_t peer[6];

	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, win32 ? 0x40001 : 0, win32), ERROR_SUCCESS);
	run();
}

static void feed(struct sim_event ev)
{
	ihv_service_event(svc, &ev);
	run();
}

/* Connect through to post-association (PerformPostAssociate called). */
static void reach_post_association(void)
{
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_ASSOCIATING);
	feed(wlan_double_ev_connected(AD));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}

/* Rule 1: GetVersionInfo, InitService, InitVirtualStation, InitAdapter. */
START_TEST(test_rule1_load_order)
{
	int v = wlan_double_log_find("ext:GetVersionInfo", 0);
	int i = wlan_double_log_find("ext:InitService", 0);
	int vs = wlan_double_log_find("ext:InitVirtualStation", 0);
	int a = wlan_double_log_find("ext:InitAdapter", 0);

	ck_assert_int_eq(v, 0);
	ck_assert_int_gt(i, v);
	ck_assert_int_gt(vs, i);
	ck_assert_int_gt(a, vs);
	ck_assert_uint_eq(ext_double.version_used, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Rule 2: InitAdapter gets the host's own svc handle (opaque, not a
 * pointer), adapter calls get the extension's handle back, and
 * SetEtherTypeHandling is allowed inside InitAdapter. */
START_TEST(test_rule2_init_adapter_handles)
{
	uintptr_t h = 0;

	teardown();
	ext_double_init();
	ext_double.register_ethertype = true;
	svc_start(&ext_double_entry);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
	run();
	ck_assert_ok(ihv_service_adapter_handles(svc, AD, &h, NULL, NULL));
	ck_assert_ptr_eq(ext_double.svc_handle, (HANDLE)h);
	ck_assert_uint_ne(h, 0);
	ck_assert_uint_eq(ext_double.ethertype_ret, ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_ethertype_count(svc, AD), 1);
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_ptr_eq(ext_double.deinit_adapter_handle, EXT_DOUBLE_ADAPTER);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 3: ValidateProfile and CapabilityMatch (with a real, non-empty
 * BSS list) precede PerformPreAssociate; no 802.11 association before
 * PreAssociateCompletion; the association starts right after it. */
START_TEST(test_rule3_no_association_before_completion)
{
	int val, cap, pre, conn;

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	run();
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_PRE_ASSOCIATING);
	ck_assert_uint_gt(ext_double.bss_bytes_capmatch, 0);
	ck_assert_uint_eq(ext_double.bss_bytes_preassoc, ext_double.bss_bytes_capmatch);
	ck_assert_uint_eq(ext_double.ssid_len, 8);
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_uint_eq(wd.connects, 1);
	ck_assert_mem_eq(wd.last_connect_bssid, WLAN_DOUBLE_BSSID, 6);
	val = wlan_double_log_find("ext:ValidateProfile", 0);
	cap = wlan_double_log_find("ext:PerformCapabilityMatch", 0);
	pre = wlan_double_log_find("ext:PerformPreAssociate", 0);
	conn = wlan_double_log_find("wlan:connect", 0);
	ck_assert_int_ge(val, 0);
	ck_assert_int_gt(cap, val);
	ck_assert_int_gt(pre, cap);
	ck_assert_int_gt(conn, pre);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 3: a refused pre-association (completion with an error, or the
 * handler itself failing, or a refused profile) => no association. */
START_TEST(test_rule3_refused_preassociation_no_connect)
{
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0x90001, ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);

	ext_double.preassoc_ret = ERROR_NOT_SUPPORTED;
	ck_assert_errno(ihv_service_connect(svc, AD, &REQ), EACCES);
	run();
	ck_assert_uint_eq(wd.connects, 0);

	ext_double.preassoc_ret = ERROR_SUCCESS;
	ext_double.validate_ret = ERROR_INVALID_PARAMETER;
	ck_assert_errno(ihv_service_connect(svc, AD, &REQ), EACCES);
	ck_assert_int_eq(wlan_double_log_count("ext:PerformPreAssociate"), 2);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* No BSS: the scan is retried (bounded), then the connect fails with
 * -ENOENT and nothing is called on the extension. */
START_TEST(test_connect_without_bss)
{
	wd.nbss = 0;
	ck_assert_errno(ihv_service_connect(svc, AD, &REQ), ENOENT);
	ck_assert_uint_eq(wd.scans, 3);
	ck_assert_int_eq(wlan_double_log_count("ext:ValidateProfile"), 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Rule 3: hConnectSession is invalid after completion. */
START_TEST(test_rule3_connect_session_invalid_after_completion)
{
	DOT11EXT_IHV_CONNECTIVITY_PROFILE c = { 0 };
	DOT11EXT_IHV_SECURITY_PROFILE s = { 0 };
	uintptr_t live = 1;

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_ok(ihv_service_adapter_handles(svc, AD, NULL, &live, NULL));
	ck_assert_ptr_eq((HANDLE)live, ext_double.connect_session);
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_ok(ihv_service_adapter_handles(svc, AD, NULL, &live, NULL));
	ck_assert_uint_eq(live, 0);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetCurrentProfile(
		ext_double.svc_handle, ext_double.connect_session, &c, &s),
		ERROR_INVALID_STATE);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_STALE_HANDLE), 1);
}
END_TEST

/* Rule 4: port created unauthorized, PerformPostAssociate with the real
 * completion buffer and port state, completion win32 0 => authorized. */
START_TEST(test_rule4_post_association_authorizes)
{
	reach_post_association();
	ck_assert_uint_eq(wd.auth_calls, 1);
	ck_assert(!wd.last_authorized);
	ck_assert_int_lt(wlan_double_log_find("wlan:authorized 0", 0),
			 wlan_double_log_find("ext:PerformPostAssociate", 0));
	ck_assert_uint_ge(ext_double.assoc_len, sizeof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS));
	ck_assert_mem_eq(ext_double.assoc_mac, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.assoc_status, 0);
	ck_assert_mem_eq(ext_double.port.PeerMacAddress, WLAN_DOUBLE_BSSID, 6);
	ck_assert_int_eq(ext_double.port.bPortControlled, TRUE);
	ck_assert_int_eq(ext_double.port.bPortAuthorized, FALSE);
	post_complete(ERROR_SUCCESS);
	ck_assert(wd.last_authorized);
	ck_assert_mem_eq(wd.last_auth_peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_AUTHORIZED);
	/* re-authentication failing closes the port again (rule 4) */
	post_complete(ERROR_ACCESS_DENIED);
	ck_assert(!wd.last_authorized);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 5: peer deauth after completion: exactly one Stop, status
 * PEER_DEAUTHENTICATED|reason, peer = AP; session invalid afterwards. */
START_TEST(test_rule5_stop_once_after_completion)
{
	reach_post_association();
	post_complete(ERROR_SUCCESS);
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status, 0x10003);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_PEER_DEAUTH, 3, true));
	ck_assert_mem_eq(ext_double.stop_peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	/* a second disconnection event for the same association: no 2nd Stop */
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 5: Stop also when the extension never completed. */
START_TEST(test_rule5_stop_once_without_completion)
{
	reach_post_association();
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LINK_LOSS, 4, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_LINK_LOSS, 4, false));
	ck_assert_int_eq(wlan_double_log_count("ext:StopPostAssociate"), 1);
}
END_TEST

/* Rule 5: a roam ends the old association with one Stop (status from the
 * ROAM row) and the reassociation starts a new post-association. */
START_TEST(test_rule5_roam_stops_then_new_post_association)
{
	HANDLE first;

	reach_post_association();
	first = ext_double.security_session;
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_ROAM, 0, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_ROAM, 0, false));
	feed(wlan_double_ev_connected(AD));
	ck_assert_int_eq(wlan_double_log_count("ext:PerformPostAssociate"), 2);
	ck_assert_ptr_ne(ext_double.security_session, first);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}
END_TEST

/* Rule 5: a reassociation reported without a disconnection first still
 * deletes the old port: one Stop (ROAM row), then a new post-association. */
START_TEST(test_rule5_implicit_roam_without_indication)
{
	reach_post_association();
	post_complete(ERROR_SUCCESS);
	feed(wlan_double_ev_connected(AD));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_ROAM, 0, false));
	ck_assert_int_lt(wlan_double_log_find("ext:StopPostAssociate", 0),
			 wlan_double_log_find("ext:PerformPostAssociate",
					      wlan_double_log_find("ext:PerformPostAssociate", 0) + 1));
	ck_assert_int_eq(wlan_double_log_count("ext:PerformPostAssociate"), 2);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}
END_TEST

/* Rules 5 and 7: interface removal: Stop BEFORE DeinitAdapter, once. */
START_TEST(test_rule7_stop_before_deinit_on_iface_removed)
{
	int stop, deinit;

	reach_post_association();
	post_complete(ERROR_SUCCESS);
	feed(wlan_double_ev(AD, SIM_EV_IFACE_REMOVED));
	stop = wlan_double_log_find("ext:StopPostAssociate", 0);
	deinit = wlan_double_log_find("ext:DeinitAdapter", 0);
	ck_assert_int_ge(stop, 0);
	ck_assert_int_gt(deinit, stop);
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.deinit_adapter_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_IFACE_REMOVED, 0, false));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_NONE);
}
END_TEST

/* Rule 7 with a radio: removal and a new lifecycle when it comes back. */
START_TEST(test_rule7_radio_removed_and_back)
{
	struct sim_event back = wlan_double_ev(AD, SIM_EV_RADIO_NEW);

	reach_post_association();
	feed(wlan_double_ev(AD, SIM_EV_RADIO_REMOVED));
	ck_assert_int_lt(wlan_double_log_find("ext:StopPostAssociate", 0),
			 wlan_double_log_find("ext:DeinitAdapter", 0));
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_RADIO_REMOVED, 0, false));
	feed(back);
	ck_assert_int_eq(wlan_double_log_count("ext:InitAdapter"), 2);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(ext_double.stop_calls, 1);
}
END_TEST

/* Rule 7: hDot11SvcHandle is invalid from the START of DeinitAdapter. */
START_TEST(test_rule7_svc_handle_invalid_in_deinit_adapter)
{
	ext_double.api_in_deinit_adapter = true;
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_uint_eq(ext_double.api_in_deinit_ret, ERROR_INVALID_STATE);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_STALE_HANDLE), 1);
}
END_TEST

/* Rule 7 (unload): DeinitAdapter for every adapter, then DeinitService. */
START_TEST(test_rule7_unload_order)
{
	struct ihv_wlan_adapter ad2 = { .wiphy = 2, .ifindex = 20 };
	int d1, d2, ds;

	reach_post_association();
	ck_assert_ok(ihv_service_adapter_add(svc, ad2, NULL, "wlan1"));
	ihv_host_unload(host);
	d1 = wlan_double_log_find("ext:DeinitAdapter", 0);
	d2 = wlan_double_log_find("ext:DeinitAdapter", d1 + 1);
	ds = wlan_double_log_find("ext:DeinitService", 0);
	ck_assert_int_ge(d1, 0);
	ck_assert_int_gt(d2, d1);
	ck_assert_int_gt(ds, d2);
	/* the associated adapter's Stop precedes the last DeinitAdapter,
	 * whichever order the adapters are released in */
	ck_assert_int_ge(wlan_double_log_find("ext:StopPostAssociate", 0), 0);
	ck_assert_int_lt(wlan_double_log_find("ext:StopPostAssociate", 0), d2);
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.deinit_service_calls, 1);
}
END_TEST

/* Rule 6: AdapterReset clears EtherType registrations FIRST; the pending
 * pre-association comes back ERROR_CANCELLED and nothing associates. */
START_TEST(test_rule6_reset_cancels_pending)
{
	USHORT eapol = 0x888E;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		ext_double.svc_handle, 4, 0, NULL, 1, &eapol), ERROR_SUCCESS);
	run();
	ck_assert_int_eq(ihv_service_ethertype_count(svc, AD), 1);
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ext_double.ethertypes_at_reset = -1;
	ck_assert_ok(ihv_service_reset(svc, AD));
	ck_assert_int_eq(ext_double.ethertypes_at_reset, 0);
	pre_complete(0x90002, ERROR_CANCELLED);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 6: a pending completion that is NOT ERROR_CANCELLED after a reset
 * is a violation, and still no association. */
START_TEST(test_rule6_reset_completion_not_cancelled)
{
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_ok(ihv_service_reset(svc, AD));
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_NOT_CANCELLED), 1);
}
END_TEST

/* Issue 10 B, rule 6 during POST-association: after AdapterReset the
 * pending PostAssociateCompletion must be ERROR_CANCELLED; ERROR_SUCCESS
 * is the not-cancelled violation, and the port is not opened by it. */
START_TEST(test_rule6_reset_post_completion_not_cancelled)
{
	reach_post_association();
	ck_assert_ok(ihv_service_reset(svc, AD));
	post_complete(ERROR_SUCCESS);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_NOT_CANCELLED), 1);
	ck_assert_uint_eq(violations(), 1);
	ck_assert(!wd.last_authorized);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	/* the reset's disconnection ends it, with one Stop */
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST, 3, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Rule 6 during post-association, the well-behaved side: ERROR_CANCELLED
 * is no violation, also when the completion (issued during AdapterReset)
 * is applied only after the reset's disconnection ended the session. */
START_TEST(test_rule6_reset_post_cancelled)
{
	uint8_t peer[6];
	struct sim_event gone = wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST,
							    3, false);

	reach_post_association();
	ck_assert_ok(ihv_service_reset(svc, AD));
	post_complete(ERROR_CANCELLED);
	ck_assert(!wd.last_authorized);
	feed(gone);
	ck_assert_uint_eq(violations(), 0);
	/* again, the completion overtaken by the disconnection: this time
	 * ERROR_SUCCESS, which is still owed as ERROR_CANCELLED */
	reach_post_association();
	ck_assert_ok(ihv_service_reset(svc, AD));
	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, 0, ERROR_SUCCESS), ERROR_SUCCESS);
	ihv_service_event(svc, &gone);   /* Stop, before the loop applies it */
	ck_assert_uint_eq(ext_double.stop_calls, 2);
	run();
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_NOT_CANCELLED), 1);
	ck_assert(!wd.last_authorized);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Rule 6: a post-association the extension had already completed is not
 * pending at the reset (even when its completion is applied after it):
 * nothing is owed, no violation. */
START_TEST(test_rule6_reset_after_post_completion)
{
	uint8_t peer[6];

	reach_post_association();
	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, 0, ERROR_SUCCESS), ERROR_SUCCESS);
	ck_assert_ok(ihv_service_reset(svc, AD));
	run();
	ck_assert_uint_eq(violations(), 0);
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST, 3, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Issue 10 C: a disconnect request on an idle adapter is a traced no-op,
 * not a failure, and nothing reaches the 802.11 side or the extension. */
START_TEST(test_disconnect_idle_is_noop)
{
	char line[4096];

	wd.disconnect_rc = -ENOTCONN;   /* what the live side would answer */
	ck_assert_ok(ihv_service_disconnect(svc, AD, 3));
	ck_assert_uint_eq(wd.disconnects, 0);
	ck_assert_int_eq(wlan_double_log_count("ext:AdapterReset"), 0);
	ck_assert(trace_last(line, sizeof(line), "\"what\":\"disconnect-noop\"", NULL, NULL));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Issue 10 C, rule 6: a disconnect request while pre-association is
 * pending cancels the attempt (AdapterReset, the extension completes with
 * ERROR_CANCELLED) and no 802.11 association follows; a completion that
 * is not ERROR_CANCELLED is not-cancelled, and still no association. */
START_TEST(test_disconnect_cancels_preassociation)
{
	wd.disconnect_rc = -ENOTCONN;
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_ok(ihv_service_disconnect(svc, AD, 3));
	ck_assert_int_eq(wlan_double_log_count("ext:AdapterReset"), 1);
	ck_assert_uint_eq(wd.disconnects, 0);
	/* asked again while cancelling: nothing more */
	ck_assert_ok(ihv_service_disconnect(svc, AD, 3));
	ck_assert_int_eq(wlan_double_log_count("ext:AdapterReset"), 1);
	pre_complete(0x90002, ERROR_CANCELLED);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(violations(), 0);

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_ok(ihv_service_disconnect(svc, AD, 3));
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_NOT_CANCELLED), 1);
}
END_TEST

/* Issue 10 C: after an rfkill unblock the interface stays down; a
 * connect brings it up (traced) and goes on, as on Windows when the radio
 * comes back. A radio still blocked fails the connect with -ERFKILL. */
START_TEST(test_connect_brings_interface_up)
{
	char line[4096];

	wd.down = true;
	wd.up_rc = -ERFKILL;
	ck_assert_errno(ihv_service_connect(svc, AD, &REQ), ERFKILL);
	ck_assert_uint_eq(wd.ups, 1);
	ck_assert_int_eq(wlan_double_log_count("ext:ValidateProfile"), 0);
	ck_assert(trace_last(line, sizeof(line), "\"what\":\"interface-up-failed\"",
			     NULL, NULL));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);

	wd.up_rc = 0;
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	ck_assert_uint_eq(wd.ups, 2);
	ck_assert(trace_last(line, sizeof(line), "\"what\":\"interface-up\"", NULL, NULL));
	ck_assert_int_lt(wlan_double_log_find("wlan:up", 0),
			 wlan_double_log_find("ext:PerformPreAssociate", 0));
	pre_complete(0, ERROR_SUCCESS);
	ck_assert_uint_eq(wd.connects, 1);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

/* Rule 8: each API is valid in its window only. */
START_TEST(test_rule8_api_windows)
{
	LPVOID buf = NULL;

	/* after InitService: buffers */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer(16, &buf), ERROR_SUCCESS);
	ext_double.apis.Dot11ExtFreeBuffer(buf);
	/* post-association only: StartOneX before it */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_API_OUT_OF_WINDOW), 1);
	/* ... and in it: in its window, refused only because the profile
	 * (made from an open BSS) enables no 802.1X: not a violation */
	reach_post_association();
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(violations(), 1);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_ONEX_SESSION), 0);
}
END_TEST

/* Rule 5 (roam): a reassociation that fails while a port exists ends the
 * old association too: exactly one StopPostAssociate, roaming status. */
START_TEST(test_rule5_failed_roam_stops_old_port)
{
	struct sim_event ev = wlan_double_ev_connected(AD);

	reach_post_association();
	ev.type = SIM_EV_CONNECT_FAILED;
	ev.u.connect.status = 1;
	ev.u.connect.timed_out = true;
	feed(ev);
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_ROAMING);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	/* a later disconnection indication finds nothing more to stop */
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST, 3, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
}
END_TEST

/* Rule 6 with an association: AdapterReset, then the 802.11 side is
 * disconnected; StopPostAssociate comes (once) with that disconnection. */
START_TEST(test_rule6_reset_with_port_disconnects)
{
	reach_post_association();
	ck_assert_ok(ihv_service_reset(svc, AD));
	ck_assert_uint_eq(wd.disconnects, 1);
	ck_assert_int_lt(wlan_double_log_find("ext:AdapterReset", 0),
			 wlan_double_log_find("wlan:disconnect", 0));
	ck_assert_uint_eq(ext_double.stop_calls, 0);
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST, 3, false));
	ck_assert_uint_eq(ext_double.stop_calls, 1);
	ck_assert_uint_eq(ext_double.stop_status,
			  ihv_status_from_disconnect(SIM_CAUSE_LOCAL_REQUEST, 3, false));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Rule 3: a pre-association the extension never completes is abandoned
 * after the bound (no association); a completion after that is late. */
START_TEST(test_rule3_preassociation_timeout)
{
	int spins = 0;

	teardown();
	ext_double_init();
	preassoc_timeout_ms = 50;
	svc_start(&ext_double_entry);
	preassoc_timeout_ms = 0;
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	while (ihv_service_adapter_state(svc, AD) == IHV_ADAPTER_PRE_ASSOCIATING &&
	       spins++ < 100)
		ihv_loop_run_once(ihv_host_loop(host), 20);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, 0), ERROR_INVALID_STATE);
	run();
	ck_assert_uint_eq(wd.connects, 0);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_LATE_COMPLETION), 1);
}
END_TEST

/* Rule 5: no StopPostAssociate for an association that never reached
 * post-association (refused by the AP, or lost while associating). */
START_TEST(test_rule5_no_stop_without_post_association)
{
	struct sim_event failed = wlan_double_ev(AD, SIM_EV_CONNECT_FAILED);

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0, ERROR_SUCCESS);
	failed.u.connect.status = 17;
	feed(failed);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert_int_eq(wlan_double_log_count("ext:PerformPostAssociate"), 0);
	ck_assert_uint_eq(ext_double.stop_calls, 0);
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0, ERROR_SUCCESS);
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_LINK_LOSS, 4, false));
	ck_assert_uint_eq(ext_double.stop_calls, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Runs the loop (timers included) until the 802.11 side saw @n connects,
 * for at most 3 s. */
static void run_until_connects(unsigned int n)
{
	for (int i = 0; i < 300 && wd.connects < n; i++)
		ihv_loop_run_once(ihv_host_loop(host), 10);
}

/* A timed-out association attempt is retried (bounded, with a growing
 * pause) without a new pre-association; the AP's refusal is final. */
START_TEST(test_association_timeout_retried)
{
	struct sim_event to = wlan_double_ev(AD, SIM_EV_CONNECT_FAILED);

	to.u.connect.timed_out = true;
	to.u.connect.status = 1;
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0, ERROR_SUCCESS);
	feed(to);
	ck_assert_uint_eq(wd.connects, 1); /* not at once: after the pause */
	run_until_connects(2);
	ck_assert_uint_eq(wd.connects, 2);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_ASSOCIATING);
	feed(wlan_double_ev_connected(AD));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_int_eq(wlan_double_log_count("ext:PerformPreAssociate"), 1);
	/* bounded: five timeouts in a row end the connection */
	feed(wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true));
	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	pre_complete(0, ERROR_SUCCESS);
	for (unsigned int k = 1; k < 5; k++) {
		feed(to);
		run_until_connects(3 + k);
		ck_assert_uint_eq(wd.connects, 3 + k);
	}
	feed(to);
	ihv_host_run_for(host, 700); /* longer than any pause: nothing more */
	ck_assert_uint_eq(wd.connects, 7);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}
END_TEST

/* Adapters are independent: one adapter's disassociation stops only its
 * own association. */
START_TEST(test_two_adapters_independent)
{
	struct ihv_wlan_adapter ad2 = { .wiphy = 2, .ifindex = 20 };

	reach_post_association();
	ck_assert_ok(ihv_service_adapter_add(svc, ad2, NULL, "wlan1"));
	feed(wlan_double_ev_disconnected(ad2, SIM_CAUSE_PEER_DEAUTH, 3, true));
	ck_assert_uint_eq(ext_double.stop_calls, 0);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	feed(wlan_double_ev(ad2, SIM_EV_IFACE_REMOVED));
	ck_assert_int_eq(ihv_service_adapter_state(svc, ad2), IHV_ADAPTER_NONE);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_uint_eq(ext_double.stop_calls, 0);
}
END_TEST

/* Rule 9 / security path: a received EAPOL frame reaches ReceivePacket as
 * DOT11_SECURITY_PACKET_HEADER + payload, only for a registered EtherType
 * and only while a port exists. */
START_TEST(test_receive_packet_registered_only)
{
	static const uint8_t eapol[4] = { 2, 3, 0, 0 };
	USHORT reg = 0x888E;

	ck_assert_errno(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						   eapol, sizeof(eapol)), ENOTCONN);
	reach_post_association();
	ck_assert_errno(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						   eapol, sizeof(eapol)), ENOENT);
	ck_assert_int_eq(wlan_double_log_count("ext:ReceivePacket"), 0);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		ext_double.svc_handle, 4, 0, NULL, 1, &reg), ERROR_SUCCESS);
	run();
	ck_assert_ok(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						eapol, sizeof(eapol)));
	ck_assert_int_eq(wlan_double_log_count("ext:ReceivePacket"), 1);
	ck_assert_uint_eq(ext_double.recv_size, 8 + sizeof(eapol));
	ck_assert_uint_eq(ext_double.recv_ethertype, 0x888E);
	ck_assert_mem_eq(ext_double.recv_peer, WLAN_DOUBLE_BSSID, 6);
}
END_TEST

struct thread_completion {
	HANDLE svc, session;
	DWORD ret;
	enum ihv_adapter_state seen;
};

static void *completer(void *arg)
{
	struct thread_completion *tc = arg;

	tc->ret = ext_double.apis.Dot11ExtPreAssociateCompletion(tc->svc, tc->session,
								 0, ERROR_SUCCESS);
	/* The API posted; the loop (test thread) has not run it yet. */
	tc->seen = ihv_service_adapter_state(svc, AD);
	return NULL;
}

/* Rule 9: completions from the extension's own thread reach the loop
 * through the post queue; handlers run on the loop thread only. */
START_TEST(test_rule9_completion_from_extension_thread)
{
	struct thread_completion tc = { 0 };
	pthread_t t;

	ck_assert_ok(ihv_service_connect(svc, AD, &REQ));
	tc.svc = ext_double.svc_handle;
	tc.session = ext_double.connect_session;
	ck_assert_int_eq(pthread_create(&t, NULL, completer, &tc), 0);
	pthread_join(t, NULL);
	ck_assert_uint_eq(tc.ret, ERROR_SUCCESS);
	ck_assert_int_eq(tc.seen, IHV_ADAPTER_PRE_ASSOCIATING);
	ck_assert_uint_eq(wd.connects, 0);
	run();
	ck_assert_uint_eq(wd.connects, 1);
	ck_assert(!ext_double.handler_off_loop_thread);
}
END_TEST

/* The StopPostAssociate "handler" record of the last Stop: it carries
 * "event_t_ns" = @t (0: must carry none). */
static void assert_stop_event_t(uint64_t t)
{
	char line[4096], want[48];

	ck_assert_msg(trace_last(line, sizeof(line), "\"kind\":\"handler\"",
				 "\"name\":\"Dot11ExtIhvStopPostAssociate\"", NULL),
		      "no StopPostAssociate handler record in the trace");
	if (!t) {
		ck_assert_msg(!strstr(line, "event_t_ns"), "unexpected event_t_ns: %s", line);
		return;
	}
	snprintf(want, sizeof(want), "\"event_t_ns\":%" PRIu64 ",", t);
	ck_assert_msg(strstr(line, want), "want %s in %s", want, line);
}

/* Stamps @ev as received at @t (and a little later for its last message). */
static struct sim_event at(struct sim_event ev, uint64_t t)
{
	ev.t_first_ns = t;
	ev.t_last_ns = t + 7000;
	return ev;
}

/* Issue 10 A: the StopPostAssociate record carries the t_first_ns of the
 * nl80211 event that caused the Stop ("event_t_ns", the trace's own
 * clock), whatever the cause; none when the host itself decided. */
START_TEST(test_stop_record_carries_event_time)
{
	static const struct {
		enum sim_disc_cause cause;
		uint16_t reason;
		bool by_ap;
	} causes[] = {
		{ SIM_CAUSE_PEER_DEAUTH, 3, true },
		{ SIM_CAUSE_PEER_DISASSOC, 8, true },
		{ SIM_CAUSE_LOCAL_REQUEST, 3, false },
		{ SIM_CAUSE_IFACE_DOWN, 3, false },
		{ SIM_CAUSE_LINK_LOSS, 4, false },
		{ SIM_CAUSE_RADIO_OFF, 3, false },
	};
	struct sim_event failed = wlan_double_ev_connected(AD);
	uint64_t t = 7000000000ull;

	for (size_t i = 0; i < sizeof(causes) / sizeof(causes[0]); i++) {
		reach_post_association();
		t += 1000003;
		feed(at(wlan_double_ev_disconnected(AD, causes[i].cause, causes[i].reason,
						    causes[i].by_ap), t));
		ck_assert_uint_eq(ext_double.stop_calls, i + 1);
		assert_stop_event_t(t);
	}
	/* roam: the disconnection of the old BSS ... */
	reach_post_association();
	t += 1000003;
	feed(at(wlan_double_ev_disconnected(AD, SIM_CAUSE_ROAM, 0, false), t));
	assert_stop_event_t(t);
	/* ... a reassociation reported without one ... */
	feed(at(wlan_double_ev_connected(AD), t + 500));
	t += 1000003;
	feed(at(wlan_double_ev_connected(AD), t));
	assert_stop_event_t(t);
	/* ... and a reassociation that failed */
	failed.type = SIM_EV_CONNECT_FAILED;
	failed.u.connect.status = 1;
	t += 1000003;
	feed(at(failed, t));
	assert_stop_event_t(t);
	ck_assert_uint_eq(ext_double.stop_calls, 9);
	/* removals: the interface, the radio (then it comes back) */
	reach_post_association();
	t += 1000003;
	feed(at(wlan_double_ev(AD, SIM_EV_IFACE_REMOVED), t));
	assert_stop_event_t(t);
	feed(wlan_double_ev(AD, SIM_EV_RADIO_NEW));
	reach_post_association();
	t += 1000003;
	feed(at(wlan_double_ev(AD, SIM_EV_RADIO_REMOVED), t));
	assert_stop_event_t(t);
	ck_assert_uint_eq(ext_double.stop_calls, 11);
	/* the host's own decision (explicit removal): no event, no field */
	feed(wlan_double_ev(AD, SIM_EV_RADIO_NEW));
	reach_post_association();
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_uint_eq(ext_double.stop_calls, 12);
	assert_stop_event_t(0);
	ck_assert_uint_eq(violations(), 0);
}
END_TEST

CK_SUITE(service_suite)
static Suite *service_suite(void)
{
	Suite *s = suite_create("service");
	TCase *tc = tcase_create("call-sequence");
	/* the association-retry test waits out real backoff timers (~1.7 s) */
	tcase_set_timeout(tc, 20);

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rule1_load_order);
	tcase_add_test(tc, test_rule2_init_adapter_handles);
	tcase_add_test(tc, test_rule3_no_association_before_completion);
	tcase_add_test(tc, test_rule3_refused_preassociation_no_connect);
	tcase_add_test(tc, test_rule3_connect_session_invalid_after_completion);
	tcase_add_test(tc, test_connect_without_bss);
	tcase_add_test(tc, test_rule4_post_association_authorizes);
	tcase_add_test(tc, test_rule5_stop_once_after_completion);
	tcase_add_test(tc, test_rule5_stop_once_without_completion);
	tcase_add_test(tc, test_rule5_roam_stops_then_new_post_association);
	tcase_add_test(tc, test_rule5_implicit_roam_without_indication);
	tcase_add_test(tc, test_rule7_stop_before_deinit_on_iface_removed);
	tcase_add_test(tc, test_rule7_radio_removed_and_back);
	tcase_add_test(tc, test_rule7_svc_handle_invalid_in_deinit_adapter);
	tcase_add_test(tc, test_rule7_unload_order);
	tcase_add_test(tc, test_rule6_reset_cancels_pending);
	tcase_add_test(tc, test_rule6_reset_completion_not_cancelled);
	tcase_add_test(tc, test_rule6_reset_with_port_disconnects);
	tcase_add_test(tc, test_rule3_preassociation_timeout);
	tcase_add_test(tc, test_rule5_no_stop_without_post_association);
	tcase_add_test(tc, test_two_adapters_independent);
	tcase_add_test(tc, test_association_timeout_retried);
	tcase_add_test(tc, test_receive_packet_registered_only);
	tcase_add_test(tc, test_rule8_api_windows);
	tcase_add_test(tc, test_rule9_completion_from_extension_thread);
	tcase_add_test(tc, test_rule5_failed_roam_stops_old_port);
	tcase_add_test(tc, test_stop_record_carries_event_time);
	tcase_add_test(tc, test_rule6_reset_post_completion_not_cancelled);
	tcase_add_test(tc, test_rule6_reset_post_cancelled);
	tcase_add_test(tc, test_rule6_reset_after_post_completion);
	tcase_add_test(tc, test_disconnect_idle_is_noop);
	tcase_add_test(tc, test_disconnect_cancels_preassociation);
	tcase_add_test(tc, test_connect_brings_interface_up);
	suite_add_tcase(s, tc);
	return s;
}
