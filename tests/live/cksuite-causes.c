/* SPDX-License-Identifier: MIT */
/*
 * Every disconnection cause on the real stack (mac80211_hwsim + hostapd):
 * a real association, the trigger, and the live monitor must deliver
 * exactly one SIM_EV_DISCONNECTED with the expected cause, reason, by-AP
 * flag and peer. Each run is recorded and the recording replayed at once,
 * which must give the very same event.
 *
 * IHV_RECORDINGS=DIR keeps the recordings as DIR/<cause>.pcap (that is how
 * tests/recordings/ is regenerated: tools/record-causes); otherwise they go
 * to a temporary file that is removed.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck.h"
#include "live-util.h"
#include "sim.h"

#define SSID "ihv-causes"
#define FREQ 2412
/* Generous under TCG: beacon loss alone takes 0.9-1.7 s. */
#define WAIT_CONNECT_MS 8000
#define WAIT_DISCONNECT_MS 8000
/* Long past the folder's settle window: time for a duplicate to show. */
#define QUIET_MS 400

#define MAX_EVENTS 32

struct recorder {
	struct sim_event ev[MAX_EVENTS];
	int n;
};

static void on_event(const struct sim_event *ev, void *user_data)
{
	struct recorder *r = user_data;

	ck_assert_msg(r->n < MAX_EVENTS, "event overflow");
	r->ev[r->n] = *ev;
	/* borrowed pointers do not outlive the callback */
	r->ev[r->n].u.connect.req_ies = NULL;
	r->ev[r->n].u.connect.resp_ies = NULL;
	r->n++;
}

static int count(const struct recorder *r, enum sim_event_type type)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->ev[i].type == type;
	return n;
}

static const struct sim_event *find(const struct recorder *r,
				    enum sim_event_type type)
{
	for (int i = 0; i < r->n; i++)
		if (r->ev[i].type == type)
			return &r->ev[i];
	return NULL;
}

/* Dispatches until @r holds an event of @type, then for @quiet_ms more. */
static void pump(struct sim_monitor *mon, struct recorder *r,
		 enum sim_event_type type, unsigned wait_ms, unsigned quiet_ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)live_ms(wait_ms) * SIM_NSEC_PER_MSEC;
	bool seen = false;

	for (;;) {
		struct pollfd p = { .fd = sim_monitor_fd(mon), .events = POLLIN };
		uint64_t t = sim_clock_now_ns();
		int rc;

		if (!seen && find(r, type)) {
			seen = true;
			end = t + (uint64_t)live_ms(quiet_ms) * SIM_NSEC_PER_MSEC;
		}
		if (t >= end)
			break;
		/* Rounded up: poll(0) on the last partial millisecond would
		 * spin. */
		rc = poll(&p, 1, (int)((end - t) / SIM_NSEC_PER_MSEC) + 1);
		ck_assert_int_ge(rc, 0);
		if (rc > 0)
			ck_assert_ok(sim_monitor_dispatch(mon));
	}
	ck_assert_msg(seen, "no %s within %u ms", sim_event_type_name(type),
		      live_ms(wait_ms));
}

/* ---- the world of one test ------------------------------------------- */

static struct sim_ctx *ctx;
static struct sim_radio *ap_radio, *ap2_radio, *sta_radio;
static struct sim_ap *ap, *ap2;
static struct sim_monitor *mon;
static struct recorder rec;
static char pcap_path[512];
static bool keep_pcap;

/* A failing assertion exits the test's process (Check's fork mode): the
 * temporary recording must not outlive it. */
static void remove_tmp_pcap(void)
{
	if (!keep_pcap && pcap_path[0])
		unlink(pcap_path);
}

/* @intents false: the monitor gets no ctx, so it must infer the cause
 * from the events alone (and its recording is never kept). */
static void world_up_with(const char *cause, bool two_aps, bool intents)
{
	static bool cleanup_registered;
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = FREQ, .security = SIM_SEC_OPEN,
	};
	const char *dir = getenv("IHV_RECORDINGS");
	int rc;

	memset(&rec, 0, sizeof(rec));
	if (!cleanup_registered)
		cleanup_registered = atexit(remove_tmp_pcap) == 0;
	rc = sim_ctx_new(&ctx);
	ck_assert_msg(rc == 0, "sim_ctx_new: %s (run in the VM: tools/vm)",
		      strerror(-rc));
	ck_assert_ok(sim_radio_new(ctx, "ihvap", &ap_radio));
	ck_assert_ok(sim_radio_new(ctx, "ihvsta", &sta_radio));
	ck_assert_ok(sim_ap_start(ctx, ap_radio, &cfg, &ap));
	if (two_aps) {
		ck_assert_ok(sim_radio_new(ctx, "ihvap2", &ap2_radio));
		ck_assert_ok(sim_ap_start(ctx, ap2_radio, &cfg, &ap2));
	}
	ck_assert_ok(sim_monitor_new_live(intents ? ctx : NULL, on_event, &rec,
					  &mon));
	keep_pcap = dir != NULL && intents;
	if (keep_pcap)
		snprintf(pcap_path, sizeof(pcap_path), "%s/%s.pcap", dir, cause);
	else
		snprintf(pcap_path, sizeof(pcap_path), "/tmp/ihv-causes-%d-%s.pcap",
			 (int)getpid(), cause);
	ck_assert_ok(sim_monitor_record(mon, pcap_path));
}

static void world_up(const char *cause, bool two_aps)
{
	world_up_with(cause, two_aps, true);
}

static void world_connect(struct sim_ap *to)
{
	struct sim_connect_params p = {
		.ssid = SSID, .bssid = sim_ap_bssid(to), .freq_mhz = FREQ,
	};
	const struct sim_event *ev;

	ck_assert_ok(sim_sta_connect(ctx, sta_radio, &p));
	pump(mon, &rec, SIM_EV_CONNECTED, WAIT_CONNECT_MS, 0);
	ev = find(&rec, SIM_EV_CONNECTED);
	ck_assert_mem_eq(ev->peer, sim_ap_bssid(to), SIM_ETH_ALEN);
	ck_assert_uint_eq(ev->ifindex, sim_radio_info(sta_radio)->ifindex);
	ck_assert_uint_gt(ev->u.connect.resp_ies_len + ev->u.connect.req_ies_len, 0);
	rec.n = 0;  /* from here on: the association's end only */
}

/* Replays the recording: the same single DISCONNECTED must come out. */
static void check_replay(const struct sim_event *live)
{
	struct recorder rp = { 0 };
	struct sim_monitor *rmon;
	const struct sim_event *ev = NULL;
	int rc;

	ck_assert_ok(sim_monitor_new_replay(pcap_path, on_event, &rp, &rmon));
	while ((rc = sim_monitor_dispatch(rmon)) == 0)
		;
	ck_assert_errno(rc, ENODATA);
	sim_monitor_free(rmon);
	ck_assert_int_eq(count(&rp, SIM_EV_DISCONNECTED), 1);
	for (int i = 0; i < rp.n; i++)
		if (rp.ev[i].type == SIM_EV_DISCONNECTED)
			ev = &rp.ev[i];
	ck_assert_int_eq(ev->u.disconnect.cause, live->u.disconnect.cause);
	ck_assert_uint_eq(ev->u.disconnect.reason, live->u.disconnect.reason);
	ck_assert_int_eq(ev->u.disconnect.by_ap, live->u.disconnect.by_ap);
	ck_assert_mem_eq(ev->peer, live->peer, SIM_ETH_ALEN);
	ck_assert_uint_eq(ev->t_first_ns, live->t_first_ns);
	ck_assert_uint_eq(ev->t_last_ns, live->t_last_ns);
}

/* Waits for the one DISCONNECTED and checks it, live and replayed. */
static const struct sim_event *expect_disconnect(enum sim_disc_cause cause,
						 int reason, bool by_ap,
						 const uint8_t *bssid)
{
	const struct sim_event *ev;

	pump(mon, &rec, SIM_EV_DISCONNECTED, WAIT_DISCONNECT_MS, QUIET_MS);
	ck_assert_int_eq(count(&rec, SIM_EV_DISCONNECTED), 1);
	ev = find(&rec, SIM_EV_DISCONNECTED);
	ck_assert_msg(ev->u.disconnect.cause == cause, "cause %s, want %s",
		      sim_cause_name(ev->u.disconnect.cause),
		      sim_cause_name(cause));
	if (reason >= 0)
		ck_assert_uint_eq(ev->u.disconnect.reason, (unsigned)reason);
	ck_assert_int_eq(ev->u.disconnect.by_ap, by_ap);
	ck_assert_mem_eq(ev->peer, bssid, SIM_ETH_ALEN);
	ck_assert_uint_le(ev->t_first_ns, ev->t_last_ns);
	fprintf(stderr, "causes: %s reason %u by_ap %d burst %.3f ms\n",
		sim_cause_name(cause), ev->u.disconnect.reason,
		ev->u.disconnect.by_ap,
		(double)(ev->t_last_ns - ev->t_first_ns) / SIM_NSEC_PER_MSEC);
	check_replay(ev);
	return ev;
}

static void world_down(void)
{
	sim_monitor_free(mon);
	mon = NULL;
	remove_tmp_pcap();
	pcap_path[0] = 0;
	/* the ctx stops the APs and deletes the radios it still lists */
	sim_ctx_free(ctx);
	ctx = NULL;
	ap = ap2 = NULL;
	ap_radio = ap2_radio = sta_radio = NULL;
}

static const uint8_t *sta_addr(void)
{
	return sim_radio_info(sta_radio)->addr;
}

/* ---- one test per cause ------------------------------------------------ */

START_TEST(test_peer_deauth)
{
	world_up("peer-deauth", false);
	world_connect(ap);
	ck_assert_ok(sim_ap_deauthenticate(ap, sta_addr(), 6));
	expect_disconnect(SIM_CAUSE_PEER_DEAUTH, 6, true, sim_ap_bssid(ap));
	world_down();
}
END_TEST

START_TEST(test_peer_disassoc)
{
	world_up("peer-disassoc", false);
	world_connect(ap);
	ck_assert_ok(sim_ap_disassociate(ap, sta_addr(), 8));
	expect_disconnect(SIM_CAUSE_PEER_DISASSOC, 8, true, sim_ap_bssid(ap));
	world_down();
}
END_TEST

START_TEST(test_local_request)
{
	world_up("local-request", false);
	world_connect(ap);
	ck_assert_ok(sim_sta_disconnect(ctx, sta_radio, 3));
	expect_disconnect(SIM_CAUSE_LOCAL_REQUEST, 3, false, sim_ap_bssid(ap));
	world_down();
}
END_TEST

START_TEST(test_iface_down)
{
	world_up("iface-down", false);
	world_connect(ap);
	ck_assert_ok(sim_sta_set_up(ctx, sta_radio, false));
	expect_disconnect(SIM_CAUSE_IFACE_DOWN, 3, false, sim_ap_bssid(ap));
	world_down();
}
END_TEST

START_TEST(test_link_loss)
{
	uint8_t bssid[SIM_ETH_ALEN];

	world_up("link-loss", false);
	world_connect(ap);
	/* sim_ap_vanish frees the AP: keep its BSSID for the check. */
	memcpy(bssid, sim_ap_bssid(ap), SIM_ETH_ALEN);
	/* SIGKILL: no deauthentication, the beacons just stop */
	ck_assert_ok(sim_ap_vanish(ap));
	expect_disconnect(SIM_CAUSE_LINK_LOSS, 4, false, bssid);
	ap = NULL;
	world_down();
}
END_TEST

START_TEST(test_iface_removed)
{
	world_up("iface-removed", false);
	world_connect(ap);
	ck_assert_ok(sim_sta_del_iface(ctx, sta_radio));
	expect_disconnect(SIM_CAUSE_IFACE_REMOVED, 3, false, sim_ap_bssid(ap));
	ck_assert_int_eq(count(&rec, SIM_EV_IFACE_REMOVED), 1);
	world_down();
}
END_TEST

START_TEST(test_radio_removed)
{
	world_up("radio-removed", false);
	world_connect(ap);
	ck_assert_ok(sim_radio_del(sta_radio));
	sta_radio = NULL;
	expect_disconnect(SIM_CAUSE_RADIO_REMOVED, 3, false, sim_ap_bssid(ap));
	ck_assert_int_eq(count(&rec, SIM_EV_IFACE_REMOVED), 1);
	ck_assert_int_eq(count(&rec, SIM_EV_RADIO_REMOVED), 1);
	world_down();
}
END_TEST

START_TEST(test_radio_off)
{
	world_up("radio-off", false);
	world_connect(ap);
	ck_assert_ok(sim_sta_rfkill(ctx, sta_radio, true));
	expect_disconnect(SIM_CAUSE_RADIO_OFF, 3, false, sim_ap_bssid(ap));
	ck_assert_ok(sim_sta_rfkill(ctx, sta_radio, false));
	world_down();
}
END_TEST

START_TEST(test_roam)
{
	struct sim_connect_params p = {
		.ssid = SSID, .freq_mhz = FREQ,
	};
	const struct sim_event *ev;

	world_up("roam", true);
	world_connect(ap);
	p.bssid = sim_ap_bssid(ap2);
	ck_assert_ok(sim_sta_roam(ctx, sta_radio, &p));
	/* the reason depends on how the kernel reassociates: not asserted */
	expect_disconnect(SIM_CAUSE_ROAM, -1, false, sim_ap_bssid(ap));
	pump(mon, &rec, SIM_EV_CONNECTED, WAIT_CONNECT_MS, QUIET_MS);
	ev = find(&rec, SIM_EV_CONNECTED);
	ck_assert_mem_eq(ev->peer, sim_ap_bssid(ap2), SIM_ETH_ALEN);
	ck_assert_int_eq(count(&rec, SIM_EV_DISCONNECTED), 1);
	world_down();
}
END_TEST

/* ---- without intents: the folder's own inference, live ---------------- */

/* DISCONNECT then DEL_INTERFACE: the settle window must catch it. */
START_TEST(test_inferred_iface_removed)
{
	world_up_with("inferred-iface-removed", false, false);
	world_connect(ap);
	ck_assert_ok(sim_sta_del_iface(ctx, sta_radio));
	expect_disconnect(SIM_CAUSE_IFACE_REMOVED, 3, false, sim_ap_bssid(ap));
	ck_assert_int_eq(count(&rec, SIM_EV_IFACE_REMOVED), 1);
	world_down();
}
END_TEST

/* The interface-down burst, told apart only by the /dev/rfkill event. */
START_TEST(test_inferred_radio_off)
{
	world_up_with("inferred-radio-off", false, false);
	world_connect(ap);
	ck_assert_ok(sim_sta_rfkill(ctx, sta_radio, true));
	expect_disconnect(SIM_CAUSE_RADIO_OFF, 3, false, sim_ap_bssid(ap));
	ck_assert_ok(sim_sta_rfkill(ctx, sta_radio, false));
	world_down();
}
END_TEST

/* Documented limit: without the intent an interface set down is the
 * default, LOCAL_REQUEST (the burst is identical). */
START_TEST(test_inferred_iface_down)
{
	world_up_with("inferred-iface-down", false, false);
	world_connect(ap);
	ck_assert_ok(sim_sta_set_up(ctx, sta_radio, false));
	expect_disconnect(SIM_CAUSE_LOCAL_REQUEST, 3, false, sim_ap_bssid(ap));
	world_down();
}
END_TEST

CK_SUITE(causes_suite)
static Suite *causes_suite(void)
{
	Suite *s = suite_create("causes");
	TCase *tc = tcase_create("live");

	/* boots nothing itself; each test builds and tears down its world */
	tcase_set_timeout(tc, live_ms(60000) / 1000.0);
	tcase_add_test(tc, test_peer_deauth);
	tcase_add_test(tc, test_peer_disassoc);
	tcase_add_test(tc, test_local_request);
	tcase_add_test(tc, test_iface_down);
	tcase_add_test(tc, test_link_loss);
	tcase_add_test(tc, test_iface_removed);
	tcase_add_test(tc, test_radio_removed);
	tcase_add_test(tc, test_radio_off);
	tcase_add_test(tc, test_roam);
	tcase_add_test(tc, test_inferred_iface_removed);
	tcase_add_test(tc, test_inferred_radio_off);
	tcase_add_test(tc, test_inferred_iface_down);
	suite_add_tcase(s, tc);
	return s;
}
