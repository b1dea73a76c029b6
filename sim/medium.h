/* SPDX-License-Identifier: MIT */
/*
 * medium: sim's wireless medium internals (the contract is in sim.h).
 *
 *   medium.c       the caller's side: forks the medium's process, tells
 *                  it the radios and links over a SOCK_SEQPACKET pair;
 *   medium-proc.c  the medium's process: its hwsim socket, one epoll
 *                  loop, delivery, loss, delay and transmit status;
 *   medium-table.c its radios, links and interface addresses, and its
 *                  control socket (medium-proc.h between the two);
 *   medium-link.c  pure functions (no clock, no I/O) the unit tests
 *                  reach: the PRNG, the loss draw, the ramp, and the
 *                  validation of a HWSIM_CMD_FRAME's frame.
 */
#ifndef SIM_MEDIUM_H
#define SIM_MEDIUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"

/* mac80211_hwsim's medium interface (drivers/net/wireless/
 * mac80211_hwsim.h of Linux 6.1; the enum positions, stable because
 * wmediumd depends on them). Only what the medium uses is named. */
enum sim_medium_hwsim_cmd {
	SIM_HWSIM_CMD_REGISTER = 1,
	SIM_HWSIM_CMD_FRAME = 2,
	SIM_HWSIM_CMD_TX_INFO_FRAME = 3,
	SIM_HWSIM_CMD_ADD_MAC_ADDR = 7,   /* kernel -> medium: a radio's new */
	SIM_HWSIM_CMD_DEL_MAC_ADDR = 8,   /* ... or gone receive address */
};

enum sim_medium_hwsim_attr {
	SIM_HWSIM_ATTR_ADDR_RECEIVER = 1,     /* 6 bytes */
	SIM_HWSIM_ATTR_ADDR_TRANSMITTER = 2,  /* 6 bytes: the radio's hwsim address */
	SIM_HWSIM_ATTR_FRAME = 3,             /* the 802.11 frame */
	SIM_HWSIM_ATTR_FLAGS = 4,             /* u32 SIM_HWSIM_TX_* */
	SIM_HWSIM_ATTR_RX_RATE = 5,           /* u32 rate index */
	SIM_HWSIM_ATTR_SIGNAL = 6,            /* u32 holding a signed dBm */
	SIM_HWSIM_ATTR_TX_INFO = 7,           /* 4 x { s8 idx, u8 count } */
	SIM_HWSIM_ATTR_COOKIE = 8,            /* u64 */
	SIM_HWSIM_ATTR_FREQ = 19,             /* u32 MHz */
	SIM_HWSIM_ATTR_TX_INFO_FLAGS = 21,    /* 4 x { s8 idx, u16 flags } */
};
#define SIM_HWSIM_ATTR_KNOWN_MAX SIM_HWSIM_ATTR_TX_INFO_FLAGS

enum sim_medium_hwsim_flag {
	SIM_HWSIM_TX_CTL_REQ_TX_STATUS = 1u << 0,
	SIM_HWSIM_TX_CTL_NO_ACK = 1u << 1,
	SIM_HWSIM_TX_STAT_ACK = 1u << 2,
};

#define SIM_HWSIM_TX_MAX_RATES 4             /* IEEE80211_TX_MAX_RATES */
#define SIM_HWSIM_TX_INFO_LEN (SIM_HWSIM_TX_MAX_RATES * 2)
/* hwsim refuses to deliver a frame shorter than a 3-address header or
 * longer than IEEE80211_MAX_DATA_LEN (hwsim_cloned_frame_received_nl). */
#define SIM_MEDIUM_FRAME_MIN 24
#define SIM_MEDIUM_FRAME_MAX 2304

/* The hwsim address of a radio (data->addresses[1], the key hwsim finds
 * a radio by): its permanent address with the locally administered bit
 * 0x40 of the first byte set, as hwsim makes it for a radio created
 * without HWSIM_ATTR_PERM_ADDR (all of sim's). */
void sim_medium_hwaddr(const uint8_t perm[SIM_ETH_ALEN], uint8_t out[SIM_ETH_ALEN]);

/* ---- medium-link.c: pure ---------------------------------------------- */

/* splitmix64: a link's PRNG state from the medium's seed and the link's
 * two (permanent) addresses; never 0. */
uint64_t sim_medium_prng_seed(uint64_t seed, const uint8_t tx[SIM_ETH_ALEN],
			      const uint8_t rx[SIM_ETH_ALEN]);
/* xorshift64*: the next value; advances *state. */
uint64_t sim_medium_prng_next(uint64_t *state);
/* One draw: true (lost) with probability @loss_pct / 100. 0 % never
 * draws (the sequence does not move), 100 % never either (always lost). */
bool sim_medium_draw_lost(uint64_t *state, uint32_t loss_pct);
/* Validates the link values (0, or -EINVAL naming nothing). */
int sim_medium_link_check(unsigned int set, const struct sim_medium_link *l);

/* What the medium needs of a transmitted frame, read from its bytes. */
struct sim_medium_frame_info {
	const uint8_t *addr1;     /* the receiver address */
	bool group;               /* addr1 is a group address */
};
/* 0, or -EBADMSG for a frame the medium cannot deliver (shorter than
 * SIM_MEDIUM_FRAME_MIN, longer than SIM_MEDIUM_FRAME_MAX). */
int sim_medium_frame_parse(const uint8_t *frame, size_t len,
			   struct sim_medium_frame_info *out);
/* The total of the attempts in a TX_INFO array (each count 0..255, an
 * index < 0 ends it), at least 1 and at most 32. */
unsigned int sim_medium_tx_attempts(const uint8_t tx_info[SIM_HWSIM_TX_INFO_LEN]);

/* ---- the control protocol (medium.c <-> medium-table.c) --------------- */

enum sim_medium_role {
	SIM_MEDIUM_ROLE_OTHER,      /* no interface, or a type not below */
	SIM_MEDIUM_ROLE_STATION,
	SIM_MEDIUM_ROLE_AP,
	SIM_MEDIUM_ROLE_SNIFFER,    /* monitor: hears all, loses nothing */
};

struct sim_medium_wire_radio {
	uint8_t addr[SIM_ETH_ALEN];  /* permanent (the interface's) address */
	uint8_t role;                /* enum sim_medium_role */
	uint8_t pad;
};

enum sim_medium_wire_op {
	SIM_MEDIUM_WIRE_RADIOS = 1,  /* n radios follow: the whole table */
	SIM_MEDIUM_WIRE_LINK,        /* one link change */
	SIM_MEDIUM_WIRE_STATS,       /* answer with the counters */
};

struct sim_medium_wire_cmd {
	uint32_t cmd;                /* enum sim_medium_wire_op */
	uint32_t n;                  /* RADIOS: how many follow */
	/* LINK */
	uint8_t tx[SIM_ETH_ALEN], rx[SIM_ETH_ALEN];
	uint32_t set;                /* SIM_MEDIUM_SET_* */
	struct sim_medium_link link;
};

struct sim_medium_wire_reply {
	int32_t rc;                  /* 0 or -errno */
	uint32_t pad;
	struct sim_medium_stats stats;
};

/* medium-proc.c: the medium's process, after the fork. Registers a new
 * hwsim socket, answers the registration's outcome on @ctl, then runs
 * until @ctl closes. Returns the exit status. */
int sim_medium_proc_main(int ctl, uint64_t seed);

#endif
