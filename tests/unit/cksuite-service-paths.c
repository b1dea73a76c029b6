/* SPDX-License-Identifier: MIT */
/*
 * The service's paths around profiles and 802.1X, driven by the extension
 * double and the wlan double:
 *  - Microsoft's 802.1X as the host offers it (apis-onex.c,
 *    service-onex.c): what StartOneX needs from the profile, what each
 *    API refuses and which verifier rule it reports (a whole EAP-TLS
 *    conversation needs hostapd's EAP server: the onex-*.scn and
 *    verifier-onex-*.scn scenarios run it live);
 *  - the re-authentication rule of PostAssociateCompletion;
 *  - a network without a saved profile: CreateDiscoveryProfiles
 *    (service-discovery.c).
 */
#include <fcntl.h>
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

/* A wpa2 (802.1X) profile with onex=on; its credentials name files that
 * do not exist unless a test says otherwise. */
static struct ihv_profile prof = {
	.name = "corp", .ssids = { "ihv-test" }, .n_ssids = 1,
	.bss_type = dot11_BSS_type_infrastructure, .auth = DOT11_AUTH_ALGO_RSNA,
	.cipher = DOT11_CIPHER_ALGO_CCMP, .onex = true,
	.onex_creds = { .identity = "alice", .ca_file = "/nonexistent/ca.pem",
			.cert_file = "/nonexistent/alice.pem",
			.key_file = "/nonexistent/alice.key" },
};

static void setup(void)
{
	struct ihv_host_options o = { .handler_timeout_ms = 5000 };
	char err[256];

	ext_double_init();
	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	ck_assert_msg(ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host, err,
					 sizeof(err)) == 0, "%s", err);
	svc = ihv_host_service(host);
	ext_double.observe_svc = svc;
	ext_double.observe_ad = AD;
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

static void teardown(void)
{
	ihv_host_free(host);
	host = NULL;
}

static void run(void)
{
	while (ihv_loop_run_once(ihv_host_loop(host), 0) > 0)
		;
}

static unsigned int count(enum ihv_rule rule)
{
	return ihv_verifier_count(ihv_host_verifier(host), rule);
}

/* Connect with @p (NULL: a profile made from the BSS) through to
 * post-association. */
static void reach_post_association(const struct ihv_profile *p)
{
	struct ihv_connect_request req = { .ssid = "ihv-test", .freq_mhz = 2412,
					   .profile = p };

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

/* The AP deauthenticates: the association ends (StopPostAssociate). */
static void drop_association(void)
{
	struct sim_event ev = wlan_double_ev_disconnected(AD, SIM_CAUSE_PEER_DEAUTH, 3, true);

	ihv_service_event(svc, &ev);
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_INITIALISED);
}

static DWORD complete(DWORD win32)
{
	uint8_t peer[6];
	DWORD ret;

	memcpy(peer, WLAN_DOUBLE_BSSID, 6);
	ret = ext_double.apis.Dot11ExtPostAssociateCompletion(
		ext_double.svc_handle, ext_double.security_session,
		(PDOT11_MAC_ADDRESS)peer, win32 ? 0x40001 : 0, win32);
	run();
	return ret;
}

/* The profile decides: no onex, no identity, unreadable credentials are
 * refusals of the request (ERROR_INVALID_STATE / ERROR_INVALID_DATA),
 * not contract violations. */
START_TEST(test_start_needs_the_profile)
{
	struct ihv_profile no_id = prof;

	reach_post_association(NULL);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_STATE);
	drop_association();
	no_id.onex_creds.identity = NULL;
	reach_post_association(&no_id);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_STATE);
	drop_association();
	reach_post_association(&prof);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_DATA);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	/* the profile the extension was shown says so too */
	ck_assert_int_eq(ext_double.prof_onex, TRUE);
}
END_TEST

/* Rule 8 and the onex-session rule, with no session running. */
START_TEST(test_window_and_session_rules)
{
	static const uint8_t eap[] = { 2, 0, 0, 5, 1, 1, 0, 5, 1 };

	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, NULL),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_API_OUT_OF_WINDOW), 1);
	reach_post_association(&prof);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, sizeof(eap), (LPVOID)eap), ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_ONEX_SESSION), 1);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStopOneX(ext_double.svc_handle),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_ONEX_SESSION), 2);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 0);
}
END_TEST

/* What ProcessSecurityPacket and StartOneX refuse as bad parameters. */
START_TEST(test_bad_parameters)
{
	uint8_t hdr_pkt[17] = { 0 };
	static const uint8_t key[] = { 2, 3, 0, 0 };
	EAP_ATTRIBUTES none = { 2, NULL };
	EAP_ATTRIBUTE nul_name = { eatUserName, 3, (BYTE *)"a\0b" };
	EAP_ATTRIBUTES bad_name = { 1, &nul_name };
	unsigned int n = 0;

	reach_post_association(&prof);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, 3, (LPVOID)key), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, 9, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	/* ReceivePacket's buffer whole: the AP's MAC, then EtherType 0x888e */
	memcpy(hdr_pkt, WLAN_DOUBLE_BSSID, 6);
	hdr_pkt[6] = 0x88;
	hdr_pkt[7] = 0x8e;
	memcpy(hdr_pkt + 8, "\x02\x00\x00\x05\x01\x01\x00\x05\x01", 9);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, sizeof(hdr_pkt), hdr_pkt), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	/* EAPOL-Key: the extension's, not 802.1X's */
	ck_assert_uint_eq(ext_double.apis.Dot11ExtProcessSecurityPacket(
		ext_double.svc_handle, sizeof(key), (LPVOID)key), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, &none),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtStartOneX(ext_double.svc_handle, &bad_name),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), ++n);
	ck_assert_uint_eq(count(IHV_RULE_ONEX_SESSION), 0);
}
END_TEST

/* Rule 4: a second identical completion is a duplicate, unless the AP
 * restarted EAP on the authorized port (a re-authentication) since. */
START_TEST(test_reauthentication_allows_one_more_completion)
{
	static const uint8_t identity_req[] = { 2, 0, 0, 5, 1, 7, 0, 5, 1 };
	USHORT reg = 0x888E;

	reach_post_association(&prof);
	ck_assert_uint_eq(ext_double.apis.Dot11ExtSetEtherTypeHandling(
		ext_double.svc_handle, 4, 0, NULL, 1, &reg), ERROR_SUCCESS);
	run();
	ck_assert_uint_eq(complete(ERROR_SUCCESS), ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_AUTHORIZED);
	ck_assert_uint_eq(complete(ERROR_SUCCESS), ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_DOUBLE_COMPLETION), 1);
	ck_assert_ok(ihv_service_receive_packet(svc, AD, WLAN_DOUBLE_BSSID, 0x888E,
						identity_req, sizeof(identity_req)));
	run();
	ck_assert_uint_eq(complete(ERROR_SUCCESS), ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_AUTHORIZED);
	ck_assert_uint_eq(complete(ERROR_SUCCESS), ERROR_INVALID_STATE);
	ck_assert_uint_eq(count(IHV_RULE_DOUBLE_COMPLETION), 2);
}
END_TEST

/* No saved profile: CreateDiscoveryProfiles is asked first (insecure for
 * the double's open BSS) and the first profile's fragments are the ones
 * ValidateProfile and PerformPreAssociate see; the host frees the list. */
START_TEST(test_discovery_profile_used)
{
	static const WCHAR want[] = { '<', 'D', '/', '>', 0 };
	struct ihv_buffer_stats st;

	ext_double.discovery = 1;
	reach_post_association(NULL);
	ck_assert_uint_eq(ext_double.discovery_calls, 1);
	ck_assert_int_eq(ext_double.discovery_insecure, TRUE);
	ck_assert_mem_eq(ext_double.conn_xml, want, sizeof(want));
	ihv_apis_buffer_stats(&st);
	ck_assert_uint_eq(st.live, 0);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
	/* a saved profile: no discovery */
	drop_association();
	reach_post_association(&prof);
	ck_assert_uint_eq(ext_double.discovery_calls, 1);
}
END_TEST

/* Nothing offered: the profile made from the BSS, empty fragments. A
 * list not from AllocateBuffer: the host's FreeBuffer reports it. */
START_TEST(test_discovery_none_or_foreign)
{
	reach_post_association(NULL);
	ck_assert_uint_eq(ext_double.discovery_calls, 1);
	ck_assert_uint_eq(ext_double.conn_xml[0], 0);
	drop_association();
	ext_double.discovery = 2;
	reach_post_association(NULL);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 2);
	free(ext_double.leaked);
	free(ext_double.leaked2);
}
END_TEST

static Suite *onex_suite(void)
{
	Suite *s = suite_create("service-paths");
	TCase *tc = tcase_create("onex");
	TCase *td = tcase_create("discovery");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_start_needs_the_profile);
	tcase_add_test(tc, test_window_and_session_rules);
	tcase_add_test(tc, test_bad_parameters);
	tcase_add_test(tc, test_reauthentication_allows_one_more_completion);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(td, setup, teardown);
	tcase_add_test(td, test_discovery_profile_used);
	tcase_add_test(td, test_discovery_none_or_foreign);
	suite_add_tcase(s, td);
	return s;
}

CK_SUITE(onex_suite)
