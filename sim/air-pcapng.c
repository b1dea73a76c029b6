/* SPDX-License-Identifier: MIT */
/*
 * air-pcapng: the air capture file (contract in air.h). pcapng rather
 * than pcap because one file holds several interfaces (a sniffer per
 * channel), each with its name, and nanosecond times (IETF draft
 * "PCAP Next Generation (pcapng) Capture File Format": SHB, IDB, EPB).
 * Blocks are written in host byte order; the byte-order magic says which.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "air.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define OPT_END 0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME 2
#define OPT_IF_TSRESOL 9
/* hwsim frames are at most ~2.4 kB; the radiotap header adds < 100. */
#define AIR_SNAPLEN 65535u
#define AIR_BLOCK_MAX (32 + 8192)

struct sim_pcapng {
	int fd;
	uint32_t n_if;
};

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Appends to @b (bounded by @cap) at *@off; false when it does not fit. */
static bool put(uint8_t *b, size_t cap, size_t *off, const void *p, size_t n)
{
	if (n > cap - *off)
		return false;
	if (n)  /* an empty option value may be NULL */
		memcpy(b + *off, p, n);
	*off += n;
	return true;
}

static bool put32(uint8_t *b, size_t cap, size_t *off, uint32_t v)
{
	return put(b, cap, off, &v, 4);
}

static bool put_opt(uint8_t *b, size_t cap, size_t *off, uint16_t code,
		    const void *val, size_t len)
{
	static const uint8_t zero[4];
	uint16_t h[2] = { code, (uint16_t)len };

	return len <= 0xffff && put(b, cap, off, h, 4) &&
	       put(b, cap, off, val, len) &&
	       put(b, cap, off, zero, pad4(len) - len);
}

/* Fixes the two length fields of the block in @b[0..len) and writes it. */
static int write_block(struct sim_pcapng *p, uint8_t *b, size_t cap, size_t len)
{
	uint32_t total = (uint32_t)len + 4;
	ssize_t n;

	if (!put32(b, cap, &len, total))
		return -EMSGSIZE;
	memcpy(b + 4, &total, 4);
	n = write(p->fd, b, len);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -ENOSPC;
}

int sim_pcapng_create(const char *path, struct sim_pcapng **out)
{
	static const char appl[] = "ihvhost sim (mac80211_hwsim monitor)";
	struct sim_pcapng *p;
	uint8_t b[128];
	size_t off = 0;
	uint16_t ver[2] = { 1, 0 };
	int64_t section_len = -1;   /* not given: the file is written live */
	int r;

	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (p->fd < 0) {
		r = -errno;
		free(p);
		return r;
	}
	if (!put32(b, sizeof(b), &off, BT_SHB) || !put32(b, sizeof(b), &off, 0) ||
	    !put32(b, sizeof(b), &off, BYTE_ORDER_MAGIC) ||
	    !put(b, sizeof(b), &off, ver, 4) ||
	    !put(b, sizeof(b), &off, &section_len, 8) ||
	    !put_opt(b, sizeof(b), &off, OPT_SHB_USERAPPL, appl, sizeof(appl) - 1) ||
	    !put_opt(b, sizeof(b), &off, OPT_END, NULL, 0)) {
		r = -EMSGSIZE;
		goto close;
	}
	r = write_block(p, b, sizeof(b), off);
	if (r < 0)
		goto close;
	*out = p;
	return 0;
close:
	close(p->fd);
	free(p);
	return r;
}

int sim_pcapng_add_interface(struct sim_pcapng *p, uint16_t linktype,
			     const char *name)
{
	uint16_t lt[2] = { linktype, 0 };
	uint8_t tsresol = 9;        /* 10^-9 s */
	uint8_t b[128];
	size_t off = 0;
	int r;

	if (!put32(b, sizeof(b), &off, BT_IDB) || !put32(b, sizeof(b), &off, 0) ||
	    !put(b, sizeof(b), &off, lt, 4) ||
	    !put32(b, sizeof(b), &off, AIR_SNAPLEN) ||
	    !put_opt(b, sizeof(b), &off, OPT_IF_NAME, name, strlen(name)) ||
	    !put_opt(b, sizeof(b), &off, OPT_IF_TSRESOL, &tsresol, 1) ||
	    !put_opt(b, sizeof(b), &off, OPT_END, NULL, 0))
		return -EMSGSIZE;
	r = write_block(p, b, sizeof(b), off);
	if (r == 0)
		p->n_if++;
	return r;
}

int sim_pcapng_packet(struct sim_pcapng *p, uint32_t ifid, uint64_t t_real_ns,
		      const uint8_t *data, size_t caplen, size_t origlen)
{
	static const uint8_t zero[4];
	uint8_t b[AIR_BLOCK_MAX];
	size_t off = 0;

	if (ifid >= p->n_if)
		return -EINVAL;
	if (caplen > AIR_SNAPLEN)
		caplen = AIR_SNAPLEN;
	if (!put32(b, sizeof(b), &off, BT_EPB) || !put32(b, sizeof(b), &off, 0) ||
	    !put32(b, sizeof(b), &off, ifid) ||
	    !put32(b, sizeof(b), &off, (uint32_t)(t_real_ns >> 32)) ||
	    !put32(b, sizeof(b), &off, (uint32_t)t_real_ns) ||
	    !put32(b, sizeof(b), &off, (uint32_t)caplen) ||
	    !put32(b, sizeof(b), &off, (uint32_t)(origlen > UINT32_MAX ? UINT32_MAX : origlen)) ||
	    !put(b, sizeof(b), &off, data, caplen) ||
	    !put(b, sizeof(b), &off, zero, pad4(caplen) - caplen))
		return -EMSGSIZE;
	return write_block(p, b, sizeof(b), off);
}

void sim_pcapng_close(struct sim_pcapng *p)
{
	if (!p)
		return;
	close(p->fd);
	free(p);
}
