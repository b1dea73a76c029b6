/* SPDX-License-Identifier: MIT */
/*
 * The runner's reports, judged by the tools CI judges them with: the JUnit
 * XML must pass `xmllint --schema tests/junit/junit.xsd` whatever the
 * extension printed (ANSI colours, "]]>", control characters, broken
 * UTF-8), and a TAP line stays one line with no accidental directive. The
 * verdict lines a scenario process writes are parsed only with their nonce.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck.h"
#include "cli-num.h"
#include "run-job.h"
#include "run-verdict.h"

#define XSD IHV_SRC_DIR "/tests/junit/junit.xsd"

/* What an extension might print: colours, a CDATA terminator, a NUL-free
 * control zoo, invalid and valid UTF-8, markup. */
static const char hostile[] =
	"\x1b[31mred\x1b[0m <b>&amp;</b> \"q\" 'a' ]]> and ]]]]>\n"
	"bell\a back\b ff\f vt\v esc\x1b alone, del\x7f\n"
	"bad utf-8: \xff\xfe \xc3\x28 \xe2\x82 overlong \xc0\xaf surrogate \xed\xa0\x80\n"
	"good utf-8: gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x93\xa1\r\n";

static int xmllint(const char *path, const char *xsd)
{
	char cmd[1024];
	int st;

	snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s' 2>/dev/null",
		 xsd, path);
	st = system(cmd);
	ck_assert_msg(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != 127,
		      "xmllint is not installed (make deps installs libxml2-utils)");
	return WEXITSTATUS(st);
}

static void write_junit(const char *path, struct run_job *jobs, size_t n)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(run_report_junit(f, jobs, n, 12.5, 1700000000), 0);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_junit_hostile_output_is_schema_valid)
{
	char path[] = "/tmp/ihv-junit-XXXXXX";
	int fd = mkstemp(path);
	struct run_job jobs[4] = {
		{ .name = "passes", .started = true, .passed = true, .secs = 1.5,
		  .fail_type = "expectation" },
		{ .name = "a<b>&\"c\"", .started = true, .secs = 2,
		  .fail_type = "expectation", .out = (char *)hostile },
		{ .name = "no-verdict", .started = true, .secs = 0.25,
		  .fail_type = "no-verdict", .out = (char *)hostile },
		{ .name = "never-ran", .fail_type = "expectation" },
	};
	char *xml = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(jobs[1].reason, sizeof(jobs[1].reason), "%s", hostile);
	snprintf(jobs[2].reason, sizeof(jobs[2].reason), "the extension called "
		 "exit(0) in Dot11ExtIhvInitService \x1b[1m]]>\x01");
	write_junit(path, jobs, 4);
	ck_assert_int_eq(xmllint(path, XSD), 0);

	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_gt(getdelim(&xml, &len, '\0', f), 0);
	fclose(f);
	/* the counts a CI dashboard shows */
	ck_assert_ptr_nonnull(strstr(xml, "tests=\"4\" failures=\"1\" errors=\"1\" "
				     "skipped=\"1\" time=\"12.500\" "
				     "timestamp=\"2023-11-14T22:13:20\""));
	ck_assert_ptr_nonnull(strstr(xml, "name=\"a&lt;b&gt;&amp;&quot;c&quot;\""));
	ck_assert_ptr_nonnull(strstr(xml, "<error type=\"no-verdict\""));
	ck_assert_ptr_nonnull(strstr(xml, "<failure type=\"expectation\""));
	ck_assert_ptr_nonnull(strstr(xml, "<skipped"));
	/* no raw escape character, and the good UTF-8 kept as it was */
	ck_assert_ptr_null(strchr(xml, '\x1b'));
	ck_assert_ptr_nonnull(strstr(xml, "gr\xc3\xbc\xc3\x9f \xe2\x82\xac"));
	ck_assert_ptr_nonnull(strstr(xml, "\xef\xbf\xbd"));
	free(xml);
	unlink(path);
}
END_TEST

/* The schema is not a rubber stamp: the report the runner wrote before
 * (no counts of errors or skips, no timestamp or hostname, raw output in
 * CDATA) is refused. */
START_TEST(test_junit_schema_refuses_the_old_format)
{
	char path[] = "/tmp/ihv-junit-XXXXXX";
	int fd = mkstemp(path);
	static const char old[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"ihvhost\" tests=\"1\">\n"
		"  <testcase classname=\"ihvhost.scenarios\" name=\"x\" time=\"1.000\">\n"
		"    <failure message=\"exit code 10\"><![CDATA[oops]]></failure>\n"
		"  </testcase>\n</testsuite>\n";

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, old, sizeof(old) - 1), (int)sizeof(old) - 1);
	close(fd);
	ck_assert_int_ne(xmllint(path, XSD), 0);
	unlink(path);
}
END_TEST

START_TEST(test_tap_line_stays_one_line)
{
	char path[] = "/tmp/ihv-tap-XXXXXX";
	int fd = mkstemp(path);
	struct run_job j = { .name = "t#1", .started = true, .secs = 1,
			     .fail_type = "expectation" };
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_ge(fd, 0);
	snprintf(j.reason, sizeof(j.reason), "x.scn:3:1: expect A\n# TODO saw B\tnow");
	fflush(stdout);
	ck_assert(freopen(path, "w", stdout));
	run_report_tap(&j, 7);
	fflush(stdout);
	f = fopen(path, "r");
	ck_assert_int_gt(getdelim(&text, &len, '\0', f), 0);
	fclose(f);
	ck_assert_str_eq(text, "not ok 7 - t\\#1 (1.00 s): x.scn:3:1: expect A "
			 "\\# TODO saw B now\n");
	free(text);
	close(fd);
	unlink(path);
}
END_TEST

START_TEST(test_verdict_needs_its_nonce)
{
	struct run_verdict v;

	ck_assert_int_eq(run_verdict_parse("verdict 1f 0 -\n", 0x1f, &v), 0);
	ck_assert(v.has_verdict);
	ck_assert_int_eq(v.code, 0);
	ck_assert_str_eq(v.reason, "");
	/* another nonce (an extension guessing the format) is not a verdict */
	ck_assert_int_eq(run_verdict_parse("verdict 20 0 -\n", 0x1f, &v), -ENOENT);
	ck_assert(!v.has_verdict);
	/* a cut line is no verdict */
	ck_assert_int_eq(run_verdict_parse("verdict 1f 0 -", 0x1f, &v), -ENOENT);
	ck_assert_int_eq(run_verdict_parse("verdict 1f 10 a.scn:3:1: expect X: "
					   "not seen\n", 0x1f, &v), 0);
	ck_assert_int_eq(v.code, 10);
	ck_assert_str_eq(v.reason, "a.scn:3:1: expect X: not seen");
	ck_assert_int_eq(run_verdict_parse("exit 1f 0 Dot11ExtIhvInitService\t"
					   "loading the extension /x.so\n", 0x1f, &v), 0);
	ck_assert(!v.has_verdict);
	ck_assert(v.has_exit);
	ck_assert_str_eq(v.exit_handler, "Dot11ExtIhvInitService");
	ck_assert_str_eq(v.exit_phase, "loading the extension /x.so");
	ck_assert_int_eq(run_verdict_parse("exit 1f 3 -\tbuilding the world\n",
					   0x1f, &v), 0);
	ck_assert_int_eq(v.exit_status, 3);
	ck_assert_str_eq(v.exit_handler, "");
	ck_assert_str_eq(v.exit_phase, "building the world");
	/* a handler name with spaces */
	ck_assert_int_eq(run_verdict_parse("exit 1f 0 dlopen (the constructors)\t"
					   "loading x\n", 0x1f, &v), 0);
	ck_assert_str_eq(v.exit_handler, "dlopen (the constructors)");
	ck_assert_str_eq(v.exit_phase, "loading x");
}
END_TEST

/* Two scenarios with the same file name in different folders (and one
 * file given twice) keep apart: distinct TAP names, hence distinct trace
 * and recording files. Runs the real program; without mac80211_hwsim
 * each scenario fails at set-up, which is enough to see the names. */
START_TEST(test_same_file_name_different_folders)
{
	char dir[] = "/tmp/ihv-names-XXXXXX", cmd[1024], *out = NULL;
	static const char scn[] = "ap ap1 ssid=lab\nadapter sta1\nsleep 1ms\n";
	size_t len = 0;
	FILE *p;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "mkdir %s/wpa %s/open && printf '%s' >%s/wpa/x.scn && "
		 "printf '%s' >%s/open/x.scn && printf '%s' >%s/y.scn", dir, dir,
		 scn, dir, scn, dir, scn, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cd %s && %s/ihvhost run wpa/x.scn "
		 "open/x.scn y.scn wpa/x.scn 2>&1", dir, IHV_BUILD_DIR);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_gt(getdelim(&out, &len, '\0', p), 0);
	pclose(p);
	ck_assert_msg(strstr(out, " 1 - wpa/x (") && strstr(out, " 2 - open/x (") &&
		      strstr(out, " 3 - y (") && strstr(out, " 4 - wpa/x[2] ("),
		      "names not unique:\n%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Command-line numbers: the whole word, in range, finite, no wrap-around. */
START_TEST(test_cli_numbers_are_strict)
{
	unsigned long long v = 7;
	double d = 7;

	ck_assert_int_eq(cli_uint("42", 1, 64, &v), 0);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(cli_uint("4294967297", 1, 3600000, &v), -ERANGE);
	ck_assert_int_eq(cli_uint("99999999999999999999999", 1, ~0ull, &v), -ERANGE);
	ck_assert_int_eq(cli_uint("0", 1, 64, &v), -ERANGE);
	ck_assert_int_eq(cli_uint("-1", 0, ~0ull, &v), -EINVAL);
	ck_assert_int_eq(cli_uint("+1", 0, 9, &v), -EINVAL);
	ck_assert_int_eq(cli_uint(" 1", 0, 9, &v), -EINVAL);
	ck_assert_int_eq(cli_uint("1x", 0, 9, &v), -EINVAL);
	ck_assert_int_eq(cli_uint("", 0, 9, &v), -EINVAL);
	ck_assert_uint_eq(v, 42);                   /* untouched on failure */
	ck_assert_int_eq(cli_decimal("1.5", 0, 100, &d), 0);
	ck_assert(d == 1.5);
	ck_assert_int_eq(cli_decimal("nan", 0, 100, &d), -EINVAL);
	ck_assert_int_eq(cli_decimal("inf", 0, 100, &d), -EINVAL);
	ck_assert_int_eq(cli_decimal("1e308", 0, 100, &d), -EINVAL);
	ck_assert_int_eq(cli_decimal("0", 0, 100, &d), -ERANGE);
	ck_assert_int_eq(cli_decimal("101", 0, 100, &d), -ERANGE);
	ck_assert_int_eq(cli_decimal("-1", 0, 100, &d), -EINVAL);
	ck_assert(d == 1.5);
}
END_TEST

/* Selecting scenarios: --list prints test names and runs nothing, --only
 * keeps the names matching its patterns, and a selection matching nothing
 * is an error (exit 1), never an empty pass. */
START_TEST(test_list_and_only)
{
	char cmd[1024], *out = NULL;
	size_t len = 0;
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "%s/ihvhost run --list --only 'roam-*,demo' "
		 "%s/scenarios/*.scn 2>&1", IHV_BUILD_DIR, IHV_SRC_DIR);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_gt(getdelim(&out, &len, '\0', p), 0);
	st = pclose(p);
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	ck_assert_msg(!strncmp(out, "demo\t", 5) && strstr(out, "\nroam-completed\t") &&
		      !strstr(out, "peer-deauth") && !strstr(out, "1.."),
		      "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s/ihvhost run --only 'nothing-*' %s/scenarios/demo.scn "
		 ">/dev/null 2>&1", IHV_BUILD_DIR, IHV_SRC_DIR);
	st = system(cmd);
	ck_assert_int_eq(WEXITSTATUS(st), 1);
	snprintf(cmd, sizeof(cmd), "%s/ihvhost --version | grep -qx 'ihvhost [0-9.]*'",
		 IHV_BUILD_DIR);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

CK_SUITE(report_suite)
static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, test_junit_hostile_output_is_schema_valid);
	tcase_add_test(tc, test_junit_schema_refuses_the_old_format);
	tcase_add_test(tc, test_tap_line_stays_one_line);
	tcase_add_test(tc, test_verdict_needs_its_nonce);
	tcase_add_test(tc, test_same_file_name_different_folders);
	tcase_add_test(tc, test_cli_numbers_are_strict);
	tcase_add_test(tc, test_list_and_only);
	suite_add_tcase(s, tc);
	return s;
}
