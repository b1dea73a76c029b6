/*
 * winerror.h - the Win32 error codes the IHV contract uses (a subset of the
 * Windows header, same names and values). The handlers and the Dot11Ext
 * APIs return these as DWORD; ERROR_SUCCESS is the only success.
 *
 * Part of the ihvhost IHV SDK. Plain int constants, as the LP64 mingw-w64
 * header spells them, so they compare cleanly against a DWORD.
 */
#ifndef IHVSDK_WINERROR_H
#define IHVSDK_WINERROR_H

#define ERROR_SUCCESS              0
#define NO_ERROR                   0
#define ERROR_INVALID_FUNCTION     1
#define ERROR_FILE_NOT_FOUND       2
#define ERROR_ACCESS_DENIED        5
#define ERROR_INVALID_HANDLE       6
#define ERROR_NOT_ENOUGH_MEMORY    8
#define ERROR_INVALID_DATA         13
#define ERROR_OUTOFMEMORY          14
#define ERROR_NOT_READY            21
#define ERROR_GEN_FAILURE          31
#define ERROR_NOT_SUPPORTED        50
#define ERROR_INVALID_PARAMETER    87
#define ERROR_INSUFFICIENT_BUFFER  122
#define ERROR_BUSY                 170
#define ERROR_ALREADY_EXISTS       183
#define ERROR_MORE_DATA            234
#define ERROR_NO_MORE_ITEMS        259
#define ERROR_IO_PENDING           997
#define ERROR_SHUTDOWN_IN_PROGRESS 1115
#define ERROR_DEVICE_NOT_CONNECTED 1167
#define ERROR_NOT_FOUND            1168
#define ERROR_NO_MATCH             1169
#define ERROR_BAD_PROFILE          1206
#define ERROR_CANCELLED            1223
#define ERROR_TIMEOUT              1460
#define ERROR_INVALID_STATE        5023

#endif /* IHVSDK_WINERROR_H */
