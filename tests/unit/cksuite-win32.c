/* SPDX-License-Identifier: MIT */
/*
 * win32: the SDK's Win32 runtime (libihvwin32.a, ihvhost/win32/) as an
 * extension uses it: DllMain, threads, events with timeouts, waits on
 * several objects, critical sections, Interlocked*, the heap, time, and
 * UTF-16 strings (surrogate pairs, code-page conversion, the Windows
 * printf rules, the secure copies). This file is built like the rest of
 * check-unit, without -fshort-wchar: WCHAR is uint16_t and the strings
 * are u"..." (tests/sdk/check-install.sh repeats the string checks with
 * -fshort-wchar and L"..." in C and C++).
 */
#define NOMINMAX
#include <stdlib.h>
#include <string.h>

#include "ck.h"

#include <windows.h>
#include <strsafe.h>

/* ---- DllMain: this program plays the module ----------------------------- */

static volatile LONG dll_calls[4], dll_bad_args;

/* Called before main() too: records, asserts nothing there. */
BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved)
{
	if (lpvReserved || !hinstDLL)
		InterlockedIncrement(&dll_bad_args);
	if (fdwReason < 4)
		InterlockedIncrement(&dll_calls[fdwReason]);
	return TRUE;
}

static DWORD WINAPI thread_return_arg(LPVOID p)
{
	return (DWORD)(uintptr_t)p;
}

START_TEST(test_dllmain_attach_and_thread_calls)
{
	HANDLE t;

	/* The library's constructor called it once, before main(). */
	ck_assert_int_eq(dll_calls[DLL_PROCESS_ATTACH], 1);
	t = CreateThread(NULL, 0, thread_return_arg, NULL, 0, NULL);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
	ck_assert_int_eq(dll_calls[DLL_THREAD_ATTACH], 1);
	ck_assert_int_eq(dll_calls[DLL_THREAD_DETACH], 1);
	ck_assert_int_eq(dll_bad_args, 0);
	/* After DisableThreadLibraryCalls, threads are not announced. */
	ck_assert(!DisableThreadLibraryCalls(NULL));
	CloseHandle(t);
}
END_TEST

/* ---- threads -------------------------------------------------------------- */

struct gate {
	HANDLE go;
	DWORD tid;
};

static DWORD WINAPI thread_wait_gate(LPVOID p)
{
	struct gate *g = p;

	g->tid = GetCurrentThreadId();
	return WaitForSingleObject(g->go, 10000) == WAIT_OBJECT_0 ? 42 : 1;
}

START_TEST(test_thread_id_wait_exit_code)
{
	struct gate g = { CreateEventW(NULL, TRUE, FALSE, NULL), 0 };
	DWORD tid = 0, code = 0;
	HANDLE t = CreateThread(NULL, 0, thread_wait_gate, &g, 0, &tid);

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_ne(tid, 0);
	ck_assert_uint_ne(tid, GetCurrentThreadId());
	/* Still running: a short wait times out, the exit code is STILL_ACTIVE. */
	ck_assert_uint_eq(WaitForSingleObject(t, 50), WAIT_TIMEOUT);
	ck_assert(GetExitCodeThread(t, &code));
	ck_assert_uint_eq(code, STILL_ACTIVE);
	ck_assert(SetEvent(g.go));
	ck_assert_uint_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
	ck_assert_uint_eq(g.tid, tid);        /* CreateThread's id is the thread's own */
	ck_assert(GetExitCodeThread(t, &code));
	ck_assert_uint_eq(code, 42);
	/* A finished thread stays signalled for every later wait. */
	ck_assert_uint_eq(WaitForSingleObject(t, 0), WAIT_OBJECT_0);
	ck_assert(CloseHandle(t));
	ck_assert(CloseHandle(g.go));
}
END_TEST

static DWORD WINAPI thread_exit_thread(LPVOID p)
{
	(void)p;
	ExitThread(7);
}

START_TEST(test_thread_suspended_and_exitthread)
{
	DWORD code = 0;
	HANDLE t = CreateThread(NULL, 64 * 1024, thread_exit_thread, NULL, CREATE_SUSPENDED, NULL);

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(WaitForSingleObject(t, 100), WAIT_TIMEOUT);   /* suspended */
	ck_assert_uint_eq(ResumeThread(t), 1);
	ck_assert_uint_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
	ck_assert(GetExitCodeThread(t, &code));
	ck_assert_uint_eq(code, 7);
	ck_assert(CloseHandle(t));
	/* A closed handle is refused, not a crash. */
	ck_assert(!CloseHandle(t));
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(WaitForSingleObject(t, 0), WAIT_FAILED);
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
	ck_assert_ptr_null(CreateThread(NULL, 0, NULL, NULL, 0, NULL));
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
}
END_TEST

/* ---- events and waits ----------------------------------------------------- */

START_TEST(test_event_auto_manual_timeout)
{
	HANDLE a = CreateEventA(NULL, FALSE, TRUE, NULL);
	HANDLE m = CreateEventW(NULL, TRUE, FALSE, NULL);
	ULONGLONG t0;

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(m);
	/* Auto-reset: one wait takes the signal. */
	ck_assert_uint_eq(WaitForSingleObject(a, 0), WAIT_OBJECT_0);
	ck_assert_uint_eq(WaitForSingleObject(a, 0), WAIT_TIMEOUT);
	/* Manual reset: stays set until ResetEvent. */
	ck_assert(SetEvent(m));
	ck_assert_uint_eq(WaitForSingleObject(m, 0), WAIT_OBJECT_0);
	ck_assert_uint_eq(WaitForSingleObject(m, 0), WAIT_OBJECT_0);
	ck_assert(ResetEvent(m));
	/* A timeout lasts at least its length. */
	t0 = GetTickCount64();
	ck_assert_uint_eq(WaitForSingleObject(m, 120), WAIT_TIMEOUT);
	ck_assert_uint_ge(GetTickCount64() - t0, 115);
	ck_assert(CloseHandle(a));
	ck_assert(CloseHandle(m));
	/* Named events are refused (no other process to share them with). */
	ck_assert_ptr_null(CreateEventW(NULL, TRUE, FALSE, u"Global\\x"));
	ck_assert_uint_eq(GetLastError(), ERROR_NOT_SUPPORTED);
}
END_TEST

static DWORD WINAPI thread_set_later(LPVOID p)
{
	Sleep(80);
	SetEvent((HANDLE)p);
	return 0;
}

START_TEST(test_wait_multiple_any_all)
{
	HANDLE e[3], t;

	e[0] = CreateEventW(NULL, FALSE, FALSE, NULL);
	e[1] = CreateEventW(NULL, TRUE, FALSE, NULL);
	e[2] = CreateEventW(NULL, FALSE, FALSE, NULL);
	/* Any: the first signalled one, by index. */
	SetEvent(e[2]);
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, FALSE, 0), WAIT_OBJECT_0 + 2);
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, FALSE, 0), WAIT_TIMEOUT);
	/* Another thread's SetEvent wakes a blocked wait. */
	t = CreateThread(NULL, 0, thread_set_later, e[1], 0, NULL);
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, FALSE, 5000), WAIT_OBJECT_0 + 1);
	ck_assert_uint_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
	CloseHandle(t);
	/* All: not until every one is set; then the auto-reset ones are taken. */
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, TRUE, 30), WAIT_TIMEOUT);
	SetEvent(e[0]);
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, TRUE, 30), WAIT_TIMEOUT);
	ck_assert_uint_eq(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0); /* not taken */
	SetEvent(e[0]);
	SetEvent(e[2]);
	ck_assert_uint_eq(WaitForMultipleObjects(3, e, TRUE, 0), WAIT_OBJECT_0);
	ck_assert_uint_eq(WaitForSingleObject(e[0], 0), WAIT_TIMEOUT);
	ck_assert_uint_eq(WaitForSingleObject(e[2], 0), WAIT_TIMEOUT);
	ck_assert_uint_eq(WaitForSingleObject(e[1], 0), WAIT_OBJECT_0);   /* manual */
	/* Bad calls. */
	ck_assert_uint_eq(WaitForMultipleObjects(0, e, FALSE, 0), WAIT_FAILED);
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
	{
		HANDLE dup[2] = { e[0], e[0] };

		ck_assert_uint_eq(WaitForMultipleObjects(2, dup, TRUE, 0), WAIT_FAILED);
		ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
	}
	for (int i = 0; i < 3; i++)
		ck_assert(CloseHandle(e[i]));
}
END_TEST

/* ---- critical sections and Interlocked ------------------------------------ */

static CRITICAL_SECTION cs;
static LONG plain_counter;
static volatile LONG atomic_counter;
static volatile LONG64 atomic64;

static DWORD WINAPI thread_count(LPVOID p)
{
	(void)p;
	for (int i = 0; i < 20000; i++) {
		EnterCriticalSection(&cs);
		EnterCriticalSection(&cs);       /* recursive, as on Windows */
		plain_counter++;
		LeaveCriticalSection(&cs);
		LeaveCriticalSection(&cs);
		InterlockedIncrement(&atomic_counter);
		InterlockedExchangeAdd64(&atomic64, 3);
	}
	return 0;
}

static DWORD WINAPI thread_try_enter(LPVOID p)
{
	(void)p;
	return TryEnterCriticalSection(&cs);
}

START_TEST(test_critical_section_interlocked)
{
	HANDLE t[4];
	DWORD code = 99;

	InitializeCriticalSection(&cs);
	for (int i = 0; i < 4; i++)
		t[i] = CreateThread(NULL, 0, thread_count, NULL, 0, NULL);
	ck_assert_uint_eq(WaitForMultipleObjects(4, t, TRUE, 30000), WAIT_OBJECT_0);
	for (int i = 0; i < 4; i++)
		CloseHandle(t[i]);
	ck_assert_int_eq(plain_counter, 80000);
	ck_assert_int_eq(atomic_counter, 80000);
	ck_assert_int_eq(atomic64, 240000);
	/* Held here: another thread cannot enter. */
	EnterCriticalSection(&cs);
	t[0] = CreateThread(NULL, 0, thread_try_enter, NULL, 0, NULL);
	WaitForSingleObject(t[0], 5000);
	GetExitCodeThread(t[0], &code);
	ck_assert_uint_eq(code, FALSE);
	CloseHandle(t[0]);
	ck_assert(TryEnterCriticalSection(&cs));
	LeaveCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	DeleteCriticalSection(&cs);

	{
		volatile LONG v = 5;
		PVOID volatile ptr = NULL;
		int x;

		ck_assert_int_eq(InterlockedCompareExchange(&v, 9, 4), 5);   /* no swap */
		ck_assert_int_eq(v, 5);
		ck_assert_int_eq(InterlockedCompareExchange(&v, 9, 5), 5);
		ck_assert_int_eq(v, 9);
		ck_assert_int_eq(InterlockedExchange(&v, 1), 9);
		ck_assert_int_eq(InterlockedDecrement(&v), 0);
		ck_assert_int_eq(InterlockedOr(&v, 6), 0);
		ck_assert_int_eq(InterlockedAnd(&v, 2), 6);
		ck_assert_ptr_null(InterlockedCompareExchangePointer(&ptr, &x, NULL));
		ck_assert_ptr_eq(InterlockedExchangePointer(&ptr, NULL), &x);
	}
}
END_TEST

/* ---- heap and time ---------------------------------------------------------- */

START_TEST(test_heap)
{
	HANDLE h = GetProcessHeap();
	unsigned char *p = HeapAlloc(h, HEAP_ZERO_MEMORY, 100), *q;
	void *foreign;

	ck_assert_ptr_nonnull(p);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(p[i], 0);
	ck_assert_uint_eq(HeapSize(h, 0, p), 100);
	memset(p, 0xab, 100);
	q = HeapReAlloc(h, HEAP_ZERO_MEMORY, p, 300);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q[99], 0xab);
	for (int i = 100; i < 300; i++)
		ck_assert_uint_eq(q[i], 0);     /* the new tail is zeroed */
	ck_assert_uint_eq(HeapSize(h, 0, q), 300);
	ck_assert(HeapFree(h, 0, q));
	ck_assert(HeapFree(h, 0, NULL));
	/* A block the heap did not hand out is refused, not freed. */
	foreign = calloc(1, 64);
	ck_assert(!HeapFree(h, 0, (char *)foreign + 32));
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
	free(foreign);
	ck_assert_ptr_null(HeapAlloc((HANDLE)&h, 0, 8));
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
	p = LocalAlloc(LPTR, 16);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p[15], 0);
	ck_assert_ptr_null(LocalFree(p));
}
END_TEST

START_TEST(test_time_and_last_error)
{
	LARGE_INTEGER f, a, b;
	FILETIME ft;
	SYSTEMTIME st;
	ULONGLONG t0 = GetTickCount64();

	ck_assert(QueryPerformanceFrequency(&f));
	ck_assert_int_eq(f.QuadPart, 1000000000);
	ck_assert(QueryPerformanceCounter(&a));
	Sleep(30);
	ck_assert(QueryPerformanceCounter(&b));
	ck_assert_int_ge(b.QuadPart - a.QuadPart, 29000000);
	ck_assert_uint_ge(GetTickCount64() - t0, 29);
	GetSystemTimeAsFileTime(&ft);
	/* 2020-01-01 in FILETIME units is 132223104000000000. */
	ck_assert_uint_gt(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime,
			  132223104000000000ULL);
	GetSystemTime(&st);
	ck_assert_uint_ge(st.wYear, 2020);
	ck_assert_uint_ge(st.wMonth, 1);
	ck_assert_uint_le(st.wMonth, 12);
	SetLastError(ERROR_BAD_FORMAT);
	ck_assert_uint_eq(GetLastError(), 11);
}
END_TEST

/* ---- UTF-16 strings --------------------------------------------------------- */

/* "a", U+20AC, U+1D11E (a surrogate pair), "z" */
static const WCHAR w_mixed[] = u"a\u20ac\U0001D11Ez";
static const char u8_mixed[] = "a\xe2\x82\xac\xf0\x9d\x84\x9ez";

START_TEST(test_wide_basics)
{
	WCHAR buf[16];

	ck_assert_uint_eq(wcslen(w_mixed), 5);            /* code units */
	ck_assert_uint_eq(w_mixed[2], 0xd834);
	ck_assert_uint_eq(w_mixed[3], 0xdd1e);
	ck_assert_int_eq(wcscmp(w_mixed, u"a\u20ac\U0001D11Ez"), 0);
	ck_assert_int_lt(wcscmp(u"abc", u"abd"), 0);
	ck_assert_int_gt(wcscmp(u"\uffff", u"\U0001D11E"), 0);   /* unit order */
	ck_assert_int_eq(wcsncmp(u"abcX", u"abcY", 3), 0);
	ck_assert_int_eq(_wcsicmp(u"WlanIHV", u"wlanihv"), 0);
	ck_assert_int_ne(_wcsicmp(u"\u00c4", u"\u00e4"), 0);     /* ASCII folding only */
	ck_assert_ptr_eq(wcschr(w_mixed, 0x20ac), w_mixed + 1);
	{
		static const WCHAR hay[] = u"xxabcxx";

		ck_assert_ptr_eq(wcsstr(hay, u"abc"), hay + 2);
		ck_assert_ptr_null(wcsstr(hay, u"abd"));
		ck_assert_ptr_eq(wcsrchr(hay, 'x'), hay + 6);
	}
	ck_assert_int_eq(wcscpy_s(buf, 16, w_mixed), 0);
	ck_assert_int_eq(wcscmp(buf, w_mixed), 0);
	ck_assert_int_eq(wcscat_s(buf, 16, u"!"), 0);
	ck_assert_uint_eq(wcslen(buf), 6);
	ck_assert_int_eq(wcscpy_s(buf, 5, w_mixed), ERANGE);
	ck_assert_uint_eq(buf[0], 0);
	ck_assert_int_eq(wcsncpy_s(buf, 4, w_mixed, _TRUNCATE), STRUNCATE);
	ck_assert_uint_eq(wcslen(buf), 3);
	ck_assert_int_eq(lstrlenW(NULL), 0);
	ck_assert_int_eq(lstrcmpiW(u"ABC", u"abc"), 0);
	ck_assert_uint_eq(wcstoul(u"4294967295", NULL, 10), 4294967295UL);
	ck_assert_uint_eq(wcstoul(u"4294967296", NULL, 10), 4294967295UL);  /* 32-bit */
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(wcstol(u"-2147483649", NULL, 10), -2147483647L - 1);
	ck_assert_int_eq(_wtoi(u"  -42x"), -42);
}
END_TEST

START_TEST(test_code_pages)
{
	WCHAR w[16];
	char n[32];
	int r;

	r = MultiByteToWideChar(CP_UTF8, 0, u8_mixed, -1, NULL, 0);
	ck_assert_int_eq(r, 6);                      /* 5 units + NUL */
	ck_assert_int_eq(MultiByteToWideChar(CP_UTF8, 0, u8_mixed, -1, w, 16), 6);
	ck_assert_int_eq(memcmp(w, w_mixed, sizeof(w_mixed)), 0);
	ck_assert_int_eq(MultiByteToWideChar(CP_UTF8, 0, u8_mixed, -1, w, 3), 0);
	ck_assert_uint_eq(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	r = WideCharToMultiByte(CP_UTF8, 0, w_mixed, -1, n, sizeof(n), NULL, NULL);
	ck_assert_int_eq(r, (int)sizeof(u8_mixed));
	ck_assert_str_eq(n, u8_mixed);
	/* Invalid input: U+FFFD, or an error when asked to be strict. */
	ck_assert_int_eq(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xc0\xafz", 4, w, 16), 0);
	ck_assert_uint_eq(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
	ck_assert_int_eq(MultiByteToWideChar(CP_UTF8, 0, "a\xc0z", 3, w, 16), 3);
	ck_assert_uint_eq(w[1], 0xfffd);
	{
		const WCHAR lone[] = { 'x', 0xd800, 'y', 0 };

		ck_assert_int_eq(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, -1,
						     n, sizeof(n), NULL, NULL), 0);
		ck_assert_uint_eq(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
		ck_assert_int_eq(WideCharToMultiByte(CP_UTF8, 0, lone, -1, n, sizeof(n), NULL, NULL), 6);
		ck_assert_str_eq(n, "x\xef\xbf\xbdy");
	}
	ck_assert_int_eq(MultiByteToWideChar(1252, 0, "a", -1, w, 16), 0);
	ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
	/* wcstombs / mbstowcs: the C names, UTF-8 on this side. */
	ck_assert_uint_eq(wcstombs(n, w_mixed, sizeof(n)), strlen(u8_mixed));
	ck_assert_str_eq(n, u8_mixed);
	ck_assert_uint_eq(mbstowcs(w, u8_mixed, 16), 5);
	ck_assert_int_eq(wcscmp(w, w_mixed), 0);
}
END_TEST

START_TEST(test_printf_windows_rules)
{
	WCHAR w[64];
	char n[64];
	DWORD dw = 4000000000u;
	ULONGLONG big = 12345678901234ULL;

	/* %s wide and %S narrow in a wide format; "l" is 32 bits; I64. */
	ck_assert_int_eq(StringCchPrintfW(w, 64, u"%s|%S|%lu|%I64u|%5d|%-3c|",
					  w_mixed, "n\xc3\xa9", dw, big, -42, u'\u20ac'), S_OK);
	ck_assert_int_eq(wcscmp(w, u"a\u20ac\U0001D11Ez|n\u00e9|4000000000|12345678901234|  -42|\u20ac  |"), 0);
	/* In a narrow format, %S and %ls are wide (converted to UTF-8). */
	ck_assert_int_eq(StringCchPrintfA(n, 64, "%S/%ls/%s/%08lX", w_mixed, u"w", "n", dw), S_OK);
	ck_assert_str_eq(n, "a\xe2\x82\xac\xf0\x9d\x84\x9ez/w/n/EE6B2800");
	/* Truncation: still terminated, and said so. */
	ck_assert_int_eq(StringCchPrintfW(w, 4, u"%s", u"abcdef"), STRSAFE_E_INSUFFICIENT_BUFFER);
	ck_assert_int_eq(wcscmp(w, u"abc"), 0);
	ck_assert_int_eq(StringCchCopyW(w, 3, u"xyz"), STRSAFE_E_INSUFFICIENT_BUFFER);
	ck_assert_int_eq(wcscmp(w, u"xy"), 0);
	ck_assert_int_eq(StringCchCatW(w, 8, u"12"), S_OK);
	ck_assert_int_eq(wcscmp(w, u"xy12"), 0);
	{
		size_t len = 0;

		ck_assert_int_eq(StringCchLengthW(w, 8, &len), S_OK);
		ck_assert_uint_eq(len, 4);
		ck_assert_int_eq(StringCchLengthW(w, 4, &len), STRSAFE_E_INVALID_PARAMETER);
	}
	/* swprintf_s: "" and -1 when it does not fit; swprintf (ISO) counts. */
	ck_assert_int_eq(swprintf_s(w, 64, u"%d-%s", 7, u"x"), 3);
	ck_assert_int_eq(swprintf_s(w, 2, u"%d", 123), -1);
	ck_assert_uint_eq(w[0], 0);
	ck_assert_int_eq(swprintf(w, 64, u"%.2f %p", 1.5, (void *)0x1234), 21);
	ck_assert_int_eq(wcscmp(w, u"1.50 0000000000001234"), 0);
	/* _snwprintf: exactly n units is no terminator; more is -1. */
	w[3] = 0x7777;
	ck_assert_int_eq(_snwprintf(w, 3, u"%s", u"abc"), 3);
	ck_assert_uint_eq(w[3], 0x7777);
	ck_assert_int_eq(_snwprintf(w, 3, u"%s", u"abcd"), -1);
	ck_assert_int_eq(sprintf_s(n, sizeof(n), "%s=%lu", "x", dw), 12);
	ck_assert_str_eq(n, "x=4000000000");
	/* NULL strings print as on Windows; %n is refused. */
	ck_assert_int_eq(StringCchPrintfA(n, 64, "%s", (char *)NULL), S_OK);
	ck_assert_str_eq(n, "(null)");
	{
		int cnt;

		ck_assert_int_eq(StringCchPrintfA(n, 64, "ab%n", &cnt), STRSAFE_E_INVALID_PARAMETER);
	}
}
END_TEST

START_TEST(test_guid_and_names)
{
	GUID a = { 0x12345678, 0x9abc, 0xdef0, { 1, 2, 3, 4, 5, 6, 7, 8 } }, b = a;

	ck_assert(IsEqualGUID(&a, &b));
	ck_assert(InlineIsEqualGUID(&a, &b));
	b.Data4[7] = 9;
	ck_assert(!IsEqualGUID(&a, &b));
	ck_assert(!InlineIsEqualGUID(&a, &b));
	ck_assert_int_eq(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), (HRESULT)0x8007007Au);
	ck_assert(SUCCEEDED(S_OK) && SUCCEEDED(S_FALSE) && FAILED(E_FAIL));
	ck_assert_int_eq(HRESULT_FROM_WIN32(0), S_OK);
	ck_assert_int_eq(HRESULT_CODE(E_INVALIDARG), ERROR_INVALID_PARAMETER);
}
END_TEST

CK_SUITE(win32_suite)
static Suite *win32_suite(void)
{
	Suite *s = suite_create("win32");
	TCase *tc = tcase_create("runtime");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dllmain_attach_and_thread_calls);
	tcase_add_test(tc, test_thread_id_wait_exit_code);
	tcase_add_test(tc, test_thread_suspended_and_exitthread);
	tcase_add_test(tc, test_event_auto_manual_timeout);
	tcase_add_test(tc, test_wait_multiple_any_all);
	tcase_add_test(tc, test_critical_section_interlocked);
	tcase_add_test(tc, test_heap);
	tcase_add_test(tc, test_time_and_last_error);
	tcase_add_test(tc, test_wide_basics);
	tcase_add_test(tc, test_code_pages);
	tcase_add_test(tc, test_printf_windows_rules);
	tcase_add_test(tc, test_guid_and_names);
	suite_add_tcase(s, tc);
	return s;
}
