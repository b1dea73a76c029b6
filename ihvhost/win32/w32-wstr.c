/* SPDX-License-Identifier: MIT */
/*
 * w32-wstr: UTF-16 strings (WCHAR) for an extension built with 2-byte
 * wchar_t: the C runtime's wcs and wmem functions (ihvcrt.h maps the names here), the
 * MSVC secure copies, lstr*, and UTF-16 <-> UTF-8 conversion (every narrow
 * code page is UTF-8 on Linux). Nothing here calls the C library's wide
 * functions: they are for 4-byte wchar_t. Work is done on uint16_t, so
 * this file is right whatever the size of wchar_t it is compiled with.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "w32-internal.h"

typedef uint16_t u16;

/* ---- UTF-8 / UTF-16 primitives ----------------------------------------- */

size_t w32_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;      /* continuation byte, overlong lead, or > U+10FFFF */
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong 3/4-byte forms, UTF-16 surrogates, beyond Unicode. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t w32_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t w32_utf16_decode(const uint16_t *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	if (s[0] < 0xd800 || s[0] > 0xdfff) {
		*cp = s[0];
		return 1;
	}
	if (s[0] <= 0xdbff && n >= 2 && s[1] >= 0xdc00 && s[1] <= 0xdfff) {
		*cp = 0x10000 + (((uint32_t)s[0] - 0xd800) << 10) + (s[1] - 0xdc00);
		return 2;
	}
	return 0;              /* a lone surrogate */
}

/* ---- wcs* / wmem* on UTF-16 code units ------------------------------------ */

size_t ihv_wcslen(const WCHAR *s)
{
	const u16 *p = (const u16 *)s;

	while (*p)
		p++;
	return (size_t)(p - (const u16 *)s);
}

size_t ihv_wcsnlen(const WCHAR *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int ihv_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	const u16 *x = (const u16 *)a, *y = (const u16 *)b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
		if (!*x)
			return 0;
	}
	return 0;
}

int ihv_wcscmp(const WCHAR *a, const WCHAR *b)
{
	return ihv_wcsncmp(a, b, SIZE_MAX);
}

static u16 w32_fold(u16 c)
{
	return c >= 'A' && c <= 'Z' ? (u16)(c + ('a' - 'A')) : c;
}

int ihv_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	const u16 *x = (const u16 *)a, *y = (const u16 *)b;

	for (; n; n--, x++, y++) {
		u16 cx = w32_fold(*x), cy = w32_fold(*y);

		if (cx != cy)
			return cx < cy ? -1 : 1;
		if (!cx)
			return 0;
	}
	return 0;
}

int ihv_wcsicmp(const WCHAR *a, const WCHAR *b)
{
	return ihv_wcsnicmp(a, b, SIZE_MAX);
}

WCHAR *ihv_wcscpy(WCHAR *d, const WCHAR *s)
{
	memmove(d, s, (ihv_wcslen(s) + 1) * sizeof(WCHAR));
	return d;
}

/* ISO: pads with NULs up to n, no terminator when s is n units or longer. */
WCHAR *ihv_wcsncpy(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t len = ihv_wcsnlen(s, n);

	memmove(d, s, len * sizeof(WCHAR));
	memset(d + len, 0, (n - len) * sizeof(WCHAR));
	return d;
}

WCHAR *ihv_wcscat(WCHAR *d, const WCHAR *s)
{
	ihv_wcscpy(d + ihv_wcslen(d), s);
	return d;
}

WCHAR *ihv_wcsncat(WCHAR *d, const WCHAR *s, size_t n)
{
	WCHAR *e = d + ihv_wcslen(d);
	size_t len = ihv_wcsnlen(s, n);

	memmove(e, s, len * sizeof(WCHAR));
	e[len] = 0;
	return d;
}

WCHAR *ihv_wcschr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)(uintptr_t)s;
		if (!*s)
			return NULL;
	}
}

WCHAR *ihv_wcsrchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *last = NULL;

	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (WCHAR *)(uintptr_t)last;
	}
}

WCHAR *ihv_wcsstr(const WCHAR *hay, const WCHAR *needle)
{
	size_t n = ihv_wcslen(needle);

	if (!n)
		return (WCHAR *)(uintptr_t)hay;
	for (; *hay; hay++)
		if (*hay == *needle && ihv_wcsncmp(hay, needle, n) == 0)
			return (WCHAR *)(uintptr_t)hay;
	return NULL;
}

WCHAR *ihv_wcsdup(const WCHAR *s)
{
	size_t n = (ihv_wcslen(s) + 1) * sizeof(WCHAR);
	WCHAR *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* The ASCII prefix of s (digits, sign, spaces: all a number can hold) as
 * a narrow string for strtoll; the end pointer maps back unit for byte. */
static void w32_ascii_prefix(const WCHAR *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len && s[i] && (u16)s[i] < 0x80; i++)
		buf[i] = (char)s[i];
	buf[i] = '\0';
}

/* Windows' long is 32 bits: out-of-range values clamp to its limits. */
long ihv_wcstol(const WCHAR *s, WCHAR **end, int base)
{
	char buf[128], *e;
	long long v;

	w32_ascii_prefix(s, buf, sizeof(buf));
	errno = 0;
	v = strtoll(buf, &e, base);
	if (end)
		*end = (WCHAR *)(uintptr_t)(s + (e - buf));
	if (v > INT32_MAX || v < INT32_MIN) {
		errno = ERANGE;
		return v > 0 ? INT32_MAX : INT32_MIN;
	}
	return (long)v;
}

unsigned long ihv_wcstoul(const WCHAR *s, WCHAR **end, int base)
{
	char buf[128], *e, *p = buf;
	unsigned long long v;
	bool neg;

	w32_ascii_prefix(s, buf, sizeof(buf));
	errno = 0;
	v = strtoull(buf, &e, base);
	if (end)
		*end = (WCHAR *)(uintptr_t)(s + (e - buf));
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	neg = *p == '-';
	/* The magnitude must fit 32 bits; "-N" is then negated modulo 2^32. */
	if (errno == ERANGE || (neg ? (0 - v) : v) > UINT32_MAX) {
		errno = ERANGE;
		return UINT32_MAX;
	}
	return (uint32_t)v;
}

int ihv_wtoi(const WCHAR *s)
{
	return (int)ihv_wcstol(s, NULL, 10);
}

WCHAR *ihv_wmemcpy(WCHAR *d, const WCHAR *s, size_t n)
{
	return memcpy(d, s, n * sizeof(WCHAR));
}

WCHAR *ihv_wmemmove(WCHAR *d, const WCHAR *s, size_t n)
{
	return memmove(d, s, n * sizeof(WCHAR));
}

WCHAR *ihv_wmemset(WCHAR *d, WCHAR c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = c;
	return d;
}

int ihv_wmemcmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	const u16 *x = (const u16 *)a, *y = (const u16 *)b;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

WCHAR *ihv_wmemchr(const WCHAR *s, WCHAR c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == c)
			return (WCHAR *)(uintptr_t)(s + i);
	return NULL;
}

/* ---- conversions ---------------------------------------------------------- */

/*
 * The one UTF-16 -> UTF-8 loop: n units (or up to the NUL when n is
 * SIZE_MAX, the NUL not converted). Writes at most cap bytes to d (NULL:
 * count only), never a partial character; stops early when the next one
 * does not fit (*full). A lone surrogate is U+FFFD, or an error (*bad)
 * when strict.
 */
static size_t w32_16to8(char *d, size_t cap, const u16 *s, size_t n, bool strict,
			bool *bad, bool *full)
{
	size_t i = 0, out = 0, k;
	uint32_t cp;
	char tmp[4];

	*bad = *full = false;
	while (i < n && !(n == SIZE_MAX && !s[i])) {
		k = w32_utf16_decode(s + i, n == SIZE_MAX ? (s[i + 1] ? 2 : 1) : n - i, &cp);
		if (!k) {
			if (strict) {
				*bad = true;
				return out;
			}
			cp = 0xfffd;
			k = 1;
		}
		size_t m = w32_utf8_encode(cp, tmp);

		if (d) {
			if (out + m > cap) {
				*full = true;
				return out;
			}
			memcpy(d + out, tmp, m);
		}
		out += m;
		i += k;
	}
	return out;
}

/* The UTF-8 -> UTF-16 twin (invalid bytes are U+FFFD unless strict). */
static size_t w32_8to16(u16 *d, size_t cap, const unsigned char *s, size_t n, bool strict,
			bool *bad, bool *full)
{
	size_t i = 0, out = 0, k, m;
	uint32_t cp;

	*bad = *full = false;
	while (i < n && !(n == SIZE_MAX && !s[i])) {
		k = w32_utf8_decode(s + i, n == SIZE_MAX ? strnlen((const char *)s + i, 4) : n - i,
				    &cp);
		if (!k) {
			if (strict) {
				*bad = true;
				return out;
			}
			cp = 0xfffd;
			k = 1;
		}
		m = cp >= 0x10000 ? 2 : 1;
		if (d) {
			if (out + m > cap) {
				*full = true;
				return out;
			}
			if (m == 2) {
				d[out] = (u16)(0xd800 + ((cp - 0x10000) >> 10));
				d[out + 1] = (u16)(0xdc00 + ((cp - 0x10000) & 0x3ff));
			} else {
				d[out] = (u16)cp;
			}
		}
		out += m;
		i += k;
	}
	return out;
}

size_t w32_utf8_len_of_utf16(const uint16_t *s, size_t n, bool *bad)
{
	bool full;

	return w32_16to8(NULL, 0, s, n, true, bad, &full);
}

size_t ihv_wcstombs(char *d, const WCHAR *s, size_t n)
{
	bool bad, full;
	size_t out = w32_16to8(d, n, (const u16 *)s, SIZE_MAX, true, &bad, &full);

	if (bad) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	if (d && out < n)
		d[out] = '\0';
	return out;
}

size_t ihv_mbstowcs(WCHAR *d, const char *s, size_t n)
{
	bool bad, full;
	size_t out = w32_8to16((u16 *)d, n, (const unsigned char *)s, SIZE_MAX, true,
			       &bad, &full);

	if (bad) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	if (d && out < n)
		d[out] = 0;
	return out;
}

static bool w32_codepage_ok(UINT cp)
{
	if (cp == CP_ACP || cp == CP_OEMCP || cp == CP_UTF8)
		return true;
	SetLastError(ERROR_INVALID_PARAMETER);
	return false;
}

/* cbMultiByte -1: through the NUL, which is converted and counted. */
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr,
	int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)
{
	bool strict = (dwFlags & MB_ERR_INVALID_CHARS) != 0, bad, full;
	size_t n, out;

	if (!w32_codepage_ok(CodePage))
		return 0;
	if (dwFlags & ~(DWORD)MB_ERR_INVALID_CHARS) {
		SetLastError(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (!lpMultiByteStr || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
	    (cchWideChar && !lpWideCharStr)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
	out = w32_8to16(cchWideChar ? (u16 *)lpWideCharStr : NULL, (size_t)cchWideChar,
			(const unsigned char *)lpMultiByteStr, n, strict, &bad, &full);
	if (bad) {
		SetLastError(ERROR_NO_UNICODE_TRANSLATION);
		return 0;
	}
	if (full) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	if (out > INT_MAX) {
		SetLastError(ERROR_ARITHMETIC_OVERFLOW);
		return 0;
	}
	return (int)out;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWSTR lpWideCharStr,
	int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte, LPCSTR lpDefaultChar,
	LPBOOL lpUsedDefaultChar)
{
	bool strict = (dwFlags & WC_ERR_INVALID_CHARS) != 0, bad, full;
	size_t n, out;

	if (!w32_codepage_ok(CodePage))
		return 0;
	if (dwFlags & ~(DWORD)WC_ERR_INVALID_CHARS) {
		SetLastError(ERROR_INVALID_FLAGS);
		return 0;
	}
	/* UTF-8 has no default character (Windows refuses them too). */
	if (!lpWideCharStr || cchWideChar == 0 || cchWideChar < -1 || cbMultiByte < 0 ||
	    (cbMultiByte && !lpMultiByteStr) || lpDefaultChar || lpUsedDefaultChar) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = cchWideChar == -1 ? ihv_wcslen(lpWideCharStr) + 1 : (size_t)cchWideChar;
	out = w32_16to8(cbMultiByte ? lpMultiByteStr : NULL, (size_t)cbMultiByte,
			(const u16 *)lpWideCharStr, n, strict, &bad, &full);
	if (bad) {
		SetLastError(ERROR_NO_UNICODE_TRANSLATION);
		return 0;
	}
	if (full) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	if (out > INT_MAX) {
		SetLastError(ERROR_ARITHMETIC_OVERFLOW);
		return 0;
	}
	return (int)out;
}

/* ---- MSVC secure copies: on failure d is "" and an errno is returned ---- */

errno_t ihv_wcsncpy_s(WCHAR *d, size_t n, const WCHAR *s, size_t count)
{
	size_t len;

	if (!d || n == 0)
		return EINVAL;
	if (!s) {
		d[0] = 0;
		return EINVAL;
	}
	len = ihv_wcsnlen(s, count == _TRUNCATE ? n : count);
	if (len >= n) {
		if (count == _TRUNCATE) {
			memmove(d, s, (n - 1) * sizeof(WCHAR));
			d[n - 1] = 0;
			return STRUNCATE;
		}
		d[0] = 0;
		return ERANGE;
	}
	memmove(d, s, len * sizeof(WCHAR));
	d[len] = 0;
	return 0;
}

errno_t ihv_wcscpy_s(WCHAR *d, size_t n, const WCHAR *s)
{
	if (!d || n == 0)
		return EINVAL;
	if (!s) {
		d[0] = 0;
		return EINVAL;
	}
	return ihv_wcsncpy_s(d, n, s, ihv_wcsnlen(s, n));
}

errno_t ihv_wcscat_s(WCHAR *d, size_t n, const WCHAR *s)
{
	size_t dl;
	errno_t rc;

	if (!d || n == 0)
		return EINVAL;
	dl = ihv_wcsnlen(d, n);
	if (dl == n || !s) {
		d[0] = 0;
		return EINVAL;       /* d is not terminated within n */
	}
	rc = ihv_wcscpy_s(d + dl, n - dl, s);
	if (rc)
		d[0] = 0;
	return rc;
}

errno_t ihv_strncpy_s(char *d, size_t n, const char *s, size_t count)
{
	size_t len;

	if (!d || n == 0)
		return EINVAL;
	if (!s) {
		d[0] = '\0';
		return EINVAL;
	}
	len = strnlen(s, count == _TRUNCATE ? n : count);
	if (len >= n) {
		if (count == _TRUNCATE) {
			memmove(d, s, n - 1);
			d[n - 1] = '\0';
			return STRUNCATE;
		}
		d[0] = '\0';
		return ERANGE;
	}
	memmove(d, s, len);
	d[len] = '\0';
	return 0;
}

errno_t ihv_strcpy_s(char *d, size_t n, const char *s)
{
	if (!d || n == 0)
		return EINVAL;
	if (!s) {
		d[0] = '\0';
		return EINVAL;
	}
	return ihv_strncpy_s(d, n, s, strnlen(s, n));
}

errno_t ihv_strcat_s(char *d, size_t n, const char *s)
{
	size_t dl;
	errno_t rc;

	if (!d || n == 0)
		return EINVAL;
	dl = strnlen(d, n);
	if (dl == n || !s) {
		d[0] = '\0';
		return EINVAL;
	}
	rc = ihv_strcpy_s(d + dl, n - dl, s);
	if (rc)
		d[0] = '\0';
	return rc;
}

/* ---- lstr*: NULL-tolerant, ordinal (lstrcmpi folds ASCII) ----------------- */

int WINAPI lstrlenA(LPCSTR lpString)
{
	return lpString ? (int)strnlen(lpString, INT_MAX) : 0;
}

int WINAPI lstrlenW(LPCWSTR lpString)
{
	return lpString ? (int)ihv_wcsnlen(lpString, INT_MAX) : 0;
}

static int w32_sign(int v)
{
	return (v > 0) - (v < 0);
}

int WINAPI lstrcmpA(LPCSTR a, LPCSTR b)
{
	return w32_sign(strcmp(a ? a : "", b ? b : ""));
}

int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b)
{
	return w32_sign(strcasecmp(a ? a : "", b ? b : ""));
}

static const WCHAR w32_empty[1];

int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b)
{
	return ihv_wcscmp(a ? a : w32_empty, b ? b : w32_empty);
}

int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
	return ihv_wcsicmp(a ? a : w32_empty, b ? b : w32_empty);
}

LPSTR WINAPI lstrcpynA(LPSTR d, LPCSTR s, int max)
{
	size_t n;

	if (!d || !s || max <= 0)
		return NULL;
	n = strnlen(s, (size_t)max - 1);
	memmove(d, s, n);
	d[n] = '\0';
	return d;
}

LPWSTR WINAPI lstrcpynW(LPWSTR d, LPCWSTR s, int max)
{
	size_t n;

	if (!d || !s || max <= 0)
		return NULL;
	n = ihv_wcsnlen(s, (size_t)max - 1);
	memmove(d, s, n * sizeof(WCHAR));
	d[n] = 0;
	return d;
}
