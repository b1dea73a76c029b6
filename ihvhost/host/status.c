/* SPDX-License-Identifier: MIT */
/*
 * status: cause x reason -> DOT11_ASSOC_STATUS, and status/error names.
 * See status.h for the contract.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

#define ROW(cause) [cause] = { .cause_name = #cause,

/*
 * THE table. One row per enum sim_disc_cause (designated initialisers, so
 * a row cannot land on the wrong cause; the test checks none is missing).
 */
static const struct ihv_status_row status_rows[SIM_CAUSE_COUNT] = {
	/* The AP sent a Deauthentication frame: Windows reports exactly this
	 * as the PEER_DEAUTHENTICATED range, the frame's reason in the low
	 * 16 bits (deauth reason 3 -> 0x10003). */
	ROW(SIM_CAUSE_PEER_DEAUTH)
		.base = DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START,
		.with_reason = true,
		.rationale = "the AP sent a Deauthentication frame: "
			     "PEER_DEAUTHENTICATED range, its 802.11 reason "
			     "in the low 16 bits" },
	/* Same for a Disassociation frame (disassoc reason 8 -> 0x20008). */
	ROW(SIM_CAUSE_PEER_DISASSOC)
		.base = DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START,
		.with_reason = true,
		.rationale = "the AP sent a Disassociation frame: "
			     "PEER_DISASSOCIATED range, its 802.11 reason "
			     "in the low 16 bits" },
	/* This host asked to disconnect (NL80211_CMD_DISCONNECT), which is
	 * what the Windows service does on a user or profile disconnect:
	 * DOT11_DISASSOC_REASON_OS. Our own frame's reason (3) says nothing
	 * the extension does not know already, so it is not carried. */
	ROW(SIM_CAUSE_LOCAL_REQUEST)
		.base = DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS,
		.with_reason = false,
		.rationale = "this host requested the disconnect: the OS ended "
			     "the association (DISASSOCIATED_BY_OS)" },
	/* The interface was set administratively down. Neither the AP nor
	 * the radio ended the link: the operating system did, and Windows
	 * has one code for every OS-initiated disassociation. The adapter
	 * stays (no DeinitAdapter), which keeps it apart from removal. */
	ROW(SIM_CAUSE_IFACE_DOWN)
		.base = DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS,
		.with_reason = false,
		.rationale = "the OS set the interface down (the adapter stays): "
			     "an OS-initiated disassociation "
			     "(DISASSOCIATED_BY_OS)" },
	/* Beacon loss or inactivity: the AP can no longer be heard, which
	 * Windows calls UNREACHABLE (DOT11_DISASSOC_REASON_PEER_UNREACHABLE).
	 * The 802.11 reason (4, inactivity) is the station's own. */
	ROW(SIM_CAUSE_LINK_LOSS)
		.base = DOT11_ASSOC_STATUS_UNREACHABLE,
		.with_reason = false,
		.rationale = "beacon loss or inactivity: the AP is no longer "
			     "reachable (UNREACHABLE)" },
	/* The station interface was deleted: the adapter itself is being
	 * torn down and DeinitAdapter follows. On Windows that is the
	 * adapter disable/removal path, where the miniport is reset and
	 * halted and the association ends as a side effect of discarding the
	 * adapter's state, not by a decision about the link: BY_RESET. It
	 * also keeps removal distinguishable from "set down" (BY_OS). */
	ROW(SIM_CAUSE_IFACE_REMOVED)
		.base = DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET,
		.with_reason = false,
		.rationale = "the station interface was deleted (DeinitAdapter "
			     "follows): the adapter's state was discarded, as "
			     "in the Windows disable/removal reset "
			     "(DISASSOCIATED_BY_RESET)" },
	/* The whole radio (wiphy) vanished, like a surprise removal of the
	 * NIC: the PHY the association ran on no longer exists. PHY_DISABLED
	 * (DOT11_DISASSOC_REASON_PHY_DISABLED) says that; RADIO_OFF is kept
	 * for the switch (rfkill), which can be turned back on. */
	ROW(SIM_CAUSE_RADIO_REMOVED)
		.base = DOT11_ASSOC_STATUS_PHY_DISABLED,
		.with_reason = false,
		.rationale = "the radio (wiphy) was removed, as in a NIC surprise "
			     "removal: its PHY is gone (PHY_DISABLED)" },
	/* rfkill soft/hard block: the radio was switched off
	 * (DOT11_DISASSOC_REASON_RADIO_OFF). */
	ROW(SIM_CAUSE_RADIO_OFF)
		.base = DOT11_ASSOC_STATUS_RADIO_OFF,
		.with_reason = false,
		.rationale = "the radio was switched off by rfkill (RADIO_OFF)" },
	/* Reassociation to another BSS: the old port is deleted without a
	 * disassociation indication; Windows reports the roam itself. */
	ROW(SIM_CAUSE_ROAM)
		.base = DOT11_ASSOC_STATUS_DISASSOCIATED_BY_ROAMING,
		.with_reason = false,
		.rationale = "the station reassociated to another BSS: the old "
			     "association ended by roaming "
			     "(DISASSOCIATED_BY_ROAMING)" },
};
#undef ROW

_Static_assert(sizeof(status_rows) / sizeof(status_rows[0]) == SIM_CAUSE_COUNT,
	       "one status row per sim_disc_cause");

const struct ihv_status_row *ihv_status_row(enum sim_disc_cause cause)
{
	if ((unsigned)cause >= SIM_CAUSE_COUNT)
		return NULL;
	return &status_rows[cause];
}

DOT11_ASSOC_STATUS ihv_status_from_disconnect(enum sim_disc_cause cause,
					      uint16_t reason, bool by_ap)
{
	const struct ihv_status_row *row = ihv_status_row(cause);

	(void)by_ap; /* see status.h: the cause already says who ended it */
	if (!row || !row->rationale)
		return DOT11_ASSOC_STATUS_FAILURE;
	if (!row->with_reason)
		return row->base;
	return row->base | (reason & DOT11_ASSOC_STATUS_REASON_CODE_MASK);
}

/* ---- names ------------------------------------------------------------ */

#define SNAME(x) [DOT11_ASSOC_STATUS_##x] = #x
static const char *const status_names[] = {
	SNAME(SUCCESS),
	SNAME(FAILURE),
	SNAME(UNREACHABLE),
	SNAME(RADIO_OFF),
	SNAME(PHY_DISABLED),
	SNAME(CANCELLED),
	SNAME(CANDIDATE_LIST_EXHAUSTED),
	SNAME(DISASSOCIATED_BY_OS),
	SNAME(DISASSOCIATED_BY_ROAMING),
	SNAME(DISASSOCIATED_BY_RESET),
	SNAME(SYSTEM_ERROR),
	SNAME(ROAMING_BETTER_AP_FOUND),
	SNAME(ROAMING_ASSOCIATION_LOST),
	SNAME(ROAMING_ADHOC),
};
#undef SNAME

static const struct {
	DOT11_ASSOC_STATUS start, end;
	const char *name;
} status_ranges[] = {
	{ DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START,
	  DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_END, "PEER_DEAUTHENTICATED" },
	{ DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START,
	  DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_END, "PEER_DISASSOCIATED" },
	{ DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_START,
	  DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_END, "ASSOCIATION_RESPONSE" },
};

const char *ihv_status_format(DOT11_ASSOC_STATUS s, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (s < sizeof(status_names) / sizeof(status_names[0]) &&
	    status_names[s]) {
		snprintf(buf, len, "%s", status_names[s]);
		return buf;
	}
	for (size_t i = 0; i < sizeof(status_ranges) / sizeof(status_ranges[0]); i++) {
		if (s >= status_ranges[i].start && s <= status_ranges[i].end) {
			snprintf(buf, len, "%s|%u", status_ranges[i].name,
				 (unsigned)(s & DOT11_ASSOC_STATUS_REASON_CODE_MASK));
			return buf;
		}
	}
	if (s >= DOT11_ASSOC_STATUS_IHV_START) {
		snprintf(buf, len, "IHV|0x%08x", (unsigned)s);
		return buf;
	}
	snprintf(buf, len, "0x%x", (unsigned)s);
	return buf;
}

struct code_name {
	DWORD code;
	const char *name;
};

/*
 * Win32 errors: the reference's six plus the ones extensions commonly
 * return (values as in winerror.h), so traces show names rather than
 * numbers. The reference's own are cross-checked against the SDK below.
 */
static const struct code_name win32_names[] = {
	{ 0, "ERROR_SUCCESS" },
	{ 1, "ERROR_INVALID_FUNCTION" },
	{ 2, "ERROR_FILE_NOT_FOUND" },
	{ 5, "ERROR_ACCESS_DENIED" },
	{ 6, "ERROR_INVALID_HANDLE" },
	{ 8, "ERROR_NOT_ENOUGH_MEMORY" },
	{ 13, "ERROR_INVALID_DATA" },
	{ 14, "ERROR_OUTOFMEMORY" },
	{ 21, "ERROR_NOT_READY" },
	{ 31, "ERROR_GEN_FAILURE" },
	{ 50, "ERROR_NOT_SUPPORTED" },
	{ 87, "ERROR_INVALID_PARAMETER" },
	{ 122, "ERROR_INSUFFICIENT_BUFFER" },
	{ 170, "ERROR_BUSY" },
	{ 183, "ERROR_ALREADY_EXISTS" },
	{ 234, "ERROR_MORE_DATA" },
	{ 259, "ERROR_NO_MORE_ITEMS" },
	{ 997, "ERROR_IO_PENDING" },
	{ 1115, "ERROR_SHUTDOWN_IN_PROGRESS" },
	{ 1167, "ERROR_DEVICE_NOT_CONNECTED" },
	{ 1168, "ERROR_NOT_FOUND" },
	{ 1169, "ERROR_NO_MATCH" },
	{ 1206, "ERROR_BAD_PROFILE" },
	{ 1223, "ERROR_CANCELLED" },
	{ 1460, "ERROR_TIMEOUT" },
	{ 5023, "ERROR_INVALID_STATE" },
};

#define SDK_AGREES(name, value) \
	_Static_assert((DWORD)(name) == (value), #name " differs from winerror.h's value")
SDK_AGREES(ERROR_SUCCESS, 0);
SDK_AGREES(ERROR_OUTOFMEMORY, 14);
SDK_AGREES(ERROR_NOT_SUPPORTED, 50);
SDK_AGREES(ERROR_INVALID_PARAMETER, 87);
SDK_AGREES(ERROR_CANCELLED, 1223);
SDK_AGREES(ERROR_INVALID_STATE, 5023);

/* L2 / WLAN reason codes of the reference (l2cmn.h, wlantypes.h). */
static const struct code_name l2_names[] = {
	{ 0x00000, "L2_REASON_CODE_SUCCESS" },
	{ 0x10000, "L2_REASON_CODE_GEN_BASE" },
	{ 0x10001, "L2_REASON_CODE_UNKNOWN" },
	{ 0x20000, "L2_REASON_CODE_DOT11_AC_BASE" },
	{ 0x30000, "L2_REASON_CODE_DOT11_MSM_BASE" },
	{ 0x38002, "WLAN_REASON_CODE_ASSOCIATION_FAILURE" },
	{ 0x38003, "WLAN_REASON_CODE_ASSOCIATION_TIMEOUT" },
	{ 0x38004, "WLAN_REASON_CODE_PRE_SECURITY_FAILURE" },
	{ 0x38006, "WLAN_REASON_CODE_SECURITY_FAILURE" },
	{ 0x38007, "WLAN_REASON_CODE_SECURITY_TIMEOUT" },
	{ 0x3800B, "WLAN_REASON_CODE_DRIVER_DISCONNECTED" },
	{ 0x3800D, "WLAN_REASON_CODE_IHV_NOT_AVAILABLE" },
	{ 0x3800E, "WLAN_REASON_CODE_IHV_NOT_RESPONDING" },
	{ 0x3800F, "WLAN_REASON_CODE_DISCONNECT_TIMEOUT" },
	{ 0x38010, "WLAN_REASON_CODE_INTERNAL_FAILURE" },
	{ 0x38012, "WLAN_REASON_CODE_TOO_MANY_SECURITY_ATTEMPTS" },
	{ 0x40000, "L2_REASON_CODE_DOT11_SECURITY_BASE" },
	{ 0x50000, "L2_REASON_CODE_ONEX_BASE" },
	{ 0x80000, "L2_REASON_CODE_PROFILE_BASE" },
	{ 0x90000, "L2_REASON_CODE_IHV_BASE" },
};

static const char *code_lookup(const struct code_name *t, size_t n, DWORD code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return NULL;
}

const char *ihv_win32_name(DWORD e)
{
	return code_lookup(win32_names, sizeof(win32_names) / sizeof(win32_names[0]), e);
}

const char *ihv_l2_reason_name(DWORD r)
{
	return code_lookup(l2_names, sizeof(l2_names) / sizeof(l2_names[0]), r);
}

bool ihv_l2_reason_is_ihv(DWORD r)
{
	return r >= 0x90000 && r <= 0x9FFFF;
}

void ihv_status_table_print(FILE *f)
{
	char b[IHV_STATUS_FORMAT_MAX];

	fprintf(f, "%-24s %-28s %s\n", "cause", "DOT11_ASSOC_STATUS", "why");
	for (unsigned c = 0; c < SIM_CAUSE_COUNT; c++) {
		const struct ihv_status_row *row = &status_rows[c];

		ihv_status_format(row->base, b, sizeof(b));
		if (row->with_reason) {
			/* "PEER_DEAUTHENTICATED|0" would read as a real
			 * reason: print the rule instead. */
			char *bar = strchr(b, '|');

			if (bar)
				snprintf(bar, sizeof(b) - (size_t)(bar - b), "|reason");
		}
		fprintf(f, "%-24s %-28s %s\n", row->cause_name, b, row->rationale);
	}
}
