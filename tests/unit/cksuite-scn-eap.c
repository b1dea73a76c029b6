/* SPDX-License-Identifier: MIT */
/*
 * scn for WPA2-Enterprise: `ap ... security=wpa2-eap`, `user NAME
 * [method=tls] [listed=yes|no]`, the `{pki}` placeholder of profile
 * fragments (the language only checks it; the runner substitutes it),
 * the action ap-reauth and the EAP names of eapol=.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "scn.h"
#include "scn-util.h"

static struct scn_script *parse_ok(const char *text)
{
	struct scn_script *s = NULL;
	char *msg = NULL;

	ck_assert_msg(scn_test_parse(text, &s, &msg) == 0, "parse failed: %s", msg);
	ck_assert_str_eq(msg, "");
	free(msg);
	return s;
}

#define FRAG "<EapTls><Identity>alice</Identity><CaCertificate>{pki}/ca.pem</CaCertificate>" \
	     "<ClientCertificate>{pki}/alice.pem</ClientCertificate>" \
	     "<PrivateKey>{pki}/alice.key</PrivateKey></EapTls>"
#define EAP "ap ap1 ssid=corp security=wpa2-eap\nuser alice\nuser mallory method=tls listed=no\n" \
	    "adapter sta1\n"

START_TEST(test_enterprise_world)
{
	struct scn_script *s = parse_ok(EAP
		"profile corp ssid=corp auth=wpa2 security=\"" FRAG "\"\n"
		"profile plain ssid=corp auth=wpa2\n"
		"connect sta1 ap1 profile=corp\n"
		"expect ReceivePacket adapter=sta1 eapol=eap-request-identity\n"
		"expect SendPacket adapter=sta1 eapol=eap-response-tls\n"
		"expect ReceivePacket adapter=sta1 eapol=eap-success\n"
		"expect ReceivePacket adapter=sta1 eapol=eap-failure\n"
		"ap-reauth ap1 sta1\n");

	ck_assert_int_eq(s->aps[0].security, SCN_SEC_WPA2_EAP);
	ck_assert_ptr_null(s->aps[0].passphrase);
	ck_assert_uint_eq(s->n_users, 2);
	ck_assert_str_eq(s->users[0].name, "alice");
	ck_assert(s->users[0].listed);
	ck_assert_str_eq(s->users[1].name, "mallory");
	ck_assert(!s->users[1].listed);
	ck_assert(s->profiles[0].uses_pki);
	/* the language keeps the placeholder: the runner replaces it */
	ck_assert(strstr(s->profiles[0].security_xml, "{pki}/alice.key"));
	ck_assert(!s->profiles[1].uses_pki);
	ck_assert_str_eq(scn_step_name(&s->steps[5]), "ap-reauth");
	scn_script_free(s);
	/* a user alone makes a PKI too (for a profile's {pki}) */
	s = parse_ok("user bob\nadapter sta1\nap ap1 ssid=x\n"
		     "profile p ssid=x connectivity=\"<a>{pki}</a>\"\nconnect sta1 ap1\n");
	ck_assert(s->profiles[0].uses_pki);
	scn_script_free(s);
	/* braces that are not a placeholder are left alone */
	s = parse_ok("adapter sta1\nap ap1 ssid=x\n"
		     "profile p ssid=x security=\"<a>{ not one } {}</a>\"\nconnect sta1 ap1\n");
	ck_assert(!s->profiles[0].uses_pki);
	scn_script_free(s);
}
END_TEST

static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ "ap ap1 ssid=corp security=wpa2-eap passphrase=secret123\n",
	  "t.scn:1:36: ap: passphrase= given but security=wpa2-eap authenticates users by certificate (declare 'user NAME')" },
	{ "ap ap1 ssid=corp security=wpa2-eap cipher=tkip\n",
	  "t.scn:1:43: ap: security=wpa2-eap takes cipher=ccmp only" },
	{ "ap ap1 ssid=corp security=wpa2-ea\n",
	  "t.scn:1:27: ap: unknown security 'wpa2-ea' (open, wpa2 or wpa2-eap) (did you mean 'wpa2-eap'?)" },
	{ "user\n", "t.scn:1:6: user: missing name (e.g. 'user alice1')" },
	{ "user ca\n", "t.scn:1:6: user: 'ca' is a file of the PKI ({pki}/ca.pem); pick another name" },
	{ "user other-ca\n", "t.scn:1:6: user: 'other-ca' is a file of the PKI ({pki}/other-ca.pem); pick another name" },
	{ "user hostapd-x\n", "t.scn:1:6: user: names starting with 'hostapd' are hostapd's files; pick another name" },
	{ "user alice method=peap\n", "t.scn:1:19: user: unknown method 'peap' (the APs' EAP server runs tls)" },
	{ "user alice listed=maybe\n", "t.scn:1:19: user: listed is yes or no, not 'maybe'" },
	{ "user alice lsted=no\n", "t.scn:1:12: user: unknown option 'lsted' (did you mean 'listed'?)" },
	{ "user alice\nuser alice\n", "t.scn:2:6: duplicate name 'alice' (first declared at line 1)" },
	{ "adapter alice\nuser alice\n", "t.scn:2:6: duplicate name 'alice' (first declared at line 1)" },
	{ "ap ap1 ssid=x\nadapter sta1\nprofile p ssid=x security=\"<a>{pkj}/ca.pem</a>\"\n",
	  "t.scn:3:27: profile p: unknown placeholder '{pkj}' at byte 4 of security= (known: {pki}) (did you mean 'pki'?)" },
	{ "ap ap1 ssid=x\nadapter sta1\nprofile p ssid=x security=\"<a>{pki}/ca.pem</a>\"\nconnect sta1 ap1\n",
	  "t.scn:3:1: a profile uses {pki}, but there is no PKI: declare an 'ap ... security=wpa2-eap' or a 'user NAME'" },
	{ "ap ap1 ssid=x security=wpa2 passphrase=secret123\nadapter sta1\nconnect sta1 ap1\nap-reauth ap1 sta1\n",
	  "t.scn:4:11: ap-reauth: ap 'ap1' is not security=wpa2-eap (only an 802.1X authenticator re-authenticates)" },
	{ EAP "ap-reauth ap1 sta1\n",
	  "t.scn:5:15: ap-reauth: adapter 'sta1' has not connected yet (connect it to 'ap1' first)" },
	{ EAP "connect sta1 ap1\nexpect ReceivePacket eapol=eap-sucess\n",
	  "t.scn:6:28: unknown EAPOL message 'eap-sucess' (1/4, 2/4, 3/4, 4/4, group-1/2, group-2/2, eap-request-identity, eap-response-identity, eap-request-tls, eap-response-tls, eap-response-nak, eap-success, eap-failure) (did you mean 'eap-success'?)" },
};

START_TEST(test_errors)
{
	struct scn_script *s = NULL;
	char *msg = NULL;

	char want[512];

	snprintf(want, sizeof(want), "%s\n", bad[_i].msg);
	ck_assert_int_eq(scn_test_parse(bad[_i].text, &s, &msg), -EINVAL);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(msg, want);
	free(msg);
}
END_TEST

START_TEST(test_help_and_limits)
{
	char *help = NULL, text[SCN_MAX_USERS * 16 + 64] = "";
	size_t len = 0, off = 0;
	FILE *f = open_memstream(&help, &len);
	struct scn_script *s = NULL;
	char *msg = NULL;

	scn_help_print(f);
	fclose(f);
	ck_assert(strstr(help, "security=open|wpa2|wpa2-eap"));
	ck_assert(strstr(help, "user NAME [method=tls] [listed=yes|no]"));
	ck_assert(strstr(help, "{pki}/ca.pem"));
	ck_assert(strstr(help, "eap-request-identity"));
	free(help);
	for (int i = 0; i <= SCN_MAX_USERS; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off, "user u%d\n", i);
	ck_assert_int_eq(scn_test_parse(text, &s, &msg), -EINVAL);
	ck_assert_str_eq(msg, "t.scn:33:1: user: too many users (at most 32)\n");
	free(msg);
}
END_TEST

CK_SUITE(scn_eap_suite)
static Suite *scn_eap_suite(void)
{
	Suite *s = suite_create("scn-eap");
	TCase *tc = tcase_create("enterprise");

	tcase_add_test(tc, test_enterprise_world);
	tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_help_and_limits);
	suite_add_tcase(s, tc);
	return s;
}
