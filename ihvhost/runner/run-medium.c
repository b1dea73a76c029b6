/* SPDX-License-Identifier: MIT */
/*
 * run-medium: the scenario's wireless medium (sim_medium, sim.h): made
 * right after the world's sim context, before any radio, told about the
 * radios once they all exist, driven by the `link` action, and its
 * counters written to the trace at the end ("medium" record).
 *
 * IHV_MEDIUM=off runs a scenario without it (the kernel's own delivery,
 * as before the medium existed): for measuring what the medium costs. A
 * scenario with a `link` step then fails its set-up, saying why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "run-world.h"
#include "trace.h"

_Static_assert(SCN_LINK_SIGNAL_MIN == SIM_MEDIUM_SIGNAL_MIN &&
	       SCN_LINK_SIGNAL_MAX == SIM_MEDIUM_SIGNAL_MAX &&
	       SCN_LINK_DELAY_MAX_MS == SIM_MEDIUM_DELAY_MAX_MS &&
	       SCN_LINK_RAMP_MAX_MS == SIM_MEDIUM_RAMP_MAX_MS,
	       "the language's link limits are the medium's");

static bool run_medium_wanted(void)
{
	const char *v = getenv("IHV_MEDIUM");

	return !v || (strcmp(v, "off") && strcmp(v, "0"));
}

static const struct scn_step *run_first_link(const struct scn_script *s)
{
	for (size_t i = 0; i < s->n_steps; i++)
		if (s->steps[i].kind == SCN_STEP_ACTION &&
		    !strcmp(scn_action_name(s->steps[i].u.action.def), "link"))
			return &s->steps[i];
	return NULL;
}

/* Scans a `scan` step makes before it fails. */
#define RUN_SCAN_TRIES 3

/* The PRNG seed: FNV-1a of the scenario's file name as given, so a
 * scenario draws the same losses on every run and on every machine. */
static uint64_t run_medium_seed(const char *file)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const char *c = file; *c; c++) {
		h ^= (unsigned char)*c;
		h *= 0x100000001b3ull;
	}
	return h;
}

int run_medium_start(struct run_world *w)
{
	const struct scn_step *link = run_first_link(w->s);
	int rc;

	if (!run_medium_wanted()) {
		if (!link)
			return 0;
		fprintf(stderr, "%s:%u:%u: link needs the wireless medium, and "
			"IHV_MEDIUM=%s turned it off\n", link->pos.file,
			link->pos.line, link->pos.col, getenv("IHV_MEDIUM"));
		return -ENOTSUP;
	}
	rc = sim_medium_new(w->sim, run_medium_seed(w->s->file), &w->medium);
	if (rc)
		fprintf(stderr, "%s: no wireless medium: %s\n", w->s->file,
			strerror(-rc));
	return rc;
}

int run_medium_sync(struct run_world *w)
{
	int rc;

	if (!w->medium)
		return 0;
	rc = sim_medium_sync(w->medium);
	if (rc)
		fprintf(stderr, "%s: wireless medium: radios: %s\n", w->s->file,
			strerror(-rc));
	return rc;
}

/* link AP ADAPTER [signal=..] [loss=..] [delay=..] [dir=..] */
int run_medium_act(struct run_world *w, const struct scn_step *st,
		   const struct scn_action_args *a)
{
	const struct scn_link_args *k = &a->link;
	struct sim_medium_link l = {
		.signal_dbm = k->signal_dbm,
		.signal_to_dbm = k->signal_to_dbm,
		.ramp_ms = k->ramp ? (uint32_t)k->over_ms : 0,
		.loss_pct = k->loss_pct,
		.delay_ms = (uint32_t)k->delay_ms,
	};
	struct sim_radio *ap = w->ap_radio[a->ap], *sta = w->sta[a->adapter];
	unsigned int set = (k->has_signal ? SIM_MEDIUM_SET_SIGNAL : 0) |
			   (k->has_loss ? SIM_MEDIUM_SET_LOSS : 0) |
			   (k->has_delay ? SIM_MEDIUM_SET_DELAY : 0);
	int rc = 0;

	if (!w->medium)
		return run_fail(w, &st->pos, "link: there is no wireless medium");
	if (!sta)
		return run_fail(w, &st->pos, "link: adapter %s was removed",
				w->sta_name[a->adapter]);
	if (k->dir != SCN_LINK_UP)
		rc = sim_medium_set_link(w->medium, ap, sta, set, &l);
	if (!rc && k->dir != SCN_LINK_DOWN)
		rc = sim_medium_set_link(w->medium, sta, ap, set, &l);
	if (rc)
		return run_fail(w, &st->pos, "link failed: %s", strerror(-rc));
	return 0;
}

/*
 * scan ADAPTER AP [signal=DBM]: nl80211's view of the AP's BSS, which is
 * what the host's own scan (service-connect.c) sees: its signal is the
 * one the medium gave the beacons and probe responses the adapter heard
 * last (cfg80211 keeps the latest frame's).
 */
int run_medium_scan(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a)
{
	const struct scn_ap *ap = &w->s->aps[a->ap];
	const struct scn_link_args *k = &a->link;
	struct sim_radio *sta = w->sta[a->adapter];
	char text[160];
	int rc = 0;

	if (!sta)
		return run_fail(w, &st->pos, "scan: adapter %s was removed",
				w->sta_name[a->adapter]);
	/* One scan can miss the AP: a 30 ms dwell for a probe and its
	 * response, each through the medium's process and the response
	 * through hostapd's, on a loaded VM. cfg80211 then still lists the
	 * BSS as last heard, with its old signal. Like a station, scan again
	 * (up to RUN_SCAN_TRIES) before calling it a failure. */
	for (int attempt = 1; attempt <= RUN_SCAN_TRIES; attempt++) {
		const struct sim_bss *hit = NULL;
		struct sim_bss *bss = NULL;
		size_t n = 0;
		bool ok;

		rc = sim_sta_scan(w->sim, sta, ap->freq_mhz, ap->ssid, &bss, &n);
		if (rc)
			return run_fail(w, &st->pos, "scan failed: %s", strerror(-rc));
		for (size_t i = 0; i < n && !hit; i++)
			if (!memcmp(bss[i].bssid, w->ap_bssid[a->ap], 6))
				hit = &bss[i];
		if (hit)
			snprintf(text, sizeof(text), "%s hears %s (bssid " SIM_MAC_FMT
				 ") at %d dBm", w->sta_name[a->adapter], ap->name,
				 SIM_MAC_ARG(hit->bssid), (int)(hit->signal_mbm / 100));
		else
			snprintf(text, sizeof(text), "%s does not hear %s (%zu BSS "
				 "of ssid %s in the scan)", w->sta_name[a->adapter],
				 ap->name, n, ap->ssid);
		run_world_trace_text(w, text, w->sta_name[a->adapter],
				     w->sta_ifindex[a->adapter]);
		ok = hit && (!k->has_signal || hit->signal_mbm == k->signal_dbm * 100);
		sim_bss_free(bss, n);
		if (ok)
			return 0;
	}
	if (!k->has_signal || strstr(text, "does not hear"))
		return run_fail(w, &st->pos, "scan: %s (%d scans)", text,
				RUN_SCAN_TRIES);
	return run_fail(w, &st->pos, "scan: %s, not at %d dBm (%d scans)", text,
			(int)k->signal_dbm, RUN_SCAN_TRIES);
}

void run_medium_trace(struct run_world *w)
{
	struct sim_medium_stats st;
	struct ihv_trace_rec r;

	if (!w->medium || !w->host || sim_medium_stats(w->medium, &st))
		return;
	ihv_trace_rec_begin(&r, "medium");
	ihv_trace_rec_u64(&r, "frames", st.frames);
	ihv_trace_rec_u64(&r, "delivered", st.delivered);
	ihv_trace_rec_u64(&r, "refused", st.refused);
	ihv_trace_rec_u64(&r, "lost", st.lost);
	ihv_trace_rec_u64(&r, "delayed", st.delayed);
	ihv_trace_rec_u64(&r, "acked", st.acked);
	ihv_trace_rec_u64(&r, "unacked", st.unacked);
	ihv_trace_rec_u64(&r, "invalid", st.invalid);
	ihv_trace_rec_u64(&r, "unknown", st.unknown);
	ihv_trace_rec_u64(&r, "overruns", st.overruns);
	ihv_trace_rec_u64(&r, "cpu_us", st.cpu_us);
	ihv_trace_write(ihv_host_trace(w->host), &r);
}

void run_medium_free(struct run_world *w)
{
	sim_medium_free(w->medium);
	w->medium = NULL;
}
