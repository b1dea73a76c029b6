/* SPDX-License-Identifier: MIT */
/*
 * wlan: the WLAN service's view of the 802.11 world, as a const ops table.
 *
 * The service state machine (service*.c) never calls sim/ directly: it asks
 * for scans, connections, port authorization and frames through this table,
 * so the same service code runs over the live nl80211 world (wlan-live.c,
 * over sim/sim.h) and over a test double (tests/unit/wlan-double.c).
 *
 * Adapters are identified by value, by the radio's nl80211 ids as sim
 * reports them (struct sim_radio_info: wiphy + ifindex), never by pointers:
 * an adapter may vanish between the request and its outcome, and an id that
 * no longer exists is an ordinary -ENODEV, not a use-after-free.
 *
 * Contract common to every op:
 *  - Called from the host's event-loop thread only (never from an extension
 *    thread); implementations need no locking against the service.
 *  - Returns 0 or a negative errno. -ENODEV: no such adapter (any more).
 *    -EOPNOTSUPP: the 802.11 side has no such feature yet; the service then
 *    answers the extension ERROR_NOT_SUPPORTED and records that in the
 *    trace. Any other negative value is a failure of that one request.
 *  - Never blocks unbounded: asynchronous outcomes (association result,
 *    disconnection, interface/radio removal) come back as
 *    `const struct sim_event *` (sim/sim.h), delivered to the service by
 *    whoever owns the event source (ihv_service_event() in service.h).
 *  - Nothing an op receives is retained after it returns (copy if needed).
 *
 * Members may be NULL; call them only through the ihv_wlan_*() wrappers
 * below, which turn a NULL member into -EOPNOTSUPP.
 */
#ifndef IHVHOST_WLAN_H
#define IHVHOST_WLAN_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sim.h"

/* One adapter = one station interface on one radio. */
struct ihv_wlan_adapter {
	uint32_t wiphy;   /* nl80211 wiphy index (sim_radio_info.wiphy) */
	uint32_t ifindex; /* station interface (sim_radio_info.ifindex) */
};

/* A pairwise or group key, in Linux/802.11 terms (the service translates
 * DOT11_CIPHER_* and DOT11_DIRECTION). Key material is never logged. */
struct ihv_wlan_key {
	const uint8_t *peer;     /* pairwise: peer MAC; group: NULL */
	uint32_t cipher_suite;   /* IEEE 802.11 suite selector, e.g. 0x000FAC04 CCMP */
	uint8_t key_idx;         /* 0..3 (group), 0 (pairwise) */
	bool pairwise;
	bool set_default;        /* also make it the default TX key */
	bool remove;             /* delete instead of install */
	const uint8_t *key;      /* NULL when remove */
	size_t key_len;
	const uint8_t *seq;      /* receive sequence counter, least
				  * significant byte first; NULL: 0 */
	size_t seq_len;
};

/* What the AP (the other side) says of this station. */
struct ihv_wlan_ap_view {
	bool associated;
	bool authorized;         /* open association done, or its 4-way
				  * handshake completed */
	char flags[128];         /* the AP's own words, for the trace */
};

struct ihv_wlan_ops {
	const char *name; /* "live", "double", ...: shown in the trace */

	/*
	 * scan: synchronous, bounded scan on @freq_mhz (0 = all channels) for
	 * @ssid (NULL = every BSS). On success *out is an array of *n entries
	 * (*out may be NULL when *n == 0) which the caller releases with
	 * bss_free of the SAME table. -EBUSY: a scan is already running.
	 */
	int (*scan)(void *ctx, struct ihv_wlan_adapter ad, const char *ssid,
		    uint32_t freq_mhz, struct sim_bss **out, size_t *n);
	/* bss_free: releases a scan result; (NULL, 0) is a no-op. */
	void (*bss_free)(void *ctx, struct sim_bss *bss, size_t n);

	/*
	 * connect: starts an association (asynchronous). 0 means the request
	 * was accepted; the outcome arrives as exactly one SIM_EV_CONNECTED or
	 * SIM_EV_CONNECT_FAILED event for (ad.wiphy, ad.ifindex).
	 * -EALREADY: the adapter is already associated or associating.
	 * @p->bssid and @p->freq_mhz are required (-EINVAL otherwise).
	 */
	int (*connect)(void *ctx, struct ihv_wlan_adapter ad,
		       const struct sim_connect_params *p);
	/*
	 * roam: reassociates to @p->bssid (same ESS) with the same security
	 * request; the old association ends with a SIM_EV_DISCONNECTED of
	 * cause SIM_CAUSE_ROAM, then SIM_EV_CONNECTED or _CONNECT_FAILED.
	 * -ENOTCONN: not associated; -EALREADY: already on that BSS.
	 */
	int (*roam)(void *ctx, struct ihv_wlan_adapter ad,
		    const struct sim_connect_params *p);

	/*
	 * disconnect: ends the current association with 802.11 @reason. The
	 * end is reported as one SIM_EV_DISCONNECTED with cause
	 * SIM_CAUSE_LOCAL_REQUEST. -ENOTCONN: nothing to disconnect.
	 */
	int (*disconnect)(void *ctx, struct ihv_wlan_adapter ad, uint16_t reason);

	/*
	 * set_authorized: opens (true) or closes (false) the 802.1X controlled
	 * port towards @peer (nl80211 station flag AUTHORIZED). Synchronous.
	 * -ENOTCONN: @peer is not the current AP.
	 */
	int (*set_authorized)(void *ctx, struct ihv_wlan_adapter ad,
			      const uint8_t peer[SIM_ETH_ALEN], bool authorized);

	/*
	 * send_packet: transmits one frame on the control port: destination
	 * @dst, @ethertype in host byte order, @payload of @len bytes (the
	 * bytes after the EtherType). @no_encrypt: unprotected (no
	 * pairwise key yet). Synchronous hand-off to the kernel; a
	 * successful return says the frame was queued, not delivered.
	 */
	int (*send_packet)(void *ctx, struct ihv_wlan_adapter ad,
			   const uint8_t dst[SIM_ETH_ALEN], uint16_t ethertype,
			   const uint8_t *payload, size_t len, bool no_encrypt);

	/*
	 * set_up: brings the adapter's interface administratively up
	 * (synchronous; 0 when it already is). Asked when a request found
	 * it down (-ENETDOWN): an rfkill block takes the interface down and
	 * the unblock leaves it so, where Windows has the adapter usable as
	 * soon as the radio is back. -ERFKILL: the radio is still blocked.
	 */
	int (*set_up)(void *ctx, struct ihv_wlan_adapter ad);

	/*
	 * set_key: installs or removes one key. -EOPNOTSUPP when the 802.11
	 * side cannot program keys yet; -EINVAL for a cipher/length mismatch.
	 */
	int (*set_key)(void *ctx, struct ihv_wlan_adapter ad,
		       const struct ihv_wlan_key *key);
	/* set_default_key_id: group/WEP key @idx becomes the default
	 * transmit key. */
	int (*set_default_key_id)(void *ctx, struct ihv_wlan_adapter ad,
				  uint8_t idx);
	/*
	 * ap_station: asks the AP @peer what it thinks of this station
	 * (synchronous, bounded). -ENOENT: the AP does not know the station;
	 * -ESRCH: no AP with that BSSID is reachable to ask.
	 */
	int (*ap_station)(void *ctx, struct ihv_wlan_adapter ad,
			  const uint8_t peer[SIM_ETH_ALEN],
			  struct ihv_wlan_ap_view *out);

	/*
	 * vendor_cmd: one driver command (nl80211 vendor command, sim.h
	 * "NIC-specific") to the adapter's interface; synchronous, bounded.
	 * On success *reply (malloc'ed, the caller frees it; NULL when
	 * *reply_len is 0) is the driver's reply data. -EOPNOTSUPP: the
	 * driver has no such command, and @why (always terminated, may be
	 * "") says what it has instead; other -errno: the driver's or the
	 * kernel's refusal.
	 */
	int (*vendor_cmd)(void *ctx, struct ihv_wlan_adapter ad,
			  const struct sim_vendor_cmd *cmd, uint8_t **reply,
			  size_t *reply_len, char *why, size_t why_len);

	/*
	 * set_cqm: the signal threshold (dBm) and hysteresis (dB) the
	 * driver watches on the current link; crossings arrive as
	 * SIM_EV_SIGNAL events. Synchronous.
	 */
	int (*set_cqm)(void *ctx, struct ihv_wlan_adapter ad, int32_t threshold_dbm,
		       uint32_t hysteresis_db);

	/*
	 * add_vif: a second station interface on @primary's radio (a
	 * virtual station); *out its adapter ids, @mac its address.
	 * del_vif: deletes one made by add_vif (its removal then arrives as
	 * SIM_EV_IFACE_REMOVED). Synchronous.
	 */
	int (*add_vif)(void *ctx, struct ihv_wlan_adapter primary,
		       struct ihv_wlan_adapter *out, uint8_t mac[SIM_ETH_ALEN]);
	int (*del_vif)(void *ctx, struct ihv_wlan_adapter vif);
};

/* An ops table bound to its implementation's context. */
struct ihv_wlan {
	const struct ihv_wlan_ops *ops;
	void *ctx;
};

/* NULL-checking wrappers: the only way service code calls the table. */
static inline int ihv_wlan_scan(const struct ihv_wlan *w,
				struct ihv_wlan_adapter ad, const char *ssid,
				uint32_t freq_mhz, struct sim_bss **out,
				size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!w->ops->scan)
		return -EOPNOTSUPP;
	return w->ops->scan(w->ctx, ad, ssid, freq_mhz, out, n);
}

static inline void ihv_wlan_bss_free(const struct ihv_wlan *w,
				     struct sim_bss *bss, size_t n)
{
	if (w->ops->bss_free && (bss || n))
		w->ops->bss_free(w->ctx, bss, n);
}

static inline int ihv_wlan_connect(const struct ihv_wlan *w,
				   struct ihv_wlan_adapter ad,
				   const struct sim_connect_params *p)
{
	if (!w->ops->connect)
		return -EOPNOTSUPP;
	return w->ops->connect(w->ctx, ad, p);
}

static inline int ihv_wlan_roam(const struct ihv_wlan *w,
				struct ihv_wlan_adapter ad,
				const struct sim_connect_params *p)
{
	if (!w->ops->roam)
		return -EOPNOTSUPP;
	return w->ops->roam(w->ctx, ad, p);
}

static inline int ihv_wlan_disconnect(const struct ihv_wlan *w,
				      struct ihv_wlan_adapter ad,
				      uint16_t reason)
{
	if (!w->ops->disconnect)
		return -EOPNOTSUPP;
	return w->ops->disconnect(w->ctx, ad, reason);
}

static inline int ihv_wlan_set_authorized(const struct ihv_wlan *w,
					  struct ihv_wlan_adapter ad,
					  const uint8_t peer[SIM_ETH_ALEN],
					  bool authorized)
{
	if (!w->ops->set_authorized)
		return -EOPNOTSUPP;
	return w->ops->set_authorized(w->ctx, ad, peer, authorized);
}

static inline int ihv_wlan_send_packet(const struct ihv_wlan *w,
				       struct ihv_wlan_adapter ad,
				       const uint8_t dst[SIM_ETH_ALEN],
				       uint16_t ethertype,
				       const uint8_t *payload, size_t len,
				       bool no_encrypt)
{
	if (!w->ops->send_packet)
		return -EOPNOTSUPP;
	return w->ops->send_packet(w->ctx, ad, dst, ethertype, payload, len,
				   no_encrypt);
}

static inline int ihv_wlan_set_up(const struct ihv_wlan *w,
				  struct ihv_wlan_adapter ad)
{
	if (!w->ops->set_up)
		return -EOPNOTSUPP;
	return w->ops->set_up(w->ctx, ad);
}

static inline int ihv_wlan_set_key(const struct ihv_wlan *w,
				   struct ihv_wlan_adapter ad,
				   const struct ihv_wlan_key *key)
{
	if (!w->ops->set_key)
		return -EOPNOTSUPP;
	return w->ops->set_key(w->ctx, ad, key);
}

static inline int ihv_wlan_set_default_key_id(const struct ihv_wlan *w,
					      struct ihv_wlan_adapter ad,
					      uint8_t idx)
{
	if (!w->ops->set_default_key_id)
		return -EOPNOTSUPP;
	return w->ops->set_default_key_id(w->ctx, ad, idx);
}

static inline int ihv_wlan_ap_station(const struct ihv_wlan *w,
				      struct ihv_wlan_adapter ad,
				      const uint8_t peer[SIM_ETH_ALEN],
				      struct ihv_wlan_ap_view *out)
{
	memset(out, 0, sizeof(*out));
	if (!w->ops->ap_station)
		return -EOPNOTSUPP;
	return w->ops->ap_station(w->ctx, ad, peer, out);
}

static inline int ihv_wlan_add_vif(const struct ihv_wlan *w, struct ihv_wlan_adapter primary,
				   struct ihv_wlan_adapter *out, uint8_t mac[SIM_ETH_ALEN])
{
	if (!w->ops->add_vif)
		return -EOPNOTSUPP;
	return w->ops->add_vif(w->ctx, primary, out, mac);
}

static inline int ihv_wlan_del_vif(const struct ihv_wlan *w, struct ihv_wlan_adapter vif)
{
	if (!w->ops->del_vif)
		return -EOPNOTSUPP;
	return w->ops->del_vif(w->ctx, vif);
}

static inline int ihv_wlan_set_cqm(const struct ihv_wlan *w, struct ihv_wlan_adapter ad,
				   int32_t threshold_dbm, uint32_t hysteresis_db)
{
	if (!w->ops->set_cqm)
		return -EOPNOTSUPP;
	return w->ops->set_cqm(w->ctx, ad, threshold_dbm, hysteresis_db);
}

static inline int ihv_wlan_vendor_cmd(const struct ihv_wlan *w,
				      struct ihv_wlan_adapter ad,
				      const struct sim_vendor_cmd *cmd,
				      uint8_t **reply, size_t *reply_len,
				      char *why, size_t why_len)
{
	*reply = NULL;
	*reply_len = 0;
	if (why_len)
		why[0] = '\0';
	if (!w->ops->vendor_cmd)
		return -EOPNOTSUPP;
	return w->ops->vendor_cmd(w->ctx, ad, cmd, reply, reply_len, why,
				  why_len);
}

/*
 * The live implementation (ihvhost/wlan-live.c, over sim/sim.h). Its ctx is
 * a struct ihv_wlan_live. Radios are borrowed: the caller (the scenario
 * runner) creates them with sim_radio_new, registers them here so the ops
 * can find a struct sim_radio by wiphy, and unregisters them before
 * sim_radio_del.
 */
struct ihv_wlan_live;
extern const struct ihv_wlan_ops ihv_wlan_live_ops;
/* Virtual stations one live world holds at most. */
#define IHV_WLAN_VIF_MAX 16
int ihv_wlan_live_new(struct sim_ctx *sim, struct ihv_wlan_live **out);
/* -EEXIST when a radio with the same wiphy is already registered. */
int ihv_wlan_live_add_radio(struct ihv_wlan_live *l, struct sim_radio *radio);
/* Forgets the radio with @wiphy; unknown ids are ignored. */
void ihv_wlan_live_remove_radio(struct ihv_wlan_live *l, uint32_t wiphy);
/* How ap_station finds the AP with a BSSID: the runner owns the APs (they
 * stop and start during a scenario), so it answers; NULL: none running. */
typedef struct sim_ap *(*ihv_wlan_live_ap_lookup)(const uint8_t bssid[SIM_ETH_ALEN],
						   void *user_data);
void ihv_wlan_live_set_ap_lookup(struct ihv_wlan_live *l,
				 ihv_wlan_live_ap_lookup fn, void *user_data);
void ihv_wlan_live_free(struct ihv_wlan_live *l);

#endif /* IHVHOST_WLAN_H */
