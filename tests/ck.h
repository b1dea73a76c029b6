/* SPDX-License-Identifier: MIT */
/*
 * The one Check runner's registration: every cksuite-<area>.c declares its
 * suite with CK_SUITE(fn) and the runner (ck-runner.c) runs whatever was
 * linked in, so adding a suite never edits a central list.
 */
#ifndef TESTS_CK_H
#define TESTS_CK_H

#include <check.h>
#include <errno.h>
#include <string.h>

typedef Suite *(*ck_suite_fn)(void);
void ck_register(ck_suite_fn fn);

#define CK_SUITE(fn)                                                   \
	static Suite *fn(void);                                        \
	__attribute__((constructor)) static void ck_register_##fn(void) \
	{                                                              \
		ck_register(fn);                                       \
	}

/* errno-aware assertion: prints strerror of a negative errno result. */
#define ck_assert_ok(expr)                                                  \
	do {                                                                \
		int ck_rc_ = (expr);                                        \
		ck_assert_msg(ck_rc_ == 0, "%s = %d (%s)", #expr, ck_rc_,   \
			      ck_rc_ < 0 ? strerror(-ck_rc_) : "positive"); \
	} while (0)

#define ck_assert_errno(expr, err)                                        \
	do {                                                              \
		int ck_rc_ = (expr);                                      \
		ck_assert_msg(ck_rc_ == -(err), "%s = %d (%s), want -%s", \
			      #expr, ck_rc_, strerror(ck_rc_ < 0 ? -ck_rc_ : 0), #err); \
	} while (0)

#endif
