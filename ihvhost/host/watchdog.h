/* SPDX-License-Identifier: MIT */
/*
 * watchdog: crash and hang containment around extension calls.
 *
 * "Current handler": the loop sets it around every call into the extension
 * (ihv_watchdog_enter/leave). It is process-wide on purpose: a signal
 * handler has no context pointer, and only one extension may be loaded per
 * process (see apis.h), so there is exactly one such variable to read.
 *
 * Crash: ihv_crash_handlers_install() catches SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE and SIGABRT, writes (async-signal-safe, one write(2))
 *   ihvhost: extension crashed in handler <name> (signal 11 SIGSEGV)
 * or "... outside any extension handler ..." and re-raises the signal with
 * its default action, so the process dies BY THE SIGNAL (a supervising
 * runner maps that to exit code 5, IHV_EXIT_CRASH; see host.h).
 *
 * Hang: a watchdog thread samples the current call; when one call has run
 * longer than the bound it calls the hang callback (report + trace), then
 * _exit(IHV_EXIT_HANG): the loop thread is stuck inside the extension and
 * cannot be recovered.
 */
#ifndef IHVHOST_WATCHDOG_H
#define IHVHOST_WATCHDOG_H

#include <stdint.h>

/* Loop thread: around each call into the extension. @name must be a
 * string constant (read from a signal handler). Not nestable. */
void ihv_watchdog_enter(const char *name);
void ihv_watchdog_leave(void);
/* The handler running now, or NULL. */
const char *ihv_watchdog_current(void);

/* Installs the crash handlers (idempotent). 0 or -errno. */
int ihv_crash_handlers_install(void);

struct ihv_watchdog;
/* Called on the watchdog thread with the stuck handler's name and how long
 * it has run; the process _exits(@exit_code) when it returns. */
typedef void (*ihv_watchdog_hang_cb)(const char *handler, uint64_t ran_ms,
				     void *data);

/* Starts the watchdog thread. @timeout_ms > 0. */
int ihv_watchdog_start(unsigned int timeout_ms, int exit_code,
		       ihv_watchdog_hang_cb cb, void *data,
		       struct ihv_watchdog **out);
/* Stops and joins the thread. NULL ok. */
void ihv_watchdog_stop(struct ihv_watchdog *wd);

#endif /* IHVHOST_WATCHDOG_H */
