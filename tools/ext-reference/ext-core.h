/*
 * ext-core.h - the core of the sample IHV extensions (tools/ext-reference
 * and tools/ext-misbehave): declarations only. The code is in
 *   ext-core.c      state, configuration, worker thread, completion queue
 *   ext-handlers.c  adapter and association handlers
 *   ext-service.c   the other handlers, DeinitService, the three exports
 *   ext-psk.c       the WPA2-PSK supplicant's side of the handlers
 *   ext-eaptls.c    WPA2-Enterprise: the EAP-TLS conversation's side
 *   (its EAP peer and EAP-TLS method are the project's pure library,
 *   ihvhost/eap/eap-peer.c, the same the host's OneX runs)
 *   ext-wpa.c       its 4-way and group key handshakes (pure, ext-wpa.h)
 *   ext-profile.c   the IHV security profile parser (pure, ext-profile.h)
 * which tools/module.mk compiles once and links into every sample
 * extension. Written only against the Windows names of <wlanihv.h> plus
 * POSIX, exactly as a vendor's extension would be: the reference is every
 * .c of tools/ext-reference built with `cc -shared -fPIC $(pkg-config
 * --cflags ihvsdk)` (README.md).
 *
 * A variant (one extension built on this core) defines, in its own .c,
 *   const struct ext_variant ext_variant = { "ext-reference", init };
 * whose init InitService calls to read the variant's own configuration and
 * to pick its fault hooks (NULL for the reference: it misbehaves nowhere).
 *
 * Model. One service per loaded object (the Windows entry points carry no
 * context, so the state is necessarily global). Adapters are heap objects
 * owned here; their address is the HANDLE InitAdapter returns. Deferred
 * work (pre/post-association completions) is a list of jobs ordered by due
 * time that ONE worker thread runs; handlers only queue, cancel and wait.
 * Everything is guarded by one mutex; one condition variable wakes the
 * worker (new job, stop) and the handlers (an in-flight job finished).
 * A job is unlinked before the worker calls the host without the lock, and
 * the adapter's `inflight` count lets StopPostAssociate, AdapterReset and
 * DeinitAdapter wait for that call to return: once they return, no
 * completion for what they ended can still be on its way.
 */
#ifndef EXT_CORE_H
#define EXT_CORE_H

#include <pthread.h>
#include <time.h>

#include <wlanihv.h>

/*
 * Everything declared below is internal to the extension: hidden, so the
 * object exports only the Dot11ExtIhv* entry points (declared by
 * <wlanihv.h> above, outside this block) and no ext_* symbol can bind to,
 * or be interposed by, a same-named one of the host (linked -rdynamic).
 * A pragma, not -fvisibility=hidden, so a vendor's plain `cc -shared` of
 * these files gets the same exports as tools/module.mk.
 */
#pragma GCC visibility push(hidden)

/* Upper bound of IHV_EXT_DELAY_MS: ten minutes is already absurd. */
#define EXT_DELAY_MAX_MS 600000UL
#define EXT_DELAY_DEFAULT_MS 20UL

/*
 * Failure reasons this extension reports, in the IHV block of L2 reason
 * codes (reference, "Reason codes"): a failure carries a non-zero reason
 * AND a non-zero Win32 error.
 */
#define EXT_REASON_REFUSED   (L2_REASON_CODE_IHV_BASE + 1) /* IHV_EXT_PREASSOC=refuse */
#define EXT_REASON_CANCELLED (L2_REASON_CODE_IHV_BASE + 2) /* AdapterReset */
/* The IHV security profile (ValidateProfile, PerformPreAssociate). */
#define EXT_REASON_PROFILE_XML        (L2_REASON_CODE_IHV_BASE + 3) /* encoding, XML, structure */
#define EXT_REASON_PROFILE_PASSPHRASE (L2_REASON_CODE_IHV_BASE + 4) /* not 8..63 ASCII */
#define EXT_REASON_PROFILE_PSK        (L2_REASON_CODE_IHV_BASE + 5) /* not 64 hex digits */
/* PerformPostAssociate cannot start the 4-way handshake (no RSN element,
 * no SSID, no station address...): post-association fails. */
#define EXT_REASON_PSK_SETUP          (L2_REASON_CODE_IHV_BASE + 6)
/* An <EapTls> value: identity, path or server name. */
#define EXT_REASON_PROFILE_EAP        (L2_REASON_CODE_IHV_BASE + 7)
/* The EAP-TLS certificate, key or CA cannot be read or do not match
 * (PerformPreAssociate, or PerformPostAssociate if they changed since). */
#define EXT_REASON_EAP_CREDENTIALS    (L2_REASON_CODE_IHV_BASE + 8)
/* EAP failed: EAP-Failure from the authenticator, whether it refused us
 * or we refused its certificate (post-association completes with it and
 * ERROR_ACCESS_DENIED). */
#define EXT_REASON_EAP_FAILED         (L2_REASON_CODE_IHV_BASE + 9)
/* The profile asks the user (<AskUser>, ext-ui.c) but no user session is
 * logged on (or the question could not be sent): pre-association refused
 * at once, ERROR_ACCESS_DENIED (or SendUIRequest's error). */
#define EXT_REASON_UI_NO_SESSION      (L2_REASON_CODE_IHV_BASE + 10)
/* The user answered anything but "yes": pre-association refused with
 * ERROR_CANCELLED. */
#define EXT_REASON_UI_DECLINED        (L2_REASON_CODE_IHV_BASE + 11)

/* The 19 handlers, by the short names used in logs and IHV_MISBEHAVE. */
enum ext_handler {
	EXT_H_DEINIT_SERVICE,
	EXT_H_INIT_ADAPTER,
	EXT_H_DEINIT_ADAPTER,
	EXT_H_PERFORM_PRE_ASSOCIATE,
	EXT_H_ADAPTER_RESET,
	EXT_H_PERFORM_POST_ASSOCIATE,
	EXT_H_STOP_POST_ASSOCIATE,
	EXT_H_VALIDATE_PROFILE,
	EXT_H_PERFORM_CAPABILITY_MATCH,
	EXT_H_CREATE_DISCOVERY_PROFILES,
	EXT_H_PROCESS_SESSION_CHANGE,
	EXT_H_RECEIVE_INDICATION,
	EXT_H_RECEIVE_PACKET,
	EXT_H_SEND_PACKET_COMPLETION,
	EXT_H_IS_UI_REQUEST_PENDING,
	EXT_H_PROCESS_UI_RESPONSE,
	EXT_H_QUERY_UI_REQUEST,
	EXT_H_ONEX_INDICATE_RESULT,
	EXT_H_CONTROL,
};
#define EXT_H_COUNT (EXT_H_CONTROL + 1)

/* Same order as enum ext_handler and DOT11EXT_IHV_HANDLERS. */
extern const char *const ext_handler_names[EXT_H_COUNT];

enum ext_job_kind {
	EXT_JOB_PRE,  /* Dot11ExtPreAssociateCompletion */
	EXT_JOB_POST, /* Dot11ExtPostAssociateCompletion */
	EXT_JOB_CALL, /* a variant's own deferred call (job->call) */
};

#define EXT_KIND(k) (1u << (k))
#define EXT_KIND_ALL (EXT_KIND(EXT_JOB_PRE) | EXT_KIND(EXT_JOB_POST) | EXT_KIND(EXT_JOB_CALL))

struct ext_adapter;
struct ext_psk;
struct ext_send;
struct ext_eaptls;
struct ext_profile;
struct ext_wpa;

struct ext_job {
	struct ext_job *next;
	enum ext_job_kind kind;
	struct ext_adapter *ad;   /* the adapter it belongs to */
	HANDLE session;           /* hConnectSession / hSecuritySessionID */
	DOT11_MAC_ADDRESS peer;   /* EXT_JOB_POST: the AP */
	DWORD reason;
	DWORD win32;
	unsigned int calls;       /* how many times to call (1; 2 = fault) */
	struct timespec due;      /* CLOCK_MONOTONIC */
	void (*call)(struct ext_job *job); /* EXT_JOB_CALL */
};

struct ext_adapter {
	struct ext_adapter *next;
	HANDLE svc;               /* hDot11SvcHandle, valid until DeinitAdapter */
	GUID id;
	unsigned int inflight;    /* jobs of this adapter the worker is calling */
	struct ext_job *held;     /* jobs a fault keeps back (never in reference) */
	LPVOID assoc_copy;        /* Dot11ExtAllocateBuffer copy of the last
				   * association parameters, freed at Stop */
	ULONG assoc_bytes;
	DOT11_MAC_ADDRESS station; /* our own address (gAdapterId, ext-psk.c) */
	DOT11_MAC_ADDRESS peer;   /* the AP of the last PerformPostAssociate */
	HANDLE session;           /* its hSecuritySessionID */
	struct ext_psk *psk;      /* WPA2-PSK (ext-psk.c); NULL: not owned */
	struct ext_send *sends;   /* packets awaiting SendPacketCompletion */
};

/* What a variant may change; every member optional. */
struct ext_fault_ops {
	/* First thing in every handler (crash, hang). */
	void (*enter)(enum ext_handler h);
	/* After InitService filled the table (NULL handlers). */
	void (*handlers)(PDOT11EXT_IHV_HANDLERS t);
	/* Before a completion job is queued: return 0 to queue it, 1 when the
	 * hook took the job (freed or held in job->ad->held). */
	int (*schedule)(struct ext_job *job);
	/* After StopPostAssociate cancelled the adapter's jobs, lock held. */
	void (*stopped)(struct ext_adapter *ad);
	/* In the worker, unlocked, after a post-association completion. */
	void (*post_completed)(struct ext_job *job);
	/* Inside DeinitAdapter, before the adapter is freed, lock held. */
	void (*deinit_adapter)(struct ext_adapter *ad);
	/* ReceivePacket, lock held, before the frame is looked at: return 1
	 * to drop it unseen. */
	int (*receive)(struct ext_adapter *ad);
	/* Lock held (in ReceivePacket), just before Dot11ExtSetKeyMappingKey:
	 * may alter @key. */
	void (*pairwise_key)(struct ext_adapter *ad, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE key);
	/* PerformPreAssociate, lock held, after the security set-up calls,
	 * before the completion is queued. */
	void (*pre_associate)(struct ext_adapter *ad, PDOT11_BSS_LIST bss);
	/* StopPostAssociate, lock held: nonzero leaves the host's 802.1X
	 * session running (no Dot11ExtStopOneX). */
	int (*keep_onex)(struct ext_adapter *ad);
};

/* What each variant defines, once, as `const struct ext_variant ext_variant`. */
struct ext_variant {
	const char *name;           /* the log prefix, "ext-reference" */
	/*
	 * Called by InitService after the IHV_EXT_* variables were read, with
	 * no lock held: reads the variant's own configuration and sets
	 * *faults (NULL: no faults). ERROR_SUCCESS, or the Win32 error
	 * InitService returns (after printing one line saying why).
	 */
	DWORD (*init)(const struct ext_fault_ops **faults);
};

extern const struct ext_variant ext_variant;

struct ext_config {
	unsigned long delay_ms;     /* IHV_EXT_DELAY_MS */
	unsigned long post_delay_ms; /* IHV_EXT_POST_DELAY_MS (default: delay_ms) */
	int refuse_preassoc;        /* IHV_EXT_PREASSOC=refuse */
	int fail_postassoc;         /* IHV_EXT_POSTASSOC=fail */
};

struct ext_service {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t worker;
	int initialised;            /* between InitService and DeinitService */
	int worker_running;
	int stopping;
	DOT11EXT_APIS apis;         /* the host's table, copied */
	struct ext_config cfg;
	struct ext_adapter *adapters;
	struct ext_job *jobs;       /* ordered by due */
};

/* The one service (ext-core.c); variants may call the host through .apis. */
extern struct ext_service ext_svc;
/* The host's virtual-station table (InitVirtualStation; zero: none). */
extern DOT11EXT_VIRTUAL_STATION_APIS ext_vs_apis;
/* The variant's hooks, set at InitService (NULL: none). */
extern const struct ext_fault_ops *ext_faults;

/* ------------------------------------------------- for variants, too */

/* One stderr line prefixed with ext_variant.name. */
void ext_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "aa:bb:cc:dd:ee:ff" in @buf, or "(null)" for a NULL @mac. */
const char *ext_mac_str(const UCHAR *mac, char buf[18]);
/* A calloc'ed job that calls once; NULL when out of memory. */
struct ext_job *ext_job_new(enum ext_job_kind kind, struct ext_adapter *ad,
			    HANDLE session);
/* Lock held. Inserts @job due @delay_ms from now and wakes the worker. */
void ext_job_queue(struct ext_job *job, unsigned long delay_ms);

/* ------------------------------------------------- within the core */

/* ext-core.c */
DWORD ext_config_read(struct ext_config *cfg);
struct ext_adapter *ext_adapter_find(HANDLE h);
void ext_adapter_quiesce(struct ext_adapter *ad);
void ext_adapter_drop_assoc(struct ext_adapter *ad);
int ext_adapter_has_jobs(const struct ext_adapter *ad);
struct ext_job *ext_jobs_take(struct ext_adapter *ad, unsigned int kind_mask);
void ext_jobs_free(struct ext_job *list);
void *ext_worker(void *arg);
int ext_cond_init_monotonic(void);

/* ext-psk.c: the WPA2-PSK supplicant's side of the handlers (lock held
 * unless said otherwise). */
DWORD ext_psk_validate(PDOT11EXT_IHV_SECURITY_PROFILE sec, PDWORD pdwReasonCode,
		       const char *handler, HANDLE h);
DWORD ext_psk_pre_associate(struct ext_adapter *ad, PDOT11EXT_IHV_PROFILE_PARAMS params,
			    PDOT11EXT_IHV_SECURITY_PROFILE sec, PDWORD pdwReasonCode);
/* ERROR_SUCCESS: the 4-way handshake completes post-association (no job
 * to queue); ERROR_NOT_SUPPORTED: security not owned (queue as before);
 * other: set-up failed, *reason says why (queue a failed completion). */
DWORD ext_psk_post_associate(struct ext_adapter *ad, HANDLE session,
			     ULONG bytes, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p,
			     DWORD *reason);
/* ReceivePacket's buffer for @ad (validated here). */
DWORD ext_psk_receive(struct ext_adapter *ad, DWORD size, const UCHAR *buf);
/* StopPostAssociate: the handshake state is wiped; profile and PMK stay
 * (a roam's new PerformPostAssociate uses them). */
void ext_psk_stop(struct ext_adapter *ad);
/* AdapterReset, DeinitAdapter, DeinitService: everything wiped. */
void ext_psk_free(struct ext_adapter *ad);
/* Queues the post-association completion for the adapter's session (the
 * worker delivers it; a success becomes a failure under
 * IHV_EXT_POSTASSOC=fail). */
void ext_psk_complete(struct ext_adapter *ad, DWORD reason, DWORD win32);
/* OnexIndicateResult for the adapter's WPA2-Enterprise conversation. */
void ext_psk_onex_result(struct ext_adapter *ad, DOT11_MSONEX_RESULT result,
			 const DOT11_MSONEX_RESULT_PARAMS *p);
/* One EAPOL-Key PDU for @wpa: answers, installs keys, logs. 1 when the
 * 4-way handshake just completed (the caller completes), 0 otherwise,
 * -errno when the frame was dropped. */
int ext_psk_key_frame(struct ext_adapter *ad, struct ext_wpa *wpa, const UCHAR *pdu, size_t len);

/* ext-profiledata.c: per-profile data and notifications. */
#define EXT_NOTIFY_AUTHORIZED 1  /* NotificationCode: the port opened */
/* PerformPreAssociate (lock held): counts this connection in the
 * profile's custom user data. */
void ext_profile_data_count(struct ext_adapter *ad, HANDLE session, PDOT11_BSS_LIST bss);
/* Worker, unlocked: the port to @peer is authorized (L2 notification). */
void ext_notify_authorized(struct ext_adapter *ad, HANDLE svc, const DOT11_MAC_ADDRESS peer);

/* ext-eaptls.c: WPA2-Enterprise with EAP-TLS (lock held). */
/* PerformPreAssociate: the credential files of @prof can be read and
 * match; otherwise one line, *pdwReasonCode EXT_REASON_EAP_CREDENTIALS
 * and the Win32 error to return. */
DWORD ext_eaptls_check(const struct ext_profile *prof, PDWORD pdwReasonCode, const void *ad);
/* PerformPostAssociate: a new conversation in *@out (the old one, if
 * any, freed). ERROR_SUCCESS, or the error and *reason to fail with. */
DWORD ext_eaptls_start(struct ext_adapter *ad, const struct ext_profile *prof,
		       struct ext_eaptls **out, DWORD *reason);
/* One EAPOL PDU from the AP (EtherType and sender checked by the caller). */
void ext_eaptls_receive(struct ext_adapter *ad, struct ext_eaptls *st,
			const struct ext_profile *prof, struct ext_wpa *wpa,
			const UCHAR *pdu, size_t len);
/* Wipes and frees (NULL ok). */
void ext_eaptls_free(struct ext_eaptls *st);
/* StopPostAssociate: Dot11ExtStopOneX if the host's 802.1X runs (NULL ok). */
void ext_eaptls_stop(struct ext_adapter *ad, struct ext_eaptls *st);
/* OnexIndicateResult for the conversation of @st (NULL: none of ours). */
void ext_eaptls_onex_result(struct ext_adapter *ad, struct ext_eaptls *st,
			    struct ext_wpa *wpa, DOT11_MSONEX_RESULT result,
			    const DOT11_MSONEX_RESULT_PARAMS *p);

/*
 * Security packets we sent: Windows keeps pvPacket until
 * SendPacketCompletion, so each is a heap copy listed on its adapter.
 * ext_send_track copies DOT11_SECURITY_PACKET_HEADER{@peer, 0x888E} +
 * @pdu and lists it (NULL: out of memory); ext_send_untrack unlinks and
 * frees it (a SendPacket that failed gets no completion). Lock held.
 */
struct ext_send {
	struct ext_send *next;
	ULONG len;
	UCHAR pkt[];
};
struct ext_send *ext_send_track(struct ext_adapter *ad, const UCHAR peer[6],
				const UCHAR *pdu, size_t len);
void ext_send_untrack(struct ext_adapter *ad, struct ext_send *s);
/* SendPacketCompletion: 1 when @h was one of ours (now freed). */
int ext_send_done(HANDLE h);
/* Lock held, from a HANDLER only (the host runs an API called from a
 * handler inline, on its own thread, so holding the lock cannot wait on
 * the worker): tracks and sends one EAPOL PDU to @peer. The worker calls
 * host APIs unlocked: ext_send_track, unlock, call, relock, untrack on
 * failure. */
DWORD ext_psk_send(struct ext_adapter *ad, const UCHAR peer[6], const UCHAR *pdu, size_t len);

/* ext-handlers.c: the first call of every handler (a variant's enter hook). */
void ext_enter(enum ext_handler h);
/* ext-handlers.c: the handlers ext-service.c puts in the table. */
DWORD WINAPI ext_init_adapter(PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
			      PHANDLE phIhvExtAdapter);
VOID WINAPI ext_deinit_adapter(HANDLE hIhvExtAdapter);
DWORD WINAPI ext_perform_pre_associate(HANDLE hIhvExtAdapter, HANDLE hConnectSession,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDOT11_BSS_LIST pConnectableBssid,
	PDWORD pdwReasonCode);
DWORD WINAPI ext_perform_post_associate(HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
	PDOT11_PORT_STATE pPortState, ULONG uDot11AssocParamsBytes,
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams);
DWORD WINAPI ext_stop_post_associate(HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
				     DOT11_ASSOC_STATUS dot11AssocStatus);
DWORD WINAPI ext_adapter_reset(HANDLE hIhvExtAdapter);

/* ext-ui.c: the user (README.md "Asking the user"); lock held. */
void ext_ui_session_change(ULONG event, DWORD session);
int ext_ui_logged_on(DWORD *session);
/* PerformPreAssociate, with the completion @job not yet queued: a
 * connectivity fragment <AskUser>Q</AskUser> sends Q (SendUIRequest) and
 * holds @job (*held = 1) until the answer; no session logged on sets a
 * refusal in @job. ERROR_SUCCESS, or a synchronous refusal (malformed
 * fragment: *pdwReasonCode = EXT_REASON_PROFILE_XML). */
DWORD ext_ui_pre_associate(struct ext_adapter *ad, PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
			   struct ext_job *job, PDWORD pdwReasonCode, int *held);
int ext_ui_is_pending(GUID guid);
DWORD ext_ui_response(GUID guid, DWORD n, const BYTE *bytes);
DWORD ext_ui_query(struct ext_adapter *ad, DOT11EXT_IHV_CONNECTION_PHASE phase,
		   PDOT11EXT_IHV_UI_REQUEST *pp);
/* Forgets the requests of @ad (NULL: all). @complete (AdapterReset): a
 * held completion is queued (the reset then cancels it); else it is
 * dropped. Returns how many completions were held. */
unsigned int ext_ui_release(struct ext_adapter *ad, int complete);

#pragma GCC visibility pop

#endif /* EXT_CORE_H */
