/* SPDX-License-Identifier: MIT */
/*
 * run-world: one scenario's world. Builds an hwsim radio + hostapd per AP
 * and an hwsim station radio per adapter, in a private network namespace,
 * loads the extension into a host whose WLAN service talks to that world
 * through wlan-live, and links sim's nl80211 monitor to the service
 * (host/sim-link.h). Everything created here is also released by the
 * kernel if this process dies (radios are DESTROY_ON_CLOSE, hostapd has
 * PDEATHSIG), which is what makes a crashing extension safe to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>

#include "host.h"
#include "loop.h"
#include "run-verdict.h"
#include "run-world.h"
#include "sim-link.h"
#include "trace.h"

static enum sim_security run_sec(enum scn_security s)
{
	switch (s) {
	case SCN_SEC_OPEN:
		return SIM_SEC_OPEN;
	case SCN_SEC_WPA2:
		return SIM_SEC_WPA2_PSK;
	case SCN_SEC_WPA2_EAP:
		return SIM_SEC_WPA2_EAP;
	}
	return SIM_SEC_OPEN;
}

struct ihv_wlan_adapter run_world_adapter(const struct run_world *w, size_t i)
{
	return (struct ihv_wlan_adapter){ .wiphy = w->sta_wiphy[i],
					  .ifindex = w->sta_ifindex[i] };
}

struct ihv_connect_request run_world_connect_request(const struct run_world *w,
						     size_t ap, size_t profile)
{
	const struct scn_ap *a = &w->s->aps[ap];

	return (struct ihv_connect_request){
		.ssid = a->ssid,
		.bssid = w->ap_bssid[ap],
		.freq_mhz = a->freq_mhz,
		.profile = profile < w->s->n_profiles ? &w->profile[profile] : NULL,
	};
}

/* The language names what a scenario may ask for; the profile the
 * extension sees carries the Windows values. */
static DOT11_BSS_TYPE run_bss(enum scn_bss_type bss)
{
	switch (bss) {
	case SCN_BSS_INFRASTRUCTURE:
		return dot11_BSS_type_infrastructure;
	case SCN_BSS_INDEPENDENT:
		return dot11_BSS_type_independent;
	case SCN_BSS_ANY:
		return dot11_BSS_type_any;
	}
	return dot11_BSS_type_infrastructure;
}

static DOT11_AUTH_ALGORITHM run_auth(enum scn_auth auth)
{
	switch (auth) {
	case SCN_AUTH_OPEN:
		return DOT11_AUTH_ALGO_80211_OPEN;
	case SCN_AUTH_WPA2_PSK:
		return DOT11_AUTH_ALGO_RSNA_PSK;
	case SCN_AUTH_WPA2:
		return DOT11_AUTH_ALGO_RSNA;
	}
	return DOT11_AUTH_ALGO_80211_OPEN;
}

static DOT11_CIPHER_ALGORITHM run_cipher(enum scn_cipher cipher)
{
	switch (cipher) {
	case SCN_CIPHER_NONE:
		return DOT11_CIPHER_ALGO_NONE;
	case SCN_CIPHER_CCMP:
		return DOT11_CIPHER_ALGO_CCMP;
	case SCN_CIPHER_TKIP:
		return DOT11_CIPHER_ALGO_TKIP;
	case SCN_CIPHER_WEP:
		/* A profile's "WEP" is either key size. */
		return DOT11_CIPHER_ALGO_WEP;
	}
	return DOT11_CIPHER_ALGO_NONE;
}

/* One ihv_profile per scenario profile, borrowing the script's strings
 * (the script outlives the world). */
static void run_world_profiles(struct run_world *w)
{
	_Static_assert(SCN_PROFILE_MAX_SSIDS <= IHV_PROFILE_MAX_SSIDS,
		       "a scenario profile's SSIDs fit the service's");

	for (size_t i = 0; i < w->s->n_profiles; i++) {
		const struct scn_profile *sp = &w->s->profiles[i];
		struct ihv_profile *hp = &w->profile[i];

		*hp = (struct ihv_profile){
			.name = sp->name,
			.n_ssids = sp->n_ssids,
			.bss_type = run_bss(sp->bss),
			.auth = run_auth(sp->auth),
			.cipher = run_cipher(sp->cipher),
			.onex = sp->onex,
			.connectivity_xml = sp->connectivity_xml,
			.security_xml = sp->security_xml,
		};
		for (size_t k = 0; k < sp->n_ssids; k++)
			hp->ssids[k] = sp->ssids[k];
	}
}

int run_world_start_ap(struct run_world *w, size_t i)
{
	const struct scn_ap *a = &w->s->aps[i];
	struct sim_ap_config cfg = {
		.ssid = a->ssid,
		.freq_mhz = a->freq_mhz,
		.security = run_sec(a->security),
		.passphrase = a->passphrase,
		.pairwise_suite = a->tkip ? SIM_SUITE_TKIP : 0,
	};
	char log[PATH_MAX + 64];
	int rc;

	/* --artefacts: hostapd's debug log, kept next to the capture. */
	if (w->files && w->files->hostapd_logs) {
		snprintf(log, sizeof(log), "%s.hostapd-%s.log", w->files->base,
			 a->name);
		cfg.log_path = log;
	}
	run_pki_ap_config(w, i, &cfg);
	rc = sim_ap_start(w->sim, w->ap_radio[i], &cfg, &w->ap[i]);

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
	case SCN_EXT_CXX:
		snprintf(buf, len, "%s/libihv-cxx.so", w->o->ext_dir);
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

/* A setup or action record on the air lane (the world the scenario
 * declared, and what its steps do to it). */
void run_world_trace_text(struct run_world *w, const char *text,
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
 * A frame the sniffers heard, on the air lane at its receive time
 * ("rx_t_ns": the writer's own t_ns is when the record was written, later
 * when the loop was busy). Kept small: a handful per association, a few
 * dozen for a `traffic` step.
 */
void run_world_trace_frame(struct run_world *w, const struct sim_air_frame *f)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "frame");
	ihv_trace_rec_u64(&r, "rx_t_ns", f->t_ns);
	ihv_trace_rec_str(&r, "type", sim_air_type_name(f->type));
	if (f->has_addr2)
		ihv_trace_rec_mac(&r, "from", f->addr2);
	ihv_trace_rec_mac(&r, "to", f->addr1);
	if (f->has_code)
		ihv_trace_rec_u64(&r, f->type == SIM_AIR_DEAUTH ||
				  f->type == SIM_AIR_DISASSOC ? "reason" : "status",
				  f->code);
	if (f->type == SIM_AIR_AUTH && !f->protected_frame)
		ihv_trace_rec_u64(&r, "seq", f->auth_seq);
	if (f->eapol)
		ihv_trace_rec_str(&r, "eapol", f->eapol);
	if (f->protected_frame)
		ihv_trace_rec_bool(&r, "protected", true);
	if (f->retry)
		ihv_trace_rec_bool(&r, "retry", true);
	if (w->air_multi)
		ihv_trace_rec_u64(&r, "mhz", f->freq_mhz);
	ihv_trace_write(ihv_host_trace(w->host), &r);
}

static void run_world_on_frame(const struct sim_air_frame *f, void *data)
{
	struct run_world *w = data;

	/* Before the host exists and after it is gone the frames only go
	 * to the capture file. */
	if (w->host)
		run_world_trace_frame(w, f);
}

static void run_world_on_air(int fd, uint32_t events, void *data)
{
	struct run_world *w = data;
	int rc;

	(void)fd;
	(void)events;
	rc = sim_air_dispatch(w->air);
	if (rc)
		fprintf(stderr, "%s: air capture %s: %s (the capture stops "
			"here)\n", w->s->file, w->files->air, strerror(-rc));
}

/*
 * The sniffers, one per channel of the scenario's APs, made once the APs
 * are up (so each channel is allowed by the regulatory domain) and before
 * the host's nl80211 monitor exists (their radios are not the host's
 * business). Without --pcap or --artefacts the capture is a diagnostic
 * nobody asked for: a world without it still runs, and says so on
 * stderr. When the user asked for it (--pcap, --artefacts), a missing
 * capture fails the set-up: nothing is silently left out.
 */
static int run_world_air(struct run_world *w)
{
	uint32_t freqs[SCN_MAX_APS];
	size_t n = 0;
	int rc;

	if (!w->files || !w->files->air[0])
		return 0;
	for (size_t i = 0; i < w->s->n_aps; i++) {
		bool seen = false;

		for (size_t k = 0; k < n; k++)
			seen |= freqs[k] == w->s->aps[i].freq_mhz;
		if (!seen)
			freqs[n++] = w->s->aps[i].freq_mhz;
	}
	if (!n)
		return 0;
	w->air_multi = n > 1;
	rc = sim_air_new(w->sim, freqs, n, w->files->air, run_world_on_frame, w,
			 &w->air);
	if (rc && (w->o->pcap_dir || w->o->artefacts_dir)) {
		fprintf(stderr, "%s: no air capture (asked for by %s): %s\n",
			w->s->file, w->o->pcap_dir ? "--pcap" : "--artefacts",
			strerror(-rc));
		return rc;
	}
	if (rc)
		fprintf(stderr, "%s: no air capture: %s\n", w->s->file,
			strerror(-rc));
	return 0;
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

/* For the host's question "what does the AP say of this station": the
 * running AP with @bssid (APs stop and start during a scenario). */
static struct sim_ap *run_world_ap_by_bssid(const uint8_t bssid[6], void *data)
{
	struct run_world *w = data;

	for (size_t i = 0; i < w->s->n_aps; i++)
		if (w->ap[i] && !memcmp(w->ap_bssid[i], bssid, 6))
			return w->ap[i];
	return NULL;
}

int run_world_build(struct run_world *w, const char *trace_path,
		     const struct run_files *files, int *exit_code)
{
	const char *pcap_path = files && files->pcap[0] ? files->pcap : NULL;
	const struct scn_script *s = w->s;
	struct ihv_host_options hopts = {
		.trace_path = trace_path,
		.handler_timeout_ms = w->o->handler_timeout_ms,
		.crash_handlers = true,
		.roam_threshold_dbm = s->roaming.threshold_dbm,
		.roam_hysteresis_db = (uint32_t)s->roaming.hysteresis_db,
		.roam_better_db = s->roaming.better_db,
		.roam_off = s->roaming.off,
	};
	char path[PATH_MAX], err[512];
	const char *ext;
	int rc;

	*exit_code = RUN_CHILD_SETUP_FAILED;
	w->files = files;
	run_world_profiles(w);

	run_verdict_phase("building the 802.11 world");
	run_private_net(s->file);

	rc = sim_ctx_new(&w->sim);
	if (rc) {
		fprintf(stderr, "%s: cannot reach mac80211_hwsim/nl80211: %s\n",
			s->file, strerror(-rc));
		return rc;
	}
	/* The medium before any radio: every frame of the world passes
	 * through it from the first beacon on. */
	rc = run_medium_start(w);
	if (rc)
		return rc;
	rc = run_pki_build(w);
	if (rc)
		return rc;
	for (size_t i = 0; i < s->n_aps; i++) {
		const char *name = s->aps[i].name;

		rc = sim_radio_new(w->sim, name, &w->ap_radio[i]);
		if (rc) {
			fprintf(stderr, "%s: ap %s: cannot create radio: %s\n",
				s->file, name, strerror(-rc));
			return rc;
		}
		rc = run_world_start_ap(w, i);
		if (rc)
			return rc;
	}
	rc = run_world_air(w);
	if (rc)
		return rc;
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
	rc = run_medium_sync(w);
	if (rc)
		return rc;
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
	ihv_wlan_live_set_ap_lookup(w->live, run_world_ap_by_bssid, w);
	/* The scenario's `env` is the extension's: set only now, after sim
	 * took its copy for hostapd (sim_ctx_new) and after everything the
	 * runner reads from its own environment. */
	for (size_t i = 0; i < s->n_env; i++)
		setenv(s->env[i].key, s->env[i].value, 1);
	ext = run_ext_path(w, path, sizeof(path));
	run_verdict_phase("loading the extension %s", ext);
	rc = ihv_host_new(ext, &hopts, &w->host, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "ihvhost: %s\n", err);
		*exit_code = IHV_EXIT_LOAD;
		return rc;
	}
	w->svc = ihv_host_service(w->host);
	if (w->air) {
		rc = ihv_loop_watch_fd(ihv_host_loop(w->host), sim_air_fd(w->air),
				       EPOLLIN, run_world_on_air, w);
		if (rc)
			fprintf(stderr, "%s: air capture not watched: %s\n",
				s->file, strerror(-rc));
		w->air_watched = !rc;
	}
	rc = run_trace_open(&w->trace, trace_path);
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", s->file, trace_path, strerror(-rc));
		return rc;
	}

	rc = ihv_sim_link_new(w->host, w->sim, &w->link);
	if (rc) {
		fprintf(stderr, "%s: nl80211 monitor: %s\n", s->file, strerror(-rc));
		return rc;
	}
	if (pcap_path) {
		rc = ihv_sim_link_record(w->link, pcap_path);
		if (rc) {
			fprintf(stderr, "%s: %s: %s\n", s->file, pcap_path,
				strerror(-rc));
			return rc;
		}
	}

	for (size_t i = 0; i < s->n_aps; i++) {
		const uint8_t *m = w->ap_bssid[i];
		char text[128];

		snprintf(text, sizeof(text),
			 "%s up: hostapd, ssid %s, %u MHz, %s, bssid " SIM_MAC_FMT,
			 s->aps[i].name, s->aps[i].ssid, s->aps[i].freq_mhz,
			 s->aps[i].security == SCN_SEC_WPA2 ? "WPA2-PSK" :
			 s->aps[i].security == SCN_SEC_WPA2_EAP ? "WPA2-EAP" : "open",
			 SIM_MAC_ARG(m));
		run_world_trace_text(w, text, NULL, 0);
	}
	for (size_t i = 0; i < s->n_adapters; i++) {
		const uint8_t *m = w->sta_mac[i];
		char text[128];

		snprintf(text, sizeof(text),
			 "%s appears: hwsim radio, wiphy %u, ifindex %u, mac " SIM_MAC_FMT,
			 w->sta_name[i], w->sta_wiphy[i], w->sta_ifindex[i],
			 SIM_MAC_ARG(m));
		run_world_trace_text(w, text, w->sta_name[i], w->sta_ifindex[i]);
		rc = ihv_wlan_live_add_radio(w->live, w->sta[i]);
		/* Its control port (EAPOL) is watched from the start: the
		 * AP's first frame may precede the CONNECT event. */
		if (!rc)
			rc = ihv_sim_link_add_station(w->link, w->sta[i]);
		if (!rc)
			rc = ihv_service_adapter_add(w->svc, run_world_adapter(w, i),
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

void run_world_unload(struct run_world *w)
{
	/* What the sniffers heard until now still reaches the trace. */
	if (w->air && w->host) {
		if (w->air_watched)
			ihv_loop_unwatch_fd(ihv_host_loop(w->host), sim_air_fd(w->air));
		w->air_watched = false;
		run_world_on_air(-1, 0, w);
	}
	run_medium_trace(w);
	/* The link watches the host's loop: it goes first. */
	ihv_sim_link_free(w->link);
	w->link = NULL;
	if (w->host && !w->trace_err)
		w->trace_err = ihv_trace_error(ihv_host_trace(w->host),
					       &w->trace_lost);
	ihv_host_free(w->host);
	w->host = NULL;
	w->svc = NULL;
}

void run_world_teardown(struct run_world *w)
{
	run_world_unload(w);
	ihv_wlan_live_free(w->live);
	run_trace_close(&w->trace);
	/* The APs stop before the sniffers go: the capture ends with
	 * hostapd's farewell deauthentications. */
	for (size_t i = 0; w->air && i < w->s->n_aps; i++)
		if (w->ap[i]) {
			sim_ap_stop(w->ap[i]);
			w->ap[i] = NULL;
		}
	sim_air_free(w->air);
	w->air = NULL;
	/* After the farewells of the APs stopped above, which it carries;
	 * whatever comes later the kernel delivers itself. */
	run_medium_free(w);
	sim_ctx_free(w->sim); /* stops the APs, deletes the radios */
	run_pki_free(w);
}
