/*
 * ext-eaptls.c - the sample extensions as a WPA2-Enterprise supplicant
 * with their own EAP-TLS method (an <EapTls> IHV security profile). The
 * EAP peer is ihvhost/eap/eap-peer.c and the 4-way handshake ext-wpa.c, both pure;
 * this file carries the conversation out through the Dot11Ext APIs, on
 * top of the WPA2 plumbing of ext-psk.c (pre-association calls, sent
 * packets, key installation):
 *
 *   PerformPreAssociate   as WPA2-PSK but SetAuthAlgorithm(RSNA): AKM
 *                         802.1X; the credential files are read once, so
 *                         a missing or mismatched one fails here
 *   PerformPostAssociate  a new EAP peer; nothing is queued: the EAP
 *                         outcome completes post-association
 *   ReceivePacket         EAP packets -> eap_peer_rx -> SendPacket; on
 *                         EAP-Success PMK = MSK[0..31] and the 4-way
 *                         handshake follows (ext-psk.c) -> keys ->
 *                         PostAssociateCompletion(success); on
 *                         EAP-Failure PostAssociateCompletion with
 *                         EXT_REASON_EAP_FAILED / ERROR_ACCESS_DENIED
 *                         and one line saying why
 *   while authorized      an EAP-Request is the authenticator
 *                         re-authenticating: a new conversation and a
 *                         new PMK; the keys in force stay until the AP
 *                         starts a 4-way handshake with it (hostapd 2.10
 *                         does after an EAPOL-Start, not after its own
 *                         EAPOL_REAUTH)
 *   StopPostAssociate     everything wiped (eap_peer_free)
 *
 * A re-authentication completes post-association once more (reference
 * rule 4: the extension calls PostAssociateCompletion again when the
 * port's authorization changes, re-authentication being the example):
 * success renews the authorization, failure closes the port.
 *
 * With Microsoft's 802.1X (bUseMSOnex, an empty or absent IHV security
 * fragment) the EAP side is the host's instead, and this file only
 * carries frames and results:
 *   PerformPostAssociate  Dot11ExtStartOneX (no attributes: the profile
 *                         says who to be)
 *   ReceivePacket         EAP packets -> Dot11ExtProcessSecurityPacket
 *                         (the EAPOL PDU); the host answers the AP itself
 *   OnexIndicateResult    success: PMK = the MPPE Recv key (MSK[0..31]),
 *                         then the same 4-way handshake; failure: as
 *                         EAP-Failure above
 *   StopPostAssociate     Dot11ExtStopOneX, then everything wiped
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ext-core.h"
#include "eap-peer.h"
#include "ext-profile.h"
#include "ext-wpa.h"

#define EAPOL_TYPE_EAP 0
#define EAPOL_TYPE_KEY 3
#define EAP_CODE_REQUEST 1

enum ext_eaptls_phase {
	EXT_EAPTLS_EAP,     /* the EAP conversation runs */
	EXT_EAPTLS_KEYS,    /* EAP succeeded: the PMK is set, 4-way next */
	EXT_EAPTLS_FAILED,  /* EAP failed: completed with a failure */
};

struct ext_eaptls {
	struct eap_peer *eap;          /* NULL outside a conversation */
	int onex;                     /* the host's 802.1X runs EAP */
	int onex_running;             /* StartOneX .. StopOneX */
	enum ext_eaptls_phase phase;
	int authorized;               /* completed with success */
	int reauth;                   /* this conversation re-authenticates */
	unsigned int answered;        /* EAP requests answered, for the log */
};

/* Reads the credentials of @prof into a new EAP peer (one line on
 * failure, naming the handler and the file). */
static int ext_eaptls_peer(const struct ext_profile *prof, struct eap_peer **out,
			   const char *handler, const void *ad)
{
	struct eap_peer_cfg cfg = {
		.identity = prof->identity,
		.ca_file = prof->ca_file,
		.cert_file = prof->cert_file,
		.key_file = prof->key_file,
		.server_name = prof->server_name[0] ? prof->server_name : NULL,
	};
	char why[256];
	int rc;

	rc = eap_peer_new(&cfg, out, why, sizeof(why));
	if (rc < 0)
		ext_log("%s(adapter=%p): EAP-TLS credentials unusable: %s", handler, ad, why);
	return rc;
}

DWORD ext_eaptls_check(const struct ext_profile *prof, PDWORD pdwReasonCode, const void *ad)
{
	struct eap_peer *e = NULL;
	int rc = ext_eaptls_peer(prof, &e, "PerformPreAssociate", ad);

	eap_peer_free(e);
	if (rc == 0)
		return ERROR_SUCCESS;
	if (pdwReasonCode)
		*pdwReasonCode = EXT_REASON_EAP_CREDENTIALS;
	return rc == -ENOMEM ? ERROR_OUTOFMEMORY : ERROR_INVALID_DATA;
}

DWORD ext_eaptls_start(struct ext_adapter *ad, const struct ext_profile *prof,
		       struct ext_eaptls **out, DWORD *reason)
{
	struct ext_eaptls *st;

	ext_eaptls_free(*out);
	*out = NULL;
	st = (struct ext_eaptls *)calloc(1, sizeof(*st));
	if (!st) {
		*reason = EXT_REASON_PSK_SETUP;
		return ERROR_OUTOFMEMORY;
	}
	if (prof->ms_onex) {
		DWORD ret;

		st->onex = 1;
		st->phase = EXT_EAPTLS_EAP;
		if (!ext_svc.apis.Dot11ExtStartOneX) {
			free(st);
			*reason = EXT_REASON_PSK_SETUP;
			return ERROR_NOT_SUPPORTED;
		}
		ret = ext_svc.apis.Dot11ExtStartOneX(ad->svc, NULL);
		ext_log("PerformPostAssociate(adapter=%p): WPA2-Enterprise through Microsoft's 802.1X: Dot11ExtStartOneX returned %u",
			(void *)ad, (unsigned int)ret);
		if (ret != ERROR_SUCCESS) {
			free(st);
			*reason = EXT_REASON_EAP_CREDENTIALS;
			return ret;
		}
		st->onex_running = 1;
		*out = st;
		return ERROR_SUCCESS;
	}
	if (ext_eaptls_peer(prof, &st->eap, "PerformPostAssociate", ad) < 0) {
		free(st);
		*reason = EXT_REASON_EAP_CREDENTIALS;
		return ERROR_INVALID_DATA;
	}
	st->phase = EXT_EAPTLS_EAP;
	*out = st;
	ext_log("PerformPostAssociate(adapter=%p): WPA2-Enterprise: EAP-TLS as '%s', waiting for the authenticator's EAP-Request",
		(void *)ad, prof->identity);
	return ERROR_SUCCESS;
}

void ext_eaptls_free(struct ext_eaptls *st)
{
	if (!st)
		return;
	eap_peer_free(st->eap);
	OPENSSL_cleanse(st, sizeof(*st));
	free(st);
}

static void ext_eaptls_failed(struct ext_adapter *ad, struct ext_eaptls *st, const char *why);

void ext_eaptls_stop(struct ext_adapter *ad, struct ext_eaptls *st)
{
	DWORD ret;

	/* Inside StopPostAssociate (or a new post-association): the host's
	 * 802.1X ends with the association. */
	if (!st || !st->onex_running)
		return;
	st->onex_running = 0;
	if (ext_faults && ext_faults->keep_onex && ext_faults->keep_onex(ad))
		return;
	ret = ext_svc.apis.Dot11ExtStopOneX(ad->svc);
	ext_log("adapter %p: Dot11ExtStopOneX returned %u", (void *)ad, (unsigned int)ret);
}

/* The host's 802.1X concluded (OnexIndicateResult, lock held). */
void ext_eaptls_onex_result(struct ext_adapter *ad, struct ext_eaptls *st,
			    struct ext_wpa *wpa, DOT11_MSONEX_RESULT result,
			    const DOT11_MSONEX_RESULT_PARAMS *p)
{
	if (!st || !st->onex) {
		ext_log("OnexIndicateResult(adapter=%p): ignored: no 802.1X authentication of ours runs",
			(void *)ad);
		return;
	}
	switch (result) {
	case DOT11_MSONEX_IN_PROGRESS:
		ext_log("OnexIndicateResult(adapter=%p): 802.1X in progress", (void *)ad);
		return;
	case DOT11_MSONEX_SUCCESS:
		/* IEEE 802.11-2020 12.7.1.3: the PMK is the first 256 bits of
		 * the MSK, which the host gives as the MPPE Recv key. */
		if (!p || !p->pbMPPERecvKey || p->dwMPPERecvKeyLen < EXT_WPA_PMK_LEN) {
			ext_eaptls_failed(ad, st, "802.1X succeeded without a 32-byte MPPE Recv key");
			return;
		}
		ext_wpa_new_pmk(wpa, p->pbMPPERecvKey);
		st->phase = EXT_EAPTLS_KEYS;
		ext_log("OnexIndicateResult(adapter=%p): 802.1X %sauthentication succeeded: PMK from the MPPE Recv key, %s",
			(void *)ad, st->authorized ? "re-" : "",
			st->authorized ? "post-association completed again" : "waiting for 1/4");
		if (st->authorized)
			ext_psk_complete(ad, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		return;
	case DOT11_MSONEX_FAILURE:
		ext_eaptls_failed(ad, st, "Microsoft's 802.1X reported a failure");
		return;
	}
	ext_log("OnexIndicateResult(adapter=%p): unknown result %d ignored", (void *)ad, (int)result);
}

/* A failed conversation: completed with a failure, the peer wiped. */
static void ext_eaptls_failed(struct ext_adapter *ad, struct ext_eaptls *st, const char *why)
{
	ext_log("adapter %p: WPA2-Enterprise %sauthentication failed: %s", (void *)ad,
		st->reauth ? "re-" : "", why);
	eap_peer_free(st->eap);
	st->eap = NULL;
	st->phase = EXT_EAPTLS_FAILED;
	st->authorized = 0;
	ext_psk_complete(ad, EXT_REASON_EAP_FAILED, ERROR_ACCESS_DENIED);
}

static void ext_eaptls_eap(struct ext_adapter *ad, struct ext_eaptls *st,
			   const struct ext_profile *prof, struct ext_wpa *wpa,
			   const UCHAR *pdu, size_t len)
{
	struct eap_peer_out *out;
	DWORD ret;
	int rc;

	if (st->onex) {
		/* The host's 802.1X is the EAP peer, a re-authentication too. */
		ret = ext_svc.apis.Dot11ExtProcessSecurityPacket(ad->svc, (DWORD)len, (LPVOID)pdu);
		if (ret != ERROR_SUCCESS)
			ext_log("adapter %p: Dot11ExtProcessSecurityPacket(%zu bytes) returned %u",
				(void *)ad, len, (unsigned int)ret);
		return;
	}
	if (st->phase == EXT_EAPTLS_FAILED) {
		ext_log("adapter %p: EAP packet ignored: authentication failed on this association",
			(void *)ad);
		return;
	}
	if (st->phase == EXT_EAPTLS_KEYS) {
		/* EAP after EAP-Success: the authenticator starts over
		 * (re-authentication, or a lost EAP-Success retried). Only a
		 * request begins a conversation. */
		if (len < 5 || pdu[4] != EAP_CODE_REQUEST) {
			ext_log("adapter %p: EAP packet ignored: EAP already succeeded", (void *)ad);
			return;
		}
		if (ext_eaptls_peer(prof, &st->eap, "ReceivePacket", ad) < 0) {
			ext_eaptls_failed(ad, st, "the credentials cannot be read again");
			return;
		}
		st->phase = EXT_EAPTLS_EAP;
		st->reauth = 1;
		st->answered = 0;
		ext_log("adapter %p: EAP-Request after EAP-Success: the authenticator re-authenticates, new EAP-TLS conversation",
			(void *)ad);
	}
	out = (struct eap_peer_out *)malloc(sizeof(*out));
	if (!out) {
		ext_log("adapter %p: out of memory: EAP packet dropped", (void *)ad);
		return;
	}
	rc = eap_peer_rx(st->eap, pdu, len, out);
	if (out->note)
		ext_log("adapter %p: %s", (void *)ad, out->note);
	if (rc < 0 && out->result == EAP_PEER_CONTINUE) {
		/* Dropped; the authenticator retransmits. */
		ext_log("adapter %p: EAP packet dropped: %s", (void *)ad,
			out->reject ? out->reject : "no reason");
		goto free_out;
	}
	if (out->frame_len) {
		ret = ext_psk_send(ad, ad->peer, out->frame, out->frame_len);
		st->answered++;
		if (ret != ERROR_SUCCESS)
			ext_log("adapter %p: Dot11ExtSendPacket(EAP response, %zu bytes) returned %u",
				(void *)ad, out->frame_len, (unsigned int)ret);
	}
	switch (out->result) {
	case EAP_PEER_CONTINUE:
		break;
	case EAP_PEER_SUCCESS:
		/* IEEE 802.11-2020 12.7.1.3: the PMK is the first 256 bits of
		 * the MSK. The EAP peer is done: its TLS state goes. */
		ext_wpa_new_pmk(wpa, out->msk);
		eap_peer_free(st->eap);
		st->eap = NULL;
		st->phase = EXT_EAPTLS_KEYS;
		ext_log("adapter %p: EAP-TLS %sauthentication succeeded after %u response(s): PMK from the MSK, %s",
			(void *)ad, st->reauth ? "re-" : "", st->answered,
			st->authorized ? "post-association completed again; the keys in force stay until the AP re-keys (1/4)"
				       : "waiting for 1/4");
		if (st->authorized)
			ext_psk_complete(ad, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		break;
	case EAP_PEER_FAILURE:
		ext_eaptls_failed(ad, st, out->why[0] ? out->why : "EAP-Failure");
		break;
	}
free_out:
	OPENSSL_cleanse(out, sizeof(*out));
	free(out);
}

void ext_eaptls_receive(struct ext_adapter *ad, struct ext_eaptls *st,
			const struct ext_profile *prof, struct ext_wpa *wpa,
			const UCHAR *pdu, size_t len)
{
	if (len < 4) {
		ext_log("adapter %p: EAPOL frame of %zu bytes dropped (shorter than its header)",
			(void *)ad, len);
		return;
	}
	switch (pdu[1]) {
	case EAPOL_TYPE_EAP:
		ext_eaptls_eap(ad, st, prof, wpa, pdu, len);
		return;
	case EAPOL_TYPE_KEY:
		/* While a re-authentication runs, the keys of the last one
		 * stay in force: group handshakes (and a re-keying 1/4 under
		 * the old PMK) go on. */
		if (st->phase != EXT_EAPTLS_KEYS &&
		    !(st->phase == EXT_EAPTLS_EAP && st->authorized)) {
			ext_log("adapter %p: EAPOL-Key dropped: %s", (void *)ad,
				st->phase == EXT_EAPTLS_EAP ? "EAP has not succeeded (no PMK yet)"
							    : "authentication failed");
			return;
		}
		if (ext_psk_key_frame(ad, wpa, pdu, len) != 1)
			return;
		if (!st->authorized) {
			st->authorized = 1;
			ext_log("adapter %p: WPA2-Enterprise: EAP-TLS and 4-way handshake complete, completing post-association",
				(void *)ad);
			ext_psk_complete(ad, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		} else {
			ext_log("adapter %p: 4-way handshake under the new PMK complete, new PTK installed",
				(void *)ad);
		}
		return;
	}
	ext_log("adapter %p: EAPOL type %u dropped (a supplicant expects EAP or EAPOL-Key)",
		(void *)ad, pdu[1]);
}
