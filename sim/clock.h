/* SPDX-License-Identifier: MIT */
/*
 * One clock for the monitor, the folder and the intent table:
 * CLOCK_MONOTONIC in nanoseconds. Monotonic because event timestamps are
 * compared with each other and with timer deadlines, never shown as dates;
 * a wall-clock step (NTP, the VM's 1 s RTC) must not reorder a burst.
 */
#ifndef SIM_CLOCK_H
#define SIM_CLOCK_H

#include <stdint.h>
#include <time.h>

#define SIM_NSEC_PER_SEC 1000000000ull
#define SIM_NSEC_PER_MSEC 1000000ull

static inline uint64_t sim_clock_now_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * SIM_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

#endif
