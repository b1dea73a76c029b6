/* SPDX-License-Identifier: MIT */
/*
 * service: the emulated Windows WLAN service, one state machine per adapter
 *
 *   none -> initialised -> pre-associating -> associating
 *        -> post-associating -> authorized
 *
 * following the reference's "call sequence" rules:
 *  - InitAdapter when an adapter appears, with the host's own
 *    hDot11SvcHandle (an opaque handle, see handles.h);
 *  - connect: scan -> ValidateProfile -> PerformCapabilityMatch (real
 *    DOT11_BSS_LIST) -> PerformPreAssociate -> the extension's
 *    PreAssociateCompletion (posted to the loop) -> ONLY THEN the 802.11
 *    association (wlan connect); a refusal anywhere means no association;
 *  - SIM_EV_CONNECTED -> port created unauthorized -> PerformPostAssociate
 *    with the real DOT11_ASSOCIATION_COMPLETION_PARAMETERS buffer ->
 *    PostAssociateCompletion -> port authorized (win32 0) or not;
 *  - StopPostAssociate exactly once per association that reached
 *    post-association (completed or not), with
 *    ihv_status_from_disconnect(cause, reason, by_ap), and always before
 *    DeinitAdapter;
 *  - AdapterReset (a reset, or a disconnect request during
 *    pre-association): EtherType registrations are cleared first; a
 *    pending pre- or post-association completion must then arrive with
 *    ERROR_CANCELLED (anything else: verifier rule not-cancelled), and
 *    neither associates nor authorizes;
 *  - removal: StopPostAssociate (if a port exists), then DeinitAdapter; the
 *    svc handle is invalid from the start of DeinitAdapter.
 * Handle invalidation points: hConnectSession at pre-association completion
 * (or DeinitAdapter), hSecuritySessionID at StopPostAssociate.
 *
 * Choices where the public material contradicts itself (reference, "known
 * contradictions"), each tested in tests/unit/cksuite-service.c:
 *  - completion on DeinitAdapter: the host expects none. hConnectSession
 *    and hSecuritySessionID die with the adapter; a completion after that
 *    is a late-completion violation.
 *  - PostAssociateCompletion may be repeated only when the outcome changes
 *    (re-authentication); the same outcome twice is double-completion.
 *  - PerformCapabilityMatch gets every BSS of the ESS from the scan (or
 *    only the one the request names); any non-zero return refuses.
 *  - AdapterReset with an association: AdapterReset first, then the 802.11
 *    disconnection; StopPostAssociate comes with its SIM_EV_DISCONNECTED
 *    (status DISASSOCIATED_BY_OS for the local request), exactly once.
 *  - robustness on a real, busy medium: a connect rescans up to 3 times
 *    before "no matching BSS", and a TIMED-OUT 802.11 association is
 *    retried up to 3 attempts in all (an AP's refusal is final); both
 *    are traced ("scan-retry", "association-retry") and neither repeats
 *    the pre-association;
 *  - a pre-association not completed within preassoc_timeout_ms is
 *    abandoned (traced "pre-association-timeout"); CreateDiscoveryProfiles
 *    is not called (every connect request is a saved profile).
 *
 * Loop thread only. Errors: 0 or -errno (-ENODEV: unknown adapter;
 * -EBUSY: the adapter is not in a state that allows the request).
 *
 * Files (calls point down only; service-internal.h has the details):
 *   service.c          the service object, adapter add/remove, shutdown,
 *                      reset, receive_packet, ihv_service_event dispatch,
 *                      introspection;
 *   service-connect.c  ihv_service_connect and everything one connection
 *                      goes through up to StopPostAssociate;
 *   service-adapter.c  adapter lookup, state transitions and their trace,
 *                      ihv_adapter_state_name;
 *   hcall.h            the bracket (watchdog + "handler" record) around
 *                      every call into the extension.
 */
#ifndef IHVHOST_SERVICE_H
#define IHVHOST_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include <wlanihv.h>

#include "sim.h"
#include "wlan.h"

struct ihv_loop;
struct ihv_trace;
struct ihv_verifier;
struct ihv_service;

enum ihv_adapter_state {
	IHV_ADAPTER_NONE,
	IHV_ADAPTER_INITIALISED,
	IHV_ADAPTER_PRE_ASSOCIATING,
	IHV_ADAPTER_ASSOCIATING,
	IHV_ADAPTER_POST_ASSOCIATING,
	IHV_ADAPTER_AUTHORIZED,
};

struct ihv_service_config {
	struct ihv_loop *loop;
	struct ihv_wlan wlan;
	/* The host's copy of the extension's handlers (loader.h), filled by
	 * InitService after ihv_service_new; must outlive the service. */
	const DOT11EXT_IHV_HANDLERS *handlers;
	struct ihv_verifier *verifier;
	struct ihv_trace *trace;               /* NULL: no trace */
	/* How long a pre-association may stay incomplete before the host
	 * gives up the connection (no 802.11 association; traced). 0: 10 s. */
	unsigned int preassoc_timeout_ms;
	/* Roaming on signal (service-indicate.c), 0: the default. The
	 * threshold the driver watches (dBm), its hysteresis (dB), how much
	 * stronger another BSS must be heard (dB); roam_off: never roam on
	 * signal (LinkQuality is still indicated). */
	int32_t roam_threshold_dbm;
	uint32_t roam_hysteresis_db;
	int32_t roam_better_db;
	bool roam_off;
};
/* Windows' 0..100 link quality for a signal in dBm (LinkQuality). */
uint8_t ihv_link_quality(int32_t dbm);
#define IHV_ROAM_THRESHOLD_DBM_DEFAULT (-70)
#define IHV_ROAM_HYSTERESIS_DB_DEFAULT 4
#define IHV_ROAM_BETTER_DB_DEFAULT 6

/*
 * A connection profile, in UTF-8 (the service hands it to the extension
 * as Windows does: DOT11EXT_IHV_PROFILE_PARAMS with UTF-16 XML
 * fragments). Borrowed for the duration of ihv_service_connect: the
 * service keeps its own copy for the connection (roams, re-validation).
 */
#define IHV_PROFILE_MAX_SSIDS 8
struct ihv_profile {
	const char *name;                  /* shown in the trace */
	const char *ssids[IHV_PROFILE_MAX_SSIDS]; /* 1..32 bytes each */
	size_t n_ssids;                    /* 1..IHV_PROFILE_MAX_SSIDS */
	DOT11_BSS_TYPE bss_type;
	/* MS security settings (DOT11_MSSECURITY_SETTINGS). */
	DOT11_AUTH_ALGORITHM auth;
	DOT11_CIPHER_ALGORITHM cipher;
	bool onex;
	/* The IHV fragments; NULL: empty. */
	const char *connectivity_xml;
	const char *security_xml;
	/* What the host's 802.1X (Microsoft's OneX, started by the extension
	 * with Dot11ExtStartOneX) authenticates with: EAP-TLS, PEM files.
	 * identity NULL: the profile names none (StartOneX is refused). */
	struct ihv_onex_creds {
		const char *identity;
		const char *ca_file, *cert_file, *key_file;
		const char *server_name;   /* NULL: any name the CA vouches for */
	} onex_creds;
};

struct ihv_connect_request {
	const char *ssid;            /* required: the network to join */
	const uint8_t *bssid;        /* NULL: the strongest BSS of the scan */
	uint32_t freq_mhz;           /* 0: every channel */
	/* NULL: a profile made from the BSS found (its SSID, and the
	 * authentication and cipher its RSN element offers), with empty IHV
	 * fragments, as Windows makes for a network the user picks. */
	const struct ihv_profile *profile;
};

int ihv_service_new(const struct ihv_service_config *cfg, struct ihv_service **out);
/* Frees; call ihv_service_shutdown first (it is called if not). NULL ok. */
void ihv_service_free(struct ihv_service *svc);
/* Unload order: StopPostAssociate where a port exists, then DeinitAdapter,
 * for every adapter. DeinitService is the loader's (ihv_ext_stop). */
void ihv_service_shutdown(struct ihv_service *svc);

/* Adapter arrival: InitAdapter. -EEXIST: known; -EPROTO: InitAdapter
 * failed (the adapter is not managed). */
int ihv_service_adapter_add(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			    const uint8_t mac[SIM_ETH_ALEN], const char *name);
/* Explicit removal: StopPostAssociate (if a port exists), DeinitAdapter. */
int ihv_service_adapter_remove(struct ihv_service *svc, struct ihv_wlan_adapter ad);

/* Starts the connect path (see above); returns once PerformPreAssociate
 * returned. An interface found down (an rfkill unblock leaves it so) is
 * brought up first, traced "interface-up". -ENOENT: no matching BSS;
 * -EACCES: the extension refused; -ERFKILL: the radio is blocked. */
int ihv_service_connect(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			const struct ihv_connect_request *req);
/*
 * A disconnect request, by state:
 *  - idle (initialised): nothing to end; 0, traced "disconnect-noop";
 *  - pre-associating: AdapterReset (rule 6), which cancels the attempt:
 *    the extension completes with ERROR_CANCELLED and no 802.11
 *    association follows; 0 once AdapterReset returned;
 *  - associating between two attempts: the connection ends here;
 *  - otherwise the 802.11 side disconnects, and StopPostAssociate follows
 *    with the SIM_EV_DISCONNECTED event.
 */
int ihv_service_disconnect(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			   uint16_t reason);
/* AdapterReset (after clearing EtherType registrations); an existing
 * association is disconnected. -EPROTO: AdapterReset did not return
 * ERROR_SUCCESS. */
int ihv_service_reset(struct ihv_service *svc, struct ihv_wlan_adapter ad);

/*
 * A frame received on the controlled port's uncontrolled side (EAPOL...)
 * from @src with @ethertype (host order) and @payload: handed to
 * ReceivePacket as DOT11_SECURITY_PACKET_HEADER + payload (a host buffer
 * valid during the call only), in arrival order. -ENOENT: the extension
 * did not register @ethertype with SetEtherTypeHandling (dropped and
 * traced); -ENOTCONN: no association.
 */
int ihv_service_receive_packet(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			       const uint8_t src[SIM_ETH_ALEN], uint16_t ethertype,
			       const uint8_t *payload, size_t len);

/*
 * Roam: reassociation of @ad's association to @bssid (same ESS) with the
 * same security request; pre-association is not repeated. The old
 * association ends (StopPostAssociate DISASSOCIATED_BY_ROAMING) when the
 * new one is made, then a new post-association follows; a failed
 * reassociation ends the old one as well (service-connect.c).
 * -ENOTCONN: no association to roam from.
 */
int ihv_service_roam(struct ihv_service *svc, struct ihv_wlan_adapter ad,
		     const uint8_t bssid[SIM_ETH_ALEN], uint32_t freq_mhz);

/* Feeds one event from the 802.11 world (the event source's callback). */
void ihv_service_event(struct ihv_service *svc, const struct sim_event *ev);

/* Introspection for the runner and the tests. */
enum ihv_adapter_state ihv_service_adapter_state(struct ihv_service *svc,
						 struct ihv_wlan_adapter ad);
/* Number of EtherTypes registered by SetEtherTypeHandling; -ENODEV. */
int ihv_service_ethertype_count(struct ihv_service *svc, struct ihv_wlan_adapter ad);
/* Opaque handles of the adapter (0 when none); -ENODEV. */
int ihv_service_adapter_handles(struct ihv_service *svc, struct ihv_wlan_adapter ad,
				uintptr_t *svc_handle, uintptr_t *connect_session,
				uintptr_t *security_session);
const char *ihv_adapter_state_name(enum ihv_adapter_state s);

#endif /* IHVHOST_SERVICE_H */
