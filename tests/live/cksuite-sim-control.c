/* SPDX-License-Identifier: MIT */
/*
 * Every action of sim.h against the real kernel (mac80211_hwsim) and a
 * real hostapd. Outcomes are observed independently of sim/: nl80211
 * events through live-util's own listener, interface flags through ioctl,
 * rfkill through sysfs, station flags through GET_STATION. Each test runs
 * in its own Check fork and frees its ctx (radios die with it anyway).
 */
#define _GNU_SOURCE /* unshare */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/nl80211.h>

#include "ck.h"
#include "intent.h"
#include "live-util.h"
#include "sim-internal.h"
#include "sim.h"

#define SSID "ihv-ctl"
#define FREQ 2412
#define PSK "correct horse battery"
#define INTENT_AGE_NS ((uint64_t)live_ms(10000) * SIM_NSEC_PER_MSEC)

struct pair {
	struct sim_ctx *ctx;
	struct sim_radio *ap_radio, *sta;
	struct sim_ap *ap;
	struct live_listener *l;
	uint32_t ifindex;
};

static double secs_since(uint64_t t0_ns)
{
	return (double)(sim_clock_now_ns() - t0_ns) / SIM_NSEC_PER_SEC;
}

/* An AP radio running hostapd and a station radio with a listener. */
static void pair_up(struct pair *p, const char *tag, enum sim_security sec)
{
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = FREQ, .security = sec,
		.passphrase = PSK,
	};

	live_require_hwsim();
	memset(p, 0, sizeof(*p));
	ck_assert_ok(sim_ctx_new(&p->ctx));
	ck_assert_ok(sim_radio_new(p->ctx, "ap", &p->ap_radio));
	ck_assert_ok(sim_radio_new(p->ctx, "sta", &p->sta));
	ck_assert_ok(sim_ap_start(p->ctx, p->ap_radio, &cfg, &p->ap));
	p->ifindex = sim_radio_info(p->sta)->ifindex;
	ck_assert_uint_ne(p->ifindex, 0);
	ck_assert_ok(live_listen(tag, p->ifindex, &p->l));
}

/* WPA2: the RSN the AP offers (CCMP/PSK) and EAPOL over the owner
 * socket; sim runs no handshake, so the port stays closed. */
static void pair_connect(struct pair *p, enum sim_security sec)
{
	struct sim_connect_params cp = {
		.ssid = SSID, .bssid = sim_ap_bssid(p->ap), .freq_mhz = FREQ,
	};
	struct live_ev ev;

	if (sec == SIM_SEC_WPA2_PSK) {
		cp.akm_suite = SIM_AKM_PSK;
		cp.pairwise_suite = cp.group_suite = SIM_SUITE_CCMP;
		cp.control_port_ethertype = SIM_ETH_P_PAE;
	}

	ck_assert_ok(live_connect(p->l, p->ctx, p->sta, &cp, 3, &ev));
	ck_assert_mem_eq(ev.mac, sim_ap_bssid(p->ap), SIM_ETH_ALEN);
}

static void pair_down(struct pair *p)
{
	live_listener_free(p->l);
	sim_ctx_free(p->ctx);
}

static void assert_intent(struct pair *p, uint32_t ifindex,
			  enum sim_disc_cause want)
{
	enum sim_disc_cause got;

	ck_assert_msg(sim_intent_take(sim_ctx_intents(p->ctx), ifindex,
				      INTENT_AGE_NS, &got),
		      "no intent noted for ifindex %u", ifindex);
	ck_assert_msg(got == want, "intent %s, want %s", sim_cause_name(got),
		      sim_cause_name(want));
}

START_TEST(scan_finds_ap_with_ies)
{
	struct pair p;
	struct sim_bss *bss;
	uint64_t t0;
	size_t n, found = 0;

	pair_up(&p, "scan", SIM_SEC_OPEN);
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_sta_scan(p.ctx, p.sta, FREQ, SSID, &bss, &n));
	printf("scan: %zu result(s) in %.3f s\n", n, secs_since(t0));
	for (size_t i = 0; i < n; i++) {
		printf("scan: " SIM_MAC_FMT " %u MHz %.2f dBm bi=%u cap=0x%04x "
		       "ies=%zu ssid=%.*s\n", SIM_MAC_ARG(bss[i].bssid),
		       bss[i].freq_mhz, bss[i].signal_mbm / 100.0,
		       bss[i].beacon_interval, bss[i].capability,
		       bss[i].ies_len, (int)bss[i].ssid_len,
		       (const char *)bss[i].ssid);
		ck_assert_uint_eq(bss[i].ssid_len, strlen(SSID));
		ck_assert_mem_eq(bss[i].ssid, SSID, strlen(SSID));
		if (memcmp(bss[i].bssid, sim_ap_bssid(p.ap), SIM_ETH_ALEN))
			continue;
		found++;
		ck_assert_uint_eq(bss[i].freq_mhz, FREQ);
		ck_assert_uint_eq(bss[i].beacon_interval, 100);
		ck_assert(bss[i].capability & 0x0001); /* ESS */
		ck_assert_uint_gt(bss[i].ies_len, strlen(SSID) + 2);
		/* The first element is the SSID, as hostapd sends it. */
		ck_assert_uint_eq(bss[i].ies[0], 0);
		ck_assert_uint_eq(bss[i].ies[1], strlen(SSID));
		ck_assert_uint_gt(bss[i].seen_ns, 0);
	}
	ck_assert_uint_eq(found, 1);
	sim_bss_free(bss, n);
	/* Every channel (freq 0), no SSID filter: the AP is among them. */
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_sta_scan(p.ctx, p.sta, 0, NULL, &bss, &n));
	printf("scan: all channels: %zu result(s) in %.3f s\n", n,
	       secs_since(t0));
	found = 0;
	for (size_t i = 0; i < n; i++)
		found += !memcmp(bss[i].bssid, sim_ap_bssid(p.ap), SIM_ETH_ALEN);
	ck_assert_uint_eq(found, 1);
	sim_bss_free(bss, n);
	/* A filter nobody matches returns no entries, not an error. */
	ck_assert_ok(sim_sta_scan(p.ctx, p.sta, FREQ, "ihv-nobody", &bss, &n));
	ck_assert_uint_eq(n, 0);
	sim_bss_free(bss, n);
	pair_down(&p);
}
END_TEST

struct first_frame {
	int n;
	struct sim_port_frame f;
	uint8_t type;                /* the EAPOL packet type */
};

static void on_port_frame(const struct sim_port_frame *f, void *arg)
{
	struct first_frame *ff = arg;

	if (ff->n++)
		return;
	ff->f = *f;
	ff->f.data = NULL;           /* borrowed: gone after the callback */
	ff->type = f->len >= 2 ? f->data[1] : 0xff;
}

START_TEST(wpa2_connect_then_authorize)
{
	struct first_frame ff = { .n = 0 };
	struct pollfd pfd = { .events = POLLIN };
	struct pair p;
	const uint8_t *bssid;
	uint64_t deadline;

	pair_up(&p, "wpa2", SIM_SEC_WPA2_PSK);
	bssid = sim_ap_bssid(p.ap);
	pfd.fd = sim_sta_port_fd(p.ctx, p.sta);
	ck_assert_int_ge(pfd.fd, 0);
	/* The RSN IE is accepted (status 0); the port stays closed because
	 * the 4-way handshake is the host's job, not sim's. */
	pair_connect(&p, SIM_SEC_WPA2_PSK);
	/* ... and the AP's message 1/4 reaches the owner socket. */
	deadline = sim_clock_now_ns() + (uint64_t)live_ms(5000) * SIM_NSEC_PER_MSEC;
	while (!ff.n && sim_clock_now_ns() < deadline) {
		if (poll(&pfd, 1, 100) == 1)
			ck_assert_ok(sim_sta_port_dispatch(p.ctx, p.sta,
							   on_port_frame, &ff));
	}
	ck_assert_int_ge(ff.n, 1);
	ck_assert_uint_eq(ff.type, 3); /* EAPOL-Key */
	ck_assert_mem_eq(ff.f.src, bssid, SIM_ETH_ALEN);
	printf("wpa2: EAPOL-Key (%zu bytes) from the AP on the owner "
	       "socket\n", ff.f.len);
	ck_assert_int_eq(live_sta_authorized(p.ifindex, bssid), 0);
	ck_assert_ok(sim_sta_set_authorized(p.ctx, p.sta, bssid, true));
	ck_assert_int_eq(live_sta_authorized(p.ifindex, bssid), 1);
	ck_assert_ok(sim_sta_set_authorized(p.ctx, p.sta, bssid, false));
	ck_assert_int_eq(live_sta_authorized(p.ifindex, bssid), 0);
	/* Only the current AP has a port to open. */
	{
		const uint8_t other[SIM_ETH_ALEN] = { 2, 0, 0, 0x7f, 0x7f, 0 };

		ck_assert_errno(sim_sta_set_authorized(p.ctx, p.sta, other,
						       true), ENOTCONN);
	}
	printf("wpa2: CONNECT status 0 with RSN IE; AUTHORIZED 0 -> 1 -> 0\n");
	pair_down(&p);
}
END_TEST

START_TEST(open_connect_is_authorized)
{
	struct pair p;

	pair_up(&p, "open", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	ck_assert_int_eq(live_sta_authorized(p.ifindex, sim_ap_bssid(p.ap)), 1);
	pair_down(&p);
}
END_TEST

START_TEST(local_disconnect)
{
	struct pair p;
	struct live_ev ev;

	pair_up(&p, "disconnect", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	live_mark(p.l);
	ck_assert_ok(sim_sta_disconnect(p.ctx, p.sta, 3));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert(!ev.by_ap);
	ck_assert_uint_eq(ev.reason, 3);
	assert_intent(&p, p.ifindex, SIM_CAUSE_LOCAL_REQUEST);
	/* Not connected any more: refused, and no intent lingers. */
	ck_assert_errno(sim_sta_disconnect(p.ctx, p.sta, 3), ENOTCONN);
	{
		enum sim_disc_cause c;

		ck_assert(!sim_intent_take(sim_ctx_intents(p.ctx), p.ifindex,
					   INTENT_AGE_NS, &c));
	}
	pair_down(&p);
}
END_TEST

START_TEST(iface_down_up)
{
	struct pair p;
	struct live_ev ev;

	pair_up(&p, "updown", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	ck_assert_int_eq(live_iface_up(p.ifindex), 1);
	live_mark(p.l);
	ck_assert_ok(sim_sta_set_up(p.ctx, p.sta, false));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert(!ev.by_ap);
	ck_assert_int_eq(live_iface_up(p.ifindex), 0);
	assert_intent(&p, p.ifindex, SIM_CAUSE_IFACE_DOWN);
	ck_assert_ok(sim_sta_set_up(p.ctx, p.sta, true));
	ck_assert_int_eq(live_iface_up(p.ifindex), 1);
	/* Down while idle: no association ends, so no intent is noted. */
	{
		enum sim_disc_cause c;

		ck_assert_ok(sim_sta_set_up(p.ctx, p.sta, false));
		ck_assert(!sim_intent_take(sim_ctx_intents(p.ctx), p.ifindex,
					   INTENT_AGE_NS, &c));
		ck_assert_ok(sim_sta_set_up(p.ctx, p.sta, true));
	}
	/* And it can associate again. */
	pair_connect(&p, SIM_SEC_OPEN);
	pair_down(&p);
}
END_TEST

START_TEST(rfkill_block_unblock)
{
	const struct timespec step = { 0, 20 * 1000 * 1000 };
	struct pair p;
	struct live_ev ev;
	const char *phy;
	int up = 1;

	pair_up(&p, "rfkill", SIM_SEC_OPEN);
	phy = sim_radio_info(p.sta)->wiphy_name;
	pair_connect(&p, SIM_SEC_OPEN);
	ck_assert_int_eq(live_rfkill_soft(phy), 0);
	live_mark(p.l);
	ck_assert_ok(sim_sta_rfkill(p.ctx, p.sta, true));
	ck_assert_int_eq(live_rfkill_soft(phy), 1);
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	/* cfg80211 closes the interfaces from a work item: allow it 2 s. */
	for (int i = 0; i < (int)(live_ms(2000) / 20) &&
			(up = live_iface_up(p.ifindex)) == 1; i++)
		nanosleep(&step, NULL);
	ck_assert_int_eq(up, 0);
	assert_intent(&p, p.ifindex, SIM_CAUSE_RADIO_OFF);
	/* While blocked the interface cannot come up. */
	ck_assert_int_lt(sim_sta_set_up(p.ctx, p.sta, true), 0);
	ck_assert_ok(sim_sta_rfkill(p.ctx, p.sta, false));
	ck_assert_int_eq(live_rfkill_soft(phy), 0);
	ck_assert_ok(sim_sta_set_up(p.ctx, p.sta, true));
	ck_assert_int_eq(live_iface_up(p.ifindex), 1);
	pair_connect(&p, SIM_SEC_OPEN);
	pair_down(&p);
}
END_TEST

START_TEST(del_iface)
{
	struct pair p;
	struct live_ev ev;
	uint32_t old;

	pair_up(&p, "deliface", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	old = p.ifindex;
	live_mark(p.l);
	ck_assert_ok(sim_sta_del_iface(p.ctx, p.sta));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DEL_INTERFACE, 3000, &ev));
	ck_assert_uint_eq(sim_radio_info(p.sta)->ifindex, 0);
	ck_assert_int_eq(live_iface_up(old), -ENODEV);
	assert_intent(&p, old, SIM_CAUSE_IFACE_REMOVED);
	/* Nothing left to act on: a precise refusal, not a crash. */
	ck_assert_errno(sim_sta_del_iface(p.ctx, p.sta), ENODEV);
	ck_assert_errno(sim_sta_disconnect(p.ctx, p.sta, 3), ENODEV);
	pair_down(&p);
}
END_TEST

START_TEST(radio_del)
{
	struct pair p;
	struct live_ev ev;
	char name[32];

	pair_up(&p, "radiodel", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	snprintf(name, sizeof(name), "%s", sim_radio_info(p.sta)->wiphy_name);
	ck_assert_int_eq(live_wiphy_visible(name), 1);
	live_mark(p.l);
	ck_assert_ok(sim_radio_del(p.sta));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert_int_eq(live_wiphy_visible(name), 0);
	assert_intent(&p, p.ifindex, SIM_CAUSE_RADIO_REMOVED);
	pair_down(&p);
}
END_TEST

START_TEST(ap_disable_enable_stop)
{
	struct pair p;
	struct live_ev ev;
	uint64_t t0;
	double dt;
	pid_t pid;

	pair_up(&p, "aplife", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	live_mark(p.l);
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_ap_disable(p.ap));
	printf("aplife: DISABLE answered in %.3f s\n", secs_since(t0));
	/* A disabled hostapd deauthenticates its stations. */
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 5000, &ev));
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_ap_enable(p.ap));
	dt = secs_since(t0);
	printf("aplife: ENABLE -> AP-ENABLED in %.3f s\n", dt);
	ck_assert(dt * 1000 < live_ms(5000));
	pair_connect(&p, SIM_SEC_OPEN);
	pid = sim_ap_pid(p.ap);
	ck_assert_int_gt(pid, 0);
	live_mark(p.l);
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_ap_stop(p.ap));
	dt = secs_since(t0);
	printf("aplife: stop (SIGTERM, reaped) in %.3f s\n", dt);
	ck_assert(dt * 1000 < live_ms(3500));
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	/* hostapd's SIGTERM path deauthenticates (reason 3, by the AP). */
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert(ev.by_ap);
	pair_down(&p);
}
END_TEST

START_TEST(ap_vanish_is_link_loss)
{
	struct pair p;
	struct live_ev ev;
	uint64_t t0;
	pid_t pid;

	pair_up(&p, "vanish", SIM_SEC_OPEN);
	pair_connect(&p, SIM_SEC_OPEN);
	pid = sim_ap_pid(p.ap);
	live_mark(p.l);
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_ap_vanish(p.ap));
	printf("vanish: SIGKILL + reap in %.3f s\n", secs_since(t0));
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DISCONNECT, 5000, &ev));
	ck_assert(!ev.by_ap);
	ck_assert_uint_eq(ev.reason, 4); /* inactivity: beacon loss */
	pair_down(&p);
}
END_TEST

START_TEST(two_aps_and_roam)
{
	struct sim_ap_config cfg2 = {
		.ssid = SSID, .freq_mhz = 2437, .security = SIM_SEC_OPEN,
	};
	struct sim_radio *radio2;
	struct sim_ap *ap2;
	struct sim_bss *bss;
	struct pair p;
	struct live_ev ev;
	const uint8_t *b1, *b2;
	size_t n;
	int r;

	pair_up(&p, "roam", SIM_SEC_OPEN);
	ck_assert_ok(sim_radio_new(p.ctx, "ap2", &radio2));
	ck_assert_ok(sim_ap_start(p.ctx, radio2, &cfg2, &ap2));
	b1 = sim_ap_bssid(p.ap);
	b2 = sim_ap_bssid(ap2);
	ck_assert(memcmp(b1, b2, SIM_ETH_ALEN) != 0);
	ck_assert_int_ne(sim_ap_pid(p.ap), sim_ap_pid(ap2));
	ck_assert_ok(sim_sta_scan(p.ctx, p.sta, 2437, SSID, &bss, &n));
	ck_assert_uint_ge(n, 1);
	r = 0;
	for (size_t i = 0; i < n; i++)
		r |= !memcmp(bss[i].bssid, b2, SIM_ETH_ALEN) &&
		     bss[i].freq_mhz == 2437;
	ck_assert_msg(r, "second AP not found on 2437 MHz");
	sim_bss_free(bss, n);

	pair_connect(&p, SIM_SEC_OPEN);
	{
		struct sim_connect_params cp = {
			.ssid = SSID, .bssid = b2, .freq_mhz = 2437,
		};

		live_mark(p.l);
		ck_assert_ok(sim_sta_roam(p.ctx, p.sta, &cp));
	}
	/* mac80211 reassociates (CONNECT with PREV_BSSID accepted): it
	 * deauthenticates from the old AP itself (own frame, reason 1) and
	 * sends NO DISCONNECT for the old association; then CONNECT. */
	ck_assert_ok(live_wait(p.l, NL80211_CMD_DEAUTHENTICATE, 5000, &ev));
	ck_assert_ok(live_wait(p.l, NL80211_CMD_CONNECT, 5000, &ev));
	ck_assert_uint_eq(ev.status, 0);
	ck_assert_mem_eq(ev.mac, b2, SIM_ETH_ALEN);
	assert_intent(&p, p.ifindex, SIM_CAUSE_ROAM);
	/* Roaming to where we are is refused before anything is sent. */
	{
		struct sim_connect_params same = {
			.ssid = SSID, .bssid = b2, .freq_mhz = 2437,
		};

		ck_assert_errno(sim_sta_roam(p.ctx, p.sta, &same), EALREADY);
	}
	pair_down(&p);
}
END_TEST

/* Bad input: precise refusals, nothing left behind. */
START_TEST(bad_input_leaves_nothing)
{
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = FREQ, .security = SIM_SEC_WPA2_PSK,
		.passphrase = "short",
	};
	struct sim_radio *r1;
	struct sim_ctx *ctx;
	struct sim_ap *ap;
	struct dirent *de;
	DIR *d;

	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_errno(sim_radio_new(ctx, "bad name", &r1), EINVAL);
	ck_assert_errno(sim_radio_new(ctx, "", &r1), EINVAL);
	ck_assert_ok(sim_radio_new(ctx, "ap", &r1));
	{
		struct sim_radio *dup;

		/* The name is the caller's: the wiphy gets its own, unique
		 * one (the kernel would rename a duplicate "phyN" silently). */
		ck_assert_ok(sim_radio_new(ctx, "ap", &dup));
		ck_assert_str_ne(sim_radio_info(dup)->wiphy_name,
				 sim_radio_info(r1)->wiphy_name);
		ck_assert_uint_ne(sim_radio_info(dup)->wiphy, sim_radio_info(r1)->wiphy);
		ck_assert_ok(sim_radio_del(dup));
	}
	ck_assert_errno(sim_ap_start(ctx, r1, &cfg, &ap), EINVAL);
	cfg.security = SIM_SEC_OPEN;
	cfg.freq_mhz = 2413;
	ck_assert_errno(sim_ap_start(ctx, r1, &cfg, &ap), EINVAL);
	cfg.freq_mhz = FREQ;
	/* A hostapd that cannot be executed: reported with its log. (The
	 * context took IHV_HOSTAPD when it was made: set its copy.) */
	{
		char *saved = ctx->hostapd;

		ctx->hostapd = (char *)"/nonexistent/hostapd";
		ck_assert_int_lt(sim_ap_start(ctx, r1, &cfg, &ap), 0);
		ctx->hostapd = saved;
	}
	ck_assert_ptr_null(ctx->aps);
	d = opendir(ctx->rundir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		ck_assert_msg(de->d_name[0] == '.', "left behind: %s/%s",
			      ctx->rundir, de->d_name);
	closedir(d);
	/* The same radio still takes a real AP afterwards. */
	ck_assert_ok(sim_ap_start(ctx, r1, &cfg, &ap));
	{
		char dir[PATH_MAX];

		snprintf(dir, sizeof(dir), "%s", ctx->rundir);
		sim_ctx_free(ctx);
		ck_assert_int_eq(access(dir, F_OK), -1);
	}
}
END_TEST

/* Inside a private netns: an AP and a station there still associate
 * (hwsim lets radios of one namespace hear each other). No Check asserts:
 * this runs in a forked child; the exit code tells the test. */
static int netns_associate(struct sim_ctx *ctx, struct sim_radio *sta)
{
	struct sim_ap_config cfg = {
		.ssid = "ihv-netns", .freq_mhz = FREQ, .security = SIM_SEC_OPEN,
	};
	struct sim_connect_params cp = {
		.ssid = "ihv-netns", .freq_mhz = FREQ,
	};
	struct sim_radio *ap_radio;
	struct live_listener *l;
	struct sim_ap *ap;
	struct live_ev ev;
	int rc = 6;

	if (sim_radio_new(ctx, "nsap", &ap_radio) < 0 ||
	    sim_ap_start(ctx, ap_radio, &cfg, &ap) < 0)
		return 6;
	if (live_listen("netns", sim_radio_info(sta)->ifindex, &l) < 0)
		return 7;
	cp.bssid = sim_ap_bssid(ap);
	if (live_connect(l, ctx, sta, &cp, 3, &ev) == 0 &&
	    !memcmp(ev.mac, cp.bssid, SIM_ETH_ALEN))
		rc = 0;
	live_listener_free(l);
	return rc;
}

/*
 * design.md asks whether hwsim radios honour a private network namespace:
 * a radio created from inside one must be invisible from outside.
 */
START_TEST(radio_in_private_netns)
{
	struct sim_radio *mine, *theirs;
	struct sim_ctx *ctx;
	int to_child[2], to_parent[2], status;
	char name[32] = "", go = 'x';
	pid_t pid;

	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_ok(sim_radio_new(ctx, "host", &mine));
	/* The probe sees radios of its own namespace (not vacuous). */
	ck_assert_int_eq(live_wiphy_visible(sim_radio_info(mine)->wiphy_name), 1);
	ck_assert_int_eq(pipe(to_child), 0);
	ck_assert_int_eq(pipe(to_parent), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct sim_ctx *nctx;
		int rc = 1;

		if (unshare(CLONE_NEWNET) < 0 || sim_ctx_new(&nctx) < 0)
			_exit(2);
		if (sim_radio_new(nctx, "ns", &theirs) < 0)
			_exit(3);
		/* Inside: visible; the host's radio: not. */
		if (live_wiphy_visible(sim_radio_info(theirs)->wiphy_name) == 1 &&
		    live_wiphy_visible(sim_radio_info(mine)->wiphy_name) == 0)
			rc = netns_associate(nctx, theirs);
		snprintf(name, sizeof(name), "%s", sim_radio_info(theirs)->wiphy_name);
		if (write(to_parent[1], name, sizeof(name)) != (ssize_t)sizeof(name))
			rc = 4;
		if (read(to_child[0], &go, 1) != 1)
			rc = 5;
		sim_ctx_free(nctx);
		_exit(rc);
	}
	ck_assert_int_eq(read(to_parent[0], name, sizeof(name)),
			 (ssize_t)sizeof(name));
	name[sizeof(name) - 1] = '\0';
	ck_assert_int_eq(live_wiphy_visible(name), 0);
	ck_assert_int_eq(write(to_child[1], &go, 1), 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "netns child failed with status 0x%x", status);
	printf("netns: radio %s created in a private netns is invisible to "
	       "the init netns and vice versa; an AP and a station inside it "
	       "associate\n", name);
	sim_ctx_free(ctx);
}
END_TEST

CK_SUITE(sim_control_suite)
static Suite *sim_control_suite(void)
{
	Suite *s = suite_create("sim-control");
	TCase *tc = tcase_create("nl80211-hostapd");

	tcase_set_timeout(tc, live_ms(60000) / 1000.0);
	tcase_add_test(tc, scan_finds_ap_with_ies);
	tcase_add_test(tc, open_connect_is_authorized);
	tcase_add_test(tc, wpa2_connect_then_authorize);
	tcase_add_test(tc, local_disconnect);
	tcase_add_test(tc, iface_down_up);
	tcase_add_test(tc, rfkill_block_unblock);
	tcase_add_test(tc, del_iface);
	tcase_add_test(tc, radio_del);
	tcase_add_test(tc, ap_disable_enable_stop);
	tcase_add_test(tc, ap_vanish_is_link_loss);
	tcase_add_test(tc, two_aps_and_roam);
	tcase_add_test(tc, bad_input_leaves_nothing);
	tcase_add_test(tc, radio_in_private_netns);
	suite_add_tcase(s, tc);
	return s;
}
