/* SPDX-License-Identifier: MIT */
/*
 * scn lexer: lines into words, and the scalar syntaxes (numbers,
 * durations, MAC addresses). See scn-int.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

int scn_error(struct scn_parser *p, unsigned int col, const char *fmt, ...)
{
	va_list ap;

	if (!p->err)
		return -EINVAL;
	fprintf(p->err, "%s:%u:%u: ", p->s->file, p->line, col ? col : 1);
	va_start(ap, fmt);
	vfprintf(p->err, fmt, ap);
	va_end(ap);
	fputc('\n', p->err);
	return -EINVAL;
}

void scn_line_release(struct scn_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->toks[i].text);  /* key and val live in the same block */
	l->n = 0;
}

/*
 * One word into @t. The text block holds "<word>\0<key>\0<val>\0" so one
 * free releases all three.
 */
/* Where the word starting at @i ends (quotes respected; an unterminated
 * quote runs to the end of the line and is reported by lex_word). */
static size_t word_end(const char *s, size_t len, size_t i)
{
	bool quoted = false;

	for (; i < len; i++) {
		if (!quoted && (s[i] == ' ' || s[i] == '\t' || s[i] == '#'))
			break;
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted && s[i] == '\\' && i + 1 < len)
			i++;
	}
	return i;
}

static int lex_word(struct scn_parser *p, const char *s, size_t len,
		    size_t *pos, struct scn_tok *t)
{
	size_t i = *pos;
	size_t start = i;
	/* Sized by the word, not the line: a long line of many words must
	 * not cost words x line length. */
	char *buf = malloc(2 * (word_end(s, len, i) - start) + 3);
	size_t n = 0;
	long eq = -1;          /* index in buf of the first unquoted '=' */
	unsigned int eq_src = 0;
	bool quoted = false;
	unsigned int qcol = 0;

	if (!buf)
		return -ENOMEM;
	while (i < len) {
		char c = s[i];

		if (!quoted && (c == ' ' || c == '\t' || c == '#'))
			break;
		if (c == '"') {
			quoted = !quoted;
			if (quoted)
				qcol = (unsigned int)i + 1;
			i++;
			continue;
		}
		if (quoted && c == '\\' && i + 1 < len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\')) {
			buf[n++] = s[i + 1];
			i += 2;
			continue;
		}
		if ((unsigned char)c < 0x20 || c == 0x7f) {
			free(buf);
			return scn_error(p, (unsigned int)i + 1,
					 "control character 0x%02x in the text",
					 (unsigned char)c);
		}
		if (!quoted && c == '=' && eq < 0) {
			eq = (long)n;
			eq_src = (unsigned int)i;
		}
		buf[n++] = c;
		i++;
	}
	if (quoted) {
		free(buf);
		return scn_error(p, qcol, "unterminated quote");
	}
	buf[n] = '\0';
	t->text = buf;
	t->col = (unsigned int)start + 1;
	t->key = NULL;
	t->val = NULL;
	t->val_col = 0;
	if (eq >= 0) {
		/* key and value copies after the word, NUL-separated */
		char *k = buf + n + 1;
		size_t vlen = n - (size_t)eq - 1;

		memcpy(k, buf, (size_t)eq);
		k[eq] = '\0';
		memcpy(k + eq + 1, buf + eq + 1, vlen);
		k[eq + 1 + (long)vlen] = '\0';
		t->key = k;
		t->val = k + eq + 1;
		t->val_col = eq_src + 2;
		if (eq == 0) {
			scn_line_release(&(struct scn_line){ .toks = t, .n = 1 });
			return scn_error(p, (unsigned int)start + 1,
					 "'=' without a key before it");
		}
	}
	*pos = i;
	return 0;
}

int scn_lex_line(struct scn_parser *p, const char *text, size_t len,
		 struct scn_line *out)
{
	const char *nul = memchr(text, '\0', len);
	size_t i = 0;
	int rc;

	scn_line_release(out);
	/* A trailing '\r' (a file written on Windows) is not part of the
	 * line: the extension authors this tool is for often use Windows. */
	if (len && text[len - 1] == '\r')
		len--;
	/* Refused even in a comment: a text file has none (UTF-16 and
	 * binary files do), and the same text given to scn_parse_string
	 * would end there. */
	if (nul)
		return scn_error(p, (unsigned int)(nul - text) + 1,
				 "NUL byte in the text (is this a text file?)");
	if (len > SCN_LINE_MAX)
		return scn_error(p, SCN_LINE_MAX + 1, "line too long (at most %d "
				 "bytes)", SCN_LINE_MAX);
	while (i < len) {
		if (text[i] == ' ' || text[i] == '\t') {
			i++;
			continue;
		}
		if (text[i] == '#')
			break;
		if (out->n == out->cap) {
			size_t cap = out->cap ? 2 * out->cap : 8;
			struct scn_tok *nt = realloc(out->toks, cap * sizeof(*nt));

			if (!nt)
				return -ENOMEM;
			out->toks = nt;
			out->cap = cap;
		}
		rc = lex_word(p, text, len, &i, &out->toks[out->n]);
		if (rc < 0)
			return rc;
		out->n++;
	}
	return 0;
}

int scn_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10;
	const char *c = s;

	if (c[0] == '0' && (c[1] == 'x' || c[1] == 'X')) {
		base = 16;
		c += 2;
	}
	if (!*c)
		return -EINVAL;
	for (; *c; c++) {
		unsigned int d;

		if (*c >= '0' && *c <= '9')
			d = (unsigned int)(*c - '0');
		else if (base == 16 && isxdigit((unsigned char)*c))
			d = (unsigned int)(tolower((unsigned char)*c) - 'a' + 10);
		else
			return -EINVAL;
		if (v > (max - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/*
 * Durations always carry a unit: a bare "200" could mean ms or s and the
 * difference is a test that waits 1000 times too long or too short.
 * Fractions (up to milliseconds) only with "s" and "m".
 */
int scn_parse_duration(const char *s, uint64_t *ms)
{
	uint64_t whole = 0, frac = 0, frac_scale = 1, mult;
	const char *c = s;
	bool digits = false;

	while (*c >= '0' && *c <= '9') {
		whole = whole * 10 + (uint64_t)(*c - '0');
		if (whole > SCN_DURATION_MAX_MS)
			return -ERANGE;
		digits = true;
		c++;
	}
	if (*c == '.') {
		c++;
		while (*c >= '0' && *c <= '9') {
			if (frac_scale >= 1000)
				return -EINVAL;   /* finer than 1 ms */
			frac = frac * 10 + (uint64_t)(*c - '0');
			frac_scale *= 10;
			digits = true;
			c++;
		}
		if (frac_scale == 1)
			return -EINVAL;
	}
	if (!digits)
		return -EINVAL;
	if (!strcmp(c, "ms")) {
		if (frac_scale != 1)
			return -EINVAL;
		mult = 1;
	} else if (!strcmp(c, "s")) {
		mult = 1000;
	} else if (!strcmp(c, "m") || !strcmp(c, "min")) {
		mult = 60000;
	} else {
		return -EINVAL;
	}
	*ms = whole * mult + frac * mult / frac_scale;
	if (*ms > SCN_DURATION_MAX_MS)
		return -ERANGE;
	return 0;
}

int scn_parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
			return -EINVAL;
		mac[i] = (uint8_t)strtoul((char[3]){ s[0], s[1], 0 }, NULL, 16);
		s += 2;
		if (i < 5 && *s++ != ':')
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

int scn_tok_duration(struct scn_parser *p, const char *s, unsigned int col,
		     uint64_t *ms)
{
	int rc = scn_parse_duration(s, ms);

	if (rc == -ERANGE)
		return scn_error(p, col, "duration '%s' is longer than 1 hour", s);
	if (rc < 0)
		return scn_error(p, col,
				 "bad duration '%s' (write e.g. 500ms, 2s, 1.5s)", s);
	return 0;
}
