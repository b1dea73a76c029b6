/*
 * ext-nic.h - the reference extension's Control commands and its
 * NIC-specific notifications (ext-nic.c). Declarations only; hidden like
 * everything of ext-core.h.
 *
 * Control's in buffer: a u32 command (host byte order), then its
 * argument. The out buffer and *pdwBytesReturned are the command's answer.
 *   EXT_CONTROL_ECHO (1)        out = the argument (ERROR_MORE_DATA,
 *                               nothing returned, when it does not fit);
 *   EXT_CONTROL_NIC (2)         the argument goes to the NIC with
 *                               Dot11ExtNicSpecificExtension (the host's
 *                               format: u32 OUI word, u32 subcommand,
 *                               vendor data); out = the NIC's reply, and
 *                               Control returns what that call returned;
 *   EXT_CONTROL_LAST_NOTIFICATION (3)  out = the buffer of the adapter's
 *                               last ReceiveIndication(
 *                               NicSpecificNotification), ERROR_NOT_FOUND
 *                               before the first;
 *   EXT_CONTROL_VS_REQUEST (4)  Dot11ExtRequestVirtualStation for this
 *                               adapter (its primary); Control returns
 *                               what that returned (the new adapter's
 *                               InitAdapter follows);
 *   EXT_CONTROL_VS_RELEASE (5)  Dot11ExtReleaseVirtualStation, likewise.
 * Anything else: ERROR_INVALID_PARAMETER (shorter than 4 bytes) or
 * ERROR_NOT_SUPPORTED (an unknown command), with one log line.
 */
#ifndef EXT_NIC_H
#define EXT_NIC_H

#include <wlanihv.h>

#pragma GCC visibility push(hidden)

#define EXT_CONTROL_ECHO 1u
#define EXT_CONTROL_NIC 2u
#define EXT_CONTROL_LAST_NOTIFICATION 3u
#define EXT_CONTROL_VS_REQUEST 4u
#define EXT_CONTROL_VS_RELEASE 5u

/* The longest notification kept for EXT_CONTROL_LAST_NOTIFICATION. */
#define EXT_NIC_NOTIFY_MAX 4104u

DWORD ext_nic_control(HANDLE hIhvExtAdapter, DWORD in_size, const BYTE *in,
		      DWORD out_size, BYTE *out, PDWORD returned);
/* ReceiveIndication(NicSpecificNotification): keeps the buffer. */
void ext_nic_notification(HANDLE hIhvExtAdapter, ULONG len, const void *buf);

#pragma GCC visibility pop

#endif
