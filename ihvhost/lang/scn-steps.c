/* SPDX-License-Identifier: MIT */
/*
 * scn steps: the parser of an action line, driven by its row of the action
 * table (scn-actions.c): the arguments, name resolution, and the lifecycle
 * checks (nothing is used after it is gone), plus releasing a step.
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
		break;
	case SCN_STEP_ACTION:
		free(st->u.action.args.data);
		free(st->u.action.args.expect);
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

int scn_ref_adapter(struct scn_parser *p, const struct scn_tok *t,
		    const char *what, size_t *out)
{
	size_t i = scn_set_get(&p->adapter_names, t->text);
	struct scn_best b;
	char hint[96];

	if (i != SCN_NONE) {
		*out = i;
		return 0;
	}
	if (scn_set_get(&p->ap_names, t->text) != SCN_NONE)
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
	size_t i = scn_set_get(&p->ap_names, t->text);
	struct scn_best b;
	char hint[96];

	if (i != SCN_NONE) {
		*out = i;
		return 0;
	}
	if (scn_set_get(&p->adapter_names, t->text) != SCN_NONE)
		return scn_error(p, t->col, "'%s' is an adapter, but %s needs an "
				 "ap here", t->text, what);
	scn_best_init(&b);
	suggest_names(&b, p->s, t->text, true, false);
	return scn_error(p, t->col, "undeclared ap '%s'%s", t->text,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

/* ---- arguments ---------------------------------------------------------- */

static const char *arg_name(enum scn_arg a)
{
	switch (a) {
	case SCN_ARG_ADAPTER: return "adapter name";
	case SCN_ARG_AP: return "ap name";
	case SCN_ARG_BLOCK: return "block or unblock";
	case SCN_ARG_DURATION: return "duration";
	case SCN_ARG_SESSION_EVENT: return "session event";
	case SCN_ARG_END: break;
	}
	return "?";
}

/* ---- lifecycle ----------------------------------------------------------- */

static int ap_usable(struct scn_parser *p, const struct scn_tok *t, size_t ap,
		     const struct scn_action *act)
{
	unsigned int since = p->ap_life_line[ap];

	switch (p->ap_life[ap]) {
	case SCN_AP_GONE:
		if (act->ap_need == SCN_AP_NEED_GONE)
			return 0;
		return scn_error(p, t->col, "ap '%s' was stopped at line %u "
				 "(ap-start it first)", t->text, since);
	case SCN_AP_DISABLED:
		if (act->ap_need == SCN_AP_NEED_UP)
			return scn_error(p, t->col, "ap '%s' is already disabled "
					 "(line %u)", t->text, since);
		break;
	case SCN_AP_UP:
		if (act->ap_need == SCN_AP_NEED_DISABLED)
			return scn_error(p, t->col, "ap '%s' is not disabled "
					 "(%s follows ap-disable)", t->text, act->name);
		break;
	}
	if (act->ap_need == SCN_AP_NEED_GONE)
		return scn_error(p, t->col, "ap '%s' is running (%s follows "
				 "ap-stop or ap-vanish)", t->text, act->name);
	return 0;
}

static void ap_update(struct scn_parser *p, size_t ap, const struct scn_action *act)
{
	switch (act->ap_change) {
	case SCN_AP_KEEPS:
		return;
	case SCN_AP_BECOMES_UP:
		p->ap_life[ap] = SCN_AP_UP;
		break;
	case SCN_AP_BECOMES_DISABLED:
		p->ap_life[ap] = SCN_AP_DISABLED;
		break;
	case SCN_AP_BECOMES_GONE:
		p->ap_life[ap] = SCN_AP_GONE;
		break;
	}
	p->ap_life_line[ap] = p->line;
}

static int adapter_usable(struct scn_parser *p, const struct scn_tok *t,
			  size_t ad, const struct scn_action *act)
{
	if (p->adapter_life[ad] == SCN_ADAPTER_GONE)
		return scn_error(p, t->col, "adapter '%s' was removed at line %u",
				 t->text, p->adapter_life_line[ad]);
	if (p->unload_line && act->needs_extension)
		return scn_error(p, t->col, "%s after unload (line %u): there is "
				 "no extension any more", act->name,
				 p->unload_line);
	if (act->removes_adapter) {
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
int scn_check_roam(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a)
{
	const struct scn_script *s = p->s;
	size_t ad = a->adapter, ap = a->ap;
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

/*
 * connect profile=NAME: the profile must list the AP's SSID, as Windows
 * connects only to a network the profile names. Whether the AP's
 * security matches the profile's is left to the run: a mismatch is a
 * scenario of its own (the connection fails).
 */
int scn_check_connect(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a)
{
	const struct scn_script *s = p->s;
	const struct scn_profile *pr;
	const struct scn_ap *ap = &s->aps[a->ap];
	char list[SCN_PROFILE_MAX_SSIDS * 36];
	unsigned int col = l->toks[0].col;
	size_t n = 0;

	if (a->profile == SCN_NONE)
		return 0;
	pr = &s->profiles[a->profile];
	for (size_t i = 0; i < pr->n_ssids; i++)
		if (!strcmp(pr->ssids[i], ap->ssid))
			return 0;
	list[0] = '\0';
	for (size_t i = 0; i < pr->n_ssids && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s'%s'",
				      i ? ", " : "", pr->ssids[i]);
	for (size_t i = 3; i < l->n; i++)
		if (l->toks[i].key && !strcmp(l->toks[i].key, "profile"))
			col = l->toks[i].val_col;
	return scn_error(p, col, "connect: profile '%s' does not list ssid "
			 "'%s' of ap '%s' (it lists %s)", pr->name, ap->ssid,
			 ap->name, list);
}

/* The adapter's last connect/roam must have been to @ap (whether it is
 * still associated is the run's business). */
static int check_linked(struct scn_parser *p, const struct scn_tok *at,
			const char *kw, size_t ad, size_t ap)
{
	const struct scn_script *s = p->s;
	size_t on = p->adapter_ap[ad];

	if (on == SCN_NONE)
		return scn_error(p, at->col, "%s: adapter '%s' has not connected "
				 "yet (connect it to '%s' first)", kw,
				 s->adapters[ad].name, s->aps[ap].name);
	if (on != ap)
		return scn_error(p, at->col, "%s: adapter '%s' is on ap '%s', "
				 "not '%s'", kw, s->adapters[ad].name,
				 s->aps[on].name, s->aps[ap].name);
	return 0;
}

static int check_wpa2(struct scn_parser *p, const struct scn_tok *at,
		      const char *kw, size_t ap)
{
	const struct scn_ap *a = &p->s->aps[ap];

	if (a->security == SCN_SEC_OPEN)
		return scn_error(p, at->col, "%s: ap '%s' is open (there is no "
				 "key handshake without security=wpa2)", kw,
				 a->name);
	return 0;
}

/* ap-reauth AP ADAPTER */
int scn_check_reauth(struct scn_parser *p, const struct scn_line *l,
		     const struct scn_action_args *a)
{
	const struct scn_ap *ap = &p->s->aps[a->ap];

	if (ap->security != SCN_SEC_WPA2_EAP)
		return scn_error(p, l->toks[1].col, "ap-reauth: ap '%s' is not "
				 "security=wpa2-eap (only an 802.1X authenticator "
				 "re-authenticates)", ap->name);
	return check_linked(p, &l->toks[2], "ap-reauth", a->adapter, a->ap);
}

/* traffic ADAPTER AP */
int scn_check_traffic(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a)
{
	return check_linked(p, &l->toks[1], "traffic", a->adapter, a->ap);
}

/* ap-rekey AP */
int scn_check_rekey(struct scn_parser *p, const struct scn_line *l,
		    const struct scn_action_args *a)
{
	return check_wpa2(p, &l->toks[1], "ap-rekey", a->ap);
}

/* ap-resend-m3 AP ADAPTER */
int scn_check_resend_m3(struct scn_parser *p, const struct scn_line *l,
			const struct scn_action_args *a)
{
	int rc = check_wpa2(p, &l->toks[1], "ap-resend-m3", a->ap);

	return rc ? rc : check_linked(p, &l->toks[2], "ap-resend-m3",
				      a->adapter, a->ap);
}

/* ap-forge-eapol AP ADAPTER kind=K */
int scn_check_forge(struct scn_parser *p, const struct scn_line *l,
		    const struct scn_action_args *a)
{
	if (a->forge == SCN_FORGE_NONE)
		return scn_error(p, scn_end_col(l), "ap-forge-eapol: missing "
				 "kind=bad-mic or kind=stale-counter");
	return check_linked(p, &l->toks[2], "ap-forge-eapol", a->adapter, a->ap);
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

/* The options, by their SCN_OPT_* bit. */
static const struct {
	unsigned int bit;
	const char *key;
} opts[] = {
	{ SCN_OPT_REASON, "reason" },
	{ SCN_OPT_OUTCOME, "outcome" },
	{ SCN_OPT_PROFILE, "profile" },
	{ SCN_OPT_COUNT, "count" },
	{ SCN_OPT_KIND, "kind" },
	{ SCN_OPT_DATA, "data" },
	{ SCN_OPT_OUT, "out" },
	{ SCN_OPT_EXPECT, "expect" },
	{ SCN_OPT_RET, "ret" },
	{ SCN_OPT_SIGNAL, "signal" },
	{ SCN_OPT_LOSS, "loss" },
	{ SCN_OPT_DELAY, "delay" },
	{ SCN_OPT_OVER, "over" },
	{ SCN_OPT_DIR, "dir" },
	{ SCN_OPT_ID, "id" },
	{ SCN_OPT_PHASE, "phase" },
	{ SCN_OPT_TEXT, "text" },
	{ SCN_OPT_REQUEST, "request" },
};

/* One key=value option @t (already known to be one @act takes). */
static int parse_opt(struct scn_parser *p, const struct scn_tok *t,
		     unsigned int bit, const char *kw,
		     struct scn_action_args *args)
{
	uint64_t n;

	switch ((enum scn_opt)bit) {
	case SCN_OPT_REASON:
		return parse_reason(p, t, &args->reason);
	case SCN_OPT_OUTCOME:
		if (strcmp(t->val, "ok") && strcmp(t->val, "fail"))
			return scn_error(p, t->val_col, "%s: outcome is ok or "
					 "fail, not '%s'", kw, t->val);
		args->must_fail = !strcmp(t->val, "fail");
		return 0;
	case SCN_OPT_PROFILE:
		return scn_ref_profile(p, t, &args->profile);
	case SCN_OPT_COUNT:
		if (scn_parse_uint(t->val, SCN_MAX_TRAFFIC_COUNT, &n) < 0 || !n)
			return scn_error(p, t->val_col, "%s: bad count '%s' "
					 "(1..%u frames each way)", kw, t->val,
					 SCN_MAX_TRAFFIC_COUNT);
		args->count = (unsigned int)n;
		return 0;
	case SCN_OPT_KIND:
		if (!strcmp(t->val, scn_forge_name(SCN_FORGE_BAD_MIC))) {
			args->forge = SCN_FORGE_BAD_MIC;
		} else if (!strcmp(t->val, scn_forge_name(SCN_FORGE_STALE_COUNTER))) {
			args->forge = SCN_FORGE_STALE_COUNTER;
		} else {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			scn_best_consider(&b, t->val, "bad-mic");
			scn_best_consider(&b, t->val, "stale-counter");
			return scn_error(p, t->val_col, "%s: kind is bad-mic or "
					 "stale-counter, not '%s'%s", kw, t->val,
					 scn_best_hint(&b, hint, sizeof(hint)));
		}
		return 0;
	case SCN_OPT_DATA:
	case SCN_OPT_OUT:
	case SCN_OPT_EXPECT:
	case SCN_OPT_RET:
		return scn_control_opt(p, t, bit, kw, args);
	case SCN_OPT_SIGNAL:
	case SCN_OPT_LOSS:
	case SCN_OPT_DELAY:
	case SCN_OPT_OVER:
	case SCN_OPT_DIR:
		return scn_link_opt(p, t, bit, kw, args);
	case SCN_OPT_ID:
	case SCN_OPT_PHASE:
	case SCN_OPT_TEXT:
	case SCN_OPT_REQUEST:
		return scn_ui_opt(p, t, bit, kw, args);
	}
	return -EINVAL;
}

int scn_step_action(struct scn_parser *p, const struct scn_line *l,
		    struct scn_step *st)
{
	const struct scn_action *act = st->u.action.def;
	struct scn_action_args *args = &st->u.action.args;
	const char *kw = l->toks[0].text;
	unsigned int given = 0;
	size_t ti = 1;
	int rc = 0;

	*args = (struct scn_action_args){
		.adapter = SCN_NONE, .ap = SCN_NONE, .profile = SCN_NONE,
		.reason = act->default_reason,
		.count = act->opts & SCN_OPT_COUNT ? SCN_DEFAULT_TRAFFIC_COUNT : 0,
		.out_cap = act->opts & SCN_OPT_OUT ? SCN_DEFAULT_CONTROL_OUT : 0,
		.session_id = act->opts & SCN_OPT_ID ? SCN_DEFAULT_SESSION_ID : 0,
	};
	if (act->unloads && p->unload_line)
		return scn_error(p, l->toks[0].col, "%s again (already "
				 "unloaded at line %u)", kw, p->unload_line);
	for (size_t a = 0; a < 3 && act->args[a] != SCN_ARG_END; a++, ti++) {
		const struct scn_tok *t;

		if (ti >= l->n || l->toks[ti].key) {
			const struct scn_tok *last = &l->toks[ti - 1];
			unsigned int col = ti < l->n ? l->toks[ti].col :
				last->col + (unsigned int)strlen(last->text) + 1;

			return scn_error(p, col, "%s: missing %s (%s %s)", kw,
					 arg_name(act->args[a]), kw, act->usage);
		}
		t = &l->toks[ti];
		switch (act->args[a]) {
		case SCN_ARG_ADAPTER:
			rc = scn_ref_adapter(p, t, kw, &args->adapter);
			if (rc == 0)
				rc = adapter_usable(p, t, args->adapter, act);
			break;
		case SCN_ARG_AP:
			rc = scn_ref_ap(p, t, kw, &args->ap);
			if (rc == 0)
				rc = ap_usable(p, t, args->ap, act);
			break;
		case SCN_ARG_BLOCK:
			args->block = !strcmp(t->text, "block");
			rc = 0;
			if (!args->block && strcmp(t->text, "unblock")) {
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
		case SCN_ARG_DURATION:
			rc = scn_tok_duration(p, t->text, t->col, &args->ms);
			break;
		case SCN_ARG_SESSION_EVENT:
			rc = scn_ui_event(p, t, kw, args);
			break;
		case SCN_ARG_END:
			rc = 0;
			break;
		}
		if (rc < 0)
			return rc;
	}
	for (; ti < l->n; ti++) {
		const struct scn_tok *t = &l->toks[ti];
		size_t o;

		if (!t->key || !act->opts)
			return scn_error(p, t->col, "unexpected '%s' (%s %s)",
					 t->text, kw, act->usage);
		for (o = 0; o < sizeof(opts) / sizeof(opts[0]); o++)
			if ((act->opts & opts[o].bit) && !strcmp(t->key, opts[o].key))
				break;
		if (o == sizeof(opts) / sizeof(opts[0])) {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			for (o = 0; o < sizeof(opts) / sizeof(opts[0]); o++)
				if (act->opts & opts[o].bit)
					scn_best_consider(&b, t->key, opts[o].key);
			return scn_error(p, t->col, "%s: unknown option '%s'%s", kw,
					 t->key, scn_best_hint(&b, hint, sizeof(hint)));
		}
		if (given & opts[o].bit)
			return scn_error(p, t->col, "%s: %s given twice", kw, t->key);
		given |= opts[o].bit;
		rc = parse_opt(p, t, opts[o].bit, kw, args);
		if (rc < 0)
			return rc;
	}
	/* A roam keeps the profile the adapter connected with. */
	if (act->links && !(act->opts & SCN_OPT_PROFILE))
		args->profile = p->adapter_profile[args->adapter];
	if (act->check) {
		rc = act->check(p, l, args);
		if (rc < 0)
			return rc;
	}
	if (act->links) {
		p->adapter_ap[args->adapter] = args->ap;
		p->adapter_profile[args->adapter] = args->profile;
	}
	if (args->ap != SCN_NONE)
		ap_update(p, args->ap, act);
	if (act->unloads)
		p->unload_line = p->line;
	return 0;
}
