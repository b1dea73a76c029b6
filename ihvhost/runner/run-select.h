/* SPDX-License-Identifier: MIT */
/*
 * run-select: which scenarios a run runs, and what it remembers.
 *
 *  - run-select.c: what each scenario proves (its "# Proves:" comment, for
 *    --list), and --shard K/N;
 *  - run-state.c: the state file (--state, default .ihvhost-failed) that
 *    records the scenarios that did not pass, for --rerun-failed;
 *  - run-junit-merge.c: `ihvhost junit-merge`, one report from the JUnit
 *    files of a run's shards.
 *
 * Internal to the runner; 0 or -errno everywhere.
 */
#ifndef IHVHOST_RUN_SELECT_H
#define IHVHOST_RUN_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "run-job.h"

/* ---- run-select.c -------------------------------------------------------- */

/* The first paragraph of @path's leading comment block, the one that
 * starts "# Proves": lines joined with single spaces, "# " removed, into
 * @buf (cut at @len - 1 bytes). "" when the file has no such block.
 * 0, or -errno when the file cannot be read. */
int run_scn_summary(const char *path, char *buf, size_t len);

/* --list: "NAME<TAB>FILE<TAB>SUMMARY" per job, the summary without its
 * "Proves:" and cut at a word to RUN_LIST_SUMMARY_MAX columns with "...";
 * @verbose: the name and file on a line, the whole summary wrapped and
 * indented under it, a blank line between scenarios. */
#define RUN_LIST_SUMMARY_MAX 100
void run_list_jobs(FILE *f, const struct run_job *jobs, size_t n, bool verbose);

/*
 * --shard K/N: keeps the jobs of shard @k (1-based) of @shards, in their
 * order. The jobs are dealt by test name, sorted bytewise (strcmp, never
 * the locale): the i-th name goes to shard i % N + 1. The assignment is
 * therefore the same on every machine whatever order the shell globbed
 * the files in, the shards of one selection together hold every job
 * exactly once, and their sizes differ by at most one. 0 or -ENOMEM.
 */
int run_shard_jobs(struct run_job *jobs, size_t *n, unsigned int k,
		   unsigned int shards);

/* ---- run-state.c --------------------------------------------------------- */

/* The default state file, in the current directory; --state FILE or
 * $IHV_RUN_STATE name another. */
#define RUN_STATE_DEFAULT ".ihvhost-failed"

struct run_state_entry {
	char *name;     /* test name as the run that failed it named it */
	char *file;     /* its scenario file, absolute */
};

struct run_state {
	struct run_state_entry *failed;
	size_t n;
};

/* Reads @path into @st. -ENOENT when it does not exist (the caller says
 * so), -EINVAL after a "FILE:LINE: ..." message on @err when it is not a
 * state file, other -errno when unreadable. */
int run_state_load(const char *path, struct run_state *st, FILE *err);
void run_state_free(struct run_state *st);
/* Whether @name is recorded as failed. */
bool run_state_has(const struct run_state *st, const char *name);

/*
 * Records a run: re-reads @path (another run may have written it since
 * this one started), forgets every job of this run that passed, records
 * every other job of this run (failed, or never finished) with its
 * absolute file, keeps the entries of scenarios this run did not select,
 * and replaces @path atomically (a temporary file renamed over it). What
 * is at @path already must be a state file (-EINVAL, said on @err).
 */
int run_state_save(const char *path, const struct run_job *jobs, size_t n,
		   FILE *err);

/* Whether @path can be written (its directory takes a new file): checked
 * before anything runs, so an unwritable --state fails at once. */
int run_state_writable(const char *path);

/* ---- run-junit-merge.c --------------------------------------------------- */

/* `ihvhost junit-merge -o OUT.xml IN.xml...` (argv[0] = "junit-merge"):
 * exit status 0 merged, 1 usage or I/O error, 2 an input is not a JUnit
 * report of the runner's schema, or two inputs hold the same test. */
int run_junit_merge_main(int argc, char **argv);

#endif /* IHVHOST_RUN_SELECT_H */
