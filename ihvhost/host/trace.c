/* SPDX-License-Identifier: MIT */
/*
 * trace: JSON-lines writer. See trace.h for the contract.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"
#include "status.h"
#include "trace.h"

struct ihv_trace {
	pthread_mutex_t lock;
	int fd;
	bool own_fd;       /* false for stdout */
	bool broken_line;  /* a write failed mid-line: start the next with \n */
	unsigned long lost;/* records whose write failed */
	int first_error;   /* -errno of the first failure */
};

/* ",\"truncated\":true" and ",\"raw_invalid\":true" are appended after the
 * body, "{\"t_ns\":" + 20 digits + "," before it: room for all of them. */
#define TRACE_LINE_EXTRA 96

/* ---- building records ------------------------------------------------- */

/* Appends @n bytes when they fit entirely; false (nothing written) if not. */
static bool rec_put(struct ihv_trace_rec *r, const char *s, size_t n)
{
	if (n > sizeof(r->buf) - r->len)
		return false;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	return true;
}

/* Length of the valid UTF-8 sequence at @s (1..4), or 0 if the bytes there
 * are not one (overlong forms, surrogates and > U+10FFFF are invalid). */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (n > avail)
		return 0;
	/* The second byte carries the range limits that rule out overlong
	 * encodings (E0, F0), surrogates (ED) and code points past U+10FFFF. */
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/*
 * Escapes one unit of @s (a character, an escape, or U+FFFD for a bad byte)
 * into @out (>= 7 bytes). Returns the bytes written; *consumed = input used.
 */
static size_t json_escape_unit(const unsigned char *s, size_t avail,
			       char *out, size_t *consumed)
{
	unsigned char c = s[0];
	size_t n;

	*consumed = 1;
	switch (c) {
	case '"':  memcpy(out, "\\\"", 2); return 2;
	case '\\': memcpy(out, "\\\\", 2); return 2;
	case '\b': memcpy(out, "\\b", 2); return 2;
	case '\f': memcpy(out, "\\f", 2); return 2;
	case '\n': memcpy(out, "\\n", 2); return 2;
	case '\r': memcpy(out, "\\r", 2); return 2;
	case '\t': memcpy(out, "\\t", 2); return 2;
	}
	if (c < 0x20 || c == 0x7F)
		return (size_t)snprintf(out, 7, "\\u%04x", c);
	n = utf8_seq_len(s, avail);
	if (n == 0) {
		/* Not UTF-8 (an extension's ANSI string, binary junk): the
		 * replacement character keeps the line valid JSON. */
		memcpy(out, "\xEF\xBF\xBD", 3);
		return 3;
	}
	memcpy(out, s, n);
	*consumed = n;
	return n;
}

/*
 * Appends "<s>" escaped. With @may_cut, as much of the string as fits is
 * kept (never splitting an escape or a character) and the record is marked
 * truncated; without it, the string goes in whole or not at all.
 */
static bool rec_put_jstr(struct ihv_trace_rec *r, const char *str, size_t slen,
			 bool may_cut)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t start = r->len;
	char unit[8];

	if (!rec_put(r, "\"", 1))
		return false;
	for (size_t i = 0; i < slen;) {
		size_t used, n = json_escape_unit(s + i, slen - i, unit, &used);

		/* keep one byte for the closing quote */
		if (n + 1 > sizeof(r->buf) - r->len) {
			if (!may_cut) {
				r->len = start;
				return false;
			}
			r->truncated = true;
			break;
		}
		rec_put(r, unit, n);
		i += used;
	}
	if (!rec_put(r, "\"", 1)) {
		r->len = start;
		return false;
	}
	return true;
}

/* Appends [,]"key": ; false (record unchanged) if it does not fit with at
 * least @min_val bytes left for the value. */
static bool rec_key(struct ihv_trace_rec *r, const char *key, size_t min_val)
{
	size_t start = r->len;

	if (r->len > 0 && !rec_put(r, ",", 1))
		goto no_room;
	if (!rec_put_jstr(r, key ? key : "", key ? strlen(key) : 0, false) ||
	    !rec_put(r, ":", 1))
		goto no_room;
	if (sizeof(r->buf) - r->len < min_val)
		goto no_room;
	return true;
no_room:
	r->len = start;
	r->truncated = true;
	return false;
}

/* A complete "key":value whose value text is already formatted. */
static void rec_field_text(struct ihv_trace_rec *r, const char *key,
			   const char *val, size_t n)
{
	size_t start = r->len;

	if (!rec_key(r, key, n))
		return;
	if (!rec_put(r, val, n)) {
		r->len = start;
		r->truncated = true;
	}
}

/* A "key":"value" for short host-formatted values (never cut: a cut MAC or
 * status name would be misleading, a missing one is marked). */
static void rec_field_short_str(struct ihv_trace_rec *r, const char *key,
				const char *val)
{
	size_t start = r->len;

	if (!rec_key(r, key, 2))
		return;
	if (!rec_put_jstr(r, val, strlen(val), false)) {
		r->len = start;
		r->truncated = true;
	}
}

void ihv_trace_rec_begin(struct ihv_trace_rec *r, const char *kind)
{
	r->len = 0;
	r->truncated = false;
	ihv_trace_rec_str(r, "kind", kind);
}

void ihv_trace_rec_str(struct ihv_trace_rec *r, const char *key, const char *val)
{
	size_t start = r->len;

	if (!val) {
		rec_field_text(r, key, "null", 4);
		return;
	}
	if (!rec_key(r, key, 2))
		return;
	if (!rec_put_jstr(r, val, strlen(val), true)) {
		r->len = start;
		r->truncated = true;
	}
}

void ihv_trace_rec_u64(struct ihv_trace_rec *r, const char *key, uint64_t val)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%" PRIu64, val);

	rec_field_text(r, key, b, (size_t)n);
}

void ihv_trace_rec_i64(struct ihv_trace_rec *r, const char *key, int64_t val)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%" PRId64, val);

	rec_field_text(r, key, b, (size_t)n);
}

void ihv_trace_rec_hex32(struct ihv_trace_rec *r, const char *key, uint32_t val)
{
	char b[16];

	snprintf(b, sizeof(b), "0x%08" PRIx32, val);
	rec_field_short_str(r, key, b);
}

void ihv_trace_rec_bool(struct ihv_trace_rec *r, const char *key, bool val)
{
	rec_field_text(r, key, val ? "true" : "false", val ? 4 : 5);
}

void ihv_trace_rec_mac(struct ihv_trace_rec *r, const char *key, const uint8_t mac[6])
{
	char b[18];

	if (!mac) {
		rec_field_text(r, key, "null", 4);
		return;
	}
	snprintf(b, sizeof(b), SIM_MAC_FMT, SIM_MAC_ARG(mac));
	rec_field_short_str(r, key, b);
}

void ihv_trace_rec_status(struct ihv_trace_rec *r, const char *key, uint32_t status)
{
	char b[IHV_STATUS_FORMAT_MAX];

	rec_field_short_str(r, key, ihv_status_format(status, b, sizeof(b)));
}

void ihv_trace_rec_win32(struct ihv_trace_rec *r, const char *key, uint32_t win32)
{
	const char *name = ihv_win32_name(win32);
	char b[16];

	if (!name) {
		snprintf(b, sizeof(b), "0x%" PRIx32, win32);
		name = b;
	}
	rec_field_short_str(r, key, name);
}

void ihv_trace_rec_raw(struct ihv_trace_rec *r, const char *key, const char *json)
{
	size_t n;

	if (!json) {
		rec_field_text(r, key, "null", 4);
		return;
	}
	n = strlen(json);
	if (ihv_json_valid(json, n)) {
		/* Cutting JSON text cannot keep it valid: all or nothing. */
		rec_field_text(r, key, json, n);
		return;
	}
	ihv_trace_rec_str(r, key, json);
	/* Marked after the value so the marker itself is the last to be lost
	 * when the record is full; rec_field_text sets truncated then. */
	rec_field_text(r, "raw_invalid", "true", 4);
}

/* ---- writing ---------------------------------------------------------- */

int ihv_trace_open(const char *path, struct ihv_trace **out)
{
	struct ihv_trace *t;
	int rc;

	*out = NULL;
	if (!path)
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	if (strcmp(path, "-") == 0) {
		t->fd = STDOUT_FILENO;
	} else {
		t->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
				   O_CLOEXEC, 0644);
		if (t->fd < 0) {
			rc = -errno;
			goto free_t;
		}
		t->own_fd = true;
	}
	rc = -pthread_mutex_init(&t->lock, NULL);
	if (rc)
		goto close_fd;
	*out = t;
	return 0;
close_fd:
	if (t->own_fd)
		close(t->fd);
free_t:
	free(t);
	return rc;
}

void ihv_trace_close(struct ihv_trace *t)
{
	if (!t)
		return;
	if (t->own_fd)
		close(t->fd);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int ihv_trace_write(struct ihv_trace *t, const struct ihv_trace_rec *r)
{
	char line[1 + IHV_TRACE_REC_MAX + TRACE_LINE_EXTRA];
	uint64_t t_ns;
	size_t n = 0;
	int rc;

	if (!t)
		return 0;
	pthread_mutex_lock(&t->lock);
	/* Read the clock under the lock: file order == time order. */
	t_ns = sim_clock_now_ns();
	if (t->broken_line)
		line[n++] = '\n';
	n += (size_t)snprintf(line + n, sizeof(line) - n, "{\"t_ns\":%" PRIu64,
			      t_ns);
	if (r->len > 0) {
		line[n++] = ',';
		memcpy(line + n, r->buf, r->len);
		n += r->len;
	}
	if (r->truncated) {
		memcpy(line + n, ",\"truncated\":true", 17);
		n += 17;
	}
	line[n++] = '}';
	line[n++] = '\n';
	/* One write(2) per line (a regular file or pipe gets it whole); the
	 * loop only matters for short writes on a full pipe or disk. */
	rc = write_all(t->fd, line, n);
	t->broken_line = rc != 0;
	if (rc) {
		t->lost++;
		if (!t->first_error)
			t->first_error = rc;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

int ihv_trace_error(struct ihv_trace *t, unsigned long *lost)
{
	int err;

	if (!t) {
		*lost = 0;
		return 0;
	}
	pthread_mutex_lock(&t->lock);
	*lost = t->lost;
	err = t->first_error;
	pthread_mutex_unlock(&t->lock);
	return err;
}

/* ---- validation ------------------------------------------------------- */

struct jp {
	const unsigned char *s;
	size_t n, i;
	int depth;
};

#define JSON_MAX_DEPTH 64

static void jp_ws(struct jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
			       p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static bool jp_lit(struct jp *p, const char *lit)
{
	size_t l = strlen(lit);

	if (p->n - p->i < l || memcmp(p->s + p->i, lit, l) != 0)
		return false;
	p->i += l;
	return true;
}

static bool jp_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static bool jp_string(struct jp *p)
{
	if (p->i >= p->n || p->s[p->i] != '"')
		return false;
	p->i++;
	while (p->i < p->n) {
		unsigned char c = p->s[p->i];
		size_t l;

		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++p->i >= p->n)
				return false;
			c = p->s[p->i];
			if (c == 'u') {
				if (p->n - p->i < 5)
					return false;
				for (int k = 1; k <= 4; k++)
					if (!jp_hex(p->s[p->i + k]))
						return false;
				p->i += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", c) || c == 0)
				return false;
			p->i++;
			continue;
		}
		l = utf8_seq_len(p->s + p->i, p->n - p->i);
		if (l == 0)
			return false;
		p->i += l;
	}
	return false;
}

static bool jp_digits(struct jp *p)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start;
}

static bool jp_number(struct jp *p)
{
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (!jp_digits(p))
		return false;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!jp_digits(p))
			return false;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!jp_digits(p))
			return false;
	}
	return true;
}

static bool jp_value(struct jp *p);

/* Object or array; @close is '}' or ']'. */
static bool jp_container(struct jp *p, unsigned char close)
{
	if (++p->depth > JSON_MAX_DEPTH)
		return false;
	p->i++;
	jp_ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		if (close == '}') {
			if (!jp_string(p))
				return false;
			jp_ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return false;
			p->i++;
		}
		if (!jp_value(p))
			return false;
		jp_ws(p);
		if (p->i >= p->n)
			return false;
		if (p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return true;
		}
		if (p->s[p->i] != ',')
			return false;
		p->i++;
		jp_ws(p);
	}
}

static bool jp_value(struct jp *p)
{
	jp_ws(p);
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{': return jp_container(p, '}');
	case '[': return jp_container(p, ']');
	case '"': return jp_string(p);
	case 't': return jp_lit(p, "true");
	case 'f': return jp_lit(p, "false");
	case 'n': return jp_lit(p, "null");
	}
	return jp_number(p);
}

bool ihv_json_valid(const char *s, size_t len)
{
	struct jp p = { .s = (const unsigned char *)s, .n = len };

	if (!s || !jp_value(&p))
		return false;
	jp_ws(&p);
	return p.i == p.n;
}
