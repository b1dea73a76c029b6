/* SPDX-License-Identifier: MIT */
/*
 * parse: one netlink message -> one struct sim_msg, or a precise refusal.
 *
 * Every attribute is validated by the nla_policy table declared next to
 * its parser (parse.c) and checked for presence before use. Three
 * families are understood:
 *  - nl80211 (dynamic id, given by the caller): the station-side events the
 *    folder needs (see reference/hwsim-vm-facts.md);
 *  - the generic netlink controller's CTRL_CMD_NEWFAMILY, so a replay learns
 *    which id was nl80211 when the recording was made;
 *  - "sim_rec", this project's own recording family: inputs of the monitor
 *    that are not nl80211 messages (an rfkill event read from /dev/rfkill, an
 *    intent taken from the ctx) are written into recordings as sim_rec
 *    messages, so a replay sees exactly what the live folder saw.
 *
 * No I/O, no allocation: the parsed message borrows from the input buffer.
 */
#ifndef SIM_PARSE_H
#define SIM_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "sim.h"

/* The recording family. Its id is fixed (real genetlink ids are allocated
 * from 0x10 upwards and stay far below this) and announced with a
 * CTRL_CMD_NEWFAMILY at the head of each recording so tshark names it. */
#define SIM_REC_FAMILY_NAME "sim_rec"
#define SIM_REC_FAMILY_ID   0x7ff0

enum sim_rec_cmd {
	SIM_REC_CMD_UNSPEC,
	SIM_REC_CMD_INTENT,   /* the ctx announced why ifindex will drop */
	SIM_REC_CMD_RFKILL,   /* one struct rfkill_event, wiphy resolved */
};

enum sim_rec_attr {
	SIM_REC_ATTR_UNSPEC,
	SIM_REC_ATTR_IFINDEX,     /* u32 */
	SIM_REC_ATTR_CAUSE,       /* u32, enum sim_disc_cause */
	SIM_REC_ATTR_WIPHY,       /* u32 */
	SIM_REC_ATTR_RFKILL_IDX,  /* u32 */
	SIM_REC_ATTR_RFKILL_TYPE, /* u8 */
	SIM_REC_ATTR_RFKILL_OP,   /* u8 */
	SIM_REC_ATTR_RFKILL_SOFT, /* u8 */
	SIM_REC_ATTR_RFKILL_HARD, /* u8 */
	SIM_REC_ATTR_COUNT,
};
#define SIM_REC_ATTR_MAX (SIM_REC_ATTR_COUNT - 1)

enum sim_msg_kind {
	SIM_MSG_NEW_WIPHY,
	SIM_MSG_DEL_WIPHY,
	SIM_MSG_NEW_IFACE,
	SIM_MSG_DEL_IFACE,
	SIM_MSG_NEW_STATION,
	SIM_MSG_DEL_STATION,
	SIM_MSG_AUTHENTICATE,
	SIM_MSG_ASSOCIATE,
	SIM_MSG_DEAUTHENTICATE,
	SIM_MSG_DISASSOCIATE,
	SIM_MSG_CONNECT,
	SIM_MSG_ROAM,
	SIM_MSG_DISCONNECT,
	SIM_MSG_BEACON_LOSS,   /* NOTIFY_CQM carrying BEACON_LOSS_EVENT */
	SIM_MSG_CQM_RSSI,      /* NOTIFY_CQM carrying RSSI_THRESHOLD_EVENT */
	SIM_MSG_MIC_FAILURE,   /* MICHAEL_MIC_FAILURE */
	SIM_MSG_RFKILL,        /* sim_rec */
	SIM_MSG_INTENT,        /* sim_rec */
	SIM_MSG_FAMILY,        /* controller: a family id <-> name */
};

/* The management header of a deauthentication/disassociation frame. */
struct sim_mgmt_hdr {
	uint16_t fc;
	uint8_t da[SIM_ETH_ALEN];     /* addr1 */
	uint8_t sa[SIM_ETH_ALEN];     /* addr2: who sent it */
	uint8_t bssid[SIM_ETH_ALEN];  /* addr3 */
	uint16_t reason;              /* fixed field at offset 24 */
};

struct sim_msg {
	enum sim_msg_kind kind;
	uint8_t cmd;                  /* command number in its family */
	bool has_wiphy, has_ifindex, has_mac, has_frame;
	uint32_t wiphy;
	uint32_t ifindex;
	uint8_t mac[SIM_ETH_ALEN];    /* peer / BSSID (NL80211_ATTR_MAC) */
	struct sim_mgmt_hdr frame;    /* DEAUTHENTICATE/DISASSOCIATE */
	uint16_t reason;              /* DISCONNECT: 0 when absent */
	bool by_ap;                   /* DISCONNECT: DISCONNECTED_BY_AP */
	/* CONNECT / ROAM */
	uint16_t status;
	bool timed_out;
	uint32_t freq_mhz;            /* 0 when the event carries none */
	const uint8_t *req_ies, *resp_ies;   /* borrowed from the input */
	size_t req_ies_len, resp_ies_len;
	/* CQM_RSSI: below (low) or above the threshold; the level when the
	 * kernel gives it (RSSI_LEVEL, dBm) */
	bool rssi_low;
	bool has_rssi_level;
	int32_t rssi_level;
	/* MIC_FAILURE: a group (broadcast) key, else the pairwise one */
	bool mic_group;
	uint8_t mic_key_idx;
	/* RFKILL */
	uint32_t rfkill_idx;
	uint8_t rfkill_type, rfkill_op;
	bool soft_blocked, hard_blocked;
	/* INTENT */
	enum sim_disc_cause cause;
	/* FAMILY */
	uint16_t family_id;
	char family_name[32];
};

/* The generic netlink family ids in force for a stream (0 = unknown). */
struct sim_parse_families {
	uint16_t nl80211;
	uint16_t rec;
};

enum sim_parse_fault {
	SIM_FAULT_NONE,
	SIM_FAULT_SHORT_HEADER,   /* nlmsg/genl header does not fit */
	SIM_FAULT_POLICY,         /* an attribute failed its nla_policy */
	SIM_FAULT_MISSING_ATTR,   /* a required attribute is absent */
	SIM_FAULT_BAD_FRAME,      /* FRAME truncated or of the wrong subtype */
	SIM_FAULT_BAD_VALUE,      /* present and well-sized but out of range */
};

/* Why a message was refused. attr is the attribute number (0 if none);
 * text is one self-contained line, e.g.
 * "nl80211 DISCONNECT (48) without IFINDEX (3)". */
struct sim_parse_error {
	enum sim_parse_fault fault;
	uint16_t family;
	uint8_t cmd;
	uint16_t attr;
	char text[128];
};

/*
 * Parses one netlink message whose nlmsg_len has already been checked to
 * lie within the caller's buffer (nlmsg_ok).
 * 0: *out holds an event of interest.
 * -ENOENT: well-formed but of no interest (another family or command).
 * -EBADMSG: malformed; *err says exactly why. *out is then undefined.
 */
int sim_parse_msg(const struct sim_parse_families *fam,
		  const struct nlmsghdr *nlh, struct sim_msg *out,
		  struct sim_parse_error *err);

/* Parses an 802.11 deauthentication/disassociation frame (header and
 * reason code). -EBADMSG if shorter than 26 bytes or of another subtype. */
int sim_parse_mgmt(const uint8_t *frame, size_t len, bool disassoc,
		   struct sim_mgmt_hdr *out);

const char *sim_msg_kind_name(enum sim_msg_kind kind);
/* "DISCONNECT" for NL80211_CMD_DISCONNECT: the station-side commands sim
 * parses, and CH_SWITCH_NOTIFY; "?" for any other. The one table of
 * nl80211 command names (the live tests print theirs with it too). */
const char *sim_nl80211_cmd_name(uint8_t cmd);

/*
 * Counts refusals and logs each distinct (family, command, fault, attr)
 * once on stderr, so a kernel that keeps sending a message we cannot read
 * does not flood the log yet nothing is dropped silently.
 */
#define SIM_PARSE_LOG_KEYS 32
struct sim_parse_log {
	uint64_t refused;
	unsigned nkeys;
	uint64_t keys[SIM_PARSE_LOG_KEYS];
};
void sim_parse_log_refusal(struct sim_parse_log *log,
			   const struct sim_parse_error *err);

#endif
