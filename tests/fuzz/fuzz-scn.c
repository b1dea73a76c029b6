/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the scenario parser (ihvhost/lang/scn.h) on arbitrary bytes.
 *
 * Besides memory errors and UB (ASan/UBSan), it checks the parser's
 * contract as an oracle, because a parser that "does not crash" can still
 * break its promises to the executor:
 *  - 0 comes with a script, any error with *out == NULL;
 *  - -EINVAL writes exactly ONE line "<file>:<line>:<col>: <message>\n";
 *  - a script that parsed is freed without error (ASan sees the rest).
 * A violation aborts, so libFuzzer keeps the input as a crash.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz.scn"

static void check_error_line(const char *msg, size_t len)
{
	const char *nl = memchr(msg, '\n', len);

	/* One line: a newline, and it is the last byte. */
	if (!nl || (size_t)(nl - msg) != len - 1) {
		fprintf(stderr, "fuzz-scn: -EINVAL without exactly one line: "
			"\"%.*s\"\n", (int)len, msg);
		abort();
	}
	if (strncmp(msg, FUZZ_NAME ":", strlen(FUZZ_NAME ":")) != 0) {
		fprintf(stderr, "fuzz-scn: error line does not name the file: "
			"\"%.*s\"\n", (int)len, msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scn_script *script = (struct scn_script *)1;
	char *text, *msg = NULL;
	size_t msg_len = 0;
	FILE *err;
	int rc;

	/* scn_parse_string takes a C string: the input up to its first NUL. */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	err = open_memstream(&msg, &msg_len);
	if (!err)
		goto free_text;
	rc = scn_parse_string(FUZZ_NAME, text, &script, err);
	fclose(err);
	if (rc == 0 && !script) {
		fprintf(stderr, "fuzz-scn: 0 without a script\n");
		abort();
	}
	if (rc < 0 && script) {
		fprintf(stderr, "fuzz-scn: %d with a script left in *out\n", rc);
		abort();
	}
	if (rc == -EINVAL)
		check_error_line(msg, msg_len);
	if (rc == 0)
		scn_script_free(script);
	free(msg);
free_text:
	free(text);
	return 0;
}
