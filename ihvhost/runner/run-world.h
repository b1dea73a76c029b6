/* SPDX-License-Identifier: MIT */
/*
 * run-world: the state of one scenario process, shared by its files:
 *   run-world.c    builds the scenario's 802.11 world (with its sniffers)
 *                  and the host, and tears both down;
 *   run-actions.c  the runner's half of the action table: what each action
 *                  of the language (lang/scn-actions.c) does to the world
 *                  (run-eapol.c forges the EAPOL-Key frames it sends);
 *   run-wait.c     pumping the host's loop, waiting for expectations, and
 *                  the contract-violation part of the verdict;
 *   run-child.c    the step loop and the trace records of the actions.
 * Internal to the runner.
 */
#ifndef IHVHOST_RUN_WORLD_H
#define IHVHOST_RUN_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "run-expect.h"
#include "run.h"
#include "scn.h"
#include "sim.h"
#include "service.h"
#include "wlan.h"


struct ihv_host;
struct ihv_service;
struct ihv_sim_link;
struct ihv_wlan_live;
struct run_pki;

struct run_world {
	const struct scn_script *s;
	const struct run_options *o;

	struct sim_ctx *sim;
	const struct run_files *files;
	struct sim_air *air;         /* the sniffers; NULL when none could be made */
	struct sim_medium *medium;   /* the wireless medium (run-medium.c);
				      * NULL: IHV_MEDIUM=off */
	bool air_watched;            /* its fd is on the host's loop */
	bool air_multi;              /* more than one channel: frames say which */
	struct ihv_sim_link *link;   /* the monitor -> service link */
	struct ihv_wlan_live *live;
	struct ihv_host *host;
	struct ihv_service *svc;

	/* sized by the language's limits: a script over them does not parse */
	struct sim_radio *ap_radio[SCN_MAX_APS];
	struct sim_ap *ap[SCN_MAX_APS];      /* NULL while stopped */
	uint8_t ap_bssid[SCN_MAX_APS][6];

	/* The scenario's profiles as the service takes them (borrowing the
	 * script's strings), built once by run_world_build. */
	struct ihv_profile profile[SCN_MAX_PROFILES];
	struct run_pki *pki;         /* WPA2-Enterprise (run-pki.c); NULL: none */

	struct sim_radio *sta[SCN_MAX_ADAPTERS];   /* NULL once removed */
	const char *sta_name[SCN_MAX_ADAPTERS];
	uint32_t sta_ifindex[SCN_MAX_ADAPTERS];
	uint32_t sta_wiphy[SCN_MAX_ADAPTERS];
	uint8_t sta_mac[SCN_MAX_ADAPTERS][6];

	struct run_binding bind;
	struct run_trace trace;
	size_t window;        /* first trace record of the current window */
	bool sample;          /* IHV_RUN_SAMPLE: rss/fds in action records */
	int trace_err;        /* the host's trace write failure (run_world_unload) */
	unsigned long trace_lost;
};

/* ---- run-world.c ------------------------------------------------------ */

/* Builds everything; on failure *exit_code says how the scenario ends
 * (RUN_CHILD_SETUP_FAILED, IHV_EXIT_LOAD, RUN_CHILD_STEP_FAILED). */
int run_world_build(struct run_world *w, const char *trace_path,
		    const struct run_files *files, int *exit_code);
void run_world_teardown(struct run_world *w);
/* Unlinks the monitor and frees the host (the extension is dlclosed). The
 * trace stays readable; run_world_teardown does the rest. */
void run_world_unload(struct run_world *w);
/* Starts (or restarts) AP @i's hostapd; the message names the ap line. */
int run_world_start_ap(struct run_world *w, size_t i);
/* A "frame" record: one frame the sniffers heard (sim_air). */
void run_world_trace_frame(struct run_world *w, const struct sim_air_frame *f);
/* An "action" record on the air lane, about @adapter when not NULL. */
void run_world_trace_text(struct run_world *w, const char *text,
			  const char *adapter, uint32_t ifindex);
/* The service's id of adapter @i. */
struct ihv_wlan_adapter run_world_adapter(const struct run_world *w, size_t i);
/* What the service is asked to connect to for AP @ap, with profile
 * @profile (an index in the script's profiles; SCN_NONE: none, the
 * service makes one from the BSS). */
struct ihv_connect_request run_world_connect_request(const struct run_world *w,
						     size_t ap, size_t profile);

/* ---- run-pki.c -------------------------------------------------------- */

/* After sim_ctx_new, before the APs: the PKI when the script has a
 * wpa2-eap AP or a user, and {pki} substituted in w->profile[]. 0 or
 * -errno (reported). */
int run_pki_build(struct run_world *w);
/* The PKI and users of AP @ap when it is wpa2-eap (else unchanged). */
void run_pki_ap_config(const struct run_world *w, size_t ap, struct sim_ap_config *cfg);
void run_pki_free(struct run_world *w);
/* The action ap-reauth AP ADAPTER (hostapd EAPOL_REAUTH). */
int run_pki_act_reauth(struct run_world *w, const struct scn_step *st,
		       const struct scn_action_args *a);

/* ---- run-wait.c ------------------------------------------------------- */

/* Prints "file:line:col: message" and returns RUN_CHILD_STEP_FAILED. */
int run_fail(const struct run_world *w, const struct scn_pos *pos,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Runs the host's loop for @ms, reading the trace back as it grows. */
void run_pump(struct run_world *w, unsigned int ms);
/* An expectation step (expect, expect-no, expect-order, expect state). */
int run_wait(struct run_world *w, const struct scn_step *st);
/* Every expect-fail seen, every violation expected. */
int run_check_violations(struct run_world *w);

/* ---- run-actions.c ---------------------------------------------------- */

/* Performs action step @st. 0 or RUN_CHILD_STEP_FAILED (reported). */
int run_act(struct run_world *w, const struct scn_step *st);

/* ---- run-medium.c ----------------------------------------------------- */

/* After sim_ctx_new, before any radio. 0 or -errno (reported). */
int run_medium_start(struct run_world *w);
/* After radios were made (the medium delivers only to radios it knows). */
int run_medium_sync(struct run_world *w);
/* The action link AP ADAPTER ... */
int run_medium_act(struct run_world *w, const struct scn_step *st,
		   const struct scn_action_args *a);
/* The action scan ADAPTER AP [signal=DBM]. */
int run_medium_scan(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a);
/* A "medium" trace record with its counters (while the host exists). */
void run_medium_trace(struct run_world *w);
void run_medium_free(struct run_world *w);

/* ---- run-control.c ---------------------------------------------------- */

/* The action control ADAPTER data=HEX ... (a client's Control request). */
int run_control_act(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a);

/* ---- run-ui.c: the scripted user ---------------------------------------- */

/* session EVENT [id=N], ui-query ADAPTER [phase=], ui-answer ADAPTER ... */
int run_session_act(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a);
int run_ui_query_act(struct run_world *w, const struct scn_step *st,
		     const struct scn_action_args *a);
int run_ui_answer_act(struct run_world *w, const struct scn_step *st,
		      const struct scn_action_args *a);

#endif
