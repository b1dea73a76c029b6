/* SPDX-License-Identifier: MIT */
/*
 * The security helpers that need no 802.11 world: what the trace and the
 * air capture call an EAPOL frame (sim's sim_eapol_describe, sim/eapol-name.c)
 * and the host's UTF-8 -> UTF-16 conversion of profile fragments (wstr.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "sim.h"
#include "wstr.h"

/* An EAPOL-Key frame (RSN descriptor) with Key Information @ki and a
 * body of @body bytes (the announced length). */
static size_t key_frame(uint8_t *f, unsigned int ki, size_t body)
{
	memset(f, 0, 4 + body);
	f[0] = 2;          /* 802.1X-2004 */
	f[1] = 3;          /* EAPOL-Key */
	f[2] = (uint8_t)(body >> 8);
	f[3] = (uint8_t)body;
	f[4] = 2;          /* RSN key descriptor */
	f[5] = (uint8_t)(ki >> 8);
	f[6] = (uint8_t)ki;
	return 4 + body;
}

/* Key Information as hostapd and wpa_supplicant set it (descriptor
 * version 2: HMAC-SHA1 MIC, AES key wrap). */
#define V2 0x0002u
#define PW (1u << 3)
#define INSTALL (1u << 6)
#define ACK (1u << 7)
#define MIC (1u << 8)
#define SECURE (1u << 9)
#define ENC (1u << 12)

START_TEST(test_eapol_key_messages)
{
	uint8_t f[128];

	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | ACK, 95)), "1/4");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | MIC, 117)), "2/4");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | INSTALL | ACK | MIC | SECURE | ENC, 119)),
			 "3/4");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | MIC | SECURE, 95)), "4/4");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | ACK | MIC | SECURE | ENC, 119)),
			 "group-1/2");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | MIC | SECURE, 95)), "group-2/2");
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | MIC | (1u << 11), 95)),
			 "request");
}
END_TEST

START_TEST(test_eapol_other_and_malformed)
{
	uint8_t f[128] = { 2, 0, 0, 5, 1, 1, 0, 5, 1 };

	/* EAP packets by code and type (RFC 3748) */
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-request-identity");
	f[8] = 13;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-request-tls");
	f[4] = 2;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-response-tls");
	f[8] = 3;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-response-nak");
	f[8] = 1;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-response-identity");
	f[8] = 99;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-response");
	f[4] = 1;
	ck_assert_str_eq(sim_eapol_describe(f, 9), "eap-request");
	f[4] = 3;
	f[3] = f[7] = 4;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "eap-success");
	f[4] = 4;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "eap-failure");
	f[4] = 9;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "eap");
	/* an EAP length beyond the EAPOL body; a request without its type */
	f[4] = 1;
	f[7] = 9;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "malformed");
	f[7] = 4;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "malformed");
	f[3] = 2;
	ck_assert_str_eq(sim_eapol_describe(f, 8), "eap");
	f[3] = 5;
	f[4] = f[8] = 1;
	f[7] = 5;
	f[1] = 1;
	f[3] = 0;
	ck_assert_str_eq(sim_eapol_describe(f, 4), "start");
	f[1] = 2;
	ck_assert_str_eq(sim_eapol_describe(f, 4), "logoff");
	/* a body length beyond the frame: malformed, not read past */
	ck_assert_str_eq(sim_eapol_describe(f, key_frame(f, V2 | PW | ACK, 95) - 1), "malformed");
	ck_assert_str_eq(sim_eapol_describe(f, 3), "malformed");
	ck_assert_str_eq(sim_eapol_describe(NULL, 0), "malformed");
	/* a key body too short for Key Information */
	key_frame(f, 0, 2);
	ck_assert_str_eq(sim_eapol_describe(f, 6), "malformed");
	/* not an RSN/WPA descriptor */
	key_frame(f, V2 | PW | ACK, 95);
	f[4] = 1;
	ck_assert_str_eq(sim_eapol_describe(f, 99), "key");
}
END_TEST

START_TEST(test_wstr_from_utf8)
{
	WCHAR *w = NULL;

	ck_assert_int_eq(ihv_wstr_from_utf8("<Psk>a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80</Psk>", &w), 0);
	ck_assert_uint_eq(ihv_wstr_len(w), 5 + 1 + 1 + 1 + 2 + 6);
	ck_assert_uint_eq(w[5], 'a');
	ck_assert_uint_eq(w[6], 0x00e9);
	ck_assert_uint_eq(w[7], 0x20ac);
	ck_assert_uint_eq(w[8], 0xd83d);  /* U+1F600 as a surrogate pair */
	ck_assert_uint_eq(w[9], 0xde00);
	ck_assert_uint_eq(w[16], 0);
	free(w);
	ck_assert_int_eq(ihv_wstr_from_utf8(NULL, &w), 0);
	ck_assert_uint_eq(w[0], 0);
	free(w);
}
END_TEST

START_TEST(test_wstr_refuses_bad_utf8)
{
	static const char *const bad[] = {
		"\xc3",              /* truncated */
		"\xc0\xaf",          /* overlong '/' */
		"\xed\xa0\x80",      /* a surrogate */
		"\xf4\x90\x80\x80",  /* above U+10FFFF */
		"a\xffz",            /* never valid */
	};
	WCHAR *w = (WCHAR *)1;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ihv_wstr_from_utf8(bad[i], &w), -EILSEQ);
		ck_assert_ptr_null(w);
	}
}
END_TEST

START_TEST(test_wstr_dup_bounded)
{
	static const WCHAR s[] = { 'x', 'm', 'l', 0 };
	WCHAR *w;

	ck_assert_int_eq(ihv_wstr_dup(s, 3, &w), 0);
	ck_assert_mem_eq(w, s, sizeof(s));
	free(w);
	ck_assert_int_eq(ihv_wstr_dup(s, 2, &w), -E2BIG);
	ck_assert_ptr_null(w);
}
END_TEST

static Suite *security_suite(void)
{
	Suite *s = suite_create("security");
	TCase *eapol = tcase_create("eapol");
	TCase *wstr = tcase_create("wstr");

	tcase_add_test(eapol, test_eapol_key_messages);
	tcase_add_test(eapol, test_eapol_other_and_malformed);
	suite_add_tcase(s, eapol);
	tcase_add_test(wstr, test_wstr_from_utf8);
	tcase_add_test(wstr, test_wstr_refuses_bad_utf8);
	tcase_add_test(wstr, test_wstr_dup_bounded);
	suite_add_tcase(s, wstr);
	return s;
}

CK_SUITE(security_suite)
