/* SPDX-License-Identifier: MIT */
/*
 * hostapd control-interface client (contract in hostapd-ctrl.h).
 */
#include <errno.h>
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
		/* Replies never start with '<'; events always do. */
		if (reply[0] != '<')
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
	if (strncmp(reply, "OK", 2) != 0) {
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
		ev = msg;
		/* "<3>AP-ENABLED": skip the level. */
		if (ev[0] == '<') {
			ev = strchr(ev, '>');
			if (!ev)
				continue;
			ev++;
		}
		for (int i = 0; names[i]; i++) {
			if (strncmp(ev, names[i], strlen(names[i])) == 0) {
				if (buf && len)
					snprintf(buf, len, "%s", ev);
				return i;
			}
		}
	}
}
