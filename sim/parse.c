/* SPDX-License-Identifier: MIT */
/*
 * parse: netlink -> struct sim_msg (contract in parse.h).
 *
 * Each family has its nla_policy table right here, next to the code that
 * reads the attributes, and each command states which attributes it
 * requires. When a policy refuses a message, the culprit attribute is found
 * by validating the attributes one by one, so the log line can name it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "parse.h"

#define MGMT_HDR_LEN 24
#define MGMT_REASON_LEN 2
#define FC_TYPE_MGMT 0
#define FC_STYPE_DISASSOC 0xa
#define FC_STYPE_DEAUTH 0xc

/* ---- policies ---------------------------------------------------------- */

static const struct nla_policy nl80211_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_MAC] = { .type = NLA_UNSPEC, .minlen = SIM_ETH_ALEN,
			       .maxlen = SIM_ETH_ALEN },
	/* FRAME: any length here; sim_parse_mgmt checks what it needs. */
	[NL80211_ATTR_FRAME] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_REASON_CODE] = { .type = NLA_U16, .maxlen = 2 },
	[NL80211_ATTR_DISCONNECTED_BY_AP] = { .type = NLA_FLAG },
	[NL80211_ATTR_STATUS_CODE] = { .type = NLA_U16, .maxlen = 2 },
	[NL80211_ATTR_TIMED_OUT] = { .type = NLA_FLAG },
	[NL80211_ATTR_WIPHY_FREQ] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_REQ_IE] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_RESP_IE] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_CQM] = { .type = NLA_NESTED },
	[NL80211_ATTR_KEY_TYPE] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_KEY_IDX] = { .type = NLA_U8, .maxlen = 1 },
};

static const struct nla_policy cqm_policy[NL80211_ATTR_CQM_MAX + 1] = {
	[NL80211_ATTR_CQM_BEACON_LOSS_EVENT] = { .type = NLA_FLAG },
	[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT] = { .type = NLA_U32, .maxlen = 4 },
	[NL80211_ATTR_CQM_RSSI_LEVEL] = { .type = NLA_U32, .maxlen = 4 },
};

static const struct nla_policy ctrl_policy[CTRL_ATTR_MAX + 1] = {
	[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16, .maxlen = 2 },
	[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_STRING, .maxlen = GENL_NAMSIZ },
};

static const struct nla_policy rec_policy[SIM_REC_ATTR_MAX + 1] = {
	[SIM_REC_ATTR_IFINDEX] = { .type = NLA_U32, .maxlen = 4 },
	[SIM_REC_ATTR_CAUSE] = { .type = NLA_U32, .maxlen = 4 },
	[SIM_REC_ATTR_WIPHY] = { .type = NLA_U32, .maxlen = 4 },
	[SIM_REC_ATTR_RFKILL_IDX] = { .type = NLA_U32, .maxlen = 4 },
	[SIM_REC_ATTR_RFKILL_TYPE] = { .type = NLA_U8, .maxlen = 1 },
	[SIM_REC_ATTR_RFKILL_OP] = { .type = NLA_U8, .maxlen = 1 },
	[SIM_REC_ATTR_RFKILL_SOFT] = { .type = NLA_U8, .maxlen = 1 },
	[SIM_REC_ATTR_RFKILL_HARD] = { .type = NLA_U8, .maxlen = 1 },
};

/* ---- names for log lines ----------------------------------------------- */

const char *sim_nl80211_cmd_name(uint8_t cmd)
{
	switch (cmd) {
	case NL80211_CMD_NEW_WIPHY: return "NEW_WIPHY";
	case NL80211_CMD_DEL_WIPHY: return "DEL_WIPHY";
	case NL80211_CMD_NEW_INTERFACE: return "NEW_INTERFACE";
	case NL80211_CMD_DEL_INTERFACE: return "DEL_INTERFACE";
	case NL80211_CMD_NEW_STATION: return "NEW_STATION";
	case NL80211_CMD_DEL_STATION: return "DEL_STATION";
	case NL80211_CMD_AUTHENTICATE: return "AUTHENTICATE";
	case NL80211_CMD_ASSOCIATE: return "ASSOCIATE";
	case NL80211_CMD_DEAUTHENTICATE: return "DEAUTHENTICATE";
	case NL80211_CMD_DISASSOCIATE: return "DISASSOCIATE";
	case NL80211_CMD_CONNECT: return "CONNECT";
	case NL80211_CMD_ROAM: return "ROAM";
	case NL80211_CMD_DISCONNECT: return "DISCONNECT";
	case NL80211_CMD_NOTIFY_CQM: return "NOTIFY_CQM";
	case NL80211_CMD_MICHAEL_MIC_FAILURE: return "MICHAEL_MIC_FAILURE";
	case NL80211_CMD_CH_SWITCH_NOTIFY: return "CH_SWITCH_NOTIFY";
	}
	return "?";
}

static const char *nl80211_attr_name(uint16_t attr)
{
	switch (attr) {
	case NL80211_ATTR_WIPHY: return "WIPHY";
	case NL80211_ATTR_IFINDEX: return "IFINDEX";
	case NL80211_ATTR_MAC: return "MAC";
	case NL80211_ATTR_FRAME: return "FRAME";
	case NL80211_ATTR_REASON_CODE: return "REASON_CODE";
	case NL80211_ATTR_DISCONNECTED_BY_AP: return "DISCONNECTED_BY_AP";
	case NL80211_ATTR_STATUS_CODE: return "STATUS_CODE";
	case NL80211_ATTR_TIMED_OUT: return "TIMED_OUT";
	case NL80211_ATTR_WIPHY_FREQ: return "WIPHY_FREQ";
	case NL80211_ATTR_REQ_IE: return "REQ_IE";
	case NL80211_ATTR_RESP_IE: return "RESP_IE";
	case NL80211_ATTR_CQM: return "CQM";
	case NL80211_ATTR_KEY_TYPE: return "KEY_TYPE";
	case NL80211_ATTR_KEY_IDX: return "KEY_IDX";
	}
	return "?";
}

static const char *rec_attr_name(uint16_t attr)
{
	switch ((enum sim_rec_attr)attr) {
	case SIM_REC_ATTR_IFINDEX: return "IFINDEX";
	case SIM_REC_ATTR_CAUSE: return "CAUSE";
	case SIM_REC_ATTR_WIPHY: return "WIPHY";
	case SIM_REC_ATTR_RFKILL_IDX: return "RFKILL_IDX";
	case SIM_REC_ATTR_RFKILL_TYPE: return "RFKILL_TYPE";
	case SIM_REC_ATTR_RFKILL_OP: return "RFKILL_OP";
	case SIM_REC_ATTR_RFKILL_SOFT: return "RFKILL_SOFT";
	case SIM_REC_ATTR_RFKILL_HARD: return "RFKILL_HARD";
	case SIM_REC_ATTR_UNSPEC:
	case SIM_REC_ATTR_COUNT:
		break;
	}
	return "?";
}

const char *sim_msg_kind_name(enum sim_msg_kind kind)
{
	switch (kind) {
	case SIM_MSG_NEW_WIPHY: return "NEW_WIPHY";
	case SIM_MSG_DEL_WIPHY: return "DEL_WIPHY";
	case SIM_MSG_NEW_IFACE: return "NEW_INTERFACE";
	case SIM_MSG_DEL_IFACE: return "DEL_INTERFACE";
	case SIM_MSG_NEW_STATION: return "NEW_STATION";
	case SIM_MSG_DEL_STATION: return "DEL_STATION";
	case SIM_MSG_AUTHENTICATE: return "AUTHENTICATE";
	case SIM_MSG_ASSOCIATE: return "ASSOCIATE";
	case SIM_MSG_DEAUTHENTICATE: return "DEAUTHENTICATE";
	case SIM_MSG_DISASSOCIATE: return "DISASSOCIATE";
	case SIM_MSG_CONNECT: return "CONNECT";
	case SIM_MSG_ROAM: return "ROAM";
	case SIM_MSG_DISCONNECT: return "DISCONNECT";
	case SIM_MSG_BEACON_LOSS: return "BEACON_LOSS";
	case SIM_MSG_CQM_RSSI: return "CQM_RSSI";
	case SIM_MSG_MIC_FAILURE: return "MICHAEL_MIC_FAILURE";
	case SIM_MSG_RFKILL: return "RFKILL";
	case SIM_MSG_INTENT: return "INTENT";
	case SIM_MSG_FAMILY: return "FAMILY";
	}
	return "?";
}

/* ---- refusals ---------------------------------------------------------- */

/* The family prefix and command name of a refusal, for its text. */
struct refusal_ctx {
	const char *family;                 /* "nl80211", "ctrl", "sim_rec" */
	const char *cmd_name;
	const char *(*attr_name)(uint16_t attr);
};

__attribute__((format(printf, 6, 7)))
static int refuse(struct sim_parse_error *err, const struct refusal_ctx *rc,
		  enum sim_parse_fault fault, uint8_t cmd, uint16_t attr,
		  const char *fmt, ...)
{
	char why[80];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	err->fault = fault;
	err->cmd = cmd;
	err->attr = attr;
	snprintf(err->text, sizeof(err->text), "%s %s (%u) %s", rc->family,
		 rc->cmd_name, cmd, why);
	return -EBADMSG;
}

static int refuse_missing(struct sim_parse_error *err,
			  const struct refusal_ctx *rc, uint8_t cmd,
			  uint16_t attr)
{
	return refuse(err, rc, SIM_FAULT_MISSING_ATTR, cmd, attr,
		      "without %s (%u)", rc->attr_name(attr), attr);
}

/*
 * genlmsg_parse refused the message: say which attribute broke its policy
 * (validating them one at a time), or that the header itself was short.
 */
static int refuse_parse(struct sim_parse_error *err,
			const struct refusal_ctx *rc, const struct nlmsghdr *nlh,
			int nlerr, int maxtype, const struct nla_policy *pol)
{
	const struct genlmsghdr *gnlh;
	struct nlattr *pos;
	int rem;

	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return refuse(err, rc, SIM_FAULT_SHORT_HEADER, 0, 0,
			      "shorter than its genetlink header");
	gnlh = nlmsg_data(nlh);
	nla_for_each_attr(pos, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_validate(pos, pos->nla_len, maxtype, pol) < 0)
			return refuse(err, rc, SIM_FAULT_POLICY, gnlh->cmd,
				      nla_type(pos),
				      "with a malformed %s (%u): length %d",
				      rc->attr_name(nla_type(pos)),
				      nla_type(pos), nla_len(pos));
	}
	return refuse(err, rc, SIM_FAULT_POLICY, gnlh->cmd, 0,
		      "refused by its policy (%s)", nl_geterror(nlerr));
}

void sim_parse_log_refusal(struct sim_parse_log *log,
			   const struct sim_parse_error *err)
{
	uint64_t key = (uint64_t)err->family << 40 | (uint64_t)err->cmd << 32 |
		       (uint64_t)err->fault << 16 | err->attr;

	log->refused++;
	for (unsigned i = 0; i < log->nkeys; i++)
		if (log->keys[i] == key)
			return;
	if (log->nkeys < SIM_PARSE_LOG_KEYS)
		log->keys[log->nkeys++] = key;
	/* Past the key table every refusal is logged: louder, never silent. */
	fprintf(stderr, "sim: monitor: refused %s (further ones counted, "
		"not logged)\n", err->text);
}

/* ---- 802.11 ------------------------------------------------------------ */

int sim_parse_mgmt(const uint8_t *frame, size_t len, bool disassoc,
		   struct sim_mgmt_hdr *out)
{
	unsigned type, stype;

	if (len < MGMT_HDR_LEN + MGMT_REASON_LEN)
		return -EBADMSG;
	out->fc = (uint16_t)(frame[0] | frame[1] << 8);
	type = (out->fc >> 2) & 0x3;
	stype = (out->fc >> 4) & 0xf;
	if (type != FC_TYPE_MGMT ||
	    stype != (disassoc ? FC_STYPE_DISASSOC : FC_STYPE_DEAUTH))
		return -EBADMSG;
	memcpy(out->da, frame + 4, SIM_ETH_ALEN);
	memcpy(out->sa, frame + 10, SIM_ETH_ALEN);
	memcpy(out->bssid, frame + 16, SIM_ETH_ALEN);
	out->reason = (uint16_t)(frame[24] | frame[25] << 8);
	return 0;
}

/* ---- nl80211 ----------------------------------------------------------- */

/* libnl's nla_parse ignores bytes left over after the last whole
 * attribute; in a nest they mean it is not a nest at all. */
static bool nest_is_whole(const struct nlattr *nest)
{
	const struct nlattr *pos;
	int rem;

	nla_for_each_nested(pos, nest, rem)
		;
	return rem <= 0;  /* < 0: a last attribute without its padding */
}

static int nl80211_kind(uint8_t cmd, enum sim_msg_kind *kind)
{
	switch (cmd) {
	case NL80211_CMD_NEW_WIPHY: *kind = SIM_MSG_NEW_WIPHY; return 0;
	case NL80211_CMD_DEL_WIPHY: *kind = SIM_MSG_DEL_WIPHY; return 0;
	case NL80211_CMD_NEW_INTERFACE: *kind = SIM_MSG_NEW_IFACE; return 0;
	case NL80211_CMD_DEL_INTERFACE: *kind = SIM_MSG_DEL_IFACE; return 0;
	case NL80211_CMD_NEW_STATION: *kind = SIM_MSG_NEW_STATION; return 0;
	case NL80211_CMD_DEL_STATION: *kind = SIM_MSG_DEL_STATION; return 0;
	case NL80211_CMD_AUTHENTICATE: *kind = SIM_MSG_AUTHENTICATE; return 0;
	case NL80211_CMD_ASSOCIATE: *kind = SIM_MSG_ASSOCIATE; return 0;
	case NL80211_CMD_DEAUTHENTICATE: *kind = SIM_MSG_DEAUTHENTICATE; return 0;
	case NL80211_CMD_DISASSOCIATE: *kind = SIM_MSG_DISASSOCIATE; return 0;
	case NL80211_CMD_CONNECT: *kind = SIM_MSG_CONNECT; return 0;
	case NL80211_CMD_ROAM: *kind = SIM_MSG_ROAM; return 0;
	case NL80211_CMD_DISCONNECT: *kind = SIM_MSG_DISCONNECT; return 0;
	case NL80211_CMD_NOTIFY_CQM: *kind = SIM_MSG_BEACON_LOSS; return 0;
	case NL80211_CMD_MICHAEL_MIC_FAILURE: *kind = SIM_MSG_MIC_FAILURE; return 0;
	}
	return -ENOENT;
}

/* Which attributes each command must carry (the kernel always sends them;
 * a message without one cannot be attributed to an interface). */
static const uint16_t *nl80211_required(enum sim_msg_kind kind)
{
	static const uint16_t wiphy[] = { NL80211_ATTR_WIPHY, 0 };
	static const uint16_t wiphy_if[] = { NL80211_ATTR_WIPHY,
					     NL80211_ATTR_IFINDEX, 0 };
	static const uint16_t sta[] = { NL80211_ATTR_IFINDEX,
					NL80211_ATTR_MAC, 0 };
	static const uint16_t mlme[] = { NL80211_ATTR_WIPHY,
					 NL80211_ATTR_IFINDEX,
					 NL80211_ATTR_FRAME, 0 };
	static const uint16_t conn[] = { NL80211_ATTR_WIPHY,
					 NL80211_ATTR_IFINDEX,
					 NL80211_ATTR_STATUS_CODE, 0 };
	static const uint16_t roam[] = { NL80211_ATTR_WIPHY,
					 NL80211_ATTR_IFINDEX,
					 NL80211_ATTR_MAC, 0 };
	static const uint16_t cqm[] = { NL80211_ATTR_WIPHY,
					NL80211_ATTR_IFINDEX,
					NL80211_ATTR_CQM, 0 };
	static const uint16_t mic[] = { NL80211_ATTR_WIPHY,
					NL80211_ATTR_IFINDEX,
					NL80211_ATTR_KEY_TYPE, 0 };

	switch (kind) {
	case SIM_MSG_NEW_WIPHY:
	case SIM_MSG_DEL_WIPHY:
		return wiphy;
	case SIM_MSG_NEW_IFACE:
	case SIM_MSG_DEL_IFACE:
	case SIM_MSG_AUTHENTICATE:
	case SIM_MSG_ASSOCIATE:
	case SIM_MSG_DISCONNECT:
		return wiphy_if;
	case SIM_MSG_NEW_STATION:
	case SIM_MSG_DEL_STATION:
		return sta;
	case SIM_MSG_DEAUTHENTICATE:
	case SIM_MSG_DISASSOCIATE:
		return mlme;
	case SIM_MSG_CONNECT:
		return conn;
	case SIM_MSG_ROAM:
		return roam;
	case SIM_MSG_BEACON_LOSS:
	case SIM_MSG_CQM_RSSI:
		return cqm;
	case SIM_MSG_MIC_FAILURE:
		return mic;
	case SIM_MSG_RFKILL:
	case SIM_MSG_INTENT:
	case SIM_MSG_FAMILY:
		break;
	}
	return wiphy;
}

static int parse_nl80211(const struct nlmsghdr *nlh, struct sim_msg *m,
			 struct sim_parse_error *err)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *cqm[NL80211_ATTR_CQM_MAX + 1];
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct refusal_ctx rc = { "nl80211", "?", nl80211_attr_name };
	const uint16_t *req;
	int nlerr;

	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return refuse(err, &rc, SIM_FAULT_SHORT_HEADER, 0, 0,
			      "shorter than its genetlink header");
	if (nl80211_kind(gnlh->cmd, &m->kind) < 0)
		return -ENOENT;
	m->cmd = gnlh->cmd;
	rc.cmd_name = sim_nl80211_cmd_name(gnlh->cmd);
	nlerr = genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, NL80211_ATTR_MAX,
			      (struct nla_policy *)nl80211_policy);
	if (nlerr < 0)
		return refuse_parse(err, &rc, nlh, nlerr, NL80211_ATTR_MAX,
				    nl80211_policy);
	for (req = nl80211_required(m->kind); *req; req++)
		if (!tb[*req])
			return refuse_missing(err, &rc, m->cmd, *req);

	if (tb[NL80211_ATTR_WIPHY]) {
		m->has_wiphy = true;
		m->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	}
	if (tb[NL80211_ATTR_IFINDEX]) {
		m->has_ifindex = true;
		m->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	}
	if (tb[NL80211_ATTR_MAC]) {
		m->has_mac = true;
		memcpy(m->mac, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	}
	if (tb[NL80211_ATTR_WIPHY_FREQ])
		m->freq_mhz = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	m->timed_out = tb[NL80211_ATTR_TIMED_OUT] != NULL;

	switch (m->kind) {
	case SIM_MSG_DEAUTHENTICATE:
	case SIM_MSG_DISASSOCIATE:
		if (sim_parse_mgmt(nla_data(tb[NL80211_ATTR_FRAME]),
				   (size_t)nla_len(tb[NL80211_ATTR_FRAME]),
				   m->kind == SIM_MSG_DISASSOCIATE,
				   &m->frame) < 0)
			return refuse(err, &rc, SIM_FAULT_BAD_FRAME, m->cmd,
				      NL80211_ATTR_FRAME,
				      "with a FRAME (%u) of %d bytes that is not a %s",
				      NL80211_ATTR_FRAME,
				      nla_len(tb[NL80211_ATTR_FRAME]),
				      m->kind == SIM_MSG_DISASSOCIATE ?
				      "disassociation" : "deauthentication");
		m->has_frame = true;
		break;
	case SIM_MSG_DISCONNECT:
		if (tb[NL80211_ATTR_REASON_CODE])
			m->reason = nla_get_u16(tb[NL80211_ATTR_REASON_CODE]);
		m->by_ap = tb[NL80211_ATTR_DISCONNECTED_BY_AP] != NULL;
		break;
	case SIM_MSG_CONNECT:
		m->status = nla_get_u16(tb[NL80211_ATTR_STATUS_CODE]);
		/* A successful association names its BSS. */
		if (m->status == 0 && !m->timed_out && !m->has_mac)
			return refuse_missing(err, &rc, m->cmd,
					      NL80211_ATTR_MAC);
		/* fall through: IEs as for ROAM */
		__attribute__((fallthrough));
	case SIM_MSG_ROAM:
		if (tb[NL80211_ATTR_REQ_IE]) {
			m->req_ies = nla_data(tb[NL80211_ATTR_REQ_IE]);
			m->req_ies_len = (size_t)nla_len(tb[NL80211_ATTR_REQ_IE]);
		}
		if (tb[NL80211_ATTR_RESP_IE]) {
			m->resp_ies = nla_data(tb[NL80211_ATTR_RESP_IE]);
			m->resp_ies_len = (size_t)nla_len(tb[NL80211_ATTR_RESP_IE]);
		}
		break;
	case SIM_MSG_BEACON_LOSS:
		if (!nest_is_whole(tb[NL80211_ATTR_CQM]))
			return refuse(err, &rc, SIM_FAULT_POLICY, m->cmd,
				      NL80211_ATTR_CQM,
				      "with a CQM (%u) that is not a nest of "
				      "attributes (%d bytes)", NL80211_ATTR_CQM,
				      nla_len(tb[NL80211_ATTR_CQM]));
		nlerr = nla_parse_nested(cqm, NL80211_ATTR_CQM_MAX,
					 tb[NL80211_ATTR_CQM],
					 (struct nla_policy *)cqm_policy);
		if (nlerr < 0)
			return refuse(err, &rc, SIM_FAULT_POLICY, m->cmd,
				      NL80211_ATTR_CQM,
				      "with a malformed CQM (%u) nest (%s)",
				      NL80211_ATTR_CQM, nl_geterror(nlerr));
		if (cqm[NL80211_ATTR_CQM_BEACON_LOSS_EVENT])
			break;
		/* A signal crossing the threshold the host set (SET_CQM):
		 * LOW (0) or HIGH (1), the only two values there are. */
		if (cqm[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT]) {
			uint32_t ev = nla_get_u32(cqm[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT]);

			if (ev != NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW &&
			    ev != NL80211_CQM_RSSI_THRESHOLD_EVENT_HIGH)
				return refuse(err, &rc, SIM_FAULT_BAD_VALUE, m->cmd,
					      NL80211_ATTR_CQM,
					      "with an RSSI threshold event %u (0 low or "
					      "1 high)", ev);
			m->kind = SIM_MSG_CQM_RSSI;
			m->rssi_low = ev == NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW;
			if (cqm[NL80211_ATTR_CQM_RSSI_LEVEL]) {
				m->has_rssi_level = true;
				m->rssi_level = (int32_t)nla_get_u32(cqm[NL80211_ATTR_CQM_RSSI_LEVEL]);
			}
			break;
		}
		/* Other CQM notifications (packet loss, TXE) are neither
		 * disconnection evidence nor a signal level. */
		return -ENOENT;
	case SIM_MSG_MIC_FAILURE: {
		uint32_t type = nla_get_u32(tb[NL80211_ATTR_KEY_TYPE]);

		if (type != NL80211_KEYTYPE_GROUP && type != NL80211_KEYTYPE_PAIRWISE)
			return refuse(err, &rc, SIM_FAULT_BAD_VALUE, m->cmd,
				      NL80211_ATTR_KEY_TYPE,
				      "with a KEY_TYPE (%u) of %u (0 group or 1 "
				      "pairwise)", NL80211_ATTR_KEY_TYPE, type);
		m->mic_group = type == NL80211_KEYTYPE_GROUP;
		if (tb[NL80211_ATTR_KEY_IDX])
			m->mic_key_idx = nla_get_u8(tb[NL80211_ATTR_KEY_IDX]);
		break;
	}
	case SIM_MSG_CQM_RSSI:
	case SIM_MSG_NEW_WIPHY:
	case SIM_MSG_DEL_WIPHY:
	case SIM_MSG_NEW_IFACE:
	case SIM_MSG_DEL_IFACE:
	case SIM_MSG_NEW_STATION:
	case SIM_MSG_DEL_STATION:
	case SIM_MSG_AUTHENTICATE:
	case SIM_MSG_ASSOCIATE:
	case SIM_MSG_RFKILL:
	case SIM_MSG_INTENT:
	case SIM_MSG_FAMILY:
		break;
	}
	return 0;
}

/* ---- the controller ---------------------------------------------------- */

static const char *ctrl_attr_name(uint16_t attr)
{
	switch (attr) {
	case CTRL_ATTR_FAMILY_ID: return "FAMILY_ID";
	case CTRL_ATTR_FAMILY_NAME: return "FAMILY_NAME";
	}
	return "?";
}

static int parse_ctrl(const struct nlmsghdr *nlh, struct sim_msg *m,
		      struct sim_parse_error *err)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct refusal_ctx rc = { "ctrl", "NEWFAMILY", ctrl_attr_name };
	int nlerr;

	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return refuse(err, &rc, SIM_FAULT_SHORT_HEADER, 0, 0,
			      "shorter than its genetlink header");
	if (gnlh->cmd != CTRL_CMD_NEWFAMILY)
		return -ENOENT;
	m->kind = SIM_MSG_FAMILY;
	m->cmd = gnlh->cmd;
	nlerr = genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, CTRL_ATTR_MAX,
			      (struct nla_policy *)ctrl_policy);
	if (nlerr < 0)
		return refuse_parse(err, &rc, nlh, nlerr, CTRL_ATTR_MAX,
				    ctrl_policy);
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return refuse_missing(err, &rc, m->cmd, CTRL_ATTR_FAMILY_ID);
	if (!tb[CTRL_ATTR_FAMILY_NAME])
		return refuse_missing(err, &rc, m->cmd, CTRL_ATTR_FAMILY_NAME);
	m->family_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	/* The policy guaranteed NUL termination within GENL_NAMSIZ. */
	snprintf(m->family_name, sizeof(m->family_name), "%s",
		 nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]));
	return 0;
}

/* ---- sim_rec ----------------------------------------------------------- */

static int parse_rec(const struct nlmsghdr *nlh, struct sim_msg *m,
		     struct sim_parse_error *err)
{
	static const uint16_t intent_req[] = { SIM_REC_ATTR_IFINDEX,
					       SIM_REC_ATTR_CAUSE, 0 };
	static const uint16_t rfkill_req[] = { SIM_REC_ATTR_RFKILL_IDX,
					       SIM_REC_ATTR_RFKILL_TYPE,
					       SIM_REC_ATTR_RFKILL_OP,
					       SIM_REC_ATTR_RFKILL_SOFT,
					       SIM_REC_ATTR_RFKILL_HARD, 0 };
	struct nlattr *tb[SIM_REC_ATTR_MAX + 1];
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct refusal_ctx rc = { "sim_rec", "?", rec_attr_name };
	const uint16_t *req;
	uint32_t cause;
	int nlerr;

	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return refuse(err, &rc, SIM_FAULT_SHORT_HEADER, 0, 0,
			      "shorter than its genetlink header");
	m->cmd = gnlh->cmd;
	/* The command byte comes from a file: switch on the raw value. */
	switch (gnlh->cmd) {
	case SIM_REC_CMD_INTENT:
		m->kind = SIM_MSG_INTENT;
		rc.cmd_name = "INTENT";
		req = intent_req;
		break;
	case SIM_REC_CMD_RFKILL:
		m->kind = SIM_MSG_RFKILL;
		rc.cmd_name = "RFKILL";
		req = rfkill_req;
		break;
	default:
		return -ENOENT;
	}
	nlerr = genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, SIM_REC_ATTR_MAX,
			      (struct nla_policy *)rec_policy);
	if (nlerr < 0)
		return refuse_parse(err, &rc, nlh, nlerr, SIM_REC_ATTR_MAX,
				    rec_policy);
	for (; *req; req++)
		if (!tb[*req])
			return refuse_missing(err, &rc, m->cmd, *req);
	if (tb[SIM_REC_ATTR_WIPHY]) {
		m->has_wiphy = true;
		m->wiphy = nla_get_u32(tb[SIM_REC_ATTR_WIPHY]);
	}
	if (m->kind == SIM_MSG_INTENT) {
		m->has_ifindex = true;
		m->ifindex = nla_get_u32(tb[SIM_REC_ATTR_IFINDEX]);
		cause = nla_get_u32(tb[SIM_REC_ATTR_CAUSE]);
		if (cause >= SIM_CAUSE_COUNT)
			return refuse(err, &rc, SIM_FAULT_BAD_VALUE, m->cmd,
				      SIM_REC_ATTR_CAUSE,
				      "with an unknown CAUSE %u", cause);
		m->cause = (enum sim_disc_cause)cause;
		return 0;
	}
	m->rfkill_idx = nla_get_u32(tb[SIM_REC_ATTR_RFKILL_IDX]);
	m->rfkill_type = nla_get_u8(tb[SIM_REC_ATTR_RFKILL_TYPE]);
	m->rfkill_op = nla_get_u8(tb[SIM_REC_ATTR_RFKILL_OP]);
	m->soft_blocked = nla_get_u8(tb[SIM_REC_ATTR_RFKILL_SOFT]) != 0;
	m->hard_blocked = nla_get_u8(tb[SIM_REC_ATTR_RFKILL_HARD]) != 0;
	return 0;
}

int sim_parse_msg(const struct sim_parse_families *fam,
		  const struct nlmsghdr *nlh, struct sim_msg *out,
		  struct sim_parse_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	err->family = nlh->nlmsg_type;
	if (nlh->nlmsg_type == GENL_ID_CTRL)
		return parse_ctrl(nlh, out, err);
	if (fam->nl80211 && nlh->nlmsg_type == fam->nl80211)
		return parse_nl80211(nlh, out, err);
	if (fam->rec && nlh->nlmsg_type == fam->rec)
		return parse_rec(nlh, out, err);
	return -ENOENT;
}
