/* SPDX-License-Identifier: MIT */
/*
 * The intent table (contract in intent.h). A flat array: there are a
 * handful of station interfaces per run, so a linear scan is both the
 * simplest and the fastest structure.
 */
#include <errno.h>
#include <stddef.h>

#include "intent.h"

static struct sim_intent *intent_find(struct sim_intent_table *t,
				      uint32_t ifindex)
{
	for (size_t i = 0; i < SIM_INTENT_MAX; i++)
		if (t->e[i].ifindex == ifindex)
			return &t->e[i];
	return NULL;
}

int sim_intent_note(struct sim_intent_table *t, uint32_t ifindex,
		    enum sim_disc_cause cause)
{
	struct sim_intent *e;

	/* ifindex 0 marks a free slot; no kernel interface has it. */
	if (ifindex == 0)
		return -EINVAL;
	e = intent_find(t, ifindex);
	if (!e)
		e = intent_find(t, 0);
	if (!e)
		return -ENOSPC;
	e->ifindex = ifindex;
	e->cause = cause;
	e->t_ns = sim_clock_now_ns();
	return 0;
}

bool sim_intent_take(struct sim_intent_table *t, uint32_t ifindex,
		     uint64_t max_age_ns, enum sim_disc_cause *cause)
{
	struct sim_intent *e;
	uint64_t now;

	if (ifindex == 0)
		return false;
	e = intent_find(t, ifindex);
	if (!e)
		return false;
	now = sim_clock_now_ns();
	/* A stale intent (its request failed silently, or the burst it
	 * announced never came) must not explain a later, unrelated
	 * disconnection: drop it either way. */
	e->ifindex = 0;
	if (now - e->t_ns > max_age_ns)
		return false;
	*cause = e->cause;
	return true;
}

void sim_intent_drop(struct sim_intent_table *t, uint32_t ifindex)
{
	struct sim_intent *e;

	if (ifindex == 0)
		return;
	e = intent_find(t, ifindex);
	if (e)
		e->ifindex = 0;
}
