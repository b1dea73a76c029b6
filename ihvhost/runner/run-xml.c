/* SPDX-License-Identifier: MIT */
/*
 * run-xml: a small, strict XML reader for the JUnit reports the runner
 * merges (see run-xml.h for what it accepts).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run-xml.h"

/* ---- reading ---------------------------------------------------------- */

static void jx_where(const struct jx_doc *d, size_t at, unsigned int *line, unsigned int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at && i < d->len; i++) {
		if (d->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int jx_fail(struct jx_doc *d, size_t at, const char *fmt, ...)
{
	unsigned int line, col;
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jx_where(d, at, &line, &col);
	snprintf(d->err, sizeof(d->err), "%s:%u:%u: %s", d->path, line, col, msg);
	return -EINVAL;
}

/* Valid UTF-8 of XML 1.0's Char production; the offset of the first bad
 * byte, or len. */
static size_t jx_bad_char(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned int cp, n;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
				return i;
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			n = 2;
			cp = s[i] & 0x1F;
		} else if ((s[i] & 0xF0) == 0xE0) {
			n = 3;
			cp = s[i] & 0x0F;
		} else if ((s[i] & 0xF8) == 0xF0) {
			n = 4;
			cp = s[i] & 0x07;
		} else {
			return i;
		}
		if (n > len - i)
			return i;
		for (unsigned int k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
			return i;
		i += n;
	}
	return len;
}

static bool jx_at(const struct jx_doc *d, const char *s)
{
	size_t n = strlen(s);

	return d->len - d->pos >= n && !memcmp(d->buf + d->pos, s, n);
}

static bool jx_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void jx_skip_space(struct jx_doc *d)
{
	while (d->pos < d->len && jx_space(d->buf[d->pos]))
		d->pos++;
}

/* Moves past @end (which must follow), or fails naming @what. */
static int jx_skip_past(struct jx_doc *d, const char *end, const char *what)
{
	const char *p = memmem(d->buf + d->pos, d->len - d->pos, end, strlen(end));

	if (!p)
		return jx_fail(d, d->pos, "unterminated %s", what);
	d->pos = (size_t)(p - d->buf) + strlen(end);
	return 0;
}

/* Comments and processing instructions (skipped wherever they are). */
static int jx_skip_misc(struct jx_doc *d, bool *skipped)
{
	*skipped = false;
	if (jx_at(d, "<!--")) {
		*skipped = true;
		return jx_skip_past(d, "-->", "comment");
	}
	if (jx_at(d, "<?")) {
		if (d->len - d->pos >= 6 && !strncasecmp(d->buf + d->pos + 2, "xml", 3) &&
		    (jx_space(d->buf[d->pos + 5]) || d->buf[d->pos + 5] == '?'))
			return jx_fail(d, d->pos, "an XML declaration is only allowed at the start");
		*skipped = true;
		return jx_skip_past(d, "?>", "processing instruction");
	}
	if (jx_at(d, "<!DOCTYPE"))
		return jx_fail(d, d->pos, "a DOCTYPE is not accepted (a JUnit report has none)");
	return 0;
}

static bool jx_name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

static int jx_name(struct jx_doc *d, const char **name, size_t *len)
{
	size_t start = d->pos;

	if (d->pos >= d->len || !jx_name_char(d->buf[d->pos], true))
		return jx_fail(d, d->pos, "expected a name");
	while (d->pos < d->len && jx_name_char(d->buf[d->pos], false))
		d->pos++;
	if (d->pos < d->len && d->buf[d->pos] == ':')
		return jx_fail(d, d->pos, "namespaces are not part of a JUnit report");
	*name = d->buf + start;
	*len = d->pos - start;
	return 0;
}

/* Checks (and with @out, decodes into it) the entity and character
 * references of @s..@s+n; @out must hold n + 1 bytes. */
static int jx_text(struct jx_doc *d, size_t at, size_t n, char *out)
{
	static const struct { const char *ref; char c; } ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	const char *s = d->buf + at;
	size_t w = 0;

	for (size_t i = 0; i < n;) {
		unsigned long cp = 0;
		size_t k;

		if (s[i] != '&') {
			if (out)
				out[w++] = s[i];
			i++;
			continue;
		}
		for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
			size_t l = strlen(ents[k].ref);

			if (n - i - 1 >= l && !memcmp(s + i + 1, ents[k].ref, l)) {
				if (out)
					out[w++] = ents[k].c;
				i += 1 + l;
				break;
			}
		}
		if (k < sizeof(ents) / sizeof(ents[0]))
			continue;
		if (n - i > 2 && s[i + 1] == '#') {
			bool hex = s[i + 2] == 'x';
			size_t j = i + 2 + hex, digits = 0;

			for (; j < n && digits < 8; j++, digits++) {
				char c = s[j];
				int v = c >= '0' && c <= '9' ? c - '0' :
					hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
					hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

				if (v < 0)
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			}
			if (digits && j < n && s[j] == ';' &&
			    (cp == 0x9 || cp == 0xA || cp == 0xD ||
			     (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
			     (cp >= 0x10000 && cp <= 0x10FFFF))) {
				if (out) {
					/* UTF-8 of cp */
					if (cp < 0x80) {
						out[w++] = (char)cp;
					} else if (cp < 0x800) {
						out[w++] = (char)(0xC0 | (cp >> 6));
						out[w++] = (char)(0x80 | (cp & 0x3F));
					} else if (cp < 0x10000) {
						out[w++] = (char)(0xE0 | (cp >> 12));
						out[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
						out[w++] = (char)(0x80 | (cp & 0x3F));
					} else {
						out[w++] = (char)(0xF0 | (cp >> 18));
						out[w++] = (char)(0x80 | ((cp >> 12) & 0x3F));
						out[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
						out[w++] = (char)(0x80 | (cp & 0x3F));
					}
				}
				i = j + 1;
				continue;
			}
		}
		return jx_fail(d, at + i, "bad entity or character reference");
	}
	if (out)
		out[w] = '\0';
	return 0;
}

void jx_elem_free(struct jx_elem *e)
{
	for (size_t i = 0; i < e->n_attrs; i++)
		free(e->attrs[i].value);
	for (size_t i = 0; i < e->n_kids; i++)
		jx_elem_free(&e->kids[i]);
	free(e->kids);
	memset(e, 0, sizeof(*e));
}

static int jx_attrs(struct jx_doc *d, struct jx_elem *e)
{
	for (;;) {
		struct jx_attr *a;
		size_t vstart;
		const char *q;
		char quote;
		int rc;

		jx_skip_space(d);
		if (d->pos >= d->len)
			return jx_fail(d, d->pos, "unterminated tag");
		if (d->buf[d->pos] == '>' || jx_at(d, "/>"))
			return 0;
		if (e->n_attrs == JX_ATTRS_MAX)
			return jx_fail(d, d->pos, "more than %d attributes", JX_ATTRS_MAX);
		a = &e->attrs[e->n_attrs];
		rc = jx_name(d, &a->name, &a->name_len);
		if (rc)
			return rc;
		for (size_t i = 0; i < e->n_attrs; i++)
			if (e->attrs[i].name_len == a->name_len &&
			    !memcmp(e->attrs[i].name, a->name, a->name_len))
				return jx_fail(d, d->pos - a->name_len, "attribute '%.*s' twice",
					       (int)a->name_len, a->name);
		jx_skip_space(d);
		if (d->pos >= d->len || d->buf[d->pos] != '=')
			return jx_fail(d, d->pos, "expected '=' after attribute '%.*s'",
				       (int)a->name_len, a->name);
		d->pos++;
		jx_skip_space(d);
		if (d->pos >= d->len || (d->buf[d->pos] != '"' && d->buf[d->pos] != '\''))
			return jx_fail(d, d->pos, "expected a quoted value");
		quote = d->buf[d->pos++];
		vstart = d->pos;
		q = memchr(d->buf + vstart, quote, d->len - vstart);
		if (!q)
			return jx_fail(d, vstart, "unterminated attribute value");
		d->pos = (size_t)(q - d->buf) + 1;
		if (memchr(d->buf + vstart, '<', d->pos - 1 - vstart))
			return jx_fail(d, vstart, "'<' in an attribute value");
		a->value = malloc(d->pos - vstart);
		if (!a->value)
			return -ENOMEM;
		e->n_attrs++;
		rc = jx_text(d, vstart, d->pos - 1 - vstart, a->value);
		if (rc)
			return rc;
	}
}

static int jx_element(struct jx_doc *d, struct jx_elem *e, unsigned int depth)
{
	const char *end_name;
	size_t end_len;
	bool skipped;
	int rc;

	if (depth > JX_DEPTH_MAX)
		return jx_fail(d, d->pos, "elements nested deeper than %d", JX_DEPTH_MAX);
	e->start = d->pos++;            /* '<' */
	rc = jx_name(d, &e->name, &e->name_len);
	if (!rc)
		rc = jx_attrs(d, e);
	if (rc)
		return rc;
	if (jx_at(d, "/>")) {
		d->pos += 2;
		e->inner_start = e->inner_end = e->end = d->pos;
		return 0;
	}
	e->inner_start = ++d->pos;      /* '>' */
	for (;;) {
		size_t t = d->pos;

		while (d->pos < d->len && d->buf[d->pos] != '<')
			d->pos++;
		if (d->pos > t) {
			if (memmem(d->buf + t, d->pos - t, "]]>", 3))
				return jx_fail(d, t, "']]>' in text");
			rc = jx_text(d, t, d->pos - t, NULL);
			if (rc)
				return rc;
			for (size_t i = t; i < d->pos; i++)
				e->text |= !jx_space(d->buf[i]);
		}
		if (d->pos >= d->len)
			return jx_fail(d, e->start, "<%.*s> is never closed",
				       (int)e->name_len, e->name);
		if (jx_at(d, "<![CDATA[")) {
			e->text = true;
			rc = jx_skip_past(d, "]]>", "CDATA section");
		} else if (jx_at(d, "</")) {
			e->inner_end = d->pos;
			d->pos += 2;
			rc = jx_name(d, &end_name, &end_len);
			if (rc)
				return rc;
			if (end_len != e->name_len || memcmp(end_name, e->name, end_len))
				return jx_fail(d, e->inner_end, "</%.*s> closes <%.*s>",
					       (int)end_len, end_name, (int)e->name_len, e->name);
			jx_skip_space(d);
			if (d->pos >= d->len || d->buf[d->pos] != '>')
				return jx_fail(d, d->pos, "expected '>'");
			e->end = ++d->pos;
			return 0;
		} else if ((rc = jx_skip_misc(d, &skipped)) || skipped) {
			/* a comment or PI, or an error */
		} else {
			struct jx_elem *k = realloc(e->kids, (e->n_kids + 1) * sizeof(*k));

			if (!k)
				return -ENOMEM;
			e->kids = k;
			memset(&k[e->n_kids], 0, sizeof(*k));
			e->n_kids++;
			rc = jx_element(d, &k[e->n_kids - 1], depth + 1);
		}
		if (rc)
			return rc;
	}
}

int jx_document(struct jx_doc *d)
{
	size_t bad = jx_bad_char((const unsigned char *)d->buf, d->len);
	bool skipped, root = false;
	int rc;

	if (bad < d->len)
		return jx_fail(d, bad, "not UTF-8 text of XML characters (byte 0x%02x)",
			       (unsigned char)d->buf[bad]);
	if (jx_at(d, "\xEF\xBB\xBF"))
		d->pos += 3;
	if (jx_at(d, "<?xml")) {
		size_t decl = d->pos;
		char *end;

		rc = jx_skip_past(d, "?>", "XML declaration");
		if (rc)
			return rc;
		end = strndup(d->buf + decl, d->pos - decl);
		if (!end)
			return -ENOMEM;
		skipped = strcasestr(end, "encoding") && !strcasestr(end, "\"UTF-8\"") &&
			  !strcasestr(end, "'UTF-8'");
		free(end);
		if (skipped)
			return jx_fail(d, decl, "only UTF-8 is accepted");
	}
	for (;;) {
		jx_skip_space(d);
		if (d->pos >= d->len)
			break;
		rc = jx_skip_misc(d, &skipped);
		if (rc)
			return rc;
		if (skipped)
			continue;
		if (d->buf[d->pos] != '<' || root)
			return jx_fail(d, d->pos, root ? "content after the root element" :
				       "expected the root element");
		rc = jx_element(d, &d->root, 0);
		if (rc)
			return rc;
		root = true;
	}
	if (!root)
		return jx_fail(d, d->pos, "no root element");
	return 0;
}


bool jx_is(const struct jx_elem *e, const char *name)
{
	return e->name_len == strlen(name) && !memcmp(e->name, name, e->name_len);
}

const char *jx_get(const struct jx_elem *e, const char *name)
{
	for (size_t i = 0; i < e->n_attrs; i++)
		if (e->attrs[i].name_len == strlen(name) &&
		    !memcmp(e->attrs[i].name, name, e->attrs[i].name_len))
			return e->attrs[i].value;
	return NULL;
}

int jx_load(struct jx_doc *d, const char *path)
{
	struct stat st;
	int fd, rc = 0;
	size_t got = 0;

	memset(d, 0, sizeof(*d));
	d->path = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = -EPERM;    /* unreadable as a report: exit 1, not 2 */
		snprintf(d->err, sizeof(d->err), "%s: not a regular file", path);
		goto out;
	}
	if ((unsigned long long)st.st_size > JX_FILE_MAX) {
		rc = -EFBIG;
		goto out;
	}
	d->buf = malloc((size_t)st.st_size + 1);
	if (!d->buf) {
		rc = -ENOMEM;
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, d->buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			goto out;
		}
		got += (size_t)n;
	}
	d->len = got;
	d->buf[got] = '\0';
	if (memchr(d->buf, '\0', got))
		rc = jx_fail(d, (size_t)((char *)memchr(d->buf, '\0', got) - d->buf),
			     "a NUL byte");
out:
	if (fd >= 0)
		close(fd);
	if (rc && !d->err[0])
		snprintf(d->err, sizeof(d->err), "%s: %s", path, strerror(-rc));
	return rc;
}

