/* SPDX-License-Identifier: MIT */
/* cli-num: strict command-line numbers (see cli-num.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cli-num.h"

int cli_uint(const char *s, unsigned long long min, unsigned long long max,
	     unsigned long long *out)
{
	unsigned long long v;
	char *end;

	/* strtoull would take "-1" (as a huge value), " 7" and "+7" */
	if (!s || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int cli_decimal(const char *s, double min_exclusive, double max, double *out)
{
	double v;
	char *end;

	/* digits first: no "nan", "inf", "-0", " 1", "0x1p3" */
	if (!s || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	for (const char *c = s; *c; c++)
		if (!isdigit((unsigned char)*c) && *c != '.')
			return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || !isfinite(v) || v <= min_exclusive || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}
