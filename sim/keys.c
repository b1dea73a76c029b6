/* SPDX-License-Identifier: MIT */
/*
 * The station's keys (contract in sim.h): NL80211_CMD_NEW_KEY, DEL_KEY and
 * SET_KEY, each with the key in a nested NL80211_ATTR_KEY.
 *
 * sim checks what it can before the kernel does (cipher and length, index
 * range, the peer is the current AP) so a caller's mistake comes back as
 * -EINVAL or -ENOTCONN with a line naming it, rather than as the kernel's
 * bare -EINVAL or -ENOLINK. Key material is never logged.
 *
 * These requests go out on the ctx's request socket: cfg80211 ties keys
 * to the interface, not to the connection's owner socket.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"
#include "sim-internal.h"

/* The key length each cipher takes (TKIP: TK, then the Michael TX and RX
 * keys, as nl80211 wants them). */
static int cipher_key_len(uint32_t suite, size_t *len, size_t *seq_max)
{
	switch (suite) {
	case SIM_SUITE_CCMP:
		*len = 16;
		*seq_max = 6;
		return 0;
	case SIM_SUITE_TKIP:
		*len = 32;
		*seq_max = 6;
		return 0;
	case SIM_SUITE_WEP40:
		*len = 5;
		*seq_max = 0;
		return 0;
	case SIM_SUITE_WEP104:
		*len = 13;
		*seq_max = 0;
		return 0;
	}
	return -EINVAL;
}

static bool is_wep(uint32_t suite)
{
	return suite == SIM_SUITE_WEP40 || suite == SIM_SUITE_WEP104;
}

static int key_check(const struct sim_radio *sta, const struct sim_key *k)
{
	const char *why = NULL;
	size_t len, seq_max;

	if (cipher_key_len(k->cipher_suite, &len, &seq_max) < 0)
		why = "cipher is not CCMP, TKIP, WEP40 or WEP104";
	else if (!k->data || k->len != len)
		why = "key length does not match the cipher";
	else if (k->seq_len > seq_max || (k->seq_len && !k->seq))
		why = "receive sequence counter too long for the cipher";
	else if (k->pairwise && (!k->peer || k->idx != 0 || is_wep(k->cipher_suite)))
		why = "a pairwise key is CCMP/TKIP at index 0 for a peer";
	else if (!k->pairwise && k->peer)
		why = "a group key has no peer";
	else if (!k->pairwise && (k->idx > 3 || (k->idx == 0 && !is_wep(k->cipher_suite))))
		why = "group key index must be 1..3 (0..3 for WEP)";
	if (!why)
		return 0;
	fprintf(stderr, "sim: key for %s: %s (cipher 0x%08x, %zu bytes, "
		"index %u)\n", sta->info.ifname, why, k->cipher_suite, k->len,
		k->idx);
	return -EINVAL;
}

/* -ENOTCONN unless @sta is associated, and (when @peer is given) with
 * @peer: a key for anyone else cannot be used. */
static int key_peer_check(struct sim_ctx *ctx, const struct sim_radio *sta,
			  const uint8_t *peer)
{
	uint8_t bssid[SIM_ETH_ALEN];
	int r;

	r = sim_sta_current_bssid(ctx, sta, bssid);
	if (r < 0)
		return r;
	return peer && memcmp(peer, bssid, SIM_ETH_ALEN) ? -ENOTCONN : 0;
}

int sim_sta_key_set(struct sim_ctx *ctx, struct sim_radio *sta,
		    const struct sim_key *key)
{
	struct nlattr *nest, *types;
	struct nl_msg *msg;
	char what[64];
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	r = key_check(sta, key);
	if (r < 0)
		return r;
	r = key_peer_check(ctx, sta, key->pairwise ? key->peer : NULL);
	if (r < 0)
		return r;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_NEW_KEY, 0);
	if (!msg)
		return -ENOMEM;
	r = nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	if (key->pairwise)
		r |= nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, key->peer);
	nest = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!nest)
		r = -1;
	r |= nla_put(msg, NL80211_KEY_DATA, (int)key->len, key->data);
	r |= nla_put_u32(msg, NL80211_KEY_CIPHER, key->cipher_suite);
	r |= nla_put_u8(msg, NL80211_KEY_IDX, key->idx);
	if (key->seq_len)
		r |= nla_put(msg, NL80211_KEY_SEQ, (int)key->seq_len, key->seq);
	if (!is_wep(key->cipher_suite))
		r |= nla_put_u32(msg, NL80211_KEY_TYPE, key->pairwise ?
				 NL80211_KEYTYPE_PAIRWISE : NL80211_KEYTYPE_GROUP);
	if (!key->pairwise) {
		/* NEW_KEY itself ignores the default flags (6.1); they are
		 * here as iwd sends them, the receive path needs none: a
		 * station finds its group key by the frame's key index. */
		types = nla_nest_start(msg, NL80211_KEY_DEFAULT_TYPES);
		if (!types)
			r = -1;
		r |= nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_MULTICAST);
		if (types)
			nla_nest_end(msg, types);
	}
	if (nest)
		nla_nest_end(msg, nest);
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 NEW_KEY %s %u on %s",
		 key->pairwise ? "pairwise" : "group", key->idx,
		 sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

int sim_sta_key_del(struct sim_ctx *ctx, struct sim_radio *sta, bool pairwise,
		    const uint8_t *peer, uint8_t idx)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	char what[64];
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	if (pairwise != (peer != NULL) || idx > 3 || (pairwise && idx != 0)) {
		fprintf(stderr, "sim: key delete on %s: a pairwise key has a "
			"peer and index 0, a group key no peer and index "
			"0..3\n", sta->info.ifname);
		return -EINVAL;
	}
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_DEL_KEY, 0);
	if (!msg)
		return -ENOMEM;
	r = nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	if (pairwise)
		r |= nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, peer);
	nest = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!nest)
		r = -1;
	r |= nla_put_u8(msg, NL80211_KEY_IDX, idx);
	r |= nla_put_u32(msg, NL80211_KEY_TYPE, pairwise ?
			 NL80211_KEYTYPE_PAIRWISE : NL80211_KEYTYPE_GROUP);
	if (nest)
		nla_nest_end(msg, nest);
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 DEL_KEY %s %u on %s",
		 pairwise ? "pairwise" : "group", idx, sta->info.ifname);
	/* No such key: the caller's question, answered by the errno. */
	return sim_nl_request_quiet(ctx->genl, msg, NULL, NULL, what, -ENOENT);
}

int sim_sta_key_default(struct sim_ctx *ctx, struct sim_radio *sta,
			uint8_t idx)
{
	struct nlattr *nest, *types;
	struct nl_msg *msg;
	char what[64];
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	if (idx > 3) {
		fprintf(stderr, "sim: default key on %s: index %u is not "
			"0..3\n", sta->info.ifname, idx);
		return -EINVAL;
	}
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_KEY, 0);
	if (!msg)
		return -ENOMEM;
	r = nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	nest = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!nest)
		r = -1;
	r |= nla_put_u8(msg, NL80211_KEY_IDX, idx);
	r |= nla_put_flag(msg, NL80211_KEY_DEFAULT);
	/* Unicast too: a WEP default key also encrypts what the station
	 * sends to its AP. */
	types = nla_nest_start(msg, NL80211_KEY_DEFAULT_TYPES);
	if (!types)
		r = -1;
	r |= nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_UNICAST);
	r |= nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_MULTICAST);
	if (types)
		nla_nest_end(msg, types);
	if (nest)
		nla_nest_end(msg, nest);
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 SET_KEY default %u on %s", idx,
		 sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}
