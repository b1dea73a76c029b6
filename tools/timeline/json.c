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

/* Appends @cp as UTF-8 to @out (which has room: callers reserve 4 bytes). */
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

/* At the opening quote. @out NULL: validate only. */
static int tl_jstring(struct tl_jcur *c, char **out)
{
	/* Decoded text is never longer than its escaped form. */
	char *buf = NULL;
	size_t o = 0;
	int rc;

	c->pos++;
	if (out) {
		buf = malloc(c->len - c->pos + 4);
		if (!buf) {
			c->oom = true;
			return -ENOMEM;
		}
	}
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

static int tl_jadd(struct tl_jobj *o, size_t *cap, char *key, enum tl_jtype type, char *val)
{
	if (o->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct tl_jfield *nf = realloc(o->f, ncap * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		o->f = nf;
		*cap = ncap;
	}
	o->f[o->n].key = key;
	o->f[o->n].type = type;
	o->f[o->n].val = val;
	o->n++;
	return 0;
}

static int tl_jmembers(struct tl_jcur *c, struct tl_jobj *o)
{
	size_t cap = 0;
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
		size_t vstart;

		if (tl_jpeek(c) != '"')
			return tl_jfail(c, "expected a key, got %s", tl_jdesc(tl_jpeek(c)));
		rc = tl_jstring(c, &key);
		if (rc)
			return rc;
		tl_jws(c);
		if (tl_jpeek(c) != ':') {
			rc = tl_jfail(c, "expected ':' after key \"%.40s\", got %s", key,
				      tl_jdesc(tl_jpeek(c)));
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
		rc = tl_jadd(o, &cap, key, type, val);
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

int tl_json_parse(const char *s, size_t len, struct tl_jobj *out, char *err, size_t errlen)
{
	struct tl_jcur c = { .s = s, .len = len, .err = err, .errlen = errlen };
	int rc;

	out->n = 0;
	out->f = NULL;
	rc = tl_jmembers(&c, out);
	if (rc == 0) {
		tl_jws(&c);
		if (c.pos != c.len)
			rc = tl_jfail(&c, "trailing %s after the object", tl_jdesc(tl_jpeek(&c)));
	}
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
