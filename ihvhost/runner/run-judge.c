/* SPDX-License-Identifier: MIT */
/*
 * run-judge: how an ended scenario process is judged, from its verdict
 * (run-verdict.c), its exit status and its output.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "host.h"
#include "run-job.h"
#include "run.h"

static bool run_output_has(const struct run_job *j, const char *needle)
{
	return j->out && strstr(j->out, needle);
}

/* The last non-empty line the process printed: a setup failure's message. */
static void run_last_line(const struct run_job *j, char *buf, size_t len)
{
	const char *end = j->out ? j->out + j->out_len : NULL, *start;

	buf[0] = '\0';
	while (end && end > j->out && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (!end || end == j->out)
		return;
	for (start = end; start > j->out && start[-1] != '\n'; start--)
		;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/* Why a process that had to say how it ended did not. */
static void run_no_verdict(struct run_job *j, int code, int sig)
{
	const struct run_verdict *v = &j->verdict;

	j->fail_type = "no-verdict";
	if (v->has_exit && v->exit_handler[0])
		snprintf(j->reason, sizeof(j->reason), "the extension called "
			 "exit(%d) in %s, %s; the scenario was never judged",
			 v->exit_status, v->exit_handler, v->exit_phase);
	else if (v->has_exit)
		snprintf(j->reason, sizeof(j->reason), "exit(%d) was called outside "
			 "any extension handler, %s (an extension constructor or "
			 "thread?); the scenario was never judged", v->exit_status,
			 v->exit_phase);
	else if (sig)
		snprintf(j->reason, sizeof(j->reason), "the scenario process died by "
			 "signal %d (%s) without a verdict", sig, strsignal(sig));
	else
		snprintf(j->reason, sizeof(j->reason), "the scenario process ended "
			 "with exit code %d without a verdict (an _exit() in the "
			 "extension?); the scenario was never judged", code);
}

/*
 * Decides pass/fail. A scenario that must end normally (ok, violation,
 * load) passes only on the process's own verdict (run-verdict.c), and only
 * when the process really ended with the code it announced; one that must
 * crash or hang passes only when it did, with no verdict.
 */
void run_judge(struct run_job *j)
{
	const struct scn_script *s = j->s;
	const struct run_verdict *v = &j->verdict;
	int code = -1, sig = 0, want;
	char what[160];

	j->fail_type = "expectation";
	if (j->timed_out) {
		j->fail_type = "timeout";
		snprintf(j->reason, sizeof(j->reason),
			 "timed out (scenario timeout %.1f s + grace)",
			 (double)s->timeout_ms / 1000.0);
		return;
	}
	if (WIFEXITED(j->wstatus))
		code = WEXITSTATUS(j->wstatus);
	else if (WIFSIGNALED(j->wstatus))
		sig = WTERMSIG(j->wstatus);
	if (j->output_held) {
		j->fail_type = "escaped";
		snprintf(j->reason, sizeof(j->reason), "a process the scenario "
			 "started still held its output open %u ms after it ended "
			 "(it escaped its process group and was not killed)",
			 RUN_DRAIN_MS);
		return;
	}

	switch (s->expect_exit) {
	case SCN_EXIT_OK:
	case SCN_EXIT_VIOLATION:
	case SCN_EXIT_LOAD:
		if (!v->has_verdict) {
			run_no_verdict(j, code, sig);
			return;
		}
		if (sig || code != v->code) {
			j->fail_type = "no-verdict";
			snprintf(j->reason, sizeof(j->reason), "the scenario process "
				 "announced exit code %d but ended with %s %d", v->code,
				 sig ? "signal" : "exit code", sig ? sig : code);
			return;
		}
		want = s->expect_exit == SCN_EXIT_LOAD ? IHV_EXIT_LOAD : 0;
		j->passed = v->code == want;
		if (j->passed)
			return;
		if (s->expect_exit == SCN_EXIT_LOAD) {
			j->fail_type = "load";
			snprintf(j->reason, sizeof(j->reason), "expected the load to be "
				 "refused (exit %d), got exit code %d%s%s", IHV_EXIT_LOAD,
				 v->code, v->reason[0] ? ": " : "", v->reason);
		} else if (v->reason[0]) {
			snprintf(j->reason, sizeof(j->reason), "%s", v->reason);
		} else {
			j->fail_type = v->code == IHV_EXIT_LOAD ? "load" : "setup";
			run_last_line(j, what, sizeof(what));
			snprintf(j->reason, sizeof(j->reason), "exit code %d%s%s", v->code,
				 what[0] ? ": " : "", what);
		}
		return;
	case SCN_EXIT_CRASH:
		j->fail_type = "crash";
		snprintf(what, sizeof(what), "crashed in handler %s",
			 s->exit_callee ? s->exit_callee->full : "");
		j->passed = !v->has_verdict && (sig || code == IHV_EXIT_CRASH) &&
			    run_output_has(j, what);
		if (!j->passed)
			snprintf(j->reason, sizeof(j->reason),
				 "expected the extension to crash (\"%s\"), got %s %d%s",
				 what, sig ? "signal" : "exit code", sig ? sig : code,
				 v->has_verdict ? " and a verdict" : "");
		return;
	case SCN_EXIT_HANG:
		j->fail_type = "hang";
		j->passed = !v->has_verdict && code == IHV_EXIT_HANG &&
			    (!s->exit_callee || run_output_has(j, s->exit_callee->full));
		if (!j->passed)
			snprintf(j->reason, sizeof(j->reason),
				 "expected a hang in %s to be caught (exit %d), got %s %d",
				 s->exit_callee ? s->exit_callee->full : "a handler",
				 IHV_EXIT_HANG, sig ? "signal" : "exit code",
				 sig ? sig : code);
		return;
	}
}

