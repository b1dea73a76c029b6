/* SPDX-License-Identifier: MIT */
/*
 * scn for extension-owned security: the `profile` declaration (inline and
 * file fragments, every check with its exact message), `connect ...
 * profile=`, the actions traffic / ap-rekey / ap-resend-m3 /
 * ap-forge-eapol, the eapol= expectation key (parsed, and matched against
 * a trace record by the runner), the callees' keys and the new
 * IHV_MISBEHAVE items.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck.h"
#include "run-eapol.h"
#include "run-expect.h"
#include "scn-int.h"    /* scn_callee_count, scn_callee_at */
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

#define PRE "ap ap1 ssid=lab security=wpa2 passphrase=secret123\n" \
	    "ap ap2 ssid=lab channel=6 security=wpa2 passphrase=secret123\n" \
	    "ap ap3 ssid=open\nadapter sta1\n"

START_TEST(test_profile_inline)
{
	struct scn_script *s = parse_ok(PRE
		"profile psk ssid=lab ssid=\"other net\" auth=wpa2-psk "
		"security=\"<Wpa2Psk><Passphrase>secret123</Passphrase></Wpa2Psk>\" "
		"connectivity=\"<C a='1 2'>#not a comment \\\"q\\\" \\\\ x=y</C>\"\n"
		"profile plain ssid=open\n"
		"profile tk ssid=lab cipher=tkip bss=any\n"
		"profile ent ssid=lab auth=wpa2 cipher=ccmp onex=on bss=independent "
		"security=\"\"\n"
		"profile wep ssid=open cipher=wep\n"
		"connect sta1 ap1 profile=psk\n"
		"roam sta1 ap2\n"
		"connect sta1 ap2\n"
		"roam sta1 ap1 outcome=fail\n");
	const struct scn_profile *p = s->profiles;
	char buf[160];

	ck_assert_uint_eq(s->n_profiles, 5);
	ck_assert_str_eq(p[0].name, "psk");
	ck_assert_uint_eq(p[0].n_ssids, 2);
	ck_assert_str_eq(p[0].ssids[0], "lab");
	ck_assert_str_eq(p[0].ssids[1], "other net");
	ck_assert_int_eq(p[0].bss, SCN_BSS_INFRASTRUCTURE);
	ck_assert_int_eq(p[0].auth, SCN_AUTH_WPA2_PSK);
	ck_assert_int_eq(p[0].cipher, SCN_CIPHER_CCMP);     /* derived */
	ck_assert(!p[0].onex);
	ck_assert_str_eq(p[0].security_xml,
			 "<Wpa2Psk><Passphrase>secret123</Passphrase></Wpa2Psk>");
	ck_assert_str_eq(p[0].connectivity_xml,
			 "<C a='1 2'>#not a comment \"q\" \\ x=y</C>");
	ck_assert_uint_eq(p[0].pos.line, 5);
	/* nothing written: open, no cipher, no fragments */
	ck_assert_int_eq(p[1].auth, SCN_AUTH_OPEN);
	ck_assert_int_eq(p[1].cipher, SCN_CIPHER_NONE);
	ck_assert_ptr_null(p[1].security_xml);
	ck_assert_ptr_null(p[1].connectivity_xml);
	/* an RSNA cipher alone means WPA2-PSK */
	ck_assert_int_eq(p[2].auth, SCN_AUTH_WPA2_PSK);
	ck_assert_int_eq(p[2].cipher, SCN_CIPHER_TKIP);
	ck_assert_int_eq(p[2].bss, SCN_BSS_ANY);
	ck_assert_int_eq(p[3].auth, SCN_AUTH_WPA2);
	ck_assert(p[3].onex);
	ck_assert_int_eq(p[3].bss, SCN_BSS_INDEPENDENT);
	ck_assert_ptr_null(p[3].security_xml);             /* "" is empty */
	ck_assert_int_eq(p[4].auth, SCN_AUTH_OPEN);
	ck_assert_int_eq(p[4].cipher, SCN_CIPHER_WEP);

	/* connect profile=, a roam keeps it, a connect without resets it */
	ck_assert_uint_eq(s->steps[0].u.action.args.profile, 0);
	ck_assert_uint_eq(s->steps[1].u.action.args.profile, 0);
	ck_assert_uint_eq(s->steps[2].u.action.args.profile, SCN_NONE);
	ck_assert_uint_eq(s->steps[3].u.action.args.profile, SCN_NONE);
	ck_assert_int_eq(scn_step_describe(s, &s->steps[0], buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "sta1 connects to ap1 (ssid lab, 2412 MHz, profile psk)");
	ck_assert_int_eq(scn_step_describe(s, &s->steps[2], buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "sta1 connects to ap2 (ssid lab, 2437 MHz)");
	ck_assert_str_eq(scn_auth_name(SCN_AUTH_WPA2_PSK), "wpa2-psk");
	ck_assert_str_eq(scn_cipher_name(SCN_CIPHER_TKIP), "tkip");
	ck_assert_str_eq(scn_bss_name(SCN_BSS_ANY), "any");
	scn_script_free(s);
}
END_TEST

/* Each check: the exact line, -EINVAL, nothing returned. Lines 1-4 are
 * PRE. */
static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ PRE "profile p1 ssid=lab\nprofile p1 ssid=x\n",
	  "t.scn:6:9: duplicate name 'p1' (first declared at line 5)" },
	{ PRE "profile sta1 ssid=lab\n",
	  "t.scn:5:9: duplicate name 'sta1' (first declared at line 4)" },
	{ PRE "profile p1 ssid=lab\nadapter p1\n",
	  "t.scn:6:9: duplicate name 'p1' (first declared at line 5)" },
	{ PRE "profile\n", "t.scn:5:9: profile: missing name (e.g. 'profile prof1')" },
	{ PRE "profile p1 auth=open\n", "t.scn:5:22: profile p1: missing required ssid=" },
	{ PRE "profile p1 ssid=\n", "t.scn:5:17: profile p1: ssid must be 1..32 bytes (got 0)" },
	{ PRE "profile p1 ssid=0123456789012345678901234567890123\n",
	  "t.scn:5:17: profile p1: ssid must be 1..32 bytes (got 34)" },
	{ PRE "profile p1 ssid=a ssid=b ssid=c ssid=d ssid=e ssid=f ssid=g ssid=h ssid=i\n",
	  "t.scn:5:68: profile p1: more than 8 ssids" },
	{ PRE "profile p1 ssid=a ssid=a\n", "t.scn:5:24: profile p1: ssid 'a' listed twice" },
	{ PRE "profile p1 ssid=lab lab\n", "t.scn:5:21: profile: expected key=value, got 'lab'" },
	{ PRE "profile p1 ssid=lab secrity=x\n",
	  "t.scn:5:21: profile: unknown option 'secrity' (did you mean 'security'?)" },
	{ PRE "profile p1 ssid=lab auth=open auth=open\n",
	  "t.scn:5:31: profile: 'auth' given twice" },
	{ PRE "profile p1 ssid=lab auth=wpa3\n",
	  "t.scn:5:26: profile: unknown auth 'wpa3' (open, wpa2-psk, wpa2) (did you mean 'wpa2'?)" },
	{ PRE "profile p1 ssid=lab cipher=ccnp\n",
	  "t.scn:5:28: profile: unknown cipher 'ccnp' (none, ccmp, tkip, wep) (did you mean 'ccmp'?)" },
	{ PRE "profile p1 ssid=lab bss=adhoc\n",
	  "t.scn:5:25: profile: unknown bss 'adhoc' (infrastructure, independent, any)" },
	{ PRE "profile p1 ssid=lab auth=wpa2-psk cipher=wep\n",
	  "t.scn:5:42: profile p1: auth=wpa2-psk needs cipher=ccmp or tkip, not cipher=wep" },
	{ PRE "profile p1 ssid=lab auth=wpa2 cipher=none\n",
	  "t.scn:5:38: profile p1: auth=wpa2 needs cipher=ccmp or tkip, not cipher=none" },
	{ PRE "profile p1 ssid=lab auth=open cipher=ccmp\n",
	  "t.scn:5:38: profile p1: auth=open takes cipher=none or wep, not cipher=ccmp" },
	{ PRE "profile p1 ssid=lab auth=wpa2-psk onex=on\n",
	  "t.scn:5:40: profile p1: onex=on needs auth=wpa2 (802.1X), not auth=wpa2-psk" },
	{ PRE "profile p1 ssid=lab onex=yes\n",
	  "t.scn:5:26: profile: onex is on or off, not 'yes'" },
	{ PRE "profile p1 ssid=lab security=x security-file=y\n",
	  "t.scn:5:32: profile p1: security= and security-file= both given (one fragment, inline or from a file)" },
	{ PRE "profile p1 ssid=lab connectivity-file=\n",
	  "t.scn:5:39: profile p1: connectivity-file= needs a path" },
	{ PRE "profile p1 ssid=lab security=\"<a>\xff</a>\"\n",
	  "t.scn:5:30: profile p1: security= is not UTF-8 (byte 4 of the value)" },
	/* overlong '/' and a UTF-16 surrogate are not UTF-8 either */
	{ PRE "profile p1 ssid=lab security=\"\xc0\xaf\"\n",
	  "t.scn:5:30: profile p1: security= is not UTF-8 (byte 1 of the value)" },
	{ PRE "profile p1 ssid=lab connectivity=\"ok \xed\xa0\x80\"\n",
	  "t.scn:5:34: profile p1: connectivity= is not UTF-8 (byte 4 of the value)" },
	{ PRE "profile p1 ssid=lab\nconnect sta1 ap1 profile=p2\n",
	  "t.scn:6:26: undeclared profile 'p2' (did you mean 'p1'?)" },
	{ PRE "profile p1 ssid=other ssid=more\nconnect sta1 ap1 profile=p1\n",
	  "t.scn:6:26: connect: profile 'p1' does not list ssid 'lab' of ap 'ap1' (it lists 'other', 'more')" },
	{ PRE "profile p1 ssid=lab\nconnect sta1 ap1 profle=p1\n",
	  "t.scn:6:18: connect: unknown option 'profle' (did you mean 'profile'?)" },
	{ PRE "profile p1 ssid=lab\nconnect sta1 ap1 profile=p1 profile=p1\n",
	  "t.scn:6:29: connect: profile given twice" },
	{ PRE "profile p1 ssid=lab\nconnect sta1 ap1\nroam sta1 ap2 profile=p1\n",
	  "t.scn:7:15: roam: unknown option 'profile'" },
	{ PRE "connect sta1 ap1\nprofile p1 ssid=lab\n",
	  "t.scn:6:1: 'profile' after the first step (line 5): declarations go before the steps" },
	/* the new actions */
	{ PRE "traffic sta1 ap1\n",
	  "t.scn:5:9: traffic: adapter 'sta1' has not connected yet (connect it to 'ap1' first)" },
	{ PRE "connect sta1 ap1\ntraffic sta1 ap2\n",
	  "t.scn:6:9: traffic: adapter 'sta1' is on ap 'ap1', not 'ap2'" },
	{ PRE "connect sta1 ap1\ntraffic sta1 ap1 count=0\n",
	  "t.scn:6:24: traffic: bad count '0' (1..1000 frames each way)" },
	{ PRE "connect sta1 ap1\ntraffic sta1 ap1 count=1001\n",
	  "t.scn:6:24: traffic: bad count '1001' (1..1000 frames each way)" },
	{ PRE "connect sta1 ap1\ntraffic sta1 ap1 outcome=maybe\n",
	  "t.scn:6:26: traffic: outcome is ok or fail, not 'maybe'" },
	{ PRE "connect sta1 ap1\ntraffic sta1 ap1 reason=3\n",
	  "t.scn:6:18: traffic: unknown option 'reason'" },
	{ PRE "connect sta1 ap1\nap-disable ap1\ntraffic sta1 ap1\n",
	  "t.scn:7:14: ap 'ap1' is already disabled (line 6)" },
	{ PRE "connect sta1 ap3\nap-rekey ap3\n",
	  "t.scn:6:10: ap-rekey: ap 'ap3' is open (there is no key handshake without security=wpa2)" },
	{ PRE "ap-rekey sta1\n", "t.scn:5:10: 'sta1' is an adapter, but ap-rekey needs an ap here" },
	{ PRE "ap-resend-m3 ap1 sta1\n",
	  "t.scn:5:18: ap-resend-m3: adapter 'sta1' has not connected yet (connect it to 'ap1' first)" },
	{ PRE "connect sta1 ap3\nap-resend-m3 ap3 sta1\n",
	  "t.scn:6:14: ap-resend-m3: ap 'ap3' is open (there is no key handshake without security=wpa2)" },
	{ PRE "connect sta1 ap1\nap-forge-eapol ap1 sta1\n",
	  "t.scn:6:25: ap-forge-eapol: missing kind=bad-mic or kind=stale-counter" },
	{ PRE "connect sta1 ap1\nap-forge-eapol ap1 sta1 kind=bad-mac\n",
	  "t.scn:6:30: ap-forge-eapol: kind is bad-mic or stale-counter, not 'bad-mac' (did you mean 'bad-mic'?)" },
	{ PRE "connect sta1 ap1\nap-forge-eapol ap2 sta1 kind=bad-mic\n",
	  "t.scn:6:20: ap-forge-eapol: adapter 'sta1' is on ap 'ap1', not 'ap2'" },
	{ PRE "connect sta1 ap1\nap-forge-eapol ap1 sta1 kind=bad-mic count=2\n",
	  "t.scn:6:38: ap-forge-eapol: unknown option 'count'" },
	/* eapol= */
	{ PRE "expect ReceivePacket eapol=3/5\n",
	  "t.scn:5:28: unknown EAPOL message '3/5' (1/4, 2/4, 3/4, 4/4, group-1/2, group-2/2, eap-request-identity, eap-response-identity, eap-request-tls, eap-response-tls, eap-response-nak, eap-success, eap-failure) (did you mean '3/4'?)" },
	{ PRE "expect SendPacket eapol=group-2/3\n",
	  "t.scn:5:25: unknown EAPOL message 'group-2/3' (1/4, 2/4, 3/4, 4/4, group-1/2, group-2/2, eap-request-identity, eap-response-identity, eap-request-tls, eap-response-tls, eap-response-nak, eap-success, eap-failure) (did you mean 'group-2/2'?)" },
	{ PRE "expect SendPacket eapol=\n",
	  "t.scn:5:25: unknown EAPOL message '' (1/4, 2/4, 3/4, 4/4, group-1/2, group-2/2, eap-request-identity, eap-response-identity, eap-request-tls, eap-response-tls, eap-response-nak, eap-success, eap-failure)" },
	{ PRE "expect StopPostAssociate eapol=1/4\n",
	  "t.scn:5:26: StopPostAssociate has no argument 'eapol' (it takes adapter, peer, status, ret)" },
	{ PRE "expect SetKeyMappingKey eapol=1/4\n",
	  "t.scn:5:25: SetKeyMappingKey has no argument 'eapol' (it takes adapter, peer, ret, size, value)" },
	{ PRE "expect SendPacket eapl=1/4\n",
	  "t.scn:5:19: unknown argument 'eapl' (did you mean 'eapol'?)" },
	/* the AP's pairwise cipher */
	{ "ap ap1 ssid=lab cipher=tkip\n",
	  "t.scn:1:17: ap: cipher= needs security=wpa2" },
	{ "ap ap1 ssid=lab security=wpa2 passphrase=12345678 cipher=gcmp\n",
	  "t.scn:1:58: ap: unknown cipher 'gcmp' (ccmp or tkip)" },
	/* the misbehaviours for extension-owned security */
	{ "env IHV_MISBEHAVE=mute-eapl\n",
	  "t.scn:1:19: env: unknown misbehaviour 'mute-eapl' (did you mean 'mute-eapol'?)" },
	{ "env IHV_MISBEHAVE=complete-late,key-wrong-per\n",
	  "t.scn:1:33: env: unknown misbehaviour 'key-wrong-per' (did you mean 'key-wrong-peer'?)" },
};

START_TEST(test_errors)
{
	struct scn_script *s = (struct scn_script *)&s;
	char *msg = NULL;
	char want[512];
	int rc;

	rc = scn_test_parse(bad[_i].text, &s, &msg);
	snprintf(want, sizeof(want), "%s\n", bad[_i].msg);
	ck_assert_msg(rc == -EINVAL, "case %d: rc %d, message '%s'", _i, rc, msg);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(msg, want);
	free(msg);
}
END_TEST

/* The AP's own pairwise cipher (for a station asking for another). */
START_TEST(test_ap_cipher)
{
	struct scn_script *s = parse_ok(
		"ap ap1 ssid=lab security=wpa2 passphrase=secret123 cipher=tkip\n"
		"ap ap2 ssid=lab security=wpa2 passphrase=secret123 cipher=ccmp\n"
		"ap ap3 ssid=lab security=wpa2 passphrase=secret123\n"
		"adapter sta1\nconnect sta1 ap1\n");

	ck_assert(s->aps[0].tkip);
	ck_assert(!s->aps[1].tkip);
	ck_assert(!s->aps[2].tkip);
	scn_script_free(s);
}
END_TEST

/* ---- fragment files ------------------------------------------------------ */

static char dir[64];

static void write_file(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Parses @text as DIR/s.scn: 0 or -EINVAL with *msg its error line
 * (DIR replaced by "D" so the expected strings need no directory). */
static int parse_in_dir(const char *text, struct scn_script **s, char **msg)
{
	char path[128], *out = NULL, *at;
	size_t len = 0;
	FILE *err = open_memstream(&out, &len);
	int rc;

	ck_assert_ptr_nonnull(err);
	write_file("s.scn", text, strlen(text));
	snprintf(path, sizeof(path), "%s/s.scn", dir);
	rc = scn_parse_file(path, s, err);
	fclose(err);
	while ((at = strstr(out, dir))) {
		*at = 'D';
		memmove(at + 1, at + strlen(dir), strlen(at + strlen(dir)) + 1);
	}
	*msg = out;
	return rc;
}

static void files_setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/cksuite-scn-profile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void files_teardown(void)
{
	static const char *const names[] = {
		"s.scn", "sec.xml", "conn.xml", "big.xml", "max.xml", "bad.xml",
		"nul.xml", "empty.xml", "sub/x.xml",
	};
	char path[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

START_TEST(test_profile_files)
{
	static const char sec[] = "\xEF\xBB\xBF<Wpa2Psk>\n\t<Passphrase>secret123"
				  "</Passphrase>\n</Wpa2Psk>\n";
	static const char conn[] = "<Connectivity a=\"1\">caf\xc3\xa9 \xf0\x9f\x93\xb6</Connectivity>";
	char text[512], path[128], *msg, *big;
	struct scn_script *s;

	write_file("sec.xml", sec, sizeof(sec) - 1);
	write_file("conn.xml", conn, sizeof(conn) - 1);
	write_file("empty.xml", "", 0);
	snprintf(path, sizeof(path), "%s/sub", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	write_file("sub/x.xml", "<x/>", 4);
	/* exactly the limit is allowed */
	big = malloc(SCN_FRAGMENT_MAX + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', SCN_FRAGMENT_MAX + 1);
	write_file("max.xml", big, SCN_FRAGMENT_MAX);
	write_file("big.xml", big, SCN_FRAGMENT_MAX + 1);
	free(big);

	/* relative to the scenario's directory, an absolute path as is, the
	 * byte order mark dropped, an empty file as no fragment */
	snprintf(text, sizeof(text), PRE
		 "profile p1 ssid=lab security-file=sec.xml connectivity-file=%s/conn.xml\n"
		 "profile p2 ssid=lab security-file=sub/x.xml connectivity-file=empty.xml\n"
		 "profile p3 ssid=lab security-file=max.xml\n"
		 "connect sta1 ap1 profile=p1\n", dir);
	ck_assert_msg(parse_in_dir(text, &s, &msg) == 0, "%s", msg);
	free(msg);
	ck_assert_str_eq(s->profiles[0].security_xml, sec + 3);
	ck_assert_str_eq(s->profiles[0].connectivity_xml, conn);
	ck_assert_str_eq(s->profiles[1].security_xml, "<x/>");
	ck_assert_ptr_null(s->profiles[1].connectivity_xml);
	ck_assert_uint_eq(strlen(s->profiles[2].security_xml), SCN_FRAGMENT_MAX);
	scn_script_free(s);
}
END_TEST

START_TEST(test_profile_file_errors)
{
	static const struct {
		const char *decl;
		const char *msg;
	} cases[] = {
		{ "profile p1 ssid=lab security-file=missing.xml",
		  "D/s.scn:5:35: profile p1: cannot read 'D/missing.xml': No such file or directory" },
		{ "profile p1 ssid=lab connectivity-file=big.xml",
		  "D/s.scn:5:39: profile p1: 'D/big.xml' is larger than 65536 bytes" },
		{ "profile p1 ssid=lab security-file=bad.xml",
		  "D/s.scn:5:35: profile p1: 'D/bad.xml' is not UTF-8 (line 2, column 4)" },
		{ "profile p1 ssid=lab security-file=nul.xml",
		  "D/s.scn:5:35: profile p1: 'D/nul.xml' holds a NUL byte (line 1, column 3)" },
		{ "profile p1 ssid=lab security-file=.",
		  "D/s.scn:5:35: profile p1: 'D/.' is not a regular file" },
	};

	write_file("bad.xml", "<a>\n<b>\xe2\x82</b></a>", 17);
	write_file("nul.xml", "<a\0>", 4);
	{
		char *big = malloc(SCN_FRAGMENT_MAX + 1);

		ck_assert_ptr_nonnull(big);
		memset(big, ' ', SCN_FRAGMENT_MAX + 1);
		write_file("big.xml", big, SCN_FRAGMENT_MAX + 1);
		free(big);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scn_script *s = (struct scn_script *)&s;
		char text[512], want[512], *msg;

		snprintf(text, sizeof(text), PRE "%s\nunload\n", cases[i].decl);
		ck_assert_errno(parse_in_dir(text, &s, &msg), EINVAL);
		ck_assert_ptr_null(s);
		snprintf(want, sizeof(want), "%s\n", cases[i].msg);
		ck_assert_str_eq(msg, want);
		free(msg);
	}
}
END_TEST

/* ---- the new actions ------------------------------------------------------ */

START_TEST(test_new_actions)
{
	struct scn_script *s = parse_ok(PRE
		"connect sta1 ap1\n"
		"traffic sta1 ap1\n"
		"traffic sta1 ap1 count=3 outcome=fail\n"
		"ap-rekey ap1\n"
		"ap-resend-m3 ap1 sta1\n"
		"ap-forge-eapol ap1 sta1 kind=bad-mic\n"
		"ap-forge-eapol ap1 sta1 kind=stale-counter\n"
		"roam sta1 ap2\n"
		"traffic sta1 ap2 outcome=ok\n");
	static const char *const texts[] = {
		NULL,
		"sta1 <-> ap1: 10 data frames each way",
		"sta1 <-> ap1: 3 data frames each way",
		"ap1: new group key (hostapd REKEY_GTK)",
		"ap1 resends message 3/4 to sta1",
		"ap1 sends a forged message 3/4 to sta1 (bad-mic)",
		"ap1 sends a forged message 3/4 to sta1 (stale-counter)",
		NULL,
		"sta1 <-> ap2: 10 data frames each way",
	};
	const struct scn_action_args *a;
	char buf[160];

	ck_assert_uint_eq(s->n_steps, 9);
	for (size_t i = 0; i < s->n_steps; i++) {
		if (!texts[i])
			continue;
		ck_assert_int_eq(scn_step_describe(s, &s->steps[i], buf, sizeof(buf)), 0);
		ck_assert_str_eq(buf, texts[i]);
	}
	a = &s->steps[1].u.action.args;
	ck_assert_uint_eq(a->count, SCN_DEFAULT_TRAFFIC_COUNT);
	ck_assert(!a->must_fail);
	ck_assert_uint_eq(a->adapter, 0);
	ck_assert_uint_eq(a->ap, 0);
	a = &s->steps[2].u.action.args;
	ck_assert_uint_eq(a->count, 3);
	ck_assert(a->must_fail);
	ck_assert_uint_eq(s->steps[3].u.action.args.ap, 0);
	ck_assert_uint_eq(s->steps[3].u.action.args.adapter, SCN_NONE);
	ck_assert_int_eq(s->steps[5].u.action.args.forge, SCN_FORGE_BAD_MIC);
	ck_assert_int_eq(s->steps[6].u.action.args.forge, SCN_FORGE_STALE_COUNTER);
	ck_assert_uint_eq(s->steps[8].u.action.args.ap, 1);
	/* other actions take no count */
	ck_assert_uint_eq(s->steps[0].u.action.args.count, 0);
	scn_script_free(s);
}
END_TEST

/* The frame ap-forge-eapol sends: an EAPOL-Key message 3/4 by its layout
 * (IEEE 802.11-2020 12.7.2), with the counter each kind promises and
 * fresh random bytes where a real frame has secrets. */
START_TEST(test_forged_m3_layout)
{
	uint8_t a[RUN_EAPOL_M3_LEN], b[RUN_EAPOL_M3_LEN];
	static const uint8_t zero[16];

	ck_assert_errno(run_eapol_forge_m3(SCN_FORGE_NONE, a), EINVAL);
	ck_assert_ok(run_eapol_forge_m3(SCN_FORGE_BAD_MIC, a));
	ck_assert_ok(run_eapol_forge_m3(SCN_FORGE_BAD_MIC, b));
	ck_assert_uint_eq(a[0], 2);                       /* 802.1X-2004 */
	ck_assert_uint_eq(a[1], 3);                       /* EAPOL-Key */
	ck_assert_uint_eq((a[2] << 8) | a[3], RUN_EAPOL_M3_LEN - 4);
	ck_assert_uint_eq(a[4], 2);                       /* RSN */
	ck_assert_uint_eq((a[5] << 8) | a[6], 0x13CA);    /* M3, version 2 */
	ck_assert_uint_eq((a[7] << 8) | a[8], 16);        /* CCMP key */
	ck_assert_uint_eq(a[9], 0x7f);                    /* far-ahead counter */
	ck_assert_mem_eq(a + 49, zero, 16);               /* IV */
	ck_assert_mem_eq(a + 65, zero, 16);               /* RSC, reserved */
	ck_assert_uint_eq((a[97] << 8) | a[98], RUN_EAPOL_M3_LEN - 99);
	/* random nonce, MIC and key data: two frames differ in each */
	ck_assert(memcmp(a + 17, b + 17, 32) != 0);
	ck_assert(memcmp(a + 81, b + 81, 16) != 0);
	ck_assert(memcmp(a + 99, b + 99, RUN_EAPOL_M3_LEN - 99) != 0);
	ck_assert_mem_eq(a, b, 17);                       /* same header */
	ck_assert_ok(run_eapol_forge_m3(SCN_FORGE_STALE_COUNTER, b));
	ck_assert_mem_eq(b + 9, zero, 8);                 /* counter 0 */
	ck_assert_mem_eq(a, b, 9);
}
END_TEST

/* ---- eapol= and the security callees ------------------------------------- */

START_TEST(test_eapol_key)
{
	char text[2048] = PRE;
	struct scn_script *s;
	size_t n = 0;

	for (size_t i = 0; scn_eapol_names[i]; i++, n++) {
		char line[128];

		snprintf(line, sizeof(line), "expect %s adapter=sta1 eapol=%s peer=@ap1 size=99\n",
			 i % 2 ? "SendPacket" : "Dot11ExtIhvReceivePacket",
			 scn_eapol_names[i]);
		strcat(text, line);
	}
	ck_assert_uint_eq(n, 13);   /* 6 EAPOL-Key messages, 7 EAP packets */
	s = parse_ok(text);
	for (size_t i = 0; i < n; i++) {
		const struct scn_matcher *m = &s->steps[i].u.expect.matchers[1];

		ck_assert_int_eq(m->key, SCN_KEY_EAPOL);
		ck_assert_int_eq(m->value.type, SCN_VAL_EAPOL);
		ck_assert_ptr_eq(m->value.u.word, scn_eapol_names[i]);
	}
	ck_assert_str_eq(scn_key_info(SCN_KEY_EAPOL)->name, "eapol");
	ck_assert_str_eq(scn_key_info(SCN_KEY_EAPOL)->field, "eapol");
	scn_script_free(s);
}
END_TEST

/* The runner compares eapol= with the record's "eapol" field. */
START_TEST(test_eapol_matches_trace)
{
	static const uint8_t mac[1][6] = { { 2, 0, 0, 0, 1, 0 } };
	static const uint8_t bssid[3][6] = { { 2, 0, 0, 0, 0, 0 } };
	static const char *const names[] = { "sta1" };
	static const uint32_t ifindex[] = { 4 }, wiphy[] = { 1 };
	static const char rec[] = "{\"kind\":\"handler\",\"name\":"
		"\"Dot11ExtIhvReceivePacket\",\"adapter\":\"sta1\",\"peer\":"
		"\"02:00:00:00:00:00\",\"size\":99,\"eapol\":\"group-1/2\"}";
	struct run_binding b = {
		.adapter_names = names, .adapter_ifindex = ifindex,
		.adapter_wiphy = wiphy, .adapter_mac = mac, .ap_bssid = bssid,
		.n_adapters = 1, .n_aps = 3,
	};
	struct scn_script *s = parse_ok(PRE
		"expect ReceivePacket eapol=group-1/2 peer=@ap1\n"
		"expect ReceivePacket eapol=1/4\n"
		"expect SendPacket eapol=group-1/2\n");
	const struct scn_expect *e;

	e = &s->steps[0].u.expect;
	ck_assert(run_rec_matches(rec, e->targets[0], e->matchers, e->n_matchers, &b));
	e = &s->steps[1].u.expect;
	ck_assert(!run_rec_matches(rec, e->targets[0], e->matchers, e->n_matchers, &b));
	/* a record without the field never matches */
	ck_assert(!run_rec_matches("{\"kind\":\"handler\",\"name\":\"Dot11ExtIhvReceivePacket\"}",
				   e->targets[0], e->matchers, e->n_matchers, &b));
	e = &s->steps[2].u.expect;
	ck_assert(!run_rec_matches(rec, e->targets[0], e->matchers, e->n_matchers, &b));
	scn_script_free(s);
}
END_TEST

/* Every security call can be a target, with the keys the host writes. */
START_TEST(test_security_callees)
{
#define K(k) SCN_KEY_BIT(SCN_KEY_##k)
	static const struct {
		const char *name;
		unsigned int keys;
	} want[] = {
		{ "ReceivePacket", K(ADAPTER) | K(PEER) | K(SIZE) | K(EAPOL) | K(RET) },
		{ "SendPacket", K(ADAPTER) | K(PEER) | K(SIZE) | K(EAPOL) | K(RET) },
		{ "SendPacketCompletion", K(ADAPTER) | K(RET) },
		{ "SetKeyMappingKey", K(ADAPTER) | K(PEER) | K(SIZE) | K(VALUE) | K(RET) },
		{ "SetDefaultKey", K(ADAPTER) | K(PEER) | K(SIZE) | K(VALUE) | K(RET) },
		{ "SetDefaultKeyId", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "SetEtherTypeHandling", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "SetAuthAlgorithm", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "SetUnicastCipherAlgorithm", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "SetMulticastCipherAlgorithm", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "SetExcludeUnencrypted", K(ADAPTER) | K(VALUE) | K(RET) },
		{ "ValidateProfile", K(ADAPTER) | K(SIZE) | K(RET) },
		{ "GetProfileCustomUserData", K(ADAPTER) | K(SIZE) | K(RET) },
		{ "SetProfileCustomUserData", K(ADAPTER) | K(SIZE) | K(RET) },
		{ "SetCurrentProfile", K(ADAPTER) | K(RET) },
		{ "ProcessSecurityPacket", K(ADAPTER) | K(SIZE) | K(EAPOL) | K(RET) },
	};
#undef K
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct scn_callee *c = scn_callee_lookup(want[i].name);

		ck_assert_msg(c != NULL, "%s unknown", want[i].name);
		ck_assert_msg(c->keys == want[i].keys, "%s takes 0x%x, want 0x%x",
			      want[i].name, c->keys, want[i].keys);
	}
	/* only the three packet calls take eapol= */
	for (size_t i = 0; i < scn_callee_count(); i++) {
		const struct scn_callee *c = scn_callee_at(i);

		if (c->keys & SCN_KEY_BIT(SCN_KEY_EAPOL))
			ck_assert(!strcmp(c->name, "ReceivePacket") ||
				  !strcmp(c->name, "SendPacket") ||
				  !strcmp(c->name, "ProcessSecurityPacket"));
	}
}
END_TEST

START_TEST(test_new_misbehaviours)
{
	struct scn_script *s = parse_ok(
		"env IHV_MISBEHAVE=mute-eapol,send-after-stop,key-wrong-peer,key-outside-postassoc\n"
		"extension misbehave\nadapter sta1\nunload\n");
	char *help = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&help, &len);

	ck_assert_str_eq(s->env[0].value,
			 "mute-eapol,send-after-stop,key-wrong-peer,key-outside-postassoc");
	scn_script_free(s);
	scn_help_print(f);
	fclose(f);
	ck_assert(strstr(help, "mute-eapol") && strstr(help, "send-after-stop") &&
		  strstr(help, "key-wrong-peer") && strstr(help, "key-outside-postassoc"));
	ck_assert(strstr(help, "profile NAME ssid=S"));
	ck_assert(strstr(help, "eapol=1/4|2/4|3/4|4/4|group-1/2|group-2/2"));
	free(help);
}
END_TEST

CK_SUITE(scn_profile_suite)
static Suite *scn_profile_suite(void)
{
	Suite *s = suite_create("scn-profile");
	TCase *tc = tcase_create("profile");
	TCase *files = tcase_create("files");

	tcase_add_test(tc, test_profile_inline);

	tcase_add_test(tc, test_ap_cipher);
	tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_new_actions);
	tcase_add_test(tc, test_forged_m3_layout);
	tcase_add_test(tc, test_eapol_key);
	tcase_add_test(tc, test_eapol_matches_trace);
	tcase_add_test(tc, test_security_callees);
	tcase_add_test(tc, test_new_misbehaviours);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(files, files_setup, files_teardown);
	tcase_add_test(files, test_profile_files);
	tcase_add_test(files, test_profile_file_errors);
	suite_add_tcase(s, files);
	return s;
}
