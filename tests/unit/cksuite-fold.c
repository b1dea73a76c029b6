/* SPDX-License-Identifier: MIT */
/*
 * The burst folder, one test per cause, fed the station-side sequences of
 * reference/hwsim-vm-facts.md (identical in every measured run): exactly one
 * DISCONNECTED per association, the right cause/reason/by_ap, and first/last
 * timestamps of the burst.
 */
#include <time.h>

#include "ck.h"
#include "fold.h"
#include "intent.h"

#define W 3          /* wiphy */
#define IF 11        /* station ifindex */
#define AP_IF 12     /* an AP interface on another wiphy */
#define SETTLE (10 * SIM_NSEC_PER_MSEC)
#define STEP 100000u /* 100 us between the messages of a burst */

static const uint8_t ap1[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t ap2[6] = { 0x02, 0, 0, 0, 0x03, 0 };
static const uint8_t sta[6] = { 0x02, 0, 0, 0, 0x02, 0 };

#define MAX_EVENTS 16
static struct sim_event evs[MAX_EVENTS];
static int nevs;

static void on_event(const struct sim_event *ev, void *user_data)
{
	ck_assert_int_lt(nevs, MAX_EVENTS);
	evs[nevs++] = *ev;
}

static struct sim_fold *fold;
static uint64_t now;

static void setup(void)
{
	nevs = 0;
	now = 1000 * SIM_NSEC_PER_SEC;
	ck_assert_ok(sim_fold_new(on_event, NULL, &fold));
	sim_fold_set_settle(fold, SETTLE);
}

static void teardown(void)
{
	sim_fold_free(fold);
}

static struct sim_msg msg(enum sim_msg_kind kind)
{
	struct sim_msg m = {
		.kind = kind, .has_wiphy = true, .wiphy = W,
		.has_ifindex = true, .ifindex = IF,
	};
	return m;
}

/* Feeds @m STEP after the previous message; returns its time. */
static uint64_t feed(const struct sim_msg *m)
{
	now += STEP;
	ck_assert_ok(sim_fold_feed(fold, m, now));
	return now;
}

static uint64_t feed_kind(enum sim_msg_kind kind)
{
	struct sim_msg m = msg(kind);

	return feed(&m);
}

static uint64_t feed_sta(enum sim_msg_kind kind, const uint8_t *mac)
{
	struct sim_msg m = msg(kind);

	m.has_wiphy = false;  /* station events carry no WIPHY */
	m.has_mac = true;
	memcpy(m.mac, mac, 6);
	return feed(&m);
}

/* A DEAUTHENTICATE/DISASSOCIATE with its frame: from @ap, or our own. */
static uint64_t feed_frame(enum sim_msg_kind kind, const uint8_t *ap,
			   bool from_ap, uint16_t reason)
{
	struct sim_msg m = msg(kind);

	m.has_frame = true;
	memcpy(m.frame.da, from_ap ? sta : ap, 6);
	memcpy(m.frame.sa, from_ap ? ap : sta, 6);
	memcpy(m.frame.bssid, ap, 6);
	m.frame.reason = reason;
	return feed(&m);
}

static uint64_t feed_disconnect(uint16_t reason, bool by_ap)
{
	struct sim_msg m = msg(SIM_MSG_DISCONNECT);

	m.reason = reason;
	m.by_ap = by_ap;
	return feed(&m);
}

static void feed_intent(enum sim_disc_cause cause)
{
	struct sim_msg m = msg(SIM_MSG_INTENT);

	m.has_wiphy = false;
	m.cause = cause;
	feed(&m);
}

static void feed_rfkill(bool blocked)
{
	struct sim_msg m = msg(SIM_MSG_RFKILL);

	m.has_ifindex = false;
	m.ifindex = 0;
	m.rfkill_idx = 4;
	m.rfkill_type = 1;    /* WLAN */
	m.rfkill_op = 2;      /* CHANGE */
	m.soft_blocked = blocked;
	feed(&m);
}

/* Connect via NL80211_CMD_CONNECT: 19, 37, 38, 46 (status 0). */
static void associate(const uint8_t *ap)
{
	struct sim_msg m = msg(SIM_MSG_CONNECT);

	feed_sta(SIM_MSG_NEW_STATION, ap);
	feed_kind(SIM_MSG_AUTHENTICATE);
	feed_kind(SIM_MSG_ASSOCIATE);
	m.has_mac = true;
	memcpy(m.mac, ap, 6);
	feed(&m);
	ck_assert_int_eq(nevs, 1);
	ck_assert_int_eq(evs[0].type, SIM_EV_CONNECTED);
	ck_assert_mem_eq(evs[0].peer, ap, 6);
	nevs = 0;
}

static void assert_disc(const struct sim_event *ev, enum sim_disc_cause cause,
			uint16_t reason, bool by_ap, const uint8_t *peer,
			uint64_t t_first, uint64_t t_last)
{
	ck_assert_int_eq(ev->type, SIM_EV_DISCONNECTED);
	ck_assert_msg(ev->u.disconnect.cause == cause, "cause %s, want %s",
		      sim_cause_name(ev->u.disconnect.cause),
		      sim_cause_name(cause));
	ck_assert_uint_eq(ev->u.disconnect.reason, reason);
	ck_assert_int_eq(ev->u.disconnect.by_ap, by_ap);
	ck_assert_mem_eq(ev->peer, peer, 6);
	ck_assert_uint_eq(ev->wiphy, W);
	ck_assert_uint_eq(ev->ifindex, IF);
	ck_assert_uint_eq(ev->t_first_ns, t_first);
	ck_assert_uint_eq(ev->t_last_ns, t_last);
}

/* Nothing more comes out, whatever time does. */
static void assert_quiet_after(int expected)
{
	sim_fold_flush(fold);
	ck_assert_int_eq(nevs, expected);
	ck_assert_uint_eq(sim_fold_deadline(fold), SIM_FOLD_NO_DEADLINE);
}

/* AP DEAUTHENTICATE: 20, 39 (frame from AP), 48, reason as sent. */
START_TEST(test_peer_deauth)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, true, 2);
	t1 = feed_disconnect(2, true);
	/* decided at once: the AP's frame needs no settle window */
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_PEER_DEAUTH, 2, true, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* hostapd SIGTERM: the same burst with reason 3 (deauth on leaving). */
START_TEST(test_peer_deauth_ap_stopping)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, true, 3);
	t1 = feed_disconnect(3, true);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_PEER_DEAUTH, 3, true, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* AP DISASSOCIATE: 20, 40 (frame from AP), 48. */
START_TEST(test_peer_disassoc)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DISASSOCIATE, ap1, true, 8);
	t1 = feed_disconnect(8, true);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_PEER_DISASSOC, 8, true, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* Station disconnect request: 20, 39 (own), 48 reason 3, with the
 * intent the station control noted. */
START_TEST(test_local_request_intent)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_intent(SIM_CAUSE_LOCAL_REQUEST);
	t1 = feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_LOCAL_REQUEST, 3, false, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* The same burst with nobody's intent: LOCAL_REQUEST, after the settle
 * window and not before. */
START_TEST(test_local_request_default_after_settle)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	t1 = feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 0);
	ck_assert_uint_eq(sim_fold_deadline(fold), t1 + SETTLE);
	sim_fold_advance(fold, t1 + SETTLE - 1);
	ck_assert_int_eq(nevs, 0);
	sim_fold_advance(fold, t1 + SETTLE);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_LOCAL_REQUEST, 3, false, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* Station interface down: the same burst, told apart by the intent. */
START_TEST(test_iface_down)
{
	uint64_t t0, t1;

	associate(ap1);
	feed_intent(SIM_CAUSE_IFACE_DOWN);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	t1 = feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_IFACE_DOWN, 3, false, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* hostapd SIGKILL / AP radio deleted: 64 BEACON_LOSS, 20, 39 (own),
 * 48 reason 4; the burst starts at the beacon loss. */
START_TEST(test_link_loss)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_kind(SIM_MSG_BEACON_LOSS);
	now += SIM_NSEC_PER_SEC;  /* mac80211 probes the AP for ~1 s */
	feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 4);
	t1 = feed_disconnect(4, false);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_LINK_LOSS, 4, false, ap1, t0, t1);
	assert_quiet_after(1);
}
END_TEST

/* Station interface deleted: 20, 39 (own), 48, 8 -> DISCONNECTED
 * (IFACE_REMOVED) then IFACE_REMOVED, once the window shows no DEL_WIPHY. */
START_TEST(test_iface_removed)
{
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_disconnect(3, false);
	t1 = feed_kind(SIM_MSG_DEL_IFACE);
	ck_assert_int_eq(nevs, 0);
	sim_fold_advance(fold, t1 + SETTLE);
	ck_assert_int_eq(nevs, 2);
	assert_disc(&evs[0], SIM_CAUSE_IFACE_REMOVED, 3, false, ap1, t0, t1);
	ck_assert_int_eq(evs[1].type, SIM_EV_IFACE_REMOVED);
	ck_assert_uint_eq(evs[1].ifindex, IF);
	ck_assert_uint_eq(evs[1].t_first_ns, t1);
	assert_quiet_after(2);
}
END_TEST

/* The same removal announced by this process's intent: no DEL_WIPHY can
 * follow, so the DEL_INTERFACE completes the burst at once (no settle
 * window in the event -> StopPostAssociate latency). */
START_TEST(test_iface_removed_intent_no_wait)
{
	uint64_t t0, t1;

	associate(ap1);
	feed_intent(SIM_CAUSE_IFACE_REMOVED);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 0); /* waits for its DEL_INTERFACE */
	t1 = feed_kind(SIM_MSG_DEL_IFACE);
	ck_assert_int_eq(nevs, 2); /* ... and not a moment longer */
	assert_disc(&evs[0], SIM_CAUSE_IFACE_REMOVED, 3, false, ap1, t0, t1);
	ck_assert_int_eq(evs[1].type, SIM_EV_IFACE_REMOVED);
	assert_quiet_after(2);
}
END_TEST

/* Station radio deleted: 20, 39 (own), 48, 8, 4. */
START_TEST(test_radio_removed)
{
	uint64_t t0, t1, t_del_if;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_disconnect(3, false);
	t_del_if = feed_kind(SIM_MSG_DEL_IFACE);
	t1 = feed_kind(SIM_MSG_DEL_WIPHY);
	ck_assert_int_eq(nevs, 3);
	assert_disc(&evs[0], SIM_CAUSE_RADIO_REMOVED, 3, false, ap1, t0, t1);
	ck_assert_int_eq(evs[1].type, SIM_EV_IFACE_REMOVED);
	ck_assert_uint_eq(evs[1].t_first_ns, t_del_if);
	ck_assert_int_eq(evs[2].type, SIM_EV_RADIO_REMOVED);
	ck_assert_uint_eq(evs[2].wiphy, W);
	assert_quiet_after(3);
}
END_TEST

/* rfkill block: the interface-down burst, then the rfkill event. The
 * switch is reported itself (SIM_EV_RFKILL), before the disconnection it
 * explains. */
START_TEST(test_radio_off_rfkill_after)
{
	uint64_t t0;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_disconnect(3, false);
	feed_rfkill(true);
	ck_assert_int_eq(nevs, 2);
	ck_assert_int_eq(evs[0].type, SIM_EV_RFKILL);
	ck_assert_uint_eq(evs[0].wiphy, W);
	ck_assert(evs[0].u.rfkill.soft_blocked);
	ck_assert(!evs[0].u.rfkill.hard_blocked);
	assert_disc(&evs[1], SIM_CAUSE_RADIO_OFF, 3, false, ap1, t0, now - STEP);
	assert_quiet_after(2);
}
END_TEST

/* ... or read first from /dev/rfkill: the radio is blocked already. */
START_TEST(test_radio_off_rfkill_before)
{
	uint64_t t0, t1;

	associate(ap1);
	feed_rfkill(true);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	t1 = feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 2);
	ck_assert_int_eq(evs[0].type, SIM_EV_RFKILL);
	assert_disc(&evs[1], SIM_CAUSE_RADIO_OFF, 3, false, ap1, t0, t1);
	/* unblocked: the switch again, and the next local disconnection is
	 * not RADIO_OFF */
	nevs = 0;
	feed_rfkill(false);
	ck_assert_int_eq(nevs, 1);
	ck_assert_int_eq(evs[0].type, SIM_EV_RFKILL);
	ck_assert(!evs[0].u.rfkill.soft_blocked);
	nevs = 0;
	associate(ap1);
	feed_disconnect(3, false);
	assert_quiet_after(1);
	ck_assert_int_eq(evs[0].u.disconnect.cause, SIM_CAUSE_LOCAL_REQUEST);
}
END_TEST

/* A CONNECT to another BSS while associated ends the old one: ROAM. */
START_TEST(test_roam_connect_new_bss)
{
	struct sim_msg m = msg(SIM_MSG_CONNECT);
	uint64_t t;

	associate(ap1);
	m.has_mac = true;
	memcpy(m.mac, ap2, 6);
	t = feed(&m);
	ck_assert_int_eq(nevs, 2);
	assert_disc(&evs[0], SIM_CAUSE_ROAM, 0, false, ap1, t, t);
	ck_assert_int_eq(evs[1].type, SIM_EV_CONNECTED);
	ck_assert_mem_eq(evs[1].peer, ap2, 6);
	assert_quiet_after(2);
}
END_TEST

/* NL80211_CMD_ROAM (47) while associated. */
START_TEST(test_roam_event)
{
	struct sim_msg m = msg(SIM_MSG_ROAM);
	uint64_t t;

	associate(ap1);
	m.has_mac = true;
	memcpy(m.mac, ap2, 6);
	t = feed(&m);
	ck_assert_int_eq(nevs, 2);
	assert_disc(&evs[0], SIM_CAUSE_ROAM, 0, false, ap1, t, t);
	ck_assert_int_eq(evs[1].type, SIM_EV_CONNECTED);
	ck_assert_mem_eq(evs[1].peer, ap2, 6);
	assert_quiet_after(2);
}
END_TEST

/* sim_sta_roam's way: intent ROAM, the old association's local burst,
 * then the new association. */
START_TEST(test_roam_intent)
{
	uint64_t t0, t1;

	associate(ap1);
	feed_intent(SIM_CAUSE_ROAM);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	t1 = feed_disconnect(3, false);
	ck_assert_int_eq(nevs, 1);
	assert_disc(&evs[0], SIM_CAUSE_ROAM, 3, false, ap1, t0, t1);
	nevs = 0;
	associate(ap2);   /* exactly one CONNECTED, no second DISCONNECTED */
	assert_quiet_after(0);
}
END_TEST

/* mac80211's reassociation (CONNECT with PREV_BSSID), as recorded:
 * 20, 39 (own, reason 1) for the old BSS, then 19, 37, 38 and the intent
 * the monitor takes for the CONNECT (46) to the new BSS; no DISCONNECT. */
START_TEST(test_roam_reassociation)
{
	struct sim_msg m = msg(SIM_MSG_CONNECT);
	uint64_t t0, t1;

	associate(ap1);
	t0 = feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 1);
	feed_sta(SIM_MSG_NEW_STATION, ap2);
	feed_kind(SIM_MSG_AUTHENTICATE);
	feed_kind(SIM_MSG_ASSOCIATE);
	feed_intent(SIM_CAUSE_ROAM);
	m.has_mac = true;
	memcpy(m.mac, ap2, 6);
	t1 = feed(&m);
	ck_assert_int_eq(nevs, 2);
	assert_disc(&evs[0], SIM_CAUSE_ROAM, 1, false, ap1, t0, t1);
	ck_assert_int_eq(evs[1].type, SIM_EV_CONNECTED);
	ck_assert_mem_eq(evs[1].peer, ap2, 6);
	assert_quiet_after(2);
}
END_TEST

/* Intents for removals wait for the removal, then report it. */
START_TEST(test_removal_intents)
{
	uint64_t t1;

	associate(ap1);
	feed_intent(SIM_CAUSE_RADIO_REMOVED);
	feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, false, 3);
	feed_disconnect(3, false);
	feed_kind(SIM_MSG_DEL_IFACE);
	ck_assert_int_eq(nevs, 0);
	t1 = feed_kind(SIM_MSG_DEL_WIPHY);
	ck_assert_int_eq(nevs, 3);
	ck_assert_int_eq(evs[0].u.disconnect.cause, SIM_CAUSE_RADIO_REMOVED);
	ck_assert_uint_eq(evs[0].t_last_ns, t1);
	ck_assert_int_eq(evs[1].type, SIM_EV_IFACE_REMOVED);
	ck_assert_int_eq(evs[2].type, SIM_EV_RADIO_REMOVED);
	assert_quiet_after(3);
}
END_TEST

/* The AP's own frame is ground truth, even if we also meant to leave. */
START_TEST(test_peer_frame_beats_intent)
{
	associate(ap1);
	feed_intent(SIM_CAUSE_LOCAL_REQUEST);
	feed_sta(SIM_MSG_DEL_STATION, ap1);
	feed_frame(SIM_MSG_DEAUTHENTICATE, ap1, true, 7);
	feed_disconnect(7, true);
	assert_quiet_after(1);
	ck_assert_int_eq(evs[0].u.disconnect.cause, SIM_CAUSE_PEER_DEAUTH);
	ck_assert_uint_eq(evs[0].u.disconnect.reason, 7);
}
END_TEST

/* One DISCONNECTED per association across several associations, and an
 * AP interface's station coming and going is not our association. */
START_TEST(test_one_per_association)
{
	struct sim_msg m;

	for (int i = 0; i < 3; i++) {
		nevs = 0;
		associate(i % 2 ? ap2 : ap1);
		m = msg(SIM_MSG_DEL_STATION);
		m.ifindex = AP_IF;
		m.has_mac = true;
		memcpy(m.mac, sta, 6);
		feed(&m);
		feed_sta(SIM_MSG_DEL_STATION, i % 2 ? ap2 : ap1);
		feed_frame(SIM_MSG_DEAUTHENTICATE, i % 2 ? ap2 : ap1, true, 2);
		feed_disconnect(2, true);
		assert_quiet_after(1);
	}
}
END_TEST

START_TEST(test_connect_failed)
{
	struct sim_msg m = msg(SIM_MSG_CONNECT);

	m.status = 1;
	m.timed_out = true;
	feed(&m);
	ck_assert_int_eq(nevs, 1);
	ck_assert_int_eq(evs[0].type, SIM_EV_CONNECT_FAILED);
	ck_assert_uint_eq(evs[0].u.connect.status, 1);
	ck_assert(evs[0].u.connect.timed_out);
	assert_quiet_after(1);
}
END_TEST

/* ---- the intent table the station control fills ------------------------ */

START_TEST(test_intent_take_once)
{
	static struct sim_intent_table t;
	enum sim_disc_cause c = SIM_CAUSE_PEER_DEAUTH;

	memset(&t, 0, sizeof(t));
	ck_assert_ok(sim_intent_note(&t, IF, SIM_CAUSE_IFACE_DOWN));
	/* a second note for the same interface replaces the first */
	ck_assert_ok(sim_intent_note(&t, IF, SIM_CAUSE_RADIO_OFF));
	ck_assert(!sim_intent_take(&t, IF + 1, SIM_NSEC_PER_SEC, &c));
	ck_assert(sim_intent_take(&t, IF, SIM_NSEC_PER_SEC, &c));
	ck_assert_int_eq(c, SIM_CAUSE_RADIO_OFF);
	c = SIM_CAUSE_PEER_DEAUTH;
	ck_assert(!sim_intent_take(&t, IF, SIM_NSEC_PER_SEC, &c));
	ck_assert_int_eq(c, SIM_CAUSE_PEER_DEAUTH);  /* left alone */
}
END_TEST

START_TEST(test_intent_stale_and_dropped)
{
	static struct sim_intent_table t;
	struct timespec ms = { 0, 2 * 1000 * 1000 };
	enum sim_disc_cause c = SIM_CAUSE_PEER_DEAUTH;

	memset(&t, 0, sizeof(t));
	ck_assert_ok(sim_intent_note(&t, IF, SIM_CAUSE_LOCAL_REQUEST));
	nanosleep(&ms, NULL);
	ck_assert(!sim_intent_take(&t, IF, SIM_NSEC_PER_MSEC, &c));
	/* and a stale one is gone, not kept for the next disconnection */
	ck_assert(!sim_intent_take(&t, IF, SIM_NSEC_PER_SEC, &c));

	ck_assert_ok(sim_intent_note(&t, IF, SIM_CAUSE_LOCAL_REQUEST));
	sim_intent_drop(&t, IF);
	ck_assert(!sim_intent_take(&t, IF, SIM_NSEC_PER_SEC, &c));
	ck_assert_int_eq(c, SIM_CAUSE_PEER_DEAUTH);
}
END_TEST

START_TEST(test_intent_limits)
{
	static struct sim_intent_table t;
	enum sim_disc_cause c;

	memset(&t, 0, sizeof(t));
	ck_assert_errno(sim_intent_note(&t, 0, SIM_CAUSE_ROAM), EINVAL);
	for (uint32_t i = 1; i <= SIM_INTENT_MAX; i++)
		ck_assert_ok(sim_intent_note(&t, i, SIM_CAUSE_ROAM));
	ck_assert_errno(sim_intent_note(&t, SIM_INTENT_MAX + 1, SIM_CAUSE_ROAM),
			ENOSPC);
	ck_assert(sim_intent_take(&t, SIM_INTENT_MAX, SIM_NSEC_PER_SEC, &c));
	ck_assert_ok(sim_intent_note(&t, SIM_INTENT_MAX + 1, SIM_CAUSE_ROAM));
}
END_TEST

CK_SUITE(fold_suite)
static Suite *fold_suite(void)
{
	Suite *s = suite_create("fold");
	TCase *tc = tcase_create("causes");
	TCase *ti;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_peer_deauth);
	tcase_add_test(tc, test_peer_deauth_ap_stopping);
	tcase_add_test(tc, test_peer_disassoc);
	tcase_add_test(tc, test_local_request_intent);
	tcase_add_test(tc, test_local_request_default_after_settle);
	tcase_add_test(tc, test_iface_down);
	tcase_add_test(tc, test_link_loss);
	tcase_add_test(tc, test_iface_removed);
	tcase_add_test(tc, test_iface_removed_intent_no_wait);
	tcase_add_test(tc, test_radio_removed);
	tcase_add_test(tc, test_radio_off_rfkill_after);
	tcase_add_test(tc, test_radio_off_rfkill_before);
	tcase_add_test(tc, test_roam_connect_new_bss);
	tcase_add_test(tc, test_roam_event);
	tcase_add_test(tc, test_roam_intent);
	tcase_add_test(tc, test_roam_reassociation);
	tcase_add_test(tc, test_removal_intents);
	tcase_add_test(tc, test_peer_frame_beats_intent);
	tcase_add_test(tc, test_one_per_association);
	tcase_add_test(tc, test_connect_failed);
	suite_add_tcase(s, tc);

	ti = tcase_create("intents");
	tcase_add_test(ti, test_intent_take_once);
	tcase_add_test(ti, test_intent_stale_and_dropped);
	tcase_add_test(ti, test_intent_limits);
	suite_add_tcase(s, ti);
	return s;
}
