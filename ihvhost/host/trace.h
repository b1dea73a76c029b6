/* SPDX-License-Identifier: MIT */
/*
 * trace: one JSON object per line, with CLOCK_MONOTONIC timestamps, for
 * everything the host sees and does (nl80211 events, state changes, handler
 * calls and returns, extension API calls, contract violations).
 *
 * A record is built on the caller's stack (no allocation, so extension
 * threads can trace from inside API calls without touching the heap) and
 * written with one write(2) under the trace's lock:
 *
 *   struct ihv_trace_rec r;
 *   ihv_trace_rec_begin(&r, "api");
 *   ihv_trace_rec_str(&r, "name", "SetAuthAlgorithm");
 *   ihv_trace_rec_u64(&r, "algo", 7);
 *   ihv_trace_write(t, &r);
 *
 * gives  {"t_ns":123456789,"kind":"api","name":"SetAuthAlgorithm","algo":7}
 *
 * Guarantees:
 *  - every line is one complete, valid JSON object (RFC 8259) in UTF-8:
 *    strings are escaped (quotes, backslash, control characters as \uXXXX
 *    or the short forms) and invalid UTF-8 bytes become U+FFFD;
 *  - lines never interleave, whichever threads write them;
 *  - "t_ns" is read under the lock, so t_ns never decreases down the file;
 *  - a record that outgrows IHV_TRACE_REC_MAX keeps the fields that fit
 *    (a long string is cut at a character boundary) and ends with
 *    "truncated":true.
 *
 * Record kinds the host uses: "handler" (name, args, ret, dur_ns), "api"
 * (name, args, ret), "state" (adapter, from, to), "event" (type, cause,
 * reason, peer, t_first_ns, t_last_ns), "violation" (rule, handle, handler,
 * detail), "host" (lifecycle).
 *
 * Threading: ihv_trace_write may be called from any thread at once; open and
 * close from one thread while no writer runs. A record belongs to one thread.
 * Not async-signal-safe (it takes a mutex): never trace from a signal
 * handler.
 *
 * Tracing to "-" (stdout): trace lines are written whole with write(2), but
 * anything else the process prints to stdout through stdio can be flushed
 * in pieces around them; fflush(stdout) before tracing there, or trace to a
 * file.
 */
#ifndef IHVHOST_TRACE_H
#define IHVHOST_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Body bytes one record may hold (without the "t_ns" prefix). Large enough
 * for every record the host writes; an IE dump or an extension-supplied
 * string is what may hit it. */
#define IHV_TRACE_REC_MAX 4096

struct ihv_trace;

struct ihv_trace_rec {
	size_t len;                   /* bytes used in buf */
	bool truncated;               /* a field was cut or dropped */
	char buf[IHV_TRACE_REC_MAX];  /* the members, without the braces */
};

/*
 * Opens a trace. @path NULL: tracing disabled, *out = NULL (every call below
 * accepts a NULL trace and does nothing). "-": standard output (not closed by
 * ihv_trace_close). Anything else: the file is created or truncated (0644).
 * Returns 0 or -errno (open(2)'s, or -ENOMEM).
 */
int ihv_trace_open(const char *path, struct ihv_trace **out);
/* Closes the file (unless it is stdout) and frees @t. NULL is a no-op. */
void ihv_trace_close(struct ihv_trace *t);

/* Starts a record of @kind (a short lower-case word, see above). Must be
 * called before any other ihv_trace_rec_* on @r. */
void ihv_trace_rec_begin(struct ihv_trace_rec *r, const char *kind);

/*
 * Field appenders. @key is a host constant (escaped anyway). Values:
 *  _str:    JSON string, escaped; NULL -> null
 *  _u64, _i64: JSON numbers
 *  _hex32:  "0x%08x" string (handles, flags)
 *  _bool:   true/false
 *  _mac:    "aa:bb:cc:dd:ee:ff"; NULL -> null
 *  _status: DOT11_ASSOC_STATUS by name, as ihv_status_format (status.h)
 *           prints it: "SUCCESS", "PEER_DEAUTHENTICATED|3", ...
 *  _win32:  Win32 error by name ("ERROR_CANCELLED"); unknown -> "0x%x"
 *  _raw:    @json inserted as is when it is one valid JSON value; otherwise
 *           (a bug in the caller) it is written as a JSON string instead and
 *           the record gets "raw_invalid":true, so the line stays valid.
 * @status / @win32 are ULONG / DWORD (32-bit unsigned on every target).
 */
void ihv_trace_rec_str(struct ihv_trace_rec *r, const char *key, const char *val);
void ihv_trace_rec_u64(struct ihv_trace_rec *r, const char *key, uint64_t val);
void ihv_trace_rec_i64(struct ihv_trace_rec *r, const char *key, int64_t val);
void ihv_trace_rec_hex32(struct ihv_trace_rec *r, const char *key, uint32_t val);
void ihv_trace_rec_bool(struct ihv_trace_rec *r, const char *key, bool val);
void ihv_trace_rec_mac(struct ihv_trace_rec *r, const char *key, const uint8_t mac[6]);
void ihv_trace_rec_status(struct ihv_trace_rec *r, const char *key, uint32_t status);
void ihv_trace_rec_win32(struct ihv_trace_rec *r, const char *key, uint32_t win32);
void ihv_trace_rec_raw(struct ihv_trace_rec *r, const char *key, const char *json);

/*
 * Writes @r as one line: {"t_ns":<CLOCK_MONOTONIC ns>,<fields>[,"truncated":true]}
 * NULL @t: no-op, returns 0. Returns 0 or -errno from write(2) (the line
 * may then be incomplete on disk; later writes still start a new line).
 * Thread-safe. @r is not modified.
 */
int ihv_trace_write(struct ihv_trace *t, const struct ihv_trace_rec *r);
/* The first write failure (-errno) and how many records were lost, or 0:
 * a trace with holes is no ground truth, so a run that lost records fails
 * (IHV_EXIT_TRACE). Any thread. */
int ihv_trace_error(struct ihv_trace *t, unsigned long *lost);

/* Whether @s[0..len) is exactly one JSON value (RFC 8259, UTF-8, nesting up
 * to 64 levels, surrounding whitespace allowed). Used for _raw and by the
 * tests to check every line. */
bool ihv_json_valid(const char *s, size_t len);

#endif /* IHVHOST_TRACE_H */
