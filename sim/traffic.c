/* SPDX-License-Identifier: MIT */
/*
 * Data over the link, and EAPOL forged on the AP side (contract in sim.h):
 * PF_PACKET sockets on the station's and the AP's network interfaces.
 *
 * Frames of sim_traffic carry EtherType 0x88B5 (IEEE 802 "local
 * experimental", never used by anything on these interfaces) and a
 * payload of a magic, a per-call nonce, the direction and a sequence
 * number: a frame from an earlier call, or one that is not ours, is not
 * counted, and each sequence number counts once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "sim-internal.h"

#define TRAFFIC_ETHERTYPE 0x88b5
#define TRAFFIC_MAGIC 0x69687674u   /* "ihvt" */
#define TRAFFIC_MAX 4096u            /* frames each way in one call */
#define TRAFFIC_UP 1
#define TRAFFIC_DOWN 2

struct traffic_pdu {
	uint32_t magic;
	uint64_t nonce;
	uint32_t dir;
	uint32_t seq;
	uint8_t pad[28];             /* a data frame of a plausible size */
} __attribute__((packed));

/* A datagram packet socket for @proto bound to @ifindex. */
static int packet_socket(int ifindex, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
	};
	int fd, r;

	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    htons(proto));
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	return fd;
}

static int packet_send(int fd, int ifindex, uint16_t proto,
		       const uint8_t dst[SIM_ETH_ALEN], const void *data,
		       size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
		.sll_halen = SIM_ETH_ALEN,
	};

	memcpy(sll.sll_addr, dst, SIM_ETH_ALEN);
	if (sendto(fd, data, len, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return -errno;
	return 0;
}

static int ap_ifindex(const struct sim_ap *ap)
{
	unsigned int i = if_nametoindex(sim_ap_ifname(ap));

	return i ? (int)i : -ENODEV;
}

int sim_ap_send_eapol(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
		      const uint8_t *data, size_t len)
{
	int ifindex, fd, r;

	if (!data || len < 4 || len > 2296) {
		fprintf(stderr, "sim: EAPOL from the AP on %s: 4..2296 bytes, "
			"not %zu\n", sim_ap_ifname(ap), len);
		return -EINVAL;
	}
	ifindex = ap_ifindex(ap);
	if (ifindex < 0)
		return ifindex;
	fd = packet_socket(ifindex, SIM_ETH_P_PAE);
	if (fd < 0)
		return fd;
	/* The kernel fills in the Ethernet header: source = the AP
	 * interface's address, the BSSID. mac80211 lets the control-port
	 * EtherType through to a station whose port is still closed. */
	r = packet_send(fd, ifindex, SIM_ETH_P_PAE, sta, data, len);
	if (r < 0)
		fprintf(stderr, "sim: EAPOL from the AP on %s to " SIM_MAC_FMT
			": %s\n", sim_ap_ifname(ap), SIM_MAC_ARG(sta),
			strerror(-r));
	close(fd);
	return r;
}

struct traffic_end {
	int fd;
	int ifindex;
	uint8_t *seen;               /* one flag per sequence number */
	unsigned int got;
};

/* Reads every waiting frame on @e; counts ours for @dir once each. */
static void traffic_drain(struct traffic_end *e, uint64_t nonce, uint32_t dir,
			  const uint8_t from[SIM_ETH_ALEN], unsigned int count)
{
	struct traffic_pdu pdu;
	struct sockaddr_ll sll;
	socklen_t sl;
	ssize_t n;

	for (;;) {
		sl = sizeof(sll);
		n = recvfrom(e->fd, &pdu, sizeof(pdu), MSG_TRUNC,
			     (struct sockaddr *)&sll, &sl);
		if (n < 0)
			return;
		/* Frames the interface itself sent show up as OUTGOING on
		 * a packet socket too. */
		if (sll.sll_pkttype == PACKET_OUTGOING)
			continue;
		if ((size_t)n != sizeof(pdu) || pdu.magic != TRAFFIC_MAGIC ||
		    pdu.nonce != nonce || pdu.dir != dir || pdu.seq >= count ||
		    sll.sll_halen != SIM_ETH_ALEN ||
		    memcmp(sll.sll_addr, from, SIM_ETH_ALEN) != 0)
			continue;
		if (!e->seen[pdu.seq]) {
			e->seen[pdu.seq] = 1;
			e->got++;
		}
	}
}

static int traffic_send(struct traffic_end *e, const uint8_t dst[SIM_ETH_ALEN],
			uint64_t nonce, uint32_t dir, uint32_t seq,
			unsigned int *sent)
{
	struct traffic_pdu pdu = {
		.magic = TRAFFIC_MAGIC, .nonce = nonce, .dir = dir, .seq = seq,
	};
	int r;

	r = packet_send(e->fd, e->ifindex, TRAFFIC_ETHERTYPE, dst, &pdu,
			sizeof(pdu));
	/* A full queue or a closed port drops the frame: that is what
	 * the counts are for. Anything else means the exchange broke. */
	if (r == 0)
		(*sent)++;
	else if (r != -EAGAIN && r != -ENOBUFS && r != -ENETDOWN)
		return r;
	return 0;
}

struct sim_traffic {
	struct traffic_end sta, ap;
	uint8_t sta_addr[SIM_ETH_ALEN], bssid[SIM_ETH_ALEN];
	uint64_t nonce;
	unsigned int count;
	struct sim_traffic_result res;
};

void sim_traffic_free(struct sim_traffic *t)
{
	if (!t)
		return;
	if (t->ap.fd >= 0)
		close(t->ap.fd);
	if (t->sta.fd >= 0)
		close(t->sta.fd);
	free(t->ap.seen);
	free(t->sta.seen);
	free(t);
}

int sim_traffic_start(struct sim_ctx *ctx, struct sim_radio *sta, struct sim_ap *ap,
		      unsigned int count, struct sim_traffic **out)
{
	struct sim_traffic *t;
	int r;

	(void)ctx;
	*out = NULL;
	if (!count || count > TRAFFIC_MAX) {
		fprintf(stderr, "sim: traffic: 1..%u frames, please\n", TRAFFIC_MAX);
		return -EINVAL;
	}
	if (!sta->info.ifindex)
		return -ENODEV;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->sta.fd = t->ap.fd = -1;
	t->count = count;
	memcpy(t->sta_addr, sta->info.addr, SIM_ETH_ALEN);
	memcpy(t->bssid, sim_ap_bssid(ap), SIM_ETH_ALEN);
	t->sta.ifindex = (int)sta->info.ifindex;
	t->ap.ifindex = ap_ifindex(ap);
	if (t->ap.ifindex < 0) {
		r = t->ap.ifindex;
		goto err;
	}
	if (getrandom(&t->nonce, sizeof(t->nonce), 0) != sizeof(t->nonce)) {
		r = -EIO;
		goto err;
	}
	t->sta.seen = calloc(count, 1);
	t->ap.seen = calloc(count, 1);
	if (!t->sta.seen || !t->ap.seen) {
		r = -ENOMEM;
		goto err;
	}
	t->sta.fd = packet_socket(t->sta.ifindex, TRAFFIC_ETHERTYPE);
	if (t->sta.fd < 0) {
		r = t->sta.fd;
		goto err;
	}
	t->ap.fd = packet_socket(t->ap.ifindex, TRAFFIC_ETHERTYPE);
	if (t->ap.fd < 0) {
		r = t->ap.fd;
		goto err;
	}
	for (unsigned int i = 0; i < count; i++) {
		r = traffic_send(&t->sta, t->bssid, t->nonce, TRAFFIC_UP, i,
				 &t->res.sent_up);
		if (r == 0)
			r = traffic_send(&t->ap, t->sta_addr, t->nonce, TRAFFIC_DOWN, i,
					 &t->res.sent_down);
		if (r < 0) {
			fprintf(stderr, "sim: traffic between %s and %s: "
				"send: %s\n", sta->info.ifname,
				sim_ap_ifname(ap), strerror(-r));
			goto err;
		}
		/* Read as we go: a socket's receive queue is finite. */
		traffic_drain(&t->ap, t->nonce, TRAFFIC_UP, t->sta_addr, count);
		traffic_drain(&t->sta, t->nonce, TRAFFIC_DOWN, t->bssid, count);
	}
	*out = t;
	return 0;
err:
	sim_traffic_free(t);
	return r;
}

int sim_traffic_poll(struct sim_traffic *t, struct sim_traffic_result *out)
{
	traffic_drain(&t->ap, t->nonce, TRAFFIC_UP, t->sta_addr, t->count);
	traffic_drain(&t->sta, t->nonce, TRAFFIC_DOWN, t->bssid, t->count);
	t->res.recv_up = t->ap.got;
	t->res.recv_down = t->sta.got;
	*out = t->res;
	return t->ap.got >= t->res.sent_up && t->sta.got >= t->res.sent_down;
}

int sim_traffic(struct sim_ctx *ctx, struct sim_radio *sta, struct sim_ap *ap,
		unsigned int count, unsigned int timeout_ms,
		struct sim_traffic_result *out)
{
	struct sim_traffic *t;
	struct pollfd pfd[2];
	uint64_t deadline, now;
	int r;

	memset(out, 0, sizeof(*out));
	if (!timeout_ms)
		return -EINVAL;
	r = sim_traffic_start(ctx, sta, ap, count, &t);
	if (r < 0)
		return r;
	deadline = sim_clock_now_ns() + (uint64_t)timeout_ms * SIM_NSEC_PER_MSEC;
	pfd[0] = (struct pollfd){ .fd = t->ap.fd, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = t->sta.fd, .events = POLLIN };
	while (!sim_traffic_poll(t, out) && (now = sim_clock_now_ns()) < deadline) {
		if (poll(pfd, 2, (int)((deadline - now) / SIM_NSEC_PER_MSEC) + 1) < 0 &&
		    errno != EINTR) {
			r = -errno;
			break;
		}
	}
	sim_traffic_free(t);
	return r;
}
