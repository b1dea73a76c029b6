/* SPDX-License-Identifier: MIT */
/*
 * vendor: nl80211 vendor commands to a station's driver, the list of
 * those it announces, and its vendor events (contract in sim.h,
 * "NIC-specific"; the pure parsers in vendor.h).
 *
 * Reply and event layouts (Linux 6.1, net/wireless/nl80211.c,
 * __cfg80211_alloc_vendor_skb): a reply carries WIPHY and the driver's
 * VENDOR_DATA nest; an event carries WIPHY, VENDOR_ID, VENDOR_SUBCMD,
 * WDEV and IFINDEX when the driver named an interface, and VENDOR_DATA.
 * The kernel opens VENDOR_DATA without NLA_F_NESTED, so its bytes are
 * taken as they are: what they mean is the driver's business.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "monitor.h"
#include "nl.h"
#include "sim-internal.h"
#include "vendor.h"

/* ---- policies -------------------------------------------------------- */

static const struct nla_policy vendor_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[NL80211_ATTR_WDEV] = { .type = NLA_U64, .minlen = 8, .maxlen = 8 },
	[NL80211_ATTR_VENDOR_ID] = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[NL80211_ATTR_VENDOR_SUBCMD] = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[NL80211_ATTR_VENDOR_DATA] = { .type = NLA_UNSPEC,
				       .maxlen = SIM_VENDOR_DATA_MAX },
};

/* GET_WIPHY: only what sim_radio_vendor_cmds reads. */
static const struct nla_policy wiphy_vendor_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[NL80211_ATTR_VENDOR_DATA] = { .type = NLA_NESTED },
};

static const char *vendor_attr_name(uint16_t attr)
{
	switch (attr) {
	case NL80211_ATTR_WIPHY: return "WIPHY";
	case NL80211_ATTR_IFINDEX: return "IFINDEX";
	case NL80211_ATTR_WDEV: return "WDEV";
	case NL80211_ATTR_VENDOR_ID: return "VENDOR_ID";
	case NL80211_ATTR_VENDOR_SUBCMD: return "VENDOR_SUBCMD";
	case NL80211_ATTR_VENDOR_DATA: return "VENDOR_DATA";
	}
	return "?";
}

/* ---- refusals --------------------------------------------------------- */

__attribute__((format(printf, 6, 7)))
static int refuse(struct sim_parse_error *err, enum sim_parse_fault fault,
		  const struct nlmsghdr *nlh, uint8_t cmd, uint16_t attr,
		  const char *fmt, ...)
{
	char why[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	memset(err, 0, sizeof(*err));
	err->fault = fault;
	err->family = nlh->nlmsg_type;
	err->cmd = cmd;
	err->attr = attr;
	snprintf(err->text, sizeof(err->text), "nl80211 VENDOR (%u) %s", cmd, why);
	return -EBADMSG;
}

/*
 * Parses @nlh against vendor_policy into @tb; a policy failure names the
 * attribute (validated one at a time, as parse.c does) in @err.
 */
static int vendor_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
			struct sim_parse_error *err)
{
	const struct genlmsghdr *gnlh;
	struct nlattr *pos;
	int nlerr, rem;

	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return refuse(err, SIM_FAULT_SHORT_HEADER, nlh, 0, 0,
			      "shorter than its genetlink header");
	gnlh = nlmsg_data(nlh);
	if (gnlh->cmd != NL80211_CMD_VENDOR)
		return -ENOENT;
	nlerr = genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, NL80211_ATTR_MAX,
			      (struct nla_policy *)vendor_policy);
	if (nlerr == 0)
		return 0;
	nla_for_each_attr(pos, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_validate(pos, pos->nla_len, NL80211_ATTR_MAX,
				 (struct nla_policy *)vendor_policy) < 0)
			return refuse(err, SIM_FAULT_POLICY, nlh, gnlh->cmd,
				      nla_type(pos),
				      "with a malformed %s (%u): length %d",
				      vendor_attr_name(nla_type(pos)),
				      nla_type(pos), nla_len(pos));
	}
	return refuse(err, SIM_FAULT_POLICY, nlh, gnlh->cmd, 0,
		      "refused by its policy (%s)", nl_geterror(nlerr));
}

static int require(const struct nlmsghdr *nlh, struct nlattr **tb,
		   const uint16_t *req, struct sim_parse_error *err)
{
	for (; *req; req++)
		if (!tb[*req])
			return refuse(err, SIM_FAULT_MISSING_ATTR, nlh,
				      NL80211_CMD_VENDOR, *req,
				      "without %s (%u)", vendor_attr_name(*req),
				      *req);
	return 0;
}

static void vendor_data(struct nlattr **tb, const uint8_t **data, size_t *len)
{
	struct nlattr *a = tb[NL80211_ATTR_VENDOR_DATA];

	*data = a && nla_len(a) > 0 ? nla_data(a) : NULL;
	*len = *data ? (size_t)nla_len(a) : 0;
}

/* ---- the pure parsers (vendor.h) --------------------------------------- */

int sim_vendor_parse_reply(const struct nlmsghdr *nlh, uint32_t wiphy,
			   const uint8_t **data, size_t *len,
			   struct sim_parse_error *err)
{
	static const uint16_t req[] = { NL80211_ATTR_WIPHY, 0 };
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	uint32_t got;
	int rc;

	*data = NULL;
	*len = 0;
	rc = vendor_parse(nlh, tb, err);
	if (rc == -ENOENT)
		return refuse(err, SIM_FAULT_BAD_VALUE, nlh,
			      ((const struct genlmsghdr *)nlmsg_data(nlh))->cmd,
			      0, "expected as the reply, got another command");
	if (rc == 0)
		rc = require(nlh, tb, req, err);
	if (rc < 0)
		return rc;
	got = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (got != wiphy)
		return refuse(err, SIM_FAULT_BAD_VALUE, nlh, NL80211_CMD_VENDOR,
			      NL80211_ATTR_WIPHY, "reply of wiphy %u, not %u",
			      got, wiphy);
	vendor_data(tb, data, len);
	return 0;
}

int sim_vendor_parse_event(const struct nlmsghdr *nlh,
			   struct sim_vendor_event *out,
			   struct sim_parse_error *err)
{
	static const uint16_t req[] = { NL80211_ATTR_WIPHY,
					NL80211_ATTR_VENDOR_ID,
					NL80211_ATTR_VENDOR_SUBCMD, 0 };
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int rc;

	memset(out, 0, sizeof(*out));
	rc = vendor_parse(nlh, tb, err);
	if (rc == 0)
		rc = require(nlh, tb, req, err);
	if (rc < 0)
		return rc;
	out->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	out->oui = nla_get_u32(tb[NL80211_ATTR_VENDOR_ID]);
	out->subcmd = nla_get_u32(tb[NL80211_ATTR_VENDOR_SUBCMD]);
	if (out->oui > SIM_VENDOR_OUI_MAX)
		return refuse(err, SIM_FAULT_BAD_VALUE, nlh, NL80211_CMD_VENDOR,
			      NL80211_ATTR_VENDOR_ID,
			      "with VENDOR_ID 0x%x, not a 24-bit OUI", out->oui);
	if (tb[NL80211_ATTR_IFINDEX]) {
		out->has_ifindex = true;
		out->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	}
	vendor_data(tb, &out->data, &out->len);
	return 0;
}

int sim_vendor_parse_wiphy(const struct nlmsghdr *nlh, uint32_t wiphy,
			   struct sim_vendor_id *out, size_t cap, size_t *n)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1], *pos;
	struct nl80211_vendor_cmd_info info;
	int rem;

	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, NL80211_ATTR_MAX,
			  (struct nla_policy *)wiphy_vendor_policy) < 0)
		return -EBADMSG;
	/* A split dump names the wiphy in every message. */
	if (!tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_VENDOR_DATA] ||
	    nla_get_u32(tb[NL80211_ATTR_WIPHY]) != wiphy)
		return 0;
	nla_for_each_nested(pos, tb[NL80211_ATTR_VENDOR_DATA], rem) {
		if (nla_len(pos) != (int)sizeof(info))
			return -EBADMSG;
		memcpy(&info, nla_data(pos), sizeof(info));
		if (*n < cap)
			out[*n] = (struct sim_vendor_id){ info.vendor_id,
							  info.subcmd };
		(*n)++;
	}
	return rem > 0 ? -EBADMSG : 0;
}

/* ---- the command ------------------------------------------------------- */

struct reply_state {
	uint32_t wiphy;
	unsigned int replies;
	uint8_t *data;
	size_t len;
};

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct reply_state *st = arg;
	struct sim_parse_error err;
	const uint8_t *data;
	size_t len;

	if (st->replies++) {
		fprintf(stderr, "sim: nl80211 VENDOR: a second reply message; "
			"only one is expected\n");
		return -EBADMSG;
	}
	if (sim_vendor_parse_reply(nlmsg_hdr(msg), st->wiphy, &data, &len,
				   &err) < 0) {
		fprintf(stderr, "sim: refused the reply: %s\n", err.text);
		return -EBADMSG;
	}
	if (!len)
		return 0;
	st->data = malloc(len);
	if (!st->data)
		return -ENOMEM;
	memcpy(st->data, data, len);
	st->len = len;
	return 0;
}

int sim_sta_vendor_cmd(struct sim_ctx *ctx, struct sim_radio *sta,
		       const struct sim_vendor_cmd *cmd, uint8_t **reply,
		       size_t *reply_len)
{
	struct reply_state st = { .wiphy = sta->info.wiphy };
	struct nlattr *nest;
	struct nl_msg *msg;
	char what[96];
	int rc;

	*reply = NULL;
	*reply_len = 0;
	if (cmd->oui > SIM_VENDOR_OUI_MAX || cmd->len > SIM_VENDOR_DATA_MAX ||
	    (cmd->len && !cmd->data))
		return -EINVAL;
	if (!sta->info.ifindex)
		return -ENODEV;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_VENDOR, 0);
	if (!msg)
		return -ENOMEM;
	/* The interface, not only the wiphy: a command flagged
	 * WIPHY_VENDOR_CMD_NEED_NETDEV (hwsim's) is refused without it. */
	if (nla_put_u32(msg, NL80211_ATTR_IFINDEX, sta->info.ifindex) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_VENDOR_ID, cmd->oui) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_VENDOR_SUBCMD, cmd->subcmd) < 0)
		goto too_big;
	if (cmd->nested) {
		/* The bytes go in unpadded (their length is the driver's to
		 * judge); libnl drops an empty nest, which reads as no data. */
		nest = nla_nest_start(msg, NL80211_ATTR_VENDOR_DATA | NLA_F_NESTED);
		if (!nest || (cmd->len && nlmsg_append(msg, (void *)cmd->data,
						       cmd->len, 0) < 0) ||
		    nla_nest_end(msg, nest) < 0)
			goto too_big;
	} else if (cmd->len &&
		   nla_put(msg, NL80211_ATTR_VENDOR_DATA, (int)cmd->len,
			   cmd->data) < 0) {
		goto too_big;
	}
	snprintf(what, sizeof(what), "nl80211 VENDOR 0x%06x/%u on %s",
		 cmd->oui, cmd->subcmd, sta->info.ifname);
	/* -EOPNOTSUPP (no such command) is the caller's to report. */
	rc = sim_nl_request_quiet(ctx->genl, msg, on_reply, &st, what,
				  -EOPNOTSUPP);
	if (rc < 0) {
		free(st.data);
		return rc;
	}
	*reply = st.data;
	*reply_len = st.len;
	return 0;

too_big:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* ---- what the driver announces --------------------------------------- */

struct list_state {
	uint32_t wiphy;
	struct sim_vendor_id *out;
	size_t cap, n;
};

static int on_wiphy(struct nl_msg *msg, void *arg)
{
	struct list_state *st = arg;

	if (sim_vendor_parse_wiphy(nlmsg_hdr(msg), st->wiphy, st->out, st->cap,
				   &st->n) < 0) {
		fprintf(stderr, "sim: GET_WIPHY's VENDOR_DATA fails its policy\n");
		return -EBADMSG;
	}
	return 0;
}

int sim_radio_vendor_cmds(struct sim_ctx *ctx, const struct sim_radio *radio,
			  struct sim_vendor_id *out, size_t cap, size_t *n)
{
	struct list_state st = { .wiphy = radio->info.wiphy, .out = out,
				 .cap = cap };
	struct nl_msg *msg;
	int rc;

	*n = 0;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_WIPHY, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_WIPHY, radio->info.wiphy) < 0 ||
	    nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	rc = sim_nl_request(ctx->genl, msg, on_wiphy, &st,
			    "nl80211 GET_WIPHY dump (vendor commands)");
	if (rc < 0)
		return rc;
	*n = st.n;
	return 0;
}

/* ---- events ------------------------------------------------------------- */

void sim_monitor_set_vendor_cb(struct sim_monitor *mon, sim_vendor_cb cb,
			       void *user_data)
{
	mon->vendor_cb = cb;
	mon->vendor_data = user_data;
}

void sim_monitor_vendor_input(struct sim_monitor *mon, uint64_t t_ns,
			      const struct nlmsghdr *nlh)
{
	struct sim_parse_error err;
	struct sim_vendor_event ev;
	int rc;

	if (!mon->fam.nl80211 || nlh->nlmsg_type != mon->fam.nl80211)
		return;
	rc = sim_vendor_parse_event(nlh, &ev, &err);
	if (rc == -EBADMSG)
		sim_parse_log_refusal(&mon->plog, &err);
	if (rc < 0 || !mon->vendor_cb)
		return;
	ev.t_ns = t_ns;
	mon->vendor_cb(&ev, mon->vendor_data);
}
