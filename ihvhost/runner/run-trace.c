/* SPDX-License-Identifier: MIT */
/*
 * run-trace: the scenario child reads the host's trace back as it grows.
 *
 * Why read the file rather than hook the writer: the expectations of a
 * scenario are statements about the trace a user can open afterwards, so
 * they are checked against exactly those bytes, written by every thread
 * (extension threads included) through the one writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

int run_trace_open(struct run_trace *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (t->fd < 0)
		return -errno;
	return 0;
}

static int run_rec_push(struct run_rec **v, size_t *n, size_t *cap,
			const char *line, size_t len)
{
	char tbuf[32];
	struct run_rec *rec;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		struct run_rec *r = realloc(*v, c * sizeof(*r));

		if (!r)
			return -ENOMEM;
		*v = r;
		*cap = c;
	}
	rec = &(*v)[*n];
	rec->line = strndup(line, len);
	if (!rec->line)
		return -ENOMEM;
	rec->t_ns = 0;
	if (run_json_get(rec->line, "t_ns", tbuf, sizeof(tbuf)))
		rec->t_ns = strtoull(tbuf, NULL, 10);
	(*n)++;
	return 0;
}

static int run_trace_add(struct run_trace *t, const char *line, size_t len)
{
	char kind[16];
	int rc = run_rec_push(&t->recs, &t->n, &t->cap, line, len);

	if (rc == 0 && run_json_get(t->recs[t->n - 1].line, "kind", kind, sizeof(kind)) &&
	    strcmp(kind, "violation") == 0)
		rc = run_rec_push(&t->violations, &t->n_violations,
				  &t->cap_violations, line, len);
	return rc;
}

void run_trace_forget(struct run_trace *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->recs[i].line);
	t->n = 0;
}

/* One read(2); also the smallest partial-line buffer. */
#define RUN_TRACE_CHUNK 16384

/*
 * Size of the partial-line buffer for @len bytes: the next power of two
 * times RUN_TRACE_CHUNK. struct run_trace keeps no capacity, so it is
 * derived from part_len: the buffer always holds at least
 * run_part_cap(part_len) bytes (consuming lines only lowers part_len), and
 * it is reallocated only when a read crosses that size. Growing by one
 * read's worth at a time may copy the whole line at every read: quadratic
 * in its length.
 */
static size_t run_part_cap(size_t len)
{
	size_t cap = RUN_TRACE_CHUNK;

	while (cap < len && cap <= SIZE_MAX / 2)
		cap *= 2;
	return cap < len ? len : cap;
}

int run_trace_poll(struct run_trace *t)
{
	char buf[RUN_TRACE_CHUNK];
	ssize_t got;

	for (;;) {
		char *start, *scan, *nl, *joined = t->part;
		size_t len;

		got = read(t->fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			return 0;
		len = t->part_len + (size_t)got;
		if (len < t->part_len)
			return -EOVERFLOW;
		if (!joined || len > run_part_cap(t->part_len)) {
			joined = realloc(t->part, run_part_cap(len));
			if (!joined)
				return -ENOMEM;
			t->part = joined;
		}
		memcpy(joined + t->part_len, buf, (size_t)got);
		start = joined;
		/* The partial line held no newline: only the new bytes are
		 * searched, so a long line is scanned once, not once per read. */
		scan = joined + t->part_len;
		while ((nl = memchr(scan, '\n', len - (size_t)(scan - joined)))) {
			int rc = run_trace_add(t, start, (size_t)(nl - start));

			if (rc) {
				/* The lines before stay consumed; the rest is
				 * kept for the next call. */
				t->part_len = len - (size_t)(start - joined);
				memmove(joined, start, t->part_len);
				return rc;
			}
			start = scan = nl + 1;
		}
		t->part_len = len - (size_t)(start - joined);
		if (start != joined)
			memmove(joined, start, t->part_len);
	}
}

void run_trace_close(struct run_trace *t)
{
	run_trace_forget(t);
	free(t->recs);
	for (size_t i = 0; i < t->n_violations; i++)
		free(t->violations[i].line);
	free(t->violations);
	free(t->part);
	if (t->fd >= 0)
		close(t->fd);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
}

/* Skips a JSON string starting at its opening quote. */
static const char *run_json_skip_str(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

/* Skips one JSON value starting at @p; returns the byte after it. */
static const char *run_json_skip(const char *p)
{
	int depth = 0;

	if (*p == '"')
		return run_json_skip_str(p);
	if (*p != '{' && *p != '[') {
		while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ')
			p++;
		return p;
	}
	while (*p) {
		if (*p == '"') {
			p = run_json_skip_str(p);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return p + 1;
		p++;
	}
	return p;
}

/*
 * One pass over @line, stopping at the first top-level @key: linear in the
 * line (each byte is looked at by at most one skip). Duplicate keys (the
 * host's writer never writes any): the first one is returned; the
 * timeline tool refuses such a line (tools/timeline/json.h).
 */
bool run_json_get(const char *line, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = strchr(line, '{');

	if (!p || outlen == 0)
		return false;
	p++;
	while (*p) {
		const char *kstart, *v, *end;
		bool match;

		while (*p == ' ' || *p == ',')
			p++;
		if (*p != '"')
			return false;
		kstart = p + 1;
		end = run_json_skip(p);
		match = (size_t)(end - kstart - 1) == klen &&
			memcmp(kstart, key, klen) == 0;
		p = end;
		while (*p == ' ')
			p++;
		if (*p != ':')
			return false;
		v = p + 1;
		while (*v == ' ')
			v++;
		end = run_json_skip(v);
		if (match) {
			size_t n = 0;

			if (*v == '"') {
				/* The host writes ASCII names and MACs; keep
				 * escapes verbatim minus the backslash. */
				for (v++; v < end - 1 && n + 1 < outlen; v++) {
					if (*v == '\\' && v + 1 < end - 1)
						v++;
					out[n++] = *v;
				}
				if (v < end - 1)
					return false;
			} else {
				if ((size_t)(end - v) + 1 > outlen)
					return false;
				n = (size_t)(end - v);
				memcpy(out, v, n);
			}
			out[n] = '\0';
			return true;
		}
		p = end;
		if (*p == '}')
			return false;
	}
	return false;
}
