/* SPDX-License-Identifier: MIT */
/*
 * medium-proc: the medium's process (contract in sim.h, protocol in
 * medium.h). One epoll loop over three fds: the registered hwsim socket
 * (frames in), the control socket (radios, links, stats), and a timerfd
 * (delayed deliveries). No threads.
 *
 * What hwsim does with our messages (Linux 6.1,
 * drivers/net/wireless/mac80211_hwsim.c):
 *  - hwsim_cloned_frame_received_nl takes a delivery only from the
 *    registered socket, for a radio of the same netgroup that is started
 *    and not idle (or scanning on that frequency), checks FREQ against its
 *    channel, and returns -EINVAL for anything it refuses. Netlink answers
 *    an error even without NLM_F_ACK; we ask for an ACK only on the
 *    delivery to a unicast frame's addressed radio and read it at once
 *    (the kernel handles our sendmsg synchronously, so its answer is
 *    queued when sendmsg returns): that answer decides HWSIM_TX_STAT_ACK.
 *  - hwsim_tx_info_frame_received_nl finds the transmitter's pending skb
 *    by cookie; hwsim keeps every transmitted skb until then (up to 200
 *    per radio, then drops the oldest), beacons included, so every frame
 *    gets exactly one status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "medium-proc.h"
#include "nl.h"

/* ---- talking to hwsim ------------------------------------------------- */

static struct nl_msg *mp_msg(struct mp *mp, uint8_t cmd, size_t extra)
{
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN +
					      (int)extra + 256);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, mp->family, 0, 0,
				cmd, 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Keeps a datagram for the loop (read while waiting for an ACK). */
static void mp_backlog_push(struct mp *mp, const uint8_t *data, size_t len)
{
	struct mp_backlog *b;

	if (mp->n_backlog >= MP_BACKLOG_MAX) {
		mp->st.overruns++;
		return;
	}
	b = malloc(sizeof(*b) + len);
	if (!b) {
		mp->st.overruns++;
		return;
	}
	b->next = NULL;
	b->len = len;
	memcpy(b->data, data, len);
	*mp->backlog_tail = b;
	mp->backlog_tail = &b->next;
	mp->n_backlog++;
}

/* The kernel's answer to request @seq: 0, or its -errno. Frames that come
 * first are kept for the loop. -ENODATA: no answer (our socket overflowed
 * and the kernel dropped it). */
static int mp_wait_answer(struct mp *mp, uint32_t seq)
{
	for (;;) {
		ssize_t n = recv(mp->fd, mp->buf, sizeof(mp->buf), MSG_DONTWAIT);
		const struct nlmsghdr *nlh = (const void *)mp->buf;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				mp->st.overruns++;
				continue;
			}
			return -ENODATA;
		}
		if (!NLMSG_OK(nlh, (size_t)n))
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR && nlh->nlmsg_seq == seq) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return -EBADMSG;
			return e->error;
		}
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			/* A refusal of an earlier, unacknowledged message. */
			mp->st.refused++;
			continue;
		}
		mp_backlog_push(mp, mp->buf, (size_t)n);
	}
}

/* One delivery. @addressed: wait for the kernel's answer (0: taken). */
static int mp_deliver(struct mp *mp, const struct mp_tx *tx,
		      const uint8_t rx_hw[SIM_ETH_ALEN], int32_t signal,
		      bool addressed)
{
	uint32_t rate = (int8_t)tx->tx_info[0] >= 0 ? tx->tx_info[0] : 0;
	struct nl_msg *msg = mp_msg(mp, SIM_HWSIM_CMD_FRAME, tx->len);
	uint32_t seq;
	int r;

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, SIM_HWSIM_ATTR_ADDR_RECEIVER, SIM_ETH_ALEN, rx_hw) < 0 ||
	    nla_put(msg, SIM_HWSIM_ATTR_FRAME, (int)tx->len, tx->frame) < 0 ||
	    nla_put_u32(msg, SIM_HWSIM_ATTR_RX_RATE, rate) < 0 ||
	    nla_put_u32(msg, SIM_HWSIM_ATTR_SIGNAL, (uint32_t)signal) < 0 ||
	    (tx->has_freq && nla_put_u32(msg, SIM_HWSIM_ATTR_FREQ, tx->freq) < 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	if (addressed)
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	r = sim_nl_errno(nl_send_auto(mp->sk, msg));
	seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (r < 0)
		return r;
	mp->st.delivered++;
	if (!addressed)
		return 0;
	r = mp_wait_answer(mp, seq);
	if (r < 0)
		mp->st.refused++;
	return r;
}

static void mp_status(struct mp *mp, struct mp_tx *tx, bool acked,
		      int32_t ack_signal)
{
	uint32_t flags = tx->flags & ~(uint32_t)SIM_HWSIM_TX_STAT_ACK;
	struct nl_msg *msg;

	if (tx->status_sent)
		return;
	tx->status_sent = true;
	if (!(tx->flags & SIM_HWSIM_TX_CTL_NO_ACK)) {
		if (acked)
			mp->st.acked++;
		else
			mp->st.unacked++;
	}
	if (acked)
		flags |= SIM_HWSIM_TX_STAT_ACK;
	msg = mp_msg(mp, SIM_HWSIM_CMD_TX_INFO_FRAME, 0);
	if (!msg)
		return;
	if (nla_put(msg, SIM_HWSIM_ATTR_ADDR_TRANSMITTER, SIM_ETH_ALEN, tx->tx_hw) < 0 ||
	    nla_put_u32(msg, SIM_HWSIM_ATTR_FLAGS, flags) < 0 ||
	    nla_put_u32(msg, SIM_HWSIM_ATTR_SIGNAL, (uint32_t)ack_signal) < 0 ||
	    nla_put(msg, SIM_HWSIM_ATTR_TX_INFO, SIM_HWSIM_TX_INFO_LEN, tx->tx_info) < 0 ||
	    nla_put_u64(msg, SIM_HWSIM_ATTR_COOKIE, tx->cookie) < 0) {
		nlmsg_free(msg);
		return;
	}
	/* Its refusal (a radio deleted meanwhile) comes back as an error
	 * the loop skips. */
	(void)nl_send_auto(mp->sk, msg);
	nlmsg_free(msg);
}

static void mp_tx_put(struct mp_tx *tx)
{
	if (--tx->refs == 0)
		free(tx);
}

/* ---- delays ----------------------------------------------------------- */

static void mp_arm(struct mp *mp)
{
	struct itimerspec its = { 0 };

	if (mp->queue) {
		its.it_value.tv_sec = (time_t)(mp->queue->due_ns / SIM_NSEC_PER_SEC);
		its.it_value.tv_nsec = (long)(mp->queue->due_ns % SIM_NSEC_PER_SEC);
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1;
	}
	timerfd_settime(mp->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static int mp_enqueue(struct mp *mp, struct mp_tx *tx, const uint8_t *rx_hw,
		      int32_t signal, int32_t ack_signal, bool addressed,
		      uint64_t due)
{
	struct mp_delayed *d = calloc(1, sizeof(*d)), **pp;

	if (!d)
		return -ENOMEM;
	d->tx = tx;
	tx->refs++;
	memcpy(d->rx_hw, rx_hw, SIM_ETH_ALEN);
	d->signal = signal;
	d->ack_signal = ack_signal;
	d->addressed = addressed;
	d->due_ns = due;
	/* After every entry due at the same time or earlier: with the
	 * link's last_due, frames on one link leave in the order they came. */
	for (pp = &mp->queue; *pp && (*pp)->due_ns <= due; pp = &(*pp)->next)
		;
	d->next = *pp;
	*pp = d;
	mp->st.delayed++;
	return 0;
}

static void mp_run_queue(struct mp *mp)
{
	uint64_t now = sim_mp_now();

	while (mp->queue && mp->queue->due_ns <= now) {
		struct mp_delayed *d = mp->queue;
		int r;

		mp->queue = d->next;
		r = mp_deliver(mp, d->tx, d->rx_hw, d->signal, d->addressed);
		if (d->addressed)
			mp_status(mp, d->tx, r == 0, d->ack_signal);
		mp_tx_put(d->tx);
		free(d);
	}
	mp_arm(mp);
}

/* ---- one transmitted frame -------------------------------------------- */

static struct nla_policy mp_frame_policy[SIM_HWSIM_ATTR_KNOWN_MAX + 1] = {
	[SIM_HWSIM_ATTR_ADDR_TRANSMITTER] = { .minlen = SIM_ETH_ALEN,
					      .maxlen = SIM_ETH_ALEN },
	/* Longer than hwsim delivers is still a frame to give a status. */
	[SIM_HWSIM_ATTR_FRAME] = { .minlen = 1, .maxlen = 65535 },
	[SIM_HWSIM_ATTR_FLAGS] = { .type = NLA_U32 },
	[SIM_HWSIM_ATTR_TX_INFO] = { .minlen = SIM_HWSIM_TX_INFO_LEN,
				     .maxlen = SIM_HWSIM_TX_INFO_LEN },
	[SIM_HWSIM_ATTR_COOKIE] = { .type = NLA_U64 },
	[SIM_HWSIM_ATTR_FREQ] = { .type = NLA_U32 },
};

/* The signal a sniffer hears @tx at (sim.h): toward the addressed radio,
 * or, for a group-addressed frame, toward the first station radio. */
static int32_t mp_sniffer_signal(struct mp *mp, const struct mp_radio *from,
				 const struct sim_medium_frame_info *fi,
				 uint64_t now)
{
	for (size_t i = 0; i < mp->n_radios; i++) {
		const struct mp_radio *r = &mp->radios[i];

		if (r == from || r->role == SIM_MEDIUM_ROLE_SNIFFER)
			continue;
		if (fi->group ? r->role == SIM_MEDIUM_ROLE_STATION :
				sim_mp_radio_has(mp, r, fi->addr1))
			return sim_mp_signal(sim_mp_link_find(mp, from->addr, r->addr), now);
	}
	return SIM_MEDIUM_SIGNAL_DEFAULT;
}

static void mp_frame(struct mp *mp, const struct nlmsghdr *nlh)
{
	struct nlattr *tb[SIM_HWSIM_ATTR_KNOWN_MAX + 1];
	struct sim_medium_frame_info fi;
	const struct mp_radio *from;
	struct nlattr *fa;
	struct mp_tx *tx;
	bool wants_ack, pending = false;
	uint64_t now = sim_mp_now();
	int32_t sniff = 0;
	size_t len;

	mp->st.frames++;
	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, SIM_HWSIM_ATTR_KNOWN_MAX,
			  mp_frame_policy) < 0 ||
	    !tb[SIM_HWSIM_ATTR_ADDR_TRANSMITTER] || !tb[SIM_HWSIM_ATTR_FRAME] ||
	    !tb[SIM_HWSIM_ATTR_FLAGS] || !tb[SIM_HWSIM_ATTR_TX_INFO] ||
	    !tb[SIM_HWSIM_ATTR_COOKIE]) {
		/* Without transmitter and cookie there is no status to give:
		 * hwsim drops the skb when its queue fills. */
		sim_mp_invalid(mp, "FRAME fails its policy or lacks an attribute "
			   "(type, length)", nlh->nlmsg_type, nlh->nlmsg_len);
		return;
	}
	fa = tb[SIM_HWSIM_ATTR_FRAME];
	len = (size_t)nla_len(fa);
	tx = malloc(sizeof(*tx) + len);
	if (!tx) {
		mp->st.overruns++;
		return;
	}
	*tx = (struct mp_tx){ .refs = 1, .len = len,
			      .flags = nla_get_u32(tb[SIM_HWSIM_ATTR_FLAGS]),
			      .cookie = nla_get_u64(tb[SIM_HWSIM_ATTR_COOKIE]) };
	memcpy(tx->frame, nla_data(fa), len);
	memcpy(tx->tx_hw, nla_data(tb[SIM_HWSIM_ATTR_ADDR_TRANSMITTER]), SIM_ETH_ALEN);
	memcpy(tx->tx_info, nla_data(tb[SIM_HWSIM_ATTR_TX_INFO]), SIM_HWSIM_TX_INFO_LEN);
	if (tb[SIM_HWSIM_ATTR_FREQ]) {
		tx->has_freq = true;
		tx->freq = nla_get_u32(tb[SIM_HWSIM_ATTR_FREQ]);
	}
	wants_ack = !(tx->flags & SIM_HWSIM_TX_CTL_NO_ACK);
	from = sim_mp_radio_by_hw(mp, tx->tx_hw);
	/* A frame hwsim could not deliver anyway (a 10-byte control frame),
	 * or from a radio we were not told of: status only, not ACKed. */
	if (!from) {
		mp->st.unknown++;
		goto status;
	}
	if (sim_medium_frame_parse(tx->frame, tx->len, &fi) < 0) {
		if (tx->len > SIM_MEDIUM_FRAME_MAX)
			sim_mp_invalid(mp, "frame longer than hwsim delivers (bytes, "
				   "max)", (unsigned int)tx->len,
				   SIM_MEDIUM_FRAME_MAX);
		goto status;
	}
	for (size_t i = 0; i < mp->n_radios; i++) {
		const struct mp_radio *r = &mp->radios[i];
		struct mp_link *lk;
		bool addressed, lost = false;
		uint64_t due;
		int32_t sig, ack_sig;
		int rc;

		if (r == from)
			continue;
		if (r->role == SIM_MEDIUM_ROLE_SNIFFER) {
			if (!sniff)
				sniff = mp_sniffer_signal(mp, from, &fi, now);
			mp_deliver(mp, tx, r->hwaddr, sniff, false);
			continue;
		}
		lk = sim_mp_link_find(mp, from->addr, r->addr);
		addressed = !fi.group && sim_mp_radio_has(mp, r, fi.addr1);
		if (lk && lk->l.loss_pct) {
			/* A unicast frame that wants an ACK is retried by the
			 * radio: it is lost only when every attempt is. */
			unsigned int tries = addressed && wants_ack ?
					     sim_medium_tx_attempts(tx->tx_info) : 1;

			lost = true;
			for (unsigned int k = 0; k < tries && lost; k++)
				lost = sim_medium_draw_lost(&lk->prng, lk->l.loss_pct);
		}
		if (lost) {
			mp->st.lost++;
			continue;
		}
		sig = sim_mp_signal(lk, now);
		ack_sig = sim_mp_signal(sim_mp_link_find(mp, r->addr, from->addr), now);
		due = now;
		if (lk && (lk->l.delay_ms || lk->last_due_ns > now)) {
			due = now + (uint64_t)lk->l.delay_ms * SIM_NSEC_PER_MSEC;
			if (due < lk->last_due_ns)
				due = lk->last_due_ns;
			lk->last_due_ns = due;
		}
		if (due > now) {
			if (mp_enqueue(mp, tx, r->hwaddr, sig, ack_sig,
				       addressed && wants_ack, due) == 0 &&
			    addressed && wants_ack)
				pending = true;
			continue;
		}
		rc = mp_deliver(mp, tx, r->hwaddr, sig, addressed && wants_ack);
		if (addressed && wants_ack)
			mp_status(mp, tx, rc == 0, ack_sig);
	}
	if (mp->queue)
		mp_arm(mp);
status:
	if (!pending)
		mp_status(mp, tx, false, SIM_MEDIUM_SIGNAL_DEFAULT);
	mp_tx_put(tx);
}

/* One datagram from the hwsim socket. */
static void mp_datagram(struct mp *mp, const uint8_t *data, size_t len)
{
	const struct nlmsghdr *nlh = (const void *)data;

	for (; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			/* A delivery (or status) we did not wait for,
			 * refused. */
			if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*e)) && e->error)
				mp->st.refused++;
			continue;
		}
		if (nlh->nlmsg_type != mp->family ||
		    nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN)) {
			sim_mp_invalid(mp, "not a hwsim message (type, length)",
				   nlh->nlmsg_type, nlh->nlmsg_len);
			continue;
		}
		switch (((const struct genlmsghdr *)NLMSG_DATA(nlh))->cmd) {
		case SIM_HWSIM_CMD_FRAME:
			mp_frame(mp, nlh);
			break;
		case SIM_HWSIM_CMD_ADD_MAC_ADDR:
			sim_mp_vif_change(mp, nlh, true);
			break;
		case SIM_HWSIM_CMD_DEL_MAC_ADDR:
			sim_mp_vif_change(mp, nlh, false);
			break;
		default:
			sim_mp_invalid(mp, "unexpected hwsim command (cmd, length)",
				   ((const struct genlmsghdr *)NLMSG_DATA(nlh))->cmd,
				   nlh->nlmsg_len);
			break;
		}
	}
}

static void mp_read(struct mp *mp)
{
	/* Bounded per turn, so the control socket is heard under a flood. */
	for (int k = 0; k < 256; k++) {
		ssize_t n;

		while (mp->backlog) {
			struct mp_backlog *b = mp->backlog;

			mp->backlog = b->next;
			if (!mp->backlog)
				mp->backlog_tail = &mp->backlog;
			mp->n_backlog--;
			mp_datagram(mp, b->data, b->len);
			free(b);
		}
		n = recv(mp->fd, mp->buf, sizeof(mp->buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == ENOBUFS) {
				mp->st.overruns++;
				continue;
			}
			return;
		}
		mp_datagram(mp, mp->buf, (size_t)n);
	}
}

static int mp_register(struct mp *mp)
{
	struct nl_msg *msg;
	int size = MP_RCVBUF, r;

	r = sim_nl_socket_new(NETLINK_GENERIC, 2000, &mp->sk);
	if (r < 0)
		return r;
	r = sim_nl_family(mp->sk, "MAC80211_HWSIM");
	if (r < 0)
		return r;
	mp->family = r;
	mp->fd = nl_socket_get_fd(mp->sk);
	if (setsockopt(mp->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(mp->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	msg = mp_msg(mp, SIM_HWSIM_CMD_REGISTER, 0);
	if (!msg)
		return -ENOMEM;
	/* Quiet: the caller names -EBUSY and -EOPNOTSUPP itself. */
	r = sim_nl_request_quiet(mp->sk, msg, NULL, NULL, "hwsim REGISTER", -EBUSY);
	if (r < 0)
		return r;
	/* From now on only our own sends are answered, and not by default. */
	nl_socket_disable_auto_ack(mp->sk);
	return 0;
}

int sim_medium_proc_main(int ctl, uint64_t seed)
{
	static struct mp mp0;
	struct mp *mp = &mp0;
	struct sim_medium_wire_reply rep = { 0 };
	struct epoll_event ev;
	int r;

	/* Every frame of the world waits for this process: an off-channel
	 * scan dwells 30 ms after its probe (mac80211's
	 * IEEE80211_CHANNEL_TIME), in which the probe and the AP's response
	 * both pass through here. Ahead of the scenario's other processes,
	 * then, where allowed (root; otherwise it runs at the nice level it
	 * has). Not a real-time class: a flood must not starve hostapd. */
	(void)setpriority(PRIO_PROCESS, 0, -20);
	mp->ctl = ctl;
	mp->seed = seed;
	mp->backlog_tail = &mp->backlog;
	mp->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	mp->epfd = epoll_create1(EPOLL_CLOEXEC);
	r = mp->tfd < 0 || mp->epfd < 0 ? -errno : mp_register(mp);
	rep.rc = r;
	if (send(ctl, &rep, sizeof(rep), MSG_NOSIGNAL) != sizeof(rep) || r < 0)
		return EXIT_FAILURE;
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = mp->fd };
	epoll_ctl(mp->epfd, EPOLL_CTL_ADD, mp->fd, &ev);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = ctl };
	epoll_ctl(mp->epfd, EPOLL_CTL_ADD, ctl, &ev);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = mp->tfd };
	epoll_ctl(mp->epfd, EPOLL_CTL_ADD, mp->tfd, &ev);
	for (;;) {
		struct epoll_event evs[4];
		int n = epoll_wait(mp->epfd, evs, 4, -1);

		if (n < 0 && errno != EINTR)
			break;
		for (int i = 0; i < n; i++) {
			if (evs[i].data.fd == ctl) {
				if (sim_mp_control(mp))
					goto out;
			} else if (evs[i].data.fd == mp->tfd) {
				uint64_t ticks;

				(void)!read(mp->tfd, &ticks, sizeof(ticks));
				mp_run_queue(mp);
			} else {
				mp_read(mp);
			}
		}
		if (mp->backlog)
			mp_read(mp);
	}
out:
	/* Closing the socket hands delivery back to the kernel. */
	nl_socket_free(mp->sk);
	return EXIT_SUCCESS;
}
