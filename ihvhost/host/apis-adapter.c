/* SPDX-License-Identifier: MIT */
/*
 * Adapter-scoped Dot11Ext APIs without an 802.11 counterpart in the host
 * yet (NIC extension, 802.1X, virtual station): they validate, answer
 * ERROR_NOT_SUPPORTED and say so in the trace. The security APIs
 * (packets, EtherTypes, algorithms, keys) are in apis-security.c. Calls
 * only down: apis-core.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "loop.h"
#include "service-internal.h"
#include "verifier.h"

#define IHV_NOTE_NO_80211 "not supported: no nl80211 counterpart in the host yet"

/* An adapter-scoped API with no 802.11 counterpart: validate, trace, and
 * answer ERROR_NOT_SUPPORTED. */
static DWORD ihv_api_unsupported_ta(const char *api, HANDLE h, uint32_t window,
				     const struct ihv_api_targs *ta)
{
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, window, &svc);
	if (ret == ERROR_SUCCESS)
		ret = ERROR_NOT_SUPPORTED;
	ihv_api_trace_ex(svc, api, h, ret,
			 ret == ERROR_NOT_SUPPORTED ? IHV_NOTE_NO_80211 : NULL, ta);
	return ret;
}

static DWORD ihv_api_unsupported(const char *api, HANDLE h, uint32_t window)
{
	return ihv_api_unsupported_ta(api, h, window, NULL);
}


/* NicSpecificExtension (an nl80211 vendor command) is in apis-nic.c. */

/* The 802.1X APIs (StartOneX, StopOneX, ProcessSecurityPacket) are in
 * apis-onex.c. */

/* ---- virtual station ------------------------------------------------------ */

DWORD WINAPI ihv_api_request_virtual_station(HANDLE hPrimary, LPVOID pvReserved)
{
	return ihv_api_unsupported("Dot11ExtRequestVirtualStation", hPrimary, IHV_WIN_ADAPTER);
}

DWORD WINAPI ihv_api_release_virtual_station(HANDLE hPrimary, LPVOID pvReserved)
{
	return ihv_api_unsupported("Dot11ExtReleaseVirtualStation", hPrimary, IHV_WIN_ADAPTER);
}

DWORD WINAPI ihv_api_query_virtual_station_properties(HANDLE h, BOOL *pbIsVirtualStation,
						      GUID *pgPrimary, LPVOID pvReserved)
{
	return ihv_api_unsupported("Dot11ExtQueryVirtualStationProperties", h, IHV_WIN_ADAPTER);
}

DWORD WINAPI ihv_api_set_virtual_station_ap_properties(HANDLE h, HANDLE hConnectSession,
						       DWORD dwNumProperties,
						       PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY pProperties,
						       LPVOID pvReserved)
{
	return ihv_api_unsupported("Dot11ExtSetVirtualStationAPProperties", h, IHV_WIN_ADAPTER);
}
