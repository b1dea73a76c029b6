/* SPDX-License-Identifier: MIT */
/*
 * scn: the scenario language. Good scripts give the expected typed AST;
 * every class of error gives exactly one expected "file:line:col: message"
 * line and -EINVAL; every shipped scenario (scenarios/, *.scn) parses clean
 * and every broken one (tests/scn-bad/, *.scn) fails with the message its
 * first line announces. (Limits, big inputs and files other than text:
 * cksuite-scn-limits.c.)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck.h"
#include "scn-int.h"    /* scn_set */
#include "scn.h"
#include "scn-util.h"

static const char *const good =
	"# a comment line\n"
	"ap ap1 ssid=lab channel=6\n"
	"ap ap2 ssid=\"my lab\" channel=36 security=wpa2 passphrase=\"pass word\"\n"
	"adapter sta1   # trailing comment\n"
	"adapter sta2\n"
	"env IHV_EXT_DELAY_MS=5000 FOO=bar\n"
	"extension misbehave\n"
	"timeout 1.5s\n"
	"expect-fail late-completion Dot11ExtPostAssociateCompletion\n"
	"\n"
	"connect sta1 ap1\n"
	"expect StopPostAssociate adapter=sta1 peer=@ap1 status=PEER_DEAUTHENTICATED|3 within 3s\n"
	"\texpect count=2 Dot11ExtIhvStopPostAssociate status=PEER_DISASSOCIATED for 2s\n"
	"expect-no PostAssociateCompletion win32=ERROR_CANCELLED reason=0x38007\n"
	"expect-order StopPostAssociate DeinitAdapter adapter=sta2\n"
	"expect state sta1 authorized within 250ms\n"
	"deauth ap1 sta1\n"
	"disassoc ap2 sta2 reason=65535\n"
	"rfkill sta2 block\r\n"
	"sleep 2m\n"
	"remove-radio sta1\n"
	"ap-vanish ap1\n"
	"ap-start ap1\n"
	"expect StopPostAssociate peer=02:00:00:00:0a:ff\n"
	"unload";

START_TEST(test_good_script_ast)
{
	struct scn_script *s;
	const struct scn_step *st;
	const struct scn_expect *e;
	char *msg = NULL;

	ck_assert_ok(scn_test_parse(good, &s, &msg));
	ck_assert_str_eq(msg, "");
	free(msg);
	ck_assert_str_eq(s->file, "t.scn");

	ck_assert_uint_eq(s->n_aps, 2);
	ck_assert_str_eq(s->aps[0].name, "ap1");
	ck_assert_str_eq(s->aps[0].ssid, "lab");
	ck_assert_uint_eq(s->aps[0].channel, 6);
	ck_assert_uint_eq(s->aps[0].freq_mhz, 2437);
	ck_assert_int_eq(s->aps[0].security, SCN_SEC_OPEN);
	ck_assert_ptr_null(s->aps[0].passphrase);
	ck_assert_str_eq(s->aps[1].ssid, "my lab");
	ck_assert_uint_eq(s->aps[1].freq_mhz, 5180);
	ck_assert_int_eq(s->aps[1].security, SCN_SEC_WPA2);
	ck_assert_str_eq(s->aps[1].passphrase, "pass word");
	ck_assert_uint_eq(s->aps[1].pos.line, 3);

	ck_assert_uint_eq(s->n_adapters, 2);
	ck_assert_str_eq(s->adapters[1].name, "sta2");
	ck_assert_uint_eq(s->n_env, 2);
	ck_assert_str_eq(s->env[0].key, "IHV_EXT_DELAY_MS");
	ck_assert_str_eq(s->env[0].value, "5000");
	ck_assert_str_eq(s->env[1].key, "FOO");
	ck_assert_int_eq(s->extension, SCN_EXT_MISBEHAVE);
	ck_assert_uint_eq(s->timeout_ms, 1500);
	ck_assert_uint_eq(s->n_expect_fails, 1);
	ck_assert_str_eq(s->expect_fails[0].rule, "late-completion");
	ck_assert_str_eq(s->expect_fails[0].callee->name, "PostAssociateCompletion");
	/* expect-fail without expect-exit: the run must end in a violation */
	ck_assert_int_eq(s->expect_exit, SCN_EXIT_VIOLATION);

	ck_assert_uint_eq(s->n_steps, 15);
	st = &s->steps[0];
	ck_assert_int_eq(st->kind, SCN_STEP_ACTION);
	ck_assert_str_eq(scn_step_name(st), "connect");
	ck_assert_uint_eq(st->u.action.args.adapter, 0);
	ck_assert_uint_eq(st->u.action.args.ap, 0);
	ck_assert_uint_eq(st->pos.line, 11);
	ck_assert_uint_eq(st->pos.col, 1);
	ck_assert_str_eq(st->pos.file, "t.scn");

	st = &s->steps[1];
	ck_assert_int_eq(st->kind, SCN_STEP_EXPECT);
	e = &st->u.expect;
	ck_assert_uint_eq(e->n_targets, 1);
	ck_assert_int_eq(e->targets[0]->kind, SCN_CALLEE_HANDLER);
	ck_assert_str_eq(e->targets[0]->full, "Dot11ExtIhvStopPostAssociate");
	ck_assert_uint_eq(e->n_matchers, 3);
	ck_assert_int_eq(e->matchers[0].key, SCN_KEY_ADAPTER);
	ck_assert_uint_eq(e->matchers[0].value.u.adapter, 0);
	ck_assert_int_eq(e->matchers[1].key, SCN_KEY_PEER);
	ck_assert_int_eq(e->matchers[1].value.u.mac.kind, SCN_MAC_AP);
	ck_assert_uint_eq(e->matchers[1].value.u.mac.index, 0);
	ck_assert_int_eq(e->matchers[2].key, SCN_KEY_STATUS);
	ck_assert_uint_eq(e->matchers[2].value.u.status.value, 0x10003);
	ck_assert_uint_eq(e->matchers[2].value.u.status.mask, 0xFFFFFFFF);
	ck_assert_str_eq(e->matchers[2].text, "status=PEER_DEAUTHENTICATED|3");
	ck_assert_uint_eq(e->matchers[2].pos.col, 49);
	ck_assert_uint_eq(e->window_ms, 3000);
	ck_assert(e->window_given);
	ck_assert(!e->has_count);

	st = &s->steps[2];
	e = &st->u.expect;
	ck_assert_uint_eq(st->pos.col, 2);          /* after the tab */
	ck_assert(e->has_count);
	ck_assert_uint_eq(e->count, 2);
	ck_assert_str_eq(e->targets[0]->name, "StopPostAssociate");
	ck_assert_uint_eq(e->matchers[0].value.u.status.value, 0x20000);
	ck_assert_uint_eq(e->matchers[0].value.u.status.mask, 0xFFFF0000);
	ck_assert_uint_eq(e->window_ms, 2000);

	st = &s->steps[3];
	ck_assert_int_eq(st->kind, SCN_STEP_EXPECT_NO);
	e = &st->u.expect;
	ck_assert_int_eq(e->targets[0]->kind, SCN_CALLEE_API);
	ck_assert_int_eq(e->matchers[0].key, SCN_KEY_WIN32);
	ck_assert_uint_eq(e->matchers[0].value.u.code, 1223);
	ck_assert_int_eq(e->matchers[1].key, SCN_KEY_REASON);
	ck_assert_uint_eq(e->matchers[1].value.u.code, 0x38007);
	ck_assert_uint_eq(e->window_ms, SCN_DEFAULT_FOR_MS);
	ck_assert(!e->window_given);

	st = &s->steps[4];
	ck_assert_int_eq(st->kind, SCN_STEP_EXPECT_ORDER);
	e = &st->u.expect;
	ck_assert_uint_eq(e->n_targets, 2);
	ck_assert_str_eq(e->targets[1]->name, "DeinitAdapter");
	ck_assert_uint_eq(e->matchers[0].value.u.adapter, 1);
	ck_assert_uint_eq(e->window_ms, SCN_DEFAULT_WITHIN_MS);

	st = &s->steps[5];
	ck_assert_int_eq(st->kind, SCN_STEP_EXPECT_STATE);
	ck_assert_uint_eq(st->u.state.adapter, 0);
	ck_assert_int_eq(st->u.state.state, SCN_STATE_AUTHORIZED);
	ck_assert_uint_eq(st->u.state.within_ms, 250);

	st = &s->steps[6];
	ck_assert_str_eq(scn_step_name(st), "deauth");
	ck_assert_uint_eq(st->u.action.args.ap, 0);
	ck_assert_uint_eq(st->u.action.args.adapter, 0);
	ck_assert_uint_eq(st->u.action.args.reason, SCN_DEFAULT_DEAUTH_REASON);
	st = &s->steps[7];
	ck_assert_str_eq(scn_step_name(st), "disassoc");
	ck_assert_uint_eq(st->u.action.args.ap, 1);
	ck_assert_uint_eq(st->u.action.args.adapter, 1);
	ck_assert_uint_eq(st->u.action.args.reason, 65535);
	st = &s->steps[8];
	ck_assert_str_eq(scn_step_name(st), "rfkill");
	ck_assert(st->u.action.args.block);                 /* \r\n line ending */
	ck_assert_uint_eq(s->steps[9].u.action.args.ms, 120000);
	ck_assert_str_eq(scn_step_name(&s->steps[10]), "remove-radio");
	ck_assert_str_eq(scn_step_name(&s->steps[11]), "ap-vanish");
	ck_assert_str_eq(scn_step_name(&s->steps[12]), "ap-start");
	e = &s->steps[13].u.expect;
	ck_assert_int_eq(e->matchers[0].value.u.mac.kind, SCN_MAC_LITERAL);
	ck_assert_uint_eq(e->matchers[0].value.u.mac.addr[4], 0x0a);
	ck_assert_uint_eq(e->matchers[0].value.u.mac.addr[5], 0xff);
	ck_assert_str_eq(scn_step_name(&s->steps[14]), "unload");
	ck_assert(scn_step_is_action(s->steps[14].kind));
	ck_assert(!scn_step_is_action(SCN_STEP_EXPECT_ORDER));
	scn_script_free(s);
}
END_TEST

START_TEST(test_defaults)
{
	struct scn_script *s;
	char *msg = NULL;

	ck_assert_ok(scn_test_parse("ap a ssid=x\nadapter b\nexpect-exit crash\n"
			   "disconnect b\n", &s, &msg));
	free(msg);
	ck_assert_uint_eq(s->aps[0].channel, 1);
	ck_assert_uint_eq(s->aps[0].freq_mhz, 2412);
	ck_assert_int_eq(s->extension, SCN_EXT_REFERENCE);
	ck_assert_uint_eq(s->timeout_ms, SCN_DEFAULT_TIMEOUT_MS);
	ck_assert_int_eq(s->expect_exit, SCN_EXIT_CRASH);
	ck_assert_ptr_null(s->exit_callee);
	ck_assert_uint_eq(s->steps[0].u.action.args.reason, 3);
	scn_script_free(s);
}
END_TEST

/* Each class of error: the exact line, -EINVAL, nothing returned. The
 * scripts start with a common prelude (lines 1-3). */
#define PRE "ap ap1 ssid=lab\nap ap2 ssid=lab channel=6\nadapter sta1\n"

static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ PRE "conect sta1 ap1\n",
	  "t.scn:4:1: unknown keyword 'conect' (did you mean 'connect'?)" },
	{ PRE "frobnicate sta1\n",
	  "t.scn:4:1: unknown keyword 'frobnicate'" },
	{ PRE "connect sta1 ap3\n",
	  "t.scn:4:14: undeclared ap 'ap3' (did you mean 'ap1'?)" },
	{ PRE "connect sta2 ap1\n",
	  "t.scn:4:9: undeclared adapter 'sta2' (did you mean 'sta1'?)" },
	{ PRE "connect ap1 sta1\n",
	  "t.scn:4:9: 'ap1' is an ap, but connect needs an adapter here" },
	{ PRE "deauth sta1 ap1\n",
	  "t.scn:4:8: 'sta1' is an adapter, but deauth needs an ap here" },
	{ PRE "adapter ap1\n",
	  "t.scn:4:9: duplicate name 'ap1' (first declared at line 1)" },
	{ PRE "connect sta1\n",
	  "t.scn:4:14: connect: missing ap name (connect ADAPTER AP [profile=NAME])" },
	{ PRE "unload sta1\n",
	  "t.scn:4:8: unexpected 'sta1' (unload )" },
	{ PRE "expect StopPostAsociate\n",
	  "t.scn:4:8: unknown handler or API 'StopPostAsociate' (did you mean 'StopPostAssociate'?)" },
	{ PRE "expect Dot11ExtIhvStopPostAssociat\n",
	  "t.scn:4:8: unknown handler or API 'Dot11ExtIhvStopPostAssociat' (did you mean 'Dot11ExtIhvStopPostAssociate'?)" },
	{ PRE "expect StopPostAssociate status=UNREACHABL\n",
	  "t.scn:4:33: unknown status 'UNREACHABL' (did you mean 'UNREACHABLE'?)" },
	{ PRE "expect StopPostAssociate status=UNREACHABLE|2\n",
	  "t.scn:4:33: status 'UNREACHABLE' takes no |reason (only the PEER_* and ASSOCIATION_RESPONSE ranges do)" },
	{ PRE "expect StopPostAssociate status=PEER_DEAUTHENTICATED|65536\n",
	  "t.scn:4:33: bad code in status 'PEER_DEAUTHENTICATED|65536' (PEER_*|0..65535, "
	  "ASSOCIATION_RESPONSE|0..65535, IHV|0x80000000..0xffffffff)" },
	{ PRE "expect PostAssociateCompletion win32=ERROR_SUCESS\n",
	  "t.scn:4:38: unknown Win32 error 'ERROR_SUCESS' (did you mean 'ERROR_SUCCESS'?)" },
	{ PRE "expect AllocateBuffer size=12x\n",
	  "t.scn:4:28: bad number '12x' (0..4294967295, decimal or 0x hex)" },
	{ PRE "sleep 200\n",
	  "t.scn:4:7: bad duration '200' (write e.g. 500ms, 2s, 1.5s)" },
	{ PRE "sleep 1.5ms\n",
	  "t.scn:4:7: bad duration '1.5ms' (write e.g. 500ms, 2s, 1.5s)" },
	{ PRE "sleep 2h\n",
	  "t.scn:4:7: bad duration '2h' (write e.g. 500ms, 2s, 1.5s)" },
	{ PRE "deauth ap1 sta1 reason=65536\n",
	  "t.scn:4:24: bad reason '65536' (an 802.11 reason code, 0..65535)" },
	{ PRE "disassoc ap1 sta1 raeson=3\n",
	  "t.scn:4:19: disassoc: unknown option 'raeson' (did you mean 'reason'?)" },
	{ PRE "expect StopPostAssociate stauts=3\n",
	  "t.scn:4:26: unknown argument 'stauts' (did you mean 'status'?)" },
	{ PRE "expect StopPostAssociate win32=0\n",
	  "t.scn:4:26: StopPostAssociate has no argument 'win32' (it takes adapter, peer, status, ret)" },
	{ PRE "expect-order StopPostAssociate DeinitAdapter status=7\n",
	  "t.scn:4:46: DeinitAdapter has no argument 'status' (it takes adapter)" },
	{ "ap ap1 channel=6\nadapter sta1\nconnect sta1 ap1\n",
	  "t.scn:1:18: ap ap1: missing required ssid=" },
	{ "ap ap1 ssid=lab channel=15\n",
	  "t.scn:1:25: ap: invalid channel '15' (2.4 GHz: 1..14; 5 GHz: 36..64 and 100..140 in steps of 4, 149..165)" },
	{ "ap ap1 ssid=lab security=wpa2 passphrase=short\n",
	  "t.scn:1:42: ap: passphrase must be 8..63 characters (got 5)" },
	{ "ap ap1 ssid=lab security=wpa2\n",
	  "t.scn:1:17: ap: security=wpa2 needs passphrase=" },
	{ "ap ap1 ssid=lab passphrase=longenough\n",
	  "t.scn:1:17: ap: passphrase= given but security is open (add security=wpa2)" },
	{ "ap ap1 ssid=lab chanel=6\n",
	  "t.scn:1:17: ap: unknown option 'chanel' (did you mean 'channel'?)" },
	{ "ap ap1 ssid=0123456789012345678901234567890123\n",
	  "t.scn:1:13: ap: ssid must be 1..32 bytes (got 34)" },
	{ PRE "expect StopPostAssociate peer=@ap9\n",
	  "t.scn:4:31: undeclared name '@ap9' (did you mean '@ap1'?)" },
	{ PRE "expect StopPostAssociate peer=02:00:00\n",
	  "t.scn:4:31: bad MAC '02:00:00' (write @name or aa:bb:cc:dd:ee:ff)" },
	{ PRE "expect StopPostAssociate adapter=ap1\n",
	  "t.scn:4:34: 'ap1' is an ap, but adapter needs an adapter here" },
	{ PRE "expect state sta1 authorised\n",
	  "t.scn:4:19: unknown adapter state 'authorised' (none, initialised, pre-associating, associating, post-associating, authorized) (did you mean 'authorized'?)" },
	{ PRE "expect-no StopPostAssociate within 2s\n",
	  "t.scn:4:29: expect-no waits 'for' a time, not 'within'" },
	{ PRE "expect StopPostAssociate DeinitAdapter\n",
	  "t.scn:4:26: unexpected 'DeinitAdapter' (one handler or API per expect; use expect-order for a sequence)" },
	{ PRE "expect-order StopPostAssociate\n",
	  "t.scn:4:1: expect-order needs at least two handler/API names" },
	{ PRE "expect count=0 StopPostAssociate\n",
	  "t.scn:4:14: bad count '0' (1..1000; for none use expect-no)" },
	{ PRE "expect adapter=sta1\n",
	  "t.scn:4:8: expect: a handler or API name goes before 'adapter=sta1'" },
	{ PRE "connect sta1 ap1\nadapter sta2\n",
	  "t.scn:5:1: 'adapter' after the first step (line 4): declarations go before the steps" },
	{ PRE "remove-radio sta1\nconnect sta1 ap1\n",
	  "t.scn:5:9: adapter 'sta1' was removed at line 4" },
	{ PRE "ap-vanish ap1\ndeauth ap1 sta1\n",
	  "t.scn:5:8: ap 'ap1' was stopped at line 4 (ap-start it first)" },
	{ PRE "ap-enable ap1\n",
	  "t.scn:4:11: ap 'ap1' is not disabled (ap-enable follows ap-disable)" },
	{ PRE "roam sta1 ap2\n",
	  "t.scn:4:6: roam: adapter 'sta1' has not connected yet (connect it first)" },
	{ PRE "connect sta1 ap1\nroam sta1 ap1\n",
	  "t.scn:5:11: roam: adapter 'sta1' is already on ap 'ap1'" },
	{ PRE "ap ap3 ssid=other\nconnect sta1 ap1\nroam sta1 ap3\n",
	  "t.scn:6:11: roam: ap 'ap3' has ssid 'other', not 'lab' of ap 'ap1' (a roam stays within one SSID)" },
	{ PRE "unload\nconnect sta1 ap1\n",
	  "t.scn:5:9: connect after unload (line 4): there is no extension any more" },
	{ "env IHV_EXT_DELAY=5\n",
	  "t.scn:1:5: env: unknown extension knob 'IHV_EXT_DELAY' (did you mean 'IHV_EXT_DELAY_MS'?)" },
	{ "env IHV_EXT_PREASSOC=refused\n",
	  "t.scn:1:22: env: IHV_EXT_PREASSOC is accept or refuse, got 'refused'" },
	{ "env IHV_MISBEHAVE=complete-late,hang:PerformPostAsociate\n",
	  "t.scn:1:38: unknown handler or API 'PerformPostAsociate' (did you mean 'PerformPostAssociate'?)" },
	{ "env IHV_MISBEHAVE=crash:PostAssociateCompletion\n",
	  "t.scn:1:25: env: 'PostAssociateCompletion' is an API, not a handler" },
	{ "env IHV_MISBEHAVE=hang:Dot11ExtIhvStopPostAssociate\n",
	  "t.scn:1:24: env: IHV_MISBEHAVE takes the short handler name 'StopPostAssociate'" },
	{ "env IHV_EXT_DELAY_MS=600001\n",
	  "t.scn:1:22: env: IHV_EXT_DELAY_MS must be milliseconds 0..600000, got '600001'" },
	{ PRE "expect PerformPreAssociate reason=0\n",
	  "t.scn:4:28: PerformPreAssociate has no argument 'reason' (it takes adapter, ret, size)" },
	{ "env IHV_MISBEHAVE=complete-lat\n",
	  "t.scn:1:19: env: unknown misbehaviour 'complete-lat' (did you mean 'complete-late'?)" },
	{ "extension refrence\n",
	  "t.scn:1:11: unknown extension 'refrence' (reference, misbehave, cxx, or a path containing '/')"
	  " (did you mean 'reference'?)" },
	{ "expect-fail late-complete\n",
	  "t.scn:1:13: unknown verifier rule 'late-complete' (did you mean 'late-completion'?)" },
	{ "expect-exit crash PostAssociateCompletion\n",
	  "t.scn:1:19: expect-exit: '" "PostAssociateCompletion' is an API; crash and hang are caught in handlers" },
	{ "expect-exit violation StopPostAssociate\n",
	  "t.scn:1:23: expect-exit violation takes no handler (only crash and hang do)" },
	{ "expect-fail stale-handle\nexpect-exit ok\n" PRE "unload\n",
	  "t.scn:2:13: expect-exit ok contradicts expect-fail (a reported violation fails the run)" },
	{ "timeout 0s\n", "t.scn:1:9: timeout must be > 0" },
	{ "timeout 2s\ntimeout 3s\n", "t.scn:2:1: timeout given twice (first at line 1)" },
	{ "ap ap1 ssid=\"lab\n", "t.scn:1:13: unterminated quote" },
	{ "ap ap1 ssid=lab\n\nadapter 1sta\n",
	  "t.scn:3:9: adapter: name '1sta' must start with a letter" },
	{ "adapter sta1\n", "t.scn:1:1: no steps (a scenario must do something, e.g. 'connect sta1 ap1')" },
	{ "ap ap1 ssid=x\nunload\n",
	  "t.scn:2:1: no adapter declared (a scenario needs at least one, e.g. 'adapter sta1')" },
	{ PRE "rfkill sta1 blok\n",
	  "t.scn:4:13: rfkill: expected block or unblock, got 'blok' (did you mean 'block'?)" },
	{ PRE "sleep 1s\x01\n", "t.scn:4:9: control character 0x01 in the text" },
	{ "env A=1\nenv B=2 A=3\n", "t.scn:2:9: env: A set twice (first at line 1)" },
	{ "adapter n23456789012345678901234567890123\n",
	  "t.scn:1:9: adapter: name 'n23456789012345678901234567890123' is longer than 32" },
	/* A byte order mark is skipped: line 1's columns count after it. */
	{ "\xEF\xBB\xBF" "conect sta1 ap1\n",
	  "t.scn:1:1: unknown keyword 'conect' (did you mean 'connect'?)" },
	{ "\xFF\xFE" "a", "t.scn:1:1: UTF-16 text (save the file as UTF-8)" },
};

START_TEST(test_error_messages)
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

START_TEST(test_file_errors)
{
	struct scn_script *s;
	char *msg = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&msg, &len);

	ck_assert_errno(scn_parse_file("/nonexistent/x.scn", &s, err), ENOENT);
	fclose(err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(msg, "/nonexistent/x.scn: No such file or directory\n");
	free(msg);
	err = open_memstream(&msg, &len);
	ck_assert_errno(scn_parse_file(IHV_SRC_DIR "/scenarios", &s, err), EISDIR);
	fclose(err);
	ck_assert_str_eq(msg, IHV_SRC_DIR "/scenarios: Is a directory\n");
	free(msg);
	/* A NULL error stream is allowed and still refuses. */
	ck_assert_errno(scn_parse_string("x", "bogus\n", &s, NULL), EINVAL);
	ck_assert_ptr_null(s);
}
END_TEST

START_TEST(test_status_and_names)
{
	struct scn_status_match m;

	ck_assert_ok(scn_status_parse("PEER_DEAUTHENTICATED|3", &m));
	ck_assert(scn_status_matches(&m, 0x10003));
	ck_assert(!scn_status_matches(&m, 0x10004));
	ck_assert_ok(scn_status_parse("PEER_DEAUTHENTICATED", &m));
	ck_assert(scn_status_matches(&m, 0x10000));
	ck_assert(scn_status_matches(&m, 0x1FFFF));
	ck_assert(!scn_status_matches(&m, 0x20003));
	ck_assert_ok(scn_status_parse("DOT11_ASSOC_STATUS_RADIO_OFF", &m));
	ck_assert(scn_status_matches(&m, 3));
	ck_assert(!scn_status_matches(&m, 0x10003));
	ck_assert_ok(scn_status_parse("0x20008", &m));
	ck_assert(scn_status_matches(&m, 0x20008));
	ck_assert_errno(scn_status_parse("NOPE", &m), EINVAL);

	ck_assert_ptr_eq(scn_callee_lookup("StopPostAssociate"),
			 scn_callee_lookup("Dot11ExtIhvStopPostAssociate"));
	ck_assert_ptr_eq(scn_callee_lookup("PostAssociateCompletion"),
			 scn_callee_lookup("Dot11ExtPostAssociateCompletion"));
	ck_assert_ptr_eq(scn_callee_lookup("Dot11ExtIhvOnexIndicateResult"),
			 scn_callee_lookup("OnexIndicateResult"));
	ck_assert_ptr_null(scn_callee_lookup("stoppostassociate"));
	ck_assert_ptr_null(scn_callee_lookup("Dot11ExtStopPostAssociate"));
	ck_assert_str_eq(scn_key_info(SCN_KEY_STATUS)->name, "status");
	ck_assert_str_eq(scn_state_name(SCN_STATE_POST_ASSOCIATING),
			 "post-associating");
	ck_assert_str_eq(scn_exit_name(SCN_EXIT_HANG), "hang");
}
END_TEST

/* The help text documents every step keyword and every rule. */
START_TEST(test_help_mentions_everything)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	scn_help_print(f);
	fclose(f);
	for (size_t i = 0; i < scn_action_count(); i++)
		ck_assert_msg(strstr(text, scn_action_name(scn_action_at(i))),
			      "help lacks '%s'", scn_action_name(scn_action_at(i)));
	ck_assert(strstr(text, "expect-no") && strstr(text, "expect-order") &&
		  strstr(text, "expect state"));
	for (size_t i = 0; scn_rule_names[i]; i++)
		ck_assert_msg(strstr(text, scn_rule_names[i]), "help lacks rule '%s'",
			      scn_rule_names[i]);
	free(text);
}
END_TEST

/* Each shipped scenario parses clean, and says what it proves on its
 * first line. There must be at least 30 of them. */
START_TEST(test_shipped_scenarios)
{
	const char *dir = IHV_SRC_DIR "/scenarios";
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char path[1024], first[8] = "";
		struct scn_script *s;
		char *msg = NULL;
		size_t mlen = 0;
		FILE *err, *f;

		if (l < 5 || strcmp(de->d_name + l - 4, ".scn"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		err = open_memstream(&msg, &mlen);
		ck_assert_ptr_nonnull(err);
		ck_assert_msg(scn_parse_file(path, &s, err) == 0, "%s", msg);
		fclose(err);
		ck_assert_str_eq(msg, "");
		free(msg);
		ck_assert_uint_gt(s->n_steps, 0);
		scn_script_free(s);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(fgets(first, sizeof(first), f));
		fclose(f);
		ck_assert_msg(first[0] == '#', "%s: first line is not a comment "
			      "saying what it proves", path);
		n++;
	}
	closedir(d);
	ck_assert_int_ge(n, 30);
}
END_TEST

/*
 * tests/scn-bad/ (*.scn): each starts with "# error: LINE:COL: message" and
 * must fail with exactly "<path>:LINE:COL: message".
 */
START_TEST(test_bad_files)
{
	const char *dir = IHV_SRC_DIR "/tests/scn-bad";
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char path[1024], first[512], want[1600];
		struct scn_script *s;
		char *msg = NULL;
		size_t mlen = 0;
		FILE *err, *f;

		if (l < 5 || strcmp(de->d_name + l - 4, ".scn"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(fgets(first, sizeof(first), f));
		fclose(f);
		ck_assert_msg(!strncmp(first, "# error: ", 9),
			      "%s: no '# error:' first line", path);
		snprintf(want, sizeof(want), "%s:%s", path, first + 9);
		err = open_memstream(&msg, &mlen);
		ck_assert_ptr_nonnull(err);
		ck_assert_errno(scn_parse_file(path, &s, err), EINVAL);
		fclose(err);
		ck_assert_ptr_null(s);
		ck_assert_str_eq(msg, want);
		free(msg);
		n++;
	}
	closedir(d);
	ck_assert_int_ge(n, 5);
}
END_TEST

/* Whole file, NUL-terminated. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* An error is exactly one "t.scn:LINE:COL: text" line, LINE within the
 * file and COL >= 1. */
static void check_one_error_line(const char *msg, unsigned int lines)
{
	unsigned int line = 0, col = 0;
	int used = 0;

	ck_assert_msg(sscanf(msg, "t.scn:%u:%u: %n", &line, &col, &used) == 2 &&
		      used > 0, "malformed: '%s'", msg);
	ck_assert_msg(line >= 1 && line <= lines && col >= 1, "position: '%s'", msg);
	ck_assert_msg(strlen(msg + used) > 1, "no text: '%s'", msg);
	ck_assert_msg(strchr(msg, '\n') == msg + strlen(msg) - 1,
		      "not exactly one line: '%s'", msg);
}

/*
 * Every one-byte deletion and every one-byte change of demo.scn either
 * parses or fails with one well-formed line: no crash, no silence, no
 * second line (run under SANITIZE=1 or valgrind, also no leak).
 */
START_TEST(test_mutations_fail_cleanly)
{
	char *text = slurp(IHV_SRC_DIR "/scenarios/demo.scn");
	size_t len = strlen(text);
	char *m = malloc(len + 1);
	unsigned int lines = 1;
	size_t failed = 0;

	ck_assert_ptr_nonnull(m);
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	for (size_t i = 0; i < 2 * len; i++) {
		struct scn_script *s;
		char *msg = NULL;
		int rc;

		if (i < len) {          /* delete byte i */
			memcpy(m, text, i);
			memcpy(m + i, text + i + 1, len - i);
		} else {                /* change byte i - len */
			memcpy(m, text, len + 1);
			m[i - len] = m[i - len] == 'x' ? 'y' : 'x';
		}
		rc = scn_test_parse(m, &s, &msg);
		if (rc == 0) {
			ck_assert_str_eq(msg, "");
			scn_script_free(s);
		} else {
			ck_assert_int_eq(rc, -EINVAL);
			ck_assert_ptr_null(s);
			check_one_error_line(msg, lines);
			failed++;
		}
		free(msg);
	}
	/* Most single-byte damage must be caught, not accepted. */
	ck_assert_uint_gt(failed, len / 4);
	free(m);
	free(text);
}
END_TEST

CK_SUITE(scn_suite)
static Suite *scn_suite(void)
{
	Suite *s = suite_create("scn");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_good_script_ast);
	tcase_add_test(tc, test_defaults);
	tcase_add_loop_test(tc, test_error_messages, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_file_errors);
	tcase_add_test(tc, test_status_and_names);
	tcase_add_test(tc, test_help_mentions_everything);
	tcase_add_test(tc, test_shipped_scenarios);
	tcase_add_test(tc, test_bad_files);
	tcase_add_test(tc, test_mutations_fail_cleanly);
	suite_add_tcase(s, tc);
	return s;
}
