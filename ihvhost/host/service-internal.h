/* SPDX-License-Identifier: MIT */
/*
 * Service internals shared by service*.c and apis*.c. Everything here is
 * loop-thread state, except the handle table (its own lock).
 *
 * Calls between the files point one way (down):
 *
 *   service.c          service object, adapter lifecycle, reset, packets
 *      |               in, the 802.11 event dispatch
 *      v
 *   service-connect.c  one connection: connect, pre-association,
 *      |               association, post-association, its end
 *      v
 *   service-security.c the connection's profile and security: what the
 *      |               extension set (algorithms, EtherTypes), the RSN
 *      |               and control port asked of nl80211, received
 *      |               frames held until post-association, keys, the
 *      |               AP's confirmation of the authorization
 *      v
 *   service-adapter.c  adapter lookup, state transitions, trace records
 *                      that name an adapter, the handler-call glue
 *                      (IHV_SVC_CALL over hcall.h)
 *
 * apis*.c use service-adapter.c (lookup, IHV_SVC_CALL, state names) and
 * service-connect.c (applying the completions); nothing here calls them.
 */
#ifndef IHVHOST_SERVICE_INTERNAL_H
#define IHVHOST_SERVICE_INTERNAL_H

#include "handles.h"
#include "hcall.h"
#include "service.h"

#define IHV_ETHERTYPE_MAX 32
/* BSSs of one ESS a PmkidCandidateList carries at most. */
#define IHV_CANDIDATES_MAX 8
/* The longest adapter name the scenario language accepts. */
#define IHV_ADAPTER_NAME_MAX 32

/* The profile of the connection, the service's own copy: the Windows
 * structures handed to the handlers point into it (ihv_svc_profile_view). */
struct ihv_svc_prof {
	char name[64];
	DOT11EXT_IHV_SSID_LIST *ssids;     /* the profile's SSIDs (heap) */
	DOT11_BSS_TYPE bss_type;
	DOT11_AUTH_ALGORITHM auth;
	DOT11_CIPHER_ALGORITHM cipher;
	bool onex;
	WCHAR *conn_xml;                   /* never NULL once set: L"" */
	WCHAR *sec_xml;
	bool sec_use_onex;
	/* struct ihv_onex_creds, copied (heap strings; NULL: none) */
	char *onex_identity, *onex_ca, *onex_cert, *onex_key, *onex_server;
};

/* What the extension asked for with the pre-association APIs. Kept per
 * adapter until AdapterReset (Windows keeps them across connections);
 * unset values come from the profile's MS security settings. */
struct ihv_svc_sec {
	bool auth_set, ucast_set, mcast_set, exclude_set;
	DOT11_AUTH_ALGORITHM auth;
	DOT11_CIPHER_ALGORITHM ucast, mcast;
	bool exclude_unencrypted;
	ULONG max_backlog;                 /* SetEtherTypeHandling's */
	ULONG n_exemptions;
	DOT11_PRIVACY_EXEMPTION exemptions[32];
};

/* A received frame held while the association is being made (the kernel
 * delivers the AP's first EAPOL-Key before or after the CONNECT event,
 * they travel on different sockets): handed to ReceivePacket, in order,
 * once post-association has started. */
struct ihv_svc_rx {
	struct ihv_svc_rx *next;
	uint8_t src[SIM_ETH_ALEN];
	uint16_t ethertype;
	size_t len;
	uint8_t data[];
};

struct ihv_adapter {
	struct ihv_adapter *next;
	struct ihv_service *svc;
	struct ihv_wlan_adapter id;
	uint8_t mac[SIM_ETH_ALEN];
	WCHAR desc[64];
	/* As given to adapter_add ("" if none): the scenario's name, up to
	 * IHV_ADAPTER_NAME_MAX characters, which the trace must carry whole
	 * (a scenario matches adapter=NAME against it). */
	char name[IHV_ADAPTER_NAME_MAX + 1];
	DOT11_ADAPTER dot11;
	enum ihv_adapter_state state;
	uintptr_t svc_handle;        /* hDot11SvcHandle we gave InitAdapter */
	HANDLE ext_handle;           /* hIhvExtAdapter the extension returned */
	uintptr_t connect_session;   /* live during pre-association, else 0 */
	uintptr_t security_session;  /* live while a port exists, else 0 */
	bool port;                   /* post-association reached: Stop owed */
	bool port_authorized;
	bool reset_pending;          /* AdapterReset with a pending pre-assoc */
	/* AdapterReset while this hSecuritySessionID's post-association was
	 * pending (no PostAssociateCompletion yet): its completion must be
	 * ERROR_CANCELLED. Kept past StopPostAssociate, since the completion
	 * the extension issued during AdapterReset may be applied after the
	 * disconnection that follows the reset. 0: none. */
	uintptr_t reset_post_session;
	uint8_t peer[SIM_ETH_ALEN];  /* current AP */

	/* the connection being made */
	char ssid[SIM_SSID_MAX + 1];
	uint8_t bssid[SIM_ETH_ALEN];
	uint32_t freq_mhz;
	struct ihv_svc_prof prof;
	bool prof_set;
	struct ihv_svc_sec sec;
	bool roaming;                      /* a reassociation to bssid is on */
	/* The 802.11 request the association was made with: repeated by a
	 * roam (the kernel wants the crypto attributes on every CONNECT). */
	struct sim_connect_params conn_params;
	char conn_ssid[SIM_SSID_MAX + 1];
	uint8_t conn_bssid[SIM_ETH_ALEN];
	uint8_t *beacon_ies;               /* the chosen BSS's, for the
					    * association parameters */
	size_t beacon_ies_len;
	uint64_t preassoc_timer;
	uint64_t assoc_retry_timer;  /* a timed-out association's next try */
	unsigned int assoc_attempts; /* 802.11 attempts for this connection */

	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS assoc;
	ULONG assoc_len;

	ULONG n_ethertypes;
	USHORT ethertypes[IHV_ETHERTYPE_MAX];

	/* received frames held until post-association (see ihv_svc_rx) */
	struct ihv_svc_rx *rx_head, **rx_tail;
	unsigned int rx_n;
	/* keys installed on this association (for the trace at its end) */
	bool key_pairwise;
	uint8_t key_groups;                /* bit n: group key n */
	/* the AP's confirmation of an authorization */
	uint64_t confirm_timer;
	unsigned int confirm_tries;
	/* the connection's ESS as the last scan heard it, strongest first
	 * (PmkidCandidateList, service-indicate.c) */
	struct ihv_candidate {
		uint8_t bssid[SIM_ETH_ALEN];
		uint32_t freq_mhz;
		int32_t signal_mbm;
		bool preauth;
	} candidates[IHV_CANDIDATES_MAX];
	size_t n_candidates;
	/* Virtual stations (apis-vstation.c): this adapter is one (the
	 * primary's svc handle), or has one (its ids). */
	uintptr_t vs_primary_h;
	bool has_vs;
	struct ihv_wlan_adapter vs;
	/* the host's 802.1X, between StartOneX and StopOneX (service-onex.c) */
	struct ihv_onex *onex;
	/* An EAP exchange reached the extension while authorized: the AP
	 * re-authenticates, and one more PostAssociateCompletion is due
	 * (reference rule 4), even with the same outcome. */
	bool reauth_pending;
};

/* Per-profile data the extension keeps with Set/GetProfileCustomUserData:
 * for the run (the service's life), keyed by profile name and user
 * session. */
struct ihv_svc_userdata {
	struct ihv_svc_userdata *next;
	char profile[64];
	DWORD session_id;
	DWORD size;
	uint8_t data[];
};

struct ihv_service {
	struct ihv_service_config cfg;
	const DOT11EXT_IHV_HANDLERS *h; /* the loader's copy (ext->handlers) */
	struct ihv_handles handles;
	struct ihv_adapter *adapters;
	ULONG next_session_id;
	bool shut_down;
	struct ihv_svc_userdata *userdata;
	/* service-ui.c: the UI requests awaiting the user's answer, oldest
	 * first, and the user session logged on (ProcessSessionChange). */
	struct ihv_svc_ui_req *ui_reqs;
	bool ui_logged_on;
	DWORD ui_session;
};

/* ---- service-adapter.c: the bottom layer, used by every file above ---- */

struct ihv_adapter *ihv_svc_adapter_by_id(struct ihv_service *svc,
					  struct ihv_wlan_adapter ad);
struct ihv_adapter *ihv_svc_adapter_by_svc_handle(struct ihv_service *svc,
						  uintptr_t h);
/* Traces the transition ("state") and mirrors it into the svc handle's
 * aux for the API threads' window checks; no-op when already @to. */
void ihv_svc_set_state(struct ihv_service *svc, struct ihv_adapter *a,
		       enum ihv_adapter_state to);
/* The adapter's fields of a trace record ("adapter", "wiphy", "ifindex"). */
struct ihv_trace_rec;
void ihv_svc_rec_adapter(struct ihv_trace_rec *r, const struct ihv_adapter *a);
/* Trace record of a host decision ("host", with "what" and "detail"). */
void ihv_svc_trace_note(struct ihv_service *svc, const struct ihv_adapter *a,
			const char *what, const char *detail);
/* @ta (NULL: none) with @a's adapter fields, for a "handler" record. */
struct ihv_hcall_args ihv_svc_hcall_args(const struct ihv_adapter *a,
					 const struct ihv_hcall_args *ta);

/*
 * Calls handler Dot11ExtIhv<name> of the extension inside the hcall.h
 * bracket (watchdog + one "handler" record naming @a); the _A forms also
 * record @ta (struct ihv_hcall_args *: peer, status, size, session).
 * Statement expressions keep the argument list at the call site readable.
 */
#define IHV_SVC_CALL(svc, a, name, ...) IHV_SVC_CALL_A(svc, a, NULL, name, __VA_ARGS__)
#define IHV_SVC_CALL_VOID(svc, a, name, ...) IHV_SVC_CALL_VOID_A(svc, a, NULL, name, __VA_ARGS__)
#define IHV_SVC_CALL_A(svc, a, ta, name, ...)                                \
	({                                                                   \
		struct ihv_hcall_args ha_ = ihv_svc_hcall_args(a, ta);       \
		IHV_HCALL((svc)->cfg.trace, &ha_, "Dot11ExtIhv" #name,       \
			  (svc)->h->Dot11ExtIhv##name(__VA_ARGS__));         \
	})
#define IHV_SVC_CALL_VOID_A(svc, a, ta, name, ...)                           \
	do {                                                                 \
		struct ihv_hcall_args ha_ = ihv_svc_hcall_args(a, ta);       \
		IHV_HCALL_VOID((svc)->cfg.trace, &ha_, "Dot11ExtIhv" #name,  \
			       (svc)->h->Dot11ExtIhv##name(__VA_ARGS__));    \
	} while (0)

/* ---- service-security.c: the connection's profile and security -------- */

/* Everything the profile handlers receive, built on the caller's stack
 * from @a->prof: the pointers are valid while @a->prof is unchanged. */
struct ihv_svc_profile {
	DOT11_MSSECURITY_SETTINGS sec_settings;
	DOT11EXT_IHV_PROFILE_PARAMS params;
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn;
	DOT11EXT_IHV_SECURITY_PROFILE sec;
};
/* Copies @p (NULL: one made from @bss's RSN element) into @a->prof for a
 * connection to @ssid. -EINVAL: a fragment is not valid UTF-8. */
int ihv_svc_profile_set(struct ihv_adapter *a, const struct ihv_profile *p,
			const char *ssid, const struct sim_bss *bss);
void ihv_svc_profile_clear(struct ihv_adapter *a);
void ihv_svc_profile_view(struct ihv_adapter *a, struct ihv_svc_profile *out);
/* SetCurrentProfile: replaces the fragments (copies). -ENOMEM. */
int ihv_svc_profile_replace(struct ihv_adapter *a, const WCHAR *conn,
			    const WCHAR *sec);
/* The algorithms in force for the association: what the extension set,
 * else the profile's. */
void ihv_svc_sec_algos(const struct ihv_adapter *a, DWORD *auth, DWORD *ucast,
		       DWORD *mcast);
/* The nl80211 request for the association of @a (pointers into @a).
 * -EOPNOTSUPP with a trace note for what nl80211 cannot ask for. */
int ihv_svc_sec_connect_params(struct ihv_service *svc, struct ihv_adapter *a,
			       struct sim_connect_params *p);
/* AdapterReset: forgets the extension's settings and registrations. */
void ihv_svc_sec_reset(struct ihv_adapter *a);
/* Hands the held frames to ReceivePacket (post-association started), or
 * drops them (the association ended; traced). */
void ihv_svc_rx_flush(struct ihv_service *svc, struct ihv_adapter *a);
void ihv_svc_rx_drop(struct ihv_service *svc, struct ihv_adapter *a,
		     const char *why);
/* The association ended: its keys are gone with it (traced). */
void ihv_svc_keys_forget(struct ihv_service *svc, struct ihv_adapter *a);
/* The port was opened: the AP's view decides "authorized" (polled,
 * bounded); see service-security.c. */
void ihv_svc_confirm_start(struct ihv_service *svc, struct ihv_adapter *a);
void ihv_svc_confirm_cancel(struct ihv_service *svc, struct ihv_adapter *a);
/* The security session's handle aux: what the last PostAssociateCompletion
 * decided (NONE again once a re-authentication starts). */
enum ihv_post_outcome {
	IHV_POST_NONE = 0,
	IHV_POST_AUTHORIZED = 1,
	IHV_POST_REFUSED = 2,
};
/* The custom user data store (apis-assoc.c). */
int ihv_svc_userdata_set(struct ihv_service *svc, const char *profile,
			 DWORD session_id, const void *data, DWORD size);
const struct ihv_svc_userdata *ihv_svc_userdata_get(struct ihv_service *svc,
						    const char *profile,
						    DWORD session_id);
void ihv_svc_userdata_free(struct ihv_service *svc);

/* ihv_service_adapter_add for a virtual station of the adapter whose svc
 * handle is @vs_primary_h (0: a primary). */
int ihv_svc_adapter_add_ex(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			   const uint8_t mac[SIM_ETH_ALEN], const char *name,
			   uintptr_t vs_primary_h);

/* ---- service-indicate.c: ReceiveIndication, roaming on signal ---------- */

int32_t ihv_svc_roam_threshold(const struct ihv_service *svc);
/* Keeps the ESS's BSSs of a scan (the connection's SSID), strongest first. */
void ihv_svc_candidates_note(struct ihv_adapter *a, const struct sim_bss *bss, size_t n);
/* PmkidCandidateList with what ihv_svc_candidates_note kept (2 or more). */
void ihv_svc_indicate_candidates(struct ihv_service *svc, struct ihv_adapter *a);
/* The association was made: the driver watches the signal threshold. */
void ihv_svc_link_watch(struct ihv_service *svc, struct ihv_adapter *a);
void ihv_svc_on_signal(struct ihv_service *svc, struct ihv_adapter *a,
		       const struct sim_event *ev);
void ihv_svc_on_rfkill(struct ihv_service *svc, struct ihv_adapter *a,
		       const struct sim_event *ev);
void ihv_svc_on_mic_failure(struct ihv_service *svc, struct ihv_adapter *a,
			    const struct sim_event *ev);

/* ---- service-discovery.c: a network without a saved profile ---------- */

/* CreateDiscoveryProfiles for @a's connection (profile made from the BSS
 * already set): the first profile offered replaces its fragments. 0 (a
 * profile offered or not), -EPROTO (an unusable list, reported), -ENOMEM. */
int ihv_svc_discover(struct ihv_service *svc, struct ihv_adapter *a, bool insecure,
		     DOT11_BSS_LIST *list);

/* ---- service-onex.c: Microsoft's 802.1X, run by the host ---------------- */

/* The extension's EAP_ATTRIBUTES, as the host uses them. */
struct ihv_onex_attrs {
	char identity[254];       /* eatUserName, "" when not given */
	unsigned int n;           /* how many attributes were passed */
};
/* StartOneX on the loop: a new session with the profile's credentials.
 * ERROR_SUCCESS, or the error to return (traced and reported here). */
DWORD ihv_svc_onex_start(struct ihv_service *svc, struct ihv_adapter *a,
			 const struct ihv_onex_attrs *attrs);
/* ProcessSecurityPacket on the loop: one EAPOL PDU from the AP. */
DWORD ihv_svc_onex_packet(struct ihv_service *svc, struct ihv_adapter *a,
			  const uint8_t *pdu, size_t len, const char **note);
/* Indicates a concluded conversation's result (OnexIndicateResult), if
 * one is held: called when the ReceivePacket in progress returns. */
void ihv_svc_onex_flush(struct ihv_service *svc, struct ihv_adapter *a);
/* StopOneX on the loop. */
DWORD ihv_svc_onex_stop(struct ihv_service *svc, struct ihv_adapter *a);
/* StopPostAssociate returned: a session still running is a violation
 * (the extension must stop it); the host ends it. No session: nothing. */
void ihv_svc_onex_end(struct ihv_service *svc, struct ihv_adapter *a);

/* ---- service-ui.c: user sessions and UI requests ----------------------- */

/* Records a UI request the extension made (SendUIRequest on the loop, or
 * what QueryUIRequest returned): a copy of @req and its bytes, pending
 * for @a. ERROR_SUCCESS, or ERROR_INVALID_PARAMETER with @why (a GUID
 * already pending), ERROR_OUTOFMEMORY. */
DWORD ihv_svc_ui_record(struct ihv_service *svc, struct ihv_adapter *a,
			const DOT11EXT_IHV_UI_REQUEST *req, char *why, size_t why_len);
/* DeinitAdapter of @a: its pending requests die with it (traced). */
void ihv_svc_ui_adapter_gone(struct ihv_service *svc, struct ihv_adapter *a);
/* ihv_service_free: whatever is left. */
void ihv_svc_ui_free(struct ihv_service *svc);

/* ---- service-connect.c: one connection, from connect to its end ------- */

/* The association of @a ended: StopPostAssociate (if a port exists) with
 * @status, security session retired, association parameters freed;
 * state -> @to. @cause: the sim event that ended it (its t_first_ns goes
 * into the handler record as "event_t_ns"), NULL when the host itself
 * decided (explicit removal, unload). */
void ihv_svc_end_association(struct ihv_service *svc, struct ihv_adapter *a,
			     DOT11_ASSOC_STATUS status, enum ihv_adapter_state to,
			     const struct sim_event *cause);
/* Drops what the connection being made holds (timers, hConnectSession
 * retired as @why). */
void ihv_svc_connect_abandon(struct ihv_service *svc, struct ihv_adapter *a,
			     enum ihv_handle_retire why);
/* The 802.11 side's answers to an association the service started. */
void ihv_svc_on_connected(struct ihv_service *svc, struct ihv_adapter *a,
			  const struct sim_event *ev);
void ihv_svc_on_connect_failed(struct ihv_service *svc, struct ihv_adapter *a,
			       const struct sim_event *ev);
/* The two completions, applied on the loop thread after apis-assoc.c
 * validated and posted them. */
void ihv_svc_apply_preassoc_completion(struct ihv_service *svc, uintptr_t svc_h,
				       uintptr_t conn_h, DWORD reason, DWORD win32);
void ihv_svc_apply_postassoc_completion(struct ihv_service *svc, uintptr_t svc_h,
					uintptr_t sec_h, const uint8_t peer[SIM_ETH_ALEN],
					DWORD reason, DWORD win32);

#endif /* IHVHOST_SERVICE_INTERNAL_H */
