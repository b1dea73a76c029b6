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
 *    (service-discovery.c);
 *  - indications and roaming on signal (service-indicate.c): their
 *    windot11.h payloads, byte for byte, and the roaming decision.
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

/* A second BSS of the ESS, on channel 6, heard at @dbm. */
static void add_second_bss(int32_t dbm)
{
	static const uint8_t bssid2[6] = { 0x02, 0, 0, 0, 0x77, 0 };
	struct sim_bss *b = &wd.bss[1];

	*b = wd.bss[0];
	memcpy(b->bssid, bssid2, 6);
	b->freq_mhz = 2437;
	b->signal_mbm = dbm * 100;
	wd.nbss = 2;
}

static struct sim_event signal_ev(bool low, int32_t dbm)
{
	struct sim_event ev = wlan_double_ev(AD, SIM_EV_SIGNAL);

	ev.u.signal.low = low;
	ev.u.signal.has_level = true;
	ev.u.signal.level_dbm = dbm;
	return ev;
}

/* The association made, the driver watches -70 dBm (hysteresis 4); the
 * ESS's two BSSs are indicated, strongest first; a crossing is a
 * LinkQuality with quality 2 * (dBm + 100). */
START_TEST(test_link_quality_and_candidates)
{
	const DOT11_PMKID_CANDIDATE_LIST_PARAMETERS *c;
	const DOT11_LINK_QUALITY_PARAMETERS *q;
	const DOT11_BSSID_CANDIDATE *e;
	struct sim_event ev;

	add_second_bss(-60);
	reach_post_association(&prof);
	ck_assert_uint_eq(wd.cqm_sets, 1);
	ck_assert_int_eq(wd.cqm_threshold, -70);
	ck_assert_uint_eq(wd.cqm_hysteresis, 4);
	ck_assert_uint_eq(ext_double.indications, 1);
	ck_assert_int_eq(ext_double.ind_type, IndicationTypePmkidCandidateList);
	c = (const DOT11_PMKID_CANDIDATE_LIST_PARAMETERS *)(const void *)ext_double.ind_buf;
	ck_assert_uint_eq(c->Header.Type, NDIS_OBJECT_TYPE_DEFAULT);
	ck_assert_uint_eq(c->Header.Revision, DOT11_PMKID_CANDIDATE_LIST_PARAMETERS_REVISION_1);
	ck_assert_uint_eq(c->uCandidateListSize, 2);
	ck_assert_uint_eq(ext_double.ind_len, c->uCandidateListOffset + 2 * sizeof(*e));
	e = (const DOT11_BSSID_CANDIDATE *)(const void *)(ext_double.ind_buf + c->uCandidateListOffset);
	ck_assert_mem_eq(e[0].BSSID, WLAN_DOUBLE_BSSID, 6);   /* -40 dBm first */
	ck_assert_mem_eq(e[1].BSSID, wd.bss[1].bssid, 6);
	ck_assert_uint_eq(e[0].uFlags, 0);                     /* open: no RSN */

	ev = signal_ev(false, -45);
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(ext_double.indications, 2);
	ck_assert_int_eq(ext_double.ind_type, IndicationTypeLinkQuality);
	q = (const DOT11_LINK_QUALITY_PARAMETERS *)(const void *)ext_double.ind_buf;
	ck_assert_uint_eq(q->uLinkQualityListSize, 1);
	ck_assert_uint_eq(ext_double.ind_len, q->uLinkQualityListOffset + 7);
	ck_assert_mem_eq(ext_double.ind_buf + q->uLinkQualityListOffset, WLAN_DOUBLE_BSSID, 6);
	ck_assert_uint_eq(ext_double.ind_buf[q->uLinkQualityListOffset + 6], 100);
	ck_assert_uint_eq(ihv_link_quality(-100), 0);
	ck_assert_uint_eq(ihv_link_quality(-73), 54);
	ck_assert_uint_eq(ihv_link_quality(-120), 0);
	/* low, but not authorized yet: quality only, no roaming */
	ev = signal_ev(true, -80);
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(ext_double.ind_buf[q->uLinkQualityListOffset + 6], 40);
	ck_assert_uint_eq(wd.roams, 0);
}
END_TEST

/* Authorized and below the threshold: roam to a BSS heard at least 6 dB
 * stronger, not to a weaker one. */
START_TEST(test_roam_on_signal)
{
	struct sim_event ev;

	add_second_bss(-79);
	reach_post_association(&prof);
	ck_assert_uint_eq(complete(ERROR_SUCCESS), ERROR_SUCCESS);
	ck_assert_int_eq(ihv_service_adapter_state(svc, AD), IHV_ADAPTER_AUTHORIZED);
	/* the other BSS at -79 when ours is at -80: not worth it */
	wd.bss[0].signal_mbm = -8000;
	ev = signal_ev(true, -80);
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(wd.roams, 0);
	/* at -55: roam there */
	wd.bss[1].signal_mbm = -5500;
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(wd.roams, 1);
	ck_assert_mem_eq(wd.last_roam_bssid, wd.bss[1].bssid, 6);
}
END_TEST

/* rfkill: PhyStateChange with the switch's state (TRUE: radio allowed);
 * a MIC failure: TkipMicFailure with the sender and the key. */
START_TEST(test_phy_state_and_mic_failure)
{
	const DOT11_PHY_STATE_PARAMETERS *p;
	const DOT11_TKIPMIC_FAILURE_PARAMETERS *m;
	struct sim_event ev = wlan_double_ev(AD, SIM_EV_RFKILL);

	ev.u.rfkill.soft_blocked = true;
	ihv_service_event(svc, &ev);
	run();
	ck_assert_uint_eq(ext_double.indications, 1);
	ck_assert_int_eq(ext_double.ind_type, IndicationTypePhyStateChange);
	ck_assert_uint_eq(ext_double.ind_len, sizeof(*p));
	p = (const DOT11_PHY_STATE_PARAMETERS *)(const void *)ext_double.ind_buf;
	ck_assert_uint_eq(p->Header.Revision, DOT11_PHY_STATE_PARAMETERS_REVISION_1);
	ck_assert_int_eq(p->bSoftwarePhyState, FALSE);
	ck_assert_int_eq(p->bHardwarePhyState, TRUE);
	ev = wlan_double_ev(AD, SIM_EV_MIC_FAILURE);
	ev.u.mic.group = true;
	ev.u.mic.key_idx = 1;
	memcpy(ev.peer, WLAN_DOUBLE_BSSID, 6);
	ihv_service_event(svc, &ev);
	run();
	ck_assert_int_eq(ext_double.ind_type, IndicationTypeTkipMicFailure);
	m = (const DOT11_TKIPMIC_FAILURE_PARAMETERS *)(const void *)ext_double.ind_buf;
	ck_assert_int_eq(m->bDefaultKeyFailure, TRUE);
	ck_assert_uint_eq(m->uKeyIndex, 1);
	ck_assert_mem_eq(m->PeerMac, WLAN_DOUBLE_BSSID, 6);
}
END_TEST

/* RequestVirtualStation: a second interface, arriving as an adapter on
 * the next loop turn (InitAdapter), which the query calls a virtual
 * station of its primary; one per primary; the release deletes it and
 * its removal ends the adapter. */
START_TEST(test_virtual_station_live_path)
{
	PDOT11EXT_VIRTUAL_STATION_APIS vs = ihv_apis_vs_table();
	const struct ihv_wlan_adapter VS = { AD.wiphy, 91 };
	HANDLE h = ext_double.svc_handle, vh;
	int inits = wlan_double_log_count("ext:InitAdapter");
	uintptr_t vsh = 0;
	BOOL is_vs = FALSE;
	GUID g = { 0 };
	struct sim_event ev;

	wd.vif_ok = true;
	ck_assert_uint_eq(vs->Dot11ExtRequestVirtualStation(h, NULL), ERROR_SUCCESS);
	/* not from inside the API: on the next turn */
	ck_assert_int_eq(wlan_double_log_count("ext:InitAdapter"), inits);
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:InitAdapter"), inits + 1);
	ck_assert_int_eq(ihv_service_adapter_state(svc, VS), IHV_ADAPTER_INITIALISED);
	ck_assert_ok(ihv_service_adapter_handles(svc, VS, &vsh, NULL, NULL));
	vh = (HANDLE)vsh;
	ck_assert_uint_eq(vs->Dot11ExtQueryVirtualStationProperties(vh, &is_vs, &g, NULL),
			  ERROR_SUCCESS);
	ck_assert_int_eq(is_vs, TRUE);
	ck_assert_uint_eq(g.Data1, AD.wiphy);
	ck_assert_uint_eq(g.Data2, AD.ifindex);   /* the primary's GUID */
	ck_assert_uint_eq(vs->Dot11ExtRequestVirtualStation(h, NULL), ERROR_ALREADY_EXISTS);
	ck_assert_uint_eq(vs->Dot11ExtRequestVirtualStation(vh, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(count(IHV_RULE_BAD_PARAMETER), 1);
	ck_assert_uint_eq(vs->Dot11ExtReleaseVirtualStation(h, NULL), ERROR_SUCCESS);
	ck_assert_uint_eq(wd.vif_dels, 1);
	ev = wlan_double_ev(VS, SIM_EV_IFACE_REMOVED);
	ihv_service_event(svc, &ev);
	run();
	ck_assert_int_eq(ihv_service_adapter_state(svc, VS), IHV_ADAPTER_NONE);
	ck_assert_uint_eq(vs->Dot11ExtReleaseVirtualStation(h, NULL), ERROR_INVALID_STATE);
	/* and again */
	ck_assert_uint_eq(vs->Dot11ExtRequestVirtualStation(h, NULL), ERROR_SUCCESS);
	run();
	ck_assert_int_eq(wlan_double_log_count("ext:InitAdapter"), inits + 2);
}
END_TEST

static Suite *onex_suite(void)
{
	Suite *s = suite_create("service-paths");
	TCase *tc = tcase_create("onex");
	TCase *td = tcase_create("discovery");
	TCase *ti = tcase_create("indications");

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
	tcase_add_checked_fixture(ti, setup, teardown);
	tcase_add_test(ti, test_link_quality_and_candidates);
	tcase_add_test(ti, test_roam_on_signal);
	tcase_add_test(ti, test_phy_state_and_mic_failure);
	tcase_add_test(ti, test_virtual_station_live_path);
	suite_add_tcase(s, ti);
	return s;
}

CK_SUITE(onex_suite)
