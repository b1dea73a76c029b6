/* SPDX-License-Identifier: MIT */
/* Test helper shared by the scenario-language suites. */
#define _GNU_SOURCE
#include <stdio.h>

#include "ck.h"
#include "scn-util.h"

int scn_test_parse(const char *text, struct scn_script **out, char **msg)
{
	size_t len = 0;
	FILE *err = open_memstream(msg, &len);
	int rc;

	ck_assert_ptr_nonnull(err);
	rc = scn_parse_string("t.scn", text, out, err);
	fclose(err);
	return rc;
}
