/* SPDX-License-Identifier: MIT */
/*
 * w32-fmt: printf-style formatting with the Windows C runtime's rules,
 * for wide (UTF-16) and narrow (UTF-8) output: swprintf, swprintf_s,
 * _snwprintf, sprintf_s, _snprintf, StringCch/CbPrintf.
 *
 * One formatter serves all: it walks the format (char or WCHAR units),
 * formats numbers with the C library's snprintf (one conversion at a
 * time, the length modifier rewritten to the Windows width) and strings
 * and characters itself, converting between UTF-16 and UTF-8 as the
 * source and destination need. The Windows rules (see ihvcrt.h): in a
 * wide format %s and %c are wide and %S, %C, %hs, %hc narrow; in a
 * narrow format the reverse; %ls/%ws/%lc are always wide. "l" on an
 * integer is 32 bits (LONG, DWORD), "ll", "I64" 64 bits, "I", "z", "j",
 * "t" pointer-sized; %p is 16 upper-case hex digits; a NULL string prints
 * "(null)"; %n is refused (it is disabled on Windows too).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strsafe.h>

#include "w32-internal.h"

typedef uint16_t u16;

/* Where the output goes: units are bytes (narrow) or UTF-16 units. Units
 * past cap are counted, not stored, so the caller learns the full length. */
struct w32_out {
	bool wide;
	void *buf;
	size_t cap;
	size_t len;
};

static void w32_put_unit(struct w32_out *o, uint32_t u)
{
	if (o->buf && o->len < o->cap) {
		if (o->wide)
			((u16 *)o->buf)[o->len] = (u16)u;
		else
			((char *)o->buf)[o->len] = (char)u;
	}
	o->len++;
}

static void w32_put_cp(struct w32_out *o, uint32_t cp)
{
	char tmp[4];
	size_t i, n;

	if (o->wide) {
		if (cp >= 0x10000) {
			w32_put_unit(o, 0xd800 + ((cp - 0x10000) >> 10));
			w32_put_unit(o, 0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else {
			w32_put_unit(o, cp);
		}
		return;
	}
	n = w32_utf8_encode(cp, tmp);
	for (i = 0; i < n; i++)
		w32_put_unit(o, (unsigned char)tmp[i]);
}

/* The format, read unit by unit whichever its width. */
struct w32_fmt {
	const void *p;
	bool wide;
};

static uint32_t w32_fmt_at(const struct w32_fmt *f, size_t i)
{
	return f->wide ? ((const u16 *)f->p)[i] : (unsigned char)((const char *)f->p)[i];
}

/*
 * A string argument: wide (UTF-16) or narrow (UTF-8), at most prec
 * source units (SIZE_MAX: to the NUL). Invalid sequences become U+FFFD.
 */
static void w32_put_str(struct w32_out *o, const void *s, bool wide, size_t prec)
{
	size_t i = 0, k;
	uint32_t cp;

	if (wide) {
		const u16 *w = s;

		while (i < prec && w[i]) {
			if (!o->wide) {
				k = w32_utf16_decode(w + i, (i + 1 < prec && w[i + 1]) ? 2 : 1, &cp);
				if (!k) {
					cp = 0xfffd;
					k = 1;
				}
				w32_put_cp(o, cp);
				i += k;
			} else {
				w32_put_unit(o, w[i++]);
			}
		}
		return;
	}
	{
		const unsigned char *n = s;

		while (i < prec && n[i]) {
			if (o->wide) {
				k = w32_utf8_decode(n + i, strnlen((const char *)n + i,
								   prec - i < 4 ? prec - i : 4), &cp);
				if (!k) {
					cp = 0xfffd;
					k = 1;
				}
				w32_put_cp(o, cp);
				i += k;
			} else {
				w32_put_unit(o, n[i++]);
			}
		}
	}
}

static void w32_pad(struct w32_out *o, size_t n, uint32_t c)
{
	while (n--)
		w32_put_unit(o, c);
}

/* The units a string argument makes in this output. */
static size_t w32_str_len(const struct w32_out *o, const void *s, bool wide, size_t prec)
{
	struct w32_out count = { o->wide, NULL, 0, 0 };

	w32_put_str(&count, s, wide, prec);
	return count.len;
}

enum w32_size { W32_SZ_INT, W32_SZ_CHAR, W32_SZ_SHORT, W32_SZ_64, W32_SZ_LDBL };

/*
 * The numeric conversions hand snprintf a format built here, from flags,
 * width and precision parsed above and a conversion this file chose with
 * the argument's real type: not literal, but never the caller's text.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Returns the number of units the whole output needs, or -1. */
static int w32_format(struct w32_out *o, const struct w32_fmt *f, va_list ap_in)
{
	va_list ap;
	size_t i = 0;
	int rc = 0;

	va_copy(ap, ap_in);
	for (;;) {
		char spec[64], num[512], *big = NULL, *text;
		size_t sl = 0, width = 0, prec = SIZE_MAX;
		bool left = false, have_prec = false, is_wide_arg;
		enum w32_size sz = W32_SZ_INT;
		int h = 0, l = 0;   /* 'h' / 'l','w' modifiers seen */
		uint32_t c = w32_fmt_at(f, i++);
		int n;

		if (!c)
			break;
		if (c != '%') {
			if (o->wide == f->wide) {
				w32_put_unit(o, c);
			} else if (f->wide) {
				/* a literal of a wide format into narrow output */
				const u16 *w = (const u16 *)f->p + i - 1;
				uint32_t cp;
				size_t k = w32_utf16_decode(w, w[1] ? 2 : 1, &cp);

				w32_put_cp(o, k ? cp : 0xfffd);
				i += k ? k - 1 : 0;
			} else {
				const unsigned char *s = (const unsigned char *)f->p + i - 1;
				uint32_t cp;
				size_t k = w32_utf8_decode(s, strnlen((const char *)s, 4), &cp);

				w32_put_cp(o, k ? cp : 0xfffd);
				i += k ? k - 1 : 0;
			}
			continue;
		}
		spec[sl++] = '%';
		/* flags */
		while ((c = w32_fmt_at(f, i)) && strchr("-+ #0", (int)c)) {
			if (c == '-')
				left = true;
			spec[sl++] = (char)c;
			i++;
		}
		/* width */
		if (w32_fmt_at(f, i) == '*') {
			int w = va_arg(ap, int);

			i++;
			if (w < 0) {
				left = true;
				spec[sl++] = '-';
				w = -w;
			}
			width = (size_t)w;
		} else {
			while ((c = w32_fmt_at(f, i)) >= '0' && c <= '9' && width < 100000) {
				width = width * 10 + (c - '0');
				i++;
			}
		}
		/* precision */
		if (w32_fmt_at(f, i) == '.') {
			have_prec = true;
			prec = 0;
			i++;
			if (w32_fmt_at(f, i) == '*') {
				int p = va_arg(ap, int);

				i++;
				if (p < 0)
					have_prec = false, prec = SIZE_MAX;
				else
					prec = (size_t)p;
			} else {
				while ((c = w32_fmt_at(f, i)) >= '0' && c <= '9' && prec < 100000) {
					prec = prec * 10 + (c - '0');
					i++;
				}
			}
		}
		/* length: Windows widths */
		for (;;) {
			c = w32_fmt_at(f, i);
			if (c == 'h') {
				h++;
				sz = h > 1 ? W32_SZ_CHAR : W32_SZ_SHORT;
			} else if (c == 'l') {
				l++;
				sz = l > 1 ? W32_SZ_64 : W32_SZ_INT;
			} else if (c == 'w') {
				l = 1;
			} else if (c == 'L') {
				sz = W32_SZ_LDBL;
			} else if (c == 'z' || c == 'j' || c == 't' || c == 'q') {
				sz = W32_SZ_64;
			} else if (c == 'I') {
				if (w32_fmt_at(f, i + 1) == '6' && w32_fmt_at(f, i + 2) == '4') {
					i += 2;
					sz = W32_SZ_64;
				} else if (w32_fmt_at(f, i + 1) == '3' && w32_fmt_at(f, i + 2) == '2') {
					i += 2;
					sz = W32_SZ_INT;
				} else {
					sz = W32_SZ_64;
				}
			} else {
				break;
			}
			i++;
		}
		c = w32_fmt_at(f, i++);
		switch (c) {
		case '%':
			w32_put_unit(o, '%');
			continue;
		case 'c': case 'C': {
			uint32_t ch = (uint32_t)va_arg(ap, int);
			/* wide: %lc/%wc, or %c in a wide format, or %C in a narrow one */
			is_wide_arg = l ? true : h ? false : ((c == 'c') == f->wide);
			if (is_wide_arg)
				ch &= 0xffff;
			else
				ch &= 0xff;
			if (!left && width > 1)
				w32_pad(o, width - 1, ' ');
			if (is_wide_arg && ch >= 0xd800 && ch <= 0xdfff)
				ch = 0xfffd;
			if (!is_wide_arg && !o->wide)
				w32_put_unit(o, ch);     /* a byte, as given */
			else if (is_wide_arg || ch < 0x80)
				w32_put_cp(o, ch);
			else
				w32_put_cp(o, 0xfffd);   /* half a UTF-8 sequence */
			if (left && width > 1)
				w32_pad(o, width - 1, ' ');
			continue;
		}
		case 's': case 'S': {
			const void *s = va_arg(ap, const void *);
			size_t len;
			static const char null_str[] = "(null)";

			is_wide_arg = l ? true : h ? false : ((c == 's') == f->wide);
			if (!s) {
				s = null_str;
				is_wide_arg = false;
			}
			len = w32_str_len(o, s, is_wide_arg, have_prec ? prec : SIZE_MAX);
			if (!left && width > len)
				w32_pad(o, width - len, ' ');
			w32_put_str(o, s, is_wide_arg, have_prec ? prec : SIZE_MAX);
			if (left && width > len)
				w32_pad(o, width - len, ' ');
			continue;
		}
		case 'n':
			w32_warn("printf", "%%n is not supported (disabled on Windows too)");
			rc = -1;
			goto out;
		default:
			break;
		}
		/* numbers: rebuild the conversion for snprintf */
		if (width)
			sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl, "%zu", width);
		if (have_prec)
			sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl, ".%zu", prec);
		switch (c) {
		case 'd': case 'i': {
			long long v = sz == W32_SZ_64 ? va_arg(ap, long long) : va_arg(ap, int);

			if (sz == W32_SZ_SHORT)
				v = (short)v;
			else if (sz == W32_SZ_CHAR)
				v = (signed char)v;
			memcpy(spec + sl, "lld", 4);
			n = snprintf(num, sizeof(num), spec, v);
			break;
		}
		case 'u': case 'o': case 'x': case 'X': {
			unsigned long long v = sz == W32_SZ_64 ? va_arg(ap, unsigned long long)
							       : va_arg(ap, unsigned int);

			if (sz == W32_SZ_SHORT)
				v = (unsigned short)v;
			else if (sz == W32_SZ_CHAR)
				v = (unsigned char)v;
			spec[sl] = 'l';
			spec[sl + 1] = 'l';
			spec[sl + 2] = (char)c;
			spec[sl + 3] = '\0';
			n = snprintf(num, sizeof(num), spec, v);
			break;
		}
		case 'p': {
			void *v = va_arg(ap, void *);

			n = snprintf(num, sizeof(num), "%016llX", (unsigned long long)(uintptr_t)v);
			break;
		}
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
			if (sz == W32_SZ_LDBL) {
				long double v = va_arg(ap, long double);

				spec[sl] = 'L';
				spec[sl + 1] = (char)c;
				spec[sl + 2] = '\0';
				n = snprintf(num, sizeof(num), spec, v);
				if (n >= (int)sizeof(num) && (big = malloc((size_t)n + 1)))
					snprintf(big, (size_t)n + 1, spec, v);
			} else {
				double v = va_arg(ap, double);

				spec[sl] = (char)c;
				spec[sl + 1] = '\0';
				n = snprintf(num, sizeof(num), spec, v);
				if (n >= (int)sizeof(num) && (big = malloc((size_t)n + 1)))
					snprintf(big, (size_t)n + 1, spec, v);
			}
			break;
		default:
			w32_warn("printf", "unknown conversion '%%%c' in a format",
				 c < 0x80 && c >= 0x20 ? (char)c : '?');
			rc = -1;
			goto out;
		}
		if (n < 0 || (n >= (int)sizeof(num) && !big)) {
			rc = -1;
			goto out;
		}
		text = big ? big : num;
		for (size_t k = 0; k < (size_t)n; k++)
			w32_put_unit(o, (unsigned char)text[k]);
		free(big);
	}
	rc = o->len > INT32_MAX ? -1 : (int)o->len;
out:
	va_end(ap);
	return rc;
}

#pragma GCC diagnostic pop

/* Formats into d (n units); returns the full length or -1 on a bad format. */
static int w32_vformat(void *d, size_t n, bool wide, const void *fmt, va_list ap)
{
	struct w32_out o = { wide, d, n, 0 };
	struct w32_fmt f = { fmt, wide };

	if (!fmt)
		return -1;
	return w32_format(&o, &f, ap);
}

static void w32_term(void *d, bool wide, size_t at)
{
	if (wide)
		((u16 *)d)[at] = 0;
	else
		((char *)d)[at] = '\0';
}

/* ISO swprintf. */
int ihv_vswprintf(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap)
{
	int r;

	if (!d || n == 0)
		return -1;
	r = w32_vformat(d, n, true, fmt, ap);
	if (r < 0 || (size_t)r >= n) {
		w32_term(d, true, r < 0 ? 0 : n - 1);
		return -1;
	}
	w32_term(d, true, (size_t)r);
	return r;
}

/* The _s forms and StringCch: a result that does not fit is an error. */
static int w32_vprintf_s(void *d, size_t n, bool wide, const void *fmt, va_list ap)
{
	int r;

	if (!d || n == 0)
		return -1;
	r = w32_vformat(d, n, wide, fmt, ap);
	if (r < 0 || (size_t)r >= n) {
		w32_term(d, wide, 0);
		return -1;
	}
	w32_term(d, wide, (size_t)r);
	return r;
}

int ihv_vswprintf_s(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap)
{
	return w32_vprintf_s(d, n, true, fmt, ap);
}

int ihv_vsprintf_s(char *d, size_t n, const char *fmt, va_list ap)
{
	return w32_vprintf_s(d, n, false, fmt, ap);
}

/* _snwprintf/_snprintf: exactly n units is no terminator; more is -1. */
static int w32_vsnprintf_ms(void *d, size_t n, bool wide, const void *fmt, va_list ap)
{
	int r = w32_vformat(n ? d : NULL, n, wide, fmt, ap);

	if (r < 0)
		return -1;
	if ((size_t)r < n)
		w32_term(d, wide, (size_t)r);
	return (size_t)r > n ? -1 : r;
}

int ihv_vsnwprintf(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap)
{
	return w32_vsnprintf_ms(d, n, true, fmt, ap);
}

int ihv_vsnprintf_ms(char *d, size_t n, const char *fmt, va_list ap)
{
	return w32_vsnprintf_ms(d, n, false, fmt, ap);
}

#define W32_VARIADIC(name, vname, T, CT)                        \
	int name(T *d, size_t n, const CT *fmt, ...)            \
	{                                                       \
		va_list ap;                                     \
		int r;                                          \
		va_start(ap, fmt);                              \
		r = vname(d, n, fmt, ap);                       \
		va_end(ap);                                     \
		return r;                                       \
	}
W32_VARIADIC(ihv_swprintf, ihv_vswprintf, WCHAR, WCHAR)
W32_VARIADIC(ihv_swprintf_s, ihv_vswprintf_s, WCHAR, WCHAR)
W32_VARIADIC(ihv_sprintf_s, ihv_vsprintf_s, char, char)
W32_VARIADIC(ihv_snwprintf, ihv_vsnwprintf, WCHAR, WCHAR)
W32_VARIADIC(ihv_snprintf_ms, ihv_vsnprintf_ms, char, char)

/* ---- strsafe ------------------------------------------------------------ */

static HRESULT w32_cch_vprintf(void *d, size_t cch, bool wide, const void *fmt, va_list ap)
{
	int r;

	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH)
		return STRSAFE_E_INVALID_PARAMETER;
	r = w32_vformat(d, cch, wide, fmt, ap);
	if (r < 0) {
		w32_term(d, wide, 0);
		return STRSAFE_E_INVALID_PARAMETER;
	}
	if ((size_t)r >= cch) {
		w32_term(d, wide, cch - 1);   /* truncated, still terminated */
		return STRSAFE_E_INSUFFICIENT_BUFFER;
	}
	w32_term(d, wide, (size_t)r);
	return S_OK;
}

HRESULT StringCchVPrintfA(STRSAFE_LPSTR d, size_t cch, STRSAFE_LPCSTR fmt, va_list ap)
{
	return w32_cch_vprintf(d, cch, false, fmt, ap);
}

HRESULT StringCchVPrintfW(STRSAFE_LPWSTR d, size_t cch, STRSAFE_LPCWSTR fmt, va_list ap)
{
	return w32_cch_vprintf(d, cch, true, fmt, ap);
}

#define W32_CCH_VARIADIC(name, T, CT, wide, div)                           \
	HRESULT name(T d, size_t n, CT fmt, ...)                          \
	{                                                                 \
		va_list ap;                                               \
		HRESULT r;                                                \
		va_start(ap, fmt);                                        \
		r = w32_cch_vprintf(d, n / (div), wide, fmt, ap);         \
		va_end(ap);                                               \
		return r;                                                 \
	}
W32_CCH_VARIADIC(StringCchPrintfA, STRSAFE_LPSTR, STRSAFE_LPCSTR, false, 1)
W32_CCH_VARIADIC(StringCchPrintfW, STRSAFE_LPWSTR, STRSAFE_LPCWSTR, true, 1)
W32_CCH_VARIADIC(StringCbPrintfA, STRSAFE_LPSTR, STRSAFE_LPCSTR, false, 1)
W32_CCH_VARIADIC(StringCbPrintfW, STRSAFE_LPWSTR, STRSAFE_LPCWSTR, true, sizeof(WCHAR))

/* Copies at most max units of s (to its NUL) into d (cch units). */
static HRESULT w32_cch_copy(void *d, size_t cch, bool wide, const void *s, size_t max)
{
	size_t len, unit = wide ? sizeof(WCHAR) : 1;
	HRESULT hr = S_OK;

	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH)
		return STRSAFE_E_INVALID_PARAMETER;
	if (!s) {
		w32_term(d, wide, 0);
		return STRSAFE_E_INVALID_PARAMETER;
	}
	if (max > cch)
		max = cch;   /* enough to tell that it does not fit */
	len = wide ? ihv_wcsnlen(s, max) : strnlen(s, max);
	if (len >= cch) {
		len = cch - 1;
		hr = STRSAFE_E_INSUFFICIENT_BUFFER;
	}
	memmove(d, s, len * unit);
	w32_term(d, wide, len);
	return hr;
}

HRESULT StringCchCopyA(STRSAFE_LPSTR d, size_t cch, STRSAFE_LPCSTR s)
{
	return w32_cch_copy(d, cch, false, s, SIZE_MAX);
}

HRESULT StringCchCopyW(STRSAFE_LPWSTR d, size_t cch, STRSAFE_LPCWSTR s)
{
	return w32_cch_copy(d, cch, true, s, SIZE_MAX);
}

HRESULT StringCchCopyNA(STRSAFE_LPSTR d, size_t cch, STRSAFE_LPCSTR s, size_t n)
{
	return w32_cch_copy(d, cch, false, s, n);
}

HRESULT StringCchCopyNW(STRSAFE_LPWSTR d, size_t cch, STRSAFE_LPCWSTR s, size_t n)
{
	return w32_cch_copy(d, cch, true, s, n);
}

HRESULT StringCbCopyA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s)
{
	return w32_cch_copy(d, cb, false, s, SIZE_MAX);
}

HRESULT StringCbCopyW(STRSAFE_LPWSTR d, size_t cb, STRSAFE_LPCWSTR s)
{
	return w32_cch_copy(d, cb / sizeof(WCHAR), true, s, SIZE_MAX);
}

static HRESULT w32_cch_cat(void *d, size_t cch, bool wide, const void *s)
{
	size_t dl;

	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH)
		return STRSAFE_E_INVALID_PARAMETER;
	dl = wide ? ihv_wcsnlen(d, cch) : strnlen(d, cch);
	if (dl == cch)
		return STRSAFE_E_INVALID_PARAMETER;   /* d is not terminated */
	return w32_cch_copy(wide ? (void *)((WCHAR *)d + dl) : (void *)((char *)d + dl),
			    cch - dl, wide, s, SIZE_MAX);
}

HRESULT StringCchCatA(STRSAFE_LPSTR d, size_t cch, STRSAFE_LPCSTR s)
{
	return w32_cch_cat(d, cch, false, s);
}

HRESULT StringCchCatW(STRSAFE_LPWSTR d, size_t cch, STRSAFE_LPCWSTR s)
{
	return w32_cch_cat(d, cch, true, s);
}

HRESULT StringCbCatA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s)
{
	return w32_cch_cat(d, cb, false, s);
}

HRESULT StringCbCatW(STRSAFE_LPWSTR d, size_t cb, STRSAFE_LPCWSTR s)
{
	return w32_cch_cat(d, cb / sizeof(WCHAR), true, s);
}

static HRESULT w32_cch_length(const void *s, size_t max, bool wide, size_t *out)
{
	size_t len;

	if (!s || max > STRSAFE_MAX_CCH) {
		if (out)
			*out = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	len = wide ? ihv_wcsnlen(s, max) : strnlen(s, max);
	if (len == max) {
		if (out)
			*out = 0;
		return STRSAFE_E_INVALID_PARAMETER;   /* longer than max */
	}
	if (out)
		*out = len;
	return S_OK;
}

HRESULT StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength)
{
	return w32_cch_length(psz, cchMax, false, pcchLength);
}

HRESULT StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength)
{
	return w32_cch_length(psz, cchMax, true, pcchLength);
}

HRESULT StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength)
{
	return w32_cch_length(psz, cbMax, false, pcbLength);
}

HRESULT StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength)
{
	HRESULT hr = w32_cch_length(psz, cbMax / sizeof(WCHAR), true, pcbLength);

	if (pcbLength)
		*pcbLength *= sizeof(WCHAR);
	return hr;
}
