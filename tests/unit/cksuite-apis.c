/* SPDX-License-Identifier: MIT */
/*
 * The Dot11Ext API table: completeness, buffer tracking, 802.11-backed
 * APIs reaching the wlan ops (and ERROR_NOT_SUPPORTED when the op says
 * -EOPNOTSUPP, recorded in the trace), calls from extension threads.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "loop.h"
#include "service.h"
#include "verifier.h"
#include "wlan-double.h"

static struct wlan_double wd;
static struct ihv_host *host;
static struct ihv_service *svc;
static const struct ihv_wlan_adapter AD = { .wiphy = 1, .ifindex = 10 };
static char trace_path[64];
/* The trace is read through this fd; its name is unlinked at once, so a
 * failing test (Check skips teardown then) leaves no file behind. */
static int trace_fd = -1;

static void setup(void)
{
	struct ihv_host_options o = { 0 };
	char err[256];
	int fd;

	snprintf(trace_path, sizeof(trace_path), "/tmp/ihv-apis-XXXXXX");
	fd = mkstemp(trace_path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ext_double_init();
	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	o.trace_path = trace_path;
	if (ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host, err,
			       sizeof(err)) < 0) {
		unlink(trace_path);
		ck_abort_msg("%s", err);
	}
	trace_fd = open(trace_path, O_RDONLY | O_CLOEXEC);
	unlink(trace_path);
	ck_assert_int_ge(trace_fd, 0);
	svc = ihv_host_service(host);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

static void teardown(void)
{
	ihv_host_free(host);
	host = NULL;
	close(trace_fd);
	trace_fd = -1;
}

static void run(void)
{
	while (ihv_loop_run_once(ihv_host_loop(host), 0) > 0)
		;
}

/* Whether the trace has a line containing both @a and @b. */
static bool trace_has(const char *a, const char *b)
{
	char line[4096];
	bool found = false;
	int fd = dup(trace_fd);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	f = fdopen(fd, "r");
	ck_assert_ptr_nonnull(f);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, a) && (!b || strstr(line, b));
	fclose(f);
	return found;
}

START_TEST(test_tables_complete)
{
	void *const *p = (void *const *)ihv_apis_table();
	void *const *v = (void *const *)ihv_apis_vs_table();

	ck_assert_uint_eq(sizeof(DOT11EXT_APIS) / sizeof(void *), 22);
	for (size_t i = 0; i < 22; i++)
		ck_assert_msg(p[i] != NULL, "DOT11EXT_APIS member %zu is NULL", i);
	ck_assert_uint_eq(sizeof(DOT11EXT_VIRTUAL_STATION_APIS) / sizeof(void *), 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_msg(v[i] != NULL, "virtual-station member %zu is NULL", i);
}
END_TEST

START_TEST(test_buffers_tracked)
{
	struct ihv_buffer_stats st;
	LPVOID a = NULL, b = NULL;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer(100, &a), ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtAllocateBuffer(28, &b), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_ne(a, b);
	memset(a, 0xAA, 100); /* usable */
	ihv_apis_buffer_stats(&st);
	ck_assert_uint_eq(st.live, 2);
	ck_assert_uint_eq(st.live_bytes, 128);
	ext_double.apis.Dot11ExtFreeBuffer(a);
	ext_double.apis.Dot11ExtFreeBuffer(NULL); /* documented no-op */
	ihv_apis_buffer_stats(&st);
	ck_assert_uint_eq(st.live, 1);
	ck_assert_uint_eq(st.live_bytes, 28);
	ck_assert_uint_eq(st.allocs, 2);
	ext_double.apis.Dot11ExtFreeBuffer(a); /* double free: reported, not done */
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host), IHV_RULE_BAD_PARAMETER), 1);
	ext_double.apis.Dot11ExtFreeBuffer(b);
	ck_assert_uint_eq(ihv_host_unload(host), 0);
}
END_TEST

START_TEST(test_unsupported_apis_say_so)
{
	HANDLE h = ext_double.svc_handle;
	DWORD out = 16;

	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetAuthAlgorithm(h, 7), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetUnicastCipherAlgorithm(h, 4), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetMulticastCipherAlgorithm(h, 4), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetDefaultKeyId(h, 1), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetExcludeUnencrypted(h, TRUE), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtNicSpecificExtension(h, 0, NULL, &out, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(out, 0);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendUIRequest(h, NULL), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetProfileCustomUserData(h, NULL, 0, 0, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ihv_apis_vs_table()->Dot11ExtRequestVirtualStation(h, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	ck_assert(trace_has("\"name\":\"Dot11ExtSetAuthAlgorithm\"", "not supported"));
	ck_assert(trace_has("\"name\":\"Dot11ExtNicSpecificExtension\"", "ERROR_NOT_SUPPORTED"));
}
END_TEST

static void make_eapol(uint8_t *pkt, size_t len)
{
	memset(pkt, 0, len);
	memcpy(pkt, WLAN_DOUBLE_BSSID, 6);
	pkt[6] = 0x88; /* big-endian EtherType 0x888E */
	pkt[7] = 0x8E;
	pkt[8] = 2;    /* 802.1X version */
}

START_TEST(test_send_packet_reaches_wlan)
{
	uint8_t pkt[8 + 20];
	HANDLE completion = (HANDLE)(uintptr_t)0x5E17D;

	make_eapol(pkt, sizeof(pkt));
	/* today's live side: no control-port TX */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		sizeof(pkt), pkt, completion), ERROR_NOT_SUPPORTED);
	ck_assert(trace_has("\"name\":\"Dot11ExtSendPacket\"", "not supported"));
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:SendPacketCompletion"), 0);
	/* once the op works: exact frame, then SendPacketCompletion */
	wd.send_rc = 0;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		sizeof(pkt), pkt, completion), ERROR_SUCCESS);
	ck_assert_uint_eq(wd.sends, 2);
	ck_assert_mem_eq(wd.last_dst, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(wd.last_ethertype, 0x888E);
	ck_assert_uint_eq(wd.last_payload_len, 20);
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:SendPacketCompletion"), 1);
	/* too short for the header: refused, op not called */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		4, pkt, completion), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(wd.sends, 2);
}
END_TEST

START_TEST(test_key_mapping_key_reaches_wlan)
{
	union {
		DOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;
		uint8_t raw[sizeof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE) + 16];
	} u;

	memset(&u, 0, sizeof(u));
	memcpy(u.k.PeerMacAddr, WLAN_DOUBLE_BSSID, 6);
	u.k.AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	u.k.Direction = DOT11_DIR_BOTH;
	u.k.usKeyLength = 16;
	/* Recognisable key bytes: the trace must show neither them nor their hex. */
	memcpy(u.raw + offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey), "KEY!KEY!KEY!KEY!", 16);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(wd.keys, 1);
	ck_assert_uint_eq(wd.last_key.cipher_suite, 0x000FAC04);
	ck_assert(wd.last_key.pairwise);
	ck_assert_uint_eq(wd.last_key.key_len, 16);
	wd.key_rc = 0;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_SUCCESS);
	ck_assert(trace_has("\"name\":\"Dot11ExtSetKeyMappingKey\"", "ERROR_SUCCESS"));
	ck_assert(!trace_has("KEY!", NULL));
	ck_assert(!trace_has("4b455921", NULL) && !trace_has("4B455921", NULL));
}
END_TEST

struct sender {
	uint8_t pkt[8 + 4];
	DWORD ret;
	volatile int done;
};

static void *send_thread(void *arg)
{
	struct sender *s = arg;

	s->ret = ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle, sizeof(s->pkt),
						    s->pkt, NULL);
	__atomic_store_n(&s->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* An 802.11-backed API from an extension thread runs on the loop: it
 * blocks until the loop thread (this test) dispatches it. */
START_TEST(test_api_from_thread_runs_on_loop)
{
	struct sender s = { .ret = 0xFFFF };
	pthread_t t;
	int spins = 0;

	wd.send_rc = 0;
	make_eapol(s.pkt, sizeof(s.pkt));
	ck_assert_int_eq(pthread_create(&t, NULL, send_thread, &s), 0);
	usleep(50000);
	ck_assert_int_eq(__atomic_load_n(&s.done, __ATOMIC_SEQ_CST), 0);
	ck_assert_uint_eq(wd.sends, 0);
	while (!__atomic_load_n(&s.done, __ATOMIC_SEQ_CST) && spins++ < 200)
		ihv_loop_run_once(ihv_host_loop(host), 10);
	pthread_join(t, NULL);
	ck_assert_uint_eq(s.ret, ERROR_SUCCESS);
	ck_assert_uint_eq(wd.sends, 1);
}
END_TEST

/* A violation is also a trace record (kind "violation"), and API records
 * name the adapter by its ids. */
START_TEST(test_violation_and_adapter_in_trace)
{
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStopOneX(ext_double.svc_handle),
			  ERROR_INVALID_STATE);
	ck_assert(trace_has("\"kind\":\"violation\"", "\"rule\":\"api-out-of-window\""));
	ck_assert(trace_has("\"name\":\"Dot11ExtStopOneX\"", "\"ifindex\":10"));
	ck_assert(trace_has("\"kind\":\"handler\"", "\"name\":\"Dot11ExtIhvInitAdapter\""));
	ck_assert(trace_has("\"kind\":\"state\"", "\"to\":\"initialised\""));
}
END_TEST

CK_SUITE(apis_suite)
static Suite *apis_suite(void)
{
	Suite *s = suite_create("apis");
	TCase *tc = tcase_create("apis");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tables_complete);
	tcase_add_test(tc, test_buffers_tracked);
	tcase_add_test(tc, test_unsupported_apis_say_so);
	tcase_add_test(tc, test_send_packet_reaches_wlan);
	tcase_add_test(tc, test_key_mapping_key_reaches_wlan);
	tcase_add_test(tc, test_api_from_thread_runs_on_loop);
	tcase_add_test(tc, test_violation_and_adapter_in_trace);
	suite_add_tcase(s, tc);
	return s;
}
