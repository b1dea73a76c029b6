/* SPDX-License-Identifier: MIT */
/*
 * Test doubles for the unit tests: the wlan ops (a scripted 802.11 world
 * that records every request) and one shared, ordered call log that the
 * wlan double and the extension double (ext-double.c) both append to, so a
 * test can assert the ORDER of host actions across both sides.
 */
#ifndef TESTS_WLAN_DOUBLE_H
#define TESTS_WLAN_DOUBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"
#include "wlan.h"

/* ---- the shared call log ---------------------------------------------- */

#define WLAN_DOUBLE_LOG_MAX 256
#define WLAN_DOUBLE_LOG_LEN 96

void wlan_double_log_reset(void);
void wlan_double_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Index of the first entry at or after @from starting with @prefix; -1. */
int wlan_double_log_find(const char *prefix, int from);
int wlan_double_log_count(const char *prefix);
/* Prints the log to stderr (for failure diagnosis). */
void wlan_double_log_dump(void);

/* ---- the wlan double --------------------------------------------------- */

#define WLAN_DOUBLE_BSS_MAX 4

struct wlan_double {
	/* script */
	struct sim_bss bss[WLAN_DOUBLE_BSS_MAX];
	uint8_t ies[WLAN_DOUBLE_BSS_MAX][40];
	size_t nbss;
	int scan_rc, connect_rc, disconnect_rc, auth_rc, send_rc, key_rc, up_rc;
	bool down;               /* interface down: scans fail -ENETDOWN */
	/* record */
	unsigned int scans, connects, disconnects, auth_calls, sends, keys, ups;
	struct sim_connect_params last_connect;
	uint8_t last_connect_bssid[SIM_ETH_ALEN];
	bool last_authorized;
	uint8_t last_auth_peer[SIM_ETH_ALEN];
	uint8_t last_dst[SIM_ETH_ALEN];
	uint16_t last_ethertype;
	size_t last_payload_len;
	struct ihv_wlan_key last_key;
	bool last_no_encrypt;
	/* add_vif: -EOPNOTSUPP unless vif_ok (then ifindex 91, 92...) */
	bool vif_ok;
	unsigned int vifs, vif_dels;
	/* roam and set_cqm (the signal threshold) */
	unsigned int roams, cqm_sets;
	uint8_t last_roam_bssid[SIM_ETH_ALEN];
	int32_t cqm_threshold;
	uint32_t cqm_hysteresis;
	/* ap_station: -EOPNOTSUPP (no AP to ask) unless a test sets it */
	int ap_rc;
	bool ap_authorized;
	unsigned int ap_asks;
};

/* One BSS "ihv-test" (WLAN_DOUBLE_BSSID, 2412 MHz, -40 dBm, open), all
 * ops succeed; it has no AP to ask (ap_station: -EOPNOTSUPP). */
void wlan_double_init(struct wlan_double *d);
struct ihv_wlan wlan_double_wlan(struct wlan_double *d);

extern const uint8_t WLAN_DOUBLE_BSSID[SIM_ETH_ALEN];
extern const uint8_t WLAN_DOUBLE_STA[SIM_ETH_ALEN];

/* Synthesized sim events for adapter @ad. */
struct sim_event wlan_double_ev_connected(struct ihv_wlan_adapter ad);
struct sim_event wlan_double_ev_disconnected(struct ihv_wlan_adapter ad,
					     enum sim_disc_cause cause,
					     uint16_t reason, bool by_ap);
struct sim_event wlan_double_ev(struct ihv_wlan_adapter ad, enum sim_event_type type);

/* ---- the extension double (ext-double.c) ------------------------------ */
/*
 * An in-process extension: scripted answers, recorded arguments, and every
 * handler call appended to the shared log as "ext:<Handler>". Process-wide
 * like a real extension (Check forks each test, so each starts clean).
 */
#include <pthread.h>
#include <wlanihv.h>

#include "loader.h"

struct ihv_service;

struct ext_double {
	/* script */
	DOT11_IHV_VERSION_INFO version;
	DWORD init_adapter_ret, validate_ret, capmatch_ret, preassoc_ret,
	      postassoc_ret, reset_ret;
	bool register_ethertype;    /* SetEtherTypeHandling inside InitAdapter */
	bool api_in_deinit_adapter; /* SetAuthAlgorithm(svc) inside DeinitAdapter */
	bool leak_buffer;           /* AllocateBuffer in InitService, never freed */
	const char *hang_in;        /* handler name (without Dot11ExtIhv) to hang in */
	const char *crash_in;       /* handler name to dereference NULL in */
	bool complete_in_stop;      /* PostAssociateCompletion inside StopPostAssociate */
	DWORD complete_in_stop_ret;
	/* CreateDiscoveryProfiles: 0 ERROR_NOT_SUPPORTED, 1 one profile with
	 * connectivity "<D/>" from AllocateBuffer, 2 the same from malloc */
	int discovery;
	struct ihv_service *observe_svc; /* read host state from inside handlers */
	struct ihv_wlan_adapter observe_ad;
	/* record */
	DOT11EXT_APIS apis;
	DWORD version_used;
	HANDLE svc_handle, connect_session, security_session;
	ULONG bss_bytes_capmatch, bss_bytes_preassoc;
	ULONG ssid_len;
	DOT11_PORT_STATE port;
	ULONG assoc_len;
	uint8_t assoc_mac[SIM_ETH_ALEN];
	DOT11_ASSOC_STATUS assoc_status;
	uint8_t stop_peer[SIM_ETH_ALEN];
	DOT11_ASSOC_STATUS stop_status;
	unsigned int stop_calls, deinit_adapter_calls, deinit_service_calls;
	HANDLE deinit_adapter_handle;
	DWORD recv_size;             /* last ReceivePacket */
	uint8_t recv_peer[SIM_ETH_ALEN];
	uint16_t recv_ethertype;     /* host order */
	uint8_t recv_first;          /* first payload byte of the last one */
	/* the profile PerformPreAssociate got */
	ULONG ssid_count;
	DWORD prof_auth, prof_cipher;
	BOOL prof_onex;
	WCHAR sec_xml[128], conn_xml[128]; /* truncated copies */
	int ethertypes_at_reset;
	DWORD ethertype_ret, api_in_deinit_ret;
	unsigned int discovery_calls;
	/* the last ReceiveIndication: its type and a copy of its bytes */
	unsigned int indications;
	DOT11EXT_IHV_INDICATION_TYPE ind_type;
	ULONG ind_len;
	uint8_t ind_buf[128];
	BOOL discovery_insecure;
	void *leaked2;               /* discovery == 2's string */
	bool handler_off_loop_thread; /* a handler ran on another thread */
	pthread_t loop_thread;
	void *leaked;
	/* the user's side (cksuite-ui.c): what IsUIRequestPending answers,
	 * what QueryUIRequest hands back (NULL: none), what the session and
	 * UI handlers last got */
	BOOL ui_pending;
	PDOT11EXT_IHV_UI_REQUEST ui_query;
	DOT11EXT_IHV_CONNECTION_PHASE ui_query_phase;
	DWORD ui_response_len;
	uint8_t ui_response[16];
	GUID ui_response_guid;
	ULONG session_event;
	DWORD session_id, session_cb;
};

extern struct ext_double ext_double;
/* Defaults: version [0,0], every handler succeeds, nothing scripted. */
void ext_double_init(void);
/* Exports GetVersionInfo, InitService and InitVirtualStation. */
extern const struct ihv_ext_entry ext_double_entry;
/* The same without InitVirtualStation. */
extern const struct ihv_ext_entry ext_double_entry_no_vs;
/* The hIhvExtAdapter the double returns from InitAdapter. */
#define EXT_DOUBLE_ADAPTER ((HANDLE)(uintptr_t)0xE7AD0001u)

#endif
