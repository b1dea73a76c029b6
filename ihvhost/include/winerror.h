/*
 * winerror.h - the Win32 error codes the IHV contract uses (a subset of the
 * Windows header, same names and values). The handlers and the Dot11Ext
 * APIs return these as DWORD; ERROR_SUCCESS is the only success.
 *
 * Part of the ihvhost IHV SDK. Plain int constants, as the LP64 mingw-w64
 * header spells them, so they compare cleanly against a DWORD. The
 * HRESULT part (S_OK, E_FAIL, SUCCEEDED, HRESULT_FROM_WIN32) follows.
 */
#ifndef IHVSDK_WINERROR_H
#define IHVSDK_WINERROR_H

#include "minwindef.h"

#define ERROR_SUCCESS              0
#define NO_ERROR                   0
#define ERROR_INVALID_FUNCTION     1
#define ERROR_FILE_NOT_FOUND       2
#define ERROR_PATH_NOT_FOUND       3
#define ERROR_TOO_MANY_OPEN_FILES  4
#define ERROR_ACCESS_DENIED        5
#define ERROR_INVALID_HANDLE       6
#define ERROR_NOT_ENOUGH_MEMORY    8
#define ERROR_BAD_FORMAT           11
#define ERROR_INVALID_ACCESS       12
#define ERROR_INVALID_DATA         13
#define ERROR_OUTOFMEMORY          14
#define ERROR_NO_MORE_FILES        18
#define ERROR_NOT_READY            21
#define ERROR_BAD_COMMAND          22
#define ERROR_CRC                  23
#define ERROR_BAD_LENGTH           24
#define ERROR_GEN_FAILURE          31
#define ERROR_SHARING_VIOLATION    32
#define ERROR_HANDLE_EOF           38
#define ERROR_NOT_SUPPORTED        50
#define ERROR_INVALID_PARAMETER    87
#define ERROR_BROKEN_PIPE          109
#define ERROR_BUFFER_OVERFLOW      111
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_SEM_TIMEOUT          121
#define ERROR_INSUFFICIENT_BUFFER  122
#define ERROR_INVALID_NAME         123
#define ERROR_MOD_NOT_FOUND        126
#define ERROR_PROC_NOT_FOUND       127
#define ERROR_BAD_ARGUMENTS        160
#define ERROR_BUSY                 170
#define ERROR_ALREADY_EXISTS       183
#define ERROR_ENVVAR_NOT_FOUND     203
#define ERROR_MORE_DATA            234
#define ERROR_NO_MORE_ITEMS        259
#define ERROR_NOT_OWNER            288
#define ERROR_TOO_MANY_POSTS       298
#define ERROR_INVALID_ADDRESS      487
#define ERROR_ARITHMETIC_OVERFLOW  534
#define ERROR_OPERATION_ABORTED    995
#define ERROR_IO_INCOMPLETE        996
#define ERROR_IO_PENDING           997
#define ERROR_NOACCESS             998
#define ERROR_INVALID_FLAGS        1004
#define ERROR_NO_UNICODE_TRANSLATION 1113
#define ERROR_DLL_INIT_FAILED      1114
#define ERROR_SHUTDOWN_IN_PROGRESS 1115
#define ERROR_DEVICE_NOT_CONNECTED 1167
#define ERROR_NOT_FOUND            1168
#define ERROR_NO_MATCH             1169
#define ERROR_BAD_PROFILE          1206
#define ERROR_CANCELLED            1223
#define ERROR_RETRY                1237
#define ERROR_INTERNAL_ERROR       1359
#define ERROR_NO_SYSTEM_RESOURCES  1450
#define ERROR_TIMEOUT              1460
#define ERROR_INVALID_OPERATION    4317
#define ERROR_INVALID_STATE        5023

/* A wait that timed out (winbase.h's WaitFor* also return it). */
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT               258
#endif

/* ---- HRESULT: bit 31 failure, bits 16-26 facility, bits 0-15 code ----- */
#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR   1
#define FACILITY_NULL    0
#define FACILITY_WIN32   7

#define SUCCEEDED(hr)          (((HRESULT)(hr)) >= 0)
#define FAILED(hr)             (((HRESULT)(hr)) < 0)
#define IS_ERROR(hr)           (((unsigned long)(hr) >> 31) == SEVERITY_ERROR)
#define HRESULT_CODE(hr)       ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr)   (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr)   (((hr) >> 31) & 0x1)
#define MAKE_HRESULT(sev, fac, code) \
	((HRESULT)(((uint32_t)(sev) << 31) | ((uint32_t)(fac) << 16) | ((uint32_t)(code))))
/* A Win32 error as an HRESULT (0 stays S_OK), as Windows' inline function. */
#define HRESULT_FROM_WIN32(x) \
	((HRESULT)(x) <= 0 ? (HRESULT)(x) \
	 : (HRESULT)(((uint32_t)(x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000u))

#define S_OK           ((HRESULT)0)
#define S_FALSE        ((HRESULT)1)
#define E_NOTIMPL      ((HRESULT)0x80004001u)
#define E_NOINTERFACE  ((HRESULT)0x80004002u)
#define E_POINTER      ((HRESULT)0x80004003u)
#define E_ABORT        ((HRESULT)0x80004004u)
#define E_FAIL         ((HRESULT)0x80004005u)
#define E_UNEXPECTED   ((HRESULT)0x8000FFFFu)
#define E_ACCESSDENIED ((HRESULT)0x80070005u)
#define E_HANDLE       ((HRESULT)0x80070006u)
#define E_OUTOFMEMORY  ((HRESULT)0x8007000Eu)
#define E_INVALIDARG   ((HRESULT)0x80070057u)
#define E_PENDING      ((HRESULT)0x8000000Au)

#endif /* IHVSDK_WINERROR_H */
