/* SPDX-License-Identifier: MIT */
/*
 * scn-set: the parser's string -> index map (see scn-int.h). Open
 * addressing with linear probing, never more than half full, no removal:
 * a parse only adds names.
 *
 * Why a map: the duplicate checks were scans of everything declared so
 * far, and a generated file of 170k `env` lines took minutes. The limits
 * (scn.h) now bound those counts too, but the cost of a line should not
 * depend on them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

/* FNV-1a. Keys crafted to collide cost at most what the old scans did:
 * the limits bound how many there are. */
static size_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return (size_t)h;
}

/* The slot holding @key, or the empty slot where it belongs. */
static struct scn_set_slot *slot_of(const struct scn_set *set, const char *key)
{
	size_t mask = set->cap - 1;
	size_t i = hash(key) & mask;

	while (set->slots[i].key && strcmp(set->slots[i].key, key))
		i = (i + 1) & mask;
	return &set->slots[i];
}

size_t scn_set_get(const struct scn_set *set, const char *key)
{
	const struct scn_set_slot *slot;

	if (!set->cap)
		return SCN_NONE;
	slot = slot_of(set, key);
	return slot->key ? slot->val : SCN_NONE;
}

static int resize(struct scn_set *set, size_t cap)
{
	struct scn_set old = *set;

	set->slots = calloc(cap, sizeof(*set->slots));
	if (!set->slots) {
		*set = old;
		return -ENOMEM;
	}
	set->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*slot_of(set, old.slots[i].key) = old.slots[i];
	free(old.slots);
	return 0;
}

int scn_set_put(struct scn_set *set, const char *key, size_t val)
{
	struct scn_set_slot *slot;

	if (2 * (set->n + 1) > set->cap) {
		int rc = resize(set, set->cap ? 2 * set->cap : 16);

		if (rc < 0)
			return rc;
	}
	slot = slot_of(set, key);
	if (!slot->key)
		set->n++;
	*slot = (struct scn_set_slot){ .key = key, .val = val };
	return 0;
}

void scn_set_release(struct scn_set *set)
{
	free(set->slots);
	*set = (struct scn_set){ 0 };
}
