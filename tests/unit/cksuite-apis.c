/* SPDX-License-Identifier: MIT */
/*
 * The Dot11Ext API table: completeness, buffer tracking, 802.11-backed
 * APIs reaching the wlan ops (and ERROR_NOT_SUPPORTED when the op says
 * -EOPNOTSUPP, recorded in the trace), calls from extension threads.
 */
#include <errno.h>
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
	/* OUI 0x001374, subcommand 1, no data: the double has no vendor
	 * commands (wlan.h vendor_cmd NULL). */
	BYTE nic_in[8] = { 0x74, 0x13, 0x00, 0x00, 1, 0, 0, 0 }, nic_out[16];
	DWORD out = sizeof(nic_out);

	ck_assert_uint_eq(ext_double.apis.Dot11ExtNicSpecificExtension(h, sizeof(nic_in), nic_in,
									&out, nic_out),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(out, 0);
	ck_assert_uint_eq(ihv_apis_vs_table()->Dot11ExtRequestVirtualStation(h, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	ck_assert(trace_has("\"name\":\"Dot11ExtRequestVirtualStation\"", "not supported"));
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

/* Through pre-association to post-association with the double's BSS. */
static void reach_post_association(void)
{
	static const struct ihv_connect_request req = {
		.ssid = "ihv-test", .freq_mhz = 2412,
	};

	ck_assert_ok(ihv_service_connect(svc, AD, &req));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, ERROR_SUCCESS),
		ERROR_SUCCESS);
	run();
	{
		struct sim_event ev = wlan_double_ev_connected(AD);

		ihv_service_event(svc, &ev);
	}
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
}

START_TEST(test_send_packet_reaches_wlan)
{
	uint8_t pkt[8 + 20];
	HANDLE completion = (HANDLE)(uintptr_t)0x5E17D;

	make_eapol(pkt, sizeof(pkt));
	/* before an association: out of its window, op not called */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		sizeof(pkt), pkt, completion), ERROR_INVALID_STATE);
	ck_assert_uint_eq(wd.sends, 0);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host),
					     IHV_RULE_API_OUT_OF_WINDOW), 1);
	reach_post_association();
	/* the op fails: the extension is told, no completion */
	wd.send_rc = -EOPNOTSUPP;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		sizeof(pkt), pkt, completion), ERROR_NOT_SUPPORTED);
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:SendPacketCompletion"), 0);
	/* it works: exact frame, unprotected (no pairwise key yet), then
	 * SendPacketCompletion */
	wd.send_rc = 0;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		sizeof(pkt), pkt, completion), ERROR_SUCCESS);
	ck_assert_uint_eq(wd.sends, 2);
	ck_assert_mem_eq(wd.last_dst, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(wd.last_ethertype, 0x888E);
	ck_assert_uint_eq(wd.last_payload_len, 20);
	ck_assert(wd.last_no_encrypt);
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:SendPacketCompletion"), 1);
	/* too short for the header: refused, op not called */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
		4, pkt, completion), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(wd.sends, 2);
}
END_TEST

/* A CCMP key-mapping key as Windows lays it out: DOT11_KEY_ALGO_CCMP in
 * ucKey, its ucIV48Counter the receive counter. */
union ccmp_kmk {
	DOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;
	uint8_t raw[offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) +
		    offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) + 16];
};

static void make_ccmp_kmk(union ccmp_kmk *u, const uint8_t *peer)
{
	DOT11_KEY_ALGO_CCMP *c;

	memset(u, 0, sizeof(*u));
	memcpy(u->k.PeerMacAddr, peer, 6);
	u->k.AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	u->k.Direction = DOT11_DIR_BOTH;
	u->k.usKeyLength = offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) + 16;
	c = (DOT11_KEY_ALGO_CCMP *)u->k.ucKey;
	c->ulCCMPKeyLength = 16;
	memcpy(c->ucIV48Counter, "\x01\x02\x03\x04\x05\x06", 6);
	/* Recognisable key bytes: the trace must show neither them nor their hex. */
	memcpy(c->ucCCMPKey, "KEY!KEY!KEY!KEY!", 16);
}

START_TEST(test_key_mapping_key_reaches_wlan)
{
	static const uint8_t other[6] = { 2, 0, 0, 0, 0, 0x99 };
	union ccmp_kmk u;

	make_ccmp_kmk(&u, WLAN_DOUBLE_BSSID);
	/* outside post-association: reported, op not called */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(wd.keys, 0);
	reach_post_association();
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(wd.keys, 1);
	ck_assert_uint_eq(wd.last_key.cipher_suite, 0x000FAC04);
	ck_assert(wd.last_key.pairwise);
	ck_assert(!wd.last_key.remove);
	ck_assert_uint_eq(wd.last_key.key_len, 16);
	ck_assert_uint_eq(wd.last_key.seq_len, 6);
	ck_assert(trace_has("\"name\":\"Dot11ExtSetKeyMappingKey\"", "ERROR_SUCCESS"));
	ck_assert(!trace_has("KEY!", NULL));
	ck_assert(!trace_has("4b455921", NULL) && !trace_has("4B455921", NULL));
	/* a pairwise key now exists: packets go out protected */
	{
		uint8_t pkt[8 + 20];

		make_eapol(pkt, sizeof(pkt));
		ck_assert_uint_eq(ext_double.apis.Dot11ExtSendPacket(ext_double.svc_handle,
			sizeof(pkt), pkt, NULL), ERROR_SUCCESS);
		ck_assert(!wd.last_no_encrypt);
	}
	/* a key for another peer than the AP: a contract violation */
	make_ccmp_kmk(&u, other);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(wd.keys, 1);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host), IHV_RULE_BAD_PARAMETER), 1);
	/* a CCMP length that lies: refused before the op */
	make_ccmp_kmk(&u, WLAN_DOUBLE_BSSID);
	((DOT11_KEY_ALGO_CCMP *)u.k.ucKey)->ulCCMPKeyLength = 32;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(wd.keys, 1);
	/* TKIP: said not supported, op not called */
	make_ccmp_kmk(&u, WLAN_DOUBLE_BSSID);
	u.k.AlgorithmId = DOT11_CIPHER_ALGO_TKIP;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(wd.keys, 1);
	/* delete */
	make_ccmp_kmk(&u, WLAN_DOUBLE_BSSID);
	u.k.bDelete = TRUE;
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetKeyMappingKey(ext_double.svc_handle, &u.k),
			  ERROR_SUCCESS);
	ck_assert(wd.last_key.remove);
}
END_TEST

/* The algorithms the extension sets in pre-association are what nl80211
 * is asked for: RSN suites and the EAPOL control port. */
START_TEST(test_algorithms_reach_the_association_request)
{
	HANDLE h = ext_double.svc_handle;
	USHORT eapol = 0x8E88; /* htons(0x888E) on this little-endian host */

	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetAuthAlgorithm(h, DOT11_AUTH_ALGO_RSNA_PSK),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetUnicastCipherAlgorithm(h, DOT11_CIPHER_ALGO_CCMP),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetMulticastCipherAlgorithm(h, DOT11_CIPHER_ALGO_CCMP),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetExcludeUnencrypted(h, TRUE), ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(h, 4, 0, NULL, 1, &eapol),
			  ERROR_SUCCESS);
	/* not an algorithm of windot11.h */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetUnicastCipherAlgorithm(h, 0x77),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host), IHV_RULE_BAD_PARAMETER), 1);
	reach_post_association();
	ck_assert_uint_eq(wd.connects, 1);
	ck_assert_uint_eq(wd.last_connect.akm_suite, SIM_AKM_PSK);
	ck_assert_uint_eq(wd.last_connect.pairwise_suite, SIM_SUITE_CCMP);
	ck_assert_uint_eq(wd.last_connect.group_suite, SIM_SUITE_CCMP);
	ck_assert_uint_eq(wd.last_connect.control_port_ethertype, 0x888E);
	ck_assert(trace_has("\"name\":\"Dot11ExtSetAuthAlgorithm\"", "\"value\":7"));
}
END_TEST

/* Without any Set*Algorithm the profile decides: the double's BSS is
 * open, so no RSN and no control port. An algorithm the host cannot ask
 * nl80211 for ends the connection before any association, traced. */
START_TEST(test_algorithms_default_and_unsupported)
{
	HANDLE h = ext_double.svc_handle;

	reach_post_association();
	ck_assert_uint_eq(wd.last_connect.akm_suite, 0);
	ck_assert_uint_eq(wd.last_connect.control_port_ethertype, 0);
	ck_assert_ok(ihv_service_disconnect(svc, AD, 3));
	{
		struct sim_event ev = wlan_double_ev_disconnected(AD, SIM_CAUSE_LOCAL_REQUEST,
								  3, false);

		ihv_service_event(svc, &ev);
	}
	run();
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetAuthAlgorithm(h, DOT11_AUTH_ALGO_80211_SHARED_KEY),
			  ERROR_SUCCESS);
	ck_assert_ok(ihv_service_connect(svc, AD, &(const struct ihv_connect_request){
		.ssid = "ihv-test", .freq_mhz = 2412 }));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		h, ext_double.connect_session, 0, ERROR_SUCCESS), ERROR_SUCCESS);
	run();
	ck_assert_uint_eq(wd.connects, 1);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
	ck_assert(trace_has("connect-unsupported", "authentication algorithm 2"));
}
END_TEST

/* ---- the service's side of extension-owned security -------------------- */

static void register_eapol(void)
{
	USHORT eapol = 0x8E88; /* htons(0x888E) on this little-endian host */

	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		ext_double.svc_handle, 2, 0, NULL, 1, &eapol), ERROR_SUCCESS);
}

/* Message 1/4 can arrive (owner socket) before the CONNECT event (the
 * monitor): it waits for post-association, then arrives in order, after
 * PerformPostAssociate; the backlog bound holds; a frame from another
 * transmitter than the AP is not handed over. */
START_TEST(test_frames_held_until_post_association)
{
	static const uint8_t other[6] = { 2, 0, 0, 0, 0, 0x77 };
	/* the first byte (the EAPOL version) tells them apart */
	uint8_t m[3][8] = { { 1, 3, 0, 4 }, { 2, 3, 0, 4 }, { 3, 3, 0, 4 } };

	register_eapol();
	/* no association: refused */
	ck_assert_int_eq(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						    m[0], 8), -ENOTCONN);
	ck_assert_ok(ihv_service_connect(svc, AD, &(const struct ihv_connect_request){
		.ssid = "ihv-test", .freq_mhz = 2412 }));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		ext_double.svc_handle, ext_double.connect_session, 0, ERROR_SUCCESS),
		ERROR_SUCCESS);
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_ASSOCIATING);
	/* associating: held (backlog 2), the third dropped and traced */
	ck_assert_ok(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E, m[0], 8));
	ck_assert_ok(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E, m[1], 8));
	ck_assert_int_eq(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						    m[2], 8), -ENOBUFS);
	ck_assert(trace_has("packet-dropped", "uMaxBackLog"));
	ck_assert_int_eq(wlan_double_log_count("ext:ReceivePacket"), 0);
	{
		struct sim_event ev = wlan_double_ev_connected(AD);

		ihv_service_event(svc, &ev);
	}
	run();
	/* PerformPostAssociate, then the held frames in arrival order */
	ck_assert_int_eq(wlan_double_log_count("ext:ReceivePacket"), 2);
	ck_assert_int_lt(wlan_double_log_find("ext:PerformPostAssociate", 0),
			 wlan_double_log_find("ext:ReceivePacket", 0));
	ck_assert_uint_eq(ext_double.recv_first, 2);
	ck_assert_uint_eq(ext_double.recv_ethertype, 0x888E);
	/* post-associating: straight through; another transmitter: not */
	ck_assert_ok(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E, m[2], 8));
	ck_assert_uint_eq(ext_double.recv_first, 3);
	ck_assert_int_eq(ihv_service_receive_packet(svc, AD, other, 0x888E, m[0], 8), -EPERM);
	ck_assert_int_eq(wlan_double_log_count("ext:ReceivePacket"), 3);
	/* the trace names the frame: not an EAPOL-Key frame here */
	ck_assert(trace_has("\"name\":\"Dot11ExtIhvReceivePacket\"", "\"eapol\":\"key\"") ||
		  trace_has("\"name\":\"Dot11ExtIhvReceivePacket\"", "\"eapol\":\"malformed\""));
}
END_TEST

static void complete_post(DWORD win32)
{
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)WLAN_DOUBLE_BSSID, 0, win32), ERROR_SUCCESS);
	run();
}

/* "authorized" needs the AP to agree: a completion alone opens the port
 * here, the state waits for the AP (asked on a timer), and an AP that
 * never agrees is traced, the adapter staying post-associating. */
START_TEST(test_authorized_needs_the_ap)
{
	wd.ap_rc = 0;
	wd.ap_authorized = false;
	reach_post_association();
	complete_post(ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_uint_ge(wd.ap_asks, 1);
	/* the AP agrees a little later */
	for (int i = 0; i < 10; i++)
		ihv_loop_run_once(ihv_host_loop(host), 10);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	wd.ap_authorized = true;
	for (int i = 0; i < 20 && ihv_service_adapter_state(svc, AD) != IHV_ADAPTER_AUTHORIZED; i++)
		ihv_loop_run_once(ihv_host_loop(host), 30);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_AUTHORIZED);
	ck_assert(trace_has("ap-confirms", "[AUTHORIZED]"));
}
END_TEST

START_TEST(test_authorization_unconfirmed)
{
	wd.ap_rc = 0;
	wd.ap_authorized = false;
	reach_post_association();
	complete_post(ERROR_SUCCESS);
	/* 100 asks 20 ms apart: 2 s, then the verdict in the trace */
	for (int i = 0; i < 400 && !trace_has("authorization-unconfirmed", NULL); i++)
		ihv_loop_run_once(ihv_host_loop(host), 10);
	ck_assert(trace_has("authorization-unconfirmed", "still does not report"));
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_POST_ASSOCIATING);
	ck_assert_uint_eq(wd.ap_asks, 100);
}
END_TEST

/* The profile reaches the handlers as Windows passes it: every SSID, the
 * MS security settings, the IHV fragments in UTF-16; custom user data
 * survives the connection (per profile); SetCurrentProfile replaces the
 * fragments during pre-association. */
START_TEST(test_profile_reaches_the_extension)
{
	static const struct ihv_profile prof = {
		.name = "corp", .ssids = { "ihv-test", "ihv-5g" }, .n_ssids = 2,
		.bss_type = dot11_BSS_type_infrastructure,
		.auth = DOT11_AUTH_ALGO_RSNA_PSK, .cipher = DOT11_CIPHER_ALGO_CCMP,
		.security_xml = "<Wpa2Psk><Passphrase>caf\xc3\xa9 au lait</Passphrase></Wpa2Psk>",
	};
	static const WCHAR want[] = { '<', 'W', 'p', 'a', '2', 'P', 's', 'k', '>', '<',
				      'P', 'a', 's', 's', 'p', 'h', 'r', 'a', 's', 'e',
				      '>', 'c', 'a', 'f', 0xe9 };
	static const WCHAR repl[] = { '<', 'X', '/', '>', 0 };
	DOT11EXT_IHV_SECURITY_PROFILE sec = { .pszXmlFragmentIhvSecurity = (LPWSTR)repl };
	HANDLE h = ext_double.svc_handle;
	DWORD size = 0;
	LPVOID data = NULL;

	ck_assert_ok(ihv_service_connect(svc, AD, &(const struct ihv_connect_request){
		.ssid = "ihv-test", .freq_mhz = 2412, .profile = &prof }));
	ck_assert_uint_eq(ext_double.ssid_count, 2);
	ck_assert_uint_eq(ext_double.prof_auth, DOT11_AUTH_ALGO_RSNA_PSK);
	ck_assert_uint_eq(ext_double.prof_cipher, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_mem_eq(ext_double.sec_xml, want, sizeof(want));
	ck_assert_uint_eq(ext_double.conn_xml[0], 0);   /* none: empty, not NULL */
	/* custom user data: nothing yet, then kept */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtGetProfileCustomUserData(
		h, ext_double.connect_session, 1, &size, &data), ERROR_SUCCESS);
	ck_assert_uint_eq(size, 0);
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetProfileCustomUserData(
		h, ext_double.connect_session, 1, 5, "pmk!"), ERROR_SUCCESS);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtGetProfileCustomUserData(
		h, ext_double.connect_session, 1, &size, &data), ERROR_SUCCESS);
	ck_assert_uint_eq(size, 5);
	ck_assert_str_eq(data, "pmk!");
	ext_double.apis.Dot11ExtFreeBuffer(data);
	/* another user session: its own (none) */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtGetProfileCustomUserData(
		h, ext_double.connect_session, 2, &size, &data), ERROR_SUCCESS);
	ck_assert_uint_eq(size, 0);
	/* SetCurrentProfile: NULL fragment refused, a real one taken */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetCurrentProfile(
		h, ext_double.connect_session, NULL, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetCurrentProfile(
		h, ext_double.connect_session, NULL, &sec), ERROR_SUCCESS);
	/* after pre-association the connect session is gone: refused */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtPreAssociateCompletion(
		h, ext_double.connect_session, 0, ERROR_SUCCESS), ERROR_SUCCESS);
	run();
	ck_assert_uint_ne(ext_double.apis.Dot11ExtGetProfileCustomUserData(
		h, ext_double.connect_session, 1, &size, &data), ERROR_SUCCESS);
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

	reach_post_association();
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
	tcase_add_test(tc, test_algorithms_reach_the_association_request);
	tcase_add_test(tc, test_algorithms_default_and_unsupported);
	tcase_add_test(tc, test_frames_held_until_post_association);
	tcase_add_test(tc, test_authorized_needs_the_ap);
	tcase_add_test(tc, test_authorization_unconfirmed);
	tcase_add_test(tc, test_profile_reaches_the_extension);
	tcase_add_test(tc, test_api_from_thread_runs_on_loop);
	tcase_add_test(tc, test_violation_and_adapter_in_trace);
	suite_add_tcase(s, tc);
	return s;
}
