/* SPDX-License-Identifier: MIT */
/*
 * air-parse: one frame from a monitor interface -> struct sim_air_frame
 * (contract in air.h). Pure: the bytes in, the summary out. Nothing past
 * a length is read before that length was checked against the buffer.
 *
 * References: the radiotap header (radiotap.org: version 0, little-endian
 * it_len and it_present words, fields naturally aligned from the start of
 * the header), IEEE 802.11-2020 9.2.4 (frame control, the MAC header and
 * its optional parts), 9.3.3 (management bodies: the fixed fields before
 * the elements), 12.7.2 (EAPOL-Key Key Information bits).
 */
#include <errno.h>
#include <string.h>

#include "air.h"

/* ---- radiotap ----------------------------------------------------------- */

#define RT_HDR_MIN 8
#define RT_PRESENT_TSFT (1u << 0)
#define RT_PRESENT_FLAGS (1u << 1)
#define RT_PRESENT_EXT (1u << 31)
#define RT_FLAG_FCS 0x10       /* the frame ends with its 4-byte FCS */
#define RT_FLAG_DATAPAD 0x20   /* padding after the 802.11 header */
#define RT_FLAG_BADFCS 0x40

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static size_t align_up(size_t off, size_t a)
{
	return (off + a - 1) & ~(a - 1);
}

/* The radiotap length and its Flags field (0 when absent). Only the
 * first two fields of the default namespace are walked: Flags comes
 * second, after an optional 8-byte TSFT, and everything after it is
 * skipped by it_len. */
static int radiotap(const uint8_t *pkt, size_t len, size_t *rt_len,
		    uint8_t *flags)
{
	uint32_t present;
	size_t off = 4, n;

	if (len < RT_HDR_MIN || pkt[0] != 0)
		return -EBADMSG;
	n = le16(pkt + 2);
	if (n < RT_HDR_MIN || n > len)
		return -EBADMSG;
	present = le32(pkt + 4);
	/* Extended bitmaps: each word's bit 31 announces another word. */
	for (uint32_t w = present; w & RT_PRESENT_EXT; w = le32(pkt + off)) {
		off += 4;
		if (off + 4 > n)
			return -EBADMSG;
	}
	off += 4;
	*flags = 0;
	if (present & RT_PRESENT_TSFT)
		off = align_up(off, 8) + 8;
	if (present & RT_PRESENT_FLAGS) {
		if (off + 1 > n)
			return -EBADMSG;
		*flags = pkt[off];
	} else if (off > n) {
		return -EBADMSG;
	}
	*rt_len = n;
	return 0;
}

/* ---- 802.11 ------------------------------------------------------------- */

#define FC_TYPE_MGMT 0
#define FC_TYPE_CTRL 1
#define FC_TYPE_DATA 2
#define FC_TODS 0x0100
#define FC_FROMDS 0x0200
#define FC_RETRY 0x0800
#define FC_PROTECTED 0x4000
#define FC_ORDER 0x8000        /* +HTC: an HT Control field follows */
#define HDR_3ADDR 24
#define QOS_AMSDU 0x0080

static const uint8_t llc_snap_rfc1042[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };
static const uint8_t llc_snap_bridge[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0xf8 };

/* Management: subtype -> type, and the fixed field that carries a code. */
static int parse_mgmt(unsigned int subtype, uint16_t fc, const uint8_t *f,
		      size_t len, struct sim_air_frame *out)
{
	static const enum sim_air_type by_subtype[16] = {
		[0] = SIM_AIR_ASSOC_REQ,   [1] = SIM_AIR_ASSOC_RESP,
		[2] = SIM_AIR_REASSOC_REQ, [3] = SIM_AIR_REASSOC_RESP,
		[4] = SIM_AIR_PROBE_REQ,   [5] = SIM_AIR_PROBE_RESP,
		[6] = SIM_AIR_MGMT,        [7] = SIM_AIR_MGMT,
		[8] = SIM_AIR_BEACON,      [9] = SIM_AIR_MGMT,
		[10] = SIM_AIR_DISASSOC,   [11] = SIM_AIR_AUTH,
		[12] = SIM_AIR_DEAUTH,     [13] = SIM_AIR_ACTION,
		[14] = SIM_AIR_ACTION,     [15] = SIM_AIR_MGMT,
	};
	size_t hdr = HDR_3ADDR + ((fc & FC_ORDER) ? 4 : 0);
	const uint8_t *body = f + hdr;
	size_t blen;

	if (len < hdr)
		return -EBADMSG;
	blen = len - hdr;
	memcpy(out->addr2, f + 10, SIM_ETH_ALEN);
	memcpy(out->addr3, f + 16, SIM_ETH_ALEN);
	out->has_addr2 = out->has_addr3 = true;
	out->type = by_subtype[subtype & 15];
	/* A protected body (PMF deauth, shared-key auth 3/4) is ciphertext:
	 * no code is read from it. */
	if (out->protected_frame)
		return 0;
	switch (out->type) {
	case SIM_AIR_AUTH:
		/* algorithm, transaction sequence, status */
		if (blen < 6)
			return -EBADMSG;
		out->auth_alg = le16(body);
		out->auth_seq = le16(body + 2);
		out->code = le16(body + 4);
		out->has_code = true;
		break;
	case SIM_AIR_DEAUTH:
	case SIM_AIR_DISASSOC:
		if (blen < 2)
			return -EBADMSG;
		out->code = le16(body);
		out->has_code = true;
		break;
	case SIM_AIR_ASSOC_RESP:
	case SIM_AIR_REASSOC_RESP:
		/* capability, status, AID */
		if (blen < 6)
			return -EBADMSG;
		out->code = le16(body + 2);
		out->has_code = true;
		break;
	case SIM_AIR_ASSOC_REQ:
	case SIM_AIR_REASSOC_REQ:
	case SIM_AIR_BEACON:
	case SIM_AIR_PROBE_REQ:
	case SIM_AIR_PROBE_RESP:
	case SIM_AIR_ACTION:
	case SIM_AIR_MGMT:
		break;
	case SIM_AIR_CONTROL:
	case SIM_AIR_EAPOL:
	case SIM_AIR_DATA:
	case SIM_AIR_NULL:
		return -EBADMSG; /* not in the table */
	}
	return 0;
}

static int parse_ctrl(unsigned int subtype, const uint8_t *f, size_t len,
		      struct sim_air_frame *out)
{
	out->type = SIM_AIR_CONTROL;
	/* CTS (12), ACK (13) and the control wrapper (7) carry addr1 only;
	 * the others (RTS, PS-Poll, BlockAck(Req), CF-End, ...) a TA. */
	if (subtype != 7 && subtype != 12 && subtype != 13) {
		if (len < 16)
			return -EBADMSG;
		memcpy(out->addr2, f + 10, SIM_ETH_ALEN);
		out->has_addr2 = true;
	}
	return 0;
}

static int parse_data(unsigned int subtype, uint16_t fc, const uint8_t *f,
		      size_t len, size_t pad_to, struct sim_air_frame *out)
{
	bool qos = subtype & 0x8;
	size_t hdr = HDR_3ADDR;
	uint16_t qc = 0;
	const uint8_t *body;
	size_t blen;

	if ((fc & FC_TODS) && (fc & FC_FROMDS))
		hdr += SIM_ETH_ALEN;  /* addr4 */
	if (qos) {
		if (len < hdr + 2)
			return -EBADMSG;
		qc = le16(f + hdr);
		hdr += 2;
		if (fc & FC_ORDER)
			hdr += 4;     /* HT Control */
	}
	if (len < hdr)
		return -EBADMSG;
	memcpy(out->addr2, f + 10, SIM_ETH_ALEN);
	memcpy(out->addr3, f + 16, SIM_ETH_ALEN);
	out->has_addr2 = out->has_addr3 = true;
	/* Null and QoS Null (and the CF variants): no body at all. */
	if (subtype & 0x4) {
		out->type = SIM_AIR_NULL;
		return 0;
	}
	out->type = SIM_AIR_DATA;
	if (out->protected_frame || (qos && (qc & QOS_AMSDU)))
		return 0;
	if (pad_to)
		hdr = align_up(hdr, pad_to);
	if (len < hdr)
		return -EBADMSG;
	body = f + hdr;
	blen = len - hdr;
	if (blen >= 8 && (!memcmp(body, llc_snap_rfc1042, 6) ||
			  !memcmp(body, llc_snap_bridge, 6)) &&
	    ((unsigned int)body[6] << 8 | body[7]) == SIM_ETH_P_PAE) {
		out->type = SIM_AIR_EAPOL;
		out->eapol = sim_eapol_describe(body + 8, blen - 8);
	}
	return 0;
}

static int parse_80211(const uint8_t *f, size_t len, size_t pad_to,
		       struct sim_air_frame *out)
{
	unsigned int type, subtype;
	uint16_t fc;

	memset(out, 0, sizeof(*out));
	/* frame control, duration, addr1: every frame has them */
	if (len < 10)
		return -EBADMSG;
	fc = le16(f);
	if (fc & 0x3)
		return -EBADMSG;      /* protocol version 0 only */
	type = (fc >> 2) & 0x3;
	subtype = (fc >> 4) & 0xf;
	memcpy(out->addr1, f + 4, SIM_ETH_ALEN);
	out->protected_frame = fc & FC_PROTECTED;
	out->retry = fc & FC_RETRY;
	out->len = len;
	switch (type) {
	case FC_TYPE_MGMT:
		return parse_mgmt(subtype, fc, f, len, out);
	case FC_TYPE_CTRL:
		return parse_ctrl(subtype, f, len, out);
	case FC_TYPE_DATA:
		return parse_data(subtype, fc, f, len, pad_to, out);
	}
	return -EBADMSG;              /* type 3: extension frames, not ours */
}

int sim_air_parse_80211(const uint8_t *f, size_t len, struct sim_air_frame *out)
{
	return parse_80211(f, len, 0, out);
}

int sim_air_parse(const uint8_t *pkt, size_t len, struct sim_air_frame *out)
{
	size_t rt_len, flen;
	uint8_t flags;
	int r;

	memset(out, 0, sizeof(*out));
	r = radiotap(pkt, len, &rt_len, &flags);
	if (r < 0)
		return r;
	if (flags & RT_FLAG_BADFCS)
		return -EILSEQ;
	flen = len - rt_len;
	if (flags & RT_FLAG_FCS) {
		if (flen < 4)
			return -EBADMSG;
		flen -= 4;
	}
	return parse_80211(pkt + rt_len, flen, (flags & RT_FLAG_DATAPAD) ? 4 : 0,
			   out);
}

const char *sim_air_type_name(enum sim_air_type type)
{
	switch (type) {
	case SIM_AIR_AUTH:
		return "auth";
	case SIM_AIR_DEAUTH:
		return "deauth";
	case SIM_AIR_ASSOC_REQ:
		return "assoc-req";
	case SIM_AIR_ASSOC_RESP:
		return "assoc-resp";
	case SIM_AIR_REASSOC_REQ:
		return "reassoc-req";
	case SIM_AIR_REASSOC_RESP:
		return "reassoc-resp";
	case SIM_AIR_DISASSOC:
		return "disassoc";
	case SIM_AIR_BEACON:
		return "beacon";
	case SIM_AIR_PROBE_REQ:
		return "probe-req";
	case SIM_AIR_PROBE_RESP:
		return "probe-resp";
	case SIM_AIR_ACTION:
		return "action";
	case SIM_AIR_MGMT:
		return "mgmt";
	case SIM_AIR_CONTROL:
		return "control";
	case SIM_AIR_EAPOL:
		return "eapol";
	case SIM_AIR_DATA:
		return "data";
	case SIM_AIR_NULL:
		return "null";
	}
	return "?";
}
