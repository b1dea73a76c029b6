/*
 * ext-core.c - state, configuration, worker thread and completion queue of
 * the sample extensions (the model is described in ext-core.h).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ext-core.h"

const char *const ext_handler_names[EXT_H_COUNT] = {
	"DeinitService", "InitAdapter", "DeinitAdapter", "PerformPreAssociate",
	"AdapterReset", "PerformPostAssociate", "StopPostAssociate",
	"ValidateProfile", "PerformCapabilityMatch", "CreateDiscoveryProfiles",
	"ProcessSessionChange", "ReceiveIndication", "ReceivePacket",
	"SendPacketCompletion", "IsUIRequestPending", "ProcessUIResponse",
	"QueryUIRequest", "OnexIndicateResult", "Control",
};

struct ext_service ext_svc = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};
const struct ext_fault_ops *ext_faults;

/* ------------------------------------------------------------- logging */

void ext_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	/* One write per line so lines of concurrent threads never interleave. */
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", ext_variant.name, line);
}

const char *ext_mac_str(const UCHAR *mac, char buf[18])
{
	if (!mac)
		return "(null)";
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* ------------------------------------------------------------- config */

/*
 * Reads one environment knob. Returns ERROR_SUCCESS, or prints one line
 * naming the variable and the bad value and returns ERROR_INVALID_PARAMETER.
 */
static DWORD ext_env_choice(const char *var, const char *yes, const char *no,
			    int *is_no)
{
	const char *v = getenv(var);

	*is_no = 0;
	if (!v || !strcmp(v, yes))
		return ERROR_SUCCESS;
	if (!strcmp(v, no)) {
		*is_no = 1;
		return ERROR_SUCCESS;
	}
	ext_log("error: %s=%s: expected %s or %s", var, v, yes, no);
	return ERROR_INVALID_PARAMETER;
}

/* A delay in milliseconds from @var, or @dflt when unset. */
static DWORD ext_env_ms(const char *var, unsigned long dflt, unsigned long *out)
{
	const char *v = getenv(var);
	char *end;

	*out = dflt;
	if (!v)
		return ERROR_SUCCESS;
	errno = 0;
	*out = strtoul(v, &end, 10);
	if (!*v || *end || errno || v[0] == '-' || *out > EXT_DELAY_MAX_MS) {
		ext_log("error: %s=%s: expected milliseconds 0..%lu", var, v,
			EXT_DELAY_MAX_MS);
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_SUCCESS;
}

DWORD ext_config_read(struct ext_config *cfg)
{
	DWORD err;

	err = ext_env_ms("IHV_EXT_DELAY_MS", EXT_DELAY_DEFAULT_MS, &cfg->delay_ms);
	if (err != ERROR_SUCCESS)
		return err;
	/* Post-association alone can be slowed (a completion still pending
	 * when the link goes) without slowing the pre-association too. */
	err = ext_env_ms("IHV_EXT_POST_DELAY_MS", cfg->delay_ms, &cfg->post_delay_ms);
	if (err != ERROR_SUCCESS)
		return err;
	err = ext_env_choice("IHV_EXT_PREASSOC", "accept", "refuse", &cfg->refuse_preassoc);
	if (err != ERROR_SUCCESS)
		return err;
	return ext_env_choice("IHV_EXT_POSTASSOC", "authorize", "fail", &cfg->fail_postassoc);
}

/* ------------------------------------------------------------- time */

static void ext_due_in(struct timespec *due, unsigned long ms)
{
	clock_gettime(CLOCK_MONOTONIC, due);
	due->tv_sec += (time_t)(ms / 1000);
	due->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (due->tv_nsec >= 1000000000L) {
		due->tv_sec++;
		due->tv_nsec -= 1000000000L;
	}
}

static int ext_ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* ------------------------------------------------------------- adapters */

/* Lock held. The handle the host passed, if it is one of ours. */
struct ext_adapter *ext_adapter_find(HANDLE h)
{
	struct ext_adapter *ad;

	for (ad = ext_svc.adapters; ad; ad = ad->next)
		if ((HANDLE)ad == h)
			return ad;
	return NULL;
}

/* Lock held. Waits until the worker is not calling the host for @ad. */
void ext_adapter_quiesce(struct ext_adapter *ad)
{
	while (ad->inflight)
		pthread_cond_wait(&ext_svc.cond, &ext_svc.lock);
}

/* Lock held. Frees the copy of the association parameters, if any. */
void ext_adapter_drop_assoc(struct ext_adapter *ad)
{
	if (!ad->assoc_copy)
		return;
	ext_svc.apis.Dot11ExtFreeBuffer(ad->assoc_copy);
	ext_log("Dot11ExtFreeBuffer(%p) (association copy, %lu bytes)",
		ad->assoc_copy, (unsigned long)ad->assoc_bytes);
	ad->assoc_copy = NULL;
	ad->assoc_bytes = 0;
}

/* ------------------------------------------------------------- jobs */

struct ext_job *ext_job_new(enum ext_job_kind kind, struct ext_adapter *ad,
			    HANDLE session)
{
	struct ext_job *job = (struct ext_job *)calloc(1, sizeof(*job));

	if (!job)
		return NULL;
	job->kind = kind;
	job->ad = ad;
	job->session = session;
	job->calls = 1;
	return job;
}

/* Lock held. Inserts @job by due time and wakes the worker. */
void ext_job_queue(struct ext_job *job, unsigned long delay_ms)
{
	struct ext_job **pp = &ext_svc.jobs;

	ext_due_in(&job->due, delay_ms);
	while (*pp && !ext_ts_before(&job->due, &(*pp)->due))
		pp = &(*pp)->next;
	job->next = *pp;
	*pp = job;
	pthread_cond_broadcast(&ext_svc.cond);
}

/*
 * Lock held. Unlinks the queued jobs of @ad whose kind matches @kind_mask
 * (bit per enum ext_job_kind) and returns them as a list.
 */
struct ext_job *ext_jobs_take(struct ext_adapter *ad, unsigned int kind_mask)
{
	struct ext_job **pp = &ext_svc.jobs, *taken = NULL, *job;

	while ((job = *pp)) {
		if (job->ad == ad && (kind_mask & (1u << job->kind))) {
			*pp = job->next;
			job->next = taken;
			taken = job;
		} else {
			pp = &job->next;
		}
	}
	return taken;
}

/* Lock held. Whether @ad still has queued jobs. */
int ext_adapter_has_jobs(const struct ext_adapter *ad)
{
	const struct ext_job *job;

	for (job = ext_svc.jobs; job; job = job->next)
		if (job->ad == ad)
			return 1;
	return 0;
}

void ext_jobs_free(struct ext_job *list)
{
	while (list) {
		struct ext_job *next = list->next;

		free(list);
		list = next;
	}
}

/* Unlocked: the host's API may take its own locks. */
static void ext_job_run(struct ext_job *job)
{
	char mac[18];
	unsigned int i;
	DWORD ret;

	for (i = 0; i < job->calls; i++) {
		switch (job->kind) {
		case EXT_JOB_PRE:
			ret = ext_svc.apis.Dot11ExtPreAssociateCompletion(job->ad->svc,
				job->session, job->reason, job->win32);
			ext_log("Dot11ExtPreAssociateCompletion(session=%p, reason=0x%x, win32=%u) returned %u",
				job->session, (unsigned int)job->reason,
				(unsigned int)job->win32, (unsigned int)ret);
			break;
		case EXT_JOB_POST:
			ret = ext_svc.apis.Dot11ExtPostAssociateCompletion(job->ad->svc,
				job->session, &job->peer, job->reason, job->win32);
			ext_log("Dot11ExtPostAssociateCompletion(session=%p, peer=%s, reason=0x%x, win32=%u) returned %u",
				job->session, ext_mac_str(job->peer, mac),
				(unsigned int)job->reason, (unsigned int)job->win32,
				(unsigned int)ret);
			if (job->win32 == ERROR_SUCCESS && ret == ERROR_SUCCESS)
				ext_notify_authorized(job->ad, job->ad->svc, job->peer);
			break;
		case EXT_JOB_CALL:
			job->call(job);
			break;
		}
	}
	if (job->kind == EXT_JOB_POST && ext_faults && ext_faults->post_completed)
		ext_faults->post_completed(job);
}

void *ext_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&ext_svc.lock);
	while (!ext_svc.stopping) {
		struct ext_job *job = ext_svc.jobs;
		struct timespec now;

		if (!job) {
			pthread_cond_wait(&ext_svc.cond, &ext_svc.lock);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ext_ts_before(&now, &job->due)) {
			pthread_cond_timedwait(&ext_svc.cond, &ext_svc.lock, &job->due);
			continue;
		}
		ext_svc.jobs = job->next;
		job->ad->inflight++;
		pthread_mutex_unlock(&ext_svc.lock);
		ext_job_run(job);
		pthread_mutex_lock(&ext_svc.lock);
		job->ad->inflight--;
		free(job);
		pthread_cond_broadcast(&ext_svc.cond);
	}
	pthread_mutex_unlock(&ext_svc.lock);
	return NULL;
}

/* Lock held. The condvar waits on CLOCK_MONOTONIC (job due times). */
int ext_cond_init_monotonic(void)
{
	pthread_condattr_t attr;
	int rc;

	rc = pthread_condattr_init(&attr);
	if (rc)
		return rc;
	rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (!rc) {
		pthread_cond_destroy(&ext_svc.cond);
		rc = pthread_cond_init(&ext_svc.cond, &attr);
	}
	pthread_condattr_destroy(&attr);
	return rc;
}
