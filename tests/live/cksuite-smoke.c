/* SPDX-License-Identifier: MIT */
/*
 * The smoke test ("Run anywhere", item 4): two hwsim radios, hostapd on
 * one (open, 2412 MHz), the other connects through nl80211, then hostapd
 * deauthenticates it (reason 7) through its control interface. Every
 * station-side nl80211 event is printed with its time since the action,
 * and asserted on. Events are read by live-util's own nl80211 listener,
 * not by sim's monitor, so this test checks sim's control half alone.
 */
#include <stdio.h>
#include <string.h>

#include <linux/nl80211.h>

#include "ck.h"
#include "live-util.h"
#include "sim.h"

#define SMOKE_SSID "ihv-smoke"
#define SMOKE_FREQ 2412
#define SMOKE_REASON 7 /* class 3 frame received from nonassociated STA */

START_TEST(smoke_connect_deauth)
{
	struct sim_ctx *ctx = NULL;
	struct sim_radio *ap_radio, *sta;
	struct sim_ap *ap;
	struct live_listener *l;
	struct live_ev ev;
	const struct sim_radio_info *si;
	const uint8_t *bssid;
	struct sim_ap_config cfg = {
		.ssid = SMOKE_SSID,
		.freq_mhz = SMOKE_FREQ,
		.security = SIM_SEC_OPEN,
	};
	struct sim_connect_params cp = {
		.ssid = SMOKE_SSID,
		.freq_mhz = SMOKE_FREQ,
	};

	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_ok(sim_radio_new(ctx, "ap", &ap_radio));
	ck_assert_ok(sim_radio_new(ctx, "sta", &sta));
	si = sim_radio_info(sta);
	printf("smoke: radios %s (%s) and %s (%s, ifindex %u)\n",
	       sim_radio_info(ap_radio)->name, sim_radio_info(ap_radio)->ifname,
	       si->name, si->ifname, si->ifindex);
	ck_assert_ok(sim_ap_start(ctx, ap_radio, &cfg, &ap));
	bssid = sim_ap_bssid(ap);
	ck_assert_mem_eq(bssid, sim_radio_info(ap_radio)->addr, SIM_ETH_ALEN);
	printf("smoke: hostapd %d up, bssid " SIM_MAC_FMT ", ssid %s, %u MHz\n",
	       (int)sim_ap_pid(ap), SIM_MAC_ARG(bssid), SMOKE_SSID, SMOKE_FREQ);

	ck_assert_ok(live_listen("smoke", si->ifindex, &l));
	cp.bssid = bssid;
	ck_assert_ok(live_connect(l, ctx, sta, &cp, 3, &ev));
	ck_assert(ev.has_status);
	ck_assert_uint_eq(ev.status, 0);
	ck_assert(ev.has_mac);
	ck_assert_msg(!memcmp(ev.mac, bssid, SIM_ETH_ALEN),
		      "CONNECT to " SIM_MAC_FMT ", want " SIM_MAC_FMT,
		      SIM_MAC_ARG(ev.mac), SIM_MAC_ARG(bssid));

	live_mark(l);
	ck_assert_ok(sim_ap_deauthenticate(ap, si->addr, SMOKE_REASON));
	ck_assert_ok(live_wait(l, NL80211_CMD_DEAUTHENTICATE, 3000, &ev));
	ck_assert(ev.has_frame);
	ck_assert_uint_eq(ev.frame_reason, SMOKE_REASON);
	ck_assert_msg(!memcmp(ev.frame_sa, bssid, SIM_ETH_ALEN),
		      "deauth sent by " SIM_MAC_FMT ", want the AP " SIM_MAC_FMT,
		      SIM_MAC_ARG(ev.frame_sa), SIM_MAC_ARG(bssid));
	ck_assert_ok(live_wait(l, NL80211_CMD_DISCONNECT, 3000, &ev));
	ck_assert(ev.has_reason);
	ck_assert_uint_eq(ev.reason, SMOKE_REASON);
	ck_assert(ev.by_ap);

	live_listener_free(l);
	sim_ctx_free(ctx);
}
END_TEST

CK_SUITE(smoke_suite)
static Suite *smoke_suite(void)
{
	Suite *s = suite_create("smoke");
	TCase *tc = tcase_create("hwsim-hostapd");

	tcase_set_timeout(tc, live_ms(60000) / 1000.0);
	tcase_add_test(tc, smoke_connect_deauth);
	suite_add_tcase(s, tc);
	return s;
}
