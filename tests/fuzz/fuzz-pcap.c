/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the recording reader, end to end. The input is written
 * to an anonymous memory file and replayed with sim_monitor_new_replay
 * (sim/pcap.c's reader, then the parser and folder) exactly as
 * `ihvhost replay FILE` and the replay unit tests do, dispatching until
 * the source ends or refuses the file.
 *
 * Oracle besides the sanitizers: the replay must end (a bounded number of
 * dispatches: a packet takes at least a 16-byte record header, so there
 * are fewer packets than input bytes / 16, plus the end), and a refusal
 * must be one of the documented codes (sim.h: -ENODATA at the end,
 * -EBADMSG for a damaged file, -ENOMEM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_event(const struct sim_event *ev, void *user_data)
{
	volatile uint8_t *sink = user_data;
	uint8_t x = 0;

	if (ev->type == SIM_EV_CONNECTED || ev->type == SIM_EV_CONNECT_FAILED) {
		for (size_t i = 0; i < ev->u.connect.req_ies_len; i++)
			x ^= ev->u.connect.req_ies[i];
		for (size_t i = 0; i < ev->u.connect.resp_ies_len; i++)
			x ^= ev->u.connect.resp_ies[i];
	}
	*sink = x;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile uint8_t sink = 0;
	struct sim_monitor *mon;
	size_t max_steps = size / 16 + 2;
	char path[64];
	int fd, rc;

	fd = memfd_create("fuzz-pcap", MFD_CLOEXEC);
	if (fd < 0) {
		perror("fuzz-pcap: memfd_create");
		abort();
	}
	if (write_all(fd, data, size) < 0) {
		perror("fuzz-pcap: write");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rc = sim_monitor_new_replay(path, fuzz_event, (void *)&sink, &mon);
	if (rc < 0)
		goto close_fd;
	for (size_t step = 0;; step++) {
		if (step > max_steps) {
			fprintf(stderr, "fuzz-pcap: replay of %zu bytes did not "
				"end after %zu dispatches\n", size, step);
			abort();
		}
		rc = sim_monitor_dispatch(mon);
		if (rc == 0)
			continue;
		if (rc != -ENODATA && rc != -EBADMSG && rc != -ENOMEM) {
			fprintf(stderr, "fuzz-pcap: undocumented dispatch "
				"error %d\n", rc);
			abort();
		}
		break;
	}
	sim_monitor_free(mon);
close_fd:
	close(fd);
	return 0;
}
