/* SPDX-License-Identifier: MIT */
/* What the connect baselines share; see bench-util.h. */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "bench-util.h"

void bench_private_net(const char *prog)
{
	/* The same three steps as the runner's run_private_net: a failure
	 * of the later two only costs rfkill and cleanup, which no
	 * baseline uses, so they are not even reported. */
	if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) {
		fprintf(stderr, "%s: no private network namespace (%s): "
			"sharing the current one\n", prog, strerror(errno));
		return;
	}
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0 &&
	    umount2("/sys", MNT_DETACH) == 0)
		mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
}

/* The run's PKI, as a scenario with `user BENCH_EAP_USER` gets it, and
 * the AP's EAP-TLS user list. */
static int bench_world_pki(struct bench_world *w, struct sim_ap_config *apc)
{
	static const char *const users[] = { BENCH_EAP_USER };
	int rc = sim_pki_new(w->ctx, users, 1, &w->pki);

	if (rc)
		return rc;
	if ((size_t)snprintf(w->client_cert, sizeof(w->client_cert), "%s/%s.pem",
			     w->pki.dir, BENCH_EAP_USER) >= sizeof(w->client_cert) ||
	    (size_t)snprintf(w->client_key, sizeof(w->client_key), "%s/%s.key",
			     w->pki.dir, BENCH_EAP_USER) >= sizeof(w->client_key))
		return -ENAMETOOLONG;
	apc->pki = &w->pki;
	apc->eap_users = users;
	apc->n_eap_users = 1;
	return 0;
}

int bench_world_new(struct bench_world *w, enum sim_security sec)
{
	struct sim_ap_config apc = {
		.ssid = BENCH_SSID, .freq_mhz = BENCH_FREQ_MHZ, .security = sec,
		.passphrase = sec == SIM_SEC_WPA2_PSK ? BENCH_PASSPHRASE : NULL,
	};
	int rc;

	*w = (struct bench_world){ 0 };
	rc = sim_ctx_new(&w->ctx);
	if (rc)
		return rc;
	if (sec == SIM_SEC_WPA2_EAP) {
		rc = bench_world_pki(w, &apc);
		if (rc) {
			bench_world_free(w);
			return rc;
		}
	}
	rc = sim_radio_new(w->ctx, "bap", &w->ap_radio);
	if (rc == 0)
		rc = sim_radio_new(w->ctx, "bsta", &w->sta);
	if (rc == 0)
		rc = sim_ap_start(w->ctx, w->ap_radio, &apc, &w->ap);
	if (rc)
		bench_world_free(w);
	return rc;
}

void bench_world_free(struct bench_world *w)
{
	/* The ctx owns the radios and the AP. */
	sim_ctx_free(w->ctx);
	*w = (struct bench_world){ 0 };
}

static void bench_on_event(const struct sim_event *e, void *data)
{
	struct bench_events *ev = data;

	if (e->ifindex != ev->ifindex)
		return;
	switch (e->type) {
	case SIM_EV_CONNECTED:
		ev->connected = true;
		break;
	case SIM_EV_CONNECT_FAILED:
		ev->status = e->u.connect.status ? e->u.connect.status : 1;
		break;
	case SIM_EV_DISCONNECTED:
		ev->disconnected = true;
		break;
	case SIM_EV_IFACE_REMOVED:
	case SIM_EV_RADIO_REMOVED:
	case SIM_EV_RADIO_NEW:
		break;
	}
}

int bench_monitor_new(struct bench_world *w, struct bench_events *ev,
		      struct sim_monitor **out)
{
	*ev = (struct bench_events){ .ifindex = sim_radio_info(w->sta)->ifindex };
	return sim_monitor_new_live(w->ctx, bench_on_event, ev, out);
}

int bench_wait(struct sim_monitor *mon, struct bench_events *ev, bool *flag,
	       unsigned int ms)
{
	uint64_t end = sim_clock_now_ns() + (uint64_t)ms * SIM_NSEC_PER_MSEC;

	while (!*flag && !ev->status) {
		struct pollfd p = { .fd = sim_monitor_fd(mon), .events = POLLIN };
		uint64_t now = sim_clock_now_ns();

		if (now >= end)
			return -ETIMEDOUT;
		poll(&p, 1, (int)((end - now) / SIM_NSEC_PER_MSEC) + 1);
		sim_monitor_dispatch(mon);
	}
	return *flag ? 0 : -EPROTO;
}

int bench_cycles_arg(const char *arg, const char *usage)
{
	char *end;
	long n;

	errno = 0;
	n = arg ? strtol(arg, &end, 10) : 0;
	if (!arg || errno || *end || n < 1 || n > BENCH_MAX_CYCLES) {
		fprintf(stderr, "usage: %s (CYCLES: 1..%d)\n", usage,
			BENCH_MAX_CYCLES);
		return -1;
	}
	return (int)n;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int bench_report(const char *key, double *ms, int done, int cycles)
{
	for (int i = 0; i < done; i++)
		printf("%s_cycle %.1f\n", key, ms[i]);
	if (done > 0) {
		qsort(ms, (size_t)done, sizeof(*ms), bench_cmp);
		printf("%s_ms_median %.1f\n%s_ms_min %.1f\n%s_ms_max %.1f\n",
		       key, ms[done / 2], key, ms[0], key, ms[done - 1]);
	}
	printf("%s_cycles %d/%d\n", key, done, cycles);
	fflush(stdout);
	if (done < cycles) {
		fprintf(stderr, "%s: %d of %d cycles failed\n", key,
			cycles - done, cycles);
		return 1;
	}
	return 0;
}
