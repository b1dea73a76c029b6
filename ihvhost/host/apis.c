/* SPDX-License-Identifier: MIT */
/*
 * The APIs as the host hands them out: attaching the service the APIs
 * serve, and the two tables. The top of the APIs: it calls down into
 * apis-core.c, apis-buffer.c, apis-assoc.c and the other apis-*.c, none of
 * which calls it.
 */
#include "apis-internal.h"

int ihv_apis_attach(struct ihv_service *svc)
{
	int rc = ihv_api_current_claim(svc);

	if (rc < 0)
		return rc;
	/* Statistics per extension: "allocs since attach". */
	ihv_api_buffers_reset();
	return 0;
}

void ihv_apis_detach(struct ihv_service *svc)
{
	ihv_api_current_release(svc);
}

/* ---- the tables --------------------------------------------------------- */

static DOT11EXT_APIS ihv_api_table = {
	.Dot11ExtAllocateBuffer = ihv_api_allocate_buffer,
	.Dot11ExtFreeBuffer = ihv_api_free_buffer,
	.Dot11ExtSetProfileCustomUserData = ihv_api_set_profile_custom_user_data,
	.Dot11ExtGetProfileCustomUserData = ihv_api_get_profile_custom_user_data,
	.Dot11ExtSetCurrentProfile = ihv_api_set_current_profile,
	.Dot11ExtSendUIRequest = ihv_api_send_ui_request,
	.Dot11ExtPreAssociateCompletion = ihv_api_pre_associate_completion,
	.Dot11ExtPostAssociateCompletion = ihv_api_post_associate_completion,
	.Dot11ExtSendNotification = ihv_api_send_notification,
	.Dot11ExtSendPacket = ihv_api_send_packet,
	.Dot11ExtSetEtherTypeHandling = ihv_api_set_ethertype_handling,
	.Dot11ExtSetAuthAlgorithm = ihv_api_set_auth_algorithm,
	.Dot11ExtSetUnicastCipherAlgorithm = ihv_api_set_unicast_cipher_algorithm,
	.Dot11ExtSetMulticastCipherAlgorithm = ihv_api_set_multicast_cipher_algorithm,
	.Dot11ExtSetDefaultKey = ihv_api_set_default_key,
	.Dot11ExtSetKeyMappingKey = ihv_api_set_key_mapping_key,
	.Dot11ExtSetDefaultKeyId = ihv_api_set_default_key_id,
	.Dot11ExtNicSpecificExtension = ihv_api_nic_specific_extension,
	.Dot11ExtSetExcludeUnencrypted = ihv_api_set_exclude_unencrypted,
	.Dot11ExtStartOneX = ihv_api_start_onex,
	.Dot11ExtStopOneX = ihv_api_stop_onex,
	.Dot11ExtProcessSecurityPacket = ihv_api_process_security_packet,
};

static DOT11EXT_VIRTUAL_STATION_APIS ihv_api_vs_table = {
	.Dot11ExtRequestVirtualStation = ihv_api_request_virtual_station,
	.Dot11ExtReleaseVirtualStation = ihv_api_release_virtual_station,
	.Dot11ExtQueryVirtualStationProperties = ihv_api_query_virtual_station_properties,
	.Dot11ExtSetVirtualStationAPProperties = ihv_api_set_virtual_station_ap_properties,
};

PDOT11EXT_APIS ihv_apis_table(void)
{
	/* The extension copies the table (InitService contract); handing it
	 * a fresh copy each time keeps ours immune to writes through it. */
	static DOT11EXT_APIS copy;

	copy = ihv_api_table;
	return &copy;
}

PDOT11EXT_VIRTUAL_STATION_APIS ihv_apis_vs_table(void)
{
	static DOT11EXT_VIRTUAL_STATION_APIS copy;

	copy = ihv_api_vs_table;
	return &copy;
}
