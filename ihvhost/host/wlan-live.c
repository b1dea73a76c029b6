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
 * Packets go out over the station's nl80211 control port and keys through
 * NL80211_CMD_NEW_KEY (sim_sta_port_send, sim_sta_key_*); what the AP
 * thinks of the station comes from its hostapd, which the runner finds
 * for us by BSSID (ihv_wlan_live_set_ap_lookup).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "wlan.h"

struct ihv_wlan_live {
	struct sim_ctx *sim;
	ihv_wlan_live_ap_lookup ap_lookup;
	void *ap_lookup_data;
	struct sim_radio **radios;  /* borrowed, see wlan.h */
	size_t n, cap;
	/* virtual stations made by add_vif (owned: sim_vif_del) */
	struct sim_radio *vifs[IHV_WLAN_VIF_MAX];
	size_t n_vifs;
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

	/* A virtual station shares its primary's wiphy: its ifindex tells. */
	for (size_t i = 0; i < l->n_vifs; i++)
		if (sim_radio_info(l->vifs[i])->ifindex == ad.ifindex && ad.ifindex &&
		    sim_radio_info(l->vifs[i])->wiphy == ad.wiphy)
			return l->vifs[i];

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

/* connect and roam: wlan.h, no stale-BSS guessing, the service names the
 * exact BSS. */
static int live_associate(void *ctx, struct ihv_wlan_adapter ad,
			  const struct sim_connect_params *p, bool roam)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	if (!p || !p->ssid || !p->bssid || !p->freq_mhz)
		return -EINVAL;
	return roam ? sim_sta_roam(l->sim, r, p) : sim_sta_connect(l->sim, r, p);
}

static int live_connect(void *ctx, struct ihv_wlan_adapter ad,
			const struct sim_connect_params *p)
{
	return live_associate(ctx, ad, p, false);
}

static int live_roam(void *ctx, struct ihv_wlan_adapter ad,
		     const struct sim_connect_params *p)
{
	return live_associate(ctx, ad, p, true);
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

static int live_send_packet(void *ctx, struct ihv_wlan_adapter ad,
			    const uint8_t dst[SIM_ETH_ALEN], uint16_t ethertype,
			    const uint8_t *payload, size_t len, bool no_encrypt)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_port_send(l->sim, r, dst, ethertype, payload, len,
				 no_encrypt);
}

static int live_set_key(void *ctx, struct ihv_wlan_adapter ad,
			const struct ihv_wlan_key *key)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);
	struct sim_key k;
	int rc;

	if (!r)
		return -ENODEV;
	if (key->remove)
		return sim_sta_key_del(l->sim, r, key->pairwise, key->peer,
				       key->key_idx);
	k = (struct sim_key){
		.pairwise = key->pairwise, .peer = key->peer,
		.idx = key->key_idx, .cipher_suite = key->cipher_suite,
		.data = key->key, .len = key->key_len,
		.seq = key->seq, .seq_len = key->seq_len,
	};
	rc = sim_sta_key_set(l->sim, r, &k);
	if (rc == 0 && key->set_default)
		rc = sim_sta_key_default(l->sim, r, key->key_idx);
	return rc;
}

static int live_set_default_key_id(void *ctx, struct ihv_wlan_adapter ad,
				   uint8_t idx)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_key_default(l->sim, r, idx);
}

static int live_ap_station(void *ctx, struct ihv_wlan_adapter ad,
			   const uint8_t peer[SIM_ETH_ALEN],
			   struct ihv_wlan_ap_view *out)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);
	struct sim_ap *ap;
	struct sim_ap_sta st;
	int rc;

	if (!r)
		return -ENODEV;
	ap = l->ap_lookup ? l->ap_lookup(peer, l->ap_lookup_data) : NULL;
	if (!ap)
		return -ESRCH;
	rc = sim_ap_sta_status(ap, sim_radio_info(r)->addr, &st);
	if (rc < 0)
		return rc;
	out->associated = st.associated;
	out->authorized = st.authorized;
	snprintf(out->flags, sizeof(out->flags), "%s", st.flags);
	return 0;
}

static int live_set_up(void *ctx, struct ihv_wlan_adapter ad)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_set_up(l->sim, r, true);
}

static int live_set_cqm(void *ctx, struct ihv_wlan_adapter ad, int32_t threshold_dbm,
			uint32_t hysteresis_db)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);

	if (!r)
		return -ENODEV;
	return sim_sta_set_cqm_rssi(l->sim, r, threshold_dbm, hysteresis_db);
}

static int live_add_vif(void *ctx, struct ihv_wlan_adapter primary,
			struct ihv_wlan_adapter *out, uint8_t mac[SIM_ETH_ALEN])
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *p = live_adapter(l, primary), *v;
	const struct sim_radio_info *vi;
	int rc;

	if (!p)
		return -ENODEV;
	if (l->n_vifs == IHV_WLAN_VIF_MAX)
		return -ENOSPC;
	rc = sim_radio_add_vif(l->sim, p, &v);
	if (rc < 0)
		return rc;
	vi = sim_radio_info(v);
	out->wiphy = vi->wiphy;
	out->ifindex = vi->ifindex;
	memcpy(mac, vi->addr, SIM_ETH_ALEN);
	l->vifs[l->n_vifs++] = v;
	return 0;
}

static int live_del_vif(void *ctx, struct ihv_wlan_adapter vif)
{
	struct ihv_wlan_live *l = ctx;

	for (size_t i = 0; i < l->n_vifs; i++) {
		if (sim_radio_info(l->vifs[i])->ifindex != vif.ifindex)
			continue;
		struct sim_radio *v = l->vifs[i];

		l->vifs[i] = l->vifs[--l->n_vifs];
		return sim_vif_del(v);
	}
	return -ENODEV;
}

/* How many announced vendor commands a refusal's reason lists. */
#define LIVE_VENDOR_LIST 8

static int live_vendor_cmd(void *ctx, struct ihv_wlan_adapter ad,
			   const struct sim_vendor_cmd *cmd, uint8_t **reply,
			   size_t *reply_len, char *why, size_t why_len)
{
	struct ihv_wlan_live *l = ctx;
	struct sim_radio *r = live_adapter(l, ad);
	struct sim_vendor_id ids[LIVE_VENDOR_LIST];
	size_t n = 0, off;
	int rc;

	if (!r)
		return -ENODEV;
	rc = sim_sta_vendor_cmd(l->sim, r, cmd, reply, reply_len);
	if (rc != -EOPNOTSUPP || !why_len)
		return rc;
	/* The kernel says only "not supported": what the driver does
	 * announce tells a wrong OUI from a driver without vendor commands. */
	if (sim_radio_vendor_cmds(l->sim, r, ids, LIVE_VENDOR_LIST, &n) < 0) {
		snprintf(why, why_len, "the driver has no vendor command "
			 "OUI 0x%06x subcommand %u", cmd->oui, cmd->subcmd);
		return rc;
	}
	if (n == 0) {
		snprintf(why, why_len, "the driver of %s has no nl80211 vendor "
			 "commands at all", sim_radio_info(r)->wiphy_name);
		return rc;
	}
	off = (size_t)snprintf(why, why_len, "the driver has no vendor command "
			       "OUI 0x%06x subcommand %u; it has", cmd->oui,
			       cmd->subcmd);
	for (size_t i = 0; i < n && i < LIVE_VENDOR_LIST && off < why_len; i++)
		off += (size_t)snprintf(why + off, why_len - off,
					"%s 0x%06x/%u", i ? "," : "",
					ids[i].oui, ids[i].subcmd);
	if (n > LIVE_VENDOR_LIST && off < why_len)
		snprintf(why + off, why_len - off, " (and %zu more)",
			 n - LIVE_VENDOR_LIST);
	return rc;
}

const struct ihv_wlan_ops ihv_wlan_live_ops = {
	.name = "live",
	.scan = live_scan,
	.bss_free = live_bss_free,
	.connect = live_connect,
	.roam = live_roam,
	.disconnect = live_disconnect,
	.set_authorized = live_set_authorized,
	.set_up = live_set_up,
	.send_packet = live_send_packet,
	.set_key = live_set_key,
	.set_default_key_id = live_set_default_key_id,
	.ap_station = live_ap_station,
	.vendor_cmd = live_vendor_cmd,
	.set_cqm = live_set_cqm,
	.add_vif = live_add_vif,
	.del_vif = live_del_vif,
};

void ihv_wlan_live_set_ap_lookup(struct ihv_wlan_live *l,
				 ihv_wlan_live_ap_lookup fn, void *user_data)
{
	l->ap_lookup = fn;
	l->ap_lookup_data = user_data;
}

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
	/* Virtual stations are the host's: deleted with it (their radios
	 * may be gone already: then only freed). */
	while (l->n_vifs)
		sim_vif_del(l->vifs[--l->n_vifs]);
	free(l->radios);
	free(l);
}
