/* SPDX-License-Identifier: MIT */
/*
 * run-child: one scenario, in its own process.
 *
 * Builds the scenario's 802.11 world (an hwsim radio + hostapd per AP, an
 * hwsim station radio per adapter), loads the extension into a host whose
 * WLAN service talks to that world through wlan-live, feeds it the live
 * nl80211 monitor's events, then walks the steps. Actions change the world
 * and open a new expectation window; expectations pump the event loop and
 * read the host's trace back until they hold or their window closes.
 *
 * Everything created here is also released by the kernel if this process
 * dies (radios are DESTROY_ON_CLOSE, hostapd has PDEATHSIG), which is what
 * makes a crashing extension safe to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <sys/mount.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "loop.h"
#include "run-expect.h"
#include "run.h"
#include "service.h"
#include "trace.h"
#include "sim.h"
#include "verifier.h"
#include "wlan.h"

#define RUN_MAX_OBJ 128

struct run_world {
	const struct scn_script *s;
	const struct run_options *o;

	struct sim_ctx *sim;
	struct sim_monitor *mon;
	struct ihv_wlan_live *live;
	struct ihv_host *host;
	struct ihv_service *svc;

	struct sim_radio *ap_radio[RUN_MAX_OBJ];
	struct sim_ap *ap[RUN_MAX_OBJ];
	uint8_t ap_bssid[RUN_MAX_OBJ][6];

	struct sim_radio *sta[RUN_MAX_OBJ];   /* NULL once removed */
	const char *sta_name[RUN_MAX_OBJ];
	uint32_t sta_ifindex[RUN_MAX_OBJ];
	uint32_t sta_wiphy[RUN_MAX_OBJ];
	uint8_t sta_mac[RUN_MAX_OBJ][6];

	struct run_binding bind;
	struct run_trace trace;
	size_t window;        /* first trace record of the current window */
	bool unloaded;
	bool sample;          /* IHV_RUN_SAMPLE: rss/fds in action records */
	int monitor_err;
};

static uint64_t run_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

__attribute__((format(printf, 3, 4)))
static int run_fail(const struct run_world *w, const struct scn_pos *pos,
		    const char *fmt, ...)
{
	va_list ap;

	if (pos)
		fprintf(stderr, "%s:%u:%u: ", pos->file, pos->line, pos->col);
	else
		fprintf(stderr, "%s: ", w->s->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RUN_CHILD_STEP_FAILED;
}

/* ---- the world -------------------------------------------------------- */

static void run_on_event(const struct sim_event *ev, void *data)
{
	struct run_world *w = data;

	if (w->svc && !w->unloaded)
		ihv_service_event(w->svc, ev);
}

static void run_on_monitor(int fd, uint32_t events, void *data)
{
	struct run_world *w = data;
	int rc = sim_monitor_dispatch(w->mon);

	if (rc < 0 && rc != -EAGAIN && !w->monitor_err) {
		w->monitor_err = rc;
		fprintf(stderr, "ihvhost: nl80211 monitor: %s\n", strerror(-rc));
	}
}

static struct ihv_wlan_adapter run_ad(const struct run_world *w, size_t i)
{
	return (struct ihv_wlan_adapter){ .wiphy = w->sta_wiphy[i],
					  .ifindex = w->sta_ifindex[i] };
}

static enum sim_security run_sec(enum scn_security s)
{
	switch (s) {
	case SCN_SEC_OPEN:
		return SIM_SEC_OPEN;
	case SCN_SEC_WPA2:
		return SIM_SEC_WPA2_PSK;
	}
	return SIM_SEC_OPEN;
}

static int run_start_ap(struct run_world *w, size_t i)
{
	const struct scn_ap *a = &w->s->aps[i];
	struct sim_ap_config cfg = {
		.ssid = a->ssid,
		.freq_mhz = a->freq_mhz,
		.security = run_sec(a->security),
		.passphrase = a->passphrase,
	};
	int rc = sim_ap_start(w->sim, w->ap_radio[i], &cfg, &w->ap[i]);

	if (rc) {
		fprintf(stderr, "%s:%u:%u: ap %s: hostapd did not start: %s\n",
			a->pos.file, a->pos.line, a->pos.col, a->name,
			strerror(-rc));
		return rc;
	}
	memcpy(w->ap_bssid[i], sim_ap_bssid(w->ap[i]), 6);
	return 0;
}

static const char *run_ext_path(const struct run_world *w, char *buf, size_t len)
{
	switch (w->s->extension) {
	case SCN_EXT_REFERENCE:
		if (w->o->extension)
			return w->o->extension;
		snprintf(buf, len, "%s/libihv-reference.so", w->o->ext_dir);
		return buf;
	case SCN_EXT_MISBEHAVE:
		snprintf(buf, len, "%s/libihv-misbehave.so", w->o->ext_dir);
		return buf;
	case SCN_EXT_PATH:
		if (w->s->ext_path[0] == '/')
			return w->s->ext_path;
		{
			/* Relative to the scenario file, like an #include. */
			const char *slash = strrchr(w->s->file, '/');
			int dir = slash ? (int)(slash - w->s->file) : 1;

			snprintf(buf, len, "%.*s/%s", dir,
				 slash ? w->s->file : ".", w->s->ext_path);
		}
		return buf;
	}
	return NULL;
}

/* A setup record on the air lane (the world the scenario declared). */
static void run_trace_setup(struct run_world *w, const char *text,
			    const char *adapter, uint32_t ifindex)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "action");
	ihv_trace_rec_str(&r, "text", text);
	if (adapter) {
		ihv_trace_rec_str(&r, "adapter", adapter);
		ihv_trace_rec_u64(&r, "ifindex", ifindex);
	}
	ihv_trace_write(ihv_host_trace(w->host), &r);
}

/*
 * A private network namespace per scenario: hwsim creates radios in the
 * requester's namespace and only radios of one namespace hear each other,
 * so parallel scenarios cannot see each other's radios, frames or nl80211
 * events, and natively no NetworkManager or other daemon of the host
 * touches them. sysfs shows the namespace that mounted it, so the scenario
 * also gets its own mount namespace with a fresh /sys (rfkill switches of
 * its radios are found there).
 */
static void run_private_net(const char *file)
{
	if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) {
		fprintf(stderr, "%s: no private network namespace (%s): sharing "
			"the host's; run scenarios one at a time\n", file,
			strerror(errno));
		return;
	}
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
	    umount2("/sys", MNT_DETACH) != 0 ||
	    mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
		fprintf(stderr, "%s: cannot remount /sys in the scenario's "
			"namespace (%s): rfkill steps will fail\n", file,
			strerror(errno));
	/* The sim runtime dir (hostapd configs and sockets) goes in a tmpfs
	 * of this namespace: the runner SIGKILLs this process when it is
	 * interrupted, and the kernel then drops the tmpfs with the
	 * namespace instead of leaving /run/ihvsim-* behind. */
	if (mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") != 0)
		fprintf(stderr, "%s: cannot mount a private /run (%s): a killed "
			"run may leave its runtime dir behind\n", file,
			strerror(errno));
}

static int run_build(struct run_world *w, const char *trace_path,
		     const char *pcap_path, int *exit_code)
{
	const struct scn_script *s = w->s;
	struct ihv_host_options hopts = {
		.trace_path = trace_path,
		.handler_timeout_ms = w->o->handler_timeout_ms,
		.crash_handlers = true,
	};
	char path[PATH_MAX], err[512], name[32];
	const char *ext;
	int rc;

	*exit_code = RUN_CHILD_SETUP_FAILED;
	for (size_t i = 0; i < s->n_env; i++)
		setenv(s->env[i].key, s->env[i].value, 1);
	if (s->n_aps > RUN_MAX_OBJ || s->n_adapters > RUN_MAX_OBJ) {
		fprintf(stderr, "%s: more than %d APs or adapters\n", s->file,
			RUN_MAX_OBJ);
		return -E2BIG;
	}

	run_private_net(s->file);

	rc = sim_ctx_new(&w->sim);
	if (rc) {
		fprintf(stderr, "%s: cannot reach mac80211_hwsim/nl80211: %s\n",
			s->file, strerror(-rc));
		return rc;
	}
	for (size_t i = 0; i < s->n_aps; i++) {
		snprintf(name, sizeof(name), "%s", s->aps[i].name);
		rc = sim_radio_new(w->sim, name, &w->ap_radio[i]);
		if (rc) {
			fprintf(stderr, "%s: ap %s: cannot create radio: %s\n",
				s->file, name, strerror(-rc));
			return rc;
		}
		rc = run_start_ap(w, i);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < s->n_adapters; i++) {
		const struct sim_radio_info *ri;

		rc = sim_radio_new(w->sim, s->adapters[i].name, &w->sta[i]);
		if (rc) {
			fprintf(stderr, "%s: adapter %s: cannot create radio: %s\n",
				s->file, s->adapters[i].name, strerror(-rc));
			return rc;
		}
		ri = sim_radio_info(w->sta[i]);
		w->sta_name[i] = s->adapters[i].name;
		w->sta_ifindex[i] = ri->ifindex;
		w->sta_wiphy[i] = ri->wiphy;
		memcpy(w->sta_mac[i], ri->addr, 6);
	}
	w->bind = (struct run_binding){
		.adapter_names = w->sta_name,
		.adapter_ifindex = w->sta_ifindex,
		.adapter_wiphy = w->sta_wiphy,
		.adapter_mac = (const uint8_t (*)[6])w->sta_mac,
		.ap_bssid = (const uint8_t (*)[6])w->ap_bssid,
		.n_adapters = s->n_adapters,
		.n_aps = s->n_aps,
	};

	rc = ihv_wlan_live_new(w->sim, &w->live);
	if (rc)
		return rc;
	hopts.wlan = (struct ihv_wlan){ .ops = &ihv_wlan_live_ops, .ctx = w->live };
	ext = run_ext_path(w, path, sizeof(path));
	rc = ihv_host_new(ext, &hopts, &w->host, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "ihvhost: %s\n", err);
		*exit_code = IHV_EXIT_LOAD;
		return rc;
	}
	w->svc = ihv_host_service(w->host);
	rc = run_trace_open(&w->trace, trace_path);
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", s->file, trace_path, strerror(-rc));
		return rc;
	}

	rc = sim_monitor_new_live(w->sim, run_on_event, w, &w->mon);
	if (rc) {
		fprintf(stderr, "%s: nl80211 monitor: %s\n", s->file, strerror(-rc));
		return rc;
	}
	if (pcap_path) {
		rc = sim_monitor_record(w->mon, pcap_path);
		if (rc) {
			fprintf(stderr, "%s: %s: %s\n", s->file, pcap_path,
				strerror(-rc));
			return rc;
		}
	}
	rc = ihv_loop_watch_fd(ihv_host_loop(w->host), sim_monitor_fd(w->mon),
			       EPOLLIN, run_on_monitor, w);
	if (rc)
		return rc;

	for (size_t i = 0; i < s->n_aps; i++) {
		const uint8_t *m = w->ap_bssid[i];
		char text[128];

		snprintf(text, sizeof(text),
			 "%s up: hostapd, ssid %s, %u MHz, %s, bssid %02x:%02x:%02x:%02x:%02x:%02x",
			 s->aps[i].name, s->aps[i].ssid, s->aps[i].freq_mhz,
			 s->aps[i].security == SCN_SEC_WPA2 ? "WPA2-PSK" : "open",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		run_trace_setup(w, text, NULL, 0);
	}
	for (size_t i = 0; i < s->n_adapters; i++) {
		const uint8_t *m = w->sta_mac[i];
		char text[128];

		snprintf(text, sizeof(text),
			 "%s appears: hwsim radio, wiphy %u, ifindex %u, mac %02x:%02x:%02x:%02x:%02x:%02x",
			 w->sta_name[i], w->sta_wiphy[i], w->sta_ifindex[i],
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		run_trace_setup(w, text, w->sta_name[i], w->sta_ifindex[i]);
		rc = ihv_wlan_live_add_radio(w->live, w->sta[i]);
		if (!rc)
			rc = ihv_service_adapter_add(w->svc, run_ad(w, i),
						     w->sta_mac[i], w->sta_name[i]);
		if (rc) {
			fprintf(stderr, "%s:%u:%u: adapter %s: InitAdapter path failed: %s\n",
				s->adapters[i].pos.file, s->adapters[i].pos.line,
				s->adapters[i].pos.col, w->sta_name[i], strerror(-rc));
			*exit_code = RUN_CHILD_STEP_FAILED;
			return rc;
		}
	}
	*exit_code = 0;
	return 0;
}

static void run_teardown(struct run_world *w)
{
	if (w->host) {
		if (w->mon)
			ihv_loop_unwatch_fd(ihv_host_loop(w->host),
					    sim_monitor_fd(w->mon));
		ihv_host_free(w->host);
	}
	sim_monitor_free(w->mon);
	ihv_wlan_live_free(w->live);
	run_trace_close(&w->trace);
	sim_ctx_free(w->sim); /* stops the APs, deletes the radios */
}

/* ---- pumping and expectations ----------------------------------------- */

/* Runs the loop for up to @ms, reading the trace back as it grows. */
static void run_pump(struct run_world *w, unsigned int ms)
{
	uint64_t end = run_now_ns() + (uint64_t)ms * 1000000ull;

	for (;;) {
		uint64_t now = run_now_ns();
		int slice;

		run_trace_poll(&w->trace);
		if (now >= end)
			break;
		slice = (int)((end - now) / 1000000ull);
		ihv_loop_run_once(ihv_host_loop(w->host), slice > 10 ? 10 : slice + 1);
	}
}

static size_t run_count(struct run_world *w, const struct scn_callee *c,
			const struct scn_expect *e, size_t from, size_t *first)
{
	size_t n = 0;

	for (size_t i = from; i < w->trace.n; i++)
		if (run_rec_matches(w->trace.recs[i].line, c, e->matchers,
				    e->n_matchers, &w->bind)) {
			if (n++ == 0 && first)
				*first = i;
		}
	return n;
}

/* An expectation's window, stretched by --timeout-scale: slow builds
 * (sanitizers, valgrind) and slow machines get proportionally longer to
 * see the same events, without editing the scenarios. */
static uint64_t run_scaled(const struct run_world *w, uint64_t ms)
{
	return (uint64_t)((double)ms * w->o->timeout_scale);
}

static uint64_t run_window(const struct run_world *w, const struct scn_expect *e,
			   uint64_t dflt)
{
	return run_scaled(w, e->window_given ? e->window_ms : dflt);
}

static int run_expect(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	const struct scn_callee *c = e->targets[0];
	char what[256];
	uint64_t start = run_now_ns(), win;
	size_t n;

	run_expect_describe(c, e->matchers, e->n_matchers, what, sizeof(what));
	if (e->has_count) {
		win = run_window(w, e, SCN_DEFAULT_FOR_MS);
		run_pump(w, (unsigned int)win);
		n = run_count(w, c, e, w->window, NULL);
		if (n != e->count)
			return run_fail(w, &st->pos,
					"expect count=%u %s: seen %zu times",
					e->count, what, n);
		return 0;
	}
	win = run_window(w, e, SCN_DEFAULT_WITHIN_MS);
	for (;;) {
		if (run_count(w, c, e, w->window, NULL))
			return 0;
		if (run_now_ns() - start >= win * 1000000ull)
			break;
		run_pump(w, 10);
	}
	return run_fail(w, &st->pos, "expect %s: not seen within %.3f s", what,
			(double)win / 1000.0);
}

static int run_expect_no(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	const struct scn_callee *c = e->targets[0];
	char what[256];
	size_t first = 0;

	run_expect_describe(c, e->matchers, e->n_matchers, what, sizeof(what));
	run_pump(w, (unsigned int)run_window(w, e, SCN_DEFAULT_FOR_MS));
	if (run_count(w, c, e, w->window, &first))
		return run_fail(w, &st->pos, "expect-no %s: seen: %s", what,
				w->trace.recs[first].line);
	return 0;
}

static int run_expect_order(struct run_world *w, const struct scn_step *st)
{
	const struct scn_expect *e = &st->u.expect;
	uint64_t start = run_now_ns(), win = run_window(w, e, SCN_DEFAULT_WITHIN_MS);
	size_t reached = 0;

	for (;;) {
		size_t from = w->window;

		reached = 0;
		for (size_t t = 0; t < e->n_targets; t++) {
			size_t at = 0;

			if (!run_count(w, e->targets[t], e, from, &at))
				break;
			reached++;
			from = at + 1;
		}
		if (reached == e->n_targets)
			return 0;
		if (run_now_ns() - start >= win * 1000000ull)
			break;
		run_pump(w, 10);
	}
	return run_fail(w, &st->pos,
			"expect-order: %s not seen after %s within %.3f s",
			e->targets[reached]->name,
			reached ? e->targets[reached - 1]->name : "the last action",
			(double)win / 1000.0);
}

static enum ihv_adapter_state run_state(enum scn_adapter_state s)
{
	switch (s) {
	case SCN_STATE_NONE:
		return IHV_ADAPTER_NONE;
	case SCN_STATE_INITIALISED:
		return IHV_ADAPTER_INITIALISED;
	case SCN_STATE_PRE_ASSOCIATING:
		return IHV_ADAPTER_PRE_ASSOCIATING;
	case SCN_STATE_ASSOCIATING:
		return IHV_ADAPTER_ASSOCIATING;
	case SCN_STATE_POST_ASSOCIATING:
		return IHV_ADAPTER_POST_ASSOCIATING;
	case SCN_STATE_AUTHORIZED:
		return IHV_ADAPTER_AUTHORIZED;
	}
	return IHV_ADAPTER_NONE;
}

static int run_expect_state(struct run_world *w, const struct scn_step *st)
{
	size_t i = st->u.state.adapter;
	enum ihv_adapter_state want = run_state(st->u.state.state), got;
	uint64_t start = run_now_ns();
	uint64_t win = run_scaled(w, st->u.state.within_ms ? st->u.state.within_ms
							    : SCN_DEFAULT_WITHIN_MS);

	for (;;) {
		got = ihv_service_adapter_state(w->svc, run_ad(w, i));
		if (got == want)
			return 0;
		if (run_now_ns() - start >= win * 1000000ull)
			break;
		run_pump(w, 10);
	}
	return run_fail(w, &st->pos, "expect state %s %s: still %s after %.3f s",
			w->sta_name[i], ihv_adapter_state_name(want),
			ihv_adapter_state_name(got), (double)win / 1000.0);
}

/* ---- actions ---------------------------------------------------------- */

static int run_connect_params(const struct run_world *w, size_t ap,
			      struct sim_connect_params *p)
{
	const struct scn_ap *a = &w->s->aps[ap];

	*p = (struct sim_connect_params){
		.ssid = a->ssid,
		.bssid = w->ap_bssid[ap],
		.freq_mhz = a->freq_mhz,
		.security = run_sec(a->security),
		.passphrase = a->passphrase,
	};
	return 0;
}

static int run_action_rc(struct run_world *w, const struct scn_step *st, int rc);

/*
 * roam: a reassociation through nl80211, then its outcome. Under emulation
 * a reassociation can time out; mac80211 has then left the old AP already
 * and the service has ended that association as a roam (service-connect.c).
 * A WLAN service would now connect to the AP it meant to roam to, and so
 * does this step, through the service (pre-association included), so the
 * scenario sees the adapter end up on the target AP either way. The
 * fallback is traced ("action") and printed, never silent.
 */
static int run_roam(struct run_world *w, const struct scn_step *st, size_t i,
		    size_t ap)
{
	struct ihv_connect_request req;
	struct sim_connect_params p;
	uint64_t start = run_now_ns();
	size_t from;
	int rc;

	run_connect_params(w, ap, &p);
	run_trace_poll(&w->trace);
	from = w->trace.n;
	rc = sim_sta_roam(w->sim, w->sta[i], &p);
	if (rc)
		return run_action_rc(w, st, rc);
	while (run_now_ns() - start < 10000000000ull) {
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
			if (strcmp(type, "connected") == 0)
				return 0;
			if (strcmp(type, "connect-failed") != 0)
				continue;
			fprintf(stderr, "%s:%u:%u: roam: the reassociation to %s failed; "
				"connecting to it through the service\n", st->pos.file,
				st->pos.line, st->pos.col, w->s->aps[ap].name);
			run_trace_setup(w, "roam failed: connecting to the target AP "
					"through the service", w->sta_name[i],
					w->sta_ifindex[i]);
			req = (struct ihv_connect_request){
				.ssid = p.ssid, .bssid = p.bssid, .freq_mhz = p.freq_mhz,
				.security = p.security, .passphrase = p.passphrase,
			};
			return run_action_rc(w, st, ihv_service_connect(w->svc,
									run_ad(w, i), &req));
		}
		from = w->trace.n;
	}
	/* No outcome at all: let the scenario's expectations say what is
	 * missing. */
	return 0;
}

static int run_need_sta(struct run_world *w, const struct scn_step *st, size_t i)
{
	if (!w->sta[i])
		return run_fail(w, &st->pos, "%s: adapter %s was removed",
				scn_step_kind_name(st->kind), w->sta_name[i]);
	return 0;
}

static int run_need_ap(struct run_world *w, const struct scn_step *st, size_t i)
{
	if (!w->ap[i])
		return run_fail(w, &st->pos, "%s: ap %s is not running",
				scn_step_kind_name(st->kind), w->s->aps[i].name);
	return 0;
}

static int run_action_rc(struct run_world *w, const struct scn_step *st, int rc)
{
	if (rc < 0)
		return run_fail(w, &st->pos, "%s failed: %s",
				scn_step_kind_name(st->kind), strerror(-rc));
	return 0;
}

static int run_action(struct run_world *w, const struct scn_step *st)
{
	struct sim_connect_params p;
	struct ihv_connect_request req;
	size_t a, i;
	int rc;

	switch (st->kind) {
	case SCN_STEP_CONNECT:
		i = st->u.link.adapter;
		a = st->u.link.ap;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		run_connect_params(w, a, &p);
		req = (struct ihv_connect_request){
			.ssid = p.ssid, .bssid = p.bssid, .freq_mhz = p.freq_mhz,
			.security = p.security, .passphrase = p.passphrase,
		};
		rc = ihv_service_connect(w->svc, run_ad(w, i), &req);
		/* A refusal by the extension is an outcome the scenario
		 * asserts on, not a failure of the step. */
		if (rc == -EACCES)
			return 0;
		return run_action_rc(w, st, rc);
	case SCN_STEP_ROAM:
		i = st->u.link.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		return run_roam(w, st, i, st->u.link.ap);
	case SCN_STEP_DISCONNECT:
		i = st->u.disconnect.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		return run_action_rc(w, st, ihv_service_disconnect(w->svc, run_ad(w, i),
								   st->u.disconnect.reason));
	case SCN_STEP_DEAUTH:
	case SCN_STEP_DISASSOC:
		a = st->u.frame.ap;
		i = st->u.frame.adapter;
		if ((rc = run_need_ap(w, st, a)))
			return rc;
		rc = st->kind == SCN_STEP_DEAUTH
			? sim_ap_deauthenticate(w->ap[a], w->sta_mac[i], st->u.frame.reason)
			: sim_ap_disassociate(w->ap[a], w->sta_mac[i], st->u.frame.reason);
		return run_action_rc(w, st, rc);
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
		a = st->u.ap.ap;
		if ((rc = run_need_ap(w, st, a)))
			return rc;
		rc = st->kind == SCN_STEP_AP_DISABLE ? sim_ap_disable(w->ap[a])
						     : sim_ap_enable(w->ap[a]);
		return run_action_rc(w, st, rc);
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
		a = st->u.ap.ap;
		if ((rc = run_need_ap(w, st, a)))
			return rc;
		rc = st->kind == SCN_STEP_AP_STOP ? sim_ap_stop(w->ap[a])
						  : sim_ap_vanish(w->ap[a]);
		w->ap[a] = NULL;
		return run_action_rc(w, st, rc);
	case SCN_STEP_AP_START:
		a = st->u.ap.ap;
		if (w->ap[a])
			return run_fail(w, &st->pos, "ap-start: ap %s is already running",
					w->s->aps[a].name);
		return run_action_rc(w, st, run_start_ap(w, a));
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
		i = st->u.adapter.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		return run_action_rc(w, st, sim_sta_set_up(w->sim, w->sta[i],
							   st->kind == SCN_STEP_IFACE_UP));
	case SCN_STEP_REMOVE_IFACE:
		i = st->u.adapter.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		return run_action_rc(w, st, sim_sta_del_iface(w->sim, w->sta[i]));
	case SCN_STEP_REMOVE_RADIO:
		i = st->u.adapter.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		/* wlan-live borrows the radio: forget it before it is freed. */
		ihv_wlan_live_remove_radio(w->live, w->sta_wiphy[i]);
		rc = sim_radio_del(w->sta[i]);
		w->sta[i] = NULL;
		return run_action_rc(w, st, rc);
	case SCN_STEP_RFKILL:
		i = st->u.rfkill.adapter;
		if ((rc = run_need_sta(w, st, i)))
			return rc;
		return run_action_rc(w, st, sim_sta_rfkill(w->sim, w->sta[i],
							   st->u.rfkill.block));
	case SCN_STEP_RESET:
		i = st->u.adapter.adapter;
		return run_action_rc(w, st, ihv_service_reset(w->svc, run_ad(w, i)));
	case SCN_STEP_UNLOAD:
		ihv_host_unload(w->host);
		w->unloaded = true;
		return 0;
	case SCN_STEP_SLEEP:
		run_pump(w, (unsigned int)st->u.sleep.ms);
		return 0;
	case SCN_STEP_EXPECT:
		return run_expect(w, st);
	case SCN_STEP_EXPECT_NO:
		return run_expect_no(w, st);
	case SCN_STEP_EXPECT_ORDER:
		return run_expect_order(w, st);
	case SCN_STEP_EXPECT_STATE:
		return run_expect_state(w, st);
	}
	return run_fail(w, &st->pos, "unknown step");
}

/* ---- the trace of the scenario's own actions -------------------------- */

/* Which adapter an action concerns (SCN_NONE: none). */
static size_t run_step_adapter(const struct scn_step *st)
{
	switch (st->kind) {
	case SCN_STEP_CONNECT:
	case SCN_STEP_ROAM:
		return st->u.link.adapter;
	case SCN_STEP_DISCONNECT:
		return st->u.disconnect.adapter;
	case SCN_STEP_DEAUTH:
	case SCN_STEP_DISASSOC:
		return st->u.frame.adapter;
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
	case SCN_STEP_REMOVE_IFACE:
	case SCN_STEP_REMOVE_RADIO:
	case SCN_STEP_RESET:
		return st->u.adapter.adapter;
	case SCN_STEP_RFKILL:
		return st->u.rfkill.adapter;
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
	case SCN_STEP_AP_START:
	case SCN_STEP_UNLOAD:
	case SCN_STEP_SLEEP:
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
	case SCN_STEP_EXPECT_STATE:
		break;
	}
	return SCN_NONE;
}

static void run_describe(const struct run_world *w, const struct scn_step *st,
			 char *buf, size_t len)
{
	const struct scn_script *s = w->s;
	const char *ad = NULL;
	size_t i = run_step_adapter(st);

	if (i != SCN_NONE)
		ad = w->sta_name[i];
	switch (st->kind) {
	case SCN_STEP_CONNECT:
	case SCN_STEP_ROAM:
		snprintf(buf, len, "%s %s %s (ssid %s, %u MHz)", ad,
			 st->kind == SCN_STEP_CONNECT ? "connects to" : "roams to",
			 s->aps[st->u.link.ap].name, s->aps[st->u.link.ap].ssid,
			 s->aps[st->u.link.ap].freq_mhz);
		return;
	case SCN_STEP_DISCONNECT:
		snprintf(buf, len, "%s disconnects (reason %u)", ad,
			 st->u.disconnect.reason);
		return;
	case SCN_STEP_DEAUTH:
	case SCN_STEP_DISASSOC:
		snprintf(buf, len, "%s %s %s (reason %u)", s->aps[st->u.frame.ap].name,
			 st->kind == SCN_STEP_DEAUTH ? "deauthenticates" : "disassociates",
			 ad, st->u.frame.reason);
		return;
	case SCN_STEP_AP_DISABLE:
	case SCN_STEP_AP_ENABLE:
	case SCN_STEP_AP_STOP:
	case SCN_STEP_AP_VANISH:
	case SCN_STEP_AP_START:
		snprintf(buf, len, "%s: %s%s", s->aps[st->u.ap.ap].name,
			 scn_step_kind_name(st->kind),
			 st->kind == SCN_STEP_AP_VANISH ? " (hostapd SIGKILL, beacons stop)" :
			 st->kind == SCN_STEP_AP_STOP ? " (hostapd SIGTERM)" : "");
		return;
	case SCN_STEP_RFKILL:
		snprintf(buf, len, "%s: rfkill %s", ad,
			 st->u.rfkill.block ? "block" : "unblock");
		return;
	case SCN_STEP_IFACE_DOWN:
	case SCN_STEP_IFACE_UP:
	case SCN_STEP_REMOVE_IFACE:
	case SCN_STEP_REMOVE_RADIO:
	case SCN_STEP_RESET:
		snprintf(buf, len, "%s: %s", ad, scn_step_kind_name(st->kind));
		return;
	case SCN_STEP_UNLOAD:
	case SCN_STEP_SLEEP:
	case SCN_STEP_EXPECT:
	case SCN_STEP_EXPECT_NO:
	case SCN_STEP_EXPECT_ORDER:
	case SCN_STEP_EXPECT_STATE:
		snprintf(buf, len, "%s", scn_step_kind_name(st->kind));
		return;
	}
}

/* Resident set (kB) and open descriptors of this process, for the soak
 * and scale figures of `make bench` (IHV_RUN_SAMPLE=1). */
static void run_sample(struct ihv_trace_rec *r)
{
	char line[128];
	struct dirent *d;
	unsigned long fds = 0;
	FILE *f = fopen("/proc/self/status", "re");
	DIR *dir;

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			ihv_trace_rec_u64(r, "rss_kb", strtoull(line + 6, NULL, 10));
	if (f)
		fclose(f);
	dir = opendir("/proc/self/fd");
	while (dir && (d = readdir(dir)))
		if (d->d_name[0] != '.')
			fds++;
	if (dir) {
		closedir(dir);
		ihv_trace_rec_u64(r, "fds", fds - 1); /* not opendir's own */
	}
}

/* An "action" record: the air lane of the timeline, and what teaches it
 * the adapters' names (adapter + ifindex). */
static void run_trace_action(struct run_world *w, const struct scn_step *st)
{
	struct ihv_trace_rec r;
	size_t i = run_step_adapter(st);
	char text[192];

	if (st->kind == SCN_STEP_SLEEP)
		return;
	run_describe(w, st, text, sizeof(text));
	ihv_trace_rec_begin(&r, "action");
	ihv_trace_rec_str(&r, "text", text);
	if (i != SCN_NONE) {
		ihv_trace_rec_str(&r, "adapter", w->sta_name[i]);
		ihv_trace_rec_u64(&r, "ifindex", w->sta_ifindex[i]);
	}
	ihv_trace_rec_u64(&r, "line", st->pos.line);
	if (w->sample)
		run_sample(&r);
	ihv_trace_write(ihv_host_trace(w->host), &r);
}

/* ---- the verdict ------------------------------------------------------ */

/* Every `expect-fail RULE [callee]` must be in the trace, and every
 * violation in the trace must be one the scenario expected. */
static int run_check_violations(struct run_world *w)
{
	const struct scn_script *s = w->s;
	int rc = 0;

	run_trace_poll(&w->trace);
	for (size_t f = 0; f < s->n_expect_fails; f++) {
		const struct scn_expect_fail *ef = &s->expect_fails[f];
		bool seen = false;

		for (size_t i = 0; i < w->trace.n_violations && !seen; i++) {
			const char *line = w->trace.violations[i].line;
			char v[96];

			if (!run_json_get(line, "kind", v, sizeof(v)) ||
			    strcmp(v, "violation") != 0 ||
			    !run_json_get(line, "rule", v, sizeof(v)) ||
			    strcmp(v, ef->rule) != 0)
				continue;
			if (ef->callee &&
			    (!run_json_get(line, "name", v, sizeof(v)) ||
			     (strcmp(v, ef->callee->full) && strcmp(v, ef->callee->name))))
				continue;
			seen = true;
		}
		if (!seen)
			rc = run_fail(w, &ef->pos,
				      "expect-fail %s%s%s: the verifier did not report it",
				      ef->rule, ef->callee ? " " : "",
				      ef->callee ? ef->callee->name : "");
	}
	for (size_t i = 0; i < w->trace.n_violations; i++) {
		const char *line = w->trace.violations[i].line;
		char kind[16], rule[64];
		bool expected = false;

		if (!run_json_get(line, "kind", kind, sizeof(kind)) ||
		    strcmp(kind, "violation") != 0)
			continue;
		if (!run_json_get(line, "rule", rule, sizeof(rule)))
			rule[0] = '\0';
		for (size_t f = 0; f < s->n_expect_fails; f++)
			if (strcmp(s->expect_fails[f].rule, rule) == 0)
				expected = true;
		if (!expected)
			rc = run_fail(w, NULL, "unexpected contract violation: %s", line);
	}
	return rc;
}

int run_child(const struct scn_script *s, const struct run_options *o,
	      const char *trace_path, const char *pcap_path)
{
	struct run_world w = { .s = s, .o = o, .trace = { .fd = -1 },
			       .sample = getenv("IHV_RUN_SAMPLE") != NULL };
	int exit_code, rc;

	rc = run_build(&w, trace_path, pcap_path, &exit_code);
	if (rc)
		goto out_teardown;

	for (size_t k = 0; k < s->n_steps; k++) {
		const struct scn_step *st = &s->steps[k];

		if (scn_step_is_action(st->kind)) {
			run_trace_poll(&w.trace);
			run_trace_forget(&w.trace);
			w.window = w.trace.n;
			run_trace_action(&w, st);
		}
		if (o->verbose)
			fprintf(stderr, "# %s:%u: %s\n", st->pos.file, st->pos.line,
				scn_step_kind_name(st->kind));
		exit_code = run_action(&w, st);
		if (exit_code)
			goto out_teardown;
		if (w.monitor_err) {
			exit_code = run_fail(&w, &st->pos, "nl80211 monitor failed: %s",
					     strerror(-w.monitor_err));
			goto out_teardown;
		}
	}
	if (!w.unloaded) {
		ihv_host_unload(w.host);
		w.unloaded = true;
	}
	exit_code = run_check_violations(&w);
out_teardown:
	run_teardown(&w);
	return exit_code;
}
