/* SPDX-License-Identifier: MIT */
/*
 * scn limits: every limit of scn.h is refused at its position, big inputs
 * parse in linear time, and only regular text files are read (a FIFO must
 * not block, a BOM is skipped, a NUL byte is named).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck.h"
#include "scn-int.h"    /* scn_set */
#include "scn.h"
#include "scn-util.h"

/* ---- limits (scn.h) and big inputs ---------------------------------- */

/* Writes @n lines "<prefix><i><suffix>" (i = 1..n) to @f. */
static void lines(FILE *f, const char *prefix, size_t n, const char *suffix)
{
	for (size_t i = 1; i <= n; i++)
		fprintf(f, "%s%zu%s\n", prefix, i, suffix);
}

/* @text parses (@want "") or fails with exactly the line @want. */
static void check_parse(const char *text, const char *want)
{
	struct scn_script *s;
	char *msg = NULL;
	int rc = scn_test_parse(text, &s, &msg);

	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(rc, *want ? -EINVAL : 0);
	scn_script_free(s);
	free(msg);
}

/* roaming: off, or its three values in range, each at most once. */
START_TEST(test_roaming_statement)
{
	static const char head[] = "ap a ssid=x\nadapter s\n";
	struct scn_script *s;
	char text[256], *msg = NULL;

	snprintf(text, sizeof(text), "%sroaming threshold=-75dBm better-by=10\nconnect s a\n", head);
	ck_assert_int_eq(scn_test_parse(text, &s, &msg), 0);
	ck_assert(s->roaming.set && !s->roaming.off);
	ck_assert_int_eq(s->roaming.threshold_dbm, -75);
	ck_assert_int_eq(s->roaming.better_db, 10);
	ck_assert_int_eq(s->roaming.hysteresis_db, 0);
	scn_script_free(s);
	free(msg);
	snprintf(text, sizeof(text), "%sroaming off\nconnect s a\n", head);
	ck_assert_int_eq(scn_test_parse(text, &s, &msg), 0);
	ck_assert(s->roaming.off);
	scn_script_free(s);
	free(msg);
	check_parse("ap a ssid=x\nadapter s\nroaming threshold=-10dB\nconnect s a\n",
		    "t.scn:3:19: roaming: threshold=-10dB: a whole number from -120 to -1 (dBm may follow)\n");
	check_parse("ap a ssid=x\nadapter s\nroaming off\nroaming off\nconnect s a\n",
		    "t.scn:4:1: roaming given twice (first at line 3)\n");
	check_parse("ap a ssid=x\nadapter s\nroaming speed=3\nconnect s a\n",
		    "t.scn:3:9: roaming: unknown key 'speed' (threshold, hysteresis, better-by)\n");
}
END_TEST

/* What the runner can build parses; the 129th ap or adapter is refused
 * where it is declared, not when the run gets to it. */
START_TEST(test_limit_aps_adapters)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	lines(f, "ap p", SCN_MAX_APS, " ssid=x");
	lines(f, "adapter a", SCN_MAX_ADAPTERS, "");
	fputs("connect a128 p128\n", f);
	fclose(f);
	check_parse(text, "");
	free(text);

	f = open_memstream(&text, &len);
	lines(f, "adapter a", SCN_MAX_ADAPTERS + 1, "");
	fclose(f);
	check_parse(text, "t.scn:129:1: adapter: too many adapters (at most 128)\n");
	free(text);

	f = open_memstream(&text, &len);
	lines(f, "ap p", SCN_MAX_APS + 1, " ssid=x");
	fclose(f);
	check_parse(text, "t.scn:129:1: ap: too many APs (at most 128)\n");
	free(text);
}
END_TEST

/* 32 characters is a name, 33 is not (the table above). */
START_TEST(test_limit_names)
{
	check_parse("ap n2345678901234567890123456789012 ssid=x\n"
		    "adapter m2345678901234567890123456789012\n"
		    "connect m2345678901234567890123456789012 n2345678901234567890123456789012\n"
		    "expect PerformPostAssociate peer=@n2345678901234567890123456789012\n", "");
}
END_TEST

/* "KEY=VALUE\0" of exactly 64 KiB: 16 variables of 4000 bytes and one
 * with the rest. */
static void env_64k(FILE *f)
{
	char big[4001];
	size_t used = 0;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 1; i <= 16; i++) {
		fprintf(f, "env V%d=%s\n", i, big);
		used += (i < 10 ? 2 : 3) + 4000 + 2;
	}
	big[SCN_ENV_MAX_BYTES - used - 3] = '\0';
	fprintf(f, "env W=%s\n", big);
}

START_TEST(test_limit_env)
{
	static const char *const tails[] = {
		"adapter a\nunload\n", "env K500=w\n", "env K1025=v\n",
	};
	static const char *const want[] = {
		"", "t.scn:1025:5: env: K500 set twice (first at line 500)\n",
		"t.scn:1025:5: env: too many variables (at most 1024)\n",
	};
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	/* 1024 variables, then one that is a duplicate or one more */
	for (int i = 0; i < 3; i++) {
		f = open_memstream(&text, &len);
		lines(f, "env K", SCN_MAX_ENV, "=v");
		fputs(tails[i], f);
		fclose(f);
		check_parse(text, want[i]);
		free(text);
	}
	for (int i = 0; i < 2; i++) {
		f = open_memstream(&text, &len);
		env_64k(f);
		fputs(i ? "env X=\n" : "adapter a\nunload\n", f);
		fclose(f);
		check_parse(text, i ? "t.scn:18:5: env: variables too large (at "
			    "most 65536 bytes of KEY=VALUE in all)\n" : "");
		free(text);
	}
}
END_TEST

START_TEST(test_limit_steps)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fputs("adapter a\n", f);
	lines(f, "sleep 1ms # step ", SCN_MAX_STEPS, "");
	fflush(f);
	check_parse(text, "");
	fputs("sleep 1ms\n", f);
	fclose(f);
	check_parse(text, "t.scn:100002:1: too many steps (at most 100000)\n");
	free(text);
}
END_TEST

START_TEST(test_limit_line)
{
	char text[32 + SCN_LINE_MAX + 8];
	size_t n = strlen("adapter a\n#");

	/* A line of 4096 bytes (then "\r\n"), then of 4097. */
	memset(text, 'x', sizeof(text));
	memcpy(text, "adapter a\n#", n);
	strcpy(text + n - 1 + SCN_LINE_MAX, "\r\nunload\n");
	check_parse(text, "");
	strcpy(text + n - 1 + SCN_LINE_MAX, "x\nunload\n");
	check_parse(text, "t.scn:2:4097: line too long (at most 4096 bytes)\n");
}
END_TEST

/*
 * Parsing stays linear. No timing here: these inputs are big enough that
 * quadratic parsing overruns Check's per-test timeout (4 s by default,
 * CK_DEFAULT_TIMEOUT) by far. When every declaration scanned all the
 * earlier ones, this 1 MiB of adapters took 16 s and the 170k env lines
 * minutes. Now each is refused at its limit, and the names and keys are
 * looked up in a hash set, so that raising a limit cannot bring it back.
 */
START_TEST(test_big_adapters_file)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	lines(f, "adapter a", 80000, "");   /* 1.1 MiB */
	fputs("unload\n", f);
	fclose(f);
	ck_assert_uint_ge(len, 1u << 20);
	check_parse(text, "t.scn:129:1: adapter: too many adapters (at most 128)\n");
	free(text);
}
END_TEST

/* What keeps it linear past the limits: 200k names, each looked up
 * before it is added (a scan would take 2 * 10^10 comparisons). */
START_TEST(test_name_set_scales)
{
	enum { N = 200000 };
	struct scn_set set = { 0 };
	char (*keys)[12] = malloc(N * sizeof(*keys));
	size_t wrong = 0;

	/* One assertion at the end: Check records each one it runs. */
	ck_assert_ptr_nonnull(keys);
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		wrong += scn_set_get(&set, keys[i]) != SCN_NONE;
		wrong += scn_set_put(&set, keys[i], i) != 0;
	}
	for (size_t i = 0; i < N; i++)
		wrong += scn_set_get(&set, keys[i]) != i;
	wrong += scn_set_get(&set, "k") != SCN_NONE;
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_eq(set.n, N);
	scn_set_release(&set);
	free(keys);
}
END_TEST

START_TEST(test_big_env_file)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	lines(f, "env K", 170000, "=V");
	fputs("adapter a\nunload\n", f);
	fclose(f);
	check_parse(text, "t.scn:1025:5: env: too many variables (at most 1024)\n");
	free(text);
}
END_TEST

/* ---- files: only regular ones, of text, of at most 16 MiB -------------- */

static char tmpdir[32];

static void tmp_setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ck-scn-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Removes what the tests made in tmpdir (only those names). Unchecked:
 * it runs in the runner, after the whole case, even if a test failed. */
static void tmp_teardown(void)
{
	static const char *const names[] = { "nul.scn", "fifo.scn", "big.scn" };
	char path[64];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

/* Parses file @path: its rc, and its error line in *msg. */
static int parse_path(const char *path, char **msg)
{
	struct scn_script *s;
	size_t len = 0;
	FILE *err = open_memstream(msg, &len);
	int rc = scn_parse_file(path, &s, err);

	fclose(err);
	if (rc == 0)
		scn_script_free(s);
	else
		ck_assert_ptr_null(s);
	return rc;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_bom_skipped)
{
	check_parse("\xEF\xBB\xBF" "adapter sta1\nunload\n", "");
}
END_TEST

/* A NUL is refused where it is, even in a comment (a parse of the same
 * text as a C string would end there). */
START_TEST(test_nul_in_file)
{
	static const char data[] = "adapter sta1\n# x\0y\nunload\n";
	char path[64], want[128], *msg = NULL;

	snprintf(path, sizeof(path), "%s/nul.scn", tmpdir);
	write_file(path, data, sizeof(data) - 1);
	ck_assert_int_eq(parse_path(path, &msg), -EINVAL);
	snprintf(want, sizeof(want), "%s:2:4: NUL byte in the text (is this a "
		 "text file?)\n", path);
	ck_assert_str_eq(msg, want);
	free(msg);
}
END_TEST

/* A FIFO is refused before the open could wait for a writer (a hang
 * becomes the test's timeout); a device likewise. */
START_TEST(test_not_regular_files)
{
	char path[64], want[128], *msg = NULL;

	snprintf(path, sizeof(path), "%s/fifo.scn", tmpdir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(parse_path(path, &msg), -ENODEV);
	snprintf(want, sizeof(want), "%s: not a regular file\n", path);
	ck_assert_str_eq(msg, want);
	free(msg);
	ck_assert_int_eq(parse_path("/dev/null", &msg), -ENODEV);
	ck_assert_str_eq(msg, "/dev/null: not a regular file\n");
	free(msg);
}
END_TEST

START_TEST(test_file_size_limit)
{
	const char *script = "adapter sta1\nunload\n";
	size_t n = (2u << 20) + strlen(script);
	char path[64], want[128], *msg = NULL, *big = malloc(SCN_FILE_MAX + 2u);
	FILE *f;

	/* 2 MiB of comments and a script: big, but text. */
	ck_assert_ptr_nonnull(big);
	memset(big, '#', 2u << 20);
	for (size_t i = 4095; i < (2u << 20); i += 4096)
		big[i] = '\n';
	strcpy(big + (2u << 20), script);
	snprintf(path, sizeof(path), "%s/big.scn", tmpdir);
	write_file(path, big, n);
	ck_assert_int_eq(parse_path(path, &msg), 0);
	ck_assert_str_eq(msg, "");
	free(msg);

	/* One byte over 16 MiB, as a file (sparse) and as a string. */
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(ftruncate(fileno(f), SCN_FILE_MAX + 1), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(parse_path(path, &msg), -EFBIG);
	snprintf(want, sizeof(want), "%s: File too large (the limit is 16 MiB)\n",
		 path);
	ck_assert_str_eq(msg, want);
	free(msg);
	memset(big, '#', SCN_FILE_MAX + 1u);
	big[SCN_FILE_MAX + 1] = '\0';
	ck_assert_int_eq(scn_test_parse(big, &(struct scn_script *){ NULL }, &msg), -EFBIG);
	ck_assert_str_eq(msg, "t.scn: File too large (the limit is 16 MiB)\n");
	free(msg);
	free(big);
}
END_TEST

CK_SUITE(scn_limits_suite)
static Suite *scn_limits_suite(void)
{
	Suite *s = suite_create("scn-limits");
	TCase *tc = tcase_create("limits");

	tcase_add_test(tc, test_limit_aps_adapters);
	tcase_add_test(tc, test_limit_names);
	tcase_add_test(tc, test_limit_env);
	tcase_add_test(tc, test_limit_steps);
	tcase_add_test(tc, test_limit_line);
	tcase_add_test(tc, test_big_adapters_file);
	tcase_add_test(tc, test_big_env_file);
	tcase_add_test(tc, test_name_set_scales);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_bom_skipped);
	tcase_add_test(tc, test_nul_in_file);
	tcase_add_test(tc, test_not_regular_files);
	tcase_add_test(tc, test_file_size_limit);
	tcase_add_test(tc, test_roaming_statement);
	suite_add_tcase(s, tc);
	return s;
}
