/* SPDX-License-Identifier: MIT */
/*
 * medium: the caller's side of the wireless medium (contract in sim.h).
 * It forks the medium's process (medium-proc.c) and talks to it over a
 * SOCK_SEQPACKET pair: one command, one reply, so a link change has taken
 * effect when sim_medium_set_link returns.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "medium.h"
#include "nl.h"
#include "sim-internal.h"

/* A reply takes a few ms; the bound only catches a wedged process. */
#define MEDIUM_REPLY_TIMEOUT_MS 5000
/* The registration: a socket, a family lookup and one request. */
#define MEDIUM_READY_TIMEOUT_MS 10000

struct sim_medium {
	struct sim_ctx *ctx;
	pid_t pid;
	int ctl;
};

/* One reply, bounded. */
static int medium_reply(struct sim_medium *m, unsigned int timeout_ms,
			struct sim_medium_wire_reply *rep)
{
	struct pollfd pfd = { .fd = m->ctl, .events = POLLIN };
	ssize_t n;
	int r;

	do
		r = poll(&pfd, 1, (int)timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0) {
		fprintf(stderr, "sim: medium: no answer from its process %d "
			"within %u ms\n", (int)m->pid, timeout_ms);
		return -ETIMEDOUT;
	}
	n = recv(m->ctl, rep, sizeof(*rep), 0);
	if (n < 0)
		return -errno;
	if (n != (ssize_t)sizeof(*rep)) {
		fprintf(stderr, "sim: medium: its process %d %s\n", (int)m->pid,
			n == 0 ? "is gone" : "sent a short reply");
		return n == 0 ? -EPIPE : -EPROTO;
	}
	return rep->rc;
}

static int medium_call(struct sim_medium *m, const void *cmd, size_t len,
		       struct sim_medium_wire_reply *rep)
{
	struct sim_medium_wire_reply dummy;
	ssize_t n;

	n = send(m->ctl, cmd, len, MSG_NOSIGNAL);
	if (n < 0)
		return -errno;
	if ((size_t)n != len)
		return -EMSGSIZE;
	return medium_reply(m, MEDIUM_REPLY_TIMEOUT_MS, rep ? rep : &dummy);
}

static void medium_reap(struct sim_medium *m)
{
	const struct timespec step = { 0, 10 * 1000 * 1000 };

	if (m->pid <= 0)
		return;
	/* It exits when its control socket closes; a wedged one is killed
	 * after a bound. */
	for (int i = 0; i < 100; i++) {
		if (waitpid(m->pid, NULL, WNOHANG) == m->pid) {
			m->pid = 0;
			return;
		}
		nanosleep(&step, NULL);
	}
	kill(m->pid, SIGKILL);
	waitpid(m->pid, NULL, 0);
	m->pid = 0;
}

int sim_medium_new(struct sim_ctx *ctx, uint64_t seed, struct sim_medium **out)
{
	struct sim_medium_wire_reply rep;
	struct sim_medium *m;
	pid_t parent = getpid();
	int sv[2], r;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->ctx = ctx;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		r = -errno;
		goto free_m;
	}
	/* Whatever stdio holds would be written twice. */
	fflush(NULL);
	m->pid = fork();
	if (m->pid < 0) {
		r = -errno;
		close(sv[0]);
		close(sv[1]);
		goto free_m;
	}
	if (m->pid == 0) {
		int ctl = sv[1];

		/* Dies with the caller: a medium without its world is of no
		 * use, and the radios it served die with the caller too. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(EXIT_FAILURE);
		/* Nothing of the caller's stays open here: above all not its
		 * generic netlink socket, whose closing is what deletes the
		 * radios (DESTROY_RADIO_ON_CLOSE), nor the pipes its parent
		 * reads to the end. stderr stays, for our one-line errors. */
		if (ctl != 3) {
			if (dup3(ctl, 3, O_CLOEXEC) < 0)
				_exit(EXIT_FAILURE);
			ctl = 3;
		}
		close_range(4, ~0u, 0);
		if (STDIN_FILENO != ctl)
			close(STDIN_FILENO);
		_exit(sim_medium_proc_main(ctl, seed));
	}
	close(sv[1]);
	m->ctl = sv[0];
	r = medium_reply(m, MEDIUM_READY_TIMEOUT_MS, &rep);
	if (r < 0) {
		fprintf(stderr, "sim: medium: hwsim REGISTER: %s%s\n", strerror(-r),
			r == -EBUSY ? " (this network namespace has a medium already)" :
			r == -EOPNOTSUPP ? " (a radio of this kernel has more than "
					   "one channel)" : "");
		goto close_ctl;
	}
	*out = m;
	return 0;
close_ctl:
	close(m->ctl);
	medium_reap(m);
free_m:
	free(m);
	return r;
}

static struct nla_policy medium_iface_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_IFTYPE] = { .type = NLA_U32 },
};

static int on_iftype(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	uint32_t *iftype = arg;
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  medium_iface_policy);
	if (r < 0) {
		fprintf(stderr, "sim: medium: GET_INTERFACE reply fails its policy\n");
		return sim_nl_errno(r);
	}
	if (!tb[NL80211_ATTR_IFTYPE]) {
		fprintf(stderr, "sim: medium: GET_INTERFACE reply without IFTYPE\n");
		return -EBADMSG;
	}
	*iftype = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	return 0;
}

/* The role of @radio from its interface's type. */
static enum sim_medium_role medium_role(struct sim_ctx *ctx,
					const struct sim_radio *radio)
{
	uint32_t iftype = NL80211_IFTYPE_UNSPECIFIED;
	struct nl_msg *msg;

	if (!radio->info.ifindex)
		return SIM_MEDIUM_ROLE_OTHER;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_INTERFACE, 0);
	if (!msg)
		return SIM_MEDIUM_ROLE_OTHER;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, radio->info.ifindex) < 0) {
		nlmsg_free(msg);
		return SIM_MEDIUM_ROLE_OTHER;
	}
	if (sim_nl_request_quiet(ctx->genl, msg, on_iftype, &iftype,
				 "nl80211 GET_INTERFACE (medium)", -ENODEV) < 0)
		return SIM_MEDIUM_ROLE_OTHER;
	switch (iftype) {
	case NL80211_IFTYPE_STATION:
		return SIM_MEDIUM_ROLE_STATION;
	case NL80211_IFTYPE_AP:
		return SIM_MEDIUM_ROLE_AP;
	case NL80211_IFTYPE_MONITOR:
		return SIM_MEDIUM_ROLE_SNIFFER;
	}
	return SIM_MEDIUM_ROLE_OTHER;
}

int sim_medium_sync(struct sim_medium *m)
{
	struct sim_medium_wire_cmd *cmd;
	struct sim_medium_wire_radio *rad;
	struct sim_radio *order[SIM_MEDIUM_MAX_RADIOS];
	size_t n = 0, len;
	int r;

	/* ctx->radios is newest first: the medium gets them in creation
	 * order (its "first station" is the first adapter made). */
	for (struct sim_radio *r0 = m->ctx->radios; r0; r0 = r0->next) {
		if (n == SIM_MEDIUM_MAX_RADIOS) {
			fprintf(stderr, "sim: medium: more than %d radios\n",
				SIM_MEDIUM_MAX_RADIOS);
			return -E2BIG;
		}
		order[n++] = r0;
	}
	len = sizeof(*cmd) + n * sizeof(*rad);
	cmd = calloc(1, len);
	if (!cmd)
		return -ENOMEM;
	cmd->cmd = SIM_MEDIUM_WIRE_RADIOS;
	cmd->n = (uint32_t)n;
	rad = (struct sim_medium_wire_radio *)(cmd + 1);
	for (size_t i = 0; i < n; i++) {
		const struct sim_radio *radio = order[n - 1 - i];

		memcpy(rad[i].addr, radio->info.addr, SIM_ETH_ALEN);
		rad[i].role = (uint8_t)medium_role(m->ctx, radio);
	}
	r = medium_call(m, cmd, len, NULL);
	free(cmd);
	if (r < 0)
		fprintf(stderr, "sim: medium: telling it the radios: %s\n",
			strerror(-r));
	return r;
}

int sim_medium_set_link(struct sim_medium *m, const struct sim_radio *tx,
			const struct sim_radio *rx, unsigned int set,
			const struct sim_medium_link *l)
{
	struct sim_medium_wire_cmd cmd = { .cmd = SIM_MEDIUM_WIRE_LINK, .set = set };
	int r;

	if (!tx || !rx || tx == rx || !l || sim_medium_link_check(set, l) < 0)
		return -EINVAL;
	memcpy(cmd.tx, tx->info.addr, SIM_ETH_ALEN);
	memcpy(cmd.rx, rx->info.addr, SIM_ETH_ALEN);
	cmd.link = *l;
	r = medium_call(m, &cmd, sizeof(cmd), NULL);
	if (r < 0)
		fprintf(stderr, "sim: medium: link %s -> %s: %s\n", tx->info.name,
			rx->info.name, strerror(-r));
	return r;
}

int sim_medium_stats(struct sim_medium *m, struct sim_medium_stats *out)
{
	struct sim_medium_wire_cmd cmd = { .cmd = SIM_MEDIUM_WIRE_STATS };
	struct sim_medium_wire_reply rep;
	int r;

	r = medium_call(m, &cmd, sizeof(cmd), &rep);
	if (r == 0)
		*out = rep.stats;
	return r;
}

void sim_medium_free(struct sim_medium *m)
{
	if (!m)
		return;
	close(m->ctl);
	medium_reap(m);
	free(m);
}
