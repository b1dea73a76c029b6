/* SPDX-License-Identifier: MIT */
/*
 * run-eapol: the EAPOL-Key frames `ap-forge-eapol` makes the AP send.
 * Internal to the runner.
 */
#ifndef IHVHOST_RUN_EAPOL_H
#define IHVHOST_RUN_EAPOL_H

#include <stddef.h>
#include <stdint.h>

#include "scn.h"

/* Bytes of the forged message 3/4 (EAPOL header included). */
#define RUN_EAPOL_M3_LEN 155u

/*
 * Writes into @buf (RUN_EAPOL_M3_LEN bytes) an EAPOL PDU that looks like
 * message 3/4 of the 4-way handshake but can never be valid: its MIC,
 * nonce and key data are random (getrandom(2)), and its replay counter
 * is far ahead of any real one (SCN_FORGE_BAD_MIC: only the MIC check
 * can reject it) or 0 (SCN_FORGE_STALE_COUNTER: the replay check must).
 * 0, -EINVAL (@kind is SCN_FORGE_NONE), or -errno from getrandom.
 */
int run_eapol_forge_m3(enum scn_forge kind, uint8_t buf[RUN_EAPOL_M3_LEN]);

#endif
