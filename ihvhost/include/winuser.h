/*
 * winuser.h - ONLY the session-change record and event codes that
 * Dot11ExtIhvProcessSessionChange receives (the rest of the Windows header,
 * windows and messages, has no meaning for an extension).
 *
 * Part of the ihvhost IHV SDK (Windows names and values).
 */
#ifndef IHVSDK_WINUSER_H
#define IHVSDK_WINUSER_H

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tagWTSSESSION_NOTIFICATION {
	DWORD cbSize;
	DWORD dwSessionId;
} WTSSESSION_NOTIFICATION, *PWTSSESSION_NOTIFICATION;

/* uEventType values. */
#define WTS_CONSOLE_CONNECT        0x1
#define WTS_CONSOLE_DISCONNECT     0x2
#define WTS_REMOTE_CONNECT         0x3
#define WTS_REMOTE_DISCONNECT      0x4
#define WTS_SESSION_LOGON          0x5
#define WTS_SESSION_LOGOFF         0x6
#define WTS_SESSION_LOCK           0x7
#define WTS_SESSION_UNLOCK         0x8
#define WTS_SESSION_REMOTE_CONTROL 0x9
#define WTS_SESSION_CREATE         0xa
#define WTS_SESSION_TERMINATE      0xb

IHVSDK_STATIC_ASSERT(sizeof(WTSSESSION_NOTIFICATION) == 8, "WTSSESSION_NOTIFICATION is 8 bytes");

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WINUSER_H */
