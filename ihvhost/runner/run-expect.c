/* SPDX-License-Identifier: MIT */
/*
 * run-expect: matching trace records against scenario expectations.
 *
 * Values are compared by meaning, not by spelling: a status written
 * "PEER_DEAUTHENTICATED" in a scenario matches the record's
 * "PEER_DEAUTHENTICATED|3"; a Win32 error given as a number matches the
 * record's name. The trace stays the readable form, the scenario may use
 * either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "run-expect.h"
#include "run.h"
#include "sim.h"
#include "status.h"

/* A record value that is a number, or a "0x..." string, as a u32. */
static bool run_num(const char *v, uint32_t *out)
{
	char *end;
	unsigned long long n;

	if (!*v)
		return false;
	n = strtoull(v, &end, 0);
	if (*end || n > UINT32_MAX)
		return false;
	*out = (uint32_t)n;
	return true;
}

static bool run_match_mac(const char *v, const struct scn_mac_ref *ref,
			  const struct run_binding *b)
{
	const uint8_t *want = NULL;
	char txt[18];

	switch (ref->kind) {
	case SCN_MAC_AP:
		if (ref->index >= b->n_aps)
			return false;
		want = b->ap_bssid[ref->index];
		break;
	case SCN_MAC_ADAPTER:
		if (ref->index >= b->n_adapters)
			return false;
		want = b->adapter_mac[ref->index];
		break;
	case SCN_MAC_LITERAL:
		want = ref->addr;
		break;
	}
	if (!want)
		return false;
	snprintf(txt, sizeof(txt), SIM_MAC_FMT, SIM_MAC_ARG(want));
	return strcasecmp(v, txt) == 0;
}

static bool run_match_adapter(const char *line, size_t idx,
			      const struct run_binding *b)
{
	char v[64];

	if (idx >= b->n_adapters)
		return false;
	if (run_json_get(line, "adapter", v, sizeof(v)))
		return strcmp(v, b->adapter_names[idx]) == 0;
	if (run_json_get(line, "ifindex", v, sizeof(v))) {
		uint32_t n;

		return run_num(v, &n) && n == b->adapter_ifindex[idx];
	}
	if (run_json_get(line, "wiphy", v, sizeof(v))) {
		uint32_t n;

		return run_num(v, &n) && n == b->adapter_wiphy[idx];
	}
	return false;
}

static bool run_match_win32(const char *v, uint32_t code)
{
	const char *name = ihv_win32_name(code);
	uint32_t n;

	if (name && strcmp(v, name) == 0)
		return true;
	return run_num(v, &n) && n == code;
}

static bool run_match_one(const char *line, const struct scn_matcher *m,
			  const struct run_binding *b)
{
	const struct scn_key_info *ki = scn_key_info(m->key);
	struct scn_status_match got;
	char v[128];
	uint32_t n;

	if (m->value.type == SCN_VAL_ADAPTER)
		return run_match_adapter(line, m->value.u.adapter, b);
	if (!run_json_get(line, ki->field, v, sizeof(v)))
		return false;
	switch (m->value.type) {
	case SCN_VAL_ADAPTER:
		return false; /* handled above */
	case SCN_VAL_MAC:
		return run_match_mac(v, &m->value.u.mac, b);
	case SCN_VAL_STATUS:
		/* The record spells the status as ihv_status_format does;
		 * the scenario parser reads that spelling back exactly. */
		if (scn_status_parse(v, &got) != 0)
			return false;
		return scn_status_matches(&m->value.u.status, got.value);
	case SCN_VAL_WIN32:
		return run_match_win32(v, m->value.u.code);
	case SCN_VAL_REASON:
		if (run_num(v, &n))
			return n == m->value.u.code;
		{
			const char *name = ihv_l2_reason_name(m->value.u.code);

			return name && strcmp(v, name) == 0;
		}
	case SCN_VAL_INTEGER:
		return run_num(v, &n) && n == m->value.u.code;
	case SCN_VAL_EAPOL:
		/* One spelling on both sides (scn_eapol_names). */
		return strcmp(v, m->value.u.word) == 0;
	}
	return false;
}

bool run_rec_matches(const char *line, const struct scn_callee *callee,
		     const struct scn_matcher *m, size_t n,
		     const struct run_binding *b)
{
	char kind[16], name[96];

	if (!run_json_get(line, "kind", kind, sizeof(kind)) ||
	    !run_json_get(line, "name", name, sizeof(name)))
		return false;
	switch (callee->kind) {
	case SCN_CALLEE_HANDLER:
		if (strcmp(kind, "handler") != 0)
			return false;
		break;
	case SCN_CALLEE_API:
		if (strcmp(kind, "api") != 0)
			return false;
		break;
	}
	if (strcmp(name, callee->full) != 0 && strcmp(name, callee->name) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!run_match_one(line, &m[i], b))
			return false;
	return true;
}

void run_expect_describe(const struct scn_callee *callee,
			 const struct scn_matcher *m, size_t n, char *buf,
			 size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "%s", callee->name);

	for (size_t i = 0; i < n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s", m[i].text);
}

void run_expect_closest(const struct run_rec *recs, size_t n, uint64_t t0_ns,
			const struct scn_callee *callee,
			const struct scn_matcher *m, size_t nm,
			const struct run_binding *b, char *buf, size_t len)
{
	const struct run_rec *best = NULL;
	size_t best_hits = 0, off;
	char v[96];

	for (size_t i = 0; i < n; i++) {
		size_t hits = 0;

		/* a record of this handler/API at all (no matchers) */
		if (!run_rec_matches(recs[i].line, callee, NULL, 0, b))
			continue;
		for (size_t k = 0; k < nm; k++)
			hits += run_rec_matches(recs[i].line, callee, &m[k], 1, b);
		/* the most alike; of equals, the latest */
		if (!best || hits >= best_hits) {
			best = &recs[i];
			best_hits = hits;
		}
	}
	if (!best) {
		snprintf(buf, len, "no %s at all since the last action", callee->name);
		return;
	}
	off = (size_t)snprintf(buf, len, "saw %s", callee->name);
	for (size_t k = 0; k < nm && off < len; k++) {
		const struct scn_key_info *ki = scn_key_info(m[k].key);

		if (!run_json_get(best->line, ki->field, v, sizeof(v)))
			snprintf(v, sizeof(v), "(none)");
		off += (size_t)snprintf(buf + off, len - off, " %s=%s", ki->name, v);
	}
	if (off < len)
		snprintf(buf + off, len - off, " at %+.3f s",
			 ((double)best->t_ns - (double)t0_ns) / 1e9);
}
