/* SPDX-License-Identifier: MIT */
/*
 * run-verdict: how a scenario process tells the runner how it ended.
 *
 * The exit status alone cannot be trusted: the extension runs inside the
 * scenario process, and an extension that calls exit(0) (in InitService,
 * in a constructor, in its own SIGSEGV handler) would end the process
 * with 0, "passed", before a single expectation was checked. So the
 * process must SAY it passed: at the very end, after the extension is
 * unloaded and the verdict computed, it writes one line
 *
 *   verdict <nonce> <exit code> <first failure message or "-">
 *
 * to a pipe only the runner reads (close-on-exec, so nothing the extension
 * starts inherits it). The nonce is drawn by the runner for each scenario.
 * An exit() anywhere else is caught by an on_exit hook, which writes
 *
 *   exit <nonce> <status> <handler running or "-"><TAB><phase>
 *
 * so the report can say "the extension called exit(0) in
 * Dot11ExtIhvInitService". _exit() and signals leave nothing: the runner
 * then reports the process ended without a verdict.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run-verdict.h"
#include "watchdog.h"

/* Child side: one scenario per process, so process-wide state. */
static int verdict_fd = -1;
static unsigned long long verdict_nonce;
static bool verdict_sent;
static char verdict_phase[160] = "starting";
static char verdict_reason[RUN_VERDICT_REASON_MAX];

/* One write(2): the runner reads whole lines, and on_exit may run from an
 * exit() inside a signal handler. */
static void verdict_write(const char *line)
{
	size_t len = strlen(line);

	while (len) {
		ssize_t n = write(verdict_fd, line, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		line += n;
		len -= (size_t)n;
	}
}

static void verdict_on_exit(int status, void *arg)
{
	const char *h = ihv_watchdog_current();
	char line[RUN_VERDICT_LINE_MAX];

	if (verdict_sent || verdict_fd < 0)
		return;
	verdict_sent = true;
	/* a tab ends the handler's name, which may hold spaces ("dlopen (the
	 * extension's constructors)") */
	snprintf(line, sizeof(line), "exit %llx %d %s\t%s\n", verdict_nonce, status,
		 h ? h : "-", verdict_phase);
	verdict_write(line);
}

void run_verdict_child_init(int fd, unsigned long long nonce)
{
	verdict_fd = fd;
	verdict_nonce = nonce;
	on_exit(verdict_on_exit, NULL);
}

void run_verdict_phase(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(verdict_phase, sizeof(verdict_phase), fmt, ap);
	va_end(ap);
	for (char *c = verdict_phase; *c; c++)
		if (*c == '\n')
			*c = ' ';
}

void run_verdict_note(const char *msg)
{
	if (verdict_reason[0])
		return;
	snprintf(verdict_reason, sizeof(verdict_reason), "%s", msg);
	for (char *c = verdict_reason; *c; c++)
		if (*c == '\n')
			*c = ' ';
}

void run_verdict_send(int code)
{
	char line[RUN_VERDICT_LINE_MAX];

	if (verdict_sent || verdict_fd < 0)
		return;
	verdict_sent = true;
	snprintf(line, sizeof(line), "verdict %llx %d %s\n", verdict_nonce, code,
		 verdict_reason[0] ? verdict_reason : "-");
	verdict_write(line);
}

/* ---- the runner's side -------------------------------------------------- */

int run_verdict_parse(const char *text, unsigned long long nonce,
		      struct run_verdict *v)
{
	const char *line = text;

	memset(v, 0, sizeof(*v));
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		char kind[16], rest[RUN_VERDICT_LINE_MAX];
		unsigned long long n;
		int code, used = 0;

		/* Only whole lines count: a cut line is no verdict. */
		if (!nl)
			break;
		snprintf(rest, sizeof(rest), "%.*s", (int)(nl - line), line);
		line = nl + 1;
		if (sscanf(rest, "%15s %llx %d %n", kind, &n, &code, &used) != 3 ||
		    !used || n != nonce)
			continue;
		if (!strcmp(kind, "verdict")) {
			v->has_verdict = true;
			v->code = code;
			snprintf(v->reason, sizeof(v->reason), "%s",
				 strcmp(rest + used, "-") ? rest + used : "");
		} else if (!strcmp(kind, "exit")) {
			const char *h = rest + used, *tab = strchr(h, '\t');

			v->has_exit = true;
			v->exit_status = code;
			if (tab) {
				snprintf(v->exit_handler, sizeof(v->exit_handler),
					 "%.*s", (int)(tab - h), h);
				if (!strcmp(v->exit_handler, "-"))
					v->exit_handler[0] = '\0';
				snprintf(v->exit_phase, sizeof(v->exit_phase), "%s",
					 tab + 1);
			}
		}
	}
	return v->has_verdict || v->has_exit ? 0 : -ENOENT;
}
