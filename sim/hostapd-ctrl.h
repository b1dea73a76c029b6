/* SPDX-License-Identifier: MIT */
/*
 * hostapd-ctrl: a client of hostapd's control interface, written for sim/
 * (we do not link hostapd's wpa_ctrl.c).
 *
 * The interface is an AF_UNIX datagram socket hostapd creates at
 * <ctrl_interface dir>/<ifname>. A client binds its own socket (in the
 * same private directory) so hostapd can answer; a request is one
 * datagram, its reply one datagram. After "ATTACH" hostapd also sends
 * unsolicited events ("<level>EVENT-NAME args") to that client.
 */
#ifndef SIM_HOSTAPD_CTRL_H
#define SIM_HOSTAPD_CTRL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_hapd_ctrl {
	int fd;                 /* -1 when closed */
	char local[108];        /* our bound socket path (sun_path size) */
};

/*
 * Binds <dir>/<tag> and connects to <dir>/<ifname>.
 * -ENOENT / -ECONNREFUSED: hostapd has not created its socket yet (retry).
 * On failure nothing is left behind and c->fd is -1.
 */
int sim_hapd_ctrl_open(struct sim_hapd_ctrl *c, const char *dir,
		       const char *ifname, const char *tag);
/* Closes and unlinks the local socket. Safe on a closed client. */
void sim_hapd_ctrl_close(struct sim_hapd_ctrl *c);

/*
 * Sends @cmd and waits up to @timeout_ms for its reply (NUL-terminated in
 * @reply, truncated to @len - 1). Unsolicited events that arrive meanwhile
 * are skipped. -ETIMEDOUT when hostapd did not answer.
 */
int sim_hapd_ctrl_request(struct sim_hapd_ctrl *c, const char *cmd,
			  char *reply, size_t len, unsigned timeout_ms);
/* A request whose only good answer is "OK". -EIO (logged) otherwise. */
int sim_hapd_ctrl_ok(struct sim_hapd_ctrl *c, const char *cmd,
		     unsigned timeout_ms);

/* Discards every event already queued (an attached client that stops
 * reading gets dropped by hostapd once its queue is full). */
void sim_hapd_ctrl_drain(struct sim_hapd_ctrl *c);

/*
 * Waits up to @timeout_ms for an event whose name starts with one of the
 * NULL-terminated @names; returns its index (>= 0), copying the event
 * (without the "<level>" prefix) to @buf. -ETIMEDOUT otherwise.
 */
int sim_hapd_ctrl_wait_event(struct sim_hapd_ctrl *c,
			     const char *const *names, unsigned timeout_ms,
			     char *buf, size_t len);

/*
 * Pure parsers of what hostapd sends (no I/O, fuzzed by
 * tests/fuzz/fuzz-hostapd.c). Each takes one NUL-terminated datagram as
 * received (a datagram with a NUL in it is read up to that NUL) and
 * trusts nothing in it.
 */

/* Whether @msg is an unsolicited event ("<level>EVENT ...") rather than
 * the reply to a request: replies never start with '<'. */
bool sim_hapd_msg_is_event(const char *msg);

/* Whether @reply is hostapd's success answer: it starts with "OK". */
bool sim_hapd_reply_is_ok(const char *reply);

/*
 * The event in @msg without its "<level>" prefix (@msg itself when it has
 * none), checked against the NULL-terminated @names: returns the index of
 * the first name the event starts with and sets *@ev, or -ENOENT (also
 * for a "<" with no closing '>').
 */
int sim_hapd_event_match(const char *msg, const char *const *names,
			 const char **ev);

/*
 * STATUS reply: 1 when the interface is up (a line "state=ENABLED"),
 * with @bssid set from the line "bssid[0]=aa:bb:cc:dd:ee:ff"; 0 when it
 * is not up yet; -EBADMSG when it is up but the first BSS has no valid
 * BSSID. Keys count only at the start of a line ("xstate=ENABLED" is not
 * the state), values must be the whole rest of their line. @bssid is left
 * alone unless 1 is returned.
 */
int sim_hapd_parse_status(const char *status, uint8_t bssid[6]);

/*
 * "STA <addr>" reply: its first line is the station's address, which
 * must be @addr (any case); the line "flags=..." holds bracketed flags,
 * of which "[ASSOC]" and "[AUTHORIZED]" are read (whole tokens only:
 * "[AUTH]" is not "[AUTHORIZED]"). The flags line must end in a newline
 * (a reply cut at the buffer's end could have lost a flag). @out->flags
 * gets the flags text, truncated to fit. 0; -ENOENT for "FAIL..." or an
 * empty reply (hostapd's answer for a station it does not know);
 * -EBADMSG for anything else that is not such a reply. @out is left
 * alone unless 0 is returned.
 */
struct sim_ap_sta;
int sim_hapd_parse_sta(const char *reply, const uint8_t addr[6],
		       struct sim_ap_sta *out);

#endif
