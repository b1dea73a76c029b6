/* SPDX-License-Identifier: MIT */
/*
 * scn parser: reads a file, walks it line by line, dispatches each line on
 * its first word and runs the whole-script checks at the end. The line
 * handlers live in scn-decl.c (declarations), scn-steps.c (actions, driven
 * by the table in scn-actions.c) and scn-expect.c (expectations).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scn-int.h"

typedef int (*decl_fn)(struct scn_parser *p, const struct scn_line *l);

/* Declarations: everything the executor sets up before the first step. */
static const struct {
	const char *word;
	decl_fn fn;
} decls[] = {
	{ "ap", scn_decl_ap },
	{ "adapter", scn_decl_adapter },
	{ "profile", scn_decl_profile },
	{ "user", scn_decl_user },
	{ "extension", scn_decl_extension },
	{ "env", scn_decl_env },
	{ "timeout", scn_decl_timeout },
	{ "roaming", scn_decl_roaming },
	{ "expect-fail", scn_decl_expect_fail },
	{ "expect-exit", scn_decl_expect_exit },
};

/* Expectations; the actions are the table in scn-actions.c. "expect
 * state" is told apart from "expect" by scn-expect.c. */
static const struct {
	const char *word;
	enum scn_step_kind kind;
} expects[] = {
	{ "expect", SCN_STEP_EXPECT },
	{ "expect-no", SCN_STEP_EXPECT_NO },
	{ "expect-order", SCN_STEP_EXPECT_ORDER },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void scn_script_free(struct scn_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_aps; i++) {
		free(s->aps[i].name);
		free(s->aps[i].ssid);
		free(s->aps[i].passphrase);
	}
	free(s->aps);
	for (size_t i = 0; i < s->n_adapters; i++)
		free(s->adapters[i].name);
	free(s->adapters);
	for (size_t i = 0; i < s->n_env; i++) {
		free(s->env[i].key);
		free(s->env[i].value);
	}
	free(s->env);
	for (size_t i = 0; i < s->n_profiles; i++)
		scn_profile_release(&s->profiles[i]);
	free(s->profiles);
	for (size_t i = 0; i < s->n_users; i++)
		free(s->users[i].name);
	free(s->users);
	free(s->ext_path);
	free(s->expect_fails);
	for (size_t i = 0; i < s->n_steps; i++)
		scn_step_release(&s->steps[i]);
	free(s->steps);
	free(s->file);
	free(s);
}

/* The first step freezes the declarations: from here on the lifecycle of
 * every object is tracked. */
static int begin_steps(struct scn_parser *p)
{
	struct scn_script *s = p->s;

	p->first_step_line = p->line;
	p->ap_life = calloc(s->n_aps + 1, sizeof(*p->ap_life));
	p->ap_life_line = calloc(s->n_aps + 1, sizeof(*p->ap_life_line));
	p->adapter_life = calloc(s->n_adapters + 1, sizeof(*p->adapter_life));
	p->adapter_life_line = calloc(s->n_adapters + 1,
				      sizeof(*p->adapter_life_line));
	p->adapter_ap = calloc(s->n_adapters + 1, sizeof(*p->adapter_ap));
	p->adapter_profile = calloc(s->n_adapters + 1,
				    sizeof(*p->adapter_profile));
	if (!p->ap_life || !p->ap_life_line || !p->adapter_life ||
	    !p->adapter_life_line || !p->adapter_ap || !p->adapter_profile)
		return -ENOMEM;
	for (size_t i = 0; i < s->n_aps; i++)
		p->ap_life[i] = SCN_AP_UP;
	for (size_t i = 0; i < s->n_adapters; i++) {
		p->adapter_life[i] = SCN_ADAPTER_PRESENT;
		p->adapter_ap[i] = SCN_NONE;
		p->adapter_profile[i] = SCN_NONE;
	}
	return 0;
}

static int parse_step(struct scn_parser *p, const struct scn_line *l,
		      enum scn_step_kind kind, const struct scn_action *act)
{
	struct scn_script *s = p->s;
	struct scn_step *st;
	int rc;

	if (s->n_steps == SCN_MAX_STEPS)
		return scn_error(p, l->toks[0].col, "too many steps (at most %d)",
				 SCN_MAX_STEPS);
	if (!p->first_step_line) {
		rc = begin_steps(p);
		if (rc < 0)
			return rc;
	}
	/* Capacity 16, 32, 64, ...: implied by n_steps. */
	if (s->n_steps == 0 || (s->n_steps >= 16 &&
				!(s->n_steps & (s->n_steps - 1)))) {
		size_t cap = s->n_steps ? 2 * s->n_steps : 16;
		struct scn_step *ns = realloc(s->steps, cap * sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		s->steps = ns;
	}
	st = &s->steps[s->n_steps];
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	if (kind == SCN_STEP_ACTION)
		st->u.action.def = act;
	st->pos = (struct scn_pos){ s->file, p->line, l->toks[0].col };
	/* Counted before parsing so a half-parsed step is released with the
	 * script (scn_step_release copes with a partial one). */
	s->n_steps++;
	switch (kind) {
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
	case SCN_STEP_EXPECT_STATE:
		return scn_step_expect(p, l, st);
	case SCN_STEP_ACTION:
		return scn_step_action(p, l, st);
	}
	return -EINVAL;
}

static int parse_line(struct scn_parser *p, const struct scn_line *l)
{
	const struct scn_tok *t = &l->toks[0];
	struct scn_best best;
	char hint[96];

	for (size_t i = 0; !t->key && i < ARRAY_SIZE(decls); i++) {
		if (strcmp(t->text, decls[i].word))
			continue;
		if (p->first_step_line)
			return scn_error(p, t->col,
					 "'%s' after the first step (line %u): "
					 "declarations go before the steps",
					 t->text, p->first_step_line);
		return decls[i].fn(p, l);
	}
	for (size_t i = 0; !t->key && i < ARRAY_SIZE(expects); i++)
		if (!strcmp(t->text, expects[i].word))
			return parse_step(p, l, expects[i].kind, NULL);
	if (!t->key && scn_action_lookup(t->text))
		return parse_step(p, l, SCN_STEP_ACTION,
				  scn_action_lookup(t->text));

	scn_best_init(&best);
	for (size_t i = 0; i < ARRAY_SIZE(decls); i++)
		scn_best_consider(&best, t->text, decls[i].word);
	for (size_t i = 0; i < ARRAY_SIZE(expects); i++)
		scn_best_consider(&best, t->text, expects[i].word);
	for (size_t i = 0; i < scn_action_count(); i++)
		scn_best_consider(&best, t->text, scn_action_name(scn_action_at(i)));
	return scn_error(p, t->col, "unknown keyword '%s'%s", t->text,
			 scn_best_hint(&best, hint, sizeof(hint)));
}

/* Checks that need the whole script. Positions: the line concerned, or
 * the last line for something missing. */
static int check_script(struct scn_parser *p)
{
	struct scn_script *s = p->s;

	if (s->n_adapters == 0)
		return scn_error(p, 1, "no adapter declared (a scenario needs "
				 "at least one, e.g. 'adapter sta1')");
	if (s->n_steps == 0)
		return scn_error(p, 1, "no steps (a scenario must do something, "
				 "e.g. 'connect sta1 ap1')");
	if (s->n_expect_fails && p->exit_line &&
	    s->expect_exit == SCN_EXIT_OK) {
		p->line = p->exit_line;
		return scn_error(p, p->exit_col, "expect-exit ok contradicts expect-fail "
				 "(a reported violation fails the run)");
	}
	if (s->n_expect_fails && !p->exit_line)
		s->expect_exit = SCN_EXIT_VIOLATION;
	for (size_t i = 0; i < s->n_profiles; i++) {
		const struct scn_profile *pr = &s->profiles[i];
		bool known = false;

		if (!pr->eap_identity)
			continue;
		for (size_t u = 0; u < s->n_users && !known; u++)
			known = !strcmp(s->users[u].name, pr->eap_identity);
		if (!known) {
			p->line = pr->eap_identity_pos.line;
			return scn_error(p, pr->eap_identity_pos.col, "profile %s: "
					 "eap-identity '%s' is not a declared user "
					 "(its certificate comes from a 'user %s' line)",
					 pr->name, pr->eap_identity, pr->eap_identity);
		}
	}
	if (p->pki_line) {
		bool eap = s->n_users > 0;

		for (size_t i = 0; i < s->n_aps && !eap; i++)
			eap = s->aps[i].security == SCN_SEC_WPA2_EAP;
		if (!eap) {
			p->line = p->pki_line;
			return scn_error(p, 1, "a profile uses {pki}, but there is "
					 "no PKI: declare an 'ap ... security=wpa2-eap' "
					 "or a 'user NAME'");
		}
	}
	return 0;
}

static void parser_release(struct scn_parser *p)
{
	free(p->ap_life);
	free(p->ap_life_line);
	free(p->adapter_life);
	free(p->adapter_life_line);
	free(p->adapter_ap);
	free(p->adapter_profile);
	scn_set_release(&p->ap_names);
	scn_set_release(&p->profile_names);
	scn_set_release(&p->user_names);
	scn_set_release(&p->adapter_names);
	scn_set_release(&p->env_keys);
}

static int too_large(const char *name, FILE *err)
{
	if (err)
		fprintf(err, "%s: File too large (the limit is %d MiB)\n", name,
			SCN_FILE_MAX >> 20);
	return -EFBIG;
}

static int parse_buf(const char *name, const char *text, size_t len,
		     struct scn_script **out, FILE *err)
{
	struct scn_parser p = { .err = err };
	struct scn_line line = { 0 };
	const char *cur = text, *end = text + len;
	int rc = 0;

	*out = NULL;
	if (len > SCN_FILE_MAX)
		return too_large(name, err);
	p.s = calloc(1, sizeof(*p.s));
	if (!p.s)
		return -ENOMEM;
	p.s->file = strdup(name);
	if (!p.s->file) {
		rc = -ENOMEM;
		goto free_script;
	}
	p.s->extension = SCN_EXT_REFERENCE;
	p.s->timeout_ms = SCN_DEFAULT_TIMEOUT_MS;
	p.s->expect_exit = SCN_EXIT_OK;

	/* Windows editors may start a UTF-8 file with a byte order mark: it
	 * is skipped, and the columns of line 1 count from after it, as the
	 * editor shows them. UTF-16 is named rather than reported as the
	 * NUL byte it would fail on. */
	if (len >= 3 && !memcmp(cur, "\xEF\xBB\xBF", 3)) {
		cur += 3;
	} else if (len >= 2 && (!memcmp(cur, "\xFF\xFE", 2) ||
				!memcmp(cur, "\xFE\xFF", 2))) {
		p.line = 1;
		rc = scn_error(&p, 1, "UTF-16 text (save the file as UTF-8)");
		goto free_line;
	}
	while (cur < end) {
		const char *nl = memchr(cur, '\n', (size_t)(end - cur));
		size_t n = nl ? (size_t)(nl - cur) : (size_t)(end - cur);

		p.line++;
		rc = scn_lex_line(&p, cur, n, &line);
		if (rc < 0)
			goto free_line;
		if (line.n) {
			rc = parse_line(&p, &line);
			if (rc < 0)
				goto free_line;
		}
		cur += n + (nl ? 1 : 0);
	}
	if (p.line == 0)
		p.line = 1;
	rc = check_script(&p);
	if (rc < 0)
		goto free_line;
	scn_line_release(&line);
	free(line.toks);
	parser_release(&p);
	*out = p.s;
	return 0;

free_line:
	scn_line_release(&line);
	free(line.toks);
	parser_release(&p);
	if (rc == -ENOMEM && err)
		fprintf(err, "%s: out of memory\n", name);
free_script:
	scn_script_free(p.s);
	return rc;
}

int scn_parse_string(const char *name, const char *text,
		     struct scn_script **out, FILE *err)
{
	return parse_buf(name, text, strlen(text), out, err);
}

/*
 * Reads @path whole. Only a regular file: a FIFO would block the parser
 * until something writes to it, and a device might never end.
 */
static int read_file(const char *path, char **text, size_t *len, FILE *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	int fd, rc = 0;

	/* O_NONBLOCK: opening a FIFO would wait for a writer; the fstat
	 * below refuses it instead. A regular file ignores the flag. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto report;
	}
	if (fstat(fd, &st) < 0)
		rc = -errno;
	else if (S_ISDIR(st.st_mode))
		rc = -EISDIR;
	else if (!S_ISREG(st.st_mode))
		rc = -ENODEV;
	else if (st.st_size > SCN_FILE_MAX)
		rc = -EFBIG;
	if (rc < 0)
		goto close_fd;
	/* The size is a hint (the file may change meanwhile, and /proc
	 * says 0); the +1 sees the end without growing the buffer. */
	cap = (size_t)st.st_size + 1 < 4096 ? 4096 : (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		rc = -ENOMEM;
		goto close_fd;
	}
	for (;;) {
		ssize_t got;

		if (n == cap) {
			char *nb;

			if (n > SCN_FILE_MAX) {
				rc = -EFBIG;
				goto free_buf;
			}
			cap *= 2;
			if (cap > SCN_FILE_MAX + 1u)
				cap = SCN_FILE_MAX + 1u;
			nb = realloc(buf, cap);
			if (!nb) {
				rc = -ENOMEM;
				goto free_buf;
			}
			buf = nb;
		}
		got = read(fd, buf + n, cap - n);
		if (got > 0) {
			n += (size_t)got;
		} else if (got == 0) {
			break;
		} else if (errno != EINTR) {
			/* read(2)'s own reason, e.g. EIO */
			rc = -errno;
			goto free_buf;
		}
	}
	close(fd);
	*text = buf;
	*len = n;
	return 0;

free_buf:
	free(buf);
close_fd:
	close(fd);
report:
	if (rc == -EFBIG)
		return too_large(path, err);
	if (err && rc == -ENODEV)
		fprintf(err, "%s: not a regular file\n", path);
	else if (err)
		fprintf(err, "%s: %s\n", path, strerror(-rc));
	return rc;
}

int scn_parse_file(const char *path, struct scn_script **out, FILE *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	rc = read_file(path, &text, &len, err);
	if (rc < 0)
		return rc;
	rc = parse_buf(path, text, len, out, err);
	free(text);
	return rc;
}
