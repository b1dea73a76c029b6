/* SPDX-License-Identifier: MIT */
/*
 * monitor (internal): what the live and the replay event sources share.
 *
 * Both embed struct sim_monitor first and push raw netlink bytes through
 * sim_monitor_input, which records them (when asked), parses them with the
 * one policy-validating parser and feeds the one folder. Inputs that are not
 * nl80211 messages (rfkill events, taken intents) are first synthesized as
 * sim_rec messages (parse.h) and pushed through the same path, so a
 * recording holds everything the folder saw and a replay repeats it.
 */
#ifndef SIM_MONITOR_H
#define SIM_MONITOR_H

#include <stdint.h>

#include <linux/netlink.h>

#include "fold.h"
#include "parse.h"
#include "pcap.h"
#include "sim.h"

/* An intent older than this was not for the disconnection at hand. */
#define SIM_MONITOR_INTENT_MAX_AGE_NS (5 * SIM_NSEC_PER_SEC)

struct sim_monitor {
	const struct sim_monitor_ops *ops;
	const char *source;              /* for log lines: "live", a path */
	struct sim_fold *fold;
	struct sim_parse_families fam;
	struct sim_parse_log plog;
	struct sim_pcap_writer *rec;
	int rec_err;                     /* first recording error, sticky */
	/* Called with each parsed message before it is recorded and folded
	 * (the live source takes intents here). NULL: nothing to add. */
	void (*before)(struct sim_monitor *mon, const struct sim_msg *m,
		       uint64_t t_ns);
	/* sim_monitor_set_vendor_cb (vendor.c); NULL: vendor events are
	 * recorded, not delivered. */
	sim_vendor_cb vendor_cb;
	void *vendor_data;
};

int sim_monitor_init(struct sim_monitor *mon,
		     const struct sim_monitor_ops *ops, const char *source,
		     sim_event_cb cb, void *user_data);
void sim_monitor_fini(struct sim_monitor *mon);

/*
 * Records, parses and folds every netlink message in @buf (received at
 * @t_ns). Malformed messages are counted and logged (parse.h) and skipped.
 * -EBADMSG when @buf does not split into whole netlink messages (the good
 * ones before the damage were processed); -ENOMEM from the folder.
 */
int sim_monitor_input(struct sim_monitor *mon, uint64_t t_ns,
		      const void *buf, size_t len);

/* Synthesizes and inputs a sim_rec message. */
int sim_monitor_input_intent(struct sim_monitor *mon, uint64_t t_ns,
			     uint32_t ifindex, enum sim_disc_cause cause);
int sim_monitor_input_rfkill(struct sim_monitor *mon, uint64_t t_ns,
			     uint32_t idx, uint8_t type, uint8_t op,
			     uint8_t soft, uint8_t hard, bool has_wiphy,
			     uint32_t wiphy);

#endif
