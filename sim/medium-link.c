/* SPDX-License-Identifier: MIT */
/*
 * medium-link: the pure parts of the medium (contract in medium.h), so
 * the unit tests can pin them down without a kernel: the per-link PRNG
 * and loss draw, the ramp's steps, the value checks, and what the medium
 * reads of a frame.
 */
#include <errno.h>
#include <string.h>

#include "medium.h"

void sim_medium_hwaddr(const uint8_t perm[SIM_ETH_ALEN], uint8_t out[SIM_ETH_ALEN])
{
	memcpy(out, perm, SIM_ETH_ALEN);
	out[0] |= 0x40;
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t sim_medium_prng_seed(uint64_t seed, const uint8_t tx[SIM_ETH_ALEN],
			      const uint8_t rx[SIM_ETH_ALEN])
{
	uint64_t x = seed, a = 0, v;

	/* The link's identity enters the state, so each direction of each
	 * pair has its own sequence. */
	for (int i = 0; i < SIM_ETH_ALEN; i++)
		a = a << 8 | tx[i];
	for (int i = 0; i < SIM_ETH_ALEN; i++)
		a = (a << 8 | rx[i]) ^ (a >> 56);
	x ^= a;
	v = splitmix64(&x);
	return v ? v : 0x2545f4914f6cdd1dull;
}

uint64_t sim_medium_prng_next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

bool sim_medium_draw_lost(uint64_t *state, uint32_t loss_pct)
{
	if (loss_pct == 0)
		return false;
	if (loss_pct >= 100)
		return true;
	/* The top bits are xorshift64*'s best; 10^4 buckets make a per cent
	 * exact to 0.01 %. */
	return (sim_medium_prng_next(state) >> 32) % 10000u < loss_pct * 100u;
}

int32_t sim_medium_link_signal(const struct sim_medium_link *l,
			       uint64_t elapsed_ms)
{
	uint64_t steps, done;
	int64_t span;

	if (!l->ramp_ms || elapsed_ms >= l->ramp_ms)
		return l->ramp_ms ? l->signal_to_dbm : l->signal_dbm;
	/* Stepped, not continuous: a step every SIM_MEDIUM_RAMP_STEP_MS, as
	 * a scenario's author reads it ("-50..-90 over 10s" is -0.4 dB per
	 * 100 ms), and the same value for every frame of one step. */
	steps = elapsed_ms / SIM_MEDIUM_RAMP_STEP_MS;
	done = steps * SIM_MEDIUM_RAMP_STEP_MS;
	span = (int64_t)l->signal_to_dbm - l->signal_dbm;
	return (int32_t)(l->signal_dbm + span * (int64_t)done / (int64_t)l->ramp_ms);
}

static bool signal_ok(int32_t dbm)
{
	return dbm >= SIM_MEDIUM_SIGNAL_MIN && dbm <= SIM_MEDIUM_SIGNAL_MAX;
}

int sim_medium_link_check(unsigned int set, const struct sim_medium_link *l)
{
	if (set & ~(unsigned int)(SIM_MEDIUM_SET_SIGNAL | SIM_MEDIUM_SET_LOSS |
				  SIM_MEDIUM_SET_DELAY))
		return -EINVAL;
	if ((set & SIM_MEDIUM_SET_SIGNAL) &&
	    (!signal_ok(l->signal_dbm) || l->ramp_ms > SIM_MEDIUM_RAMP_MAX_MS ||
	     (l->ramp_ms && !signal_ok(l->signal_to_dbm))))
		return -EINVAL;
	if ((set & SIM_MEDIUM_SET_LOSS) && l->loss_pct > 100)
		return -EINVAL;
	if ((set & SIM_MEDIUM_SET_DELAY) && l->delay_ms > SIM_MEDIUM_DELAY_MAX_MS)
		return -EINVAL;
	return 0;
}

int sim_medium_frame_parse(const uint8_t *frame, size_t len,
			   struct sim_medium_frame_info *out)
{
	/* Every frame hwsim can deliver has a 3-address header: frame
	 * control, duration, then addr1 at offset 4. */
	if (!frame || len < SIM_MEDIUM_FRAME_MIN || len > SIM_MEDIUM_FRAME_MAX)
		return -EBADMSG;
	out->addr1 = frame + 4;
	out->group = frame[4] & 0x01;
	return 0;
}

unsigned int sim_medium_tx_attempts(const uint8_t tx_info[SIM_HWSIM_TX_INFO_LEN])
{
	unsigned int n = 0;

	for (int i = 0; i < SIM_HWSIM_TX_MAX_RATES; i++) {
		if ((int8_t)tx_info[2 * i] < 0)
			break;
		n += tx_info[2 * i + 1];
	}
	if (n < 1)
		n = 1;
	return n > 32 ? 32 : n;
}
