/* SPDX-License-Identifier: MIT */
/*
 * Station scans (contract in sim.h): TRIGGER_SCAN, wait for the kernel's
 * NEW_SCAN_RESULTS / SCAN_ABORTED on a private socket subscribed to the
 * nl80211 "scan" group, then a GET_SCAN dump.
 *
 * The private socket is opened BEFORE the trigger so the completion cannot
 * be missed, and closed after: the ctx's request socket never joins a
 * multicast group.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "nl.h"
#include "sim-internal.h"

/* A one-channel scan takes ~0.1 s under TCG, every channel ~4 s. */
#define SCAN_ONE_TIMEOUT_MS 5000
#define SCAN_ALL_TIMEOUT_MS 20000
/* Right after an interface comes up (or a connect) mac80211 may be busy
 * scanning on its own: retry the trigger this long. */
#define SCAN_BUSY_RETRY_MS 3000
#define WLAN_EID_SSID 0

static struct nla_policy event_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
};

static struct nla_policy scan_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_BSS] = { .type = NLA_NESTED },
};

static struct nla_policy bss_policy[NL80211_BSS_MAX + 1] = {
	[NL80211_BSS_BSSID] = { .minlen = 6, .maxlen = 6 },
	[NL80211_BSS_FREQUENCY] = { .type = NLA_U32 },
	[NL80211_BSS_TSF] = { .type = NLA_U64 },
	[NL80211_BSS_BEACON_INTERVAL] = { .type = NLA_U16 },
	[NL80211_BSS_CAPABILITY] = { .type = NLA_U16 },
	[NL80211_BSS_INFORMATION_ELEMENTS] = { .type = NLA_UNSPEC },
	[NL80211_BSS_SIGNAL_MBM] = { .type = NLA_U32 },
};

struct scan_wait {
	uint32_t ifindex;
	int outcome;            /* 0 pending, 1 results, -ECANCELED aborted */
};

static int on_scan_event(struct nl_msg *msg, void *arg)
{
	struct scan_wait *sw = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0))
		return NL_SKIP;
	if (gh->cmd != NL80211_CMD_NEW_SCAN_RESULTS &&
	    gh->cmd != NL80211_CMD_SCAN_ABORTED)
		return NL_SKIP;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  event_policy) < 0 || !tb[NL80211_ATTR_IFINDEX]) {
		fprintf(stderr, "sim: scan event without a valid IFINDEX\n");
		return NL_SKIP;
	}
	if (nla_get_u32(tb[NL80211_ATTR_IFINDEX]) != sw->ifindex)
		return NL_SKIP;
	sw->outcome = gh->cmd == NL80211_CMD_NEW_SCAN_RESULTS ? 1 : -ECANCELED;
	return NL_SKIP;
}

static int open_scan_socket(struct sim_ctx *ctx, struct nl_sock **out)
{
	struct nl_sock *sk = NULL;
	int grp, r;

	grp = sim_nl_mcast_group(ctx->genl, "nl80211", "scan");
	if (grp < 0)
		return grp;
	r = sim_nl_socket_new(NETLINK_GENERIC, 0, &sk);
	if (r < 0)
		return r;
	/* Multicast events carry sequence number 0. */
	nl_socket_disable_seq_check(sk);
	r = nl_socket_add_membership(sk, grp);
	if (r == 0)
		r = nl_socket_set_nonblocking(sk);
	if (r < 0) {
		nl_socket_free(sk);
		return sim_nl_errno(r);
	}
	*out = sk;
	return 0;
}

static int trigger(struct sim_ctx *ctx, const struct sim_radio *sta,
		   uint32_t freq, const char *ssid, bool passive)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	char what[64];
	int r = 0;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_TRIGGER_SCAN, 0);
	if (!msg)
		return -ENOMEM;
	r |= nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	if (freq) {
		nest = nla_nest_start(msg, NL80211_ATTR_SCAN_FREQUENCIES);
		r |= !nest;
		r |= nla_put_u32(msg, 1, freq);
		nla_nest_end(msg, nest);
	}
	/* Active: probe for @ssid, or with the wildcard SSID. Passive: no
	 * SSID to probe for; mac80211 then listens (sim_sta_scan says when). */
	if (!passive) {
		nest = nla_nest_start(msg, NL80211_ATTR_SCAN_SSIDS);
		r |= !nest;
		r |= nla_put(msg, 1, ssid ? (int)strlen(ssid) : 0, ssid ? ssid : "");
		nla_nest_end(msg, nest);
	}
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 TRIGGER_SCAN on %s",
		 sta->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

static int wait_done(struct nl_sock *sk, uint32_t ifindex, unsigned timeout_ms)
{
	struct scan_wait sw = { .ifindex = ifindex };
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
	uint64_t deadline = sim_clock_now_ns() +
			    (uint64_t)timeout_ms * SIM_NSEC_PER_MSEC;
	uint64_t now;
	int r;

	r = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_scan_event,
				&sw);
	if (r < 0)
		return sim_nl_errno(r);
	while (!sw.outcome) {
		now = sim_clock_now_ns();
		if (now >= deadline)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, (int)((deadline - now) / SIM_NSEC_PER_MSEC) + 1);
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r <= 0)
			continue;
		/* Non-blocking: -EAGAIN once the socket is drained. */
		r = sim_nl_errno(nl_recvmsgs_default(sk));
		if (r < 0 && r != -EAGAIN)
			return r;
	}
	return sw.outcome < 0 ? sw.outcome : 0;
}

struct scan_results {
	const char *ssid;       /* filter, NULL = all */
	struct sim_bss *v;
	size_t n, cap;
};

/* The SSID element of @ies, validated against the buffer's end. */
static bool ies_ssid(const uint8_t *ies, size_t len, struct sim_bss *b)
{
	size_t off = 0;

	while (off + 2 <= len) {
		uint8_t id = ies[off], elen = ies[off + 1];

		if (off + 2 + elen > len)
			return false;
		if (id == WLAN_EID_SSID) {
			if (elen > SIM_SSID_MAX)
				return false;
			memcpy(b->ssid, ies + off + 2, elen);
			b->ssid_len = elen;
			return true;
		}
		off += 2u + elen;
	}
	return false;
}

static int on_bss(struct nl_msg *msg, void *arg)
{
	struct scan_results *sr = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *bss[NL80211_BSS_MAX + 1];
	struct sim_bss b = { .seen_ns = sim_clock_now_ns() };
	struct sim_bss *v;
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX, scan_policy);
	if (r < 0 || !tb[NL80211_ATTR_BSS]) {
		fprintf(stderr, "sim: GET_SCAN reply without a valid BSS\n");
		return r < 0 ? sim_nl_errno(r) : -EBADMSG;
	}
	r = nla_parse_nested(bss, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS],
			     bss_policy);
	if (r < 0 || !bss[NL80211_BSS_BSSID] || !bss[NL80211_BSS_FREQUENCY]) {
		fprintf(stderr, "sim: GET_SCAN BSS fails its policy or lacks "
			"BSSID/FREQUENCY\n");
		return r < 0 ? sim_nl_errno(r) : -EBADMSG;
	}
	memcpy(b.bssid, nla_data(bss[NL80211_BSS_BSSID]), SIM_ETH_ALEN);
	b.freq_mhz = nla_get_u32(bss[NL80211_BSS_FREQUENCY]);
	if (bss[NL80211_BSS_SIGNAL_MBM])
		b.signal_mbm = (int32_t)nla_get_u32(bss[NL80211_BSS_SIGNAL_MBM]);
	if (bss[NL80211_BSS_BEACON_INTERVAL])
		b.beacon_interval = nla_get_u16(bss[NL80211_BSS_BEACON_INTERVAL]);
	if (bss[NL80211_BSS_CAPABILITY])
		b.capability = nla_get_u16(bss[NL80211_BSS_CAPABILITY]);
	if (bss[NL80211_BSS_TSF])
		b.tsf = nla_get_u64(bss[NL80211_BSS_TSF]);
	if (bss[NL80211_BSS_INFORMATION_ELEMENTS]) {
		const struct nlattr *ie = bss[NL80211_BSS_INFORMATION_ELEMENTS];

		b.ies_len = (size_t)nla_len(ie);
		/* A BSS whose elements do not parse is reported without an
		 * SSID rather than trusted. */
		if (!ies_ssid(nla_data(ie), b.ies_len, &b))
			b.ssid_len = 0;
	}
	if (sr->ssid && (b.ssid_len != strlen(sr->ssid) ||
			 memcmp(b.ssid, sr->ssid, b.ssid_len)))
		return 0;
	if (b.ies_len) {
		b.ies = malloc(b.ies_len);
		if (!b.ies)
			return -ENOMEM;
		memcpy(b.ies, nla_data(bss[NL80211_BSS_INFORMATION_ELEMENTS]),
		       b.ies_len);
	}
	if (sr->n == sr->cap) {
		size_t cap = sr->cap ? 2 * sr->cap : 8;

		v = realloc(sr->v, cap * sizeof(*v));
		if (!v) {
			free(b.ies);
			return -ENOMEM;
		}
		sr->v = v;
		sr->cap = cap;
	}
	sr->v[sr->n++] = b;
	return 0;
}

static int dump_results(struct sim_ctx *ctx, const struct sim_radio *sta,
			struct scan_results *sr)
{
	struct nl_msg *msg;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_SCAN, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return sim_nl_request(ctx->genl, msg, on_bss, sr,
			      "nl80211 GET_SCAN dump");
}

static int scan_once(struct sim_ctx *ctx, struct sim_radio *sta, uint32_t freq_mhz,
		     const char *ssid, bool passive, struct sim_bss **out, size_t *n)
{
	const struct timespec step = { 0, 50 * 1000 * 1000 };
	struct scan_results sr = { .ssid = ssid };
	uint64_t busy_deadline;
	struct nl_sock *sk = NULL;
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	if (ssid && (strlen(ssid) < 1 || strlen(ssid) > SIM_SSID_MAX))
		return -EINVAL;
	r = open_scan_socket(ctx, &sk);
	if (r < 0)
		return r;
	busy_deadline = sim_clock_now_ns() +
			(uint64_t)SCAN_BUSY_RETRY_MS * SIM_NSEC_PER_MSEC;
	for (;;) {
		r = trigger(ctx, sta, freq_mhz, ssid, passive);
		if (r != -EBUSY || sim_clock_now_ns() >= busy_deadline)
			break;
		nanosleep(&step, NULL);
	}
	if (r < 0)
		goto free_sock;
	r = wait_done(sk, sta->info.ifindex,
		      freq_mhz ? SCAN_ONE_TIMEOUT_MS : SCAN_ALL_TIMEOUT_MS);
	if (r < 0) {
		fprintf(stderr, "sim: scan on %s: %s\n", sta->info.ifname,
			r == -ECANCELED ? "aborted by the kernel" : strerror(-r));
		goto free_sock;
	}
	r = dump_results(ctx, sta, &sr);
	if (r < 0) {
		sim_bss_free(sr.v, sr.n);
		goto free_sock;
	}
	*out = sr.v;
	*n = sr.n;
free_sock:
	nl_socket_free(sk);
	return r;
}

/*
 * An active scan waits 30 ms (IEEE80211_CHANNEL_TIME) for a probe
 * response. Through the scenario's medium (a process of its own) and
 * hostapd on a loaded TCG VM a response can come later, and the BSS is
 * missed. So a one-channel scan for an SSID that found none listens once
 * more, passively, for 1/9 s (IEEE80211_PASSIVE_CHANNEL_TIME: longer
 * than a beacon interval); the usual case stays as fast as before.
 */
int sim_sta_scan(struct sim_ctx *ctx, struct sim_radio *sta, uint32_t freq_mhz,
		 const char *ssid, struct sim_bss **out, size_t *n)
{
	int r;

	*out = NULL;
	*n = 0;
	if (!sta->info.ifindex)
		return -ENODEV;
	if (ssid && (strlen(ssid) < 1 || strlen(ssid) > SIM_SSID_MAX))
		return -EINVAL;
	r = scan_once(ctx, sta, freq_mhz, ssid, false, out, n);
	if (r < 0 || *n || !freq_mhz || !ssid)
		return r;
	sim_bss_free(*out, *n);
	*out = NULL;
	return scan_once(ctx, sta, freq_mhz, ssid, true, out, n);
}

void sim_bss_free(struct sim_bss *bss, size_t n)
{
	if (!bss)
		return;
	for (size_t i = 0; i < n; i++)
		free(bss[i].ies);
	free(bss);
}
