/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the runner reading the host's trace back
 * (ihvhost/runner/run-trace.c): run_trace_poll's line splitting across
 * reads that end anywhere, then run_json_get on every record.
 *
 * Input: one control byte, then the trace bytes. The low three bits pick
 * how many bytes the "host" appends between two polls (1 byte to all of
 * it, around the runner's 16384-byte read; at least 1/64 of the input); bit 3 makes the runner forget
 * its window after every poll, as it does at each scenario action. The
 * bytes are appended to an anonymous memory file the runner reads as it
 * reads the trace file.
 *
 * Oracles besides the sanitizers (run.h's promises):
 *  - every complete line becomes one record, in order, equal to the line
 *    (up to a NUL: a record is a C string), whatever the read boundaries;
 *    the bytes after the last newline are kept as the partial line;
 *  - a record whose "kind" is "violation" is also kept in violations;
 *  - run_json_get's answer is a C string that fits @outlen, is the same
 *    for every @outlen that fits it, and fails when it does not fit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t fuzz_steps[8] = { 1, 7, 64, 1000, 16383, 16384, 16385, SIZE_MAX };

/* Keys the runner looks up, and some it never writes. */
static const char *const fuzz_keys[] = {
	"t_ns", "kind", "name", "rule", "adapter", "ifindex", "wiphy", "type", "", "x", NULL,
};

__attribute__((noreturn))
static void fuzz_fail(const char *what, const char *line)
{
	fprintf(stderr, "fuzz-trace: %s (line \"%.200s\")\n", what, line ? line : "");
	abort();
}

static void fuzz_json_get(const char *line)
{
	char big[8192], small[8];

	for (const char *const *k = fuzz_keys; *k; k++) {
		bool got = run_json_get(line, *k, big, sizeof(big));
		size_t n;

		if (run_json_get(line, *k, small, 0))
			fuzz_fail("an answer into 0 bytes", line);
		if (!got) {
			if (run_json_get(line, *k, small, sizeof(small)))
				fuzz_fail("found with a small buffer, not with a big one", line);
			continue;
		}
		n = strnlen(big, sizeof(big));
		if (n == sizeof(big))
			fuzz_fail("answer not NUL-terminated", line);
		if (run_json_get(line, *k, small, sizeof(small)) != (n < sizeof(small)))
			fuzz_fail("a small buffer's answer disagrees with the fit", line);
		if (n < sizeof(small) && strcmp(small, big) != 0)
			fuzz_fail("the answer depends on the buffer size", line);
	}
}

/* Checks the records of this poll against the input's lines. */
static void fuzz_check_recs(const struct run_trace *t, const char *text, size_t len,
			    size_t *line_start, size_t *n_lines, size_t *n_viol)
{
	for (size_t i = 0; i < t->n; i++) {
		const char *nl = memchr(text + *line_start, '\n', len - *line_start);
		const char *want = text + *line_start;
		size_t want_len;
		char kind[16];

		if (!nl)
			fuzz_fail("a record for an incomplete line", t->recs[i].line);
		want_len = strnlen(want, (size_t)(nl - want));
		if (strlen(t->recs[i].line) != want_len ||
		    memcmp(t->recs[i].line, want, want_len) != 0)
			fuzz_fail("record differs from its line", t->recs[i].line);
		*line_start = (size_t)(nl - text) + 1;
		(*n_lines)++;
		if (run_json_get(t->recs[i].line, "kind", kind, sizeof(kind)) &&
		    strcmp(kind, "violation") == 0)
			(*n_viol)++;
		fuzz_json_get(t->recs[i].line);
	}
}

static int fuzz_append(int fd, const char *p, size_t n, off_t at)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, at);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		at += w;
		n -= (size_t)w;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t step, len, off = 0, line_start = 0, n_lines = 0, n_viol = 0, newlines = 0;
	bool forget;
	struct run_trace t;
	const char *text;
	int fd, rc;

	if (size < 1)
		return 0;
	step = fuzz_steps[data[0] & 7];
	/* At most ~64 polls: a syscall pair per byte of a long input would
	 * slow the search without reaching new code. */
	if (step < (size - 1) / 64)
		step = (size - 1) / 64;
	forget = data[0] & 8;
	text = (const char *)data + 1;
	len = size - 1;
	fd = memfd_create("fuzz-trace", MFD_CLOEXEC);
	if (fd < 0) {
		perror("fuzz-trace: memfd_create");
		abort();
	}
	memset(&t, 0, sizeof(t));
	t.fd = fd;
	while (off < len || off == 0) {
		size_t n = len - off < step ? len - off : step;

		if (fuzz_append(fd, text + off, n, (off_t)off) < 0) {
			perror("fuzz-trace: pwrite");
			abort();
		}
		off += n;
		rc = run_trace_poll(&t);
		if (rc == -ENOMEM)
			goto close;
		if (rc != 0)
			fuzz_fail("run_trace_poll failed on a memory file", NULL);
		if (forget) {
			fuzz_check_recs(&t, text, len, &line_start, &n_lines, &n_viol);
			run_trace_forget(&t);
		}
		if (len == 0)
			break;
	}
	fuzz_check_recs(&t, text, len, &line_start, &n_lines, &n_viol);
	for (size_t i = 0; i < len; i++)
		newlines += text[i] == '\n';
	if (n_lines != newlines)
		fuzz_fail("a complete line has no record", NULL);
	if (t.part_len != len - line_start ||
	    (t.part_len && memcmp(t.part, text + line_start, t.part_len) != 0))
		fuzz_fail("the partial line is not the input's last bytes", NULL);
	if (t.n_violations != n_viol)
		fuzz_fail("violation records and \"violation\" kinds differ", NULL);
close:
	run_trace_close(&t);  /* closes fd */
	return 0;
}
