/* SPDX-License-Identifier: MIT */
/*
 * medium-proc: what the medium process's files share (medium-proc.c: its
 * loop, delivery and transmit status; medium-table.c: its radios, links
 * and interface addresses, and its control socket). Nothing outside the
 * medium's process uses it.
 */
#ifndef SIM_MEDIUM_PROC_H
#define SIM_MEDIUM_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "medium.h"

struct nl_sock;

/* Beacons alone are 10 frames/s per AP, and the kernel's sends to us are
 * atomic (a full socket drops the frame). */
#define MP_RCVBUF (4 * 1024 * 1024)
#define MP_MSG_MAX (64 * 1024)
#define MP_MAX_LINKS 4096
#define MP_BACKLOG_MAX 4096
#define MP_MAX_VIFS 1024

struct mp_radio {
	uint8_t addr[SIM_ETH_ALEN];   /* permanent: the interface's */
	uint8_t hwaddr[SIM_ETH_ALEN]; /* hwsim's */
	enum sim_medium_role role;
};

/* A receive address hwsim announced for a radio (HWSIM_CMD_ADD_MAC_ADDR:
 * each interface's MAC, as it is added), kept apart from the radio table
 * because it arrives when the interface is made, before the caller tells
 * us about the radio. */
struct mp_vif {
	uint8_t hw[SIM_ETH_ALEN];
	uint8_t addr[SIM_ETH_ALEN];
};

struct mp_link {
	uint8_t tx[SIM_ETH_ALEN], rx[SIM_ETH_ALEN];
	struct sim_medium_link l;
	uint64_t t0_ns;               /* when the signal (ramp) was set */
	uint64_t prng;
	uint64_t last_due_ns;         /* keeps the order on the link */
};

/* One transmission, shared by its delayed deliveries. */
struct mp_tx {
	unsigned int refs;
	bool status_sent;
	uint8_t tx_hw[SIM_ETH_ALEN];
	uint32_t flags;
	bool has_freq;
	uint32_t freq;
	uint8_t tx_info[SIM_HWSIM_TX_INFO_LEN];
	uint64_t cookie;
	size_t len;
	uint8_t frame[];
};

struct mp_delayed {
	struct mp_delayed *next;
	struct mp_tx *tx;
	uint8_t rx_hw[SIM_ETH_ALEN];
	int32_t signal;
	int32_t ack_signal;
	bool addressed;
	uint64_t due_ns;
};

/* A datagram read while waiting for an ACK, handled after it. */
struct mp_backlog {
	struct mp_backlog *next;
	size_t len;
	uint8_t data[];
};

struct mp {
	struct nl_sock *sk;
	int fd, family, ctl, tfd, epfd;
	uint64_t seed;
	struct mp_radio radios[SIM_MEDIUM_MAX_RADIOS];
	size_t n_radios;
	struct mp_link *links;
	size_t n_links;
	struct mp_vif vifs[MP_MAX_VIFS];
	size_t n_vifs;
	struct mp_delayed *queue;     /* by due time, stable */
	struct mp_backlog *backlog, **backlog_tail;
	size_t n_backlog;
	struct sim_medium_stats st;
	uint8_t buf[MP_MSG_MAX];
};

/* ---- medium-table.c ---------------------------------------------------- */

uint64_t sim_mp_now(void);
/* Counts a message that failed validation; the first few are named on
 * stderr (the scenario's output), the rest only counted. */
void sim_mp_invalid(struct mp *mp, const char *what, unsigned int a,
		    unsigned int b);
struct mp_radio *sim_mp_radio_by_hw(struct mp *mp, const uint8_t *hw);
struct mp_link *sim_mp_link_find(struct mp *mp, const uint8_t *tx,
				 const uint8_t *rx);
/* Whether @r receives frames addressed to @a: its own address, or one of
 * its interfaces'. */
bool sim_mp_radio_has(const struct mp *mp, const struct mp_radio *r,
		      const uint8_t *a);
/* HWSIM_CMD_ADD_MAC_ADDR / DEL_MAC_ADDR (mac80211_hwsim_config_mac_nl). */
void sim_mp_vif_change(struct mp *mp, const struct nlmsghdr *nlh, bool add);
/* The signal of link @lk (NULL: a link nobody set) at @now. */
int32_t sim_mp_signal(const struct mp_link *lk, uint64_t now);
/* One command from the control socket: 0 go on, 1 closed. */
int sim_mp_control(struct mp *mp);

#endif
