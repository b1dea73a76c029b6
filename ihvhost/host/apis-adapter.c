/* SPDX-License-Identifier: MIT */
/*
 * Adapter-scoped Dot11Ext APIs (packets, EtherType handling, algorithms,
 * keys, NIC extension, 802.1X) and the virtual-station APIs. Those whose
 * result depends on the 802.11 side run on the loop (ihv_api_run_on_loop);
 * those without an 802.11 counterpart yet answer ERROR_NOT_SUPPORTED and
 * say so in the trace. Calls only down: apis-core.c, service-adapter.c
 * (adapter lookup, SendPacketCompletion through IHV_SVC_CALL).
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

static DWORD ihv_win32_from_errno(int rc)
{
	switch (-rc) {
	case 0:
		return ERROR_SUCCESS;
	case EOPNOTSUPP:
		return ERROR_NOT_SUPPORTED;
	case ENOMEM:
		return ERROR_OUTOFMEMORY;
	case EINVAL:
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_INVALID_STATE;
}

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

/* The same, recording the one value the API sets. */
static DWORD ihv_api_unsupported_value(const char *api, HANDLE h, uint64_t value)
{
	struct ihv_api_targs ta = { .has_value = true, .value = value };

	return ihv_api_unsupported_ta(api, h, IHV_WIN_ADAPTER, &ta);
}

static void ihv_api_bad_param(struct ihv_service *svc, const char *api, HANDLE h,
			      const char *what)
{
	ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api, "svc",
			    (uintptr_t)h, "%s", what);
}

/* ---- SendPacket ------------------------------------------------------- */

/* Peer MAC + EtherType; sizeof() would count Data[1] as well. */
#define IHV_PKT_HDR_LEN offsetof(DOT11_SECURITY_PACKET_HEADER, Data)

struct ihv_send {
	struct ihv_service *svc;
	uintptr_t svc_h;
	const DOT11_SECURITY_PACKET_HEADER *pkt;
	size_t len;
	HANDLE completion;
};

static void ihv_send_completion(void *data)
{
	struct ihv_send *s = data;
	struct ihv_service *svc = s->svc;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(svc, s->svc_h);

	/* No completion for an adapter that went away meanwhile: its
	 * DeinitAdapter already told the extension everything ended. */
	if (a)
		IHV_SVC_CALL_VOID(svc, a, SendPacketCompletion, s->completion);
	free(s);
}

static DWORD ihv_send_on_loop(void *arg)
{
	struct ihv_send *s = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(s->svc, s->svc_h);
	struct ihv_send *done;
	int rc;

	if (!a)
		return ERROR_INVALID_STATE;
	rc = ihv_wlan_send_packet(&s->svc->cfg.wlan, a->id, s->pkt->PeerMac,
				  ntohs(s->pkt->usEtherType), s->pkt->Data,
				  s->len - IHV_PKT_HDR_LEN);
	if (rc < 0)
		return ihv_win32_from_errno(rc);
	/* Completion as a separate loop turn: never from inside the API. */
	done = malloc(sizeof(*done));
	if (!done)
		return ERROR_SUCCESS;
	*done = *s;
	done->pkt = NULL;
	if (ihv_loop_post(s->svc->cfg.loop, ihv_send_completion, done, free) < 0)
		free(done);
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_send_packet(HANDLE hDot11SvcHandle, ULONG uPacketLen,
				 LPVOID pvPacket, HANDLE hSendCompletion)
{
	const char *api = "Dot11ExtSendPacket";
	struct ihv_service *svc;
	struct ihv_send s;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if (!pvPacket || uPacketLen < IHV_PKT_HDR_LEN) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle,
				  "with a packet shorter than DOT11_SECURITY_PACKET_HEADER");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	s.svc = svc;
	s.svc_h = (uintptr_t)hDot11SvcHandle;
	s.pkt = pvPacket;
	s.len = uPacketLen;
	s.completion = hSendCompletion;
	ret = ihv_api_run_on_loop(svc, ihv_send_on_loop, &s);
out:
	{
		struct ihv_api_targs ta = { .has_size = true, .size = uPacketLen };

		if (pvPacket && uPacketLen >= IHV_PKT_HDR_LEN) {
			const DOT11_SECURITY_PACKET_HEADER *p = pvPacket;

			ta.peer = p->PeerMac;
			ta.has_type = true;
			ta.type = ntohs(p->usEtherType);
		}
		ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret,
				 ret == ERROR_NOT_SUPPORTED ?
				 "not supported: the 802.11 side has no control-port TX" : NULL,
				 &ta);
	}
	return ret;
}

/* ---- EtherType handling --------------------------------------------------- */

struct ihv_ethertypes {
	struct ihv_service *svc;
	uintptr_t svc_h;
	ULONG n;
	USHORT types[IHV_ETHERTYPE_MAX];
};

static void ihv_apply_ethertypes(void *data)
{
	struct ihv_ethertypes *e = data;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(e->svc, e->svc_h);

	if (a) {
		a->n_ethertypes = e->n;
		memcpy(a->ethertypes, e->types, e->n * sizeof(e->types[0]));
	}
	free(e);
}

DWORD WINAPI ihv_api_set_ethertype_handling(HANDLE hDot11SvcHandle, ULONG uMaxBackLog,
					    ULONG uNumOfExemption,
					    PDOT11_PRIVACY_EXEMPTION pExemption,
					    ULONG uNumOfRegistration,
					    USHORT *pusRegistration)
{
	const char *api = "Dot11ExtSetEtherTypeHandling";
	struct ihv_ethertypes *e;
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if ((uNumOfExemption && !pExemption) ||
	    (uNumOfRegistration && !pusRegistration) ||
	    uNumOfRegistration > IHV_ETHERTYPE_MAX) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle,
				  "with a NULL array or more than 32 registrations");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	e = calloc(1, sizeof(*e));
	if (!e) {
		ret = ERROR_OUTOFMEMORY;
		goto out;
	}
	e->svc = svc;
	e->svc_h = (uintptr_t)hDot11SvcHandle;
	e->n = uNumOfRegistration;
	if (uNumOfRegistration)
		memcpy(e->types, pusRegistration, uNumOfRegistration * sizeof(USHORT));
	if (ihv_loop_post(svc->cfg.loop, ihv_apply_ethertypes, e, free) < 0) {
		free(e);
		ret = ERROR_OUTOFMEMORY;
	}
out:
	{
		struct ihv_api_targs ta = { .has_size = true, .size = uNumOfRegistration };

		ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret, NULL, &ta);
	}
	return ret;
}

/* ---- algorithms, keys --------------------------------------------------- */

DWORD WINAPI ihv_api_set_auth_algorithm(HANDLE h, DWORD dwAuthAlgo)
{
	return ihv_api_unsupported_value("Dot11ExtSetAuthAlgorithm", h, dwAuthAlgo);
}

DWORD WINAPI ihv_api_set_unicast_cipher_algorithm(HANDLE h, DWORD dwAlgo)
{
	return ihv_api_unsupported_value("Dot11ExtSetUnicastCipherAlgorithm", h, dwAlgo);
}

DWORD WINAPI ihv_api_set_multicast_cipher_algorithm(HANDLE h, DWORD dwAlgo)
{
	return ihv_api_unsupported_value("Dot11ExtSetMulticastCipherAlgorithm", h, dwAlgo);
}

/* DOT11_CIPHER_ALGORITHM -> IEEE 802.11 cipher suite selector; 0: none. */
static uint32_t ihv_cipher_suite(DWORD algo)
{
	switch (algo) {
	case DOT11_CIPHER_ALGO_WEP40:
		return 0x000FAC01;
	case DOT11_CIPHER_ALGO_TKIP:
		return 0x000FAC02;
	case DOT11_CIPHER_ALGO_CCMP:
		return 0x000FAC04;
	case DOT11_CIPHER_ALGO_WEP104:
		return 0x000FAC05;
	case DOT11_CIPHER_ALGO_BIP:
		return 0x000FAC06;
	case DOT11_CIPHER_ALGO_GCMP:
		return 0x000FAC08;
	case DOT11_CIPHER_ALGO_GCMP_256:
		return 0x000FAC09;
	case DOT11_CIPHER_ALGO_CCMP_256:
		return 0x000FAC0A;
	}
	return 0;
}

struct ihv_setkey {
	struct ihv_service *svc;
	uintptr_t svc_h;
	struct ihv_wlan_key key;
};

static DWORD ihv_setkey_on_loop(void *arg)
{
	struct ihv_setkey *k = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(k->svc, k->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	return ihv_win32_from_errno(ihv_wlan_set_key(&k->svc->cfg.wlan, a->id, &k->key));
}

static DWORD ihv_api_set_key(const char *api, HANDLE h, struct ihv_setkey *k,
			     DWORD algo)
{
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	k->key.cipher_suite = ihv_cipher_suite(algo);
	if (!k->key.cipher_suite) {
		ret = ERROR_NOT_SUPPORTED;
		goto out;
	}
	k->svc = svc;
	k->svc_h = (uintptr_t)h;
	ret = ihv_api_run_on_loop(svc, ihv_setkey_on_loop, k);
out:
	/* Key material is never traced. */
	ihv_api_trace(svc, api, h, ret,
		      ret == ERROR_NOT_SUPPORTED ? "not supported: the 802.11 side cannot program this key yet" : NULL);
	return ret;
}

DWORD WINAPI ihv_api_set_default_key(HANDLE h, PDOT11_CIPHER_DEFAULT_KEY_VALUE pKey,
				     DOT11_DIRECTION dir)
{
	const char *api = "Dot11ExtSetDefaultKey";
	struct ihv_service *svc = ihv_apis_current();
	struct ihv_setkey k;

	memset(&k, 0, sizeof(k));
	if (svc && (!pKey || pKey->uKeyIndex > 3 || dir == DOT11_DIR_OUTBOUND ||
		    (!pKey->bDelete && !pKey->usKeyLength))) {
		DWORD ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);

		if (ret == ERROR_SUCCESS) {
			ihv_api_bad_param(svc, api, h,
					  "with a NULL key, an index above 3, an empty key or direction OUTBOUND");
			ret = ERROR_INVALID_PARAMETER;
		}
		ihv_api_trace(svc, api, h, ret, NULL);
		return ret;
	}
	if (pKey) {
		k.key.key_idx = (uint8_t)pKey->uKeyIndex;
		k.key.pairwise = false;
		k.key.set_default = true;
		k.key.remove = pKey->bDelete;
		k.key.key = pKey->bDelete ? NULL : pKey->ucKey;
		k.key.key_len = pKey->usKeyLength;
	}
	return ihv_api_set_key(api, h, &k, pKey ? pKey->AlgorithmId : 0);
}

DWORD WINAPI ihv_api_set_key_mapping_key(HANDLE h, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE pKey)
{
	const char *api = "Dot11ExtSetKeyMappingKey";
	struct ihv_service *svc = ihv_apis_current();
	struct ihv_setkey k;

	memset(&k, 0, sizeof(k));
	if (svc && (!pKey || (!pKey->bDelete && !pKey->usKeyLength))) {
		DWORD ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);

		if (ret == ERROR_SUCCESS) {
			ihv_api_bad_param(svc, api, h, "with a NULL or empty key");
			ret = ERROR_INVALID_PARAMETER;
		}
		ihv_api_trace(svc, api, h, ret, NULL);
		return ret;
	}
	if (pKey) {
		k.key.peer = pKey->PeerMacAddr;
		k.key.pairwise = true;
		k.key.remove = pKey->bDelete;
		k.key.key = pKey->bDelete ? NULL : pKey->ucKey;
		k.key.key_len = pKey->usKeyLength;
	}
	return ihv_api_set_key(api, h, &k, pKey ? pKey->AlgorithmId : 0);
}

DWORD WINAPI ihv_api_set_default_key_id(HANDLE h, ULONG uDefaultKeyId)
{
	const char *api = "Dot11ExtSetDefaultKeyId";
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS && uDefaultKeyId > 3) {
		ihv_api_bad_param(svc, api, h, "with a key id above 3");
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret == ERROR_SUCCESS)
		ret = ERROR_NOT_SUPPORTED;
	{
		struct ihv_api_targs ta = { .has_value = true, .value = uDefaultKeyId };

		ihv_api_trace_ex(svc, api, h, ret,
				 ret == ERROR_NOT_SUPPORTED ? IHV_NOTE_NO_80211 : NULL, &ta);
	}
	return ret;
}

DWORD WINAPI ihv_api_nic_specific_extension(HANDLE h, DWORD dwInBufferSize,
					    LPVOID pvInBuffer, DWORD *pdwOutBufferSize,
					    LPVOID pvOutBuffer)
{
	const char *api = "Dot11ExtNicSpecificExtension";
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS) {
		/* hwsim has no vendor path: the documented answer. */
		if (pdwOutBufferSize)
			*pdwOutBufferSize = 0;
		ret = ERROR_NOT_SUPPORTED;
	}
	ihv_api_trace(svc, api, h, ret,
		      ret == ERROR_NOT_SUPPORTED ? "not supported: the driver has no NIC-specific path" : NULL);
	return ret;
}

DWORD WINAPI ihv_api_set_exclude_unencrypted(HANDLE h, BOOL bExclude)
{
	return ihv_api_unsupported_value("Dot11ExtSetExcludeUnencrypted", h, (uint64_t)bExclude);
}

/* ---- 802.1X: post-association only ------------------------------------- */

DWORD WINAPI ihv_api_start_onex(HANDLE h, EAP_ATTRIBUTES *pEapAttrib)
{
	return ihv_api_unsupported("Dot11ExtStartOneX", h, IHV_WIN_POST);
}

DWORD WINAPI ihv_api_stop_onex(HANDLE h)
{
	return ihv_api_unsupported("Dot11ExtStopOneX", h, IHV_WIN_POST);
}

DWORD WINAPI ihv_api_process_security_packet(HANDLE h, DWORD dwInPacketSize,
					     LPVOID pvInPacket)
{
	return ihv_api_unsupported("Dot11ExtProcessSecurityPacket", h, IHV_WIN_POST);
}

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
