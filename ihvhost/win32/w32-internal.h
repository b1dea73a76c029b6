/* SPDX-License-Identifier: MIT */
/*
 * w32-internal.h - what the files of libihvwin32.a share: the one lock
 * and condition variable every waitable object uses, the object model
 * behind a HANDLE, and the UTF-16 <-> UTF-8 primitives.
 *
 * The library is linked INTO each extension (hidden visibility): nothing
 * here is seen by the host, and a second extension has its own copy.
 */
#ifndef IHVSDK_W32_INTERNAL_H
#define IHVSDK_W32_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <windows.h>

enum w32_kind {
	W32_THREAD = 1,
	W32_EVENT  = 2,
};

/*
 * A HANDLE points at one of these. refs: 1 for the handle (until
 * CloseHandle), 1 for a running thread (until it finishes), 1 per wait in
 * progress; the object is freed at 0. A closed handle leaves the registry
 * at once, so a later use is ERROR_INVALID_HANDLE, not a crash.
 */
struct w32_obj {
	struct w32_obj *next;      /* registry of open handles */
	enum w32_kind kind;
	unsigned int refs;
	bool signaled;             /* event: set; thread: its routine returned */
	bool open;                 /* still in the registry */
	/* event */
	bool manual_reset;
	/* thread */
	pthread_t tid;
	DWORD id;                  /* its gettid(), known before CreateThread returns */
	DWORD exit_code;
	bool suspended;
	bool join_claimed, joined, detached;
	LPTHREAD_START_ROUTINE fn;
	LPVOID arg;
};

/* The library's one lock: held for every object state change. */
extern pthread_mutex_t w32_lock;
void w32_broadcast(void);

/* Called by a thread made with CreateThread (w32-dllmain.c). */
void w32_dll_thread_notify(DWORD reason);

/* Writes a diagnostic to stderr: "ihvwin32: <fn>: <message>". */
void w32_warn(const char *fn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* UTF-16 (n units, or NUL-terminated when n is (size_t)-1) to UTF-8. */
size_t w32_utf8_len_of_utf16(const uint16_t *s, size_t n, bool *bad);
/* Decodes one code point from UTF-8; returns bytes used, 0 on a bad sequence. */
size_t w32_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp as UTF-8 into out[4]; returns the byte count. */
size_t w32_utf8_encode(uint32_t cp, char *out);
/* Decodes one code point from UTF-16; returns units used, 0 on a lone surrogate. */
size_t w32_utf16_decode(const uint16_t *s, size_t n, uint32_t *cp);

#endif
