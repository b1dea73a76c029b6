/* SPDX-License-Identifier: MIT */
/*
 * The one namer of EAPOL frames (contract in sim.h): the host names what
 * an extension sends and receives with it, the air capture what it hears,
 * so both lanes of one handshake read alike.
 */
#include <stddef.h>
#include <stdint.h>

#include "sim.h"

#define EAPOL_HDR 4           /* version, type, body length (BE16) */
#define EAPOL_TYPE_EAP 0
#define EAPOL_TYPE_START 1
#define EAPOL_TYPE_LOGOFF 2
#define EAPOL_TYPE_KEY 3
/* EAPOL-Key body: descriptor type (1), Key Information (BE16), ... */
#define KEY_DESC_RSN 2
#define KEY_DESC_WPA 254
#define KI_PAIRWISE  (1u << 3)
#define KI_INSTALL   (1u << 6)
#define KI_ACK       (1u << 7)
#define KI_MIC       (1u << 8)
#define KI_SECURE    (1u << 9)
#define KI_REQUEST   (1u << 11)

static const char *key_describe(unsigned int ki)
{
	unsigned int pairwise = ki & KI_PAIRWISE, ack = ki & KI_ACK;
	unsigned int mic = ki & KI_MIC;

	if (ki & KI_REQUEST)
		return "request";
	if (!pairwise)
		return ack ? "group-1/2" : "group-2/2";
	if (ack)
		return mic && (ki & KI_INSTALL) ? "3/4" : mic ? "key" : "1/4";
	if (!mic)
		return "key";
	/* 2/4 and 4/4 differ by Secure (set in 4/4 by an RSN supplicant). */
	return ki & KI_SECURE ? "4/4" : "2/4";
}

#define EAP_REQUEST  1
#define EAP_RESPONSE 2
#define EAP_SUCCESS  3
#define EAP_FAILURE  4

/* One EAP packet (RFC 3748): its code, and its type for a request or a
 * response. The EAP length must fit the EAPOL body. */
static const char *eap_describe(const uint8_t *eap, size_t body)
{
	static const struct {
		uint8_t type;
		const char *req, *resp;
	} types[] = {
		{ 1, "eap-request-identity", "eap-response-identity" },
		{ 2, "eap-request-notification", "eap-response-notification" },
		{ 3, "eap-request", "eap-response-nak" },
		{ 13, "eap-request-tls", "eap-response-tls" },
		{ 21, "eap-request-ttls", "eap-response-ttls" },
		{ 25, "eap-request-peap", "eap-response-peap" },
	};
	size_t eap_len;

	if (body < 4)
		return "eap";
	eap_len = (size_t)eap[2] << 8 | eap[3];
	if (eap_len < 4 || eap_len > body)
		return "malformed";
	switch (eap[0]) {
	case EAP_SUCCESS:
		return "eap-success";
	case EAP_FAILURE:
		return "eap-failure";
	case EAP_REQUEST:
	case EAP_RESPONSE:
		break;
	default:
		return "eap";
	}
	if (eap_len < 5)
		return "malformed";
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].type == eap[4])
			return eap[0] == EAP_REQUEST ? types[i].req : types[i].resp;
	return eap[0] == EAP_REQUEST ? "eap-request" : "eap-response";
}

const char *sim_eapol_describe(const uint8_t *pdu, size_t len)
{
	size_t body;

	if (!pdu || len < EAPOL_HDR)
		return "malformed";
	body = (size_t)pdu[2] << 8 | pdu[3];
	if (body > len - EAPOL_HDR)
		return "malformed";
	switch (pdu[1]) {
	case EAPOL_TYPE_EAP:
		return eap_describe(pdu + EAPOL_HDR, body);
	case EAPOL_TYPE_START:
		return "start";
	case EAPOL_TYPE_LOGOFF:
		return "logoff";
	case EAPOL_TYPE_KEY:
		if (body < 3)
			return "malformed";
		if (pdu[4] != KEY_DESC_RSN && pdu[4] != KEY_DESC_WPA)
			return "key";
		return key_describe((unsigned int)pdu[5] << 8 | pdu[6]);
	}
	return "eapol";
}
