/* SPDX-License-Identifier: MIT */
/*
 * The security APIs of an extension that owns security: SendPacket,
 * SetEtherTypeHandling, the algorithm setters, SetExcludeUnencrypted and
 * the three key APIs. Each validates on the caller's thread, then runs on
 * the loop (ihv_api_run_on_loop: inline when called from inside a
 * handler), where the adapter's state lives. Calls only down:
 * apis-core.c, service-security.c (the settings), service-adapter.c.
 *
 * Windows' key structures are translated here, once, into Linux terms
 * (struct ihv_wlan_key): CCMP's ucKey is DOT11_KEY_ALGO_CCMP, whose
 * ucIV48Counter is the receive sequence counter nl80211 takes as the
 * key's SEQ. Key material is never traced.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "sim.h"
#include "loop.h"
#include "service-internal.h"
#include "verifier.h"

/* The window of the key APIs and SendPacket: an association exists.
 * (The reference allows keys between InitAdapter and DeinitAdapter; over
 * nl80211 a key needs the association it belongs to, so outside
 * post-association they are reported, not silently dropped.) */
#define IHV_WIN_KEYS IHV_WIN_POST

#define IHV_CCMP_HDR offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey)
#define IHV_CCMP_KEY_LEN 16

/* ---- SendPacket ------------------------------------------------------- */

/* Peer MAC + EtherType; sizeof() would count Data[1] as well. */
#define IHV_PKT_HDR_LEN offsetof(DOT11_SECURITY_PACKET_HEADER, Data)

struct ihv_send {
	struct ihv_service *svc;
	uintptr_t svc_h;
	const DOT11_SECURITY_PACKET_HEADER *pkt;
	size_t len;
	HANDLE completion;
	bool no_encrypt;
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
	/* Unprotected until a pairwise key exists: message 4/4 goes out
	 * before the extension installs the key it confirms, in call order. */
	s->no_encrypt = !a->key_pairwise;
	rc = ihv_wlan_send_packet(&s->svc->cfg.wlan, a->id, s->pkt->PeerMac,
				  ntohs(s->pkt->usEtherType), s->pkt->Data,
				  s->len - IHV_PKT_HDR_LEN, s->no_encrypt);
	if (rc < 0)
		return ihv_api_win32_from_errno(rc);
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
	struct ihv_api_targs ta = { .has_size = true, .size = uPacketLen };
	struct ihv_service *svc;
	struct ihv_send s = { 0 };
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_POST, &svc);
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
	if (pvPacket && uPacketLen >= IHV_PKT_HDR_LEN) {
		const DOT11_SECURITY_PACKET_HEADER *p = pvPacket;

		ta.peer = p->PeerMac;
		ta.has_type = true;
		ta.type = ntohs(p->usEtherType);
		if (ta.type == SIM_ETH_P_PAE)
			ta.eapol = sim_eapol_describe(p->Data, uPacketLen - IHV_PKT_HDR_LEN);
	}
	ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret,
			 ret == ERROR_SUCCESS && s.no_encrypt ? "sent unprotected (no pairwise key yet)" : NULL,
			 &ta);
	return ret;
}

/* ---- EtherType handling --------------------------------------------------- */

struct ihv_ethertypes {
	struct ihv_service *svc;
	uintptr_t svc_h;
	ULONG backlog;
	ULONG n, n_ex;
	USHORT types[IHV_ETHERTYPE_MAX];
	DOT11_PRIVACY_EXEMPTION ex[IHV_ETHERTYPE_MAX];
};

static DWORD ihv_ethertypes_on_loop(void *arg)
{
	struct ihv_ethertypes *e = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(e->svc, e->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	a->n_ethertypes = e->n;
	memcpy(a->ethertypes, e->types, e->n * sizeof(e->types[0]));
	a->sec.max_backlog = e->backlog;
	a->sec.n_exemptions = e->n_ex;
	memcpy(a->sec.exemptions, e->ex, e->n_ex * sizeof(e->ex[0]));
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_set_ethertype_handling(HANDLE hDot11SvcHandle, ULONG uMaxBackLog,
					    ULONG uNumOfExemption,
					    PDOT11_PRIVACY_EXEMPTION pExemption,
					    ULONG uNumOfRegistration,
					    USHORT *pusRegistration)
{
	const char *api = "Dot11ExtSetEtherTypeHandling";
	struct ihv_api_targs ta = { .has_size = true, .size = uNumOfRegistration,
				    .has_value = true, .value = uNumOfRegistration };
	struct ihv_ethertypes e;
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if ((uNumOfExemption && !pExemption) ||
	    (uNumOfRegistration && !pusRegistration) ||
	    uNumOfRegistration > IHV_ETHERTYPE_MAX || uNumOfExemption > IHV_ETHERTYPE_MAX) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle,
				  "with a NULL array or more than 32 registrations or exemptions");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	memset(&e, 0, sizeof(e));
	e.svc = svc;
	e.svc_h = (uintptr_t)hDot11SvcHandle;
	e.backlog = uMaxBackLog;
	e.n = uNumOfRegistration;
	e.n_ex = uNumOfExemption;
	if (uNumOfRegistration)
		memcpy(e.types, pusRegistration, uNumOfRegistration * sizeof(USHORT));
	if (uNumOfExemption)
		memcpy(e.ex, pExemption, uNumOfExemption * sizeof(*pExemption));
	ret = ihv_api_run_on_loop(svc, ihv_ethertypes_on_loop, &e);
out:
	ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret, NULL, &ta);
	return ret;
}

/* ---- the algorithms ----------------------------------------------------- */

enum ihv_algo_kind { IHV_ALGO_AUTH, IHV_ALGO_UCAST, IHV_ALGO_MCAST, IHV_ALGO_EXCLUDE };

struct ihv_algo {
	struct ihv_service *svc;
	uintptr_t svc_h;
	enum ihv_algo_kind kind;
	DWORD value;
	bool applies_later;   /* set while associated: for the next one */
};

static DWORD ihv_algo_on_loop(void *arg)
{
	struct ihv_algo *g = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(g->svc, g->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	g->applies_later = a->state == IHV_ADAPTER_ASSOCIATING ||
			   a->state == IHV_ADAPTER_POST_ASSOCIATING ||
			   a->state == IHV_ADAPTER_AUTHORIZED;
	switch (g->kind) {
	case IHV_ALGO_AUTH:
		a->sec.auth = (DOT11_AUTH_ALGORITHM)g->value;
		a->sec.auth_set = true;
		break;
	case IHV_ALGO_UCAST:
		a->sec.ucast = (DOT11_CIPHER_ALGORITHM)g->value;
		a->sec.ucast_set = true;
		break;
	case IHV_ALGO_MCAST:
		a->sec.mcast = (DOT11_CIPHER_ALGORITHM)g->value;
		a->sec.mcast_set = true;
		break;
	case IHV_ALGO_EXCLUDE:
		a->sec.exclude_unencrypted = g->value != 0;
		a->sec.exclude_set = true;
		break;
	}
	return ERROR_SUCCESS;
}

static bool ihv_auth_known(DWORD v)
{
	return (v >= DOT11_AUTH_ALGO_80211_OPEN && v <= DOT11_AUTH_ALGO_RSNA_PSK) ||
	       v >= DOT11_AUTH_ALGO_IHV_START;
}

static bool ihv_cipher_known(DWORD v)
{
	switch (v) {
	case DOT11_CIPHER_ALGO_NONE:
	case DOT11_CIPHER_ALGO_WEP40:
	case DOT11_CIPHER_ALGO_TKIP:
	case DOT11_CIPHER_ALGO_CCMP:
	case DOT11_CIPHER_ALGO_WEP104:
	case DOT11_CIPHER_ALGO_BIP:
	case DOT11_CIPHER_ALGO_GCMP:
	case DOT11_CIPHER_ALGO_GCMP_256:
	case DOT11_CIPHER_ALGO_CCMP_256:
	case DOT11_CIPHER_ALGO_WPA_USE_GROUP:
	case DOT11_CIPHER_ALGO_WEP:
		return true;
	}
	return v >= DOT11_CIPHER_ALGO_IHV_START;
}

static DWORD ihv_api_set_algo(const char *api, HANDLE h, enum ihv_algo_kind kind,
			      DWORD value)
{
	struct ihv_api_targs ta = { .has_value = true, .value = value };
	struct ihv_algo g = { .kind = kind, .value = value };
	struct ihv_service *svc;
	bool known = true;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	switch (kind) {
	case IHV_ALGO_AUTH:
		known = ihv_auth_known(value);
		break;
	case IHV_ALGO_UCAST:
	case IHV_ALGO_MCAST:
		known = ihv_cipher_known(value);
		break;
	case IHV_ALGO_EXCLUDE:
		break;
	}
	if (!known) {
		ihv_api_bad_param(svc, api, h, "with a value that is no algorithm of windot11.h");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	g.svc = svc;
	g.svc_h = (uintptr_t)h;
	ret = ihv_api_run_on_loop(svc, ihv_algo_on_loop, &g);
out:
	ihv_api_trace_ex(svc, api, h, ret,
			 ret == ERROR_SUCCESS && g.applies_later ?
			 "set while associated: applies to the next association" : NULL,
			 &ta);
	return ret;
}

DWORD WINAPI ihv_api_set_auth_algorithm(HANDLE h, DWORD dwAuthAlgo)
{
	return ihv_api_set_algo("Dot11ExtSetAuthAlgorithm", h, IHV_ALGO_AUTH, dwAuthAlgo);
}

DWORD WINAPI ihv_api_set_unicast_cipher_algorithm(HANDLE h, DWORD dwAlgo)
{
	return ihv_api_set_algo("Dot11ExtSetUnicastCipherAlgorithm", h, IHV_ALGO_UCAST, dwAlgo);
}

DWORD WINAPI ihv_api_set_multicast_cipher_algorithm(HANDLE h, DWORD dwAlgo)
{
	return ihv_api_set_algo("Dot11ExtSetMulticastCipherAlgorithm", h, IHV_ALGO_MCAST, dwAlgo);
}

DWORD WINAPI ihv_api_set_exclude_unencrypted(HANDLE h, BOOL bExclude)
{
	return ihv_api_set_algo("Dot11ExtSetExcludeUnencrypted", h, IHV_ALGO_EXCLUDE,
				bExclude ? 1 : 0);
}

/* ---- keys ----------------------------------------------------------------- */

struct ihv_setkey {
	struct ihv_service *svc;
	uintptr_t svc_h;
	const char *api;
	struct ihv_wlan_key key;
	const uint8_t *peer_given;     /* key-mapping: the peer named */
	bool default_id;               /* SetDefaultKeyId */
	const char *note;              /* why it was refused, for the trace */
};

static DWORD ihv_setkey_on_loop(void *arg)
{
	struct ihv_setkey *k = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(k->svc, k->svc_h);
	int rc;

	if (!a)
		return ERROR_INVALID_STATE;
	if (k->key.pairwise && memcmp(k->peer_given, a->peer, SIM_ETH_ALEN)) {
		ihv_verifier_report(k->svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, k->api,
				    "svc", k->svc_h,
				    "a pairwise key for " SIM_MAC_FMT ", which is not the AP " SIM_MAC_FMT,
				    SIM_MAC_ARG(k->peer_given), SIM_MAC_ARG(a->peer));
		return ERROR_INVALID_PARAMETER;
	}
	if (k->default_id)
		rc = ihv_wlan_set_default_key_id(&k->svc->cfg.wlan, a->id, k->key.key_idx);
	else
		rc = ihv_wlan_set_key(&k->svc->cfg.wlan, a->id, &k->key);
	if (rc < 0) {
		k->note = strerror(-rc);
		return ihv_api_win32_from_errno(rc);
	}
	if (k->default_id)
		return ERROR_SUCCESS;
	if (k->key.pairwise)
		a->key_pairwise = !k->key.remove;
	else if (k->key.remove)
		a->key_groups &= (uint8_t)~(1u << k->key.key_idx);
	else
		a->key_groups |= (uint8_t)(1u << k->key.key_idx);
	return ERROR_SUCCESS;
}

/* ucKey of @algo into @k: the key bytes and the receive counter. NULL, or
 * why not (for the verifier / the trace). */
static const char *ihv_key_material(DWORD algo, const UCHAR *uc, USHORT len,
				    struct ihv_setkey *k, bool *unsupported)
{
	ULONG klen;

	/* Read as bytes: a default key's ucKey is at offset 22, so the
	 * DOT11_KEY_ALGO_CCMP in it is never 4-byte aligned (Windows'
	 * layout), and an extension's buffer need not be either. */
	*unsupported = false;
	switch (algo) {
	case DOT11_CIPHER_ALGO_CCMP:
		if (len < IHV_CCMP_HDR)
			return "a CCMP key shorter than DOT11_KEY_ALGO_CCMP";
		memcpy(&klen, uc + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), sizeof(klen));
		if (klen != IHV_CCMP_KEY_LEN || len < IHV_CCMP_HDR + IHV_CCMP_KEY_LEN)
			return "a CCMP key whose ulCCMPKeyLength is not 16 or exceeds usKeyLength";
		k->key.cipher_suite = SIM_SUITE_CCMP;
		k->key.key = uc + IHV_CCMP_HDR;
		k->key.key_len = IHV_CCMP_KEY_LEN;
		k->key.seq = uc + offsetof(DOT11_KEY_ALGO_CCMP, ucIV48Counter);
		k->key.seq_len = sizeof(((DOT11_KEY_ALGO_CCMP *)0)->ucIV48Counter);
		return NULL;
	}
	*unsupported = true;
	return "only CCMP keys: the host does not program TKIP, WEP or other ciphers yet";
}

/* The common path of the three key APIs: window, parameters, loop. */
static DWORD ihv_api_key(const char *api, HANDLE h, struct ihv_setkey *k,
			 const char *bad, DWORD algo, const UCHAR *uc, USHORT len)
{
	struct ihv_api_targs ta = { .has_size = uc != NULL, .size = len,
				    .has_value = !k->default_id && !bad, .value = algo };
	struct ihv_service *svc;
	bool unsupported = false;
	const char *why;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_KEYS, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if (bad) {
		ihv_api_bad_param(svc, api, h, bad);
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	if (!k->default_id && !k->key.remove) {
		why = ihv_key_material(algo, uc, len, k, &unsupported);
		if (why && unsupported) {
			k->note = why;
			ret = ERROR_NOT_SUPPORTED;
			goto out;
		}
		if (why) {
			ihv_api_bad_param(svc, api, h, why);
			ret = ERROR_INVALID_PARAMETER;
			goto out;
		}
	}
	k->svc = svc;
	k->svc_h = (uintptr_t)h;
	k->api = api;
	ret = ihv_api_run_on_loop(svc, ihv_setkey_on_loop, k);
out:
	ta.peer = k->peer_given;
	if (k->default_id) {
		ta.has_value = true;
		ta.value = k->key.key_idx;
	} else if (!k->key.pairwise) {
		ta.has_index = true;
		ta.index = k->key.key_idx;
	}
	/* Key material is never traced: the peer, the index, the outcome. */
	ihv_api_trace_ex(svc, api, h, ret, k->note, &ta);
	return ret;
}

DWORD WINAPI ihv_api_set_default_key(HANDLE h, PDOT11_CIPHER_DEFAULT_KEY_VALUE pKey,
				     DOT11_DIRECTION dir)
{
	struct ihv_setkey k;
	const char *bad = NULL;

	memset(&k, 0, sizeof(k));
	if (!pKey || pKey->uKeyIndex > 3)
		bad = "with a NULL key or an index above 3";
	else if (dir != DOT11_DIR_INBOUND && dir != DOT11_DIR_BOTH)
		bad = "with a direction other than INBOUND or BOTH";
	else if (!pKey->bDelete && !pKey->usKeyLength)
		bad = "with an empty key";
	if (bad)
		return ihv_api_key("Dot11ExtSetDefaultKey", h, &k, bad, 0, NULL, 0);
	k.key.key_idx = (uint8_t)pKey->uKeyIndex;
	k.key.pairwise = false;
	/* BOTH: also the transmit key (static WEP); a station receives
	 * with an RSN group key only. */
	k.key.set_default = dir == DOT11_DIR_BOTH;
	k.key.remove = pKey->bDelete;
	return ihv_api_key("Dot11ExtSetDefaultKey", h, &k, NULL, pKey->AlgorithmId,
			   pKey->ucKey, pKey->usKeyLength);
}

DWORD WINAPI ihv_api_set_key_mapping_key(HANDLE h, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE pKey)
{
	struct ihv_setkey k;
	const char *bad = NULL;

	memset(&k, 0, sizeof(k));
	if (!pKey)
		bad = "with a NULL key";
	else if (!pKey->bDelete && !pKey->usKeyLength)
		bad = "with an empty key";
	if (bad)
		return ihv_api_key("Dot11ExtSetKeyMappingKey", h, &k, bad, 0, NULL, 0);
	k.peer_given = pKey->PeerMacAddr;
	k.key.peer = pKey->PeerMacAddr;
	k.key.pairwise = true;
	k.key.remove = pKey->bDelete;
	if (!pKey->bDelete && pKey->Direction != DOT11_DIR_BOTH) {
		/* Receive- or transmit-only pairwise keys need extended key
		 * ID, which the host does not drive. */
		k.note = "only DOT11_DIR_BOTH pairwise keys (one-way keys need extended key ID)";
		return ihv_api_key("Dot11ExtSetKeyMappingKey", h, &k, NULL,
				   DOT11_CIPHER_ALGO_IHV_START, NULL, 0);
	}
	return ihv_api_key("Dot11ExtSetKeyMappingKey", h, &k, NULL, pKey->AlgorithmId,
			   pKey->ucKey, pKey->usKeyLength);
}

DWORD WINAPI ihv_api_set_default_key_id(HANDLE h, ULONG uDefaultKeyId)
{
	struct ihv_setkey k;

	memset(&k, 0, sizeof(k));
	k.default_id = true;
	k.key.key_idx = (uint8_t)(uDefaultKeyId & 0xff);
	return ihv_api_key("Dot11ExtSetDefaultKeyId", h, &k,
			   uDefaultKeyId > 3 ? "with a key id above 3" : NULL, 0, NULL, 0);
}
