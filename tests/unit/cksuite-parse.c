/* SPDX-License-Identifier: MIT */
/*
 * The nl80211 parser against well-formed and malformed messages: each
 * refusal names the right fault and attribute, and no byte sequence makes
 * it crash or read outside the message (run under SANITIZE=1 to see).
 */
#include <stdlib.h>

#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ck.h"
#include "parse.h"

#define TEST_NL80211_ID 0x1c

static const struct sim_parse_families fams = {
	.nl80211 = TEST_NL80211_ID, .rec = SIM_REC_FAMILY_ID,
};
static const uint8_t ap[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t sta[6] = { 0x02, 0, 0, 0, 0x02, 0 };

static struct nl_msg *msg_new(uint16_t family, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, family, 0, 0, cmd, 1));
	return msg;
}

static void put_ids(struct nl_msg *msg)
{
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 1), 0);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_IFINDEX, 7), 0);
}

/* A deauthentication (stype 0xc) or disassociation (0xa) frame. */
static size_t mgmt_frame(uint8_t *buf, bool disassoc, const uint8_t *da,
			 const uint8_t *sa, const uint8_t *bssid, uint16_t reason)
{
	memset(buf, 0, 26);
	buf[0] = disassoc ? 0xa0 : 0xc0;
	memcpy(buf + 4, da, 6);
	memcpy(buf + 10, sa, 6);
	memcpy(buf + 16, bssid, 6);
	buf[24] = (uint8_t)(reason & 0xff);
	buf[25] = (uint8_t)(reason >> 8);
	return 26;
}

static int parse(struct nl_msg *msg, struct sim_msg *m,
		 struct sim_parse_error *err)
{
	return sim_parse_msg(&fams, nlmsg_hdr(msg), m, err);
}

START_TEST(test_disconnect_ok)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_DISCONNECT);
	struct sim_parse_error err;
	struct sim_msg m;

	put_ids(msg);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_REASON_CODE, 3), 0);
	ck_assert_int_eq(nla_put_flag(msg, NL80211_ATTR_DISCONNECTED_BY_AP), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_DISCONNECT);
	ck_assert_uint_eq(m.wiphy, 1);
	ck_assert_uint_eq(m.ifindex, 7);
	ck_assert_uint_eq(m.reason, 3);
	ck_assert(m.by_ap);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_disconnect_without_ifindex)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_DISCONNECT);
	struct sim_parse_error err;
	struct sim_msg m;

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 1), 0);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_REASON_CODE, 3), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_MISSING_ATTR);
	ck_assert_uint_eq(err.cmd, NL80211_CMD_DISCONNECT);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_IFINDEX);
	ck_assert_str_eq(err.text,
			 "nl80211 DISCONNECT (48) without IFINDEX (3)");
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_deauth_from_ap)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID,
				     NL80211_CMD_DEAUTHENTICATE);
	struct sim_parse_error err;
	uint8_t frame[26];
	struct sim_msg m;

	put_ids(msg);
	mgmt_frame(frame, false, sta, ap, ap, 0x1234);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_FRAME, 26, frame), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_DEAUTHENTICATE);
	ck_assert(m.has_frame);
	ck_assert_mem_eq(m.frame.da, sta, 6);
	ck_assert_mem_eq(m.frame.sa, ap, 6);
	ck_assert_mem_eq(m.frame.bssid, ap, 6);
	ck_assert_uint_eq(m.frame.reason, 0x1234);  /* little-endian, at 24 */
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_deauth_truncated_frame)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID,
				     NL80211_CMD_DEAUTHENTICATE);
	struct sim_parse_error err;
	uint8_t frame[26];
	struct sim_msg m;

	put_ids(msg);
	mgmt_frame(frame, false, sta, ap, ap, 2);
	/* the header without its reason code */
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_FRAME, 24, frame), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_BAD_FRAME);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_FRAME);
	ck_assert_ptr_nonnull(strstr(err.text, "DEAUTHENTICATE (39)"));
	ck_assert_ptr_nonnull(strstr(err.text, "24 bytes"));
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_disassoc_with_deauth_frame)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_DISASSOCIATE);
	struct sim_parse_error err;
	uint8_t frame[26];
	struct sim_msg m;

	put_ids(msg);
	mgmt_frame(frame, false, sta, ap, ap, 8);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_FRAME, 26, frame), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_BAD_FRAME);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_deauth_without_frame)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID,
				     NL80211_CMD_DEAUTHENTICATE);
	struct sim_parse_error err;
	struct sim_msg m;

	put_ids(msg);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_MISSING_ATTR);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_FRAME);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_wrong_attr_length)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_DISCONNECT);
	struct sim_parse_error err;
	struct sim_msg m;

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 1), 0);
	/* IFINDEX is a u32; two bytes must not be read as four */
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_IFINDEX, 7), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_POLICY);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_IFINDEX);
	ck_assert_ptr_nonnull(strstr(err.text, "malformed IFINDEX (3): length 2"));
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_oversized_attr)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_DEL_STATION);
	struct sim_parse_error err;
	uint8_t mac7[7] = { 0 };
	struct sim_msg m;

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_IFINDEX, 7), 0);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_MAC, 7, mac7), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_POLICY);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_MAC);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_short_genl_header)
{
	struct nlmsghdr h = {
		.nlmsg_len = sizeof(h) + 2,   /* genlmsghdr is 4 bytes */
		.nlmsg_type = TEST_NL80211_ID,
	};
	uint8_t buf[sizeof(h) + 2] = { 0 };
	struct sim_parse_error err;
	struct sim_msg m;

	memcpy(buf, &h, sizeof(h));
	ck_assert_errno(sim_parse_msg(&fams, (struct nlmsghdr *)buf, &m, &err),
			EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_SHORT_HEADER);
}
END_TEST

START_TEST(test_connect)
{
	static const uint8_t req[] = { 0, 3, 'a', 'b', 'c' };
	static const uint8_t resp[] = { 1, 1, 0x82 };
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_CONNECT);
	struct sim_parse_error err;
	struct sim_msg m;

	put_ids(msg);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_STATUS_CODE, 0), 0);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_MAC, 6, ap), 0);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, 2412), 0);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_REQ_IE, sizeof(req), req), 0);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_RESP_IE, sizeof(resp), resp), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_CONNECT);
	ck_assert_uint_eq(m.status, 0);
	ck_assert(!m.timed_out);
	ck_assert_uint_eq(m.freq_mhz, 2412);
	ck_assert_mem_eq(m.mac, ap, 6);
	ck_assert_uint_eq(m.req_ies_len, sizeof(req));
	ck_assert_mem_eq(m.req_ies, req, sizeof(req));
	ck_assert_uint_eq(m.resp_ies_len, sizeof(resp));
	ck_assert_mem_eq(m.resp_ies, resp, sizeof(resp));
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_connect_ok_without_bssid)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_CONNECT);
	struct sim_parse_error err;
	struct sim_msg m;

	put_ids(msg);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_STATUS_CODE, 0), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_MAC);
	nlmsg_free(msg);

	/* a timed-out attempt legitimately has no BSS */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_CONNECT);
	put_ids(msg);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_STATUS_CODE, 1), 0);
	ck_assert_int_eq(nla_put_flag(msg, NL80211_ATTR_TIMED_OUT), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert(m.timed_out);
	ck_assert_uint_eq(m.status, 1);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_cqm)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	struct sim_parse_error err;
	struct nlattr *nest;
	struct sim_msg m;

	put_ids(msg);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	ck_assert_int_eq(nla_put_flag(msg, NL80211_ATTR_CQM_BEACON_LOSS_EVENT), 0);
	nla_nest_end(msg, nest);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_BEACON_LOSS);
	nlmsg_free(msg);

	/* an RSSI threshold event is a signal report, not disconnection
	 * evidence: low, with the kernel's level */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	put_ids(msg);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT, 0), 0);
	ck_assert_int_eq(nla_put_s32(msg, NL80211_ATTR_CQM_RSSI_LEVEL, -78), 0);
	nla_nest_end(msg, nest);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_CQM_RSSI);
	ck_assert(m.rssi_low);
	ck_assert(m.has_rssi_level);
	ck_assert_int_eq(m.rssi_level, -78);
	nlmsg_free(msg);

	/* high, without a level */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	put_ids(msg);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT, 1), 0);
	nla_nest_end(msg, nest);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_CQM_RSSI);
	ck_assert(!m.rssi_low);
	ck_assert(!m.has_rssi_level);
	nlmsg_free(msg);

	/* an event value nl80211 does not define: refused, named */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	put_ids(msg);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT, 7), 0);
	nla_nest_end(msg, nest);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_BAD_VALUE);
	nlmsg_free(msg);

	/* packet loss: neither */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	put_ids(msg);
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_CQM_PKT_LOSS_EVENT, 50), 0);
	nla_nest_end(msg, nest);
	ck_assert_errno(parse(msg, &m, &err), ENOENT);
	nlmsg_free(msg);

	/* a Michael MIC failure on the group key, from the AP */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_MICHAEL_MIC_FAILURE);
	put_ids(msg);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_KEY_TYPE, NL80211_KEYTYPE_GROUP), 0);
	ck_assert_int_eq(nla_put_u8(msg, NL80211_ATTR_KEY_IDX, 2), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_MIC_FAILURE);
	ck_assert(m.mic_group);
	ck_assert_uint_eq(m.mic_key_idx, 2);
	nlmsg_free(msg);
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_MICHAEL_MIC_FAILURE);
	put_ids(msg);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_MISSING_ATTR);
	nlmsg_free(msg);

	/* CQM present but not a nest of attributes */
	msg = msg_new(TEST_NL80211_ID, NL80211_CMD_NOTIFY_CQM);
	put_ids(msg);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_CQM, 1), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_CQM);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_not_of_interest)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID, NL80211_CMD_TRIGGER_SCAN);
	struct sim_parse_error err;
	struct sim_msg m;

	put_ids(msg);
	ck_assert_errno(parse(msg, &m, &err), ENOENT);
	nlmsg_free(msg);
	msg = msg_new(TEST_NL80211_ID + 1, NL80211_CMD_DISCONNECT);
	ck_assert_errno(parse(msg, &m, &err), ENOENT);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_rec_intent)
{
	struct nl_msg *msg = msg_new(SIM_REC_FAMILY_ID, SIM_REC_CMD_INTENT);
	struct sim_parse_error err;
	struct sim_msg m;

	ck_assert_int_eq(nla_put_u32(msg, SIM_REC_ATTR_IFINDEX, 9), 0);
	ck_assert_int_eq(nla_put_u32(msg, SIM_REC_ATTR_CAUSE, SIM_CAUSE_IFACE_DOWN), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_INTENT);
	ck_assert_uint_eq(m.ifindex, 9);
	ck_assert_int_eq(m.cause, SIM_CAUSE_IFACE_DOWN);
	nlmsg_free(msg);

	msg = msg_new(SIM_REC_FAMILY_ID, SIM_REC_CMD_INTENT);
	ck_assert_int_eq(nla_put_u32(msg, SIM_REC_ATTR_IFINDEX, 9), 0);
	ck_assert_int_eq(nla_put_u32(msg, SIM_REC_ATTR_CAUSE, SIM_CAUSE_COUNT), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_int_eq(err.fault, SIM_FAULT_BAD_VALUE);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_ctrl_family)
{
	struct nl_msg *msg = msg_new(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	struct sim_parse_error err;
	struct sim_msg m;

	ck_assert_int_eq(nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, 0x22), 0);
	ck_assert_int_eq(nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nl80211"), 0);
	ck_assert_ok(parse(msg, &m, &err));
	ck_assert_int_eq(m.kind, SIM_MSG_FAMILY);
	ck_assert_uint_eq(m.family_id, 0x22);
	ck_assert_str_eq(m.family_name, "nl80211");
	nlmsg_free(msg);

	/* a name without its terminating NUL is refused, not over-read */
	msg = msg_new(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	ck_assert_int_eq(nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, 0x22), 0);
	ck_assert_int_eq(nla_put(msg, CTRL_ATTR_FAMILY_NAME, 7, "nl80211"), 0);
	ck_assert_errno(parse(msg, &m, &err), EBADMSG);
	ck_assert_uint_eq(err.attr, CTRL_ATTR_FAMILY_NAME);
	nlmsg_free(msg);
}
END_TEST

/*
 * Every prefix of a valid message, with nlmsg_len shrunk to match, and
 * random corruptions of it: the parser must answer (0, -ENOENT or
 * -EBADMSG) without crashing. The buffer is exactly nlmsg_len long so an
 * over-read shows under SANITIZE=1.
 */
START_TEST(test_truncations_and_corruptions_never_crash)
{
	struct nl_msg *msg = msg_new(TEST_NL80211_ID,
				     NL80211_CMD_DEAUTHENTICATE);
	struct sim_parse_error err;
	uint8_t frame[26];
	struct sim_msg m;
	uint32_t len;
	uint8_t *orig;
	unsigned seed = 1;

	put_ids(msg);
	mgmt_frame(frame, false, sta, ap, ap, 2);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_FRAME, 26, frame), 0);
	len = nlmsg_hdr(msg)->nlmsg_len;
	orig = malloc(len);
	ck_assert_ptr_nonnull(orig);
	memcpy(orig, nlmsg_hdr(msg), len);

	for (uint32_t cut = sizeof(struct nlmsghdr); cut <= len; cut++) {
		uint8_t *b = malloc(cut);
		int rc;

		memcpy(b, orig, cut);
		((struct nlmsghdr *)b)->nlmsg_len = cut;
		rc = sim_parse_msg(&fams, (struct nlmsghdr *)b, &m, &err);
		ck_assert_msg(rc == 0 || rc == -EBADMSG || rc == -ENOENT,
			      "cut %u: %d", cut, rc);
		/* only the whole message is valid (the last attribute's
		 * alignment padding is not part of it) */
		ck_assert_msg((rc == 0) == (cut >= len - (NLA_ALIGN(26) - 26)),
			      "cut %u of %u: %d", cut, len, rc);
		free(b);
	}
	for (int i = 0; i < 20000; i++) {
		uint8_t *b = malloc(len);
		int rc;

		memcpy(b, orig, len);
		for (int k = 0; k < 3; k++) {
			uint32_t at = sizeof(struct nlmsghdr) +
				      (uint32_t)rand_r(&seed) %
				      (len - sizeof(struct nlmsghdr));
			b[at] = (uint8_t)rand_r(&seed);
		}
		rc = sim_parse_msg(&fams, (struct nlmsghdr *)b, &m, &err);
		ck_assert_msg(rc == 0 || rc == -EBADMSG || rc == -ENOENT,
			      "corruption %d: %d", i, rc);
		free(b);
	}
	free(orig);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_refusals_logged_once_per_kind)
{
	struct sim_parse_log log = { 0 };
	struct sim_parse_error a = {
		.fault = SIM_FAULT_MISSING_ATTR, .family = TEST_NL80211_ID,
		.cmd = 48, .attr = 3, .text = "nl80211 DISCONNECT (48) without IFINDEX (3)",
	};
	struct sim_parse_error b = a;

	b.attr = 1;
	sim_parse_log_refusal(&log, &a);
	sim_parse_log_refusal(&log, &a);
	sim_parse_log_refusal(&log, &b);
	ck_assert_uint_eq(log.refused, 3);
	ck_assert_uint_eq(log.nkeys, 2);
}
END_TEST

CK_SUITE(parse_suite)
static Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("nl80211");

	tcase_add_test(tc, test_disconnect_ok);
	tcase_add_test(tc, test_disconnect_without_ifindex);
	tcase_add_test(tc, test_deauth_from_ap);
	tcase_add_test(tc, test_deauth_truncated_frame);
	tcase_add_test(tc, test_disassoc_with_deauth_frame);
	tcase_add_test(tc, test_deauth_without_frame);
	tcase_add_test(tc, test_wrong_attr_length);
	tcase_add_test(tc, test_oversized_attr);
	tcase_add_test(tc, test_short_genl_header);
	tcase_add_test(tc, test_connect);
	tcase_add_test(tc, test_connect_ok_without_bssid);
	tcase_add_test(tc, test_cqm);
	tcase_add_test(tc, test_not_of_interest);
	tcase_add_test(tc, test_rec_intent);
	tcase_add_test(tc, test_ctrl_family);
	tcase_add_test(tc, test_truncations_and_corruptions_never_crash);
	tcase_add_test(tc, test_refusals_logged_once_per_kind);
	suite_add_tcase(s, tc);
	return s;
}
