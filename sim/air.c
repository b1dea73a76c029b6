/* SPDX-License-Identifier: MIT */
/*
 * air: the sniffer (contract in sim.h), one monitor radio per channel.
 *
 * Why an extra radio rather than hwsim0: hwsim0 is one global monitor of
 * every radio of every namespace, so under `ihvhost run -j N` it mixes the
 * scenarios. mac80211_hwsim delivers a transmitted frame to each other
 * radio that is started, not idle, of the same namespace group
 * (the netns that created it) and on the same channel
 * (mac80211_hwsim_tx_frame_no_nl). A radio whose only interface is a
 * monitor is started once the interface is up and never idle (mac80211
 * counts monitors as activity), and with one channel context hwsim tunes
 * it through the monitor channel (ieee80211_set_monitor_channel). So one
 * such radio per channel hears exactly this namespace's frames on it,
 * each with mac80211's radiotap header, and transmits nothing.
 *
 * Frames are read from a PF_PACKET socket bound to the monitor interface
 * with the kernel's receive time (SO_TIMESTAMPNS, wall clock): that time
 * goes into the pcapng as is, and, moved onto CLOCK_MONOTONIC, into the
 * summary, so a frame that waited in the socket while the caller was busy
 * still carries the time it was heard.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "air.h"
#include "nl.h"
#include "sim-internal.h"

/* Beacons alone are 10 frames/s per AP, and the caller may not dispatch
 * for seconds (a blocking step: an AP starting under TCG takes 0.5 s,
 * hostapd's own bound is 8 s): room for a few thousand frames. */
#define AIR_RCVBUF (4 * 1024 * 1024)
/* The largest frame hwsim passes (IEEE80211_MAX_DATA_LEN plus headers)
 * with its radiotap header fits; a longer one is written truncated. */
#define AIR_FRAME_MAX 8192

struct air_sniffer {
	struct sim_radio *radio;
	uint32_t freq_mhz;
	int fd;                     /* PF_PACKET on the monitor interface */
	uint32_t ifid;              /* its IDB in the pcapng */
};

struct sim_air {
	struct sim_ctx *ctx;
	struct air_sniffer sn[SIM_AIR_MAX_CHANNELS];
	size_t n;
	int epfd;                   /* every sniffer socket: what the caller polls */
	struct sim_pcapng *file;    /* NULL: none, or stopped after an error */
	int file_err;               /* reported once by dispatch */
	bool file_err_reported;
	sim_air_cb cb;
	void *user_data;
	unsigned long invalid;
	unsigned long dropped;
};

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * SIM_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* nl80211 SET_INTERFACE iftype monitor: only while the interface is down
 * (cfg80211 refuses a type change of a running netdev otherwise). */
static int air_set_monitor(struct sim_ctx *ctx, const struct sim_radio *r)
{
	struct nl_msg *msg;
	char what[64];

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_INTERFACE, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, r->info.ifindex) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_MONITOR) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 SET_INTERFACE monitor on %s",
		 r->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

/* nl80211 SET_WIPHY freq on the monitor interface, 20 MHz without HT:
 * what every AP sim starts uses (hostapd.c writes no ht_capab). */
static int air_set_freq(struct sim_ctx *ctx, const struct sim_radio *r,
			uint32_t freq)
{
	struct nl_msg *msg;
	char what[64];

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_WIPHY, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, r->info.ifindex) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, freq) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE, NL80211_CHAN_NO_HT) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "nl80211 SET_WIPHY %u MHz on %s", freq,
		 r->info.ifname);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

static int air_socket(struct air_sniffer *s)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = (int)s->radio->info.ifindex,
	};
	int one = 1, size = AIR_RCVBUF;

	s->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       htons(ETH_P_ALL));
	if (s->fd < 0)
		return -errno;
	/* FORCE needs CAP_NET_ADMIN (which creating radios needed too); the
	 * plain option is capped by net.core.rmem_max. */
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (setsockopt(s->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) < 0 ||
	    bind(s->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return -errno;
	return 0;
}

/* The radio, in monitor mode on @freq, up, with its socket. */
static int air_sniffer_new(struct sim_air *air, struct air_sniffer *s,
			   uint32_t freq)
{
	struct sim_ctx *ctx = air->ctx;
	struct epoll_event ev = { .events = EPOLLIN };
	char name[24];
	int r;

	s->fd = -1;
	s->freq_mhz = freq;
	snprintf(name, sizeof(name), "air-%u", freq);
	r = sim_radio_new(ctx, name, &s->radio);
	if (r < 0)
		return r;
	/* The channel takes two ups. cfg80211 sets a monitor channel only
	 * while a monitor is running (-EBUSY otherwise), and mac80211, for a
	 * driver without channel contexts like hwsim with one channel, then
	 * tunes the radio but leaves the channel context of its virtual
	 * monitor interface (hwsim wants one) where the first up put it:
	 * on the radio's first channel, 2412 MHz. hwsim delivers a frame to
	 * a radio whose channel OR whose interfaces' channel contexts match
	 * (mac80211_hwsim_tx_iter), so such a sniffer hears two channels
	 * (seen on 6.1). Down and up again, the virtual monitor takes the
	 * monitor channel now set. */
	r = sim_link_set_up(ctx, s->radio->info.ifindex, false);
	if (r == 0)
		r = air_set_monitor(ctx, s->radio);
	if (r == 0)
		r = sim_link_set_up(ctx, s->radio->info.ifindex, true);
	if (r == 0)
		r = air_set_freq(ctx, s->radio, freq);
	if (r == 0)
		r = sim_link_set_up(ctx, s->radio->info.ifindex, false);
	if (r == 0)
		r = sim_link_set_up(ctx, s->radio->info.ifindex, true);
	if (r == 0)
		r = air_socket(s);
	if (r == 0) {
		ev.data.u32 = (uint32_t)(s - air->sn);
		if (epoll_ctl(air->epfd, EPOLL_CTL_ADD, s->fd, &ev) < 0)
			r = -errno;
	}
	if (r < 0)
		fprintf(stderr, "sim: air: no sniffer on %u MHz: %s\n", freq,
			strerror(-r));
	return r;
}

static void air_sniffer_free(struct air_sniffer *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->radio)
		sim_radio_del(s->radio);
	s->radio = NULL;
}

static void air_file_error(struct sim_air *air, int r)
{
	if (!air->file_err)
		air->file_err = r;
	sim_pcapng_close(air->file);
	air->file = NULL;
}

/* Beacons and probes come by the dozen and say nothing about one
 * station's association: written, not delivered. */
static bool air_delivered(enum sim_air_type t)
{
	switch (t) {
	case SIM_AIR_BEACON:
	case SIM_AIR_PROBE_REQ:
	case SIM_AIR_PROBE_RESP:
		return false;
	case SIM_AIR_AUTH:
	case SIM_AIR_DEAUTH:
	case SIM_AIR_ASSOC_REQ:
	case SIM_AIR_ASSOC_RESP:
	case SIM_AIR_REASSOC_REQ:
	case SIM_AIR_REASSOC_RESP:
	case SIM_AIR_DISASSOC:
	case SIM_AIR_ACTION:
	case SIM_AIR_MGMT:
	case SIM_AIR_CONTROL:
	case SIM_AIR_EAPOL:
	case SIM_AIR_DATA:
	case SIM_AIR_NULL:
		return true;
	}
	return true;
}

/* One frame from @s: 1 handled, 0 nothing left, -errno. */
static int air_read_one(struct sim_air *air, struct air_sniffer *s)
{
	uint8_t buf[AIR_FRAME_MAX];
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec))];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_ll from;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	uint64_t now_real = clock_ns(CLOCK_REALTIME);
	uint64_t now_mono = clock_ns(CLOCK_MONOTONIC), t_real = now_real;
	struct sim_air_frame f;
	size_t caplen;
	ssize_t n;
	int r;

	n = recvmsg(s->fd, &mh, MSG_TRUNC);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
	/* Only what the monitor received: not a netdev of another type, and
	 * nothing this socket could see going out. */
	if (from.sll_hatype != ARPHRD_IEEE80211_RADIOTAP ||
	    from.sll_pkttype == PACKET_OUTGOING)
		return 1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct timespec))) {
			struct timespec ts;

			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			t_real = (uint64_t)ts.tv_sec * SIM_NSEC_PER_SEC +
				 (uint64_t)ts.tv_nsec;
		}
	}
	caplen = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf);
	if (air->file) {
		r = sim_pcapng_packet(air->file, s->ifid, t_real, buf, caplen,
				      (size_t)n);
		if (r < 0)
			air_file_error(air, r);
	}
	if (caplen < (size_t)n || sim_air_parse(buf, caplen, &f) < 0) {
		air->invalid++;
		return 1;
	}
	f.freq_mhz = s->freq_mhz;
	/* The kernel's receipt on the monotonic clock: how long ago it was,
	 * on the wall clock, taken from now (a stamp "in the future", after
	 * a wall-clock step, counts as now). */
	f.t_ns = now_mono - (t_real <= now_real && now_real - t_real < now_mono ?
			     now_real - t_real : 0);
	if (air->cb && air_delivered(f.type))
		air->cb(&f, air->user_data);
	return 1;
}

int sim_air_dispatch(struct sim_air *air)
{
	int r;

	for (size_t i = 0; i < air->n; i++) {
		if (air->sn[i].fd < 0)
			continue;       /* a half-made one, being freed */
		/* Bounded per call, so a flood on one channel cannot keep
		 * the caller's loop here; the fd stays readable for the
		 * rest. */
		for (int k = 0; k < 256; k++) {
			r = air_read_one(air, &air->sn[i]);
			if (r < 0) {
				fprintf(stderr, "sim: air: reading the %u MHz "
					"sniffer: %s\n", air->sn[i].freq_mhz,
					strerror(-r));
				return r;
			}
			if (r == 0)
				break;
		}
	}
	if (air->file_err && !air->file_err_reported) {
		air->file_err_reported = true;
		return air->file_err;
	}
	return 0;
}

int sim_air_new(struct sim_ctx *ctx, const uint32_t *freqs, size_t n,
		const char *pcapng_path, sim_air_cb cb, void *user_data,
		struct sim_air **out)
{
	struct sim_air *air;
	int r;

	size_t distinct = 0;

	/* Refused before any radio exists. */
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t k = 0; k < i; k++)
			seen |= freqs[k] == freqs[i];
		distinct += !seen;
	}
	if (distinct == 0 || distinct > SIM_AIR_MAX_CHANNELS) {
		fprintf(stderr, "sim: air: %zu channels: want 1..%d\n", distinct,
			SIM_AIR_MAX_CHANNELS);
		return distinct ? -E2BIG : -EINVAL;
	}
	air = calloc(1, sizeof(*air));
	if (!air)
		return -ENOMEM;
	air->ctx = ctx;
	air->cb = cb;
	air->user_data = user_data;
	air->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (air->epfd < 0) {
		r = -errno;
		free(air);
		return r;
	}
	if (pcapng_path) {
		r = sim_pcapng_create(pcapng_path, &air->file);
		if (r < 0) {
			fprintf(stderr, "sim: air: %s: %s\n", pcapng_path,
				strerror(-r));
			goto free_air;
		}
	}
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		char ifname[24];

		for (size_t k = 0; k < air->n; k++)
			seen |= air->sn[k].freq_mhz == freqs[i];
		if (seen)
			continue;
		r = air_sniffer_new(air, &air->sn[air->n], freqs[i]);
		air->n++;       /* a half-made sniffer is freed with the rest */
		if (r < 0)
			goto free_air;
		air->sn[air->n - 1].ifid = (uint32_t)(air->n - 1);
		snprintf(ifname, sizeof(ifname), "air-%uMHz", freqs[i]);
		if (air->file) {
			r = sim_pcapng_add_interface(air->file,
						     SIM_LINKTYPE_IEEE802_11_RADIOTAP,
						     ifname);
			if (r < 0)
				goto free_air;
		}
	}
	*out = air;
	return 0;
free_air:
	air->cb = NULL;
	sim_air_free(air);
	return r;
}

int sim_air_fd(const struct sim_air *air)
{
	return air->epfd;
}

/* PACKET_STATISTICS counts since the last read, and reading resets it. */
static void air_count_drops(struct sim_air *air)
{
	for (size_t i = 0; i < air->n; i++) {
		struct tpacket_stats st;
		socklen_t len = sizeof(st);

		if (air->sn[i].fd >= 0 &&
		    getsockopt(air->sn[i].fd, SOL_PACKET, PACKET_STATISTICS, &st,
			       &len) == 0)
			air->dropped += st.tp_drops;
	}
}

void sim_air_stats(struct sim_air *air, unsigned long *dropped,
		   unsigned long *invalid)
{
	air_count_drops(air);
	*dropped = air->dropped;
	*invalid = air->invalid;
}

void sim_air_free(struct sim_air *air)
{
	if (!air)
		return;
	if (air->n)
		sim_air_dispatch(air);
	air_count_drops(air);
	for (size_t i = 0; i < air->n; i++)
		air_sniffer_free(&air->sn[i]);
	if (air->dropped)
		fprintf(stderr, "sim: air: the kernel dropped %lu frame(s): the "
			"capture misses them\n", air->dropped);
	sim_pcapng_close(air->file);
	close(air->epfd);
	free(air);
}
