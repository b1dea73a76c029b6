/* SPDX-License-Identifier: MIT */
/* Crash handlers and the hang watchdog; see watchdog.h. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "watchdog.h"

/* Process-wide by necessity (signal handlers): see watchdog.h. */
static _Atomic(const char *) ihv_wd_current;
static _Atomic uint64_t ihv_wd_since_ns;
static _Atomic uint64_t ihv_wd_seq; /* bumps on every enter */
/* The thread in the handler: a crash on another thread (an extension
 * worker) is not "in" that handler. gettid is async-signal-safe. */
static _Atomic pid_t ihv_wd_tid;

void ihv_watchdog_enter(const char *name)
{
	atomic_store(&ihv_wd_tid, (pid_t)syscall(SYS_gettid));
	atomic_store(&ihv_wd_since_ns, sim_clock_now_ns());
	atomic_fetch_add(&ihv_wd_seq, 1);
	atomic_store(&ihv_wd_current, name);
}

void ihv_watchdog_leave(void)
{
	atomic_store(&ihv_wd_current, NULL);
}

const char *ihv_watchdog_current(void)
{
	return atomic_load(&ihv_wd_current);
}

/* ---- crash ----------------------------------------------------------- */

static const int ihv_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };

static const char *ihv_signame(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS:  return "SIGBUS";
	case SIGILL:  return "SIGILL";
	case SIGFPE:  return "SIGFPE";
	case SIGABRT: return "SIGABRT";
	}
	return "signal";
}

/* Async-signal-safe appenders into a fixed buffer. */
static size_t ihv_sig_cat(char *buf, size_t len, size_t cap, const char *s)
{
	while (*s && len + 1 < cap)
		buf[len++] = *s++;
	return len;
}

static size_t ihv_sig_num(char *buf, size_t len, size_t cap, int v)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < (int)sizeof(tmp));
	while (n && len + 1 < cap)
		buf[len++] = tmp[--n];
	return len;
}

static void ihv_crash_handler(int sig)
{
	const char *h = atomic_load(&ihv_wd_current);
	char buf[256];
	size_t len = 0;
	int saved = errno;

	if (h && atomic_load(&ihv_wd_tid) != (pid_t)syscall(SYS_gettid))
		h = NULL;
	len = ihv_sig_cat(buf, len, sizeof(buf), "ihvhost: extension crashed ");
	if (h) {
		len = ihv_sig_cat(buf, len, sizeof(buf), "in handler ");
		len = ihv_sig_cat(buf, len, sizeof(buf), h);
	} else {
		len = ihv_sig_cat(buf, len, sizeof(buf), "outside any extension handler");
	}
	len = ihv_sig_cat(buf, len, sizeof(buf), " (signal ");
	len = ihv_sig_num(buf, len, sizeof(buf), sig);
	len = ihv_sig_cat(buf, len, sizeof(buf), " ");
	len = ihv_sig_cat(buf, len, sizeof(buf), ihv_signame(sig));
	len = ihv_sig_cat(buf, len, sizeof(buf), ")\n");
	if (write(STDERR_FILENO, buf, len) < 0) {
		/* nothing left to report to */
	}
	/* Default action, then re-raise: the signal stays pending while this
	 * handler runs and kills the process (with a core if enabled) as soon
	 * as it returns; a hardware fault would re-fault anyway. */
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

int ihv_crash_handlers_install(void)
{
	/* An alternate stack, so a handler that overflowed its stack (deep
	 * recursion in the extension) is still reported. Per thread: this
	 * one is the loop's, where handlers run. */
	static unsigned char altstack[64 * 1024];
	struct sigaction sa;
	stack_t ss;

	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	if (sigaltstack(&ss, NULL) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ihv_crash_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
	for (size_t i = 0; i < sizeof(ihv_crash_signals) / sizeof(ihv_crash_signals[0]); i++)
		if (sigaction(ihv_crash_signals[i], &sa, NULL) < 0)
			return -errno;
	return 0;
}

/* ---- hang ------------------------------------------------------------ */

struct ihv_watchdog {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool stop;
	unsigned int timeout_ms;
	int exit_code;
	ihv_watchdog_hang_cb cb;
	void *data;
};

static void *ihv_watchdog_main(void *arg)
{
	struct ihv_watchdog *wd = arg;
	/* Sample at a quarter of the bound (at most 100 ms) so a hang is
	 * reported within ~1.25x the bound. */
	unsigned int tick_ms = wd->timeout_ms / 4 ? wd->timeout_ms / 4 : 1;

	if (tick_ms > 100)
		tick_ms = 100;
	pthread_mutex_lock(&wd->lock);
	while (!wd->stop) {
		/* Absolute, on the condvar's clock (CLOCK_MONOTONIC, set in
		 * ihv_watchdog_start). */
		uint64_t wake = sim_clock_now_ns() + tick_ms * SIM_NSEC_PER_MSEC;
		struct timespec ts = {
			.tv_sec = (time_t)(wake / SIM_NSEC_PER_SEC),
			.tv_nsec = (long)(wake % SIM_NSEC_PER_SEC),
		};
		const char *h;
		uint64_t since, seq, now;

		pthread_cond_timedwait(&wd->cond, &wd->lock, &ts);
		if (wd->stop)
			break;
		seq = atomic_load(&ihv_wd_seq);
		h = atomic_load(&ihv_wd_current);
		since = atomic_load(&ihv_wd_since_ns);
		now = sim_clock_now_ns();
		/* Re-check the sequence: the call may have ended and a new one
		 * begun between the loads. */
		if (!h || seq != atomic_load(&ihv_wd_seq) || now < since)
			continue;
		if (now - since >= wd->timeout_ms * SIM_NSEC_PER_MSEC) {
			pthread_mutex_unlock(&wd->lock);
			if (wd->cb)
				wd->cb(h, (now - since) / SIM_NSEC_PER_MSEC,
				       wd->data);
			_exit(wd->exit_code);
		}
	}
	pthread_mutex_unlock(&wd->lock);
	return NULL;
}

int ihv_watchdog_start(unsigned int timeout_ms, int exit_code,
		       ihv_watchdog_hang_cb cb, void *data,
		       struct ihv_watchdog **out)
{
	struct ihv_watchdog *wd;
	pthread_condattr_t ca;
	int rc;

	if (timeout_ms == 0)
		return -EINVAL;
	wd = calloc(1, sizeof(*wd));
	if (!wd)
		return -ENOMEM;
	wd->timeout_ms = timeout_ms;
	wd->exit_code = exit_code;
	wd->cb = cb;
	wd->data = data;
	pthread_mutex_init(&wd->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wd->cond, &ca);
	pthread_condattr_destroy(&ca);
	rc = -pthread_create(&wd->thread, NULL, ihv_watchdog_main, wd);
	if (rc < 0)
		goto destroy_sync;
	*out = wd;
	return 0;

destroy_sync:
	pthread_cond_destroy(&wd->cond);
	pthread_mutex_destroy(&wd->lock);
	free(wd);
	return rc;
}

void ihv_watchdog_stop(struct ihv_watchdog *wd)
{
	if (!wd)
		return;
	pthread_mutex_lock(&wd->lock);
	wd->stop = true;
	pthread_cond_signal(&wd->cond);
	pthread_mutex_unlock(&wd->lock);
	pthread_join(wd->thread, NULL);
	pthread_cond_destroy(&wd->cond);
	pthread_mutex_destroy(&wd->lock);
	free(wd);
}
