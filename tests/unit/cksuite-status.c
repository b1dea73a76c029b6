/* SPDX-License-Identifier: MIT */
/*
 * status: one test per row of the cause -> DOT11_ASSOC_STATUS table (with
 * example 802.11 reasons), the formatter for every range, reason masking,
 * and the Win32 / L2 names.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ck.h"
#include "status.h"

/* Expected values are written as numbers from the reference, not with the
 * SDK's macros, so a wrong macro cannot make a row pass. */
static void check_row(enum sim_disc_cause cause, uint16_t reason,
		      DOT11_ASSOC_STATUS want)
{
	const struct ihv_status_row *row = ihv_status_row(cause);

	ck_assert_ptr_nonnull(row);
	ck_assert_ptr_nonnull(row->rationale);
	ck_assert_ptr_nonnull(row->cause_name);
	/* by_ap must not change the answer (see status.h) */
	ck_assert_uint_eq(ihv_status_from_disconnect(cause, reason, true), want);
	ck_assert_uint_eq(ihv_status_from_disconnect(cause, reason, false), want);
}

START_TEST(test_row_peer_deauth)
{
	check_row(SIM_CAUSE_PEER_DEAUTH, 3, 0x10003);
	check_row(SIM_CAUSE_PEER_DEAUTH, 2, 0x10002);   /* hostapd default */
	check_row(SIM_CAUSE_PEER_DEAUTH, 0, 0x10000);
	ck_assert_str_eq(ihv_status_row(SIM_CAUSE_PEER_DEAUTH)->cause_name,
			 "SIM_CAUSE_PEER_DEAUTH");
}
END_TEST

START_TEST(test_row_peer_disassoc)
{
	check_row(SIM_CAUSE_PEER_DISASSOC, 8, 0x20008);
	check_row(SIM_CAUSE_PEER_DISASSOC, 5, 0x20005);
}
END_TEST

START_TEST(test_row_local_request)
{
	/* nl80211 reports our own frame's reason 3: not carried */
	check_row(SIM_CAUSE_LOCAL_REQUEST, 3, 7 /* DISASSOCIATED_BY_OS */);
	check_row(SIM_CAUSE_LOCAL_REQUEST, 0, 7);
}
END_TEST

START_TEST(test_row_iface_down)
{
	check_row(SIM_CAUSE_IFACE_DOWN, 3, 7 /* DISASSOCIATED_BY_OS */);
}
END_TEST

START_TEST(test_row_link_loss)
{
	/* beacon loss: nl80211 DISCONNECT reason 4 (inactivity) */
	check_row(SIM_CAUSE_LINK_LOSS, 4, 2 /* UNREACHABLE */);
}
END_TEST

START_TEST(test_row_iface_removed)
{
	check_row(SIM_CAUSE_IFACE_REMOVED, 3, 9 /* DISASSOCIATED_BY_RESET */);
}
END_TEST

START_TEST(test_row_radio_removed)
{
	check_row(SIM_CAUSE_RADIO_REMOVED, 3, 4 /* PHY_DISABLED */);
}
END_TEST

START_TEST(test_row_radio_off)
{
	check_row(SIM_CAUSE_RADIO_OFF, 3, 3 /* RADIO_OFF */);
}
END_TEST

START_TEST(test_row_roam)
{
	check_row(SIM_CAUSE_ROAM, 3, 8 /* DISASSOCIATED_BY_ROAMING */);
}
END_TEST

START_TEST(test_table_complete)
{
	/* Every cause has a filled row (a forgotten designated initialiser
	 * would leave a zero row: SUCCESS with no rationale). */
	for (int c = 0; c < SIM_CAUSE_COUNT; c++) {
		const struct ihv_status_row *row = ihv_status_row((enum sim_disc_cause)c);

		ck_assert_ptr_nonnull(row);
		ck_assert_msg(row->rationale && row->rationale[0], "cause %d has no rationale", c);
		ck_assert_ptr_nonnull(row->cause_name);
		ck_assert_msg(row->base != 0, "cause %d maps to SUCCESS", c);
	}
	/* out of range: a bug in the caller, never SUCCESS */
	ck_assert_ptr_null(ihv_status_row((enum sim_disc_cause)SIM_CAUSE_COUNT));
	ck_assert_uint_eq(ihv_status_from_disconnect((enum sim_disc_cause)SIM_CAUSE_COUNT, 3, false),
			  1 /* FAILURE */);
	ck_assert_uint_eq(ihv_status_from_disconnect((enum sim_disc_cause)-1, 3, false), 1);
}
END_TEST

START_TEST(test_reason_masking)
{
	/* the full 16-bit reason lands in the low bits, never in the base */
	check_row(SIM_CAUSE_PEER_DEAUTH, 0xFFFF, 0x1FFFF);
	check_row(SIM_CAUSE_PEER_DISASSOC, 0xFFFF, 0x2FFFF);
	ck_assert_uint_eq(ihv_status_from_disconnect(SIM_CAUSE_PEER_DEAUTH, 0x8001, true) &
			  ~(DOT11_ASSOC_STATUS)0xFFFF, 0x10000);
	/* rows without a reason ignore it entirely */
	check_row(SIM_CAUSE_LINK_LOSS, 0xFFFF, 2);
}
END_TEST

static const char *fmt(DOT11_ASSOC_STATUS s)
{
	static char b[IHV_STATUS_FORMAT_MAX];

	return ihv_status_format(s, b, sizeof(b));
}

START_TEST(test_format_ranges)
{
	static const char *const names[] = {
		"SUCCESS", "FAILURE", "UNREACHABLE", "RADIO_OFF", "PHY_DISABLED",
		"CANCELLED", "CANDIDATE_LIST_EXHAUSTED", "DISASSOCIATED_BY_OS",
		"DISASSOCIATED_BY_ROAMING", "DISASSOCIATED_BY_RESET",
		"SYSTEM_ERROR", "ROAMING_BETTER_AP_FOUND",
		"ROAMING_ASSOCIATION_LOST", "ROAMING_ADHOC",
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_str_eq(fmt(i), names[i]);
	ck_assert_str_eq(fmt(0xE), "0xe");
	ck_assert_str_eq(fmt(0xFFFF), "0xffff");
	ck_assert_str_eq(fmt(0x10003), "PEER_DEAUTHENTICATED|3");
	ck_assert_str_eq(fmt(0x10000), "PEER_DEAUTHENTICATED|0");
	ck_assert_str_eq(fmt(0x1FFFF), "PEER_DEAUTHENTICATED|65535");
	ck_assert_str_eq(fmt(0x20008), "PEER_DISASSOCIATED|8");
	ck_assert_str_eq(fmt(0x30011), "ASSOCIATION_RESPONSE|17");
	ck_assert_str_eq(fmt(0x40000), "0x40000");
	ck_assert_str_eq(fmt(0x7FFFFFFF), "0x7fffffff");
	ck_assert_str_eq(fmt(0x80000001), "IHV|0x80000001");
	ck_assert_str_eq(fmt(0xFFFFFFFF), "IHV|0xffffffff");
}
END_TEST

START_TEST(test_format_small_buffer)
{
	char b[8];

	ck_assert_ptr_eq(ihv_status_format(0x10003, b, sizeof(b)), b);
	ck_assert_str_eq(b, "PEER_DE");
	ck_assert_ptr_eq(ihv_status_format(0x10003, b, 0), b);
}
END_TEST

START_TEST(test_win32_and_l2_names)
{
	ck_assert_str_eq(ihv_win32_name(0), "ERROR_SUCCESS");
	ck_assert_str_eq(ihv_win32_name(14), "ERROR_OUTOFMEMORY");
	ck_assert_str_eq(ihv_win32_name(50), "ERROR_NOT_SUPPORTED");
	ck_assert_str_eq(ihv_win32_name(87), "ERROR_INVALID_PARAMETER");
	ck_assert_str_eq(ihv_win32_name(1223), "ERROR_CANCELLED");
	ck_assert_str_eq(ihv_win32_name(5023), "ERROR_INVALID_STATE");
	ck_assert_str_eq(ihv_win32_name(ERROR_CANCELLED), "ERROR_CANCELLED");
	ck_assert_ptr_null(ihv_win32_name(4));
	ck_assert_ptr_null(ihv_win32_name(0xFFFFFFFF));

	ck_assert_str_eq(ihv_l2_reason_name(0), "L2_REASON_CODE_SUCCESS");
	ck_assert_str_eq(ihv_l2_reason_name(0x10001), "L2_REASON_CODE_UNKNOWN");
	ck_assert_str_eq(ihv_l2_reason_name(0x38002), "WLAN_REASON_CODE_ASSOCIATION_FAILURE");
	ck_assert_str_eq(ihv_l2_reason_name(0x38003), "WLAN_REASON_CODE_ASSOCIATION_TIMEOUT");
	ck_assert_str_eq(ihv_l2_reason_name(0x38004), "WLAN_REASON_CODE_PRE_SECURITY_FAILURE");
	ck_assert_str_eq(ihv_l2_reason_name(0x38006), "WLAN_REASON_CODE_SECURITY_FAILURE");
	ck_assert_str_eq(ihv_l2_reason_name(0x38007), "WLAN_REASON_CODE_SECURITY_TIMEOUT");
	ck_assert_str_eq(ihv_l2_reason_name(0x3800B), "WLAN_REASON_CODE_DRIVER_DISCONNECTED");
	ck_assert_str_eq(ihv_l2_reason_name(0x3800D), "WLAN_REASON_CODE_IHV_NOT_AVAILABLE");
	ck_assert_str_eq(ihv_l2_reason_name(0x3800E), "WLAN_REASON_CODE_IHV_NOT_RESPONDING");
	ck_assert_str_eq(ihv_l2_reason_name(0x3800F), "WLAN_REASON_CODE_DISCONNECT_TIMEOUT");
	ck_assert_str_eq(ihv_l2_reason_name(0x38010), "WLAN_REASON_CODE_INTERNAL_FAILURE");
	ck_assert_str_eq(ihv_l2_reason_name(0x38012), "WLAN_REASON_CODE_TOO_MANY_SECURITY_ATTEMPTS");
	ck_assert_str_eq(ihv_l2_reason_name(0x90000), "L2_REASON_CODE_IHV_BASE");
	ck_assert_ptr_null(ihv_l2_reason_name(0x38001));
	ck_assert(ihv_l2_reason_is_ihv(0x90000));
	ck_assert(ihv_l2_reason_is_ihv(0x9FFFF));
	ck_assert(!ihv_l2_reason_is_ihv(0xA0000));
	ck_assert(!ihv_l2_reason_is_ihv(0x8FFFF));
}
END_TEST

START_TEST(test_table_print)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int lines = 0;

	ck_assert_ptr_nonnull(f);
	ihv_status_table_print(f);
	ck_assert_int_eq(fclose(f), 0);
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 1 + SIM_CAUSE_COUNT);
	ck_assert_ptr_nonnull(strstr(text, "SIM_CAUSE_PEER_DEAUTH"));
	ck_assert_ptr_nonnull(strstr(text, "PEER_DEAUTHENTICATED|reason"));
	ck_assert_ptr_nonnull(strstr(text, "DISASSOCIATED_BY_RESET"));
	ck_assert_ptr_nonnull(strstr(text, "SIM_CAUSE_ROAM"));
	for (int c = 0; c < SIM_CAUSE_COUNT; c++)
		ck_assert_ptr_nonnull(strstr(text, ihv_status_row((enum sim_disc_cause)c)->rationale));
	free(text);
}
END_TEST

CK_SUITE(status_suite)
static Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *rows = tcase_create("rows");
	TCase *names = tcase_create("names");

	tcase_add_test(rows, test_row_peer_deauth);
	tcase_add_test(rows, test_row_peer_disassoc);
	tcase_add_test(rows, test_row_local_request);
	tcase_add_test(rows, test_row_iface_down);
	tcase_add_test(rows, test_row_link_loss);
	tcase_add_test(rows, test_row_iface_removed);
	tcase_add_test(rows, test_row_radio_removed);
	tcase_add_test(rows, test_row_radio_off);
	tcase_add_test(rows, test_row_roam);
	tcase_add_test(rows, test_table_complete);
	tcase_add_test(rows, test_reason_masking);
	suite_add_tcase(s, rows);
	tcase_add_test(names, test_format_ranges);
	tcase_add_test(names, test_format_small_buffer);
	tcase_add_test(names, test_win32_and_l2_names);
	tcase_add_test(names, test_table_print);
	suite_add_tcase(s, names);
	return s;
}
