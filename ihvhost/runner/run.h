/* SPDX-License-Identifier: MIT */
/*
 * run: `ihvhost run [options] FILE...`, the scenario runner.
 *
 * The parent checks every file first (a syntax error stops everything
 * before any radio exists), then runs each scenario in its own child
 * process (so a crashing or hanging extension fails only its scenario),
 * reports TAP on stdout (plus JUnit XML on request) and ends with
 * "N passed, N failed".
 *
 * The child builds the scenario's 802.11 world through sim/, loads the
 * extension through host.h, drives the steps and checks every expectation
 * against the trace the host writes: the trace is the single ground truth
 * of what the extension saw and did.
 */
#ifndef IHVHOST_RUN_H
#define IHVHOST_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scn.h"

/* Exit codes of a scenario child (beyond host.h's enum ihv_exit_code). */
enum run_child_exit {
	RUN_CHILD_PASS = 0,
	RUN_CHILD_STEP_FAILED = 10,   /* an expectation failed (message on stderr) */
	RUN_CHILD_SETUP_FAILED = 11,  /* the 802.11 world could not be built */
};

struct run_options {
	const char *extension;    /* replaces the reference extension; NULL: none */
	const char *ext_dir;      /* where libihv-reference.so etc. live */
	const char *trace_dir;    /* NULL: traces are kept only while running */
	const char *pcap_dir;     /* NULL: no recordings */
	const char *artefacts_dir; /* --artefacts: failed scenarios' files */
	bool artefacts_all;       /* --artefacts-all: every scenario's */
	unsigned int handler_timeout_ms;
	unsigned int jobs;
	unsigned int shard_k, shard_n;   /* 1-based shard k of n; n=0: all */
	double timeout_scale;            /* multiplies every scenario timeout */
	bool verbose;
	bool list;                /* --list: print the test names, run nothing */
	const char *only;         /* --only: comma-separated name patterns */
	bool rerun_failed;        /* --rerun-failed: those the state records */
	const char *state_path;   /* --state / $IHV_RUN_STATE; NULL: --no-state */
	bool state_given;         /* named by the user: unwritable is an error */
};

int run_main(int argc, char **argv);

/* One scenario's files besides its trace (run-artefacts.c): named by the
 * runner before the scenario starts, written by its process, then kept
 * (--pcap, --artefacts) or removed. */
struct run_files {
	char base[PATH_MAX];      /* <the run's temp dir>/<file name>: prefix
				   * of the scenario's private files */
	char air[PATH_MAX];       /* the air capture (pcapng), always */
	char pcap[PATH_MAX];      /* the nl80211 recording; "" = none */
	bool hostapd_logs;        /* hostapd -dd into <base>.hostapd-<ap>.log */
	int kmsg_fd;              /* the runner's /dev/kmsg reader; -1 = none */
	int kmsg_err;             /* why there is none (errno), 0 = not asked */
	char kept[PATH_MAX];      /* the artefact folder once kept, else "" */
};

/* Every action of the language (lang/scn-actions.c) has an implementation
 * in the runner (run-actions.c); otherwise prints the missing ones to @err
 * and returns -ENOSYS. */
int run_actions_complete(FILE *err);

/* Runs one parsed scenario in the calling process (the child) and returns
 * its exit code. @trace_path must be writable; it is left in place. */
int run_child(const struct scn_script *s, const struct run_options *o,
	      const char *trace_path, const struct run_files *files);

/* ---- the trace as the child reads it back (run-trace.c) -------------- */

struct run_rec {
	char *line;        /* one JSON object, NUL-terminated */
	uint64_t t_ns;
};

/* Only what expectations can still look at is kept: the records of the
 * current window (run_trace_forget drops the rest at each action) and, for
 * the final verdict, every "violation" record. A 1000-cycle soak then runs
 * in flat memory. */
struct run_trace {
	int fd;
	char *part;        /* an incomplete last line */
	size_t part_len;
	struct run_rec *recs;
	size_t n, cap;
	struct run_rec *violations;
	size_t n_violations, cap_violations;
};

int run_trace_open(struct run_trace *t, const char *path);
/* Reads whatever the host appended since the last call. 0 or -errno. */
int run_trace_poll(struct run_trace *t);
void run_trace_close(struct run_trace *t);
/* Frees the window's records (violations stay): the next window starts
 * empty, at index 0. */
void run_trace_forget(struct run_trace *t);

/* Copies the value of top-level member @key of the flat JSON object @line
 * into @out (strings unescaped for the plain ASCII the host writes, other
 * values as written). Returns false when absent or too long. Duplicate
 * keys: the first one is returned. */
bool run_json_get(const char *line, const char *key, char *out, size_t outlen);

#endif /* IHVHOST_RUN_H */
