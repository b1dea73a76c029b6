/* SPDX-License-Identifier: MIT */
/*
 * bench-connect: the sim-only baseline of `make bench`'s connect ratio.
 * The host's own sim/ calls without the Windows layer (no service, no
 * adapter state machine, no extension, no trace): scan the AP's channel
 * for its SSID, NL80211_CMD_CONNECT, wait for sim's CONNECTED event, set
 * the port authorized -- the steps ihvhost performs around the extension,
 * through the same sim/ calls and the same event monitor, in the same
 * kind of world (bench-util.h). So ihvhost / this = what the Windows
 * layer costs. (What a real supplicant takes is bench-wpa.c's figure.)
 *   usage: bench-connect CYCLES
 * Prints the figures under the key "sim_only_connect" (bench-util.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

#define BENCH_SCAN_ATTEMPTS 3

int main(int argc, char **argv)
{
	struct bench_events ev;
	struct bench_world w;
	struct sim_monitor *mon;
	int cycles, done = 0, rc;
	double *ms;

	cycles = bench_cycles_arg(argc > 1 ? argv[1] : NULL, "bench-connect CYCLES");
	if (cycles < 0)
		return 2;
	ms = calloc((size_t)cycles, sizeof(*ms));
	if (!ms)
		return 1;
	bench_private_net("bench-connect");
	rc = bench_world_new(&w, SIM_SEC_OPEN);
	if (rc == 0) {
		rc = bench_monitor_new(&w, &ev, &mon);
		if (rc)
			bench_world_free(&w);
	}
	if (rc) {
		fprintf(stderr, "bench-connect: setup: %s\n", strerror(-rc));
		free(ms);
		return 1;
	}
	for (int i = 0; i < cycles; i++) {
		struct sim_connect_params cp = {
			.ssid = BENCH_SSID, .bssid = sim_ap_bssid(w.ap),
			.freq_mhz = BENCH_FREQ_MHZ,
		};
		struct sim_bss *bss;
		size_t n;
		uint64_t t0 = sim_clock_now_ns();

		ev.connected = ev.disconnected = false;
		ev.status = 0;
		/* Rescans a missed BSS as the host does (service-connect.c). */
		for (int attempt = 0; attempt < BENCH_SCAN_ATTEMPTS; attempt++) {
			rc = sim_sta_scan(w.ctx, w.sta, cp.freq_mhz, cp.ssid, &bss, &n);
			if (rc)
				break;
			sim_bss_free(bss, n);
			rc = n ? 0 : -ENOENT;
			if (n)
				break;
		}
		if (rc == 0)
			rc = sim_sta_connect(w.ctx, w.sta, &cp);
		if (rc == 0)
			rc = bench_wait(mon, &ev, &ev.connected, 5000);
		if (rc == 0)
			rc = sim_sta_set_authorized(w.ctx, w.sta, cp.bssid, true);
		if (rc)
			fprintf(stderr, "bench-connect: cycle %d: %s\n", i, strerror(-rc));
		else
			ms[done++] = (double)(sim_clock_now_ns() - t0) /
				     SIM_NSEC_PER_MSEC;
		if (sim_sta_disconnect(w.ctx, w.sta, 3) == 0)
			bench_wait(mon, &ev, &ev.disconnected, 3000);
	}
	rc = bench_report("sim_only_connect", ms, done, cycles);
	sim_monitor_free(mon);
	bench_world_free(&w);
	free(ms);
	return rc;
}
