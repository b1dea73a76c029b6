/* SPDX-License-Identifier: MIT */
/*
 * intent: what this process itself just asked the kernel to do to a
 * station (disconnect, set down, delete, rfkill, roam).
 *
 * Why: several causes produce the very same nl80211 burst (a local
 * disconnect request and an interface set down both give DEL_STATION,
 * DEAUTHENTICATE with our own frame, DISCONNECT reason 3). The station
 * control code notes its intent here BEFORE sending the request; the event
 * folder takes it when the matching DISCONNECT arrives. Events nobody here
 * asked for fall back to the folder's own inference (fold.h).
 *
 * Owned by the ctx; used from the event-loop thread only.
 */
#ifndef SIM_INTENT_H
#define SIM_INTENT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

#define SIM_INTENT_MAX 128

struct sim_intent {
	uint32_t ifindex;        /* 0 = free slot */
	enum sim_disc_cause cause;
	uint64_t t_ns;           /* CLOCK_MONOTONIC when noted */
};

struct sim_intent_table {
	struct sim_intent e[SIM_INTENT_MAX];
};

/* Notes (or replaces) the pending intent for @ifindex. -ENOSPC when full. */
int sim_intent_note(struct sim_intent_table *t, uint32_t ifindex,
		    enum sim_disc_cause cause);
/* Takes the pending intent for @ifindex if one was noted within
 * @max_age_ns; returns false (and leaves *cause alone) otherwise. */
bool sim_intent_take(struct sim_intent_table *t, uint32_t ifindex,
		     uint64_t max_age_ns, enum sim_disc_cause *cause);
/* Forgets a pending intent (the request failed). */
void sim_intent_drop(struct sim_intent_table *t, uint32_t ifindex);

#endif
