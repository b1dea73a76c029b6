/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the nl80211 event path of the monitor -- the
 * policy-validating parser (sim/parse.h) and the burst folder
 * (sim/fold.h) -- fed raw generic netlink bytes through
 * sim_monitor_input, the one entry point both the live and the replay
 * sources use.
 *
 * Input: a sequence of chunks, each
 *     u16 delta_ms (little-endian)  time since the previous chunk
 *     u16 len      (little-endian)  length of what follows
 *     len bytes                     what one recv() returned: zero or
 *                                   more netlink messages, possibly damaged
 * so the fuzzer controls timing (settle windows, burst gaps, link-loss
 * windows) as well as content. A short trailing chunk is passed as is.
 * Each chunk is copied into a heap block of exactly its size so ASan sees
 * any read past what "the kernel" sent.
 *
 * The nl80211 family id is preset to the one in tests/recordings (the
 * kernel allocated it) so messages parse without the CTRL_CMD_NEWFAMILY
 * announcement; an announcement in the input still re-maps it.
 *
 * Oracle besides the sanitizers: every delivered event's borrowed IE
 * buffers are read in full (a dangling borrow is an ASan report) and no
 * event ends before it starts (t_first_ns <= t_last_ns). Events of
 * different interfaces may legitimately be delivered out of time order (a
 * settle deadline fires after another interface's CONNECTED), so that is
 * not checked.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* nl80211's id when tests/recordings were made (CTRL_CMD_NEWFAMILY). */
#define FUZZ_NL80211_ID 0x20

static int fuzz_get_fd(struct sim_monitor *mon)
{
	return -1;
}

static int fuzz_dispatch(struct sim_monitor *mon)
{
	return -ENODATA;
}

static void fuzz_destroy(struct sim_monitor *mon)
{
}

static const struct sim_monitor_ops fuzz_ops = {
	.name = "fuzz",
	.get_fd = fuzz_get_fd,
	.dispatch = fuzz_dispatch,
	.destroy = fuzz_destroy,
};

struct fuzz_state {
	volatile uint8_t sink;
};

static void fuzz_event(const struct sim_event *ev, void *user_data)
{
	struct fuzz_state *st = user_data;
	uint8_t x = 0;

	if (ev->type == SIM_EV_CONNECTED || ev->type == SIM_EV_CONNECT_FAILED) {
		for (size_t i = 0; i < ev->u.connect.req_ies_len; i++)
			x ^= ev->u.connect.req_ies[i];
		for (size_t i = 0; i < ev->u.connect.resp_ies_len; i++)
			x ^= ev->u.connect.resp_ies[i];
	}
	st->sink = x;
	if (ev->t_first_ns > ev->t_last_ns) {
		fprintf(stderr, "fuzz-nl80211: event %d ends before it starts: "
			"%llu > %llu\n", (int)ev->type,
			(unsigned long long)ev->t_first_ns,
			(unsigned long long)ev->t_last_ns);
		abort();
	}
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_state st = { 0 };
	struct sim_monitor mon;
	uint64_t t_ns = SIM_NSEC_PER_SEC;

	memset(&mon, 0, sizeof(mon));
	if (sim_monitor_init(&mon, &fuzz_ops, "fuzz", fuzz_event, &st) < 0)
		return 0;
	mon.fam.nl80211 = FUZZ_NL80211_ID;
	while (size >= 4) {
		size_t len = rd16(data + 2);
		uint8_t *chunk;

		t_ns += (uint64_t)rd16(data) * SIM_NSEC_PER_MSEC;
		data += 4;
		size -= 4;
		if (len > size)
			len = size;
		chunk = malloc(len ? len : 1);
		if (!chunk)
			break;
		memcpy(chunk, data, len);
		/* What the live source does on every wake-up: expire the
		 * deadlines that passed, then input what was received. */
		sim_fold_advance(mon.fold, t_ns);
		(void)sim_monitor_input(&mon, t_ns, chunk, len);
		free(chunk);
		data += len;
		size -= len;
	}
	sim_fold_flush(mon.fold);
	sim_monitor_fini(&mon);
	return 0;
}
