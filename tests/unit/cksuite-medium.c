/* SPDX-License-Identifier: MIT */
/*
 * The wireless medium's pure parts (sim/medium-link.c: PRNG, loss draw,
 * ramp, value checks, frame reading) and the language's `link` action
 * (ihvhost/lang/scn-link.c: parse, checks, messages, timeline text).
 * The medium itself (its process and hwsim) runs live: scenarios/medium-*.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "medium.h"
#include "scn.h"
#include "scn-util.h"

#define HEAD "ap ap1 ssid=lab\nadapter sta1\n"

static const struct scn_link_args *link_of(const struct scn_script *s, size_t i)
{
	ck_assert_uint_gt(s->n_steps, i);
	ck_assert_str_eq(scn_step_name(&s->steps[i]), "link");
	return &s->steps[i].u.action.args.link;
}

static struct scn_script *parse_ok(const char *text)
{
	struct scn_script *s = NULL;
	char *msg = NULL;

	ck_assert_msg(scn_test_parse(text, &s, &msg) == 0, "parse failed: %s", msg);
	free(msg);
	return s;
}

START_TEST(test_link_parse)
{
	struct scn_script *s = parse_ok(HEAD
		"link ap1 sta1 signal=-70 loss=20% delay=5ms dir=down\n"
		"link ap1 sta1 signal=-50..-90 over=10s\n"
		"link ap1 sta1 loss=100%\n"
		"link ap1 sta1 loss=0% dir=up\n");
	const struct scn_link_args *k;

	k = link_of(s, 0);
	ck_assert(k->has_signal && k->has_loss && k->has_delay && !k->ramp);
	ck_assert_int_eq(k->signal_dbm, -70);
	ck_assert_int_eq(k->signal_to_dbm, -70);
	ck_assert_uint_eq(k->loss_pct, 20);
	ck_assert_uint_eq(k->delay_ms, 5);
	ck_assert_int_eq(k->dir, SCN_LINK_DOWN);
	ck_assert_uint_eq(s->steps[0].u.action.args.ap, 0);
	ck_assert_uint_eq(s->steps[0].u.action.args.adapter, 0);

	k = link_of(s, 1);
	ck_assert(k->has_signal && k->ramp && !k->has_loss && !k->has_delay);
	ck_assert_int_eq(k->signal_dbm, -50);
	ck_assert_int_eq(k->signal_to_dbm, -90);
	ck_assert_uint_eq(k->over_ms, 10000);
	ck_assert_int_eq(k->dir, SCN_LINK_BOTH);

	k = link_of(s, 2);
	ck_assert(!k->has_signal && k->has_loss);
	ck_assert_uint_eq(k->loss_pct, 100);

	k = link_of(s, 3);
	ck_assert(k->has_loss);
	ck_assert_uint_eq(k->loss_pct, 0);
	ck_assert_int_eq(k->dir, SCN_LINK_UP);
	scn_script_free(s);
}
END_TEST

START_TEST(test_link_errors)
{
	static const struct {
		const char *line;
		const char *msg;
	} cases[] = {
		{ "link ap1 sta1\n",
		  "t.scn:3:15: link: nothing to set (give signal=, loss= or delay=)\n" },
		{ "link sta1 ap1 loss=1%\n",
		  "t.scn:3:6: 'sta1' is an adapter, but link needs an ap here\n" },
		{ "link ap1 sta1 signal=-70dBm\n",
		  "t.scn:3:22: link: bad signal '-70dBm' (dBm, e.g. signal=-70, or a "
		  "ramp signal=-50..-90 over=10s)\n" },
		{ "link ap1 sta1 signal=-130\n",
		  "t.scn:3:22: link: signal '-130' out of range (-120..0 dBm)\n" },
		{ "link ap1 sta1 signal=10\n",
		  "t.scn:3:22: link: signal '10' out of range (-120..0 dBm)\n" },
		{ "link ap1 sta1 signal=-50..\n",
		  "t.scn:3:22: link: bad signal '-50..' (dBm, e.g. signal=-70, or a "
		  "ramp signal=-50..-90 over=10s)\n" },
		{ "link ap1 sta1 signal=-50..-90\n",
		  "t.scn:3:31: link: a signal ramp needs over=DURATION (e.g. "
		  "signal=-50..-90 over=10s)\n" },
		{ "link ap1 sta1 signal=-50 over=1s\n",
		  "t.scn:3:26: link: over= is the length of a signal ramp (write "
		  "signal=FROM..TO)\n" },
		{ "link ap1 sta1 signal=-50..-60 over=0s\n",
		  "t.scn:3:36: link: over= must be longer than 0\n" },
		{ "link ap1 sta1 loss=20\n",
		  "t.scn:3:20: link: bad loss '20' (a whole per cent 0..100, e.g. "
		  "loss=20%)\n" },
		{ "link ap1 sta1 loss=101%\n",
		  "t.scn:3:20: link: bad loss '101%' (a whole per cent 0..100, e.g. "
		  "loss=20%)\n" },
		{ "link ap1 sta1 loss=0x10%\n",
		  "t.scn:3:20: link: bad loss '0x10%' (a whole per cent 0..100, e.g. "
		  "loss=20%)\n" },
		{ "link ap1 sta1 delay=11s\n",
		  "t.scn:3:21: link: delay '11s' is longer than 10000 ms\n" },
		{ "link ap1 sta1 delay=5\n",
		  "t.scn:3:21: bad duration '5' (write e.g. 500ms, 2s, 1.5s)\n" },
		{ "link ap1 sta1 loss=1% dir=donw\n",
		  "t.scn:3:27: link: dir is both, down (AP to adapter) or up (adapter "
		  "to AP), not 'donw' (did you mean 'down'?)\n" },
		{ "link ap1 sta1 los=1%\n",
		  "t.scn:3:15: link: unknown option 'los' (did you mean 'loss'?)\n" },
		{ "link ap1 sta1 loss=1% loss=2%\n",
		  "t.scn:3:23: link: loss given twice\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scn_script *s = NULL;
		char text[256], *msg = NULL;

		snprintf(text, sizeof(text), HEAD "%s", cases[i].line);
		ck_assert_int_eq(scn_test_parse(text, &s, &msg), -EINVAL);
		ck_assert_ptr_null(s);
		ck_assert_str_eq(msg, cases[i].msg);
		free(msg);
	}
}
END_TEST

START_TEST(test_link_describe)
{
	struct scn_script *s = parse_ok(HEAD
		"link ap1 sta1 signal=-70 loss=20% delay=5ms dir=down\n"
		"link ap1 sta1 signal=-50..-90 over=10s\n"
		"link ap1 sta1 loss=100% dir=up\n");
	char buf[192];

	ck_assert_int_eq(scn_step_describe(s, &s->steps[0], buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "link ap1 sta1: signal -70 dBm, loss 20%, delay 5 ms "
			 "(down: ap to adapter)");
	ck_assert_int_eq(scn_step_describe(s, &s->steps[1], buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "link ap1 sta1: signal -50..-90 dBm over 10000 ms "
			 "(both ways)");
	ck_assert_int_eq(scn_step_describe(s, &s->steps[2], buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "link ap1 sta1: loss 100% (up: adapter to ap)");
	scn_script_free(s);
}
END_TEST

static const uint8_t A[6] = { 2, 0, 0, 0, 1, 0 }, B[6] = { 2, 0, 0, 0, 2, 0 };

/* The same seed and link give the same sequence; another link or seed
 * another one. */
START_TEST(test_prng_reproducible)
{
	uint64_t s1 = sim_medium_prng_seed(42, A, B), s2 = sim_medium_prng_seed(42, A, B);
	uint64_t s3 = sim_medium_prng_seed(42, B, A), s4 = sim_medium_prng_seed(43, A, B);
	int same34 = 0;

	ck_assert_uint_ne(s1, 0);
	for (int i = 0; i < 1000; i++) {
		uint64_t a = sim_medium_prng_next(&s1), b = sim_medium_prng_next(&s2);
		uint64_t c = sim_medium_prng_next(&s3), d = sim_medium_prng_next(&s4);

		ck_assert_uint_eq(a, b);
		same34 += a == c || a == d;
	}
	ck_assert_int_eq(same34, 0);
}
END_TEST

START_TEST(test_loss_draw)
{
	uint64_t st = sim_medium_prng_seed(7, A, B), before;
	unsigned int lost = 0;

	before = st;
	for (int i = 0; i < 100; i++)
		ck_assert(!sim_medium_draw_lost(&st, 0));
	for (int i = 0; i < 100; i++)
		ck_assert(sim_medium_draw_lost(&st, 100));
	/* neither moves the sequence */
	ck_assert_uint_eq(st, before);
	for (int i = 0; i < 20000; i++)
		lost += sim_medium_draw_lost(&st, 20);
	/* 20 % of 20000 = 4000; 5 sigma is about 283 */
	ck_assert_uint_ge(lost, 3700);
	ck_assert_uint_le(lost, 4300);
}
END_TEST

START_TEST(test_ramp_steps)
{
	struct sim_medium_link l = { .signal_dbm = -50, .signal_to_dbm = -90,
				     .ramp_ms = 10000 };
	struct sim_medium_link c = { .signal_dbm = -61 };

	ck_assert_int_eq(sim_medium_link_signal(&l, 0), -50);
	ck_assert_int_eq(sim_medium_link_signal(&l, 99), -50);      /* one step */
	ck_assert_int_eq(sim_medium_link_signal(&l, 100), -50);     /* -50.4 */
	ck_assert_int_eq(sim_medium_link_signal(&l, 5000), -70);
	ck_assert_int_eq(sim_medium_link_signal(&l, 5099), -70);
	ck_assert_int_eq(sim_medium_link_signal(&l, 9999), -89);
	ck_assert_int_eq(sim_medium_link_signal(&l, 10000), -90);
	ck_assert_int_eq(sim_medium_link_signal(&l, 1000000), -90);
	ck_assert_int_eq(sim_medium_link_signal(&c, 0), -61);
	ck_assert_int_eq(sim_medium_link_signal(&c, 123456), -61);
	/* upwards too */
	l = (struct sim_medium_link){ .signal_dbm = -90, .signal_to_dbm = -40,
				      .ramp_ms = 1000 };
	ck_assert_int_eq(sim_medium_link_signal(&l, 500), -65);
}
END_TEST

START_TEST(test_link_check)
{
	struct sim_medium_link l = { .signal_dbm = -70 };

	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_SIGNAL, &l), 0);
	l.signal_dbm = -121;
	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_SIGNAL, &l), -EINVAL);
	/* a field not set is not checked */
	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_LOSS, &l), 0);
	l = (struct sim_medium_link){ .signal_dbm = -50, .signal_to_dbm = 1,
				      .ramp_ms = 10 };
	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_SIGNAL, &l), -EINVAL);
	l = (struct sim_medium_link){ .loss_pct = 101 };
	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_LOSS, &l), -EINVAL);
	l = (struct sim_medium_link){ .delay_ms = SIM_MEDIUM_DELAY_MAX_MS + 1 };
	ck_assert_int_eq(sim_medium_link_check(SIM_MEDIUM_SET_DELAY, &l), -EINVAL);
	ck_assert_int_eq(sim_medium_link_check(1u << 7, &l), -EINVAL);
}
END_TEST

START_TEST(test_frame_and_addresses)
{
	uint8_t f[SIM_MEDIUM_FRAME_MAX + 1] = { 0x80, 0, 0, 0,
						0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t tx_info[8] = { 0, 3, 1, 2, (uint8_t)-1, 5, 0, 0 };
	uint8_t none[8] = { (uint8_t)-1, 0, 0, 0, 0, 0, 0, 0 };
	struct sim_medium_frame_info fi;
	uint8_t hw[6];

	ck_assert_int_eq(sim_medium_frame_parse(f, 24, &fi), 0);
	ck_assert(fi.group);
	ck_assert_ptr_eq(fi.addr1, f + 4);
	memcpy(f + 4, A, 6);
	ck_assert_int_eq(sim_medium_frame_parse(f, 24, &fi), 0);
	ck_assert(!fi.group);
	ck_assert_int_eq(sim_medium_frame_parse(f, 23, &fi), -EBADMSG);
	ck_assert_int_eq(sim_medium_frame_parse(f, sizeof(f), &fi), -EBADMSG);
	ck_assert_int_eq(sim_medium_frame_parse(NULL, 24, &fi), -EBADMSG);
	/* attempts stop at the first negative rate index */
	ck_assert_uint_eq(sim_medium_tx_attempts(tx_info), 5);
	ck_assert_uint_eq(sim_medium_tx_attempts(none), 1);
	/* hwsim's own address of a radio: the permanent one | 0x40 */
	sim_medium_hwaddr(A, hw);
	ck_assert_uint_eq(hw[0], 0x42);
	ck_assert_int_eq(memcmp(hw + 1, A + 1, 5), 0);
}
END_TEST

CK_SUITE(medium_suite)
static Suite *medium_suite(void)
{
	Suite *s = suite_create("medium");
	TCase *tc = tcase_create("link");
	TCase *pure = tcase_create("pure");

	tcase_add_test(tc, test_link_parse);
	tcase_add_test(tc, test_link_errors);
	tcase_add_test(tc, test_link_describe);
	tcase_add_test(pure, test_prng_reproducible);
	tcase_add_test(pure, test_loss_draw);
	tcase_add_test(pure, test_ramp_steps);
	tcase_add_test(pure, test_link_check);
	tcase_add_test(pure, test_frame_and_addresses);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, pure);
	return s;
}
