/* SPDX-License-Identifier: MIT */
/*
 * scn control: the options of the `control` action (a client's
 * WlanIhvControl request, see its row in scn-actions.c): data=HEX, out=N,
 * expect=HEX and ret=WIN32, and the hex byte strings they are written in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int scn_parse_hex(const char *s, size_t max, uint8_t **out, size_t *len)
{
	size_t n = 0, digits = 0;
	uint8_t *b;

	*out = NULL;
	*len = 0;
	/* First pass: the shape. Dots only between whole bytes, so a
	 * misplaced one (a lost digit) is an error, not a shifted value. */
	for (const char *c = s; *c; c++) {
		if (*c == '.') {
			if (digits % 2 || c == s || !c[1] || c[1] == '.')
				return -EINVAL;
			continue;
		}
		if (hex_digit(*c) < 0)
			return -EINVAL;
		digits++;
	}
	if (digits % 2 || digits / 2 > max)
		return -EINVAL;
	if (!digits)
		return 0;
	b = malloc(digits / 2);
	if (!b)
		return -ENOMEM;
	for (const char *c = s; *c; c++) {
		if (*c == '.')
			continue;
		b[n] = (uint8_t)(hex_digit(c[0]) << 4 | hex_digit(c[1]));
		n++;
		c++;
	}
	*out = b;
	*len = n;
	return 0;
}

static int hex_opt(struct scn_parser *p, const struct scn_tok *t, const char *kw,
		   uint8_t **out, size_t *len)
{
	int rc = scn_parse_hex(t->val, SCN_MAX_CONTROL_BYTES, out, len);

	if (rc == -EINVAL)
		return scn_error(p, t->val_col, "%s: bad %s '%s' (hex bytes, "
				 "e.g. 0a1b2c or 0a.1b.2c, at most %u)", kw,
				 t->key, t->val, SCN_MAX_CONTROL_BYTES);
	return rc;
}

int scn_control_opt(struct scn_parser *p, const struct scn_tok *t,
		    unsigned int bit, const char *kw,
		    struct scn_action_args *args)
{
	uint64_t n;
	uint32_t code;

	switch (bit) {
	case SCN_OPT_DATA:
		/* ui-answer's text= fills the same bytes (scn-ui.c) */
		if (args->data)
			return scn_error(p, t->col, "%s: text= or data=, not both", kw);
		return hex_opt(p, t, kw, &args->data, &args->data_len);
	case SCN_OPT_EXPECT:
		args->has_expect = true;
		return hex_opt(p, t, kw, &args->expect, &args->expect_len);
	case SCN_OPT_OUT:
		if (scn_parse_uint(t->val, SCN_MAX_CONTROL_OUT, &n) < 0)
			return scn_error(p, t->val_col, "%s: bad out '%s' (the "
					 "out buffer's bytes, 0..%u)", kw, t->val,
					 SCN_MAX_CONTROL_OUT);
		args->out_cap = (uint32_t)n;
		return 0;
	case SCN_OPT_RET:
		if (scn_win32_parse(t->val, &code) < 0) {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			scn_win32_suggest(&b, t->val);
			return scn_error(p, t->val_col, "%s: unknown Win32 error "
					 "'%s'%s", kw, t->val,
					 scn_best_hint(&b, hint, sizeof(hint)));
		}
		args->ret = code;
		return 0;
	}
	return -EINVAL;
}

int scn_check_control(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a)
{
	unsigned int col = scn_end_col(l);

	for (size_t i = 2; i < l->n; i++)
		if (l->toks[i].key && !strcmp(l->toks[i].key, "expect"))
			col = l->toks[i].val_col;
	for (size_t i = 2; i < l->n; i++)
		if (l->toks[i].key && !strcmp(l->toks[i].key, "data"))
			goto have_data;
	return scn_error(p, scn_end_col(l), "control: missing data=HEX (the "
			 "bytes of the client's request; data= for none)");
have_data:
	if (a->has_expect && a->expect_len > a->out_cap)
		return scn_error(p, col, "control: expect= has %zu bytes, more "
				 "than the %u-byte out buffer (out=)",
				 a->expect_len, (unsigned int)a->out_cap);
	return 0;
}
