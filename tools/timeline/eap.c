/* SPDX-License-Identifier: MIT */
/*
 * eap: the records that carry an EAPOL name (sim/eapol-name.c) or end an
 * association, kept as observations for conv.c (the summaries). Two views
 * see the same packets: the air capture ("frame" records: a station and
 * its peer by MAC, named after the scenario's set-up actions) and the
 * station itself, whoever runs its supplicant: the extension (path A:
 * Dot11ExtIhvReceivePacket in, Dot11ExtSendPacket out) or the host's own
 * 802.1X (path B: Dot11ExtProcessSecurityPacket and "onex" rx in, "onex"
 * tx out, "onex" result and stop). An EAPOL name is all it needs: the
 * "onex" records are used when they exist, never required.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eap.h"
#include "json.h"
#include "timeline.h"

/* "tls" -> "TLS"; only letters, digits and '-' (the name came from a file). */
static void tl_method_copy(char *dst, size_t len, const char *src)
{
	size_t i = 0;

	for (; *src && i + 1 < len; src++) {
		char c = *src;

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			c = '?';
		dst[i++] = c;
	}
	dst[i] = '\0';
}

/* Fills @o->what (and the rest) from an EAPOL name. False for what is
 * no part of a conversation or a 4-way handshake: the group key
 * handshake, "key", "malformed", a bare "eap". */
static bool tl_eapol_class(const char *name, struct tl_eap_obs *o)
{
	static const char req[] = "eap-request", resp[] = "eap-response";
	static const char *const keys[] = { "1/4", "2/4", "3/4", "4/4" };
	const size_t lreq = sizeof(req) - 1, lresp = sizeof(resp) - 1;

	if (strncmp(name, req, lreq) == 0 && (!name[lreq] || name[lreq] == '-')) {
		const char *type = name[lreq] ? name + lreq + 1 : "";

		o->what = TL_OBS_REQ;
		if (strcmp(type, "identity") == 0)
			o->identity = true;
		else if (strcmp(type, "notification") != 0)
			tl_method_copy(o->method, sizeof(o->method), *type ? type : "?");
		return true;
	}
	if (strncmp(name, resp, lresp) == 0 && (!name[lresp] || name[lresp] == '-')) {
		o->what = TL_OBS_RESP;
		o->identity = strcmp(name, "eap-response-identity") == 0;
		o->nak = strcmp(name, "eap-response-nak") == 0;
		return true;
	}
	if (strcmp(name, "eap-success") == 0)
		o->what = TL_OBS_SUCCESS;
	else if (strcmp(name, "eap-failure") == 0)
		o->what = TL_OBS_FAILURE;
	else if (strcmp(name, "start") == 0)
		o->what = TL_OBS_START;
	else if (strcmp(name, "logoff") == 0)
		o->what = TL_OBS_LOGOFF;
	else {
		for (unsigned int i = 0; i < 4; i++)
			if (strcmp(name, keys[i]) == 0) {
				o->what = TL_OBS_KEY;
				o->keymsg = i + 1;
				return true;
			}
		return false;
	}
	return true;
}

/* Whether the station sends it (else the AP does). */
static bool tl_from_station(const struct tl_eap_obs *o)
{
	switch (o->what) {
	case TL_OBS_RESP:
	case TL_OBS_START:
	case TL_OBS_LOGOFF:
		return true;
	case TL_OBS_KEY:
		return o->keymsg % 2 == 0;
	case TL_OBS_REQ:
	case TL_OBS_SUCCESS:
	case TL_OBS_FAILURE:
	case TL_OBS_METHOD:
	case TL_OBS_STOP:
	case TL_OBS_ONEX_STOP:
		return false;
	}
	return false;
}

/* @mac (as written, @s) as a node: its learned name or the MAC itself. */
static const char *tl_node(const struct tl_doc *d, const char *s, uint64_t mac, bool has)
{
	const char *n = NULL;

	if (has) {
		n = tl_doc_name(d, TL_NAME_STA, mac);
		if (!n)
			n = tl_doc_name(d, TL_NAME_AP, mac);
	}
	return n ? n : s;
}

/* A frame: which end is the station. A learned station name says it, else
 * a learned AP name (the other end), else the direction of the packet. */
static void tl_frame_ends(const struct tl_doc *d, const struct tl_jobj *rec,
			  const struct tl_eap_obs *o, const char **sta, const char **peer)
{
	const char *from = tl_jobj_str(rec, "from"), *to = tl_jobj_str(rec, "to");
	uint64_t mf = 0, mt = 0;
	bool hf = tl_parse_mac(from, &mf), ht = tl_parse_mac(to, &mt), sta_is_from;

	if (ht && tl_doc_name(d, TL_NAME_STA, mt))
		sta_is_from = false;
	else if (hf && tl_doc_name(d, TL_NAME_STA, mf))
		sta_is_from = true;
	else if (hf && tl_doc_name(d, TL_NAME_AP, mf))
		sta_is_from = false;
	else if (ht && tl_doc_name(d, TL_NAME_AP, mt))
		sta_is_from = true;
	else
		sta_is_from = tl_from_station(o);
	if (sta_is_from) {
		*sta = from ? tl_node(d, from, mf, hf) : NULL;
		*peer = to ? tl_node(d, to, mt, ht) : NULL;
	} else {
		*sta = to ? tl_node(d, to, mt, ht) : NULL;
		*peer = from ? tl_node(d, from, mf, hf) : NULL;
	}
}

static int tl_obs_push(struct tl_doc *d, const struct tl_eap_obs *o, const char *sta,
		       const char *peer)
{
	struct tl_eap_obs *slot;

	if (d->n_obs == d->cap_obs) {
		size_t ncap = d->cap_obs ? d->cap_obs * 2 : 32;
		struct tl_eap_obs *nv = realloc(d->obs, ncap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		d->obs = nv;
		d->cap_obs = ncap;
	}
	slot = &d->obs[d->n_obs];
	*slot = *o;
	slot->station = strdup(sta);
	slot->peer = peer ? strdup(peer) : NULL;
	if (!slot->station || (peer && !slot->peer)) {
		free(slot->station);
		free(slot->peer);
		return -ENOMEM;
	}
	tl_text_clean(slot->station);
	if (slot->peer)
		tl_text_clean(slot->peer);
	d->n_obs++;
	return 0;
}

/* The station's records: an EAPOL name in or out, StopPostAssociate,
 * and the host OneX's own. False when @rec is none of them. */
static bool tl_station_obs(const struct tl_jobj *rec, const char *kind,
			   struct tl_eap_obs *o)
{
	const char *name = tl_jobj_str(rec, "name"), *eapol = tl_jobj_str(rec, "eapol");

	if (strcmp(kind, "handler") == 0 && name) {
		if (strcmp(name, "Dot11ExtIhvStopPostAssociate") == 0) {
			o->what = TL_OBS_STOP;
			return true;
		}
		return strcmp(name, "Dot11ExtIhvReceivePacket") == 0 && eapol &&
		       tl_eapol_class(eapol, o);
	}
	if (strcmp(kind, "api") == 0 && name && eapol) {
		const char *ret = tl_jobj_str(rec, "ret");

		/* refused by the host: nothing went out */
		if ((ret && strcmp(ret, "ERROR_SUCCESS") != 0) || !tl_eapol_class(eapol, o))
			return false;
		if (strcmp(name, "Dot11ExtSendPacket") == 0) {
			if (tl_from_station(o))
				o->by = TL_BY_EXTENSION;
			return true;
		}
		if (strcmp(name, "Dot11ExtProcessSecurityPacket") == 0) {
			o->by = TL_BY_TO_HOST;
			return true;
		}
		return false;
	}
	if (strcmp(kind, "onex") == 0) {
		const char *ev = tl_jobj_str(rec, "event"), *res = tl_jobj_str(rec, "result");
		const char *method = tl_jobj_str(rec, "method");

		if (!ev)
			return false;
		if (strcmp(ev, "rx") == 0 || strcmp(ev, "tx") == 0) {
			if (!eapol || !tl_eapol_class(eapol, o))
				return false;
			if (ev[0] == 't' && tl_from_station(o))
				o->by = TL_BY_ONEX;
			return true;
		}
		if (strcmp(ev, "stop") == 0) {
			o->what = TL_OBS_ONEX_STOP;
			return true;
		}
		if (strcmp(ev, "result") != 0)
			return false;
		if (method)
			tl_method_copy(o->method, sizeof(o->method), method);
		if (res && strcmp(res, "success") == 0)
			o->what = TL_OBS_SUCCESS;
		else if (res && strcmp(res, "failure") == 0)
			o->what = TL_OBS_FAILURE;
		else if (method)
			o->what = TL_OBS_METHOD;  /* "in-progress": names the method only */
		else
			return false;
		return true;
	}
	return false;
}

int tl_eap_observe(struct tl_doc *d, const struct tl_jobj *rec, uint64_t t_ns,
		   unsigned int line)
{
	const char *kind = tl_jobj_str(rec, "kind"), *sta = NULL, *peer = NULL;
	struct tl_eap_obs o = { .t_ns = t_ns, .line = line, .view = TL_VIEW_STATION };
	char abuf[32];
	uint64_t mac;

	if (!kind)
		return 0;
	if (strcmp(kind, "frame") == 0) {
		const char *eapol = tl_jobj_str(rec, "eapol");

		if (!eapol || !tl_eapol_class(eapol, &o))
			return 0;
		o.view = TL_VIEW_AIR;
		tl_frame_ends(d, rec, &o, &sta, &peer);
	} else {
		if (!tl_station_obs(rec, kind, &o))
			return 0;
		sta = tl_doc_adapter(d, rec, abuf, sizeof(abuf));
		peer = tl_jobj_str(rec, "peer");
		if (peer && tl_parse_mac(peer, &mac))
			peer = tl_node(d, peer, mac, true);
	}
	/* about no station: nowhere to put it */
	if (!sta)
		return 0;
	return tl_obs_push(d, &o, sta, peer);
}

void tl_eap_free(struct tl_doc *d)
{
	for (size_t i = 0; i < d->n_obs; i++) {
		free(d->obs[i].station);
		free(d->obs[i].peer);
	}
	free(d->obs);
	d->obs = NULL;
	d->n_obs = d->cap_obs = 0;
}
