/* SPDX-License-Identifier: MIT */
/*
 * conv: one line per EAP conversation and per 4-way handshake of a station,
 * where it ended, e.g.
 *
 *   sta1 EAP-TLS with ap1: success after 4 round trips in 805 ms (identity, run by the extension)
 *
 * A conversation is rebuilt from the EAPOL names alone (sim/eapol-name.c),
 * whoever ran it: the extension (path A: Dot11ExtIhvReceivePacket in,
 * Dot11ExtSendPacket out) or the host's own 802.1X supplicant (path B:
 * Dot11ExtProcessSecurityPacket and "onex" rx in, "onex" tx out). The
 * air capture sees the same packets a second time, and sees nothing once
 * they are protected (a re-authentication), so each view pairs its own
 * requests and responses and the conversation takes the larger count:
 * nothing is counted twice, nothing is lost when one view is missing.
 *
 * Rules (the man page says the same):
 *  - a conversation begins at an EAP-Request/Identity or an EAPOL-Start,
 *    or at any request when the station had none since its last
 *    StopPostAssociate (a trace that starts mid-way, a missed identity);
 *  - a round trip is a Response (Nak included) that answers a Request the
 *    same view saw since its previous Response: the identity exchange is
 *    one, a retransmitted request answered once is one;
 *  - it ends at EAP-Success or EAP-Failure (either view, or the host
 *    OneX's "result"), else at StopPostAssociate, EAPOL-Logoff, the host
 *    OneX's "stop", a new Request/Identity once the method had begun (a
 *    restart), or the end of the trace: "unfinished";
 *  - a Response seen after the end (one view lags the other by a few ms)
 *    still answers the request its view saw; a late request opens
 *    nothing.
 * The 4-way handshake begins at message 1/4 and is complete at 4/4.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eap.h"
#include "timeline.h"

/* One station while the observations are replayed: indexes into d->conv,
 * -1 for none. */
struct tl_sta {
	const char *name;
	long open_eap, last_eap, open_4way;
	bool had_eap;   /* a conversation since the last StopPostAssociate */
};

struct tl_rebuild {
	struct tl_doc *d;
	struct tl_sta *sta;
	size_t n_sta;
	size_t cap_conv;
};

static struct tl_sta *tl_sta_get(struct tl_rebuild *r, const char *name)
{
	struct tl_sta *nv;

	for (size_t i = 0; i < r->n_sta; i++)
		if (strcmp(r->sta[i].name, name) == 0)
			return &r->sta[i];
	nv = realloc(r->sta, (r->n_sta + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	r->sta = nv;
	nv[r->n_sta] = (struct tl_sta){ name, -1, -1, -1, false };
	return &r->sta[r->n_sta++];
}

static long tl_conv_new(struct tl_rebuild *r, enum tl_conv_kind kind,
			const struct tl_eap_obs *o)
{
	struct tl_doc *d = r->d;
	struct tl_conv *c;

	if (d->n_conv == r->cap_conv) {
		size_t ncap = r->cap_conv ? r->cap_conv * 2 : 8;
		struct tl_conv *nv = realloc(d->conv, ncap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		d->conv = nv;
		r->cap_conv = ncap;
	}
	c = &d->conv[d->n_conv];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->t_begin = o->t_ns;
	c->station = strdup(o->station);
	if (!c->station)
		return -ENOMEM;
	return (long)d->n_conv++;
}

static void tl_conv_close(struct tl_conv *c, enum tl_conv_end end, uint64_t t,
			  unsigned int line)
{
	c->end = end;
	c->t_end = t;
	c->line_end = line;
}

/* The peer, from the first record of it that names one. */
static int tl_conv_peer(struct tl_conv *c, const struct tl_eap_obs *o)
{
	if (c->peer || !o->peer)
		return 0;
	c->peer = strdup(o->peer);
	return c->peer ? 0 : -ENOMEM;
}

/* The station's open conversation ends at @o. */
static void tl_eap_end(struct tl_rebuild *r, struct tl_sta *st, enum tl_conv_end end,
		       const struct tl_eap_obs *o)
{
	if (st->open_eap < 0)
		return;
	tl_conv_close(&r->d->conv[st->open_eap], end, o->t_ns, o->line);
	st->last_eap = st->open_eap;
	st->open_eap = -1;
}

/* The host OneX names the method it ran; the EAPOL names win when they
 * said one. */
static void tl_conv_method(struct tl_conv *c, const struct tl_eap_obs *o)
{
	if (c && o->method[0] && (!c->method[0] || strcmp(c->method, "?") == 0))
		memcpy(c->method, o->method, sizeof(c->method));
}

static int tl_eap_step(struct tl_rebuild *r, struct tl_sta *st, const struct tl_eap_obs *o)
{
	struct tl_conv *c = st->open_eap >= 0 ? &r->d->conv[st->open_eap] : NULL;
	struct tl_conv *last = st->last_eap >= 0 ? &r->d->conv[st->last_eap] : NULL;
	enum tl_view v = o->view;
	long idx;

	switch (o->what) {
	case TL_OBS_REQ:
	case TL_OBS_START:
		/* the authenticator starts over once the method had begun */
		if (c && o->identity && c->method_seen[v]) {
			tl_eap_end(r, st, TL_END_RESTART, o);
			c = NULL;
		}
		if (!c && (o->identity || o->what == TL_OBS_START || !st->had_eap)) {
			idx = tl_conv_new(r, TL_CONV_EAP, o);
			if (idx < 0)
				return (int)idx;
			st->open_eap = idx;
			st->had_eap = true;
			c = &r->d->conv[idx];
		}
		if (!c) {
			/* the lagging view's copy of the last conversation's
			 * request: its answer still counts there */
			if (last && o->what == TL_OBS_REQ)
				last->pending[v] = true;
			return 0;
		}
		if (o->what == TL_OBS_REQ) {
			c->pending[v] = true;
			c->identity_req |= o->identity;
			if (o->method[0]) {
				memcpy(c->method, o->method, sizeof(c->method));
				c->method_seen[v] = true;
			}
		}
		break;
	case TL_OBS_RESP:
		if (!c) {
			/* a late answer, or nothing it answers */
			if (!last || !last->pending[v])
				return 0;
			c = last;
		}
		if (c->pending[v]) {
			c->rt[v]++;
			c->pending[v] = false;
		}
		c->identity_resp |= o->identity;
		c->nak |= o->nak;
		break;
	case TL_OBS_SUCCESS:
	case TL_OBS_FAILURE:
		tl_conv_method(c ? c : last, o);
		if (c) {
			/* the peer first: tl_eap_end forgets c */
			if (tl_conv_peer(c, o))
				return -ENOMEM;
			c->by |= o->by;
		}
		tl_eap_end(r, st, o->what == TL_OBS_SUCCESS ? TL_END_SUCCESS : TL_END_FAILURE, o);
		return 0;
	case TL_OBS_METHOD:
		tl_conv_method(c ? c : last, o);
		return 0;
	case TL_OBS_LOGOFF:
		tl_eap_end(r, st, TL_END_LOGOFF, o);
		return 0;
	case TL_OBS_ONEX_STOP:
		tl_eap_end(r, st, TL_END_ONEX_STOP, o);
		return 0;
	case TL_OBS_STOP:
		tl_eap_end(r, st, TL_END_STOP, o);
		if (st->open_4way >= 0)
			tl_conv_close(&r->d->conv[st->open_4way], TL_END_STOP, o->t_ns, o->line);
		st->open_4way = -1;
		st->had_eap = false;
		return 0;
	case TL_OBS_KEY:
		return 0;  /* tl_4way_step */
	}
	c->by |= o->by;
	return tl_conv_peer(c, o);
}

static int tl_4way_step(struct tl_rebuild *r, struct tl_sta *st, const struct tl_eap_obs *o)
{
	struct tl_conv *c = st->open_4way >= 0 ? &r->d->conv[st->open_4way] : NULL;
	enum tl_view v = o->view;

	if (!c && o->keymsg == 1) {
		long idx = tl_conv_new(r, TL_CONV_4WAY, o);

		if (idx < 0)
			return (int)idx;
		st->open_4way = idx;
		c = &r->d->conv[idx];
	}
	/* a message of a handshake already over (the other view's copy) */
	if (!c)
		return 0;
	if (o->keymsg == 1)
		c->n1[v]++;
	if (o->keymsg == 3)
		c->n3[v]++;
	if (o->keymsg > c->last_msg)
		c->last_msg = o->keymsg;
	c->by |= o->by;
	if (tl_conv_peer(c, o))
		return -ENOMEM;
	if (o->keymsg == 4) {
		tl_conv_close(c, TL_END_SUCCESS, o->t_ns, o->line);
		st->open_4way = -1;
	}
	return 0;
}

static int tl_obs_cmp(const void *a, const void *b)
{
	const struct tl_eap_obs *x = a, *y = b;

	if (x->t_ns != y->t_ns)
		return x->t_ns < y->t_ns ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int tl_conv_cmp(const void *a, const void *b)
{
	const struct tl_conv *x = a, *y = b;

	if (x->t_end != y->t_end)
		return x->t_end < y->t_end ? -1 : 1;
	if (x->line_end != y->line_end)
		return x->line_end < y->line_end ? -1 : 1;
	return (x->t_begin > y->t_begin) - (x->t_begin < y->t_begin);
}

/* ---- the summary line ---------------------------------------------------- */

__attribute__((format(printf, 4, 5)))
static void tl_put(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at += (size_t)n;
}

/* A name, at most 64 bytes of it, cut between two UTF-8 characters (the
 * line must stay valid UTF-8). */
static void tl_put_name(char *buf, size_t len, size_t *at, const char *s)
{
	size_t n = strlen(s);

	if (n > 64) {
		n = 64;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	tl_put(buf, len, at, "%.*s", (int)n, s);
}

/* "795 ms" below 10 s, "81.1 s" above (truncated, like the timeline's
 * times). */
static void tl_put_dur(char *buf, size_t len, size_t *at, uint64_t ns)
{
	uint64_t ms = ns / 1000000;

	if (ms < 10000)
		tl_put(buf, len, at, "%" PRIu64 " ms", ms);
	else
		tl_put(buf, len, at, "%" PRIu64 ".%" PRIu64 " s", ms / 1000, ms % 1000 / 100);
}

static const char *tl_end_why(enum tl_conv_end end)
{
	switch (end) {
	case TL_END_SUCCESS:
	case TL_END_FAILURE:
		return "";
	case TL_END_STOP:
		return ", ended by StopPostAssociate";
	case TL_END_LOGOFF:
		return ", ended by the station's EAPOL-Logoff";
	case TL_END_ONEX_STOP:
		return ", ended by the host's OneX stopping";
	case TL_END_RESTART:
		return ", restarted by a new EAP-Request/Identity";
	case TL_END_TRACE:
		return ", the trace ends";
	}
	return "";
}

static const char *tl_side(const struct tl_conv *c)
{
	if ((c->by & TL_BY_EXTENSION) && (c->by & TL_BY_ONEX))
		return "run by the extension and the host's OneX";
	if (c->by & TL_BY_EXTENSION)
		return "run by the extension";
	if (c->by & TL_BY_ONEX)
		return "run by the host's OneX";
	if (c->by & TL_BY_TO_HOST)
		return "handed to the host's OneX";
	if (c->kind == TL_CONV_4WAY ? c->last_msg > 1 : c->round_trips > 0)
		return "answers seen on the air only";
	return "no answer sent";
}

static void tl_conv_text(const struct tl_conv *c, char *buf, size_t len)
{
	size_t at = 0;

	tl_put_name(buf, len, &at, c->station);
	tl_put(buf, len, &at, " ");
	if (c->kind == TL_CONV_4WAY) {
		tl_put(buf, len, &at, "4-way handshake");
	} else if (!c->method[0]) {
		tl_put(buf, len, &at, "EAP");
	} else if (strcmp(c->method, "?") == 0) {
		tl_put(buf, len, &at, "EAP (unnamed method)");
	} else {
		tl_put(buf, len, &at, "EAP-%s", c->method);
	}
	if (c->peer) {
		tl_put(buf, len, &at, " with ");
		tl_put_name(buf, len, &at, c->peer);
	}
	if (c->kind == TL_CONV_4WAY) {
		if (c->end == TL_END_SUCCESS)
			tl_put(buf, len, &at, ": complete in ");
		else
			tl_put(buf, len, &at, ": unfinished after message %u/4 in ", c->last_msg);
		tl_put_dur(buf, len, &at, c->t_end - c->t_begin);
		tl_put(buf, len, &at, "%s (", tl_end_why(c->end));
		if (c->round_trips)
			tl_put(buf, len, &at, "%u retr%s, ", c->round_trips,
			       c->round_trips == 1 ? "y" : "ies");
		tl_put(buf, len, &at, "%s)", tl_side(c));
		return;
	}
	tl_put(buf, len, &at, ": %s after %u round trip%s in ",
	       c->end == TL_END_SUCCESS ? "success" :
	       c->end == TL_END_FAILURE ? "failure" : "unfinished",
	       c->round_trips, c->round_trips == 1 ? "" : "s");
	tl_put_dur(buf, len, &at, c->t_end - c->t_begin);
	tl_put(buf, len, &at, "%s (%s%s, %s)", tl_end_why(c->end),
	       c->identity_resp ? "identity" :
	       c->identity_req ? "identity unanswered" : "no identity",
	       c->nak ? ", Nak" : "", tl_side(c));
}

static enum tl_sum tl_conv_sum(const struct tl_conv *c)
{
	switch (c->end) {
	case TL_END_SUCCESS:
		return TL_SUM_SUCCESS;
	case TL_END_FAILURE:
		return TL_SUM_FAILURE;
	case TL_END_STOP:
	case TL_END_LOGOFF:
	case TL_END_ONEX_STOP:
	case TL_END_RESTART:
	case TL_END_TRACE:
		return TL_SUM_UNFINISHED;
	}
	return TL_SUM_UNFINISHED;
}

/* Counts per view become the conversation's (see the top of the file). */
static void tl_conv_count(struct tl_conv *c)
{
	c->round_trips = 0;
	for (int v = 0; v < TL_VIEW_COUNT; v++) {
		unsigned int n = c->rt[v];

		if (c->kind == TL_CONV_4WAY)
			n = (c->n1[v] > 1 ? c->n1[v] - 1 : 0) + (c->n3[v] > 1 ? c->n3[v] - 1 : 0);
		if (n > c->round_trips)
			c->round_trips = n;
	}
}

static int tl_summary_push(struct tl_doc *d, const struct tl_conv *c)
{
	struct tl_entry e = { 0 };
	char text[512];
	int rc;

	tl_conv_text(c, text, sizeof(text));
	e.t_ns = c->t_end;
	e.line = c->line_end;
	e.layer = e.from = e.to = TL_SECURITY;
	e.sum = tl_conv_sum(c);
	e.text = strdup(text);
	if (!e.text)
		return -ENOMEM;
	rc = tl_doc_push(d, &e);
	if (rc)
		free(e.text);
	return rc;
}

int tl_doc_summarize(struct tl_doc *d)
{
	struct tl_rebuild r = { .d = d };
	size_t w = 0;
	int rc = 0;

	/* an earlier call's summaries go */
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].sum != TL_SUM_NONE)
			free(d->v[i].text);
		else
			d->v[w++] = d->v[i];
	}
	d->n = w;
	for (size_t i = 0; i < d->n_conv; i++) {
		free(d->conv[i].station);
		free(d->conv[i].peer);
	}
	free(d->conv);
	d->conv = NULL;
	d->n_conv = 0;
	tl_doc_sort(d);

	if (d->n_obs > 1)
		qsort(d->obs, d->n_obs, sizeof(d->obs[0]), tl_obs_cmp);
	for (size_t i = 0; i < d->n_obs; i++) {
		const struct tl_eap_obs *o = &d->obs[i];
		struct tl_sta *st = tl_sta_get(&r, o->station);

		if (!st) {
			rc = -ENOMEM;
			goto free_sta;
		}
		rc = o->what == TL_OBS_KEY ? tl_4way_step(&r, st, o) : tl_eap_step(&r, st, o);
		if (rc)
			goto free_sta;
	}
	/* what never ended ends with the trace: its last entry (every
	 * observation has one, so there is one) */
	for (size_t i = 0; i < r.n_sta; i++) {
		const struct tl_eap_obs *o = &d->obs[d->n_obs - 1];
		uint64_t t = d->n ? d->v[d->n - 1].t_ns : o->t_ns;
		unsigned int line = d->n ? d->v[d->n - 1].line : o->line;

		if (r.sta[i].open_eap >= 0)
			tl_conv_close(&d->conv[r.sta[i].open_eap], TL_END_TRACE, t, line);
		if (r.sta[i].open_4way >= 0)
			tl_conv_close(&d->conv[r.sta[i].open_4way], TL_END_TRACE, t, line);
	}
	for (size_t i = 0; i < d->n_conv; i++)
		tl_conv_count(&d->conv[i]);
	if (d->n_conv > 1)
		qsort(d->conv, d->n_conv, sizeof(d->conv[0]), tl_conv_cmp);
	for (size_t i = 0; i < d->n_conv; i++) {
		rc = tl_summary_push(d, &d->conv[i]);
		if (rc)
			goto free_sta;
	}
free_sta:
	free(r.sta);
	tl_doc_sort(d);
	return rc;
}
