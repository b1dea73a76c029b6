/* SPDX-License-Identifier: MIT */
/*
 * wstr: the UTF-8 <-> UTF-16 conversions the service needs to hand a
 * scenario's text (profiles' XML fragments) to an extension the way
 * Windows does (LPWSTR: NUL-terminated UTF-16 code units).
 */
#ifndef IHVHOST_WSTR_H
#define IHVHOST_WSTR_H

#include <stddef.h>

#include <minwindef.h>

/* A heap copy of @s (NULL: "") in UTF-16, NUL-terminated. -EILSEQ: @s is
 * not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF
 * included); -ENOMEM. */
int ihv_wstr_from_utf8(const char *s, WCHAR **out);
/* A heap copy of a NUL-terminated UTF-16 string (at most @max units
 * before the NUL: -E2BIG beyond). */
int ihv_wstr_dup(const WCHAR *w, size_t max, WCHAR **out);
/* Number of code units before the NUL. */
size_t ihv_wstr_len(const WCHAR *w);

#endif /* IHVHOST_WSTR_H */
