/* SPDX-License-Identifier: MIT */
/*
 * bench-util: what the connect baselines of `make bench` share (the
 * sim-only baseline, bench-connect.c, and the real peer, bench-wpa.c).
 *
 * Both build the world a scenario builds (tools/bench's generated
 * host-connect.scn): a private network namespace, one hwsim radio running
 * hostapd for SSID "bench" on channel 1 (2412 MHz), one hwsim station
 * radio, all through sim/'s public interface only. For WPA2-Enterprise,
 * also the PKI a scenario's run gets (ihvhost/runner/run-pki.c): sim's
 * throw-away CA, server and one client certificate, BENCH_EAP_USER's.
 * Both print their figures the same way, so tools/bench reads them with
 * one pattern:
 *
 *   <key>_cycle <ms>              one per successful cycle, in order
 *   <key>_ms_median <ms>
 *   <key>_ms_min <ms> / <key>_ms_max <ms>
 *   <key>_cycles <done>/<asked>
 *
 * A cycle that fails is reported on stderr and counted: a baseline that
 * did not complete every cycle exits 1, as the ihvhost run it is compared
 * with fails its scenario when one cycle fails.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include "sim.h"

#define BENCH_SSID "bench"
#define BENCH_FREQ_MHZ 2412
#define BENCH_PASSPHRASE "bench-passphrase"
/* The EAP-TLS identity and client certificate's name: tools/bench's
 * generated host-eap-*.scn declare the same `user`. */
#define BENCH_EAP_USER "alice"
#define BENCH_MAX_CYCLES 10000

struct bench_world {
	struct sim_ctx *ctx;
	struct sim_radio *ap_radio, *sta;
	struct sim_ap *ap;
	/* SIM_SEC_WPA2_EAP only (else zeroed): the PKI in the ctx's runtime
	 * directory, and BENCH_EAP_USER's certificate and key in it. */
	struct sim_pki pki;
	char client_cert[PATH_MAX], client_key[PATH_MAX];
};

/*
 * Moves this process into a private network and mount namespace with a
 * fresh /sys and a tmpfs /run, as the runner does for every scenario
 * (ihvhost/runner/run-world.c): no other radio, daemon or scenario shares
 * the medium or the nl80211 events. Falls back to the current namespace
 * with a line on stderr when that is refused.
 */
void bench_private_net(const char *prog);

/* Creates the radios and starts the AP (@sec: SIM_SEC_OPEN,
 * SIM_SEC_WPA2_PSK with BENCH_PASSPHRASE, or SIM_SEC_WPA2_EAP: a fresh
 * PKI first, EAP-TLS for BENCH_EAP_USER). 0 or -errno; on failure
 * nothing is left (the ctx is freed). */
int bench_world_new(struct bench_world *w, enum sim_security sec);
void bench_world_free(struct bench_world *w);

/* What the station's nl80211 events said since the flags were cleared. */
struct bench_events {
	uint32_t ifindex;      /* the station's */
	bool connected, disconnected;
	uint16_t status;       /* a refused connect's 802.11 status */
};

/* sim's live event monitor on @w, noting the station's events in @ev. */
int bench_monitor_new(struct bench_world *w, struct bench_events *ev,
		      struct sim_monitor **out);
/* Dispatches @mon's events until @flag (a member of @ev) is set:
 * 0, -ETIMEDOUT after @ms, -EPROTO when a connect was refused. */
int bench_wait(struct sim_monitor *mon, struct bench_events *ev, bool *flag,
	       unsigned int ms);

/* CYCLES from argv (1..BENCH_MAX_CYCLES), or -1 with a usage line. */
int bench_cycles_arg(const char *arg, const char *usage);

/* Prints the figures of @done successful cycles out of @cycles (sorts
 * @ms). Returns 0 when every cycle succeeded, 1 otherwise. */
int bench_report(const char *key, double *ms, int done, int cycles);

#endif /* BENCH_UTIL_H */
