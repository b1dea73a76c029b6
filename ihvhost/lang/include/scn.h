/* SPDX-License-Identifier: MIT */
/*
 * scn: the scenario language (.scn files) -- its parser, its semantic
 * checker and the AST the executor (`ihvhost run FILE...`) walks.
 *
 * The language is line-oriented: one declaration, action or expectation
 * per line, `#` starts a comment. doc/scenarios.md is the manual;
 * scn_help_print() prints the same summary for `ihvhost run --help`.
 *
 * Contract:
 *  - scn_parse_file / scn_parse_string either return 0 with a complete,
 *    checked script (every name resolved to an index, every handler/API,
 *    status, Win32 error and duration turned into its typed value), or
 *    return -EINVAL after writing exactly ONE line to @err:
 *        <file>:<line>:<col>: <message>\n
 *    (col is 1-based and points at the offending token) and *out is left
 *    NULL. Every limit below is one of these errors, at the position
 *    that passes it. Other failures, each with the line "<file>: <text>":
 *    -ENOMEM; -EFBIG (more than SCN_FILE_MAX bytes); for a file, -ENODEV
 *    when it is not a regular file (a FIFO or a device: refused before
 *    anything reads from it, so it cannot hang the parser), or -errno
 *    from opening/reading it (then the text is strerror). A profile's
 *    fragment file that cannot be read is an -EINVAL line at the
 *    `*-file=` value. Nothing else is
 *    touched: the parser has no side effects besides @err, so the
 *    executor checks every file before it starts anything.
 *  - Text: UTF-8 (a byte order mark at the start is skipped, and the
 *    columns of line 1 count from after it); a NUL byte is an error.
 *  - The AST owns all its strings; scn_script_free() releases everything.
 *  - Every step carries its source position so run-time failures can be
 *    reported as "<file>:<line>:<col>: ...".
 *  - References to declared objects are indices into the script's arrays
 *    (scn_script.aps / .adapters / .profiles), never pointers, so the arrays may be
 *    walked and copied freely.
 *  - Handler/API targets point into a static const table (scn_callee) that
 *    lives for the whole program.
 *
 * Pure module: no host or sim dependency, thread-safe (no globals written).
 */
#ifndef IHVHOST_SCN_H
#define IHVHOST_SCN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Index meaning "no object" in the index fields below. */
#define SCN_NONE SIZE_MAX

/* Defaults the executor applies (also documented in the help text). */
#define SCN_DEFAULT_TIMEOUT_MS   30000u /* whole scenario */
#define SCN_DEFAULT_WITHIN_MS     5000u /* expect, expect-order, expect state */
#define SCN_DEFAULT_FOR_MS        1000u /* expect-no; expect count=N */
#define SCN_DEFAULT_DEAUTH_REASON    3u /* DEAUTH_LEAVING */
#define SCN_DEFAULT_DISASSOC_REASON  8u /* DISASSOC_STA_HAS_LEFT */
#define SCN_DEFAULT_DISCONNECT_REASON 3u

/*
 * Limits: what a script may hold. The parser refuses the first thing
 * past each one at its position, so a script that parses is one the
 * runner can build: its tables of APs and adapters have these sizes.
 */
#define SCN_MAX_APS        128  /* ap declarations (one hwsim radio each) */
#define SCN_MAX_ADAPTERS   128  /* adapter declarations */
#define SCN_NAME_MAX        32  /* characters of an ap or adapter name */
/* `env`: at most this many variables, whose "KEY=VALUE" strings with
 * their NULs take at most SCN_ENV_MAX_BYTES. Both together (64 KiB plus
 * 1024 pointers) stay well inside the 128 KiB execve(2) always allows,
 * so the variables survive an extension starting a program. */
#define SCN_MAX_ENV       1024
#define SCN_ENV_MAX_BYTES (64 * 1024)
/* Actions and expectations. The runner has no limit of its own: this
 * one keeps the steps of the largest file under 8 MiB (80 bytes each). */
#define SCN_MAX_STEPS   100000
/* Bytes of a line without its end: also bounds a word (an extension
 * path stays under PATH_MAX) and what one line can cost. */
#define SCN_LINE_MAX      4096
#define SCN_FILE_MAX (16 << 20) /* bytes of a file or string (16 MiB) */
/* `profile` declarations (each one is one Windows connection profile the
 * runner builds once), the SSIDs one may list (the host's
 * IHV_PROFILE_MAX_SSIDS), and the bytes of one IHV XML fragment read from
 * a file (an inline one is bounded by the line). Windows profiles are a
 * few KiB; 64 KiB leaves room for certificates in a fragment. */
#define SCN_MAX_PROFILES   128
#define SCN_PROFILE_MAX_SSIDS 8
#define SCN_FRAGMENT_MAX (64 * 1024)

/* Where something was written: for run-time messages. @file points to the
 * owning script's file name. */
struct scn_pos {
	const char *file;
	unsigned int line;
	unsigned int col;   /* 1-based */
};

/* ---- declarations ----------------------------------------------------- */

enum scn_security {
	SCN_SEC_OPEN,
	SCN_SEC_WPA2,       /* WPA2-PSK (CCMP) */
	SCN_SEC_WPA2_EAP,   /* WPA2-Enterprise: hostapd's EAP server, EAP-TLS
			     * for the scenario's users (CCMP) */
};

/* `ap NAME ssid=S [channel=N] [security=open|wpa2|wpa2-eap]
 * [passphrase=P] [cipher=ccmp|tkip]`:
 * one hwsim radio running hostapd, started before the first step. */
struct scn_ap {
	char *name;
	char *ssid;             /* 1..32 bytes */
	unsigned int channel;   /* 1..14 or a 5 GHz channel 36..165 */
	uint32_t freq_mhz;      /* derived from channel */
	enum scn_security security;
	char *passphrase;       /* WPA2: 8..63 printable ASCII; otherwise NULL */
	bool tkip;              /* WPA2: pairwise TKIP only (cipher=tkip);
				 * default CCMP */
	struct scn_pos pos;
};

/* A profile's network type, authentication and cipher: the Windows
 * values (DOT11_BSS_TYPE, DOT11_AUTH_ALGORITHM, DOT11_CIPHER_ALGORITHM)
 * are the runner's to map to; the language names only what a scenario
 * may ask for. */
enum scn_bss_type {
	SCN_BSS_INFRASTRUCTURE,
	SCN_BSS_INDEPENDENT,
	SCN_BSS_ANY,
};

enum scn_auth {
	SCN_AUTH_OPEN,          /* 802.11 open system */
	SCN_AUTH_WPA2_PSK,      /* RSNA-PSK */
	SCN_AUTH_WPA2,          /* RSNA (802.1X) */
};

enum scn_cipher {
	SCN_CIPHER_NONE,
	SCN_CIPHER_CCMP,
	SCN_CIPHER_TKIP,
	SCN_CIPHER_WEP,
};

/*
 * `profile NAME ssid=S [ssid=S2 ...] [bss=...] [auth=...] [cipher=...]
 *  [onex=on|off [eap-identity=USER]] [connectivity="XML" |
 *  connectivity-file=PATH] [security="XML" | security-file=PATH]`: a
 *  connection profile, handed
 * to the extension with `connect ADAPTER AP profile=NAME`. Fragment files
 * are read when the scenario is parsed (relative to its directory).
 */
struct scn_profile {
	char *name;
	char *ssids[SCN_PROFILE_MAX_SSIDS];  /* 1..32 bytes each */
	size_t n_ssids;                      /* 1..SCN_PROFILE_MAX_SSIDS */
	enum scn_bss_type bss;               /* default infrastructure */
	enum scn_auth auth;                  /* default: from the cipher, else open */
	enum scn_cipher cipher;              /* default: from auth (ccmp or none) */
	bool onex;                           /* only with auth=wpa2 */
	/* With onex=on: the declared `user` the host's 802.1X (Microsoft's
	 * OneX, started by the extension with Dot11ExtStartOneX)
	 * authenticates as, with that user's certificate (EAP-TLS); NULL:
	 * none (StartOneX then fails). */
	char *eap_identity;
	struct scn_pos eap_identity_pos;
	/* A fragment holds `{pki}`, which the runner replaces with the
	 * directory of the run's PKI (SCN_PKI_FILES) before the profile
	 * reaches the extension. */
	bool uses_pki;
	char *connectivity_xml;              /* UTF-8; NULL: empty */
	char *security_xml;                  /* UTF-8; NULL: empty */
	struct scn_pos pos;
};

/*
 * `user NAME [method=tls] [listed=yes|no]`: an EAP identity of the
 * scenario's WPA2-Enterprise world. The runner makes a client certificate
 * for it (CN = NAME) signed by the run's CA, and lists it in every
 * wpa2-eap AP's user file (EAP-TLS) unless listed=no (the AP does not
 * know it: EAP-Failure). The PKI's files, in the directory `{pki}`
 * stands for: ca.pem (the CA), other-ca.pem (an unrelated CA),
 * server.pem (the APs' EAP server, CN server.ihvhost.test), and
 * NAME.pem / NAME.key per user.
 */
#define SCN_MAX_USERS 32
#define SCN_PKI_FILES "ca.pem, other-ca.pem, server.pem, USER.pem, USER.key"

struct scn_user {
	char *name;             /* 1..SCN_NAME_MAX of [A-Za-z0-9_-]; not ca,
				 * other-ca, server, pki, hostapd* */
	bool listed;            /* in the APs' EAP user files (default) */
	struct scn_pos pos;
};

/* `adapter NAME`: one hwsim station radio handed to the extension. */
struct scn_adapter {
	char *name;
	struct scn_pos pos;
};

/* `env KEY=VALUE`: set in the environment before the extension loads. */
struct scn_env {
	char *key;
	char *value;
	struct scn_pos pos;
};

enum scn_extension_kind {
	SCN_EXT_REFERENCE,  /* the well-behaved sample extension (default) */
	SCN_EXT_MISBEHAVE,  /* the misbehaving sample (IHV_MISBEHAVE=...) */
	SCN_EXT_CXX,        /* the Win32 C++ sample (tools/ext-cxx) */
	SCN_EXT_PATH,       /* a .so given by path (scn_script.ext_path) */
};

/* What the whole run must end with (`expect-exit`). */
enum scn_exit_kind {
	SCN_EXIT_OK,        /* clean exit (the default) */
	SCN_EXIT_VIOLATION, /* the verifier reported contract violations */
	SCN_EXIT_CRASH,     /* the extension crashed (contained) */
	SCN_EXIT_HANG,      /* a handler hung and the watchdog fired */
	SCN_EXIT_LOAD,      /* the extension could not be loaded/initialised */
};

/* `expect-fail RULE [handler|api=NAME]`: the verifier must report RULE. */
struct scn_expect_fail {
	const char *rule;                   /* static: "late-completion", ... */
	const struct scn_callee *callee;    /* NULL: any handler/API */
	struct scn_pos pos;
};

/* ---- handler / API names ---------------------------------------------- */

enum scn_callee_kind {
	SCN_CALLEE_HANDLER, /* Dot11ExtIhv* (host -> extension) */
	SCN_CALLEE_API,     /* Dot11Ext* (extension -> host) */
};

/* The value type of a matcher key. */
enum scn_value_type {
	SCN_VAL_ADAPTER,    /* a declared adapter name */
	SCN_VAL_MAC,        /* @name or aa:bb:cc:dd:ee:ff */
	SCN_VAL_STATUS,     /* DOT11_ASSOC_STATUS name[|reason] or number */
	SCN_VAL_WIN32,      /* ERROR_* name or number */
	SCN_VAL_REASON,     /* L2/WLAN reason code name or number */
	SCN_VAL_INTEGER,    /* decimal or 0x hex, 0..2^32-1 */
	SCN_VAL_EAPOL,      /* what an EAPOL frame is: "1/4" ... "group-2/2" */
};

/* The argument keys an expectation may match on. The trace field each one
 * is compared with is scn_key_info(key)->field. */
enum scn_key {
	SCN_KEY_ADAPTER,    /* the adapter the call concerns */
	SCN_KEY_PEER,       /* peer MAC (pPeer / port state peer) */
	SCN_KEY_STATUS,     /* dot11AssocStatus */
	SCN_KEY_WIN32,      /* dwWin32Error of a completion */
	SCN_KEY_REASON,     /* dwReasonCode of a completion */
	SCN_KEY_RET,        /* DWORD returned by the handler/API */
	SCN_KEY_SIZE,       /* byte count (buffers, packets) */
	SCN_KEY_VALUE,      /* the scalar argument (algorithm, key id, ...) */
	SCN_KEY_TYPE,       /* indication type, session event type */
	SCN_KEY_EAPOL,      /* the EAPOL-Key message a packet carries */
};
#define SCN_KEY_COUNT (SCN_KEY_EAPOL + 1)
#define SCN_KEY_BIT(k) (1u << (k))

struct scn_key_info {
	const char *name;          /* as written: "adapter", "peer", ... */
	const char *field;         /* trace record field it is compared with */
	enum scn_value_type type;
};

/* One handler or API, as the scenario names it. */
struct scn_callee {
	enum scn_callee_kind kind;
	const char *name;       /* short: "StopPostAssociate" */
	const char *full;       /* "Dot11ExtIhvStopPostAssociate" */
	unsigned int keys;      /* SCN_KEY_BIT set of keys it accepts */
};

/* ---- expectations ----------------------------------------------------- */

/* A MAC written as @name (resolved at run time: an AP's BSSID or an
 * adapter's address) or as a literal. */
enum scn_mac_kind {
	SCN_MAC_AP,
	SCN_MAC_ADAPTER,
	SCN_MAC_LITERAL,
};

struct scn_mac_ref {
	enum scn_mac_kind kind;
	size_t index;               /* SCN_MAC_AP / _ADAPTER */
	uint8_t addr[6];            /* SCN_MAC_LITERAL */
};

/* A status matches s when (s & mask) == value. "PEER_DEAUTHENTICATED|3"
 * is {0x10003, ~0}; "PEER_DEAUTHENTICATED" alone is the whole range
 * {0x10000, 0xFFFF0000}; "IHV" is {0x80000000, 0x80000000} and
 * "IHV|0x80000001" exact; numbers and plain names are exact. Every spelling
 * ihv_status_format() (status.h) prints parses back to its value. */
struct scn_status_match {
	uint32_t value;
	uint32_t mask;
};

struct scn_value {
	enum scn_value_type type;
	union {
		size_t adapter;                 /* SCN_VAL_ADAPTER */
		struct scn_mac_ref mac;         /* SCN_VAL_MAC */
		struct scn_status_match status; /* SCN_VAL_STATUS */
		uint32_t code;                  /* WIN32, REASON, INTEGER */
		const char *word;               /* EAPOL: static, one of
						 * scn_eapol_names[] */
	} u;
};

struct scn_matcher {
	enum scn_key key;
	struct scn_value value;
	char *text;                 /* as written, for messages */
	struct scn_pos pos;
};

/* `expect`, `expect-no` and `expect-order` (see the help text for what
 * each waits for; the window starts at the last action step). */
struct scn_expect {
	const struct scn_callee **targets; /* 1 for expect/-no; >= 2 for order */
	size_t n_targets;
	struct scn_matcher *matchers;      /* apply to every target */
	size_t n_matchers;
	bool has_count;                    /* expect count=N */
	unsigned int count;
	uint64_t window_ms;                /* within (expect, order) or for (expect-no) */
	bool window_given;                 /* written explicitly */
};

/* The per-adapter states of the service (service.h), by their names. */
enum scn_adapter_state {
	SCN_STATE_NONE,
	SCN_STATE_INITIALISED,
	SCN_STATE_PRE_ASSOCIATING,
	SCN_STATE_ASSOCIATING,
	SCN_STATE_POST_ASSOCIATING,
	SCN_STATE_AUTHORIZED,
};

/* ---- steps ------------------------------------------------------------ */

/*
 * A step is an action or an expectation. The actions are ONE table
 * (scn-actions.c): each row carries the keyword, its arguments, its
 * checks, its help/manual lines and its timeline description, and the
 * runner binds its own table of implementations to the rows by keyword.
 * Adding an action is one row here plus one function in the runner.
 */
enum scn_step_kind {
	SCN_STEP_ACTION,        /* a row of the action table: u.action */
	SCN_STEP_EXPECT,        /* expect [count=N] TARGET [k=v...] [within T] */
	SCN_STEP_EXPECT_NO,     /* expect-no TARGET [k=v...] [for T] */
	SCN_STEP_EXPECT_ORDER,  /* expect-order T1 T2 [...] [k=v...] [within T] */
	SCN_STEP_EXPECT_STATE,  /* expect state ADAPTER STATE [within T] */
};

/* Whether a step kind is an action (changes the world and moves the
 * expectation window) rather than an expectation. */
bool scn_step_is_action(enum scn_step_kind kind);

/* One row of the action table (opaque: see the accessors below). */
struct scn_action;
struct scn_script;

/* What `ap-forge-eapol ... kind=K` forges (both: a message 3/4 with a
 * random MIC; see the runner's run-eapol.c). */
enum scn_forge {
	SCN_FORGE_NONE,
	SCN_FORGE_BAD_MIC,        /* a fresh (far ahead) replay counter */
	SCN_FORGE_STALE_COUNTER,  /* replay counter 0: a replay */
};

#define SCN_DEFAULT_TRAFFIC_COUNT 10u   /* traffic: frames each way */
#define SCN_MAX_TRAFFIC_COUNT   1000u
/* control: bytes of data= and expect=, and the out buffer (out=). */
#define SCN_MAX_CONTROL_BYTES   1024u
#define SCN_DEFAULT_CONTROL_OUT 1024u
#define SCN_MAX_CONTROL_OUT    65536u
/* ui-answer: bytes of text= (data= has SCN_MAX_CONTROL_BYTES). */
#define SCN_MAX_UI_TEXT         1024u
#define SCN_DEFAULT_SESSION_ID     1u

/* `link AP ADAPTER ...`: the wireless medium between an AP and an
 * adapter (the runner's medium, sim_medium in sim.h, which has the same
 * limits). */
#define SCN_LINK_SIGNAL_MIN   (-120)    /* dBm */
#define SCN_LINK_SIGNAL_MAX      0
#define SCN_LINK_DELAY_MAX_MS 10000u
#define SCN_LINK_RAMP_MAX_MS  (3600u * 1000u)

/* Which direction(s) of the link a `link` step sets. */
enum scn_link_dir {
	SCN_LINK_BOTH,          /* dir=both (default) */
	SCN_LINK_DOWN,          /* dir=down: AP -> adapter (beacons, what the
				 * adapter hears) */
	SCN_LINK_UP,            /* dir=up: adapter -> AP */
};

struct scn_link_args {
	bool has_signal, has_loss, has_delay;
	int32_t signal_dbm;     /* signal=D, or a ramp's start */
	int32_t signal_to_dbm;  /* a ramp's end (signal=A..B) */
	bool ramp;              /* signal=A..B over=T */
	uint64_t over_ms;       /* the ramp's length (over=) */
	unsigned int over_col;  /* where over= was written, 0: not */
	uint32_t loss_pct;      /* 0..100 */
	uint64_t delay_ms;      /* 0..SCN_LINK_DELAY_MAX_MS */
	enum scn_link_dir dir;
};

/* An action's arguments, by the role they play; what an action does not
 * take stays SCN_NONE / 0 / false. */
struct scn_action_args {
	size_t adapter;         /* the adapter it concerns */
	size_t ap;              /* the AP it concerns */
	uint16_t reason;        /* reason=N, or the action's default */
	bool block;             /* rfkill: block (true) or unblock */
	bool must_fail;         /* outcome=fail: the action must fail */
	uint64_t ms;            /* sleep */
	/* connect profile=NAME (index in scn_script.profiles); for roam,
	 * the profile of the adapter's last connect. SCN_NONE: none (the
	 * host makes one from the BSS). */
	size_t profile;
	unsigned int count;     /* traffic count=N (default 10) */
	enum scn_forge forge;   /* ap-forge-eapol kind= */
	/* control: the client's bytes (data=, owned by the step), the out
	 * buffer's size (out=), what Control must return (ret=, a Win32
	 * error; default ERROR_SUCCESS) and, with has_expect, exactly the
	 * bytes it must give back (expect=, owned by the step). */
	uint8_t *data;
	size_t data_len;
	uint32_t out_cap;
	uint32_t ret;
	bool has_expect;
	uint8_t *expect;
	size_t expect_len;
	struct scn_link_args link;   /* link */
	/* session EVENT [id=N]: the WTS_* code (1..11) and the session id
	 * (default 1). ui-query phase= (DOT11EXT_IHV_CONNECTION_PHASE: 0 any,
	 * 1 initial, 2 post-l3; default any). ui-answer: the answer's bytes
	 * are data/data_len (text= is copied there, without a NUL), and
	 * request= the 1-based pending request of the adapter (0: the
	 * oldest). */
	uint32_t session_event;
	uint32_t session_id;
	uint32_t phase;
	uint32_t request;
};

struct scn_step {
	enum scn_step_kind kind;
	struct scn_pos pos;         /* of the keyword */
	union {
		struct {
			const struct scn_action *def;
			struct scn_action_args args;
		} action;                                     /* ACTION */
		struct scn_expect expect;                     /* EXPECT, _NO, _ORDER */
		struct {
			size_t adapter;
			enum scn_adapter_state state;
			uint64_t within_ms;
		} state;                                      /* EXPECT_STATE */
	} u;
};

/* The action table, in the order of the manual. */
size_t scn_action_count(void);
const struct scn_action *scn_action_at(size_t i);
/* By keyword ("connect"); NULL if there is no such action. */
const struct scn_action *scn_action_lookup(const char *name);
const char *scn_action_name(const struct scn_action *a);
/* Whether the action is a plain wait (sleep): it does not open a new
 * expectation window's record in the trace. */
bool scn_action_is_wait(const struct scn_action *a);

/* The keyword of a step ("connect", "expect-no", "expect state"). */
const char *scn_step_name(const struct scn_step *st);
/* What an action step does, in the words of the timeline's air lane
 * ("sta1 connects to ap1 (ssid lab, 2412 MHz)"). 0, or -ENOENT for a step
 * that is not shown (expectations, sleep). @buf is always terminated. */
int scn_step_describe(const struct scn_script *s, const struct scn_step *st,
		      char *buf, size_t len);
/* doc/scenarios.md's action table (Markdown rows), from the same rows
 * as the help text: `make doc` writes it, a unit test keeps it current. */
void scn_actions_markdown(FILE *f);

/* ---- the script ------------------------------------------------------- */

struct scn_script {
	char *file;                         /* as given to the parser */

	struct scn_ap *aps;
	size_t n_aps;
	struct scn_adapter *adapters;
	size_t n_adapters;
	struct scn_env *env;
	size_t n_env;
	struct scn_profile *profiles;
	size_t n_profiles;
	struct scn_user *users;
	size_t n_users;

	enum scn_extension_kind extension;  /* default SCN_EXT_REFERENCE */
	char *ext_path;                     /* SCN_EXT_PATH only */
	uint64_t timeout_ms;                /* default SCN_DEFAULT_TIMEOUT_MS */
	/* `roaming`: the host's roaming on signal; 0 values: the host's
	 * defaults (set: the statement was given). */
	struct scn_roaming {
		bool set, off;
		int32_t threshold_dbm, hysteresis_db, better_db;
	} roaming;

	struct scn_expect_fail *expect_fails;
	size_t n_expect_fails;
	enum scn_exit_kind expect_exit;     /* default SCN_EXIT_OK */
	const struct scn_callee *exit_callee; /* crash/hang in this handler;
					       * NULL: any */

	struct scn_step *steps;
	size_t n_steps;
};

/*
 * Parses and checks @path. See the contract at the top.
 */
int scn_parse_file(const char *path, struct scn_script **out, FILE *err);
/* Same for an in-memory @text; @name is used as the file in messages. */
int scn_parse_string(const char *name, const char *text,
		     struct scn_script **out, FILE *err);
void scn_script_free(struct scn_script *script);

/* The language summary for `ihvhost run --help`. */
void scn_help_print(FILE *f);

/* ---- pure lookups (also used by the executor and tests) --------------- */

/* Handler or API by short or full name, case-sensitive; NULL if unknown. */
const struct scn_callee *scn_callee_lookup(const char *name);
const struct scn_key_info *scn_key_info(enum scn_key key);
const char *scn_state_name(enum scn_adapter_state state);  /* "authorized" */
const char *scn_exit_name(enum scn_exit_kind kind);        /* "crash" */
/* Verifier rule names the language knows (verifier.h's ihv_rule_name()
 * spelling); NULL-terminated. */
extern const char *const scn_rule_names[];
/* The values of eapol= as the host writes them in ReceivePacket and
 * SendPacket records ("1/4", ..., "group-2/2"); NULL-terminated. */
extern const char *const scn_eapol_names[];
/* Names of the profile enums, as a scenario writes them. */
const char *scn_bss_name(enum scn_bss_type bss);       /* "infrastructure" */
const char *scn_auth_name(enum scn_auth auth);         /* "wpa2-psk" */
const char *scn_cipher_name(enum scn_cipher cipher);   /* "ccmp" */
const char *scn_forge_name(enum scn_forge forge);      /* "bad-mic" */

/* Parses a status as written in a scenario ("PEER_DEAUTHENTICATED|3",
 * "UNREACHABLE", "DOT11_ASSOC_STATUS_RADIO_OFF", "0x10003", "7",
 * "IHV|0x80000001"). 0, -EINVAL (unknown name), -ENOTSUP ("|code" on a
 * status that is not a range), -ERANGE (code out of the range). */
int scn_status_parse(const char *text, struct scn_status_match *out);
static inline bool scn_status_matches(const struct scn_status_match *m,
				      uint32_t status)
{
	return (status & m->mask) == m->value;
}

#endif /* IHVHOST_SCN_H */
