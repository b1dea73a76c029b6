/* SPDX-License-Identifier: MIT */
/*
 * The action table (ihvhost/lang/scn-actions.c) and what is derived from
 * it: every row has a runner implementation, the timeline text of each
 * action, the help text and the manual's table (doc/scenarios.md), and the
 * lifecycle checks the rows declare.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "run.h"
#include "scn.h"
#include "scn-util.h"

static struct scn_script *parse_ok(const char *text)
{
	struct scn_script *s = NULL;
	char *msg = NULL;

	ck_assert_msg(scn_test_parse(text, &s, &msg) == 0, "parse failed: %s", msg);
	free(msg);
	return s;
}

static char *parse_err(const char *text)
{
	struct scn_script *s = NULL;
	char *msg = NULL;

	ck_assert_int_eq(scn_test_parse(text, &s, &msg), -EINVAL);
	ck_assert_ptr_null(s);
	return msg;
}

/* A language action without a runner implementation would fail every
 * scenario that uses it: the runner refuses to start instead. */
START_TEST(test_every_action_has_an_implementation)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&msg, &len);

	ck_assert_int_eq(run_actions_complete(err), 0);
	fclose(err);
	ck_assert_str_eq(msg, "");
	free(msg);
	ck_assert_uint_ge(scn_action_count(), 18);
	for (size_t i = 0; i < scn_action_count(); i++)
		ck_assert_ptr_eq(scn_action_lookup(scn_action_name(scn_action_at(i))),
				 scn_action_at(i));
	ck_assert_ptr_null(scn_action_lookup("expect"));
	ck_assert_ptr_null(scn_action_at(scn_action_count()));
}
END_TEST

/* The timeline's air lane shows each action in the table's words. */
START_TEST(test_describe_each_action)
{
	static const struct {
		const char *line;
		const char *text;       /* NULL: not shown */
	} cases[] = {
		{ "connect sta1 ap1", "sta1 connects to ap1 (ssid lab, 2437 MHz)" },
		{ "roam sta1 ap2", "sta1 roams to ap2 (ssid lab, 2412 MHz)" },
		{ "disconnect sta1", "sta1 disconnects (reason 3)" },
		{ "deauth ap2 sta1 reason=7", "ap2 deauthenticates sta1 (reason 7)" },
		{ "disassoc ap2 sta1", "ap2 disassociates sta1 (reason 8)" },
		{ "ap-disable ap1", "ap1: ap-disable" },
		{ "ap-vanish ap1", "ap1: ap-vanish (hostapd SIGKILL, beacons stop)" },
		{ "ap-start ap1", "ap1: ap-start" },
		{ "ap-stop ap2", "ap2: ap-stop (hostapd SIGTERM)" },
		{ "rfkill sta1 unblock", "sta1: rfkill unblock" },
		{ "iface-down sta1", "sta1: iface-down" },
		{ "reset sta1", "sta1: reset" },
		{ "sleep 10ms", NULL },
		{ "unload", "unload" },
	};
	char text[2048] = "ap ap1 ssid=lab channel=6\nap ap2 ssid=lab\nadapter sta1\n";
	struct scn_script *s;
	char buf[192];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcat(text, cases[i].line);
		strcat(text, "\nexpect-no StopPostAssociate for 1ms\n");
	}
	s = parse_ok(text);
	ck_assert_uint_eq(s->n_steps, 2 * (sizeof(cases) / sizeof(cases[0])));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct scn_step *st = &s->steps[2 * i];
		int rc = scn_step_describe(s, st, buf, sizeof(buf));

		ck_assert(scn_step_is_action(st->kind));
		if (cases[i].text) {
			ck_assert_int_eq(rc, 0);
			ck_assert_str_eq(buf, cases[i].text);
		} else {
			ck_assert_int_eq(rc, -ENOENT);
			ck_assert_str_eq(buf, "");
		}
		/* expectations are not actions and are not shown */
		ck_assert_int_eq(scn_step_describe(s, st + 1, buf, sizeof(buf)), -ENOENT);
	}
	/* a short buffer is cut, never overrun, always terminated */
	ck_assert_int_eq(scn_step_describe(s, &s->steps[0], buf, 8), 0);
	ck_assert_str_eq(buf, "sta1 co");
	scn_script_free(s);
}
END_TEST

/* The manual's table of actions is exactly what the table says (run
 * `make doc` after changing a row). */
START_TEST(test_manual_is_current)
{
	static const char begin[] = "<!-- actions:";
	static const char end[] = "<!-- end of actions -->";
	char *gen = NULL, *doc = NULL, *from, *to;
	size_t glen = 0, dlen = 0;
	FILE *f = open_memstream(&gen, &glen);
	FILE *d = fopen(IHV_SRC_DIR "/doc/scenarios.md", "r");

	scn_actions_markdown(f);
	fclose(f);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_gt(getdelim(&doc, &dlen, '\0', d), 0);
	fclose(d);
	from = strstr(doc, begin);
	ck_assert_ptr_nonnull(from);
	from = strchr(from, '\n') + 1;
	to = strstr(from, end);
	ck_assert_ptr_nonnull(to);
	*to = '\0';
	ck_assert_msg(!strcmp(from, gen), "doc/scenarios.md's actions are stale: "
		      "run `make doc`\n--- doc:\n%s--- table:\n%s", from, gen);
	/* every row, with its usage, in the help text as well */
	free(gen);
	gen = NULL;
	f = open_memstream(&gen, &glen);
	scn_help_print(f);
	fclose(f);
	for (size_t i = 0; i < scn_action_count(); i++)
		ck_assert_msg(strstr(gen, scn_action_name(scn_action_at(i))),
			      "help lacks '%s'", scn_action_name(scn_action_at(i)));
	free(gen);
	free(doc);
}
END_TEST

/* The lifecycle the rows declare is enforced at parse time. */
START_TEST(test_row_lifecycle_checks)
{
	static const struct {
		const char *script;
		const char *msg;
	} cases[] = {
		{ "ap-enable ap1\n", "t.scn:3:11: ap 'ap1' is not disabled (ap-enable follows ap-disable)\n" },
		{ "ap-disable ap1\nap-disable ap1\n", "t.scn:4:12: ap 'ap1' is already disabled (line 3)\n" },
		{ "ap-start ap1\n", "t.scn:3:10: ap 'ap1' is running (ap-start follows ap-stop or ap-vanish)\n" },
		{ "ap-vanish ap1\ndeauth ap1 sta1\n", "t.scn:4:8: ap 'ap1' was stopped at line 3 (ap-start it first)\n" },
		{ "remove-iface sta1\niface-up sta1\n", "t.scn:4:10: adapter 'sta1' was removed at line 3\n" },
		{ "unload\nconnect sta1 ap1\n", "t.scn:4:9: connect after unload (line 3): there is no extension any more\n" },
		{ "unload\nunload\n", "t.scn:4:1: unload again (already unloaded at line 3)\n" },
		{ "roam sta1 ap1\n", "t.scn:3:6: roam: adapter 'sta1' has not connected yet (connect it first)\n" },
		{ "sleep 1s reason=3\n", "t.scn:3:10: unexpected 'reason=3' (sleep DURATION)\n" },
		{ "disconnect sta1 reason=1 reason=2\n", "t.scn:3:26: disconnect: reason given twice\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		char *msg;

		snprintf(text, sizeof(text), "ap ap1 ssid=lab\nadapter sta1\n%s",
			 cases[i].script);
		msg = parse_err(text);
		ck_assert_str_eq(msg, cases[i].msg);
		free(msg);
	}
}
END_TEST

CK_SUITE(scn_actions_suite)
static Suite *scn_actions_suite(void)
{
	Suite *s = suite_create("scn-actions");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_every_action_has_an_implementation);
	tcase_add_test(tc, test_describe_each_action);
	tcase_add_test(tc, test_manual_is_current);
	tcase_add_test(tc, test_row_lifecycle_checks);
	suite_add_tcase(s, tc);
	return s;
}
