/* SPDX-License-Identifier: MIT */
/*
 * status: the translation from "why an 802.11 association ended" (sim's
 * typed cause + the 802.11 reason code) to the DOT11_ASSOC_STATUS that
 * Dot11ExtIhvStopPostAssociate receives, plus the names used to print
 * statuses, Win32 errors and L2 reason codes in traces and messages.
 *
 * The mapping is ONE table indexed by enum sim_disc_cause (status.c); each
 * row states its status base, whether the 802.11 reason goes into the low
 * 16 bits, and why. ihv_status_table_print() prints it (--explain-status,
 * docs), and tests/unit/cksuite-status.c checks every row.
 *
 * Pure functions, no state: callable from any thread.
 */
#ifndef IHVHOST_STATUS_H
#define IHVHOST_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wlanihv.h>

#include "sim.h"

/* Enough for every ihv_status_format result ("PEER_DEAUTHENTICATED|65535",
 * "IHV|0x80000001", "CANDIDATE_LIST_EXHAUSTED", ...). */
#define IHV_STATUS_FORMAT_MAX 32

/* One row of the cause table. */
struct ihv_status_row {
	const char *cause_name;     /* "SIM_CAUSE_PEER_DEAUTH", ... */
	DOT11_ASSOC_STATUS base;    /* DOT11_ASSOC_STATUS_* */
	bool with_reason;           /* base | (802.11 reason & REASON_CODE_MASK) */
	const char *rationale;      /* one sentence: why this status */
};

/* The row for @cause, or NULL when @cause is not a sim_disc_cause value. */
const struct ihv_status_row *ihv_status_row(enum sim_disc_cause cause);

/*
 * The status to pass to StopPostAssociate for an association that ended
 * with @cause and 802.11 @reason. @by_ap (nl80211's DISCONNECTED_BY_AP) does
 * not change the result: sim already decided the cause from the frames
 * (who sent the deauthentication), which is what the Windows ranges encode;
 * it is taken so callers hand over the whole event and the table stays the
 * one place that decides. An out-of-range @cause (a bug) gives
 * DOT11_ASSOC_STATUS_FAILURE.
 */
DOT11_ASSOC_STATUS ihv_status_from_disconnect(enum sim_disc_cause cause,
					      uint16_t reason, bool by_ap);

/*
 * Formats @s into @buf (IHV_STATUS_FORMAT_MAX is always enough; a smaller
 * @len truncates) and returns @buf:
 *   0..0xD        -> "SUCCESS", "UNREACHABLE", ... (name without the
 *                    DOT11_ASSOC_STATUS_ prefix)
 *   peer ranges   -> "PEER_DEAUTHENTICATED|3", "PEER_DISASSOCIATED|8",
 *                    "ASSOCIATION_RESPONSE|17" (decimal 802.11 code)
 *   IHV range     -> "IHV|0x80000001"
 *   anything else -> "0x%x"
 */
const char *ihv_status_format(DOT11_ASSOC_STATUS s, char *buf, size_t len);

/* "ERROR_SUCCESS", "ERROR_CANCELLED", ...; NULL when not known here. */
const char *ihv_win32_name(DWORD e);

/* L2 / WLAN reason-code name ("L2_REASON_CODE_SUCCESS",
 * "WLAN_REASON_CODE_ASSOCIATION_TIMEOUT", the group bases); NULL when not
 * known here. The IHV range (0x90000..0x9FFFF) has no names: test
 * ihv_l2_reason_is_ihv. */
const char *ihv_l2_reason_name(DWORD r);
bool ihv_l2_reason_is_ihv(DWORD r);

/* Prints the cause table, one row per cause, with its rationale. */
void ihv_status_table_print(FILE *f);

#endif /* IHVHOST_STATUS_H */
