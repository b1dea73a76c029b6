/*
 * minwindef.h - the Windows base types an IHV extension's source expects,
 * with the exact widths of the Windows x86-64 ABI, for Linux x86-64 (LP64).
 *
 * Part of the ihvhost IHV SDK. The sized and pointer-sized integers are in
 * basetsd.h, GUID in guiddef.h and the SAL annotations in sal.h, all
 * included here, as Windows' minwindef.h reaches them; <windows.h> adds
 * the rest of the everyday Win32 names (winnt.h, winbase.h).
 *
 * Why <stdint.h> and not the C base types: on LP64 `long` is 64 bits while
 * the Windows LONG/ULONG/DWORD are 32 bits, and wchar_t is 32 bits while
 * WCHAR is a UTF-16 code unit. Every structure the host and the extension
 * exchange depends on these widths, so they are spelled exactly.
 */
#ifndef IHVSDK_MINWINDEF_H
#define IHVSDK_MINWINDEF_H

#include <stddef.h>
#include <stdint.h>

#include "basetsd.h"
#include "guiddef.h"
#include "sal.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Calling-convention markers. Windows handlers are `DWORD WINAPI f(...)`
 * (__stdcall, which x86-64 Windows ignores anyway). On Linux x86-64 the SysV
 * ABI is the only one, so both expand to nothing; they exist so the same
 * extension source compiles on both systems.
 */
#ifndef WINAPI
#define WINAPI
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif

/* winnt.h spells `void` as a macro; extension sources use `VOID`. */
#ifndef VOID
#define VOID void
#endif

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

typedef char           CHAR;
typedef uint8_t        UCHAR, *PUCHAR;
typedef uint8_t        BYTE, *PBYTE, *LPBYTE;
typedef uint8_t        BOOLEAN, *PBOOLEAN;   /* 1 byte, unlike BOOL */
typedef int16_t        SHORT;
typedef uint16_t       USHORT, *PUSHORT;
typedef uint16_t       WORD, *PWORD;
typedef int32_t        INT, *PINT;
typedef uint32_t       UINT, *PUINT;
typedef int32_t        BOOL, *PBOOL, *LPBOOL; /* 4 bytes: Windows `int` */
typedef int32_t        LONG, *PLONG;
typedef uint32_t       ULONG, *PULONG;
typedef uint32_t       DWORD, *PDWORD, *LPDWORD;
typedef int64_t        LONGLONG, *PLONGLONG;
typedef uint64_t       ULONGLONG, *PULONGLONG;
typedef float          FLOAT, *PFLOAT;
typedef void          *PVOID, *LPVOID;
typedef const void    *LPCVOID;
typedef void          *HANDLE, **PHANDLE, **LPHANDLE;
/* winnt.h's HRESULT: a 32-bit signed status (winerror.h: S_OK, E_FAIL...). */
typedef int32_t        HRESULT;

/*
 * WCHAR is a UTF-16 code unit, never the 32-bit Linux wchar_t. The SDK's
 * pkg-config Cflags add -fshort-wchar, which makes wchar_t 2 bytes: then
 * WCHAR is wchar_t itself, so L"..." literals initialise LPWSTR/LPCWSTR in
 * C and in C++ exactly as on Windows. Without the flag (the host, plain C)
 * WCHAR is uint16_t: the same size and layout, so the host and an
 * extension built either way exchange the same structures; only L"..."
 * (4-byte units then) cannot be used. The C library's wide functions are
 * for 4-byte wchar_t: use the SDK's (<windows.h>, ihvcrt.h) on WCHAR data.
 */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
typedef wchar_t        WCHAR, *PWCHAR;
#else
typedef uint16_t       WCHAR, *PWCHAR;
#endif
typedef WCHAR         *LPWSTR, *PWSTR, *NWPSTR;
typedef const WCHAR   *LPCWSTR, *PCWSTR;

/* Module handles: the load address of the .so (see winbase.h, DllMain). */
typedef struct HINSTANCE__ *HINSTANCE;
typedef HINSTANCE           HMODULE;
typedef INT_PTR (WINAPI *FARPROC)(void);

#define MAX_PATH 260

/*
 * IHVSDK_STATIC_ASSERT(expr, msg): a file-scope compile-time check that
 * works in every dialect the SDK promises (C99 -pedantic, C11, C++11;
 * C++98 gets the array trick too).
 * C99 has no _Static_assert; GCC and clang accept it there behind
 * __extension__ without a pedantic warning, and other C99 compilers get the
 * negative-array-size typedef, which fails to compile when expr is false.
 */
#define IHVSDK_CAT_(a, b) a##b
#define IHVSDK_CAT(a, b) IHVSDK_CAT_(a, b)
#if defined(__cplusplus) && __cplusplus >= 201103L
#define IHVSDK_STATIC_ASSERT(expr, msg) static_assert(expr, msg)
#elif defined(__cplusplus)
#define IHVSDK_STATIC_ASSERT(expr, msg) \
	typedef char IHVSDK_CAT(ihvsdk_static_assert_, __LINE__)[(expr) ? 1 : -1]
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define IHVSDK_STATIC_ASSERT(expr, msg) _Static_assert(expr, msg)
#elif defined(__GNUC__)
#define IHVSDK_STATIC_ASSERT(expr, msg) __extension__ _Static_assert(expr, msg)
#else
#define IHVSDK_STATIC_ASSERT(expr, msg) \
	typedef char IHVSDK_CAT(ihvsdk_static_assert_, __LINE__)[(expr) ? 1 : -1]
#endif

/*
 * Windows enums such as DOT11_AUTH_ALGORITHM end with IHV_START = 0x80000000
 * and IHV_END = 0xffffffff. ISO C before C23 restricts enumerators to the
 * range of int, which -pedantic reports; GCC and clang then give the enum
 * the type unsigned int, still 4 bytes like the Windows enum, so the layout
 * is right and only the diagnostic is silenced, around those enums alone.
 */
#if defined(__GNUC__) && !defined(__cplusplus)
#define IHVSDK_WIDE_ENUM_BEGIN \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wpedantic\"")
#define IHVSDK_WIDE_ENUM_END _Pragma("GCC diagnostic pop")
#else
#define IHVSDK_WIDE_ENUM_BEGIN
#define IHVSDK_WIDE_ENUM_END
#endif

IHVSDK_STATIC_ASSERT(sizeof(BOOL) == 4, "BOOL is 4 bytes");
IHVSDK_STATIC_ASSERT(sizeof(BOOLEAN) == 1, "BOOLEAN is 1 byte");
IHVSDK_STATIC_ASSERT(sizeof(WCHAR) == 2, "WCHAR is a UTF-16 code unit");
IHVSDK_STATIC_ASSERT(sizeof(ULONG) == 4 && sizeof(LONG) == 4, "ULONG/LONG are 32-bit");
IHVSDK_STATIC_ASSERT(sizeof(DWORD) == 4, "DWORD is 32-bit");
IHVSDK_STATIC_ASSERT(sizeof(ULONGLONG) == 8, "ULONGLONG is 64-bit");
IHVSDK_STATIC_ASSERT(sizeof(GUID) == 16, "GUID is 16 bytes");
IHVSDK_STATIC_ASSERT(sizeof(HRESULT) == 4, "HRESULT is 32-bit");
IHVSDK_STATIC_ASSERT(sizeof(SIZE_T) == 8 && sizeof(ULONG_PTR) == 8, "pointer-sized types are 64-bit");
IHVSDK_STATIC_ASSERT(sizeof(DWORD64) == 8 && sizeof(INT64) == 8, "64-bit types");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_MINWINDEF_H */
