/*
 * winnt.h - the everyday base names of Windows' winnt.h: string pointer
 * types, TCHAR/TEXT, LARGE_INTEGER, LIST_ENTRY, UNREFERENCED_PARAMETER,
 * the DllMain reasons (DLL_PROCESS_ATTACH...), the Rtl*Memory macros,
 * HEAP_* flags, MAX* limits, FIELD_OFFSET/ARRAYSIZE/CONTAINING_RECORD,
 * MemoryBarrier, and the MSVC spellings an extension's source uses
 * (__declspec(...), __forceinline, __int64, __stdcall).
 *
 * Part of the ihvhost IHV SDK (Windows names and values, LLP64 widths).
 */
#ifndef IHVSDK_WINNT_H
#define IHVSDK_WINNT_H

#include <string.h>

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- MSVC spellings ---------------------------------------------------- */
/*
 * __declspec(x) becomes IHVSDK_DECLSPEC_x: dllexport makes a symbol
 * visible (the entry points are visible anyway), the rest map to the GCC
 * attribute with the same meaning. An unknown x fails to compile, by name.
 */
#ifndef __declspec
#define __declspec(x) IHVSDK_DECLSPEC_##x
#endif
#define IHVSDK_DECLSPEC_dllexport  __attribute__((visibility("default")))
#define IHVSDK_DECLSPEC_dllimport
#define IHVSDK_DECLSPEC_noinline   __attribute__((noinline))
#define IHVSDK_DECLSPEC_noreturn   __attribute__((noreturn))
#define IHVSDK_DECLSPEC_nothrow
#define IHVSDK_DECLSPEC_novtable
#define IHVSDK_DECLSPEC_selectany  __attribute__((weak))
#define IHVSDK_DECLSPEC_thread     __thread
#define IHVSDK_DECLSPEC_deprecated __attribute__((deprecated))
#define IHVSDK_DECLSPEC_align(n)   __attribute__((aligned(n)))
#define DECLSPEC_NOINLINE  __attribute__((noinline))
#define DECLSPEC_NORETURN  __attribute__((noreturn))
#define DECLSPEC_ALIGN(n)  __attribute__((aligned(n)))
#define DECLSPEC_SELECTANY __attribute__((weak))
#ifndef __forceinline
#define __forceinline __inline__ __attribute__((always_inline))
#endif
#define FORCEINLINE __forceinline
#ifndef __inline
#define __inline __inline__
#endif
/* x86-64 has one calling convention: these only have to disappear. */
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __fastcall
#define __fastcall
#endif
#define NTAPI
#define STDMETHODCALLTYPE
#define STDAPI         EXTERN_C HRESULT
#define STDAPI_(type)  EXTERN_C type
#ifndef __int8
#define __int8  char
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int32
#define __int32 int
#endif
#ifndef __int64
#define __int64 long long
#endif

/* ---- characters and strings ------------------------------------------- */
typedef char           *PCHAR, *LPCH, *PCH, *PSZ;
typedef const char     *LPCCH, *PCCH;
typedef char           *LPSTR, *PSTR, *NPSTR;
typedef const char     *LPCSTR, *PCSTR;
typedef WCHAR          *LPWCH, *PWCH;
typedef const WCHAR    *LPCWCH, *PCWCH;
typedef char            CCHAR;

/*
 * TCHAR follows UNICODE, as on Windows: define UNICODE (the SDK's
 * -fshort-wchar makes TEXT("x") a 2-byte L"x") for WCHAR, leave it
 * undefined for char.
 */
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
#define __TEXT(quote) L##quote
#else
typedef char  TCHAR, *PTCHAR;
#define __TEXT(quote) quote
#endif
typedef TCHAR       *LPTSTR, *PTSTR;
typedef const TCHAR *LPCTSTR, *PCTSTR;
#define TEXT(quote) __TEXT(quote)

/* ---- 64-bit values split in halves, linked lists ----------------------- */
typedef union _LARGE_INTEGER {
	__extension__ struct {
		DWORD LowPart;
		LONG  HighPart;
	};
	struct {
		DWORD LowPart;
		LONG  HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	__extension__ struct {
		DWORD LowPart;
		DWORD HighPart;
	};
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

/* ---- small helpers -------------------------------------------------------- */
#define UNREFERENCED_PARAMETER(P)          ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)      ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))

#define FIELD_OFFSET(type, field)  ((LONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_NUMBER_OF(a)           (sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a)               RTL_NUMBER_OF(a)
#define _ARRAYSIZE(a)              RTL_NUMBER_OF(a)
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - offsetof(type, field)))
#define C_ASSERT(e) IHVSDK_STATIC_ASSERT(e, #e)

#define RtlEqualMemory(d, s, n) (!memcmp((d), (s), (n)))
#define RtlCopyMemory(d, s, n)  memcpy((d), (s), (n))
#define RtlMoveMemory(d, s, n)  memmove((d), (s), (n))
#define RtlFillMemory(d, n, f)  memset((d), (f), (n))
#define RtlZeroMemory(d, n)     memset((d), 0, (n))

/* A full barrier, as the x86-64 intrinsic. */
#define MemoryBarrier()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#if defined(__x86_64__) || defined(__i386__)
#define YieldProcessor() __builtin_ia32_pause()
#else
#define YieldProcessor() ((void)0)
#endif

/* DllMain's fdwReason (winbase.h says how DllMain is called here). */
#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH  2
#define DLL_THREAD_DETACH  3

/* HeapAlloc / HeapReAlloc / HeapFree flags. */
#define HEAP_NO_SERIALIZE          0x00000001
#define HEAP_GENERATE_EXCEPTIONS   0x00000004
#define HEAP_ZERO_MEMORY           0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010

#define MINCHAR   0x80
#define MAXCHAR   0x7f
#define MINSHORT  0x8000
#define MAXSHORT  0x7fff
#define MINLONG   0x80000000
#define MAXLONG   0x7fffffff
#define MAXBYTE   0xff
#define MAXWORD   0xffff
#define MAXDWORD  0xffffffff

/* Access rights an extension passes through unchanged (CreateEventEx...). */
#define SYNCHRONIZE               0x00100000L
#define STANDARD_RIGHTS_REQUIRED  0x000F0000L
#define EVENT_MODIFY_STATE        0x0002
#define EVENT_ALL_ACCESS          (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)

IHVSDK_STATIC_ASSERT(sizeof(LARGE_INTEGER) == 8, "LARGE_INTEGER is 8 bytes");
IHVSDK_STATIC_ASSERT(sizeof(ULARGE_INTEGER) == 8, "ULARGE_INTEGER is 8 bytes");
IHVSDK_STATIC_ASSERT(sizeof(LIST_ENTRY) == 16, "LIST_ENTRY is 16 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WINNT_H */
