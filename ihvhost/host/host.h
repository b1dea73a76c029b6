/* SPDX-License-Identifier: MIT */
/*
 * host: one loaded extension and everything around it (trace, verifier,
 * loop, watchdog, service, API table), as an API the CLI and the scenario
 * runner share:
 *
 *   ihv_host_new(path, &opts, &host, err, sizeof(err))  load + InitService
 *   ihv_service_adapter_add(ihv_host_service(host), ...) drive it
 *   ihv_host_run_loop(host) / ihv_loop_run_once(ihv_host_loop(host), ms)
 *   ihv_host_unload(host)   DeinitAdapter for all, DeinitService, leaks
 *   ihv_host_exit_code(host) / ihv_host_free(host)
 *
 * One host per process (the Dot11Ext APIs have no context pointer; see
 * apis.h): a second ihv_host_new while one exists fails with -EBUSY.
 */
#ifndef IHVHOST_HOST_H
#define IHVHOST_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "loader.h"
#include "wlan.h"

/* Documented exit codes of the ihvhost program (ihvhost --help). */
enum ihv_exit_code {
	IHV_EXIT_OK = 0,
	IHV_EXIT_USAGE = 1,        /* bad command line */
	IHV_EXIT_SCENARIO = 2,     /* scenario file error (reserved) */
	IHV_EXIT_LOAD = 3,         /* the extension could not be loaded/initialised */
	IHV_EXIT_VIOLATION = 4,    /* at least one contract violation */
	IHV_EXIT_CRASH = 5,        /* the extension crashed (see below) */
	IHV_EXIT_HANG = 6,         /* a handler did not return within the bound */
	IHV_EXIT_ENV = 7,          /* the 802.11 environment failed */
	IHV_EXIT_TRACE = 9,        /* the trace could not be written in full */
};

#define IHV_HANDLER_TIMEOUT_DEFAULT_MS 5000u

struct ihv_host_options {
	const char *trace_path;          /* NULL: no trace; "-": stdout */
	unsigned int handler_timeout_ms; /* 0: IHV_HANDLER_TIMEOUT_DEFAULT_MS */
	bool crash_handlers;             /* install the crash handlers */
	struct ihv_wlan wlan;            /* ops NULL: no 802.11 world */
	unsigned int preassoc_timeout_ms;/* 0: service default */
	/* Roaming on signal (struct ihv_service_config); 0: defaults. */
	int32_t roam_threshold_dbm;
	uint32_t roam_hysteresis_db;
	int32_t roam_better_db;
	bool roam_off;
};

struct ihv_host;
struct ihv_loop;
struct ihv_service;
struct ihv_verifier;
struct ihv_trace;

/*
 * Creates the host and loads @path (or, with ihv_host_new_entry, an
 * in-process extension double). On failure returns -errno and leaves a
 * one-line message in @err (no "ihvhost: " prefix); nothing is left
 * behind. -EBUSY: another host exists in this process.
 */
int ihv_host_new(const char *path, const struct ihv_host_options *opts,
		 struct ihv_host **out, char *err, size_t errlen);
int ihv_host_new_entry(const char *name, const struct ihv_ext_entry *entry,
		       const struct ihv_host_options *opts, struct ihv_host **out,
		       char *err, size_t errlen);

struct ihv_loop *ihv_host_loop(struct ihv_host *h);
struct ihv_service *ihv_host_service(struct ihv_host *h);
struct ihv_verifier *ihv_host_verifier(struct ihv_host *h);
struct ihv_trace *ihv_host_trace(struct ihv_host *h);
const struct ihv_ext *ihv_host_ext(struct ihv_host *h);
/* Whether ihv_host_unload ran (the extension is gone). */
bool ihv_host_is_unloaded(const struct ihv_host *h);

/* Runs the loop until ihv_loop_quit. */
int ihv_host_run_loop(struct ihv_host *h);
/* Runs the loop for @ms milliseconds (posts, timers, fds). */
void ihv_host_run_for(struct ihv_host *h, unsigned int ms);
/* Unload order (rule 7): StopPostAssociate/DeinitAdapter for every
 * adapter, DeinitService, then the leak check. Idempotent. Returns the
 * number of buffers leaked. */
size_t ihv_host_unload(struct ihv_host *h);
/* IHV_EXIT_OK; IHV_EXIT_TRACE when trace records were lost (the trace is
 * the ground truth); else IHV_EXIT_VIOLATION when the verifier counted any. */
int ihv_host_exit_code(struct ihv_host *h);
/* Unloads if needed, then frees everything. NULL ok. */
void ihv_host_free(struct ihv_host *h);

/* Maps a waitpid() status of a host process to an exit code: normal exit
 * -> its code; killed by a crash signal -> IHV_EXIT_CRASH. */
int ihv_exit_from_wait_status(int wstatus);

#endif /* IHVHOST_HOST_H */
