/* SPDX-License-Identifier: MIT */
/*
 * w32-thread: Win32 threads, events, waits and critical sections on
 * pthreads. Every waitable object's state lives under one lock with one
 * condition variable (CLOCK_MONOTONIC), which makes WaitForMultipleObjects
 * (any or all, with auto-reset events consumed atomically) a plain
 * predicate loop. An extension has a handful of threads and events, so
 * one lock costs nothing measurable and rules out lock-order bugs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "w32-internal.h"

pthread_mutex_t w32_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t w32_cond;
static pthread_once_t w32_once = PTHREAD_ONCE_INIT;
static struct w32_obj *w32_registry;
static __thread struct w32_obj *w32_self;   /* this thread's object, if ours */

void w32_warn(const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "ihvwin32: %s: ", fn);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void w32_init_cond(void)
{
	pthread_condattr_t a;

	/* Timeouts are intervals: immune to a wall-clock step. */
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&w32_cond, &a);
	pthread_condattr_destroy(&a);
}

static void w32_lock_all(void)
{
	pthread_once(&w32_once, w32_init_cond);
	pthread_mutex_lock(&w32_lock);
}

void w32_broadcast(void)
{
	pthread_cond_broadcast(&w32_cond);
}

/* Under the lock: is h a handle this library handed out and not closed? */
static struct w32_obj *w32_find(HANDLE h)
{
	struct w32_obj *o;

	for (o = w32_registry; o; o = o->next)
		if ((HANDLE)o == h)
			return o;
	return NULL;
}

static void w32_register(struct w32_obj *o)
{
	o->open = true;
	o->next = w32_registry;
	w32_registry = o;
}

static void w32_unregister(struct w32_obj *o)
{
	struct w32_obj **pp;

	for (pp = &w32_registry; *pp; pp = &(*pp)->next)
		if (*pp == o) {
			*pp = o->next;
			break;
		}
	o->open = false;
}

/* Under the lock: drops one reference, freeing the object at 0. */
static void w32_put(struct w32_obj *o)
{
	if (--o->refs)
		return;
	/* A finished thread nobody waited for: let the system reclaim it. */
	if (o->kind == W32_THREAD && !o->join_claimed && !o->detached)
		pthread_detach(o->tid);
	free(o);
}

/* Under the lock: waits for the condition until *deadline (NULL: forever);
 * false once the deadline has passed. */
static bool w32_cond_wait(const struct timespec *deadline)
{
	if (!deadline) {
		pthread_cond_wait(&w32_cond, &w32_lock);
		return true;
	}
	return pthread_cond_timedwait(&w32_cond, &w32_lock, deadline) != ETIMEDOUT;
}

static void w32_deadline(DWORD ms, struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* ---- threads ----------------------------------------------------------- */

/* The routine has returned (or called ExitThread): the handle signals. */
static void w32_thread_finish(struct w32_obj *t, DWORD code)
{
	w32_dll_thread_notify(DLL_THREAD_DETACH);
	w32_lock_all();
	t->exit_code = code;
	t->signaled = true;
	w32_broadcast();
	w32_put(t);          /* the running thread's reference */
	pthread_mutex_unlock(&w32_lock);
}

static void *w32_thread_main(void *arg)
{
	struct w32_obj *t = arg;
	DWORD code;

	w32_lock_all();
	t->id = (DWORD)gettid();
	w32_broadcast();
	while (t->suspended)
		pthread_cond_wait(&w32_cond, &w32_lock);
	pthread_mutex_unlock(&w32_lock);
	w32_self = t;
	w32_dll_thread_notify(DLL_THREAD_ATTACH);
	code = t->fn(t->arg);
	w32_thread_finish(t, code);
	return NULL;
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
	LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter, DWORD dwCreationFlags,
	LPDWORD lpThreadId)
{
	struct w32_obj *t;
	pthread_attr_t attr;
	int rc;

	(void)lpThreadAttributes;
	if (!lpStartAddress) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	t->kind = W32_THREAD;
	t->refs = 2;         /* the handle and the running thread */
	t->fn = lpStartAddress;
	t->arg = lpParameter;
	t->suspended = (dwCreationFlags & CREATE_SUSPENDED) != 0;
	pthread_attr_init(&attr);
	if (dwStackSize)
		pthread_attr_setstacksize(&attr, dwStackSize < (SIZE_T)PTHREAD_STACK_MIN ?
					  PTHREAD_STACK_MIN : dwStackSize);
	w32_lock_all();
	rc = pthread_create(&t->tid, &attr, w32_thread_main, t);
	pthread_attr_destroy(&attr);
	if (rc) {
		pthread_mutex_unlock(&w32_lock);
		free(t);
		SetLastError(rc == EAGAIN ? ERROR_NO_SYSTEM_RESOURCES : ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	w32_register(t);
	/* The id is the new thread's own gettid(), as GetCurrentThreadId
	 * there will say: wait the moment it takes to start. */
	while (!t->id)
		pthread_cond_wait(&w32_cond, &w32_lock);
	if (lpThreadId)
		*lpThreadId = t->id;
	pthread_mutex_unlock(&w32_lock);
	return (HANDLE)t;
}

VOID WINAPI ExitThread(DWORD dwExitCode)
{
	if (w32_self)
		w32_thread_finish(w32_self, dwExitCode);
	pthread_exit(NULL);
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
	struct w32_obj *t;

	w32_lock_all();
	t = w32_find(hThread);
	if (!t || t->kind != W32_THREAD || !lpExitCode) {
		pthread_mutex_unlock(&w32_lock);
		SetLastError(t ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return FALSE;
	}
	*lpExitCode = t->signaled ? t->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&w32_lock);
	return TRUE;
}

DWORD WINAPI ResumeThread(HANDLE hThread)
{
	struct w32_obj *t;
	DWORD was;

	w32_lock_all();
	t = w32_find(hThread);
	if (!t || t->kind != W32_THREAD) {
		pthread_mutex_unlock(&w32_lock);
		SetLastError(ERROR_INVALID_HANDLE);
		return (DWORD)-1;
	}
	was = t->suspended ? 1 : 0;
	t->suspended = false;
	w32_broadcast();
	pthread_mutex_unlock(&w32_lock);
	return was;
}

DWORD WINAPI GetCurrentThreadId(VOID)
{
	return (DWORD)gettid();
}

DWORD WINAPI GetCurrentProcessId(VOID)
{
	return (DWORD)getpid();
}

BOOL WINAPI SwitchToThread(VOID)
{
	return sched_yield() == 0;
}

VOID WINAPI Sleep(DWORD dwMilliseconds)
{
	struct timespec ts;

	if (dwMilliseconds == 0) {
		sched_yield();
		return;
	}
	if (dwMilliseconds == INFINITE)
		for (;;)
			pause();
	ts.tv_sec = dwMilliseconds / 1000;
	ts.tv_nsec = (long)(dwMilliseconds % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * After a wait returned a thread's handle: join the thread, so that it
 * runs no more of the extension's code (the .so may be unloaded next).
 * One waiter joins; the others wait until it has.
 */
static void w32_reap(struct w32_obj *t)
{
	w32_lock_all();
	if (!t->join_claimed && !t->detached) {
		t->join_claimed = true;
		pthread_mutex_unlock(&w32_lock);
		pthread_join(t->tid, NULL);
		w32_lock_all();
		t->joined = true;
		w32_broadcast();
	}
	while (!t->joined && !t->detached)
		pthread_cond_wait(&w32_cond, &w32_lock);
	pthread_mutex_unlock(&w32_lock);
}

/* ---- events -------------------------------------------------------------- */

static HANDLE w32_event_new(BOOL manual, BOOL initial, bool named, const char *fn)
{
	struct w32_obj *e;

	if (named) {
		/* Named objects are shared between processes on Windows; there
		 * is no other process here, and ignoring the name would break
		 * code that opens the same event twice. Refuse, loudly. */
		w32_warn(fn, "named events are not supported (use an unnamed one)");
		SetLastError(ERROR_NOT_SUPPORTED);
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (!e) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	e->kind = W32_EVENT;
	e->refs = 1;
	e->manual_reset = manual != FALSE;
	e->signaled = initial != FALSE;
	w32_lock_all();
	w32_register(e);
	pthread_mutex_unlock(&w32_lock);
	SetLastError(ERROR_SUCCESS);
	return (HANDLE)e;
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
	BOOL bInitialState, LPCSTR lpName)
{
	(void)lpEventAttributes;
	return w32_event_new(bManualReset, bInitialState, lpName != NULL, "CreateEventA");
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
	BOOL bInitialState, LPCWSTR lpName)
{
	(void)lpEventAttributes;
	return w32_event_new(bManualReset, bInitialState, lpName != NULL, "CreateEventW");
}

static BOOL w32_event_set(HANDLE h, bool state)
{
	struct w32_obj *e;

	w32_lock_all();
	e = w32_find(h);
	if (!e || e->kind != W32_EVENT) {
		pthread_mutex_unlock(&w32_lock);
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	e->signaled = state;
	if (state)
		w32_broadcast();
	pthread_mutex_unlock(&w32_lock);
	return TRUE;
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
	return w32_event_set(hEvent, true);
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
	return w32_event_set(hEvent, false);
}

/* ---- waits ---------------------------------------------------------------- */

/* Under the lock: a satisfied wait takes an auto-reset event's signal. */
static void w32_consume(struct w32_obj *o)
{
	if (o->kind == W32_EVENT && !o->manual_reset)
		o->signaled = false;
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
	DWORD dwMilliseconds)
{
	struct w32_obj *o[MAXIMUM_WAIT_OBJECTS];
	struct timespec deadline;
	bool timed = dwMilliseconds != INFINITE;
	DWORD i, j, rc = WAIT_TIMEOUT;

	if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || !lpHandles) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	if (timed)
		w32_deadline(dwMilliseconds, &deadline);
	w32_lock_all();
	for (i = 0; i < nCount; i++) {
		DWORD err = ERROR_SUCCESS;

		o[i] = w32_find(lpHandles[i]);
		if (!o[i])
			err = ERROR_INVALID_HANDLE;
		for (j = 0; bWaitAll && o[i] && j < i; j++)
			if (o[j] == o[i])   /* Windows refuses a duplicate in a wait-all */
				err = ERROR_INVALID_PARAMETER;
		if (err != ERROR_SUCCESS) {
			pthread_mutex_unlock(&w32_lock);
			SetLastError(err);
			return WAIT_FAILED;
		}
	}
	for (i = 0; i < nCount; i++)
		o[i]->refs++;        /* a CloseHandle meanwhile must not free it */
	for (;;) {
		if (bWaitAll) {
			for (i = 0; i < nCount && o[i]->signaled; i++)
				;
			if (i == nCount) {
				for (i = 0; i < nCount; i++)
					w32_consume(o[i]);
				rc = WAIT_OBJECT_0;
				break;
			}
		} else {
			for (i = 0; i < nCount && !o[i]->signaled; i++)
				;
			if (i < nCount) {
				w32_consume(o[i]);
				rc = WAIT_OBJECT_0 + i;
				break;
			}
		}
		if (timed && dwMilliseconds == 0)
			break;
		if (!w32_cond_wait(timed ? &deadline : NULL))
			dwMilliseconds = 0;   /* one last look, then WAIT_TIMEOUT */
	}
	pthread_mutex_unlock(&w32_lock);
	if (rc != WAIT_TIMEOUT)
		for (i = 0; i < nCount; i++)
			if (o[i]->kind == W32_THREAD &&
			    (bWaitAll || rc == WAIT_OBJECT_0 + i))
				w32_reap(o[i]);
	w32_lock_all();
	for (i = 0; i < nCount; i++)
		w32_put(o[i]);
	pthread_mutex_unlock(&w32_lock);
	return rc;
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
	return WaitForMultipleObjects(1, &hHandle, FALSE, dwMilliseconds);
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
	struct w32_obj *o;

	w32_lock_all();
	o = w32_find(hObject);
	if (!o) {
		pthread_mutex_unlock(&w32_lock);
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	w32_unregister(o);
	/* A thread still running keeps going, as on Windows; nobody can wait
	 * for it any more, so the system reclaims it when it ends. */
	if (o->kind == W32_THREAD && !o->signaled && !o->join_claimed) {
		pthread_detach(o->tid);
		o->detached = true;
		w32_broadcast();
	}
	w32_put(o);
	pthread_mutex_unlock(&w32_lock);
	return TRUE;
}

/* ---- critical sections ---------------------------------------------------- */

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(CRITICAL_SECTION),
	       "a pthread mutex fits in CRITICAL_SECTION");
_Static_assert(_Alignof(pthread_mutex_t) <= _Alignof(CRITICAL_SECTION),
	       "CRITICAL_SECTION is aligned for a pthread mutex");

static pthread_mutex_t *w32_cs(LPCRITICAL_SECTION cs)
{
	return (pthread_mutex_t *)(void *)cs;
}

VOID WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	pthread_mutexattr_t a;

	/* Recursive: the owner may enter again, as on Windows. */
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(w32_cs(lpCriticalSection), &a);
	pthread_mutexattr_destroy(&a);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
	DWORD dwSpinCount)
{
	(void)dwSpinCount;
	InitializeCriticalSection(lpCriticalSection);
	return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection,
	DWORD dwSpinCount, DWORD Flags)
{
	(void)dwSpinCount;
	(void)Flags;
	InitializeCriticalSection(lpCriticalSection);
	return TRUE;
}

VOID WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	pthread_mutex_lock(w32_cs(lpCriticalSection));
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	return pthread_mutex_trylock(w32_cs(lpCriticalSection)) == 0;
}

VOID WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	pthread_mutex_unlock(w32_cs(lpCriticalSection));
}

VOID WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	pthread_mutex_destroy(w32_cs(lpCriticalSection));
}
