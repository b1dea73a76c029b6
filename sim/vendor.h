/* SPDX-License-Identifier: MIT */
/*
 * vendor (internal): the pure halves of sim's nl80211 vendor path
 * (sim.h, "NIC-specific"), kept apart from the I/O so the unit tests feed
 * them crafted messages.
 *
 * Every attribute is validated by the policy next to its parser
 * (vendor.c) and checked for presence before use; a refusal says which
 * attribute and why in @err (parse.h's refusal type, so the monitor logs
 * it like any other refused message).
 */
#ifndef SIM_VENDOR_H
#define SIM_VENDOR_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "parse.h"
#include "sim.h"

struct sim_monitor;

/*
 * The kernel's reply to NL80211_CMD_VENDOR (cfg80211_vendor_cmd_reply):
 * NL80211_ATTR_WIPHY (required, must be @wiphy) and the driver's
 * NL80211_ATTR_VENDOR_DATA (optional: *data NULL, *len 0 without it).
 * *data borrows from @nlh. 0, or -EBADMSG with @err filled.
 */
int sim_vendor_parse_reply(const struct nlmsghdr *nlh, uint32_t wiphy,
			   const uint8_t **data, size_t *len,
			   struct sim_parse_error *err);

/*
 * A vendor event (NL80211_CMD_VENDOR on the "vendor" multicast group,
 * cfg80211_vendor_event): WIPHY, VENDOR_ID (an OUI: <= 0xFFFFFF) and
 * VENDOR_SUBCMD required; IFINDEX when the driver named an interface;
 * VENDOR_DATA optional. @out borrows from @nlh; its t_ns is not set.
 * 0; -ENOENT: an nl80211 message of another command; -EBADMSG: @err.
 */
int sim_vendor_parse_event(const struct nlmsghdr *nlh,
			   struct sim_vendor_event *out,
			   struct sim_parse_error *err);

/*
 * The (OUI, subcommand) pairs of a GET_WIPHY message's
 * NL80211_ATTR_VENDOR_DATA (struct nl80211_vendor_cmd_info each), added
 * to @out (up to @cap) and counted in *n. A message of another wiphy, or
 * without the attribute, adds nothing. 0 or -EBADMSG.
 */
int sim_vendor_parse_wiphy(const struct nlmsghdr *nlh, uint32_t wiphy,
			   struct sim_vendor_id *out, size_t cap, size_t *n);

/* monitor.c: an nl80211 message the parser had no interest in; when it
 * is a vendor event, validated and handed to the monitor's vendor
 * callback (refusals are logged through the monitor's parse log). */
void sim_monitor_vendor_input(struct sim_monitor *mon, uint64_t t_ns,
			      const struct nlmsghdr *nlh);

#endif
