/* SPDX-License-Identifier: MIT */
/*
 * The station's owner socket and its control port (contract in sim.h).
 *
 * One generic netlink socket per station radio sends every CONNECT (a
 * roam's too) and DISCONNECT with NL80211_ATTR_SOCKET_OWNER semantics:
 * cfg80211 then refuses both from any other socket (-EPERM), deauthenticates
 * the moment this socket closes (DISCONNECT reason 3; measured ~65 ms), and
 * with CONTROL_PORT_OVER_NL80211 unicasts the received frames of the
 * control-port EtherType to this socket only, as NL80211_CMD_CONTROL_PORT_FRAME
 * with sequence number 0. Such a frame can arrive while a request on the
 * same socket waits for its ACK: the request loop (sim_nl_request_owner)
 * hands it to queue_frame, and sim_sta_port_dispatch delivers the queue
 * first, so the caller sees every frame once, in arrival order.
 *
 * What the caller polls is not the netlink socket itself but an epoll
 * set of {the socket, an eventfd that is readable while the queue is not
 * empty}: a frame queued during a request must wake the caller's loop
 * even when nothing more arrives on the socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "nl.h"
#include "sim-internal.h"

/* As the ctx's request socket: only a wedged kernel takes this long. */
#define PORT_REQUEST_TIMEOUT_MS 5000
/* The largest PDU sim accepts to send: an 802.11 MSDU (2304) less the
 * LLC/SNAP header and EtherType. */
#define PORT_PDU_MAX 2296

struct port_frame {
	struct port_frame *next;
	struct sim_port_frame f;    /* f.data points at buf */
	uint8_t buf[];
};

struct sim_port {
	struct nl_sock *sk;
	int evfd;                   /* readable while head != NULL */
	int epfd;                   /* {sk, evfd}: what the caller polls */
	struct port_frame *head, **tail;
	uint32_t wiphy;             /* the radio's, for a frame without one */
};

static struct nla_policy frame_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_MAC] = { .minlen = SIM_ETH_ALEN, .maxlen = SIM_ETH_ALEN },
	[NL80211_ATTR_CONTROL_PORT_ETHERTYPE] = { .type = NLA_U16 },
	[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT] = { .type = NLA_FLAG },
	[NL80211_ATTR_FRAME] = { .type = NLA_UNSPEC },
};

static const int frame_required[] = {
	NL80211_ATTR_IFINDEX, NL80211_ATTR_MAC,
	NL80211_ATTR_CONTROL_PORT_ETHERTYPE, NL80211_ATTR_FRAME,
};

static void port_signal(struct sim_port *port, bool pending)
{
	uint64_t v = 1;

	if (pending) {
		/* Can only fail when the counter would overflow. */
		(void)!write(port->evfd, &v, sizeof(v));
		return;
	}
	(void)!read(port->evfd, &v, sizeof(v));
}

/* One message received on the owner socket: a control-port frame is
 * validated and queued; anything else (the owner socket joins no group,
 * so nothing else is expected) is dropped with one line. */
static int queue_frame(struct nl_msg *msg, void *arg)
{
	struct sim_port *port = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct port_frame *pf;
	size_t len;
	int r;

	if (!genlmsg_valid_hdr(nlh, 0)) {
		fprintf(stderr, "sim: port.c queue_frame: a message too short "
			"for a genetlink header: dropped\n");
		return -EBADMSG;
	}
	if (gnlh->cmd != NL80211_CMD_CONTROL_PORT_FRAME) {
		fprintf(stderr, "sim: port.c queue_frame: unexpected nl80211 "
			"command %u on the owner socket: dropped\n", gnlh->cmd);
		return -EBADMSG;
	}
	r = genlmsg_parse(nlh, 0, tb, NL80211_ATTR_MAX, frame_policy);
	if (r < 0) {
		fprintf(stderr, "sim: port.c queue_frame: CONTROL_PORT_FRAME "
			"fails its policy: dropped\n");
		return sim_nl_errno(r);
	}
	for (size_t i = 0; i < sizeof(frame_required) / sizeof(frame_required[0]); i++) {
		if (!tb[frame_required[i]]) {
			fprintf(stderr, "sim: port.c queue_frame: "
				"CONTROL_PORT_FRAME without attribute %d: "
				"dropped\n", frame_required[i]);
			return -EBADMSG;
		}
	}
	len = (size_t)nla_len(tb[NL80211_ATTR_FRAME]);
	pf = calloc(1, sizeof(*pf) + len);
	if (!pf) {
		fprintf(stderr, "sim: port.c queue_frame: out of memory: a "
			"%zu-byte frame dropped\n", len);
		return -ENOMEM;
	}
	memcpy(pf->buf, nla_data(tb[NL80211_ATTR_FRAME]), len);
	pf->f.wiphy = tb[NL80211_ATTR_WIPHY] ?
		      nla_get_u32(tb[NL80211_ATTR_WIPHY]) : port->wiphy;
	pf->f.ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	memcpy(pf->f.src, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	pf->f.ethertype = nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]);
	pf->f.unencrypted = tb[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT] != NULL;
	pf->f.data = pf->buf;
	pf->f.len = len;
	pf->f.t_ns = sim_clock_now_ns();
	if (!port->head)
		port_signal(port, true);
	*port->tail = pf;
	port->tail = &pf->next;
	return 0;
}

static void port_drop_queue(struct sim_port *port)
{
	while (port->head) {
		struct port_frame *pf = port->head;

		port->head = pf->next;
		free(pf);
	}
	port->tail = &port->head;
}

static void port_close(struct sim_port *port)
{
	port_drop_queue(port);
	if (port->epfd >= 0)
		close(port->epfd);
	if (port->evfd >= 0)
		close(port->evfd);
	/* Closing the owner socket is what ends an association it owns. */
	if (port->sk)
		nl_socket_free(port->sk);
	free(port);
}

static int port_open(struct sim_radio *radio, struct sim_port **out)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct sim_port *port;
	int r;

	port = calloc(1, sizeof(*port));
	if (!port)
		return -ENOMEM;
	port->evfd = port->epfd = -1;
	port->tail = &port->head;
	port->wiphy = radio->info.wiphy;
	r = sim_nl_socket_new(NETLINK_GENERIC, PORT_REQUEST_TIMEOUT_MS,
			      &port->sk);
	if (r < 0)
		goto close;
	port->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	port->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (port->evfd < 0 || port->epfd < 0) {
		r = -errno;
		goto close;
	}
	ev.data.fd = nl_socket_get_fd(port->sk);
	if (epoll_ctl(port->epfd, EPOLL_CTL_ADD, ev.data.fd, &ev) < 0) {
		r = -errno;
		goto close;
	}
	ev.data.fd = port->evfd;
	if (epoll_ctl(port->epfd, EPOLL_CTL_ADD, port->evfd, &ev) < 0) {
		r = -errno;
		goto close;
	}
	*out = port;
	return 0;
close:
	fprintf(stderr, "sim: %s: cannot open the owner socket: %s\n",
		radio->info.name, strerror(-r));
	port_close(port);
	return r;
}

static int port_get(struct sim_radio *sta, struct sim_port **out)
{
	int r;

	if (!sta->info.ifindex)
		return -ENODEV;
	if (!sta->port) {
		r = port_open(sta, &sta->port);
		if (r < 0)
			return r;
	}
	*out = sta->port;
	return 0;
}

void sim_port_free(struct sim_radio *radio)
{
	if (radio->port)
		port_close(radio->port);
	radio->port = NULL;
}

int sim_port_request(struct sim_ctx *ctx, struct sim_radio *sta,
		     struct nl_msg *msg, const char *what, int quiet)
{
	struct sim_port *port;
	int r;

	(void)ctx;
	r = port_get(sta, &port);
	if (r < 0) {
		nlmsg_free(msg);
		return r;
	}
	return sim_nl_request_owner(port->sk, msg, NULL, NULL, what, quiet,
				    queue_frame, port);
}

int sim_sta_port_fd(struct sim_ctx *ctx, struct sim_radio *sta)
{
	struct sim_port *port;
	int r;

	(void)ctx;
	r = port_get(sta, &port);
	return r < 0 ? r : port->epfd;
}

static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* A message queue_frame drops is logged there; the rest of the datagram
 * is still read. */
static int dispatch_valid(struct nl_msg *msg, void *arg)
{
	(void)queue_frame(msg, arg);
	return NL_SKIP;
}

/* Every message already waiting on the socket, into the queue. */
static int port_read_all(struct sim_port *port)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(port->sk), .events = POLLIN };
	struct nl_cb *cb;
	int r = 0;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	/* Kernel events carry sequence number 0: libnl's own check would
	 * refuse them. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, dispatch_valid, port);
	/* poll first: the socket blocks (with a timeout) for requests, and
	 * dispatch must never block. */
	while (poll(&pfd, 1, 0) == 1) {
		r = nl_recvmsgs_report(port->sk, cb);
		if (r < 0) {
			r = sim_nl_errno(r);
			/* A frame that broke libnl's parsing was reported
			 * by it; one bad datagram does not stop the port. */
			if (r == -ENOMEM || r == -EBADF)
				break;
			fprintf(stderr, "sim: port.c dispatch: receive: %s\n",
				strerror(-r));
		}
		r = 0;
	}
	nl_cb_put(cb);
	return r;
}

int sim_sta_port_dispatch(struct sim_ctx *ctx, struct sim_radio *sta,
			  sim_port_cb cb, void *user_data)
{
	struct sim_port *port;
	int r;

	(void)ctx;
	r = port_get(sta, &port);
	if (r < 0)
		return r;
	r = port_read_all(port);
	/* Deliver one at a time from the head: a callback that sends (and
	 * so queues what arrives meanwhile) appends behind what is still
	 * to be delivered, which keeps arrival order. */
	while (port->head) {
		struct port_frame *pf = port->head;

		port->head = pf->next;
		if (!port->head)
			port->tail = &port->head;
		cb(&pf->f, user_data);
		free(pf);
	}
	port_signal(port, false);
	return r;
}

int sim_sta_port_send(struct sim_ctx *ctx, struct sim_radio *sta,
		      const uint8_t dst[SIM_ETH_ALEN], uint16_t ethertype,
		      const uint8_t *data, size_t len, bool no_encrypt)
{
	struct nl_msg *msg;
	char what[80];
	int r = 0;

	if (!sta->info.ifindex)
		return -ENODEV;
	if (!dst || !data || !len || len > PORT_PDU_MAX || !ethertype) {
		fprintf(stderr, "sim: control port send on %s: need a "
			"destination, an EtherType and 1..%d bytes\n",
			sta->info.ifname, PORT_PDU_MAX);
		return -EINVAL;
	}
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_CONTROL_PORT_FRAME, 0);
	if (!msg)
		return -ENOMEM;
	r |= nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex);
	r |= nla_put(msg, NL80211_ATTR_FRAME, (int)len, data);
	r |= nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, ethertype);
	r |= nla_put(msg, NL80211_ATTR_MAC, SIM_ETH_ALEN, dst);
	if (no_encrypt)
		r |= nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT);
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 CONTROL_PORT_FRAME 0x%04x on %s",
		 ethertype, sta->info.ifname);
	/* Not associated: the caller's question, not a fault to log. */
	return sim_port_request(ctx, sta, msg, what, -ENOTCONN);
}
