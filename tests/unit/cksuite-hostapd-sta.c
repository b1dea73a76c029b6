/* SPDX-License-Identifier: MIT */
/*
 * sim_hapd_parse_sta (sim/hostapd-ctrl.c): hostapd's "STA <addr>" reply,
 * as hostapd 2.10 writes it (tests/fuzz/corpus-hostapd/sta is a real
 * one), and the ways a reply can fail to be one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ck.h"
#include "hostapd-ctrl.h"
#include "sim.h"

static const uint8_t sta_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };

#define STA_LINE "02:00:00:00:00:00\n"
#define TAIL "aid=1\ncapability=0x421\nlisten_interval=5\nconnected_time=2\n"

static int parse(const char *reply, struct sim_ap_sta *st)
{
	memset(st, 0x5a, sizeof(*st));
	st->flags[sizeof(st->flags) - 1] = '\0';
	return sim_hapd_parse_sta(reply, sta_mac, st);
}

START_TEST(sta_open_authorized)
{
	struct sim_ap_sta st;

	ck_assert_ok(parse(STA_LINE "flags=[AUTH][ASSOC][AUTHORIZED][WMM]\n"
			   TAIL, &st));
	ck_assert(st.associated);
	ck_assert(st.authorized);
	ck_assert_str_eq(st.flags, "[AUTH][ASSOC][AUTHORIZED][WMM]");
}
END_TEST

START_TEST(sta_wpa2_before_handshake)
{
	struct sim_ap_sta st;

	ck_assert_ok(parse(STA_LINE "flags=[AUTH][ASSOC][SHORT_PREAMBLE]\n"
			   TAIL, &st));
	ck_assert(st.associated);
	ck_assert(!st.authorized);
	/* [AUTH] alone is neither associated nor authorized. */
	ck_assert_ok(parse(STA_LINE "flags=[AUTH]\n", &st));
	ck_assert(!st.associated);
	ck_assert(!st.authorized);
	/* No flags at all is a valid answer too. */
	ck_assert_ok(parse(STA_LINE "flags=\n", &st));
	ck_assert(!st.associated);
	ck_assert_str_eq(st.flags, "");
	/* Upper-case hex in the address line is the same station. */
	{
		static const uint8_t mac[6] = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f };

		ck_assert_ok(sim_hapd_parse_sta("AA:BB:CC:dd:ee:0F\nflags=[ASSOC]\n",
						mac, &st));
		ck_assert(st.associated);
	}
}
END_TEST

START_TEST(sta_unknown)
{
	struct sim_ap_sta st;

	ck_assert_errno(parse("FAIL\n", &st), ENOENT);
	ck_assert_errno(parse("", &st), ENOENT);
	/* Untouched on failure. */
	ck_assert_uint_eq(((unsigned char *)&st)[0], 0x5a);
}
END_TEST

START_TEST(sta_malformed)
{
	struct sim_ap_sta st;

	/* Another station's entry is not ours. */
	ck_assert_errno(parse("02:00:00:00:00:01\nflags=[ASSOC][AUTHORIZED]\n",
			      &st), EBADMSG);
	ck_assert_errno(parse("UNKNOWN COMMAND\n", &st), EBADMSG);
	ck_assert_errno(parse(STA_LINE "aid=1\n", &st), EBADMSG);
	/* Cut before the end of the flags line: a flag may be missing. */
	ck_assert_errno(parse(STA_LINE "flags=[AUTH][ASSOC]", &st), EBADMSG);
	ck_assert_errno(parse(STA_LINE "flags=[AUTH][ASS", &st), EBADMSG);
	/* Not brackets around names. */
	ck_assert_errno(parse(STA_LINE "flags=AUTHORIZED\n", &st), EBADMSG);
	ck_assert_errno(parse(STA_LINE "flags=[AUTH[AUTHORIZED]]\n", &st),
			EBADMSG);
	ck_assert_errno(parse(STA_LINE "flags=[AUTH] [ASSOC]\n", &st), EBADMSG);
	/* "xflags=" is not the flags line. */
	ck_assert_errno(parse(STA_LINE "xflags=[AUTHORIZED]\n", &st), EBADMSG);
	ck_assert_uint_eq(((unsigned char *)&st)[0], 0x5a);
}
END_TEST

START_TEST(sta_flags_are_whole_tokens)
{
	struct sim_ap_sta st;

	/* Neither is a prefix match of the other. */
	ck_assert_ok(parse(STA_LINE "flags=[AUTHORIZED_X][ASSOCIATED]\n", &st));
	ck_assert(!st.authorized);
	ck_assert(!st.associated);
	/* A long flags line is truncated in .flags, but still read whole. */
	{
		char reply[512];
		size_t n;

		n = (size_t)snprintf(reply, sizeof(reply), STA_LINE "flags=");
		for (int i = 0; i < 30; i++)
			n += (size_t)snprintf(reply + n, sizeof(reply) - n, "[WMM]");
		snprintf(reply + n, sizeof(reply) - n, "[AUTHORIZED]\n");
		ck_assert_ok(parse(reply, &st));
		ck_assert(st.authorized);
		ck_assert_uint_eq(strlen(st.flags), sizeof(st.flags) - 1);
	}
}
END_TEST

CK_SUITE(hostapd_sta_suite)
static Suite *hostapd_sta_suite(void)
{
	Suite *s = suite_create("hostapd-sta");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, sta_open_authorized);
	tcase_add_test(tc, sta_wpa2_before_handshake);
	tcase_add_test(tc, sta_unknown);
	tcase_add_test(tc, sta_malformed);
	tcase_add_test(tc, sta_flags_are_whole_tokens);
	suite_add_tcase(s, tc);
	return s;
}
