/*
 * dot1x.h - ONLY the two 802.1X types DOT11_MSONEX_RESULT_PARAMS needs.
 * Defined minimally: the status enumeration is complete, the reason-code
 * enumeration carries only its success value and the start of its range
 * (the individual 802.1X failure reasons are not part of the IHV contract).
 *
 * Part of the ihvhost IHV SDK (Windows names and values).
 */
#ifndef IHVSDK_DOT1X_H
#define IHVSDK_DOT1X_H

#include "minwindef.h"
#include "l2cmn.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ONEX_AUTH_STATUS {
	OneXAuthNotStarted           = 0,
	OneXAuthInProgress           = 1,
	OneXAuthNoAuthenticatorFound = 2,
	OneXAuthSuccess              = 3,
	OneXAuthFailure              = 4,
	OneXAuthInvalid              = 5
} ONEX_AUTH_STATUS, *PONEX_AUTH_STATUS;

/* Minimal: failures are ONEX_REASON_START + n, in the L2 802.1X group. */
typedef enum _ONEX_REASON_CODE {
	ONEX_REASON_CODE_SUCCESS = 0,
	ONEX_REASON_START        = L2_REASON_CODE_ONEX_BASE
} ONEX_REASON_CODE, *PONEX_REASON_CODE;

IHVSDK_STATIC_ASSERT(sizeof(ONEX_AUTH_STATUS) == 4, "enums are 32-bit as on Windows");
IHVSDK_STATIC_ASSERT(sizeof(ONEX_REASON_CODE) == 4, "enums are 32-bit as on Windows");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_DOT1X_H */
