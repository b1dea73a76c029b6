/* SPDX-License-Identifier: MIT */
/*
 * handles: the opaque HANDLE values the host gives an extension
 * (hDot11SvcHandle, hConnectSession, hSecuritySessionID).
 *
 * A handle is a generation-counted index into a table, never a pointer
 * into host memory: an extension that keeps a handle past its end gets a
 * clean "stale" answer instead of a use-after-free, and a made-up value is
 * recognised as "bad". Value layout (uintptr_t):
 *   bits 63..32 generation (never 0) | 31..8 slot index | 7..0 kind tag
 * The tag bytes are distinct, non-zero, and not valid pointer alignments.
 *
 * Slots are allocated round-robin, so a retired slot keeps its generation
 * and the reason it was retired for a long time: that is how the verifier
 * tells "completion after StopPostAssociate" from a plain stale handle.
 *
 * Thread-safe (one mutex): the APIs validate from extension threads while
 * the loop creates and retires handles.
 */
#ifndef IHVHOST_HANDLES_H
#define IHVHOST_HANDLES_H

#include <pthread.h>
#include <stdint.h>

enum ihv_handle_kind {
	IHV_HANDLE_SVC = 0x5d,     /* hDot11SvcHandle, one per adapter */
	IHV_HANDLE_CONNECT = 0x6b, /* hConnectSession, one per pre-association */
	IHV_HANDLE_SECURITY = 0x7e,/* hSecuritySessionID, one per association */
};

/* Why a handle stopped being valid (kept for diagnosis). */
enum ihv_handle_retire {
	IHV_RETIRE_NONE,       /* still live */
	IHV_RETIRE_COMPLETED,  /* its completion arrived */
	IHV_RETIRE_STOPPING,   /* StopPostAssociate is running */
	IHV_RETIRE_STOPPED,    /* StopPostAssociate returned */
	IHV_RETIRE_DEINIT,     /* DeinitAdapter started */
	IHV_RETIRE_CANCELLED,  /* association abandoned by the host */
};

enum ihv_handle_check {
	IHV_HANDLE_OK,
	IHV_HANDLE_BAD,   /* never issued, wrong kind, or garbage */
	IHV_HANDLE_STALE, /* issued, then retired (see *retire) */
};

#define IHV_HANDLE_SLOTS 1024

struct ihv_handle_slot {
	uint32_t gen;
	enum ihv_handle_kind kind;
	enum ihv_handle_retire retire;
	uintptr_t owner;   /* e.g. the svc handle a session belongs to */
	uint32_t aux;      /* per-kind state mirror for the API threads */
	void *obj;         /* loop-thread object; never dereferenced by APIs */
};

struct ihv_handles {
	pthread_mutex_t lock;
	uint32_t next;     /* round-robin cursor */
	uint32_t gen;      /* last generation issued */
	struct ihv_handle_slot slot[IHV_HANDLE_SLOTS];
};

void ihv_handles_init(struct ihv_handles *t);
void ihv_handles_destroy(struct ihv_handles *t);

/* Issues a new live handle of @kind. -ENOSPC when every slot is live. */
int ihv_handle_new(struct ihv_handles *t, enum ihv_handle_kind kind,
		   uintptr_t owner, void *obj, uintptr_t *out);
/* Retires a live handle; a non-live or bad handle is ignored. */
void ihv_handle_retire(struct ihv_handles *t, uintptr_t h,
		       enum ihv_handle_retire why);
/* Sets the aux mirror of a live handle (loop thread). */
void ihv_handle_set_aux(struct ihv_handles *t, uintptr_t h, uint32_t aux);

/*
 * Checks @h against @kind. On IHV_HANDLE_OK fills whatever out-pointers are
 * non-NULL (a snapshot taken under the lock); on IHV_HANDLE_STALE fills
 * *retire with why it ended.
 */
enum ihv_handle_check ihv_handle_check(struct ihv_handles *t, uintptr_t h,
				       enum ihv_handle_kind kind,
				       uintptr_t *owner, uint32_t *aux,
				       void **obj,
				       enum ihv_handle_retire *retire);

/*
 * Like ihv_handle_check, and on IHV_HANDLE_OK also retires the handle with
 * @why in the same critical section: of two racing completions for one
 * session exactly one gets IHV_HANDLE_OK.
 */
enum ihv_handle_check ihv_handle_take(struct ihv_handles *t, uintptr_t h,
				      enum ihv_handle_kind kind,
				      enum ihv_handle_retire why,
				      uintptr_t *owner, void **obj,
				      enum ihv_handle_retire *retire);
/* Like ihv_handle_check, and on IHV_HANDLE_OK stores @aux, returning the
 * previous value in *old (atomic read-modify-write). */
enum ihv_handle_check ihv_handle_swap_aux(struct ihv_handles *t, uintptr_t h,
					  enum ihv_handle_kind kind,
					  uint32_t aux, uint32_t *old,
					  uintptr_t *owner,
					  enum ihv_handle_retire *retire);

const char *ihv_handle_kind_name(enum ihv_handle_kind kind);
const char *ihv_handle_retire_name(enum ihv_handle_retire why);

#endif /* IHVHOST_HANDLES_H */
