/* SPDX-License-Identifier: MIT */
/*
 * hwsim radios (contract in sim.h): created through MAC80211_HWSIM, then
 * found again through nl80211 (wiphy by name, interface by wiphy).
 *
 * Network namespaces: the kernel creates a NEW_RADIO's wiphy in the
 * requesting socket's namespace (genl_info_net), so a process that runs in
 * a private namespace gets radios nobody outside it sees; hwsim only lets
 * radios of the same namespace group hear each other.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "hwsim.h"
#include "nl.h"
#include "sim-internal.h"

/* NEW_RADIO registers the default interface synchronously; the bound only
 * covers a kernel that would announce it a little later. */
#define IFACE_WAIT_TRIES 50
#define IFACE_WAIT_STEP_NS (20 * 1000 * 1000)

static struct nla_policy wiphy_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_NAME] = { .type = NLA_STRING },
};

static struct nla_policy iface_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_IFNAME] = { .type = NLA_STRING, .maxlen = 16 },
	[NL80211_ATTR_MAC] = { .minlen = 6, .maxlen = 6 },
};

/* The ctx's list of radios is kept here, next to the only code that adds
 * and removes radios (as hostapd.c keeps the list of APs): sim_ctx_free
 * deletes whatever is still listed, and nothing here calls back into
 * ctx.c. */
static void radio_link(struct sim_ctx *ctx, struct sim_radio *radio)
{
	radio->next = ctx->radios;
	ctx->radios = radio;
}

static void radio_unlink(struct sim_ctx *ctx, struct sim_radio *radio)
{
	for (struct sim_radio **pp = &ctx->radios; *pp; pp = &(*pp)->next) {
		if (*pp == radio) {
			*pp = radio->next;
			radio->next = NULL;
			return;
		}
	}
}

struct wiphy_lookup {
	const char *name;
	bool found;
	uint32_t wiphy;
};

static int on_wiphy(struct nl_msg *msg, void *arg)
{
	struct wiphy_lookup *wl = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  wiphy_policy);
	if (r < 0) {
		fprintf(stderr, "sim: GET_WIPHY reply fails its policy\n");
		return sim_nl_errno(r);
	}
	/* A split dump repeats WIPHY and WIPHY_NAME in every part. */
	if (!tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_WIPHY_NAME])
		return 0;
	if (strcmp(nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]), wl->name))
		return 0;
	wl->found = true;
	wl->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	return 0;
}

static int wiphy_by_name(struct sim_ctx *ctx, const char *name,
			 uint32_t *wiphy)
{
	struct wiphy_lookup wl = { .name = name };
	struct nl_msg *msg;
	int r;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_WIPHY,
			      NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	/* Unsplit dumps of a wiphy with many bands can exceed one message. */
	if (nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	r = sim_nl_request(ctx->genl, msg, on_wiphy, &wl,
			   "nl80211 GET_WIPHY dump");
	if (r < 0)
		return r;
	if (!wl.found)
		return -ENODEV;
	*wiphy = wl.wiphy;
	return 0;
}

struct iface_lookup {
	uint32_t wiphy;
	bool found;
	uint32_t ifindex;
	char ifname[16];
	uint8_t addr[SIM_ETH_ALEN];
};

static int on_iface(struct nl_msg *msg, void *arg)
{
	struct iface_lookup *il = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(msg), 0, tb, NL80211_ATTR_MAX,
			  iface_policy);
	if (r < 0) {
		fprintf(stderr, "sim: GET_INTERFACE reply fails its policy\n");
		return sim_nl_errno(r);
	}
	/* Netdev-less wdevs (P2P device) have no IFINDEX: not ours. */
	if (il->found || !tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_IFINDEX] ||
	    !tb[NL80211_ATTR_IFNAME] || !tb[NL80211_ATTR_MAC])
		return 0;
	/* The kernel filters by wiphy; do not rely on it. */
	if (nla_get_u32(tb[NL80211_ATTR_WIPHY]) != il->wiphy)
		return 0;
	il->found = true;
	il->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	snprintf(il->ifname, sizeof(il->ifname), "%s",
		 nla_get_string(tb[NL80211_ATTR_IFNAME]));
	memcpy(il->addr, nla_data(tb[NL80211_ATTR_MAC]), SIM_ETH_ALEN);
	return 0;
}

/* Refreshes @radio's interface (ifindex, ifname, addr) from an nl80211
 * GET_INTERFACE dump filtered by its wiphy. ifindex 0 when the radio has
 * none left. */
static int refresh_iface(struct sim_radio *radio)
{
	struct sim_ctx *ctx = radio->ctx;
	struct iface_lookup il = { .wiphy = radio->info.wiphy };
	struct nl_msg *msg;
	int r;

	msg = sim_nl_genl_msg(ctx->nl80211_id, NL80211_CMD_GET_INTERFACE,
			      NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_WIPHY, radio->info.wiphy) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	r = sim_nl_request(ctx->genl, msg, on_iface, &il,
			   "nl80211 GET_INTERFACE dump");
	if (r < 0)
		return r;
	if (!il.found) {
		radio->info.ifindex = 0;
		radio->info.ifname[0] = '\0';
		return 0;
	}
	radio->info.ifindex = il.ifindex;
	memcpy(radio->info.ifname, il.ifname, sizeof(radio->info.ifname));
	memcpy(radio->info.addr, il.addr, SIM_ETH_ALEN);
	return 0;
}

static int hwsim_del(struct sim_ctx *ctx, uint32_t radio_id, const char *name)
{
	char what[64];
	struct nl_msg *msg;

	msg = sim_nl_genl_msg(ctx->hwsim_id, SIM_HWSIM_CMD_DEL_RADIO, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, SIM_HWSIM_ATTR_RADIO_ID, radio_id) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	snprintf(what, sizeof(what), "hwsim DEL_RADIO %s", name);
	return sim_nl_request(ctx->genl, msg, NULL, NULL, what);
}

/* Names go into wiphy names: keep them to what every tool prints safely. */
static bool name_ok(const char *name)
{
	if (!name || !name[0] || strlen(name) > SIM_RADIO_NAME_MAX)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

/*
 * The wiphy name for a radio called @name: "ihv<pid>-<n>", unique (the pid
 * across processes sharing the kernel, n across the radios of this one),
 * then "-" and as much of @name as fits, for people reading iw's output.
 * nl80211 takes wiphy names of at most 19 characters (its policy for
 * NL80211_ATTR_WIPHY_NAME), so a scenario's name, up to 32, cannot be the
 * wiphy name itself.
 */
static int wiphy_name_make(char out[20], const char *name)
{
	static atomic_uint seq;
	unsigned int n = atomic_fetch_add(&seq, 1) + 1;
	int r;

	r = snprintf(out, 20, "ihv%d-%u", (int)getpid(), n);
	if (r < 0 || r >= 20)
		return -ENAMETOOLONG;
	snprintf(out + r, (size_t)(20 - r), "-%s", name);
	return 0;
}

static int wait_iface(struct sim_radio *radio)
{
	const struct timespec step = { 0, IFACE_WAIT_STEP_NS };
	int r;

	for (int i = 0; i < IFACE_WAIT_TRIES; i++) {
		r = refresh_iface(radio);
		if (r < 0 || radio->info.ifindex)
			return r;
		nanosleep(&step, NULL);
	}
	fprintf(stderr, "sim: radio %s: no interface appeared\n",
		radio->info.name);
	return -ETIMEDOUT;
}

int sim_radio_new(struct sim_ctx *ctx, const char *name, struct sim_radio **out)
{
	struct sim_radio *radio;
	struct nl_msg *msg;
	char what[64];
	int r;

	if (!name_ok(name)) {
		fprintf(stderr, "sim: radio name \"%s\": use 1..%d of [A-Za-z0-9_-]\n",
			name ? name : "(null)", SIM_RADIO_NAME_MAX);
		return -EINVAL;
	}
	radio = calloc(1, sizeof(*radio));
	if (!radio)
		return -ENOMEM;
	radio->ctx = ctx;
	snprintf(radio->info.name, sizeof(radio->info.name), "%s", name);
	r = wiphy_name_make(radio->info.wiphy_name, name);
	if (r < 0)
		goto free_radio;
	/* cfg80211 silently names a wiphy "phyN" when the requested name is
	 * taken, and the lookup below would then find the OTHER radio:
	 * refuse a duplicate up front. */
	r = wiphy_by_name(ctx, radio->info.wiphy_name, &radio->info.wiphy);
	if (r == 0) {
		fprintf(stderr, "sim: radio %s: wiphy %s already exists\n",
			name, radio->info.wiphy_name);
		r = -EEXIST;
		goto free_radio;
	}
	if (r != -ENODEV)
		goto free_radio;
	msg = sim_nl_genl_msg(ctx->hwsim_id, SIM_HWSIM_CMD_NEW_RADIO, 0);
	if (!msg) {
		r = -ENOMEM;
		goto free_radio;
	}
	/* One channel context is enough for one interface per radio;
	 * DESTROY_RADIO_ON_CLOSE ties the radio to ctx->genl, so even a
	 * SIGKILLed process leaves none behind. */
	if (nla_put_string(msg, SIM_HWSIM_ATTR_RADIO_NAME, radio->info.wiphy_name) < 0 ||
	    nla_put_u32(msg, SIM_HWSIM_ATTR_CHANNELS, 1) < 0 ||
	    nla_put_flag(msg, SIM_HWSIM_ATTR_DESTROY_RADIO_ON_CLOSE) < 0) {
		nlmsg_free(msg);
		r = -EMSGSIZE;
		goto free_radio;
	}
	snprintf(what, sizeof(what), "hwsim NEW_RADIO %s", radio->info.wiphy_name);
	r = sim_nl_request(ctx->genl, msg, NULL, NULL, what);
	if (r < 0)
		goto free_radio;
	radio->info.radio_id = (uint32_t)r;
	r = wiphy_by_name(ctx, radio->info.wiphy_name, &radio->info.wiphy);
	if (r < 0) {
		fprintf(stderr, "sim: radio %s: wiphy %s not found: %s\n",
			radio->info.name, radio->info.wiphy_name, strerror(-r));
		goto del_radio;
	}
	r = wait_iface(radio);
	if (r < 0)
		goto del_radio;
	r = sim_link_set_up(ctx, radio->info.ifindex, true);
	if (r < 0)
		goto del_radio;
	radio_link(ctx, radio);
	*out = radio;
	return 0;
del_radio:
	hwsim_del(ctx, radio->info.radio_id, radio->info.wiphy_name);
free_radio:
	free(radio);
	return r;
}

const struct sim_radio_info *sim_radio_info(const struct sim_radio *radio)
{
	return &radio->info;
}

int sim_radio_del(struct sim_radio *radio)
{
	struct sim_ctx *ctx = radio->ctx;
	uint32_t ifindex = radio->info.ifindex;
	int r, noted;

	/* A station radio going away ends its association: say why before
	 * the burst (DEAUTH, DISCONNECT, DEL_INTERFACE, DEL_WIPHY) starts.
	 * If the question cannot be asked, the radio still goes. */
	noted = sim_note_if_connected(ctx, radio, SIM_CAUSE_RADIO_REMOVED);
	r = hwsim_del(ctx, radio->info.radio_id, radio->info.wiphy_name);
	if (r < 0 && noted > 0)
		sim_intent_drop(&ctx->intents, ifindex);
	/* Only now: closing the owner socket first would end the
	 * association with a DISCONNECT of its own (reason 3) before the
	 * radio's burst, under the cause noted for the removal. */
	sim_port_free(radio);
	radio_unlink(ctx, radio);
	free(radio);
	return r;
}
