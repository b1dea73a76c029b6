/* SPDX-License-Identifier: MIT */
/*
 * timeline: turns the host's JSON Lines trace (ihvhost/host/trace.h) into a
 * timeline a person reads in ten seconds, as text and as a self-contained
 * HTML page with an SVG sequence diagram.
 *
 * Every trace record becomes one entry on one of four layers:
 *
 *   air        "action" records: what the scenario did to the 802.11 world,
 *              and "frame" records: the frames its sniffers heard
 *              (auth, association, deauth with its reason, EAPOL n/4...)
 *   nl80211    "event" records: the kernel's events as sim/ folded them
 *   service    "state", "host", "violation" and any unknown kind
 *   extension  "handler" (host -> extension, shown "->") and
 *              "api" (extension -> host, shown "<-")
 *
 * and one arrow in the sequence diagram (from -> to lifeline; from == to is
 * a self-arrow). Unknown kinds and fields are shown generically, never
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
};
#define TL_LAYER_COUNT (TL_EXTENSION + 1)

/* "air", "nl80211", "service", "extension". */
const char *tl_layer_name(enum tl_layer layer);

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
/* Every line of @in; @file names it in messages. Returns 0 when every line
 * was well formed, -EINVAL when some were not (the rest are still added),
 * -ENOMEM, or -EIO on a read error. */
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

/* Internal, shared by the renderers and tested: builds the entry for one
 * parsed record. In describe.c. */
struct tl_jobj;
int tl_describe(struct tl_doc *d, const struct tl_jobj *rec, struct tl_entry *out);

#endif /* TL_TIMELINE_H */
