/* SPDX-License-Identifier: MIT */
/*
 * What the scenario language accepts must work on the real kernel:
 *  - every channel its checker accepts (asked of the checker itself, so
 *    the sweep follows it): an AP starts there, a station finds it by
 *    scanning that channel and associates. In the world regulatory domain
 *    (no regulatory database, as in the VM) all but 1-11 are NO-IR:
 *    sim_ap_start has to make them usable (sim/regdom.c);
 *  - names of up to the documented 32 characters (a wiphy name holds 19).
 * Outcomes are observed with live-util's own nl80211 listener.
 */
#include <stdio.h>
#include <string.h>

#include <linux/nl80211.h>

#include "ck.h"
#include "live-util.h"
#include "scn.h"
#include "sim.h"

#define SSID "ihv-chan"
#define CHAN_MAX 200

struct chan {
	unsigned int ch;
	uint32_t freq;
};

/* The channels the scenario checker accepts, in order, with its own
 * frequency for each. */
static size_t accepted_channels(struct chan *out, size_t cap)
{
	size_t n = 0;

	for (unsigned int ch = 1; ch <= CHAN_MAX && n < cap; ch++) {
		struct scn_script *s = NULL;
		char text[96];
		FILE *err = fopen("/dev/null", "w");

		ck_assert_ptr_nonnull(err);
		snprintf(text, sizeof(text), "ap a ssid=x channel=%u\nadapter s\nconnect s a\n", ch);
		if (scn_parse_string("sweep.scn", text, &s, err) == 0) {
			ck_assert_uint_eq(s->n_aps, 1);
			out[n].ch = ch;
			out[n].freq = s->aps[0].freq_mhz;
			n++;
		}
		scn_script_free(s);
		fclose(err);
	}
	return n;
}

/* AP up on @c, the station scans that channel, finds it and associates,
 * then leaves; the AP stops. 0, or a short reason in @why. */
static int try_channel(struct sim_ctx *ctx, struct sim_radio *ap_radio,
		       struct sim_radio *sta, struct live_listener *l,
		       const struct chan *c, char *why, size_t len)
{
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = c->freq, .security = SIM_SEC_OPEN,
	};
	struct sim_connect_params cp = {
		.ssid = SSID, .freq_mhz = c->freq,
	};
	struct sim_bss *bss = NULL;
	struct sim_ap *ap;
	struct live_ev ev;
	size_t n = 0, found = 0;
	int r;

	r = sim_ap_start(ctx, ap_radio, &cfg, &ap);
	if (r < 0) {
		snprintf(why, len, "AP did not start: %s", strerror(-r));
		return r;
	}
	cp.bssid = sim_ap_bssid(ap);
	for (int tries = 0; tries < 3 && !found; tries++) {
		sim_bss_free(bss, n);
		bss = NULL;
		r = sim_sta_scan(ctx, sta, c->freq, SSID, &bss, &n);
		if (r < 0)
			break;
		for (size_t i = 0; i < n; i++)
			found += !memcmp(bss[i].bssid, cp.bssid, SIM_ETH_ALEN) &&
				 bss[i].freq_mhz == c->freq;
	}
	sim_bss_free(bss, n);
	if (!found) {
		snprintf(why, len, "scan on %u MHz did not find the AP%s%s", c->freq,
			 r < 0 ? ": " : "", r < 0 ? strerror(-r) : "");
		sim_ap_stop(ap);
		return r < 0 ? r : -ENOENT;
	}
	live_mark(l);
	r = live_connect(l, ctx, sta, &cp, 3, &ev);
	if (r < 0) {
		snprintf(why, len, "no association: %s", strerror(-r));
		sim_ap_stop(ap);
		return r;
	}
	r = sim_sta_disconnect(ctx, sta, 3);
	if (r == 0)
		r = live_wait(l, NL80211_CMD_DISCONNECT, 3000, &ev);
	if (r < 0)
		snprintf(why, len, "disconnect: %s", strerror(-r));
	sim_ap_stop(ap);
	return r;
}

START_TEST(every_accepted_channel_works)
{
	struct chan chans[CHAN_MAX];
	struct sim_radio *ap_radio, *sta;
	struct live_listener *l;
	struct sim_ctx *ctx;
	char bad[2048] = "", why[160];
	size_t n, failed = 0, off = 0;

	n = accepted_channels(chans, CHAN_MAX);
	/* Not vacuous: 1..14 at least, and 5 GHz. */
	ck_assert_uint_ge(n, 30);
	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_ok(sim_radio_new(ctx, "chan-ap", &ap_radio));
	ck_assert_ok(sim_radio_new(ctx, "chan-sta", &sta));
	ck_assert_ok(live_listen("chan", sim_radio_info(sta)->ifindex, &l));
	for (size_t i = 0; i < n; i++) {
		uint64_t t0 = sim_clock_now_ns();
		int r = try_channel(ctx, ap_radio, sta, l, &chans[i], why, sizeof(why));

		printf("channel %3u (%u MHz): %s (%.2f s)\n", chans[i].ch, chans[i].freq,
		       r == 0 ? "AP up, found, associated" : why,
		       (double)(sim_clock_now_ns() - t0) / SIM_NSEC_PER_SEC);
		if (r == 0)
			continue;
		failed++;
		if (off < sizeof(bad))
			off += (size_t)snprintf(bad + off, sizeof(bad) - off, " %u (%s);",
						chans[i].ch, why);
	}
	live_listener_free(l);
	sim_ctx_free(ctx);
	ck_assert_msg(failed == 0, "%zu of %zu accepted channels do not work:%s",
		      failed, n, bad);
}
END_TEST

/* The documented name length (32) works for radios, whose wiphy names
 * stay within nl80211's 19 characters and unique; 33 is refused. */
START_TEST(names_of_32_characters)
{
	static const char n32a[] = "a2345678901234567890123456789012";
	static const char n32b[] = "a2345678901234567890123456789013";
	static const char n33[] = "a23456789012345678901234567890123";
	struct sim_radio *ra, *rb, *rc;
	struct sim_ctx *ctx;

	ck_assert_uint_eq(strlen(n32a), 32);
	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_ok(sim_radio_new(ctx, n32a, &ra));
	ck_assert_ok(sim_radio_new(ctx, n32b, &rb));
	ck_assert_str_eq(sim_radio_info(ra)->name, n32a);
	ck_assert_str_eq(sim_radio_info(rb)->name, n32b);
	ck_assert_uint_le(strlen(sim_radio_info(ra)->wiphy_name), 19);
	ck_assert_str_ne(sim_radio_info(ra)->wiphy_name, sim_radio_info(rb)->wiphy_name);
	ck_assert_int_eq(live_wiphy_visible(sim_radio_info(ra)->wiphy_name), 1);
	ck_assert_int_eq(live_wiphy_visible(sim_radio_info(rb)->wiphy_name), 1);
	ck_assert_uint_ne(sim_radio_info(ra)->ifindex, 0);
	printf("names: %s -> wiphy %s, %s -> wiphy %s\n", n32a,
	       sim_radio_info(ra)->wiphy_name, n32b, sim_radio_info(rb)->wiphy_name);
	/* and it works as an AP (hostapd's files are named after the
	 * interface, not the radio) */
	{
		struct sim_ap_config cfg = {
			.ssid = SSID, .freq_mhz = 2412, .security = SIM_SEC_OPEN,
		};
		struct sim_ap *ap;

		ck_assert_ok(sim_ap_start(ctx, ra, &cfg, &ap));
		ck_assert_ok(sim_ap_stop(ap));
	}
	ck_assert_errno(sim_radio_new(ctx, n33, &rc), EINVAL);
	sim_ctx_free(ctx);
}
END_TEST

CK_SUITE(channels_suite)
static Suite *channels_suite(void)
{
	Suite *s = suite_create("channels");
	TCase *tc = tcase_create("regulatory-and-names");

	/* ~40 channels, an AP start and an association each, under TCG */
	tcase_set_timeout(tc, live_ms(300000) / 1000.0);
	tcase_add_test(tc, every_accepted_channel_works);
	tcase_add_test(tc, names_of_32_characters);
	suite_add_tcase(s, tc);
	return s;
}
