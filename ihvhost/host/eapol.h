/* SPDX-License-Identifier: MIT */
/*
 * eapol: names an EAPOL PDU for the trace ("1/4", "group-1/2", "eap",
 * ...). Descriptive only: the host runs no handshake and checks no MIC
 * (the extension owns security); it reads the EAPOL header and the
 * EAPOL-Key Key Information bits (IEEE 802.11-2020 12.7.2) so a trace
 * and a scenario can say which message went where.
 */
#ifndef IHVHOST_EAPOL_H
#define IHVHOST_EAPOL_H

#include <stddef.h>
#include <stdint.h>

/* A static string; never NULL. "malformed" for a PDU too short for what
 * its header announces. */
const char *ihv_eapol_describe(const uint8_t *pdu, size_t len);

#endif /* IHVHOST_EAPOL_H */
