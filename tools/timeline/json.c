/* SPDX-License-Identifier: MIT */
/*
 * json: recursive-descent parser for one trace line (contract in json.h).
 * Hand-written rather than a library so the tool has no dependency and the
 * error can name the exact column.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* Deep enough for anything a trace could carry; bounds the recursion. */
#define TL_JSON_MAX_DEPTH 64

struct tl_jcur {
	const char *s;
	size_t len;
	size_t pos;
	char *err;
	size_t errlen;
	bool oom;
};

__attribute__((format(printf, 2, 3)))
static int tl_jfail(struct tl_jcur *c, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* Columns are 1-based, as editors show them. */
	snprintf(c->err, c->errlen, "%s at column %zu", what, c->pos + 1);
	return -EINVAL;
}

static int tl_jpeek(const struct tl_jcur *c)
{
	return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

static void tl_jws(struct tl_jcur *c)
{
	while (c->pos < c->len && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
				   c->s[c->pos] == '\r' || c->s[c->pos] == '\n'))
		c->pos++;
}

static const char *tl_jdesc(int ch)
{
	static char buf[16];

	if (ch < 0)
		return "end of line";
	if (ch < 0x20 || ch >= 0x7f)
		snprintf(buf, sizeof(buf), "byte 0x%02x", (unsigned)ch);
	else
		snprintf(buf, sizeof(buf), "'%c'", ch);
	return buf;
}

/* Room for a key quoted in a message (40 bytes of it, and a NUL). */
#define TL_JSHOW_MAX 41

/*
 * @key as it may be quoted in a one-line message on a terminal: its first
 * 40 bytes, cut at a character boundary, control characters (C0, DEL and
 * C1) shown as '?'. A key is decoded text: "\u001b[2J" or "\n" in a trace
 * must not reach the terminal as themselves.
 */
static const char *tl_jshow(char buf[TL_JSHOW_MAX], const char *key)
{
	size_t o = 0;

	for (const unsigned char *k = (const unsigned char *)key; *k;) {
		/* Keys are valid UTF-8: the lead byte gives the length. */
		size_t n = *k < 0x80 ? 1 : *k < 0xE0 ? 2 : *k < 0xF0 ? 3 : 4;

		if (o + n > TL_JSHOW_MAX - 1)
			break;
		if (*k < 0x20 || *k == 0x7f || (n == 2 && k[0] == 0xC2 && k[1] <= 0x9F)) {
			buf[o++] = '?';
		} else {
			memcpy(buf + o, k, n);
			o += n;
		}
		k += n;
	}
	buf[o] = '\0';
	return buf;
}

/* Appends @cp as UTF-8 to @out (which has room: see tl_jstring_span). */
static size_t tl_jutf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int tl_jhex4(struct tl_jcur *c, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++) {
		int ch = tl_jpeek(c);

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (uint32_t)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (uint32_t)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v |= (uint32_t)(ch - 'A' + 10);
		else
			return tl_jfail(c, "bad \\u escape (%s)", tl_jdesc(ch));
		c->pos++;
	}
	*out = v;
	return 0;
}

/* Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms,
 * no surrogates, nothing past U+10FFFF) at @s, or 0. */
static size_t tl_jutf8_seq(const unsigned char *s, size_t avail)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	/* The second byte's range is what excludes the overlong forms,
	 * the surrogates and what lies past U+10FFFF. */
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/*
 * Bytes from the opening quote at c->pos to the closing one (or to the
 * end of the line), without decoding. The decoded text is never longer
 * than this (an escape decodes to fewer bytes than it is written with),
 * so it sizes the buffer. Sizing it by the rest of the LINE instead made
 * every key and string of a 200k-field object allocate (and keep) a
 * buffer as long as the rest of the line: quadratic time and memory.
 */
static size_t tl_jstring_span(const struct tl_jcur *c)
{
	size_t i = c->pos + 1;

	while (i < c->len && c->s[i] != '"')
		i += c->s[i] == '\\' ? 2 : 1;
	return (i < c->len ? i : c->len) - c->pos;
}

/* At the opening quote. @out NULL: validate only. */
static int tl_jstring(struct tl_jcur *c, char **out)
{
	char *buf = NULL;
	size_t o = 0;
	int rc;

	if (out) {
		buf = malloc(tl_jstring_span(c) + 1);
		if (!buf) {
			c->oom = true;
			return -ENOMEM;
		}
	}
	c->pos++;
	for (;;) {
		int ch = tl_jpeek(c);
		uint32_t cp;

		if (ch < 0) {
			rc = tl_jfail(c, "unterminated string");
			goto free_buf;
		}
		if (ch < 0x20) {
			rc = tl_jfail(c, "raw control character (%s) in string", tl_jdesc(ch));
			goto free_buf;
		}
		if (ch >= 0x80) {
			/* RFC 8259 text is UTF-8, and the host's writer turns
			 * any bad byte into U+FFFD: a line with one was not
			 * written by it. Refusing it also keeps every decoded
			 * value UTF-8, which the renderers' control-character
			 * filter relies on. */
			size_t n = tl_jutf8_seq((const unsigned char *)c->s + c->pos,
						c->len - c->pos);

			if (!n) {
				rc = tl_jfail(c, "invalid UTF-8 (%s) in string", tl_jdesc(ch));
				goto free_buf;
			}
			if (buf) {
				memcpy(buf + o, c->s + c->pos, n);
				o += n;
			}
			c->pos += n;
			continue;
		}
		c->pos++;
		if (ch == '"')
			break;
		if (ch != '\\') {
			if (buf)
				buf[o++] = (char)ch;
			continue;
		}
		ch = tl_jpeek(c);
		c->pos++;
		switch (ch) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			rc = tl_jhex4(c, &cp);
			if (rc)
				goto free_buf;
			if (cp >= 0xD800 && cp <= 0xDBFF && c->pos + 1 < c->len &&
			    c->s[c->pos] == '\\' && c->s[c->pos + 1] == 'u') {
				size_t save = c->pos;
				uint32_t lo;

				c->pos += 2;
				rc = tl_jhex4(c, &lo);
				if (rc)
					goto free_buf;
				if (lo >= 0xDC00 && lo <= 0xDFFF)
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				else
					c->pos = save;  /* lone high surrogate */
			}
			/* NUL would end the C string early; a lone surrogate is
			 * not a character: both shown as U+FFFD. */
			if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
				cp = 0xFFFD;
			break;
		default:
			c->pos--;
			rc = tl_jfail(c, "bad escape \\%s", ch < 0 ? "at end of line" : tl_jdesc(ch));
			goto free_buf;
		}
		if (buf)
			o += tl_jutf8(buf + o, cp);
	}
	if (buf) {
		buf[o] = '\0';
		*out = buf;
	}
	return 0;

free_buf:
	free(buf);
	return rc;
}

static int tl_jnumber(struct tl_jcur *c)
{
	if (tl_jpeek(c) == '-')
		c->pos++;
	if (tl_jpeek(c) == '0') {
		c->pos++;
	} else if (tl_jpeek(c) >= '1' && tl_jpeek(c) <= '9') {
		while (tl_jpeek(c) >= '0' && tl_jpeek(c) <= '9')
			c->pos++;
	} else {
		return tl_jfail(c, "bad number");
	}
	if (tl_jpeek(c) == '.') {
		c->pos++;
		if (!(tl_jpeek(c) >= '0' && tl_jpeek(c) <= '9'))
			return tl_jfail(c, "bad number (no digit after '.')");
		while (tl_jpeek(c) >= '0' && tl_jpeek(c) <= '9')
			c->pos++;
	}
	if (tl_jpeek(c) == 'e' || tl_jpeek(c) == 'E') {
		c->pos++;
		if (tl_jpeek(c) == '+' || tl_jpeek(c) == '-')
			c->pos++;
		if (!(tl_jpeek(c) >= '0' && tl_jpeek(c) <= '9'))
			return tl_jfail(c, "bad number (no exponent digits)");
		while (tl_jpeek(c) >= '0' && tl_jpeek(c) <= '9')
			c->pos++;
	}
	return 0;
}

static int tl_jliteral(struct tl_jcur *c, const char *word)
{
	size_t n = strlen(word);

	if (c->len - c->pos < n || memcmp(c->s + c->pos, word, n) != 0)
		return tl_jfail(c, "unexpected %s", tl_jdesc(tl_jpeek(c)));
	c->pos += n;
	return 0;
}

static int tl_jvalue(struct tl_jcur *c, int depth, enum tl_jtype *type);

/* At '{' or '['; validates the whole nested value. */
static int tl_jnested(struct tl_jcur *c, int depth)
{
	int close = tl_jpeek(c) == '{' ? '}' : ']';
	enum tl_jtype t;
	int rc;

	if (depth >= TL_JSON_MAX_DEPTH)
		return tl_jfail(c, "nested deeper than %d levels", TL_JSON_MAX_DEPTH);
	c->pos++;
	tl_jws(c);
	if (tl_jpeek(c) == close) {
		c->pos++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (tl_jpeek(c) != '"')
				return tl_jfail(c, "expected a key, got %s", tl_jdesc(tl_jpeek(c)));
			rc = tl_jstring(c, NULL);
			if (rc)
				return rc;
			tl_jws(c);
			if (tl_jpeek(c) != ':')
				return tl_jfail(c, "expected ':', got %s", tl_jdesc(tl_jpeek(c)));
			c->pos++;
			tl_jws(c);
		}
		rc = tl_jvalue(c, depth + 1, &t);
		if (rc)
			return rc;
		tl_jws(c);
		if (tl_jpeek(c) == close) {
			c->pos++;
			return 0;
		}
		if (tl_jpeek(c) != ',')
			return tl_jfail(c, "expected ',' or '%c', got %s", close,
					tl_jdesc(tl_jpeek(c)));
		c->pos++;
		tl_jws(c);
	}
}

static int tl_jvalue(struct tl_jcur *c, int depth, enum tl_jtype *type)
{
	int ch = tl_jpeek(c);

	switch (ch) {
	case '"':
		*type = TL_JSTR;
		return tl_jstring(c, NULL);
	case '{':
	case '[':
		*type = TL_JRAW;
		return tl_jnested(c, depth);
	case 't':
		*type = TL_JBOOL;
		return tl_jliteral(c, "true");
	case 'f':
		*type = TL_JBOOL;
		return tl_jliteral(c, "false");
	case 'n':
		*type = TL_JNULL;
		return tl_jliteral(c, "null");
	}
	if (ch == '-' || (ch >= '0' && ch <= '9')) {
		*type = TL_JNUM;
		return tl_jnumber(c);
	}
	return tl_jfail(c, "expected a value, got %s", tl_jdesc(ch));
}

/* The fields parsed so far, and where each key starts (for the column
 * of a duplicate). Both grow by doubling, so adding is amortised O(1). */
struct tl_jfields {
	struct tl_jobj *o;
	size_t *kpos;
	size_t cap;
};

static int tl_jadd(struct tl_jfields *fs, size_t kpos, char *key, enum tl_jtype type,
		   char *val)
{
	struct tl_jobj *o = fs->o;

	if (o->n == fs->cap) {
		size_t ncap = fs->cap ? fs->cap * 2 : 16;
		struct tl_jfield *nf;
		size_t *np;

		if (ncap > SIZE_MAX / sizeof(*nf))
			return -ENOMEM;
		nf = realloc(o->f, ncap * sizeof(*nf));
		if (!nf)
			return -ENOMEM;
		o->f = nf;
		np = realloc(fs->kpos, ncap * sizeof(*np));
		if (!np)
			return -ENOMEM;
		fs->kpos = np;
		fs->cap = ncap;
	}
	o->f[o->n].key = key;
	o->f[o->n].type = type;
	o->f[o->n].val = val;
	fs->kpos[o->n] = kpos;
	o->n++;
	return 0;
}

static int tl_jmembers(struct tl_jcur *c, struct tl_jfields *fs)
{
	int rc;

	tl_jws(c);
	if (tl_jpeek(c) != '{')
		return tl_jfail(c, "expected '{', got %s", tl_jdesc(tl_jpeek(c)));
	c->pos++;
	tl_jws(c);
	if (tl_jpeek(c) == '}') {
		c->pos++;
		return 0;
	}
	for (;;) {
		char *key = NULL, *val;
		enum tl_jtype type;
		size_t kpos = c->pos, vstart;

		if (tl_jpeek(c) != '"')
			return tl_jfail(c, "expected a key, got %s", tl_jdesc(tl_jpeek(c)));
		rc = tl_jstring(c, &key);
		if (rc)
			return rc;
		tl_jws(c);
		if (tl_jpeek(c) != ':') {
			char shown[TL_JSHOW_MAX];

			rc = tl_jfail(c, "expected ':' after key \"%s\", got %s",
				      tl_jshow(shown, key), tl_jdesc(tl_jpeek(c)));
			free(key);
			return rc;
		}
		c->pos++;
		tl_jws(c);
		vstart = c->pos;
		if (tl_jpeek(c) == '"') {
			type = TL_JSTR;
			rc = tl_jstring(c, &val);
		} else {
			rc = tl_jvalue(c, 1, &type);
			val = rc ? NULL : strndup(c->s + vstart, c->pos - vstart);
			if (!rc && !val)
				rc = -ENOMEM;
		}
		if (rc) {
			free(key);
			return rc;
		}
		rc = tl_jadd(fs, kpos, key, type, val);
		if (rc) {
			free(key);
			free(val);
			return rc;
		}
		tl_jws(c);
		if (tl_jpeek(c) == '}') {
			c->pos++;
			return 0;
		}
		if (tl_jpeek(c) != ',')
			return tl_jfail(c, "expected ',' or '}', got %s", tl_jdesc(tl_jpeek(c)));
		c->pos++;
		tl_jws(c);
	}
}

static int tl_jkey_cmp(const void *a, const void *b)
{
	const struct tl_jfield *const *fa = a, *const *fb = b;
	int r = strcmp((*fa)->key, (*fb)->key);

	/* Equal keys in file order: the first of a run is the original. */
	if (r == 0)
		r = *fa < *fb ? -1 : *fa > *fb;
	return r;
}

/*
 * Refuses an object that names a key twice, at the column of the second
 * occurrence. Sorting pointers to the fields is O(n log n) whatever the
 * keys are (a hash set would be O(n) on average but could be made
 * quadratic by colliding keys).
 */
static int tl_jno_duplicates(struct tl_jcur *c, const struct tl_jfields *fs)
{
	const struct tl_jobj *o = fs->o;
	const struct tl_jfield **by_key;
	char shown[TL_JSHOW_MAX];
	size_t dup = SIZE_MAX;

	if (o->n < 2)
		return 0;
	by_key = malloc(o->n * sizeof(*by_key));
	if (!by_key)
		return -ENOMEM;
	for (size_t i = 0; i < o->n; i++)
		by_key[i] = &o->f[i];
	qsort(by_key, o->n, sizeof(*by_key), tl_jkey_cmp);
	for (size_t i = 1; i < o->n; i++) {
		size_t idx = (size_t)(by_key[i] - o->f);

		if (strcmp(by_key[i - 1]->key, by_key[i]->key) == 0 && idx < dup)
			dup = idx;
	}
	free(by_key);
	if (dup == SIZE_MAX)
		return 0;
	c->pos = fs->kpos[dup];
	return tl_jfail(c, "duplicate key \"%s\"", tl_jshow(shown, o->f[dup].key));
}

int tl_json_parse(const char *s, size_t len, struct tl_jobj *out, char *err, size_t errlen)
{
	struct tl_jcur c = { .s = s, .len = len, .err = err, .errlen = errlen };
	struct tl_jfields fs = { .o = out };
	int rc;

	out->n = 0;
	out->f = NULL;
	rc = tl_jmembers(&c, &fs);
	if (rc == 0) {
		tl_jws(&c);
		if (c.pos != c.len)
			rc = tl_jfail(&c, "trailing %s after the object", tl_jdesc(tl_jpeek(&c)));
	}
	if (rc == 0)
		rc = tl_jno_duplicates(&c, &fs);
	free(fs.kpos);
	if (rc) {
		if (rc == -ENOMEM || c.oom) {
			snprintf(err, errlen, "out of memory");
			rc = -ENOMEM;
		}
		tl_jobj_free(out);
	}
	return rc;
}

void tl_jobj_free(struct tl_jobj *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->f[i].key);
		free(o->f[i].val);
	}
	free(o->f);
	o->f = NULL;
	o->n = 0;
}

const struct tl_jfield *tl_jobj_get(const struct tl_jobj *o, const char *key)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->f[i].key, key) == 0)
			return &o->f[i];
	return NULL;
}

const char *tl_jobj_str(const struct tl_jobj *o, const char *key)
{
	const struct tl_jfield *f = tl_jobj_get(o, key);

	return f && f->type == TL_JSTR ? f->val : NULL;
}

bool tl_jobj_u64(const struct tl_jobj *o, const char *key, uint64_t *out)
{
	const struct tl_jfield *f = tl_jobj_get(o, key);
	uint64_t v = 0;

	if (!f || f->type != TL_JNUM || !f->val[0])
		return false;
	for (const char *p = f->val; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;  /* negative, fraction or exponent */
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*out = v;
	return true;
}

bool tl_jobj_true(const struct tl_jobj *o, const char *key)
{
	const struct tl_jfield *f = tl_jobj_get(o, key);

	return f && f->type == TL_JBOOL && strcmp(f->val, "true") == 0;
}
