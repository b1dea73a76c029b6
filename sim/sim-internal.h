/* SPDX-License-Identifier: MIT */
/*
 * sim-internal: what the files of sim/ share with each other and never
 * with ihvhost/ (which sees only sim.h).
 *
 * The ctx owns one generic netlink request socket (nl80211 and
 * MAC80211_HWSIM requests; never subscribed to a multicast group, so a
 * request's reply loop only ever sees its own replies), one rtnetlink
 * request socket, a private runtime directory and the radios and APs it
 * created. Calls point one way: ctx.c tears down through sim_ap_stop and
 * sim_radio_del; hostapd.c and hwsim.c keep their own lists in the ctx
 * and never call into ctx.c. The event monitor (monitor*.c) opens its OWN
 * sockets and resolves its multicast groups itself; from the ctx it needs
 * only the intent table.
 */
#ifndef SIM_SIM_INTERNAL_H
#define SIM_SIM_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "intent.h"
#include "sim.h"

struct nl_msg;
struct nl_sock;
struct sim_port;

#define SIM_HOSTAPD_DEFAULT "/usr/sbin/hostapd"

struct sim_ctx {
	struct nl_sock *genl;       /* requests: nl80211 + MAC80211_HWSIM */
	struct nl_sock *rtnl;       /* requests: RTM_NEWLINK (up/down) */
	int nl80211_id;
	int hwsim_id;
	char rundir[PATH_MAX];      /* private 0700 dir, removed on free */
	unsigned seq;               /* makes per-ctx file names unique */
	struct sim_radio *radios;   /* every live radio we created (hwsim.c) */
	struct sim_ap *aps;         /* every running hostapd (hostapd.c) */
	struct sim_intent_table intents;
	/* hostapd runs with the environment and binary (IHV_HOSTAPD) as they
	 * were when the context was made: what the caller sets later (a
	 * scenario's `env` for its extension) must not reach hostapd. */
	char **env;
	char *hostapd;
};

struct sim_radio {
	struct sim_ctx *ctx;
	struct sim_radio *next;
	struct sim_radio_info info;
	struct sim_port *port;      /* the owner socket (port.c), or NULL */
	bool vif;                   /* a second interface (vif.c), not a radio */
};

/*
 * port.c: the station's owner socket. Sends @msg (always freed) from it
 * and waits for the kernel's answer; control-port frames that arrive
 * meanwhile are queued for sim_sta_port_dispatch. The socket is created
 * on first use. A refusal with @quiet is not logged. 0 or -errno.
 */
int sim_port_request(struct sim_ctx *ctx, struct sim_radio *sta,
		     struct nl_msg *msg, const char *what, int quiet);
/* Closes the owner socket (the kernel then ends an association it owns)
 * and drops queued frames. For sim_radio_del, after the radio is gone. */
void sim_port_free(struct sim_radio *radio);

/* station.c: the BSS @sta is associated with (its only station entry).
 * -ENOTCONN when there is none, -ENODEV without an interface. */
int sim_sta_current_bssid(struct sim_ctx *ctx, const struct sim_radio *sta,
			  uint8_t bssid[SIM_ETH_ALEN]);

/* hostapd.c: the AP's network interface name (its radio's, copied when
 * the AP started). */
const char *sim_ap_ifname(const struct sim_ap *ap);

/* The live event source (monitor-live.c) takes the causes station
 * control notes from here and hands them to the folder. */
struct sim_intent_table *sim_ctx_intents(struct sim_ctx *ctx);

/*
 * Notes @cause for @sta's interface, but only when it is associated (an
 * intent for a burst that never comes would mislabel the next, unrelated
 * disconnection). 1 noted, 0 not associated, or -errno (station.c).
 */
int sim_note_if_connected(struct sim_ctx *ctx, const struct sim_radio *sta,
			  enum sim_disc_cause cause);

/*
 * regdom.c: makes @freq_mhz usable for an AP on @radio. When the channel
 * is restricted (NO-IR, radar, disabled) in the world domain, sets the
 * global regulatory domain SIM_REGDOM_ALPHA2, which allows every channel
 * hwsim offers in 2402-2494 and 5150-5850 MHz; a country someone set is
 * never overridden. 0, or -errno after one stderr line saying why not
 * (-EINVAL: the radio has no such channel; -EPERM: restricted where sim
 * may not change the domain).
 */
#define SIM_REGDOM_ALPHA2 "ZZ" /* user-assigned ISO 3166: in no database */
int sim_regdom_allow_ap(struct sim_ctx *ctx, const struct sim_radio *radio,
			uint32_t freq_mhz);

/* Sets @ifindex administratively up or down through RTM_NEWLINK. */
int sim_link_set_up(struct sim_ctx *ctx, uint32_t ifindex, bool up);

#endif
