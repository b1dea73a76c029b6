/* SPDX-License-Identifier: MIT */
/*
 * scn internals shared by the language's files (scn-lex.c, scn-names.c,
 * scn-parse.c, scn-decl.c, scn-actions.c, scn-steps.c, scn-expect.c).
 * Not part of the runner's interface (that is scn.h).
 */
#ifndef IHVHOST_SCN_INT_H
#define IHVHOST_SCN_INT_H

#include <stdarg.h>

#include "scn.h"

/* Longest duration a script may write (one hour): anything longer is a
 * typo, never a test. */
#define SCN_DURATION_MAX_MS (3600u * 1000u)

/* One whitespace-separated word of a line. Quotes ("a b") are removed and
 * may appear anywhere in a word; `key=value` words are split at the first
 * '=' outside quotes. */
struct scn_tok {
	char *text;             /* the whole word, quotes removed */
	char *key;              /* before '=', or NULL when there is none */
	char *val;              /* after '=' (may be ""), or NULL */
	unsigned int col;       /* 1-based byte column of the word */
	unsigned int val_col;   /* column of the value's first byte */
};

struct scn_line {
	struct scn_tok *toks;
	size_t n;
	size_t cap;
};

/* Lifecycle of a declared object as the script's actions change it, so
 * the checker can refuse e.g. `ap-enable` on an AP that was stopped. */
enum scn_ap_life {
	SCN_AP_UP,
	SCN_AP_DISABLED,
	SCN_AP_GONE,
};

enum scn_adapter_life {
	SCN_ADAPTER_PRESENT,
	SCN_ADAPTER_GONE,
};

/*
 * A string -> index map (scn-set.c) for the names and env keys, so that a
 * duplicate check or a name lookup costs the same however many lines came
 * before. Keys are borrowed: the script owns the strings.
 */
struct scn_set_slot {
	const char *key;        /* NULL: empty */
	size_t val;
};

struct scn_set {
	struct scn_set_slot *slots;
	size_t cap;             /* 0 or a power of two, at least 2 * n */
	size_t n;
};

/* @key's value, or SCN_NONE. */
size_t scn_set_get(const struct scn_set *set, const char *key);
/* Maps @key (kept, not copied) to @val. 0 or -ENOMEM. */
int scn_set_put(struct scn_set *set, const char *key, size_t val);
void scn_set_release(struct scn_set *set);

struct scn_parser {
	struct scn_script *s;
	FILE *err;
	unsigned int line;
	struct scn_set ap_names;        /* -> index in s->aps */
	struct scn_set adapter_names;   /* -> index in s->adapters */
	struct scn_set env_keys;        /* -> index in s->env */
	struct scn_set profile_names;   /* -> index in s->profiles */
	struct scn_set user_names;      /* -> index in s->users */
	unsigned int pki_line;          /* first profile with {pki}, 0: none */
	size_t env_bytes;               /* "KEY=VALUE\0" of s->env, summed */
	/* Per-object lifecycle and where it last changed (line). */
	enum scn_ap_life *ap_life;
	unsigned int *ap_life_line;
	enum scn_adapter_life *adapter_life;
	unsigned int *adapter_life_line;
	size_t *adapter_ap;             /* AP of the last connect/roam, or SCN_NONE */
	size_t *adapter_profile;        /* profile of the last connect, or SCN_NONE */
	unsigned int first_step_line;   /* 0: no step yet */
	unsigned int unload_line;       /* 0: not unloaded */
	unsigned int timeout_line;
	unsigned int roaming_line;
	unsigned int extension_line;
	unsigned int exit_line;
	unsigned int exit_col;   /* of the exit kind word */
};

/* Writes "<file>:<line>:<col>: <message>\n" to p->err; returns -EINVAL. */
int scn_error(struct scn_parser *p, unsigned int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- scn-lex.c --------------------------------------------------------- */

/* Splits one line (without its '\n') into words. 0, -EINVAL (reported),
 * -ENOMEM. Previous contents of @out are released. */
int scn_lex_line(struct scn_parser *p, const char *text, size_t len,
		 struct scn_line *out);
void scn_line_release(struct scn_line *l);

/* Decimal or 0x-hex, up to @max. 0 or -EINVAL (not reported). */
int scn_parse_uint(const char *s, uint64_t max, uint64_t *out);
/* "500ms", "2s", "1.5s", "2m". 0 or -EINVAL (not reported). */
int scn_parse_duration(const char *s, uint64_t *ms);
/* "aa:bb:cc:dd:ee:ff". 0 or -EINVAL. */
int scn_parse_mac(const char *s, uint8_t mac[6]);

/* ---- scn-names.c ------------------------------------------------------- */

/* Best near miss (edit distance <= 2, and less than the word's length). */
struct scn_best {
	const char *cand;
	unsigned int dist;
};
void scn_best_init(struct scn_best *b);
void scn_best_consider(struct scn_best *b, const char *word, const char *cand);
/* " (did you mean 'x'?)" or "" -- for the end of a message. @buf >= 64. */
const char *scn_best_hint(const struct scn_best *b, char *buf, size_t len);

/* Callee table walk for suggestions. */
size_t scn_callee_count(void);
const struct scn_callee *scn_callee_at(size_t i);
/* A key by name, or -1. */
int scn_key_lookup(const char *name);

int scn_win32_parse(const char *text, uint32_t *out);
int scn_reason_parse(const char *text, uint32_t *out);
/* Suggestions for misspelt status / Win32 / reason names. */
void scn_status_suggest(struct scn_best *b, const char *word);
void scn_win32_suggest(struct scn_best *b, const char *word);
void scn_reason_suggest(struct scn_best *b, const char *word);

int scn_state_lookup(const char *name, enum scn_adapter_state *out);
int scn_exit_lookup(const char *name, enum scn_exit_kind *out);
/* The static rule name, or NULL. */
const char *scn_rule_lookup(const char *name);
/* The static scn_eapol_names[] entry, or NULL. */
const char *scn_eapol_lookup(const char *name);

/* ---- scn-decl.c ------------------------------------------------------- */

/* Each handles one declaration line (toks[0] is the keyword). */
int scn_decl_ap(struct scn_parser *p, const struct scn_line *l);
int scn_decl_adapter(struct scn_parser *p, const struct scn_line *l);
int scn_decl_extension(struct scn_parser *p, const struct scn_line *l);
int scn_decl_env(struct scn_parser *p, const struct scn_line *l);
int scn_decl_timeout(struct scn_parser *p, const struct scn_line *l);
int scn_decl_roaming(struct scn_parser *p, const struct scn_line *l);
int scn_decl_expect_fail(struct scn_parser *p, const struct scn_line *l);
int scn_decl_expect_exit(struct scn_parser *p, const struct scn_line *l);
/* scn-profile.c */
int scn_decl_profile(struct scn_parser *p, const struct scn_line *l);
int scn_decl_user(struct scn_parser *p, const struct scn_line *l);
void scn_profile_release(struct scn_profile *pr);
/* A declared name of any kind (ap, adapter, profile): 1 and the line it
 * was declared at, or 0. */
int scn_name_declared(const struct scn_parser *p, const char *name,
		      unsigned int *line);
/* The checks every new name passes ("ap", "adapter", "profile"): a word
 * starting with a letter, not yet declared. 0 or -EINVAL (reported). */
int scn_new_name(struct scn_parser *p, const struct scn_line *l,
		 const char *what);
/* Column just after the last word: where a missing word would go. */
unsigned int scn_end_col(const struct scn_line *l);
/* "ap: unknown option 'x' (did you mean 'y'?)". -EINVAL. */
int scn_unknown_key(struct scn_parser *p, const struct scn_tok *t,
		    const char *what, const char *const *known, size_t n);
/* Index of a declared profile named by @t's value (profile=NAME), with
 * a suggestion when there is none. */
int scn_ref_profile(struct scn_parser *p, const struct scn_tok *t,
		    size_t *out);
/* Resolves a callee name, reporting unknown ones with a suggestion. */
int scn_ref_callee(struct scn_parser *p, const char *name, unsigned int col,
		   const struct scn_callee **out);

/* ---- scn-actions.c: the action table -------------------------------- */

/* The argument words of an action, in order. */
enum scn_arg {
	SCN_ARG_END,
	SCN_ARG_ADAPTER,
	SCN_ARG_AP,
	SCN_ARG_BLOCK,          /* block | unblock */
	SCN_ARG_DURATION,
	SCN_ARG_SESSION_EVENT,  /* session: logon, logoff, ... (scn-ui.c) */
};

/* The key=value options an action may take (scn_action.opts). */
enum scn_opt {
	SCN_OPT_REASON  = 1u << 0,  /* reason=N */
	SCN_OPT_OUTCOME = 1u << 1,  /* outcome=ok|fail */
	SCN_OPT_PROFILE = 1u << 2,  /* profile=NAME */
	SCN_OPT_COUNT   = 1u << 3,  /* count=N */
	SCN_OPT_KIND    = 1u << 4,  /* kind=bad-mic|stale-counter */
	SCN_OPT_DATA    = 1u << 5,  /* data=HEX (control) */
	SCN_OPT_OUT     = 1u << 6,  /* out=N (control) */
	SCN_OPT_EXPECT  = 1u << 7,  /* expect=HEX (control) */
	SCN_OPT_RET     = 1u << 8,  /* ret=WIN32 (control) */
	SCN_OPT_SIGNAL  = 1u << 9,  /* signal=DBM or DBM..DBM (link) */
	SCN_OPT_LOSS    = 1u << 10, /* loss=N% (link) */
	SCN_OPT_DELAY   = 1u << 11, /* delay=DURATION (link) */
	SCN_OPT_OVER    = 1u << 12, /* over=DURATION: a signal ramp (link) */
	SCN_OPT_DIR     = 1u << 13, /* dir=both|down|up (link) */
	SCN_OPT_ID      = 1u << 14, /* id=N (session) */
	SCN_OPT_PHASE   = 1u << 15, /* phase=any|initial|post-l3 (ui-query) */
	SCN_OPT_TEXT    = 1u << 16, /* text="..." (ui-answer) */
	SCN_OPT_REQUEST = 1u << 17, /* request=N (ui-answer) */
};

/* What an action needs of its AP, as the script's earlier steps left it. */
enum scn_ap_need {
	SCN_AP_NEED_RUNNING,    /* up or disabled, not stopped or vanished */
	SCN_AP_NEED_UP,         /* not disabled (ap-disable) */
	SCN_AP_NEED_DISABLED,   /* ap-enable */
	SCN_AP_NEED_GONE,       /* stopped or vanished (ap-start) */
};

/* What it leaves the AP as (for the checks of the steps after it). */
enum scn_ap_change {
	SCN_AP_KEEPS,
	SCN_AP_BECOMES_UP,
	SCN_AP_BECOMES_DISABLED,
	SCN_AP_BECOMES_GONE,
};

/*
 * One action: everything the language knows of it. The runner binds its
 * implementation by @name (runner/run-actions.c), and a unit test checks
 * that every row has one.
 */
struct scn_action {
	const char *name;           /* the keyword */
	const char *usage;          /* its arguments: "ADAPTER AP [reason=N]" */
	const char *help;           /* what happens (help text, manual) */
	const char *effect;         /* the typical result for the extension
				     * (manual; "" when there is none) */
	/* Timeline text with {adapter} {ap} {ssid} {mhz} {reason} {block}
	 * {name} {count} {kind} {bytes} (control's data= length) {profile}
	 * (", profile P" or nothing) {event} {id} {phase} {request} (the
	 * session and UI actions) filled in; NULL: not shown (sleep). */
	const char *describe;
	enum scn_arg args[3];
	/* SCN_OPT_* it accepts. outcome=ok|fail is for an action that can
	 * fail: the scenario says which it expects (default ok). */
	unsigned int opts;
	uint16_t default_reason;    /* reason= when not written */
	enum scn_ap_need ap_need;
	enum scn_ap_change ap_change;
	bool removes_adapter;       /* the adapter is gone afterwards */
	bool needs_extension;       /* refused after unload */
	bool links;                 /* the adapter is on the AP afterwards */
	bool unloads;               /* once per script */
	/* Further checks (NULL: none); 0 or -EINVAL after scn_error(). */
	int (*check)(struct scn_parser *p, const struct scn_line *l,
		     const struct scn_action_args *a);
};

/* The actions' lines of the help text. */
void scn_actions_help(FILE *f);

/* ---- scn-steps.c / scn-expect.c -------------------------------------- */

/* Parses an action step line into @st (kind and u.action.def set). */
int scn_step_action(struct scn_parser *p, const struct scn_line *l,
		    struct scn_step *st);
/* roam's own check (scn-steps.c): connected before, another AP, same SSID. */
int scn_check_roam(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a);
/* connect: the profile (if any) lists the AP's SSID. */
int scn_check_connect(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a);
/* traffic: the adapter's last connect/roam was to this AP. */
int scn_check_traffic(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a);
/* ap-rekey: the AP runs WPA2. */
int scn_check_rekey(struct scn_parser *p, const struct scn_line *l,
		    const struct scn_action_args *a);
/* ap-resend-m3: WPA2 AP, and the adapter's last link was to it. */
int scn_check_resend_m3(struct scn_parser *p, const struct scn_line *l,
			const struct scn_action_args *a);
/* ap-reauth: a wpa2-eap AP, and the adapter's last link was to it. */
int scn_check_reauth(struct scn_parser *p, const struct scn_line *l,
		     const struct scn_action_args *a);
/* ap-forge-eapol: kind= given, and the adapter's last link was to the AP. */
int scn_check_forge(struct scn_parser *p, const struct scn_line *l,
		    const struct scn_action_args *a);
/* link's options (SCN_OPT_SIGNAL/LOSS/DELAY/OVER/DIR) into @args
 * (scn-link.c). 0 or -EINVAL (reported). */
int scn_link_opt(struct scn_parser *p, const struct scn_tok *t,
		 unsigned int bit, const char *kw, struct scn_action_args *args);
/* link: something to set; a ramp has both ends and over=. */
int scn_check_link(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a);
/* scan: signal= is one value, not a ramp. */
int scn_check_scan(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a);
/* control: data= given; expect= fits in out=. */
int scn_check_control(struct scn_parser *p, const struct scn_line *l,
		      const struct scn_action_args *a);
/* "0a1b2c" (optionally "0a.1b.2c": dots between bytes) -> *out (malloc'ed,
 * NULL when empty), *len. 0; -EINVAL: not hex bytes, or more than @max
 * (not reported); -ENOMEM. */
int scn_parse_hex(const char *s, size_t max, uint8_t **out, size_t *len);
/* control's options (SCN_OPT_DATA/OUT/EXPECT/RET) into @args
 * (scn-control.c). 0, -EINVAL (reported) or -ENOMEM. */
int scn_control_opt(struct scn_parser *p, const struct scn_tok *t,
		    unsigned int bit, const char *kw,
		    struct scn_action_args *args);
/* scn-ui.c: the session and UI actions. The session's EVENT word into
 * @args (0 or -EINVAL, reported); their options (SCN_OPT_ID/PHASE/TEXT/
 * REQUEST); ui-answer's check (text= or data=, not both). */
int scn_ui_event(struct scn_parser *p, const struct scn_tok *t, const char *kw,
		 struct scn_action_args *args);
int scn_ui_opt(struct scn_parser *p, const struct scn_tok *t, unsigned int bit,
	       const char *kw, struct scn_action_args *args);
int scn_check_ui_answer(struct scn_parser *p, const struct scn_line *l,
			const struct scn_action_args *a);
/* "logon" for WTS_SESSION_LOGON (5), "post-l3" for phase 2; NULL. */
const char *scn_ui_event_name(uint32_t code);
const char *scn_ui_phase_name(uint32_t phase);
/* expect, expect-no, expect-order (kind already set). */
int scn_step_expect(struct scn_parser *p, const struct scn_line *l,
		    struct scn_step *st);
/* Releases what a step owns (not the step itself). */
void scn_step_release(struct scn_step *st);

/* Name resolution with the "undeclared / wrong kind" messages. */
int scn_ref_adapter(struct scn_parser *p, const struct scn_tok *t,
		    const char *what, size_t *out);
int scn_ref_ap(struct scn_parser *p, const struct scn_tok *t,
	       const char *what, size_t *out);
/* Parses a duration token with the standard message. */
int scn_tok_duration(struct scn_parser *p, const char *s, unsigned int col,
		     uint64_t *ms);

#endif /* IHVHOST_SCN_INT_H */
