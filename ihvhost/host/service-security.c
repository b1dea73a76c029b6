/* SPDX-License-Identifier: MIT */
/*
 * Service: the connection's profile and security (contract in
 * service-internal.h). The host runs no handshake and derives no key: the
 * extension owns security. What the host does is carry it: the profile to
 * the handlers as Windows does, the extension's pre-association settings
 * to nl80211 (RSN element, control port), received EAPOL to ReceivePacket
 * in order, and the AP's own word on whether the station is authorized.
 * Calls only down, into service-adapter.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "loop.h"
#include "service-internal.h"
#include "wstr.h"

/* How long the AP may take to report the station authorized after the
 * extension opened the port: hostapd marks it when it has processed
 * message 4/4, which the extension sent just before; under TCG that is a
 * few ms, 2 s leaves room for a starved hostapd. */
#define IHV_CONFIRM_INTERVAL_MS 20u
#define IHV_CONFIRM_TRIES 100u
/* Frames held before post-association when SetEtherTypeHandling gave no
 * backlog: hostapd repeats message 1/4 about once a second, so a few. */
#define IHV_RX_BACKLOG_DEFAULT 8u
/* The longest fragment SetCurrentProfile may hand over, in code units. */
#define IHV_XML_MAX_UNITS (1u << 20)

/* ---- the profile ------------------------------------------------------ */

void ihv_svc_profile_clear(struct ihv_adapter *a)
{
	free(a->prof.ssids);
	free(a->prof.conn_xml);
	free(a->prof.sec_xml);
	free(a->prof.onex_identity);
	free(a->prof.onex_ca);
	free(a->prof.onex_cert);
	free(a->prof.onex_key);
	free(a->prof.onex_server);
	memset(&a->prof, 0, sizeof(a->prof));
	a->prof_set = false;
}

/* The authentication and cipher a BSS offers, from its RSN element (IEEE
 * 802.11-2020 9.4.2.24): the first pairwise suite and the first AKM.
 * No RSN element: open (WEP when the privacy bit is set). */
static void ihv_bss_algos(const struct sim_bss *bss, DOT11_AUTH_ALGORITHM *auth,
			  DOT11_CIPHER_ALGORITHM *cipher)
{
	const uint8_t *ie = bss ? bss->ies : NULL;
	size_t len = bss ? bss->ies_len : 0;

	*auth = DOT11_AUTH_ALGO_80211_OPEN;
	*cipher = bss && (bss->capability & 0x0010) ? DOT11_CIPHER_ALGO_WEP
						    : DOT11_CIPHER_ALGO_NONE;
	while (ie && len >= 2 && (size_t)ie[1] + 2 <= len) {
		if (ie[0] == 48 && ie[1] >= 2 + 4 + 2 + 4 + 2 + 4) {
			const uint8_t *b = ie + 2;
			uint16_t npw = (uint16_t)(b[6] | b[7] << 8);
			size_t akm_off = 8 + 4u * npw;

			if (npw < 1 || akm_off + 2 + 4 > ie[1])
				return;
			if (!memcmp(b + 8, "\x00\x0f\xac\x04", 4))
				*cipher = DOT11_CIPHER_ALGO_CCMP;
			else if (!memcmp(b + 8, "\x00\x0f\xac\x02", 4))
				*cipher = DOT11_CIPHER_ALGO_TKIP;
			if (!memcmp(b + akm_off + 2, "\x00\x0f\xac\x02", 4))
				*auth = DOT11_AUTH_ALGO_RSNA_PSK;
			else if (!memcmp(b + akm_off + 2, "\x00\x0f\xac\x01", 4))
				*auth = DOT11_AUTH_ALGO_RSNA;
			return;
		}
		len -= (size_t)ie[1] + 2;
		ie += (size_t)ie[1] + 2;
	}
}

static void ihv_ssid_put(DOT11_SSID *d, const char *ssid)
{
	size_t n = strlen(ssid);

	if (n > SIM_SSID_MAX)
		n = SIM_SSID_MAX;
	d->uSSIDLength = (ULONG)n;
	memcpy(d->ucSSID, ssid, n);
}

/* NULL stays NULL. -ENOMEM. */
static int ihv_svc_onex_creds_copy(struct ihv_svc_prof *pr, const struct ihv_onex_creds *c)
{
	const char *const from[] = { c->identity, c->ca_file, c->cert_file, c->key_file,
				     c->server_name };
	char **const to[] = { &pr->onex_identity, &pr->onex_ca, &pr->onex_cert,
			      &pr->onex_key, &pr->onex_server };

	for (size_t i = 0; i < sizeof(from) / sizeof(from[0]); i++)
		if (from[i] && !(*to[i] = strdup(from[i])))
			return -ENOMEM;
	return 0;
}

int ihv_svc_profile_set(struct ihv_adapter *a, const struct ihv_profile *p,
			const char *ssid, const struct sim_bss *bss)
{
	struct ihv_svc_prof *pr = &a->prof;
	size_t n = p ? p->n_ssids : 1;
	int rc;

	ihv_svc_profile_clear(a);
	if (n < 1 || n > IHV_PROFILE_MAX_SSIDS)
		return -EINVAL;
	pr->ssids = calloc(1, sizeof(*pr->ssids) + (n - 1) * sizeof(DOT11_SSID));
	if (!pr->ssids)
		return -ENOMEM;
	pr->ssids->ulCount = (ULONG)n;
	if (p) {
		snprintf(pr->name, sizeof(pr->name), "%s", p->name ? p->name : "");
		for (size_t i = 0; i < n; i++)
			ihv_ssid_put(&pr->ssids->SSIDs[i], p->ssids[i]);
		pr->bss_type = p->bss_type;
		pr->auth = p->auth;
		pr->cipher = p->cipher;
		pr->onex = p->onex;
		pr->sec_use_onex = p->onex;
		rc = ihv_svc_onex_creds_copy(pr, &p->onex_creds);
		if (rc < 0) {
			ihv_svc_profile_clear(a);
			return rc;
		}
	} else {
		/* Windows names a profile after its network. */
		snprintf(pr->name, sizeof(pr->name), "%s", ssid);
		ihv_ssid_put(&pr->ssids->SSIDs[0], ssid);
		pr->bss_type = dot11_BSS_type_infrastructure;
		ihv_bss_algos(bss, &pr->auth, &pr->cipher);
	}
	rc = ihv_wstr_from_utf8(p ? p->connectivity_xml : NULL, &pr->conn_xml);
	if (rc == 0)
		rc = ihv_wstr_from_utf8(p ? p->security_xml : NULL, &pr->sec_xml);
	if (rc < 0) {
		ihv_svc_profile_clear(a);
		return rc == -EILSEQ ? -EINVAL : rc;
	}
	a->prof_set = true;
	return 0;
}

void ihv_svc_profile_view(struct ihv_adapter *a, struct ihv_svc_profile *out)
{
	memset(out, 0, sizeof(*out));
	out->sec_settings.dot11AuthAlgorithm = a->prof.auth;
	out->sec_settings.dot11CipherAlgorithm = a->prof.cipher;
	out->sec_settings.fOneXEnabled = a->prof.onex;
	/* The method the host's 802.1X runs: EAP-TLS, Microsoft's (author
	 * 311), as Windows fills it for its built-in method. */
	if (a->prof.onex) {
		out->sec_settings.eapMethodType.eapType.type = 13;
		out->sec_settings.eapMethodType.dwAuthorId = 311;
	}
	out->params.pSsidList = a->prof.ssids;
	out->params.BssType = a->prof.bss_type;
	out->params.pMSSecuritySettings = &out->sec_settings;
	out->conn.pszXmlFragmentIhvConnectivity = a->prof.conn_xml;
	out->sec.pszXmlFragmentIhvSecurity = a->prof.sec_xml;
	/* SetCurrentProfile or a discovery profile may change it. */
	out->sec.bUseMSOnex = a->prof.sec_use_onex;
}

int ihv_svc_profile_replace(struct ihv_adapter *a, const WCHAR *conn,
			    const WCHAR *sec)
{
	WCHAR *c = NULL, *s = NULL;
	int rc;

	if (conn && (rc = ihv_wstr_dup(conn, IHV_XML_MAX_UNITS, &c)) < 0)
		return rc;
	if (sec && (rc = ihv_wstr_dup(sec, IHV_XML_MAX_UNITS, &s)) < 0) {
		free(c);
		return rc;
	}
	if (c) {
		free(a->prof.conn_xml);
		a->prof.conn_xml = c;
	}
	if (s) {
		free(a->prof.sec_xml);
		a->prof.sec_xml = s;
	}
	return 0;
}

/* ---- what the extension set, and what nl80211 is asked ---------------- */

void ihv_svc_sec_algos(const struct ihv_adapter *a, DWORD *auth, DWORD *ucast,
		       DWORD *mcast)
{
	*auth = a->sec.auth_set ? a->sec.auth : a->prof.auth;
	*ucast = a->sec.ucast_set ? a->sec.ucast : a->prof.cipher;
	*mcast = a->sec.mcast_set ? a->sec.mcast : a->prof.cipher;
}

void ihv_svc_sec_reset(struct ihv_adapter *a)
{
	memset(&a->sec, 0, sizeof(a->sec));
	a->n_ethertypes = 0;
}

/* The RSN ciphers nl80211 can be asked for; 0 for the others. */
static uint32_t ihv_rsn_suite(DWORD algo)
{
	switch (algo) {
	case DOT11_CIPHER_ALGO_CCMP:
		return SIM_SUITE_CCMP;
	case DOT11_CIPHER_ALGO_TKIP:
		return SIM_SUITE_TKIP;
	}
	return 0;
}

int ihv_svc_sec_connect_params(struct ihv_service *svc, struct ihv_adapter *a,
			       struct sim_connect_params *p)
{
	DWORD auth, ucast, mcast;
	char why[128];

	memset(p, 0, sizeof(*p));
	p->ssid = a->ssid;
	p->bssid = a->bssid;
	p->freq_mhz = a->freq_mhz;
	ihv_svc_sec_algos(a, &auth, &ucast, &mcast);
	switch (auth) {
	case DOT11_AUTH_ALGO_80211_OPEN:
		if (ucast == DOT11_CIPHER_ALGO_NONE && mcast == DOT11_CIPHER_ALGO_NONE)
			return 0;
		snprintf(why, sizeof(why),
			 "open authentication with cipher %u/%u (WEP): the host does not drive WEP",
			 (unsigned int)ucast, (unsigned int)mcast);
		goto unsupported;
	case DOT11_AUTH_ALGO_RSNA_PSK:
		p->akm_suite = SIM_AKM_PSK;
		break;
	case DOT11_AUTH_ALGO_RSNA:
		p->akm_suite = SIM_AKM_8021X;
		break;
	default:
		snprintf(why, sizeof(why),
			 "authentication algorithm %u has no nl80211 request in the host",
			 (unsigned int)auth);
		goto unsupported;
	}
	p->pairwise_suite = ihv_rsn_suite(ucast);
	p->group_suite = ihv_rsn_suite(mcast);
	if (!p->pairwise_suite || !p->group_suite) {
		snprintf(why, sizeof(why),
			 "RSN with unicast cipher %u and multicast cipher %u: only CCMP and TKIP",
			 (unsigned int)ucast, (unsigned int)mcast);
		goto unsupported;
	}
	/* An RSN association always has a controlled port; EAPOL is its
	 * uncontrolled side, whoever registered for it. */
	p->control_port_ethertype = SIM_ETH_P_PAE;
	/* SetExcludeUnencrypted(TRUE) is what mac80211 does on an RSN link
	 * anyway (it drops unprotected data from a peer it holds a key
	 * for); FALSE is not something nl80211 can be asked for. */
	if (a->sec.exclude_set && !a->sec.exclude_unencrypted)
		ihv_svc_trace_note(svc, a, "exclude-unencrypted",
				   "FALSE on an RSN association: nl80211 has no way to admit unprotected data; excluded anyway");
	return 0;

unsupported:
	ihv_svc_trace_note(svc, a, "connect-unsupported", why);
	return -EOPNOTSUPP;
}

/* ---- received frames -------------------------------------------------- */

static bool ihv_ethertype_registered(const struct ihv_adapter *a, uint16_t ethertype)
{
	/* The public pages do not say in which byte order pusRegistration
	 * holds the EtherTypes (the packet header's is big-endian): both
	 * spellings of a registered type match. */
	for (ULONG i = 0; i < a->n_ethertypes; i++)
		if (a->ethertypes[i] == htons(ethertype) || a->ethertypes[i] == ethertype)
			return true;
	return false;
}

static int ihv_svc_rx_deliver(struct ihv_service *svc, struct ihv_adapter *a,
			      const uint8_t src[SIM_ETH_ALEN], uint16_t ethertype,
			      const uint8_t *payload, size_t len)
{
	const size_t hdr = offsetof(DOT11_SECURITY_PACKET_HEADER, Data);
	struct ihv_hcall_args ta = { 0 };
	DOT11_SECURITY_PACKET_HEADER *pkt;

	if (len > UINT32_MAX - hdr)
		return -EMSGSIZE;
	pkt = malloc(hdr + len);
	if (!pkt)
		return -ENOMEM;
	memcpy(pkt->PeerMac, src, SIM_ETH_ALEN);
	pkt->usEtherType = htons(ethertype);
	if (len)
		memcpy(pkt->Data, payload, len);
	ta.peer = src;
	ta.has_size = true;
	ta.size = hdr + len;
	if (ethertype == SIM_ETH_P_PAE)
		ta.eapol = sim_eapol_describe(payload, len);
	/* The authenticator restarts EAP on a port the extension opened: a
	 * re-authentication, after which the extension completes
	 * post-association once more (rule 4), even with the same outcome.
	 * The port counts from the completion, not from the AP's
	 * confirmation: hostapd may restart EAP in between. */
	if (ta.eapol && !strcmp(ta.eapol, "eap-request-identity") &&
	    a->port && a->port_authorized && !a->reauth_pending) {
		a->reauth_pending = true;
		ihv_handle_set_aux(&svc->handles, a->security_session, IHV_POST_NONE);
		ihv_svc_trace_note(svc, a, "re-authentication",
				   "the AP restarts EAP on the authorized port: one more "
				   "PostAssociateCompletion is due");
	}
	IHV_SVC_CALL_A(svc, a, &ta, ReceivePacket, a->ext_handle, (DWORD)(hdr + len), pkt);
	free(pkt);
	/* What the extension handed the host's 802.1X in there may have
	 * ended its conversation: the result before the next frame. */
	ihv_svc_onex_flush(svc, a);
	return 0;
}

static int ihv_svc_rx_hold(struct ihv_service *svc, struct ihv_adapter *a,
			   const uint8_t src[SIM_ETH_ALEN], uint16_t ethertype,
			   const uint8_t *payload, size_t len)
{
	unsigned int cap = a->sec.max_backlog ? a->sec.max_backlog : IHV_RX_BACKLOG_DEFAULT;
	struct ihv_svc_rx *r;

	if (a->rx_n >= cap) {
		ihv_svc_trace_note(svc, a, "packet-dropped",
				   "backlog full before post-association (SetEtherTypeHandling uMaxBackLog)");
		return -ENOBUFS;
	}
	r = malloc(sizeof(*r) + len);
	if (!r)
		return -ENOMEM;
	r->next = NULL;
	memcpy(r->src, src, SIM_ETH_ALEN);
	r->ethertype = ethertype;
	r->len = len;
	if (len)
		memcpy(r->data, payload, len);
	if (!a->rx_head)
		a->rx_tail = &a->rx_head;
	*a->rx_tail = r;
	a->rx_tail = &r->next;
	a->rx_n++;
	return 0;
}

int ihv_service_receive_packet(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			       const uint8_t src[SIM_ETH_ALEN], uint16_t ethertype,
			       const uint8_t *payload, size_t len)
{
	struct ihv_adapter *a = ihv_svc_adapter_by_id(svc, ad);

	if (!a)
		return -ENODEV;
	if (!a->port && a->state != IHV_ADAPTER_ASSOCIATING)
		return -ENOTCONN;
	if (!ihv_ethertype_registered(a, ethertype)) {
		ihv_svc_trace_note(svc, a, "packet-dropped",
				   "EtherType not registered with Dot11ExtSetEtherTypeHandling");
		return -ENOENT;
	}
	/* The association is being made: the CONNECT event (another socket)
	 * may come after the AP's first frame. Post-association has not
	 * started, so the frame waits for it. */
	if (a->state == IHV_ADAPTER_ASSOCIATING ||
	    (a->roaming && !memcmp(src, a->bssid, SIM_ETH_ALEN)))
		return ihv_svc_rx_hold(svc, a, src, ethertype, payload, len);
	if (!a->port)
		return -ENOTCONN;
	if (memcmp(src, a->peer, SIM_ETH_ALEN)) {
		ihv_svc_trace_note(svc, a, "packet-dropped", "not from the current AP");
		return -EPERM;
	}
	/* Held frames first: delivery stays in arrival order. */
	ihv_svc_rx_flush(svc, a);
	return ihv_svc_rx_deliver(svc, a, src, ethertype, payload, len);
}

void ihv_svc_rx_flush(struct ihv_service *svc, struct ihv_adapter *a)
{
	while (a->rx_head && a->port) {
		struct ihv_svc_rx *r = a->rx_head;

		a->rx_head = r->next;
		a->rx_n--;
		/* A frame held while associating may come from a BSS the
		 * association did not end up with. */
		if (!memcmp(r->src, a->peer, SIM_ETH_ALEN))
			ihv_svc_rx_deliver(svc, a, r->src, r->ethertype, r->data, r->len);
		else
			ihv_svc_trace_note(svc, a, "packet-dropped",
					   "held before post-association, not from the AP joined");
		free(r);
	}
}

void ihv_svc_rx_drop(struct ihv_service *svc, struct ihv_adapter *a, const char *why)
{
	unsigned int n = a->rx_n;
	char detail[96];

	while (a->rx_head) {
		struct ihv_svc_rx *r = a->rx_head;

		a->rx_head = r->next;
		free(r);
	}
	a->rx_n = 0;
	if (n && svc) {
		snprintf(detail, sizeof(detail), "%u held frame(s): %s", n, why);
		ihv_svc_trace_note(svc, a, "packet-dropped", detail);
	}
}

/* ---- keys, and the AP's view ----------------------------------------- */

void ihv_svc_keys_forget(struct ihv_service *svc, struct ihv_adapter *a)
{
	char detail[96];
	size_t off;

	if (!a->key_pairwise && !a->key_groups)
		return;
	off = (size_t)snprintf(detail, sizeof(detail), "%s",
			       a->key_pairwise ? "pairwise" : "");
	for (unsigned int i = 0; i < 4 && off < sizeof(detail); i++)
		if (a->key_groups & (1u << i))
			off += (size_t)snprintf(detail + off, sizeof(detail) - off,
						"%sgroup %u", off ? ", " : "", i);
	if (off < sizeof(detail))
		snprintf(detail + off, sizeof(detail) - off,
			 ": removed by the kernel with the association");
	ihv_svc_trace_note(svc, a, "keys-removed", detail);
	a->key_pairwise = false;
	a->key_groups = 0;
}

void ihv_svc_confirm_cancel(struct ihv_service *svc, struct ihv_adapter *a)
{
	if (a->confirm_timer) {
		ihv_loop_timer_cancel(svc->cfg.loop, a->confirm_timer);
		a->confirm_timer = 0;
	}
}

static void ihv_svc_confirm_tick(void *data);

/* "authorized" is the service's word only when both sides agree: the
 * port is open here AND the AP reports the station authorized (for
 * WPA2: it processed message 4/4). Until then the adapter stays
 * post-associating; an AP that never agrees is traced, not papered
 * over. */
static void ihv_svc_confirm_check(struct ihv_service *svc, struct ihv_adapter *a)
{
	struct ihv_wlan_ap_view v;
	char detail[320];
	int rc;

	if (!a->port || !a->port_authorized)
		return;
	rc = ihv_wlan_ap_station(&svc->cfg.wlan, a->id, a->peer, &v);
	if (rc == -EOPNOTSUPP) {
		/* A wlan without an AP to ask (a unit test's double). */
		ihv_svc_trace_note(svc, a, "ap-view", "none: the 802.11 side cannot ask the AP");
		ihv_svc_set_state(svc, a, IHV_ADAPTER_AUTHORIZED);
		return;
	}
	if (rc == 0 && v.authorized) {
		snprintf(detail, sizeof(detail), "the AP reports the station authorized: %s",
			 v.flags);
		ihv_svc_trace_note(svc, a, "ap-confirms", detail);
		ihv_svc_set_state(svc, a, IHV_ADAPTER_AUTHORIZED);
		return;
	}
	if (++a->confirm_tries < IHV_CONFIRM_TRIES &&
	    ihv_loop_timer_add(svc->cfg.loop, IHV_CONFIRM_INTERVAL_MS,
			       ihv_svc_confirm_tick, a, &a->confirm_timer) == 0)
		return;
	if (rc < 0)
		snprintf(detail, sizeof(detail), "the AP could not be asked: %s",
			 rc == -ENOENT ? "it does not know the station" : strerror(-rc));
	else
		snprintf(detail, sizeof(detail),
			 "the port is open here, but after %u ms the AP still does not report the station authorized (%s)",
			 IHV_CONFIRM_INTERVAL_MS * IHV_CONFIRM_TRIES, v.flags);
	ihv_svc_trace_note(svc, a, "authorization-unconfirmed", detail);
}

static void ihv_svc_confirm_tick(void *data)
{
	struct ihv_adapter *a = data;

	a->confirm_timer = 0;
	ihv_svc_confirm_check(a->svc, a);
}

void ihv_svc_confirm_start(struct ihv_service *svc, struct ihv_adapter *a)
{
	ihv_svc_confirm_cancel(svc, a);
	a->confirm_tries = 0;
	ihv_svc_confirm_check(svc, a);
}

/* ---- custom user data ------------------------------------------------- */

int ihv_svc_userdata_set(struct ihv_service *svc, const char *profile,
			 DWORD session_id, const void *data, DWORD size)
{
	struct ihv_svc_userdata **pp, *u;

	for (pp = &svc->userdata; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->profile, profile) && (*pp)->session_id == session_id)
			break;
	u = malloc(sizeof(*u) + size);
	if (!u)
		return -ENOMEM;
	snprintf(u->profile, sizeof(u->profile), "%s", profile);
	u->session_id = session_id;
	u->size = size;
	if (size)
		memcpy(u->data, data, size);
	if (*pp) {
		u->next = (*pp)->next;
		free(*pp);
	} else {
		u->next = NULL;
	}
	*pp = u;
	return 0;
}

const struct ihv_svc_userdata *ihv_svc_userdata_get(struct ihv_service *svc,
						    const char *profile,
						    DWORD session_id)
{
	for (struct ihv_svc_userdata *u = svc->userdata; u; u = u->next)
		if (!strcmp(u->profile, profile) && u->session_id == session_id)
			return u;
	return NULL;
}

void ihv_svc_userdata_free(struct ihv_service *svc)
{
	while (svc->userdata) {
		struct ihv_svc_userdata *u = svc->userdata;

		svc->userdata = u->next;
		free(u);
	}
}
