/* SPDX-License-Identifier: MIT */
/*
 * The regulatory domain an AP's channel needs (contract in sim-internal.h).
 *
 * Without a regulatory database (the project's VM has no wireless-regdb:
 * "failed to load regulatory.db") the kernel stays in the world domain
 * "00", where channels 12-14 and every 5 GHz channel are NO-IR (52-140
 * radar too) and hostapd refuses to start an AP. The scenario language
 * accepts them, so sim makes an AP's channel usable when it is not:
 *
 *  - it asks (NL80211_CMD_REQ_SET_REG) for a country no database defines,
 *    SIM_REGDOM_ALPHA2 (a user-assigned ISO 3166 code), so the kernel,
 *    finding no rules for it, asks userspace for them (the "CRDA" path: a
 *    uevent, then ~3 s waiting for NL80211_CMD_SET_REG);
 *  - sim answers that request itself (NL80211_CMD_SET_REG, which the
 *    kernel accepts only while that very request is pending) with rules
 *    allowing 2402-2494 and 5150-5850 MHz with no restriction: no NO-IR,
 *    no DFS (so no 60 s channel check before an AP may beacon).
 * While the kernel waits for an answer about the world domain itself
 * (after booting without a database it asks, and asks again each time
 * that times out), it takes no other request: sim answers that one too,
 * with the same rules, so that its own request comes next.
 *
 * The domain is global (every radio of the kernel, every network
 * namespace): concurrent runs ask for the same one, and the first answer
 * serves them all. It is a user setting, which the kernel caches and
 * restores after the disconnections that reset regulatory settings.
 * A domain someone chose is never overridden: only the world domain (no
 * country set) or sim's own is replaced; on a machine configured for a
 * country, the AP's channel must be allowed there.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"
#include "sim-internal.h"

/* The kernel may first let a request of its own time out (3142 ms). */
#define REGDOM_WAIT_MS 8000u
#define REGDOM_REASK_MS 1000u
#define REGDOM_STEP_NS (20 * 1000 * 1000)
#define REGDOM_EIRP_MBM 2000 /* 20 dBm */

static const struct {
	uint32_t start_mhz, end_mhz, max_bw_mhz;
} regdom_rules[] = {
	{ 2402, 2494, 40 },  /* channels 1..14 */
	{ 5150, 5850, 80 },  /* channels 36..165 */
};

/* ---- one channel of one radio ------------------------------------------ */

struct chan_lookup {
	uint32_t wiphy, freq;
	bool found, disabled, no_ir, radar;
};

static struct nla_policy chan_wiphy_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_BANDS] = { .type = NLA_NESTED },
};

static struct nla_policy chan_band_policy[NL80211_BAND_ATTR_MAX + 1] = {
	[NL80211_BAND_ATTR_FREQS] = { .type = NLA_NESTED },
};

static struct nla_policy chan_freq_policy[NL80211_FREQUENCY_ATTR_MAX + 1] = {
	[NL80211_FREQUENCY_ATTR_FREQ] = { .type = NLA_U32 },
	[NL80211_FREQUENCY_ATTR_DISABLED] = { .type = NLA_FLAG },
	[NL80211_FREQUENCY_ATTR_NO_IR] = { .type = NLA_FLAG },
	[NL80211_FREQUENCY_ATTR_RADAR] = { .type = NLA_FLAG },
};

static int chan_in_band(struct chan_lookup *cl, struct nlattr *band)
{
	struct nlattr *tb[NL80211_BAND_ATTR_MAX + 1], *f;
	int rem;

	if (nla_parse_nested(tb, NL80211_BAND_ATTR_MAX, band, chan_band_policy) < 0)
		return -EBADMSG;
	if (!tb[NL80211_BAND_ATTR_FREQS])
		return 0;
	nla_for_each_nested(f, tb[NL80211_BAND_ATTR_FREQS], rem) {
		struct nlattr *ft[NL80211_FREQUENCY_ATTR_MAX + 1];

		if (nla_parse_nested(ft, NL80211_FREQUENCY_ATTR_MAX, f,
				     chan_freq_policy) < 0)
			return -EBADMSG;
		if (!ft[NL80211_FREQUENCY_ATTR_FREQ] ||
		    nla_get_u32(ft[NL80211_FREQUENCY_ATTR_FREQ]) != cl->freq)
			continue;
		cl->found = true;
		cl->disabled = ft[NL80211_FREQUENCY_ATTR_DISABLED] != NULL;
		cl->no_ir = ft[NL80211_FREQUENCY_ATTR_NO_IR] != NULL;
		cl->radar = ft[NL80211_FREQUENCY_ATTR_RADAR] != NULL;
	}
	return 0;
}

static int on_chan_wiphy(struct nl_msg *msg, void *arg)
{
	struct chan_lookup *cl = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1], *band;
	int r, rem;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  chan_wiphy_policy);
	if (r < 0) {
		fprintf(stderr, "sim: GET_WIPHY reply fails its policy\n");
		return sim_nl_errno(r);
	}
	/* A split dump sends the bands (even one band's channels) over
	 * several messages, each naming the wiphy. */
	if (!tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_WIPHY_BANDS] ||
	    nla_get_u32(tb[NL80211_ATTR_WIPHY]) != cl->wiphy)
		return 0;
	nla_for_each_nested(band, tb[NL80211_ATTR_WIPHY_BANDS], rem) {
		r = chan_in_band(cl, band);
		if (r < 0) {
			fprintf(stderr, "sim: GET_WIPHY band fails its policy\n");
			return r;
		}
	}
	return 0;
}

static int chan_lookup(struct sim_ctx *ctx, uint32_t wiphy, uint32_t freq,
		       struct chan_lookup *cl)
{
	struct nl_msg *msg;

	memset(cl, 0, sizeof(*cl));
	cl->wiphy = wiphy;
	cl->freq = freq;
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_WIPHY, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_WIPHY, wiphy) < 0 ||
	    nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return sim_nl_request(ctx->genl, msg, on_chan_wiphy, cl,
			      "nl80211 GET_WIPHY dump (channels)");
}

static bool chan_usable(const struct chan_lookup *cl)
{
	return cl->found && !cl->disabled && !cl->no_ir && !cl->radar;
}

static const char *chan_why(const struct chan_lookup *cl)
{
	if (cl->disabled)
		return "disabled";
	if (cl->no_ir)
		return cl->radar ? "NO-IR and radar (DFS)" : "NO-IR";
	return "radar (DFS)";
}

/* ---- the domain -------------------------------------------------------- */

static struct nla_policy reg_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_REG_ALPHA2] = { .type = NLA_STRING },
};

static int on_reg(struct nl_msg *msg, void *arg)
{
	char *alpha2 = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX, reg_policy);
	if (r < 0) {
		fprintf(stderr, "sim: GET_REG reply fails its policy\n");
		return sim_nl_errno(r);
	}
	if (!tb[NL80211_ATTR_REG_ALPHA2] || nla_len(tb[NL80211_ATTR_REG_ALPHA2]) < 2)
		return 0;
	memcpy(alpha2, nla_data(tb[NL80211_ATTR_REG_ALPHA2]), 2);
	alpha2[2] = '\0';
	return 0;
}

/* The global domain's country ("00": the world domain). */
static int current_alpha2(struct sim_ctx *ctx, char alpha2[3])
{
	struct nl_msg *msg;
	int r;

	alpha2[0] = '\0';
	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_REG, 0);
	if (!msg)
		return -ENOMEM;
	r = sim_nl_request(ctx->genl, msg, on_reg, alpha2, "nl80211 GET_REG");
	if (r < 0)
		return r;
	return alpha2[0] ? 0 : -ENODATA;
}

static int ask_for_domain(struct sim_ctx *ctx)
{
	struct nl_msg *msg;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_REQ_SET_REG, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, NL80211_ATTR_REG_ALPHA2, SIM_REGDOM_ALPHA2) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return sim_nl_request(ctx->genl, msg, NULL, NULL,
			      "nl80211 REQ_SET_REG " SIM_REGDOM_ALPHA2);
}

/* Answers the kernel's pending request for @alpha2's rules. -EINVAL
 * (quietly) when no such request is pending. */
static int answer_request(struct sim_ctx *ctx, const char *alpha2)
{
	struct nlattr *rules, *rule;
	char what[48];
	struct nl_msg *msg;
	int r = 0;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_SET_REG, 0);
	if (!msg)
		return -ENOMEM;
	r |= nla_put_string(msg, NL80211_ATTR_REG_ALPHA2, alpha2);
	rules = nla_nest_start(msg, NL80211_ATTR_REG_RULES);
	if (!rules)
		r = -1;
	for (size_t i = 0; !r && i < sizeof(regdom_rules) / sizeof(regdom_rules[0]); i++) {
		rule = nla_nest_start(msg, (int)i + 1);
		if (!rule) {
			r = -1;
			break;
		}
		r |= nla_put_u32(msg, NL80211_ATTR_REG_RULE_FLAGS, 0);
		r |= nla_put_u32(msg, NL80211_ATTR_FREQ_RANGE_START,
				 regdom_rules[i].start_mhz * 1000);
		r |= nla_put_u32(msg, NL80211_ATTR_FREQ_RANGE_END,
				 regdom_rules[i].end_mhz * 1000);
		r |= nla_put_u32(msg, NL80211_ATTR_FREQ_RANGE_MAX_BW,
				 regdom_rules[i].max_bw_mhz * 1000);
		r |= nla_put_u32(msg, NL80211_ATTR_POWER_RULE_MAX_ANT_GAIN, 0);
		r |= nla_put_u32(msg, NL80211_ATTR_POWER_RULE_MAX_EIRP,
				 REGDOM_EIRP_MBM);
		nla_nest_end(msg, rule);
	}
	if (r) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, rules);
	snprintf(what, sizeof(what), "nl80211 SET_REG %s", alpha2);
	return sim_nl_request_quiet(ctx->genl, msg, NULL, NULL, what, -EINVAL);
}

/* Makes SIM_REGDOM_ALPHA2 the global domain (see the top of this file). */
static int regdom_set(struct sim_ctx *ctx, const char *was)
{
	const struct timespec step = { 0, REGDOM_STEP_NS };
	uint64_t start = sim_clock_now_ns(), asked = 0, now;
	char alpha2[3];
	int r;

	for (;;) {
		now = sim_clock_now_ns();
		if (!asked || now - asked >= REGDOM_REASK_MS * SIM_NSEC_PER_MSEC) {
			r = ask_for_domain(ctx);
			if (r < 0)
				return r;
			asked = now;
		}
		r = answer_request(ctx, SIM_REGDOM_ALPHA2);
		if (r == 0) {
			fprintf(stderr, "sim: regulatory domain %s -> %s: 2402-2494 and "
				"5150-5850 MHz without restrictions, for every "
				"radio of this kernel\n", was, SIM_REGDOM_ALPHA2);
			return 0;
		}
		if (r != -EINVAL)
			return r;
		r = current_alpha2(ctx, alpha2);
		if (r < 0)
			return r;
		/* Another process's answer served us too. */
		if (!strcmp(alpha2, SIM_REGDOM_ALPHA2))
			return 0;
		/* The kernel's own pending question blocks ours: answer it. */
		if (answer_request(ctx, "00") == 0)
			continue;
		if (sim_clock_now_ns() - start >= REGDOM_WAIT_MS * SIM_NSEC_PER_MSEC) {
			fprintf(stderr, "sim: the kernel did not ask for the rules of "
				"regulatory domain %s within %u ms (still %s; does "
				"another agent, crda, answer it?)\n",
				SIM_REGDOM_ALPHA2, REGDOM_WAIT_MS, alpha2);
			return -ETIMEDOUT;
		}
		nanosleep(&step, NULL);
	}
}

/* A variable of the environment sim was made with (not the scenario's). */
static const char *ctx_env(const struct sim_ctx *ctx, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; ctx->env && ctx->env[i]; i++)
		if (!strncmp(ctx->env[i], name, n) && ctx->env[i][n] == '=')
			return ctx->env[i] + n + 1;
	return NULL;
}

/*
 * The regulatory domain is the whole kernel's: on a machine with real
 * Wi-Fi hardware, ZZ would let its radios transmit where the law of the
 * place may forbid it. So sim changes it only inside the project's VM
 * (no real radio there: IHV_IN_VM=1, set by tools/vm) or when the user
 * says so (IHV_ALLOW_REGDOM=1), and otherwise fails, saying how.
 */
static bool regdom_change_allowed(const struct sim_ctx *ctx)
{
	const char *vm = ctx_env(ctx, "IHV_IN_VM");
	const char *ok = ctx_env(ctx, "IHV_ALLOW_REGDOM");

	return (vm && !strcmp(vm, "1")) || (ok && !strcmp(ok, "1"));
}

int sim_regdom_allow_ap(struct sim_ctx *ctx, const struct sim_radio *radio,
			uint32_t freq_mhz)
{
	struct chan_lookup cl;
	char alpha2[3];
	int r;

	r = chan_lookup(ctx, radio->info.wiphy, freq_mhz, &cl);
	if (r < 0)
		return r;
	if (!cl.found) {
		fprintf(stderr, "sim: AP on %s: the radio has no %u MHz channel "
			"(mac80211_hwsim does not offer it)\n", radio->info.name,
			freq_mhz);
		return -EINVAL;
	}
	if (chan_usable(&cl))
		return 0;
	r = current_alpha2(ctx, alpha2);
	if (r < 0)
		return r;
	if (strcmp(alpha2, "00") && strcmp(alpha2, SIM_REGDOM_ALPHA2)) {
		fprintf(stderr, "sim: AP on %s: %u MHz is %s in regulatory domain "
			"%s, which sim does not override: use another channel or "
			"a domain that allows it (iw reg set), or run in the VM\n",
			radio->info.name, freq_mhz, chan_why(&cl), alpha2);
		return -EPERM;
	}
	if (strcmp(alpha2, SIM_REGDOM_ALPHA2) && !regdom_change_allowed(ctx)) {
		fprintf(stderr, "sim: AP on %s: %u MHz is %s in the world regulatory "
			"domain; making it usable means setting the test domain %s "
			"for the whole kernel, real radios included: run in the VM "
			"(IHV_RUN=vm) or allow it with IHV_ALLOW_REGDOM=1\n",
			radio->info.name, freq_mhz, chan_why(&cl), SIM_REGDOM_ALPHA2);
		return -EPERM;
	}
	r = regdom_set(ctx, alpha2);
	if (r < 0)
		return r;
	r = chan_lookup(ctx, radio->info.wiphy, freq_mhz, &cl);
	if (r < 0)
		return r;
	if (!chan_usable(&cl)) {
		fprintf(stderr, "sim: AP on %s: %u MHz is still %s in regulatory "
			"domain %s\n", radio->info.name, freq_mhz, chan_why(&cl),
			SIM_REGDOM_ALPHA2);
		return -EPERM;
	}
	return 0;
}
