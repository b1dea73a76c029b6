/* SPDX-License-Identifier: MIT */
/*
 * scn profiles: the `profile` declaration, a Windows connection profile
 * as a scenario writes it (SSIDs, network type, MS security settings and
 * the two IHV XML fragments), and the reading of fragment files.
 *
 * Everything a connect with this profile could trip on is checked here,
 * before anything runs: the host converts the fragments to UTF-16 for the
 * extension (so they must be UTF-8 without NUL), and Windows refuses a
 * profile whose authentication and cipher do not go together.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scn-int.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const bss_names[] = {
	[SCN_BSS_INFRASTRUCTURE] = "infrastructure",
	[SCN_BSS_INDEPENDENT] = "independent",
	[SCN_BSS_ANY] = "any",
};

static const char *const auth_names[] = {
	[SCN_AUTH_OPEN] = "open",
	[SCN_AUTH_WPA2_PSK] = "wpa2-psk",
	[SCN_AUTH_WPA2] = "wpa2",
};

static const char *const cipher_names[] = {
	[SCN_CIPHER_NONE] = "none",
	[SCN_CIPHER_CCMP] = "ccmp",
	[SCN_CIPHER_TKIP] = "tkip",
	[SCN_CIPHER_WEP] = "wep",
};

static const char *const forge_names[] = {
	[SCN_FORGE_NONE] = "none",
	[SCN_FORGE_BAD_MIC] = "bad-mic",
	[SCN_FORGE_STALE_COUNTER] = "stale-counter",
};

#define NAME_OF(table, v) \
	((size_t)(v) < ARRAY_SIZE(table) ? table[v] : "?")

const char *scn_bss_name(enum scn_bss_type bss)
{
	return NAME_OF(bss_names, bss);
}

const char *scn_auth_name(enum scn_auth auth)
{
	return NAME_OF(auth_names, auth);
}

const char *scn_cipher_name(enum scn_cipher cipher)
{
	return NAME_OF(cipher_names, cipher);
}

const char *scn_forge_name(enum scn_forge forge)
{
	return NAME_OF(forge_names, forge);
}

void scn_profile_release(struct scn_profile *pr)
{
	free(pr->name);
	for (size_t i = 0; i < pr->n_ssids; i++)
		free(pr->ssids[i]);
	free(pr->connectivity_xml);
	free(pr->security_xml);
	free(pr->eap_identity);
}

int scn_ref_profile(struct scn_parser *p, const struct scn_tok *t, size_t *out)
{
	size_t i = scn_set_get(&p->profile_names, t->val);
	struct scn_best b;
	char hint[96];

	if (i != SCN_NONE) {
		*out = i;
		return 0;
	}
	scn_best_init(&b);
	for (i = 0; i < p->s->n_profiles; i++)
		scn_best_consider(&b, t->val, p->s->profiles[i].name);
	return scn_error(p, t->val_col, "undeclared profile '%s'%s", t->val,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

/* One of @names (indexed by the enum), or an error with a suggestion. */
static int pick(struct scn_parser *p, const struct scn_tok *t,
		const char *const *names, size_t n, const char *list, int *out)
{
	struct scn_best b;
	char hint[96];

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(t->val, names[i])) {
			*out = (int)i;
			return 0;
		}
	}
	scn_best_init(&b);
	for (size_t i = 0; i < n; i++)
		scn_best_consider(&b, t->val, names[i]);
	return scn_error(p, t->val_col, "profile: unknown %s '%s' (%s)%s", t->key,
			 t->val, list, scn_best_hint(&b, hint, sizeof(hint)));
}

/* ---- fragments ------------------------------------------------------------ */

/*
 * Length of the valid UTF-8 prefix of @s[0..@len) (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF, no NUL), so that the
 * host's conversion to UTF-16 cannot fail on what the checker let
 * through, nor cut the fragment short.
 */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xBF;
		size_t n;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0;      /* overlong */
			if (c == 0xED)
				hi = 0x9F;      /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;      /* overlong */
			if (c == 0xF4)
				hi = 0x8F;      /* above U+10FFFF */
		} else {
			return i;
		}
		if (n >= len - i)       /* cut short by the end */
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += n + 1;
	}
	return i;
}

/* 1-based line and column (in bytes) of offset @at of @s. */
static void text_pos(const char *s, size_t at, unsigned int *line,
		     unsigned int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* @file relative to the scenario's directory (an absolute one as is). */
static char *fragment_path(const char *scenario, const char *file)
{
	const char *slash = strrchr(scenario, '/');
	size_t dir = slash ? (size_t)(slash - scenario) : 0;
	char *path;

	if (file[0] == '/' || !slash)
		return strdup(file);
	path = malloc(dir + 1 + strlen(file) + 1);
	if (!path)
		return NULL;
	memcpy(path, scenario, dir);
	path[dir] = '/';
	strcpy(path + dir + 1, file);
	return path;
}

/*
 * Reads fragment file @path whole into *@out (NUL-terminated) and *@len.
 * Only a regular file (a FIFO would block the parser) of at most
 * SCN_FRAGMENT_MAX bytes: the limit is checked on what was read, not on
 * the size fstat saw (/proc files say 0, a file may grow).
 */
static int read_fragment(struct scn_parser *p, const struct scn_tok *t,
			 const char *prof, const char *path, char **out,
			 size_t *len)
{
	struct stat st;
	char *buf;
	size_t n = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return scn_error(p, t->val_col, "profile %s: cannot read '%s': %s",
				 prof, path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = scn_error(p, t->val_col, "profile %s: cannot read '%s': %s",
			       prof, path, strerror(errno));
		goto close_fd;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = scn_error(p, t->val_col, "profile %s: '%s' is not a regular "
			       "file", prof, path);
		goto close_fd;
	}
	buf = malloc(SCN_FRAGMENT_MAX + 2);
	if (!buf) {
		rc = -ENOMEM;
		goto close_fd;
	}
	while (n <= SCN_FRAGMENT_MAX) {
		ssize_t got = read(fd, buf + n, SCN_FRAGMENT_MAX + 1 - n);

		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = scn_error(p, t->val_col, "profile %s: cannot read "
				       "'%s': %s", prof, path, strerror(errno));
			goto free_buf;
		}
		n += (size_t)got;
	}
	if (n > SCN_FRAGMENT_MAX) {
		rc = scn_error(p, t->val_col, "profile %s: '%s' is larger than "
			       "%d bytes", prof, path, SCN_FRAGMENT_MAX);
		goto free_buf;
	}
	buf[n] = '\0';
	close(fd);
	*out = buf;
	*len = n;
	return 0;

free_buf:
	free(buf);
close_fd:
	close(fd);
	return rc;
}

/*
 * The placeholders of a fragment: `{pki}` (the run's PKI directory, which
 * the runner substitutes) sets *@pki; any other `{word}` of letters,
 * digits and '-' is a mistake, reported with a suggestion. Braces around
 * anything else are left alone (they are not placeholders).
 */
static const char *const placeholder_names[] = { "pki" };

static int placeholders(struct scn_parser *p, const char *prof,
			const struct scn_tok *t, bool in_file, const char *text,
			bool *pki)
{
	for (const char *c = strchr(text, '{'); c; c = strchr(c + 1, '{')) {
		size_t n = strspn(c + 1, "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
		struct scn_best b;
		unsigned int line, col;
		char word[40], hint[96];
		bool known = false;

		if (!n || c[1 + n] != '}')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(placeholder_names); i++)
			if (strlen(placeholder_names[i]) == n &&
			    !memcmp(c + 1, placeholder_names[i], n))
				known = true;
		if (known) {
			*pki = true;
			continue;
		}
		snprintf(word, sizeof(word), "%.*s", (int)(n < 32 ? n : 32), c + 1);
		scn_best_init(&b);
		for (size_t i = 0; i < ARRAY_SIZE(placeholder_names); i++)
			scn_best_consider(&b, word, placeholder_names[i]);
		text_pos(text, (size_t)(c - text), &line, &col);
		if (in_file)
			return scn_error(p, t->val_col, "profile %s: unknown "
					 "placeholder '{%s}' at line %u, column %u of "
					 "the fragment (known: {pki})%s", prof, word,
					 line, col, scn_best_hint(&b, hint, sizeof(hint)));
		return scn_error(p, t->val_col, "profile %s: unknown placeholder "
				 "'{%s}' at byte %zu of %s= (known: {pki})%s", prof,
				 word, (size_t)(c - text) + 1, t->key,
				 scn_best_hint(&b, hint, sizeof(hint)));
	}
	return 0;
}

/*
 * One fragment, inline (@inline_t) or from a file (@file_t), into *@out:
 * UTF-8 without NUL, a leading byte order mark dropped (Windows editors
 * write one; inside the profile it would be a stray character). Empty:
 * NULL, as if none was given.
 */
static int fragment(struct scn_parser *p, const char *prof,
		    const struct scn_tok *inline_t, const struct scn_tok *file_t,
		    char **out, bool *pki)
{
	char *text = NULL, *path = NULL;
	size_t len = 0, ok;
	int rc;

	*out = NULL;
	if (inline_t && file_t)
		return scn_error(p, file_t->col, "profile %s: %s= and %s= both "
				 "given (one fragment, inline or from a file)",
				 prof, inline_t->key, file_t->key);
	if (inline_t) {
		text = strdup(inline_t->val);
		if (!text)
			return -ENOMEM;
		len = strlen(text);
	} else if (file_t) {
		if (!*file_t->val)
			return scn_error(p, file_t->val_col, "profile %s: %s= "
					 "needs a path", prof, file_t->key);
		path = fragment_path(p->s->file, file_t->val);
		if (!path)
			return -ENOMEM;
		rc = read_fragment(p, file_t, prof, path, &text, &len);
		if (rc < 0)
			goto free_path;
	} else {
		return 0;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		memmove(text, text + 3, len - 2);   /* with the NUL */
		len -= 3;
	}
	ok = utf8_valid_prefix((const unsigned char *)text, len);
	if (ok != len) {
		unsigned int line, col;
		const char *what = text[ok] ? "is not UTF-8" : "holds a NUL byte";

		text_pos(text, ok, &line, &col);
		if (file_t)
			rc = scn_error(p, file_t->val_col, "profile %s: '%s' %s "
				       "(line %u, column %u)", prof, path, what,
				       line, col);
		else
			rc = scn_error(p, inline_t->val_col, "profile %s: %s= %s "
				       "(byte %zu of the value)", prof,
				       inline_t->key, what, ok + 1);
		goto free_text;
	}
	rc = placeholders(p, prof, file_t ? file_t : inline_t, file_t != NULL, text, pki);
	if (rc < 0)
		goto free_text;
	if (*pki && !p->pki_line)
		p->pki_line = p->line;
	if (len == 0) {
		free(text);
		text = NULL;
	}
	*out = text;
	free(path);
	return 0;

free_text:
	free(text);
free_path:
	free(path);
	return rc;
}

/* ---- the declaration ------------------------------------------------------ */

enum {
	K_SSID, K_BSS, K_AUTH, K_CIPHER, K_ONEX, K_EAP_IDENTITY, K_CONN,
	K_CONN_FILE, K_SEC, K_SEC_FILE, K_COUNT,
};

static const char *const profile_keys[K_COUNT] = {
	[K_SSID] = "ssid", [K_BSS] = "bss", [K_AUTH] = "auth",
	[K_CIPHER] = "cipher", [K_ONEX] = "onex", [K_EAP_IDENTITY] = "eap-identity",
	[K_CONN] = "connectivity", [K_CONN_FILE] = "connectivity-file",
	[K_SEC] = "security", [K_SEC_FILE] = "security-file",
};

/* Authentication and cipher as Windows accepts them together: an RSNA
 * needs CCMP or TKIP, open system takes no cipher or (static/dynamic)
 * WEP. 0 or -EINVAL (reported at the cipher, or at auth when the cipher
 * was not written). */
static int check_auth_cipher(struct scn_parser *p, const char *prof,
			     const struct scn_profile *pr,
			     const struct scn_tok *auth_t,
			     const struct scn_tok *cipher_t)
{
	const struct scn_tok *at = cipher_t ? cipher_t : auth_t;
	bool rsna = pr->auth != SCN_AUTH_OPEN;
	bool ok = rsna ? pr->cipher == SCN_CIPHER_CCMP ||
			 pr->cipher == SCN_CIPHER_TKIP :
			 pr->cipher == SCN_CIPHER_NONE ||
			 pr->cipher == SCN_CIPHER_WEP;

	if (ok)
		return 0;
	return scn_error(p, at->val_col, "profile %s: auth=%s %s, not "
			 "cipher=%s", prof, scn_auth_name(pr->auth),
			 rsna ? "needs cipher=ccmp or tkip" :
			 "takes cipher=none or wep", scn_cipher_name(pr->cipher));
}

int scn_decl_profile(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_script *s = p->s;
	const struct scn_tok *seen[K_COUNT] = { 0 };
	const struct scn_tok *ssids[SCN_PROFILE_MAX_SSIDS];
	size_t n_ssids = 0;
	struct scn_profile *pr, *np;
	const char *name;
	int v, rc;

	if (s->n_profiles == SCN_MAX_PROFILES)
		return scn_error(p, l->toks[0].col, "profile: too many profiles "
				 "(at most %d)", SCN_MAX_PROFILES);
	rc = scn_new_name(p, l, "profile");
	if (rc < 0)
		return rc;
	name = l->toks[1].text;
	for (size_t i = 2; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];
		size_t k;

		if (!t->key)
			return scn_error(p, t->col, "profile: expected key=value, "
					 "got '%s'", t->text);
		for (k = 0; k < K_COUNT; k++)
			if (!strcmp(t->key, profile_keys[k]))
				break;
		if (k == K_COUNT)
			return scn_unknown_key(p, t, "profile", profile_keys, K_COUNT);
		if (k != K_SSID && seen[k])
			return scn_error(p, t->col, "profile: '%s' given twice",
					 t->key);
		seen[k] = t;
		if (k != K_SSID)
			continue;
		if (!*t->val || strlen(t->val) > 32)
			return scn_error(p, t->val_col, "profile %s: ssid must be "
					 "1..32 bytes (got %zu)", name,
					 strlen(t->val));
		if (n_ssids == SCN_PROFILE_MAX_SSIDS)
			return scn_error(p, t->col, "profile %s: more than %d ssids",
					 name, SCN_PROFILE_MAX_SSIDS);
		for (size_t j = 0; j < n_ssids; j++)
			if (!strcmp(ssids[j]->val, t->val))
				return scn_error(p, t->val_col, "profile %s: ssid "
						 "'%s' listed twice", name, t->val);
		ssids[n_ssids++] = t;
	}
	if (!n_ssids)
		return scn_error(p, scn_end_col(l), "profile %s: missing required "
				 "ssid=", name);

	/* Grown one at a time: a scenario holds a few profiles. */
	np = realloc(s->profiles, (s->n_profiles + 1) * sizeof(*np));
	if (!np)
		return -ENOMEM;
	s->profiles = np;
	pr = &s->profiles[s->n_profiles++];  /* counted first: freed with s */
	memset(pr, 0, sizeof(*pr));
	pr->pos = (struct scn_pos){ s->file, p->line, l->toks[0].col };
	pr->name = strdup(name);
	if (!pr->name)
		return -ENOMEM;
	for (size_t j = 0; j < n_ssids; j++) {
		pr->ssids[j] = strdup(ssids[j]->val);
		if (!pr->ssids[j])
			return -ENOMEM;
		pr->n_ssids++;
	}
	rc = scn_set_put(&p->profile_names, pr->name, s->n_profiles - 1);
	if (rc < 0)
		return rc;

	pr->bss = SCN_BSS_INFRASTRUCTURE;
	if (seen[K_BSS]) {
		rc = pick(p, seen[K_BSS], bss_names, ARRAY_SIZE(bss_names),
			  "infrastructure, independent, any", &v);
		if (rc < 0)
			return rc;
		pr->bss = (enum scn_bss_type)v;
	}
	if (seen[K_AUTH]) {
		rc = pick(p, seen[K_AUTH], auth_names, ARRAY_SIZE(auth_names),
			  "open, wpa2-psk, wpa2", &v);
		if (rc < 0)
			return rc;
		pr->auth = (enum scn_auth)v;
	}
	if (seen[K_CIPHER]) {
		rc = pick(p, seen[K_CIPHER], cipher_names, ARRAY_SIZE(cipher_names),
			  "none, ccmp, tkip, wep", &v);
		if (rc < 0)
			return rc;
		pr->cipher = (enum scn_cipher)v;
	}
	/* The one not written follows from the other: an RSNA cipher means
	 * WPA2-PSK, an RSNA means CCMP; nothing at all is an open network. */
	if (seen[K_AUTH] && !seen[K_CIPHER])
		pr->cipher = pr->auth == SCN_AUTH_OPEN ? SCN_CIPHER_NONE :
			     SCN_CIPHER_CCMP;
	if (!seen[K_AUTH] && seen[K_CIPHER])
		pr->auth = pr->cipher == SCN_CIPHER_CCMP ||
			   pr->cipher == SCN_CIPHER_TKIP ? SCN_AUTH_WPA2_PSK :
			   SCN_AUTH_OPEN;
	if (!seen[K_AUTH] && !seen[K_CIPHER]) {
		pr->auth = SCN_AUTH_OPEN;
		pr->cipher = SCN_CIPHER_NONE;
	}
	if (seen[K_AUTH] || seen[K_CIPHER]) {
		rc = check_auth_cipher(p, name, pr, seen[K_AUTH], seen[K_CIPHER]);
		if (rc < 0)
			return rc;
	}
	if (seen[K_ONEX]) {
		const struct scn_tok *t = seen[K_ONEX];

		if (strcmp(t->val, "on") && strcmp(t->val, "off"))
			return scn_error(p, t->val_col, "profile: onex is on or off, "
					 "not '%s'", t->val);
		pr->onex = !strcmp(t->val, "on");
		if (pr->onex && pr->auth != SCN_AUTH_WPA2)
			return scn_error(p, t->val_col, "profile %s: onex=on needs "
					 "auth=wpa2 (802.1X), not auth=%s", name,
					 scn_auth_name(pr->auth));
	}
	if (seen[K_EAP_IDENTITY]) {
		const struct scn_tok *t = seen[K_EAP_IDENTITY];

		/* Whether it names a declared user is checked at the end
		 * (users may be declared after the profile). */
		if (!pr->onex)
			return scn_error(p, t->col, "profile %s: eap-identity= is "
					 "what the host's 802.1X authenticates as: "
					 "it needs onex=on", name);
		pr->eap_identity = strdup(t->val);
		if (!pr->eap_identity)
			return -ENOMEM;
		pr->eap_identity_pos = (struct scn_pos){ s->file, p->line, t->val_col };
	}
	rc = fragment(p, name, seen[K_CONN], seen[K_CONN_FILE],
		      &pr->connectivity_xml, &pr->uses_pki);
	if (rc < 0)
		return rc;
	return fragment(p, name, seen[K_SEC], seen[K_SEC_FILE], &pr->security_xml,
			&pr->uses_pki);
}
