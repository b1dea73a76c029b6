/* SPDX-License-Identifier: MIT */
/*
 * bench-wpa: the real-peer baseline of `make bench`'s connect ratio.
 * Debian's wpa_supplicant drives the same kind of hwsim station to the
 * same hostapd (bench-util.h: SSID "bench", channel 1, open, WPA2-PSK or
 * WPA2-Enterprise) in the same kind of private namespace as a scenario,
 * and each cycle is timed from the control-interface request
 * (SELECT_NETWORK) to its CTRL-EVENT-CONNECTED, which wpa_supplicant
 * sends once the port is authorized (WPA_COMPLETED: after association when
 * open, after the 4-way and group key handshakes with WPA2-PSK, after
 * EAP-TLS and then those handshakes with WPA2-Enterprise). Then
 * DISCONNECT, and again.
 *
 * Each cycle does what the host's connect does: a scan of the AP's one
 * channel for its SSID (the network's scan_freq and scan_ssid; its BSS
 * table is flushed first, or wpa_supplicant would reuse results younger
 * than 5 s and skip the scan), then authentication and association. The
 * rest (its scan scheduling, its state machine) is wpa_supplicant's own
 * and is measured as such.
 *
 * WPA2-Enterprise ("eap"): EAP-TLS as BENCH_EAP_USER with the run's PKI
 * (bench-util.h): the CA, the user's certificate and key, and the server's
 * name checked, as the reference extension's profile in tools/bench asks.
 * Every cycle runs the whole EAP-TLS exchange, as every ihvhost connect
 * does: the PMKSA cache is flushed before it (or wpa_supplicant would
 * offer the last PMKID and hostapd skip EAP), TLS session resumption is
 * off (fast_reauth=0; hostapd keeps no sessions either), and a cycle
 * without its CTRL-EVENT-EAP-SUCCESS fails.
 *
 *   usage: bench-wpa open|wpa2|eap CYCLES
 * Prints the figures under the key "wpa_<open|wpa2|eap>_connect"
 * (bench-util.h). IHV_WPA_SUPPLICANT overrides the binary
 * (/usr/sbin/wpa_supplicant); IHV_BENCH_WPA_DEBUG=1 runs it with -dd -t
 * and prints its log at the end.
 */
#define _GNU_SOURCE /* close_range */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

#define WPA_SUPPLICANT_DEFAULT "/usr/sbin/wpa_supplicant"
#define WPA_CONNECT_MS 10000
#define WPA_DISCONNECT_MS 5000
#define WPA_START_MS 10000
#define WPA_REPLY_MS 3000

struct wpa_peer {
	pid_t pid;
	int ctrl;                 /* datagram socket connected to its ctrl iface */
	char dir[32];             /* mkdtemp: config, log, both sockets */
	char conf[48], log[48], ctrl_dir[48], local[48], remote[72];
	/* Events seen since the last wpa_expect() */
	bool connected, disconnected, eap_success;
	char refusal[160];        /* an event that ends a connect attempt:
				   * refused association, a wrong key, an
				   * EAP failure */
};

static void wpa_log_tail(const struct wpa_peer *p, size_t max)
{
	char buf[8192];
	ssize_t n;
	off_t size;
	int fd = open(p->log, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > (off_t)max)
		lseek(fd, size - (off_t)max, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stderr);
	close(fd);
}

static int wpa_write_conf(struct wpa_peer *p, const struct bench_world *w,
			  enum sim_security sec)
{
	FILE *f = fopen(p->conf, "we");

	if (!f)
		return -errno;
	fprintf(f, "ctrl_interface=%s\nap_scan=1\nupdate_config=0\n%s"
		"network={\n\tssid=\"%s\"\n\tscan_ssid=1\n\tscan_freq=%d\n"
		"\tfreq_list=%d\n\tdisabled=1\n",
		p->ctrl_dir, sec == SIM_SEC_WPA2_EAP ? "fast_reauth=0\n" : "",
		BENCH_SSID, BENCH_FREQ_MHZ, BENCH_FREQ_MHZ);
	switch (sec) {
	case SIM_SEC_OPEN:
		fprintf(f, "\tkey_mgmt=NONE\n");
		break;
	case SIM_SEC_WPA2_PSK:
		fprintf(f, "\tkey_mgmt=WPA-PSK\n\tproto=RSN\n\tpairwise=CCMP\n"
			"\tgroup=CCMP\n\tpsk=\"%s\"\n", BENCH_PASSPHRASE);
		break;
	case SIM_SEC_WPA2_EAP:
		/* What the extension's <EapTls> profile holds: identity, CA,
		 * client certificate and key, the server's name. */
		fprintf(f, "\tkey_mgmt=WPA-EAP\n\tproto=RSN\n\tpairwise=CCMP\n"
			"\tgroup=CCMP\n\teap=TLS\n\tidentity=\"%s\"\n"
			"\tca_cert=\"%s\"\n\tclient_cert=\"%s\"\n"
			"\tprivate_key=\"%s\"\n\tdomain_match=\"%s\"\n",
			BENCH_EAP_USER, w->pki.ca_cert, w->client_cert,
			w->client_key, SIM_PKI_SERVER_NAME);
		break;
	}
	fprintf(f, "}\n");
	return fclose(f) == 0 ? 0 : -errno;
}

static int wpa_spawn(struct wpa_peer *p, const char *ifname)
{
	const char *path = getenv("IHV_WPA_SUPPLICANT");
	bool debug = getenv("IHV_BENCH_WPA_DEBUG") &&
		     strcmp(getenv("IHV_BENCH_WPA_DEBUG"), "1") == 0;
	char *argv[] = { (char *)"wpa_supplicant", (char *)"-D", (char *)"nl80211",
			 (char *)"-i", (char *)ifname, (char *)"-c", p->conf,
			 debug ? (char *)"-ddt" : NULL, NULL };
	pid_t parent = getpid();
	int logfd, nullfd;

	if (!path || !path[0])
		path = WPA_SUPPLICANT_DEFAULT;
	logfd = open(p->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (logfd < 0)
		return -errno;
	nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (nullfd < 0) {
		close(logfd);
		return -errno;
	}
	p->pid = fork();
	if (p->pid == 0) {
		/* Like hostapd (sim/hostapd.c): never outlives the bench. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		if (dup2(nullfd, 0) < 0 || dup2(logfd, 1) < 0 || dup2(logfd, 2) < 0)
			_exit(127);
		close_range(3, ~0u, CLOSE_RANGE_CLOEXEC);
		execv(path, argv);
		dprintf(2, "exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(nullfd);
	close(logfd);
	return p->pid < 0 ? -errno : 0;
}

static bool wpa_alive(struct wpa_peer *p)
{
	int status;

	if (p->pid <= 0)
		return false;
	if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
		fprintf(stderr, "bench-wpa: wpa_supplicant exited (status 0x%x)\n",
			status);
		p->pid = 0;
		return false;
	}
	return true;
}

/* One datagram from the ctrl iface, or -ETIMEDOUT at @end_ns. Unsolicited
 * events ("<N>CTRL-EVENT-...") are noted in @p and returned as well. */
static ssize_t wpa_recv(struct wpa_peer *p, char *buf, size_t len, uint64_t end_ns)
{
	for (;;) {
		struct pollfd pfd = { .fd = p->ctrl, .events = POLLIN };
		uint64_t now = sim_clock_now_ns();
		ssize_t n;

		if (now >= end_ns)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, (int)((end_ns - now) / SIM_NSEC_PER_MSEC) + 1) < 0 &&
		    errno != EINTR)
			return -errno;
		n = recv(p->ctrl, buf, len - 1, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		buf[n] = '\0';
		if (buf[0] != '<')
			return n;
		if (strstr(buf, "CTRL-EVENT-CONNECTED"))
			p->connected = true;
		else if (strstr(buf, "CTRL-EVENT-DISCONNECTED"))
			p->disconnected = true;
		else if (strstr(buf, "CTRL-EVENT-EAP-SUCCESS"))
			p->eap_success = true;
		else if (strstr(buf, "CTRL-EVENT-ASSOC-REJECT") ||
			 strstr(buf, "CTRL-EVENT-SSID-TEMP-DISABLED") ||
			 strstr(buf, "CTRL-EVENT-EAP-FAILURE"))
			snprintf(p->refusal, sizeof(p->refusal), "%s", buf);
		return n;
	}
}

/* Sends @cmd and waits for its reply (events in between are noted). */
static int wpa_request(struct wpa_peer *p, const char *cmd, char *reply, size_t len)
{
	uint64_t end = sim_clock_now_ns() + WPA_REPLY_MS * SIM_NSEC_PER_MSEC;
	ssize_t n;

	if (send(p->ctrl, cmd, strlen(cmd), 0) < 0)
		return -errno;
	do {
		n = wpa_recv(p, reply, len, end);
	} while (n >= 0 && reply[0] == '<');
	if (n < 0) {
		fprintf(stderr, "bench-wpa: %s: no reply: %s\n", cmd, strerror((int)-n));
		return (int)n;
	}
	return 0;
}

static int wpa_request_ok(struct wpa_peer *p, const char *cmd)
{
	char reply[256];
	int rc = wpa_request(p, cmd, reply, sizeof(reply));

	if (rc == 0 && strncmp(reply, "OK", 2) != 0) {
		fprintf(stderr, "bench-wpa: %s: %s", cmd, reply);
		rc = -EPROTO;
	}
	return rc;
}

/* Waits until @flag (one of @p's event flags) is set. */
static int wpa_expect(struct wpa_peer *p, bool *flag, unsigned int ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)ms * SIM_NSEC_PER_MSEC;
	char buf[512];

	while (!*flag) {
		ssize_t n = wpa_recv(p, buf, sizeof(buf), end);

		if (p->refusal[0] && flag == &p->connected) {
			fprintf(stderr, "bench-wpa: %s\n", p->refusal);
			return -EPROTO;
		}
		if (n < 0)
			return (int)n;
	}
	return 0;
}

/* Connects our datagram socket to wpa_supplicant's once it exists. */
static int wpa_attach(struct wpa_peer *p, const char *ifname)
{
	struct sockaddr_un local = { .sun_family = AF_UNIX };
	struct sockaddr_un remote = { .sun_family = AF_UNIX };
	uint64_t end = sim_clock_now_ns() + WPA_START_MS * SIM_NSEC_PER_MSEC;
	char reply[512];
	int rc;

	snprintf(p->remote, sizeof(p->remote), "%s/%s", p->ctrl_dir, ifname);
	snprintf(local.sun_path, sizeof(local.sun_path), "%s", p->local);
	snprintf(remote.sun_path, sizeof(remote.sun_path), "%s", p->remote);
	p->ctrl = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p->ctrl < 0)
		return -errno;
	if (bind(p->ctrl, (struct sockaddr *)&local, sizeof(local)) < 0)
		return -errno;
	while (connect(p->ctrl, (struct sockaddr *)&remote, sizeof(remote)) < 0) {
		if (errno != ENOENT && errno != ECONNREFUSED)
			return -errno;
		if (!wpa_alive(p))
			return -ECHILD;
		if (sim_clock_now_ns() >= end)
			return -ETIMEDOUT;
		usleep(20000);
	}
	rc = wpa_request_ok(p, "ATTACH");
	if (rc)
		return rc;
	/* Idle first (no network is enabled yet): a start-up scan still
	 * running would land in the first cycle. */
	while ((rc = wpa_request(p, "STATUS", reply, sizeof(reply))) == 0 &&
	       !strstr(reply, "wpa_state=INACTIVE") &&
	       !strstr(reply, "wpa_state=DISCONNECTED")) {
		if (sim_clock_now_ns() >= end)
			return -ETIMEDOUT;
		usleep(20000);
	}
	return rc;
}

static int wpa_start(struct wpa_peer *p, const struct bench_world *w,
		     enum sim_security sec)
{
	const char *ifname = sim_radio_info(w->sta)->ifname;
	int rc;

	*p = (struct wpa_peer){ .ctrl = -1 };
	snprintf(p->dir, sizeof(p->dir), "/tmp/bench-wpa.XXXXXX");
	if (!mkdtemp(p->dir))
		return -errno;
	snprintf(p->conf, sizeof(p->conf), "%s/wpa.conf", p->dir);
	snprintf(p->log, sizeof(p->log), "%s/wpa.log", p->dir);
	snprintf(p->ctrl_dir, sizeof(p->ctrl_dir), "%s/ctrl", p->dir);
	snprintf(p->local, sizeof(p->local), "%s/bench", p->dir);
	rc = wpa_write_conf(p, w, sec);
	if (rc == 0)
		rc = wpa_spawn(p, ifname);
	if (rc == 0)
		rc = wpa_attach(p, ifname);
	return rc;
}

static void wpa_stop(struct wpa_peer *p)
{
	if (p->ctrl >= 0)
		close(p->ctrl);
	if (p->pid > 0) {
		/* SIGTERM: it deauthenticates and removes its socket. */
		bool reaped = false;

		kill(p->pid, SIGTERM);
		for (int i = 0; i < 200 && !reaped; i++) {
			reaped = waitpid(p->pid, NULL, WNOHANG) != 0;
			if (!reaped)
				usleep(10000);
		}
		if (!reaped) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, NULL, 0);
		}
	}
	unlink(p->local);
	unlink(p->remote);
	rmdir(p->ctrl_dir);
	unlink(p->conf);
	unlink(p->log);
	rmdir(p->dir);
}

int main(int argc, char **argv)
{
	const char *usage = "bench-wpa open|wpa2|eap CYCLES";
	enum sim_security sec;
	struct sim_monitor *mon;
	struct bench_events ev;
	struct bench_world w;
	struct wpa_peer p = { .ctrl = -1 };
	int cycles, done = 0, rc;
	char key[32];
	double *ms;

	if (argc == 3 && strcmp(argv[1], "open") == 0)
		sec = SIM_SEC_OPEN;
	else if (argc == 3 && strcmp(argv[1], "wpa2") == 0)
		sec = SIM_SEC_WPA2_PSK;
	else if (argc == 3 && strcmp(argv[1], "eap") == 0)
		sec = SIM_SEC_WPA2_EAP;
	else {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}
	snprintf(key, sizeof(key), "wpa_%s_connect", argv[1]);
	cycles = bench_cycles_arg(argv[2], usage);
	if (cycles < 0)
		return 2;
	ms = calloc((size_t)cycles, sizeof(*ms));
	if (!ms)
		return 1;
	bench_private_net("bench-wpa");
	rc = bench_world_new(&w, sec);
	if (rc == 0) {
		rc = bench_monitor_new(&w, &ev, &mon);
		if (rc)
			bench_world_free(&w);
	}
	if (rc) {
		fprintf(stderr, "bench-wpa: setup: %s\n", strerror(-rc));
		free(ms);
		return 1;
	}
	rc = wpa_start(&p, &w, sec);
	if (rc) {
		fprintf(stderr, "bench-wpa: starting wpa_supplicant on %s: %s; "
			"its log:\n", sim_radio_info(w.sta)->ifname, strerror(-rc));
		wpa_log_tail(&p, 4096);
		wpa_stop(&p);
		sim_monitor_free(mon);
		bench_world_free(&w);
		free(ms);
		return 1;
	}
	for (int i = 0; i < cycles; i++) {
		uint64_t t0;

		/* Forgets the last scan: without this, wpa_supplicant
		 * connects from results younger than 5 s without scanning,
		 * and every ihvhost connect scans. */
		rc = wpa_request_ok(&p, "BSS_FLUSH 0");
		/* Forgets the last PMK: the whole EAP-TLS exchange each time. */
		if (rc == 0 && sec == SIM_SEC_WPA2_EAP)
			rc = wpa_request_ok(&p, "PMKSA_FLUSH");
		p.connected = p.disconnected = p.eap_success = false;
		p.refusal[0] = '\0';
		ev.connected = ev.disconnected = false;
		ev.status = 0;
		t0 = sim_clock_now_ns();
		if (rc == 0)
			rc = wpa_request_ok(&p, "SELECT_NETWORK 0");
		if (rc == 0)
			rc = wpa_expect(&p, &p.connected, WPA_CONNECT_MS);
		if (rc == 0 && sec == SIM_SEC_WPA2_EAP && !p.eap_success) {
			fprintf(stderr, "bench-wpa: cycle %d: connected without "
				"CTRL-EVENT-EAP-SUCCESS (no full EAP-TLS exchange: "
				"a cached PMK?)\n", i);
			rc = -EPROTO;
		}
		if (rc == 0)
			ms[done++] = (double)(sim_clock_now_ns() - t0) /
				     SIM_NSEC_PER_MSEC;
		else
			fprintf(stderr, "bench-wpa: cycle %d: %s\n", i, strerror(-rc));
		/* Until the kernel says the station is disconnected (its
		 * CTRL-EVENT-DISCONNECTED comes before), as bench-connect
		 * does: no cycle starts in the last one's teardown. */
		if (wpa_request_ok(&p, "DISCONNECT") == 0 && rc == 0)
			bench_wait(mon, &ev, &ev.disconnected, WPA_DISCONNECT_MS);
	}
	rc = bench_report(key, ms, done, cycles);
	if (rc || getenv("IHV_BENCH_WPA_DEBUG")) {
		fprintf(stderr, "bench-wpa: wpa_supplicant's log (end):\n");
		wpa_log_tail(&p, rc ? 4096 : 1 << 20);
	}
	wpa_stop(&p);
	sim_monitor_free(mon);
	bench_world_free(&w);
	free(ms);
	return rc;
}
