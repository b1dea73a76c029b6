/* SPDX-License-Identifier: MIT */
/*
 * Access points: one hostapd process per AP radio (contract in sim.h).
 *
 * hostapd runs from argv (no shell) with a configuration generated in the
 * ctx's private runtime directory, its output in a log file next to it
 * (the tail is printed when it fails) or, with -dd, in the caller's file
 * (sim_ap_config.log_path), and is driven through its control interface
 * (hostapd-ctrl.c).
 */
#define _GNU_SOURCE /* close_range */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hostapd-ctrl.h"
#include "sim-internal.h"

/* AP-ENABLED takes 0.17 s (open) / 0.43 s (WPA2) under TCG on an idle
 * host, but one ATTACH took over 2 s with the 2-core host at load 15:
 * the bounds only catch a hostapd that is stuck, so they are generous. */
#define AP_START_TIMEOUT_MS 8000
#define AP_REQUEST_TIMEOUT_MS 5000
/* hostapd deauthenticates its stations on SIGTERM, then exits. */
#define AP_STOP_GRACE_MS 3000

struct sim_ap {
	struct sim_ctx *ctx;
	struct sim_ap *next;
	pid_t pid;                  /* 0 once reaped */
	char ifname[16];
	uint8_t bssid[SIM_ETH_ALEN];
	char conf[PATH_MAX];
	char log[PATH_MAX];
	char users[PATH_MAX];       /* WPA2-Enterprise: hostapd's eap_user_file */
	bool debug_log;             /* -dd into the caller's file, kept */
	struct sim_hapd_ctrl req;   /* requests and replies */
	struct sim_hapd_ctrl ev;    /* ATTACHed: the event stream */
};

static void ap_link(struct sim_ctx *ctx, struct sim_ap *ap)
{
	ap->next = ctx->aps;
	ctx->aps = ap;
}

static void ap_unlink(struct sim_ctx *ctx, struct sim_ap *ap)
{
	for (struct sim_ap **pp = &ctx->aps; *pp; pp = &(*pp)->next) {
		if (*pp == ap) {
			*pp = ap->next;
			return;
		}
	}
}

/* Channel and hw_mode hostapd needs for @freq (IEEE 802.11 channel
 * numbering). */
static int freq_to_channel(uint32_t freq, unsigned *chan, const char **mode)
{
	if (freq == 2484) {
		*chan = 14;
		*mode = "b";
	} else if (freq >= 2412 && freq <= 2472 && (freq - 2407) % 5 == 0) {
		*chan = (freq - 2407) / 5;
		*mode = "g";
	} else if (freq >= 5180 && freq <= 5885 && freq % 5 == 0) {
		*chan = (freq - 5000) / 5;
		*mode = "a";
	} else {
		return -EINVAL;
	}
	return 0;
}

static bool passphrase_ok(const char *p)
{
	size_t n = p ? strlen(p) : 0;

	if (n < 8 || n > 63)
		return false;
	/* Printable ASCII only: it goes into a line-based file. */
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

/*
 * WPA2-Enterprise: hostapd's integrated EAP server, EAP-TLS only, its
 * users in a file next to the configuration. eapol_version=2: what
 * wpa_supplicant and Windows speak. No periodic re-authentication: a
 * scenario asks for one (sim_ap_eapol_reauth).
 */
static int write_eap(FILE *f, struct sim_ap *ap, const struct sim_ap_config *cfg)
{
	FILE *u;
	int fd, r = 0;

	fprintf(f, "ieee8021x=1\neapol_version=2\neap_server=1\neap_reauth_period=0\n"
		"eap_user_file=%s\nca_cert=%s\nserver_cert=%s\nprivate_key=%s\n"
		"wpa=2\nwpa_key_mgmt=WPA-EAP\nrsn_pairwise=CCMP\n",
		ap->users, cfg->pki->ca_cert, cfg->pki->server_cert, cfg->pki->server_key);
	fd = open(ap->users, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	u = fdopen(fd, "w");
	if (!u) {
		r = -errno;
		close(fd);
		return r;
	}
	for (size_t i = 0; i < cfg->n_eap_users; i++)
		fprintf(u, "\"%s\" TLS\n", cfg->eap_users[i]);
	if (ferror(u))
		r = -EIO;
	if (fclose(u) != 0 && r == 0)
		r = -errno;
	return r;
}

static bool eap_user_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0;

	if (n < 1 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (id[i] < 0x20 || id[i] > 0x7e || id[i] == '"')
			return false;
	return true;
}

static int write_conf(struct sim_ap *ap, const char *rundir,
		      const struct sim_ap_config *cfg, unsigned chan,
		      const char *mode)
{
	size_t ssid_len = strlen(cfg->ssid);
	FILE *f;
	int fd, r = 0;

	fd = open(ap->conf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f) {
		r = -errno;
		close(fd);
		return r;
	}
	fprintf(f, "interface=%s\ndriver=nl80211\nctrl_interface=%s\n",
		ap->ifname, rundir);
	/* ssid2 in hex: any byte of an SSID is allowed, no quoting rules. */
	fprintf(f, "ssid2=");
	for (size_t i = 0; i < ssid_len; i++)
		fprintf(f, "%02x", (unsigned char)cfg->ssid[i]);
	fprintf(f, "\nhw_mode=%s\nchannel=%u\nbeacon_int=100\n", mode, chan);
	switch (cfg->security) {
	case SIM_SEC_OPEN:
		break;
	case SIM_SEC_WPA2_PSK:
		fprintf(f, "wpa=2\nwpa_key_mgmt=WPA-PSK\nrsn_pairwise=%s\n"
			"wpa_passphrase=%s\n",
			cfg->pairwise_suite == SIM_SUITE_TKIP ? "TKIP" : "CCMP",
			cfg->passphrase);
		break;
	case SIM_SEC_WPA2_EAP:
		r = write_eap(f, ap, cfg);
		break;
	}
	if (ferror(f))
		r = -EIO;
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	return r;
}

/* The end of hostapd's output explains most failures. */
static void print_log_tail(const struct sim_ap *ap)
{
	char buf[2048];
	ssize_t n;
	off_t size;
	int fd;

	fd = open(ap->log, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > (off_t)sizeof(buf) - 1)
		lseek(fd, size - (off_t)sizeof(buf) + 1, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	fprintf(stderr, "sim: tail of %s:\n", ap->log);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		fprintf(stderr, "  hostapd: %s\n", line);
}

static int spawn(struct sim_ap *ap)
{
	const char *path = ap->ctx->hostapd;
	char *const argv[] = { (char *)"hostapd", ap->conf, NULL };
	char *const argv_debug[] = { (char *)"hostapd", (char *)"-dd",
				     (char *)"-t", ap->conf, NULL };
	pid_t parent = getpid();
	int logfd, nullfd;
	pid_t pid;

	/* A restarted AP appends to the caller's log: one file tells the
	 * AP's whole story. */
	logfd = open(ap->log, O_WRONLY | O_CREAT | O_CLOEXEC |
		     (ap->debug_log ? O_APPEND : O_TRUNC), 0600);
	if (logfd < 0)
		return -errno;
	nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (nullfd < 0) {
		close(logfd);
		return -errno;
	}
	pid = fork();
	if (pid < 0) {
		close(nullfd);
		close(logfd);
		return -errno;
	}
	if (pid == 0) {
		/* hostapd must not outlive us: its radio dies with us
		 * (DESTROY_RADIO_ON_CLOSE) and nothing may be left behind. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		if (dup2(nullfd, 0) < 0 || dup2(logfd, 1) < 0 || dup2(logfd, 2) < 0)
			_exit(127);
		/* Descriptors the host opened without O_CLOEXEC (an extension's,
		 * a test runner's) must not leak into hostapd. */
		close_range(3, ~0u, CLOSE_RANGE_CLOEXEC);
		execve(path, ap->debug_log ? argv_debug : argv, ap->ctx->env);
		dprintf(2, "exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(nullfd);
	close(logfd);
	ap->pid = pid;
	return 0;
}

static void reap(struct sim_ap *ap, int sig, unsigned grace_ms)
{
	const struct timespec step = { 0, 10 * 1000 * 1000 };
	uint64_t deadline;
	int status;

	if (!ap->pid)
		return;
	kill(ap->pid, sig);
	deadline = sim_clock_now_ns() + (uint64_t)grace_ms * SIM_NSEC_PER_MSEC;
	while (sim_clock_now_ns() < deadline) {
		if (waitpid(ap->pid, &status, WNOHANG) == ap->pid) {
			ap->pid = 0;
			return;
		}
		nanosleep(&step, NULL);
	}
	if (sig != SIGKILL)
		fprintf(stderr, "sim: hostapd %d ignored signal %d for %u ms: "
			"killing it\n", (int)ap->pid, sig, grace_ms);
	kill(ap->pid, SIGKILL);
	waitpid(ap->pid, &status, 0);
	ap->pid = 0;
}

/* Did hostapd die? Reaps it if so. */
static bool exited(struct sim_ap *ap)
{
	int status;

	if (ap->pid && waitpid(ap->pid, &status, WNOHANG) == ap->pid) {
		fprintf(stderr, "sim: hostapd on %s exited (status %d)\n",
			ap->ifname, WIFEXITED(status) ? WEXITSTATUS(status) :
			128 + WTERMSIG(status));
		ap->pid = 0;
	}
	return ap->pid == 0;
}

/* Waits until hostapd's interface is ENABLED; reads the BSSID. The event
 * may have been sent before we attached, hence STATUS first. */
static int wait_enabled(struct sim_ap *ap, uint64_t deadline)
{
	static const char *const names[] = { "AP-ENABLED", "AP-DISABLED",
					     "INTERFACE-DISABLED", NULL };
	char status[2048];
	uint64_t now;
	int r;

	for (;;) {
		r = sim_hapd_ctrl_request(&ap->req, "STATUS", status,
					  sizeof(status), AP_REQUEST_TIMEOUT_MS);
		if (r < 0)
			return r;
		r = sim_hapd_parse_status(status, ap->bssid);
		if (r != 0)
			return r < 0 ? r : 0;
		if (exited(ap))
			return -EIO;
		now = sim_clock_now_ns();
		if (now >= deadline)
			return -ETIMEDOUT;
		/* Any event is a reason to look at STATUS again; a short
		 * wait also covers a state change we missed. */
		r = sim_hapd_ctrl_wait_event(&ap->ev, names, 100, NULL, 0);
		if (r < 0 && r != -ETIMEDOUT)
			return r;
	}
}

static int connect_ctrl(struct sim_ap *ap, const char *rundir, unsigned seq,
			uint64_t deadline)
{
	const struct timespec step = { 0, 10 * 1000 * 1000 };
	char tag[32];
	int r;

	snprintf(tag, sizeof(tag), "cli%u-req", seq);
	for (;;) {
		r = sim_hapd_ctrl_open(&ap->req, rundir, ap->ifname, tag);
		if (r == 0)
			break;
		if (r != -ENOENT && r != -ECONNREFUSED)
			return r;
		if (exited(ap))
			return -EIO;
		if (sim_clock_now_ns() >= deadline)
			return -ETIMEDOUT;
		nanosleep(&step, NULL);
	}
	snprintf(tag, sizeof(tag), "cli%u-ev", seq);
	r = sim_hapd_ctrl_open(&ap->ev, rundir, ap->ifname, tag);
	if (r < 0)
		return r;
	return sim_hapd_ctrl_ok(&ap->ev, "ATTACH", AP_REQUEST_TIMEOUT_MS);
}

/* <rundir>/hostapd-<ifname><suffix> into a PATH_MAX buffer. */
static int path_in(char *buf, const char *dir, const char *ifname,
		   const char *suffix)
{
	int n = snprintf(buf, PATH_MAX, "%s/hostapd-%s%s", dir, ifname, suffix);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

static void ap_release(struct sim_ap *ap)
{
	sim_hapd_ctrl_close(&ap->ev);
	sim_hapd_ctrl_close(&ap->req);
	unlink(ap->conf);
	if (ap->users[0])
		unlink(ap->users);
	if (!ap->debug_log)
		unlink(ap->log);
	free(ap);
}

int sim_ap_start(struct sim_ctx *ctx, struct sim_radio *radio,
		 const struct sim_ap_config *cfg, struct sim_ap **out)
{
	uint64_t deadline;
	const char *mode;
	struct sim_ap *ap;
	unsigned chan, seq;
	size_t ssid_len;
	int r;

	ssid_len = cfg->ssid ? strlen(cfg->ssid) : 0;
	if (ssid_len < 1 || ssid_len > SIM_SSID_MAX) {
		fprintf(stderr, "sim: AP on %s: ssid must be 1..32 bytes\n",
			radio->info.name);
		return -EINVAL;
	}
	if (!radio->info.ifindex) {
		fprintf(stderr, "sim: AP on %s: the radio has no interface\n",
			radio->info.name);
		return -ENODEV;
	}
	if (freq_to_channel(cfg->freq_mhz, &chan, &mode) < 0) {
		fprintf(stderr, "sim: AP on %s: %u MHz is not a 2.4/5 GHz "
			"channel centre\n", radio->info.name, cfg->freq_mhz);
		return -EINVAL;
	}
	switch (cfg->security) {
	case SIM_SEC_OPEN:
		if (cfg->pairwise_suite) {
			fprintf(stderr, "sim: AP on %s: an open AP has no "
				"pairwise cipher\n", radio->info.name);
			return -EINVAL;
		}
		break;
	case SIM_SEC_WPA2_PSK:
		if (cfg->pairwise_suite && cfg->pairwise_suite != SIM_SUITE_CCMP &&
		    cfg->pairwise_suite != SIM_SUITE_TKIP) {
			fprintf(stderr, "sim: AP on %s: pairwise cipher "
				"0x%08x: only CCMP or TKIP\n",
				radio->info.name, cfg->pairwise_suite);
			return -EINVAL;
		}
		if (!passphrase_ok(cfg->passphrase)) {
			fprintf(stderr, "sim: AP on %s: WPA2 passphrase must be "
				"8..63 printable ASCII characters\n",
				radio->info.name);
			return -EINVAL;
		}
		break;
	case SIM_SEC_WPA2_EAP:
		if (!cfg->pki || (cfg->pairwise_suite && cfg->pairwise_suite != SIM_SUITE_CCMP)) {
			fprintf(stderr, "sim: AP on %s: WPA2-Enterprise needs a PKI "
				"(sim_pki_new) and CCMP\n", radio->info.name);
			return -EINVAL;
		}
		for (size_t i = 0; i < cfg->n_eap_users; i++)
			if (!eap_user_ok(cfg->eap_users[i])) {
				fprintf(stderr, "sim: AP on %s: EAP user %zu must be 1..64 "
					"printable ASCII characters without '\"'\n",
					radio->info.name, i + 1);
				return -EINVAL;
			}
		break;
	}
	/* hostapd refuses a channel the regulatory domain restricts (in the
	 * world domain everything but 1-11 is NO-IR): make it usable, or say
	 * why not, before hostapd runs. */
	r = sim_regdom_allow_ap(ctx, radio, cfg->freq_mhz);
	if (r < 0)
		return r;
	ap = calloc(1, sizeof(*ap));
	if (!ap)
		return -ENOMEM;
	ap->ctx = ctx;
	ap->req.fd = ap->ev.fd = -1;
	seq = ++ctx->seq;
	/* Copies, not a pointer to the radio: the radio may be deleted under
	 * a running AP (a scenario), hostapd then keeps running. */
	memcpy(ap->ifname, radio->info.ifname, sizeof(ap->ifname));
	if (path_in(ap->conf, ctx->rundir, ap->ifname, ".conf") < 0 ||
	    path_in(ap->log, ctx->rundir, ap->ifname, ".log") < 0 ||
	    (cfg->security == SIM_SEC_WPA2_EAP &&
	     path_in(ap->users, ctx->rundir, ap->ifname, ".eap_users") < 0)) {
		r = -ENAMETOOLONG;
		goto release;
	}
	if (cfg->log_path) {
		if (strlen(cfg->log_path) >= sizeof(ap->log)) {
			r = -ENAMETOOLONG;
			goto release;
		}
		snprintf(ap->log, sizeof(ap->log), "%s", cfg->log_path);
		ap->debug_log = true;
	}
	r = write_conf(ap, ctx->rundir, cfg, chan, mode);
	if (r < 0)
		goto release;
	deadline = sim_clock_now_ns() +
		   (uint64_t)AP_START_TIMEOUT_MS * SIM_NSEC_PER_MSEC;
	r = spawn(ap);
	if (r < 0)
		goto release;
	r = connect_ctrl(ap, ctx->rundir, seq, deadline);
	if (r < 0)
		goto kill;
	r = wait_enabled(ap, deadline);
	if (r < 0)
		goto kill;
	ap_link(ctx, ap);
	*out = ap;
	return 0;
kill:
	fprintf(stderr, "sim: hostapd on %s did not start: %s\n", ap->ifname,
		strerror(-r));
	reap(ap, SIGKILL, 0);
	print_log_tail(ap);
release:
	ap_release(ap);
	return r;
}

const uint8_t *sim_ap_bssid(const struct sim_ap *ap)
{
	return ap->bssid;
}

pid_t sim_ap_pid(const struct sim_ap *ap)
{
	return ap->pid;
}

const char *sim_ap_ifname(const struct sim_ap *ap)
{
	return ap->ifname;
}

static int sta_cmd(struct sim_ap *ap, const char *verb,
		   const uint8_t sta[SIM_ETH_ALEN], uint16_t reason)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "%s " SIM_MAC_FMT " reason=%u", verb,
		 SIM_MAC_ARG(sta), reason);
	sim_hapd_ctrl_drain(&ap->ev);
	return sim_hapd_ctrl_ok(&ap->req, cmd, AP_REQUEST_TIMEOUT_MS);
}

int sim_ap_deauthenticate(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
			  uint16_t reason)
{
	return sta_cmd(ap, "DEAUTHENTICATE", sta, reason);
}

int sim_ap_disassociate(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
			uint16_t reason)
{
	return sta_cmd(ap, "DISASSOCIATE", sta, reason);
}

int sim_ap_disable(struct sim_ap *ap)
{
	sim_hapd_ctrl_drain(&ap->ev);
	return sim_hapd_ctrl_ok(&ap->req, "DISABLE", AP_REQUEST_TIMEOUT_MS);
}

int sim_ap_enable(struct sim_ap *ap)
{
	uint64_t deadline;
	int r;

	sim_hapd_ctrl_drain(&ap->ev);
	r = sim_hapd_ctrl_ok(&ap->req, "ENABLE", AP_REQUEST_TIMEOUT_MS);
	if (r < 0)
		return r;
	/* "OK" means the setup started; beacons only once it is ENABLED. */
	deadline = sim_clock_now_ns() +
		   (uint64_t)AP_START_TIMEOUT_MS * SIM_NSEC_PER_MSEC;
	r = wait_enabled(ap, deadline);
	if (r < 0)
		print_log_tail(ap);
	return r;
}

int sim_ap_stop(struct sim_ap *ap)
{
	reap(ap, SIGTERM, AP_STOP_GRACE_MS);
	ap_unlink(ap->ctx, ap);
	ap_release(ap);
	return 0;
}

int sim_ap_vanish(struct sim_ap *ap)
{
	reap(ap, SIGKILL, 0);
	ap_unlink(ap->ctx, ap);
	ap_release(ap);
	return 0;
}

/* ---- what the AP says, and its test hooks ----------------------------- */

int sim_ap_sta_status(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
		      struct sim_ap_sta *out)
{
	char cmd[32], reply[2048];
	int r;

	snprintf(cmd, sizeof(cmd), "STA " SIM_MAC_FMT, SIM_MAC_ARG(sta));
	sim_hapd_ctrl_drain(&ap->ev);
	r = sim_hapd_ctrl_request(&ap->req, cmd, reply, sizeof(reply),
				  AP_REQUEST_TIMEOUT_MS);
	if (r < 0) {
		fprintf(stderr, "sim: hostapd %s: %s\n", cmd, strerror(-r));
		return r;
	}
	r = sim_hapd_parse_sta(reply, sta, out);
	if (r == -EBADMSG)
		fprintf(stderr, "sim: hostapd %s: a reply sim cannot read "
			"(first line \"%.*s\")\n", cmd,
			(int)strcspn(reply, "\n"), reply);
	return r;
}

/*
 * hostapd 2.10 (hostapd/ctrl_iface.c, CONFIG_TESTING_OPTIONS, which
 * Debian's build has): REKEY_GTK only schedules wpa_rekey_gtk
 * (src/ap/wpa_auth.c) on its event loop with a zero timeout and answers
 * OK at once; the rekey itself follows: every group state machine gets
 * GTKReKey, a new GTK with the other index (1 <-> 2), and each station
 * with a completed handshake gets group key message 1/2, protected by its
 * PTK, with the KEK-wrapped GTK and the group's current RSC.
 */
int sim_ap_rekey_gtk(struct sim_ap *ap)
{
	sim_hapd_ctrl_drain(&ap->ev);
	return sim_hapd_ctrl_ok(&ap->req, "REKEY_GTK", AP_REQUEST_TIMEOUT_MS);
}

/*
 * RESEND_M3 <addr> (hostapd 2.10, CONFIG_TESTING_OPTIONS):
 * wpa_auth_resend_m3 builds message 3/4 afresh from the station's state
 * machine: the SAME ANonce as the handshake that completed, Key RSC 0,
 * the current GTK (and its index) in the KEK-wrapped key data, a MIC with
 * the current PTK's KCK, and Install set. It goes out through
 * __wpa_send_eapol, which always increments the station's key replay
 * counter first: the resent M3 carries a NEW replay counter (the last
 * one + 1), not the original's, so a supplicant's replay check accepts it
 * and only its own key-reinstallation guard (KRACK) can tell it apart. The
 * frame is sent encrypted when the AP holds the station's PTK (it does
 * after a completed handshake). "FAIL" for a station hostapd does not
 * know or that has no WPA state machine.
 */
int sim_ap_resend_m3(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN])
{
	char cmd[48];

	snprintf(cmd, sizeof(cmd), "RESEND_M3 " SIM_MAC_FMT, SIM_MAC_ARG(sta));
	sim_hapd_ctrl_drain(&ap->ev);
	return sim_hapd_ctrl_ok(&ap->req, cmd, AP_REQUEST_TIMEOUT_MS);
}

/*
 * EAPOL_REAUTH <addr> (hostapd/ctrl_iface.c, not a testing command):
 * sets the station's 802.1X state machine's reAuthenticate and runs it:
 * a new EAP-Request/Identity follows at once; an EAP-Success then makes
 * the WPA authenticator start a new 4-way handshake with the new PMK.
 * "FAIL" for a station hostapd does not know.
 */
int sim_ap_eapol_reauth(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN])
{
	char cmd[48];

	snprintf(cmd, sizeof(cmd), "EAPOL_REAUTH " SIM_MAC_FMT, SIM_MAC_ARG(sta));
	sim_hapd_ctrl_drain(&ap->ev);
	return sim_hapd_ctrl_ok(&ap->req, cmd, AP_REQUEST_TIMEOUT_MS);
}
