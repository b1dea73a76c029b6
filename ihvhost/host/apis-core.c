/* SPDX-License-Identifier: MIT */
/*
 * What every Dot11Ext API shares (apis.h, steps 1-3): the process-wide
 * current service, the "api" trace record, handle and window validation,
 * and running a request on the loop. The bottom of the APIs: it calls no
 * other apis*.c file; the buffer tracker (apis-buffer.c), the API
 * implementations (apis-assoc.c, apis-security.c, ...) and the tables (apis.c)
 * call it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "apis-internal.h"
#include "loop.h"
#include "service-internal.h"
#include "trace.h"
#include "verifier.h"

/* See apis.h: the Windows prototypes force this one global. */
static _Atomic(struct ihv_service *) ihv_current;

int ihv_api_current_claim(struct ihv_service *svc)
{
	struct ihv_service *expected = NULL;

	if (!atomic_compare_exchange_strong(&ihv_current, &expected, svc))
		return -EBUSY;
	return 0;
}

void ihv_api_current_release(struct ihv_service *svc)
{
	struct ihv_service *expected = svc;

	atomic_compare_exchange_strong(&ihv_current, &expected, NULL);
}

struct ihv_service *ihv_apis_current(void)
{
	return atomic_load(&ihv_current);
}

/* The adapter @h (a svc handle, or a session of one) belongs to. */
static bool ihv_api_adapter_of(struct ihv_service *svc, uintptr_t h,
			       uint32_t *wiphy, uint32_t *ifindex)
{
	uintptr_t owner = 0;

	if (ihv_handle_check(&svc->handles, h, IHV_HANDLE_CONNECT, &owner, NULL,
			     NULL, NULL) == IHV_HANDLE_OK ||
	    ihv_handle_check(&svc->handles, h, IHV_HANDLE_SECURITY, &owner, NULL,
			     NULL, NULL) == IHV_HANDLE_OK)
		h = owner;
	if (ihv_handle_check(&svc->handles, h, IHV_HANDLE_SVC, &owner, NULL, NULL,
			     NULL) != IHV_HANDLE_OK)
		return false;
	*wiphy = (uint32_t)((uint64_t)owner >> 32);
	*ifindex = (uint32_t)(owner & 0xFFFFFFFFu);
	return true;
}

void ihv_api_trace_ex(struct ihv_service *svc, const char *api, HANDLE h,
		      DWORD ret, const char *note, const struct ihv_api_targs *ta)
{
	struct ihv_trace_rec r;
	uint32_t wiphy, ifindex;
	char hbuf[24];

	if (!svc)
		return;
	ihv_trace_rec_begin(&r, "api");
	ihv_trace_rec_str(&r, "name", api);
	if (h) {
		snprintf(hbuf, sizeof(hbuf), "0x%lx", (unsigned long)(uintptr_t)h);
		ihv_trace_rec_str(&r, "handle", hbuf);
	}
	if (ihv_api_adapter_of(svc, (uintptr_t)(ta && ta->svc_h ? ta->svc_h : h),
			       &wiphy, &ifindex)) {
		ihv_trace_rec_u64(&r, "wiphy", wiphy);
		ihv_trace_rec_u64(&r, "ifindex", ifindex);
	}
	if (ta && ta->peer)
		ihv_trace_rec_mac(&r, "peer", ta->peer);
	if (ta && ta->has_reason)
		ihv_trace_rec_hex32(&r, "reason", ta->reason);
	if (ta && ta->has_win32)
		ihv_trace_rec_win32(&r, "win32", ta->win32);
	if (ta && ta->has_size)
		ihv_trace_rec_u64(&r, "size", ta->size);
	if (ta && ta->eapol)
		ihv_trace_rec_str(&r, "eapol", ta->eapol);
	if (ta && ta->has_index)
		ihv_trace_rec_u64(&r, "index", ta->index);
	if (ta && ta->has_value)
		ihv_trace_rec_u64(&r, "value", ta->value);
	if (ta && ta->has_type)
		ihv_trace_rec_u64(&r, "type", ta->type);
	ihv_trace_rec_win32(&r, "ret", ret);
	if (note)
		ihv_trace_rec_str(&r, "note", note);
	ihv_trace_write(svc->cfg.trace, &r);
}

void ihv_api_trace(struct ihv_service *svc, const char *api, HANDLE h,
		   DWORD ret, const char *note)
{
	ihv_api_trace_ex(svc, api, h, ret, note, NULL);
}

/* ---- validation -------------------------------------------------------- */

static const char *ihv_retire_phrase(enum ihv_handle_retire why)
{
	switch (why) {
	case IHV_RETIRE_NONE:
		return "after its slot was reused";
	case IHV_RETIRE_COMPLETED:
		return "after its completion";
	case IHV_RETIRE_STOPPING:
		return "while Dot11ExtIhvStopPostAssociate runs";
	case IHV_RETIRE_STOPPED:
		return "after Dot11ExtIhvStopPostAssociate";
	case IHV_RETIRE_DEINIT:
		return "after Dot11ExtIhvDeinitAdapter";
	case IHV_RETIRE_CANCELLED:
		return "after the host abandoned the pre-association";
	}
	return "after it ended";
}

DWORD ihv_api_report_handle(struct ihv_service *svc, const char *api,
			    enum ihv_handle_kind kind, uintptr_t h,
			    enum ihv_handle_check chk, enum ihv_handle_retire why)
{
	switch (chk) {
	case IHV_HANDLE_OK:
		return ERROR_SUCCESS;
	case IHV_HANDLE_BAD:
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_HANDLE, api,
				    ihv_handle_kind_name(kind), h,
				    "is not a %s handle this host issued",
				    ihv_handle_kind_name(kind));
		return ERROR_INVALID_PARAMETER;
	case IHV_HANDLE_STALE:
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_STALE_HANDLE, api,
				    ihv_handle_kind_name(kind), h,
				    "used %s", ihv_retire_phrase(why));
		return ERROR_INVALID_STATE;
	}
	return ERROR_INVALID_PARAMETER;
}

DWORD ihv_api_check_adapter(const char *api, HANDLE h, uint32_t window,
			    struct ihv_service **svc_out)
{
	struct ihv_service *svc = ihv_apis_current();
	enum ihv_handle_retire why;
	enum ihv_handle_check chk;
	uint32_t aux = 0;

	*svc_out = svc;
	if (!svc) {
		/* No verifier or trace outlives the service: stderr only. */
		fprintf(stderr, "ihvhost: contract violation: api-out-of-window: "
			"%s called while no extension service is initialised\n", api);
		return ERROR_INVALID_STATE;
	}
	chk = ihv_handle_check(&svc->handles, (uintptr_t)h, IHV_HANDLE_SVC,
			       NULL, &aux, NULL, &why);
	if (chk != IHV_HANDLE_OK)
		return ihv_api_report_handle(svc, api, IHV_HANDLE_SVC, (uintptr_t)h,
					     chk, why);
	if (!(window & IHV_WIN(aux))) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_API_OUT_OF_WINDOW,
				    api, "svc", (uintptr_t)h,
				    "called while the adapter is %s",
				    ihv_adapter_state_name((enum ihv_adapter_state)aux));
		return ERROR_INVALID_STATE;
	}
	return ERROR_SUCCESS;
}

/* ---- run on the loop and wait ----------------------------------------- */

struct ihv_sync {
	DWORD (*fn)(void *);
	void *arg;
	DWORD ret;
	bool done;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void ihv_sync_finish(struct ihv_sync *s, DWORD ret)
{
	pthread_mutex_lock(&s->lock);
	s->ret = ret;
	s->done = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static void ihv_sync_run(void *data)
{
	struct ihv_sync *s = data;

	ihv_sync_finish(s, s->fn(s->arg));
}

static void ihv_sync_drop(void *data)
{
	ihv_sync_finish(data, ERROR_CANCELLED);
}

DWORD ihv_api_run_on_loop(struct ihv_service *svc, DWORD (*fn)(void *), void *arg)
{
	struct ihv_sync s = { .fn = fn, .arg = arg };
	DWORD ret;

	/* Called from inside a handler: the loop is this very thread. */
	if (ihv_loop_in_loop_thread(svc->cfg.loop))
		return fn(arg);
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	if (ihv_loop_post(svc->cfg.loop, ihv_sync_run, &s, ihv_sync_drop) < 0) {
		ret = ERROR_OUTOFMEMORY;
		goto destroy;
	}
	pthread_mutex_lock(&s.lock);
	while (!s.done)
		pthread_cond_wait(&s.cond, &s.lock);
	pthread_mutex_unlock(&s.lock);
	ret = s.ret;
destroy:
	pthread_cond_destroy(&s.cond);
	pthread_mutex_destroy(&s.lock);
	return ret;
}

DWORD ihv_api_win32_from_errno(int rc)
{
	switch (-rc) {
	case 0:
		return ERROR_SUCCESS;
	case EOPNOTSUPP:
		return ERROR_NOT_SUPPORTED;
	case ENOMEM:
		return ERROR_OUTOFMEMORY;
	case EINVAL:
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_INVALID_STATE;
}

void ihv_api_bad_param(struct ihv_service *svc, const char *api, HANDLE h,
		       const char *what)
{
	ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api, "svc",
			    (uintptr_t)h, "%s", what);
}
