/* SPDX-License-Identifier: MIT */
/*
 * scn ui: the words of the user's actions (rows in scn-actions.c):
 * `session EVENT [id=N]`, `ui-query ADAPTER [phase=...]` and
 * `ui-answer ADAPTER (text="..."|data=HEX) [request=N]`. The event names
 * are the WTS_* notifications of winuser.h, by value; they are kept here
 * so the language stays free of the SDK (like scn-names.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

static const struct {
	const char *name;
	uint32_t code;               /* WTS_* */
} events[] = {
	{ "console-connect", 1 },    /* WTS_CONSOLE_CONNECT */
	{ "console-disconnect", 2 }, /* WTS_CONSOLE_DISCONNECT */
	{ "remote-connect", 3 },     /* WTS_REMOTE_CONNECT */
	{ "remote-disconnect", 4 },  /* WTS_REMOTE_DISCONNECT */
	{ "logon", 5 },              /* WTS_SESSION_LOGON */
	{ "logoff", 6 },             /* WTS_SESSION_LOGOFF */
	{ "lock", 7 },               /* WTS_SESSION_LOCK */
	{ "unlock", 8 },             /* WTS_SESSION_UNLOCK */
	{ "remote-control", 9 },     /* WTS_SESSION_REMOTE_CONTROL */
	{ "create", 10 },            /* WTS_SESSION_CREATE */
	{ "terminate", 11 },         /* WTS_SESSION_TERMINATE */
};

static const char *const phases[] = { "any", "initial", "post-l3" };

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int scn_ui_event(struct scn_parser *p, const struct scn_tok *t, const char *kw,
		 struct scn_action_args *args)
{
	struct scn_best b;
	char hint[96];

	/* No adapter word carries the check (scn-steps.c adapter_usable). */
	if (p->unload_line)
		return scn_error(p, t->col, "%s after unload (line %u): there is "
				 "no extension any more", kw, p->unload_line);
	for (size_t i = 0; i < ARRAY_SIZE(events); i++) {
		if (!strcmp(t->text, events[i].name)) {
			args->session_event = events[i].code;
			return 0;
		}
	}
	scn_best_init(&b);
	for (size_t i = 0; i < ARRAY_SIZE(events); i++)
		scn_best_consider(&b, t->text, events[i].name);
	return scn_error(p, t->col, "%s: unknown session event '%s' (logon, logoff, "
			 "lock, unlock, console-connect, ...)%s", kw, t->text,
			 scn_best_hint(&b, hint, sizeof(hint)));
}

const char *scn_ui_event_name(uint32_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(events); i++)
		if (events[i].code == code)
			return events[i].name;
	return NULL;
}

const char *scn_ui_phase_name(uint32_t phase)
{
	return phase < ARRAY_SIZE(phases) ? phases[phase] : NULL;
}

int scn_ui_opt(struct scn_parser *p, const struct scn_tok *t, unsigned int bit,
	       const char *kw, struct scn_action_args *args)
{
	uint64_t n;
	size_t len;

	switch (bit) {
	case SCN_OPT_ID:
		if (scn_parse_uint(t->val, UINT32_MAX, &n) < 0)
			return scn_error(p, t->val_col, "%s: bad id '%s' (a session "
					 "id, 0..4294967295)", kw, t->val);
		args->session_id = (uint32_t)n;
		return 0;
	case SCN_OPT_PHASE:
		for (size_t i = 0; i < ARRAY_SIZE(phases); i++) {
			if (!strcmp(t->val, phases[i])) {
				args->phase = (uint32_t)i;
				return 0;
			}
		}
		return scn_error(p, t->val_col, "%s: phase is any, initial or "
				 "post-l3, not '%s'", kw, t->val);
	case SCN_OPT_TEXT:
		if (args->data)
			return scn_error(p, t->col, "%s: text= or data=, not both", kw);
		len = strlen(t->val);
		if (len > SCN_MAX_UI_TEXT)
			return scn_error(p, t->val_col, "%s: text= has %zu bytes, "
					 "more than %u", kw, len, SCN_MAX_UI_TEXT);
		if (!len)
			return 0;
		args->data = malloc(len);
		if (!args->data)
			return -ENOMEM;
		memcpy(args->data, t->val, len);
		args->data_len = len;
		return 0;
	case SCN_OPT_REQUEST:
		if (scn_parse_uint(t->val, 1000, &n) < 0 || !n)
			return scn_error(p, t->val_col, "%s: bad request '%s' (the "
					 "adapter's Nth pending request, 1..1000)", kw,
					 t->val);
		args->request = (uint32_t)n;
		return 0;
	}
	return -EINVAL;
}

int scn_check_ui_answer(struct scn_parser *p, const struct scn_line *l,
			const struct scn_action_args *a)
{
	unsigned int text_col = 0, data_col = 0;

	(void)a;
	for (size_t i = 2; i < l->n; i++) {
		if (!l->toks[i].key)
			continue;
		if (!strcmp(l->toks[i].key, "text"))
			text_col = l->toks[i].col;
		if (!strcmp(l->toks[i].key, "data"))
			data_col = l->toks[i].col;
	}
	if (text_col && data_col)
		return scn_error(p, data_col, "ui-answer: text= or data=, not both");
	if (!text_col && !data_col)
		return scn_error(p, scn_end_col(l), "ui-answer: missing the answer "
				 "(text=\"...\" or data=HEX; text= for an empty one)");
	return 0;
}
