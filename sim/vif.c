/* SPDX-License-Identifier: MIT */
/*
 * A second station interface on a radio (nl80211 NEW_INTERFACE of type
 * station on the radio's wiphy): what a "virtual station" is on Linux.
 * mac80211_hwsim's interface combination allows many station interfaces
 * per radio on its one channel. The interface gets its own struct
 * sim_radio (the same wiphy, its own ifindex, name and address), so every
 * sim_sta_* call works on it; it is not linked into the context's list of
 * radios (which are looked up by wiphy) and freeing it deletes the
 * interface, never the radio.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"
#include "sim-internal.h"

static const struct nla_policy vif_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_IFNAME] = { .type = NLA_STRING, .maxlen = 16 },
	[NL80211_ATTR_MAC] = { .type = NLA_UNSPEC, .minlen = SIM_ETH_ALEN,
			       .maxlen = SIM_ETH_ALEN },
};

/* The NEW_INTERFACE reply: the interface as the kernel made it. */
static int on_new_iface(struct nl_msg *msg, void *arg)
{
	struct sim_radio_info *info = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  (struct nla_policy *)vif_policy);
	if (r < 0 || !tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_IFINDEX] ||
	    !tb[NL80211_ATTR_IFNAME] || !tb[NL80211_ATTR_MAC]) {
		fprintf(stderr, "sim: NEW_INTERFACE reply fails its policy or lacks "
			"WIPHY/IFINDEX/IFNAME/MAC\n");
		return r < 0 ? sim_nl_errno(r) : -EBADMSG;
	}
	if (nla_get_u32(tb[NL80211_ATTR_WIPHY]) != info->wiphy) {
		fprintf(stderr, "sim: NEW_INTERFACE reply names wiphy %u, not %u\n",
			nla_get_u32(tb[NL80211_ATTR_WIPHY]), info->wiphy);
		return -EBADMSG;
	}
	info->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	snprintf(info->ifname, sizeof(info->ifname), "%s",
		 nla_get_string(tb[NL80211_ATTR_IFNAME]));
	memcpy(info->addr, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	return 0;
}

int sim_radio_add_vif(struct sim_ctx *ctx, const struct sim_radio *primary,
		      struct sim_radio **out)
{
	static unsigned int seq;
	struct sim_radio *v;
	struct nl_msg *msg;
	char ifname[16], what[96];
	int r;

	*out = NULL;
	v = calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->ctx = ctx;
	v->vif = true;
	v->info = primary->info;
	v->info.ifindex = 0;
	/* "vs" + the primary's radio id + a sequence: unique in the netns,
	 * within IFNAMSIZ. */
	snprintf(ifname, sizeof(ifname), "vs%u-%u", primary->info.radio_id % 10000,
		 ++seq % 1000);
	snprintf(v->info.name, sizeof(v->info.name), "%.24s-vs", primary->info.name);
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_NEW_INTERFACE, 0);
	if (!msg) {
		r = -ENOMEM;
		goto free_v;
	}
	if (nla_put_u32(msg, NL80211_ATTR_WIPHY, primary->info.wiphy) < 0 ||
	    nla_put_string(msg, NL80211_ATTR_IFNAME, ifname) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION) < 0) {
		nlmsg_free(msg);
		r = -EMSGSIZE;
		goto free_v;
	}
	snprintf(what, sizeof(what), "nl80211 NEW_INTERFACE %s (station) on %s", ifname,
		 primary->info.wiphy_name);
	r = sim_nl_request(ctx->genl, msg, on_new_iface, &v->info, what);
	if (r < 0)
		goto free_v;
	if (!v->info.ifindex) {
		fprintf(stderr, "sim: %s: no interface in the reply\n", what);
		r = -EBADMSG;
		goto free_v;
	}
	r = sim_link_set_up(ctx, v->info.ifindex, true);
	if (r < 0) {
		sim_vif_del(v);
		return r;
	}
	*out = v;
	return 0;
free_v:
	free(v);
	return r;
}

int sim_vif_del(struct sim_radio *vif)
{
	int r = 0;

	if (!vif)
		return 0;
	if (!vif->vif) {
		fprintf(stderr, "sim: %s is a radio's own interface, not a virtual one\n",
			vif->info.ifname);
		return -EINVAL;
	}
	/* Gone already (the radio went, or the kernel removed it): nothing
	 * left to delete, and nothing to complain about. */
	if (vif->info.ifindex && if_nametoindex(vif->info.ifname) == vif->info.ifindex)
		r = sim_sta_del_iface(vif->ctx, vif);
	sim_port_free(vif);
	free(vif);
	return r == -ENODEV ? 0 : r;
}
