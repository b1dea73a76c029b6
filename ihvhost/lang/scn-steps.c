/* SPDX-License-Identifier: MIT */
/*
 * scn actions: connect, roam, disconnect, deauth, disassoc, ap-*, iface-*,
 * remove-*, rfkill, reset, unload, sleep -- their arguments, name
 * resolution, and the lifecycle checks (nothing is used after it is gone).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

void scn_step_release(struct scn_step *st)
{
	switch (st->kind) {
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
		for (size_t i = 0; i < st->u.expect.n_matchers; i++)
			free(st->u.expect.matchers[i].text);
		free(st->u.expect.matchers);
		free(st->u.expect.targets);
		break;
	case SCN_STEP_EXPECT_STATE:
	case SCN_STEP_CONNECT:
	case SCN_STEP_ROAM:
	case SCN_STEP_DISCONNECT:
	case SCN_STEP_DEAUTH:
	case SCN_STEP_DISASSOC:
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
	case SCN_STEP_AP_START:
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
	case SCN_STEP_REMOVE_IFACE:
	case SCN_STEP_REMOVE_RADIO:
	case SCN_STEP_RFKILL:
	case SCN_STEP_RESET:
	case SCN_STEP_UNLOAD:
	case SCN_STEP_SLEEP:
		break;
	}
}

static void suggest_names(struct scn_best *b, const struct scn_script *s,
			  const char *word, bool aps, bool adapters)
{
	for (size_t i = 0; aps && i < s->n_aps; i++)
		scn_best_consider(b, word, s->aps[i].name);
	for (size_t i = 0; adapters && i < s->n_adapters; i++)
		scn_best_consider(b, word, s->adapters[i].name);
}

static int find_ap(const struct scn_script *s, const char *name)
{
	for (size_t i = 0; i < s->n_aps; i++)
		if (!strcmp(s->aps[i].name, name))
			return (int)i;
	return -1;
}

static int find_adapter(const struct scn_script *s, const char *name)
{
	for (size_t i = 0; i < s->n_adapters; i++)
		if (!strcmp(s->adapters[i].name, name))
			return (int)i;
	return -1;
}

int scn_ref_adapter(struct scn_parser *p, const struct scn_tok *t,
		    const char *what, size_t *out)
{
	int i = find_adapter(p->s, t->text);
	struct scn_best b;
	char hint[96];

	if (i >= 0) {
		*out = (size_t)i;
		return 0;
	}
	if (find_ap(p->s, t->text) >= 0)
		return scn_error(p, t->col, "'%s' is an ap, but %s needs an "
				 "adapter here", t->text, what);
	scn_best_init(&b);
	suggest_names(&b, p->s, t->text, false, true);
	return scn_error(p, t->col, "undeclared adapter '%s'%s", t->text,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

int scn_ref_ap(struct scn_parser *p, const struct scn_tok *t,
	       const char *what, size_t *out)
{
	int i = find_ap(p->s, t->text);
	struct scn_best b;
	char hint[96];

	if (i >= 0) {
		*out = (size_t)i;
		return 0;
	}
	if (find_adapter(p->s, t->text) >= 0)
		return scn_error(p, t->col, "'%s' is an adapter, but %s needs an "
				 "ap here", t->text, what);
	scn_best_init(&b);
	suggest_names(&b, p->s, t->text, true, false);
	return scn_error(p, t->col, "undeclared ap '%s'%s", t->text,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

/* ---- argument shapes ---------------------------------------------------- */

enum arg {
	ARG_END,
	ARG_ADAPTER,
	ARG_AP,
	ARG_BLOCK,
	ARG_DURATION,
};

struct shape {
	const char *usage;
	enum arg args[3];
	bool reason;           /* accepts reason=N */
	uint16_t default_reason;
};

static const struct shape *shape_of(enum scn_step_kind k)
{
	static const struct shape sta_ap = { "ADAPTER AP", { ARG_ADAPTER, ARG_AP }, false, 0 };
	static const struct shape disc = { "ADAPTER [reason=N]", { ARG_ADAPTER },
					   true, SCN_DEFAULT_DISCONNECT_REASON };
	static const struct shape deauth = { "AP ADAPTER [reason=N]", { ARG_AP, ARG_ADAPTER },
					     true, SCN_DEFAULT_DEAUTH_REASON };
	static const struct shape disassoc = { "AP ADAPTER [reason=N]", { ARG_AP, ARG_ADAPTER },
					       true, SCN_DEFAULT_DISASSOC_REASON };
	static const struct shape ap = { "AP", { ARG_AP }, false, 0 };
	static const struct shape sta = { "ADAPTER", { ARG_ADAPTER }, false, 0 };
	static const struct shape rfkill = { "ADAPTER block|unblock",
					     { ARG_ADAPTER, ARG_BLOCK }, false, 0 };
	static const struct shape none = { "", { ARG_END }, false, 0 };
	static const struct shape sleep = { "DURATION", { ARG_DURATION }, false, 0 };

	switch (k) {
	case SCN_STEP_CONNECT:
	case SCN_STEP_ROAM:
		return &sta_ap;
	case SCN_STEP_DISCONNECT:
		return &disc;
	case SCN_STEP_DEAUTH:
		return &deauth;
	case SCN_STEP_DISASSOC:
		return &disassoc;
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
	case SCN_STEP_AP_START:
		return &ap;
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
	case SCN_STEP_REMOVE_IFACE:
	case SCN_STEP_REMOVE_RADIO:
	case SCN_STEP_RESET:
		return &sta;
	case SCN_STEP_RFKILL:
		return &rfkill;
	case SCN_STEP_UNLOAD:
		return &none;
	case SCN_STEP_SLEEP:
		return &sleep;
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
	case SCN_STEP_EXPECT_STATE:
		break;
	}
	return NULL;
}

static const char *arg_name(enum arg a)
{
	switch (a) {
	case ARG_ADAPTER: return "adapter name";
	case ARG_AP: return "ap name";
	case ARG_BLOCK: return "block or unblock";
	case ARG_DURATION: return "duration";
	case ARG_END: break;
	}
	return "?";
}

/* ---- lifecycle ----------------------------------------------------------- */

static int ap_usable(struct scn_parser *p, const struct scn_tok *t, size_t ap,
		     enum scn_step_kind k)
{
	unsigned int since = p->ap_life_line[ap];

	switch (p->ap_life[ap]) {
	case SCN_AP_GONE:
		if (k == SCN_STEP_AP_START)
			return 0;
		return scn_error(p, t->col, "ap '%s' was stopped at line %u "
				 "(ap-start it first)", t->text, since);
	case SCN_AP_DISABLED:
		if (k == SCN_STEP_AP_DISABLE)
			return scn_error(p, t->col, "ap '%s' is already disabled "
					 "(line %u)", t->text, since);
		break;
	case SCN_AP_UP:
		if (k == SCN_STEP_AP_ENABLE)
			return scn_error(p, t->col, "ap '%s' is not disabled "
					 "(ap-enable follows ap-disable)", t->text);
		break;
	}
	if (k == SCN_STEP_AP_START)
		return scn_error(p, t->col, "ap '%s' is running (ap-start follows "
				 "ap-stop or ap-vanish)", t->text);
	return 0;
}

static void ap_update(struct scn_parser *p, size_t ap, enum scn_step_kind k)
{
	if (k == SCN_STEP_AP_DISABLE)
		p->ap_life[ap] = SCN_AP_DISABLED;
	else if (k == SCN_STEP_AP_ENABLE || k == SCN_STEP_AP_START)
		p->ap_life[ap] = SCN_AP_UP;
	else if (k == SCN_STEP_AP_STOP || k == SCN_STEP_AP_VANISH)
		p->ap_life[ap] = SCN_AP_GONE;
	else
		return;
	p->ap_life_line[ap] = p->line;
}

static int adapter_usable(struct scn_parser *p, const struct scn_tok *t,
			  size_t ad, enum scn_step_kind k)
{
	if (p->adapter_life[ad] == SCN_ADAPTER_GONE)
		return scn_error(p, t->col, "adapter '%s' was removed at line %u",
				 t->text, p->adapter_life_line[ad]);
	if (p->unload_line && (k == SCN_STEP_CONNECT || k == SCN_STEP_ROAM ||
			       k == SCN_STEP_RESET))
		return scn_error(p, t->col, "%s after unload (line %u): there is "
				 "no extension any more", scn_step_kind_name(k),
				 p->unload_line);
	if (k == SCN_STEP_REMOVE_IFACE || k == SCN_STEP_REMOVE_RADIO) {
		p->adapter_life[ad] = SCN_ADAPTER_GONE;
		p->adapter_life_line[ad] = p->line;
	}
	return 0;
}

/*
 * A roam is a reassociation within one ESS (sim_sta_roam): the adapter
 * must have connected before, to another AP with the same SSID. Whether
 * it is still associated at that point depends on run-time events, so
 * that part is left to the executor.
 */
static int roam_check(struct scn_parser *p, const struct scn_line *l,
		      size_t ad, size_t ap)
{
	const struct scn_script *s = p->s;
	size_t from = p->adapter_ap[ad];

	if (from == SCN_NONE)
		return scn_error(p, l->toks[1].col, "roam: adapter '%s' has not "
				 "connected yet (connect it first)",
				 s->adapters[ad].name);
	if (from == ap)
		return scn_error(p, l->toks[2].col, "roam: adapter '%s' is already "
				 "on ap '%s'", s->adapters[ad].name, s->aps[ap].name);
	if (strcmp(s->aps[from].ssid, s->aps[ap].ssid))
		return scn_error(p, l->toks[2].col, "roam: ap '%s' has ssid '%s', "
				 "not '%s' of ap '%s' (a roam stays within one SSID)",
				 s->aps[ap].name, s->aps[ap].ssid,
				 s->aps[from].ssid, s->aps[from].name);
	return 0;
}

/* ---- the action parser ---------------------------------------------- */

static int parse_reason(struct scn_parser *p, const struct scn_tok *t,
			uint16_t *reason)
{
	uint64_t v;

	if (scn_parse_uint(t->val, 0xFFFF, &v) < 0)
		return scn_error(p, t->val_col, "bad reason '%s' (an 802.11 "
				 "reason code, 0..65535)", t->val);
	*reason = (uint16_t)v;
	return 0;
}

int scn_step_action(struct scn_parser *p, const struct scn_line *l,
		    struct scn_step *st)
{
	const struct shape *sh = shape_of(st->kind);
	const char *kw = l->toks[0].text;
	size_t ap = SCN_NONE, ad = SCN_NONE, ti = 1;
	uint16_t reason = sh->default_reason;
	bool block = false, reason_seen = false;
	uint64_t ms = 0;
	int rc = 0;

	if (st->kind == SCN_STEP_UNLOAD && p->unload_line)
		return scn_error(p, l->toks[0].col, "unload again (already "
				 "unloaded at line %u)", p->unload_line);
	for (size_t a = 0; a < 3 && sh->args[a] != ARG_END; a++, ti++) {
		const struct scn_tok *t;

		if (ti >= l->n || l->toks[ti].key) {
			const struct scn_tok *last = &l->toks[ti - 1];
			unsigned int col = ti < l->n ? l->toks[ti].col :
				last->col + (unsigned int)strlen(last->text) + 1;

			return scn_error(p, col, "%s: missing %s (%s %s)", kw,
					 arg_name(sh->args[a]), kw, sh->usage);
		}
		t = &l->toks[ti];
		switch (sh->args[a]) {
		case ARG_ADAPTER:
			rc = scn_ref_adapter(p, t, kw, &ad);
			if (rc == 0)
				rc = adapter_usable(p, t, ad, st->kind);
			break;
		case ARG_AP:
			rc = scn_ref_ap(p, t, kw, &ap);
			if (rc == 0)
				rc = ap_usable(p, t, ap, st->kind);
			break;
		case ARG_BLOCK:
			block = !strcmp(t->text, "block");
			rc = 0;
			if (!block && strcmp(t->text, "unblock")) {
				struct scn_best b;
				char hint[96];

				scn_best_init(&b);
				scn_best_consider(&b, t->text, "block");
				scn_best_consider(&b, t->text, "unblock");
				rc = scn_error(p, t->col, "%s: expected block or "
					       "unblock, got '%s'%s", kw, t->text,
					       scn_best_hint(&b, hint, sizeof(hint)));
			}
			break;
		case ARG_DURATION:
			rc = scn_tok_duration(p, t->text, t->col, &ms);
			break;
		case ARG_END:
			rc = 0;
			break;
		}
		if (rc < 0)
			return rc;
	}
	for (; ti < l->n; ti++) {
		const struct scn_tok *t = &l->toks[ti];

		if (!t->key || !sh->reason)
			return scn_error(p, t->col, "unexpected '%s' (%s %s)",
					 t->text, kw, sh->usage);
		if (strcmp(t->key, "reason")) {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			scn_best_consider(&b, t->key, "reason");
			return scn_error(p, t->col, "%s: unknown option '%s'%s", kw,
					 t->key, scn_best_hint(&b, hint, sizeof(hint)));
		}
		if (reason_seen)
			return scn_error(p, t->col, "%s: reason given twice", kw);
		reason_seen = true;
		rc = parse_reason(p, t, &reason);
		if (rc < 0)
			return rc;
	}
	if (st->kind == SCN_STEP_ROAM) {
		rc = roam_check(p, l, ad, ap);
		if (rc < 0)
			return rc;
	}
	if (st->kind == SCN_STEP_CONNECT || st->kind == SCN_STEP_ROAM)
		p->adapter_ap[ad] = ap;
	if (ap != SCN_NONE)
		ap_update(p, ap, st->kind);
	switch (st->kind) {
	case SCN_STEP_CONNECT:
	case SCN_STEP_ROAM:
		st->u.link.adapter = ad;
		st->u.link.ap = ap;
		break;
	case SCN_STEP_DISCONNECT:
		st->u.disconnect.adapter = ad;
		st->u.disconnect.reason = reason;
		break;
	case SCN_STEP_DEAUTH:
	case SCN_STEP_DISASSOC:
		st->u.frame.ap = ap;
		st->u.frame.adapter = ad;
		st->u.frame.reason = reason;
		break;
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
	case SCN_STEP_AP_START:
		st->u.ap.ap = ap;
		break;
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
	case SCN_STEP_REMOVE_IFACE:
	case SCN_STEP_REMOVE_RADIO:
	case SCN_STEP_RESET:
		st->u.adapter.adapter = ad;
		break;
	case SCN_STEP_RFKILL:
		st->u.rfkill.adapter = ad;
		st->u.rfkill.block = block;
		break;
	case SCN_STEP_UNLOAD:
		p->unload_line = p->line;
		break;
	case SCN_STEP_SLEEP:
		st->u.sleep.ms = ms;
		break;
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
	case SCN_STEP_EXPECT_STATE:
		return -EINVAL;
	}
	return 0;
}
