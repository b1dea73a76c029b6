/* SPDX-License-Identifier: MIT */
/*
 * The one Check runner. Linked with a set of cksuite-*.c files it runs
 * every suite they registered. CK_RUN_SUITE / CK_RUN_CASE (Check's own
 * variables) narrow the run; CK_FORK=no helps under gdb.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ck.h"

#define CK_MAX_SUITES 64

static ck_suite_fn ck_suites[CK_MAX_SUITES];
static int ck_nsuites;

void ck_register(ck_suite_fn fn)
{
	if (ck_nsuites == CK_MAX_SUITES) {
		fprintf(stderr, "ck-runner: more than %d suites\n", CK_MAX_SUITES);
		abort();
	}
	ck_suites[ck_nsuites++] = fn;
}

int main(void)
{
	SRunner *sr;
	int failed;

	if (ck_nsuites == 0) {
		fprintf(stderr, "ck-runner: no suite linked in\n");
		return EXIT_FAILURE;
	}
	sr = srunner_create(ck_suites[0]());
	for (int i = 1; i < ck_nsuites; i++)
		srunner_add_suite(sr, ck_suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	if (srunner_ntests_run(sr) == 0) {
		fprintf(stderr, "ck-runner: no test ran\n");
		failed = 1;
	}
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
