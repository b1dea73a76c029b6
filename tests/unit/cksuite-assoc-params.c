/* SPDX-License-Identifier: MIT */
/*
 * assoc-params: build DOT11_ASSOCIATION_COMPLETION_PARAMETERS from a
 * synthesized SIM_EV_CONNECTED, then read the raw bytes at the offsets
 * Windows x86-64 uses (numbers, so an SDK layout slip fails here) and check
 * every field and blob; the parser rejects malformed buffers.
 */
#include <stdlib.h>

#include "assoc-params.h"
#include "ck.h"

enum {
	O_TYPE = 0, O_REV = 1, O_SIZE = 2, O_MAC = 4, O_STATUS = 12,
	O_REASSOC_REQ = 16, O_REASSOC_RESP = 17, O_REQ_OFF = 20, O_REQ_SZ = 24,
	O_RESP_OFF = 28, O_RESP_SZ = 32, O_BCN_OFF = 36, O_BCN_SZ = 40,
	O_IHV_OFF = 44, O_IHV_SZ = 48, O_AUTH = 52, O_UCAST = 56, O_MCAST = 60,
	O_PHY_OFF = 64, O_PHY_SZ = 68, O_FOURADDR = 72, O_PORTAUTH = 73,
	O_QOS = 74, O_DSINFO = 76, O_ENCAP_OFF = 80, O_ENCAP_SZ = 84,
	O_MGMT_CIPHER = 88, O_COMEBACK = 92, STRUCT_SIZE = 96,
};

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

/* SSID "lab", rates, RSN (CCMP/PSK): 25 bytes, odd on purpose. */
static const uint8_t req_ies[] = {
	0, 3, 'l', 'a', 'b',
	1, 4, 0x82, 0x84, 0x8b, 0x96,
	48, 12, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4,
};
/* rates + WMM parameter element (vendor 00:50:F2 type 2 subtype 1). */
static const uint8_t resp_ies[] = {
	1, 4, 0x82, 0x84, 0x8b, 0x96,
	221, 7, 0x00, 0x50, 0xf2, 2, 1, 1, 0x80,
};
static const uint8_t beacon_ies[] = { 0, 3, 'l', 'a', 'b', 3, 1, 6 };

static struct sim_event connected(void)
{
	struct sim_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = SIM_EV_CONNECTED;
	ev.wiphy = 1;
	ev.ifindex = 5;
	memcpy(ev.peer, (uint8_t[]){ 0x02, 0, 0, 0, 0x01, 0x00 }, 6);
	ev.u.connect.freq_mhz = 2412;
	ev.u.connect.req_ies = req_ies;
	ev.u.connect.req_ies_len = sizeof(req_ies);
	ev.u.connect.resp_ies = resp_ies;
	ev.u.connect.resp_ies_len = sizeof(resp_ies);
	return ev;
}

START_TEST(test_layout_matches_windows)
{
	ck_assert_uint_eq(sizeof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS), STRUCT_SIZE);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, MacAddr), O_MAC);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uStatus), O_STATUS);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uAssocReqOffset), O_REQ_OFF);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, AuthAlgo), O_AUTH);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uActivePhyListOffset), O_PHY_OFF);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, bFourAddressSupported), O_FOURADDR);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, ucActiveQoSProtocol), O_QOS);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, DSInfo), O_DSINFO);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uEncapTableSize), O_ENCAP_SZ);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, MulticastMgmtCipher), O_MGMT_CIPHER);
	ck_assert_uint_eq(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uAssocComebackTime), O_COMEBACK);
}
END_TEST

START_TEST(test_build_and_walk_bytes)
{
	struct sim_event ev = connected();
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	struct ihv_assoc_view v;
	const uint8_t *b;
	ULONG len;
	size_t req_off = STRUCT_SIZE + 4, resp_off = req_off + sizeof(req_ies);

	ck_assert_ok(ihv_assoc_params_build(&ev, 7 /* RSNA_PSK */, 4 /* CCMP */,
					    4, &p, &len));
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(len, STRUCT_SIZE + 4 + sizeof(req_ies) + sizeof(resp_ies));
	b = (const uint8_t *)p;
	ck_assert_uint_eq(b[O_TYPE], 0x80);
	ck_assert_uint_eq(b[O_REV], 2);
	ck_assert_uint_eq(rd16(b + O_SIZE), STRUCT_SIZE);
	ck_assert_int_eq(memcmp(b + O_MAC, ev.peer, 6), 0);
	ck_assert_uint_eq(rd32(b + O_STATUS), 0);
	ck_assert_uint_eq(b[O_REASSOC_REQ], 0);
	ck_assert_uint_eq(b[O_REASSOC_RESP], 0);
	/* PHY list first (aligned right after the struct), then the IEs */
	ck_assert_uint_eq(rd32(b + O_PHY_OFF), STRUCT_SIZE);
	ck_assert_uint_eq(rd32(b + O_PHY_SZ), 4);
	ck_assert_uint_eq(rd32(b + STRUCT_SIZE), 0);
	ck_assert_uint_eq(rd32(b + O_REQ_OFF), req_off);
	ck_assert_uint_eq(rd32(b + O_REQ_SZ), sizeof(req_ies));
	ck_assert_int_eq(memcmp(b + req_off, req_ies, sizeof(req_ies)), 0);
	ck_assert_uint_eq(rd32(b + O_RESP_OFF), resp_off);
	ck_assert_uint_eq(rd32(b + O_RESP_SZ), sizeof(resp_ies));
	ck_assert_int_eq(memcmp(b + resp_off, resp_ies, sizeof(resp_ies)), 0);
	ck_assert_uint_eq(rd32(b + O_BCN_OFF), 0);
	ck_assert_uint_eq(rd32(b + O_BCN_SZ), 0);
	ck_assert_uint_eq(rd32(b + O_IHV_OFF), 0);
	ck_assert_uint_eq(rd32(b + O_IHV_SZ), 0);
	ck_assert_uint_eq(rd32(b + O_AUTH), 7);
	ck_assert_uint_eq(rd32(b + O_UCAST), 4);
	ck_assert_uint_eq(rd32(b + O_MCAST), 4);
	ck_assert_uint_eq(b[O_FOURADDR], 0);
	ck_assert_uint_eq(b[O_PORTAUTH], 0);
	ck_assert_uint_eq(b[O_QOS], 1);        /* WMM element in the response */
	ck_assert_uint_eq(rd32(b + O_DSINFO), 0); /* DOT11_DS_CHANGED */
	ck_assert_uint_eq(rd32(b + O_ENCAP_OFF), 0);
	ck_assert_uint_eq(rd32(b + O_ENCAP_SZ), 0);
	ck_assert_uint_eq(rd32(b + O_MGMT_CIPHER), 0);
	ck_assert_uint_eq(rd32(b + O_COMEBACK), 0);

	/* and the parser agrees */
	ck_assert_ok(ihv_assoc_params_parse(p, len, &v));
	ck_assert_ptr_eq(v.p, p);
	ck_assert_ptr_eq(v.req_ies, b + req_off);
	ck_assert_uint_eq(v.req_len, sizeof(req_ies));
	ck_assert_ptr_eq(v.resp_ies, b + resp_off);
	ck_assert_uint_eq(v.resp_len, sizeof(resp_ies));
	ck_assert_ptr_null(v.beacon);
	ck_assert_uint_eq(v.n_phy, 1);
	ck_assert_uint_eq(v.phy_ids[0], 0);
	ihv_assoc_params_free(p);
	ihv_assoc_params_free(NULL);
}
END_TEST

START_TEST(test_extra_beacon_and_reassoc)
{
	struct sim_event ev = connected();
	struct ihv_assoc_extra x = {
		.beacon_ies = beacon_ies, .beacon_ies_len = sizeof(beacon_ies),
		.reassoc = true,
	};
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	const uint8_t *b;
	ULONG len;
	size_t bcn_off = STRUCT_SIZE + 4 + sizeof(req_ies) + sizeof(resp_ies);

	ck_assert_ok(ihv_assoc_params_build_ex(&ev, 1, 0, 0, &x, &p, &len));
	b = (const uint8_t *)p;
	ck_assert_uint_eq(len, bcn_off + sizeof(beacon_ies));
	ck_assert_uint_eq(b[O_REASSOC_REQ], 1);
	ck_assert_uint_eq(b[O_REASSOC_RESP], 1);
	ck_assert_uint_eq(rd32(b + O_DSINFO), 2);  /* DOT11_DS_UNKNOWN */
	ck_assert_uint_eq(rd32(b + O_BCN_OFF), bcn_off);
	ck_assert_uint_eq(rd32(b + O_BCN_SZ), sizeof(beacon_ies));
	ck_assert_int_eq(memcmp(b + bcn_off, beacon_ies, sizeof(beacon_ies)), 0);
	ck_assert_uint_eq(rd32(b + O_AUTH), 1);
	ihv_assoc_params_free(p);
}
END_TEST

START_TEST(test_no_ies_and_no_wmm)
{
	struct sim_event ev = connected();
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	struct ihv_assoc_view v;
	const uint8_t *b;
	ULONG len;

	ev.u.connect.req_ies = NULL;
	ev.u.connect.req_ies_len = 0;
	/* rates only; then a truncated vendor element must not be read past */
	ev.u.connect.resp_ies = (const uint8_t[]){ 1, 1, 0x82, 221, 9, 0x00, 0x50 };
	ev.u.connect.resp_ies_len = 7;
	ck_assert_ok(ihv_assoc_params_build(&ev, 1, 0, 0, &p, &len));
	b = (const uint8_t *)p;
	ck_assert_uint_eq(len, STRUCT_SIZE + 4 + 7);
	ck_assert_uint_eq(rd32(b + O_REQ_OFF), 0);
	ck_assert_uint_eq(rd32(b + O_REQ_SZ), 0);
	ck_assert_uint_eq(rd32(b + O_RESP_OFF), STRUCT_SIZE + 4);
	ck_assert_uint_eq(b[O_QOS], 0);
	ck_assert_ok(ihv_assoc_params_parse(p, len, &v));
	ck_assert_ptr_null(v.req_ies);
	ck_assert_uint_eq(v.req_len, 0);
	ihv_assoc_params_free(p);
}
END_TEST

START_TEST(test_build_rejects_bad_input)
{
	struct sim_event ev = connected();
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p = (void *)1;
	ULONG len = 7;

	ck_assert_errno(ihv_assoc_params_build(NULL, 1, 0, 0, &p, &len), EINVAL);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(len, 0);
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, NULL, &len), EINVAL);
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, &p, NULL), EINVAL);
	ev.type = SIM_EV_CONNECT_FAILED;
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, &p, &len), EINVAL);
	ev = connected();
	ev.u.connect.resp_ies = NULL;
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, &p, &len), EINVAL);
	ev = connected();
	ck_assert_errno(ihv_assoc_params_build_ex(&ev, 1, 0, 0,
		&(struct ihv_assoc_extra){ .beacon_ies_len = 3 }, &p, &len), EINVAL);
	/* lengths past a ULONG (never read: refused first) */
	ev.u.connect.req_ies_len = UINT32_MAX;
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, &p, &len), EOVERFLOW);
	ev.u.connect.req_ies_len = UINT32_MAX - STRUCT_SIZE - 4 - sizeof(resp_ies) + 1;
	ck_assert_errno(ihv_assoc_params_build(&ev, 1, 0, 0, &p, &len), EOVERFLOW);
	ck_assert_ptr_null(p);
}
END_TEST

/* A fresh, valid buffer to damage. */
static uint8_t *good_copy(ULONG *len)
{
	struct sim_event ev = connected();
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	uint8_t *copy;

	ck_assert_ok(ihv_assoc_params_build(&ev, 7, 4, 4, &p, len));
	copy = malloc(*len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p, *len);
	ihv_assoc_params_free(p);
	return copy;
}

static void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void wr16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

START_TEST(test_parser_rejects_malformed)
{
	struct ihv_assoc_view v;
	uint8_t *b;
	ULONG len;

	b = good_copy(&len);
	ck_assert_ok(ihv_assoc_params_parse(b, len, &v));
	ck_assert_errno(ihv_assoc_params_parse(b, 3, &v), EBADMSG);
	ck_assert_errno(ihv_assoc_params_parse(b, STRUCT_SIZE - 1, &v), EBADMSG);
	/* the last blob's end is one past the buffer */
	ck_assert_errno(ihv_assoc_params_parse(b, len - 1, &v), EBADMSG);
	ck_assert_errno(ihv_assoc_params_parse(NULL, len, &v), EINVAL);
	ck_assert_errno(ihv_assoc_params_parse(b, len, NULL), EINVAL);
	free(b);

	b = good_copy(&len);
	b[O_TYPE] = 0x81;
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	b[O_REV] = 3;
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr16(b + O_SIZE, 90);   /* revision 2 but smaller than its structure */
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr32(b + O_REQ_OFF, 40); /* a blob inside the structure */
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr32(b + O_RESP_OFF, 0xFFFFFFF0u); /* offset + size wraps */
	wr32(b + O_RESP_SZ, 0x20);
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr32(b + O_BCN_SZ, 1);  /* size with offset 0 */
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr32(b + O_PHY_SZ, 3);  /* not whole ULONGs */
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	free(b);

	b = good_copy(&len);
	wr32(b + O_PHY_OFF, STRUCT_SIZE + 2); /* misaligned */
	ck_assert_errno(ihv_assoc_params_parse(b, len, &v), EBADMSG);
	ck_assert_ptr_null(v.p);
	free(b);

	/* a revision 1 buffer (88-byte structure) is accepted */
	b = good_copy(&len);
	b[O_REV] = 1;
	wr16(b + O_SIZE, 88);
	ck_assert_ok(ihv_assoc_params_parse(b, len, &v));
	ck_assert_uint_eq(v.req_len, sizeof(req_ies));
	free(b);
}
END_TEST

CK_SUITE(assoc_params_suite)
static Suite *assoc_params_suite(void)
{
	Suite *s = suite_create("assoc-params");
	TCase *tc = tcase_create("build");

	tcase_add_test(tc, test_layout_matches_windows);
	tcase_add_test(tc, test_build_and_walk_bytes);
	tcase_add_test(tc, test_extra_beacon_and_reassoc);
	tcase_add_test(tc, test_no_ies_and_no_wmm);
	tcase_add_test(tc, test_build_rejects_bad_input);
	tcase_add_test(tc, test_parser_rejects_malformed);
	suite_add_tcase(s, tc);
	return s;
}
