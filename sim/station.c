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
 * Security: sim runs no handshake and derives no key. A CONNECT carries
 * an RSN element built from the caller's suites and, with a control-port
 * EtherType, CONTROL_PORT (the kernel keeps the port closed to all but
 * that EtherType until sim_sta_set_authorized), CONTROL_PORT_OVER_NL80211
 * (frames of that EtherType travel to and from the owner socket, port.c,
 * not the netdev) and CONTROL_PORT_NO_PREAUTH (pre-authentication frames,
 * 0x88C7, stay on the netdev). CONNECT and DISCONNECT always go out on
 * the station's owner socket with SOCKET_OWNER, open ones too: the kernel
 * refuses CONTROL_PORT_OVER_NL80211 without it, refuses DISCONNECT from
 * any other socket once a connection is owned (-EPERM), and ends the
 * association when this process dies.
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
#define WLAN_EID_RSN 48
#define RSN_IE_LEN 22   /* with one pairwise and one AKM suite */

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

static bool cipher_ok(uint32_t suite)
{
	return suite == SIM_SUITE_CCMP || suite == SIM_SUITE_TKIP;
}

/* Suites sim can put in an RSN element (-EINVAL with one line else). */
static int rsn_check(const struct sim_radio *sta,
		     const struct sim_connect_params *p)
{
	if (p->akm_suite == 0 && !p->pairwise_suite && !p->group_suite)
		return 0;
	if ((p->akm_suite == SIM_AKM_PSK || p->akm_suite == SIM_AKM_8021X) &&
	    cipher_ok(p->pairwise_suite) && cipher_ok(p->group_suite))
		return 0;
	fprintf(stderr, "sim: connect on %s: RSN akm=0x%08x pairwise=0x%08x "
		"group=0x%08x: use akm 0 with no ciphers (open), or AKM "
		"PSK/802.1X with CCMP/TKIP ciphers\n", sta->info.ifname,
		p->akm_suite, p->pairwise_suite, p->group_suite);
	return -EINVAL;
}

static void put_suite(uint8_t *at, uint32_t suite)
{
	at[0] = (uint8_t)(suite >> 24);
	at[1] = (uint8_t)(suite >> 16);
	at[2] = (uint8_t)(suite >> 8);
	at[3] = (uint8_t)suite;
}

/* RSN element (IEEE 802.11-2020 9.4.2.24): version 1, the group suite,
 * one pairwise and one AKM suite, no capabilities. The suites are what
 * the AP checks the association request against. */
static void rsn_ie(const struct sim_connect_params *p, uint8_t ie[RSN_IE_LEN])
{
	ie[0] = WLAN_EID_RSN;
	ie[1] = RSN_IE_LEN - 2;
	ie[2] = 1;
	ie[3] = 0;
	put_suite(ie + 4, p->group_suite);
	ie[8] = 1;
	ie[9] = 0;
	put_suite(ie + 10, p->pairwise_suite);
	ie[14] = 1;
	ie[15] = 0;
	put_suite(ie + 16, p->akm_suite);
	ie[20] = 0;
	ie[21] = 0;
}

/* Builds NL80211_CMD_CONNECT for @p, optionally as a reassociation from
 * @prev_bssid. A roam repeats the crypto attributes: cfg80211 takes the
 * reassociation's settings from this message alone. */
static int connect_msg(struct sim_ctx *ctx, const struct sim_radio *sta,
		       const struct sim_connect_params *p,
		       const uint8_t *prev_bssid, struct nl_msg **out)
{
	size_t ssid_len = p->ssid ? strlen(p->ssid) : 0;
	uint8_t ie[RSN_IE_LEN];
	struct nl_msg *msg;
	int r = 0;

	if (ssid_len < 1 || ssid_len > SIM_SSID_MAX || !p->bssid || !p->freq_mhz) {
		fprintf(stderr, "sim: connect on %s: ssid (1..32 bytes), bssid "
			"and freq_mhz are all required\n", sta->info.ifname);
		return -EINVAL;
	}
	r = rsn_check(sta, p);
	if (r < 0)
		return r;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_CONNECT, 0);
	if (!msg)
		return -ENOMEM;
	r |= nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	r |= nla_put(msg, NL80211_ATTR_SSID, (int)ssid_len, p->ssid);
	r |= nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, p->bssid);
	r |= nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq_mhz);
	r |= nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE,
			 NL80211_AUTHTYPE_OPEN_SYSTEM);
	r |= nla_put_flag(msg, NL80211_ATTR_SOCKET_OWNER);
	if (prev_bssid)
		r |= nla_put(msg, NL80211_ATTR_PREV_BSSID, SIM_ETH_ALEN,
			     prev_bssid);
	if (p->akm_suite) {
		rsn_ie(p, ie);
		r |= nla_put(msg, NL80211_ATTR_IE, sizeof(ie), ie);
		r |= nla_put_flag(msg, NL80211_ATTR_PRIVACY);
		r |= nla_put_u32(msg, NL80211_ATTR_WPA_VERSIONS,
				 NL80211_WPA_VERSION_2);
		r |= nla_put(msg, NL80211_ATTR_CIPHER_SUITES_PAIRWISE,
			     sizeof(p->pairwise_suite), &p->pairwise_suite);
		r |= nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITE_GROUP,
				 p->group_suite);
		r |= nla_put(msg, NL80211_ATTR_AKM_SUITES,
			     sizeof(p->akm_suite), &p->akm_suite);
	}
	if (p->control_port_ethertype) {
		r |= nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT);
		r |= nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
				 p->control_port_ethertype);
		r |= nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_OVER_NL80211);
		r |= nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_NO_PREAUTH);
	}
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	*out = msg;
	return 0;
}

static int send_connect(struct sim_ctx *ctx, struct sim_radio *sta,
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
	return sim_port_request(ctx, sta, msg, what, 0);
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
int sim_sta_current_bssid(struct sim_ctx *ctx, const struct sim_radio *sta,
			  uint8_t bssid[SIM_ETH_ALEN])
{
	struct peer_lookup pl = { .found = false };
	struct nl_msg *msg;
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
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
	r = sim_sta_current_bssid(ctx, sta, bssid);
	if (r == -ENOTCONN)
		return 0;
	if (r < 0)
		return r;
	r = sim_intent_note(&ctx->intents, sta->info.ifindex, cause);
	return r < 0 ? r : 1;
}

static int send_disconnect(struct sim_ctx *ctx, struct sim_radio *sta,
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
	/* From the owner socket: cfg80211 refuses it from any other. */
	return sim_port_request(ctx, sta, msg, what, 0);
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
	r = sim_sta_current_bssid(ctx, sta, prev);
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
	r = sim_sta_current_bssid(ctx, sta, bssid);
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
	r = sim_sta_current_bssid(ctx, sta, bssid);
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
