/* SPDX-License-Identifier: MIT */
/*
 * Replays of the live recordings in tests/recordings/ (regenerate with
 * tools/record-causes): hermetic, no VM. Each must give the single
 * DISCONNECTED the live run saw; the same recordings with the intents
 * filtered out check the folder's own inference on real bursts; broken
 * files are refused with -EBADMSG naming the file and the packet.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ck.h"
#include "parse.h"
#include "pcap.h"
#include "sim.h"

#define REC_DIR IHV_SRC_DIR "/tests/recordings"
#define MAX_EVENTS 32

struct recorded_cause {
	const char *file;
	enum sim_disc_cause cause;
	uint16_t reason;
	bool by_ap;
	/* what the folder infers when nobody noted an intent */
	enum sim_disc_cause inferred;
	int iface_removed, radio_removed;
};

static const struct recorded_cause causes[] = {
	{ "peer-deauth", SIM_CAUSE_PEER_DEAUTH, 6, true,
	  SIM_CAUSE_PEER_DEAUTH, 0, 0 },
	{ "peer-disassoc", SIM_CAUSE_PEER_DISASSOC, 8, true,
	  SIM_CAUSE_PEER_DISASSOC, 0, 0 },
	{ "local-request", SIM_CAUSE_LOCAL_REQUEST, 3, false,
	  SIM_CAUSE_LOCAL_REQUEST, 0, 0 },
	/* the same burst as a disconnect request: only the intent tells */
	{ "iface-down", SIM_CAUSE_IFACE_DOWN, 3, false,
	  SIM_CAUSE_LOCAL_REQUEST, 0, 0 },
	{ "link-loss", SIM_CAUSE_LINK_LOSS, 4, false,
	  SIM_CAUSE_LINK_LOSS, 0, 0 },
	{ "iface-removed", SIM_CAUSE_IFACE_REMOVED, 3, false,
	  SIM_CAUSE_IFACE_REMOVED, 1, 0 },
	{ "radio-removed", SIM_CAUSE_RADIO_REMOVED, 3, false,
	  SIM_CAUSE_RADIO_REMOVED, 1, 1 },
	{ "radio-off", SIM_CAUSE_RADIO_OFF, 3, false,
	  SIM_CAUSE_RADIO_OFF, 0, 0 },
	/* reassociation: our own deauthentication (reason 1), no DISCONNECT */
	{ "roam", SIM_CAUSE_ROAM, 1, false, SIM_CAUSE_ROAM, 0, 0 },
};
#define NCAUSES ((int)(sizeof(causes) / sizeof(causes[0])))

struct recorder {
	struct sim_event ev[MAX_EVENTS];
	int n;
};

static void on_event(const struct sim_event *ev, void *user_data)
{
	struct recorder *r = user_data;

	ck_assert_int_lt(r->n, MAX_EVENTS);
	r->ev[r->n] = *ev;
	if (ev->type == SIM_EV_CONNECTED || ev->type == SIM_EV_CONNECT_FAILED) {
		/* borrowed: check they were readable, then forget them */
		if (ev->u.connect.resp_ies_len)
			ck_assert_ptr_nonnull(ev->u.connect.resp_ies);
		r->ev[r->n].u.connect.req_ies = NULL;
		r->ev[r->n].u.connect.resp_ies = NULL;
	}
	r->n++;
}

static int count(const struct recorder *r, enum sim_event_type type)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->ev[i].type == type;
	return n;
}

static int index_of(const struct recorder *r, enum sim_event_type type)
{
	for (int i = 0; i < r->n; i++)
		if (r->ev[i].type == type)
			return i;
	return -1;
}

static char tmpdir[64];

static void tmp_setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ck-replay-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void tmp_teardown(void)
{
	char cmd[128];

	/* only files this suite made, in its own mkdtemp directory */
	snprintf(cmd, sizeof(cmd), "rm -rf -- '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static void rec_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s.pcap", REC_DIR, name);
}

/* Replays @path to its end; returns the last dispatch result. */
static int replay(const char *path, struct recorder *r, const char *record_to)
{
	struct sim_monitor *mon;
	int rc;

	memset(r, 0, sizeof(*r));
	ck_assert_ok(sim_monitor_new_replay(path, on_event, r, &mon));
	ck_assert_int_ge(sim_monitor_fd(mon), 0);
	if (record_to)
		ck_assert_ok(sim_monitor_record(mon, record_to));
	while ((rc = sim_monitor_dispatch(mon)) == 0)
		;
	/* the end stays the end */
	ck_assert_errno(sim_monitor_dispatch(mon), ENODATA);
	sim_monitor_free(mon);
	return rc;
}

static void check_one(const struct recorder *r, const struct recorded_cause *c,
		      enum sim_disc_cause cause)
{
	const struct sim_event *conn, *disc;
	int ic = index_of(r, SIM_EV_CONNECTED);
	int id = index_of(r, SIM_EV_DISCONNECTED);

	ck_assert_msg(count(r, SIM_EV_DISCONNECTED) == 1, "%s: %d DISCONNECTED",
		      c->file, count(r, SIM_EV_DISCONNECTED));
	ck_assert_int_ge(ic, 0);
	ck_assert_int_gt(id, ic);
	conn = &r->ev[ic];
	disc = &r->ev[id];
	ck_assert_msg(disc->u.disconnect.cause == cause, "%s: cause %s, want %s",
		      c->file, sim_cause_name(disc->u.disconnect.cause),
		      sim_cause_name(cause));
	ck_assert_uint_eq(disc->u.disconnect.reason, c->reason);
	ck_assert_int_eq(disc->u.disconnect.by_ap, c->by_ap);
	/* the association that ended is the one that was made */
	ck_assert_mem_eq(disc->peer, conn->peer, SIM_ETH_ALEN);
	ck_assert_uint_eq(disc->ifindex, conn->ifindex);
	ck_assert_uint_eq(disc->wiphy, conn->wiphy);
	ck_assert_uint_gt(disc->t_first_ns, conn->t_last_ns);
	ck_assert_uint_le(disc->t_first_ns, disc->t_last_ns);
	ck_assert_int_eq(count(r, SIM_EV_IFACE_REMOVED), c->iface_removed);
	ck_assert_int_eq(count(r, SIM_EV_RADIO_REMOVED), c->radio_removed);
	if (c->cause == SIM_CAUSE_ROAM) {
		ck_assert_int_eq(count(r, SIM_EV_CONNECTED), 2);
		ck_assert_mem_ne(r->ev[r->n - 1].peer, conn->peer, SIM_ETH_ALEN);
	}
}

START_TEST(test_replay_cause)
{
	const struct recorded_cause *c = &causes[_i];
	struct recorder r, again;
	char path[512];

	rec_path(path, sizeof(path), c->file);
	ck_assert_errno(replay(path, &r, NULL), ENODATA);
	check_one(&r, c, c->cause);
	/* deterministic: the same file, the same events, to the nanosecond */
	ck_assert_errno(replay(path, &again, NULL), ENODATA);
	ck_assert_int_eq(again.n, r.n);
	ck_assert_mem_eq(again.ev, r.ev, (size_t)r.n * sizeof(r.ev[0]));
}
END_TEST

/* Copies @in to @out without the sim_rec INTENT packets; how many. */
static int strip_intents(const char *in, const char *out)
{
	struct sim_parse_families fam = { .rec = SIM_REC_FAMILY_ID };
	struct sim_pcap_reader *rd;
	struct sim_pcap_writer *w;
	struct sim_parse_error err;
	const uint8_t *data;
	struct sim_msg m;
	uint64_t t;
	size_t len;
	int rc, dropped = 0;

	ck_assert_ok(sim_pcap_open(in, &rd));
	ck_assert_ok(sim_pcap_create(out, &w));
	while ((rc = sim_pcap_next(rd, &t, &data, &len)) == 0) {
		const struct nlmsghdr *nlh = (const void *)data;

		if (sim_parse_msg(&fam, nlh, &m, &err) == 0 &&
		    m.kind == SIM_MSG_INTENT) {
			dropped++;
			continue;
		}
		ck_assert_ok(sim_pcap_write(w, t, data, len));
	}
	ck_assert_errno(rc, ENODATA);
	ck_assert_ok(sim_pcap_close(w));
	sim_pcap_free_reader(rd);
	return dropped;
}

START_TEST(test_replay_inferred_without_intents)
{
	const struct recorded_cause *c = &causes[_i];
	char in[512], out[512];
	struct recorder r;

	rec_path(in, sizeof(in), c->file);
	snprintf(out, sizeof(out), "%s/%s-no-intent.pcap", tmpdir, c->file);
	/* the station control notes an intent for what it does itself;
	 * the AP's actions and a vanished AP come with none */
	ck_assert_int_eq(strip_intents(in, out),
			 c->cause == SIM_CAUSE_PEER_DEAUTH ||
			 c->cause == SIM_CAUSE_PEER_DISASSOC ||
			 c->cause == SIM_CAUSE_LINK_LOSS ? 0 : 1);
	ck_assert_errno(replay(out, &r, NULL), ENODATA);
	check_one(&r, c, c->inferred);
}
END_TEST

/* A replay recorded again replays to the same events. */
START_TEST(test_rerecord_roundtrip)
{
	struct recorder r1, r2;
	char in[512], out[512];

	rec_path(in, sizeof(in), "radio-removed");
	snprintf(out, sizeof(out), "%s/again.pcap", tmpdir);
	ck_assert_errno(replay(in, &r1, out), ENODATA);
	ck_assert_errno(replay(out, &r2, NULL), ENODATA);
	ck_assert_int_eq(r1.n, r2.n);
	ck_assert_mem_eq(r1.ev, r2.ev, (size_t)r1.n * sizeof(r1.ev[0]));
}
END_TEST

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, cap, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_lt(n, cap);
	return n;
}

START_TEST(test_truncated_file)
{
	static uint8_t buf[1 << 16];
	struct sim_pcap_reader *rd;
	struct sim_monitor *mon;
	struct recorder r = { 0 };
	const uint8_t *data;
	char in[512], out[512], want[600];
	unsigned packets = 0;
	uint64_t t;
	size_t n, len;
	int rc;

	rec_path(in, sizeof(in), "peer-deauth");
	n = read_file(in, buf, sizeof(buf));
	snprintf(out, sizeof(out), "%s/cut.pcap", tmpdir);
	write_file(out, buf, n - 10);   /* the last packet loses 10 bytes */

	ck_assert_ok(sim_monitor_new_replay(out, on_event, &r, &mon));
	while ((rc = sim_monitor_dispatch(mon)) == 0)
		;
	ck_assert_errno(rc, EBADMSG);
	sim_monitor_free(mon);

	/* the message names the file and the packet */
	ck_assert_ok(sim_pcap_open(out, &rd));
	while ((rc = sim_pcap_next(rd, &t, &data, &len)) == 0)
		packets++;
	ck_assert_errno(rc, EBADMSG);
	snprintf(want, sizeof(want), "%s: packet %u: truncated", out,
		 packets + 1);
	ck_assert_msg(strncmp(sim_pcap_error(rd), want, strlen(want)) == 0,
		      "error \"%s\", want \"%s...\"", sim_pcap_error(rd), want);
	sim_pcap_free_reader(rd);
}
END_TEST

START_TEST(test_bad_headers)
{
	static uint8_t buf[1 << 16];
	struct sim_monitor *mon = NULL;
	struct recorder r = { 0 };
	char in[512], out[512];
	uint32_t linktype = 1;  /* Ethernet */
	size_t n;

	snprintf(out, sizeof(out), "%s/none.pcap", tmpdir);
	ck_assert_errno(sim_monitor_new_replay(out, on_event, &r, &mon), ENOENT);

	write_file(out, "", 0);
	ck_assert_errno(sim_monitor_new_replay(out, on_event, &r, &mon), EBADMSG);

	write_file(out, "definitely not a capture file", 29);
	ck_assert_errno(sim_monitor_new_replay(out, on_event, &r, &mon), EBADMSG);

	rec_path(in, sizeof(in), "peer-deauth");
	n = read_file(in, buf, sizeof(buf));
	memcpy(buf + 20, &linktype, sizeof(linktype));
	write_file(out, buf, n);
	ck_assert_errno(sim_monitor_new_replay(out, on_event, &r, &mon), EBADMSG);
	ck_assert_ptr_null(mon);
	ck_assert_int_eq(r.n, 0);
}
END_TEST

/* A packet whose netlink length runs past the packet is file damage. */
START_TEST(test_broken_netlink_framing)
{
	static uint8_t buf[1 << 16];
	struct sim_monitor *mon;
	struct recorder r = { 0 };
	char in[512], out[512];
	struct nlmsghdr *nlh;
	size_t n;
	int rc;

	rec_path(in, sizeof(in), "peer-deauth");
	n = read_file(in, buf, sizeof(buf));
	/* first packet: 24 file + 16 record + 16 cooked header bytes */
	nlh = (struct nlmsghdr *)(buf + 24 + 16 + 16);
	nlh->nlmsg_len += 64;
	snprintf(out, sizeof(out), "%s/framing.pcap", tmpdir);
	write_file(out, buf, n);
	ck_assert_ok(sim_monitor_new_replay(out, on_event, &r, &mon));
	rc = sim_monitor_dispatch(mon);
	ck_assert_errno(rc, EBADMSG);
	ck_assert_errno(sim_monitor_dispatch(mon), ENODATA);
	sim_monitor_free(mon);
}
END_TEST

CK_SUITE(replay_suite)
static Suite *replay_suite(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("recordings");
	TCase *bad = tcase_create("broken-files");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_loop_test(tc, test_replay_cause, 0, NCAUSES);
	tcase_add_loop_test(tc, test_replay_inferred_without_intents, 0, NCAUSES);
	tcase_add_test(tc, test_rerecord_roundtrip);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bad, tmp_setup, tmp_teardown);
	tcase_add_test(bad, test_truncated_file);
	tcase_add_test(bad, test_bad_headers);
	tcase_add_test(bad, test_broken_netlink_framing);
	suite_add_tcase(s, bad);
	return s;
}
