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
/* The longest adapter name the scenario language accepts. */
#define IHV_ADAPTER_NAME_MAX 32

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
	enum sim_security security;
	char passphrase[64];
	uint64_t preassoc_timer;
	uint64_t assoc_retry_timer;  /* a timed-out association's next try */
	unsigned int assoc_attempts; /* 802.11 attempts for this connection */

	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS assoc;
	ULONG assoc_len;

	ULONG n_ethertypes;
	USHORT ethertypes[IHV_ETHERTYPE_MAX];
};

struct ihv_service {
	struct ihv_service_config cfg;
	const DOT11EXT_IHV_HANDLERS *h; /* the loader's copy (ext->handlers) */
	struct ihv_handles handles;
	struct ihv_adapter *adapters;
	ULONG next_session_id;
	bool shut_down;
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
