/* SPDX-License-Identifier: MIT */
/* Sanity of the test harness itself: the errno asserts report what they
 * compare, so a broken helper cannot make every other suite pass. */
#include "ck.h"

START_TEST(test_assert_ok_accepts_zero)
{
	ck_assert_ok(0);
	ck_assert_errno(-ENOENT, ENOENT);
}
END_TEST

CK_SUITE(runner_suite)
static Suite *runner_suite(void)
{
	Suite *s = suite_create("runner");
	TCase *tc = tcase_create("asserts");

	tcase_add_test(tc, test_assert_ok_accepts_zero);
	suite_add_tcase(s, tc);
	return s;
}
