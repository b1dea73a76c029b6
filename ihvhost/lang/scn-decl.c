/* SPDX-License-Identifier: MIT */
/*
 * scn declarations: ap, adapter, extension, env, timeout, expect-fail,
 * expect-exit. Everything here is checked as far as it can be without
 * running anything (channel, passphrase, extension knobs...).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

unsigned int scn_end_col(const struct scn_line *l)
{
	const struct scn_tok *t = &l->toks[l->n - 1];

	return t->col + (unsigned int)strlen(t->text) + 1;
}

static int no_more(struct scn_parser *p, const struct scn_line *l, size_t from)
{
	if (l->n > from)
		return scn_error(p, l->toks[from].col, "unexpected '%s' after %s",
				 l->toks[from].text, l->toks[0].text);
	return 0;
}

int scn_name_declared(const struct scn_parser *p, const char *name,
		      unsigned int *line)
{
	size_t i = scn_set_get(&p->ap_names, name);

	if (i != SCN_NONE) {
		*line = p->s->aps[i].pos.line;
		return 1;
	}
	i = scn_set_get(&p->adapter_names, name);
	if (i != SCN_NONE) {
		*line = p->s->adapters[i].pos.line;
		return 1;
	}
	i = scn_set_get(&p->profile_names, name);
	if (i != SCN_NONE) {
		*line = p->s->profiles[i].pos.line;
		return 1;
	}
	i = scn_set_get(&p->user_names, name);
	if (i != SCN_NONE) {
		*line = p->s->users[i].pos.line;
		return 1;
	}
	return 0;
}

/* A new object's name: a word (no '=', not '@...'), not yet used. */
int scn_new_name(struct scn_parser *p, const struct scn_line *l,
		 const char *what)
{
	const struct scn_tok *t;
	unsigned int line;

	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "%s: missing name (e.g. '%s %s1')",
				 what, what, !strcmp(what, "ap") ? "ap" :
				 !strcmp(what, "profile") ? "prof" :
				 !strcmp(what, "user") ? "alice" : "sta");
	t = &l->toks[1];
	if (t->key)
		return scn_error(p, t->col, "%s: expected a name before '%s'",
				 what, t->text);
	if (!isalpha((unsigned char)t->text[0]))
		return scn_error(p, t->col, "%s: name '%s' must start with a letter",
				 what, t->text);
	for (const char *c = t->text; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
			return scn_error(p, t->col + (unsigned int)(c - t->text),
					 "%s: name '%s' may hold only letters, "
					 "digits, '_' and '-'", what, t->text);
	if (strlen(t->text) > SCN_NAME_MAX)
		return scn_error(p, t->col, "%s: name '%s' is longer than %d",
				 what, t->text, SCN_NAME_MAX);
	if (scn_name_declared(p, t->text, &line))
		return scn_error(p, t->col, "duplicate name '%s' (first declared "
				 "at line %u)", t->text, line);
	return 0;
}

/* Makes room for element @n of *arr: capacity 8, 16, 32, ... (the
 * capacity is implied by @n, so the arrays need no separate field). */
static int grow(void **arr, size_t n, size_t size)
{
	void *na;

	if (n != 0 && (n < 8 || (n & (n - 1))))
		return 0;
	na = realloc(*arr, (n ? 2 * n : 8) * size);
	if (!na)
		return -ENOMEM;
	*arr = na;
	return 0;
}

/* The channels a scenario's AP may use: each one works on the real
 * kernel (tests/live/cksuite-channels.c sweeps this very list). 144
 * (5720 MHz) is not among them: mac80211_hwsim (Linux 6.1) has no such
 * channel, under any regulatory domain. */
static bool channel_valid(unsigned long ch, uint32_t *freq)
{
	if (ch >= 1 && ch <= 13) {
		*freq = 2407 + 5 * (uint32_t)ch;
		return true;
	}
	if (ch == 14) {
		*freq = 2484;
		return true;
	}
	if (((ch >= 36 && ch <= 64) || (ch >= 100 && ch <= 140)) && ch % 4 == 0) {
		*freq = 5000 + 5 * (uint32_t)ch;
		return true;
	}
	if (ch >= 149 && ch <= 165 && ch % 4 == 1) {
		*freq = 5000 + 5 * (uint32_t)ch;
		return true;
	}
	return false;
}

static const char *const ap_keys[] = { "ssid", "channel", "security", "passphrase",
					"cipher" };

int scn_unknown_key(struct scn_parser *p, const struct scn_tok *t,
		    const char *what, const char *const *known, size_t n)
{
	struct scn_best b;
	char hint[96];

	scn_best_init(&b);
	for (size_t i = 0; i < n; i++)
		scn_best_consider(&b, t->key, known[i]);
	return scn_error(p, t->col, "%s: unknown option '%s'%s", what, t->key,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

int scn_decl_ap(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	const struct scn_tok *seen[ARRAY_SIZE(ap_keys)] = { 0 };
	struct scn_ap *ap;
	uint64_t ch = 1;
	int rc;

	if (s->n_aps == SCN_MAX_APS)
		return scn_error(p, l->toks[0].col, "ap: too many APs (at most %d)",
				 SCN_MAX_APS);
	rc = scn_new_name(p, l, "ap");
	if (rc < 0)
		return rc;
	for (size_t i = 2; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];
		size_t k;

		if (!t->key)
			return scn_error(p, t->col, "ap: expected key=value, got '%s'",
					 t->text);
		for (k = 0; k < ARRAY_SIZE(ap_keys); k++)
			if (!strcmp(t->key, ap_keys[k]))
				break;
		if (k == ARRAY_SIZE(ap_keys))
			return scn_unknown_key(p, t, "ap", ap_keys, ARRAY_SIZE(ap_keys));
		if (seen[k])
			return scn_error(p, t->col, "ap: '%s' given twice", t->key);
		seen[k] = t;
	}
	/* 0 ssid, 1 channel, 2 security, 3 passphrase, 4 cipher */
	if (!seen[0])
		return scn_error(p, scn_end_col(l), "ap %s: missing required ssid=",
				 l->toks[1].text);
	if (!*seen[0]->val || strlen(seen[0]->val) > 32)
		return scn_error(p, seen[0]->val_col,
				 "ap: ssid must be 1..32 bytes (got %zu)",
				 strlen(seen[0]->val));
	rc = grow((void **)&s->aps, s->n_aps, sizeof(*s->aps));
	if (rc < 0)
		return rc;
	ap = &s->aps[s->n_aps];
	memset(ap, 0, sizeof(*ap));
	if (seen[1] && (scn_parse_uint(seen[1]->val, 1000, &ch) < 0 ||
			!channel_valid(ch, &ap->freq_mhz)))
		return scn_error(p, seen[1]->val_col,
				 "ap: invalid channel '%s' (2.4 GHz: 1..14; 5 GHz: "
				 "36..64 and 100..140 in steps of 4, 149..165)",
				 seen[1]->val);
	if (!seen[1])
		channel_valid(ch, &ap->freq_mhz);
	ap->channel = (unsigned int)ch;
	ap->security = SCN_SEC_OPEN;
	if (seen[2]) {
		if (!strcmp(seen[2]->val, "wpa2")) {
			ap->security = SCN_SEC_WPA2;
		} else if (!strcmp(seen[2]->val, "wpa2-eap")) {
			ap->security = SCN_SEC_WPA2_EAP;
		} else if (strcmp(seen[2]->val, "open")) {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			scn_best_consider(&b, seen[2]->val, "open");
			scn_best_consider(&b, seen[2]->val, "wpa2");
			scn_best_consider(&b, seen[2]->val, "wpa2-eap");
			return scn_error(p, seen[2]->val_col,
					 "ap: unknown security '%s' (open, wpa2 or wpa2-eap)%s",
					 seen[2]->val,
					 scn_best_hint(&b, hint, sizeof(hint)));
		}
	}
	if (ap->security == SCN_SEC_WPA2 && !seen[3])
		return scn_error(p, seen[2]->col,
				 "ap: security=wpa2 needs passphrase=");
	if (ap->security == SCN_SEC_OPEN && seen[3])
		return scn_error(p, seen[3]->col,
				 "ap: passphrase= given but security is open "
				 "(add security=wpa2)");
	if (ap->security == SCN_SEC_WPA2_EAP && seen[3])
		return scn_error(p, seen[3]->col,
				 "ap: passphrase= given but security=wpa2-eap "
				 "authenticates users by certificate (declare "
				 "'user NAME')");
	if (seen[3]) {
		size_t n = strlen(seen[3]->val);

		if (n < 8 || n > 63)
			return scn_error(p, seen[3]->val_col,
					 "ap: passphrase must be 8..63 characters "
					 "(got %zu)", n);
		for (const char *c = seen[3]->val; *c; c++)
			if ((unsigned char)*c < 32 || (unsigned char)*c > 126)
				return scn_error(p, seen[3]->val_col,
						 "ap: passphrase must be printable ASCII");
	}
	if (seen[4]) {
		if (ap->security == SCN_SEC_OPEN)
			return scn_error(p, seen[4]->col,
					 "ap: cipher= needs security=wpa2");
		if (!strcmp(seen[4]->val, "tkip") && ap->security == SCN_SEC_WPA2_EAP)
			return scn_error(p, seen[4]->val_col,
					 "ap: security=wpa2-eap takes cipher=ccmp only");
		if (!strcmp(seen[4]->val, "tkip"))
			ap->tkip = true;
		else if (strcmp(seen[4]->val, "ccmp"))
			return scn_error(p, seen[4]->val_col,
					 "ap: unknown cipher '%s' (ccmp or tkip)",
					 seen[4]->val);
	}
	ap->name = strdup(l->toks[1].text);
	ap->ssid = strdup(seen[0]->val);
	ap->passphrase = seen[3] ? strdup(seen[3]->val) : NULL;
	ap->pos = (struct scn_pos){ s->file, p->line, l->toks[0].col };
	s->n_aps++;   /* counted first: scn_script_free releases it */
	if (!ap->name || !ap->ssid || (seen[3] && !ap->passphrase))
		return -ENOMEM;
	return scn_set_put(&p->ap_names, ap->name, s->n_aps - 1);
}

/* ---- user: an EAP identity with its client certificate ------------------ */

static const char *const user_keys[] = { "method", "listed" };

int scn_decl_user(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	const struct scn_tok *seen[ARRAY_SIZE(user_keys)] = { 0 };
	static const char *const reserved[] = { "ca", "other-ca", "server", "pki" };
	const char *name;
	struct scn_user *u;
	int rc;

	if (s->n_users == SCN_MAX_USERS)
		return scn_error(p, l->toks[0].col, "user: too many users (at most %d)",
				 SCN_MAX_USERS);
	rc = scn_new_name(p, l, "user");
	if (rc < 0)
		return rc;
	name = l->toks[1].text;
	/* Its files share the PKI's directory with the CA's, the server's
	 * and hostapd's. */
	for (size_t i = 0; i < ARRAY_SIZE(reserved); i++)
		if (!strcmp(name, reserved[i]))
			return scn_error(p, l->toks[1].col, "user: '%s' is a file of "
					 "the PKI ({pki}/%s.pem); pick another name",
					 name, name);
	if (!strncmp(name, "hostapd", 7))
		return scn_error(p, l->toks[1].col, "user: names starting with "
				 "'hostapd' are hostapd's files; pick another name");
	for (size_t i = 2; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];
		size_t k;

		if (!t->key)
			return scn_error(p, t->col, "user: expected key=value, got '%s'",
					 t->text);
		for (k = 0; k < ARRAY_SIZE(user_keys); k++)
			if (!strcmp(t->key, user_keys[k]))
				break;
		if (k == ARRAY_SIZE(user_keys))
			return scn_unknown_key(p, t, "user", user_keys,
					       ARRAY_SIZE(user_keys));
		if (seen[k])
			return scn_error(p, t->col, "user: '%s' given twice", t->key);
		seen[k] = t;
	}
	if (seen[0] && strcmp(seen[0]->val, "tls"))
		return scn_error(p, seen[0]->val_col, "user: unknown method '%s' "
				 "(the APs' EAP server runs tls)", seen[0]->val);
	if (seen[1] && strcmp(seen[1]->val, "yes") && strcmp(seen[1]->val, "no"))
		return scn_error(p, seen[1]->val_col, "user: listed is yes or no, "
				 "not '%s'", seen[1]->val);
	rc = grow((void **)&s->users, s->n_users, sizeof(*s->users));
	if (rc < 0)
		return rc;
	u = &s->users[s->n_users];
	memset(u, 0, sizeof(*u));
	u->listed = !seen[1] || !strcmp(seen[1]->val, "yes");
	u->pos = (struct scn_pos){ s->file, p->line, l->toks[0].col };
	u->name = strdup(name);
	s->n_users++;   /* counted first: scn_script_free releases it */
	if (!u->name)
		return -ENOMEM;
	return scn_set_put(&p->user_names, u->name, s->n_users - 1);
}

int scn_decl_adapter(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	struct scn_adapter *ad;
	int rc;

	if (s->n_adapters == SCN_MAX_ADAPTERS)
		return scn_error(p, l->toks[0].col, "adapter: too many adapters "
				 "(at most %d)", SCN_MAX_ADAPTERS);
	rc = scn_new_name(p, l, "adapter");
	if (rc < 0)
		return rc;
	rc = no_more(p, l, 2);
	if (rc < 0)
		return rc;
	rc = grow((void **)&s->adapters, s->n_adapters, sizeof(*s->adapters));
	if (rc < 0)
		return rc;
	ad = &s->adapters[s->n_adapters++];
	ad->name = strdup(l->toks[1].text);
	ad->pos = (struct scn_pos){ s->file, p->line, l->toks[0].col };
	if (!ad->name)
		return -ENOMEM;
	return scn_set_put(&p->adapter_names, ad->name, s->n_adapters - 1);
}

int scn_decl_extension(struct scn_parser *p, const struct scn_line *l)
{
	const struct scn_tok *t;
	struct scn_best b;
	char hint[96];

	if (p->extension_line)
		return scn_error(p, l->toks[0].col, "extension given twice "
				 "(first at line %u)", p->extension_line);
	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "extension: missing reference, "
				 "misbehave or a path to a .so");
	if (no_more(p, l, 2) < 0)
		return -EINVAL;
	t = &l->toks[1];
	p->extension_line = p->line;
	if (!strcmp(t->text, "reference")) {
		p->s->extension = SCN_EXT_REFERENCE;
		return 0;
	}
	if (!strcmp(t->text, "misbehave")) {
		p->s->extension = SCN_EXT_MISBEHAVE;
		return 0;
	}
	if (!strcmp(t->text, "cxx")) {
		p->s->extension = SCN_EXT_CXX;
		return 0;
	}
	/* A path always has a '/' ("./my.so"): a bare word is a misspelt
	 * built-in far more often than a file in the current directory. */
	if (strchr(t->text, '/')) {
		p->s->extension = SCN_EXT_PATH;
		p->s->ext_path = strdup(t->text);
		return p->s->ext_path ? 0 : -ENOMEM;
	}
	scn_best_init(&b);
	scn_best_consider(&b, t->text, "reference");
	scn_best_consider(&b, t->text, "misbehave");
	scn_best_consider(&b, t->text, "cxx");
	return scn_error(p, t->col, "unknown extension '%s' (reference, misbehave, cxx, "
			 "or a path containing '/')%s", t->text,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

/* ---- env: the extension knobs are checked, others pass through ---------- */

static const char *const misbehaviours[] = {
	"crash:", "hang:", "null-handler:", "complete-late", "complete-never",
	"complete-twice", "leak-buffer", "api-out-of-window", "stale-handle",
	"exit:", "_exit:", "segv-exit:", "exit-in-init", "exit-in-constructor",
	"daemon:", "hang-in-constructor", "reset-not-cancelled",
	/* extension-owned security (the misbehaving sample's WPA2) */
	"mute-eapol", "send-after-stop", "key-wrong-peer",
	"key-outside-postassoc", "corrupt-key",
	/* Microsoft's 802.1X misused (the host's OneX) */
	"onex-start-early", "onex-packet-without-session", "onex-stop-twice",
	"onex-left-running",
};

static int check_misbehave(struct scn_parser *p, const struct scn_tok *t)
{
	const char *item = t->val;

	if (!*item)
		return scn_error(p, t->val_col, "env: IHV_MISBEHAVE is empty");
	while (*item) {
		const char *comma = strchr(item, ',');
		size_t n = comma ? (size_t)(comma - item) : strlen(item);
		unsigned int col = t->val_col + (unsigned int)(item - t->val);
		char word[64];
		size_t i;

		if (n == 0 || n >= sizeof(word))
			return scn_error(p, col, "env: empty or overlong "
					 "IHV_MISBEHAVE item");
		memcpy(word, item, n);
		word[n] = '\0';
		for (i = 0; i < ARRAY_SIZE(misbehaviours); i++) {
			size_t ml = strlen(misbehaviours[i]);

			if (misbehaviours[i][ml - 1] == ':' ?
			    !strncmp(word, misbehaviours[i], ml) :
			    !strcmp(word, misbehaviours[i]))
				break;
		}
		if (i == ARRAY_SIZE(misbehaviours)) {
			struct scn_best b;
			char hint[96];

			scn_best_init(&b);
			for (i = 0; i < ARRAY_SIZE(misbehaviours); i++)
				scn_best_consider(&b, word, misbehaviours[i]);
			return scn_error(p, col, "env: unknown misbehaviour '%s'%s",
					 word, scn_best_hint(&b, hint, sizeof(hint)));
		}
		if (strchr(word, ':')) {
			const char *h = strchr(word, ':') + 1;
			const struct scn_callee *c;
			unsigned int hcol = col + (unsigned int)(h - word);
			int rc = scn_ref_callee(p, h, hcol, &c);

			if (rc < 0)
				return rc;
			if (c->kind != SCN_CALLEE_HANDLER)
				return scn_error(p, hcol, "env: '%s' is an API, "
						 "not a handler", h);
			/* The extension reads short names only. */
			if (strcmp(h, c->name))
				return scn_error(p, hcol, "env: IHV_MISBEHAVE takes "
						 "the short handler name '%s'", c->name);
		}
		item += n + (comma ? 1 : 0);
		if (comma && !*item)
			return scn_error(p, col + (unsigned int)n,
					 "env: trailing ',' in IHV_MISBEHAVE");
	}
	return 0;
}

static int check_knob(struct scn_parser *p, const struct scn_tok *t)
{
	static const char *const knobs[] = {
		"IHV_EXT_DELAY_MS", "IHV_EXT_POST_DELAY_MS", "IHV_EXT_PREASSOC",
		"IHV_EXT_POSTASSOC", "IHV_MISBEHAVE",
	};
	uint64_t v;

	if (!strcmp(t->key, "IHV_EXT_DELAY_MS") ||
	    !strcmp(t->key, "IHV_EXT_POST_DELAY_MS")) {
		/* The sample extensions' own bound (tools/ext-reference). */
		if (scn_parse_uint(t->val, 600000, &v) < 0)
			return scn_error(p, t->val_col, "env: %s "
					 "must be milliseconds 0..600000, got '%s'",
					 t->key, t->val);
		return 0;
	}
	if (!strcmp(t->key, "IHV_EXT_PREASSOC")) {
		if (strcmp(t->val, "accept") && strcmp(t->val, "refuse"))
			return scn_error(p, t->val_col, "env: IHV_EXT_PREASSOC "
					 "is accept or refuse, got '%s'", t->val);
		return 0;
	}
	if (!strcmp(t->key, "IHV_EXT_POSTASSOC")) {
		if (strcmp(t->val, "authorize") && strcmp(t->val, "fail"))
			return scn_error(p, t->val_col, "env: IHV_EXT_POSTASSOC "
					 "is authorize or fail, got '%s'", t->val);
		return 0;
	}
	if (!strcmp(t->key, "IHV_MISBEHAVE"))
		return check_misbehave(p, t);
	/* Only the sample extensions' namespaces are checked: a misspelt
	 * knob would otherwise be silently ignored by the extension. */
	if (!strncmp(t->key, "IHV_EXT_", 8) || !strncmp(t->key, "IHV_MIS", 7)) {
		struct scn_best b;
		char hint[96];

		scn_best_init(&b);
		for (size_t i = 0; i < ARRAY_SIZE(knobs); i++)
			scn_best_consider(&b, t->key, knobs[i]);
		return scn_error(p, t->col, "env: unknown extension knob '%s'%s",
				 t->key, scn_best_hint(&b, hint, sizeof(hint)));
	}
	return 0;
}

int scn_decl_env(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	int rc;

	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "env: missing KEY=VALUE");
	for (size_t i = 1; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];
		struct scn_env *e;
		size_t first, bytes;

		if (!t->key)
			return scn_error(p, t->col, "env: expected KEY=VALUE, got '%s'",
					 t->text);
		if (!isalpha((unsigned char)t->key[0]) && t->key[0] != '_')
			return scn_error(p, t->col, "env: bad variable name '%s'",
					 t->key);
		for (const char *c = t->key; *c; c++)
			if (!isalnum((unsigned char)*c) && *c != '_')
				return scn_error(p, t->col, "env: bad variable "
						 "name '%s'", t->key);
		first = scn_set_get(&p->env_keys, t->key);
		if (first != SCN_NONE)
			return scn_error(p, t->col, "env: %s set twice "
					 "(first at line %u)", t->key,
					 s->env[first].pos.line);
		rc = check_knob(p, t);
		if (rc < 0)
			return rc;
		if (s->n_env == SCN_MAX_ENV)
			return scn_error(p, t->col, "env: too many variables "
					 "(at most %d)", SCN_MAX_ENV);
		bytes = strlen(t->key) + strlen(t->val) + 2;  /* '=' and NUL */
		if (bytes > SCN_ENV_MAX_BYTES - p->env_bytes)
			return scn_error(p, t->col, "env: variables too large (at "
					 "most %d bytes of KEY=VALUE in all)",
					 SCN_ENV_MAX_BYTES);
		rc = grow((void **)&s->env, s->n_env, sizeof(*s->env));
		if (rc < 0)
			return rc;
		e = &s->env[s->n_env++];
		e->key = strdup(t->key);
		e->value = strdup(t->val);
		e->pos = (struct scn_pos){ s->file, p->line, t->col };
		if (!e->key || !e->value)
			return -ENOMEM;
		p->env_bytes += bytes;
		rc = scn_set_put(&p->env_keys, e->key, s->n_env - 1);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int scn_decl_timeout(struct scn_parser *p, const struct scn_line *l)
{
	int rc;

	if (p->timeout_line)
		return scn_error(p, l->toks[0].col, "timeout given twice (first "
				 "at line %u)", p->timeout_line);
	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "timeout: missing duration (e.g. 20s)");
	rc = no_more(p, l, 2);
	if (rc < 0)
		return rc;
	rc = scn_tok_duration(p, l->toks[1].text, l->toks[1].col,
			      &p->s->timeout_ms);
	if (rc < 0)
		return rc;
	if (p->s->timeout_ms == 0)
		return scn_error(p, l->toks[1].col, "timeout must be > 0");
	p->timeout_line = p->line;
	return 0;
}

int scn_ref_callee(struct scn_parser *p, const char *name, unsigned int col,
		   const struct scn_callee **out)
{
	struct scn_best b;
	char hint[96];

	*out = scn_callee_lookup(name);
	if (*out)
		return 0;
	scn_best_init(&b);
	for (size_t i = 0; i < scn_callee_count(); i++) {
		scn_best_consider(&b, name, scn_callee_at(i)->name);
		scn_best_consider(&b, name, scn_callee_at(i)->full);
	}
	return scn_error(p, col, "unknown handler or API '%s'%s", name,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

int scn_decl_expect_fail(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	const struct scn_tok *t;
	const struct scn_callee *callee = NULL;
	const char *rule;
	int rc;

	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "expect-fail: missing verifier "
				 "rule (e.g. late-completion)");
	t = &l->toks[1];
	rule = scn_rule_lookup(t->text);
	if (!rule) {
		struct scn_best b;
		char hint[96];

		scn_best_init(&b);
		for (size_t i = 0; scn_rule_names[i]; i++)
			scn_best_consider(&b, t->text, scn_rule_names[i]);
		return scn_error(p, t->col, "unknown verifier rule '%s'%s",
				 t->text, scn_best_hint(&b, hint, sizeof(hint)));
	}
	if (l->n > 2) {
		rc = scn_ref_callee(p, l->toks[2].text, l->toks[2].col, &callee);
		if (rc < 0)
			return rc;
	}
	rc = no_more(p, l, 3);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->n_expect_fails; i++)
		if (s->expect_fails[i].rule == rule &&
		    s->expect_fails[i].callee == callee)
			return scn_error(p, t->col, "expect-fail %s given twice "
					 "(first at line %u)", rule,
					 s->expect_fails[i].pos.line);
	rc = grow((void **)&s->expect_fails, s->n_expect_fails,
		  sizeof(*s->expect_fails));
	if (rc < 0)
		return rc;
	s->expect_fails[s->n_expect_fails++] = (struct scn_expect_fail){
		.rule = rule,
		.callee = callee,
		.pos = { s->file, p->line, l->toks[0].col },
	};
	return 0;
}

int scn_decl_expect_exit(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	const struct scn_tok *t;
	int rc;

	if (p->exit_line)
		return scn_error(p, l->toks[0].col, "expect-exit given twice "
				 "(first at line %u)", p->exit_line);
	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "expect-exit: missing ok, "
				 "violation, crash, hang or load");
	t = &l->toks[1];
	if (scn_exit_lookup(t->text, &s->expect_exit) < 0) {
		static const char *const exits[] = {
			"ok", "violation", "crash", "hang", "load",
		};
		struct scn_best b;
		char hint[96];

		scn_best_init(&b);
		for (size_t i = 0; i < ARRAY_SIZE(exits); i++)
			scn_best_consider(&b, t->text, exits[i]);
		return scn_error(p, t->col, "expect-exit: unknown outcome '%s' "
				 "(ok, violation, crash, hang, load)%s", t->text,
				 scn_best_hint(&b, hint, sizeof(hint)));
	}
	if (l->n > 2) {
		const struct scn_tok *h = &l->toks[2];

		if (s->expect_exit != SCN_EXIT_CRASH &&
		    s->expect_exit != SCN_EXIT_HANG)
			return scn_error(p, h->col, "expect-exit %s takes no "
					 "handler (only crash and hang do)", t->text);
		rc = scn_ref_callee(p, h->text, h->col, &s->exit_callee);
		if (rc < 0)
			return rc;
		if (s->exit_callee->kind != SCN_CALLEE_HANDLER)
			return scn_error(p, h->col, "expect-exit: '%s' is an API; "
					 "crash and hang are caught in handlers",
					 h->text);
	}
	rc = no_more(p, l, 3);
	if (rc < 0)
		return rc;
	p->exit_line = p->line;
	p->exit_col = t->col;
	return 0;
}
