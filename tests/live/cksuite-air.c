/* SPDX-License-Identifier: MIT */
/*
 * sim's sniffer (sim_air_*) against the real kernel and a real hostapd:
 * a monitor radio per channel hears this namespace's frames, the
 * station's own before association included (authentication and
 * association requests), the AP's EAPOL message 1/4 and the station's
 * 2/4 (unprotected data frames), and a deauthentication with its reason;
 * a second channel's sniffer hears that channel's AP only; the pcapng
 * file has one interface per sniffer and a packet per frame heard.
 *
 * Ground truth from outside the sniffer: the frames are caused by sim's
 * own station control and hostapd (CONNECT, a hand-made 2/4 over the
 * control port, DEAUTHENTICATE reason 15 through hostapd's control
 * interface); the file is read back byte by byte here.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck.h"
#include "live-util.h"
#include "sim.h"

#define SSID "ihv-air"
#define PSK "correct horse battery"
#define MAX_SEEN 128

struct seen {
	unsigned int n;
	struct sim_air_frame f[MAX_SEEN];
};

static void on_air(const struct sim_air_frame *f, void *arg)
{
	struct seen *s = arg;

	printf("air: %u MHz %-12s " SIM_MAC_FMT " -> " SIM_MAC_FMT "%s%s code=%d\n",
	       f->freq_mhz, sim_air_type_name(f->type), SIM_MAC_ARG(f->addr2),
	       SIM_MAC_ARG(f->addr1), f->eapol ? " eapol=" : "",
	       f->eapol ? f->eapol : "", f->has_code ? f->code : -1);
	if (s->n < MAX_SEEN)
		s->f[s->n++] = *f;
}

/* Dispatches for up to @ms, or until a frame of @type (with @eapol when
 * not NULL) from @from has been seen. Returns its index or -1. */
static int air_wait(struct sim_air *air, struct seen *s, enum sim_air_type type,
		    const char *eapol, const uint8_t *from, unsigned ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)live_ms(ms) * SIM_NSEC_PER_MSEC;

	for (;;) {
		struct pollfd p = { .fd = sim_air_fd(air), .events = POLLIN };

		for (unsigned int i = 0; i < s->n; i++)
			if (s->f[i].type == type &&
			    (!eapol || (s->f[i].eapol && !strcmp(s->f[i].eapol, eapol))) &&
			    (!from || !memcmp(s->f[i].addr2, from, SIM_ETH_ALEN)))
				return (int)i;
		if (sim_clock_now_ns() >= end)
			return -1;
		poll(&p, 1, 50);
		ck_assert_ok(sim_air_dispatch(air));
	}
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Counts the file's blocks by type: IDBs (1) and EPBs (6). */
static void pcapng_count(const char *path, unsigned *idb, unsigned *epb)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n, off = 0;

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	*idb = *epb = 0;
	ck_assert_uint_ge(n, 28);
	ck_assert_uint_eq(rd32(buf), 0x0A0D0D0Au);
	ck_assert_uint_eq(rd32(buf + 8), 0x1A2B3C4Du);
	while (off + 12 <= n) {
		uint32_t type = rd32(buf + off), len = rd32(buf + off + 4);

		ck_assert_msg(len >= 12 && len % 4 == 0 && off + len <= n,
			      "block at %zu: length %u", off, len);
		ck_assert_uint_eq(rd32(buf + off + len - 4), len);
		if (type == 1) {
			ck_assert_uint_eq(rd32(buf + off + 8) & 0xffff, 127);
			(*idb)++;
		} else if (type == 6) {
			(*epb)++;
		}
		off += len;
	}
	ck_assert_uint_eq(off, n);
}

START_TEST(air_hears_association_eapol_deauth)
{
	struct sim_ap_config cfg = {
		.ssid = SSID, .freq_mhz = 2412, .security = SIM_SEC_WPA2_PSK,
		.passphrase = PSK,
	};
	struct sim_ap_config cfg6 = { .ssid = "ihv-air6", .freq_mhz = 2437 };
	const uint32_t freqs[] = { 2412, 2437, 2412 };
	char path[] = "/tmp/ihv-air-XXXXXX";
	struct sim_radio *ap_radio, *ap6_radio, *sta;
	struct sim_connect_params cp;
	struct sim_ap *ap, *ap6;
	struct live_listener *l;
	struct sim_air *air;
	struct live_ev ev;
	static struct seen s;
	struct sim_ctx *ctx;
	const uint8_t *bssid, *me;
	unsigned long dropped, invalid;
	unsigned idb, epb;
	uint8_t m2[4 + 95 + 22];
	int fd, i;

	live_require_hwsim();
	memset(&s, 0, sizeof(s));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_ok(sim_radio_new(ctx, "ap", &ap_radio));
	ck_assert_ok(sim_radio_new(ctx, "ap6", &ap6_radio));
	ck_assert_ok(sim_radio_new(ctx, "sta", &sta));
	ck_assert_ok(sim_ap_start(ctx, ap_radio, &cfg, &ap));
	ck_assert_ok(sim_ap_start(ctx, ap6_radio, &cfg6, &ap6));
	/* two distinct channels: two sniffers */
	ck_assert_ok(sim_air_new(ctx, freqs, 3, path, on_air, &s, &air));
	bssid = sim_ap_bssid(ap);
	me = sim_radio_info(sta)->addr;
	ck_assert_ok(live_listen("air", sim_radio_info(sta)->ifindex, &l));

	cp = (struct sim_connect_params){
		.ssid = SSID, .bssid = bssid, .freq_mhz = 2412,
		.akm_suite = SIM_AKM_PSK, .pairwise_suite = SIM_SUITE_CCMP,
		.group_suite = SIM_SUITE_CCMP,
		.control_port_ethertype = SIM_ETH_P_PAE,
	};
	ck_assert_ok(live_connect(l, ctx, sta, &cp, 3, &ev));
	/* The station's frames before association, and the AP's answers. */
	i = air_wait(air, &s, SIM_AIR_AUTH, NULL, me, 3000);
	ck_assert_msg(i >= 0, "no authentication from the station");
	ck_assert(!memcmp(s.f[i].addr1, bssid, SIM_ETH_ALEN));
	ck_assert_uint_eq(s.f[i].auth_seq, 1);
	ck_assert_uint_eq(s.f[i].freq_mhz, 2412);
	i = air_wait(air, &s, SIM_AIR_AUTH, NULL, bssid, 3000);
	ck_assert_msg(i >= 0, "no authentication from the AP");
	ck_assert(s.f[i].has_code && s.f[i].code == 0 && s.f[i].auth_seq == 2);
	ck_assert_int_ge(air_wait(air, &s, SIM_AIR_ASSOC_REQ, NULL, me, 3000), 0);
	i = air_wait(air, &s, SIM_AIR_ASSOC_RESP, NULL, bssid, 3000);
	ck_assert_msg(i >= 0, "no association response");
	ck_assert(s.f[i].has_code && s.f[i].code == 0);
	i = air_wait(air, &s, SIM_AIR_EAPOL, "1/4", bssid, 5000);
	ck_assert_msg(i >= 0, "no EAPOL 1/4 from the AP");
	ck_assert(!s.f[i].protected_frame);

	/* A 2/4 of a pattern from the station (hostapd rejects its MIC):
	 * what a station sends over the control port is on the air too. */
	memset(m2, 0, sizeof(m2));
	m2[0] = 2;
	m2[1] = 3;
	m2[2] = (sizeof(m2) - 4) >> 8;
	m2[3] = (sizeof(m2) - 4) & 0xff;
	m2[4] = 2;
	m2[5] = 0x01;                 /* MIC */
	m2[6] = 0x0a;                 /* pairwise, HMAC-SHA1-AES */
	m2[98] = 22;
	m2[99] = 48;
	m2[100] = 20;
	ck_assert_ok(sim_sta_port_send(ctx, sta, bssid, SIM_ETH_P_PAE, m2,
				       sizeof(m2), true));
	ck_assert_int_ge(air_wait(air, &s, SIM_AIR_EAPOL, "2/4", me, 3000), 0);

	ck_assert_ok(sim_ap_deauthenticate(ap, me, 15));
	i = air_wait(air, &s, SIM_AIR_DEAUTH, NULL, bssid, 3000);
	ck_assert_msg(i >= 0, "no deauthentication heard");
	ck_assert(!memcmp(s.f[i].addr1, me, SIM_ETH_ALEN));
	ck_assert(s.f[i].has_code && s.f[i].code == 15);

	/* Nothing of the other channel's AP reached the 2412 sniffer, and
	 * receive times are in order per sniffer. */
	for (unsigned int k = 0; k < s.n; k++) {
		if (!memcmp(s.f[k].addr2, sim_ap_bssid(ap6), SIM_ETH_ALEN))
			ck_assert_uint_eq(s.f[k].freq_mhz, 2437);
		ck_assert_uint_le(s.f[k].t_ns, sim_clock_now_ns());
	}
	sim_air_stats(air, &dropped, &invalid);
	ck_assert_uint_eq(dropped, 0);
	ck_assert_uint_eq(invalid, 0);
	sim_air_free(air);
	pcapng_count(path, &idb, &epb);
	printf("air: %s: %u interfaces, %u packets (%u delivered)\n", path, idb,
	       epb, s.n);
	ck_assert_uint_eq(idb, 2);
	/* beacons of two APs are in the file, not in the callback */
	ck_assert_uint_gt(epb, s.n);
	unlink(path);
	live_listener_free(l);
	sim_ctx_free(ctx);
}
END_TEST

START_TEST(air_refuses_bad_arguments)
{
	const uint32_t nine[9] = { 2412, 2417, 2422, 2427, 2432, 2437, 2442, 2447, 2452 };
	struct sim_air *air = NULL;
	struct sim_ctx *ctx;

	live_require_hwsim();
	ck_assert_ok(sim_ctx_new(&ctx));
	ck_assert_errno(sim_air_new(ctx, nine, 0, NULL, NULL, NULL, &air), EINVAL);
	ck_assert_errno(sim_air_new(ctx, nine, 9, NULL, NULL, NULL, &air), E2BIG);
	ck_assert_errno(sim_air_new(ctx, nine, 1, "/nonexistent/dir/x.pcapng",
				    NULL, NULL, &air), ENOENT);
	ck_assert_ptr_null(air);
	sim_ctx_free(ctx);
}
END_TEST

CK_SUITE(air_suite)
static Suite *air_suite(void)
{
	Suite *s = suite_create("air");
	TCase *tc = tcase_create("sniffer");

	tcase_set_timeout(tc, live_ms(60000) / 1000.0);
	tcase_add_test(tc, air_hears_association_eapol_deauth);
	tcase_add_test(tc, air_refuses_bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}
