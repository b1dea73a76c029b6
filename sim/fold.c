/* SPDX-License-Identifier: MIT */
/*
 * fold: per-interface burst folding (rules and contract in fold.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"

#define FOLD_MAX_BLOCKED 32

/* What is known about the association's end so far. */
struct burst {
	bool open;              /* some station message of a burst seen */
	bool disconnected;      /* DISCONNECT seen; waiting to emit */
	bool tentative;         /* cause is the LOCAL_REQUEST default */
	bool deauth_from_ap, disassoc_from_ap;
	bool iface_removed;     /* DEL_INTERFACE folded in */
	bool by_ap;
	bool has_peer;
	enum sim_disc_cause cause;
	uint16_t reason;
	uint8_t peer[SIM_ETH_ALEN];
	uint64_t t_first, t_last, t_iface_removed;
	uint64_t deadline;
};

struct fold_iface {
	uint32_t ifindex;
	uint32_t wiphy;
	bool has_wiphy;
	bool associated;
	uint8_t bssid[SIM_ETH_ALEN];
	bool beacon_loss;
	uint64_t t_beacon_loss;
	bool has_intent;
	enum sim_disc_cause intent;
	struct burst b;
};

struct sim_fold {
	sim_event_cb cb;
	void *user_data;
	uint64_t settle_ns;
	struct fold_iface *ifs;
	size_t nifs, cap;
	/* wiphys currently rfkill-blocked (soft or hard) */
	uint32_t blocked[FOLD_MAX_BLOCKED];
	size_t nblocked;
};

int sim_fold_new(sim_event_cb cb, void *user_data, struct sim_fold **out)
{
	struct sim_fold *f = calloc(1, sizeof(*f));

	if (!f)
		return -ENOMEM;
	f->cb = cb;
	f->user_data = user_data;
	f->settle_ns = SIM_FOLD_SETTLE_NS_DEFAULT;
	*out = f;
	return 0;
}

void sim_fold_free(struct sim_fold *f)
{
	if (!f)
		return;
	free(f->ifs);
	free(f);
}

void sim_fold_set_settle(struct sim_fold *f, uint64_t settle_ns)
{
	f->settle_ns = settle_ns;
}

/* ---- tables ------------------------------------------------------------ */

static struct fold_iface *iface_find(struct sim_fold *f, uint32_t ifindex)
{
	for (size_t i = 0; i < f->nifs; i++)
		if (f->ifs[i].ifindex == ifindex)
			return &f->ifs[i];
	return NULL;
}

static int iface_get(struct sim_fold *f, uint32_t ifindex,
		     struct fold_iface **out)
{
	struct fold_iface *ifc = iface_find(f, ifindex);

	if (!ifc) {
		if (f->nifs == f->cap) {
			size_t cap = f->cap ? 2 * f->cap : 8;
			struct fold_iface *n = realloc(f->ifs, cap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			f->ifs = n;
			f->cap = cap;
		}
		ifc = &f->ifs[f->nifs++];
		memset(ifc, 0, sizeof(*ifc));
		ifc->ifindex = ifindex;
	}
	*out = ifc;
	return 0;
}

static void iface_forget(struct sim_fold *f, struct fold_iface *ifc)
{
	/* Order does not matter: move the last entry into the hole. */
	*ifc = f->ifs[--f->nifs];
}

static bool wiphy_blocked(const struct sim_fold *f, uint32_t wiphy)
{
	for (size_t i = 0; i < f->nblocked; i++)
		if (f->blocked[i] == wiphy)
			return true;
	return false;
}

static void wiphy_set_blocked(struct sim_fold *f, uint32_t wiphy, bool on)
{
	for (size_t i = 0; i < f->nblocked; i++) {
		if (f->blocked[i] != wiphy)
			continue;
		if (!on)
			f->blocked[i] = f->blocked[--f->nblocked];
		return;
	}
	/* More blocked radios than slots only loses the RADIO_OFF default
	 * for the extra ones (the intent rule still applies). */
	if (on && f->nblocked < FOLD_MAX_BLOCKED)
		f->blocked[f->nblocked++] = wiphy;
}

/* ---- emission ---------------------------------------------------------- */

static void emit_simple(struct sim_fold *f, enum sim_event_type type,
			uint32_t wiphy, uint32_t ifindex, uint64_t t)
{
	struct sim_event ev = {
		.type = type, .wiphy = wiphy, .ifindex = ifindex,
		.t_first_ns = t, .t_last_ns = t,
	};

	f->cb(&ev, f->user_data);
}

/* A signal crossing or a MIC failure on an interface (the parser required
 * WIPHY and IFINDEX). */
static void emit_link(struct sim_fold *f, const struct sim_msg *m, uint64_t t)
{
	struct sim_event ev = {
		.wiphy = m->wiphy, .ifindex = m->ifindex,
		.t_first_ns = t, .t_last_ns = t,
	};

	if (m->kind == SIM_MSG_CQM_RSSI) {
		ev.type = SIM_EV_SIGNAL;
		ev.u.signal.low = m->rssi_low;
		ev.u.signal.has_level = m->has_rssi_level;
		ev.u.signal.level_dbm = m->rssi_level;
	} else {
		ev.type = SIM_EV_MIC_FAILURE;
		ev.u.mic.group = m->mic_group;
		ev.u.mic.key_idx = m->mic_key_idx;
		if (m->has_mac)
			memcpy(ev.peer, m->mac, SIM_ETH_ALEN);
	}
	f->cb(&ev, f->user_data);
}

/*
 * Emits the one DISCONNECTED of @ifc's association and resets it; when the
 * burst folded a DEL_INTERFACE, announces the removal and forgets @ifc
 * (which is then invalid).
 */
static void finish(struct sim_fold *f, struct fold_iface *ifc)
{
	struct burst *b = &ifc->b;
	struct sim_event ev = {
		.type = SIM_EV_DISCONNECTED,
		.wiphy = ifc->wiphy,
		.ifindex = ifc->ifindex,
		.t_first_ns = b->t_first,
		.t_last_ns = b->t_last,
	};
	bool removed = b->iface_removed;
	uint64_t t_removed = b->t_iface_removed;

	if (b->has_peer)
		memcpy(ev.peer, b->peer, SIM_ETH_ALEN);
	else if (ifc->associated)
		memcpy(ev.peer, ifc->bssid, SIM_ETH_ALEN);
	ev.u.disconnect.cause = b->cause;
	ev.u.disconnect.reason = b->reason;
	ev.u.disconnect.by_ap = b->by_ap;
	if (b->cause == SIM_CAUSE_LINK_LOSS && ifc->t_beacon_loss < ev.t_first_ns)
		ev.t_first_ns = ifc->t_beacon_loss;

	memset(b, 0, sizeof(*b));
	ifc->associated = false;
	ifc->beacon_loss = false;
	ifc->has_intent = false;
	f->cb(&ev, f->user_data);
	if (removed) {
		emit_simple(f, SIM_EV_IFACE_REMOVED, ev.wiphy, ev.ifindex,
			    t_removed);
		iface_forget(f, ifc);
	}
}

/* ---- the burst ---------------------------------------------------------- */

static void burst_touch(struct fold_iface *ifc, uint64_t t)
{
	struct burst *b = &ifc->b;

	if (b->open && !b->disconnected && t - b->t_last > SIM_FOLD_BURST_GAP_NS)
		memset(b, 0, sizeof(*b));  /* a stale, unfinished burst */
	if (!b->open) {
		b->open = true;
		b->t_first = t;
	}
	b->t_last = t;
}

static void burst_peer(struct burst *b, const uint8_t *peer)
{
	if (b->has_peer)
		return;
	memcpy(b->peer, peer, SIM_ETH_ALEN);
	b->has_peer = true;
}

/* A DEAUTHENTICATE/DISASSOCIATE frame: ours, or the AP's. */
static void burst_frame(struct fold_iface *ifc, const struct sim_msg *m,
			uint64_t t)
{
	const uint8_t *bss = ifc->associated ? ifc->bssid : m->frame.bssid;
	bool from_ap = memcmp(m->frame.sa, bss, SIM_ETH_ALEN) == 0;

	burst_touch(ifc, t);
	burst_peer(&ifc->b, bss);
	/* The reason, until a DISCONNECT says otherwise: a reassociation
	 * ends the old association with our own deauthentication and no
	 * DISCONNECT at all. */
	ifc->b.reason = m->frame.reason;
	if (!from_ap)
		return;
	if (m->kind == SIM_MSG_DISASSOCIATE)
		ifc->b.disassoc_from_ap = true;
	else
		ifc->b.deauth_from_ap = true;
}

/* DISCONNECT: decide the cause now, or open the settle window. */
static void burst_disconnect(struct sim_fold *f, struct fold_iface *ifc,
			     const struct sim_msg *m, uint64_t t)
{
	struct burst *b = &ifc->b;

	burst_touch(ifc, t);
	b->disconnected = true;
	b->reason = m->reason;
	b->by_ap = m->by_ap || b->deauth_from_ap || b->disassoc_from_ap;
	if (ifc->associated)
		burst_peer(b, ifc->bssid);

	if (b->disassoc_from_ap) {
		b->cause = SIM_CAUSE_PEER_DISASSOC;
	} else if (b->by_ap) {
		b->cause = SIM_CAUSE_PEER_DEAUTH;
	} else if (ifc->has_intent) {
		b->cause = ifc->intent;
		/* A removal announces itself: fold its DEL_INTERFACE /
		 * DEL_WIPHY in so the removal events follow this one. */
		if (b->cause == SIM_CAUSE_IFACE_REMOVED ||
		    b->cause == SIM_CAUSE_RADIO_REMOVED) {
			b->deadline = t + f->settle_ns;
			return;
		}
	} else if (ifc->beacon_loss &&
		   t - ifc->t_beacon_loss <= SIM_FOLD_LINK_LOSS_WINDOW_NS) {
		b->cause = SIM_CAUSE_LINK_LOSS;
	} else if (ifc->has_wiphy && wiphy_blocked(f, ifc->wiphy)) {
		b->cause = SIM_CAUSE_RADIO_OFF;
	} else {
		b->cause = SIM_CAUSE_LOCAL_REQUEST;
		b->tentative = true;
		b->deadline = t + f->settle_ns;
		return;
	}
	finish(f, ifc);
}

/* The DISCONNECT was folded but the event is not out yet: later messages
 * (DEL_INTERFACE, DEL_WIPHY, rfkill, a new association) may refine it. */
static bool waiting(const struct fold_iface *ifc)
{
	return ifc->b.disconnected;
}

/* ---- per message ------------------------------------------------------- */

static void on_connect(struct sim_fold *f, struct fold_iface *ifc,
		       const struct sim_msg *m, uint64_t t)
{
	struct sim_event ev = {
		.wiphy = ifc->wiphy, .ifindex = ifc->ifindex,
		.t_first_ns = t, .t_last_ns = t,
	};
	bool ok = m->kind == SIM_MSG_ROAM || (m->status == 0 && !m->timed_out);

	if (waiting(ifc)) {
		/* A new association right behind an unattributed local
		 * disconnection is a roam (see fold.h). */
		if (ifc->b.tentative && ok)
			ifc->b.cause = SIM_CAUSE_ROAM;
		finish(f, ifc);
	} else if (ok && ifc->associated &&
		   (m->kind == SIM_MSG_ROAM ||
		    memcmp(ifc->bssid, m->mac, SIM_ETH_ALEN) != 0)) {
		burst_touch(ifc, t);
		ifc->b.cause = SIM_CAUSE_ROAM;
		finish(f, ifc);
	}

	if (m->has_mac)
		memcpy(ev.peer, m->mac, SIM_ETH_ALEN);
	ev.u.connect.freq_mhz = m->freq_mhz;
	ev.u.connect.status = m->status;
	ev.u.connect.timed_out = m->timed_out;
	ev.u.connect.req_ies = m->req_ies;
	ev.u.connect.req_ies_len = m->req_ies_len;
	ev.u.connect.resp_ies = m->resp_ies;
	ev.u.connect.resp_ies_len = m->resp_ies_len;
	if (ok) {
		ev.type = SIM_EV_CONNECTED;
		ifc->associated = true;
		memcpy(ifc->bssid, m->mac, SIM_ETH_ALEN);
		ifc->beacon_loss = false;
		memset(&ifc->b, 0, sizeof(ifc->b));
	} else {
		ev.type = SIM_EV_CONNECT_FAILED;
	}
	/* Whatever was announced for the old association is spent. */
	ifc->has_intent = false;
	f->cb(&ev, f->user_data);
}

static void on_del_iface(struct sim_fold *f, struct fold_iface *ifc,
			 uint64_t t)
{
	if (waiting(ifc)) {
		/* This process said it deletes the interface only (intent):
		 * no DEL_WIPHY is coming, so the burst is complete now. */
		bool iface_only = !ifc->b.tentative &&
				  ifc->b.cause == SIM_CAUSE_IFACE_REMOVED;

		if (ifc->b.tentative) {
			ifc->b.cause = SIM_CAUSE_IFACE_REMOVED;
			ifc->b.tentative = false;
		}
		ifc->b.iface_removed = true;
		ifc->b.t_iface_removed = t;
		ifc->b.t_last = t;
		if (iface_only) {
			finish(f, ifc);
			return;
		}
		/* Wait once more: a DEL_WIPHY may follow. */
		ifc->b.deadline = t + f->settle_ns;
		return;
	}
	if (ifc->associated) {
		/* Removed without a DISCONNECT: still one per association. */
		burst_touch(ifc, t);
		ifc->b.cause = SIM_CAUSE_IFACE_REMOVED;
		ifc->b.iface_removed = true;
		ifc->b.t_iface_removed = t;
		finish(f, ifc);
		return;
	}
	emit_simple(f, SIM_EV_IFACE_REMOVED, ifc->has_wiphy ? ifc->wiphy : 0,
		    ifc->ifindex, t);
	iface_forget(f, ifc);
}

static void on_del_wiphy(struct sim_fold *f, uint32_t wiphy, uint64_t t)
{
	size_t i = 0;

	while (i < f->nifs) {
		struct fold_iface *ifc = &f->ifs[i];
		size_t before = f->nifs;

		if (!ifc->has_wiphy || ifc->wiphy != wiphy) {
			i++;
			continue;
		}
		if (waiting(ifc) || ifc->associated) {
			burst_touch(ifc, t);
			ifc->b.cause = SIM_CAUSE_RADIO_REMOVED;
			finish(f, ifc);
		}
		/* finish() may have forgotten it (moving another entry
		 * into slot i); otherwise the wiphy is gone anyway. */
		if (f->nifs == before)
			iface_forget(f, ifc);
	}
	wiphy_set_blocked(f, wiphy, false);
	emit_simple(f, SIM_EV_RADIO_REMOVED, wiphy, 0, t);
}

static void on_rfkill(struct sim_fold *f, const struct sim_msg *m, uint64_t t)
{
	bool blocked = m->soft_blocked || m->hard_blocked;
	struct sim_event ev = {
		.type = SIM_EV_RFKILL, .wiphy = m->wiphy,
		.t_first_ns = t, .t_last_ns = t,
		.u.rfkill = { m->soft_blocked, m->hard_blocked },
	};

	bool was;

	/* Without a wiphy the switch is not an 802.11 radio we track. */
	if (!m->has_wiphy)
		return;
	was = wiphy_blocked(f, m->wiphy);
	wiphy_set_blocked(f, m->wiphy, blocked);
	/* A change of the switch, for whoever reports radio state; before
	 * the disconnection it may explain. (/dev/rfkill announces every
	 * switch as it opens, unblocked: no change, no event.) */
	if (was != blocked)
		f->cb(&ev, f->user_data);
	if (!blocked)
		return;
	for (size_t i = 0; i < f->nifs; i++) {
		struct fold_iface *ifc = &f->ifs[i];

		/* A tentative burst never folded a DEL_INTERFACE (that made
		 * it definite), so finish() keeps the entry in place. */
		if (ifc->has_wiphy && ifc->wiphy == m->wiphy && waiting(ifc) &&
		    ifc->b.tentative) {
			ifc->b.cause = SIM_CAUSE_RADIO_OFF;
			finish(f, ifc);
		}
	}
}

int sim_fold_feed(struct sim_fold *f, const struct sim_msg *m, uint64_t t)
{
	struct fold_iface *ifc = NULL;
	int err;

	sim_fold_advance(f, t);
	switch (m->kind) {
	case SIM_MSG_NEW_WIPHY:
		emit_simple(f, SIM_EV_RADIO_NEW, m->wiphy, 0, t);
		return 0;
	case SIM_MSG_DEL_WIPHY:
		on_del_wiphy(f, m->wiphy, t);
		return 0;
	case SIM_MSG_RFKILL:
		on_rfkill(f, m, t);
		return 0;
	case SIM_MSG_CQM_RSSI:
	case SIM_MSG_MIC_FAILURE:
		/* Not part of any disconnection burst: passed on as they come. */
		emit_link(f, m, t);
		return 0;
	case SIM_MSG_FAMILY:
		return 0;
	case SIM_MSG_NEW_IFACE:
	case SIM_MSG_DEL_IFACE:
	case SIM_MSG_NEW_STATION:
	case SIM_MSG_DEL_STATION:
	case SIM_MSG_AUTHENTICATE:
	case SIM_MSG_ASSOCIATE:
	case SIM_MSG_DEAUTHENTICATE:
	case SIM_MSG_DISASSOCIATE:
	case SIM_MSG_CONNECT:
	case SIM_MSG_ROAM:
	case SIM_MSG_DISCONNECT:
	case SIM_MSG_BEACON_LOSS:
	case SIM_MSG_INTENT:
		break;
	}

	/* Everything below concerns one interface (the parser required
	 * IFINDEX for each of these kinds). */
	err = iface_get(f, m->ifindex, &ifc);
	if (err < 0)
		return err;
	if (m->has_wiphy) {
		ifc->wiphy = m->wiphy;
		ifc->has_wiphy = true;
	}

	switch (m->kind) {
	case SIM_MSG_NEW_IFACE:
	case SIM_MSG_NEW_STATION:
		break;
	case SIM_MSG_DEL_IFACE:
		on_del_iface(f, ifc, t);
		break;
	case SIM_MSG_DEL_STATION:
		if (waiting(ifc))
			break;
		/* Only the associated AP's removal starts a burst; an AP
		 * interface's stations are not our association. */
		if (ifc->associated &&
		    memcmp(ifc->bssid, m->mac, SIM_ETH_ALEN) != 0)
			break;
		burst_touch(ifc, t);
		burst_peer(&ifc->b, m->mac);
		break;
	case SIM_MSG_DEAUTHENTICATE:
	case SIM_MSG_DISASSOCIATE:
		if (!waiting(ifc))
			burst_frame(ifc, m, t);
		break;
	case SIM_MSG_DISCONNECT:
		if (waiting(ifc))  /* a second one: close the first */
			finish(f, ifc);
		burst_disconnect(f, ifc, m, t);
		break;
	case SIM_MSG_AUTHENTICATE:
	case SIM_MSG_ASSOCIATE:
		if (waiting(ifc)) {
			if (ifc->b.tentative)
				ifc->b.cause = SIM_CAUSE_ROAM;
			finish(f, ifc);
		}
		break;
	case SIM_MSG_CONNECT:
	case SIM_MSG_ROAM:
		on_connect(f, ifc, m, t);
		break;
	case SIM_MSG_BEACON_LOSS:
		ifc->beacon_loss = true;
		ifc->t_beacon_loss = t;
		break;
	case SIM_MSG_INTENT:
		if (waiting(ifc) && ifc->b.tentative) {
			/* The intent was recorded after its DISCONNECT. */
			ifc->b.cause = m->cause;
			ifc->b.tentative = false;
			if (m->cause != SIM_CAUSE_IFACE_REMOVED &&
			    m->cause != SIM_CAUSE_RADIO_REMOVED)
				finish(f, ifc);
			break;
		}
		ifc->has_intent = true;
		ifc->intent = m->cause;
		break;
	case SIM_MSG_NEW_WIPHY:
	case SIM_MSG_DEL_WIPHY:
	case SIM_MSG_RFKILL:
	case SIM_MSG_CQM_RSSI:
	case SIM_MSG_MIC_FAILURE:
	case SIM_MSG_FAMILY:
		break;
	}
	return 0;
}

uint64_t sim_fold_deadline(const struct sim_fold *f)
{
	uint64_t d = SIM_FOLD_NO_DEADLINE;

	for (size_t i = 0; i < f->nifs; i++)
		if (f->ifs[i].b.disconnected && f->ifs[i].b.deadline < d)
			d = f->ifs[i].b.deadline;
	return d;
}

void sim_fold_advance(struct sim_fold *f, uint64_t now)
{
	size_t i = 0;

	while (i < f->nifs) {
		struct fold_iface *ifc = &f->ifs[i];
		size_t before = f->nifs;

		if (ifc->b.disconnected && ifc->b.deadline <= now) {
			finish(f, ifc);
			/* finish() may have moved another entry into i. */
			if (f->nifs != before)
				continue;
		}
		i++;
	}
}

void sim_fold_flush(struct sim_fold *f)
{
	sim_fold_advance(f, SIM_FOLD_NO_DEADLINE);
}
