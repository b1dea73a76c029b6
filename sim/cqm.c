/* SPDX-License-Identifier: MIT */
/*
 * Connection quality monitoring: the signal threshold the kernel watches
 * for a station (NL80211_CMD_SET_CQM). mac80211 averages the signal of
 * the AP's beacons and sends NOTIFY_CQM with RSSI_THRESHOLD_EVENT (and
 * RSSI_LEVEL) when the average crosses the threshold, with the
 * hysteresis, in either direction; sim's monitor turns that into
 * SIM_EV_SIGNAL.
 */
#include <errno.h>
#include <stdio.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"
#include "sim-internal.h"

int sim_sta_set_cqm_rssi(struct sim_ctx *ctx, struct sim_radio *sta, int32_t threshold_dbm,
			 uint32_t hysteresis_db)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	char what[96];
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	/* 0 would switch monitoring off; positive dBm is no signal. */
	if (threshold_dbm >= 0 || threshold_dbm < -127 || hysteresis_db > 100)
		return -EINVAL;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_CQM, 0);
	if (!msg)
		return -ENOMEM;
	r = nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	if (!nest)
		r = -1;
	r |= nla_put_s32(msg, NL80211_ATTR_CQM_RSSI_THOLD, threshold_dbm);
	r |= nla_put_u32(msg, NL80211_ATTR_CQM_RSSI_HYST, hysteresis_db);
	if (nest)
		nla_nest_end(msg, nest);
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 SET_CQM %d dBm (hysteresis %u dB) on %s",
		 threshold_dbm, hysteresis_db, sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}
