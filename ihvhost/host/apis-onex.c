/* SPDX-License-Identifier: MIT */
/*
 * The 802.1X APIs: Dot11ExtStartOneX, Dot11ExtProcessSecurityPacket and
 * Dot11ExtStopOneX, the extension's handle on Microsoft's 802.1X, which
 * the host runs (service-onex.c). Each validates its arguments on the
 * caller's thread and runs on the loop, where the session lives; all
 * three belong to post-association (reference rule 8), StopOneX also
 * inside StopPostAssociate, where the extension ends its session.
 *
 * ProcessSecurityPacket takes the EAPOL PDU (the reference): the bytes
 * of DOT11_SECURITY_PACKET_HEADER.Data that ReceivePacket delivered, not
 * the header. A buffer that starts with the header is refused with a
 * message that says so, rather than guessed at.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "apis-internal.h"
#include "service-internal.h"
#include "sim.h"
#include "verifier.h"

/* An EAPOL header, and the largest PDU an EAPOL length can describe. */
#define IHV_EAPOL_HDR 4
#define IHV_EAPOL_MAX (IHV_EAPOL_HDR + 0xffff)
#define IHV_ONEX_MAX_ATTRS 64
#define IHV_EAPOL_TYPE_EAP 0

/* ---- StartOneX -------------------------------------------------------- */

struct ihv_onex_call {
	struct ihv_service *svc;
	uintptr_t svc_h;
	struct ihv_onex_attrs attrs;
	const uint8_t *pdu;
	size_t len;
	const char *note;
};

static DWORD ihv_onex_start_on_loop(void *arg)
{
	struct ihv_onex_call *c = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(c->svc, c->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	return ihv_svc_onex_start(c->svc, a, &c->attrs);
}

/* The attributes the host uses, validated: 0, or the bad-parameter text. */
static const char *ihv_onex_read_attrs(const EAP_ATTRIBUTES *in, struct ihv_onex_attrs *out)
{
	memset(out, 0, sizeof(*out));
	if (!in)
		return NULL;
	if (in->dwNumberOfAttributes > IHV_ONEX_MAX_ATTRS)
		return "with more than 64 EAP attributes";
	if (in->dwNumberOfAttributes && !in->pAttribs)
		return "with dwNumberOfAttributes > 0 and pAttribs NULL";
	out->n = in->dwNumberOfAttributes;
	for (DWORD i = 0; i < in->dwNumberOfAttributes; i++) {
		const EAP_ATTRIBUTE *at = &in->pAttribs[i];

		if (at->dwLength && !at->pValue)
			return "with an EAP attribute of dwLength > 0 and pValue NULL";
		if (at->eapType != eatUserName)
			continue;
		/* An EAP identity: 1..253 bytes (RFC 3748), no NUL. */
		if (!at->dwLength || at->dwLength >= sizeof(out->identity) ||
		    memchr(at->pValue, 0, at->dwLength))
			return "with an eatUserName that is not 1..253 bytes without NUL";
		memcpy(out->identity, at->pValue, at->dwLength);
		out->identity[at->dwLength] = '\0';
	}
	return NULL;
}

DWORD WINAPI ihv_api_start_onex(HANDLE h, EAP_ATTRIBUTES *pEapAttrib)
{
	const char *api = "Dot11ExtStartOneX";
	struct ihv_api_targs ta = { 0 };
	struct ihv_onex_call c = { 0 };
	struct ihv_service *svc;
	const char *bad;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_POST, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	bad = ihv_onex_read_attrs(pEapAttrib, &c.attrs);
	if (bad) {
		ihv_api_bad_param(svc, api, h, bad);
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	ta.has_size = true;
	ta.size = c.attrs.n;
	c.svc = svc;
	c.svc_h = (uintptr_t)h;
	ret = ihv_api_run_on_loop(svc, ihv_onex_start_on_loop, &c);
out:
	ihv_api_trace_ex(svc, api, h, ret, NULL, &ta);
	return ret;
}

/* ---- ProcessSecurityPacket ------------------------------------------- */

static DWORD ihv_onex_packet_on_loop(void *arg)
{
	struct ihv_onex_call *c = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(c->svc, c->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	/* An extension passing ReceivePacket's buffer whole: the header's
	 * peer is the AP and its EtherType EAPOL. Said, not guessed. */
	if (c->len >= 8 && !memcmp(c->pdu, a->peer, SIM_ETH_ALEN) &&
	    c->pdu[6] == SIM_ETH_P_PAE >> 8 && c->pdu[7] == (SIM_ETH_P_PAE & 0xff)) {
		ihv_api_bad_param(c->svc, "Dot11ExtProcessSecurityPacket", (HANDLE)c->svc_h,
				  "with a DOT11_SECURITY_PACKET_HEADER: it takes the EAPOL "
				  "PDU (the header's Data), not the header");
		return ERROR_INVALID_PARAMETER;
	}
	/* OneX is the EAP side; the keys (EAPOL-Key) are the extension's. */
	if (c->pdu[1] != IHV_EAPOL_TYPE_EAP) {
		char why[160];

		snprintf(why, sizeof(why), "with an EAPOL frame of type %u (%s): 802.1X "
			 "takes EAP packets, the 4-way handshake is the extension's",
			 c->pdu[1], sim_eapol_describe(c->pdu, c->len));
		ihv_api_bad_param(c->svc, "Dot11ExtProcessSecurityPacket", (HANDLE)c->svc_h, why);
		return ERROR_INVALID_PARAMETER;
	}
	return ihv_svc_onex_packet(c->svc, a, c->pdu, c->len, &c->note);
}

DWORD WINAPI ihv_api_process_security_packet(HANDLE h, DWORD dwInPacketSize,
					     LPVOID pvInPacket)
{
	const char *api = "Dot11ExtProcessSecurityPacket";
	struct ihv_api_targs ta = { .has_size = true, .size = dwInPacketSize };
	struct ihv_onex_call c = { 0 };
	const uint8_t *pdu = pvInPacket;
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_POST, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if (!pdu || dwInPacketSize < IHV_EAPOL_HDR || dwInPacketSize > IHV_EAPOL_MAX) {
		ihv_api_bad_param(svc, api, h, "with no EAPOL PDU (NULL, shorter than "
				  "its 4-byte header, or longer than 65539 bytes)");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	ta.eapol = sim_eapol_describe(pdu, dwInPacketSize);
	c.svc = svc;
	c.svc_h = (uintptr_t)h;
	c.pdu = pdu;
	c.len = dwInPacketSize;
	ret = ihv_api_run_on_loop(svc, ihv_onex_packet_on_loop, &c);
out:
	ihv_api_trace_ex(svc, api, h, ret, c.note, &ta);
	return ret;
}

/* ---- StopOneX --------------------------------------------------------- */

static DWORD ihv_onex_stop_on_loop(void *arg)
{
	struct ihv_onex_call *c = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(c->svc, c->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	return ihv_svc_onex_stop(c->svc, a);
}

DWORD WINAPI ihv_api_stop_onex(HANDLE h)
{
	const char *api = "Dot11ExtStopOneX";
	struct ihv_onex_call c = { 0 };
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_POST, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	c.svc = svc;
	c.svc_h = (uintptr_t)h;
	ret = ihv_api_run_on_loop(svc, ihv_onex_stop_on_loop, &c);
out:
	ihv_api_trace(svc, api, h, ret, NULL);
	return ret;
}
