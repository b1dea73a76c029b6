/* SPDX-License-Identifier: MIT */
/*
 * The station, driven through nl80211 (contract in sim.h).
 *
 * Every request that ends an association notes its cause in the ctx's
 * intent table BEFORE it is sent (the kernel's burst may be read by the
 * monitor before the request's ACK is) and drops it when the request
 * fails, so the folder can tell e.g. a local disconnect from an interface
 * set down: both produce the very same nl80211 events.
 *
 * WPA2-PSK: sim does NOT run the station side of the 4-way handshake. A
 * WPA2 connect sends the RSN IE (CCMP/PSK) with NL80211_ATTR_CONTROL_PORT
 * and ethertype 0x888E: the kernel then keeps the port closed to anything
 * but EAPOL, which travels over the station's network interface (a
 * PF_PACKET socket on ETH_P_PAE), until the host marks the AP authorized
 * (sim_sta_set_authorized) after its (or the extension's) handshake.
 * CONTROL_PORT_OVER_NL80211 is deliberately not requested: it would bind
 * EAPOL delivery to the socket that sent CONNECT (the ctx's request
 * socket, which must stay a pure request/reply channel) and requires
 * SOCKET_OWNER semantics the host does not want by default.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if.h>
#include <linux/nl80211.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"
#include "sim-internal.h"

#define WLAN_REASON_DEAUTH_LEAVING 3
#define ETH_P_PAE_ 0x888e
/* OUI 00-0F-AC suite selectors (IEEE 802.11-2020 9.4.2.24.2/3). */
#define SUITE_CCMP 0x000fac04u
#define SUITE_AKM_PSK 0x000fac02u

/* RSN element: version 1, group CCMP, 1 pairwise CCMP, 1 AKM PSK, no
 * capabilities. Must agree with what the AP advertises (hostapd.c). */
static const uint8_t rsn_ie_ccmp_psk[] = {
	48, 20, 1, 0,
	0x00, 0x0f, 0xac, 4,
	1, 0, 0x00, 0x0f, 0xac, 4,
	1, 0, 0x00, 0x0f, 0xac, 2,
	0, 0,
};

int sim_link_set_up(struct sim_ctx *ctx, uint32_t ifindex, bool up)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = (int)ifindex,
		.ifi_flags = up ? IFF_UP : 0,
		.ifi_change = IFF_UP,
	};
	struct nl_msg *msg;
	char what[48];

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_REQUEST);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "rtnetlink set ifindex %u %s", ifindex,
		 up ? "up" : "down");
	return sim_nl_request(ctx->rtnl, msg, NULL, NULL, what);
}

static int sta_ifindex(const struct sim_radio *sta)
{
	return sta->info.ifindex ? 0 : -ENODEV;
}

/* Builds NL80211_CMD_CONNECT for @p, optionally as a reassociation from
 * @prev_bssid. */
static int connect_msg(struct sim_ctx *ctx, const struct sim_radio *sta,
		       const struct sim_connect_params *p,
		       const uint8_t *prev_bssid, struct nl_msg **out)
{
	uint32_t ccmp = SUITE_CCMP, psk = SUITE_AKM_PSK;
	size_t ssid_len = p->ssid ? strlen(p->ssid) : 0;
	struct nl_msg *msg;
	int r = 0;

	if (ssid_len < 1 || ssid_len > SIM_SSID_MAX || !p->bssid || !p->freq_mhz) {
		fprintf(stderr, "sim: connect on %s: ssid (1..32 bytes), bssid "
			"and freq_mhz are all required\n", sta->info.ifname);
		return -EINVAL;
	}
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_CONNECT, 0);
	if (!msg)
		return -ENOMEM;
	r |= nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	r |= nla_put(msg, NL80211_ATTR_SSID, (int)ssid_len, p->ssid);
	r |= nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, p->bssid);
	r |= nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq_mhz);
	r |= nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE,
			 NL80211_AUTHTYPE_OPEN_SYSTEM);
	if (prev_bssid)
		r |= nla_put(msg, NL80211_ATTR_PREV_BSSID, SIM_ETH_ALEN,
			     prev_bssid);
	switch (p->security) {
	case SIM_SEC_OPEN:
		break;
	case SIM_SEC_WPA2_PSK:
		r |= nla_put(msg, NL80211_ATTR_IE, sizeof(rsn_ie_ccmp_psk),
			     rsn_ie_ccmp_psk);
		r |= nla_put_flag(msg, NL80211_ATTR_PRIVACY);
		r |= nla_put_u32(msg, NL80211_ATTR_WPA_VERSIONS,
				 NL80211_WPA_VERSION_2);
		r |= nla_put(msg, NL80211_ATTR_CIPHER_SUITES_PAIRWISE,
			     sizeof(ccmp), &ccmp);
		r |= nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITE_GROUP, ccmp);
		r |= nla_put(msg, NL80211_ATTR_AKM_SUITES, sizeof(psk), &psk);
		r |= nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT);
		r |= nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
				 ETH_P_PAE_);
		break;
	}
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	*out = msg;
	return 0;
}

static int send_connect(struct sim_ctx *ctx, const struct sim_radio *sta,
			const struct sim_connect_params *p,
			const uint8_t *prev_bssid)
{
	struct nl_msg *msg;
	char what[64];
	int r;

	r = connect_msg(ctx, sta, p, prev_bssid, &msg);
	if (r < 0)
		return r;
	snprintf(what, sizeof(what), "nl80211 CONNECT%s on %s",
		 prev_bssid ? " (reassociation)" : "", sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

int sim_sta_connect(struct sim_ctx *ctx, struct sim_radio *sta,
		    const struct sim_connect_params *p)
{
	int r = sta_ifindex(sta);

	return r < 0 ? r : send_connect(ctx, sta, p, NULL);
}

static struct nla_policy station_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_MAC] = { .minlen = 6, .maxlen = 6 },
};

struct peer_lookup {
	bool found;
	uint8_t mac[SIM_ETH_ALEN];
};

static int on_station(struct nl_msg *msg, void *arg)
{
	struct peer_lookup *pl = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  station_policy);
	if (r < 0) {
		fprintf(stderr, "sim: GET_STATION reply fails its policy\n");
		return sim_nl_errno(r);
	}
	if (!tb[NL80211_ATTR_MAC] || pl->found)
		return 0;
	pl->found = true;
	memcpy(pl->mac, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	return 0;
}

/* The BSSID a managed interface is associated with: its only station
 * entry. -ENOTCONN when there is none. */
static int current_bssid(struct sim_ctx *ctx, const struct sim_radio *sta,
			 uint8_t bssid[SIM_ETH_ALEN])
{
	struct peer_lookup pl = { .found = false };
	struct nl_msg *msg;
	int r;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_STATION,
			      NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	r = sim_nl_request(ctx->genl, msg, on_station, &pl,
			   "nl80211 GET_STATION dump");
	if (r < 0)
		return r;
	if (!pl.found)
		return -ENOTCONN;
	memcpy(bssid, pl.mac, SIM_ETH_ALEN);
	return 0;
}

int sim_note_if_connected(struct sim_ctx *ctx, const struct sim_radio *sta,
			  enum sim_disc_cause cause)
{
	uint8_t bssid[SIM_ETH_ALEN];
	int r;

	if (!sta->info.ifindex)
		return 0;
	r = current_bssid(ctx, sta, bssid);
	if (r == -ENOTCONN)
		return 0;
	if (r < 0)
		return r;
	r = sim_intent_note(&ctx->intents, sta->info.ifindex, cause);
	return r < 0 ? r : 1;
}

static int send_disconnect(struct sim_ctx *ctx, const struct sim_radio *sta,
			   uint16_t reason)
{
	struct nl_msg *msg;
	char what[64];

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_DISCONNECT, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_REASON_CODE, reason) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 DISCONNECT on %s",
		 sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

/*
 * Roaming with mac80211 (cfg80211's own SME): NL80211_CMD_CONNECT with
 * NL80211_ATTR_PREV_BSSID set to the current BSSID asks for a
 * reassociation to the new BSS of the same SSID. cfg80211 refuses a
 * CONNECT while connected unless PREV_BSSID matches (-EALREADY); when the
 * kernel refuses the reassociation itself, we fall back to DISCONNECT
 * (reason 3, leaving) + CONNECT. Either way the old association ends with
 * intent SIM_CAUSE_ROAM, noted before the first request.
 */
int sim_sta_roam(struct sim_ctx *ctx, struct sim_radio *sta,
		 const struct sim_connect_params *p)
{
	uint8_t prev[SIM_ETH_ALEN];
	uint32_t ifindex = sta->info.ifindex;
	int r;

	r = sta_ifindex(sta);
	if (r < 0)
		return r;
	r = current_bssid(ctx, sta, prev);
	if (r < 0)
		return r;
	if (p->bssid && !memcmp(prev, p->bssid, SIM_ETH_ALEN))
		return -EALREADY;
	r = sim_intent_note(&ctx->intents, ifindex, SIM_CAUSE_ROAM);
	if (r < 0)
		return r;
	r = send_connect(ctx, sta, p, prev);
	if (r == 0)
		return 0;
	if (r != -EALREADY && r != -EBUSY && r != -EOPNOTSUPP &&
	    r != -EINPROGRESS && r != -ENOTCONN)
		goto drop;
	fprintf(stderr, "sim: %s: reassociation refused (%s): falling back to "
		"disconnect + connect\n", sta->info.ifname, strerror(-r));
	r = send_disconnect(ctx, sta, WLAN_REASON_DEAUTH_LEAVING);
	if (r < 0)
		goto drop;
	/* The old association is gone (cause ROAM already noted); a failing
	 * connect now is reported, not re-attributed. */
	return send_connect(ctx, sta, p, NULL);
drop:
	sim_intent_drop(&ctx->intents, ifindex);
	return r;
}

/* cfg80211 answers 0 to a DISCONNECT on an idle interface: we refuse it
 * ourselves (-ENOTCONN) so no intent is noted for a burst that never
 * comes (it would mislabel the next, unrelated disconnection). */
int sim_sta_disconnect(struct sim_ctx *ctx, struct sim_radio *sta,
		       uint16_t reason)
{
	uint32_t ifindex = sta->info.ifindex;
	uint8_t bssid[SIM_ETH_ALEN];
	int r;

	r = sta_ifindex(sta);
	if (r < 0)
		return r;
	r = current_bssid(ctx, sta, bssid);
	if (r < 0)
		return r;
	r = sim_intent_note(&ctx->intents, ifindex, SIM_CAUSE_LOCAL_REQUEST);
	if (r < 0)
		return r;
	r = send_disconnect(ctx, sta, reason);
	if (r < 0)
		sim_intent_drop(&ctx->intents, ifindex);
	return r;
}

int sim_sta_set_up(struct sim_ctx *ctx, struct sim_radio *sta, bool up)
{
	uint32_t ifindex = sta->info.ifindex;
	int r;

	int noted = 0;

	r = sta_ifindex(sta);
	if (r < 0)
		return r;
	if (!up) {
		noted = sim_note_if_connected(ctx, sta, SIM_CAUSE_IFACE_DOWN);
		if (noted < 0)
			return noted;
	}
	r = sim_link_set_up(ctx, ifindex, up);
	if (r < 0 && noted)
		sim_intent_drop(&ctx->intents, ifindex);
	return r;
}

int sim_sta_del_iface(struct sim_ctx *ctx, struct sim_radio *sta)
{
	uint32_t ifindex = sta->info.ifindex;
	struct nl_msg *msg;
	char what[64];
	int r, noted;

	r = sta_ifindex(sta);
	if (r < 0)
		return r;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_DEL_INTERFACE, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	noted = sim_note_if_connected(ctx, sta, SIM_CAUSE_IFACE_REMOVED);
	if (noted < 0) {
		nlmsg_free(msg);
		return noted;
	}
	snprintf(what, sizeof(what), "nl80211 DEL_INTERFACE %s",
		 sta->info.ifname);
	r = sim_nl_request(ctx->genl, msg, NULL, NULL, what);
	if (r < 0) {
		if (noted)
			sim_intent_drop(&ctx->intents, ifindex);
		return r;
	}
	sta->info.ifindex = 0;
	sta->info.ifname[0] = '\0';
	return 0;
}

int sim_sta_set_authorized(struct sim_ctx *ctx, struct sim_radio *sta,
			   const uint8_t peer[SIM_ETH_ALEN], bool authorized)
{
	struct nl80211_sta_flag_update upd = {
		.mask = 1u << NL80211_STA_FLAG_AUTHORIZED,
		.set = authorized ? 1u << NL80211_STA_FLAG_AUTHORIZED : 0,
	};
	uint8_t bssid[SIM_ETH_ALEN];
	struct nl_msg *msg;
	char what[64];
	int r;

	r = sta_ifindex(sta);
	if (r < 0)
		return r;
	/* The kernel would say -ENOENT for a peer it has no entry for; the
	 * caller's question is "is this my AP", hence -ENOTCONN. */
	r = current_bssid(ctx, sta, bssid);
	if (r < 0)
		return r;
	if (memcmp(bssid, peer, SIM_ETH_ALEN))
		return -ENOTCONN;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_STATION, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex) < 0 ||
	    nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, peer) < 0 ||
	    nla_put(msg, NL80211_ATTR_STA_FLAGS2, sizeof(upd), &upd) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 SET_STATION %s authorized=%d",
		 sta->info.ifname, authorized);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}
