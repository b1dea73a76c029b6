/* SPDX-License-Identifier: MIT */
/*
 * cli-num: the numbers of the command line (`ihvhost`, `ihvhost run`),
 * parsed strictly: the whole word, digits only (no sign, no spaces, no
 * trailing text), within the stated range, without silent wrap-around
 * (4294967297 is not 1) and, for decimals, finite (no nan, no inf).
 * 0 or -EINVAL / -ERANGE; *out untouched on failure.
 */
#ifndef IHVHOST_CLI_NUM_H
#define IHVHOST_CLI_NUM_H

int cli_uint(const char *s, unsigned long long min, unsigned long long max,
	     unsigned long long *out);
int cli_decimal(const char *s, double min_exclusive, double max, double *out);

#endif
