/* SPDX-License-Identifier: MIT */
/* Test helper shared by the scenario-language suites (scn-util.c). */
#ifndef TESTS_SCN_UTIL_H
#define TESTS_SCN_UTIL_H

#include "scn.h"

/* Parses @text as "t.scn"; returns rc, *msg = what went to the error
 * stream (caller frees), *out = the script or NULL. */
int scn_test_parse(const char *text, struct scn_script **out, char **msg);

#endif
