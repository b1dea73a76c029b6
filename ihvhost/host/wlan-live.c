/* SPDX-License-Identifier: MIT */
/*
 * wlan-live: the service's 802.11 ops (wlan.h) over the real world of
 * sim/sim.h (nl80211 station, hwsim radios).
 *
 * Adapters arrive by value (wiphy, ifindex); the radios they name are
 * borrowed from the scenario runner, which registers them here. Looking a
 * radio up on every call (instead of caching pointers in the service) is
 * what turns "the adapter vanished meanwhile" into a plain -ENODEV.
 *
 * send_packet and set_key are left NULL on purpose: sim.h has no
 * control-port TX and no key programming yet, and wlan.h's wrappers turn a
 * NULL member into -EOPNOTSUPP, which the service reports to the extension
 * as ERROR_NOT_SUPPORTED and records in the trace. Fill them in when sim
 * grows those calls.
 */
#include <errno.h>
#include <stdlib.h>

#include "wlan.h"

struct ihv_wlan_live {
	struct sim_ctx *sim;
	struct sim_radio **radios;  /* borrowed, see wlan.h */
	size_t n, cap;
};

static struct sim_radio *live_find(const struct ihv_wlan_live *l, uint32_t wiphy,
				   size_t *idx)
{
	for (size_t i = 0; i < l->n; i++) {
		if (sim_radio_info(l->radios[i])->wiphy == wiphy) {
			if (idx)
				*idx = i;
			return l->radios[i];
		}
	}
	return NULL;
}

/* The radio for @ad, or NULL when the wiphy is unknown or its station
 * interface is no longer @ad.ifindex (deleted, or re-created under a new
 * index): an adapter is the pair, not the radio alone. */
static struct sim_radio *live_adapter(const struct ihv_wlan_live *l,
				      struct ihv_wlan_adapter ad)
{
	struct sim_radio *r = live_find(l, ad.wiphy, NULL);

	if (!r || sim_radio_info(r)->ifindex != ad.ifindex || ad.ifindex == 0)
		return NULL;
	return r;
}

static int live_scan(void *ctx, struct ihv_wlan_adapter ad, const char *ssid,
		     uint32_t freq_mhz, struct sim_bss **out, size_t *n)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	*out = NULL;
	*n = 0;
	if (!r)
		return -ENODEV;
	return sim_sta_scan(l->sim, r, freq_mhz, ssid, out, n);
}

static void live_bss_free(void *ctx, struct sim_bss *bss, size_t n)
{
	sim_bss_free(bss, n);
}

static int live_connect(void *ctx, struct ihv_wlan_adapter ad,
			const struct sim_connect_params *p)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	/* wlan.h: no stale-BSS guessing, the service names the exact BSS. */
	if (!p || !p->ssid || !p->bssid || !p->freq_mhz)
		return -EINVAL;
	return sim_sta_connect(l->sim, r, p);
}

static int live_disconnect(void *ctx, struct ihv_wlan_adapter ad, uint16_t reason)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_disconnect(l->sim, r, reason);
}

static int live_set_authorized(void *ctx, struct ihv_wlan_adapter ad,
			       const uint8_t peer[SIM_ETH_ALEN], bool authorized)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	if (!peer)
		return -EINVAL;
	return sim_sta_set_authorized(l->sim, r, peer, authorized);
}

static int live_set_up(void *ctx, struct ihv_wlan_adapter ad)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_set_up(l->sim, r, true);
}

const struct ihv_wlan_ops ihv_wlan_live_ops = {
	.name = "live",
	.scan = live_scan,
	.bss_free = live_bss_free,
	.connect = live_connect,
	.disconnect = live_disconnect,
	.set_authorized = live_set_authorized,
	.set_up = live_set_up,
	.send_packet = NULL,  /* see the top of this file */
	.set_key = NULL,
};

int ihv_wlan_live_new(struct sim_ctx *sim, struct ihv_wlan_live **out)
{
	struct ihv_wlan_live *l;

	*out = NULL;
	if (!sim)
		return -EINVAL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->sim = sim;
	*out = l;
	return 0;
}

int ihv_wlan_live_add_radio(struct ihv_wlan_live *l, struct sim_radio *radio)
{
	if (!l || !radio)
		return -EINVAL;
	if (live_find(l, sim_radio_info(radio)->wiphy, NULL))
		return -EEXIST;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4;
		struct sim_radio **r = realloc(l->radios, cap * sizeof(*r));

		if (!r)
			return -ENOMEM;
		l->radios = r;
		l->cap = cap;
	}
	l->radios[l->n++] = radio;
	return 0;
}

void ihv_wlan_live_remove_radio(struct ihv_wlan_live *l, uint32_t wiphy)
{
	size_t i;

	if (!l || !live_find(l, wiphy, &i))
		return;
	l->radios[i] = l->radios[--l->n];
}

void ihv_wlan_live_free(struct ihv_wlan_live *l)
{
	if (!l)
		return;
	free(l->radios);
	free(l);
}
