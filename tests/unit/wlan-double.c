/* SPDX-License-Identifier: MIT */
/* The wlan ops test double and the shared call log; see wlan-double.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wlan-double.h"

const uint8_t WLAN_DOUBLE_BSSID[SIM_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
const uint8_t WLAN_DOUBLE_STA[SIM_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };

static char wd_log[WLAN_DOUBLE_LOG_MAX][WLAN_DOUBLE_LOG_LEN];
static int wd_nlog;

void wlan_double_log_reset(void)
{
	wd_nlog = 0;
}

void wlan_double_log(const char *fmt, ...)
{
	va_list ap;

	if (wd_nlog == WLAN_DOUBLE_LOG_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(wd_log[wd_nlog++], WLAN_DOUBLE_LOG_LEN, fmt, ap);
	va_end(ap);
}

int wlan_double_log_find(const char *prefix, int from)
{
	for (int i = from < 0 ? 0 : from; i < wd_nlog; i++)
		if (!strncmp(wd_log[i], prefix, strlen(prefix)))
			return i;
	return -1;
}

int wlan_double_log_count(const char *prefix)
{
	int n = 0;

	for (int i = 0; i < wd_nlog; i++)
		if (!strncmp(wd_log[i], prefix, strlen(prefix)))
			n++;
	return n;
}

void wlan_double_log_dump(void)
{
	for (int i = 0; i < wd_nlog; i++)
		fprintf(stderr, "  log[%d] %s\n", i, wd_log[i]);
}

static int wd_scan(void *ctx, struct ihv_wlan_adapter ad, const char *ssid,
		   uint32_t freq_mhz, struct sim_bss **out, size_t *n)
{
	struct wlan_double *d = ctx;

	d->scans++;
	wlan_double_log("wlan:scan %s", ssid ? ssid : "*");
	if (d->down)
		return -ENETDOWN;
	if (d->scan_rc)
		return d->scan_rc;
	*out = d->nbss ? d->bss : NULL;
	*n = d->nbss;
	return 0;
}

static void wd_bss_free(void *ctx, struct sim_bss *bss, size_t n)
{
	/* the results are the double's own array */
}

static int wd_connect(void *ctx, struct ihv_wlan_adapter ad,
		      const struct sim_connect_params *p)
{
	struct wlan_double *d = ctx;

	d->connects++;
	wlan_double_log("wlan:connect %s", p->ssid);
	d->last_connect = *p;
	if (p->bssid)
		memcpy(d->last_connect_bssid, p->bssid, SIM_ETH_ALEN);
	d->last_connect.bssid = d->last_connect_bssid;
	d->last_connect.ssid = NULL; /* borrowed: not valid after return */
	return d->connect_rc;
}

static int wd_roam(void *ctx, struct ihv_wlan_adapter ad, const struct sim_connect_params *p)
{
	struct wlan_double *d = ctx;

	d->roams++;
	wlan_double_log("wlan:roam " SIM_MAC_FMT, SIM_MAC_ARG(p->bssid));
	memcpy(d->last_roam_bssid, p->bssid, SIM_ETH_ALEN);
	return 0;
}

static int wd_set_cqm(void *ctx, struct ihv_wlan_adapter ad, int32_t threshold_dbm,
		      uint32_t hysteresis_db)
{
	struct wlan_double *d = ctx;

	d->cqm_sets++;
	d->cqm_threshold = threshold_dbm;
	d->cqm_hysteresis = hysteresis_db;
	return 0;
}

static int wd_add_vif(void *ctx, struct ihv_wlan_adapter primary, struct ihv_wlan_adapter *out,
		      uint8_t mac[SIM_ETH_ALEN])
{
	struct wlan_double *d = ctx;

	if (!d->vif_ok)
		return -EOPNOTSUPP;
	d->vifs++;
	out->wiphy = primary.wiphy;
	out->ifindex = 90 + d->vifs;
	memset(mac, 0, SIM_ETH_ALEN);
	mac[0] = 0x02;
	mac[5] = (uint8_t)d->vifs;
	wlan_double_log("wlan:add-vif %u", out->ifindex);
	return 0;
}

static int wd_del_vif(void *ctx, struct ihv_wlan_adapter vif)
{
	struct wlan_double *d = ctx;

	d->vif_dels++;
	wlan_double_log("wlan:del-vif %u", vif.ifindex);
	return 0;
}

static int wd_disconnect(void *ctx, struct ihv_wlan_adapter ad, uint16_t reason)
{
	struct wlan_double *d = ctx;

	d->disconnects++;
	wlan_double_log("wlan:disconnect %u", reason);
	return d->disconnect_rc;
}

static int wd_set_authorized(void *ctx, struct ihv_wlan_adapter ad,
			     const uint8_t peer[SIM_ETH_ALEN], bool authorized)
{
	struct wlan_double *d = ctx;

	d->auth_calls++;
	wlan_double_log("wlan:authorized %d", authorized);
	d->last_authorized = authorized;
	memcpy(d->last_auth_peer, peer, SIM_ETH_ALEN);
	return d->auth_rc;
}

static int wd_set_up(void *ctx, struct ihv_wlan_adapter ad)
{
	struct wlan_double *d = ctx;

	d->ups++;
	wlan_double_log("wlan:up");
	if (d->up_rc)
		return d->up_rc;
	d->down = false;
	return 0;
}

static int wd_send_packet(void *ctx, struct ihv_wlan_adapter ad,
			  const uint8_t dst[SIM_ETH_ALEN], uint16_t ethertype,
			  const uint8_t *payload, size_t len, bool no_encrypt)
{
	struct wlan_double *d = ctx;

	d->sends++;
	d->last_no_encrypt = no_encrypt;
	wlan_double_log("wlan:send 0x%04x", ethertype);
	memcpy(d->last_dst, dst, SIM_ETH_ALEN);
	d->last_ethertype = ethertype;
	d->last_payload_len = len;
	return d->send_rc;
}

static int wd_set_key(void *ctx, struct ihv_wlan_adapter ad,
		      const struct ihv_wlan_key *key)
{
	struct wlan_double *d = ctx;

	d->keys++;
	wlan_double_log("wlan:key 0x%08x", key->cipher_suite);
	d->last_key = *key;
	d->last_key.key = NULL;
	d->last_key.peer = NULL;
	d->last_key.seq = NULL;
	return d->key_rc;
}

static int wd_ap_station(void *ctx, struct ihv_wlan_adapter ad,
			 const uint8_t peer[SIM_ETH_ALEN], struct ihv_wlan_ap_view *out)
{
	struct wlan_double *d = ctx;

	d->ap_asks++;
	out->associated = d->ap_rc == 0;
	out->authorized = d->ap_rc == 0 && d->ap_authorized;
	snprintf(out->flags, sizeof(out->flags), "%s",
		 out->authorized ? "[ASSOC][AUTHORIZED]" : "[ASSOC]");
	return d->ap_rc;
}

static const struct ihv_wlan_ops wd_ops = {
	.name = "double",
	.scan = wd_scan,
	.bss_free = wd_bss_free,
	.connect = wd_connect,
	.roam = wd_roam,
	.set_cqm = wd_set_cqm,
	.add_vif = wd_add_vif,
	.del_vif = wd_del_vif,
	.disconnect = wd_disconnect,
	.set_authorized = wd_set_authorized,
	.set_up = wd_set_up,
	.send_packet = wd_send_packet,
	.set_key = wd_set_key,
	.ap_station = wd_ap_station,
};

void wlan_double_init(struct wlan_double *d)
{
	static const char ssid[] = "ihv-test";
	struct sim_bss *b = &d->bss[0];
	uint8_t *ie = d->ies[0];

	memset(d, 0, sizeof(*d));
	memcpy(b->bssid, WLAN_DOUBLE_BSSID, SIM_ETH_ALEN);
	b->freq_mhz = 2412;
	b->signal_mbm = -4000;
	b->beacon_interval = 100;
	b->capability = 0x0401;
	b->tsf = 123456;
	memcpy(b->ssid, ssid, sizeof(ssid) - 1);
	b->ssid_len = sizeof(ssid) - 1;
	/* SSID element + DS parameter set (channel 1) */
	ie[0] = 0;
	ie[1] = (uint8_t)(sizeof(ssid) - 1);
	memcpy(ie + 2, ssid, sizeof(ssid) - 1);
	ie[2 + sizeof(ssid) - 1] = 3;
	ie[3 + sizeof(ssid) - 1] = 1;
	ie[4 + sizeof(ssid) - 1] = 1;
	b->ies = ie;
	b->ies_len = 5 + sizeof(ssid) - 1;
	d->nbss = 1;
	d->send_rc = 0;
	d->key_rc = 0;
	d->ap_rc = -EOPNOTSUPP;
}

struct ihv_wlan wlan_double_wlan(struct wlan_double *d)
{
	struct ihv_wlan w = { &wd_ops, d };

	return w;
}

struct sim_event wlan_double_ev(struct ihv_wlan_adapter ad, enum sim_event_type type)
{
	struct sim_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.wiphy = ad.wiphy;
	ev.ifindex = ad.ifindex;
	ev.t_first_ns = ev.t_last_ns = 1000;
	return ev;
}

struct sim_event wlan_double_ev_connected(struct ihv_wlan_adapter ad)
{
	/* Minimal but real IEs: SSID + supported rates (request); supported
	 * rates (response). */
	static const uint8_t req[] = { 0, 8, 'i', 'h', 'v', '-', 't', 'e', 's', 't',
				       1, 4, 0x82, 0x84, 0x8b, 0x96 };
	static const uint8_t resp[] = { 1, 4, 0x82, 0x84, 0x8b, 0x96 };
	struct sim_event ev = wlan_double_ev(ad, SIM_EV_CONNECTED);

	memcpy(ev.peer, WLAN_DOUBLE_BSSID, SIM_ETH_ALEN);
	ev.u.connect.freq_mhz = 2412;
	ev.u.connect.req_ies = req;
	ev.u.connect.req_ies_len = sizeof(req);
	ev.u.connect.resp_ies = resp;
	ev.u.connect.resp_ies_len = sizeof(resp);
	return ev;
}

struct sim_event wlan_double_ev_disconnected(struct ihv_wlan_adapter ad,
					     enum sim_disc_cause cause,
					     uint16_t reason, bool by_ap)
{
	struct sim_event ev = wlan_double_ev(ad, SIM_EV_DISCONNECTED);

	memcpy(ev.peer, WLAN_DOUBLE_BSSID, SIM_ETH_ALEN);
	ev.u.disconnect.cause = cause;
	ev.u.disconnect.reason = reason;
	ev.u.disconnect.by_ap = by_ap;
	return ev;
}
