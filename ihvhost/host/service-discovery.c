/* SPDX-License-Identifier: MIT */
/*
 * A network without a saved profile: as the Windows service does, the
 * host asks the extension for discovery profiles
 * (Dot11ExtIhvCreateDiscoveryProfiles) before anything else, and the
 * first one it offers gives the connection its IHV connectivity and
 * security fragments. The list and its strings are the extension's, made
 * with Dot11ExtAllocateBuffer; the host copies what it keeps and frees
 * every one of them with Dot11ExtFreeBuffer (whose checks report a buffer
 * that did not come from AllocateBuffer). No profile, or an error: the
 * profile made from the BSS, with empty fragments, is used, and the trace
 * says so.
 */
#include <errno.h>
#include <stdio.h>

#include "apis.h"
#include "service-internal.h"
#include "verifier.h"
#include "wstr.h"

/* Bounds on what the host reads of the extension's list. */
#define IHV_DISCOVERY_MAX 64

static void ihv_svc_discovery_free(const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l, DWORD n)
{
	PDOT11EXT_APIS apis = ihv_apis_table();

	for (DWORD i = 0; i < n; i++) {
		apis->Dot11ExtFreeBuffer(l->pIhvDiscoveryProfiles[i].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
		apis->Dot11ExtFreeBuffer(l->pIhvDiscoveryProfiles[i].IhvSecurityProfile.pszXmlFragmentIhvSecurity);
	}
	apis->Dot11ExtFreeBuffer(l->pIhvDiscoveryProfiles);
}

int ihv_svc_discover(struct ihv_service *svc, struct ihv_adapter *a, bool insecure,
		     DOT11_BSS_LIST *list)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = { 0 };
	struct ihv_hcall_args ta = { .has_size = true, .size = list->uNumOfBytes };
	const DOT11EXT_IHV_DISCOVERY_PROFILE *d;
	struct ihv_svc_profile prof;
	DWORD reason = 0, ret, n;
	char note[192];
	int rc;

	ihv_svc_profile_view(a, &prof);
	ret = IHV_SVC_CALL_A(svc, a, &ta, CreateDiscoveryProfiles, a->ext_handle,
			     insecure ? TRUE : FALSE, &prof.params, list, &l, &reason);
	if (ret != ERROR_SUCCESS || !l.dwCount) {
		snprintf(note, sizeof(note), "%s: the profile made from the BSS (empty IHV "
			 "fragments) is used", ret != ERROR_SUCCESS ?
			 "CreateDiscoveryProfiles failed" : "no discovery profile offered");
		ihv_svc_trace_note(svc, a, "profile-from-bss", note);
		if (ret == ERROR_SUCCESS && l.pIhvDiscoveryProfiles)
			ihv_apis_table()->Dot11ExtFreeBuffer(l.pIhvDiscoveryProfiles);
		return 0;
	}
	if (!l.pIhvDiscoveryProfiles || l.dwCount > IHV_DISCOVERY_MAX) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER,
				    "Dot11ExtIhvCreateDiscoveryProfiles", "svc", a->svc_handle,
				    "returned dwCount %u with %s", (unsigned int)l.dwCount,
				    l.pIhvDiscoveryProfiles ? "more than 64 profiles"
							    : "pIhvDiscoveryProfiles NULL");
		if (l.pIhvDiscoveryProfiles)
			ihv_apis_table()->Dot11ExtFreeBuffer(l.pIhvDiscoveryProfiles);
		return -EPROTO;
	}
	n = l.dwCount;
	d = &l.pIhvDiscoveryProfiles[0];
	rc = ihv_svc_profile_replace(a, d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity,
				     d->IhvSecurityProfile.pszXmlFragmentIhvSecurity);
	if (rc == 0) {
		a->prof.sec_use_onex = d->IhvSecurityProfile.bUseMSOnex;
		snprintf(note, sizeof(note), "the first of %u discovery profile(s) is the "
			 "connection's: connectivity %zu, security %zu UTF-16 units%s",
			 (unsigned int)n, ihv_wstr_len(a->prof.conn_xml),
			 ihv_wstr_len(a->prof.sec_xml),
			 d->IhvSecurityProfile.bUseMSOnex ? ", bUseMSOnex" : "");
		ihv_svc_trace_note(svc, a, "profile-discovered", note);
	}
	ihv_svc_discovery_free(&l, n);
	return rc == -EINVAL || rc == -EILSEQ ? -EPROTO : rc;
}
