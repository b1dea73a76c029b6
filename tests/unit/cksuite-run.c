/* SPDX-License-Identifier: MIT */
/*
 * The scenario runner's own logic, without radios: reading trace records
 * back (run_json_get, run_trace_poll across partial writes) and matching
 * records against parsed expectations (run_rec_matches).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck.h"
#include "run-expect.h"
#include "run.h"
#include "scn.h"

static const char run_rec_stop[] =
	"{\"t_ns\":17394019960,\"kind\":\"handler\",\"name\":\"Dot11ExtIhvStopPostAssociate\","
	"\"wiphy\":1,\"ifindex\":4,\"handle\":\"0x30000027e\",\"peer\":\"02:00:00:00:00:00\","
	"\"status\":\"PEER_DEAUTHENTICATED|3\",\"ret\":\"ERROR_SUCCESS\",\"dur_ns\":1975120}";

START_TEST(test_json_get_every_member)
{
	char v[64];

	ck_assert(run_json_get(run_rec_stop, "t_ns", v, sizeof(v)));
	ck_assert_str_eq(v, "17394019960");
	ck_assert(run_json_get(run_rec_stop, "kind", v, sizeof(v)));
	ck_assert_str_eq(v, "handler");
	ck_assert(run_json_get(run_rec_stop, "ifindex", v, sizeof(v)));
	ck_assert_str_eq(v, "4");
	ck_assert(run_json_get(run_rec_stop, "status", v, sizeof(v)));
	ck_assert_str_eq(v, "PEER_DEAUTHENTICATED|3");
	ck_assert(run_json_get(run_rec_stop, "dur_ns", v, sizeof(v)));
	ck_assert_str_eq(v, "1975120");
	ck_assert(!run_json_get(run_rec_stop, "name\"", v, sizeof(v)));
	ck_assert(!run_json_get(run_rec_stop, "absent", v, sizeof(v)));
	/* Too small a buffer is a miss, never a cut value. */
	ck_assert(!run_json_get(run_rec_stop, "name", v, 8));
}
END_TEST

START_TEST(test_json_get_skips_nested_and_escaped)
{
	const char *line = "{\"a\":{\"x\":\"},\\\"\"},\"b\":[1,{\"c\":2}],\"key\":\"v\\\"q\"}";
	char v[32];

	ck_assert(run_json_get(line, "key", v, sizeof(v)));
	ck_assert_str_eq(v, "v\"q");
	ck_assert(!run_json_get(line, "x", v, sizeof(v))); /* not top level */
	ck_assert(!run_json_get(line, "c", v, sizeof(v)));
}
END_TEST

START_TEST(test_trace_poll_joins_partial_lines)
{
	char path[] = "/tmp/ck-run-trace.XXXXXX";
	struct run_trace t;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_ok(run_trace_open(&t, path));
	const char *part1 = "{\"t_ns\":5,\"kind\":\"a\"}\n{\"t_ns\":7,";
	const char *part2 = "\"kind\":\"b\"}\n";

	ck_assert_int_eq(write(fd, part1, strlen(part1)), (ssize_t)strlen(part1));
	ck_assert_ok(run_trace_poll(&t));
	ck_assert_uint_eq(t.n, 1);
	ck_assert_uint_eq(t.recs[0].t_ns, 5);
	ck_assert_int_eq(write(fd, part2, strlen(part2)), (ssize_t)strlen(part2));
	ck_assert_ok(run_trace_poll(&t));
	ck_assert_uint_eq(t.n, 2);
	ck_assert_uint_eq(t.recs[1].t_ns, 7);
	ck_assert_str_eq(t.recs[1].line, "{\"t_ns\":7,\"kind\":\"b\"}");
	run_trace_close(&t);
	close(fd);
	unlink(path);
}
END_TEST

/* Memory stays flat over long scenarios: each action forgets the window's
 * records, but violations stay for the final verdict. */
START_TEST(test_trace_forget_keeps_violations)
{
	char path[] = "/tmp/ck-run-forget.XXXXXX";
	const char *lines =
		"{\"t_ns\":1,\"kind\":\"handler\",\"name\":\"A\"}\n"
		"{\"t_ns\":2,\"kind\":\"violation\",\"rule\":\"late-completion\"}\n"
		"{\"t_ns\":3,\"kind\":\"api\",\"name\":\"B\"}\n";
	struct run_trace t;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_ok(run_trace_open(&t, path));
	ck_assert_int_eq(write(fd, lines, strlen(lines)), (ssize_t)strlen(lines));
	ck_assert_ok(run_trace_poll(&t));
	ck_assert_uint_eq(t.n, 3);
	ck_assert_uint_eq(t.n_violations, 1);
	run_trace_forget(&t);
	ck_assert_uint_eq(t.n, 0);
	ck_assert_uint_eq(t.n_violations, 1);
	ck_assert_uint_eq(t.violations[0].t_ns, 2);
	ck_assert_int_eq(write(fd, lines, 40), 40); /* first line again */
	ck_assert_ok(run_trace_poll(&t));
	ck_assert_uint_eq(t.n, 1);
	ck_assert_str_eq(t.recs[0].line, "{\"t_ns\":1,\"kind\":\"handler\",\"name\":\"A\"}");
	run_trace_close(&t);
	close(fd);
	unlink(path);
}
END_TEST

/* Parses a one-adapter, one-AP script whose last step is @expect. */
static struct scn_script *run_parse(const char *expect)
{
	char text[512];
	struct scn_script *s = NULL;

	snprintf(text, sizeof(text),
		 "ap ap1 ssid=lab channel=1\nadapter sta1\nadapter sta2\nconnect sta1 ap1\n%s\n",
		 expect);
	ck_assert_ok(scn_parse_string("t.scn", text, &s, stderr));
	return s;
}

static bool run_match_last(const char *expect, const char *line)
{
	static const uint8_t mac_sta[2][6] = { { 2, 0, 0, 0, 1, 0 }, { 2, 0, 0, 0, 2, 0 } };
	static const uint8_t bssid[1][6] = { { 2, 0, 0, 0, 0, 0 } };
	static const char *const names[] = { "sta1", "sta2" };
	static const uint32_t ifindex[] = { 4, 5 }, wiphy[] = { 1, 2 };
	struct run_binding b = {
		.adapter_names = names, .adapter_ifindex = ifindex,
		.adapter_wiphy = wiphy, .adapter_mac = mac_sta,
		.ap_bssid = bssid, .n_adapters = 2, .n_aps = 1,
	};
	struct scn_script *s = run_parse(expect);
	const struct scn_expect *e = &s->steps[s->n_steps - 1].u.expect;
	bool m = run_rec_matches(line, e->targets[0], e->matchers, e->n_matchers, &b);

	scn_script_free(s);
	return m;
}

START_TEST(test_match_by_meaning)
{
	/* Exact status, status range, adapter by ifindex, @ap MAC. */
	ck_assert(run_match_last("expect StopPostAssociate adapter=sta1 peer=@ap1 status=PEER_DEAUTHENTICATED|3",
				 run_rec_stop));
	ck_assert(run_match_last("expect Dot11ExtIhvStopPostAssociate status=PEER_DEAUTHENTICATED",
				 run_rec_stop));
	ck_assert(run_match_last("expect StopPostAssociate status=0x10003", run_rec_stop));
	ck_assert(run_match_last("expect StopPostAssociate ret=0", run_rec_stop));
}
END_TEST

START_TEST(test_match_rejects_what_differs)
{
	ck_assert(!run_match_last("expect StopPostAssociate status=PEER_DEAUTHENTICATED|4", run_rec_stop));
	ck_assert(!run_match_last("expect StopPostAssociate status=PEER_DISASSOCIATED", run_rec_stop));
	ck_assert(!run_match_last("expect StopPostAssociate adapter=sta2", run_rec_stop));
	ck_assert(!run_match_last("expect StopPostAssociate peer=@sta1", run_rec_stop));
	ck_assert(!run_match_last("expect PerformPostAssociate", run_rec_stop));
	/* An API of the same short name family is not a handler. */
	ck_assert(!run_match_last("expect PostAssociateCompletion", run_rec_stop));
	/* A key the record lacks never matches. */
	ck_assert(!run_match_last("expect StopPostAssociate status=UNREACHABLE",
				  "{\"kind\":\"handler\",\"name\":\"Dot11ExtIhvStopPostAssociate\"}"));
}
END_TEST

CK_SUITE(run_suite)
static Suite *run_suite(void)
{
	Suite *s = suite_create("run");
	TCase *tc = tcase_create("trace");

	tcase_add_test(tc, test_json_get_every_member);
	tcase_add_test(tc, test_json_get_skips_nested_and_escaped);
	tcase_add_test(tc, test_trace_poll_joins_partial_lines);
	tcase_add_test(tc, test_trace_forget_keeps_violations);
	suite_add_tcase(s, tc);
	tc = tcase_create("match");
	tcase_add_test(tc, test_match_by_meaning);
	tcase_add_test(tc, test_match_rejects_what_differs);
	suite_add_tcase(s, tc);
	return s;
}
