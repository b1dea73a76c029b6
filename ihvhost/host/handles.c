/* SPDX-License-Identifier: MIT */
/* Generation-counted handle table; see handles.h for the value layout. */
#include <errno.h>
#include <string.h>

#include "handles.h"

#define IHV_HANDLE_INDEX(h) ((uint32_t)(((h) >> 8) & 0xFFFFFF))
#define IHV_HANDLE_GEN(h) ((uint32_t)((uint64_t)(h) >> 32))
#define IHV_HANDLE_TAG(h) ((unsigned int)((h) & 0xFF))

_Static_assert(sizeof(uintptr_t) == 8, "handle layout needs 64-bit pointers");
_Static_assert(IHV_HANDLE_SLOTS <= 0xFFFFFF, "index must fit 24 bits");

void ihv_handles_init(struct ihv_handles *t)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
}

void ihv_handles_destroy(struct ihv_handles *t)
{
	pthread_mutex_destroy(&t->lock);
}

int ihv_handle_new(struct ihv_handles *t, enum ihv_handle_kind kind,
		   uintptr_t owner, void *obj, uintptr_t *out)
{
	int rc = -ENOSPC;

	pthread_mutex_lock(&t->lock);
	for (uint32_t i = 0; i < IHV_HANDLE_SLOTS; i++) {
		uint32_t idx = (t->next + i) % IHV_HANDLE_SLOTS;
		struct ihv_handle_slot *s = &t->slot[idx];

		if (s->gen && s->retire == IHV_RETIRE_NONE)
			continue; /* live */
		if (++t->gen == 0)
			t->gen = 1;
		s->gen = t->gen;
		s->kind = kind;
		s->retire = IHV_RETIRE_NONE;
		s->owner = owner;
		s->aux = 0;
		s->obj = obj;
		t->next = (idx + 1) % IHV_HANDLE_SLOTS;
		*out = ((uintptr_t)s->gen << 32) | ((uintptr_t)idx << 8) | kind;
		rc = 0;
		break;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

/* Caller holds the lock. NULL unless @h names an issued slot of its tag. */
static struct ihv_handle_slot *ihv_handle_slot(struct ihv_handles *t, uintptr_t h)
{
	uint32_t idx = IHV_HANDLE_INDEX(h);
	struct ihv_handle_slot *s;

	if (idx >= IHV_HANDLE_SLOTS || IHV_HANDLE_GEN(h) == 0)
		return NULL;
	s = &t->slot[idx];
	if (s->gen == 0 || IHV_HANDLE_TAG(h) != (unsigned int)s->kind)
		return NULL;
	return s;
}

void ihv_handle_retire(struct ihv_handles *t, uintptr_t h,
		       enum ihv_handle_retire why)
{
	struct ihv_handle_slot *s;

	pthread_mutex_lock(&t->lock);
	s = ihv_handle_slot(t, h);
	/* A retired handle stays retired; the one move allowed is from
	 * "Stop running" to "Stop returned". */
	if (s && s->gen == IHV_HANDLE_GEN(h) &&
	    (s->retire == IHV_RETIRE_NONE ||
	     (s->retire == IHV_RETIRE_STOPPING && why == IHV_RETIRE_STOPPED))) {
		s->retire = why;
		s->obj = NULL;
	}
	pthread_mutex_unlock(&t->lock);
}

void ihv_handle_set_aux(struct ihv_handles *t, uintptr_t h, uint32_t aux)
{
	struct ihv_handle_slot *s;

	pthread_mutex_lock(&t->lock);
	s = ihv_handle_slot(t, h);
	if (s && s->gen == IHV_HANDLE_GEN(h) && s->retire == IHV_RETIRE_NONE)
		s->aux = aux;
	pthread_mutex_unlock(&t->lock);
}

/* Caller holds the lock. The slot of a live, matching handle or NULL,
 * with the verdict in *rc and the retire reason in *retire. */
static struct ihv_handle_slot *ihv_handle_locked_check(struct ihv_handles *t,
							uintptr_t h,
							enum ihv_handle_kind kind,
							enum ihv_handle_check *rc,
							enum ihv_handle_retire *retire)
{
	struct ihv_handle_slot *s;

	if (retire)
		*retire = IHV_RETIRE_NONE;
	if (IHV_HANDLE_TAG(h) != (unsigned int)kind) {
		*rc = IHV_HANDLE_BAD;
		return NULL;
	}
	s = ihv_handle_slot(t, h);
	if (!s) {
		*rc = IHV_HANDLE_BAD;
		return NULL;
	}
	if (s->gen != IHV_HANDLE_GEN(h)) {
		/* The slot was reused since: a very old handle. A generation
		 * newer than any issued is garbage, not staleness. */
		*rc = IHV_HANDLE_GEN(h) <= t->gen ? IHV_HANDLE_STALE : IHV_HANDLE_BAD;
		return NULL;
	}
	if (s->retire != IHV_RETIRE_NONE) {
		*rc = IHV_HANDLE_STALE;
		if (retire)
			*retire = s->retire;
		return NULL;
	}
	*rc = IHV_HANDLE_OK;
	return s;
}

enum ihv_handle_check ihv_handle_check(struct ihv_handles *t, uintptr_t h,
				       enum ihv_handle_kind kind,
				       uintptr_t *owner, uint32_t *aux,
				       void **obj,
				       enum ihv_handle_retire *retire)
{
	enum ihv_handle_check rc;
	struct ihv_handle_slot *s;

	pthread_mutex_lock(&t->lock);
	s = ihv_handle_locked_check(t, h, kind, &rc, retire);
	if (s) {
		if (owner)
			*owner = s->owner;
		if (aux)
			*aux = s->aux;
		if (obj)
			*obj = s->obj;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

enum ihv_handle_check ihv_handle_take(struct ihv_handles *t, uintptr_t h,
				      enum ihv_handle_kind kind,
				      enum ihv_handle_retire why,
				      uintptr_t *owner, void **obj,
				      enum ihv_handle_retire *retire)
{
	enum ihv_handle_check rc;
	struct ihv_handle_slot *s;

	pthread_mutex_lock(&t->lock);
	s = ihv_handle_locked_check(t, h, kind, &rc, retire);
	if (s) {
		if (owner)
			*owner = s->owner;
		if (obj)
			*obj = s->obj;
		s->retire = why;
		s->obj = NULL;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

enum ihv_handle_check ihv_handle_swap_aux(struct ihv_handles *t, uintptr_t h,
					  enum ihv_handle_kind kind,
					  uint32_t aux, uint32_t *old,
					  uintptr_t *owner,
					  enum ihv_handle_retire *retire)
{
	enum ihv_handle_check rc;
	struct ihv_handle_slot *s;

	pthread_mutex_lock(&t->lock);
	s = ihv_handle_locked_check(t, h, kind, &rc, retire);
	if (s) {
		if (old)
			*old = s->aux;
		if (owner)
			*owner = s->owner;
		s->aux = aux;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

const char *ihv_handle_kind_name(enum ihv_handle_kind kind)
{
	switch (kind) {
	case IHV_HANDLE_SVC:
		return "svc";
	case IHV_HANDLE_CONNECT:
		return "connect-session";
	case IHV_HANDLE_SECURITY:
		return "session";
	}
	return "?";
}

const char *ihv_handle_retire_name(enum ihv_handle_retire why)
{
	switch (why) {
	case IHV_RETIRE_NONE:
		return "live";
	case IHV_RETIRE_COMPLETED:
		return "completed";
	case IHV_RETIRE_STOPPING:
		return "stopping";
	case IHV_RETIRE_STOPPED:
		return "stopped";
	case IHV_RETIRE_DEINIT:
		return "adapter-deinit";
	case IHV_RETIRE_CANCELLED:
		return "cancelled";
	}
	return "?";
}
