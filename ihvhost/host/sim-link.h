/* SPDX-License-Identifier: MIT */
/*
 * sim-link: THE link from the 802.11 world to the WLAN service. It opens
 * sim's live nl80211 monitor, watches it from the host's loop, and hands
 * every typed event (sim.h's struct sim_event: one folded disassociation,
 * a connect, an interface change) to ihv_service_event(), which moves the
 * adapter's state machine and calls the extension. Whoever drives a host
 * with a real world (the scenario runner, a future `ihvhost --extension X`
 * against live radios) attaches it with one call:
 *
 *   ihv_sim_link_new(host, sim, &link)     monitor + loop watch + routing
 *   ihv_sim_link_record(link, "x.pcap")    optional nl80211 recording
 *   ... ihv_host_run_for / ihv_loop_run_once ...
 *   ihv_sim_link_error(link)               first monitor error, or 0
 *   ihv_sim_link_free(link)                before ihv_host_free
 *
 * Once the host is unloaded (ihv_host_unload) events are no longer routed:
 * there is no extension left to tell.
 *
 * Loop thread only. Errors: 0 or -errno.
 */
#ifndef IHVHOST_SIM_LINK_H
#define IHVHOST_SIM_LINK_H

struct ihv_host;
struct ihv_sim_link;
struct sim_ctx;
struct sim_radio;

int ihv_sim_link_new(struct ihv_host *host, struct sim_ctx *sim,
		     struct ihv_sim_link **out);
/* Records every nl80211 message the monitor reads into @pcap_path. */
int ihv_sim_link_record(struct ihv_sim_link *link, const char *pcap_path);
/* The first error the monitor reported while dispatching, or 0. */
int ihv_sim_link_error(const struct ihv_sim_link *link);
/* Stops watching and frees the monitor. NULL ok. */
/*
 * Watches @radio's control port (sim_sta_port_fd) from the host's loop:
 * the frames it receives go to ihv_service_receive_packet, in order. The
 * radio is borrowed: remove it (ihv_sim_link_remove_station) before
 * sim_radio_del. 0 or -errno.
 */
int ihv_sim_link_add_station(struct ihv_sim_link *link, struct sim_radio *radio);
/* Unknown radios are ignored. */
void ihv_sim_link_remove_station(struct ihv_sim_link *link, struct sim_radio *radio);
void ihv_sim_link_free(struct ihv_sim_link *link);

#endif
