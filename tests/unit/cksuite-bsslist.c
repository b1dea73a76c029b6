/* SPDX-License-Identifier: MIT */
/*
 * bsslist: build a DOT11_BSS_LIST from synthesized scan results, then walk
 * the raw bytes at the offsets Windows x86-64 uses (written as numbers, so
 * a layout change in the SDK header fails here) and check every field;
 * malformed lists are rejected by the iterator.
 */
#include <stdlib.h>
#include <time.h>

#include "bsslist.h"
#include "ck.h"

/* DOT11_BSS_ENTRY on x86-64 (mingw-w64 windot11.h, natural alignment). */
enum {
	OFF_PHYID = 0, OFF_FREQ = 4, OFF_BSSID = 16, OFF_TYPE = 24,
	OFF_RSSI = 28, OFF_LQ = 32, OFF_INREG = 36, OFF_BEACON = 38,
	OFF_TSF = 40, OFF_HOSTTS = 48, OFF_CAP = 56, OFF_BUFLEN = 60,
	OFF_IES = 64,
};

static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static uint64_t now_filetime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) / 100 +
	       116444736000000000ULL;
}

/* SSID "lab" + supported rates, as a beacon carries them (13 bytes, so the
 * next record is deliberately unaligned). */
static uint8_t ies_a[] = { 0, 3, 'l', 'a', 'b', 1, 6, 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12 };
static uint8_t ies_c[] = { 0, 5, 'o', 't', 'h', 'e', 'r' };

static void three_bss(struct sim_bss b[3])
{
	uint64_t mono = sim_clock_now_ns();

	memset(b, 0, 3 * sizeof(*b));
	b[0] = (struct sim_bss){
		.bssid = { 0x02, 0, 0, 0, 0x01, 0x00 }, .freq_mhz = 2412,
		.signal_mbm = -4512, .beacon_interval = 100, .capability = 0x0411,
		.tsf = 0x1122334455667788ULL, .seen_ns = mono,
		.ies = ies_a, .ies_len = sizeof(ies_a),
	};
	b[1] = (struct sim_bss){
		.bssid = { 0x02, 0, 0, 0, 0x02, 0x00 }, .freq_mhz = 5180,
		.signal_mbm = -7599, .beacon_interval = 200, .capability = 0x0002,
		.tsf = 42, .seen_ns = mono - 1000000000ULL,
		.ies = NULL, .ies_len = 0,
	};
	b[2] = (struct sim_bss){
		.bssid = { 0x02, 0, 0, 0, 0x03, 0x00 }, .freq_mhz = 2484,
		.signal_mbm = -10500, .beacon_interval = 50, .capability = 0x0001,
		.tsf = 0, .seen_ns = mono,
		.ies = ies_c, .ies_len = sizeof(ies_c),
	};
}

static void check_record(const unsigned char *p, const struct sim_bss *b,
			 int32_t dbm, uint32_t lq, uint32_t type)
{
	uint64_t ft = now_filetime();
	int64_t age_100ns = (int64_t)((sim_clock_now_ns() - b->seen_ns) / 100);
	int64_t host;

	ck_assert_uint_eq(rd32(p + OFF_PHYID), 0);
	ck_assert_uint_eq(rd32(p + OFF_FREQ), b->freq_mhz);
	ck_assert_int_eq(memcmp(p + OFF_BSSID, b->bssid, 6), 0);
	ck_assert_uint_eq(rd32(p + OFF_TYPE), type);
	ck_assert_int_eq((int32_t)rd32(p + OFF_RSSI), dbm);
	ck_assert_uint_eq(rd32(p + OFF_LQ), lq);
	ck_assert_uint_eq(p[OFF_INREG], 1);
	ck_assert_uint_eq(rd16(p + OFF_BEACON), b->beacon_interval);
	ck_assert_uint_eq(rd64(p + OFF_TSF), b->tsf);
	/* host time: seen_ns projected onto wall time, within 0.5 s */
	host = (int64_t)rd64(p + OFF_HOSTTS);
	ck_assert_int_lt(llabs(host - ((int64_t)ft - age_100ns)), 5000000);
	ck_assert_uint_eq(rd16(p + OFF_CAP), b->capability);
	ck_assert_uint_eq(rd32(p + OFF_BUFLEN), b->ies_len);
	if (b->ies_len)
		ck_assert_int_eq(memcmp(p + OFF_IES, b->ies, b->ies_len), 0);
}

START_TEST(test_layout_matches_windows)
{
	ck_assert_uint_eq(IHV_BSS_ENTRY_FIXED, 64);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, PhySpecificInfo), OFF_FREQ);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, dot11BSSID), OFF_BSSID);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, dot11BSSType), OFF_TYPE);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, lRSSI), OFF_RSSI);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, uLinkQuality), OFF_LQ);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, bInRegDomain), OFF_INREG);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, usBeaconPeriod), OFF_BEACON);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, ullTimestamp), OFF_TSF);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, ullHostTimestamp), OFF_HOSTTS);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, usCapabilityInformation), OFF_CAP);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, uBufferLength), OFF_BUFLEN);
	ck_assert_uint_eq(offsetof(DOT11_BSS_ENTRY, ucBuffer), OFF_IES);
	ck_assert_uint_eq(sizeof(DOT11_BSS_LIST), 16);
}
END_TEST

START_TEST(test_build_and_walk_bytes)
{
	struct sim_bss b[3];
	DOT11_BSS_LIST l;
	const DOT11_BSS_ENTRY *e;
	size_t off = 0, n = 0;
	const unsigned char *p;

	three_bss(b);
	ck_assert_ok(ihv_bss_list_build(b, 3, &l));
	/* packed: no padding between records */
	ck_assert_uint_eq(l.uNumOfBytes, 3 * 64 + sizeof(ies_a) + sizeof(ies_c));
	ck_assert_ptr_nonnull(l.pucBuffer);
	p = l.pucBuffer;
	check_record(p, &b[0], -45, 100, 1);
	p += 64 + sizeof(ies_a);
	/* IBSS bit -> independent; -7599 mBm truncates to -75 dBm -> 50 */
	check_record(p, &b[1], -75, 50, 2);
	p += 64;
	check_record(p, &b[2], -105, 0, 1);

	/* the iterator visits the same three records at the same places */
	ck_assert_ok(ihv_bss_list_next(&l, &off, &e));
	ck_assert_ptr_eq(e, l.pucBuffer);
	ck_assert_uint_eq(off, 64 + sizeof(ies_a));
	ck_assert_ok(ihv_bss_list_next(&l, &off, &e));
	ck_assert_ptr_eq(e, l.pucBuffer + 64 + sizeof(ies_a));
	ck_assert_ok(ihv_bss_list_next(&l, &off, &e));
	ck_assert_ptr_eq(e, l.pucBuffer + 128 + sizeof(ies_a));
	ck_assert_errno(ihv_bss_list_next(&l, &off, &e), ENODATA);
	ck_assert_uint_eq(off, l.uNumOfBytes);
	ck_assert_ok(ihv_bss_list_count(&l, &n));
	ck_assert_uint_eq(n, 3);

	ihv_bss_list_free(&l);
	ck_assert_ptr_null(l.pucBuffer);
	ck_assert_uint_eq(l.uNumOfBytes, 0);
	ihv_bss_list_free(&l);
	ihv_bss_list_free(NULL);
}
END_TEST

START_TEST(test_empty_list)
{
	DOT11_BSS_LIST l = { 7, (PUCHAR)&l };
	size_t n = 99, off = 0;
	const DOT11_BSS_ENTRY *e;

	ck_assert_ok(ihv_bss_list_build(NULL, 0, &l));
	ck_assert_uint_eq(l.uNumOfBytes, 0);
	ck_assert_ptr_null(l.pucBuffer);
	ck_assert_errno(ihv_bss_list_next(&l, &off, &e), ENODATA);
	ck_assert_ok(ihv_bss_list_count(&l, &n));
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_link_quality_mapping)
{
	ck_assert_uint_eq(ihv_bss_link_quality(-120), 0);
	ck_assert_uint_eq(ihv_bss_link_quality(-100), 0);
	ck_assert_uint_eq(ihv_bss_link_quality(-99), 2);
	ck_assert_uint_eq(ihv_bss_link_quality(-75), 50);
	ck_assert_uint_eq(ihv_bss_link_quality(-51), 98);
	ck_assert_uint_eq(ihv_bss_link_quality(-50), 100);
	ck_assert_uint_eq(ihv_bss_link_quality(-10), 100);
	ck_assert_uint_eq(ihv_bss_link_quality(0), 100);
}
END_TEST

START_TEST(test_build_rejects_bad_input)
{
	struct sim_bss b[2];
	DOT11_BSS_LIST l;

	memset(b, 0, sizeof(b));
	ck_assert_errno(ihv_bss_list_build(NULL, 1, &l), EINVAL);
	ck_assert_ptr_null(l.pucBuffer);
	b[0].ies_len = 4;   /* IEs announced, none given */
	ck_assert_errno(ihv_bss_list_build(b, 1, &l), EINVAL);
	/* lengths that would overflow a ULONG (never read: refused first) */
	b[0].ies = ies_a;
	b[0].ies_len = UINT32_MAX;
	ck_assert_errno(ihv_bss_list_build(b, 1, &l), EOVERFLOW);
	b[0].ies_len = 0x80000000u;
	b[1].ies = ies_a;
	b[1].ies_len = 0x80000000u;
	ck_assert_errno(ihv_bss_list_build(b, 2, &l), EOVERFLOW);
	ck_assert_uint_eq(l.uNumOfBytes, 0);
	ck_assert_ptr_null(l.pucBuffer);
}
END_TEST

START_TEST(test_iterator_rejects_malformed)
{
	struct sim_bss b[3];
	DOT11_BSS_LIST l, bad;
	const DOT11_BSS_ENTRY *e = NULL;
	size_t off, n;
	unsigned char *copy;
	uint32_t v;

	three_bss(b);
	ck_assert_ok(ihv_bss_list_build(b, 3, &l));
	copy = malloc(l.uNumOfBytes);
	ck_assert_ptr_nonnull(copy);

	/* cut inside the last record's IEs */
	bad = (DOT11_BSS_LIST){ l.uNumOfBytes - 1, l.pucBuffer };
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* cut inside a fixed part */
	bad.uNumOfBytes = 64 + sizeof(ies_a) + 10;
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* uBufferLength larger than what is left */
	memcpy(copy, l.pucBuffer, l.uNumOfBytes);
	v = 1000;
	memcpy(copy + OFF_BUFLEN, &v, 4);
	bad = (DOT11_BSS_LIST){ l.uNumOfBytes, copy };
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* uBufferLength so large that off + length would wrap */
	v = UINT32_MAX;
	memcpy(copy + OFF_BUFLEN, &v, 4);
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* BSS type outside infrastructure/independent */
	memcpy(copy, l.pucBuffer, l.uNumOfBytes);
	v = 3;
	memcpy(copy + OFF_TYPE, &v, 4);
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* link quality above 100 */
	memcpy(copy, l.pucBuffer, l.uNumOfBytes);
	v = 101;
	memcpy(copy + OFF_LQ, &v, 4);
	ck_assert_errno(ihv_bss_list_count(&bad, &n), EBADMSG);
	/* bytes announced, no buffer */
	bad = (DOT11_BSS_LIST){ 64, NULL };
	off = 0;
	ck_assert_errno(ihv_bss_list_next(&bad, &off, &e), EBADMSG);
	/* offset past the end; errors leave *off and *e alone */
	off = l.uNumOfBytes + 1;
	ck_assert_errno(ihv_bss_list_next(&l, &off, &e), EBADMSG);
	ck_assert_uint_eq(off, l.uNumOfBytes + 1);
	ck_assert_ptr_null(e);
	ck_assert_errno(ihv_bss_list_next(NULL, &off, &e), EINVAL);
	ck_assert_errno(ihv_bss_list_next(&l, NULL, &e), EINVAL);
	ck_assert_errno(ihv_bss_list_next(&l, &off, NULL), EINVAL);
	/* and the untouched list is still fine */
	ck_assert_ok(ihv_bss_list_count(&l, &n));
	ck_assert_uint_eq(n, 3);
	free(copy);
	ihv_bss_list_free(&l);
}
END_TEST

CK_SUITE(bsslist_suite)
static Suite *bsslist_suite(void)
{
	Suite *s = suite_create("bsslist");
	TCase *tc = tcase_create("build");

	tcase_add_test(tc, test_layout_matches_windows);
	tcase_add_test(tc, test_build_and_walk_bytes);
	tcase_add_test(tc, test_empty_list);
	tcase_add_test(tc, test_link_quality_mapping);
	tcase_add_test(tc, test_build_rejects_bad_input);
	tcase_add_test(tc, test_iterator_rejects_malformed);
	suite_add_tcase(s, tc);
	return s;
}
