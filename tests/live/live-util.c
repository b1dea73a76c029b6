/* SPDX-License-Identifier: MIT */
/*
 * Live-test helpers (contract in live-util.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "ck.h"
#include "live-util.h"
#include "nl.h"
#include "parse.h"

#define LIVE_QUEUE 64

void live_require_hwsim(void)
{
	if (access("/sys/module/mac80211_hwsim", F_OK) != 0)
		ck_abort_msg("live test: /sys/module/mac80211_hwsim is absent: "
			     "this binary needs a kernel with mac80211_hwsim "
			     "loaded (run it through tools/vm or tools/hwsim-run)");
	if (geteuid() != 0)
		ck_abort_msg("live test: needs root (CAP_NET_ADMIN) to create "
			     "hwsim radios");
}

struct live_listener {
	struct nl_sock *sk;
	const char *tag;
	uint32_t ifindex;
	uint64_t mark_ns;
	struct live_ev q[LIVE_QUEUE];
	size_t head, len;
};

static struct nla_policy ev_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_MAC] = { .minlen = 6, .maxlen = 6 },
	[NL80211_ATTR_REASON_CODE] = { .type = NLA_U16 },
	[NL80211_ATTR_DISCONNECTED_BY_AP] = { .type = NLA_FLAG },
	[NL80211_ATTR_STATUS_CODE] = { .type = NLA_U16 },
	[NL80211_ATTR_FRAME] = { .type = NLA_UNSPEC },
};

double live_since_mark(const struct live_listener *l, const struct live_ev *ev)
{
	return (double)(int64_t)(ev->t_ns - l->mark_ns) / SIM_NSEC_PER_SEC;
}

static void print_ev(const struct live_listener *l, const struct live_ev *ev)
{
	char line[160];
	int n;

	n = snprintf(line, sizeof(line), "%s: %s (%u)", l->tag,
		     sim_nl80211_cmd_name(ev->cmd), ev->cmd);
	switch (ev->cmd) {
	case NL80211_CMD_CONNECT:
		if (ev->has_mac)
			n += snprintf(line + n, sizeof(line) - n,
				      " bssid=" SIM_MAC_FMT,
				      SIM_MAC_ARG(ev->mac));
		n += snprintf(line + n, sizeof(line) - n, " status=%d",
			      ev->has_status ? ev->status : -1);
		break;
	case NL80211_CMD_DEAUTHENTICATE:
	case NL80211_CMD_DISASSOCIATE:
		if (ev->has_frame)
			n += snprintf(line + n, sizeof(line) - n,
				      " from=" SIM_MAC_FMT " reason=%u",
				      SIM_MAC_ARG(ev->frame_sa),
				      ev->frame_reason);
		break;
	case NL80211_CMD_DISCONNECT:
		n += snprintf(line + n, sizeof(line) - n, " reason=%d by_ap=%d",
			      ev->has_reason ? ev->reason : -1, ev->by_ap);
		break;
	default:
		if (ev->has_mac)
			n += snprintf(line + n, sizeof(line) - n,
				      " mac=" SIM_MAC_FMT, SIM_MAC_ARG(ev->mac));
		break;
	}
	printf("%s (+%.3f s)\n", line, live_since_mark(l, ev));
	fflush(stdout);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct live_listener *l = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct live_ev ev = { .t_ns = sim_clock_now_ns() };

	if (!genlmsg_valid_hdr(nlh, 0))
		return NL_SKIP;
	ev.cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	if (genlmsg_parse(nlh, 0, tb, NL80211_ATTR_MAX, ev_policy) < 0) {
		fprintf(stderr, "%s: nl80211 %s (%u) fails the policy\n",
			l->tag, sim_nl80211_cmd_name(ev.cmd), ev.cmd);
		return NL_SKIP;
	}
	if (tb[NL80211_ATTR_IFINDEX])
		ev.ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	if (l->ifindex && ev.ifindex != l->ifindex)
		return NL_SKIP;
	if (tb[NL80211_ATTR_MAC]) {
		ev.has_mac = true;
		memcpy(ev.mac, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	}
	if (tb[NL80211_ATTR_REASON_CODE]) {
		ev.has_reason = true;
		ev.reason = nla_get_u16(tb[NL80211_ATTR_REASON_CODE]);
	}
	ev.by_ap = tb[NL80211_ATTR_DISCONNECTED_BY_AP] != NULL;
	if (tb[NL80211_ATTR_STATUS_CODE]) {
		ev.has_status = true;
		ev.status = nla_get_u16(tb[NL80211_ATTR_STATUS_CODE]);
	}
	/* Deauth/disassoc frame: 24-byte header, then the reason code. */
	if (tb[NL80211_ATTR_FRAME] && nla_len(tb[NL80211_ATTR_FRAME]) >= 26) {
		const uint8_t *f = nla_data(tb[NL80211_ATTR_FRAME]);

		ev.has_frame = true;
		memcpy(ev.frame_sa, f + 10, SIM_ETH_ALEN);
		ev.frame_reason = (uint16_t)(f[24] | f[25] << 8);
	}
	print_ev(l, &ev);
	if (l->len == LIVE_QUEUE) {
		fprintf(stderr, "%s: event queue full, dropping the oldest\n",
			l->tag);
		l->head = (l->head + 1) % LIVE_QUEUE;
		l->len--;
	}
	l->q[(l->head + l->len) % LIVE_QUEUE] = ev;
	l->len++;
	return NL_SKIP;
}

int live_listen(const char *tag, uint32_t ifindex, struct live_listener **out)
{
	static const char *const groups[] = { "mlme", "config" };
	struct live_listener *l;
	int r, grp;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->tag = tag;
	l->ifindex = ifindex;
	l->mark_ns = sim_clock_now_ns();
	r = sim_nl_socket_new(NETLINK_GENERIC, 0, &l->sk);
	if (r < 0)
		goto free_l;
	nl_socket_disable_seq_check(l->sk);
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		grp = sim_nl_mcast_group(l->sk, "nl80211", groups[i]);
		if (grp < 0) {
			r = grp;
			goto free_sock;
		}
		r = nl_socket_add_membership(l->sk, grp);
		if (r < 0) {
			r = sim_nl_errno(r);
			goto free_sock;
		}
	}
	r = nl_socket_set_nonblocking(l->sk);
	if (r == 0)
		r = nl_socket_modify_cb(l->sk, NL_CB_VALID, NL_CB_CUSTOM,
					on_event, l);
	if (r < 0) {
		r = sim_nl_errno(r);
		goto free_sock;
	}
	*out = l;
	return 0;
free_sock:
	nl_socket_free(l->sk);
free_l:
	free(l);
	return r;
}

void live_listener_free(struct live_listener *l)
{
	if (!l)
		return;
	nl_socket_free(l->sk);
	free(l);
}

void live_mark(struct live_listener *l)
{
	l->mark_ns = sim_clock_now_ns();
}

int live_wait(struct live_listener *l, uint8_t cmd, unsigned timeout_ms,
	      struct live_ev *ev)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(l->sk), .events = POLLIN };
	uint64_t deadline = sim_clock_now_ns() +
			    (uint64_t)live_ms(timeout_ms) * SIM_NSEC_PER_MSEC;
	uint64_t now;
	int r;

	for (;;) {
		while (l->len) {
			struct live_ev *e = &l->q[l->head];

			l->head = (l->head + 1) % LIVE_QUEUE;
			l->len--;
			if (e->cmd == cmd) {
				*ev = *e;
				return 0;
			}
		}
		now = sim_clock_now_ns();
		if (now >= deadline)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, (int)((deadline - now) / SIM_NSEC_PER_MSEC) + 1);
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r > 0) {
			/* Non-blocking: -EAGAIN once it is drained. */
			r = sim_nl_errno(nl_recvmsgs_default(l->sk));
			if (r < 0 && r != -EAGAIN)
				return r;
		}
	}
}

int live_connect(struct live_listener *l, struct sim_ctx *ctx,
		 struct sim_radio *sta, const struct sim_connect_params *cp,
		 int tries, struct live_ev *ev)
{
	const struct timespec pause = { 0, 200 * 1000 * 1000 };
	int r = -EPROTO;

	for (int i = 1; i <= tries; i++) {
		live_mark(l);
		r = sim_sta_connect(ctx, sta, cp);
		if (r < 0)
			return r;
		r = live_wait(l, NL80211_CMD_CONNECT, 5000, ev);
		if (r < 0)
			return r;
		if (ev->has_status && ev->status == 0)
			return 0;
		printf("%s: connect attempt %d of %d refused (status %d)%s\n",
		       l->tag, i, tries, ev->has_status ? ev->status : -1,
		       i < tries ? ", retrying" : "");
		r = -EPROTO;
		nanosleep(&pause, NULL);
	}
	return r;
}

/* ---- one-shot nl80211 queries (through sim's request helper) ---------- */

static int nl80211_query(struct nl_msg *(*build)(int family, const void *arg),
			 const void *arg, sim_nl_reply_fn fn, void *out,
			 const char *what)
{
	struct nl_sock *sk;
	struct nl_msg *msg;
	int fam, r;

	r = sim_nl_socket_new(NETLINK_GENERIC, live_ms(5000), &sk);
	if (r < 0)
		return r;
	fam = sim_nl_family(sk, "nl80211");
	if (fam < 0) {
		r = fam;
		goto free_sock;
	}
	msg = build(fam, arg);
	if (!msg) {
		r = -ENOMEM;
		goto free_sock;
	}
	r = sim_nl_request(sk, msg, fn, out, what);
free_sock:
	nl_socket_free(sk);
	return r;
}

struct sta_query {
	uint32_t ifindex;
	const uint8_t *peer;
};

static struct nl_msg *build_get_station(int family, const void *arg)
{
	const struct sta_query *q = arg;
	struct nl_msg *msg = sim_nl_genl_msg(family, NL80211_CMD_GET_STATION, 0);

	if (msg && (nla_put_u32(msg, NL80211_ATTR_IFINDEX, q->ifindex) < 0 ||
		    nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, q->peer) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static struct nla_policy sta_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_STA_INFO] = { .type = NLA_NESTED },
};

static struct nla_policy sta_info_policy[NL80211_STA_INFO_MAX + 1] = {
	[NL80211_STA_INFO_STA_FLAGS] = {
		.minlen = sizeof(struct nl80211_sta_flag_update),
		.maxlen = sizeof(struct nl80211_sta_flag_update),
	},
};

static int on_sta(struct nl_msg *msg, void *arg)
{
	int *authorized = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_STA_INFO_MAX + 1];
	struct nl80211_sta_flag_update fl;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  sta_policy) < 0 || !tb[NL80211_ATTR_STA_INFO])
		return -EBADMSG;
	if (nla_parse_nested(si, NL80211_STA_INFO_MAX, tb[NL80211_ATTR_STA_INFO],
			     sta_info_policy) < 0 ||
	    !si[NL80211_STA_INFO_STA_FLAGS])
		return -EBADMSG;
	memcpy(&fl, nla_data(si[NL80211_STA_INFO_STA_FLAGS]), sizeof(fl));
	if (!(fl.mask & (1u << NL80211_STA_FLAG_AUTHORIZED)))
		return -EBADMSG;
	*authorized = !!(fl.set & (1u << NL80211_STA_FLAG_AUTHORIZED));
	return 0;
}

int live_sta_authorized(uint32_t ifindex, const uint8_t peer[SIM_ETH_ALEN])
{
	struct sta_query q = { .ifindex = ifindex, .peer = peer };
	int authorized = -1, r;

	r = nl80211_query(build_get_station, &q, on_sta, &authorized,
			  "live GET_STATION");
	if (r < 0)
		return r;
	return authorized < 0 ? -EBADMSG : authorized;
}

static struct nl_msg *build_wiphy_dump(int family, const void *arg)
{
	struct nl_msg *msg = sim_nl_genl_msg(family, NL80211_CMD_GET_WIPHY,
					     NLM_F_DUMP);

	if (msg && nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static struct nla_policy wiphy_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY_NAME] = { .type = NLA_STRING },
};

struct wiphy_find {
	const char *name;
	int found;
};

static int on_wiphy(struct nl_msg *msg, void *arg)
{
	struct wiphy_find *wf = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  wiphy_policy) < 0)
		return -EBADMSG;
	if (tb[NL80211_ATTR_WIPHY_NAME] &&
	    !strcmp(nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]), wf->name))
		wf->found = 1;
	return 0;
}

int live_wiphy_visible(const char *name)
{
	struct wiphy_find wf = { .name = name };
	int r;

	r = nl80211_query(build_wiphy_dump, NULL, on_wiphy, &wf,
			  "live GET_WIPHY dump");
	return r < 0 ? r : wf.found;
}

int live_iface_up(uint32_t ifindex)
{
	struct ifreq ifr;
	int fd, r;

	memset(&ifr, 0, sizeof(ifr));
	if (!if_indextoname(ifindex, ifr.ifr_name))
		return errno == ENXIO ? -ENODEV : -errno;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	r = ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ? -errno
					       : !!(ifr.ifr_flags & IFF_UP);
	close(fd);
	return r;
}

int live_rfkill_soft(const char *wiphy_name)
{
	char path[600], buf[8];
	struct dirent *de;
	ssize_t n;
	int fd = -1;
	DIR *d;

	snprintf(path, sizeof(path), "/sys/class/ieee80211/%s", wiphy_name);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "rfkill", 6) || !de->d_name[6])
			continue;
		snprintf(path, sizeof(path), "/sys/class/ieee80211/%s/%s/soft",
			 wiphy_name, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		break;
	}
	closedir(d);
	if (fd < 0)
		return -ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	return buf[0] == '1';
}

unsigned live_ms(unsigned ms)
{
	const char *s = getenv("IHV_TIMEOUT_SCALE");
	double scale = 1, v;
	char *end;

	if (s && s[0]) {
		errno = 0;
		scale = strtod(s, &end);
		if (errno || *end || !(scale > 0) || scale > 100) {
			/* also called while suites are built: no ck_assert */
			fprintf(stderr, "IHV_TIMEOUT_SCALE='%s': want a number in "
				"(0, 100]\n", s);
			abort();
		}
	}
	v = ms * scale;
	return v >= UINT_MAX ? UINT_MAX : (unsigned)v;
}
