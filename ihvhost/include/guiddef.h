/*
 * guiddef.h - GUID, its reference types, DEFINE_GUID and GUID comparison
 * (IsEqualGUID, InlineIsEqualGUID, and in C++ operator== / operator!=), as
 * in Windows' guiddef.h: in C the comparisons take pointers (REFGUID is
 * `const GUID *`), in C++ references (REFGUID is `const GUID &`).
 *
 * Part of the ihvhost IHV SDK. Needs nothing but <stdint.h> and <string.h>,
 * so every other header can include it first.
 */
#ifndef IHVSDK_GUIDDEF_H
#define IHVSDK_GUIDDEF_H

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef GUID_DEFINED
#define GUID_DEFINED
/* 16 bytes, 4-byte aligned. */
typedef struct _GUID {
	uint32_t Data1;
	uint16_t Data2;
	uint16_t Data3;
	uint8_t  Data4[8];
} GUID;
#endif
typedef GUID  *LPGUID, *PGUID;
typedef const GUID *LPCGUID;
typedef GUID   CLSID, *LPCLSID;
typedef GUID   IID, *LPIID;

#ifdef __cplusplus
#define REFGUID  const GUID &
#define REFIID   const IID &
#define REFCLSID const IID &
#else
#define REFGUID  const GUID *
#define REFIID   const IID *
#define REFCLSID const IID *
#endif

#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif
#endif

/*
 * DEFINE_GUID declares the GUID; in the one translation unit that defines
 * INITGUID before including this header, it also defines it. The object
 * is hidden: it never leaves the extension's .so (which exports only the
 * Dot11ExtIhv* entry points).
 */
#undef DEFINE_GUID
#if defined(__GNUC__)
#define IHVSDK_GUID_HIDDEN __attribute__((visibility("hidden")))
#else
#define IHVSDK_GUID_HIDDEN
#endif
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	EXTERN_C IHVSDK_GUID_HIDDEN const GUID name; \
	EXTERN_C IHVSDK_GUID_HIDDEN const GUID name = \
		{ l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	EXTERN_C IHVSDK_GUID_HIDDEN const GUID name
#endif

#ifndef __cplusplus
/* Field by field, as Windows' InlineIsEqualGUID: no padding is compared. */
static inline int InlineIsEqualGUID(REFGUID a, REFGUID b)
{
	return a->Data1 == b->Data1 && a->Data2 == b->Data2 &&
	       a->Data3 == b->Data3 && memcmp(a->Data4, b->Data4, 8) == 0;
}

static inline int IsEqualGUID(REFGUID a, REFGUID b)
{
	return memcmp(a, b, sizeof(GUID)) == 0;
}
#endif

#ifdef __cplusplus
}

inline int InlineIsEqualGUID(REFGUID a, REFGUID b)
{
	return a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 &&
	       memcmp(a.Data4, b.Data4, 8) == 0;
}

inline int IsEqualGUID(REFGUID a, REFGUID b)
{
	return memcmp(&a, &b, sizeof(GUID)) == 0;
}

inline bool operator==(REFGUID a, REFGUID b) { return IsEqualGUID(a, b) != 0; }
inline bool operator!=(REFGUID a, REFGUID b) { return !(a == b); }
#endif

#define IsEqualIID(a, b)   IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)

#endif /* IHVSDK_GUIDDEF_H */
