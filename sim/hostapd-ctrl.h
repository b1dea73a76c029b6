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
#include <stddef.h>

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

#endif
