/* SPDX-License-Identifier: MIT */
/*
 * sim's security half against the real kernel and a real hostapd: the
 * station's owner socket and control port, its keys, what hostapd says
 * about the station, the AP's test hooks and data over the link.
 *
 * Ground truth comes from outside the function under test: hostapd's own
 * STA view, live-util's nl80211 listener and GET_STATION, and frames
 * counted on the far end. sim runs no handshake, so a WPA2 association
 * here stays at message 1/4: the port must stay closed (no data either
 * way) and what the AP sends must reach the owner socket.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/nl80211.h>

#include "ck.h"
#include "live-util.h"
#include "sim-internal.h"
#include "sim.h"

#define SSID "ihv-sec"
#define FREQ 2412
#define PSK "correct horse battery"
#define TRAFFIC_N 20
#define MAX_FRAMES 32
#define FRAME_MAX 512

struct world {
	struct sim_ctx *ctx;
	struct sim_radio *ap_radio, *sta;
	struct sim_ap *ap;
	struct live_listener *l;
	uint32_t ifindex;
	const uint8_t *bssid;
	const uint8_t *sta_addr;
	const char *tag;
};

static void world_up(struct world *w, const char *tag, enum sim_security sec,
		     uint32_t ap_pairwise)
{
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = FREQ, .security = sec,
		.passphrase = sec == SIM_SEC_WPA2_PSK ? PSK : NULL,
		.pairwise_suite = ap_pairwise,
	};

	live_require_hwsim();
	memset(w, 0, sizeof(*w));
	w->tag = tag;
	ck_assert_ok(sim_ctx_new(&w->ctx));
	ck_assert_ok(sim_radio_new(w->ctx, "ap", &w->ap_radio));
	ck_assert_ok(sim_radio_new(w->ctx, "sta", &w->sta));
	ck_assert_ok(sim_ap_start(w->ctx, w->ap_radio, &cfg, &w->ap));
	w->ifindex = sim_radio_info(w->sta)->ifindex;
	w->bssid = sim_ap_bssid(w->ap);
	w->sta_addr = sim_radio_info(w->sta)->addr;
	ck_assert_ok(live_listen(tag, w->ifindex, &w->l));
}

static struct sim_connect_params wpa2_params(const struct world *w)
{
	struct sim_connect_params cp = {
		.ssid = SSID, .bssid = w->bssid, .freq_mhz = FREQ,
		.akm_suite = SIM_AKM_PSK, .pairwise_suite = SIM_SUITE_CCMP,
		.group_suite = SIM_SUITE_CCMP,
		.control_port_ethertype = SIM_ETH_P_PAE,
	};

	return cp;
}

static void world_connect(struct world *w, const struct sim_connect_params *cp)
{
	struct live_ev ev;

	ck_assert_ok(live_connect(w->l, w->ctx, w->sta, cp, 3, &ev));
	ck_assert_mem_eq(ev.mac, w->bssid, SIM_ETH_ALEN);
}

static void world_down(struct world *w)
{
	live_listener_free(w->l);
	sim_ctx_free(w->ctx);
}

/* ---- frames from the control port, copied out of the callback ------- */

struct frame_copy {
	struct sim_port_frame f;    /* f.data points at buf */
	uint8_t buf[FRAME_MAX];
};

struct frames {
	unsigned int n;             /* received (may exceed MAX_FRAMES) */
	struct frame_copy c[MAX_FRAMES];
};

static void on_frame(const struct sim_port_frame *f, void *arg)
{
	struct frames *fs = arg;
	struct frame_copy *c;

	if (fs->n < MAX_FRAMES) {
		c = &fs->c[fs->n];
		c->f = *f;
		c->f.len = f->len < FRAME_MAX ? f->len : FRAME_MAX;
		memcpy(c->buf, f->data, c->f.len);
		c->f.data = c->buf;
	}
	fs->n++;
}

/* Polls the port fd and dispatches until @fs holds @want frames or
 * @timeout_ms (scaled) passed. */
static void port_collect(struct world *w, struct frames *fs, unsigned int want,
			 unsigned int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	uint64_t deadline = sim_clock_now_ns() +
			    (uint64_t)live_ms(timeout_ms) * SIM_NSEC_PER_MSEC;

	pfd.fd = sim_sta_port_fd(w->ctx, w->sta);
	ck_assert_int_ge(pfd.fd, 0);
	while (fs->n < want && sim_clock_now_ns() < deadline) {
		if (poll(&pfd, 1, 50) == 1)
			ck_assert_ok(sim_sta_port_dispatch(w->ctx, w->sta,
							   on_frame, fs));
	}
}

/* EAPOL (IEEE 802.1X-2010 11.3): version, type 3 = Key, body length; the
 * Key descriptor type 2 (RSN) follows. */
static bool is_rsn_eapol_key(const struct sim_port_frame *f)
{
	return f->len >= 5 && f->data[1] == 3 &&
	       (size_t)(f->data[2] << 8 | f->data[3]) + 4 == f->len &&
	       f->data[4] == 2;
}

/* hostapd marks a station [ASSOC] when its association response was
 * acknowledged, which can come after the station's CONNECT event: poll
 * its view (bounded) until it has the station as associated. */
static void wait_ap_assoc(struct world *w, struct sim_ap_sta *st)
{
	const struct timespec step = { 0, 20 * 1000 * 1000 };
	uint64_t t0 = sim_clock_now_ns();
	uint64_t deadline = t0 + (uint64_t)live_ms(2000) * SIM_NSEC_PER_MSEC;
	int r;

	for (;;) {
		r = sim_ap_sta_status(w->ap, w->sta_addr, st);
		if (r == 0 && st->associated)
			break;
		ck_assert_msg(r == 0 || r == -ENOENT, "STA: %s", strerror(-r));
		ck_assert_msg(sim_clock_now_ns() < deadline, "hostapd never "
			      "had the station as associated (flags %s)",
			      r == 0 ? st->flags : "none");
		nanosleep(&step, NULL);
	}
	printf("%s: hostapd has the station associated after %.3f s: "
	       "flags=%s\n", w->tag, (double)(sim_clock_now_ns() - t0) /
	       SIM_NSEC_PER_SEC, st->flags);
}

/* ---- tests ------------------------------------------------------------ */

START_TEST(open_authorized_and_traffic)
{
	const uint8_t nobody[SIM_ETH_ALEN] = { 2, 0, 0, 0x7e, 0x7e, 0x7e };
	struct sim_traffic_result tr;
	struct sim_connect_params cp;
	struct sim_ap_sta st;
	struct world w;
	uint64_t t0;

	world_up(&w, "sec-open", SIM_SEC_OPEN, 0);
	cp = (struct sim_connect_params){
		.ssid = SSID, .bssid = w.bssid, .freq_mhz = FREQ,
	};
	ck_assert_errno(sim_ap_sta_status(w.ap, w.sta_addr, &st), ENOENT);
	world_connect(&w, &cp);
	wait_ap_assoc(&w, &st);
	ck_assert(st.authorized);
	ck_assert_errno(sim_ap_sta_status(w.ap, nobody, &st), ENOENT);
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_traffic(w.ctx, w.sta, w.ap, TRAFFIC_N, live_ms(3000), &tr));
	printf("sec-open: traffic up %u/%u, down %u/%u in %.3f s\n",
	       tr.recv_up, tr.sent_up, tr.recv_down, tr.sent_down,
	       (double)(sim_clock_now_ns() - t0) / SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tr.sent_up, TRAFFIC_N);
	ck_assert_uint_eq(tr.sent_down, TRAFFIC_N);
	ck_assert_uint_eq(tr.recv_up, TRAFFIC_N);
	ck_assert_uint_eq(tr.recv_down, TRAFFIC_N);
	/* After a local disconnect nothing gets through any more. */
	ck_assert_ok(sim_sta_disconnect(w.ctx, w.sta, 3));
	{
		struct live_ev ev;

		ck_assert_ok(live_wait(w.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	}
	ck_assert_ok(sim_traffic(w.ctx, w.sta, w.ap, 5, live_ms(500), &tr));
	ck_assert_uint_eq(tr.recv_up + tr.recv_down, 0);
	world_down(&w);
}
END_TEST

START_TEST(wpa2_port_closed_m1_on_owner_socket)
{
	struct sim_traffic_result tr;
	struct sim_connect_params cp;
	struct frames fs = { .n = 0 };
	struct sim_ap_sta st;
	struct world w;
	uint64_t t0;

	world_up(&w, "sec-wpa2", SIM_SEC_WPA2_PSK, 0);
	cp = wpa2_params(&w);
	t0 = sim_clock_now_ns();
	world_connect(&w, &cp);
	port_collect(&w, &fs, 1, 5000);
	ck_assert_uint_ge(fs.n, 1);
	printf("sec-wpa2: first control-port frame %.3f s after CONNECT was "
	       "sent: %zu bytes from " SIM_MAC_FMT " type 0x%04x%s\n",
	       (double)(fs.c[0].f.t_ns - t0) / SIM_NSEC_PER_SEC, fs.c[0].f.len,
	       SIM_MAC_ARG(fs.c[0].f.src), fs.c[0].f.ethertype,
	       fs.c[0].f.unencrypted ? " unencrypted" : "");
	ck_assert_mem_eq(fs.c[0].f.src, w.bssid, SIM_ETH_ALEN);
	ck_assert_uint_eq(fs.c[0].f.ethertype, SIM_ETH_P_PAE);
	ck_assert(fs.c[0].f.unencrypted);
	ck_assert_uint_eq(fs.c[0].f.ifindex, w.ifindex);
	ck_assert_uint_eq(fs.c[0].f.wiphy, sim_radio_info(w.sta)->wiphy);
	/* Message 1/4: 4 + 95 bytes (no key data), RSN descriptor, Key ACK
	 * set (key information bit 7) and MIC clear (bit 8). */
	ck_assert_uint_ge(fs.c[0].f.len, 99);
	ck_assert(is_rsn_eapol_key(&fs.c[0].f));
	ck_assert(fs.c[0].buf[6] & 0x80);
	ck_assert(!(fs.c[0].buf[5] & 0x01));
	/* The port is closed: hostapd has not authorized the station, the
	 * kernel has not either, and no data frame passes either way. */
	wait_ap_assoc(&w, &st);
	ck_assert(!st.authorized);
	ck_assert_int_eq(live_sta_authorized(w.ifindex, w.bssid), 0);
	ck_assert_ok(sim_traffic(w.ctx, w.sta, w.ap, 10, live_ms(1000), &tr));
	printf("sec-wpa2: traffic with the port closed: up %u/%u, down %u/%u\n",
	       tr.recv_up, tr.sent_up, tr.recv_down, tr.sent_down);
	ck_assert_uint_gt(tr.sent_up + tr.sent_down, 0);
	ck_assert_uint_eq(tr.recv_up, 0);
	ck_assert_uint_eq(tr.recv_down, 0);
	world_down(&w);
}
END_TEST

START_TEST(wpa2_port_send_and_forged_eapol)
{
	/* An EAPOL-Key frame shaped like message 2/4 with a nonce and MIC of
	 * a pattern: the AP must take it (and reject its MIC). */
	uint8_t m2[4 + 95 + 22];
	/* What the "AP" forges: an EAPOL-Start, and a Key frame the station
	 * cannot confuse with hostapd's own (its nonce is a pattern). */
	uint8_t forged[4 + 95];
	struct sim_connect_params cp;
	struct frames fs = { .n = 0 };
	struct world w;
	bool found = false;
	uint64_t t0;

	world_up(&w, "sec-send", SIM_SEC_WPA2_PSK, 0);
	cp = wpa2_params(&w);
	world_connect(&w, &cp);
	port_collect(&w, &fs, 1, 5000);
	ck_assert_uint_ge(fs.n, 1);

	memset(m2, 0, sizeof(m2));
	m2[0] = 2;                               /* 802.1X-2004 */
	m2[1] = 3;                               /* EAPOL-Key */
	m2[2] = (sizeof(m2) - 4) >> 8;
	m2[3] = (sizeof(m2) - 4) & 0xff;
	m2[4] = 2;                               /* RSN descriptor */
	m2[5] = 0x01;                            /* MIC */
	m2[6] = 0x0a;                            /* pairwise, HMAC-SHA1-AES */
	memcpy(m2 + 9, fs.c[0].buf + 9, 8);      /* M1's replay counter */
	memset(m2 + 17, 0x5a, 32);               /* SNonce */
	memset(m2 + 81, 0xa5, 16);               /* MIC */
	m2[97] = 0;
	m2[98] = 22;                             /* key data: an RSN IE */
	m2[99] = 48;
	m2[100] = 20;
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_sta_port_send(w.ctx, w.sta, w.bssid, SIM_ETH_P_PAE,
				       m2, sizeof(m2), true));
	printf("sec-send: CONTROL_PORT_FRAME accepted in %.3f s\n",
	       (double)(sim_clock_now_ns() - t0) / SIM_NSEC_PER_SEC);
	/* Bad arguments are refused before the kernel sees them. */
	ck_assert_errno(sim_sta_port_send(w.ctx, w.sta, w.bssid, SIM_ETH_P_PAE,
					  m2, 0, true), EINVAL);
	ck_assert_errno(sim_sta_port_send(w.ctx, w.sta, w.bssid, 0, m2,
					  sizeof(m2), true), EINVAL);

	memset(forged, 0, sizeof(forged));
	forged[0] = 2;
	forged[1] = 3;
	forged[2] = (sizeof(forged) - 4) >> 8;
	forged[3] = (sizeof(forged) - 4) & 0xff;
	forged[4] = 2;
	forged[5] = 0x00;
	forged[6] = 0x8a;                        /* ACK, pairwise */
	memset(forged + 17, 0xc3, 32);           /* a nonce hostapd never sends */
	fs.n = 0;
	t0 = sim_clock_now_ns();
	ck_assert_ok(sim_ap_send_eapol(w.ap, w.sta_addr, forged, sizeof(forged)));
	/* hostapd resends M1 about once a second: look for ours among them. */
	for (int round = 0; round < 8 && !found; round++) {
		unsigned int from = fs.n;

		port_collect(&w, &fs, fs.n + 1, 1000);
		for (unsigned int i = from; i < fs.n && i < MAX_FRAMES; i++) {
			if (fs.c[i].f.len == sizeof(forged) &&
			    !memcmp(fs.c[i].buf, forged, sizeof(forged))) {
				found = true;
				ck_assert_mem_eq(fs.c[i].f.src, w.bssid, SIM_ETH_ALEN);
				ck_assert_uint_eq(fs.c[i].f.ethertype, SIM_ETH_P_PAE);
				ck_assert(fs.c[i].f.unencrypted);
				printf("sec-send: forged EAPOL from the AP's "
				       "interface reached the owner socket in "
				       "%.3f s\n", (double)(fs.c[i].f.t_ns - t0) /
				       SIM_NSEC_PER_SEC);
			}
		}
	}
	ck_assert_msg(found, "the AP's forged EAPOL frame never reached the "
		      "station's control port (%u other frames)", fs.n);
	world_down(&w);
}
END_TEST

START_TEST(wpa2_keys)
{
	static const uint8_t tk[16] = {
		0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
		0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	};
	static const uint8_t rsc[6] = { 1, 0, 0, 0, 0, 0 };
	const uint8_t other[SIM_ETH_ALEN] = { 2, 0, 0, 0x7d, 0x7d, 0x7d };
	struct sim_connect_params cp;
	struct sim_key k;
	struct world w;

	world_up(&w, "sec-keys", SIM_SEC_WPA2_PSK, 0);
	cp = wpa2_params(&w);
	k = (struct sim_key){
		.pairwise = true, .peer = w.bssid, .idx = 0,
		.cipher_suite = SIM_SUITE_CCMP, .data = tk, .len = sizeof(tk),
	};
	/* Not associated yet: no key to anyone. */
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), ENOTCONN);
	world_connect(&w, &cp);
	/* Wrong lengths and shapes: -EINVAL before the kernel. */
	k.len = 15;
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), EINVAL);
	k.len = sizeof(tk);
	k.cipher_suite = SIM_SUITE_TKIP;
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), EINVAL);
	k.cipher_suite = 0x000fac06; /* BIP: not sim's */
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), EINVAL);
	k.cipher_suite = SIM_SUITE_CCMP;
	k.idx = 1;
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), EINVAL);
	k.idx = 0;
	/* A peer that is not the AP. */
	k.peer = other;
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), ENOTCONN);
	k.peer = w.bssid;
	/* The real thing. */
	ck_assert_errno(sim_sta_key_del(w.ctx, w.sta, true, w.bssid, 0), ENOENT);
	ck_assert_ok(sim_sta_key_set(w.ctx, w.sta, &k));
	ck_assert_ok(sim_sta_key_set(w.ctx, w.sta, &k)); /* replaces it */
	{
		struct sim_key g = {
			.pairwise = false, .idx = 1, .cipher_suite = SIM_SUITE_CCMP,
			.data = tk, .len = sizeof(tk), .seq = rsc,
			.seq_len = sizeof(rsc),
		};

		ck_assert_ok(sim_sta_key_set(w.ctx, w.sta, &g));
		g.idx = 0;
		ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &g), EINVAL);
		g.idx = 4;
		ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &g), EINVAL);
		ck_assert_ok(sim_sta_key_del(w.ctx, w.sta, false, NULL, 1));
		ck_assert_errno(sim_sta_key_del(w.ctx, w.sta, false, NULL, 1),
				ENOENT);
	}
	ck_assert_ok(sim_sta_key_del(w.ctx, w.sta, true, w.bssid, 0));
	ck_assert_errno(sim_sta_key_del(w.ctx, w.sta, true, w.bssid, 0), ENOENT);
	/* A key dies with its association: install, disconnect, reconnect,
	 * and there is no key to delete. */
	ck_assert_ok(sim_sta_key_set(w.ctx, w.sta, &k));
	ck_assert_ok(sim_sta_disconnect(w.ctx, w.sta, 3));
	{
		struct live_ev ev;

		ck_assert_ok(live_wait(w.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	}
	ck_assert_errno(sim_sta_key_set(w.ctx, w.sta, &k), ENOTCONN);
	world_connect(&w, &cp);
	ck_assert_errno(sim_sta_key_del(w.ctx, w.sta, true, w.bssid, 0), ENOENT);
	world_down(&w);
}
END_TEST

START_TEST(rsn_params_validated)
{
	struct sim_connect_params cp;
	struct world w;
	struct live_ev ev;

	world_up(&w, "sec-rsn", SIM_SEC_WPA2_PSK, SIM_SUITE_TKIP);
	cp = wpa2_params(&w);
	cp.akm_suite = 0;
	ck_assert_errno(sim_sta_connect(w.ctx, w.sta, &cp), EINVAL);
	cp.akm_suite = 0x000fac08; /* SAE: not sim's */
	ck_assert_errno(sim_sta_connect(w.ctx, w.sta, &cp), EINVAL);
	cp.akm_suite = SIM_AKM_PSK;
	cp.pairwise_suite = SIM_SUITE_WEP104;
	ck_assert_errno(sim_sta_connect(w.ctx, w.sta, &cp), EINVAL);
	cp.pairwise_suite = SIM_SUITE_CCMP;
	cp.group_suite = 0;
	ck_assert_errno(sim_sta_connect(w.ctx, w.sta, &cp), EINVAL);
	/* The AP offers TKIP only: asking for CCMP is refused by the AP
	 * (an association status, not a local error). */
	cp = wpa2_params(&w);
	live_mark(w.l);
	ck_assert_ok(sim_sta_connect(w.ctx, w.sta, &cp));
	ck_assert_ok(live_wait(w.l, NL80211_CMD_CONNECT, 5000, &ev));
	printf("sec-rsn: CCMP against a TKIP-only AP: CONNECT status %d\n",
	       ev.has_status ? ev.status : -1);
	ck_assert(ev.has_status);
	ck_assert_uint_ne(ev.status, 0);
	/* ... and what it offers is accepted. */
	cp.pairwise_suite = cp.group_suite = SIM_SUITE_TKIP;
	world_connect(&w, &cp);
	{
		struct frames fs = { .n = 0 };

		port_collect(&w, &fs, 1, 5000);
		ck_assert_uint_ge(fs.n, 1);
		ck_assert(is_rsn_eapol_key(&fs.c[0].f));
	}
	/* An open AP has no pairwise cipher to choose. */
	{
		struct sim_ap_config bad = {
			.ssid = SSID, .freq_mhz = 2437, .security = SIM_SEC_OPEN,
			.pairwise_suite = SIM_SUITE_CCMP,
		};
		struct sim_radio *r2;
		struct sim_ap *ap2;

		ck_assert_ok(sim_radio_new(w.ctx, "ap2", &r2));
		ck_assert_errno(sim_ap_start(w.ctx, r2, &bad, &ap2), EINVAL);
		bad.security = SIM_SEC_WPA2_PSK;
		bad.passphrase = PSK;
		bad.pairwise_suite = SIM_SUITE_WEP40;
		ck_assert_errno(sim_ap_start(w.ctx, r2, &bad, &ap2), EINVAL);
	}
	world_down(&w);
}
END_TEST

START_TEST(ap_test_hooks)
{
	const uint8_t nobody[SIM_ETH_ALEN] = { 2, 0, 0, 0x7c, 0x7c, 0x7c };
	struct sim_connect_params cp;
	struct world w;

	world_up(&w, "sec-hooks", SIM_SEC_WPA2_PSK, 0);
	cp = wpa2_params(&w);
	world_connect(&w, &cp);
	/* hostapd knows the commands (Debian builds CONFIG_TESTING_OPTIONS)
	 * and refuses RESEND_M3 for a station it has no entry for. */
	ck_assert_ok(sim_ap_rekey_gtk(w.ap));
	ck_assert_errno(sim_ap_resend_m3(w.ap, nobody), EIO);
	/* Accepted for our station. hostapd sends no 3/4 before a PTK
	 * exists (this handshake stopped at 1/4): what a completed
	 * handshake gets is the reference extension's test to show. */
	ck_assert_ok(sim_ap_resend_m3(w.ap, w.sta_addr));
	printf("sec-hooks: REKEY_GTK OK; RESEND_M3 FAIL for an unknown "
	       "station, OK for ours\n");
	world_down(&w);
}
END_TEST

/* The owner socket is what keeps the association: closing it (as the
 * process dying would) deauthenticates, and sim_ctx_free leaves nothing. */
START_TEST(owner_socket_close_and_cleanup)
{
	struct sim_connect_params cp;
	struct world w;
	struct live_ev ev;
	char wiphy[20], rundir[PATH_MAX];
	pid_t pid;

	world_up(&w, "sec-owner", SIM_SEC_WPA2_PSK, 0);
	cp = wpa2_params(&w);
	world_connect(&w, &cp);
	live_mark(w.l);
	sim_port_free(w.sta);
	ck_assert_ok(live_wait(w.l, NL80211_CMD_DISCONNECT, 3000, &ev));
	printf("sec-owner: owner socket closed -> DISCONNECT reason %u "
	       "by_ap=%d (+%.3f s)\n", ev.reason, ev.by_ap,
	       live_since_mark(w.l, &ev));
	ck_assert(!ev.by_ap);
	ck_assert_uint_eq(ev.reason, 3);
	/* A new owner socket takes over: connect again. */
	world_connect(&w, &cp);
	snprintf(wiphy, sizeof(wiphy), "%s", sim_radio_info(w.sta)->wiphy_name);
	snprintf(rundir, sizeof(rundir), "%s", w.ctx->rundir);
	pid = sim_ap_pid(w.ap);
	world_down(&w);
	ck_assert_int_eq(live_wiphy_visible(wiphy), 0);
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_int_eq(access(rundir, F_OK), -1);
}
END_TEST

/* A roam is a CONNECT from the owner socket that repeats the crypto
 * attributes: the new AP's message 1/4 arrives on the same port. */
START_TEST(wpa2_roam_keeps_port)
{
	struct sim_ap_config cfg2 = {
		.ssid = SSID, .freq_mhz = 2437, .security = SIM_SEC_WPA2_PSK,
		.passphrase = PSK,
	};
	struct sim_connect_params cp;
	struct frames fs = { .n = 0 };
	struct sim_radio *r2;
	struct sim_ap *ap2;
	struct world w;
	struct live_ev ev;
	bool from_new = false;

	world_up(&w, "sec-roam", SIM_SEC_WPA2_PSK, 0);
	ck_assert_ok(sim_radio_new(w.ctx, "ap2", &r2));
	ck_assert_ok(sim_ap_start(w.ctx, r2, &cfg2, &ap2));
	cp = wpa2_params(&w);
	world_connect(&w, &cp);
	cp.bssid = sim_ap_bssid(ap2);
	cp.freq_mhz = 2437;
	live_mark(w.l);
	ck_assert_ok(sim_sta_roam(w.ctx, w.sta, &cp));
	ck_assert_ok(live_wait(w.l, NL80211_CMD_CONNECT, 5000, &ev));
	ck_assert_uint_eq(ev.status, 0);
	ck_assert_mem_eq(ev.mac, sim_ap_bssid(ap2), SIM_ETH_ALEN);
	for (int round = 0; round < 5 && !from_new; round++) {
		unsigned int from = fs.n;

		port_collect(&w, &fs, fs.n + 1, 1000);
		for (unsigned int i = from; i < fs.n && i < MAX_FRAMES; i++)
			from_new |= !memcmp(fs.c[i].f.src, sim_ap_bssid(ap2),
					    SIM_ETH_ALEN);
	}
	ck_assert_msg(from_new, "no EAPOL from the new AP after the roam");
	world_down(&w);
}
END_TEST

CK_SUITE(sim_security_suite)
static Suite *sim_security_suite(void)
{
	Suite *s = suite_create("sim-security");
	TCase *tc = tcase_create("port-keys-traffic");

	tcase_set_timeout(tc, live_ms(60000) / 1000.0);
	tcase_add_test(tc, open_authorized_and_traffic);
	tcase_add_test(tc, wpa2_port_closed_m1_on_owner_socket);
	tcase_add_test(tc, wpa2_port_send_and_forged_eapol);
	tcase_add_test(tc, wpa2_keys);
	tcase_add_test(tc, rsn_params_validated);
	tcase_add_test(tc, ap_test_hooks);
	tcase_add_test(tc, owner_socket_close_and_cleanup);
	tcase_add_test(tc, wpa2_roam_keeps_port);
	suite_add_tcase(s, tc);
	return s;
}
