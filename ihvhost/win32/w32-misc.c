/* SPDX-License-Identifier: MIT */
/*
 * w32-misc: the per-thread last error, time, the process heap and
 * OutputDebugString.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "w32-internal.h"

/* ---- last error ---------------------------------------------------------- */

static __thread DWORD w32_last_error;

DWORD WINAPI GetLastError(VOID)
{
	return w32_last_error;
}

VOID WINAPI SetLastError(DWORD dwErrCode)
{
	w32_last_error = dwErrCode;
}

/* ---- time ------------------------------------------------------------------ */

static ULONGLONG w32_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (ULONGLONG)ts.tv_sec * 1000u + (ULONGLONG)ts.tv_nsec / 1000000u;
}

/* Since boot, suspend included, as Windows counts it; wraps at 49.7 days. */
DWORD WINAPI GetTickCount(VOID)
{
	return (DWORD)w32_ms(CLOCK_BOOTTIME);
}

ULONGLONG WINAPI GetTickCount64(VOID)
{
	return w32_ms(CLOCK_BOOTTIME);
}

/* Nanoseconds: the frequency is 1 GHz. */
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
	struct timespec ts;

	if (!lpPerformanceCount) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	lpPerformanceCount->QuadPart = (LONGLONG)ts.tv_sec * 1000000000 + ts.tv_nsec;
	return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
	if (!lpFrequency) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	lpFrequency->QuadPart = 1000000000;
	return TRUE;
}

/* Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
#define W32_EPOCH_DIFF 11644473600ULL

VOID WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
	struct timespec ts;
	ULONGLONG t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = ((ULONGLONG)ts.tv_sec + W32_EPOCH_DIFF) * 10000000u + (ULONGLONG)ts.tv_nsec / 100u;
	lpSystemTimeAsFileTime->dwLowDateTime = (DWORD)t;
	lpSystemTimeAsFileTime->dwHighDateTime = (DWORD)(t >> 32);
}

static void w32_systemtime(LPSYSTEMTIME st, bool local)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (local)
		localtime_r(&ts.tv_sec, &tm);
	else
		gmtime_r(&ts.tv_sec, &tm);
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
	st->wMilliseconds = (WORD)(ts.tv_nsec / 1000000);
}

VOID WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime)
{
	w32_systemtime(lpSystemTime, false);
}

VOID WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime)
{
	w32_systemtime(lpSystemTime, true);
}

/* ---- heap ------------------------------------------------------------------ */

/*
 * Every block starts with this 16-byte header (malloc's alignment is
 * kept): its size for HeapSize and HeapReAlloc(HEAP_ZERO_MEMORY), and a
 * tag derived from its address, so a pointer the heap did not hand out
 * (or one freed already) is refused by name instead of corrupting memory.
 */
struct w32_block {
	SIZE_T size;
	uint64_t tag;
};
#define W32_HEAP_MAGIC 0x1a7c3e5f9b0d2468ULL

static const int w32_heap_object;   /* GetProcessHeap() points here */
#define W32_HEAP ((HANDLE)&w32_heap_object)

static uint64_t w32_tag(const struct w32_block *b)
{
	return W32_HEAP_MAGIC ^ (uint64_t)(uintptr_t)b;
}

static struct w32_block *w32_block_of(LPCVOID mem, const char *fn)
{
	struct w32_block *b = (struct w32_block *)((char *)(uintptr_t)mem - sizeof(*b));

	if (b->tag != w32_tag(b)) {
		w32_warn(fn, "%p was not allocated by this heap, or was freed already", mem);
		return NULL;
	}
	return b;
}

static bool w32_heap_ok(HANDLE h, const char *fn)
{
	if (h == W32_HEAP)
		return true;
	w32_warn(fn, "heap handle %p is not GetProcessHeap()'s", h);
	SetLastError(ERROR_INVALID_HANDLE);
	return false;
}

static LPVOID w32_alloc(SIZE_T n, bool zero)
{
	struct w32_block *b;

	if (n > SIZE_MAX - sizeof(*b)) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	b = zero ? calloc(1, sizeof(*b) + n) : malloc(sizeof(*b) + n);
	if (!b) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	b->size = n;
	b->tag = w32_tag(b);
	return b + 1;
}

static BOOL w32_free(LPVOID mem, const char *fn)
{
	struct w32_block *b;

	if (!mem)
		return TRUE;
	b = w32_block_of(mem, fn);
	if (!b) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	b->tag = 0;
	free(b);
	return TRUE;
}

HANDLE WINAPI GetProcessHeap(VOID)
{
	return W32_HEAP;
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
	if (!w32_heap_ok(hHeap, "HeapAlloc"))
		return NULL;
	return w32_alloc(dwBytes, (dwFlags & HEAP_ZERO_MEMORY) != 0);
}

LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
	struct w32_block *b, *nb;
	SIZE_T old;

	if (!w32_heap_ok(hHeap, "HeapReAlloc"))
		return NULL;
	if (!lpMem) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	b = w32_block_of(lpMem, "HeapReAlloc");
	if (!b) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	old = b->size;
	if (dwBytes > old && (dwFlags & HEAP_REALLOC_IN_PLACE_ONLY)) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (dwBytes > SIZE_MAX - sizeof(*b)) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	b->tag = 0;
	nb = realloc(b, sizeof(*b) + dwBytes);
	if (!nb) {
		b->tag = w32_tag(b);   /* the old block is still valid */
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	nb->size = dwBytes;
	nb->tag = w32_tag(nb);
	if (dwBytes > old && (dwFlags & HEAP_ZERO_MEMORY))
		memset((char *)(nb + 1) + old, 0, dwBytes - old);
	return nb + 1;
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
	(void)dwFlags;
	if (!w32_heap_ok(hHeap, "HeapFree"))
		return FALSE;
	return w32_free(lpMem, "HeapFree");
}

SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct w32_block *b;

	(void)dwFlags;
	if (!w32_heap_ok(hHeap, "HeapSize") || !lpMem)
		return (SIZE_T)-1;
	b = w32_block_of(lpMem, "HeapSize");
	return b ? b->size : (SIZE_T)-1;
}

/* LMEM_MOVEABLE blocks need LocalLock: not supported, said so. */
static HANDLE w32_local_alloc(UINT flags, SIZE_T n, const char *fn)
{
	if (flags & ~(UINT)LMEM_ZEROINIT) {
		w32_warn(fn, "flags 0x%x: only LMEM_FIXED/LMEM_ZEROINIT (LPTR) are supported",
			 flags);
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return w32_alloc(n, (flags & LMEM_ZEROINIT) != 0);
}

HANDLE WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
	return w32_local_alloc(uFlags, uBytes, "LocalAlloc");
}

HANDLE WINAPI LocalFree(HANDLE hMem)
{
	return w32_free(hMem, "LocalFree") ? NULL : hMem;
}

HANDLE WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
	return w32_local_alloc(uFlags, dwBytes, "GlobalAlloc");
}

HANDLE WINAPI GlobalFree(HANDLE hMem)
{
	return w32_free(hMem, "GlobalFree") ? NULL : hMem;
}

PVOID WINAPI RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
	explicit_bzero(ptr, cnt);
	return ptr;
}

/* ---- debugging ------------------------------------------------------------- */

/* stderr is the host's log; the text is written as is (no newline added,
 * as on Windows). */
VOID WINAPI OutputDebugStringA(LPCSTR lpOutputString)
{
	if (lpOutputString)
		fputs(lpOutputString, stderr);
}

VOID WINAPI OutputDebugStringW(LPCWSTR lpOutputString)
{
	char *s;
	int n;

	if (!lpOutputString)
		return;
	n = WideCharToMultiByte(CP_UTF8, 0, lpOutputString, -1, NULL, 0, NULL, NULL);
	if (n <= 0)
		return;
	s = malloc((size_t)n);
	if (!s)
		return;
	WideCharToMultiByte(CP_UTF8, 0, lpOutputString, -1, s, n, NULL, NULL);
	fputs(s, stderr);
	free(s);
}
