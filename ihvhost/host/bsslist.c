/* SPDX-License-Identifier: MIT */
/*
 * bsslist: DOT11_BSS_LIST from nl80211 scan results. See bsslist.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bsslist.h"

/* 100 ns intervals between 1601-01-01 and 1970-01-01 (Windows FILETIME). */
#define FILETIME_UNIX_EPOCH 116444736000000000ULL

/* The IBSS bit of the 802.11 Capability Information field. */
#define CAP_IBSS 0x0002

_Static_assert(sizeof(((DOT11_BSS_LIST *)0)->uNumOfBytes) == 4, "ULONG is 32-bit");

/* The wall clock, read only to move a sim timestamp onto it. */
static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * SIM_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t ihv_bss_host_timestamp(uint64_t monotonic_ns)
{
	/* Both clocks read back to back: the offset is good to microseconds,
	 * far finer than the 100 ns unit's use (ordering scan results). */
	int64_t offset = (int64_t)(realtime_ns() - sim_clock_now_ns());
	int64_t real_ns = (int64_t)monotonic_ns + offset;

	if (real_ns < 0)
		real_ns = 0;
	return (uint64_t)real_ns / 100 + FILETIME_UNIX_EPOCH;
}

uint32_t ihv_bss_link_quality(int32_t rssi_dbm)
{
	if (rssi_dbm <= -100)
		return 0;
	if (rssi_dbm >= -50)
		return 100;
	return (uint32_t)(2 * (rssi_dbm + 100));
}

void ihv_bss_list_free(DOT11_BSS_LIST *l)
{
	if (!l)
		return;
	free(l->pucBuffer);
	l->pucBuffer = NULL;
	l->uNumOfBytes = 0;
}

static void entry_fill(DOT11_BSS_ENTRY *e, const struct sim_bss *b)
{
	int32_t dbm = b->signal_mbm / 100;

	memset(e, 0, sizeof(*e));
	e->uPhyId = 0;
	e->PhySpecificInfo.uChCenterFrequency = b->freq_mhz;
	memcpy(e->dot11BSSID, b->bssid, sizeof(e->dot11BSSID));
	e->dot11BSSType = (b->capability & CAP_IBSS) ? dot11_BSS_type_independent
						      : dot11_BSS_type_infrastructure;
	e->lRSSI = dbm;
	e->uLinkQuality = ihv_bss_link_quality(dbm);
	e->bInRegDomain = TRUE;
	e->usBeaconPeriod = b->beacon_interval;
	e->ullTimestamp = b->tsf;
	e->ullHostTimestamp = ihv_bss_host_timestamp(b->seen_ns);
	e->usCapabilityInformation = b->capability;
	e->uBufferLength = (ULONG)b->ies_len;
}

int ihv_bss_list_build(const struct sim_bss *bss, size_t n, DOT11_BSS_LIST *out)
{
	size_t total = 0, off = 0;
	unsigned char *buf;

	out->uNumOfBytes = 0;
	out->pucBuffer = NULL;
	if (n > 0 && !bss)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (bss[i].ies_len > 0 && !bss[i].ies)
			return -EINVAL;
		/* Checked one term at a time: the sum must fit a ULONG. */
		if (bss[i].ies_len > UINT32_MAX - IHV_BSS_ENTRY_FIXED ||
		    total > UINT32_MAX - IHV_BSS_ENTRY_FIXED - bss[i].ies_len)
			return -EOVERFLOW;
		total += IHV_BSS_ENTRY_FIXED + bss[i].ies_len;
	}
	if (total == 0)
		return 0;
	buf = malloc(total);
	if (!buf)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		DOT11_BSS_ENTRY e;

		/* Filled aligned on the stack, then copied: records after the
		 * first are not aligned in the packed run. */
		entry_fill(&e, &bss[i]);
		memcpy(buf + off, &e, IHV_BSS_ENTRY_FIXED);
		off += IHV_BSS_ENTRY_FIXED;
		if (bss[i].ies_len)
			memcpy(buf + off, bss[i].ies, bss[i].ies_len);
		off += bss[i].ies_len;
	}
	out->uNumOfBytes = (ULONG)total;
	out->pucBuffer = buf;
	return 0;
}

int ihv_bss_list_next(const DOT11_BSS_LIST *l, size_t *off,
		      const DOT11_BSS_ENTRY **e)
{
	const unsigned char *rec;
	DOT11_BSS_ENTRY fixed;
	size_t left;

	if (!l || !off || !e)
		return -EINVAL;
	if (l->uNumOfBytes > 0 && !l->pucBuffer)
		return -EBADMSG;
	if (*off == l->uNumOfBytes)
		return -ENODATA;
	if (*off > l->uNumOfBytes)
		return -EBADMSG;
	left = l->uNumOfBytes - *off;
	if (left < IHV_BSS_ENTRY_FIXED)
		return -EBADMSG;
	rec = l->pucBuffer + *off;
	memcpy(&fixed, rec, IHV_BSS_ENTRY_FIXED);
	if (fixed.uBufferLength > left - IHV_BSS_ENTRY_FIXED)
		return -EBADMSG;
	if (fixed.dot11BSSType != dot11_BSS_type_infrastructure &&
	    fixed.dot11BSSType != dot11_BSS_type_independent)
		return -EBADMSG;
	if (fixed.uLinkQuality > 100)
		return -EBADMSG;
	*e = (const DOT11_BSS_ENTRY *)(const void *)rec;
	*off += IHV_BSS_ENTRY_FIXED + fixed.uBufferLength;
	return 0;
}

int ihv_bss_list_count(const DOT11_BSS_LIST *l, size_t *n)
{
	const DOT11_BSS_ENTRY *e;
	size_t off = 0, count = 0;
	int rc;

	while ((rc = ihv_bss_list_next(l, &off, &e)) == 0)
		count++;
	if (rc != -ENODATA)
		return rc;
	*n = count;
	return 0;
}
