/* SPDX-License-Identifier: MIT */
/*
 * run-expect: does one trace record match one expectation target and its
 * matchers? Pure: the caller resolves names (@ap1, adapters) through the
 * binding below, so this file knows nothing of sim/ or the host.
 */
#ifndef IHVHOST_RUN_EXPECT_H
#define IHVHOST_RUN_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scn.h"

/* What the scenario's names stand for in this run. */
struct run_binding {
	const char *const *adapter_names;   /* by adapter index */
	const uint32_t *adapter_ifindex;    /* by adapter index */
	const uint32_t *adapter_wiphy;
	const uint8_t (*adapter_mac)[6];
	const uint8_t (*ap_bssid)[6];       /* by AP index */
	size_t n_adapters, n_aps;
};

bool run_rec_matches(const char *line, const struct scn_callee *callee,
		     const struct scn_matcher *m, size_t n,
		     const struct run_binding *b);

/* For a failure message: the record of @callee among @recs most like the
 * expectation ("saw StopPostAssociate status=PEER_DEAUTHENTICATED|7 at
 * +1.204 s", times from @t0_ns), or "no StopPostAssociate at all ...". */
struct run_rec;
void run_expect_closest(const struct run_rec *recs, size_t n, uint64_t t0_ns,
			const struct scn_callee *callee,
			const struct scn_matcher *m, size_t nm,
			const struct run_binding *b, char *buf, size_t len);

/* Human text of a target with its matchers, for failure messages. */
void run_expect_describe(const struct scn_callee *callee,
			 const struct scn_matcher *m, size_t n,
			 char *buf, size_t len);

#endif
