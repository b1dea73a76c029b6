/*
 * strsafe.h - the bounded string functions of Windows' strsafe.h that an
 * extension uses (StringCch* counted in characters, StringCb* in bytes):
 * Copy, CopyN, Cat, Length, Printf/VPrintf, in A and W forms, returning
 * an HRESULT: S_OK, STRSAFE_E_INSUFFICIENT_BUFFER (the result is
 * truncated and still NUL-terminated) or STRSAFE_E_INVALID_PARAMETER.
 *
 * Part of the ihvhost IHV SDK, implemented in libihvwin32.a. The Printf
 * formats follow Windows (see ihvcrt.h: %s is wide in the W form, "l" is
 * 32 bits).
 */
#ifndef IHVSDK_STRSAFE_H
#define IHVSDK_STRSAFE_H

#include <stdarg.h>

#include "minwindef.h"
#include "winnt.h"
#include "winerror.h"
#include "ihvcrt.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFE_MAX_CCH                2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER  ((HRESULT)0x8007007Au)
#define STRSAFE_E_INVALID_PARAMETER    ((HRESULT)0x80070057u)
#define STRSAFE_E_END_OF_FILE          ((HRESULT)0x80070026u)

typedef char  *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef WCHAR *STRSAFE_LPWSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;

HRESULT StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
HRESULT StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc);
HRESULT StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
	size_t cchToCopy);
HRESULT StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
	size_t cchToCopy);
HRESULT StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
HRESULT StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc);
HRESULT StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength);
HRESULT StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength);
HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...);
HRESULT StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, ...);
HRESULT StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
	va_list argList);
HRESULT StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
	va_list argList);

HRESULT StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
HRESULT StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc);
HRESULT StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
HRESULT StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc);
HRESULT StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength);
HRESULT StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength);
HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...);
HRESULT StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...);

#ifdef UNICODE
#define StringCchCopy    StringCchCopyW
#define StringCchCopyN   StringCchCopyNW
#define StringCchCat     StringCchCatW
#define StringCchLength  StringCchLengthW
#define StringCchPrintf  StringCchPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCbCopy     StringCbCopyW
#define StringCbCat      StringCbCatW
#define StringCbLength   StringCbLengthW
#define StringCbPrintf   StringCbPrintfW
#else
#define StringCchCopy    StringCchCopyA
#define StringCchCopyN   StringCchCopyNA
#define StringCchCat     StringCchCatA
#define StringCchLength  StringCchLengthA
#define StringCchPrintf  StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCbCopy     StringCbCopyA
#define StringCbCat      StringCbCatA
#define StringCbLength   StringCbLengthA
#define StringCbPrintf   StringCbPrintfA
#endif

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_STRSAFE_H */
