/* SPDX-License-Identifier: MIT */
/*
 * sim: the real 802.11 world (mac80211_hwsim radios, hostapd access points,
 * an nl80211-driven station and the nl80211 event monitor).
 *
 * This is the ONLY header ihvhost/ includes from sim/: sim/include/ is the
 * only part of sim/ on ihvhost's include path (only tests/ reach sim's
 * private headers). It knows Linux 802.11 and nothing of Windows: no
 * DOT11_* names, no handles, no extension.
 *
 * Error contract (every function returning int): 0 on success, a negative
 * errno on failure. libnl's -NLE_* codes never cross this header; they are
 * converted once, inside sim/. Functions that fail leave nothing behind
 * (no half-created radio, no stray hostapd).
 *
 * Threading: a sim_ctx and everything created from it belong to ONE thread
 * (the host's event loop). Nothing here is called from extension threads.
 */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define SIM_ETH_ALEN 6
#define SIM_SSID_MAX 32

/* ---- the one clock and the one MAC format ----------------------------- */

/*
 * CLOCK_MONOTONIC in nanoseconds: the timebase of every sim event
 * (t_first_ns, seen_ns), so the host, the runner and the tests use it too
 * when they compare with an event or set a deadline. Monotonic because
 * timestamps are compared with each other and with timer deadlines, never
 * shown as dates; a wall-clock step (NTP, the VM's 1 s RTC) must not
 * reorder a burst.
 */
#define SIM_NSEC_PER_SEC 1000000000ull
#define SIM_NSEC_PER_MSEC 1000000ull

static inline uint64_t sim_clock_now_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * SIM_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* printf("%s " SIM_MAC_FMT, ..., SIM_MAC_ARG(addr)): aa:bb:cc:dd:ee:ff */
#define SIM_MAC_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define SIM_MAC_ARG(m) (m)[0], (m)[1], (m)[2], (m)[3], (m)[4], (m)[5]

struct sim_ctx;
struct sim_radio;
struct sim_ap;
struct sim_monitor;

/* ---- context ---------------------------------------------------------- */

/*
 * Opens the generic netlink sockets, resolves the nl80211 and
 * MAC80211_HWSIM families and creates a private 0700 runtime directory for
 * hostapd configurations and control sockets.
 * -ENOENT: the kernel has no nl80211 or no mac80211_hwsim family.
 * -EPERM: not allowed to create radios (needs CAP_NET_ADMIN).
 */
int sim_ctx_new(struct sim_ctx **out);
/* Stops every AP, deletes every radio and the runtime directory. NULL ok. */
void sim_ctx_free(struct sim_ctx *ctx);

/* ---- radios ----------------------------------------------------------- */

/* The longest radio name sim_radio_new takes (a scenario's AP or adapter
 * name). */
#define SIM_RADIO_NAME_MAX 32

struct sim_radio_info {
	uint32_t radio_id;          /* hwsim radio id */
	uint32_t wiphy;             /* nl80211 wiphy index */
	uint32_t ifindex;           /* its (first) network interface, 0 if none */
	char ifname[16];
	char name[SIM_RADIO_NAME_MAX + 1]; /* the name given at creation */
	/* The kernel's name for the wiphy (iw, /sys/class/ieee80211):
	 * "ihv<pid>-<n>-" and as much of @name as fits in the 19 characters
	 * nl80211 allows a wiphy name. */
	char wiphy_name[20];
	uint8_t addr[SIM_ETH_ALEN]; /* permanent MAC address */
};

/*
 * Creates one hwsim radio for @name (1..SIM_RADIO_NAME_MAX of
 * [A-Za-z0-9_-]; -EINVAL otherwise) with HWSIM_ATTR_DESTROY_RADIO_ON_CLOSE
 * (so the kernel deletes it if this process dies) and waits until its
 * station interface exists. The wiphy gets a short name of its own,
 * unique per process and radio (sim_radio_info.wiphy_name).
 */
int sim_radio_new(struct sim_ctx *ctx, const char *name, struct sim_radio **out);
const struct sim_radio_info *sim_radio_info(const struct sim_radio *radio);
/* Deletes the radio (HWSIM_CMD_DEL_RADIO) and frees @radio. */
int sim_radio_del(struct sim_radio *radio);

/* ---- access points (hostapd) ------------------------------------------ */

enum sim_security {
	SIM_SEC_OPEN,
	SIM_SEC_WPA2_PSK,
	SIM_SEC_WPA2_EAP,   /* WPA2-Enterprise: hostapd's own EAP server, EAP-TLS */
};

struct sim_pki;

struct sim_ap_config {
	const char *ssid;           /* 1..32 bytes */
	uint32_t freq_mhz;          /* 2412..2484 or 5 GHz; channel derived */
	enum sim_security security;
	const char *passphrase;     /* WPA2-PSK: 8..63 characters */
	/* WPA2-PSK: the one pairwise cipher offered (rsn_pairwise),
	 * SIM_SUITE_CCMP or SIM_SUITE_TKIP; 0 means CCMP. hostapd derives
	 * the group cipher from it (TKIP when the pairwise is TKIP). Must
	 * be 0 for an open AP. */
	uint32_t pairwise_suite;
	/* NULL: hostapd's output goes to a file of the ctx's runtime dir,
	 * removed with the AP (its tail is printed when it fails to start).
	 * Otherwise hostapd runs with -dd -t (debug messages, wall-clock
	 * timestamps; key material stays out: no -K) and its output is
	 * appended to this file (0600), which is left in place. */
	const char *log_path;
	/* WPA2-Enterprise (SIM_SEC_WPA2_EAP; CCMP): hostapd's integrated
	 * EAP server (ieee8021x, eap_server) with @pki's CA (trusted for
	 * client certificates), server certificate and key, accepting the
	 * identities of @eap_users (printable ASCII without '"', 1..64
	 * bytes) with EAP-TLS. No periodic re-authentication
	 * (eap_reauth_period=0): sim_ap_eapol_reauth asks for one. */
	const struct sim_pki *pki;
	const char *const *eap_users;
	size_t n_eap_users;
};

/*
 * Starts hostapd (argv, no shell) on @radio's interface with a generated
 * configuration, waits for AP-ENABLED on its control interface (bounded).
 * Several APs may run at once, one per radio.
 */
int sim_ap_start(struct sim_ctx *ctx, struct sim_radio *radio,
		 const struct sim_ap_config *cfg, struct sim_ap **out);
const uint8_t *sim_ap_bssid(const struct sim_ap *ap);
pid_t sim_ap_pid(const struct sim_ap *ap);
/* Control-interface requests; each returns once hostapd answered "OK". */
int sim_ap_deauthenticate(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
			  uint16_t reason);
int sim_ap_disassociate(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
			uint16_t reason);
int sim_ap_disable(struct sim_ap *ap);
int sim_ap_enable(struct sim_ap *ap);
/* SIGTERM (hostapd deauthenticates its stations), then SIGKILL after a
 * bound; reaps the process and frees @ap. */
int sim_ap_stop(struct sim_ap *ap);
/* SIGKILL at once: beacons stop, stations detect beacon loss. Frees @ap. */
int sim_ap_vanish(struct sim_ap *ap);

/* ---- the station (driven through nl80211) ----------------------------- */

/* One scan result, as the kernel reported it. Valid until sim_bss_free. */
struct sim_bss {
	uint8_t bssid[SIM_ETH_ALEN];
	uint32_t freq_mhz;
	int32_t signal_mbm;         /* 100 * dBm */
	uint16_t beacon_interval;   /* TUs */
	uint16_t capability;
	uint64_t tsf;
	uint64_t seen_ns;           /* CLOCK_MONOTONIC when reported */
	uint8_t ssid[SIM_SSID_MAX];
	size_t ssid_len;
	uint8_t *ies;               /* information elements, as received */
	size_t ies_len;
};

/*
 * Scans (on @freq_mhz only, or every channel when 0) and returns the results
 * for @ssid (all when NULL). Active (probes); a one-channel scan for an
 * SSID that heard none listens once more, passively, for a beacon
 * interval (a probe response can miss mac80211's 30 ms). Synchronous and
 * bounded: a targeted scan takes ~0.1 s under TCG (~0.25 s with the
 * passive retry). *out is an array of *n entries; free with sim_bss_free.
 */
int sim_sta_scan(struct sim_ctx *ctx, struct sim_radio *sta, uint32_t freq_mhz,
		 const char *ssid, struct sim_bss **out, size_t *n);
void sim_bss_free(struct sim_bss *bss, size_t n);

/* IEEE 802.11 suite selectors (OUI 00-0F-AC, IEEE 802.11-2020 9.4.2.24),
 * in the host byte order nl80211 uses for them. */
#define SIM_SUITE_WEP40   0x000fac01u
#define SIM_SUITE_TKIP    0x000fac02u
#define SIM_SUITE_CCMP    0x000fac04u
#define SIM_SUITE_WEP104  0x000fac05u
#define SIM_AKM_8021X     0x000fac01u
#define SIM_AKM_PSK       0x000fac02u
#define SIM_ETH_P_PAE     0x888e     /* EAPOL */

/*
 * What to ask of the AP. sim runs no handshake and derives no key: the
 * caller (the host, for its extension) says which RSN to request and
 * which EtherType the control port carries, and does the rest through
 * sim_sta_port_* and sim_sta_key_*.
 */
struct sim_connect_params {
	const char *ssid;
	const uint8_t *bssid;       /* required: no stale-BSS guessing */
	uint32_t freq_mhz;          /* required */
	/* RSN. akm_suite 0: an open association (no RSN element, no
	 * privacy; the ciphers must be 0 too). Otherwise the association
	 * request carries an RSN element with exactly these suites
	 * (SIM_AKM_*, SIM_SUITE_*): -EINVAL for a combination sim cannot
	 * express. */
	uint32_t akm_suite;
	uint32_t pairwise_suite;
	uint32_t group_suite;
	/* Non-zero: the kernel keeps the 802.1X port closed to everything
	 * but this EtherType (host order) until sim_sta_set_authorized, and
	 * frames of this EtherType travel over nl80211 to and from the
	 * station's owner socket (sim_sta_port_*) instead of its netdev. */
	uint16_t control_port_ethertype;
};

/* Asynchronous: returns after the kernel accepted NL80211_CMD_CONNECT; the
 * outcome arrives as SIM_EV_CONNECTED or SIM_EV_CONNECT_FAILED. */
int sim_sta_connect(struct sim_ctx *ctx, struct sim_radio *sta,
		    const struct sim_connect_params *p);
/* Roam: reassociate to another BSS of the same ESS; the old association
 * ends with a SIM_EV_DISCONNECTED of cause SIM_CAUSE_ROAM. */
int sim_sta_roam(struct sim_ctx *ctx, struct sim_radio *sta,
		 const struct sim_connect_params *p);
/* NL80211_CMD_DISCONNECT with @reason: cause SIM_CAUSE_LOCAL_REQUEST. */
int sim_sta_disconnect(struct sim_ctx *ctx, struct sim_radio *sta,
		       uint16_t reason);
/* Interface administratively up/down (down: cause SIM_CAUSE_IFACE_DOWN). */
int sim_sta_set_up(struct sim_ctx *ctx, struct sim_radio *sta, bool up);
/* Deletes the station interface (cause SIM_CAUSE_IFACE_REMOVED). */
int sim_sta_del_iface(struct sim_ctx *ctx, struct sim_radio *sta);
/* Soft rfkill block/unblock of the radio through /dev/rfkill
 * (block: cause SIM_CAUSE_RADIO_OFF). The block takes the interface down
 * and the unblock leaves it down: sim_sta_set_up brings it back. */
int sim_sta_rfkill(struct sim_ctx *ctx, struct sim_radio *sta, bool block);
/*
 * A second station interface on @primary's radio (nl80211 NEW_INTERFACE,
 * type station; up): a virtual station. *out works with every sim_sta_*
 * call; it shares the wiphy, has its own ifindex, name and address.
 * Free it with sim_vif_del (which deletes the interface, not the radio;
 * an interface the kernel already removed is just freed). Never pass it
 * to sim_radio_del.
 */
int sim_radio_add_vif(struct sim_ctx *ctx, const struct sim_radio *primary,
		      struct sim_radio **out);
int sim_vif_del(struct sim_radio *vif);

/* The signal threshold mac80211 watches for @sta's link (SET_CQM): a
 * crossing either way (with @hysteresis_db) is a SIM_EV_SIGNAL. dBm in
 * -127..-1. */
int sim_sta_set_cqm_rssi(struct sim_ctx *ctx, struct sim_radio *sta, int32_t threshold_dbm,
			 uint32_t hysteresis_db);
/* 802.1X port state through the nl80211 station flag AUTHORIZED. */
int sim_sta_set_authorized(struct sim_ctx *ctx, struct sim_radio *sta,
			   const uint8_t peer[SIM_ETH_ALEN], bool authorized);

/* ---- EAPOL, named ------------------------------------------------------ */

/*
 * What an EAPOL PDU (version, type, length, body; no Ethernet header) is,
 * for traces and timelines: "1/4" .. "4/4", "group-1/2", "group-2/2",
 * "request" (EAPOL-Key, IEEE 802.11-2020 12.7.2, read from the Key
 * Information bits only), "eap-request-identity", "eap-response-tls",
 * "eap-success", "eap-failure" ... (EAP, RFC 3748: code and type),
 * "start", "logoff", or "malformed" when a length lies. A static string,
 * never NULL. Descriptive only: no MIC is checked.
 */
const char *sim_eapol_describe(const uint8_t *pdu, size_t len);

/* ---- the station's control port and keys ------------------------------ */

/*
 * Every CONNECT (a roam's too) is sent from the station's own "owner"
 * socket with NL80211_ATTR_SOCKET_OWNER: if that socket closes (this
 * process dies), the kernel deauthenticates at once. With a control-port
 * EtherType the kernel delivers received frames of that EtherType to this
 * socket only (unicast, never to a multicast monitor).
 */

/* A frame received on the station's control port. */
struct sim_port_frame {
	uint32_t wiphy;
	uint32_t ifindex;
	uint8_t src[SIM_ETH_ALEN];   /* the transmitter (the AP) */
	uint16_t ethertype;          /* host order */
	bool unencrypted;            /* arrived without 802.11 protection */
	const uint8_t *data;         /* the PDU after the EtherType; borrowed:
				      * valid during the callback only */
	size_t len;
	uint64_t t_ns;               /* CLOCK_MONOTONIC receipt */
};

typedef void (*sim_port_cb)(const struct sim_port_frame *f, void *user_data);

/* A pollable fd for the owner socket (created on first use, kept for the
 * radio's life): poll it for EPOLLIN and call sim_sta_port_dispatch. It
 * is an epoll set holding the netlink socket and an eventfd, so it is
 * also readable while frames that arrived during a request (CONNECT,
 * sim_sta_port_send) wait in sim's queue. Owned by sim: do not close it.
 * -ENODEV: the radio has no station interface. */
int sim_sta_port_fd(struct sim_ctx *ctx, struct sim_radio *sta);
/* Never blocks: delivers, in arrival order, every control-port frame
 * received, including those that arrived while a request on the owner
 * socket waited for its reply. Malformed messages are dropped with one
 * stderr line. @cb may call sim_sta_port_send (frames arriving meanwhile
 * are delivered after the ones already received, in this same call) but
 * must not delete the radio. 0 or -errno. */
int sim_sta_port_dispatch(struct sim_ctx *ctx, struct sim_radio *sta,
			  sim_port_cb cb, void *user_data);
/* Transmits one frame over the control port to @dst
 * (NL80211_CMD_CONTROL_PORT_FRAME from the owner socket). @no_encrypt:
 * unprotected even when a pairwise key exists (an EAPOL-Key message 4/4
 * sent after its key was queued). Returns when the kernel accepted it.
 * -ENOTCONN: not associated. */
int sim_sta_port_send(struct sim_ctx *ctx, struct sim_radio *sta,
		      const uint8_t dst[SIM_ETH_ALEN], uint16_t ethertype,
		      const uint8_t *data, size_t len, bool no_encrypt);

/* One key, in Linux terms (NL80211_CMD_NEW_KEY). */
struct sim_key {
	bool pairwise;               /* pairwise (to @peer) or group */
	const uint8_t *peer;         /* pairwise: the AP; group: NULL */
	uint8_t idx;                 /* group 1..3 (0 for WEP); pairwise 0 */
	uint32_t cipher_suite;       /* SIM_SUITE_* */
	const uint8_t *data;         /* CCMP 16 bytes; TKIP 32 (TK, then
				      * the Michael keys in Linux's order:
				      * TX then RX); WEP 5/13 */
	size_t len;
	const uint8_t *seq;          /* receive sequence counter, little
				      * endian as in EAPOL-Key; NULL = 0 */
	size_t seq_len;              /* 0..8 (6 for CCMP and TKIP) */
};

/* Installs (replacing any key at the same index) a pairwise key for the
 * current AP, or a receive group key (a station finds it by the key index
 * of each group frame: no default key is needed for that; the request
 * carries DEFAULT_TYPES multicast as iwd sends it). Keys end with the
 * association. -ENOTCONN: not associated, or a pairwise key for a peer
 * that is not the current AP; -EINVAL (one stderr line): cipher/length/
 * index mismatch, checked before the kernel sees it. */
int sim_sta_key_set(struct sim_ctx *ctx, struct sim_radio *sta,
		    const struct sim_key *key);
/* Deletes one key (NL80211_CMD_DEL_KEY): pairwise (@peer, index 0) or
 * group (@peer NULL, 0..3). -ENOENT: there was none. */
int sim_sta_key_del(struct sim_ctx *ctx, struct sim_radio *sta, bool pairwise,
		    const uint8_t *peer, uint8_t idx);
/* Makes group/WEP key @idx the default transmit key (SET_KEY DEFAULT). */
int sim_sta_key_default(struct sim_ctx *ctx, struct sim_radio *sta,
			uint8_t idx);

/* ---- what the AP says, and the AP's test hooks ------------------------ */

/* hostapd's view of one station (control interface "STA <addr>"). */
struct sim_ap_sta {
	bool associated;             /* [ASSOC] */
	bool authorized;             /* [AUTHORIZED]: open association done,
				      * or the 4-way handshake completed */
	char flags[128];             /* hostapd's flags=..., for messages */
};
/* -ENOENT: hostapd has no entry for @sta. */
int sim_ap_sta_status(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
		      struct sim_ap_sta *out);
/* REKEY_GTK: a new group key, sent to every station (group key
 * handshake 1/2). */
int sim_ap_rekey_gtk(struct sim_ap *ap);
/* RESEND_M3 (hostapd's testing commands): message 3/4 of the last 4-way
 * handshake again, to a station that already completed it. */
int sim_ap_resend_m3(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN]);
/* EAPOL_REAUTH: the AP's 802.1X authenticator re-authenticates @sta
 * (a new EAP-Request/Identity, then a new 4-way handshake). */
int sim_ap_eapol_reauth(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN]);
/* Transmits @data (an EAPOL PDU the caller forged) from the AP's
 * interface to @sta, as the AP would (protected when the AP holds a key
 * for the station). */
int sim_ap_send_eapol(struct sim_ap *ap, const uint8_t sta[SIM_ETH_ALEN],
		      const uint8_t *data, size_t len);

/* ---- a throw-away PKI for WPA2-Enterprise (pki.c) --------------------- */

#define SIM_PKI_NAME_MAX 32                  /* a user's name */
#define SIM_PKI_SERVER_NAME "server.ihvhost.test" /* the server's CN and DNS SAN */

/*
 * Files in @dir (the ctx's private runtime directory, removed with it):
 *   ca.pem, ca.key              the CA that signs everything below
 *   other-ca.pem, other-ca.key  an unrelated CA (signs nothing here)
 *   server.pem, server.key      hostapd's EAP server (SIM_PKI_SERVER_NAME)
 *   <user>.pem, <user>.key      a client certificate (CN = user) per user
 * All keys EC P-256, PEM, unencrypted; certificates valid for two days.
 */
struct sim_pki {
	char dir[PATH_MAX];
	char ca_cert[PATH_MAX];
	char other_ca_cert[PATH_MAX];
	char server_cert[PATH_MAX];
	char server_key[PATH_MAX];
};

/*
 * Makes the PKI with the `openssl` command (argv, no shell). @users: 1..
 * SIM_PKI_NAME_MAX of [A-Za-z0-9_-], not "ca", "other-ca", "server",
 * "pki" or "hostapd*". 0, -EINVAL (a bad name), -EIO (openssl failed:
 * one stderr line naming the command and quoting openssl), -errno.
 */
int sim_pki_new(struct sim_ctx *ctx, const char *const *users, size_t n_users,
		struct sim_pki *out);

/* ---- data over the link ---------------------------------------------- */

struct sim_traffic_result {
	unsigned int sent_up, recv_up;       /* station -> AP */
	unsigned int sent_down, recv_down;   /* AP -> station */
};
/*
 * Exchanges @count data frames each way between @sta and the AP @ap
 * (a private EtherType through packet sockets on both interfaces) and
 * counts what arrived, bounded by @timeout_ms. A frame gets through only
 * when the port is open and both ends hold matching keys: mac80211 drops
 * an unprotected data frame from a peer it holds a key for, and one that
 * fails to decrypt. 0 (even when frames were lost: read the counts), or
 * -errno when the exchange could not be attempted.
 */
int sim_traffic(struct sim_ctx *ctx, struct sim_radio *sta, struct sim_ap *ap,
		unsigned int count, unsigned int timeout_ms,
		struct sim_traffic_result *out);
/*
 * The same in steps, for a caller whose event loop must keep running
 * meanwhile (the host answers EAPOL while data is on the air):
 * sim_traffic_start sends every frame both ways and returns at once;
 * sim_traffic_poll (never blocks) counts what arrived so far and returns
 * 1 once every frame sent has arrived both ways, else 0; the caller
 * decides how long to wait. sim_traffic_fd: readable when frames arrive
 * (the station's socket; poll the other with sim_traffic_poll too).
 */
struct sim_traffic;
int sim_traffic_start(struct sim_ctx *ctx, struct sim_radio *sta, struct sim_ap *ap,
		      unsigned int count, struct sim_traffic **out);
int sim_traffic_poll(struct sim_traffic *t, struct sim_traffic_result *out);
void sim_traffic_free(struct sim_traffic *t);

/* ---- events ----------------------------------------------------------- */

enum sim_event_type {
	SIM_EV_CONNECTED,       /* association completed (status 0) */
	SIM_EV_CONNECT_FAILED,  /* association refused or timed out */
	SIM_EV_DISCONNECTED,    /* one per ended association, burst folded */
	SIM_EV_IFACE_REMOVED,   /* station interface deleted */
	SIM_EV_RADIO_REMOVED,   /* wiphy deleted */
	SIM_EV_RADIO_NEW,       /* wiphy appeared (e.g. a radio came back) */
	SIM_EV_SIGNAL,          /* the link's signal crossed the CQM
				 * threshold (sim_sta_set_cqm_rssi) */
	SIM_EV_MIC_FAILURE,     /* a Michael MIC failure (TKIP) reported */
	SIM_EV_RFKILL,          /* a radio's switch changed (wiphy only) */
};

/* Why an association ended. */
enum sim_disc_cause {
	SIM_CAUSE_PEER_DEAUTH,      /* deauthentication frame from the AP */
	SIM_CAUSE_PEER_DISASSOC,    /* disassociation frame from the AP */
	SIM_CAUSE_LOCAL_REQUEST,    /* this host asked (NL80211_CMD_DISCONNECT) */
	SIM_CAUSE_IFACE_DOWN,       /* station interface set down */
	SIM_CAUSE_LINK_LOSS,        /* beacon loss / inactivity */
	SIM_CAUSE_IFACE_REMOVED,    /* station interface deleted */
	SIM_CAUSE_RADIO_REMOVED,    /* station radio (wiphy) deleted */
	SIM_CAUSE_RADIO_OFF,        /* rfkill block */
	SIM_CAUSE_ROAM,             /* reassociation to another BSS */
};
#define SIM_CAUSE_COUNT (SIM_CAUSE_ROAM + 1)

const char *sim_cause_name(enum sim_disc_cause cause);
const char *sim_event_type_name(enum sim_event_type type);

struct sim_event {
	enum sim_event_type type;
	uint32_t wiphy;
	uint32_t ifindex;
	uint8_t peer[SIM_ETH_ALEN];   /* BSSID; zero when not applicable */
	uint64_t t_first_ns;          /* CLOCK_MONOTONIC receipt of the first */
	uint64_t t_last_ns;           /* ... and last nl80211 message folded */
	union {
		struct {
			uint32_t freq_mhz;
			uint16_t status;       /* 802.11 status code */
			bool timed_out;
			/* Borrowed: valid only during the callback. */
			const uint8_t *req_ies;
			size_t req_ies_len;
			const uint8_t *resp_ies;
			size_t resp_ies_len;
		} connect;                     /* CONNECTED, CONNECT_FAILED */
		struct {
			enum sim_disc_cause cause;
			uint16_t reason;       /* 802.11 reason code */
			bool by_ap;
		} disconnect;                  /* DISCONNECTED */
		struct {
			bool low;              /* below the threshold, else above */
			bool has_level;
			int32_t level_dbm;     /* the kernel's average, when given */
		} signal;                      /* SIGNAL */
		struct {
			bool group;            /* group key, else pairwise */
			uint8_t key_idx;
		} mic;                         /* MIC_FAILURE (peer: the sender) */
		struct {
			bool soft_blocked, hard_blocked;
		} rfkill;                      /* RFKILL */
	} u;
};

typedef void (*sim_event_cb)(const struct sim_event *ev, void *user_data);

/*
 * Event sources. The live one reads nl80211 multicast groups (mlme, config,
 * scan) and rfkill; the replay one reads a recording. Both feed the same
 * policy-validating parser and the same burst folder, and both deliver
 * through @cb from sim_monitor_dispatch only.
 */
struct sim_monitor_ops {
	const char *name;                              /* "live", "replay" */
	int (*get_fd)(struct sim_monitor *mon);        /* poll for EPOLLIN */
	int (*dispatch)(struct sim_monitor *mon);      /* drain, fold, deliver */
	void (*destroy)(struct sim_monitor *mon);
};

/*
 * Live: @ctx supplies the intents its station control notes (NULL: causes
 * are inferred from the events alone; an interface set down then reads as
 * LOCAL_REQUEST). -ENOENT without nl80211. A missing /dev/rfkill is logged
 * and tolerated. Event times are CLOCK_MONOTONIC receipt times.
 * Replay: -EBADMSG (one line on stderr naming the file) for a file that
 * is not a netlink pcap; its fd is always readable, each dispatch
 * consumes one packet, event times are the recorded ones.
 * The callback must not free the monitor.
 */
int sim_monitor_new_live(struct sim_ctx *ctx, sim_event_cb cb, void *user_data,
			 struct sim_monitor **out);
int sim_monitor_new_replay(const char *pcap_path, sim_event_cb cb,
			   void *user_data, struct sim_monitor **out);
/* Records every raw nl80211 message the monitor receives to @pcap_path
 * (LINKTYPE_NETLINK, tshark dissects it as nl80211). */
int sim_monitor_record(struct sim_monitor *mon, const char *pcap_path);
/* The burst folder's settle window (sim/fold.h): how long a local
 * DISCONNECT nothing explains waits for DEL_INTERFACE, DEL_WIPHY or an
 * rfkill block before its cause defaults to SIM_CAUSE_LOCAL_REQUEST.
 * Default 50 ms (see SIM_FOLD_SETTLE_NS_DEFAULT for the measurements). */
int sim_monitor_set_settle(struct sim_monitor *mon, uint64_t settle_ns);
int sim_monitor_fd(struct sim_monitor *mon);
/* Never blocks. 0, or -errno; -ENODATA when a replay source reached its
 * end; -EBADMSG for a damaged recording (the packet is named on stderr);
 * a recording's write error is returned once, then recording stops. */
int sim_monitor_dispatch(struct sim_monitor *mon);
void sim_monitor_free(struct sim_monitor *mon);

/* ---- the air: a sniffer per channel (sim/air*.c) ---------------------- */

/*
 * What the radios of this ctx send, as a third radio hears it: per
 * channel, one extra hwsim radio whose interface is in monitor mode on
 * that frequency. hwsim delivers a frame to every started, non-idle radio
 * of the same namespace group on the same channel, so a sniffer hears the
 * APs and the stations of this namespace only (never hwsim0, which mixes
 * every namespace), frames sent before association included. Each frame
 * arrives with mac80211's radiotap header.
 */
struct sim_air;

enum sim_air_type {
	SIM_AIR_AUTH,
	SIM_AIR_DEAUTH,
	SIM_AIR_ASSOC_REQ,
	SIM_AIR_ASSOC_RESP,
	SIM_AIR_REASSOC_REQ,
	SIM_AIR_REASSOC_RESP,
	SIM_AIR_DISASSOC,
	SIM_AIR_BEACON,
	SIM_AIR_PROBE_REQ,
	SIM_AIR_PROBE_RESP,
	SIM_AIR_ACTION,
	SIM_AIR_MGMT,               /* another management subtype */
	SIM_AIR_CONTROL,
	SIM_AIR_EAPOL,              /* an unprotected data frame carrying EAPOL */
	SIM_AIR_DATA,               /* any other data frame (or protected) */
	SIM_AIR_NULL,               /* a data frame without a body (null, QoS null) */
};

/* "auth", "deauth", "assoc-req", "assoc-resp", "reassoc-req",
 * "reassoc-resp", "disassoc", "beacon", "probe-req", "probe-resp",
 * "action", "mgmt", "control", "eapol", "data", "null". */
const char *sim_air_type_name(enum sim_air_type type);

/* One frame as heard, validated (radiotap, 802.11 header, bounds). */
struct sim_air_frame {
	enum sim_air_type type;
	uint32_t freq_mhz;           /* the sniffer's channel */
	uint64_t t_ns;               /* CLOCK_MONOTONIC, the kernel's receipt */
	uint8_t addr1[SIM_ETH_ALEN]; /* receiver */
	uint8_t addr2[SIM_ETH_ALEN]; /* transmitter; zero when has_addr2 is false
				      * (a CTS or ACK has none) */
	uint8_t addr3[SIM_ETH_ALEN]; /* BSSID of a management frame */
	bool has_addr2, has_addr3;
	bool protected_frame;        /* the Protected Frame bit: the body is
				      * encrypted, nothing of it is read */
	bool retry;
	/* Reason code (deauth, disassoc) or status code (auth, assoc and
	 * reassoc responses); has_code false for a protected one. */
	bool has_code;
	uint16_t code;
	uint16_t auth_alg, auth_seq; /* auth only: algorithm and sequence */
	/* SIM_AIR_EAPOL: "1/4".."4/4", "group-1/2", "group-2/2" (from the
	 * Key Information bits, as the host names them), "request", "key",
	 * an EAP packet as "eap-request-identity", "eap-response-tls",
	 * "eap-success", "eap-failure"... (code and type), "start",
	 * "logoff", "eapol" or "malformed". Static. */
	const char *eapol;
	size_t len;                  /* the 802.11 frame's bytes (no radiotap) */
};

typedef void (*sim_air_cb)(const struct sim_air_frame *f, void *user_data);

/*
 * Creates one sniffer radio per distinct frequency of @freqs (@n of them,
 * 1..SIM_AIR_MAX_CHANNELS distinct) and, when @pcapng_path is not NULL,
 * writes every frame heard to it (pcapng, created 0644 and truncated: one
 * Interface Description Block per sniffer, LINKTYPE_IEEE802_11_RADIOTAP,
 * named "air-<freq>MHz"; Enhanced Packet Blocks with the kernel's
 * wall-clock receive time in ns). @cb (may be NULL) gets every frame but
 * beacons and probe requests/responses, which are only written. Create
 * it after the APs started (their channels are then allowed by the
 * regulatory domain) and free it before sim_ctx_free: its radios are the
 * ctx's. A frequency the kernel refuses to monitor fails the call.
 */
#define SIM_AIR_MAX_CHANNELS 8
int sim_air_new(struct sim_ctx *ctx, const uint32_t *freqs, size_t n,
		const char *pcapng_path, sim_air_cb cb, void *user_data,
		struct sim_air **out);
/* Poll for EPOLLIN, then call sim_air_dispatch. Owned by sim. */
int sim_air_fd(const struct sim_air *air);
/*
 * Never blocks: writes and delivers, in arrival order per sniffer, every
 * frame received. A frame that fails validation is written to the file
 * (it is what was on the air) but not delivered, and counted. 0, or the
 * capture file's write error, returned once (the file then stops growing;
 * delivery goes on).
 */
int sim_air_dispatch(struct sim_air *air);
/* Frames the kernel dropped (its socket was full) and frames that
 * failed validation, so far. */
void sim_air_stats(struct sim_air *air, unsigned long *dropped,
		   unsigned long *invalid);
/* Dispatches what is left (@cb still runs), closes the file, deletes the
 * sniffer radios. NULL ok. */
void sim_air_free(struct sim_air *air);

/* ---- NIC-specific: nl80211 vendor commands and events (sim/vendor.c) -- */

/*
 * A driver's own commands travel as NL80211_CMD_VENDOR: an IEEE OUI
 * (24 bits), a subcommand, and opaque data in NL80211_ATTR_VENDOR_DATA
 * that only the driver interprets. mac80211_hwsim implements one (Linux
 * 6.1, drivers/net/wireless/mac80211_hwsim.c): OUI 0x001374 (Qualcomm),
 * subcommand 1, data = a nest holding attribute 8 (u32); it replies with
 * the value + 2 and emits a vendor event (OUI 0x001374, subcommand 1,
 * on the station's interface) with the value + 1.
 */
#define SIM_VENDOR_DATA_MAX 4096     /* bytes of VENDOR_DATA either way */
#define SIM_VENDOR_OUI_MAX 0xFFFFFFu

struct sim_vendor_cmd {
	uint32_t oui;            /* 0..SIM_VENDOR_OUI_MAX */
	uint32_t subcmd;
	const uint8_t *data;     /* NL80211_ATTR_VENDOR_DATA; NULL when len 0 */
	size_t len;              /* 0..SIM_VENDOR_DATA_MAX */
	/* Flag VENDOR_DATA as a nest (NLA_F_NESTED): a driver that declares
	 * a policy for the command (hwsim's does) refuses unflagged data
	 * with -EINVAL ("expected nested data"), one that takes raw bytes
	 * refuses flagged data. Only the caller knows which it talks to. */
	bool nested;
};

/*
 * Sends @cmd to @sta's station interface (the command may need the
 * netdev, as hwsim's does) and waits for the driver's reply (bounded).
 * On success *reply is the reply's VENDOR_DATA (malloc'ed, the caller
 * frees it; NULL when *reply_len is 0), validated by policy.
 * -EOPNOTSUPP: the driver has no such command (sim_radio_vendor_cmds
 * says what it has); -ENODEV: no station interface; -EINVAL: @cmd out of
 * range, or the driver refused the data; -EBADMSG: a malformed reply
 * (one stderr line saying which attribute); any -errno the driver gives.
 */
int sim_sta_vendor_cmd(struct sim_ctx *ctx, struct sim_radio *sta,
		       const struct sim_vendor_cmd *cmd, uint8_t **reply,
		       size_t *reply_len);

/* One vendor command a driver announces (struct nl80211_vendor_cmd_info). */
struct sim_vendor_id {
	uint32_t oui;
	uint32_t subcmd;
};

/* The vendor commands @radio's driver announces (GET_WIPHY): up to @cap
 * of them in @out; *n is how many there are (may exceed @cap). */
int sim_radio_vendor_cmds(struct sim_ctx *ctx, const struct sim_radio *radio,
			  struct sim_vendor_id *out, size_t cap, size_t *n);

/* A vendor event the monitor received, validated. */
struct sim_vendor_event {
	uint32_t wiphy;
	bool has_ifindex;            /* the driver named an interface */
	uint32_t ifindex;
	uint32_t oui;                /* 0..SIM_VENDOR_OUI_MAX */
	uint32_t subcmd;
	const uint8_t *data;         /* VENDOR_DATA; borrowed: valid during
				      * the callback only; NULL when len 0 */
	size_t len;
	uint64_t t_ns;               /* receipt (CLOCK_MONOTONIC; a replay's
				      * recorded time) */
};

typedef void (*sim_vendor_cb)(const struct sim_vendor_event *ev,
			      void *user_data);

/*
 * Vendor events (nl80211's "vendor" multicast group, which the live
 * monitor joins; a replay repeats the recorded ones) go to @cb, in
 * arrival order, from sim_monitor_dispatch, as they are read (they are
 * not folded: one message is one event). NULL @cb: dropped (they are
 * still recorded). A malformed one is refused like any other message
 * (one stderr line per kind).
 */
void sim_monitor_set_vendor_cb(struct sim_monitor *mon, sim_vendor_cb cb,
			       void *user_data);

/* ---- the wireless medium (sim/medium*.c) ------------------------------ */

/*
 * The scenario's own medium, through mac80211_hwsim's medium interface
 * (the one wmediumd uses): a socket that sends HWSIM_CMD_REGISTER becomes
 * the medium of every radio of its network namespace. From then on each
 * frame a radio transmits comes to that socket (HWSIM_CMD_FRAME) instead
 * of being delivered by the kernel; the medium delivers it to each other
 * radio it knows (HWSIM_CMD_FRAME with ADDR_RECEIVER, SIGNAL, RX_RATE,
 * FREQ) and reports the transmission back (HWSIM_CMD_TX_INFO_FRAME, with
 * HWSIM_TX_STAT_ACK when the addressed radio took a unicast frame). If
 * the socket closes, the kernel goes back to its own delivery.
 *
 * Why a process of its own (forked by sim_medium_new, in the caller's
 * network namespace, before any extension is loaded): the caller blocks
 * in sim calls that need frames to flow meanwhile (sim_sta_scan waits
 * for the scan's probe responses; a scan is a connect's first step), so
 * a medium driven from the caller's loop would starve its own scan. The
 * process runs one epoll loop (netlink socket, a timerfd for delays, its
 * control socket); it has no threads and dies with its parent
 * (PDEATHSIG) or when the control socket closes.
 *
 * Delivery, per (transmitter, receiver) link (links are directed):
 *  - only to radios on the frame's frequency: the kernel refuses a
 *    delivery to a radio that is idle, down or on another channel
 *    (HWSIM_ATTR_FREQ is always given), and such a refusal is never
 *    an ACK;
 *  - signal: SIM_MEDIUM_SIGNAL_DEFAULT dBm unless the link says
 *    otherwise, or a ramp stepped every SIM_MEDIUM_RAMP_STEP_MS;
 *  - loss: 0..100 %, drawn from a PRNG per link seeded from the medium's
 *    seed and the two addresses, so the same scenario draws the same
 *    sequence on each link whatever the other links carry. A unicast
 *    frame that wants an ACK is drawn once per transmission attempt
 *    (the sum of its rate table's counts, as a real radio retries);
 *    every other frame once. A lost frame is not ACKed;
 *  - delay: 0..SIM_MEDIUM_DELAY_MAX_MS, the order of frames on one link
 *    kept; the transmitter's status waits for the addressed delivery.
 * Sniffers (radios whose interface is a monitor, sim_air) hear every
 * frame at once and never lose one. A frame addressed to one radio is
 * heard at the signal of its link to that radio (even when the link lost
 * it); a group-addressed one (a beacon) at the signal of its link to the
 * first station radio of the ctx (in creation order), else the default.
 * The signal is reported, not acted on: a weak link loses frames only
 * when loss= says so.
 */
struct sim_medium;

/* What hwsim itself gives a frame: its rx_rssi (-50) plus the
 * transmitter's TX power (20 dBm for every radio sim makes). */
#define SIM_MEDIUM_SIGNAL_DEFAULT (-30)
#define SIM_MEDIUM_SIGNAL_MIN (-120)
#define SIM_MEDIUM_SIGNAL_MAX 0
#define SIM_MEDIUM_RAMP_STEP_MS 100u
#define SIM_MEDIUM_RAMP_MAX_MS (3600u * 1000u)
#define SIM_MEDIUM_DELAY_MAX_MS 10000u
/* Radios the medium knows (every radio of a ctx: a scenario's APs and
 * adapters, the sniffers). */
#define SIM_MEDIUM_MAX_RADIOS 512

/* Which fields of a struct sim_medium_link a call changes. */
enum sim_medium_set {
	SIM_MEDIUM_SET_SIGNAL = 1u << 0,   /* signal_dbm (.. signal_to_dbm) */
	SIM_MEDIUM_SET_LOSS   = 1u << 1,
	SIM_MEDIUM_SET_DELAY  = 1u << 2,
};

/* One direction of a link. A link nobody set: default signal, no loss,
 * no delay. */
struct sim_medium_link {
	int32_t signal_dbm;      /* SIM_MEDIUM_SIGNAL_MIN..MAX; a ramp's start */
	/* ramp_ms > 0: the signal goes from signal_dbm to signal_to_dbm in
	 * steps of SIM_MEDIUM_RAMP_STEP_MS, starting when the call returns,
	 * then stays at signal_to_dbm. 0: constant signal_dbm. */
	int32_t signal_to_dbm;
	uint32_t ramp_ms;        /* 0..SIM_MEDIUM_RAMP_MAX_MS */
	uint32_t loss_pct;       /* 0..100 */
	uint32_t delay_ms;       /* 0..SIM_MEDIUM_DELAY_MAX_MS */
};

/* What the medium did so far (sim_medium_stats). */
struct sim_medium_stats {
	uint64_t frames;         /* transmissions received from the kernel */
	uint64_t delivered;      /* deliveries sent to the kernel */
	uint64_t refused;        /* messages the kernel refused (a radio
				  * idle, down, on another channel, gone):
				  * normal, most are deliveries to an idle
				  * station */
	uint64_t lost;           /* deliveries a link's loss= dropped */
	uint64_t delayed;        /* deliveries that waited for a delay */
	uint64_t acked;          /* unicast transmissions reported ACKed */
	uint64_t unacked;        /* ... reported not ACKed */
	uint64_t invalid;        /* messages that failed validation */
	uint64_t unknown;        /* frames from a radio it was not told of
				  * (status given, not delivered) */
	uint64_t overruns;       /* times its socket overflowed (ENOBUFS) */
	uint64_t cpu_us;         /* CPU time its process used (user + system) */
};

/*
 * Makes the medium of @ctx's network namespace: forks its process, which
 * opens its own MAC80211_HWSIM socket and registers it. Call it before
 * the radios exist (sim_medium_sync then tells it about them). @seed
 * seeds every link's PRNG. -EBUSY: the namespace already has a medium;
 * -EOPNOTSUPP: some radio of the kernel has more than one channel (hwsim
 * refuses a medium then); -errno otherwise (one stderr line).
 */
int sim_medium_new(struct sim_ctx *ctx, uint64_t seed, struct sim_medium **out);
/* Tells the medium every radio @ctx has now (sim_radio_new, sim_air),
 * with its role (its interface's type). Radios it knew and @ctx no longer
 * has are forgotten. Call it after making radios; frames to a radio the
 * medium does not know are not delivered. 0 or -errno. */
int sim_medium_sync(struct sim_medium *m);
/* Changes the @set fields of the link @tx -> @rx (one direction). -EINVAL:
 * a value out of range, or @tx == @rx; -errno: the medium's process is
 * gone. The change applies to frames transmitted after the call. */
int sim_medium_set_link(struct sim_medium *m, const struct sim_radio *tx,
			const struct sim_radio *rx, unsigned int set,
			const struct sim_medium_link *l);
int sim_medium_stats(struct sim_medium *m, struct sim_medium_stats *out);
/* The link's signal now (the ramp's current step), as frames get it. */
int32_t sim_medium_link_signal(const struct sim_medium_link *l,
			       uint64_t elapsed_ms);
/* Stops the medium's process (the kernel then delivers frames itself).
 * NULL ok. */
void sim_medium_free(struct sim_medium *m);

#endif /* SIM_SIM_H */
