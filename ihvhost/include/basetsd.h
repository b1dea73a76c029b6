/*
 * basetsd.h - the sized and pointer-sized integer types of Windows
 * (INT_PTR, ULONG_PTR, SIZE_T, DWORD64, ...), with the widths of the
 * Windows x86-64 ABI (LLP64) spelled through <stdint.h>: on Linux x86-64
 * `long` is 64 bits, so no type here is defined through `long`.
 *
 * Part of the ihvhost IHV SDK. Stands alone: minwindef.h includes it.
 */
#ifndef IHVSDK_BASETSD_H
#define IHVSDK_BASETSD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int8_t         INT8, *PINT8;
typedef int16_t        INT16, *PINT16;
typedef int32_t        INT32, *PINT32;
typedef int64_t        INT64, *PINT64;
typedef uint8_t        UINT8, *PUINT8;
typedef uint16_t       UINT16, *PUINT16;
typedef uint32_t       UINT32, *PUINT32;
typedef uint64_t       UINT64, *PUINT64;
typedef int32_t        LONG32, *PLONG32;
typedef uint32_t       ULONG32, *PULONG32;
typedef uint32_t       DWORD32, *PDWORD32;
typedef int64_t        LONG64, *PLONG64;
typedef uint64_t       ULONG64, *PULONG64;
typedef uint64_t       DWORD64, *PDWORD64;

/* Pointer-sized: 64 bits on x86-64, as on Win64. */
typedef intptr_t       INT_PTR, *PINT_PTR;
typedef uintptr_t      UINT_PTR, *PUINT_PTR;
typedef intptr_t       LONG_PTR, *PLONG_PTR;
typedef uintptr_t      ULONG_PTR, *PULONG_PTR;
typedef uintptr_t      DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR      SIZE_T, *PSIZE_T;
typedef LONG_PTR       SSIZE_T, *PSSIZE_T;
typedef int32_t        HALF_PTR, *PHALF_PTR;
typedef uint32_t       UHALF_PTR, *PUHALF_PTR;

#define MAXUINT_PTR  (~((UINT_PTR)0))
#define MAXINT_PTR   ((INT_PTR)(MAXUINT_PTR >> 1))
#define MININT_PTR   (~MAXINT_PTR)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MAXSIZE_T    ((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T   ((SSIZE_T)(MAXSIZE_T >> 1))
#define MAXUINT8     ((UINT8)~((UINT8)0))
#define MAXUINT16    ((UINT16)~((UINT16)0))
#define MAXUINT32    ((UINT32)~((UINT32)0))
#define MAXUINT64    ((UINT64)~((UINT64)0))
#define MAXINT32     ((INT32)(MAXUINT32 >> 1))
#define MAXINT64     ((INT64)(MAXUINT64 >> 1))

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_BASETSD_H */
