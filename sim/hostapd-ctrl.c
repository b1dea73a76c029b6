/* SPDX-License-Identifier: MIT */
/*
 * hostapd control-interface client (contract in hostapd-ctrl.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "hostapd-ctrl.h"

static int set_path(struct sockaddr_un *sa, const char *dir, const char *name)
{
	int n;

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	n = snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(sa->sun_path))
		return -ENAMETOOLONG;
	return 0;
}

int sim_hapd_ctrl_open(struct sim_hapd_ctrl *c, const char *dir,
		       const char *ifname, const char *tag)
{
	struct sockaddr_un local, dest;
	int r;

	c->fd = -1;
	c->local[0] = '\0';
	r = set_path(&local, dir, tag);
	if (r < 0)
		return r;
	r = set_path(&dest, dir, ifname);
	if (r < 0)
		return r;
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -errno;
	/* A leftover from an earlier attempt of this same ctx. */
	unlink(local.sun_path);
	if (bind(c->fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		r = -errno;
		goto close_fd;
	}
	snprintf(c->local, sizeof(c->local), "%s", local.sun_path);
	if (connect(c->fd, (struct sockaddr *)&dest, sizeof(dest)) < 0) {
		r = -errno;
		goto unlink_local;
	}
	return 0;
unlink_local:
	unlink(c->local);
	c->local[0] = '\0';
close_fd:
	close(c->fd);
	c->fd = -1;
	return r;
}

void sim_hapd_ctrl_close(struct sim_hapd_ctrl *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->local[0])
		unlink(c->local);
	c->local[0] = '\0';
}

/* Receives one datagram within the deadline (CLOCK_MONOTONIC ns). */
static int recv_until(struct sim_hapd_ctrl *c, uint64_t deadline, char *buf,
		      size_t len)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	uint64_t now;
	ssize_t n;
	int r;

	for (;;) {
		now = sim_clock_now_ns();
		if (now >= deadline)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, (int)((deadline - now) / SIM_NSEC_PER_MSEC) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			continue;
		n = recv(c->fd, buf, len - 1, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		buf[n] = '\0';
		return (int)n;
	}
}

int sim_hapd_ctrl_request(struct sim_hapd_ctrl *c, const char *cmd,
			  char *reply, size_t len, unsigned timeout_ms)
{
	uint64_t deadline = sim_clock_now_ns() +
			    (uint64_t)timeout_ms * SIM_NSEC_PER_MSEC;
	int r;

	if (c->fd < 0 || len < 2)
		return -EINVAL;
	if (send(c->fd, cmd, strlen(cmd), 0) < 0)
		return -errno;
	for (;;) {
		r = recv_until(c, deadline, reply, len);
		if (r < 0)
			return r;
		if (!sim_hapd_msg_is_event(reply))
			return 0;
	}
}

int sim_hapd_ctrl_ok(struct sim_hapd_ctrl *c, const char *cmd,
		     unsigned timeout_ms)
{
	char reply[256];
	int r;

	r = sim_hapd_ctrl_request(c, cmd, reply, sizeof(reply), timeout_ms);
	if (r < 0) {
		fprintf(stderr, "sim: hostapd %s: %s\n", cmd, strerror(-r));
		return r;
	}
	if (!sim_hapd_reply_is_ok(reply)) {
		reply[strcspn(reply, "\n")] = '\0';
		fprintf(stderr, "sim: hostapd %s: answered \"%s\"\n", cmd, reply);
		return -EIO;
	}
	return 0;
}

void sim_hapd_ctrl_drain(struct sim_hapd_ctrl *c)
{
	char buf[512];

	while (c->fd >= 0 && recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

int sim_hapd_ctrl_wait_event(struct sim_hapd_ctrl *c,
			     const char *const *names, unsigned timeout_ms,
			     char *buf, size_t len)
{
	uint64_t deadline = sim_clock_now_ns() +
			    (uint64_t)timeout_ms * SIM_NSEC_PER_MSEC;
	char msg[1024];
	const char *ev;
	int r;

	for (;;) {
		r = recv_until(c, deadline, msg, sizeof(msg));
		if (r < 0)
			return r;
		r = sim_hapd_event_match(msg, names, &ev);
		if (r < 0)
			continue;
		if (buf && len)
			snprintf(buf, len, "%s", ev);
		return r;
	}
}

/* ---- pure parsers (contract in hostapd-ctrl.h) ------------------------ */

bool sim_hapd_msg_is_event(const char *msg)
{
	return msg[0] == '<';
}

bool sim_hapd_reply_is_ok(const char *reply)
{
	/* hostapd answers "OK\n", else "FAIL..." or "UNKNOWN COMMAND". */
	return strncmp(reply, "OK", 2) == 0;
}

int sim_hapd_event_match(const char *msg, const char *const *names,
			 const char **ev)
{
	const char *e = msg;

	/* "<3>AP-ENABLED": skip the level. */
	if (e[0] == '<') {
		e = strchr(e, '>');
		if (!e)
			return -ENOENT;
		e++;
	}
	for (int i = 0; names[i]; i++) {
		if (strncmp(e, names[i], strlen(names[i])) == 0) {
			*ev = e;
			return i;
		}
	}
	return -ENOENT;
}

/*
 * The value of the line "<key>=..." in a "key=value" per line reply, or
 * NULL; *@len is its length up to the newline (or the end of the reply),
 * *@nl whether a newline ended it. The first such line wins.
 */
static const char *hapd_field(const char *reply, const char *key, size_t *len,
			      bool *nl)
{
	size_t klen = strlen(key);

	for (const char *line = reply; *line;) {
		const char *end = strchr(line, '\n');

		if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
			line += klen + 1;
			*nl = end != NULL;
			*len = end ? (size_t)(end - line) : strlen(line);
			return line;
		}
		if (!end)
			break;
		line = end + 1;
	}
	return NULL;
}

static int hapd_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly "aa:bb:cc:dd:ee:ff" (either case) in @s[0..len). */
static int hapd_mac(const char *s, size_t len, uint8_t mac[6])
{
	uint8_t m[6];

	if (len != 17)
		return -EBADMSG;
	for (int i = 0; i < 6; i++) {
		int hi = hapd_hex(s[3 * i]), lo = hapd_hex(s[3 * i + 1]);

		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			return -EBADMSG;
		m[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(mac, m, sizeof(m));
	return 0;
}

int sim_hapd_parse_status(const char *status, uint8_t bssid[6])
{
	const char *v;
	size_t len;
	bool nl;
	int r;

	/* Only a state line that ends in a newline: a reply cut at the end
	 * of our buffer could show "ENABLED" as the start of a longer word. */
	v = hapd_field(status, "state", &len, &nl);
	if (!v || !nl || len != 7 || memcmp(v, "ENABLED", 7) != 0)
		return 0;
	v = hapd_field(status, "bssid[0]", &len, &nl);
	if (!v)
		return -EBADMSG;
	r = hapd_mac(v, len, bssid);
	return r < 0 ? r : 1;
}

/* Whether the bracketed flags in @f[0..len) include exactly @token
 * ("[ASSOC]"). */
static bool hapd_has_flag(const char *f, size_t len, const char *token)
{
	size_t tlen = strlen(token);

	for (size_t i = 0; i + tlen <= len; i++) {
		if (f[i] != '[')
			continue;
		if (memcmp(f + i, token, tlen) == 0)
			return true;
	}
	return false;
}

int sim_hapd_parse_sta(const char *reply, const uint8_t addr[6],
		       struct sim_ap_sta *out)
{
	size_t first = strcspn(reply, "\n"), len;
	uint8_t mac[6];
	const char *v;
	bool nl;

	if (reply[0] == '\0' || strncmp(reply, "FAIL", 4) == 0)
		return -ENOENT;
	if (hapd_mac(reply, first, mac) < 0 || memcmp(mac, addr, 6) != 0)
		return -EBADMSG;
	v = hapd_field(reply, "flags", &len, &nl);
	if (!v || !nl)
		return -EBADMSG;
	/* Only brackets around flag names: anything else is not hostapd's
	 * flags line. */
	for (size_t i = 0, depth = 0; i < len; i++) {
		if (v[i] == '[' && depth++ != 0)
			return -EBADMSG;
		if (v[i] == ']' && depth-- != 1)
			return -EBADMSG;
		if (depth == 0 && v[i] != ']')
			return -EBADMSG;
	}
	if (len && v[len - 1] != ']')
		return -EBADMSG;
	out->associated = hapd_has_flag(v, len, "[ASSOC]");
	out->authorized = hapd_has_flag(v, len, "[AUTHORIZED]");
	snprintf(out->flags, sizeof(out->flags), "%.*s", (int)len, v);
	return 0;
}
