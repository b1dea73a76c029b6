/*
 * winbase.h - the small Win32 runtime an IHV extension uses: DllMain,
 * threads, critical sections, events and waits, time, last error, heap,
 * Interlocked*, code-page conversion, lstr* and OutputDebugString.
 *
 * Part of the ihvhost IHV SDK. Windows names, prototypes and values; the
 * functions are implemented on POSIX in libihvwin32.a, which
 * `pkg-config --libs ihvsdk` links INTO the extension with hidden
 * visibility: the extension still exports only its Dot11ExtIhv* entry
 * points, and two extensions in one host each have their own copy.
 * Include <windows.h> rather than this header, as on Windows.
 *
 * What differs from Windows, on purpose (the rest behaves as documented
 * by Microsoft):
 *  - DllMain: the extension's DllMain, if it defines one (non-static), is
 *    called with DLL_PROCESS_ATTACH when the host loads the .so (a
 *    constructor of libihvwin32.a) and DLL_PROCESS_DETACH when the host
 *    unloads it; hinstDLL is the .so's load address (the Windows meaning
 *    of an HINSTANCE), lpvReserved NULL. DLL_THREAD_ATTACH/DETACH come
 *    only for threads made with CreateThread (until
 *    DisableThreadLibraryCalls). DLL_PROCESS_ATTACH returning FALSE makes
 *    LoadLibrary fail on Windows; here the load is aborted (SIGABRT, with
 *    a message on stderr), which the host reports as a crash at load.
 *  - Handles are process-local objects of this library: threads and
 *    events (manual and auto reset). Named events are refused
 *    (ERROR_NOT_SUPPORTED): there is no other process to share them with.
 *  - A thread handle becomes signalled when its thread has fully exited
 *    (it is joined), so after WaitForSingleObject(hThread) the thread runs
 *    no more code of the extension and the .so can be unloaded.
 *  - CP_ACP and CP_OEMCP are UTF-8, as is every narrow string on Linux.
 *  - OutputDebugString writes to the host's stderr.
 */
#ifndef IHVSDK_WINBASE_H
#define IHVSDK_WINBASE_H

#include "minwindef.h"
#include "winnt.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INFINITE             0xFFFFFFFF
#define WAIT_OBJECT_0        0x00000000L
#define WAIT_ABANDONED       0x00000080L
#define WAIT_ABANDONED_0     0x00000080L
#define WAIT_IO_COMPLETION   0x000000C0L
#define WAIT_FAILED          ((DWORD)0xFFFFFFFF)
#define MAXIMUM_WAIT_OBJECTS 64
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#define STILL_ACTIVE         259

/* CreateThread dwCreationFlags */
#define CREATE_SUSPENDED                  0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000

/* LocalAlloc / GlobalAlloc */
#define LMEM_FIXED    0x0000
#define LMEM_ZEROINIT 0x0040
#define LPTR          (LMEM_FIXED | LMEM_ZEROINIT)
#define GMEM_FIXED    0x0000
#define GMEM_ZEROINIT 0x0040
#define GPTR          (GMEM_FIXED | GMEM_ZEROINIT)

/* MultiByteToWideChar / WideCharToMultiByte */
#define CP_ACP               0
#define CP_OEMCP             1
#define CP_UTF8              65001
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_ERR_INVALID_CHARS 0x00000080

typedef struct _SECURITY_ATTRIBUTES {
	DWORD  nLength;
	LPVOID lpSecurityDescriptor;
	BOOL   bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

/*
 * The Windows x86-64 layout (40 bytes). The library keeps a recursive
 * pthread mutex in this storage (it fits exactly); the fields are never
 * meaningful to the extension, as on Windows.
 */
typedef struct _RTL_CRITICAL_SECTION {
	PVOID     DebugInfo;
	LONG      LockCount;
	LONG      RecursionCount;
	HANDLE    OwningThread;
	HANDLE    LockSemaphore;
	ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION, CRITICAL_SECTION,
  *PCRITICAL_SECTION, *LPCRITICAL_SECTION;

/* 100-ns intervals since 1601-01-01 UTC. */
typedef struct _FILETIME {
	DWORD dwLowDateTime;
	DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _SYSTEMTIME {
	WORD wYear;
	WORD wMonth;
	WORD wDayOfWeek;
	WORD wDay;
	WORD wHour;
	WORD wMinute;
	WORD wSecond;
	WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

/*
 * The extension's DllMain, if it has one. Declared here, with C linkage
 * and hidden visibility, so that a C++ definition gets C linkage (the
 * library finds it by name) and the .so does not export it.
 */
__attribute__((visibility("hidden")))
BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved);
BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule);
DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);

/* ---- threads -------------------------------------------------------------- */
HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
	LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter, DWORD dwCreationFlags,
	LPDWORD lpThreadId);
__attribute__((noreturn)) VOID WINAPI ExitThread(DWORD dwExitCode);
BOOL  WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
DWORD WINAPI ResumeThread(HANDLE hThread);
DWORD WINAPI GetCurrentThreadId(VOID);
DWORD WINAPI GetCurrentProcessId(VOID);
BOOL  WINAPI SwitchToThread(VOID);
VOID  WINAPI Sleep(DWORD dwMilliseconds);

/* ---- critical sections (recursive, as on Windows) ---------------------- */
VOID WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
	DWORD dwSpinCount);
BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection,
	DWORD dwSpinCount, DWORD Flags);
VOID WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
VOID WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
VOID WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

/* ---- events and waits ---------------------------------------------------- */
HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
	BOOL bInitialState, LPCSTR lpName);
HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
	BOOL bInitialState, LPCWSTR lpName);
BOOL  WINAPI SetEvent(HANDLE hEvent);
BOOL  WINAPI ResetEvent(HANDLE hEvent);
DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
	DWORD dwMilliseconds);
BOOL  WINAPI CloseHandle(HANDLE hObject);

/* ---- time ---------------------------------------------------------------- */
DWORD     WINAPI GetTickCount(VOID);
ULONGLONG WINAPI GetTickCount64(VOID);
BOOL      WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
BOOL      WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);
VOID      WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
VOID      WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime);
VOID      WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime);

/* ---- last error (per thread) ------------------------------------------- */
DWORD WINAPI GetLastError(VOID);
VOID  WINAPI SetLastError(DWORD dwErrCode);

/* ---- heap ------------------------------------------------------------------ */
/*
 * One process heap per extension. Every block carries its size (HeapSize,
 * HeapReAlloc's HEAP_ZERO_MEMORY) and a tag, so HeapFree of a pointer the
 * heap did not hand out fails (FALSE, ERROR_INVALID_PARAMETER) and says so
 * on stderr instead of corrupting memory.
 */
HANDLE WINAPI GetProcessHeap(VOID);
LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
BOOL   WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
HANDLE WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
HANDLE WINAPI LocalFree(HANDLE hMem);
HANDLE WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
HANDLE WINAPI GlobalFree(HANDLE hMem);

#define MoveMemory(d, s, n) RtlMoveMemory(d, s, n)
#define CopyMemory(d, s, n) RtlCopyMemory(d, s, n)
#define FillMemory(d, n, f) RtlFillMemory(d, n, f)
#define ZeroMemory(d, n)    RtlZeroMemory(d, n)
/* Not optimised away (key material): explicit_bzero. */
PVOID WINAPI RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt);
#define SecureZeroMemory(d, n) RtlSecureZeroMemory(d, n)

/* ---- Interlocked: full barriers, as on x86-64 Windows ---------------------- */
static inline LONG InterlockedIncrement(LONG volatile *p)
{ return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedDecrement(LONG volatile *p)
{ return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedExchange(LONG volatile *p, LONG v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedExchangeAdd(LONG volatile *p, LONG v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedAdd(LONG volatile *p, LONG v)
{ return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedCompareExchange(LONG volatile *p, LONG exch, LONG comp)
{ __atomic_compare_exchange_n(p, &comp, exch, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return comp; }
static inline LONG InterlockedAnd(LONG volatile *p, LONG v)
{ return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedOr(LONG volatile *p, LONG v)
{ return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedXor(LONG volatile *p, LONG v)
{ return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedIncrement64(LONG64 volatile *p)
{ return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedDecrement64(LONG64 volatile *p)
{ return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedExchange64(LONG64 volatile *p, LONG64 v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedExchangeAdd64(LONG64 volatile *p, LONG64 v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedAdd64(LONG64 volatile *p, LONG64 v)
{ return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedCompareExchange64(LONG64 volatile *p, LONG64 exch, LONG64 comp)
{ __atomic_compare_exchange_n(p, &comp, exch, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return comp; }
static inline PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID exch, PVOID comp)
{ __atomic_compare_exchange_n(p, &comp, exch, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return comp; }

/* ---- strings and code pages ---------------------------------------------- */
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr,
	int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar);
int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWSTR lpWideCharStr,
	int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte, LPCSTR lpDefaultChar,
	LPBOOL lpUsedDefaultChar);
int   WINAPI lstrlenA(LPCSTR lpString);
int   WINAPI lstrlenW(LPCWSTR lpString);
int   WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
int   WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
int   WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);
int   WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2);
LPSTR  WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);

/* ---- debugging -------------------------------------------------------------- */
VOID WINAPI OutputDebugStringA(LPCSTR lpOutputString);
VOID WINAPI OutputDebugStringW(LPCWSTR lpOutputString);

/* The TCHAR names. */
#ifdef UNICODE
#define CreateEvent        CreateEventW
#define GetModuleFileName  GetModuleFileNameW
#define OutputDebugString  OutputDebugStringW
#define lstrlen            lstrlenW
#define lstrcmp            lstrcmpW
#define lstrcmpi           lstrcmpiW
#define lstrcpyn           lstrcpynW
#else
#define CreateEvent        CreateEventA
#define GetModuleFileName  GetModuleFileNameA
#define OutputDebugString  OutputDebugStringA
#define lstrlen            lstrlenA
#define lstrcmp            lstrcmpA
#define lstrcmpi           lstrcmpiA
#define lstrcpyn           lstrcpynA
#endif

IHVSDK_STATIC_ASSERT(sizeof(CRITICAL_SECTION) == 40, "CRITICAL_SECTION is 40 bytes");
IHVSDK_STATIC_ASSERT(sizeof(SECURITY_ATTRIBUTES) == 24, "SECURITY_ATTRIBUTES is 24 bytes");
IHVSDK_STATIC_ASSERT(sizeof(FILETIME) == 8, "FILETIME is 8 bytes");
IHVSDK_STATIC_ASSERT(sizeof(SYSTEMTIME) == 16, "SYSTEMTIME is 16 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WINBASE_H */
