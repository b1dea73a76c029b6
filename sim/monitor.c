/* SPDX-License-Identifier: MIT */
/*
 * monitor: the public sim_monitor_* entry points and the input path both
 * event sources share (see monitor.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "monitor.h"
#include "vendor.h"

int sim_monitor_init(struct sim_monitor *mon,
		     const struct sim_monitor_ops *ops, const char *source,
		     sim_event_cb cb, void *user_data)
{
	mon->ops = ops;
	mon->source = source;
	mon->fam.rec = SIM_REC_FAMILY_ID;
	return sim_fold_new(cb, user_data, &mon->fold);
}

void sim_monitor_fini(struct sim_monitor *mon)
{
	int err = sim_pcap_close(mon->rec);

	if (err < 0)
		fprintf(stderr, "sim: monitor (%s): closing the recording: %s\n",
			mon->source, strerror(-err));
	mon->rec = NULL;
	sim_fold_free(mon->fold);
	mon->fold = NULL;
}

static void record(struct sim_monitor *mon, uint64_t t_ns,
		   const struct nlmsghdr *nlh)
{
	int err;

	if (!mon->rec || mon->rec_err)
		return;
	err = sim_pcap_write(mon->rec, t_ns, nlh, nlh->nlmsg_len);
	if (err < 0) {
		/* Stop recording rather than leave a file with holes; the
		 * error is reported by the next dispatch. */
		fprintf(stderr, "sim: monitor (%s): recording stopped: %s\n",
			mon->source, strerror(-err));
		mon->rec_err = err;
	}
}

static int input_one(struct sim_monitor *mon, uint64_t t_ns,
		     const struct nlmsghdr *nlh)
{
	struct sim_parse_error perr;
	struct sim_msg m;
	int err;

	err = sim_parse_msg(&mon->fam, nlh, &m, &perr);
	if (err == -EBADMSG)
		sim_parse_log_refusal(&mon->plog, &perr);
	if (err == 0 && mon->before)
		mon->before(mon, &m, t_ns);
	record(mon, t_ns, nlh);
	/* A vendor event is no disconnection evidence: it is delivered on
	 * its own (vendor.c), never folded. */
	if (err == -ENOENT)
		sim_monitor_vendor_input(mon, t_ns, nlh);
	if (err < 0)
		return 0;   /* refused or of no interest: recorded, not folded */
	if (m.kind == SIM_MSG_FAMILY) {
		if (strcmp(m.family_name, "nl80211") == 0)
			mon->fam.nl80211 = m.family_id;
		else if (strcmp(m.family_name, SIM_REC_FAMILY_NAME) == 0)
			mon->fam.rec = m.family_id;
		return 0;
	}
	err = sim_fold_feed(mon->fold, &m, t_ns);
	if (err < 0)
		fprintf(stderr, "sim: monitor (%s): nl80211 %s for ifindex %u "
			"lost: %s\n", mon->source, sim_msg_kind_name(m.kind),
			m.ifindex, strerror(-err));
	return err;
}

int sim_monitor_input(struct sim_monitor *mon, uint64_t t_ns,
		      const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	int rem = (int)len;
	int err;

	if (len > (size_t)INT32_MAX)
		return -EMSGSIZE;
	for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next((struct nlmsghdr *)nlh, &rem)) {
		err = input_one(mon, t_ns, nlh);
		if (err < 0)
			return err;
	}
	/* A last message without its alignment padding leaves rem < 0. */
	return rem > 0 ? -EBADMSG : 0;
}

/* ---- synthesized messages ---------------------------------------------- */

static struct nl_msg *rec_msg(uint16_t family, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, cmd, 1)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int input_msg(struct sim_monitor *mon, uint64_t t_ns,
		     struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int err = sim_monitor_input(mon, t_ns, nlh, nlh->nlmsg_len);

	nlmsg_free(msg);
	return err;
}

int sim_monitor_input_intent(struct sim_monitor *mon, uint64_t t_ns,
			     uint32_t ifindex, enum sim_disc_cause cause)
{
	struct nl_msg *msg = rec_msg(mon->fam.rec, SIM_REC_CMD_INTENT);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, SIM_REC_ATTR_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(msg, SIM_REC_ATTR_CAUSE, (uint32_t)cause) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return input_msg(mon, t_ns, msg);
}

int sim_monitor_input_rfkill(struct sim_monitor *mon, uint64_t t_ns,
			     uint32_t idx, uint8_t type, uint8_t op,
			     uint8_t soft, uint8_t hard, bool has_wiphy,
			     uint32_t wiphy)
{
	struct nl_msg *msg = rec_msg(mon->fam.rec, SIM_REC_CMD_RFKILL);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, SIM_REC_ATTR_RFKILL_IDX, idx) < 0 ||
	    nla_put_u8(msg, SIM_REC_ATTR_RFKILL_TYPE, type) < 0 ||
	    nla_put_u8(msg, SIM_REC_ATTR_RFKILL_OP, op) < 0 ||
	    nla_put_u8(msg, SIM_REC_ATTR_RFKILL_SOFT, soft) < 0 ||
	    nla_put_u8(msg, SIM_REC_ATTR_RFKILL_HARD, hard) < 0 ||
	    (has_wiphy && nla_put_u32(msg, SIM_REC_ATTR_WIPHY, wiphy) < 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return input_msg(mon, t_ns, msg);
}

/* What tshark needs to name a dynamic generic netlink family: the
 * controller's announcement of its id (see SIM_REC_FAMILY_ID in parse.h). */
static int record_family(struct sim_monitor *mon, uint64_t t_ns,
			 uint16_t id, const char *name)
{
	struct nl_msg *msg = rec_msg(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, id) < 0 ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, name) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return input_msg(mon, t_ns, msg);
}

/* ---- public ------------------------------------------------------------- */

int sim_monitor_record(struct sim_monitor *mon, const char *pcap_path)
{
	uint64_t now = sim_clock_now_ns();
	int err;

	if (mon->rec)
		return -EBUSY;
	err = sim_pcap_create(pcap_path, &mon->rec);
	if (err < 0) {
		fprintf(stderr, "sim: monitor: cannot record to %s: %s\n",
			pcap_path, strerror(-err));
		return err;
	}
	mon->rec_err = 0;
	/* A replay of a replay finds the nl80211 announcement in the
	 * stream itself, so it is only synthesized when known. */
	err = record_family(mon, now, mon->fam.rec, SIM_REC_FAMILY_NAME);
	if (err == 0 && mon->fam.nl80211)
		err = record_family(mon, now, mon->fam.nl80211, "nl80211");
	if (err == 0)
		err = mon->rec_err;
	if (err < 0) {
		sim_pcap_close(mon->rec);
		mon->rec = NULL;
		remove(pcap_path);
	}
	return err;
}

int sim_monitor_set_settle(struct sim_monitor *mon, uint64_t settle_ns)
{
	sim_fold_set_settle(mon->fold, settle_ns);
	return 0;
}

int sim_monitor_fd(struct sim_monitor *mon)
{
	return mon->ops->get_fd(mon);
}

int sim_monitor_dispatch(struct sim_monitor *mon)
{
	int err = mon->ops->dispatch(mon);

	if (err == 0 && mon->rec_err) {
		err = mon->rec_err;
		mon->rec_err = 0;
		/* reported once; recording stays off */
		sim_pcap_close(mon->rec);
		mon->rec = NULL;
	}
	return err;
}

void sim_monitor_free(struct sim_monitor *mon)
{
	if (mon)
		mon->ops->destroy(mon);
}
