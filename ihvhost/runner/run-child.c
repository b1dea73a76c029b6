/* SPDX-License-Identifier: MIT */
/*
 * run-child: one scenario, in its own process: builds its world
 * (run-world.c), walks the steps (actions in run-actions.c, expectations
 * in run-wait.c), writes an "action" record for each action, then unloads
 * the extension and checks the violations. Actions change the world and
 * open a new expectation window; expectations pump the event loop and read
 * the host's trace back until they hold or their window closes.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "run-verdict.h"
#include "run-world.h"
#include "sim-link.h"
#include "trace.h"

/* Resident set (kB) and open descriptors of this process, for the soak
 * and scale figures of `make bench` (IHV_RUN_SAMPLE=1). */
static void run_sample(struct ihv_trace_rec *r)
{
	char line[128];
	struct dirent *d;
	unsigned long fds = 0;
	FILE *f = fopen("/proc/self/status", "re");
	DIR *dir;

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			ihv_trace_rec_u64(r, "rss_kb", strtoull(line + 6, NULL, 10));
	if (f)
		fclose(f);
	dir = opendir("/proc/self/fd");
	while (dir && (d = readdir(dir)))
		if (d->d_name[0] != '.')
			fds++;
	if (dir) {
		closedir(dir);
		ihv_trace_rec_u64(r, "fds", fds - 1); /* not opendir's own */
	}
}

/* An "action" record: the air lane of the timeline, and what teaches it
 * the adapters' names (adapter + ifindex). The text is the language's own
 * description of the step (scn_step_describe). */
static void run_trace_action(struct run_world *w, const struct scn_step *st)
{
	const struct scn_action_args *a = &st->u.action.args;
	struct ihv_trace_rec r;
	char text[192];

	if (scn_step_describe(w->s, st, text, sizeof(text)) < 0)
		return;
	ihv_trace_rec_begin(&r, "action");
	ihv_trace_rec_str(&r, "text", text);
	if (a->adapter != SCN_NONE) {
		ihv_trace_rec_str(&r, "adapter", w->sta_name[a->adapter]);
		ihv_trace_rec_u64(&r, "ifindex", w->sta_ifindex[a->adapter]);
	}
	ihv_trace_rec_u64(&r, "line", st->pos.line);
	if (w->sample)
		run_sample(&r);
	ihv_trace_write(ihv_host_trace(w->host), &r);
}

int run_child(const struct scn_script *s, const struct run_options *o,
	      const char *trace_path, const struct run_files *files)
{
	struct run_world w = { .s = s, .o = o, .trace = { .fd = -1 },
			       .sample = getenv("IHV_RUN_SAMPLE") != NULL };
	int exit_code, rc;

	rc = run_world_build(&w, trace_path, files, &exit_code);
	if (rc)
		goto out_teardown;

	for (size_t k = 0; k < s->n_steps; k++) {
		const struct scn_step *st = &s->steps[k];

		if (scn_step_is_action(st->kind)) {
			run_trace_poll(&w.trace);
			run_trace_forget(&w.trace);
			w.window = w.trace.n;
			run_trace_action(&w, st);
		}
		run_verdict_phase("at step %s:%u (%s)", st->pos.file, st->pos.line,
				  scn_step_name(st));
		if (o->verbose)
			fprintf(stderr, "# %s:%u: %s\n", st->pos.file, st->pos.line,
				scn_step_name(st));
		exit_code = run_act(&w, st);
		if (exit_code)
			goto out_teardown;
		rc = ihv_sim_link_error(w.link);
		if (rc) {
			exit_code = run_fail(&w, &st->pos, "nl80211 monitor failed: %s",
					     strerror(-rc));
			goto out_teardown;
		}
	}
	/* The verdict comes after the extension is gone: every call it makes
	 * until it is unloaded (a completion racing DeinitAdapter, a thread
	 * calling in during DeinitService) counts. */
	run_verdict_phase("unloading the extension (after the last step)");
	ihv_host_unload(w.host);
	run_world_unload(&w);
	run_verdict_phase("checking the verdict");
	exit_code = run_check_violations(&w);
	if (!exit_code && w.trace_err)
		exit_code = run_fail(&w, NULL, "the trace could not be written: "
				     "%lu record(s) lost (%s); the scenario cannot "
				     "be judged on it", w.trace_lost,
				     strerror(-w.trace_err));
out_teardown:
	run_verdict_phase("tearing the world down");
	run_world_teardown(&w);
	return exit_code;
}
