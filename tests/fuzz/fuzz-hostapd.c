/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the parsers of what hostapd's control interface sends
 * (sim/hostapd-ctrl.h): request/event classification, the "OK" answer,
 * event name matching, and the STATUS reply (state and BSSID).
 *
 * Input: one datagram. It is NUL-terminated where recv_until cuts it (at
 * most 2047 bytes, the STATUS buffer) and read up to its first NUL, as
 * sim_hapd_ctrl_request hands it on.
 *
 * Oracles besides the sanitizers, checked against independent readings
 * of the same text:
 *  - sim_hapd_parse_status returns 1 only when a line is exactly
 *    "state=ENABLED" followed by a newline, and the BSSID it sets is the
 *    one written (in either case) on the first "bssid[0]=" line; it
 *    returns -EBADMSG only with such a state line; @bssid is untouched
 *    unless it returns 1;
 *  - sim_hapd_event_match's event lies inside the message, starts with the
 *    name it reports, follows the first '>' when the message starts with
 *    '<', and no earlier name matches;
 *  - sim_hapd_reply_is_ok and sim_hapd_msg_is_event agree with the first
 *    bytes;
 *  - sim_hapd_parse_sta returns -ENOENT exactly for an empty or "FAIL"
 *    reply, 0 only when the first line is the address asked for, and
 *    then [ASSOC]/[AUTHORIZED] as a plain search of the first "flags="
 *    line finds them, .flags a prefix of that line; the result is left
 *    alone unless it returns 0.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hostapd-ctrl.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* recv_until's buffer in wait_enabled (hostapd.c: char status[2048]). */
#define FUZZ_REPLY_MAX 2048

static const char *const fuzz_events[] = {
	"AP-ENABLED", "AP-DISABLED", "INTERFACE-DISABLED", "AP-STA-CONNECTED",
	"AP", "", NULL,
};

__attribute__((noreturn))
static void fuzz_fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz-hostapd: %s (message \"%.300s\")\n", what, msg);
	abort();
}

/* The line starting with @prefix, scanning line by line; NULL if none. */
static const char *fuzz_line(const char *msg, const char *prefix)
{
	size_t plen = strlen(prefix);

	for (const char *p = msg; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, plen) == 0)
			return p;
	return NULL;
}

static void fuzz_status(const char *msg)
{
	static const uint8_t fill[6] = { 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 };
	const char *state = fuzz_line(msg, "state=");
	const char *b = fuzz_line(msg, "bssid[0]=");
	bool enabled = state && strncmp(state, "state=ENABLED\n", 14) == 0;
	uint8_t bssid[6];
	char want[18];
	int r;

	memcpy(bssid, fill, sizeof(bssid));
	r = sim_hapd_parse_status(msg, bssid);
	if (r != 1 && memcmp(bssid, fill, sizeof(bssid)) != 0)
		fuzz_fail("bssid written without success", msg);
	if (r != 0 && r != 1 && r != -EBADMSG)
		fuzz_fail("undocumented result", msg);
	if ((r != 0) != enabled)
		fuzz_fail("state=ENABLED read differently", msg);
	if (r != 1)
		return;
	if (!b)
		fuzz_fail("1 without a bssid[0] line", msg);
	snprintf(want, sizeof(want), "%02x:%02x:%02x:%02x:%02x:%02x", bssid[0], bssid[1],
		 bssid[2], bssid[3], bssid[4], bssid[5]);
	b += strlen("bssid[0]=");
	if (strncasecmp(b, want, 17) != 0 || (b[17] != '\0' && b[17] != '\n'))
		fuzz_fail("the BSSID is not the one written", msg);
}

static void fuzz_event(const char *msg)
{
	const char *ev = NULL, *start = msg;
	int i = sim_hapd_event_match(msg, fuzz_events, &ev);

	if (msg[0] == '<') {
		start = strchr(msg, '>');
		if (!start) {
			if (i != -ENOENT)
				fuzz_fail("matched a '<' with no '>'", msg);
			return;
		}
		start++;
	}
	/* "" is in the table: every event with a level matches something. */
	if (i < 0 || i >= (int)(sizeof(fuzz_events) / sizeof(fuzz_events[0])) - 1)
		fuzz_fail("no valid index though \"\" matches all", msg);
	if (ev != start)
		fuzz_fail("event does not start after the level", msg);
	if (strncmp(ev, fuzz_events[i], strlen(fuzz_events[i])) != 0)
		fuzz_fail("event does not start with the reported name", msg);
	for (int j = 0; j < i; j++)
		if (strncmp(ev, fuzz_events[j], strlen(fuzz_events[j])) == 0)
			fuzz_fail("an earlier name matched too", msg);
}

/* Whether the bracketed token @tok occurs in @v[0..len). */
static bool fuzz_has(const char *v, size_t len, const char *tok)
{
	size_t t = strlen(tok);

	for (size_t i = 0; i + t <= len; i++)
		if (memcmp(v + i, tok, t) == 0)
			return true;
	return false;
}

static void fuzz_sta(const char *msg)
{
	static const uint8_t other[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
	struct sim_ap_sta st, fill;
	unsigned int m[6];
	uint8_t addr[6];
	const char *f;
	size_t flen;
	int n = 0, r;

	memset(&fill, 0xa5, sizeof(fill));
	/* Ask for the station the first line names, when it names one, so
	 * the success path is reached; else for a fixed one. */
	memcpy(addr, other, sizeof(addr));
	if (sscanf(msg, "%2x:%2x:%2x:%2x:%2x:%2x%n", &m[0], &m[1], &m[2],
		   &m[3], &m[4], &m[5], &n) == 6 && n == 17)
		for (int i = 0; i < 6; i++)
			addr[i] = (uint8_t)m[i];
	memcpy(&st, &fill, sizeof(st));
	r = sim_hapd_parse_sta(msg, addr, &st);
	if (r != 0 && r != -ENOENT && r != -EBADMSG)
		fuzz_fail("STA: undocumented result", msg);
	if ((r == -ENOENT) != (msg[0] == '\0' || strncmp(msg, "FAIL", 4) == 0))
		fuzz_fail("STA: -ENOENT not exactly for FAIL or empty", msg);
	if (r != 0) {
		if (memcmp(&st, &fill, sizeof(st)) != 0)
			fuzz_fail("STA: result written without success", msg);
		return;
	}
	if (n != 17 || (msg[17] != '\n'))
		fuzz_fail("STA: 0 without an address line", msg);
	f = fuzz_line(msg, "flags=");
	if (!f || !strchr(f, '\n'))
		fuzz_fail("STA: 0 without a whole flags line", msg);
	f += strlen("flags=");
	flen = (size_t)(strchr(f, '\n') - f);
	if (st.associated != fuzz_has(f, flen, "[ASSOC]") ||
	    st.authorized != fuzz_has(f, flen, "[AUTHORIZED]"))
		fuzz_fail("STA: flags read differently", msg);
	if (strlen(st.flags) > flen || strncmp(st.flags, f, strlen(st.flags)) != 0)
		fuzz_fail("STA: .flags is not the flags line", msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[FUZZ_REPLY_MAX];
	size_t n = size < sizeof(msg) - 1 ? size : sizeof(msg) - 1;

	memcpy(msg, data, n);
	msg[n] = '\0';
	if (sim_hapd_msg_is_event(msg) != (msg[0] == '<'))
		fuzz_fail("event classification", msg);
	if (sim_hapd_reply_is_ok(msg) != (msg[0] == 'O' && msg[1] == 'K'))
		fuzz_fail("OK classification", msg);
	fuzz_event(msg);
	fuzz_status(msg);
	fuzz_sta(msg);
	return 0;
}
