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
 *    bytes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hostapd-ctrl.h"

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
	return 0;
}
