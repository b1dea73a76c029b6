/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: ihv-timeline's reader (tools/timeline/json.c) on one
 * arbitrary line, then the whole tool on the input as a trace file
 * (tl_doc_read: every line parsed and described, then the text and HTML
 * renderers), exactly as `ihv-timeline --html` runs.
 *
 * Oracles besides the sanitizers, each a promise of json.h / timeline.h:
 *  - tl_json_parse returns 0, -EINVAL with "... at column N" (1 <= N <=
 *    length + 1) and an empty object, or -ENOMEM;
 *  - a parsed object has unique keys, each found by tl_jobj_get, and
 *    every key and value is valid UTF-8 (json.h);
 *  - tl_doc_read writes exactly one message line per malformed line,
 *    UTF-8 with no control character (a key quoted in it is made safe);
 *  - every entry's text is one line of UTF-8 without C0, DEL or C1
 *    controls (timeline.h), so the text timeline has exactly one line per
 *    shown entry and the HTML page one <g> and one table row per shown
 *    entry: a byte of the trace that escaped its escaping would add one.
 * A violation aborts, so libFuzzer keeps the input as a crash.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/timeline/json.h"
#include "../../tools/timeline/timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__attribute__((noreturn, format(printf, 1, 2)))
static void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz-timeline: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Well-formed UTF-8 (RFC 3629), written independently of json.c. */
static bool fuzz_utf8(const unsigned char *s)
{
	while (*s) {
		uint32_t cp;
		size_t n;

		if (s[0] < 0x80) {
			s++;
			continue;
		}
		if ((s[0] & 0xE0) == 0xC0) {
			n = 2;
			cp = s[0] & 0x1F;
		} else if ((s[0] & 0xF0) == 0xE0) {
			n = 3;
			cp = s[0] & 0x0F;
		} else if ((s[0] & 0xF8) == 0xF0) {
			n = 4;
			cp = s[0] & 0x07;
		} else {
			return false;
		}
		for (size_t i = 1; i < n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return false;  /* also stops at the NUL */
			cp = cp << 6 | (s[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += n;
	}
	return true;
}

static void fuzz_one_line(const uint8_t *data, size_t size)
{
	struct tl_jobj o = { .n = 99, .f = (struct tl_jfield *)1 };
	char err[192];
	const char *col;
	unsigned long c;
	int rc;

	err[0] = '\0';
	rc = tl_json_parse((const char *)data, size, &o, err, sizeof(err));
	if (rc == -ENOMEM)
		return;
	if (rc == -EINVAL) {
		if (o.n != 0 || o.f != NULL)
			fuzz_fail("-EINVAL left %zu fields", o.n);
		/* The last one: a quoted key may contain the words too. */
		col = NULL;
		for (const char *p = err; (p = strstr(p, " at column ")); p++)
			col = p;
		if (!col || sscanf(col, " at column %lu", &c) != 1 || c < 1 || c > size + 1)
			fuzz_fail("error without a column in 1..%zu: \"%s\"", size + 1, err);
		return;
	}
	if (rc != 0)
		fuzz_fail("undocumented result %d", rc);
	for (size_t i = 0; i < o.n; i++) {
		const struct tl_jfield *f = &o.f[i];

		if (!f->key || !f->val)
			fuzz_fail("field %zu has a NULL key or value", i);
		if (!fuzz_utf8((const unsigned char *)f->key) ||
		    !fuzz_utf8((const unsigned char *)f->val))
			fuzz_fail("field %zu is not UTF-8", i);
		/* Unique keys: the lookup finds this very field. */
		if (tl_jobj_get(&o, f->key) != f)
			fuzz_fail("key \"%s\" is not unique", f->key);
	}
	tl_jobj_free(&o);
}

static size_t fuzz_count(const char *hay, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);

	for (const char *p = hay; (p = memmem(p, len - (size_t)(p - hay), needle, nl));
	     p += nl)
		n++;
	return n;
}

static void fuzz_check_entry(const struct tl_entry *e)
{
	const unsigned char *s = (const unsigned char *)e->text;

	if (!fuzz_utf8(s))
		fuzz_fail("line %u: entry text is not UTF-8", e->line);
	for (; *s; s++)
		if (*s < 0x20 || *s == 0x7f || (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F))
			fuzz_fail("line %u: control character 0x%02x in the text", e->line, *s);
}

static void fuzz_render(const struct tl_doc *d, const struct tl_opts *o)
{
	char *buf = NULL;
	size_t len = 0, shown = 0;
	FILE *f;

	for (size_t i = 0; i < d->n; i++)
		shown += tl_entry_shown(&d->v[i], o);
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	if (tl_render_text(f, d, o))
		fuzz_fail("text renderer failed on a memory stream");
	fclose(f);
	if (fuzz_count(buf, len, "\n") != shown)
		fuzz_fail("%zu text lines for %zu shown entries", fuzz_count(buf, len, "\n"),
			  shown);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	if (tl_render_html(f, d, o, "fuzz <&\"'>"))
		fuzz_fail("HTML renderer failed on a memory stream");
	fclose(f);
	if (fuzz_count(buf, len, "<g>") != shown || fuzz_count(buf, len, "<tr") != shown + 1 ||
	    fuzz_count(buf, len, "<svg") != 1)
		fuzz_fail("HTML structure does not match %zu shown entries", shown);
	free(buf);
}

static void fuzz_doc(const uint8_t *data, size_t size)
{
	struct tl_opts o = { 0 };
	char *msgs = NULL;
	size_t msgs_len = 0;
	struct tl_doc d;
	FILE *in, *err;
	int rc;

	in = fmemopen((void *)data, size, "r");
	if (!in)
		return;
	err = open_memstream(&msgs, &msgs_len);
	if (!err)
		goto close_in;
	tl_doc_init(&d);
	rc = tl_doc_read(&d, in, "fuzz.jsonl", err);
	fclose(err);
	if (rc != 0 && rc != -EINVAL && rc != -ENOMEM)
		fuzz_fail("tl_doc_read: undocumented result %d", rc);
	/* One "FILE:LINE: malformed ..." line per malformed line. */
	if (rc != -ENOMEM && fuzz_count(msgs, msgs_len, "\n") != d.malformed)
		fuzz_fail("%u malformed lines, %zu message lines", d.malformed,
			  fuzz_count(msgs, msgs_len, "\n"));
	if (strlen(msgs) != msgs_len || !fuzz_utf8((const unsigned char *)msgs))
		fuzz_fail("messages are not UTF-8 text");
	for (const unsigned char *m = (const unsigned char *)msgs; *m; m++)
		if ((*m < 0x20 && *m != '\n') || *m == 0x7f ||
		    (m[0] == 0xC2 && m[1] >= 0x80 && m[1] <= 0x9F))
			fuzz_fail("control character 0x%02x in the messages", *m);
	for (size_t i = 0; i < d.n; i++)
		fuzz_check_entry(&d.v[i]);
	fuzz_render(&d, &o);
	o.all = o.color = o.since_start = true;
	fuzz_render(&d, &o);
	tl_doc_free(&d);
	free(msgs);
close_in:
	fclose(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one_line(data, size);
	/* fmemopen refuses an empty buffer. */
	if (size)
		fuzz_doc(data, size);
	return 0;
}
