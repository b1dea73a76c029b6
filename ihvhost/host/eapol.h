/* SPDX-License-Identifier: MIT */
/*
 * eapol: names an EAPOL PDU for the trace ("1/4", "group-1/2",
 * "eap-request-identity", "eap-response-tls", "eap-success", ...).
 * Descriptive only: the host runs no handshake, checks no MIC and
 * authenticates nothing (the extension owns security); it reads the
 * EAPOL header, the EAPOL-Key Key Information bits (IEEE 802.11-2020
 * 12.7.2) and an EAP packet's code and type (RFC 3748 4, 5) so a trace
 * and a scenario can say which message went where.
 *
 * EAP packets: "eap-success", "eap-failure", "eap-request-T" and
 * "eap-response-T" with T identity, notification, nak (responses),
 * tls (type 13), peap (25), ttls (21), or "eap-request"/"eap-response"
 * for another type; "eap" for an EAP packet too short for its code or
 * with an unknown code.
 */
#ifndef IHVHOST_EAPOL_H
#define IHVHOST_EAPOL_H

#include <stddef.h>
#include <stdint.h>

/* A static string; never NULL. "malformed" for a PDU too short for what
 * its header announces. */
const char *ihv_eapol_describe(const uint8_t *pdu, size_t len);

#endif /* IHVHOST_EAPOL_H */
