/*
 * ext-profiledata.c - what the sample extensions remember per profile and
 * tell the user: two service APIs a real extension uses around every
 * connection.
 *
 *  - Dot11ExtGetProfileCustomUserData / SetProfileCustomUserData, in
 *    PerformPreAssociate (they need hConnectSession): a record of how
 *    many times this profile was connected and to which BSS first
 *    offered, kept by the service with the profile. The first connection
 *    finds none; each one counts.
 *  - Dot11ExtSendNotification, from the worker after a successful
 *    post-association completion: an L2 notification of source
 *    L2_NOTIFICATION_SOURCE_WLAN_IHV, code EXT_NOTIFY_AUTHORIZED, whose
 *    data is the AP's address (what a vendor's tray application would
 *    listen for through WlanRegisterNotification).
 */
#include <stddef.h>
#include <string.h>

#include "ext-core.h"

/* The user session the data is kept for: the interactive session a
 * single-user Windows machine gives its first user. */
#define EXT_PROFILE_DATA_SESSION 1

struct ext_profile_data {
	char magic[4];            /* "IHVc" */
	UINT32 connections;
	UCHAR first_bss[6];
	UCHAR pad[2];
};

void ext_profile_data_count(struct ext_adapter *ad, HANDLE session, PDOT11_BSS_LIST bss)
{
	const DOT11EXT_APIS *api = &ext_svc.apis;
	struct ext_profile_data d = { { 'I', 'H', 'V', 'c' }, 1, { 0 }, { 0 } };
	DWORD size = 0, ret;
	LPVOID old = NULL;
	char mac[18];

	if (!api->Dot11ExtGetProfileCustomUserData || !api->Dot11ExtSetProfileCustomUserData)
		return;
	ret = api->Dot11ExtGetProfileCustomUserData(ad->svc, session, EXT_PROFILE_DATA_SESSION,
						    &size, &old);
	if (ret == ERROR_SUCCESS && old && size == sizeof(d) && !memcmp(old, d.magic, 4)) {
		memcpy(&d, old, sizeof(d));
		d.connections++;
	} else if (ret == ERROR_SUCCESS && size) {
		ext_log("PerformPreAssociate(adapter=%p): profile data of %lu bytes not ours: starting over",
			(void *)ad, (unsigned long)size);
	}
	if (old)
		api->Dot11ExtFreeBuffer(old);
	if (d.connections == 1 && bss && bss->pucBuffer &&
	    bss->uNumOfBytes >= offsetof(DOT11_BSS_ENTRY, ucBuffer))
		memcpy(d.first_bss, ((PDOT11_BSS_ENTRY)(void *)bss->pucBuffer)->dot11BSSID, 6);
	ret = api->Dot11ExtSetProfileCustomUserData(ad->svc, session, EXT_PROFILE_DATA_SESSION,
						    sizeof(d), &d);
	ext_log("PerformPreAssociate(adapter=%p): connection %u with this profile (first BSS %s); Dot11ExtSetProfileCustomUserData returned %u",
		(void *)ad, (unsigned int)d.connections, ext_mac_str(d.first_bss, mac),
		(unsigned int)ret);
}

void ext_notify_authorized(struct ext_adapter *ad, HANDLE svc, const DOT11_MAC_ADDRESS peer)
{
	L2_NOTIFICATION_DATA n;
	UCHAR data[6];
	DWORD ret;
	char mac[18];

	if (!ext_svc.apis.Dot11ExtSendNotification)
		return;
	memcpy(data, peer, sizeof(data));
	memset(&n, 0, sizeof(n));
	n.NotificationSource = L2_NOTIFICATION_SOURCE_WLAN_IHV;
	n.NotificationCode = EXT_NOTIFY_AUTHORIZED;
	n.InterfaceGuid = ad->id;
	n.dwDataSize = sizeof(data);
	n.pData = data;
	ret = ext_svc.apis.Dot11ExtSendNotification(svc, &n);
	ext_log("Dot11ExtSendNotification(authorized with %s) returned %u", ext_mac_str(peer, mac),
		(unsigned int)ret);
}
