/* SPDX-License-Identifier: MIT */
/*
 * timeline: turns the host's JSON Lines trace (ihvhost/host/trace.h) into a
 * timeline a person reads in ten seconds, as text and as a self-contained
 * HTML page with an SVG sequence diagram.
 *
 * Every trace record becomes one entry on one of four layers (a fifth
 * holds summaries):
 *
 *   air        "action" records: what the scenario did to the 802.11 world,
 *              and "frame" records: the frames its sniffers heard
 *              (auth, association, deauth with its reason, EAPOL n/4...)
 *   nl80211    "event" records: the kernel's events as sim/ folded them
 *   service    "state", "host", "violation", "onex" (the host's own 802.1X
 *              supplicant) and any unknown kind
 *   extension  "handler" (host -> extension, shown "->") and
 *              "api" (extension -> host, shown "<-")
 *   security   no record of its own: one summary line per EAP
 *              conversation (and per 4-way handshake) of a station, placed
 *              where it ended (conv.c, after the whole trace is read)
 *
 * and one arrow in the sequence diagram (from -> to lifeline; from == to is
 * a self-arrow; a summary is a band across it). Unknown kinds and fields are shown generically, never
 * dropped silently. Dot11ExtAllocateBuffer/FreeBuffer are marked "noise"
 * and skipped unless asked for.
 *
 * Usage:
 *   struct tl_doc d;
 *   tl_doc_init(&d);
 *   rc = tl_doc_load(&d, "trace.jsonl", stderr);   // errors: FILE:LINE: ...
 *   tl_render_text(stdout, &d, &opts);
 *   tl_doc_free(&d);
 */
#ifndef TL_TIMELINE_H
#define TL_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum tl_layer {
	TL_AIR,
	TL_NL80211,
	TL_SERVICE,
	TL_EXTENSION,
	TL_SECURITY,  /* summaries: a band in the diagram, not a lifeline */
};
#define TL_LAYER_COUNT (TL_SECURITY + 1)

/* "air", "nl80211", "service", "extension", "security". */
const char *tl_layer_name(enum tl_layer layer);

/* A summary entry's outcome (its colour); TL_SUM_NONE for a record's. */
enum tl_sum {
	TL_SUM_NONE,
	TL_SUM_SUCCESS,
	TL_SUM_FAILURE,
	TL_SUM_UNFINISHED,
};

struct tl_entry {
	uint64_t t_ns;        /* the record's "t_ns" (CLOCK_MONOTONIC); a
			       * handler's: when the call began (t_ns -
			       * dur_ns). Entries are in this order. */
	unsigned int line;    /* line in the trace file (1-based) */
	enum tl_layer layer;  /* column in the text timeline */
	enum tl_layer from;   /* arrow in the sequence diagram */
	enum tl_layer to;
	bool violation;       /* drawn red, text prefixed "!!" */
	bool failure;         /* the scenario's failed expectation (also drawn red) */
	bool noise;           /* hidden unless tl_opts.all */
	enum tl_sum sum;      /* a TL_SECURITY summary: how it ended */
	char *text;           /* one line, UTF-8, no control characters */
	/* The air lane's own lifelines (an AP or a station, by MAC as a
	 * 48-bit number): a frame's transmitter (src) and receiver (dst,
	 * TL_MAC_BROADCAST for a group address), the AP or station an
	 * action is about (src). Absent in traces without frames. */
	bool has_src, has_dst;
	uint64_t src, dst;
};

#define TL_MAC_BROADCAST 0xffffffffffffull

/* What adapter names the trace taught us: ifindex 4 -> "sta1" (from a
 * record with "adapter" and "ifindex"), wiphy 1 -> "sta1" (from one that
 * also has "wiphy"), so records that carry only the numbers (nl80211
 * events, radio removal with no interface left) are named too. The
 * runner's set-up actions name the MACs: "ap1 up: ... bssid X" (an AP),
 * "sta1 appears: ... mac Y" (a station), for the frames. */
enum tl_name_key {
	TL_NAME_IFINDEX,
	TL_NAME_WIPHY,
	TL_NAME_AP,           /* id: the AP's BSSID as a 48-bit number */
	TL_NAME_STA,          /* id: the station's MAC */
};

struct tl_name {
	enum tl_name_key key;
	uint64_t id;
	char *name;
};

/*
 * A station's EAP conversation or 4-way handshake, as conv.c reconstructs
 * it from the EAPOL names (sim/eapol-name.c) the trace carries. Two views
 * see the same packets: the air capture ("frame" records) and the station
 * itself (Dot11ExtIhvReceivePacket, Dot11ExtSendPacket,
 * Dot11ExtProcessSecurityPacket, and the host's own supplicant's "onex"
 * rx/tx records). Each view pairs its own requests and responses; the
 * conversation's count is the larger of the two, so a packet seen twice
 * is never counted twice and one the air capture missed (a protected
 * re-authentication) is still counted.
 */
enum tl_conv_kind {
	TL_CONV_EAP,
	TL_CONV_4WAY,
};

/* How it ended; the summary is placed there. */
enum tl_conv_end {
	TL_END_SUCCESS,     /* EAP-Success, the host OneX's "success", 4/4 */
	TL_END_FAILURE,     /* EAP-Failure, the host OneX's "failure" */
	TL_END_STOP,        /* Dot11ExtIhvStopPostAssociate came first */
	TL_END_LOGOFF,      /* the station's EAPOL-Logoff */
	TL_END_ONEX_STOP,   /* the host's supplicant stopped ("onex" "stop") */
	TL_END_RESTART,     /* a new EAP-Request/Identity after the method began */
	TL_END_TRACE,       /* the trace ends first */
};

enum tl_view {
	TL_VIEW_AIR,        /* "frame" records */
	TL_VIEW_STATION,    /* the extension's and the host's own records */
};
#define TL_VIEW_COUNT (TL_VIEW_STATION + 1)

/* Who sent the station's answers (tl_conv.by). */
#define TL_BY_EXTENSION 0x1u  /* Dot11ExtSendPacket carried responses */
#define TL_BY_ONEX      0x2u  /* "onex" "tx" records did */
#define TL_BY_TO_HOST   0x4u  /* Dot11ExtProcessSecurityPacket handed requests
			       * to the host (path B without onex records) */

struct tl_conv {
	enum tl_conv_kind kind;
	char *station;              /* "sta1" (or a MAC when never named) */
	char *peer;                 /* "ap1", a MAC, or NULL when unknown */
	uint64_t t_begin, t_end;    /* first request (or EAPOL-Start, 1/4); end */
	unsigned int line_end;      /* the trace line that ended it */
	enum tl_conv_end end;
	char method[16];            /* EAP: "TLS", "PEAP", "TTLS" (the last method
				     * request's name; after a Nak the one agreed),
				     * "?" for an unnamed type, "" when none came */
	bool identity_req, identity_resp, nak;
	unsigned int round_trips;   /* EAP: request -> response pairs (max over
				     * views); 4-way: messages 1/4 and 3/4 sent
				     * again (retries, max over views) */
	unsigned int last_msg;      /* 4-way: highest message seen (1..4) */
	unsigned int by;            /* TL_BY_* */
	/* per view, while it is being reconstructed */
	unsigned int rt[TL_VIEW_COUNT], n1[TL_VIEW_COUNT], n3[TL_VIEW_COUNT];
	bool pending[TL_VIEW_COUNT], method_seen[TL_VIEW_COUNT];
};

struct tl_eap_obs;  /* one EAPOL-carrying record (eap.c) */

struct tl_doc {
	struct tl_entry *v;
	size_t n, cap;
	unsigned int malformed;  /* lines reported as malformed */
	bool have_first;
	uint64_t t_first;        /* t_ns of the first record */
	bool have_start;
	uint64_t t_start;        /* t_ns of the first "host" record */
	struct tl_name *names;
	size_t n_names;
	struct tl_eap_obs *obs;  /* EAPOL records (eap.c); by time once summarized */
	size_t n_obs, cap_obs;
	struct tl_conv *conv;    /* in the order they ended (tl_doc_read) */
	size_t n_conv;
};

struct tl_opts {
	bool all;          /* include noise entries */
	bool color;        /* ANSI colours in the text output */
	bool since_start;  /* times relative to the host's first lifecycle
			    * record instead of the first record */
};

void tl_doc_init(struct tl_doc *d);
void tl_doc_free(struct tl_doc *d);

/*
 * Adds one trace line (@line[0..len), without the newline). A blank line is
 * ignored. A line that is not one JSON object, or has no non-negative
 * integer "t_ns", is reported on @err as "FILE:LINE: malformed JSON: why"
 * (or "FILE:LINE: malformed record: why"), counted in d->malformed and
 * skipped: returns -EINVAL. Returns 0, or -ENOMEM.
 */
int tl_doc_add_line(struct tl_doc *d, const char *line, size_t len,
		    const char *file, unsigned int lineno, FILE *err);
/* Every line of @in; @file names it in messages, then the security
 * summaries (tl_doc_summarize). Returns 0 when every line was well formed,
 * -EINVAL when some were not (the rest are still added), -ENOMEM, or -EIO
 * on a read error. */
int tl_doc_read(struct tl_doc *d, FILE *in, const char *file, FILE *err);
/* tl_doc_read on the file at @path; -errno of fopen(2) is reported as
 * "PATH: strerror" on @err. */
int tl_doc_load(struct tl_doc *d, const char *path, FILE *err);

/* Origin of the relative times for @o (first record, or the host's start
 * when since_start and the trace has one). */
uint64_t tl_doc_origin(const struct tl_doc *d, const struct tl_opts *o);
/* "+1.234" / "-0.012": @t_ns relative to @origin, seconds, ms precision. */
void tl_format_time(char *buf, size_t len, uint64_t t_ns, uint64_t origin);
/* Whether @e is shown under @o. */
bool tl_entry_shown(const struct tl_entry *e, const struct tl_opts *o);

/* One line per shown entry: "TIME  LAYER      TEXT". Returns 0 or -EIO. */
int tl_render_text(FILE *out, const struct tl_doc *d, const struct tl_opts *o);
/* The HTML page (inline CSS, one <svg>, then the text table; no script,
 * no external resource). @title is shown escaped. Returns 0 or -EIO. */
int tl_render_html(FILE *out, const struct tl_doc *d, const struct tl_opts *o,
		   const char *title);

/*
 * Rebuilds d->conv and their TL_SECURITY summary entries from the EAPOL
 * records added so far (earlier summaries are replaced), and sorts the
 * entries. tl_doc_read calls it; a caller of tl_doc_add_line calls it
 * before rendering. Returns 0 or -ENOMEM. In conv.c.
 */
int tl_doc_summarize(struct tl_doc *d);

/* Internal, shared by the renderers and tested: builds the entry for one
 * parsed record. In describe.c. */
struct tl_jobj;
int tl_describe(struct tl_doc *d, const struct tl_jobj *rec, struct tl_entry *out);
/* describe.c's helpers, for eap.c: the adapter a record is about ("sta1",
 * "if4", or NULL), a learned name (or NULL), "02:00:00:00:01:00" ->
 * 0x020000000100, and one line of text with every control character made
 * a space (in place). */
const char *tl_doc_adapter(const struct tl_doc *d, const struct tl_jobj *rec,
			   char *buf, size_t len);
const char *tl_doc_name(const struct tl_doc *d, enum tl_name_key key, uint64_t id);
bool tl_parse_mac(const char *s, uint64_t *out);
void tl_text_clean(char *s);
/* eap.c: remembers @rec (placed at @t_ns, trace line @line) when it
 * carries an EAPOL name or ends an association; frees what it kept. */
int tl_eap_observe(struct tl_doc *d, const struct tl_jobj *rec, uint64_t t_ns,
		   unsigned int line);
void tl_eap_free(struct tl_doc *d);
/* doc.c: appends @e (its text is the doc's from then on); 0 or -ENOMEM.
 * Time order, then line, a summary after the record that ended it. */
int tl_doc_push(struct tl_doc *d, const struct tl_entry *e);
void tl_doc_sort(struct tl_doc *d);

#endif /* TL_TIMELINE_H */
