/* SPDX-License-Identifier: MIT */
/*
 * Indications (Dot11ExtIhvReceiveIndication) from what the 802.11 side
 * reports, each in the windot11.h payload Windows gives it, on the loop
 * (serialised, in order), only between InitAdapter and DeinitAdapter:
 *
 *   LinkQuality        the link's signal crossed the threshold the host
 *                      set with nl80211 SET_CQM when the association was
 *                      made (SIM_EV_SIGNAL): one DOT11_LINK_QUALITY_ENTRY
 *                      for the AP, quality 0..100 = 2 * (dBm + 100),
 *                      clamped (-100 dBm is 0, -50 dBm and above 100);
 *   PmkidCandidateList the BSSs of the connection's ESS a scan heard,
 *                      strongest first, when there are at least two (at
 *                      post-association, and after each roaming scan);
 *                      DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED when the
 *                      BSS's RSN capabilities allow pre-authentication;
 *   PhyStateChange     the radio's rfkill switch changed (SIM_EV_RFKILL);
 *   TkipMicFailure     the kernel reported a Michael MIC failure.
 *
 * Roaming, as the Windows service does on its own: when the signal falls
 * below the threshold on an authorized link, the host scans the ESS
 * (ihv_svc_roam_freqs' channels) and reassociates to the strongest other
 * BSS if it is heard at least roam_better_db stronger than the current
 * link; otherwise it stays (traced either way).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service-internal.h"

#define IHV_IE_RSN 48
#define IHV_RSN_CAP_PREAUTH 0x0001

int32_t ihv_svc_roam_threshold(const struct ihv_service *svc)
{
	return svc->cfg.roam_threshold_dbm ? svc->cfg.roam_threshold_dbm
					   : IHV_ROAM_THRESHOLD_DBM_DEFAULT;
}

static uint32_t ihv_svc_roam_hysteresis(const struct ihv_service *svc)
{
	return svc->cfg.roam_hysteresis_db ? svc->cfg.roam_hysteresis_db
					   : IHV_ROAM_HYSTERESIS_DB_DEFAULT;
}

static int32_t ihv_svc_roam_better(const struct ihv_service *svc)
{
	return svc->cfg.roam_better_db ? svc->cfg.roam_better_db
				       : IHV_ROAM_BETTER_DB_DEFAULT;
}

uint8_t ihv_link_quality(int32_t dbm)
{
	int32_t q = 2 * (dbm + 100);

	return (uint8_t)(q < 0 ? 0 : q > 100 ? 100 : q);
}

/* The RSN element's capabilities allow pre-authentication (IEEE
 * 802.11-2020 9.4.2.24: version, group suite, the pairwise and AKM
 * lists, then capabilities). Malformed or absent: no. */
static bool ihv_rsn_preauth(const uint8_t *ies, size_t len)
{
	size_t off = 0;

	while (off + 2 <= len) {
		uint8_t id = ies[off], l = ies[off + 1];
		const uint8_t *p = ies + off + 2;
		size_t pos = 6, n;

		if (off + 2 + l > len)
			return false;
		off += 2u + l;
		if (id != IHV_IE_RSN)
			continue;
		/* version (2) + group suite (4) */
		if (l < pos + 2)
			return false;
		n = (size_t)p[pos] | (size_t)p[pos + 1] << 8;
		pos += 2 + 4 * n;
		if (l < pos + 2)
			return false;
		n = (size_t)p[pos] | (size_t)p[pos + 1] << 8;
		pos += 2 + 4 * n;
		if (l < pos + 2)
			return false;
		return ((unsigned int)p[pos] | (unsigned int)p[pos + 1] << 8) & IHV_RSN_CAP_PREAUTH;
	}
	return false;
}

static int ihv_cmp_signal(const void *x, const void *y)
{
	const struct ihv_candidate *a = x, *b = y;

	return (a->signal_mbm < b->signal_mbm) - (a->signal_mbm > b->signal_mbm);
}

/* Adds the ESS's BSSs of one scan to the candidates (a BSS heard
 * twice keeps its last signal). */
static void ihv_svc_candidates_add(struct ihv_adapter *a, const struct sim_bss *bss, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ihv_candidate *c = NULL;

		if (bss[i].ssid_len != strlen(a->ssid) ||
		    memcmp(bss[i].ssid, a->ssid, bss[i].ssid_len))
			continue;
		for (size_t k = 0; k < a->n_candidates && !c; k++)
			if (!memcmp(a->candidates[k].bssid, bss[i].bssid, SIM_ETH_ALEN))
				c = &a->candidates[k];
		if (!c && a->n_candidates == IHV_CANDIDATES_MAX)
			continue;
		if (!c)
			c = &a->candidates[a->n_candidates++];
		memcpy(c->bssid, bss[i].bssid, SIM_ETH_ALEN);
		c->freq_mhz = bss[i].freq_mhz;
		c->signal_mbm = bss[i].signal_mbm;
		c->preauth = ihv_rsn_preauth(bss[i].ies, bss[i].ies_len);
	}
	qsort(a->candidates, a->n_candidates, sizeof(a->candidates[0]), ihv_cmp_signal);
}

void ihv_svc_candidates_note(struct ihv_adapter *a, const struct sim_bss *bss, size_t n)
{
	a->n_candidates = 0;
	ihv_svc_candidates_add(a, bss, n);
}

void ihv_svc_indicate_candidates(struct ihv_service *svc, struct ihv_adapter *a)
{
	struct ihv_hcall_args ta = { .has_type = true, .type = IndicationTypePmkidCandidateList };
	DOT11_PMKID_CANDIDATE_LIST_PARAMETERS *p;
	DOT11_BSSID_CANDIDATE *c;
	size_t k = a->n_candidates, len;
	uint8_t *buf;

	/* One BSS is no choice to pre-authenticate for. */
	if (k < 2 || !a->ext_handle)
		return;
	len = sizeof(*p) + k * sizeof(*c);
	buf = calloc(1, len);
	if (!buf) {
		ihv_svc_trace_note(svc, a, "indication-dropped", "out of memory");
		return;
	}
	p = (DOT11_PMKID_CANDIDATE_LIST_PARAMETERS *)(void *)buf;
	p->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p->Header.Revision = DOT11_PMKID_CANDIDATE_LIST_PARAMETERS_REVISION_1;
	p->Header.Size = (USHORT)sizeof(*p);
	p->uCandidateListSize = (ULONG)k;
	p->uCandidateListOffset = (ULONG)sizeof(*p);
	c = (DOT11_BSSID_CANDIDATE *)(void *)(buf + sizeof(*p));
	for (size_t i = 0; i < k; i++) {
		memcpy(c[i].BSSID, a->candidates[i].bssid, SIM_ETH_ALEN);
		c[i].uFlags = a->candidates[i].preauth ? DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED : 0;
	}
	ta.has_size = true;
	ta.size = len;
	IHV_SVC_CALL_A(svc, a, &ta, ReceiveIndication, a->ext_handle,
		       IndicationTypePmkidCandidateList, (ULONG)len, buf);
	free(buf);
}

void ihv_svc_link_watch(struct ihv_service *svc, struct ihv_adapter *a)
{
	char note[96];
	int rc;

	rc = ihv_wlan_set_cqm(&svc->cfg.wlan, a->id, ihv_svc_roam_threshold(svc),
			      ihv_svc_roam_hysteresis(svc));
	if (rc < 0 && rc != -EOPNOTSUPP) {
		snprintf(note, sizeof(note), "signal threshold %d dBm not set: %s",
			 ihv_svc_roam_threshold(svc), strerror(-rc));
		ihv_svc_trace_note(svc, a, "link-watch", note);
	}
}

/* The roaming scan's channels: the ESS's known ones, the current one,
 * and 2.4 GHz channels 1, 6 and 11 where an ESS's APs usually are. Each
 * is a targeted scan (~0.1 s): a scan of every channel of the world
 * regulatory domain takes ~10 s under the VM's TCG, and the loop waits
 * for it. */
static size_t ihv_svc_roam_freqs(const struct ihv_adapter *a, uint32_t *f, size_t cap)
{
	static const uint32_t usual[] = { 2412, 2437, 2462 };
	size_t n = 0;

	for (size_t i = 0; i < a->n_candidates + 1 + 3; i++) {
		uint32_t v = i < a->n_candidates ? a->candidates[i].freq_mhz :
			     i == a->n_candidates ? a->freq_mhz : usual[i - a->n_candidates - 1];
		bool dup = !v;

		for (size_t k = 0; k < n && !dup; k++)
			dup = f[k] == v;
		if (!dup && n < cap)
			f[n++] = v;
	}
	return n;
}

/* Below the threshold on an authorized link: a stronger BSS of the ESS? */
static void ihv_svc_roam_on_signal(struct ihv_service *svc, struct ihv_adapter *a,
				   int32_t level_dbm)
{
	const struct ihv_candidate *best = NULL;
	uint32_t freqs[IHV_CANDIDATES_MAX + 4];
	size_t nf, scanned = 0;
	char note[224];
	int rc;

	nf = ihv_svc_roam_freqs(a, freqs, sizeof(freqs) / sizeof(freqs[0]));
	a->n_candidates = 0;
	for (size_t i = 0; i < nf; i++) {
		struct sim_bss *bss = NULL;
		size_t n = 0;

		if (ihv_wlan_scan(&svc->cfg.wlan, a->id, a->ssid, freqs[i], &bss, &n) < 0)
			continue;
		scanned++;
		ihv_svc_candidates_add(a, bss, n);
		ihv_wlan_bss_free(&svc->cfg.wlan, bss, n);
	}
	if (!scanned) {
		snprintf(note, sizeof(note), "signal %d dBm below %d dBm: every roaming scan "
			 "failed: staying", level_dbm, ihv_svc_roam_threshold(svc));
		ihv_svc_trace_note(svc, a, "roam-decision", note);
		return;
	}
	ihv_svc_indicate_candidates(svc, a);
	for (size_t i = 0; i < a->n_candidates && !best; i++)
		if (memcmp(a->candidates[i].bssid, a->peer, SIM_ETH_ALEN))
			best = &a->candidates[i];  /* strongest first */
	if (!best || best->signal_mbm / 100 < level_dbm + ihv_svc_roam_better(svc)) {
		if (best)
			snprintf(note, sizeof(note), "signal %d dBm below %d dBm; the strongest "
				 "other BSS, " SIM_MAC_FMT ", is heard at %d dBm, not %d dB "
				 "better: staying", level_dbm, ihv_svc_roam_threshold(svc),
				 SIM_MAC_ARG(best->bssid), best->signal_mbm / 100,
				 ihv_svc_roam_better(svc));
		else
			snprintf(note, sizeof(note), "signal %d dBm below %d dBm; no other BSS "
				 "of the ESS heard: staying", level_dbm,
				 ihv_svc_roam_threshold(svc));
		ihv_svc_trace_note(svc, a, "roam-decision", note);
		return;
	}
	snprintf(note, sizeof(note), "signal %d dBm below %d dBm; " SIM_MAC_FMT " is heard "
		 "at %d dBm: roaming to it", level_dbm, ihv_svc_roam_threshold(svc),
		 SIM_MAC_ARG(best->bssid), best->signal_mbm / 100);
	ihv_svc_trace_note(svc, a, "roam-decision", note);
	{
		uint8_t bssid[SIM_ETH_ALEN];
		uint32_t freq = best->freq_mhz;

		memcpy(bssid, best->bssid, SIM_ETH_ALEN);
		rc = ihv_service_roam(svc, a->id, bssid, freq);
	}
	if (rc < 0) {
		snprintf(note, sizeof(note), "the reassociation could not be started: %s",
			 strerror(-rc));
		ihv_svc_trace_note(svc, a, "roam-decision", note);
	}
}

void ihv_svc_on_signal(struct ihv_service *svc, struct ihv_adapter *a,
		       const struct sim_event *ev)
{
	struct ihv_hcall_args ta = { .has_type = true, .type = IndicationTypeLinkQuality };
	uint8_t buf[sizeof(DOT11_LINK_QUALITY_PARAMETERS) + sizeof(DOT11_LINK_QUALITY_ENTRY)];
	DOT11_LINK_QUALITY_PARAMETERS *p = (DOT11_LINK_QUALITY_PARAMETERS *)(void *)buf;
	DOT11_LINK_QUALITY_ENTRY e;
	/* Without the kernel's level, the threshold's side of it. */
	int32_t dbm = ev->u.signal.has_level ? ev->u.signal.level_dbm :
		      ihv_svc_roam_threshold(svc) + (ev->u.signal.low ? -1 : 1);

	if (!a->port || !a->ext_handle) {
		ihv_svc_trace_note(svc, a, "event-ignored", "a signal report without an association");
		return;
	}
	memset(buf, 0, sizeof(buf));
	p->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p->Header.Revision = DOT11_LINK_QUALITY_PARAMETERS_REVISION_1;
	p->Header.Size = (USHORT)sizeof(*p);
	p->uLinkQualityListSize = 1;
	p->uLinkQualityListOffset = (ULONG)sizeof(*p);
	memcpy(e.PeerMacAddr, a->peer, SIM_ETH_ALEN);
	e.ucLinkQuality = ihv_link_quality(dbm);
	memcpy(buf + sizeof(*p), &e, sizeof(e));
	ta.has_size = true;
	ta.size = sizeof(buf);
	ta.event_t_ns = ev->t_first_ns;
	IHV_SVC_CALL_A(svc, a, &ta, ReceiveIndication, a->ext_handle,
		       IndicationTypeLinkQuality, (ULONG)sizeof(buf), buf);
	if (ev->u.signal.low && a->state == IHV_ADAPTER_AUTHORIZED && !svc->cfg.roam_off &&
	    !a->roaming)
		ihv_svc_roam_on_signal(svc, a, dbm);
}

void ihv_svc_on_rfkill(struct ihv_service *svc, struct ihv_adapter *a,
		       const struct sim_event *ev)
{
	struct ihv_hcall_args ta = { .has_type = true, .type = IndicationTypePhyStateChange };
	DOT11_PHY_STATE_PARAMETERS p;

	if (!a->ext_handle)
		return;
	memset(&p, 0, sizeof(p));
	p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p.Header.Revision = DOT11_PHY_STATE_PARAMETERS_REVISION_1;
	p.Header.Size = (USHORT)sizeof(p);
	p.uPhyId = 0;
	/* TRUE: the switch lets the radio on. */
	p.bHardwarePhyState = ev->u.rfkill.hard_blocked ? FALSE : TRUE;
	p.bSoftwarePhyState = ev->u.rfkill.soft_blocked ? FALSE : TRUE;
	ta.has_size = true;
	ta.size = sizeof(p);
	ta.event_t_ns = ev->t_first_ns;
	IHV_SVC_CALL_A(svc, a, &ta, ReceiveIndication, a->ext_handle,
		       IndicationTypePhyStateChange, (ULONG)sizeof(p), &p);
}

void ihv_svc_on_mic_failure(struct ihv_service *svc, struct ihv_adapter *a,
			    const struct sim_event *ev)
{
	struct ihv_hcall_args ta = { .has_type = true, .type = IndicationTypeTkipMicFailure };
	DOT11_TKIPMIC_FAILURE_PARAMETERS p;

	if (!a->ext_handle)
		return;
	memset(&p, 0, sizeof(p));
	p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p.Header.Revision = DOT11_TKIPMIC_FAILURE_PARAMETERS_REVISION_1;
	p.Header.Size = (USHORT)sizeof(p);
	p.bDefaultKeyFailure = ev->u.mic.group ? TRUE : FALSE;
	p.uKeyIndex = ev->u.mic.key_idx;
	memcpy(p.PeerMac, ev->peer, SIM_ETH_ALEN);
	ta.has_size = true;
	ta.size = sizeof(p);
	ta.peer = ev->peer;
	ta.event_t_ns = ev->t_first_ns;
	IHV_SVC_CALL_A(svc, a, &ta, ReceiveIndication, a->ext_handle,
		       IndicationTypeTkipMicFailure, (ULONG)sizeof(p), &p);
}
