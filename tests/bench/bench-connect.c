/* SPDX-License-Identifier: MIT */
/*
 * bench-connect: the baseline for `make bench`'s connect-to-authorized
 * ratio. A bare station, no Windows service, no extension: scan the AP's
 * channel, NL80211_CMD_CONNECT, wait for sim's CONNECTED event, set the
 * port authorized -- the same steps ihvhost performs around the extension,
 * through the same sim/ calls and the same event monitor. Prints one line
 * per cycle and the median, in milliseconds.
 *   usage: bench-connect CYCLES
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

struct bench_state {
	bool connected, disconnected;
	uint16_t status;
};

static void bench_on_event(const struct sim_event *ev, void *data)
{
	struct bench_state *st = data;

	switch (ev->type) {
	case SIM_EV_CONNECTED:
		st->connected = true;
		break;
	case SIM_EV_CONNECT_FAILED:
		st->status = ev->u.connect.status ? ev->u.connect.status : 1;
		break;
	case SIM_EV_DISCONNECTED:
		st->disconnected = true;
		break;
	case SIM_EV_IFACE_REMOVED:
	case SIM_EV_RADIO_REMOVED:
	case SIM_EV_RADIO_NEW:
		break;
	}
}

/* Dispatches monitor events until @flag is set or @ms pass. */
static int bench_wait(struct sim_monitor *mon, struct bench_state *st,
		      bool *flag, unsigned int ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)ms * SIM_NSEC_PER_MSEC;

	while (!*flag && !st->status) {
		struct pollfd p = { .fd = sim_monitor_fd(mon), .events = POLLIN };
		uint64_t now = sim_clock_now_ns();

		if (now >= end)
			return -ETIMEDOUT;
		poll(&p, 1, (int)((end - now) / SIM_NSEC_PER_MSEC) + 1);
		sim_monitor_dispatch(mon);
	}
	return st->status ? -EPROTO : 0;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct sim_ap_config apc = { .ssid = "bench", .freq_mhz = 2412 };
	struct bench_state st = { 0 };
	struct sim_radio *apr, *sta;
	struct sim_monitor *mon;
	struct sim_ctx *ctx;
	struct sim_ap *ap;
	int cycles = argc > 1 ? atoi(argv[1]) : 10, done = 0, rc;
	double *ms;

	if (cycles < 1 || cycles > 10000) {
		fprintf(stderr, "usage: bench-connect CYCLES (1..10000)\n");
		return 1;
	}
	ms = calloc((size_t)cycles, sizeof(*ms));
	if (!ms)
		return 1;
	if ((rc = sim_ctx_new(&ctx)) || (rc = sim_radio_new(ctx, "bap", &apr)) ||
	    (rc = sim_radio_new(ctx, "bsta", &sta)) ||
	    (rc = sim_ap_start(ctx, apr, &apc, &ap)) ||
	    (rc = sim_monitor_new_live(ctx, bench_on_event, &st, &mon))) {
		fprintf(stderr, "bench-connect: setup: %s\n", strerror(-rc));
		return 1;
	}
	for (int i = 0; i < cycles; i++) {
		struct sim_connect_params cp = {
			.ssid = "bench", .bssid = sim_ap_bssid(ap), .freq_mhz = 2412,
		};
		struct sim_bss *bss;
		size_t n;
		uint64_t t0 = sim_clock_now_ns();

		st = (struct bench_state){ 0 };
		rc = sim_sta_scan(ctx, sta, cp.freq_mhz, cp.ssid, &bss, &n);
		if (rc == 0)
			sim_bss_free(bss, n);
		if (rc == 0)
			rc = sim_sta_connect(ctx, sta, &cp);
		if (rc == 0)
			rc = bench_wait(mon, &st, &st.connected, 5000);
		if (rc == 0)
			rc = sim_sta_set_authorized(ctx, sta, cp.bssid, true);
		if (rc) {
			/* TCG timing can refuse one attempt; say so, go on. */
			fprintf(stderr, "bench-connect: cycle %d: %s\n", i, strerror(-rc));
		} else {
			ms[done++] = (double)(sim_clock_now_ns() - t0) /
				     SIM_NSEC_PER_MSEC;
		}
		if (sim_sta_disconnect(ctx, sta, 3) == 0)
			bench_wait(mon, &st, &st.disconnected, 3000);
	}
	if (done == 0) {
		fprintf(stderr, "bench-connect: no cycle succeeded\n");
		return 1;
	}
	qsort(ms, (size_t)done, sizeof(*ms), bench_cmp);
	printf("bare_connect_ms_median %.1f\nbare_connect_cycles %d/%d\n",
	       ms[done / 2], done, cycles);
	sim_monitor_free(mon);
	sim_ctx_free(ctx);
	free(ms);
	return 0;
}
