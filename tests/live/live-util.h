/* SPDX-License-Identifier: MIT */
/*
 * live-util: what the live tests use to check sim/ against the kernel
 * WITHOUT going through sim/'s own event monitor: a minimal nl80211
 * multicast listener (groups "mlme" and "config"), a station-flags query
 * and interface/wiphy probes. Deliberately independent of monitor*.c so a
 * bug there cannot hide a bug in station control, and vice versa: from
 * sim's internals it takes only the request helper and the libnl -> errno
 * table (nl.h) and the nl80211 command names (parse.h). MACs print with
 * SIM_MAC_FMT, times are sim_clock_now_ns().
 */
#ifndef TESTS_LIVE_UTIL_H
#define TESTS_LIVE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"

/* Aborts the test loudly unless we run as root on a kernel with
 * mac80211_hwsim loaded: a live test must never pass by not running. */
void live_require_hwsim(void);

/* One station-side nl80211 event, as the kernel sent it. */
struct live_ev {
	uint8_t cmd;                 /* NL80211_CMD_* */
	uint32_t ifindex;            /* 0 when absent (e.g. DEL_WIPHY) */
	bool has_mac;
	uint8_t mac[SIM_ETH_ALEN];   /* NL80211_ATTR_MAC */
	bool has_reason;
	uint16_t reason;             /* DISCONNECT: NL80211_ATTR_REASON_CODE */
	bool by_ap;                  /* DISCONNECT: DISCONNECTED_BY_AP */
	bool has_status;
	uint16_t status;             /* CONNECT: NL80211_ATTR_STATUS_CODE */
	bool has_frame;              /* DEAUTHENTICATE / DISASSOCIATE */
	uint8_t frame_sa[SIM_ETH_ALEN];
	uint16_t frame_reason;
	uint64_t t_ns;               /* CLOCK_MONOTONIC at receipt */
};

struct live_listener;

/* Subscribes to nl80211 "mlme" and "config". @tag prefixes the printed
 * lines ("smoke"); every event for @ifindex (all when 0) is printed with
 * its time since the last live_mark. */
int live_listen(const char *tag, uint32_t ifindex, struct live_listener **out);
void live_listener_free(struct live_listener *l);
/* Restarts the "+x.xxx s" clock (call right before the action). */
void live_mark(struct live_listener *l);
/* @ms times $IHV_TIMEOUT_SCALE (default 1; a number in (0, 100], as
 * `ihvhost run --timeout-scale` takes; anything else aborts loudly).
 * Every wait and time bound a live test asserts goes through it, so slow
 * builds (SANITIZE=1 exports 3, TCG under load) stretch them rather than
 * fail on time. Not for pauses between retries. */
unsigned live_ms(unsigned ms);

/* Waits up to @timeout_ms (scaled: live_ms) for the next event @cmd on the listener's
 * ifindex, skipping (and printing) others. 0 or -ETIMEDOUT. */
int live_wait(struct live_listener *l, uint8_t cmd, unsigned timeout_ms,
	      struct live_ev *ev);
/* Seconds since the last live_mark for @ev. */
double live_since_mark(const struct live_listener *l, const struct live_ev *ev);

/*
 * sim_sta_connect, then waits for CONNECT (5 s). Under TCG on a loaded
 * host an association can time out (status 1) or hit hostapd while it
 * still removes the previous entry (status 17): each refused attempt is
 * printed and retried, up to @tries. 0 once a CONNECT has status 0 (in
 * *ev), else the last error (-EPROTO when every CONNECT was refused).
 */
int live_connect(struct live_listener *l, struct sim_ctx *ctx,
		 struct sim_radio *sta, const struct sim_connect_params *cp,
		 int tries, struct live_ev *ev);

/* NL80211_STA_FLAG_AUTHORIZED of @peer on @ifindex: 1, 0 or -errno. */
int live_sta_authorized(uint32_t ifindex, const uint8_t peer[SIM_ETH_ALEN]);
/* Whether a wiphy named @name is visible from this network namespace
 * (nl80211 GET_WIPHY dump): 1, 0 or -errno. */
int live_wiphy_visible(const char *name);
/* IFF_UP of @ifindex: 1, 0, or -errno (-ENODEV when it does not exist). */
int live_iface_up(uint32_t ifindex);
/* Soft-block state of the radio's rfkill switch: 1, 0 or -errno. */
int live_rfkill_soft(const char *wiphy_name);

#endif
