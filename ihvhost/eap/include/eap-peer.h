/*
 * eap-peer.h - the project's 802.1X supplicant core: an EAP peer with
 * EAP-TLS as its method, as pure code: no Windows API, no 802.11, no
 * thread, no I/O besides reading its certificate files once. Two users:
 *  - the host's built-in 802.1X ("OneX", ihvhost/host/service-onex.c),
 *    which Windows offers extensions through Dot11ExtStartOneX: the
 *    extension hands it EAP frames with ProcessSecurityPacket and learns
 *    the outcome (and the MSK halves as MPPE keys) in OnexIndicateResult;
 *  - the sample extensions' own EAP method (tools/ext-reference/
 *    ext-eaptls.c), fed by ReceivePacket, answering through SendPacket.
 * The caller feeds it EAPOL PDUs and sends what it answers; once EAP
 * succeeds its MSK gives the PMK of the 4-way handshake.
 * tests/unit/cksuite-eap.c drives it against an EAP-TLS server test
 * double.
 *
 * Scope: EAP (RFC 3748) Identity, Notification, Nak, Success, Failure;
 * EAP-TLS (RFC 5216) over TLS 1.2 (hostapd 2.10's EAP server offers TLS
 * 1.3 only when told to, and RFC 9190's key derivation differs), with
 * fragmentation both ways. TLS, certificate checks and the key exporter
 * are OpenSSL's (memory BIOs); nothing cryptographic is written here.
 * Every received frame is validated (EAPOL and EAP lengths, EAP-TLS flags
 * and the announced TLS message length, reassembly bounds) before use; a
 * frame that fails is dropped with out->reject saying why, and the
 * conversation keeps waiting (the authenticator retransmits).
 */
#ifndef EAP_PEER_H
#define EAP_PEER_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

#define EAP_PEER_MSK_LEN 64
/* EAP-TLS fragments we send: the TLS payload of one EAP-Response. Small
 * enough for any 802.11 MTU with EAPOL, EAP and EAP-TLS headers. */
#define EAP_PEER_FRAG 1000
/* EAPOL (4) + EAP (5) + EAP-TLS flags and length (5) + a fragment. */
#define EAP_PEER_FRAME_MAX (4 + 5 + 5 + EAP_PEER_FRAG)
/* The largest TLS message the server may announce (a certificate chain):
 * reassembly stops there. */
#define EAP_PEER_TLS_MAX (64 * 1024)

struct eap_peer_cfg {
	const char *identity;     /* EAP-Response/Identity (UTF-8, 1..253) */
	const char *ca_file;      /* PEM: what the server's chain must lead to */
	const char *cert_file;    /* PEM: our certificate */
	const char *key_file;     /* PEM: its private key */
	const char *server_name;  /* NULL, or the name the server's certificate
				   * must carry (DNS SAN or CN) */
};

enum eap_peer_result {
	EAP_PEER_CONTINUE,         /* the conversation goes on */
	EAP_PEER_SUCCESS,          /* EAP-Success after a complete TLS
				   * handshake: out->msk is valid */
	EAP_PEER_FAILURE,          /* EAP-Failure (out->why says what we know) */
};

struct eap_peer_out {
	/* An EAPOL PDU to send to the authenticator (0: nothing). */
	uint8_t frame[EAP_PEER_FRAME_MAX];
	size_t frame_len;
	enum eap_peer_result result;
	uint8_t msk[EAP_PEER_MSK_LEN];
	/* Non-NULL: the frame was dropped, or (with a FAILURE) why the
	 * method failed; points at why[]. */
	const char *reject;
	char why[224];
	/* Non-NULL: one line worth logging ("EAP-TLS handshake complete,
	 * TLSv1.2"). Points at note_buf[] or a constant. */
	const char *note;
	char note_buf[128];
};

struct eap_peer;

/* Reads the certificate, key and CA (errors name the file and OpenSSL's
 * reason in @why). 0, -EINVAL (bad configuration), -ENOMEM, -EIO. */
int eap_peer_new(const struct eap_peer_cfg *cfg, struct eap_peer **out, char *why,
		size_t why_len);
/* Wipes and frees (NULL ok). */
void eap_peer_free(struct eap_peer *e);
/* An EAPOL-Start, for when the authenticator is slow to ask. */
void eap_peer_start(struct eap_peer_out *out);
/* One received EAPOL PDU (of any EAPOL type: EAPOL-Key frames are
 * rejected as not ours). 0, or -EBADMSG with out->reject. */
int eap_peer_rx(struct eap_peer *e, const uint8_t *pdu, size_t len, struct eap_peer_out *out);

#pragma GCC visibility pop

#endif /* EAP_PEER_H */
