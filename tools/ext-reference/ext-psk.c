/*
 * ext-psk.c - the sample extensions as a WPA2-PSK supplicant: what the
 * handlers of ext-handlers.c and ext-service.c do when the IHV security
 * profile (ext-profile.h) says the extension owns security. The handshake
 * itself is ext-wpa.c (pure); this file carries it out through the
 * Dot11Ext APIs:
 *
 *   PerformPreAssociate   SetAuthAlgorithm(RSNA_PSK), Set{Unicast,
 *                         Multicast}CipherAlgorithm(CCMP),
 *                         SetEtherTypeHandling(0x888E exempt + registered),
 *                         SetExcludeUnencrypted(TRUE)
 *   PerformPostAssociate  our RSN element (association request), the AP's
 *                         (beacon), the SSID (beacon, else the profile's
 *                         one SSID), the PMK; no completion is queued
 *   ReceivePacket         ext_wpa_rx; SendPacket its answer, THEN
 *                         SetKeyMappingKey / SetDefaultKey (frames leave
 *                         in call order: 4/4 must go out unprotected),
 *                         then post-association completes (a job)
 *   StopPostAssociate     the handshake state is wiped (OPENSSL_cleanse)
 *
 * The station's own address (SPA) comes from the adapter GUID: ihvhost
 * builds gAdapterId with the adapter's MAC in Data4[0..5] (service.c); on
 * Windows an extension would look the GUID up (GetAdaptersAddresses).
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ext-core.h"
#include "ext-profile.h"
#include "ext-wpa.h"

#define EXT_ETHERTYPE_EAPOL 0x888e
#define EXT_PSK_BACKLOG 8
#define EXT_PKT_HDR offsetof(DOT11_SECURITY_PACKET_HEADER, Data)
#define EXT_CCMP_KEY_BYTES (offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) + EXT_WPA_TK_LEN)

struct ext_psk {
	struct ext_profile prof;          /* the secret of PerformPreAssociate */
	DOT11_SSID profile_ssid;          /* the profile's SSID, if it has one */
	int have_profile_ssid;
	uint8_t pmk[EXT_WPA_PMK_LEN];     /* cache: PBKDF2 for pmk_ssid */
	DOT11_SSID pmk_ssid;
	int pmk_valid;
	int active;                       /* PerformPostAssociate .. Stop */
	struct ext_wpa wpa;
	struct ext_eaptls *eap;           /* <EapTls>: the EAP side (ext-eaptls.c) */
};

static DWORD ext_profile_reason(enum ext_profile_error e)
{
	switch (e) {
	case EXT_PROFILE_OK:
		return L2_REASON_CODE_SUCCESS;
	case EXT_PROFILE_BAD_XML:
		return EXT_REASON_PROFILE_XML;
	case EXT_PROFILE_BAD_PASSPHRASE:
		return EXT_REASON_PROFILE_PASSPHRASE;
	case EXT_PROFILE_BAD_PSK:
		return EXT_REASON_PROFILE_PSK;
	case EXT_PROFILE_BAD_EAP:
		return EXT_REASON_PROFILE_EAP;
	case EXT_PROFILE_NO_MEMORY:
		return EXT_REASON_PROFILE_XML;
	}
	return EXT_REASON_PROFILE_XML;
}

/* Parses the fragment; on failure one line naming the handler and why. */
static DWORD ext_psk_parse(PDOT11EXT_IHV_SECURITY_PROFILE sec, struct ext_profile *prof,
			   PDWORD pdwReasonCode, const char *handler, HANDLE h)
{
	enum ext_profile_error e;
	char why[192];

	e = ext_profile_parse(sec ? sec->pszXmlFragmentIhvSecurity : NULL, prof, why, sizeof(why));
	/* bUseMSOnex: Microsoft's 802.1X authenticates, we own the keys
	 * (the 4-way handshake with its MSK). A fragment that names our own
	 * method as well contradicts it. */
	if (e == EXT_PROFILE_OK && sec && sec->bUseMSOnex) {
		if (prof->owns_security) {
			snprintf(why, sizeof(why), "bUseMSOnex is set, but the fragment names %s: "
				 "Microsoft's 802.1X or our own method, not both",
				 prof->eap_tls ? "<EapTls>" : "<Wpa2Psk>");
			ext_profile_clear(prof);
			e = EXT_PROFILE_BAD_EAP;
		} else {
			prof->owns_security = 1;
			prof->ms_onex = 1;
		}
	}
	if (pdwReasonCode)
		*pdwReasonCode = ext_profile_reason(e);
	if (e == EXT_PROFILE_OK)
		return ERROR_SUCCESS;
	ext_log("%s(adapter=%p): IHV security profile refused (reason 0x%x): %s", handler, h,
		(unsigned int)ext_profile_reason(e), why);
	return e == EXT_PROFILE_NO_MEMORY ? ERROR_OUTOFMEMORY : ERROR_BAD_PROFILE;
}

DWORD ext_psk_validate(PDOT11EXT_IHV_SECURITY_PROFILE sec, PDWORD pdwReasonCode,
		       const char *handler, HANDLE h)
{
	struct ext_profile prof;
	DWORD ret = ext_psk_parse(sec, &prof, pdwReasonCode, handler, h);

	if (ret == ERROR_SUCCESS)
		ext_log("%s(adapter=%p): IHV security profile: %s", handler, h,
			!prof.owns_security ? "empty (security not owned)" :
			prof.eap_tls ? "WPA2-Enterprise, EAP-TLS" :
			prof.ms_onex ? "WPA2-Enterprise through Microsoft's 802.1X (bUseMSOnex)" :
			prof.has_psk ? "WPA2-PSK with a raw PSK" : "WPA2-PSK with a passphrase");
	ext_profile_clear(&prof);
	return ret;
}

void ext_psk_stop(struct ext_adapter *ad)
{
	if (!ad->psk || !ad->psk->active)
		return;
	ext_wpa_clear(&ad->psk->wpa);
	ext_eaptls_stop(ad, ad->psk->eap);
	ext_eaptls_free(ad->psk->eap);
	ad->psk->eap = NULL;
	ad->psk->active = 0;
	ext_log("adapter %p: %s state wiped", (void *)ad,
		ad->psk->prof.eap_tls ? "EAP-TLS and 4-way handshake" :
		ad->psk->prof.ms_onex ? "802.1X and 4-way handshake" : "WPA2-PSK handshake");
}

void ext_psk_free(struct ext_adapter *ad)
{
	if (!ad->psk)
		return;
	ext_eaptls_free(ad->psk->eap);
	OPENSSL_cleanse(ad->psk, sizeof(*ad->psk));
	free(ad->psk);
	ad->psk = NULL;
}

/* ------------------------------------------------------------- sends */

struct ext_send *ext_send_track(struct ext_adapter *ad, const UCHAR peer[6],
				const UCHAR *pdu, size_t len)
{
	struct ext_send *s = (struct ext_send *)malloc(sizeof(*s) + EXT_PKT_HDR + len);
	USHORT et = htons(EXT_ETHERTYPE_EAPOL);

	if (!s)
		return NULL;
	s->len = (ULONG)(EXT_PKT_HDR + len);
	memcpy(s->pkt, peer, 6);
	memcpy(s->pkt + 6, &et, 2);
	memcpy(s->pkt + EXT_PKT_HDR, pdu, len);
	s->next = ad->sends;
	ad->sends = s;
	return s;
}

void ext_send_untrack(struct ext_adapter *ad, struct ext_send *s)
{
	struct ext_send **pp;

	for (pp = &ad->sends; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	OPENSSL_cleanse(s->pkt, s->len);
	free(s);
}

int ext_send_done(HANDLE h)
{
	struct ext_adapter *ad;
	struct ext_send *s;

	for (ad = ext_svc.adapters; ad; ad = ad->next)
		for (s = ad->sends; s; s = s->next)
			if ((HANDLE)s == h) {
				ext_send_untrack(ad, s);
				return 1;
			}
	return 0;
}

DWORD ext_psk_send(struct ext_adapter *ad, const UCHAR peer[6], const UCHAR *pdu, size_t len)
{
	struct ext_send *s = ext_send_track(ad, peer, pdu, len);
	DWORD ret;

	if (!s)
		return ERROR_OUTOFMEMORY;
	ret = ext_svc.apis.Dot11ExtSendPacket(ad->svc, s->len, s->pkt, (HANDLE)s);
	if (ret != ERROR_SUCCESS)
		ext_send_untrack(ad, s);
	return ret;
}

/* ------------------------------------------------------------- pre-association */

DWORD ext_psk_pre_associate(struct ext_adapter *ad, PDOT11EXT_IHV_PROFILE_PARAMS params,
			    PDOT11EXT_IHV_SECURITY_PROFILE sec, PDWORD pdwReasonCode)
{
	DOT11_PRIVACY_EXEMPTION ex = { htons(EXT_ETHERTYPE_EAPOL), DOT11_EXEMPT_ALWAYS,
				       DOT11_EXEMPT_BOTH };
	USHORT reg = htons(EXT_ETHERTYPE_EAPOL);
	const DOT11EXT_APIS *api = &ext_svc.apis;
	struct ext_profile prof;
	int dot1x;
	DWORD ret;

	ret = ext_psk_parse(sec, &prof, pdwReasonCode, "PerformPreAssociate", (HANDLE)ad);
	if (ret != ERROR_SUCCESS)
		return ret;
	if (!prof.owns_security) {
		ext_psk_free(ad); /* a plain profile now: today's behaviour */
		return ERROR_SUCCESS;
	}
	/* EAP-TLS: unreadable credentials fail the connection now, not in
	 * the middle of the EAP conversation. */
	if (prof.eap_tls) {
		ret = ext_eaptls_check(&prof, pdwReasonCode, ad);
		if (ret != ERROR_SUCCESS) {
			ext_profile_clear(&prof);
			return ret;
		}
	}
	if (!api->Dot11ExtSetAuthAlgorithm || !api->Dot11ExtSetUnicastCipherAlgorithm ||
	    !api->Dot11ExtSetMulticastCipherAlgorithm || !api->Dot11ExtSetEtherTypeHandling ||
	    !api->Dot11ExtSetExcludeUnencrypted || !api->Dot11ExtSendPacket ||
	    !api->Dot11ExtSetKeyMappingKey || !api->Dot11ExtSetDefaultKey) {
		ext_profile_clear(&prof);
		ext_log("PerformPreAssociate(adapter=%p): the host's API table lacks a security API -> ERROR_NOT_SUPPORTED",
			(void *)ad);
		if (pdwReasonCode)
			*pdwReasonCode = EXT_REASON_PSK_SETUP;
		return ERROR_NOT_SUPPORTED;
	}
	if (!ad->psk) {
		ad->psk = (struct ext_psk *)calloc(1, sizeof(*ad->psk));
		if (!ad->psk) {
			ext_profile_clear(&prof);
			if (pdwReasonCode)
				*pdwReasonCode = EXT_REASON_PSK_SETUP;
			return ERROR_OUTOFMEMORY;
		}
	}
	ext_psk_stop(ad);
	/* The PMK of the last connection stays valid while the secret is
	 * the same (PBKDF2 is 4096 HMAC rounds, tens of ms): as a supplicant
	 * derives it once per network configuration, not per connection.
	 * ext_psk_pmk still checks the SSID it was salted with. */
	if (ad->psk->prof.has_psk != prof.has_psk ||
	    strcmp(ad->psk->prof.passphrase, prof.passphrase) != 0) {
		OPENSSL_cleanse(ad->psk->pmk, sizeof(ad->psk->pmk));
		ad->psk->pmk_valid = 0;
	}
	ad->psk->prof = prof;
	ext_profile_clear(&prof);
	/* The SSID PBKDF2 salts with: the BSS's own (post-association), else
	 * the profile's when it names exactly one. */
	ad->psk->have_profile_ssid = params && params->pSsidList && params->pSsidList->ulCount == 1 &&
		params->pSsidList->SSIDs[0].uSSIDLength <= DOT11_SSID_MAX_LENGTH;
	if (ad->psk->have_profile_ssid)
		ad->psk->profile_ssid = params->pSsidList->SSIDs[0];

	dot1x = ad->psk->prof.eap_tls || ad->psk->prof.ms_onex;
	/* Inline calls (we are in the handler): the host builds the RSN
	 * element of the association request and the control port from them. */
	ret = api->Dot11ExtSetAuthAlgorithm(ad->svc, dot1x ? DOT11_AUTH_ALGO_RSNA
							   : DOT11_AUTH_ALGO_RSNA_PSK);
	if (ret == ERROR_SUCCESS)
		ret = api->Dot11ExtSetUnicastCipherAlgorithm(ad->svc, DOT11_CIPHER_ALGO_CCMP);
	if (ret == ERROR_SUCCESS)
		ret = api->Dot11ExtSetMulticastCipherAlgorithm(ad->svc, DOT11_CIPHER_ALGO_CCMP);
	if (ret == ERROR_SUCCESS)
		ret = api->Dot11ExtSetEtherTypeHandling(ad->svc, EXT_PSK_BACKLOG, 1, &ex, 1, &reg);
	if (ret == ERROR_SUCCESS)
		ret = api->Dot11ExtSetExcludeUnencrypted(ad->svc, TRUE);
	ext_log("PerformPreAssociate(adapter=%p): %s: %s, CCMP/CCMP, EAPOL 0x888e exempt and registered, exclude unencrypted -> %u",
		(void *)ad, ad->psk->prof.eap_tls ? "WPA2-Enterprise (EAP-TLS)" :
		ad->psk->prof.ms_onex ? "WPA2-Enterprise (Microsoft's 802.1X)" :
		ad->psk->prof.has_psk ? "WPA2-PSK (raw PSK)" : "WPA2-PSK (passphrase)",
		dot1x ? "RSNA (802.1X)" : "RSNA_PSK", (unsigned int)ret);
	if (ret != ERROR_SUCCESS && pdwReasonCode)
		*pdwReasonCode = EXT_REASON_PSK_SETUP;
	return ret;
}

/* ------------------------------------------------------------- post-association */

/* An (offset, size) pair of the association parameters: 0/0, or inside
 * [Header.Size, bytes). */
static int ext_blob(ULONG off, ULONG size, ULONG hdr, ULONG bytes, const UCHAR *base,
		    const UCHAR **p, size_t *n)
{
	*p = NULL;
	*n = 0;
	if (!size)
		return 1;
	if (off < hdr || off > bytes || size > bytes - off)
		return 0;
	*p = base + off;
	*n = size;
	return 1;
}

static int ext_psk_pmk(struct ext_psk *psk, const UCHAR *ssid, size_t ssid_len)
{
	int rc;

	if (psk->prof.has_psk) {
		memcpy(psk->pmk, psk->prof.psk, EXT_WPA_PMK_LEN);
		return 0;
	}
	if (psk->pmk_valid && psk->pmk_ssid.uSSIDLength == ssid_len &&
	    !memcmp(psk->pmk_ssid.ucSSID, ssid, ssid_len))
		return 0;
	rc = ext_wpa_pmk_from_passphrase(psk->prof.passphrase, ssid, ssid_len, psk->pmk);
	psk->pmk_valid = !rc;
	if (!rc) {
		psk->pmk_ssid.uSSIDLength = (ULONG)ssid_len;
		memcpy(psk->pmk_ssid.ucSSID, ssid, ssid_len);
	}
	return rc;
}

#define SETUP_FAIL(...) do { ext_log(__VA_ARGS__); *reason = EXT_REASON_PSK_SETUP; \
			     return ERROR_INVALID_DATA; } while (0)

DWORD ext_psk_post_associate(struct ext_adapter *ad, HANDLE session,
			     ULONG bytes, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p,
			     DWORD *reason)
{
	const UCHAR *base = (const UCHAR *)p, *req, *bcn, *sta_rsne, *ap_rsne, *ssid;
	size_t req_len, bcn_len, sta_rsne_len, ap_rsne_len, ssid_len = 0;
	struct ext_psk *psk = ad->psk;
	char mac[18];
	DWORD ret;
	int rc;

	*reason = L2_REASON_CODE_SUCCESS;
	if (!psk)
		return ERROR_NOT_SUPPORTED;
	ext_psk_stop(ad);
	if (!p || bytes < DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 ||
	    p->Header.Size < DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 ||
	    p->Header.Size > bytes)
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: association parameters of %lu bytes (header size %u) -> failing post-association",
			   (void *)ad, session, (unsigned long)bytes, p ? (unsigned int)p->Header.Size : 0U);
	if (!ext_blob(p->uAssocReqOffset, p->uAssocReqSize, p->Header.Size, bytes, base, &req, &req_len) ||
	    !ext_blob(p->uBeaconOffset, p->uBeaconSize, p->Header.Size, bytes, base, &bcn, &bcn_len))
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: association request or beacon offsets outside the %lu-byte parameters",
			   (void *)ad, session, (unsigned long)bytes);
	if (ext_wpa_find_rsne(req, req_len, &sta_rsne, &sta_rsne_len) < 0)
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: no well-formed RSN element in the %zu-byte association request",
			   (void *)ad, session, req_len);
	if (ext_wpa_find_rsne(bcn, bcn_len, &ap_rsne, &ap_rsne_len) < 0)
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: no well-formed RSN element in the AP's %zu-byte beacon",
			   (void *)ad, session, bcn_len);
	if (ext_wpa_find_ssid(bcn, bcn_len, &ssid, &ssid_len) < 0 || !ssid_len) {
		if (!psk->have_profile_ssid)
			SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: no SSID in the beacon and the profile does not name exactly one",
				   (void *)ad, session);
		ssid = psk->profile_ssid.ucSSID;
		ssid_len = psk->profile_ssid.uSSIDLength;
	}
	if (!memcmp(ad->station, "\0\0\0\0\0\0", 6) || (ad->station[0] & 1))
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: station address %s unusable (from gAdapterId)",
			   (void *)ad, session, ext_mac_str(ad->station, mac));
	if (psk->prof.eap_tls || psk->prof.ms_onex) {
		/* The PMK comes from EAP (ext_wpa_new_pmk); until then no 1/4
		 * reaches the handshake (ext-eaptls.c). */
		static const uint8_t no_pmk[EXT_WPA_PMK_LEN];

		rc = ext_wpa_init(&psk->wpa, no_pmk, ad->station, ad->peer, sta_rsne,
				  sta_rsne_len, ap_rsne, ap_rsne_len);
		if (rc < 0)
			SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-Enterprise: handshake set-up failed (%d)",
				   (void *)ad, session, rc);
		ret = ext_eaptls_start(ad, &psk->prof, &psk->eap, reason);
		if (ret != ERROR_SUCCESS)
			return ret;
		psk->active = 1;
		return ERROR_SUCCESS;
	}
	rc = ext_psk_pmk(psk, ssid, ssid_len);
	if (rc == 0)
		rc = ext_wpa_init(&psk->wpa, psk->pmk, ad->station, ad->peer, sta_rsne,
				  sta_rsne_len, ap_rsne, ap_rsne_len);
	if (rc < 0)
		SETUP_FAIL("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK: PMK or handshake set-up failed (%d)",
			   (void *)ad, session, rc);
	psk->active = 1;
	ext_log("PerformPostAssociate(adapter=%p, session=%p): WPA2-PSK 4-way handshake with %s started, waiting for 1/4",
		(void *)ad, session, ext_mac_str(ad->peer, mac));
	return ERROR_SUCCESS;
}

/* ------------------------------------------------------------- receive */

static void ext_psk_install_ptk(struct ext_adapter *ad, const struct ext_wpa_out *out)
{
	UCHAR buf[offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + EXT_CCMP_KEY_BYTES + 8];
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k = (PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE)(void *)buf;
	ULONG klen = EXT_WPA_TK_LEN;
	char mac[18];
	DWORD ret;

	memset(buf, 0, sizeof(buf));
	memcpy(k->PeerMacAddr, ad->peer, 6);
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->Direction = DOT11_DIR_BOTH;
	k->bDelete = FALSE;
	k->bStatic = FALSE;
	k->usKeyLength = (USHORT)EXT_CCMP_KEY_BYTES;
	/* DOT11_KEY_ALGO_CCMP: receive counter 0 (a fresh PTK), length, key. */
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), &klen, sizeof(klen));
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey), out->tk, EXT_WPA_TK_LEN);
	if (ext_faults && ext_faults->pairwise_key)
		ext_faults->pairwise_key(ad, k);
	ret = ext_svc.apis.Dot11ExtSetKeyMappingKey(ad->svc, k);
	ext_log("adapter %p: Dot11ExtSetKeyMappingKey(peer=%s, CCMP, both directions) returned %u",
		(void *)ad, ext_mac_str(k->PeerMacAddr, mac), (unsigned int)ret);
	OPENSSL_cleanse(buf, sizeof(buf));
}

static void ext_psk_install_gtk(struct ext_adapter *ad, const struct ext_wpa_out *out)
{
	UCHAR buf[offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + EXT_CCMP_KEY_BYTES + 8];
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k = (PDOT11_CIPHER_DEFAULT_KEY_VALUE)(void *)buf;
	ULONG klen = EXT_WPA_GTK_LEN;
	DWORD ret;

	memset(buf, 0, sizeof(buf));
	k->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	k->Header.Revision = DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1;
	k->Header.Size = (USHORT)sizeof(DOT11_CIPHER_DEFAULT_KEY_VALUE);
	k->uKeyIndex = out->gtk_keyid;
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	memcpy(k->MacAddr, ad->peer, 6);
	k->bDelete = FALSE;
	k->bStatic = FALSE;
	k->usKeyLength = (USHORT)EXT_CCMP_KEY_BYTES;
	/* ucKey is at offset 22: DOT11_KEY_ALGO_CCMP there is unaligned. */
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ucIV48Counter), out->gtk_rsc, EXT_WPA_RSC_LEN);
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), &klen, sizeof(klen));
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey), out->gtk, EXT_WPA_GTK_LEN);
	ret = ext_svc.apis.Dot11ExtSetDefaultKey(ad->svc, k, DOT11_DIR_INBOUND);
	ext_log("adapter %p: Dot11ExtSetDefaultKey(index=%u, CCMP, inbound) returned %u",
		(void *)ad, out->gtk_keyid, (unsigned int)ret);
	OPENSSL_cleanse(buf, sizeof(buf));
}

/* What we did with a frame ext_wpa_rx accepted, for the log. */
static const char *ext_psk_milestone(const struct ext_wpa_out *out)
{
	switch (out->msg) {
	case EXT_WPA_MSG_1_OF_4:
		return "accepted, 2/4 sent";
	case EXT_WPA_MSG_3_OF_4:
		return out->completed ? "accepted, 4/4 sent, PTK and GTK installed: 4-way handshake complete"
				      : "accepted (retransmission), 4/4 sent";
	case EXT_WPA_MSG_GROUP_1_OF_2:
		return out->install ? "accepted, group 2/2 sent, new GTK installed"
				    : "accepted, group 2/2 sent";
	case EXT_WPA_MSG_NONE:
		return "accepted";
	}
	return "accepted";
}

void ext_psk_complete(struct ext_adapter *ad, DWORD reason, DWORD win32)
{
	struct ext_job *job = ext_job_new(EXT_JOB_POST, ad, ad->session);

	if (!job) {
		ext_log("adapter %p: out of memory: post-association not completed", (void *)ad);
		return;
	}
	memcpy(job->peer, ad->peer, sizeof(job->peer));
	job->reason = reason;
	job->win32 = win32;
	if (win32 == ERROR_SUCCESS && ext_svc.cfg.fail_postassoc) {
		job->reason = L2_REASON_CODE_DOT11_SECURITY_BASE + 1;
		job->win32 = ERROR_ACCESS_DENIED;
	}
	if (!(ext_faults && ext_faults->schedule && ext_faults->schedule(job)))
		ext_job_queue(job, 0);
}

int ext_psk_key_frame(struct ext_adapter *ad, struct ext_wpa *wpa, const UCHAR *pdu, size_t len)
{
	struct ext_wpa_out *out;
	int rc, completed = 0;
	DWORD ret;

	out = (struct ext_wpa_out *)malloc(sizeof(*out));
	if (!out) {
		ext_log("adapter %p: out of memory: EAPOL-Key frame dropped", (void *)ad);
		return -ENOMEM;
	}
	rc = ext_wpa_rx(wpa, pdu, len, out);
	if (rc == -EBADMSG) {
		ext_log("adapter %p: %s rejected: %s", (void *)ad, ext_wpa_msg_name(out->msg),
			out->reject);
		goto free_out;
	}
	if (rc < 0) {
		ext_log("adapter %p: %s dropped: libcrypto failed (%d)", (void *)ad,
			ext_wpa_msg_name(out->msg), rc);
		goto free_out;
	}
	if (out->frame_len) {
		/* First the answer: it leaves unprotected, before the key. */
		ret = ext_psk_send(ad, ad->peer, out->frame, out->frame_len);
		if (ret != ERROR_SUCCESS)
			ext_log("adapter %p: Dot11ExtSendPacket(%zu bytes) returned %u", (void *)ad,
				out->frame_len + EXT_PKT_HDR, (unsigned int)ret);
	}
	if (out->install & EXT_WPA_INSTALL_PTK)
		ext_psk_install_ptk(ad, out);
	if (out->install & EXT_WPA_INSTALL_GTK)
		ext_psk_install_gtk(ad, out);
	ext_log("adapter %p: %s %s", (void *)ad, ext_wpa_msg_name(out->msg), ext_psk_milestone(out));
	if (out->note)
		ext_log("adapter %p: %s", (void *)ad, out->note);
	completed = out->completed;
free_out:
	ext_wpa_out_clear(out);
	free(out);
	return rc < 0 ? rc : completed;
}

DWORD ext_psk_receive(struct ext_adapter *ad, DWORD size, const UCHAR *buf)
{
	struct ext_psk *psk = ad->psk;
	char mac[18];

	if (!psk || !psk->active) {
		ext_log("adapter %p: security packet ignored: no WPA2 authentication in progress",
			(void *)ad);
		return ERROR_SUCCESS;
	}
	if (buf[6] != (EXT_ETHERTYPE_EAPOL >> 8) || buf[7] != (EXT_ETHERTYPE_EAPOL & 0xff)) {
		ext_log("adapter %p: security packet dropped: EtherType 0x%02x%02x is not EAPOL",
			(void *)ad, buf[6], buf[7]);
		return ERROR_SUCCESS;
	}
	if (memcmp(buf, ad->peer, 6)) {
		ext_log("adapter %p: EAPOL frame dropped: from %s, not the AP", (void *)ad,
			ext_mac_str(buf, mac));
		return ERROR_SUCCESS;
	}
	if (psk->eap) {
		ext_eaptls_receive(ad, psk->eap, &psk->prof, &psk->wpa, buf + EXT_PKT_HDR,
				   size - EXT_PKT_HDR);
		return ERROR_SUCCESS;
	}
	if (ext_psk_key_frame(ad, &psk->wpa, buf + EXT_PKT_HDR, size - EXT_PKT_HDR) == 1)
		ext_psk_complete(ad, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	return ERROR_SUCCESS;
}

void ext_psk_onex_result(struct ext_adapter *ad, DOT11_MSONEX_RESULT result,
			 const DOT11_MSONEX_RESULT_PARAMS *p)
{
	struct ext_psk *psk = ad->psk;

	if (!psk || !psk->active) {
		ext_log("OnexIndicateResult(adapter=%p): ignored: no WPA2 authentication in progress",
			(void *)ad);
		return;
	}
	ext_eaptls_onex_result(ad, psk->eap, &psk->wpa, result, p);
}
