/* SPDX-License-Identifier: MIT */
/*
 * Microsoft's 802.1X ("OneX") as the host runs it for an extension: the
 * extension starts it with Dot11ExtStartOneX during post-association,
 * hands it the EAP frames it receives with Dot11ExtProcessSecurityPacket,
 * and learns the outcome in its OnexIndicateResult handler, with the MSK
 * as the two MPPE keys, from which it runs its own 4-way handshake. The
 * supplicant is the project's EAP peer (ihvhost/eap/, EAP-TLS on
 * OpenSSL), authenticating with the profile's credentials; its answers go
 * out over the adapter's control port, as the host's own frames.
 *
 * Everything here runs on the loop. The result is never indicated from
 * inside ProcessSecurityPacket: that is typically called from inside the
 * extension's ReceivePacket, and calling a handler back from inside it
 * would re-enter the extension (and deadlock one that holds its lock
 * there). It is held, and indicated as soon as the ReceivePacket in
 * progress returns (ihv_svc_onex_flush), before the next received frame
 * is delivered: hostapd sends message 1/4 right behind EAP-Success, and
 * the extension needs the PMK before it sees it. A loop turn of its own
 * delivers it when ProcessSecurityPacket came from an extension thread.
 *
 * The MSK halves: MPPE-Recv-Key = MSK[0..31], MPPE-Send-Key = MSK[32..63]
 * (RFC 2548 and RFC 5216's naming, as the authenticator receives them);
 * the PMK of WPA2 is the first 32 bytes of the MSK, i.e. the Recv key.
 * Key material is never traced.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eap-peer.h"
#include "loop.h"
#include "service-internal.h"
#include "sim.h"
#include "trace.h"
#include "verifier.h"

#define IHV_ONEX_KEY_HALF (EAP_PEER_MSK_LEN / 2)

struct ihv_onex {
	unsigned long id;             /* this session, for posted results */
	struct eap_peer *peer;        /* the current conversation's */
	struct eap_peer_cfg cfg;      /* points into the adapter's profile */
	char identity[254];
	uint8_t ap[SIM_ETH_ALEN];     /* the authenticator */
	unsigned int rounds;          /* EAP requests answered */
	bool tls_seen;                /* the AP proposed EAP-TLS */
	bool concluded;               /* the conversation's result is out */
	struct ihv_onex_result *pending; /* concluded, not yet indicated */
};

/* A result on its way to OnexIndicateResult. */
struct ihv_onex_result {
	bool success;
	uint8_t msk[EAP_PEER_MSK_LEN];
	char identity[254];
};

/* The loop turn that indicates a held result (if the rx path did not). */
struct ihv_onex_kick {
	struct ihv_service *svc;
	uintptr_t svc_h;
};

static unsigned long ihv_onex_next_id;

/* "onex" trace record: the host's supplicant at work. */
static void ihv_onex_trace(struct ihv_service *svc, const struct ihv_adapter *a,
			   const char *event, const char *eapol, size_t size,
			   const char *result, const char *method, const char *note)
{
	struct ihv_trace_rec r;

	ihv_trace_rec_begin(&r, "onex");
	ihv_svc_rec_adapter(&r, a);
	ihv_trace_rec_str(&r, "event", event);
	if (eapol)
		ihv_trace_rec_str(&r, "eapol", eapol);
	if (size)
		ihv_trace_rec_u64(&r, "size", size);
	if (result)
		ihv_trace_rec_str(&r, "result", result);
	if (method)
		ihv_trace_rec_str(&r, "method", method);
	if (note)
		ihv_trace_rec_str(&r, "note", note);
	ihv_trace_write(svc->cfg.trace, &r);
}

static void ihv_onex_result_free(struct ihv_onex_result *res)
{
	if (!res)
		return;
	explicit_bzero(res->msk, sizeof(res->msk));
	free(res);
}

/* @a: for the trace of a result that was never indicated. */
static void ihv_onex_free(struct ihv_service *svc, struct ihv_adapter *a, struct ihv_onex *o)
{
	if (!o)
		return;
	if (o->pending)
		ihv_onex_trace(svc, a, "result-dropped", NULL, 0,
			       o->pending->success ? "success" : "failure", NULL,
			       "the OneX session ended before its result was indicated");
	ihv_onex_result_free(o->pending);
	eap_peer_free(o->peer);
	free(o);
}

/* A fresh EAP peer for a (re-)authentication. 0 or -errno, @why set. */
static int ihv_onex_peer(struct ihv_onex *o, char *why, size_t why_len)
{
	eap_peer_free(o->peer);
	o->peer = NULL;
	o->rounds = 0;
	o->tls_seen = false;
	o->concluded = false;
	return eap_peer_new(&o->cfg, &o->peer, why, why_len);
}

DWORD ihv_svc_onex_start(struct ihv_service *svc, struct ihv_adapter *a,
			 const struct ihv_onex_attrs *attrs)
{
	const char *api = "Dot11ExtStartOneX";
	struct ihv_onex *o;
	char why[400];
	int rc;

	if (a->onex) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_ONEX_SESSION, api, "svc",
				    a->svc_handle, "while a OneX session is running "
				    "(StartOneX twice, no StopOneX between)");
		return ERROR_INVALID_STATE;
	}
	if (!a->prof.onex || !a->prof.onex_identity) {
		ihv_onex_trace(svc, a, "refused", NULL, 0, NULL, NULL,
			       !a->prof.onex ? "the profile does not enable 802.1X (onex=on)"
					     : "the profile names no 802.1X identity "
					       "(eap-identity=)");
		return ERROR_INVALID_STATE;
	}
	o = calloc(1, sizeof(*o));
	if (!o)
		return ERROR_OUTOFMEMORY;
	o->id = ++ihv_onex_next_id;
	memcpy(o->ap, a->peer, sizeof(o->ap));
	/* eatUserName overrides the profile's identity, as EAP attributes
	 * given to StartOneX do on Windows; the certificate stays the
	 * profile's. */
	snprintf(o->identity, sizeof(o->identity), "%s",
		 attrs->identity[0] ? attrs->identity : a->prof.onex_identity);
	o->cfg.identity = o->identity;
	o->cfg.ca_file = a->prof.onex_ca;
	o->cfg.cert_file = a->prof.onex_cert;
	o->cfg.key_file = a->prof.onex_key;
	o->cfg.server_name = a->prof.onex_server;
	rc = ihv_onex_peer(o, why, sizeof(why));
	if (rc < 0) {
		ihv_onex_trace(svc, a, "refused", NULL, 0, NULL, NULL, why);
		ihv_onex_free(svc, a, o);
		return rc == -ENOMEM ? ERROR_OUTOFMEMORY : ERROR_INVALID_DATA;
	}
	a->onex = o;
	snprintf(why, sizeof(why), "EAP-TLS as '%s' with %02x:%02x:%02x:%02x:%02x:%02x, "
		 "%u EAP attribute(s) from the extension", o->identity, o->ap[0],
		 o->ap[1], o->ap[2], o->ap[3], o->ap[4], o->ap[5], attrs->n);
	ihv_onex_trace(svc, a, "start", NULL, 0, NULL, NULL, why);
	return ERROR_SUCCESS;
}

void ihv_svc_onex_flush(struct ihv_service *svc, struct ihv_adapter *a)
{
	struct ihv_onex_result *res = a->onex ? a->onex->pending : NULL;
	EAP_ATTRIBUTE user;
	EAP_ATTRIBUTES attrs = { 1, &user };
	DOT11_EAP_RESULT eap = { 0, &attrs };
	DOT11_MSONEX_RESULT_PARAMS p = { 0 };

	if (!res)
		return;
	a->onex->pending = NULL;
	user = (EAP_ATTRIBUTE){ eatUserName, (DWORD)strlen(res->identity),
				(BYTE *)res->identity };
	if (res->success) {
		p.Dot11OnexAuthStatus = OneXAuthSuccess;
		p.Dot11OneXReasonCode = ONEX_REASON_CODE_SUCCESS;
		p.pbMPPERecvKey = res->msk;
		p.dwMPPERecvKeyLen = IHV_ONEX_KEY_HALF;
		p.pbMPPESendKey = res->msk + IHV_ONEX_KEY_HALF;
		p.dwMPPESendKeyLen = IHV_ONEX_KEY_HALF;
	} else {
		p.Dot11OnexAuthStatus = OneXAuthFailure;
		p.Dot11OneXReasonCode = ONEX_REASON_START;
		eap.dwFailureReasonCode = ERROR_ACCESS_DENIED;
	}
	p.pDot11EapResult = &eap;
	IHV_SVC_CALL(svc, a, OnexIndicateResult, a->ext_handle,
		     res->success ? DOT11_MSONEX_SUCCESS : DOT11_MSONEX_FAILURE, &p);
	ihv_onex_result_free(res);
}

static void ihv_onex_kick_run(void *data)
{
	struct ihv_onex_kick *k = data;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(k->svc, k->svc_h);

	/* Gone, or indicated already by the rx path: nothing to do. */
	if (a)
		ihv_svc_onex_flush(k->svc, a);
	free(k);
}

/* The conversation ended (@out's result): traced now, indicated on the
 * next loop turn. */
static void ihv_onex_conclude(struct ihv_service *svc, struct ihv_adapter *a,
			      struct ihv_onex *o, const struct eap_peer_out *out)
{
	bool ok = out->result == EAP_PEER_SUCCESS;
	struct ihv_onex_result *res;
	struct ihv_onex_kick *k;
	char note[320];

	o->concluded = true;
	if (ok)
		snprintf(note, sizeof(note), "EAP-TLS succeeded after %u round trip(s): "
			 "MSK derived, indicated as the MPPE keys", o->rounds);
	else
		snprintf(note, sizeof(note), "EAP-TLS failed after %u round trip(s): %s",
			 o->rounds, out->why[0] ? out->why : "EAP-Failure");
	/* The method only once the AP proposed it (a refusal after the
	 * identity ran none). */
	ihv_onex_trace(svc, a, "result", NULL, 0, ok ? "success" : "failure",
		       o->tls_seen ? "TLS" : NULL, note);
	res = calloc(1, sizeof(*res));
	if (!res) {
		ihv_svc_trace_note(svc, a, "onex-result-lost",
				   "out of memory: OnexIndicateResult not called");
		return;
	}
	res->success = ok;
	if (ok)
		memcpy(res->msk, out->msk, sizeof(res->msk));
	snprintf(res->identity, sizeof(res->identity), "%s", o->identity);
	ihv_onex_result_free(o->pending);
	o->pending = res;
	k = malloc(sizeof(*k));
	if (k) {
		k->svc = svc;
		k->svc_h = a->svc_handle;
		if (ihv_loop_post(svc->cfg.loop, ihv_onex_kick_run, k, free) < 0)
			free(k);
	}
}

DWORD ihv_svc_onex_packet(struct ihv_service *svc, struct ihv_adapter *a,
			  const uint8_t *pdu, size_t len, const char **note)
{
	const char *api = "Dot11ExtProcessSecurityPacket";
	const char *name = sim_eapol_describe(pdu, len);
	struct ihv_onex *o = a->onex;
	struct eap_peer_out *out;
	char why[256];
	int rc;

	if (!o) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_ONEX_SESSION, api, "svc",
				    a->svc_handle, "without a OneX session (no "
				    "Dot11ExtStartOneX, or it was stopped)");
		return ERROR_INVALID_STATE;
	}
	/* The authenticator restarts EAP after a conversation ended (a
	 * re-authentication): a new conversation, with a fresh peer. */
	if (o->concluded && !strcmp(name, "eap-request-identity")) {
		rc = ihv_onex_peer(o, why, sizeof(why));
		if (rc < 0) {
			ihv_onex_trace(svc, a, "refused", name, len, NULL, NULL, why);
			return rc == -ENOMEM ? ERROR_OUTOFMEMORY : ERROR_INVALID_DATA;
		}
		ihv_onex_trace(svc, a, "restart", name, len, NULL, NULL,
			       "the authenticator restarts EAP: re-authentication");
	}
	out = malloc(sizeof(*out));
	if (!out)
		return ERROR_OUTOFMEMORY;
	rc = eap_peer_rx(o->peer, pdu, len, out);
	ihv_onex_trace(svc, a, "rx", name, len, NULL, NULL, rc < 0 ? out->reject : NULL);
	if (!strcmp(name, "eap-request-tls"))
		o->tls_seen = true;
	if (rc == -EBADMSG && out->result != EAP_PEER_FAILURE) {
		/* The frame came from the air: what is wrong with it is the
		 * AP's (or a forger's) doing, not the extension's. Dropped,
		 * as a supplicant does; the authenticator retransmits. */
		*note = "dropped by the host's 802.1X (see the onex record)";
		goto free_out;
	}
	if (out->frame_len) {
		if (out->result == EAP_PEER_CONTINUE)
			o->rounds++;
		rc = ihv_wlan_send_packet(&svc->cfg.wlan, a->id, o->ap, SIM_ETH_P_PAE,
					  out->frame, out->frame_len, !a->key_pairwise);
		ihv_onex_trace(svc, a, "tx", sim_eapol_describe(out->frame, out->frame_len),
			       out->frame_len, NULL, NULL, rc < 0 ? strerror(-rc) : out->note);
	} else if (out->note) {
		ihv_onex_trace(svc, a, "note", NULL, 0, NULL, NULL, out->note);
	}
	if (out->result != EAP_PEER_CONTINUE && !o->concluded)
		ihv_onex_conclude(svc, a, o, out);
free_out:
	explicit_bzero(out, sizeof(*out));
	free(out);
	return ERROR_SUCCESS;
}

DWORD ihv_svc_onex_stop(struct ihv_service *svc, struct ihv_adapter *a)
{
	if (!a->onex) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_ONEX_SESSION,
				    "Dot11ExtStopOneX", "svc", a->svc_handle,
				    "without a running OneX session (stopped twice, "
				    "or never started)");
		return ERROR_INVALID_STATE;
	}
	ihv_onex_trace(svc, a, "stop", NULL, 0, NULL, NULL, "stopped by the extension");
	ihv_onex_free(svc, a, a->onex);
	a->onex = NULL;
	return ERROR_SUCCESS;
}

void ihv_svc_onex_end(struct ihv_service *svc, struct ihv_adapter *a)
{
	if (!a->onex)
		return;
	ihv_verifier_report(svc->cfg.verifier, IHV_RULE_ONEX_SESSION,
			    "Dot11ExtIhvStopPostAssociate", "svc", a->svc_handle,
			    "returned with the OneX session still running (the "
			    "extension must call Dot11ExtStopOneX)");
	ihv_onex_trace(svc, a, "stop", NULL, 0, NULL, NULL,
		       "ended by the host: the association is gone");
	ihv_onex_free(svc, a, a->onex);
	a->onex = NULL;
}
