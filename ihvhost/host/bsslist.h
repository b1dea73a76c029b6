/* SPDX-License-Identifier: MIT */
/*
 * bsslist: the DOT11_BSS_LIST that PerformCapabilityMatch,
 * PerformPreAssociate and CreateDiscoveryProfiles receive, built from real
 * nl80211 scan results (struct sim_bss), and a validating iterator over it.
 *
 * Layout (as Windows builds it): pucBuffer holds uNumOfBytes bytes, a run
 * of variable-length DOT11_BSS_ENTRY records. Each record is the fixed part
 * (offsetof(DOT11_BSS_ENTRY, ucBuffer) = 64 bytes on x86-64) followed by
 * uBufferLength bytes of information elements; the next record starts right
 * after: "each entry within the list ... does not contain padding for the
 * alignment of the next entry" (DOT11_BSS_LIST, Windows driver docs). So
 * only the first record is aligned: read fields of later ones with memcpy
 * (or accept unaligned loads, which x86-64 does and extensions rely on).
 *
 * Field mapping from struct sim_bss (one scan result as the kernel gave it):
 *   uPhyId                 0: the host models each adapter as one PHY (the
 *                          same index 0 is the association's active PHY,
 *                          see assoc-params.h)
 *   uChCenterFrequency     freq_mhz (Windows: the channel centre in MHz)
 *   dot11BSSID             bssid
 *   dot11BSSType           independent if the IBSS capability bit (0x0002)
 *                          is set, else infrastructure
 *   lRSSI                  signal_mbm / 100 (dBm, truncated toward zero)
 *   uLinkQuality           linear in RSSI: <= -100 dBm -> 0, >= -50 dBm ->
 *                          100, 2 * (dBm + 100) between (the usual Windows
 *                          convention; nl80211 gives no quality of its own)
 *   bInRegDomain           TRUE (the docs' rule when 802.11d is not used)
 *   usBeaconPeriod         beacon_interval (TUs)
 *   ullTimestamp           tsf (the frame's TSF, microseconds)
 *   ullHostTimestamp       when the host saw the frame, in Windows system
 *                          time (100 ns units since 1601-01-01 UTC):
 *                          seen_ns (CLOCK_MONOTONIC) moved onto
 *                          CLOCK_REALTIME at build time
 *   usCapabilityInformation capability
 *   uBufferLength/ucBuffer the IEs exactly as received (SSID element
 *                          included), not re-parsed
 */
#ifndef IHVHOST_BSSLIST_H
#define IHVHOST_BSSLIST_H

#include <stddef.h>
#include <stdint.h>

#include <wlanihv.h>

#include "sim.h"

/* Bytes of one record before its IEs. */
#define IHV_BSS_ENTRY_FIXED offsetof(DOT11_BSS_ENTRY, ucBuffer)

/* Windows system time (100 ns since 1601) for a CLOCK_MONOTONIC time. */
uint64_t ihv_bss_host_timestamp(uint64_t monotonic_ns);

/* dBm -> uLinkQuality, the mapping documented above. */
uint32_t ihv_bss_link_quality(int32_t rssi_dbm);

/*
 * Builds @out from @n scan results (@n may be 0: uNumOfBytes 0, pucBuffer
 * NULL). @out is overwritten, not freed first; release it with
 * ihv_bss_list_free. -EINVAL: @bss NULL with @n > 0, or a result with IEs
 * NULL but ies_len > 0. -EOVERFLOW: the list would not fit a ULONG.
 * -ENOMEM. On failure @out is left empty (0, NULL).
 */
int ihv_bss_list_build(const struct sim_bss *bss, size_t n, DOT11_BSS_LIST *out);
/* Frees the buffer and empties @l. NULL or empty is a no-op. */
void ihv_bss_list_free(DOT11_BSS_LIST *l);

/*
 * Iterator and validator. Start with *off = 0; each call returns the record
 * at *off in *e and advances *off past it.
 *   0         *e is a complete record (fixed part and IEs inside the list)
 *   -ENODATA  *off is exactly at the end: no more records
 *   -EBADMSG  malformed: a record's fixed part or IEs run past uNumOfBytes,
 *             pucBuffer NULL with uNumOfBytes > 0, *off past the end, or a
 *             field out of its Windows range (dot11BSSType not
 *             infrastructure/independent, uLinkQuality > 100)
 *   -EINVAL   NULL arguments
 * *e may be unaligned (see above). On error *off and *e are unchanged.
 */
int ihv_bss_list_next(const DOT11_BSS_LIST *l, size_t *off,
		      const DOT11_BSS_ENTRY **e);

/* Validates a whole list: 0 and the record count in *n, or the first error
 * of ihv_bss_list_next. */
int ihv_bss_list_count(const DOT11_BSS_LIST *l, size_t *n);

#endif /* IHVHOST_BSSLIST_H */
