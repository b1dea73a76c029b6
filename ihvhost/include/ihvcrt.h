/*
 * ihvcrt.h - the C runtime's wide-string and "secure" functions for WCHAR
 * data, as an extension written for Windows calls them (wcslen, wcscmp,
 * _wcsicmp, wcscpy_s, swprintf_s, wcstombs, sprintf_s, _stricmp...).
 * Included by <windows.h> and <strsafe.h>; not a Windows header name.
 *
 * Part of the ihvhost IHV SDK, implemented in libihvwin32.a.
 *
 * Why the names are remapped: glibc's wcs*, wmem*, swprintf and
 * wcstombs work on its own 4-byte wchar_t. An extension built with the
 * SDK's -fshort-wchar has 2-byte wchar_t (WCHAR, L"..."), and a call to
 * glibc's wcslen would read its UTF-16 string 4 bytes at a time: wrong,
 * and silently so. This header therefore includes <wchar.h> (and in C++
 * <cwchar>, <cstdlib>) FIRST, then defines each of those names as a macro
 * for the SDK's UTF-16 function (wcslen -> ihv_wcslen, also std::wcslen);
 * as the C library's headers are include-guarded, a later #include of
 * them changes nothing. Consequences, documented in the README:
 *  - use these functions on WCHAR data; glibc's other wide functions
 *    (wprintf, fgetws, wcsftime, wcstod, towupper on strings...) and the
 *    C++ library's std::wstring / std::wcout are built for 4-byte wchar_t
 *    and must not see WCHAR data (std::u16string may);
 *  - printf-style functions of the SDK follow Windows: in a wide format
 *    %s/%c are wide and %S/%hs/%C narrow (UTF-8), in a narrow format %S
 *    and %ls are wide; "l" on an integer is 32 bits (LONG, DWORD) as on
 *    Windows, "ll"/"I64" 64 bits, "z"/"I" pointer-sized; %n is refused.
 *  - _wcsicmp and friends fold ASCII letters only, like the "C" locale.
 */
#ifndef IHVSDK_IHVCRT_H
#define IHVSDK_IHVCRT_H

#include <stdarg.h>
#include <stdlib.h>
#include <wchar.h>
#ifdef __cplusplus
#include <cstdlib>
#include <cwchar>
#endif

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#ifndef STRUNCATE
#define STRUNCATE 80
#endif

size_t  ihv_wcslen(const WCHAR *s);
size_t  ihv_wcsnlen(const WCHAR *s, size_t maxlen);
int     ihv_wcscmp(const WCHAR *a, const WCHAR *b);
int     ihv_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int     ihv_wcsicmp(const WCHAR *a, const WCHAR *b);
int     ihv_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR  *ihv_wcscpy(WCHAR *d, const WCHAR *s);
WCHAR  *ihv_wcsncpy(WCHAR *d, const WCHAR *s, size_t n);
WCHAR  *ihv_wcscat(WCHAR *d, const WCHAR *s);
WCHAR  *ihv_wcsncat(WCHAR *d, const WCHAR *s, size_t n);
WCHAR  *ihv_wcschr(const WCHAR *s, WCHAR c);
WCHAR  *ihv_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR  *ihv_wcsstr(const WCHAR *hay, const WCHAR *needle);
WCHAR  *ihv_wcsdup(const WCHAR *s);       /* free() the result */
long    ihv_wcstol(const WCHAR *s, WCHAR **end, int base);   /* 32-bit range */
unsigned long ihv_wcstoul(const WCHAR *s, WCHAR **end, int base);
int     ihv_wtoi(const WCHAR *s);
WCHAR  *ihv_wmemcpy(WCHAR *d, const WCHAR *s, size_t n);
WCHAR  *ihv_wmemmove(WCHAR *d, const WCHAR *s, size_t n);
WCHAR  *ihv_wmemset(WCHAR *d, WCHAR c, size_t n);
int     ihv_wmemcmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR  *ihv_wmemchr(const WCHAR *s, WCHAR c, size_t n);
/* UTF-16 <-> UTF-8; (size_t)-1 on an invalid sequence, as the C functions. */
size_t  ihv_wcstombs(char *d, const WCHAR *s, size_t n);
size_t  ihv_mbstowcs(WCHAR *d, const char *s, size_t n);
errno_t ihv_wcscpy_s(WCHAR *d, size_t n, const WCHAR *s);
errno_t ihv_wcsncpy_s(WCHAR *d, size_t n, const WCHAR *s, size_t count);
errno_t ihv_wcscat_s(WCHAR *d, size_t n, const WCHAR *s);
errno_t ihv_strcpy_s(char *d, size_t n, const char *s);
errno_t ihv_strncpy_s(char *d, size_t n, const char *s, size_t count);
errno_t ihv_strcat_s(char *d, size_t n, const char *s);
/* ISO swprintf: at most n units with the NUL; -1 when it did not fit. */
int ihv_swprintf(WCHAR *d, size_t n, const WCHAR *fmt, ...);
int ihv_vswprintf(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap);
/* swprintf_s / sprintf_s: "" and -1 when it does not fit. */
int ihv_swprintf_s(WCHAR *d, size_t n, const WCHAR *fmt, ...);
int ihv_vswprintf_s(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap);
/* No format attribute: "%lu" of a DWORD is right here, wrong for GCC. */
int ihv_sprintf_s(char *d, size_t n, const char *fmt, ...);
int ihv_vsprintf_s(char *d, size_t n, const char *fmt, va_list ap);
/* _snwprintf / _snprintf: no NUL when exactly n units fit; -1 when not. */
int ihv_snwprintf(WCHAR *d, size_t n, const WCHAR *fmt, ...);
int ihv_vsnwprintf(WCHAR *d, size_t n, const WCHAR *fmt, va_list ap);
int ihv_snprintf_ms(char *d, size_t n, const char *fmt, ...);
int ihv_vsnprintf_ms(char *d, size_t n, const char *fmt, va_list ap);

#define wcslen      ihv_wcslen
#define wcsnlen     ihv_wcsnlen
#define wcscmp      ihv_wcscmp
#define wcsncmp     ihv_wcsncmp
#define _wcsicmp    ihv_wcsicmp
#define _wcsnicmp   ihv_wcsnicmp
#define wcscasecmp  ihv_wcsicmp
#define wcsncasecmp ihv_wcsnicmp
#define wcscpy      ihv_wcscpy
#define wcsncpy     ihv_wcsncpy
#define wcscat      ihv_wcscat
#define wcsncat     ihv_wcsncat
#define wcschr      ihv_wcschr
#define wcsrchr     ihv_wcsrchr
#define wcsstr      ihv_wcsstr
#define wcsdup      ihv_wcsdup
#define _wcsdup     ihv_wcsdup
#define wcstol      ihv_wcstol
#define wcstoul     ihv_wcstoul
#define _wtoi       ihv_wtoi
#define _wtol       ihv_wtoi
#define wmemcpy     ihv_wmemcpy
#define wmemmove    ihv_wmemmove
#define wmemset     ihv_wmemset
#define wmemcmp     ihv_wmemcmp
#define wmemchr     ihv_wmemchr
#define wcstombs    ihv_wcstombs
#define mbstowcs    ihv_mbstowcs
#define wcscpy_s    ihv_wcscpy_s
#define wcsncpy_s   ihv_wcsncpy_s
#define wcscat_s    ihv_wcscat_s
#define strcpy_s    ihv_strcpy_s
#define strncpy_s   ihv_strncpy_s
#define strcat_s    ihv_strcat_s
#define swprintf    ihv_swprintf
#define vswprintf   ihv_vswprintf
#define swprintf_s  ihv_swprintf_s
#define vswprintf_s ihv_vswprintf_s
#define sprintf_s   ihv_sprintf_s
#define vsprintf_s  ihv_vsprintf_s
#define _snwprintf  ihv_snwprintf
#define _vsnwprintf ihv_vsnwprintf
#define _snprintf   ihv_snprintf_ms
#define _vsnprintf  ihv_vsnprintf_ms
#define _stricmp    strcasecmp
#define _strnicmp   strncasecmp
#define _strdup     strdup

#ifdef __cplusplus
}

/* std::wcslen and the others name the same functions. */
namespace std {
using ::ihv_wcslen; using ::ihv_wcscmp; using ::ihv_wcsncmp; using ::ihv_wcscpy;
using ::ihv_wcsncpy; using ::ihv_wcscat; using ::ihv_wcsncat; using ::ihv_wcschr;
using ::ihv_wcsrchr; using ::ihv_wcsstr; using ::ihv_wcstol; using ::ihv_wcstoul;
using ::ihv_wmemcpy; using ::ihv_wmemmove; using ::ihv_wmemset; using ::ihv_wmemcmp;
using ::ihv_wmemchr; using ::ihv_wcstombs; using ::ihv_mbstowcs; using ::ihv_swprintf;
using ::ihv_vswprintf;
}

/* MSVC's array overloads of the secure functions (the size is the array's). */
template <size_t N> inline errno_t ihv_wcscpy_s(WCHAR (&d)[N], const WCHAR *s)
{ return ihv_wcscpy_s(d, N, s); }
template <size_t N> inline errno_t ihv_wcsncpy_s(WCHAR (&d)[N], const WCHAR *s, size_t count)
{ return ihv_wcsncpy_s(d, N, s, count); }
template <size_t N> inline errno_t ihv_wcscat_s(WCHAR (&d)[N], const WCHAR *s)
{ return ihv_wcscat_s(d, N, s); }
template <size_t N> inline errno_t ihv_strcpy_s(char (&d)[N], const char *s)
{ return ihv_strcpy_s(d, N, s); }
template <size_t N> inline errno_t ihv_strcat_s(char (&d)[N], const char *s)
{ return ihv_strcat_s(d, N, s); }
template <size_t N> inline int ihv_swprintf_s(WCHAR (&d)[N], const WCHAR *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = ihv_vswprintf_s(d, N, fmt, ap);
	va_end(ap);
	return r;
}
template <size_t N> inline int ihv_sprintf_s(char (&d)[N], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = ihv_vsprintf_s(d, N, fmt, ap);
	va_end(ap);
	return r;
}
#endif

#endif /* IHVSDK_IHVCRT_H */
