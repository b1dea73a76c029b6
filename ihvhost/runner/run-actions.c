/* SPDX-License-Identifier: MIT */
/*
 * run-actions: the runner's half of the action table. The language's row
 * (lang/scn-actions.c) says how an action is written, checked, documented
 * and described; the row here says what it does to the world, bound by
 * keyword. run_actions_complete() refuses to run when a language row has
 * no implementation (a unit test checks it too).
 *
 * An action function returns 0 or a run_fail() (RUN_CHILD_STEP_FAILED).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "run-eapol.h"
#include "run-world.h"
#include "sim-link.h"
#include "trace.h"
#include "wlan.h"

typedef int (*run_act_fn)(struct run_world *w, const struct scn_step *st,
			  const struct scn_action_args *a);

/* ---- common checks ------------------------------------------------------ */

static int need_sta(struct run_world *w, const struct scn_step *st, size_t i)
{
	if (!w->sta[i])
		return run_fail(w, &st->pos, "%s: adapter %s was removed",
				scn_step_name(st), w->sta_name[i]);
	return 0;
}

static int need_ap(struct run_world *w, const struct scn_step *st, size_t i)
{
	if (!w->ap[i])
		return run_fail(w, &st->pos, "%s: ap %s is not running",
				scn_step_name(st), w->s->aps[i].name);
	return 0;
}

static int result(struct run_world *w, const struct scn_step *st, int rc)
{
	if (rc < 0)
		return run_fail(w, &st->pos, "%s failed: %s", scn_step_name(st),
				strerror(-rc));
	return 0;
}

/* ---- the actions -------------------------------------------------------- */

static int act_connect(struct run_world *w, const struct scn_step *st,
		       const struct scn_action_args *a)
{
	struct ihv_connect_request req = run_world_connect_request(w, a->ap,
								   a->profile);
	int rc = need_sta(w, st, a->adapter);

	if (rc)
		return rc;
	rc = ihv_service_connect(w->svc, run_world_adapter(w, a->adapter), &req);
	/* A refusal by the extension is an outcome the scenario asserts on,
	 * not a failure of the step. */
	if (rc == -EACCES)
		return 0;
	return result(w, st, rc);
}

/*
 * roam: a reassociation, asked of the service (which repeats the RSN and
 * control-port settings of the connection, and keeps its profile), then
 * its outcome, read from the trace: the adapter's "connected" event (the
 * roam worked) or "connect-failed" (it did not; the service has then ended the old
 * association as a roam, service-connect.c). A failed roam fails the step
 * unless the scenario wrote outcome=fail, and then a roam that works fails
 * it: nothing is substituted for a roam that did not happen.
 */
static int act_roam(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a)
{
	uint64_t limit = (uint64_t)(10.0 * w->o->timeout_scale * SIM_NSEC_PER_SEC);
	size_t i = a->adapter, from;
	uint64_t start = sim_clock_now_ns();
	const char *ap = w->s->aps[a->ap].name;
	int rc = need_sta(w, st, i);

	if (rc)
		return rc;
	run_trace_poll(&w->trace);
	from = w->trace.n;
	rc = ihv_service_roam(w->svc, run_world_adapter(w, i), w->ap_bssid[a->ap],
			      w->s->aps[a->ap].freq_mhz);
	if (rc && !a->must_fail)
		return result(w, st, rc);
	while (!rc && sim_clock_now_ns() - start < limit) {
		run_pump(w, 10);
		for (size_t k = from; k < w->trace.n; k++) {
			const char *line = w->trace.recs[k].line;
			char kind[16], type[24], ifx[16];

			if (!run_json_get(line, "kind", kind, sizeof(kind)) ||
			    strcmp(kind, "event") != 0 ||
			    !run_json_get(line, "type", type, sizeof(type)) ||
			    !run_json_get(line, "ifindex", ifx, sizeof(ifx)) ||
			    strtoul(ifx, NULL, 10) != w->sta_ifindex[i])
				continue;
			if (strcmp(type, "connected") == 0) {
				if (a->must_fail)
					return run_fail(w, &st->pos, "roam: the "
							"reassociation to %s worked, but "
							"the scenario expects it to fail "
							"(outcome=fail)", ap);
				return 0;
			}
			if (strcmp(type, "connect-failed") == 0) {
				if (a->must_fail)
					return 0;
				return run_fail(w, &st->pos, "roam: the reassociation "
						"to %s failed (write outcome=fail if "
						"the scenario expects that)", ap);
			}
		}
		from = w->trace.n;
	}
	if (rc)   /* refused at once, and the scenario expects a failure */
		return 0;
	return run_fail(w, &st->pos, "roam: no outcome of the reassociation to "
			"%s within %.1f s (neither connected nor connect-failed)",
			ap, (double)limit / 1e9);
}

static int act_disconnect(struct run_world *w, const struct scn_step *st,
			  const struct scn_action_args *a)
{
	int rc = need_sta(w, st, a->adapter);

	if (rc)
		return rc;
	return result(w, st, ihv_service_disconnect(w->svc,
			run_world_adapter(w, a->adapter), a->reason));
}

static int act_deauth(struct run_world *w, const struct scn_step *st,
		      const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	if (rc)
		return rc;
	return result(w, st, sim_ap_deauthenticate(w->ap[a->ap],
			w->sta_mac[a->adapter], a->reason));
}

static int act_disassoc(struct run_world *w, const struct scn_step *st,
			const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	if (rc)
		return rc;
	return result(w, st, sim_ap_disassociate(w->ap[a->ap],
			w->sta_mac[a->adapter], a->reason));
}

static int act_ap_disable(struct run_world *w, const struct scn_step *st,
			  const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	return rc ? rc : result(w, st, sim_ap_disable(w->ap[a->ap]));
}

static int act_ap_enable(struct run_world *w, const struct scn_step *st,
			 const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	return rc ? rc : result(w, st, sim_ap_enable(w->ap[a->ap]));
}

static int act_ap_stop(struct run_world *w, const struct scn_step *st,
		       const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	if (rc)
		return rc;
	rc = sim_ap_stop(w->ap[a->ap]);
	w->ap[a->ap] = NULL;
	return result(w, st, rc);
}

static int act_ap_vanish(struct run_world *w, const struct scn_step *st,
			 const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	if (rc)
		return rc;
	rc = sim_ap_vanish(w->ap[a->ap]);
	w->ap[a->ap] = NULL;
	return result(w, st, rc);
}

static int act_ap_start(struct run_world *w, const struct scn_step *st,
			const struct scn_action_args *a)
{
	if (w->ap[a->ap])
		return run_fail(w, &st->pos, "ap-start: ap %s is already running",
				w->s->aps[a->ap].name);
	return result(w, st, run_world_start_ap(w, a->ap));
}

static int act_iface_down(struct run_world *w, const struct scn_step *st,
			  const struct scn_action_args *a)
{
	int rc = need_sta(w, st, a->adapter);

	return rc ? rc : result(w, st, sim_sta_set_up(w->sim, w->sta[a->adapter],
						     false));
}

static int act_iface_up(struct run_world *w, const struct scn_step *st,
			const struct scn_action_args *a)
{
	int rc = need_sta(w, st, a->adapter);

	return rc ? rc : result(w, st, sim_sta_set_up(w->sim, w->sta[a->adapter],
						     true));
}

static int act_remove_iface(struct run_world *w, const struct scn_step *st,
			    const struct scn_action_args *a)
{
	int rc = need_sta(w, st, a->adapter);

	return rc ? rc : result(w, st, sim_sta_del_iface(w->sim,
							 w->sta[a->adapter]));
}

static int act_remove_radio(struct run_world *w, const struct scn_step *st,
			    const struct scn_action_args *a)
{
	size_t i = a->adapter;
	int rc = need_sta(w, st, i);

	if (rc)
		return rc;
	/* wlan-live borrows the radio: forget it before it is freed. */
	ihv_wlan_live_remove_radio(w->live, w->sta_wiphy[i]);
	ihv_sim_link_remove_station(w->link, w->sta[i]);
	rc = sim_radio_del(w->sta[i]);
	w->sta[i] = NULL;
	return result(w, st, rc);
}

static int act_rfkill(struct run_world *w, const struct scn_step *st,
		      const struct scn_action_args *a)
{
	int rc = need_sta(w, st, a->adapter);

	return rc ? rc : result(w, st, sim_sta_rfkill(w->sim, w->sta[a->adapter],
						     a->block));
}

static int act_reset(struct run_world *w, const struct scn_step *st,
		     const struct scn_action_args *a)
{
	return result(w, st, ihv_service_reset(w->svc,
			run_world_adapter(w, a->adapter)));
}

/*
 * traffic: data frames both ways between the station and its AP. They
 * pass only when the port is authorized and both ends hold matching
 * keys, so this is what proves that the extension's handshake and key
 * installation worked (or, with outcome=fail, that nothing gets through
 * without them). The counts go to the trace's air lane either way.
 */
static int act_traffic(struct run_world *w, const struct scn_step *st,
		       const struct scn_action_args *a)
{
	size_t i = a->adapter;
	const char *ap = w->s->aps[a->ap].name;
	unsigned int timeout_ms = (unsigned int)((2000.0 + 20.0 * a->count) *
						 w->o->timeout_scale);
	struct sim_traffic_result res = { 0 };
	struct sim_traffic *t;
	uint64_t start;
	char text[160];
	bool all, none;
	int rc = need_sta(w, st, i);

	if (!rc)
		rc = need_ap(w, st, a->ap);
	if (rc)
		return rc;
	/* The host's loop keeps running while the frames are out: the
	 * extension may have EAPOL to answer meanwhile (a wrong key is
	 * learnt only at the timeout). */
	rc = sim_traffic_start(w->sim, w->sta[i], w->ap[a->ap], a->count, &t);
	if (rc < 0)
		return result(w, st, rc);
	start = sim_clock_now_ns();
	while (!sim_traffic_poll(t, &res) &&
	       sim_clock_now_ns() - start < (uint64_t)timeout_ms * SIM_NSEC_PER_MSEC)
		run_pump(w, 5);
	sim_traffic_free(t);
	snprintf(text, sizeof(text), "traffic %s<->%s: up %u/%u, down %u/%u",
		 w->sta_name[i], ap, res.recv_up, a->count, res.recv_down,
		 a->count);
	run_world_trace_text(w, text, w->sta_name[i], w->sta_ifindex[i]);
	if (w->o->verbose)
		fprintf(stderr, "# %s\n", text);
	all = res.recv_up == a->count && res.recv_down == a->count;
	none = res.recv_up == 0 && res.recv_down == 0;
	if (a->must_fail && !none)
		return run_fail(w, &st->pos, "%s (outcome=fail: no frame may get "
				"through)", text);
	if (!a->must_fail && !all)
		return run_fail(w, &st->pos, "%s (every frame must arrive both "
				"ways; sent up %u, down %u)", text, res.sent_up,
				res.sent_down);
	return 0;
}

static int act_ap_rekey(struct run_world *w, const struct scn_step *st,
			const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	return rc ? rc : result(w, st, sim_ap_rekey_gtk(w->ap[a->ap]));
}

static int act_ap_resend_m3(struct run_world *w, const struct scn_step *st,
			    const struct scn_action_args *a)
{
	int rc = need_ap(w, st, a->ap);

	return rc ? rc : result(w, st, sim_ap_resend_m3(w->ap[a->ap],
							w->sta_mac[a->adapter]));
}

static int act_ap_forge_eapol(struct run_world *w, const struct scn_step *st,
			      const struct scn_action_args *a)
{
	uint8_t frame[RUN_EAPOL_M3_LEN];
	int rc = need_ap(w, st, a->ap);

	if (rc)
		return rc;
	rc = run_eapol_forge_m3(a->forge, frame);
	if (rc < 0)
		return result(w, st, rc);
	return result(w, st, sim_ap_send_eapol(w->ap[a->ap],
					       w->sta_mac[a->adapter], frame,
					       sizeof(frame)));
}

static int act_unload(struct run_world *w, const struct scn_step *st,
		      const struct scn_action_args *a)
{
	ihv_host_unload(w->host);
	return 0;
}

static int act_sleep(struct run_world *w, const struct scn_step *st,
		     const struct scn_action_args *a)
{
	run_pump(w, (unsigned int)a->ms);
	return 0;
}

/* ---- the table ---------------------------------------------------------- */

static const struct {
	const char *name;       /* the language row's keyword */
	run_act_fn fn;
} run_actions[] = {
	{ "connect", act_connect },
	{ "roam", act_roam },
	{ "disconnect", act_disconnect },
	{ "deauth", act_deauth },
	{ "disassoc", act_disassoc },
	{ "ap-disable", act_ap_disable },
	{ "ap-enable", act_ap_enable },
	{ "ap-stop", act_ap_stop },
	{ "ap-vanish", act_ap_vanish },
	{ "ap-start", act_ap_start },
	{ "iface-down", act_iface_down },
	{ "iface-up", act_iface_up },
	{ "remove-iface", act_remove_iface },
	{ "remove-radio", act_remove_radio },
	{ "rfkill", act_rfkill },
	{ "reset", act_reset },
	{ "traffic", act_traffic },
	{ "ap-rekey", act_ap_rekey },
	{ "ap-resend-m3", act_ap_resend_m3 },
	{ "ap-reauth", run_pki_act_reauth },
	{ "ap-forge-eapol", act_ap_forge_eapol },
	{ "control", run_control_act },
	{ "session", run_session_act },
	{ "ui-query", run_ui_query_act },
	{ "ui-answer", run_ui_answer_act },
	{ "link", run_medium_act },
	{ "scan", run_medium_scan },
	{ "unload", act_unload },
	{ "sleep", act_sleep },
};

static run_act_fn run_action_fn(const struct scn_action *def)
{
	for (size_t i = 0; i < sizeof(run_actions) / sizeof(run_actions[0]); i++)
		if (!strcmp(run_actions[i].name, scn_action_name(def)))
			return run_actions[i].fn;
	return NULL;
}

int run_actions_complete(FILE *err)
{
	int rc = 0;

	for (size_t i = 0; i < scn_action_count(); i++) {
		const struct scn_action *def = scn_action_at(i);

		if (!run_action_fn(def)) {
			fprintf(err, "ihvhost: internal error: the scenario action "
				"'%s' has no implementation in the runner\n",
				scn_action_name(def));
			rc = -ENOSYS;
		}
	}
	return rc;
}

int run_act(struct run_world *w, const struct scn_step *st)
{
	run_act_fn fn;

	if (st->kind != SCN_STEP_ACTION)
		return run_wait(w, st);
	fn = run_action_fn(st->u.action.def);
	if (!fn)
		return run_fail(w, &st->pos, "%s: no implementation in the runner",
				scn_step_name(st));
	return fn(w, st, &st->u.action.args);
}
