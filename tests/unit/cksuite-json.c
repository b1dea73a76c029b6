/* SPDX-License-Identifier: MIT */
/*
 * json: the two readers of the host's trace stay linear and strict.
 *  - ihv-timeline's parser (tools/timeline/json.c) on one object with 200k
 *    fields, its heap use against the line's length, duplicate keys and
 *    invalid UTF-8 refused with a column, keys quoted safely in errors;
 *  - the runner's reader (ihvhost/runner/run-trace.c): run_trace_poll on a
 *    128 MiB line and across its buffer's growth, run_json_get on a 200k
 *    field line, duplicate keys, a zero-sized answer buffer.
 *
 * No test measures time (timed tests are banned: the machine may be
 * loaded). Where a count can tell linear from quadratic the test asserts
 * on the count; otherwise the input is sized so that the quadratic
 * readers these replace run far past Check's default 4 s per-test
 * timeout (CK_DEFAULT_TIMEOUT, unset by tests/ck-runner.c), while the
 * linear ones take well under a second: each test says which.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ck.h"
#include "run.h"
#include "../../tools/timeline/json.h"
#include "../../tools/timeline/timeline.h"

#define BIG_FIELDS 200000

/* {"t_ns":1,"kind":"bulk","f000000":"v000000",...,"f<n-1>":<n-1>}: odd
 * fields are numbers, even ones strings. @extra (or NULL) is appended as
 * one more member. *@len is the length. */
static char *big_object(size_t nfields, const char *extra, size_t *len)
{
	size_t cap = 32 + nfields * 24 + (extra ? strlen(extra) : 0), o;
	char *s = malloc(cap);

	ck_assert_ptr_nonnull(s);
	o = (size_t)sprintf(s, "{\"t_ns\":1,\"kind\":\"bulk\"");
	for (size_t i = 0; i < nfields; i++)
		o += (size_t)sprintf(s + o, i % 2 ? ",\"f%06zu\":%zu" : ",\"f%06zu\":\"v%06zu\"",
				     i, i);
	if (extra)
		o += (size_t)sprintf(s + o, ",%s", extra);
	o += (size_t)sprintf(s + o, "}");
	ck_assert_uint_lt(o, cap);
	*len = o;
	return s;
}

/* Timeout-guarded: the parser this replaces took 32 s on this object
 * (every key and string allocated, and kept, a buffer as long as the rest
 * of the line); the linear one takes ~0.2 s, and the whole tool's path
 * (describe: every field listed as key=value) stays linear too. */
START_TEST(test_timeline_200k_fields)
{
	struct tl_jobj o;
	struct tl_doc d;
	char err[192], *line;
	size_t len;
	uint64_t v;
	FILE *devnull;

	line = big_object(BIG_FIELDS, NULL, &len);
	ck_assert_ok(tl_json_parse(line, len, &o, err, sizeof(err)));
	ck_assert_uint_eq(o.n, BIG_FIELDS + 2);
	ck_assert_str_eq(tl_jobj_str(&o, "kind"), "bulk");
	ck_assert_str_eq(tl_jobj_str(&o, "f000000"), "v000000");
	ck_assert_str_eq(tl_jobj_str(&o, "f100000"), "v100000");
	ck_assert(tl_jobj_u64(&o, "f199999", &v));
	ck_assert_uint_eq(v, 199999);
	ck_assert_ptr_null(tl_jobj_get(&o, "f200000"));
	tl_jobj_free(&o);

	devnull = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(devnull);
	tl_doc_init(&d);
	ck_assert_ok(tl_doc_add_line(&d, line, len, "big.jsonl", 1, devnull));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].text, " f000001=1 "));
	ck_assert_ptr_nonnull(strstr(d.v[0].text, " f199999=199999"));
	tl_doc_free(&d);
	fclose(devnull);
	free(line);
}
END_TEST

/* Counted: the heap the parser holds for a parsed object, against the
 * line's length. The quadratic parser held 5.4 GB here, 15000 times the
 * line (each of the 20000 keys and 10000 strings kept a buffer the size
 * of the rest of the line), so it fails on the count, not on time; this
 * one holds ~6 times the line. The bound covers the allocator's
 * per-chunk overhead (a 32-byte chunk for a 7-byte key). Under ASan or
 * valgrind, whose allocators glibc's mallinfo2 does not see, the count
 * is 0 and the test proves nothing, but does not fail. */
START_TEST(test_timeline_heap_proportional)
{
	struct mallinfo2 before, after;
	struct tl_jobj o;
	char err[192], *line;
	size_t len, used;

	line = big_object(20000, NULL, &len);
	before = mallinfo2();
	ck_assert_ok(tl_json_parse(line, len, &o, err, sizeof(err)));
	after = mallinfo2();
	used = (after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd);
	ck_assert_msg(used <= 16 * len, "%zu bytes held for a %zu-byte line", used, len);
	tl_jobj_free(&o);
	free(line);
}
END_TEST

/* Duplicate keys are refused at the second one's column, also when they
 * are the same key only once decoded; found in O(n log n) among 200k
 * fields (timeout-guarded: a pairwise search would make 2e10 compares). */
START_TEST(test_timeline_duplicate_keys)
{
	struct tl_jobj o;
	char err[192], want[96], *big;
	const char *line;
	size_t len;

	big = big_object(BIG_FIELDS, "\"f000000\":0", &len);
	line = big;
	ck_assert_errno(tl_json_parse(line, len, &o, err, sizeof(err)), EINVAL);
	/* The duplicate's quote is the 12th byte from the end. */
	snprintf(want, sizeof(want), "duplicate key \"f000000\" at column %zu", len - 11);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(o.n, 0);
	ck_assert_ptr_null(o.f);
	free(big);

	line = "{\"a\":1,\"b\":2,\"\\u0061\":3}";
	ck_assert_errno(tl_json_parse(line, strlen(line), &o, err, sizeof(err)), EINVAL);
	ck_assert_str_eq(err, "duplicate key \"a\" at column 14");
	/* Keys of a nested object are its own business. */
	line = "{\"a\":{\"k\":1,\"k\":2},\"k\":3}";
	ck_assert_ok(tl_json_parse(line, strlen(line), &o, err, sizeof(err)));
	ck_assert_uint_eq(o.n, 2);
	tl_jobj_free(&o);
}
END_TEST

/* RFC 8259 text is UTF-8: a byte that is not part of a well-formed
 * sequence is refused (in a nested object too), a good one kept. */
START_TEST(test_timeline_utf8)
{
	static const struct {
		const char *in;
		const char *err;
	} bad[] = {
		{ "{\"a\":\"\xff\"}", "invalid UTF-8 (byte 0xff) in string at column 7" },
		{ "{\"a\":\"\xc0\xaf\"}", "invalid UTF-8 (byte 0xc0) in string at column 7" },
		{ "{\"a\":\"\xed\xa0\x80\"}", "invalid UTF-8 (byte 0xed) in string at column 7" },
		{ "{\"a\":\"x\xe2\x82\"}", "invalid UTF-8 (byte 0xe2) in string at column 8" },
		{ "{\"a\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8 (byte 0xf4) in string at column 7" },
		{ "{\"\x80\":1}", "invalid UTF-8 (byte 0x80) in string at column 3" },
		{ "{\"a\":[\"\xc2\"]}", "invalid UTF-8 (byte 0xc2) in string at column 8" },
	};
	const char *ok = "{\"a\":\"\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf\xc2\x9b\"}";
	struct tl_jobj o;
	char err[192];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_errno(tl_json_parse(bad[i].in, strlen(bad[i].in), &o, err,
					      sizeof(err)), EINVAL);
		ck_assert_msg(strcmp(err, bad[i].err) == 0, "#%zu: got \"%s\", want \"%s\"", i,
			      err, bad[i].err);
	}
	ck_assert_ok(tl_json_parse(ok, strlen(ok), &o, err, sizeof(err)));
	ck_assert_str_eq(tl_jobj_str(&o, "a"), "\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf\xc2\x9b");
	tl_jobj_free(&o);
}
END_TEST

/* A key quoted in an error is decoded text from the file: its control
 * characters (an escape sequence, a newline, a C1 CSI) are shown as '?',
 * and a long one is cut at a character boundary. */
START_TEST(test_timeline_error_key_safe)
{
	const char *esc = "{\"\\u001b[2J\\n\\u009bx\" 1}";
	/* 39 ASCII bytes, then a 2-byte character that would end at byte 41. */
	const char *cut = "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9z\" 1}";
	struct tl_jobj o;
	char err[192];

	ck_assert_errno(tl_json_parse(esc, strlen(esc), &o, err, sizeof(err)), EINVAL);
	ck_assert_str_eq(err, "expected ':' after key \"?[2J??x\", got '1' at column 23");
	ck_assert_errno(tl_json_parse(cut, strlen(cut), &o, err, sizeof(err)), EINVAL);
	ck_assert_str_eq(err, "expected ':' after key \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", "
			      "got '1' at column 47");
}
END_TEST

/* Timeout-guarded: run_json_get walks the line once; the last of 200k
 * fields, and an absent key (a full walk), in one pass each. */
START_TEST(test_run_json_get_long_line)
{
	char v[32], *line;
	size_t len;

	line = big_object(BIG_FIELDS, NULL, &len);
	ck_assert(run_json_get(line, "f199999", v, sizeof(v)));
	ck_assert_str_eq(v, "199999");
	ck_assert(run_json_get(line, "f199998", v, sizeof(v)));
	ck_assert_str_eq(v, "v199998");
	ck_assert(!run_json_get(line, "f200000", v, sizeof(v)));
	free(line);
}
END_TEST

/* The runner's reader takes the first of two equal keys (the timeline
 * refuses the line), and never writes into a zero-sized buffer. */
START_TEST(test_run_json_get_duplicates_and_empty_out)
{
	const char *line = "{\"t_ns\":5,\"kind\":\"api\",\"kind\":\"violation\",\"e\":\"\"}";
	char v[16] = "untouched";

	ck_assert(run_json_get(line, "kind", v, sizeof(v)));
	ck_assert_str_eq(v, "api");
	strcpy(v, "untouched");
	ck_assert(!run_json_get(line, "e", v, 0));
	ck_assert(!run_json_get(line, "t_ns", v, 0));
	ck_assert_str_eq(v, "untouched");
}
END_TEST

static int memfd_at(const char *s, size_t len, off_t at, int fd)
{
	if (fd < 0)
		fd = memfd_create("ck-json", MFD_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, s, len, at), (ssize_t)len);
	return fd;
}

/* Timeout-guarded: one 128 MiB line read in 16 KiB pieces. The reader
 * this replaces searched the whole partial line for a newline after
 * every read (~550 GB of memchr here: ~30 s, 10 s already at 64 MiB);
 * the linear one copies it once (~0.3 s). The file is sparse (the line
 * is the header, then NULs): only the reader's buffer takes memory, and
 * the record is the header, up to the first NUL. */
START_TEST(test_run_trace_128mib_line)
{
	static const char head[] = "{\"t_ns\":7,\"kind\":\"violation\",\"pad\":\"";
	const size_t total = (size_t)128 << 20;
	struct run_trace t;
	char v[16];
	int fd;

	fd = memfd_at(head, strlen(head), 0, -1);
	memfd_at("\"}\n", 3, (off_t)(total - 3), fd);
	memset(&t, 0, sizeof(t));
	t.fd = fd;
	ck_assert_ok(run_trace_poll(&t));
	ck_assert_uint_eq(t.n, 1);
	ck_assert_uint_eq(t.part_len, 0);
	ck_assert_str_eq(t.recs[0].line, head);
	ck_assert_uint_eq(t.recs[0].t_ns, 7);
	ck_assert_uint_eq(t.n_violations, 1);
	ck_assert(run_json_get(t.recs[0].line, "kind", v, sizeof(v)));
	ck_assert_str_eq(v, "violation");
	run_trace_close(&t);
}
END_TEST

/* Lines around the reader's buffer sizes (16 KiB, then doubling),
 * appended 1000 bytes between polls, come out whole and in order. */
START_TEST(test_run_trace_buffer_growth)
{
	static const size_t lens[] = { 16383, 16384, 16385, 1, 40000, 70000 };
	char *text, *p;
	size_t total = 0, off = 0, n = sizeof(lens) / sizeof(lens[0]);
	struct run_trace t;
	int fd = -1;

	for (size_t i = 0; i < n; i++)
		total += lens[i] + 1;
	text = p = malloc(total);
	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < n; i++) {
		memset(p, 'a' + (int)i, lens[i]);
		p[lens[i]] = '\n';
		p += lens[i] + 1;
	}
	memset(&t, 0, sizeof(t));
	t.fd = -1;
	while (off < total) {
		size_t step = total - off < 1000 ? total - off : 1000;

		fd = memfd_at(text + off, step, (off_t)off, fd);
		t.fd = fd;
		off += step;
		ck_assert_ok(run_trace_poll(&t));
	}
	ck_assert_uint_eq(t.n, n);
	ck_assert_uint_eq(t.part_len, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(strlen(t.recs[i].line), lens[i]);
		ck_assert_int_eq(t.recs[i].line[0], 'a' + (int)i);
		ck_assert_int_eq(t.recs[i].line[lens[i] - 1], 'a' + (int)i);
	}
	run_trace_close(&t);
	free(text);
}
END_TEST

CK_SUITE(json_suite)
static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("timeline");

	tcase_add_test(tc, test_timeline_200k_fields);
	tcase_add_test(tc, test_timeline_heap_proportional);
	tcase_add_test(tc, test_timeline_duplicate_keys);
	tcase_add_test(tc, test_timeline_utf8);
	tcase_add_test(tc, test_timeline_error_key_safe);
	suite_add_tcase(s, tc);

	tc = tcase_create("runner");
	tcase_add_test(tc, test_run_json_get_long_line);
	tcase_add_test(tc, test_run_json_get_duplicates_and_empty_out);
	tcase_add_test(tc, test_run_trace_128mib_line);
	tcase_add_test(tc, test_run_trace_buffer_growth);
	suite_add_tcase(s, tc);
	return s;
}
