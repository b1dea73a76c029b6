/*
 * ext-reference: the reference IHV extension. A real extension written only
 * against the Windows names of <wlanihv.h> (plus POSIX), built as
 * libihv-reference.so. Every handler call is logged to stderr as one line
 * prefixed "ext-reference:".
 *
 * Configuration (environment, read by Dot11ExtIhvInitService; a bad value
 * prints one line naming the variable and fails InitService with
 * ERROR_INVALID_PARAMETER):
 *   IHV_EXT_DELAY_MS=N           completion delay, 0..600000 ms (default 20)
 *   IHV_EXT_POST_DELAY_MS=N      post-association's own delay (default: the
 *                                above), to keep one pending cheaply
 *   IHV_EXT_PREASSOC=accept      complete pre-association with success
 *                   =refuse      ... with reason L2_REASON_CODE_IHV_BASE+1
 *                                and ERROR_ACCESS_DENIED
 *   IHV_EXT_POSTASSOC=authorize  complete post-association with success
 *                    =fail       ... with reason
 *                                L2_REASON_CODE_DOT11_SECURITY_BASE+1 and
 *                                ERROR_ACCESS_DENIED (port stays closed)
 * AdapterReset completes what is pending with reason
 * L2_REASON_CODE_IHV_BASE+2 and ERROR_CANCELLED.
 *
 * The behaviour is the core this extension shares with ext-misbehave:
 * declared in ext-core.h, implemented by ext-core.c, ext-handlers.c and
 * ext-service.c, which are built with this file, every .c of this folder,
 * into one extension (README.md). This file only names the extension and
 * adds no faults.
 */
#define _POSIX_C_SOURCE 200809L

#include "ext-core.h"

static DWORD ref_init(const struct ext_fault_ops **faults)
{
	*faults = NULL;
	return ERROR_SUCCESS;
}

/* What the core asks of each extension built on it (ext-core.h). */
const struct ext_variant ext_variant = { "ext-reference", ref_init };
