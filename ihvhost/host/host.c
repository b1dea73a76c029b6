/* SPDX-License-Identifier: MIT */
/* The host lifecycle; see host.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "apis.h"
#include "host.h"
#include "loader.h"
#include "loop.h"
#include "service.h"
#include "sim.h"
#include "trace.h"
#include "verifier.h"
#include "watchdog.h"

struct ihv_host {
	struct ihv_trace *trace;
	struct ihv_verifier *verifier;
	struct ihv_loop *loop;
	struct ihv_watchdog *watchdog;
	struct ihv_ext *ext;
	struct ihv_service *svc;
	bool attached;
	bool unloaded;
	unsigned int handler_timeout_ms;
};

/* No 802.11 world (ihvhost without a scenario): every op -EOPNOTSUPP. */
static const struct ihv_wlan_ops ihv_wlan_none_ops = { .name = "none" };

static void ihv_host_hang(const char *handler, uint64_t ran_ms, void *data)
{
	struct ihv_host *h = data;

	/* The loop thread is stuck inside the extension: report from here;
	 * the watchdog then exits with IHV_EXIT_HANG. */
	ihv_verifier_report(h->verifier, IHV_RULE_HANDLER_TIMEOUT, handler, NULL, 0,
			    "did not return within %u ms (running for %llu ms)",
			    h->handler_timeout_ms, (unsigned long long)ran_ms);
}

static void ihv_host_trace_lifecycle(struct ihv_host *h, const char *what)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "host");
	ihv_trace_rec_str(&r, "what", what);
	if (h->ext) {
		ihv_trace_rec_str(&r, "extension", h->ext->path);
		ihv_trace_rec_u64(&r, "ver_min", h->ext->range.dwVerMin);
		ihv_trace_rec_u64(&r, "ver_max", h->ext->range.dwVerMax);
		ihv_trace_rec_bool(&r, "virtual_station", h->ext->vs_up);
	}
	ihv_trace_write(h->trace, &r);
}

/* Common tail of both constructors, once h->ext exists. */
static int ihv_host_start(struct ihv_host *h, const struct ihv_host_options *o,
			  char *err, size_t errlen)
{
	struct ihv_service_config cfg;
	int rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.loop = h->loop;
	cfg.wlan = o->wlan;
	if (!cfg.wlan.ops)
		cfg.wlan.ops = &ihv_wlan_none_ops;
	cfg.handlers = &h->ext->handlers;
	cfg.verifier = h->verifier;
	cfg.trace = h->trace;
	cfg.preassoc_timeout_ms = o->preassoc_timeout_ms;
	cfg.roam_threshold_dbm = o->roam_threshold_dbm;
	cfg.roam_hysteresis_db = o->roam_hysteresis_db;
	cfg.roam_better_db = o->roam_better_db;
	cfg.roam_off = o->roam_off;
	rc = ihv_service_new(&cfg, &h->svc);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot create the service: %s",
			 h->ext->path, strerror(-rc));
		return rc;
	}
	/* Before InitService: the extension may call AllocateBuffer in it. */
	rc = ihv_apis_attach(h->svc);
	if (rc < 0) {
		snprintf(err, errlen, "%s: another extension is already loaded in this process",
			 h->ext->path);
		return rc;
	}
	h->attached = true;
	rc = ihv_ext_start(h->ext, h->trace, ihv_apis_table(), ihv_apis_vs_table(),
			   err, errlen);
	if (rc < 0)
		return rc;
	ihv_host_trace_lifecycle(h, "loaded");
	return 0;
}

static int ihv_host_alloc(const struct ihv_host_options *o, struct ihv_host **out,
			  char *err, size_t errlen)
{
	struct ihv_host *h;
	int rc;

	h = calloc(1, sizeof(*h));
	if (!h) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	h->handler_timeout_ms = o->handler_timeout_ms ? o->handler_timeout_ms
						      : IHV_HANDLER_TIMEOUT_DEFAULT_MS;
	rc = ihv_trace_open(o->trace_path, &h->trace);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot open the trace: %s",
			 o->trace_path, strerror(-rc));
		goto fail;
	}
	rc = ihv_verifier_new(h->trace, &h->verifier);
	if (rc < 0)
		goto fail_oom;
	rc = ihv_loop_new(&h->loop);
	if (rc < 0) {
		snprintf(err, errlen, "cannot create the event loop: %s", strerror(-rc));
		goto fail;
	}
	if (o->crash_handlers) {
		rc = ihv_crash_handlers_install();
		if (rc < 0) {
			snprintf(err, errlen, "cannot install crash handlers: %s",
				 strerror(-rc));
			goto fail;
		}
	}
	rc = ihv_watchdog_start(h->handler_timeout_ms, IHV_EXIT_HANG, ihv_host_hang,
				h, &h->watchdog);
	if (rc < 0) {
		snprintf(err, errlen, "cannot start the watchdog: %s", strerror(-rc));
		goto fail;
	}
	*out = h;
	return 0;

fail_oom:
	snprintf(err, errlen, "out of memory");
fail:
	ihv_host_free(h);
	return rc;
}

int ihv_host_new(const char *path, const struct ihv_host_options *opts,
		 struct ihv_host **out, char *err, size_t errlen)
{
	struct ihv_host *h;
	int rc;

	if (ihv_apis_current()) {
		snprintf(err, errlen, "%s: another extension is already loaded in this process",
			 path);
		return -EBUSY;
	}
	rc = ihv_host_alloc(opts, &h, err, errlen);
	if (rc < 0)
		return rc;
	rc = ihv_ext_open(path, &h->ext, err, errlen);
	if (rc < 0)
		goto free_host;
	rc = ihv_host_start(h, opts, err, errlen);
	if (rc < 0)
		goto free_host;
	*out = h;
	return 0;

free_host:
	h->unloaded = true; /* nothing was initialised past the failure */
	ihv_host_free(h);
	return rc;
}

int ihv_host_new_entry(const char *name, const struct ihv_ext_entry *entry,
		       const struct ihv_host_options *opts, struct ihv_host **out,
		       char *err, size_t errlen)
{
	struct ihv_host *h;
	int rc;

	if (ihv_apis_current()) {
		snprintf(err, errlen, "%s: another extension is already loaded in this process",
			 name);
		return -EBUSY;
	}
	rc = ihv_host_alloc(opts, &h, err, errlen);
	if (rc < 0)
		return rc;
	rc = ihv_ext_from_entry(name, entry, &h->ext);
	if (rc < 0) {
		snprintf(err, errlen, "%s: missing entry point", name);
		goto free_host;
	}
	rc = ihv_host_start(h, opts, err, errlen);
	if (rc < 0)
		goto free_host;
	*out = h;
	return 0;

free_host:
	h->unloaded = true;
	ihv_host_free(h);
	return rc;
}

bool ihv_host_is_unloaded(const struct ihv_host *h)
{
	return h->unloaded;
}

struct ihv_loop *ihv_host_loop(struct ihv_host *h) { return h->loop; }
struct ihv_service *ihv_host_service(struct ihv_host *h) { return h->svc; }
struct ihv_verifier *ihv_host_verifier(struct ihv_host *h) { return h->verifier; }
struct ihv_trace *ihv_host_trace(struct ihv_host *h) { return h->trace; }
const struct ihv_ext *ihv_host_ext(struct ihv_host *h) { return h->ext; }

int ihv_host_run_loop(struct ihv_host *h)
{
	return ihv_loop_run(h->loop);
}

void ihv_host_run_for(struct ihv_host *h, unsigned int ms)
{
	uint64_t end = sim_clock_now_ns() + ms * SIM_NSEC_PER_MSEC;
	uint64_t now;

	while ((now = sim_clock_now_ns()) < end) {
		/* Rounded up: a 0 ms wait on the last partial millisecond
		 * would spin. */
		uint64_t left_ms = (end - now + SIM_NSEC_PER_MSEC - 1) /
				   SIM_NSEC_PER_MSEC;

		ihv_loop_run_once(h->loop, (int)left_ms);
	}
}

size_t ihv_host_unload(struct ihv_host *h)
{
	size_t leaked;

	if (h->unloaded)
		return 0;
	h->unloaded = true;
	if (h->svc)
		ihv_service_shutdown(h->svc);
	/* Completions the extension posted while adapters went away are
	 * applied (and dropped) before the service is told to stop. */
	ihv_loop_run_once(h->loop, 0);
	ihv_ext_stop(h->ext);
	ihv_loop_run_once(h->loop, 0);
	leaked = ihv_apis_check_leaks(h->verifier);
	ihv_host_trace_lifecycle(h, "unloaded");
	return leaked;
}

int ihv_host_exit_code(struct ihv_host *h)
{
	unsigned long lost;

	if (ihv_trace_error(h->trace, &lost))
		return IHV_EXIT_TRACE;
	return ihv_verifier_total(h->verifier) ? IHV_EXIT_VIOLATION : IHV_EXIT_OK;
}

void ihv_host_free(struct ihv_host *h)
{
	if (!h)
		return;
	if (h->ext && !h->unloaded)
		ihv_host_unload(h);
	/* The watchdog goes first: nothing below calls the extension, and a
	 * hang report must not read a freed verifier. */
	ihv_watchdog_stop(h->watchdog);
	if (h->attached)
		ihv_apis_detach(h->svc);
	if (h->ext && h->ext->service_up)
		ihv_ext_stop(h->ext);
	ihv_service_free(h->svc);
	ihv_ext_close(h->ext);
	ihv_loop_free(h->loop);
	ihv_verifier_free(h->verifier);
	ihv_trace_close(h->trace);
	free(h);
}

int ihv_exit_from_wait_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus)) {
		switch (WTERMSIG(wstatus)) {
		case SIGSEGV:
		case SIGBUS:
		case SIGILL:
		case SIGFPE:
		case SIGABRT:
			return IHV_EXIT_CRASH;
		}
	}
	return IHV_EXIT_ENV;
}
