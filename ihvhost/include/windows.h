/*
 * windows.h - what `#include <windows.h>` gives an IHV extension: the base
 * types (minwindef.h, basetsd.h, winnt.h, windef.h), GUIDs (guiddef.h),
 * SAL annotations (sal.h), error codes and HRESULTs (winerror.h), the
 * Win32 runtime (winbase.h: DllMain, threads, events, waits, critical
 * sections, heap, time, Interlocked*), the session-change codes
 * (winuser.h), and the C runtime's wide-string functions for WCHAR data
 * (ihvcrt.h).
 *
 * Part of the ihvhost IHV SDK. Build an extension with
 *   c++ -shared -fPIC $(pkg-config --cflags --libs ihvsdk) ext.cpp -o libext.so
 * (the Cflags add -fshort-wchar, so L"..." is UTF-16 as on Windows; the
 * Libs link libihvwin32.a into the extension: see winbase.h and README).
 */
#ifndef IHVSDK_WINDOWS_H
#define IHVSDK_WINDOWS_H

#include "sal.h"
#include "guiddef.h"
#include "basetsd.h"
#include "minwindef.h"
#include "winnt.h"
#include "windef.h"
#include "winerror.h"
#include "winbase.h"
#include "winuser.h"
#include "ihvcrt.h"

#endif /* IHVSDK_WINDOWS_H */
