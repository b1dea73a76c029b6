/* SPDX-License-Identifier: MIT */
/*
 * pcap: write and read netlink recordings (format in pcap.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_arp.h>
#include <linux/netlink.h>

#include "sim.h"
#include "pcap.h"

#define PCAP_MAGIC_USEC 0xa1b2c3d4u
#define PCAP_MAGIC_NSEC 0xa1b23c4du
#define PCAP_VERSION_MAJOR 2
#define PCAP_VERSION_MINOR 4

struct pcap_file_hdr {
	uint32_t magic;
	uint16_t version_major;
	uint16_t version_minor;
	int32_t thiszone;
	uint32_t sigfigs;
	uint32_t snaplen;
	uint32_t linktype;
};

struct pcap_rec_hdr {
	uint32_t ts_sec;
	uint32_t ts_frac;    /* ns or us, per the magic */
	uint32_t incl_len;
	uint32_t orig_len;
};

/* The Linux cooked header, all fields big-endian. */
struct sll_hdr {
	uint16_t pkttype;
	uint16_t hatype;
	uint16_t halen;
	uint8_t addr[8];
	uint16_t protocol;
};

_Static_assert(sizeof(struct pcap_file_hdr) == 24, "pcap file header");
_Static_assert(sizeof(struct pcap_rec_hdr) == 16, "pcap record header");
_Static_assert(sizeof(struct sll_hdr) == SIM_PCAP_SLL_LEN, "SLL header");

/* ---- writing ----------------------------------------------------------- */

struct sim_pcap_writer {
	FILE *f;
};

int sim_pcap_create(const char *path, struct sim_pcap_writer **out)
{
	struct pcap_file_hdr h = {
		.magic = PCAP_MAGIC_NSEC,
		.version_major = PCAP_VERSION_MAJOR,
		.version_minor = PCAP_VERSION_MINOR,
		.snaplen = SIM_PCAP_SNAPLEN,
		.linktype = SIM_PCAP_LINKTYPE_NETLINK,
	};
	struct sim_pcap_writer *w;
	int err;

	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->f = fopen(path, "wbe");
	if (!w->f) {
		err = -errno;
		goto free_w;
	}
	if (fwrite(&h, sizeof(h), 1, w->f) != 1 || fflush(w->f) != 0) {
		err = errno ? -errno : -EIO;
		goto close_f;
	}
	*out = w;
	return 0;

close_f:
	fclose(w->f);
	remove(path);  /* nothing half-written left behind */
free_w:
	free(w);
	return err;
}

int sim_pcap_write(struct sim_pcap_writer *w, uint64_t t_ns, const void *msg,
		   size_t len)
{
	struct sll_hdr sll = {
		/* as nlmon reports kernel-to-user messages */
		.pkttype = htons(4 /* PACKET_OUTGOING */),
		.hatype = htons(ARPHRD_NETLINK),
		.protocol = htons(NETLINK_GENERIC),
	};
	struct pcap_rec_hdr r;

	if (len > SIM_PCAP_SNAPLEN - SIM_PCAP_SLL_LEN)
		return -EMSGSIZE;
	r.ts_sec = (uint32_t)(t_ns / SIM_NSEC_PER_SEC);
	r.ts_frac = (uint32_t)(t_ns % SIM_NSEC_PER_SEC);
	r.incl_len = r.orig_len = (uint32_t)(SIM_PCAP_SLL_LEN + len);
	if (fwrite(&r, sizeof(r), 1, w->f) != 1 ||
	    fwrite(&sll, sizeof(sll), 1, w->f) != 1 ||
	    fwrite(msg, len, 1, w->f) != 1 || fflush(w->f) != 0)
		return errno ? -errno : -EIO;
	return 0;
}

int sim_pcap_close(struct sim_pcap_writer *w)
{
	int err = 0;

	if (!w)
		return 0;
	if (fclose(w->f) != 0)
		err = -errno;
	free(w);
	return err;
}

/* ---- reading ----------------------------------------------------------- */

struct sim_pcap_reader {
	FILE *f;
	char *path;
	bool swapped;     /* written on a host of the other byte order */
	bool nsec;
	uint32_t snaplen;
	unsigned packet;
	uint8_t *buf;
	char err[256];
};

static uint32_t rd32(const struct sim_pcap_reader *r, uint32_t v)
{
	return r->swapped ? __builtin_bswap32(v) : v;
}

__attribute__((format(printf, 2, 3)))
static int reader_fail(struct sim_pcap_reader *r, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (r->packet)
		snprintf(r->err, sizeof(r->err), "%s: packet %u: %s", r->path,
			 r->packet, why);
	else
		snprintf(r->err, sizeof(r->err), "%s: %s", r->path, why);
	return -EBADMSG;
}

static int reader_io(struct sim_pcap_reader *r)
{
	int err = errno;

	reader_fail(r, "read error: %s", strerror(err));
	return -EIO;
}

static int read_header(struct sim_pcap_reader *r)
{
	struct pcap_file_hdr h;
	size_t n = fread(&h, 1, sizeof(h), r->f);

	if (n != sizeof(h))
		return ferror(r->f) ? reader_io(r) : reader_fail(r,
			"truncated pcap file header (%zu of %zu bytes)",
			n, sizeof(h));
	switch (h.magic) {
	case PCAP_MAGIC_USEC: break;
	case PCAP_MAGIC_NSEC: r->nsec = true; break;
	default:
		r->swapped = true;
		h.magic = __builtin_bswap32(h.magic);
		if (h.magic == PCAP_MAGIC_NSEC)
			r->nsec = true;
		else if (h.magic != PCAP_MAGIC_USEC)
			return reader_fail(r, "not a pcap file (magic 0x%08x)",
					   __builtin_bswap32(h.magic));
	}
	if (rd32(r, h.linktype) != SIM_PCAP_LINKTYPE_NETLINK)
		return reader_fail(r, "link type %u, want LINKTYPE_NETLINK (%u)",
				   rd32(r, h.linktype),
				   SIM_PCAP_LINKTYPE_NETLINK);
	r->snaplen = rd32(r, h.snaplen);
	if (r->snaplen == 0 || r->snaplen > SIM_PCAP_SNAPLEN)
		r->snaplen = SIM_PCAP_SNAPLEN;
	return 0;
}

int sim_pcap_open(const char *path, struct sim_pcap_reader **out)
{
	struct sim_pcap_reader *r;
	int err;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->path = strdup(path);
	r->buf = malloc(SIM_PCAP_SNAPLEN);
	if (!r->path || !r->buf) {
		err = -ENOMEM;
		goto free_r;
	}
	r->f = fopen(path, "rbe");
	if (!r->f) {
		err = -errno;
		snprintf(r->err, sizeof(r->err), "%s: %s", path, strerror(-err));
		goto free_r;
	}
	err = read_header(r);
	if (err < 0)
		goto close_f;
	*out = r;
	return 0;

close_f:
	fclose(r->f);
free_r:
	/* The caller cannot see r->err on failure: say it here, once. */
	if (r->err[0])
		fprintf(stderr, "sim: replay: %s\n", r->err);
	free(r->buf);
	free(r->path);
	free(r);
	return err;
}

int sim_pcap_next(struct sim_pcap_reader *r, uint64_t *t_ns,
		  const uint8_t **data, size_t *len)
{
	const struct sll_hdr *sll;
	struct pcap_rec_hdr h;
	uint32_t incl;
	size_t n;

	n = fread(&h, 1, sizeof(h), r->f);
	if (n == 0 && feof(r->f))
		return -ENODATA;
	r->packet++;
	if (n != sizeof(h))
		return ferror(r->f) ? reader_io(r) : reader_fail(r,
			"truncated record header (%zu of %zu bytes)",
			n, sizeof(h));
	incl = rd32(r, h.incl_len);
	if (incl > r->snaplen)
		return reader_fail(r, "length %u exceeds the snapshot length %u",
				   incl, r->snaplen);
	n = fread(r->buf, 1, incl, r->f);
	if (n != incl)
		return ferror(r->f) ? reader_io(r) : reader_fail(r,
			"truncated (%zu of %u bytes)", n, incl);
	if (incl < SIM_PCAP_SLL_LEN)
		return reader_fail(r, "%u bytes, shorter than its cooked header",
				   incl);
	sll = (const struct sll_hdr *)r->buf;
	if (ntohs(sll->hatype) != ARPHRD_NETLINK ||
	    ntohs(sll->protocol) != NETLINK_GENERIC)
		return reader_fail(r, "not generic netlink (hatype %u, protocol %u)",
				   ntohs(sll->hatype), ntohs(sll->protocol));
	*t_ns = (uint64_t)rd32(r, h.ts_sec) * SIM_NSEC_PER_SEC +
		(uint64_t)rd32(r, h.ts_frac) * (r->nsec ? 1 : 1000);
	*data = r->buf + SIM_PCAP_SLL_LEN;
	*len = incl - SIM_PCAP_SLL_LEN;
	return 0;
}

unsigned sim_pcap_packet_number(const struct sim_pcap_reader *r)
{
	return r->packet;
}

const char *sim_pcap_error(const struct sim_pcap_reader *r)
{
	return r->err;
}

void sim_pcap_free_reader(struct sim_pcap_reader *r)
{
	if (!r)
		return;
	fclose(r->f);
	free(r->buf);
	free(r->path);
	free(r);
}
