/* SPDX-License-Identifier: MIT */
/*
 * The live event source: its own non-blocking generic netlink socket on
 * nl80211's "mlme", "config", "scan" and "vendor" multicast groups,
 * /dev/rfkill, and a timerfd for the folder's settle deadline, aggregated
 * behind one epoll fd. dispatch never blocks: it drains every source until
 * EAGAIN, stamps each message with its CLOCK_MONOTONIC receipt time, then
 * fires expired deadlines and re-arms the timer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rfkill.h>
#include <netlink/socket.h>

#include "monitor.h"
#include "nl.h"
#include "sim-internal.h"

/* Events carry frames and IEs; NEW_WIPHY can exceed 8 KiB. */
#define LIVE_RECV_BUF (64 * 1024)
/* Kernel-side queue: a burst of scan results must not overrun it. */
#define LIVE_SOCK_BUF (4 * 1024 * 1024)
#define LIVE_RFKILL_MAP 64

/* "vendor": drivers' own events (sim_monitor_set_vendor_cb). */
static const char *const live_groups[] = { "mlme", "config", "scan", "vendor" };

struct rfkill_map {
	uint32_t idx;
	uint32_t wiphy;
};

struct monitor_live {
	struct sim_monitor base;        /* first: the public handle */
	struct sim_intent_table *intents;  /* NULL without a ctx */
	struct nl_sock *sk;
	int nl_fd;
	int rfkill_fd;                  /* -1 when /dev/rfkill is absent */
	int timer_fd;
	int ep_fd;
	uint8_t *buf;
	uint64_t overruns, truncated;
	/* rfkill index -> wiphy, learnt when the switch is added (its
	 * sysfs entry is gone by the time it is deleted) */
	struct rfkill_map map[LIVE_RFKILL_MAP];
	size_t nmap;
};

static struct monitor_live *to_live(struct sim_monitor *mon)
{
	return (struct monitor_live *)mon;
}

/* ---- intents ------------------------------------------------------------ */

/*
 * Takes the ctx's intent for the interface of a DISCONNECT (or of a
 * CONNECT/ROAM: a reassociation may end the old association without any
 * DISCONNECT, and an intent left behind would explain a later, unrelated
 * disconnection) and inputs it ahead of that message, so the recording has
 * it where the folder needs it.
 */
static void live_before(struct sim_monitor *mon, const struct sim_msg *m,
			uint64_t t_ns)
{
	struct monitor_live *lv = to_live(mon);
	enum sim_disc_cause cause;
	int err;

	if ((m->kind != SIM_MSG_DISCONNECT && m->kind != SIM_MSG_CONNECT &&
	     m->kind != SIM_MSG_ROAM) || !lv->intents)
		return;
	if (!sim_intent_take(lv->intents, m->ifindex,
			     SIM_MONITOR_INTENT_MAX_AGE_NS, &cause))
		return;
	err = sim_monitor_input_intent(mon, t_ns, m->ifindex, cause);
	if (err < 0)
		fprintf(stderr, "sim: monitor (live): intent %s for ifindex %u "
			"lost: %s\n", sim_cause_name(cause), m->ifindex,
			strerror(-err));
}

/* ---- rfkill ------------------------------------------------------------- */

/* /sys/class/rfkill/rfkillN/device is the wiphy for cfg80211's switches. */
static bool rfkill_wiphy_sysfs(uint32_t idx, uint32_t *wiphy)
{
	char path[96];
	unsigned v;
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "/sys/class/rfkill/rfkill%u/device/index",
		 idx);
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = fscanf(f, "%u", &v) == 1;
	fclose(f);
	if (ok)
		*wiphy = v;
	return ok;
}

static bool rfkill_wiphy(struct monitor_live *lv, const struct rfkill_event *ev,
			 uint32_t *wiphy)
{
	size_t i;

	for (i = 0; i < lv->nmap; i++)
		if (lv->map[i].idx == ev->idx)
			break;
	if (i == lv->nmap) {
		if (ev->type != RFKILL_TYPE_WLAN ||
		    !rfkill_wiphy_sysfs(ev->idx, wiphy))
			return false;
		if (lv->nmap < LIVE_RFKILL_MAP) {
			lv->map[lv->nmap].idx = ev->idx;
			lv->map[lv->nmap].wiphy = *wiphy;
			lv->nmap++;
		}
	} else {
		*wiphy = lv->map[i].wiphy;
	}
	if (ev->op == RFKILL_OP_DEL && i < lv->nmap)
		lv->map[i] = lv->map[--lv->nmap];
	return true;
}

static int drain_rfkill(struct monitor_live *lv)
{
	struct rfkill_event ev;
	uint32_t wiphy = 0;
	bool has_wiphy;
	ssize_t n;
	int err;

	if (lv->rfkill_fd < 0)
		return 0;
	for (;;) {
		n = read(lv->rfkill_fd, &ev, sizeof(ev));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0)
			return -errno;
		/* The kernel writes whole V1 events (rfkill.h explains why
		 * the size must be checked, not assumed). */
		if (n != RFKILL_EVENT_SIZE_V1) {
			fprintf(stderr, "sim: monitor (live): /dev/rfkill gave "
				"%zd bytes, want %zu; ignored\n", n,
				(size_t)RFKILL_EVENT_SIZE_V1);
			continue;
		}
		has_wiphy = rfkill_wiphy(lv, &ev, &wiphy);
		err = sim_monitor_input_rfkill(&lv->base, sim_clock_now_ns(),
					       ev.idx, ev.type, ev.op, ev.soft,
					       ev.hard, has_wiphy, wiphy);
		if (err < 0)
			return err;
	}
}

/* ---- netlink ------------------------------------------------------------ */

static int drain_netlink(struct monitor_live *lv)
{
	struct sockaddr_nl from;
	socklen_t fromlen;
	ssize_t n;
	int err;

	for (;;) {
		fromlen = sizeof(from);
		n = recvfrom(lv->nl_fd, lv->buf, LIVE_RECV_BUF,
			     MSG_DONTWAIT | MSG_TRUNC,
			     (struct sockaddr *)&from, &fromlen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return 0;
			if (errno == ENOBUFS) {
				/* Events were lost; the folder may miss a
				 * burst. Say so every time: it is rare and
				 * it matters. */
				lv->overruns++;
				fprintf(stderr, "sim: monitor (live): netlink "
					"receive queue overrun (%llu so far): "
					"nl80211 events lost\n",
					(unsigned long long)lv->overruns);
				continue;
			}
			return -errno;
		}
		if (from.nl_pid != 0)
			continue;  /* only the kernel speaks on these groups */
		if ((size_t)n > LIVE_RECV_BUF) {
			lv->truncated++;
			fprintf(stderr, "sim: monitor (live): %zd-byte netlink "
				"message exceeds the %d-byte buffer; dropped\n",
				n, LIVE_RECV_BUF);
			continue;
		}
		err = sim_monitor_input(&lv->base, sim_clock_now_ns(), lv->buf,
					(size_t)n);
		if (err == -EBADMSG) {
			fprintf(stderr, "sim: monitor (live): a %zd-byte "
				"datagram is not whole netlink messages\n", n);
			continue;
		}
		if (err < 0)
			return err;
	}
}

/* ---- timer ---------------------------------------------------------------- */

static int rearm(struct monitor_live *lv)
{
	uint64_t d = sim_fold_deadline(lv->base.fold);
	struct itimerspec its = { 0 };

	/* Set every time (one syscall): an all-zero value disarms. */
	if (d != SIM_FOLD_NO_DEADLINE) {
		/* 0 would disarm: a deadline at time 0 is already due */
		its.it_value.tv_sec = (time_t)(d / SIM_NSEC_PER_SEC);
		its.it_value.tv_nsec = (long)(d % SIM_NSEC_PER_SEC);
		if (d == 0)
			its.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(lv->timer_fd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	return 0;
}

static int live_dispatch(struct sim_monitor *mon)
{
	struct monitor_live *lv = to_live(mon);
	uint64_t expirations;
	int err;

	err = drain_netlink(lv);
	if (err < 0)
		return err;
	err = drain_rfkill(lv);
	if (err < 0)
		return err;
	/* Only consumes the wake-up; deadlines are compared below. */
	if (read(lv->timer_fd, &expirations, sizeof(expirations)) < 0 &&
	    errno != EAGAIN)
		return -errno;
	sim_fold_advance(mon->fold, sim_clock_now_ns());
	return rearm(lv);
}

static int live_get_fd(struct sim_monitor *mon)
{
	return to_live(mon)->ep_fd;
}

static void live_destroy(struct sim_monitor *mon)
{
	struct monitor_live *lv = to_live(mon);

	sim_monitor_fini(mon);
	close(lv->ep_fd);
	close(lv->timer_fd);
	if (lv->rfkill_fd >= 0)
		close(lv->rfkill_fd);
	nl_socket_free(lv->sk);
	free(lv->buf);
	free(lv);
}

static const struct sim_monitor_ops live_ops = {
	.name = "live",
	.get_fd = live_get_fd,
	.dispatch = live_dispatch,
	.destroy = live_destroy,
};

/* ---- construction --------------------------------------------------------- */

static int open_netlink(struct monitor_live *lv)
{
	int buf = LIVE_SOCK_BUF;
	int id, grp, err;

	/* Blocking, no receive timeout: it is non-blocking once the groups
	 * are resolved and joined. */
	err = sim_nl_socket_new(NETLINK_GENERIC, 0, &lv->sk);
	if (err < 0)
		return err;
	/* Resolve before joining the groups: until then the only
	 * messages on this socket are the controller's replies. */
	id = sim_nl_family(lv->sk, "nl80211");
	if (id < 0) {
		fprintf(stderr, "sim: monitor (live): cannot resolve the "
			"nl80211 family (%s)\n", strerror(-id));
		return id;
	}
	lv->base.fam.nl80211 = (uint16_t)id;
	for (size_t i = 0; i < sizeof(live_groups) / sizeof(live_groups[0]); i++) {
		grp = sim_nl_mcast_group(lv->sk, "nl80211", live_groups[i]);
		if (grp < 0) {
			fprintf(stderr, "sim: monitor (live): cannot resolve "
				"nl80211 multicast group \"%s\" (%s)\n",
				live_groups[i], strerror(-grp));
			return grp;
		}
		err = nl_socket_add_membership(lv->sk, grp);
		if (err < 0)
			return sim_nl_errno(err);
	}
	nl_socket_disable_seq_check(lv->sk);
	err = nl_socket_set_nonblocking(lv->sk);
	if (err < 0)
		return sim_nl_errno(err);
	lv->nl_fd = nl_socket_get_fd(lv->sk);
	/* FORCE needs CAP_NET_ADMIN (which live runs have); otherwise the
	 * plain request is capped by net.core.rmem_max. */
	if (setsockopt(lv->nl_fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf,
		       sizeof(buf)) < 0 &&
	    setsockopt(lv->nl_fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf)) < 0)
		return -errno;
	return 0;
}

static int epoll_add(int ep_fd, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(ep_fd, EPOLL_CTL_ADD, fd, &ev) < 0 ? -errno : 0;
}

int sim_monitor_new_live(struct sim_ctx *ctx, sim_event_cb cb, void *user_data,
			 struct sim_monitor **out)
{
	struct monitor_live *lv;
	int err;

	lv = calloc(1, sizeof(*lv));
	if (!lv)
		return -ENOMEM;
	lv->rfkill_fd = lv->timer_fd = lv->ep_fd = -1;
	lv->intents = ctx ? sim_ctx_intents(ctx) : NULL;
	lv->buf = malloc(LIVE_RECV_BUF);
	if (!lv->buf) {
		err = -ENOMEM;
		goto free_lv;
	}
	err = sim_monitor_init(&lv->base, &live_ops, "live", cb, user_data);
	if (err < 0)
		goto free_buf;
	lv->base.before = live_before;
	err = open_netlink(lv);
	if (err < 0)
		goto free_sock;

	lv->rfkill_fd = open("/dev/rfkill", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (lv->rfkill_fd < 0)
		/* Not fatal: a radio turned off by this process is still
		 * known by its intent, but say what is missing. */
		fprintf(stderr, "sim: monitor (live): /dev/rfkill: %s; an "
			"rfkill block from elsewhere will read as "
			"LOCAL_REQUEST\n", strerror(errno));

	lv->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	lv->ep_fd = epoll_create1(EPOLL_CLOEXEC);
	if (lv->timer_fd < 0 || lv->ep_fd < 0) {
		err = -errno;
		goto close_fds;
	}
	err = epoll_add(lv->ep_fd, lv->nl_fd);
	if (err == 0)
		err = epoll_add(lv->ep_fd, lv->timer_fd);
	if (err == 0 && lv->rfkill_fd >= 0)
		err = epoll_add(lv->ep_fd, lv->rfkill_fd);
	if (err < 0)
		goto close_fds;
	*out = &lv->base;
	return 0;

close_fds:
	if (lv->ep_fd >= 0)
		close(lv->ep_fd);
	if (lv->timer_fd >= 0)
		close(lv->timer_fd);
	if (lv->rfkill_fd >= 0)
		close(lv->rfkill_fd);
free_sock:
	nl_socket_free(lv->sk);
	sim_monitor_fini(&lv->base);
free_buf:
	free(lv->buf);
free_lv:
	free(lv);
	return err;
}
