/* SPDX-License-Identifier: MIT */
/*
 * Which scenarios a run runs (ihvhost/runner/run-select.h): the shards
 * of --shard K/N (deterministic, whatever the argument order; together
 * every scenario exactly once), the state file behind --rerun-failed, the
 * "# Proves:" summaries of --list (every shipped scenario has one), and
 * `ihvhost junit-merge`, whose output must pass xmllint with the schema
 * and which refuses duplicates and anything that is not a report.
 */
#define _GNU_SOURCE
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck.h"
#include "run-job.h"
#include "run-select.h"

#define IHVHOST IHV_BUILD_DIR "/ihvhost"
#define XSD IHV_SRC_DIR "/tests/junit/junit.xsd"

static const char *const names[] = {
	"peer-deauth-completed", "demo", "roam-completed", "wpa/x", "open/x",
	"adapter-reset", "Zeta", "zeta", "a", "b", "c", "rfkill-pending", "x[2]",
};
#define N_NAMES (sizeof(names) / sizeof(names[0]))

/* The shard each name lands in, the jobs given in the order @perm. */
static void shard_of(const size_t *perm, unsigned int shards, unsigned int *where)
{
	for (unsigned int k = 1; k <= shards; k++) {
		struct run_job jobs[N_NAMES];
		size_t n = N_NAMES;

		memset(jobs, 0, sizeof(jobs));
		for (size_t i = 0; i < N_NAMES; i++)
			jobs[i].name = strdup(names[perm[i]]);
		ck_assert_ok(run_shard_jobs(jobs, &n, k, shards));
		for (size_t i = 0, last = 0; i < n; i++) {
			size_t at = 0, pos = 0;

			while (strcmp(names[at], jobs[i].name))
				at++;
			while (perm[pos] != at)
				pos++;
			ck_assert_msg(where[at] == 0, "%s in shards %u and %u of %u",
				      names[at], where[at], k, shards);
			where[at] = k;
			/* kept in the order given */
			ck_assert(i == 0 || pos > last);
			last = pos;
		}
		for (size_t i = 0; i < n; i++)
			free((char *)jobs[i].name);
	}
}

START_TEST(test_shards_cover_each_once_whatever_the_order)
{
	size_t fwd[N_NAMES], rev[N_NAMES], rot[N_NAMES];

	for (size_t i = 0; i < N_NAMES; i++) {
		fwd[i] = i;
		rev[i] = N_NAMES - 1 - i;
		rot[i] = (i + 5) % N_NAMES;
	}
	for (unsigned int shards = 1; shards <= N_NAMES + 2; shards++) {
		unsigned int a[N_NAMES] = { 0 }, b[N_NAMES] = { 0 }, c[N_NAMES] = { 0 };
		unsigned int size[N_NAMES + 3] = { 0 }, lo = ~0u, hi = 0;

		shard_of(fwd, shards, a);
		shard_of(rev, shards, b);
		shard_of(rot, shards, c);
		for (size_t i = 0; i < N_NAMES; i++) {
			ck_assert_msg(a[i] != 0, "%s in no shard of %u", names[i], shards);
			ck_assert_uint_eq(a[i], b[i]);
			ck_assert_uint_eq(a[i], c[i]);
			size[a[i]]++;
		}
		for (unsigned int k = 1; k <= shards; k++) {
			lo = size[k] < lo ? size[k] : lo;
			hi = size[k] > hi ? size[k] : hi;
		}
		ck_assert_uint_le(hi - lo, 1);
	}
}
END_TEST

/* The assignment is fixed by the bytewise order of the names: written
 * down here, so a change of the rule (a locale-aware sort, a hash) fails
 * this test rather than silently reshuffling every CI's shards. */
START_TEST(test_shard_rule_is_bytewise_round_robin)
{
	struct run_job jobs[4] = { { .name = strdup("b") }, { .name = strdup("B") },
				   { .name = strdup("a") }, { .name = strdup("c") } };
	size_t n = 4;

	/* sorted: B a b c -> shard 1 of 2: B, b (in the order given: b, B) */
	ck_assert_ok(run_shard_jobs(jobs, &n, 1, 2));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(jobs[0].name, "b");
	ck_assert_str_eq(jobs[1].name, "B");
	free((char *)jobs[0].name);
	free((char *)jobs[1].name);
	n = 0;
	ck_assert_ok(run_shard_jobs(jobs, &n, 2, 2));
	ck_assert_errno(run_shard_jobs(jobs, &n, 3, 2), EINVAL);
}
END_TEST

static char *tmp_dir(void)
{
	char tmpl[] = "/tmp/ck-run-select.XXXXXX";
	char *d = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

static void rm_rf(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_state_records_failures_and_forgets_passes)
{
	char *dir = tmp_dir(), path[512], scn[512], odd[512];
	struct scn_script s1 = { 0 }, s2 = { 0 }, s3 = { 0 };
	struct run_job jobs[3] = {
		{ .name = "one", .s = &s1, .passed = true },
		{ .name = "two", .s = &s2 },
		{ .name = "tab\there\\n", .s = &s3 },
	};
	struct run_state st;
	FILE *quiet = fopen("/dev/null", "w");

	ck_assert_ptr_nonnull(quiet);
	snprintf(path, sizeof(path), "%s/state", dir);
	snprintf(scn, sizeof(scn), "%s/one.scn", dir);
	snprintf(odd, sizeof(odd), "%s/odd\nname.scn", dir);
	write_file(scn, "adapter sta1\n");
	write_file(odd, "adapter sta1\n");
	s1.file = scn;
	s2.file = scn;
	s3.file = odd;

	ck_assert_errno(run_state_load(path, &st, stderr), ENOENT);
	ck_assert_ok(run_state_writable(path));
	ck_assert_ok(run_state_save(path, jobs, 3, quiet));
	ck_assert_ok(run_state_load(path, &st, stderr));
	ck_assert_uint_eq(st.n, 2);
	ck_assert(!run_state_has(&st, "one"));
	ck_assert(run_state_has(&st, "two"));
	ck_assert(run_state_has(&st, "tab\there\\n"));   /* escapes round-trip */
	ck_assert_str_eq(st.failed[1].file, odd);       /* absolute, as is */
	run_state_free(&st);

	/* A selection updates only what it ran: "two" passes now, the odd
	 * one was not run and stays; "one" fails now. */
	jobs[0].passed = false;
	jobs[1].passed = true;
	ck_assert_ok(run_state_save(path, jobs, 2, quiet));
	ck_assert_ok(run_state_load(path, &st, stderr));
	ck_assert_uint_eq(st.n, 2);
	ck_assert(run_state_has(&st, "one"));
	ck_assert(!run_state_has(&st, "two"));
	ck_assert(run_state_has(&st, "tab\there\\n"));
	run_state_free(&st);

	/* A scenario whose file is gone is forgotten. */
	ck_assert_int_eq(unlink(odd), 0);
	ck_assert_ok(run_state_save(path, jobs, 0, quiet));
	ck_assert_ok(run_state_load(path, &st, stderr));
	ck_assert_uint_eq(st.n, 1);
	ck_assert(run_state_has(&st, "one"));
	run_state_free(&st);

	/* Anything else at the path is neither read nor overwritten. */
	write_file(path, "precious data\n");
	ck_assert_errno(run_state_load(path, &st, quiet), EINVAL);
	ck_assert_errno(run_state_save(path, jobs, 2, quiet), EINVAL);
	{
		char buf[64] = "";
		FILE *f = fopen(path, "r");

		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
		fclose(f);
		ck_assert_str_eq(buf, "precious data\n");
	}
	write_file(path, "ihvhost-run-state 1\nfailed\tno-file\n");
	ck_assert_errno(run_state_load(path, &st, quiet), EINVAL);
	write_file(path, "ihvhost-run-state 1\nfailed\tbad\\q\t/x.scn\n");
	ck_assert_errno(run_state_load(path, &st, quiet), EINVAL);
	fclose(quiet);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(test_summary_is_the_proves_paragraph)
{
	char *dir = tmp_dir(), path[512], sum[256];

	snprintf(path, sizeof(path), "%s/a.scn", dir);
	write_file(path, "\xEF\xBB\xBF\n# Proves: one\tthing,\r\n#   and another.  \n#\n"
		   "# Not this.\nadapter sta1\n");
	ck_assert_ok(run_scn_summary(path, sum, sizeof(sum)));
	ck_assert_str_eq(sum, "Proves: one thing, and another.");
	write_file(path, "# A comment that proves nothing\nadapter sta1\n");
	ck_assert_ok(run_scn_summary(path, sum, sizeof(sum)));
	ck_assert_str_eq(sum, "");
	write_file(path, "adapter sta1\n# Proves: too late\n");
	ck_assert_ok(run_scn_summary(path, sum, sizeof(sum)));
	ck_assert_str_eq(sum, "");
	/* cut, never overrun */
	write_file(path, "# Proves: 0123456789 0123456789\n");
	ck_assert_ok(run_scn_summary(path, sum, 12));
	ck_assert_str_eq(sum, "Proves: 012");
	snprintf(path, sizeof(path), "%s/none.scn", dir);
	ck_assert_errno(run_scn_summary(path, sum, sizeof(sum)), ENOENT);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* What --list promises: every shipped scenario says what it proves. */
START_TEST(test_every_shipped_scenario_has_a_summary)
{
	glob_t g;
	char sum[4096];

	ck_assert_int_eq(glob(IHV_SRC_DIR "/scenarios/*.scn", 0, NULL, &g), 0);
	ck_assert_uint_gt(g.gl_pathc, 10);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		ck_assert_ok(run_scn_summary(g.gl_pathv[i], sum, sizeof(sum)));
		ck_assert_msg(!strncmp(sum, "Proves", 6) && strlen(sum) > 20,
			      "%s: no \"# Proves:\" paragraph", g.gl_pathv[i]);
	}
	globfree(&g);
}
END_TEST

/* Runs @cmd through sh; its exit status, its stdout+stderr in @out. */
static int run_cmd(const char *cmd, char **out)
{
	size_t len = 0;
	FILE *p = popen(cmd, "r");
	int st;

	ck_assert_ptr_nonnull(p);
	*out = NULL;
	if (getdelim(out, &len, '\0', p) < 0) {
		free(*out);
		*out = strdup("");
	}
	st = pclose(p);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

START_TEST(test_list_and_rerun_failed_from_the_command_line)
{
	char *dir = tmp_dir(), cmd[2048], *out;

	/* The default state file of the current directory is what this
	 * test is about: `make check` names another one for its own runs. */
	unsetenv("IHV_RUN_STATE");

	/* --list: name, file, summary without "Proves:" */
	snprintf(cmd, sizeof(cmd), "%s run --no-state --list --only roam-completed "
		 "%s/scenarios/*.scn 2>&1", IHVHOST, IHV_SRC_DIR);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	ck_assert_msg(!strncmp(out, "roam-completed\t" IHV_SRC_DIR "/scenarios/roam-completed.scn\t"
			       "when the station roams",
			       strlen("roam-completed\t" IHV_SRC_DIR "/scenarios/roam-completed.scn\t"
				      "when the station roams")) &&
		      strstr(out, "...\n") && !strchr(strchr(out, '\n') + 1, '\n'), "%s", out);
	free(out);

	/* no state file: an error saying so */
	snprintf(cmd, sizeof(cmd), "cd %s && %s run --rerun-failed %s/scenarios/demo.scn 2>&1",
		 dir, IHVHOST, IHV_SRC_DIR);
	ck_assert_int_eq(run_cmd(cmd, &out), 1);
	ck_assert_msg(strstr(out, "no state file .ihvhost-failed"), "%s", out);
	free(out);

	/* nothing recorded: said, nothing runs, exit 0, a TAP plan of 0 */
	snprintf(cmd, sizeof(cmd), "cd %s && printf 'ihvhost-run-state 1\\n' >.ihvhost-failed && "
		 "%s run --rerun-failed %s/scenarios/demo.scn 2>&1", dir, IHVHOST, IHV_SRC_DIR);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	ck_assert_msg(strstr(out, "1..0 # SKIP nothing recorded as failed") &&
		      strstr(out, "nothing to run"), "%s", out);
	free(out);

	/* recorded: selected by name among the files given, or alone */
	snprintf(cmd, sizeof(cmd), "cd %s && printf 'ihvhost-run-state 1\\nfailed\\tdemo\\t%s/scenarios/demo.scn\\n' "
		 ">.ihvhost-failed && %s run --rerun-failed --list %s/scenarios/*.scn | cut -f1 && "
		 "IHV_RUN_STATE=.ihvhost-failed %s run --rerun-failed --list | cut -f1",
		 dir, IHV_SRC_DIR, IHVHOST, IHV_SRC_DIR, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	ck_assert_str_eq(out, "demo\ndemo\n");
	free(out);

	/* --no-state and --rerun-failed contradict each other */
	snprintf(cmd, sizeof(cmd), "%s run --rerun-failed --no-state x.scn 2>&1", IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 1);
	free(out);
	rm_rf(dir);
	free(dir);
}
END_TEST

static void junit_shard(const char *path, const char *const *tests, size_t n, bool fail_first)
{
	struct run_job jobs[8];
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	memset(jobs, 0, sizeof(jobs));
	for (size_t i = 0; i < n; i++) {
		jobs[i].name = tests[i];
		jobs[i].started = true;
		jobs[i].passed = !(fail_first && i == 0);
		jobs[i].secs = 1.25;
		jobs[i].fail_type = i == 0 ? "expectation" : "crash";
		jobs[i].out = (char *)"output <&> ]]> \x1b[31mred\n";
		snprintf(jobs[i].reason, sizeof(jobs[i].reason), "why \"%zu\" & <not>", i);
	}
	ck_assert_int_eq(run_report_junit(f, jobs, n, 10.5, 1700000000), 0);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_junit_merge)
{
	static const char *const s1[] = { "demo", "wpa/x" };
	static const char *const s2[] = { "roam-completed", "open/x", "a&b" };
	char *dir = tmp_dir(), cmd[2048], *out;

	snprintf(cmd, sizeof(cmd), "%s/1.xml", dir);
	junit_shard(cmd, s1, 2, true);
	snprintf(cmd, sizeof(cmd), "%s/2.xml", dir);
	junit_shard(cmd, s2, 3, false);

	snprintf(cmd, sizeof(cmd), "cd %s && %s junit-merge -o all.xml 1.xml 2.xml 2>&1 && "
		 "xmllint --noout --schema %s all.xml 2>&1 && "
		 "xmllint --xpath 'concat(/testsuite/@tests,\" \",/testsuite/@failures,\" \","
		 "/testsuite/@errors,\" \",/testsuite/@time,\" \",count(//testcase),\" \","
		 "count(//property),\" \",//testcase[@name=\"a&b\"]/@time)' all.xml",
		 dir, IHVHOST, XSD);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	ck_assert_msg(strstr(out, "all.xml validates\n5 1 0 21.000 5 2 1.250"), "%s", out);
	free(out);
	/* the failure's CDATA, byte for byte */
	snprintf(cmd, sizeof(cmd), "cd %s && grep -c 'output <&> ]]]]><!\\[CDATA\\[> red' all.xml", dir);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	free(out);

	/* a test in two shards, the same shard twice: refused, OUT untouched */
	snprintf(cmd, sizeof(cmd), "cd %s && %s junit-merge -o all.xml 1.xml 2.xml 1.xml 2>&1",
		 dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 2);
	ck_assert_msg(strstr(out, "test 'demo' is in both 1.xml and 1.xml") ||
		      strstr(out, "is in both"), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "cd %s && xmllint --xpath 'string(/testsuite/@tests)' all.xml", dir);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	ck_assert_str_eq(out, "5\n");
	free(out);

	/* not a report: a cut file, a DOCTYPE, counts that lie, junk */
	snprintf(cmd, sizeof(cmd), "cd %s && head -c 300 1.xml >cut.xml && "
		 "%s junit-merge -o m.xml cut.xml 2>&1", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 2);
	ck_assert_msg(strstr(out, "cut.xml:"), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "cd %s && sed 's/<testsuite/<!DOCTYPE x [<!ENTITY a \"b\">]>\\n&/' "
		 "1.xml >dt.xml && %s junit-merge -o m.xml dt.xml 2>&1", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 2);
	ck_assert_msg(strstr(out, "DOCTYPE"), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "cd %s && sed 's/tests=\"2\"/tests=\"3\"/' 1.xml >lie.xml && "
		 "%s junit-merge -o m.xml lie.xml 2>&1", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 2);
	ck_assert_msg(strstr(out, "counts tests=3"), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "cd %s && printf '<testsuites/>' >j.xml && "
		 "%s junit-merge -o m.xml j.xml 2>&1; test ! -e m.xml", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 0);
	free(out);
	/* usage: -o is required (a glob must never be taken for OUT) */
	snprintf(cmd, sizeof(cmd), "cd %s && %s junit-merge 1.xml 2.xml 2>&1", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 1);
	free(out);
	snprintf(cmd, sizeof(cmd), "cd %s && %s junit-merge -o m.xml missing.xml 2>&1", dir, IHVHOST);
	ck_assert_int_eq(run_cmd(cmd, &out), 1);
	free(out);
	rm_rf(dir);
	free(dir);
}
END_TEST

CK_SUITE(run_select_suite)
static Suite *run_select_suite(void)
{
	Suite *s = suite_create("run-select");
	TCase *tc = tcase_create("run-select");

	tcase_add_test(tc, test_shards_cover_each_once_whatever_the_order);
	tcase_add_test(tc, test_shard_rule_is_bytewise_round_robin);
	tcase_add_test(tc, test_state_records_failures_and_forgets_passes);
	tcase_add_test(tc, test_summary_is_the_proves_paragraph);
	tcase_add_test(tc, test_every_shipped_scenario_has_a_summary);
	tcase_add_test(tc, test_list_and_rerun_failed_from_the_command_line);
	tcase_add_test(tc, test_junit_merge);
	suite_add_tcase(s, tc);
	return s;
}
