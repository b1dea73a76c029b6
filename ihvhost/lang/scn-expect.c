/* SPDX-License-Identifier: MIT */
/*
 * scn expectations: expect, expect-no, expect-order and expect state --
 * their targets (handler/API names), typed key=value matchers (each key
 * checked against what that handler/API takes) and time windows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

#define COUNT_MAX 1000

/* "adapter, peer, status, ret" for messages. */
static const char *keys_list(unsigned int keys, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int k = 0; k < SCN_KEY_COUNT; k++) {
		if (!(keys & SCN_KEY_BIT(k)))
			continue;
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
				      n ? ", " : "", scn_key_info(k)->name);
	}
	if (!n)
		snprintf(buf, len, "no arguments");
	return buf;
}

static int parse_mac_value(struct scn_parser *p, const struct scn_tok *t,
			   struct scn_mac_ref *m)
{
	const struct scn_script *s = p->s;
	const char *name = t->val + 1;
	struct scn_best b;
	size_t i;

	if (t->val[0] != '@') {
		if (scn_parse_mac(t->val, m->addr) < 0)
			return scn_error(p, t->val_col, "bad MAC '%s' (write @name "
					 "or aa:bb:cc:dd:ee:ff)", t->val);
		m->kind = SCN_MAC_LITERAL;
		m->index = SCN_NONE;
		return 0;
	}
	i = scn_set_get(&p->ap_names, name);
	if (i != SCN_NONE) {
		*m = (struct scn_mac_ref){ .kind = SCN_MAC_AP, .index = i };
		return 0;
	}
	i = scn_set_get(&p->adapter_names, name);
	if (i != SCN_NONE) {
		*m = (struct scn_mac_ref){ .kind = SCN_MAC_ADAPTER, .index = i };
		return 0;
	}
	scn_best_init(&b);
	for (i = 0; i < s->n_aps; i++)
		scn_best_consider(&b, name, s->aps[i].name);
	for (i = 0; i < s->n_adapters; i++)
		scn_best_consider(&b, name, s->adapters[i].name);
	if (b.cand)
		return scn_error(p, t->val_col, "undeclared name '@%s' "
				 "(did you mean '@%s'?)", name, b.cand);
	return scn_error(p, t->val_col, "undeclared name '@%s'", name);
}

static int parse_value(struct scn_parser *p, const struct scn_tok *t,
		       enum scn_value_type type, struct scn_value *v)
{
	struct scn_best b;
	char hint[96];
	uint64_t n;
	int rc;

	v->type = type;
	scn_best_init(&b);
	switch (type) {
	case SCN_VAL_ADAPTER:
		/* The value is a name: resolve it as the token's own text. */
		return scn_ref_adapter(p, &(struct scn_tok){ .text = t->val,
				       .col = t->val_col }, t->key, &v->u.adapter);
	case SCN_VAL_MAC:
		return parse_mac_value(p, t, &v->u.mac);
	case SCN_VAL_STATUS:
		rc = scn_status_parse(t->val, &v->u.status);
		if (rc == -ENOTSUP)
			return scn_error(p, t->val_col, "status '%.*s' takes no "
					 "|reason (only the PEER_* and "
					 "ASSOCIATION_RESPONSE ranges do)",
					 (int)(strchr(t->val, '|') - t->val), t->val);
		if (rc == -ERANGE)
			return scn_error(p, t->val_col, "bad code in status '%s' "
					 "(PEER_*|0..65535, ASSOCIATION_RESPONSE|"
					 "0..65535, IHV|0x80000000..0xffffffff)",
					 t->val);
		if (rc < 0) {
			scn_status_suggest(&b, t->val);
			return scn_error(p, t->val_col, "unknown status '%s'%s",
					 t->val, scn_best_hint(&b, hint, sizeof(hint)));
		}
		return 0;
	case SCN_VAL_WIN32:
		if (scn_win32_parse(t->val, &v->u.code) == 0)
			return 0;
		scn_win32_suggest(&b, t->val);
		return scn_error(p, t->val_col, "unknown Win32 error '%s'%s",
				 t->val, scn_best_hint(&b, hint, sizeof(hint)));
	case SCN_VAL_REASON:
		if (scn_reason_parse(t->val, &v->u.code) == 0)
			return 0;
		scn_reason_suggest(&b, t->val);
		return scn_error(p, t->val_col, "unknown reason code '%s'%s",
				 t->val, scn_best_hint(&b, hint, sizeof(hint)));
	case SCN_VAL_INTEGER:
		if (scn_parse_uint(t->val, UINT32_MAX, &n) < 0)
			return scn_error(p, t->val_col, "bad number '%s' "
					 "(0..4294967295, decimal or 0x hex)", t->val);
		v->u.code = (uint32_t)n;
		return 0;
	case SCN_VAL_EAPOL:
		v->u.word = scn_eapol_lookup(t->val);
		if (v->u.word)
			return 0;
		for (size_t i = 0; scn_eapol_names[i]; i++)
			scn_best_consider(&b, t->val, scn_eapol_names[i]);
		return scn_error(p, t->val_col, "unknown EAPOL message '%s' "
				 "(1/4, 2/4, 3/4, 4/4, group-1/2, group-2/2, "
				 "eap-request-identity, eap-response-identity, "
				 "eap-request-tls, eap-response-tls, "
				 "eap-response-nak, eap-success, eap-failure)%s",
				 t->val, scn_best_hint(&b, hint, sizeof(hint)));
	}
	return -EINVAL;
}

static int add_target(struct scn_parser *p, struct scn_expect *e,
		      const struct scn_tok *t)
{
	const struct scn_callee **nt;
	int rc;

	nt = realloc(e->targets, (e->n_targets + 1) * sizeof(*nt));
	if (!nt)
		return -ENOMEM;
	e->targets = nt;
	rc = scn_ref_callee(p, t->text, t->col, &e->targets[e->n_targets]);
	if (rc < 0)
		return rc;
	e->n_targets++;
	return 0;
}

static int add_matcher(struct scn_parser *p, struct scn_expect *e,
		       const struct scn_tok *t)
{
	struct scn_matcher *m, *nm;
	int key = scn_key_lookup(t->key);
	char list[128];
	int rc;

	if (key < 0) {
		struct scn_best b;
		char hint[96];

		scn_best_init(&b);
		for (int k = 0; k < SCN_KEY_COUNT; k++)
			scn_best_consider(&b, t->key, scn_key_info(k)->name);
		scn_best_consider(&b, t->key, "count");
		return scn_error(p, t->col, "unknown argument '%s'%s", t->key,
				 scn_best_hint(&b, hint, sizeof(hint)));
	}
	for (size_t i = 0; i < e->n_targets; i++)
		if (!(e->targets[i]->keys & SCN_KEY_BIT(key)))
			return scn_error(p, t->col, "%s has no argument '%s' "
					 "(it takes %s)", e->targets[i]->name,
					 t->key, keys_list(e->targets[i]->keys,
							   list, sizeof(list)));
	for (size_t i = 0; i < e->n_matchers; i++)
		if (e->matchers[i].key == (enum scn_key)key)
			return scn_error(p, t->col, "'%s' given twice", t->key);
	nm = realloc(e->matchers, (e->n_matchers + 1) * sizeof(*nm));
	if (!nm)
		return -ENOMEM;
	e->matchers = nm;
	m = &e->matchers[e->n_matchers];
	memset(m, 0, sizeof(*m));
	m->key = (enum scn_key)key;
	m->pos = (struct scn_pos){ p->s->file, p->line, t->col };
	rc = parse_value(p, t, scn_key_info(m->key)->type, &m->value);
	if (rc < 0)
		return rc;
	m->text = strdup(t->text);
	if (!m->text)
		return -ENOMEM;
	e->n_matchers++;
	return 0;
}

static int parse_state(struct scn_parser *p, const struct scn_line *l,
		       struct scn_step *st)
{
	const struct scn_tok *t;
	int rc;

	st->kind = SCN_STEP_EXPECT_STATE;
	st->u.state.within_ms = SCN_DEFAULT_WITHIN_MS;
	if (l->n < 4 || l->toks[2].key || l->toks[3].key) {
		const struct scn_tok *last = &l->toks[l->n < 4 ? l->n - 1 : 2];

		return scn_error(p, last->col + (unsigned int)strlen(last->text) + 1,
				 "expect state: missing %s (expect state ADAPTER "
				 "STATE [within T])", l->n < 3 ? "adapter name" :
				 "state");
	}
	rc = scn_ref_adapter(p, &l->toks[2], "expect state", &st->u.state.adapter);
	if (rc < 0)
		return rc;
	t = &l->toks[3];
	if (scn_state_lookup(t->text, &st->u.state.state) < 0) {
		struct scn_best b;
		char hint[96];

		scn_best_init(&b);
		for (int s = SCN_STATE_NONE; s <= SCN_STATE_AUTHORIZED; s++)
			scn_best_consider(&b, t->text,
					  scn_state_name((enum scn_adapter_state)s));
		return scn_error(p, t->col, "unknown adapter state '%s' (none, "
				 "initialised, pre-associating, associating, "
				 "post-associating, authorized)%s", t->text,
				 scn_best_hint(&b, hint, sizeof(hint)));
	}
	if (l->n == 4)
		return 0;
	t = &l->toks[4];
	if (strcmp(t->text, "within"))
		return scn_error(p, t->col, "unexpected '%s' (expect state "
				 "ADAPTER STATE [within T])", t->text);
	if (l->n < 6)
		return scn_error(p, t->col + 7, "within: missing duration");
	rc = scn_tok_duration(p, l->toks[5].text, l->toks[5].col,
			      &st->u.state.within_ms);
	if (rc < 0)
		return rc;
	if (l->n > 6)
		return scn_error(p, l->toks[6].col, "unexpected '%s' after the "
				 "duration", l->toks[6].text);
	return 0;
}

int scn_step_expect(struct scn_parser *p, const struct scn_line *l,
		    struct scn_step *st)
{
	struct scn_expect *e = &st->u.expect;
	const char *kw = l->toks[0].text;
	bool is_no = st->kind == SCN_STEP_EXPECT_NO;
	bool is_order = st->kind == SCN_STEP_EXPECT_ORDER;
	const char *window = is_no ? "for" : "within";
	size_t i;
	int rc;

	if (st->kind == SCN_STEP_EXPECT && l->n > 1 && !l->toks[1].key &&
	    !strcmp(l->toks[1].text, "state"))
		return parse_state(p, l, st);
	e->window_ms = is_no ? SCN_DEFAULT_FOR_MS : SCN_DEFAULT_WITHIN_MS;
	for (i = 1; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];

		if (t->key && !strcmp(t->key, "count")) {
			uint64_t n;

			if (st->kind != SCN_STEP_EXPECT)
				return scn_error(p, t->col, "count= belongs to "
						 "expect, not %s", kw);
			if (e->has_count)
				return scn_error(p, t->col, "'count' given twice");
			if (scn_parse_uint(t->val, COUNT_MAX, &n) < 0 || n == 0)
				return scn_error(p, t->val_col, "bad count '%s' "
						 "(1..%d; for none use expect-no)",
						 t->val, COUNT_MAX);
			e->has_count = true;
			e->count = (unsigned int)n;
			continue;
		}
		if (t->key) {
			if (!e->n_targets)
				return scn_error(p, t->col, "%s: a handler or API "
						 "name goes before '%s'", kw, t->text);
			rc = add_matcher(p, e, t);
			if (rc < 0)
				return rc;
			continue;
		}
		if (!strcmp(t->text, "within") || !strcmp(t->text, "for")) {
			/* With count= the whole window is observed, so
			 * "for" reads as well as "within". */
			if (strcmp(t->text, window) &&
			    !(e->has_count && !strcmp(t->text, "for")))
				return scn_error(p, t->col, "%s waits '%s' a time, "
						 "not '%s'", kw, window, t->text);
			if (!e->n_targets)
				return scn_error(p, t->col, "%s: missing handler or "
						 "API name before '%s'", kw, t->text);
			if (i + 1 >= l->n)
				return scn_error(p, t->col + (unsigned int)strlen(t->text) + 1,
						 "%s: missing duration", t->text);
			rc = scn_tok_duration(p, l->toks[i + 1].text,
					      l->toks[i + 1].col, &e->window_ms);
			if (rc < 0)
				return rc;
			e->window_given = true;
			if (i + 2 < l->n)
				return scn_error(p, l->toks[i + 2].col,
						 "unexpected '%s' after the duration",
						 l->toks[i + 2].text);
			break;
		}
		if (e->n_matchers)
			return scn_error(p, t->col, "'%s': handler and API names go "
					 "before the key=value arguments", t->text);
		if (e->n_targets && !is_order)
			return scn_error(p, t->col, "unexpected '%s' (one handler or "
					 "API per %s; use expect-order for a "
					 "sequence)", t->text, kw);
		rc = add_target(p, e, t);
		if (rc < 0)
			return rc;
	}
	if (!e->n_targets) {
		const struct scn_tok *last = &l->toks[l->n - 1];

		return scn_error(p, last->col + (unsigned int)strlen(last->text) + 1,
				 "%s: missing handler or API name", kw);
	}
	if (is_order && e->n_targets < 2)
		return scn_error(p, l->toks[0].col, "expect-order needs at least "
				 "two handler/API names");
	if (e->has_count && !e->window_given)
		e->window_ms = SCN_DEFAULT_FOR_MS;
	return 0;
}
