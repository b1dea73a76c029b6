/* SPDX-License-Identifier: MIT */
/*
 * sim's air parser (sim/air-parse.c) on hand-made frames: radiotap
 * headers (minimal, with TSFT and Flags, an FCS to strip, a bad FCS,
 * extended present words), the management frames the timeline names with
 * their codes (auth, (re)association, deauth/disassoc, protected ones
 * without), EAPOL-Key messages 1/4..4/4 and the group handshake in plain
 * and QoS data frames, protected and null data, control frames, and every
 * truncation of every frame refused without reading past its end. Then
 * the pcapng writer's blocks, read back byte by byte.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "air.h"
#include "ck.h"

#define AP   0x02, 0x00, 0x00, 0x00, 0x01, 0x00
#define STA  0x02, 0x00, 0x00, 0x00, 0x02, 0x00
#define BCAST 0xff, 0xff, 0xff, 0xff, 0xff, 0xff

static const uint8_t ap[6] = { AP }, sta[6] = { STA };

/* The shortest radiotap header: version 0, length 8, nothing present. */
static const uint8_t rt_min[] = { 0, 0, 8, 0, 0, 0, 0, 0 };

/* rt + frame, into a heap buffer of exactly that size (so ASan sees any
 * read past it). */
static uint8_t *join(const uint8_t *rt, size_t rt_len, const uint8_t *f,
		     size_t f_len, size_t *len)
{
	uint8_t *p = malloc(rt_len + f_len);

	ck_assert_ptr_nonnull(p);
	memcpy(p, rt, rt_len);
	memcpy(p + rt_len, f, f_len);
	*len = rt_len + f_len;
	return p;
}

static int parse(const uint8_t *f, size_t f_len, struct sim_air_frame *out)
{
	size_t len;
	uint8_t *p = join(rt_min, sizeof(rt_min), f, f_len, &len);
	int rc = sim_air_parse(p, len, out);

	free(p);
	return rc;
}

/* Every shorter prefix of @f that cuts into what the parser must read is
 * refused (or, for a frame whose tail is optional, parsed without
 * reading past it: ASan would say). */
static void prefixes(const uint8_t *f, size_t f_len, size_t must)
{
	struct sim_air_frame out;

	for (size_t n = 0; n < f_len; n++) {
		uint8_t *p = malloc(n ? n : 1);
		int rc;

		memcpy(p, f, n);
		rc = sim_air_parse_80211(p, n, &out);
		if (n < must)
			ck_assert_msg(rc == -EBADMSG, "prefix %zu of %zu: %d", n, f_len, rc);
		free(p);
	}
}

START_TEST(deauth_with_reason)
{
	static const uint8_t f[] = {
		0xc0, 0x00, 0x3a, 0x01, STA, AP, AP, 0x10, 0x00,
		15, 0,                                   /* reason 15 */
	};
	struct sim_air_frame out;

	ck_assert_ok(parse(f, sizeof(f), &out));
	ck_assert_int_eq(out.type, SIM_AIR_DEAUTH);
	ck_assert_str_eq(sim_air_type_name(out.type), "deauth");
	ck_assert_mem_eq(out.addr1, sta, 6);
	ck_assert_mem_eq(out.addr2, ap, 6);
	ck_assert_mem_eq(out.addr3, ap, 6);
	ck_assert(out.has_addr2 && out.has_addr3 && out.has_code);
	ck_assert_uint_eq(out.code, 15);
	ck_assert(!out.protected_frame && !out.retry);
	ck_assert_uint_eq(out.len, sizeof(f));
	prefixes(f, sizeof(f), sizeof(f));
}
END_TEST

START_TEST(mgmt_codes)
{
	static const uint8_t auth[] = {
		0xb0, 0x08, 0, 0, STA, AP, AP, 0, 0,     /* retry set */
		0, 0, 2, 0, 0, 0,                        /* open, seq 2, status 0 */
	};
	static const uint8_t assoc_resp[] = {
		0x10, 0x00, 0, 0, STA, AP, AP, 0, 0,
		0x11, 0x04, 17, 0, 0x01, 0xc0,           /* capab, status 17, AID */
	};
	static const uint8_t reassoc_resp[] = {
		0x30, 0x00, 0, 0, STA, AP, AP, 0, 0, 0x11, 0x04, 0, 0, 0x01, 0xc0,
	};
	static const uint8_t disassoc[] = {
		0xa0, 0x00, 0, 0, AP, STA, AP, 0, 0, 8, 0,
	};
	static const uint8_t assoc_req[] = {
		0x00, 0x00, 0, 0, AP, STA, AP, 0, 0, 0x11, 0x04, 10, 0,
		0, 3, 'l', 'a', 'b',                     /* SSID element */
	};
	/* PMF: a protected deauth's body is ciphertext (no reason). */
	static const uint8_t deauth_prot[] = {
		0xc0, 0x40, 0, 0, STA, AP, AP, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
	};
	static const uint8_t beacon[] = {
		0x80, 0x00, 0, 0, BCAST, AP, AP, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0x11, 0x04,
	};
	struct sim_air_frame out;

	ck_assert_ok(parse(auth, sizeof(auth), &out));
	ck_assert_int_eq(out.type, SIM_AIR_AUTH);
	ck_assert(out.retry && out.has_code);
	ck_assert_uint_eq(out.auth_alg, 0);
	ck_assert_uint_eq(out.auth_seq, 2);
	ck_assert_uint_eq(out.code, 0);
	prefixes(auth, sizeof(auth), sizeof(auth));

	ck_assert_ok(parse(assoc_resp, sizeof(assoc_resp), &out));
	ck_assert_int_eq(out.type, SIM_AIR_ASSOC_RESP);
	ck_assert_uint_eq(out.code, 17);
	prefixes(assoc_resp, sizeof(assoc_resp), sizeof(assoc_resp));

	ck_assert_ok(parse(reassoc_resp, sizeof(reassoc_resp), &out));
	ck_assert_int_eq(out.type, SIM_AIR_REASSOC_RESP);
	ck_assert(out.has_code && out.code == 0);

	ck_assert_ok(parse(disassoc, sizeof(disassoc), &out));
	ck_assert_int_eq(out.type, SIM_AIR_DISASSOC);
	ck_assert_uint_eq(out.code, 8);
	ck_assert_mem_eq(out.addr2, sta, 6);

	ck_assert_ok(parse(assoc_req, sizeof(assoc_req), &out));
	ck_assert_int_eq(out.type, SIM_AIR_ASSOC_REQ);
	ck_assert(!out.has_code);
	prefixes(assoc_req, sizeof(assoc_req), 24);

	ck_assert_ok(parse(deauth_prot, sizeof(deauth_prot), &out));
	ck_assert_int_eq(out.type, SIM_AIR_DEAUTH);
	ck_assert(out.protected_frame && !out.has_code);

	ck_assert_ok(parse(beacon, sizeof(beacon), &out));
	ck_assert_int_eq(out.type, SIM_AIR_BEACON);
}
END_TEST

/* An EAPOL-Key frame in a data frame from @from to @to with Key
 * Information @ki; @qos: a QoS data frame (2 more header bytes). */
static size_t eapol_frame(uint8_t *buf, bool from_ap, uint16_t ki, bool qos)
{
	static const uint8_t snap[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	size_t n = 0, body;

	buf[n++] = qos ? 0x88 : 0x08;
	buf[n++] = from_ap ? 0x02 : 0x01;        /* FromDS / ToDS */
	buf[n++] = 0;
	buf[n++] = 0;
	memcpy(buf + n, from_ap ? sta : ap, 6);  /* addr1 */
	memcpy(buf + n + 6, from_ap ? ap : sta, 6);
	memcpy(buf + n + 12, ap, 6);
	n += 18;
	buf[n++] = 0;
	buf[n++] = 0;                            /* sequence */
	if (qos) {
		buf[n++] = 7;
		buf[n++] = 0;
	}
	memcpy(buf + n, snap, sizeof(snap));
	n += sizeof(snap);
	body = 95;
	buf[n++] = 2;                            /* 802.1X-2004 */
	buf[n++] = 3;                            /* EAPOL-Key */
	buf[n++] = (uint8_t)(body >> 8);
	buf[n++] = (uint8_t)body;
	memset(buf + n, 0, body);
	buf[n] = 2;                              /* RSN descriptor */
	buf[n + 1] = (uint8_t)(ki >> 8);
	buf[n + 2] = (uint8_t)ki;
	return n + body;
}

START_TEST(eapol_messages)
{
	static const struct {
		bool from_ap;
		uint16_t ki;
		const char *want;
	} cases[] = {
		{ true, 0x008a, "1/4" },
		{ false, 0x010a, "2/4" },
		{ true, 0x13ca, "3/4" },
		{ false, 0x030a, "4/4" },
		{ true, 0x1382, "group-1/2" },
		{ false, 0x0302, "group-2/2" },
		{ false, 0x0b0a, "request" },
	};
	uint8_t buf[256];
	struct sim_air_frame out;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int qos = 0; qos < 2; qos++) {
			size_t n = eapol_frame(buf, cases[i].from_ap, cases[i].ki, qos);

			ck_assert_ok(parse(buf, n, &out));
			ck_assert_int_eq(out.type, SIM_AIR_EAPOL);
			ck_assert_str_eq(sim_air_type_name(out.type), "eapol");
			ck_assert_ptr_nonnull(out.eapol);
			ck_assert_msg(!strcmp(out.eapol, cases[i].want), "ki 0x%04x qos %d: %s",
				      cases[i].ki, qos, out.eapol);
			ck_assert_mem_eq(out.addr2, cases[i].from_ap ? ap : sta, 6);
			/* cut into the EAPOL body: still EAPOL, but malformed */
			ck_assert_ok(parse(buf, n - 40, &out));
			ck_assert_str_eq(out.eapol, "malformed");
			prefixes(buf, n, 24 + (qos ? 2 : 0));
		}
	}
}
END_TEST

/* EAPOL carrying EAP (802.1X): named by code and type, as the host does. */
START_TEST(eapol_eap_packets)
{
	static const struct {
		uint8_t eap[6];
		size_t len;
		const char *want;
	} cases[] = {
		{ { 1, 1, 0, 5, 1 }, 5, "eap-request-identity" },
		{ { 2, 1, 0, 6, 1, 'x' }, 6, "eap-response-identity" },
		{ { 1, 2, 0, 6, 13, 0x20 }, 6, "eap-request-tls" },
		{ { 2, 2, 0, 6, 13, 0 }, 6, "eap-response-tls" },
		{ { 2, 2, 0, 6, 3, 13 }, 6, "eap-response-nak" },
		{ { 3, 3, 0, 4 }, 4, "eap-success" },
		{ { 4, 3, 0, 4 }, 4, "eap-failure" },
		{ { 1, 1, 0, 5, 99 }, 5, "eap-request" },
		{ { 1, 1, 0, 9, 1 }, 5, "malformed" },     /* EAP length > body */
		{ { 1, 1, 0, 4 }, 4, "malformed" },        /* a request without type */
		{ { 1, 1 }, 2, "eap" },
	};
	static const uint8_t head[] = {
		0x08, 0x02, 0, 0, STA, AP, AP, 0, 0, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e,
		1, 0,                                    /* 802.1X-2001, EAP packet */
	};
	uint8_t buf[64];
	struct sim_air_frame out;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = sizeof(head);

		memcpy(buf, head, n);
		buf[n++] = 0;
		buf[n++] = (uint8_t)cases[i].len;      /* EAPOL body length */
		memcpy(buf + n, cases[i].eap, cases[i].len);
		n += cases[i].len;
		ck_assert_ok(parse(buf, n, &out));
		ck_assert_int_eq(out.type, SIM_AIR_EAPOL);
		ck_assert_msg(!strcmp(out.eapol, cases[i].want), "case %zu: %s, want %s",
			      i, out.eapol, cases[i].want);
	}
}
END_TEST

START_TEST(data_protected_null_control)
{
	uint8_t buf[256];
	size_t n = eapol_frame(buf, true, 0x008a, false);
	static const uint8_t null_frame[] = {
		0x48, 0x01, 0, 0, AP, STA, AP, 0, 0,
	};
	static const uint8_t ack[] = { 0xd4, 0x00, 0, 0, STA };
	static const uint8_t rts[] = { 0xb4, 0x00, 0, 0, STA, AP };
	static const uint8_t four_addr[] = {
		0x08, 0x03, 0, 0, AP, STA, AP, 0, 0, STA, 0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00,
	};
	static const uint8_t version1[] = { 0xc1, 0x00, 0, 0, STA, AP, AP, 0, 0, 1, 0 };
	static const uint8_t ext_type[] = { 0x0c, 0x00, 0, 0, STA, AP, AP, 0, 0 };
	struct sim_air_frame out;

	/* the same EAPOL, but the Protected bit set: ciphertext, not read */
	buf[1] |= 0x40;
	ck_assert_ok(parse(buf, n, &out));
	ck_assert_int_eq(out.type, SIM_AIR_DATA);
	ck_assert(out.protected_frame);
	ck_assert_ptr_null(out.eapol);

	ck_assert_ok(parse(null_frame, sizeof(null_frame), &out));
	ck_assert_int_eq(out.type, SIM_AIR_NULL);
	ck_assert_mem_eq(out.addr2, sta, 6);

	ck_assert_ok(parse(ack, sizeof(ack), &out));
	ck_assert_int_eq(out.type, SIM_AIR_CONTROL);
	ck_assert(!out.has_addr2);
	ck_assert_mem_eq(out.addr1, sta, 6);
	prefixes(ack, sizeof(ack), sizeof(ack));

	ck_assert_ok(parse(rts, sizeof(rts), &out));
	ck_assert(out.has_addr2);
	ck_assert_mem_eq(out.addr2, ap, 6);
	prefixes(rts, sizeof(rts), sizeof(rts));

	/* WDS: addr4 before the body; an IPv4 payload is plain data */
	ck_assert_ok(parse(four_addr, sizeof(four_addr), &out));
	ck_assert_int_eq(out.type, SIM_AIR_DATA);
	ck_assert_ptr_null(out.eapol);
	prefixes(four_addr, sizeof(four_addr), 30);

	ck_assert_errno(parse(version1, sizeof(version1), &out), EBADMSG);
	ck_assert_errno(parse(ext_type, sizeof(ext_type), &out), EBADMSG);
}
END_TEST

START_TEST(radiotap_headers)
{
	static const uint8_t deauth[] = {
		0xc0, 0x00, 0, 0, STA, AP, AP, 0, 0, 3, 0,
	};
	/* TSFT (8, aligned to 8 from the header's start) then Flags: FCS */
	static const uint8_t rt_fcs[] = {
		0, 0, 17, 0, 0x03, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x10,
	};
	static const uint8_t rt_badfcs[] = {
		0, 0, 17, 0, 0x03, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x50,
	};
	/* two present words (bit 31 of the first), Flags after both */
	static const uint8_t rt_ext[] = {
		0, 0, 13, 0, 0x02, 0, 0, 0x80, 0, 0, 0, 0, 0x00,
	};
	static const uint8_t rt_ext_cut[] = {
		0, 0, 12, 0, 0x02, 0, 0, 0x80, 0, 0, 0, 0x80,
	};
	static const uint8_t rt_v1[] = { 1, 0, 8, 0, 0, 0, 0, 0 };
	static const uint8_t rt_long[] = { 0, 0, 200, 0, 0, 0, 0, 0 };
	static const uint8_t rt_tsft_cut[] = { 0, 0, 12, 0, 0x01, 0, 0, 0, 0, 0, 0, 0 };
	uint8_t with_fcs[sizeof(deauth) + 4];
	struct sim_air_frame out;
	uint8_t *p;
	size_t len;

	memcpy(with_fcs, deauth, sizeof(deauth));
	memset(with_fcs + sizeof(deauth), 0xee, 4);
	p = join(rt_fcs, sizeof(rt_fcs), with_fcs, sizeof(with_fcs), &len);
	ck_assert_ok(sim_air_parse(p, len, &out));
	ck_assert_uint_eq(out.len, sizeof(deauth));   /* the FCS is not the frame's */
	ck_assert_uint_eq(out.code, 3);
	/* an FCS and nothing else */
	ck_assert_errno(sim_air_parse(p, sizeof(rt_fcs) + 3, &out), EBADMSG);
	free(p);

	p = join(rt_badfcs, sizeof(rt_badfcs), with_fcs, sizeof(with_fcs), &len);
	ck_assert_errno(sim_air_parse(p, len, &out), EILSEQ);
	free(p);

	p = join(rt_ext, sizeof(rt_ext), deauth, sizeof(deauth), &len);
	ck_assert_ok(sim_air_parse(p, len, &out));
	ck_assert_int_eq(out.type, SIM_AIR_DEAUTH);
	free(p);

	p = join(rt_ext_cut, sizeof(rt_ext_cut), deauth, sizeof(deauth), &len);
	ck_assert_errno(sim_air_parse(p, len, &out), EBADMSG);
	free(p);
	p = join(rt_v1, sizeof(rt_v1), deauth, sizeof(deauth), &len);
	ck_assert_errno(sim_air_parse(p, len, &out), EBADMSG);
	free(p);
	p = join(rt_long, sizeof(rt_long), deauth, sizeof(deauth), &len);
	ck_assert_errno(sim_air_parse(p, len, &out), EBADMSG);
	free(p);
	p = join(rt_tsft_cut, sizeof(rt_tsft_cut), deauth, sizeof(deauth), &len);
	ck_assert_errno(sim_air_parse(p, len, &out), EBADMSG);
	free(p);
	for (size_t n = 0; n < sizeof(rt_min); n++)
		ck_assert_errno(sim_air_parse(rt_min, n, &out), EBADMSG);
}
END_TEST

START_TEST(type_names)
{
	const char *seen[SIM_AIR_NULL + 1];

	for (int t = 0; t <= SIM_AIR_NULL; t++) {
		seen[t] = sim_air_type_name((enum sim_air_type)t);
		ck_assert_str_ne(seen[t], "?");
		for (int k = 0; k < t; k++)
			ck_assert_str_ne(seen[k], seen[t]);
	}
}
END_TEST

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

START_TEST(pcapng_blocks)
{
	static const uint8_t pkt[] = { 0, 0, 8, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 1 };
	char path[] = "/tmp/ihv-pcapng-XXXXXX";
	struct sim_pcapng *p;
	uint8_t buf[1024];
	size_t off = 0, n;
	unsigned int blocks = 0;
	FILE *f;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_ok(sim_pcapng_create(path, &p));
	ck_assert_errno(sim_pcapng_packet(p, 0, 1, pkt, sizeof(pkt), sizeof(pkt)), EINVAL);
	ck_assert_ok(sim_pcapng_add_interface(p, SIM_LINKTYPE_IEEE802_11_RADIOTAP,
					      "air-2412MHz"));
	ck_assert_ok(sim_pcapng_packet(p, 0, 1700000000123456789ull, pkt, sizeof(pkt),
				       sizeof(pkt) + 5));
	sim_pcapng_close(p);

	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unlink(path);
	ck_assert_uint_eq(rd32(buf + 8), 0x1A2B3C4D);
	while (off + 12 <= n) {
		uint32_t type = rd32(buf + off), len = rd32(buf + off + 4);

		ck_assert_uint_eq(len % 4, 0);
		ck_assert_uint_le(off + len, n);
		ck_assert_uint_eq(rd32(buf + off + len - 4), len);
		switch (blocks++) {
		case 0:
			ck_assert_uint_eq(type, 0x0A0D0D0A);
			break;
		case 1:
			ck_assert_uint_eq(type, 1);
			ck_assert_uint_eq(rd32(buf + off + 8) & 0xffff, 127);
			/* if_name option: code 2, length 11 */
			ck_assert_uint_eq(rd32(buf + off + 16), 2 | 11u << 16);
			ck_assert_mem_eq(buf + off + 20, "air-2412MHz", 11);
			break;
		case 2:
			ck_assert_uint_eq(type, 6);
			ck_assert_uint_eq(rd32(buf + off + 8), 0);         /* interface */
			ck_assert_uint_eq(((uint64_t)rd32(buf + off + 12) << 32) |
					  rd32(buf + off + 16), 1700000000123456789ull);
			ck_assert_uint_eq(rd32(buf + off + 20), sizeof(pkt));
			ck_assert_uint_eq(rd32(buf + off + 24), sizeof(pkt) + 5);
			ck_assert_mem_eq(buf + off + 28, pkt, sizeof(pkt));
			break;
		}
		off += len;
	}
	ck_assert_uint_eq(off, n);
	ck_assert_uint_eq(blocks, 3);
}
END_TEST

CK_SUITE(air_suite)
static Suite *air_suite(void)
{
	Suite *s = suite_create("air");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, deauth_with_reason);
	tcase_add_test(tc, mgmt_codes);
	tcase_add_test(tc, eapol_messages);
	tcase_add_test(tc, eapol_eap_packets);
	tcase_add_test(tc, data_protected_null_control);
	tcase_add_test(tc, radiotap_headers);
	tcase_add_test(tc, type_names);
	tcase_add_test(tc, pcapng_blocks);
	suite_add_tcase(s, tc);
	return s;
}
