/* SPDX-License-Identifier: MIT */
/*
 * run-job: one scenario as the runner (the parent) sees it: its process,
 * its output, its verdict, its result. Shared by run.c (scheduling,
 * judging) and run-report.c (TAP and JUnit). Internal to the runner.
 */
#ifndef IHVHOST_RUN_JOB_H
#define IHVHOST_RUN_JOB_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "run-verdict.h"
#include "run.h"
#include "scn.h"

/* How long the runner reads an ended scenario's output (its writers are
 * dead by then; one still writing escaped and fails the scenario). */
#define RUN_DRAIN_MS 2000u

struct run_job {
	const struct scn_script *s;
	const char *name;          /* unique test name (see run.c) */
	pid_t pid;
	int out_fd;                /* child's stdout+stderr */
	int verdict_fd;            /* child's verdict pipe (run-verdict.c) */
	unsigned long long nonce;
	char *out;
	size_t out_len;
	uint64_t start_ns, deadline_ns;
	int wstatus;
	bool started, timed_out, done, passed;
	bool output_held;          /* a writer outlived it (run_drain_output) */
	double secs;
	struct run_verdict verdict;
	const char *fail_type;     /* JUnit failure type: "expectation", ... */
	char trace[PATH_MAX];
	struct run_files files;    /* run-artefacts.c */
	char reason[RUN_VERDICT_REASON_MAX + 128];
};

/* run-opts.c: the command line (0, or -EINVAL after a message; --help
 * and --actions-markdown exit), and unique test names for the jobs. */
int run_parse_opts(int argc, char **argv, struct run_options *o,
		   const char **junit_path);
int run_name_jobs(struct run_job *jobs, size_t n);
/* --only: keeps the matching jobs (file order); -ENOENT when none does. */
int run_select_jobs(struct run_job *jobs, size_t *n, const char *only);
/* A test name as a file name in --trace/--pcap directories. */
void run_file_name(const char *name, char *buf, size_t len);

/* run-artefacts.c: names @j's files in @tmp_dir (and starts reading the
 * kernel log for --artefacts) before it is spawned: 0 or -errno. After it
 * ended and was judged: keeps its air capture with --pcap, its artefact
 * folder with --artefacts (naming it in the reason of a failure), removes
 * the rest. */
int run_files_prepare(struct run_job *j, const struct run_options *o,
		      const char *tmp_dir);
void run_files_finish(struct run_job *j, const struct run_options *o);

/* run-judge.c: pass or fail, with the reason and the JUnit type. */
void run_judge(struct run_job *j);

/* "ok N - name (1.23 s)" or "not ok N - name (1.23 s): reason" and the
 * output as TAP comments, numbered @num in the order printed. */
void run_report_tap(const struct run_job *j, size_t num);
/* The whole JUnit XML file, in file order, once every job is done (jobs
 * not started are "skipped"). 0 or -errno. */
int run_report_junit(FILE *f, const struct run_job *jobs, size_t n,
		     double secs, time_t started);

#endif
