/* SPDX-License-Identifier: MIT */
/*
 * trace: every line is valid JSON whatever the strings hold, timestamps do
 * not go backwards down the file, concurrent writers never interleave, and
 * an oversized record is cut, marked and still valid.
 *
 * Files go to a private temporary directory created and removed by an
 * unchecked fixture (runs in the runner's process, so it is removed even
 * when a test fails in its forked child).
 */
#include <dirent.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck.h"
#include "trace.h"

static char tdir[64];

static void tdir_setup(void)
{
	snprintf(tdir, sizeof(tdir), "/tmp/ck-trace-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
}

static void tdir_teardown(void)
{
	DIR *d = opendir(tdir);
	struct dirent *de;
	char p[512];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", tdir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(tdir);
}

static char *tpath(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", tdir, name);
	return p;
}

/* Whole file, NUL-terminated; *len without the NUL. */
static char *slurp(const char *path, size_t *len)
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
	*len = (size_t)n;
	return buf;
}

/* Splits @buf in place into lines; every line must end with '\n'. */
static size_t split_lines(char *buf, size_t len, char **lines, size_t max)
{
	size_t n = 0;
	char *p = buf;

	ck_assert_msg(len == 0 || buf[len - 1] == '\n', "file does not end with a newline");
	while (p < buf + len) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));

		ck_assert_ptr_nonnull(nl);
		*nl = '\0';
		ck_assert_uint_lt(n, max);
		lines[n++] = p;
		p = nl + 1;
	}
	return n;
}

/* Structure every line must have: one JSON object, t_ns first. */
static uint64_t check_line(const char *line)
{
	unsigned long long t;

	ck_assert_msg(ihv_json_valid(line, strlen(line)), "invalid JSON: %s", line);
	ck_assert_msg(sscanf(line, "{\"t_ns\":%llu,", &t) == 1, "no leading t_ns: %s", line);
	return t;
}

/* Decodes the JSON string value of "key" in @line into @out (NUL-terminated,
 * UTF-8); false when the key is not there, not a string, badly escaped or
 * longer than @cap. Independent of the writer: handles every escape RFC 8259
 * allows (BMP \u only). No ck_assert inside: Check records every assert
 * (a pipe write per call in fork mode), far too slow per character. */
static bool get_str(const char *line, const char *key, char *out, size_t cap)
{
	char pat[128];
	const char *p;
	size_t o = 0;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	p = strstr(line, pat);
	if (!p)
		return false;
	for (p += strlen(pat); *p && *p != '"'; p++) {
		unsigned cp;

		if (o + 4 >= cap)
			return false;
		if (*p != '\\') {
			out[o++] = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case '/': out[o++] = '/'; break;
		case '"': out[o++] = '"'; break;
		case '\\': out[o++] = '\\'; break;
		case 'u':
			if (sscanf(p + 1, "%4x", &cp) != 1)
				return false;
			p += 4;
			if (cp < 0x80) {
				out[o++] = (char)cp;
			} else if (cp < 0x800) {
				out[o++] = (char)(0xC0 | (cp >> 6));
				out[o++] = (char)(0x80 | (cp & 0x3F));
			} else {
				out[o++] = (char)(0xE0 | (cp >> 12));
				out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				out[o++] = (char)(0x80 | (cp & 0x3F));
			}
			break;
		default:
			return false;
		}
	}
	if (*p != '"')
		return false;
	out[o] = '\0';
	return true;
}

START_TEST(test_json_validator)
{
	static const char *const good[] = {
		"{}", "[]", "0", "-0.5e+10", "\"a\\u00e9\\n\"", "true", " null ",
		"{\"a\":[1,2,{\"b\":false}],\"c\":\"\xE2\x82\xAC\"}",
	};
	static const char *const bad[] = {
		"", "{", "{\"a\":}", "[1,]", "01", "\"\x01\"", "\"\\x\"", "tru",
		"{\"a\":1}x", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "{a:1}", "1.",
		"\"unterminated",
	};
	char deep[2 * 65 + 1];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(ihv_json_valid(good[i], strlen(good[i])), "rejected %s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!ihv_json_valid(bad[i], strlen(bad[i])), "accepted %s", bad[i]);
	/* Nesting: 64 levels are accepted, 65 are refused (bounded stack). */
	for (int depth = 64; depth <= 65; depth++) {
		memset(deep, '[', (size_t)depth);
		memset(deep + depth, ']', (size_t)depth);
		ck_assert(ihv_json_valid(deep, 2 * (size_t)depth) == (depth == 64));
	}
	/* An embedded NUL is not JSON either. */
	ck_assert(!ihv_json_valid("\"a\0b\"", 5));
}
END_TEST

START_TEST(test_every_field_kind)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0xab };
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *buf, *lines[4];
	const char *body;
	size_t len;

	ck_assert_ok(ihv_trace_open(tpath("kinds.jsonl"), &t));
	ck_assert_ptr_nonnull(t);
	ihv_trace_rec_begin(&r, "handler");
	ihv_trace_rec_str(&r, "name", "StopPostAssociate");
	ihv_trace_rec_u64(&r, "u", UINT64_MAX);
	ihv_trace_rec_i64(&r, "i", INT64_MIN);
	ihv_trace_rec_hex32(&r, "h", 0xbeef);
	ihv_trace_rec_bool(&r, "yes", true);
	ihv_trace_rec_bool(&r, "no", false);
	ihv_trace_rec_mac(&r, "peer", mac);
	ihv_trace_rec_mac(&r, "nomac", NULL);
	ihv_trace_rec_status(&r, "st", 0x10003);
	ihv_trace_rec_status(&r, "st2", 2);
	ihv_trace_rec_win32(&r, "w", 1223);
	ihv_trace_rec_win32(&r, "w2", 0xdead);
	ihv_trace_rec_str(&r, "nul", NULL);
	ihv_trace_rec_raw(&r, "args", "{\"a\":[1,2]}");
	ck_assert_ok(ihv_trace_write(t, &r));
	ihv_trace_close(t);

	buf = slurp(tpath("kinds.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, 4), 1);
	check_line(lines[0]);
	body = strchr(lines[0], ',');
	ck_assert_ptr_nonnull(body);
	ck_assert_str_eq(body,
		",\"kind\":\"handler\",\"name\":\"StopPostAssociate\","
		"\"u\":18446744073709551615,\"i\":-9223372036854775808,"
		"\"h\":\"0x0000beef\",\"yes\":true,\"no\":false,"
		"\"peer\":\"02:00:00:00:01:ab\",\"nomac\":null,"
		"\"st\":\"PEER_DEAUTHENTICATED|3\",\"st2\":\"UNREACHABLE\","
		"\"w\":\"ERROR_CANCELLED\",\"w2\":\"0xdead\",\"nul\":null,"
		"\"args\":{\"a\":[1,2]}}");
	free(buf);
}
END_TEST

START_TEST(test_escaping_and_utf8)
{
	/* quotes, backslash, every short escape, other control characters,
	 * DEL, valid 2/3/4-byte UTF-8, then invalid bytes: a lone 0xFF, an
	 * overlong NUL, a UTF-16 surrogate, and a sequence cut at the end. */
	static const char in[] =
		"q\"b\\s/\b\f\n\r\t\x01\x1f\x7f|\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80|"
		"\xFF|\xC0\x80|\xED\xA0\x80|\xE2\x82";
	static const char want[] =
		"q\"b\\s/\b\f\n\r\t\x01\x1f\x7f|\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80|"
		"\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
		"\xEF\xBF\xBD\xEF\xBF\xBD";
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *buf, *lines[4], got[512];
	size_t len;

	ck_assert_ok(ihv_trace_open(tpath("esc.jsonl"), &t));
	ihv_trace_rec_begin(&r, "api");
	ihv_trace_rec_str(&r, "s", in);
	ihv_trace_rec_str(&r, "k\"ey", "v");
	ck_assert_ok(ihv_trace_write(t, &r));
	ihv_trace_close(t);

	buf = slurp(tpath("esc.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, 4), 1);
	check_line(lines[0]);
	/* No raw control byte may reach the file. */
	for (const char *p = lines[0]; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			ck_abort_msg("raw control byte 0x%02x in line", (unsigned char)*p);
	ck_assert(get_str(lines[0], "s", got, sizeof(got)));
	ck_assert_str_eq(got, want);
	ck_assert(get_str(lines[0], "k\\\"ey", got, sizeof(got)));
	ck_assert_str_eq(got, "v");
	ck_assert_ptr_null(strstr(lines[0], "truncated"));
	free(buf);
}
END_TEST

START_TEST(test_timestamps_monotonic)
{
	enum { N = 2000 };
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *buf, **lines;
	uint64_t prev = 0;
	size_t len;

	ck_assert_ok(ihv_trace_open(tpath("mono.jsonl"), &t));
	for (int i = 0; i < N; i++) {
		ihv_trace_rec_begin(&r, "host");
		ihv_trace_rec_i64(&r, "seq", i);
		ck_assert_ok(ihv_trace_write(t, &r));
	}
	ihv_trace_close(t);
	lines = calloc(N + 1, sizeof(*lines));
	buf = slurp(tpath("mono.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, N + 1), N);
	for (int i = 0; i < N; i++) {
		uint64_t ts = check_line(lines[i]);
		long long seq = -1;

		ck_assert_uint_ge(ts, prev);
		ck_assert_ptr_nonnull(strstr(lines[i], "\"seq\":"));
		sscanf(strstr(lines[i], "\"seq\":") + 6, "%lld", &seq);
		ck_assert_int_eq(seq, i);
		prev = ts;
	}
	ck_assert_uint_gt(prev, 0);
	free(lines);
	free(buf);
}
END_TEST

enum { THREADS = 4, PER_THREAD = 3000 };

struct writer_arg {
	struct ihv_trace *t;
	int id;
};

static void *writer(void *p)
{
	struct writer_arg *a = p;
	char payload[700];
	struct ihv_trace_rec r;

	/* Long, thread-specific payloads make torn or mixed lines visible. */
	memset(payload, 'a' + a->id, sizeof(payload) - 1);
	payload[sizeof(payload) - 1] = '\0';
	for (int i = 0; i < PER_THREAD; i++) {
		ihv_trace_rec_begin(&r, "api");
		ihv_trace_rec_i64(&r, "thread", a->id);
		ihv_trace_rec_i64(&r, "seq", i);
		ihv_trace_rec_str(&r, "payload", payload);
		if (ihv_trace_write(a->t, &r) != 0)
			return (void *)1;
	}
	return NULL;
}

START_TEST(test_concurrent_writers_never_interleave)
{
	struct writer_arg args[THREADS];
	pthread_t th[THREADS];
	int next[THREADS] = { 0 };
	struct ihv_trace *t;
	char *buf, **lines, got[1024];
	uint64_t prev = 0;
	size_t len, n;

	ck_assert_ok(ihv_trace_open(tpath("mt.jsonl"), &t));
	for (int i = 0; i < THREADS; i++) {
		args[i] = (struct writer_arg){ .t = t, .id = i };
		ck_assert_int_eq(pthread_create(&th[i], NULL, writer, &args[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		void *ret;

		ck_assert_int_eq(pthread_join(th[i], &ret), 0);
		ck_assert_ptr_null(ret);
	}
	ihv_trace_close(t);

	lines = calloc(THREADS * PER_THREAD + 1, sizeof(*lines));
	buf = slurp(tpath("mt.jsonl"), &len);
	n = split_lines(buf, len, lines, THREADS * PER_THREAD + 1);
	ck_assert_uint_eq(n, THREADS * PER_THREAD);
	for (size_t i = 0; i < n; i++) {
		uint64_t ts = check_line(lines[i]);
		int id = -1, seq = -1;

		ck_assert_int_eq(sscanf(strstr(lines[i], "\"thread\":"),
					"\"thread\":%d,\"seq\":%d", &id, &seq), 2);
		ck_assert(id >= 0 && id < THREADS);
		/* each thread's records arrive whole and in its own order */
		ck_assert_int_eq(seq, next[id]);
		next[id]++;
		ck_assert(get_str(lines[i], "payload", got, sizeof(got)));
		ck_assert_uint_eq(strlen(got), 699);
		ck_assert_uint_eq(strspn(got, (char[]){ (char)('a' + id), 0 }), 699);
		ck_assert_uint_ge(ts, prev);
		prev = ts;
	}
	for (int i = 0; i < THREADS; i++)
		ck_assert_int_eq(next[i], PER_THREAD);
	free(lines);
	free(buf);
}
END_TEST

START_TEST(test_truncation_marked_and_valid)
{
	enum { BIG = 3 * IHV_TRACE_REC_MAX };
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *big, *buf, *lines[4], *got;
	size_t len;

	/* Multi-byte characters: the cut must fall between two of them. */
	big = malloc(BIG * 3 + 1);
	ck_assert_ptr_nonnull(big);
	for (int i = 0; i < BIG; i++)
		memcpy(big + 3 * i, "\xE2\x82\xAC", 3);
	big[BIG * 3] = '\0';

	ck_assert_ok(ihv_trace_open(tpath("trunc.jsonl"), &t));
	ihv_trace_rec_begin(&r, "violation");
	ihv_trace_rec_str(&r, "rule", "before");
	ihv_trace_rec_str(&r, "detail", big);
	ihv_trace_rec_u64(&r, "after", 1);
	ihv_trace_rec_raw(&r, "raw_after", "[1,2,3]");
	ck_assert(r.truncated);
	ck_assert_uint_le(r.len, IHV_TRACE_REC_MAX);
	ck_assert_ok(ihv_trace_write(t, &r));

	/* A record filled by many small fields drops the ones that do not
	 * fit, whole. */
	ihv_trace_rec_begin(&r, "host");
	for (int i = 0; i < 1000; i++)
		ihv_trace_rec_u64(&r, "field", UINT64_MAX);
	ck_assert(r.truncated);
	ck_assert_ok(ihv_trace_write(t, &r));
	ihv_trace_close(t);

	buf = slurp(tpath("trunc.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, 4), 2);
	for (int i = 0; i < 2; i++) {
		const char *end = lines[i] + strlen(lines[i]);

		check_line(lines[i]);
		ck_assert_uint_le(strlen(lines[i]), IHV_TRACE_REC_MAX + 64);
		ck_assert_str_eq(end - 18, ",\"truncated\":true}");
	}
	got = malloc(IHV_TRACE_REC_MAX + 1);
	ck_assert(get_str(lines[0], "rule", got, IHV_TRACE_REC_MAX));
	ck_assert_str_eq(got, "before");
	ck_assert(get_str(lines[0], "detail", got, IHV_TRACE_REC_MAX));
	ck_assert_uint_gt(strlen(got), IHV_TRACE_REC_MAX / 2);
	ck_assert_uint_eq(strlen(got) % 3, 0);
	ck_assert_int_eq(memcmp(got, big, strlen(got)), 0);
	ck_assert_ptr_null(strstr(lines[0], "\"after\""));
	ck_assert_ptr_null(strstr(lines[0], "\"raw_after\""));
	free(got);
	free(big);
	free(buf);
}
END_TEST

START_TEST(test_raw_invalid_becomes_string)
{
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *buf, *lines[4], got[64];
	size_t len;

	ck_assert_ok(ihv_trace_open(tpath("raw.jsonl"), &t));
	ihv_trace_rec_begin(&r, "api");
	ihv_trace_rec_raw(&r, "args", "{\"a\":");
	ck_assert_ok(ihv_trace_write(t, &r));
	ihv_trace_close(t);
	buf = slurp(tpath("raw.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, 4), 1);
	check_line(lines[0]);
	ck_assert(get_str(lines[0], "args", got, sizeof(got)));
	ck_assert_str_eq(got, "{\"a\":");
	ck_assert_ptr_nonnull(strstr(lines[0], ",\"raw_invalid\":true}"));
	free(buf);
}
END_TEST

START_TEST(test_disabled_and_errors)
{
	struct ihv_trace *t = (struct ihv_trace *)1;
	struct ihv_trace_rec r;
	struct stat st;

	ck_assert_ok(ihv_trace_open(NULL, &t));
	ck_assert_ptr_null(t);
	ihv_trace_rec_begin(&r, "host");
	ck_assert_ok(ihv_trace_write(NULL, &r));
	ihv_trace_close(NULL);

	ck_assert_errno(ihv_trace_open(tpath("no/such/dir.jsonl"), &t), ENOENT);
	ck_assert_ptr_null(t);
	ck_assert_int_ne(stat(tpath("no"), &st), 0);
}
END_TEST

START_TEST(test_stdout)
{
	struct ihv_trace *t;
	struct ihv_trace_rec r;
	char *buf, *lines[4];
	size_t len;
	int saved = dup(STDOUT_FILENO);
	FILE *f = fopen(tpath("stdout.jsonl"), "w");

	ck_assert_int_ge(saved, 0);
	ck_assert_ptr_nonnull(f);
	fflush(stdout);
	ck_assert_int_ge(dup2(fileno(f), STDOUT_FILENO), 0);
	ck_assert_ok(ihv_trace_open("-", &t));
	ihv_trace_rec_begin(&r, "host");
	ihv_trace_rec_str(&r, "what", "start");
	ck_assert_ok(ihv_trace_write(t, &r));
	ihv_trace_close(t);
	/* close must not have closed stdout */
	ck_assert_int_eq(write(STDOUT_FILENO, "", 0), 0);
	ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
	close(saved);
	fclose(f);
	buf = slurp(tpath("stdout.jsonl"), &len);
	ck_assert_uint_eq(split_lines(buf, len, lines, 4), 1);
	check_line(lines[0]);
	ck_assert_ptr_nonnull(strstr(lines[0], "\"kind\":\"host\",\"what\":\"start\"}"));
	free(buf);
}
END_TEST

/* A write that fails (a full disk: /dev/full) is counted and kept, so a
 * run whose trace has holes can fail instead of passing on part of it. */
START_TEST(test_trace_write_error_is_kept)
{
	struct ihv_trace *t = NULL;
	struct ihv_trace_rec r;
	unsigned long lost = 99;

	ck_assert_int_eq(ihv_trace_open("/dev/full", &t), 0);
	ck_assert_int_eq(ihv_trace_error(t, &lost), 0);
	ck_assert_uint_eq(lost, 0);
	for (int i = 0; i < 3; i++) {
		ihv_trace_rec_begin(&r, "api");
		ihv_trace_rec_str(&r, "name", "SetAuthAlgorithm");
		ck_assert_int_eq(ihv_trace_write(t, &r), -ENOSPC);
	}
	ck_assert_int_eq(ihv_trace_error(t, &lost), -ENOSPC);
	ck_assert_uint_eq(lost, 3);
	ihv_trace_close(t);
}
END_TEST

CK_SUITE(trace_suite)
static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("lines");

	tcase_add_unchecked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_json_validator);
	tcase_add_test(tc, test_every_field_kind);
	tcase_add_test(tc, test_escaping_and_utf8);
	tcase_add_test(tc, test_timestamps_monotonic);
	tcase_add_test(tc, test_concurrent_writers_never_interleave);
	tcase_add_test(tc, test_truncation_marked_and_valid);
	tcase_add_test(tc, test_raw_invalid_becomes_string);
	tcase_add_test(tc, test_disabled_and_errors);
	tcase_add_test(tc, test_stdout);
	tcase_add_test(tc, test_trace_write_error_is_kept);
	suite_add_tcase(s, tc);
	return s;
}
