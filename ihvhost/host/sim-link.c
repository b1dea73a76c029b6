/* SPDX-License-Identifier: MIT */
/*
 * sim-link: sim's live nl80211 monitor, watched by the host's loop, routed
 * to the service (see sim-link.h for the contract).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "host.h"
#include "loop.h"
#include "service.h"
#include "sim-link.h"

struct ihv_sim_link {
	struct ihv_host *host;
	struct sim_monitor *mon;
	bool watched;
	int err;              /* first dispatch error */
};

static void link_on_event(const struct sim_event *ev, void *data)
{
	struct ihv_sim_link *l = data;

	if (!ihv_host_is_unloaded(l->host))
		ihv_service_event(ihv_host_service(l->host), ev);
}

static void link_on_readable(int fd, uint32_t events, void *data)
{
	struct ihv_sim_link *l = data;
	int rc = sim_monitor_dispatch(l->mon);

	/* -EAGAIN: the burst is not complete yet; the folder's timer ends it. */
	if (rc < 0 && rc != -EAGAIN && !l->err) {
		l->err = rc;
		fprintf(stderr, "ihvhost: nl80211 monitor: %s\n", strerror(-rc));
	}
}

int ihv_sim_link_new(struct ihv_host *host, struct sim_ctx *sim,
		     struct ihv_sim_link **out)
{
	struct ihv_sim_link *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (!l)
		return -ENOMEM;
	l->host = host;
	rc = sim_monitor_new_live(sim, link_on_event, l, &l->mon);
	if (rc)
		goto err_free;
	rc = ihv_loop_watch_fd(ihv_host_loop(host), sim_monitor_fd(l->mon),
			       EPOLLIN, link_on_readable, l);
	if (rc)
		goto err_monitor;
	l->watched = true;
	*out = l;
	return 0;

err_monitor:
	sim_monitor_free(l->mon);
err_free:
	free(l);
	return rc;
}

int ihv_sim_link_record(struct ihv_sim_link *l, const char *pcap_path)
{
	return sim_monitor_record(l->mon, pcap_path);
}

int ihv_sim_link_error(const struct ihv_sim_link *l)
{
	return l->err;
}

void ihv_sim_link_free(struct ihv_sim_link *l)
{
	if (!l)
		return;
	if (l->watched)
		ihv_loop_unwatch_fd(ihv_host_loop(l->host), sim_monitor_fd(l->mon));
	sim_monitor_free(l->mon);
	free(l);
}
