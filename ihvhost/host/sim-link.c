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
#include "service-nic.h"
#include "sim-link.h"
#include "wlan.h"

/* A station whose control port (its nl80211 owner socket) is watched. */
struct ihv_sim_link_sta {
	struct ihv_sim_link_sta *next;
	struct ihv_sim_link *link;
	struct sim_radio *radio;
	int fd;
};

struct ihv_sim_link {
	struct ihv_host *host;
	struct sim_ctx *sim;
	struct sim_monitor *mon;
	bool watched;
	int err;              /* first dispatch error */
	struct ihv_sim_link_sta *stations;
};

static void link_on_event(const struct sim_event *ev, void *data)
{
	struct ihv_sim_link *l = data;

	if (!ihv_host_is_unloaded(l->host))
		ihv_service_event(ihv_host_service(l->host), ev);
}

/* The driver's vendor events: ReceiveIndication(NicSpecificNotification),
 * in the order the monitor read them (service-nic.h). */
static void link_on_vendor(const struct sim_vendor_event *ev, void *data)
{
	struct ihv_sim_link *l = data;

	if (!ihv_host_is_unloaded(l->host))
		ihv_service_nic_event(ihv_host_service(l->host), ev);
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
	l->sim = sim;
	rc = sim_monitor_new_live(sim, link_on_event, l, &l->mon);
	if (rc)
		goto err_free;
	sim_monitor_set_vendor_cb(l->mon, link_on_vendor, l);
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

/* ---- control ports: received EAPOL to ReceivePacket -------------------- */

static void link_on_port_frame(const struct sim_port_frame *f, void *data)
{
	struct ihv_sim_link *l = data;
	struct ihv_wlan_adapter ad = { .wiphy = f->wiphy, .ifindex = f->ifindex };

	/* Refusals (an EtherType nobody registered, no association) are
	 * traced by the service; nothing else to do with the frame. */
	if (!ihv_host_is_unloaded(l->host))
		ihv_service_receive_packet(ihv_host_service(l->host), ad, f->src,
					   f->ethertype, f->data, f->len);
}

static void link_on_port_readable(int fd, uint32_t events, void *data)
{
	struct ihv_sim_link_sta *s = data;
	int rc = sim_sta_port_dispatch(s->link->sim, s->radio, link_on_port_frame,
				       s->link);

	if (rc < 0 && rc != -EAGAIN && !s->link->err) {
		s->link->err = rc;
		fprintf(stderr, "ihvhost: %s: control port: %s\n",
			sim_radio_info(s->radio)->ifname, strerror(-rc));
	}
}

int ihv_sim_link_add_station(struct ihv_sim_link *l, struct sim_radio *radio)
{
	struct ihv_sim_link_sta *s;
	int rc;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->link = l;
	s->radio = radio;
	rc = sim_sta_port_fd(l->sim, radio);
	if (rc < 0)
		goto err_free;
	s->fd = rc;
	rc = ihv_loop_watch_fd(ihv_host_loop(l->host), s->fd, EPOLLIN,
			       link_on_port_readable, s);
	if (rc < 0)
		goto err_free;
	s->next = l->stations;
	l->stations = s;
	return 0;

err_free:
	free(s);
	return rc;
}

void ihv_sim_link_remove_station(struct ihv_sim_link *l, struct sim_radio *radio)
{
	struct ihv_sim_link_sta **pp;

	for (pp = &l->stations; *pp; pp = &(*pp)->next) {
		struct ihv_sim_link_sta *s = *pp;

		if (s->radio != radio)
			continue;
		ihv_loop_unwatch_fd(ihv_host_loop(l->host), s->fd);
		*pp = s->next;
		free(s);
		return;
	}
}

void ihv_sim_link_free(struct ihv_sim_link *l)
{
	if (!l)
		return;
	while (l->stations)
		ihv_sim_link_remove_station(l, l->stations->radio);
	if (l->watched)
		ihv_loop_unwatch_fd(ihv_host_loop(l->host), sim_monitor_fd(l->mon));
	sim_monitor_free(l->mon);
	free(l);
}
