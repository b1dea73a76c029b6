/* SPDX-License-Identifier: MIT */
/*
 * Shared by apis*.c only (the file split: apis.h). Each block names the
 * file that defines it; a file uses only blocks of files below it.
 */
#ifndef IHVHOST_APIS_INTERNAL_H
#define IHVHOST_APIS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <wlanihv.h>

#include "apis.h"
#include "handles.h"
#include "service.h"

/* ---- apis-core.c ------------------------------------------------------- */

/* Makes @svc the current service; -EBUSY: another one is. */
int ihv_api_current_claim(struct ihv_service *svc);
/* Clears the current service if it is @svc. */
void ihv_api_current_release(struct ihv_service *svc);

/* Arguments recorded with an API call (has_*: present). */
struct ihv_api_targs {
	HANDLE svc_h;          /* names the adapter; NULL: the traced handle */
	const uint8_t *peer;
	bool has_reason, has_win32, has_size, has_value, has_type;
	DWORD reason, win32;
	uint64_t size, value, type;
	const char *eapol;     /* what an EAPOL frame is; NULL: not one */
	bool has_index;        /* "index": a key's index */
	uint32_t index;
};
/* "api" trace record: name, handle, the adapter's wiphy/ifindex when the
 * handle still names one, @ta, ret, and @note (NULL unless something to
 * say, e.g. why ERROR_NOT_SUPPORTED). */
void ihv_api_trace_ex(struct ihv_service *svc, const char *api, HANDLE h,
		      DWORD ret, const char *note, const struct ihv_api_targs *ta);
void ihv_api_trace(struct ihv_service *svc, const char *api, HANDLE h,
		   DWORD ret, const char *note);
/* Bit of an adapter state in a window mask. */
#define IHV_WIN(state) (1u << (state))
#define IHV_WIN_ADAPTER (IHV_WIN(IHV_ADAPTER_INITIALISED) |              \
			 IHV_WIN(IHV_ADAPTER_PRE_ASSOCIATING) |          \
			 IHV_WIN(IHV_ADAPTER_ASSOCIATING) |              \
			 IHV_WIN(IHV_ADAPTER_POST_ASSOCIATING) |         \
			 IHV_WIN(IHV_ADAPTER_AUTHORIZED))
#define IHV_WIN_POST (IHV_WIN(IHV_ADAPTER_POST_ASSOCIATING) |            \
		      IHV_WIN(IHV_ADAPTER_AUTHORIZED))
/*
 * Validates an hDot11SvcHandle and that the adapter's state is in
 * @window; reports the violation and returns the error to give back,
 * or ERROR_SUCCESS. *svc_out is the current service (NULL after
 * detach: ERROR_INVALID_STATE, reported on stderr only).
 */
DWORD ihv_api_check_adapter(const char *api, HANDLE h, uint32_t window,
			    struct ihv_service **svc_out);
/* Reports a stale/bad handle for @api; returns the error to give back. */
DWORD ihv_api_report_handle(struct ihv_service *svc, const char *api,
			    enum ihv_handle_kind kind, uintptr_t h,
			    enum ihv_handle_check chk, enum ihv_handle_retire why);
/* Runs @fn(@arg) on the loop thread and waits for it (directly when
 * already on it). Returns what @fn returned; ERROR_CANCELLED when the loop
 * went away first. */
DWORD ihv_api_run_on_loop(struct ihv_service *svc, DWORD (*fn)(void *), void *arg);

/* An errno of the 802.11 side as the Win32 error the extension gets. */
DWORD ihv_api_win32_from_errno(int rc);
/* Reports IHV_RULE_BAD_PARAMETER for @api on svc handle @h: "@what". */
void ihv_api_bad_param(struct ihv_service *svc, const char *api, HANDLE h,
		       const char *what);
/* ---- apis-buffer.c ----------------------------------------------------- */

/* Zeroes the statistics (the live list is kept). */
void ihv_api_buffers_reset(void);
DWORD WINAPI ihv_api_allocate_buffer(DWORD dwByteCount, LPVOID *ppvBuffer);
VOID WINAPI ihv_api_free_buffer(LPVOID pvMemory);

/* ---- apis-assoc.c, apis-*.c: the API implementations ------------- */

DWORD WINAPI ihv_api_set_profile_custom_user_data(HANDLE, HANDLE, DWORD, DWORD, LPVOID);
DWORD WINAPI ihv_api_get_profile_custom_user_data(HANDLE, HANDLE, DWORD, DWORD *, LPVOID *);
DWORD WINAPI ihv_api_set_current_profile(HANDLE, HANDLE, PDOT11EXT_IHV_CONNECTIVITY_PROFILE,
					 PDOT11EXT_IHV_SECURITY_PROFILE);
DWORD WINAPI ihv_api_send_ui_request(HANDLE, PDOT11EXT_IHV_UI_REQUEST);
DWORD WINAPI ihv_api_pre_associate_completion(HANDLE, HANDLE, DWORD, DWORD);
DWORD WINAPI ihv_api_post_associate_completion(HANDLE, HANDLE, PDOT11_MAC_ADDRESS, DWORD, DWORD);
DWORD WINAPI ihv_api_send_notification(HANDLE, PL2_NOTIFICATION_DATA);
DWORD WINAPI ihv_api_send_packet(HANDLE, ULONG, LPVOID, HANDLE);
DWORD WINAPI ihv_api_set_ethertype_handling(HANDLE, ULONG, ULONG, PDOT11_PRIVACY_EXEMPTION,
					    ULONG, USHORT *);
DWORD WINAPI ihv_api_set_auth_algorithm(HANDLE, DWORD);
DWORD WINAPI ihv_api_set_unicast_cipher_algorithm(HANDLE, DWORD);
DWORD WINAPI ihv_api_set_multicast_cipher_algorithm(HANDLE, DWORD);
DWORD WINAPI ihv_api_set_default_key(HANDLE, PDOT11_CIPHER_DEFAULT_KEY_VALUE, DOT11_DIRECTION);
DWORD WINAPI ihv_api_set_key_mapping_key(HANDLE, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE);
DWORD WINAPI ihv_api_set_default_key_id(HANDLE, ULONG);
DWORD WINAPI ihv_api_nic_specific_extension(HANDLE, DWORD, LPVOID, DWORD *, LPVOID);
DWORD WINAPI ihv_api_set_exclude_unencrypted(HANDLE, BOOL);
DWORD WINAPI ihv_api_start_onex(HANDLE, EAP_ATTRIBUTES *);
DWORD WINAPI ihv_api_stop_onex(HANDLE);
DWORD WINAPI ihv_api_process_security_packet(HANDLE, DWORD, LPVOID);
DWORD WINAPI ihv_api_request_virtual_station(HANDLE, LPVOID);
DWORD WINAPI ihv_api_release_virtual_station(HANDLE, LPVOID);
DWORD WINAPI ihv_api_query_virtual_station_properties(HANDLE, BOOL *, GUID *, LPVOID);
DWORD WINAPI ihv_api_set_virtual_station_ap_properties(HANDLE, HANDLE, DWORD,
						       PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY,
						       LPVOID);

#endif /* IHVHOST_APIS_INTERNAL_H */
