/* SPDX-License-Identifier: MIT */
/*
 * run-verdict: the scenario process's explicit verdict to the runner (see
 * run-verdict.c for why an exit status is not one).
 *
 * Child:  run_verdict_child_init(fd, nonce) once after fork;
 *         run_verdict_phase("step %s:%u", ...) as it goes;
 *         run_verdict_note(msg) for the first failure (kept for the report);
 *         run_verdict_send(code) as the very last thing before _exit(code).
 * Runner: run_verdict_parse(what the pipe delivered, nonce, &v).
 */
#ifndef IHVHOST_RUN_VERDICT_H
#define IHVHOST_RUN_VERDICT_H

#include <stdbool.h>

#define RUN_VERDICT_REASON_MAX 512
#define RUN_VERDICT_LINE_MAX 768

struct run_verdict {
	bool has_verdict;               /* the process said how it ended */
	int code;                       /* ... with this exit code */
	char reason[RUN_VERDICT_REASON_MAX]; /* its first failure, or "" */
	bool has_exit;                  /* exit() was called before that */
	int exit_status;
	char exit_handler[96];          /* the handler running then, or "" */
	char exit_phase[160];           /* what the runner was doing */
};

void run_verdict_child_init(int fd, unsigned long long nonce);
void run_verdict_phase(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void run_verdict_note(const char *msg);
void run_verdict_send(int code);

/* 0 when @text holds a verdict or an exit line with @nonce, else -ENOENT
 * (@v cleared). Lines with another nonce, and a cut last line, are
 * ignored. */
int run_verdict_parse(const char *text, unsigned long long nonce,
		      struct run_verdict *v);

#endif
