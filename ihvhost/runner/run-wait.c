/* SPDX-License-Identifier: MIT */
/*
 * run-wait: time in a scenario. Pumps the host's loop while reading its
 * trace back, waits for each expectation until it holds or its window
 * closes, and checks the contract violations for the verdict. The trace is
 * the single ground truth of what the extension saw and did.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "loop.h"
#include "trace.h"
#include "run-verdict.h"
#include "run-world.h"

int run_fail(const struct run_world *w, const struct scn_pos *pos,
	     const char *fmt, ...)
{
	char msg[RUN_VERDICT_REASON_MAX];
	int at;
	va_list ap;

	if (pos)
		at = snprintf(msg, sizeof(msg), "%s:%u:%u: ", pos->file, pos->line,
			      pos->col);
	else
		at = snprintf(msg, sizeof(msg), "%s: ", w->s->file);
	if (at < 0 || (size_t)at >= sizeof(msg))
		at = 0;
	va_start(ap, fmt);
	vsnprintf(msg + at, sizeof(msg) - (size_t)at, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", msg);
	/* The first failure is the one the report names; it goes in the
	 * trace too, so the timeline shows where the scenario failed. */
	run_verdict_note(msg);
	if (w->host) {
		struct ihv_trace_rec r;

		ihv_trace_rec_begin(&r, "failure");
		ihv_trace_rec_str(&r, "text", msg);
		if (pos)
			ihv_trace_rec_u64(&r, "line", pos->line);
		ihv_trace_write(ihv_host_trace(w->host), &r);
	}
	return RUN_CHILD_STEP_FAILED;
}

/* Runs the loop for up to @ms, reading the trace back as it grows. */
void run_pump(struct run_world *w, unsigned int ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)ms * SIM_NSEC_PER_MSEC;

	for (;;) {
		uint64_t now = sim_clock_now_ns();
		int slice;

		run_trace_poll(&w->trace);
		if (now >= end)
			break;
		slice = (int)((end - now) / SIM_NSEC_PER_MSEC);
		ihv_loop_run_once(ihv_host_loop(w->host), slice > 10 ? 10 : slice + 1);
	}
}

static size_t run_count(struct run_world *w, const struct scn_callee *c,
			const struct scn_expect *e, size_t from, size_t *first)
{
	size_t n = 0;

	for (size_t i = from; i < w->trace.n; i++)
		if (run_rec_matches(w->trace.recs[i].line, c, e->matchers,
				    e->n_matchers, &w->bind)) {
			if (n++ == 0 && first)
				*first = i;
		}
	return n;
}

/* An expectation's window, stretched by --timeout-scale: slow builds
 * (sanitizers, valgrind) and slow machines get proportionally longer to
 * see the same events, without editing the scenarios. */
static uint64_t run_scaled(const struct run_world *w, uint64_t ms)
{
	return (uint64_t)((double)ms * w->o->timeout_scale);
}

static uint64_t run_window(const struct run_world *w, const struct scn_expect *e,
			   uint64_t dflt)
{
	return run_scaled(w, e->window_given ? e->window_ms : dflt);
}

/* What came closest to @e since the last action, for the failure message. */
static void run_closest(struct run_world *w, const struct scn_callee *c,
			const struct scn_expect *e, char *buf, size_t len)
{
	const struct run_rec *recs = w->trace.recs + w->window;
	size_t n = w->trace.n - w->window;

	run_expect_closest(recs, n, n ? recs[0].t_ns : 0, c, e->matchers,
			   e->n_matchers, &w->bind, buf, len);
}

static int run_expect(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	const struct scn_callee *c = e->targets[0];
	char what[256], near[256];
	uint64_t start = sim_clock_now_ns(), win;
	size_t n;

	run_expect_describe(c, e->matchers, e->n_matchers, what, sizeof(what));
	if (e->has_count) {
		win = run_window(w, e, SCN_DEFAULT_FOR_MS);
		run_pump(w, (unsigned int)win);
		n = run_count(w, c, e, w->window, NULL);
		if (n != e->count) {
			run_closest(w, c, e, near, sizeof(near));
			return run_fail(w, &st->pos,
					"expect count=%u %s: seen %zu times; %s",
					e->count, what, n, near);
		}
		return 0;
	}
	win = run_window(w, e, SCN_DEFAULT_WITHIN_MS);
	for (;;) {
		if (run_count(w, c, e, w->window, NULL))
			return 0;
		if (sim_clock_now_ns() - start >= win * SIM_NSEC_PER_MSEC)
			break;
		run_pump(w, 10);
	}
	run_closest(w, c, e, near, sizeof(near));
	return run_fail(w, &st->pos, "expect %s: not seen within %.3f s; %s", what,
			(double)win / 1000.0, near);
}

static int run_expect_no(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	const struct scn_callee *c = e->targets[0];
	char what[256];
	size_t first = 0;

	run_expect_describe(c, e->matchers, e->n_matchers, what, sizeof(what));
	run_pump(w, (unsigned int)run_window(w, e, SCN_DEFAULT_FOR_MS));
	if (run_count(w, c, e, w->window, &first))
		return run_fail(w, &st->pos, "expect-no %s: seen: %s", what,
				w->trace.recs[first].line);
	return 0;
}

static int run_expect_order(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	uint64_t start = sim_clock_now_ns(), win = run_window(w, e, SCN_DEFAULT_WITHIN_MS);
	size_t reached = 0;

	for (;;) {
		size_t from = w->window;

		reached = 0;
		for (size_t t = 0; t < e->n_targets; t++) {
			size_t at = 0;

			if (!run_count(w, e->targets[t], e, from, &at))
				break;
			reached++;
			from = at + 1;
		}
		if (reached == e->n_targets)
			return 0;
		if (sim_clock_now_ns() - start >= win * SIM_NSEC_PER_MSEC)
			break;
		run_pump(w, 10);
	}
	return run_fail(w, &st->pos,
			"expect-order: %s not seen after %s within %.3f s",
			e->targets[reached]->name,
			reached ? e->targets[reached - 1]->name : "the last action",
			(double)win / 1000.0);
}

static enum ihv_adapter_state run_state(enum scn_adapter_state s)
{
	switch (s) {
	case SCN_STATE_NONE:
		return IHV_ADAPTER_NONE;
	case SCN_STATE_INITIALISED:
		return IHV_ADAPTER_INITIALISED;
	case SCN_STATE_PRE_ASSOCIATING:
		return IHV_ADAPTER_PRE_ASSOCIATING;
	case SCN_STATE_ASSOCIATING:
		return IHV_ADAPTER_ASSOCIATING;
	case SCN_STATE_POST_ASSOCIATING:
		return IHV_ADAPTER_POST_ASSOCIATING;
	case SCN_STATE_AUTHORIZED:
		return IHV_ADAPTER_AUTHORIZED;
	}
	return IHV_ADAPTER_NONE;
}

static int run_expect_state(struct run_world *w, const struct scn_step *st)
{
	size_t i = st->u.state.adapter;
	enum ihv_adapter_state want = run_state(st->u.state.state), got;
	uint64_t start = sim_clock_now_ns();
	uint64_t win = run_scaled(w, st->u.state.within_ms ? st->u.state.within_ms
							    : SCN_DEFAULT_WITHIN_MS);

	for (;;) {
		got = ihv_service_adapter_state(w->svc, run_world_adapter(w, i));
		if (got == want)
			return 0;
		if (sim_clock_now_ns() - start >= win * SIM_NSEC_PER_MSEC)
			break;
		run_pump(w, 10);
	}
	return run_fail(w, &st->pos, "expect state %s %s: still %s after %.3f s",
			w->sta_name[i], ihv_adapter_state_name(want),
			ihv_adapter_state_name(got), (double)win / 1000.0);
}

int run_wait(struct run_world *w, const struct scn_step *st)
{
	switch (st->kind) {
	case SCN_STEP_EXPECT:
		return run_expect(w, st);
	case SCN_STEP_EXPECT_NO:
		return run_expect_no(w, st);
	case SCN_STEP_EXPECT_ORDER:
		return run_expect_order(w, st);
	case SCN_STEP_EXPECT_STATE:
		return run_expect_state(w, st);
	case SCN_STEP_ACTION:
		break;
	}
	return run_fail(w, &st->pos, "%s: not an expectation", scn_step_name(st));
}

/* ---- the verdict ------------------------------------------------------ */

/* Every `expect-fail RULE [callee]` must be in the trace, and every
 * violation in the trace must be one the scenario expected. */
int run_check_violations(struct run_world *w)
{
	const struct scn_script *s = w->s;
	int rc = 0;

	run_trace_poll(&w->trace);
	for (size_t f = 0; f < s->n_expect_fails; f++) {
		const struct scn_expect_fail *ef = &s->expect_fails[f];
		bool seen = false;

		for (size_t i = 0; i < w->trace.n_violations && !seen; i++) {
			const char *line = w->trace.violations[i].line;
			char v[96];

			if (!run_json_get(line, "kind", v, sizeof(v)) ||
			    strcmp(v, "violation") != 0 ||
			    !run_json_get(line, "rule", v, sizeof(v)) ||
			    strcmp(v, ef->rule) != 0)
				continue;
			if (ef->callee &&
			    (!run_json_get(line, "name", v, sizeof(v)) ||
			     (strcmp(v, ef->callee->full) && strcmp(v, ef->callee->name))))
				continue;
			seen = true;
		}
		if (!seen)
			rc = run_fail(w, &ef->pos,
				      "expect-fail %s%s%s: the verifier did not report it",
				      ef->rule, ef->callee ? " " : "",
				      ef->callee ? ef->callee->name : "");
	}
	for (size_t i = 0; i < w->trace.n_violations; i++) {
		const char *line = w->trace.violations[i].line;
		char kind[16], rule[64];
		bool expected = false;

		if (!run_json_get(line, "kind", kind, sizeof(kind)) ||
		    strcmp(kind, "violation") != 0)
			continue;
		if (!run_json_get(line, "rule", rule, sizeof(rule)))
			rule[0] = '\0';
		for (size_t f = 0; f < s->n_expect_fails; f++)
			if (strcmp(s->expect_fails[f].rule, rule) == 0)
				expected = true;
		if (!expected)
			rc = run_fail(w, NULL, "unexpected contract violation: %s", line);
	}
	return rc;
}

