/* SPDX-License-Identifier: MIT */
/*
 * The Dot11Ext API table, the process-wide current service, the buffer
 * tracker and the validation helpers the API implementations share.
 * The APIs themselves: apis-assoc.c (connection-scoped), apis-adapter.c
 * (adapter-scoped and virtual station).
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis.h"
#include "loop.h"
#include "service-internal.h"
#include "trace.h"
#include "verifier.h"

/* See apis.h: the Windows prototypes force this one global. */
static _Atomic(struct ihv_service *) ihv_current;

struct ihv_buf {
	struct ihv_buf *next, *prev;
	size_t size;
	/* keeps the user area aligned like malloc's */
	_Alignas(16) unsigned char data[];
};

static pthread_mutex_t ihv_buf_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ihv_buf *ihv_bufs;
static struct ihv_buffer_stats ihv_buf_stats;

int ihv_apis_attach(struct ihv_service *svc)
{
	struct ihv_service *expected = NULL;

	if (!atomic_compare_exchange_strong(&ihv_current, &expected, svc))
		return -EBUSY;
	pthread_mutex_lock(&ihv_buf_lock);
	memset(&ihv_buf_stats, 0, sizeof(ihv_buf_stats));
	pthread_mutex_unlock(&ihv_buf_lock);
	return 0;
}

void ihv_apis_detach(struct ihv_service *svc)
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

/* ---- buffers ----------------------------------------------------------- */

static DWORD WINAPI ihv_api_allocate_buffer(DWORD dwByteCount, LPVOID *ppvBuffer)
{
	struct ihv_service *svc = ihv_apis_current();
	struct ihv_buf *b;

	if (!svc) {
		fprintf(stderr, "ihvhost: contract violation: api-out-of-window: "
			"Dot11ExtAllocateBuffer called while no extension service is initialised\n");
		return ERROR_INVALID_STATE;
	}
	if (!ppvBuffer) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER,
				    "Dot11ExtAllocateBuffer", NULL, 0,
				    "with ppvBuffer NULL");
		return ERROR_INVALID_PARAMETER;
	}
	*ppvBuffer = NULL;
	b = malloc(sizeof(*b) + dwByteCount);
	if (!b) {
		ihv_api_trace(svc, "Dot11ExtAllocateBuffer", NULL, ERROR_OUTOFMEMORY, NULL);
		return ERROR_OUTOFMEMORY;
	}
	b->size = dwByteCount;
	pthread_mutex_lock(&ihv_buf_lock);
	b->prev = NULL;
	b->next = ihv_bufs;
	if (ihv_bufs)
		ihv_bufs->prev = b;
	ihv_bufs = b;
	ihv_buf_stats.live++;
	ihv_buf_stats.live_bytes += dwByteCount;
	ihv_buf_stats.allocs++;
	pthread_mutex_unlock(&ihv_buf_lock);
	*ppvBuffer = b->data;
	{
		struct ihv_api_targs ta = { .has_size = true, .size = dwByteCount };

		ihv_api_trace_ex(svc, "Dot11ExtAllocateBuffer", NULL, ERROR_SUCCESS,
				 NULL, &ta);
	}
	return ERROR_SUCCESS;
}

/* Caller holds ihv_buf_lock. Found by address comparison only: a foreign
 * pointer is never dereferenced. */
static struct ihv_buf *ihv_buf_find(const void *p)
{
	for (struct ihv_buf *b = ihv_bufs; b; b = b->next)
		if ((const void *)b->data == p)
			return b;
	return NULL;
}

static void ihv_buf_unlink(struct ihv_buf *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		ihv_bufs = b->next;
	if (b->next)
		b->next->prev = b->prev;
	ihv_buf_stats.live--;
	ihv_buf_stats.live_bytes -= b->size;
}

static VOID WINAPI ihv_api_free_buffer(LPVOID pvMemory)
{
	struct ihv_service *svc = ihv_apis_current();
	struct ihv_buf *b;

	if (!pvMemory)
		return; /* documented no-op */
	pthread_mutex_lock(&ihv_buf_lock);
	b = ihv_buf_find(pvMemory);
	if (b)
		ihv_buf_unlink(b);
	pthread_mutex_unlock(&ihv_buf_lock);
	if (!b) {
		if (svc)
			ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER,
					    "Dot11ExtFreeBuffer", NULL, 0,
					    "of %p, which Dot11ExtAllocateBuffer did not return (or was freed)",
					    pvMemory);
		else
			fprintf(stderr, "ihvhost: contract violation: bad-parameter: "
				"Dot11ExtFreeBuffer of %p, which Dot11ExtAllocateBuffer did not return\n",
				pvMemory);
		return;
	}
	free(b);
	ihv_api_trace(svc, "Dot11ExtFreeBuffer", NULL, ERROR_SUCCESS, NULL);
}

void ihv_apis_buffer_stats(struct ihv_buffer_stats *st)
{
	pthread_mutex_lock(&ihv_buf_lock);
	*st = ihv_buf_stats;
	pthread_mutex_unlock(&ihv_buf_lock);
}

size_t ihv_apis_check_leaks(struct ihv_verifier *v)
{
	size_t n, bytes;

	pthread_mutex_lock(&ihv_buf_lock);
	n = ihv_buf_stats.live;
	bytes = ihv_buf_stats.live_bytes;
	while (ihv_bufs) {
		struct ihv_buf *b = ihv_bufs;

		ihv_buf_unlink(b);
		free(b);
	}
	pthread_mutex_unlock(&ihv_buf_lock);
	if (n)
		ihv_verifier_report(v, IHV_RULE_LEAKED_BUFFER,
				    "Dot11ExtIhvDeinitService", NULL, 0,
				    "returned with %zu buffer(s) (%zu bytes) from Dot11ExtAllocateBuffer still allocated",
				    n, bytes);
	return n;
}

/* ---- the tables --------------------------------------------------------- */

static DOT11EXT_APIS ihv_api_table = {
	.Dot11ExtAllocateBuffer = ihv_api_allocate_buffer,
	.Dot11ExtFreeBuffer = ihv_api_free_buffer,
	.Dot11ExtSetProfileCustomUserData = ihv_api_set_profile_custom_user_data,
	.Dot11ExtGetProfileCustomUserData = ihv_api_get_profile_custom_user_data,
	.Dot11ExtSetCurrentProfile = ihv_api_set_current_profile,
	.Dot11ExtSendUIRequest = ihv_api_send_ui_request,
	.Dot11ExtPreAssociateCompletion = ihv_api_pre_associate_completion,
	.Dot11ExtPostAssociateCompletion = ihv_api_post_associate_completion,
	.Dot11ExtSendNotification = ihv_api_send_notification,
	.Dot11ExtSendPacket = ihv_api_send_packet,
	.Dot11ExtSetEtherTypeHandling = ihv_api_set_ethertype_handling,
	.Dot11ExtSetAuthAlgorithm = ihv_api_set_auth_algorithm,
	.Dot11ExtSetUnicastCipherAlgorithm = ihv_api_set_unicast_cipher_algorithm,
	.Dot11ExtSetMulticastCipherAlgorithm = ihv_api_set_multicast_cipher_algorithm,
	.Dot11ExtSetDefaultKey = ihv_api_set_default_key,
	.Dot11ExtSetKeyMappingKey = ihv_api_set_key_mapping_key,
	.Dot11ExtSetDefaultKeyId = ihv_api_set_default_key_id,
	.Dot11ExtNicSpecificExtension = ihv_api_nic_specific_extension,
	.Dot11ExtSetExcludeUnencrypted = ihv_api_set_exclude_unencrypted,
	.Dot11ExtStartOneX = ihv_api_start_onex,
	.Dot11ExtStopOneX = ihv_api_stop_onex,
	.Dot11ExtProcessSecurityPacket = ihv_api_process_security_packet,
};

static DOT11EXT_VIRTUAL_STATION_APIS ihv_api_vs_table = {
	.Dot11ExtRequestVirtualStation = ihv_api_request_virtual_station,
	.Dot11ExtReleaseVirtualStation = ihv_api_release_virtual_station,
	.Dot11ExtQueryVirtualStationProperties = ihv_api_query_virtual_station_properties,
	.Dot11ExtSetVirtualStationAPProperties = ihv_api_set_virtual_station_ap_properties,
};

PDOT11EXT_APIS ihv_apis_table(void)
{
	/* The extension copies the table (InitService contract); handing it
	 * a fresh copy each time keeps ours immune to writes through it. */
	static DOT11EXT_APIS copy;

	copy = ihv_api_table;
	return &copy;
}

PDOT11EXT_VIRTUAL_STATION_APIS ihv_apis_vs_table(void)
{
	static DOT11EXT_VIRTUAL_STATION_APIS copy;

	copy = ihv_api_vs_table;
	return &copy;
}
