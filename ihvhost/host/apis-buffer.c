/* SPDX-License-Identifier: MIT */
/*
 * The buffer tracker: Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer, and
 * what the host asks of it (statistics, the leak check at DeinitService).
 * Every live buffer is on one list under its own lock, since extension
 * threads allocate and free while the loop runs; a pointer the host did
 * not hand out is recognised by address, never dereferenced. Calls only
 * apis-core.c (current service, trace).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "service-internal.h"
#include "verifier.h"

struct ihv_buf {
	struct ihv_buf *next, *prev;
	size_t size;
	/* keeps the user area aligned like malloc's */
	_Alignas(16) unsigned char data[];
};

static pthread_mutex_t ihv_buf_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ihv_buf *ihv_bufs;
static struct ihv_buffer_stats ihv_buf_stats;

void ihv_api_buffers_reset(void)
{
	pthread_mutex_lock(&ihv_buf_lock);
	memset(&ihv_buf_stats, 0, sizeof(ihv_buf_stats));
	pthread_mutex_unlock(&ihv_buf_lock);
}

DWORD WINAPI ihv_api_allocate_buffer(DWORD dwByteCount, LPVOID *ppvBuffer)
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

VOID WINAPI ihv_api_free_buffer(LPVOID pvMemory)
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
