/* SPDX-License-Identifier: MIT */
/* wstr: see wstr.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wstr.h"

/* Decodes one UTF-8 sequence at @s; the number of bytes, or 0 when it is
 * not a valid (shortest-form, non-surrogate, <= U+10FFFF) sequence. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;  /* also stops at the NUL */
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int ihv_wstr_from_utf8(const char *s, WCHAR **out)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t units = 0, i;
	WCHAR *w;
	uint32_t cp;

	*out = NULL;
	/* Two passes: count (and validate), then write. */
	for (i = 0; p[i]; ) {
		size_t n = utf8_decode(p + i, &cp);

		if (!n)
			return -EILSEQ;
		units += cp >= 0x10000 ? 2 : 1;
		i += n;
	}
	w = malloc((units + 1) * sizeof(*w));
	if (!w)
		return -ENOMEM;
	units = 0;
	for (i = 0; p[i]; ) {
		i += utf8_decode(p + i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			w[units++] = (WCHAR)(0xd800 | (cp >> 10));
			w[units++] = (WCHAR)(0xdc00 | (cp & 0x3ff));
		} else {
			w[units++] = (WCHAR)cp;
		}
	}
	w[units] = 0;
	*out = w;
	return 0;
}

size_t ihv_wstr_len(const WCHAR *w)
{
	size_t n = 0;

	while (w[n])
		n++;
	return n;
}

int ihv_wstr_dup(const WCHAR *w, size_t max, WCHAR **out)
{
	size_t n = 0;
	WCHAR *c;

	*out = NULL;
	while (w[n]) {
		if (++n > max)
			return -E2BIG;
	}
	c = malloc((n + 1) * sizeof(*c));
	if (!c)
		return -ENOMEM;
	memcpy(c, w, (n + 1) * sizeof(*c));
	*out = c;
	return 0;
}
