/*
 * ext-eap.h - the EAP peer of the sample extensions, with EAP-TLS as its
 * method, as pure code: no Windows API, no thread, no I/O besides reading
 * its certificate files once. The extension feeds it the EAPOL PDUs
 * ReceivePacket delivers and sends what it answers; once EAP succeeds its
 * MSK gives the PMK of the 4-way handshake (ext-wpa.h).
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
#ifndef EXT_EAP_H
#define EXT_EAP_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

#define EXT_EAP_MSK_LEN 64
/* EAP-TLS fragments we send: the TLS payload of one EAP-Response. Small
 * enough for any 802.11 MTU with EAPOL, EAP and EAP-TLS headers. */
#define EXT_EAP_FRAG 1000
/* EAPOL (4) + EAP (5) + EAP-TLS flags and length (5) + a fragment. */
#define EXT_EAP_FRAME_MAX (4 + 5 + 5 + EXT_EAP_FRAG)
/* The largest TLS message the server may announce (a certificate chain):
 * reassembly stops there. */
#define EXT_EAP_TLS_MAX (64 * 1024)

struct ext_eap_cfg {
	const char *identity;     /* EAP-Response/Identity (UTF-8, 1..253) */
	const char *ca_file;      /* PEM: what the server's chain must lead to */
	const char *cert_file;    /* PEM: our certificate */
	const char *key_file;     /* PEM: its private key */
	const char *server_name;  /* NULL, or the name the server's certificate
				   * must carry (DNS SAN or CN) */
};

enum ext_eap_result {
	EXT_EAP_CONTINUE,         /* the conversation goes on */
	EXT_EAP_SUCCESS,          /* EAP-Success after a complete TLS
				   * handshake: out->msk is valid */
	EXT_EAP_FAILURE,          /* EAP-Failure (out->why says what we know) */
};

struct ext_eap_out {
	/* An EAPOL PDU to send to the authenticator (0: nothing). */
	uint8_t frame[EXT_EAP_FRAME_MAX];
	size_t frame_len;
	enum ext_eap_result result;
	uint8_t msk[EXT_EAP_MSK_LEN];
	/* Non-NULL: the frame was dropped, or (with a FAILURE) why the
	 * method failed; points at why[]. */
	const char *reject;
	char why[224];
	/* Non-NULL: one line worth logging ("EAP-TLS handshake complete,
	 * TLSv1.2"). Points at note_buf[] or a constant. */
	const char *note;
	char note_buf[128];
};

struct ext_eap;

/* Reads the certificate, key and CA (errors name the file and OpenSSL's
 * reason in @why). 0, -EINVAL (bad configuration), -ENOMEM, -EIO. */
int ext_eap_new(const struct ext_eap_cfg *cfg, struct ext_eap **out, char *why,
		size_t why_len);
/* Wipes and frees (NULL ok). */
void ext_eap_free(struct ext_eap *e);
/* An EAPOL-Start, for when the authenticator is slow to ask. */
void ext_eap_start(struct ext_eap_out *out);
/* One received EAPOL PDU (of any EAPOL type: EAPOL-Key frames are
 * rejected as not ours). 0, or -EBADMSG with out->reject. */
int ext_eap_rx(struct ext_eap *e, const uint8_t *pdu, size_t len, struct ext_eap_out *out);

#pragma GCC visibility pop

#endif /* EXT_EAP_H */
