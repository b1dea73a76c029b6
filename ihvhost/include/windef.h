/*
 * windef.h - the window-system base names of Windows' windef.h that
 * extension sources meet (HWND, WPARAM/LPARAM/LRESULT, min/max in C).
 *
 * Part of the ihvhost IHV SDK. An extension has no window; these exist so
 * that shared vendor code compiles.
 */
#ifndef IHVSDK_WINDEF_H
#define IHVSDK_WINDEF_H

#include "minwindef.h"
#include "winnt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct HWND__ *HWND;
typedef struct HKEY__ *HKEY, **PHKEY;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef HANDLE   HLOCAL, HGLOBAL;

/*
 * min and max as Windows defines them, in C only: in C++ they would break
 * <algorithm> (std::min) included after <windows.h>, which Windows'
 * NOMINMAX exists for. NOMINMAX is honoured in C too.
 */
#if !defined(__cplusplus) && !defined(NOMINMAX)
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* IHVSDK_WINDEF_H */
