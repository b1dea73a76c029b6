/*
 * eap-peer.c - the EAP peer and its EAP-TLS method (see eap-peer.h).
 *
 * TLS runs in OpenSSL over two memory BIOs: what the server sent is
 * written into rbio, what TLS wants to send is read from wbio. EAP-TLS
 * (RFC 5216 2.1.5) carries those records in fragments: a fragment with
 * the M flag is acknowledged by an empty EAP-TLS message from the other
 * side, the first one of a fragmented message carries the L flag and the
 * message's total length.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "eap-peer.h"

#define EAPOL_VERSION   2
#define EAPOL_EAP       0
#define EAPOL_START     1
#define EAPOL_KEY       3
#define EAPOL_HDR       4

#define EAP_REQUEST     1
#define EAP_RESPONSE    2
#define EAP_SUCCESS     3
#define EAP_FAILURE     4
#define EAP_HDR         4          /* code, identifier, length (BE16) */

#define EAP_TYPE_IDENTITY     1
#define EAP_TYPE_NOTIFICATION 2
#define EAP_TYPE_NAK          3
#define EAP_TYPE_TLS          13

#define TLS_FLAG_L 0x80            /* length included */
#define TLS_FLAG_M 0x40            /* more fragments */
#define TLS_FLAG_S 0x20            /* start */

/* RFC 5216 2.3: Key_Material = TLS-PRF-128(master secret, this label,
 * client.random || server.random), which is TLS 1.2's exporter without
 * context; MSK = Key_Material(0, 63). */
#define EAP_TLS_LABEL "client EAP encryption"
#define EAP_TLS_KEY_MATERIAL 128

struct eap_peer {
	char identity[254];
	char server_name[254];
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio;          /* owned by ssl once attached */
	int handshake_done;
	/* a fragmented message from the server being reassembled */
	uint8_t *in;
	size_t in_len, in_total;   /* in_total 0: no L flag seen */
	int in_active;
	/* our message being sent in fragments */
	uint8_t *out;
	size_t out_len, out_off;
	/* the last response, for a retransmitted request */
	int have_last;
	uint8_t last_id;
	uint8_t last[EAP_PEER_FRAME_MAX];
	size_t last_len;
	/* what went wrong in TLS, for the EAP-Failure that follows */
	char fail_why[160];
};

static int reject(struct eap_peer_out *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int reject(struct eap_peer_out *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
	out->reject = out->why;
	out->frame_len = 0;
	return -EBADMSG;
}

static void ssl_why(char *buf, size_t len, const char *what)
{
	unsigned long e = ERR_peek_last_error();
	char reason[120];

	ERR_error_string_n(e, reason, sizeof(reason));
	snprintf(buf, len, "%s: %s", what, e ? reason : "no reason given");
	ERR_clear_error();
}

/* ---- configuration ------------------------------------------------------- */

int eap_peer_new(const struct eap_peer_cfg *cfg, struct eap_peer **out, char *why,
		size_t why_len)
{
	struct eap_peer *e;
	int rc = -EIO;

	*out = NULL;
	if (!cfg || !cfg->identity || !*cfg->identity || strlen(cfg->identity) > 253 ||
	    !cfg->ca_file || !cfg->cert_file || !cfg->key_file ||
	    (cfg->server_name && strlen(cfg->server_name) > 253)) {
		snprintf(why, why_len, "EAP-TLS needs an identity (1..253 bytes), a CA, "
			 "a certificate and its key");
		return -EINVAL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	snprintf(e->identity, sizeof(e->identity), "%s", cfg->identity);
	if (cfg->server_name)
		snprintf(e->server_name, sizeof(e->server_name), "%s", cfg->server_name);
	e->ctx = SSL_CTX_new(TLS_client_method());
	if (!e->ctx) {
		ssl_why(why, why_len, "SSL_CTX_new");
		goto err;
	}
	/* hostapd 2.10 speaks TLS 1.3 for EAP only when configured to, and
	 * its keys come from another exporter label (RFC 9190). */
	SSL_CTX_set_min_proto_version(e->ctx, TLS1_2_VERSION);
	SSL_CTX_set_max_proto_version(e->ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(e->ctx, SSL_VERIFY_PEER, NULL);
	if (SSL_CTX_load_verify_locations(e->ctx, cfg->ca_file, NULL) != 1) {
		ssl_why(why, why_len, cfg->ca_file);
		goto err;
	}
	if (SSL_CTX_use_certificate_chain_file(e->ctx, cfg->cert_file) != 1) {
		ssl_why(why, why_len, cfg->cert_file);
		goto err;
	}
	if (SSL_CTX_use_PrivateKey_file(e->ctx, cfg->key_file, SSL_FILETYPE_PEM) != 1) {
		ssl_why(why, why_len, cfg->key_file);
		goto err;
	}
	if (SSL_CTX_check_private_key(e->ctx) != 1) {
		ssl_why(why, why_len, "the private key does not match the certificate");
		goto err;
	}
	*out = e;
	return 0;
err:
	eap_peer_free(e);
	return rc;
}

static void eap_tls_reset(struct eap_peer *e)
{
	SSL_free(e->ssl);  /* frees the BIOs attached to it */
	e->ssl = NULL;
	e->rbio = e->wbio = NULL;
	e->handshake_done = 0;
	if (e->in)
		OPENSSL_cleanse(e->in, e->in_len);
	free(e->in);
	e->in = NULL;
	e->in_len = e->in_total = 0;
	e->in_active = 0;
	if (e->out)
		OPENSSL_cleanse(e->out, e->out_len);
	free(e->out);
	e->out = NULL;
	e->out_len = e->out_off = 0;
	e->fail_why[0] = '\0';
}

void eap_peer_free(struct eap_peer *e)
{
	if (!e)
		return;
	eap_tls_reset(e);
	SSL_CTX_free(e->ctx);
	OPENSSL_cleanse(e, sizeof(*e));
	free(e);
}

/* ---- building frames ------------------------------------------------------ */

static void put_be16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void eap_peer_start(struct eap_peer_out *out)
{
	memset(out, 0, sizeof(*out));
	out->frame[0] = EAPOL_VERSION;
	out->frame[1] = EAPOL_START;
	out->frame_len = EAPOL_HDR;
}

/* An EAP-Response of @type carrying @data, as an EAPOL PDU in out->frame;
 * remembered for a retransmitted request. */
static void respond(struct eap_peer *e, struct eap_peer_out *out, uint8_t id,
		    uint8_t type, const uint8_t *data, size_t len)
{
	size_t eap_len = EAP_HDR + 1 + len;
	uint8_t *f = out->frame;

	f[0] = EAPOL_VERSION;
	f[1] = EAPOL_EAP;
	put_be16(f + 2, eap_len);
	f[4] = EAP_RESPONSE;
	f[5] = id;
	put_be16(f + 6, eap_len);
	f[8] = type;
	if (len)
		memcpy(f + 9, data, len);
	out->frame_len = EAPOL_HDR + eap_len;
	e->have_last = 1;
	e->last_id = id;
	memcpy(e->last, f, out->frame_len);
	e->last_len = out->frame_len;
}

/* The next fragment of e->out (or an empty acknowledgement when there is
 * nothing to send), as an EAP-TLS response. */
static void send_tls(struct eap_peer *e, struct eap_peer_out *out, uint8_t id)
{
	uint8_t buf[5 + EAP_PEER_FRAG];
	size_t left = e->out_len - e->out_off, n = 1, chunk = left;

	buf[0] = 0;
	if (left > EAP_PEER_FRAG) {
		chunk = EAP_PEER_FRAG;
		buf[0] |= TLS_FLAG_M;
		if (e->out_off == 0) {
			buf[0] |= TLS_FLAG_L;
			buf[1] = (uint8_t)(e->out_len >> 24);
			buf[2] = (uint8_t)(e->out_len >> 16);
			buf[3] = (uint8_t)(e->out_len >> 8);
			buf[4] = (uint8_t)e->out_len;
			n = 5;
		}
	}
	if (chunk)
		memcpy(buf + n, e->out + e->out_off, chunk);
	e->out_off += chunk;
	respond(e, out, id, EAP_TYPE_TLS, buf, n + chunk);
	if (e->out_off == e->out_len) {
		free(e->out);
		e->out = NULL;
		e->out_len = e->out_off = 0;
	}
}

/* ---- EAP-TLS ----------------------------------------------------------------- */

static int tls_begin(struct eap_peer *e, struct eap_peer_out *out)
{
	eap_tls_reset(e);
	e->ssl = SSL_new(e->ctx);
	e->rbio = BIO_new(BIO_s_mem());
	e->wbio = BIO_new(BIO_s_mem());
	if (!e->ssl || !e->rbio || !e->wbio) {
		BIO_free(e->rbio);
		BIO_free(e->wbio);
		e->rbio = e->wbio = NULL;
		ssl_why(out->why, sizeof(out->why), "EAP-TLS start");
		return -ENOMEM;
	}
	SSL_set_bio(e->ssl, e->rbio, e->wbio);
	SSL_set_connect_state(e->ssl);
	if (e->server_name[0] && SSL_set1_host(e->ssl, e->server_name) != 1) {
		ssl_why(out->why, sizeof(out->why), "EAP-TLS server name");
		return -ENOMEM;
	}
	return 0;
}

/* Runs the handshake on what rbio holds and queues what TLS answers. */
static void tls_step(struct eap_peer *e, struct eap_peer_out *out)
{
	size_t pending;
	int rc;

	if (!e->handshake_done) {
		rc = SSL_do_handshake(e->ssl);
		if (rc == 1) {
			e->handshake_done = 1;
			snprintf(out->note_buf, sizeof(out->note_buf),
				 "EAP-TLS: TLS handshake complete (%s, %s)",
				 SSL_get_version(e->ssl), SSL_get_cipher_name(e->ssl));
			out->note = out->note_buf;
		} else if (SSL_get_error(e->ssl, rc) != SSL_ERROR_WANT_READ) {
			long v = SSL_get_verify_result(e->ssl);

			if (v != X509_V_OK)
				snprintf(e->fail_why, sizeof(e->fail_why),
					 "the server's certificate is not trusted: %s",
					 X509_verify_cert_error_string(v));
			else
				ssl_why(e->fail_why, sizeof(e->fail_why), "TLS handshake failed");
			out->note = e->fail_why;
		}
	}
	/* What TLS wrote (a flight, or the alert of a failure) goes out. */
	pending = BIO_ctrl_pending(e->wbio);
	if (pending) {
		e->out = malloc(pending);
		if (e->out && BIO_read(e->wbio, e->out, (int)pending) == (int)pending) {
			e->out_len = pending;
			e->out_off = 0;
		} else {
			free(e->out);
			e->out = NULL;
		}
	}
}

static int rx_tls(struct eap_peer *e, uint8_t id, const uint8_t *p, size_t len,
		  struct eap_peer_out *out)
{
	uint8_t flags;
	size_t total = 0;

	if (len < 1)
		return reject(out, "EAP-TLS request without its flags");
	flags = p[0];
	p++;
	len--;
	if (flags & TLS_FLAG_L) {
		if (len < 4)
			return reject(out, "EAP-TLS L flag without the 4-byte length");
		total = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
		p += 4;
		len -= 4;
		if (total > EAP_PEER_TLS_MAX || total < len)
			return reject(out, "EAP-TLS message length %zu (fragment %zu, at most %u)",
				      total, len, EAP_PEER_TLS_MAX);
	}
	if (flags & TLS_FLAG_S) {
		int rc = tls_begin(e, out);

		if (rc < 0) {
			out->reject = out->why;
			return rc;
		}
		tls_step(e, out);
		send_tls(e, out, id);
		return 0;
	}
	if (!e->ssl)
		return reject(out, "EAP-TLS data before the EAP-TLS start");
	/* Our own message still going out: this must be the server's
	 * acknowledgement of our last fragment. */
	if (e->out) {
		if (len || (flags & (TLS_FLAG_M | TLS_FLAG_L)))
			return reject(out, "EAP-TLS data while our fragments are not all sent");
		send_tls(e, out, id);
		return 0;
	}
	if (!len && !e->in_active)
		return reject(out, "an empty EAP-TLS request with nothing of ours to acknowledge");
	/* Reassembly, bounded by what L announced or by the maximum. */
	if (!e->in_active) {
		e->in_active = 1;
		e->in_len = 0;
		e->in_total = total;
	}
	if (len > EAP_PEER_TLS_MAX - e->in_len ||
	    (e->in_total && e->in_len + len > e->in_total)) {
		eap_tls_reset(e);
		return reject(out, "EAP-TLS fragments longer than the message they announced");
	}
	if (len) {
		uint8_t *n = realloc(e->in, e->in_len + len);

		if (!n)
			return reject(out, "out of memory reassembling EAP-TLS");
		e->in = n;
		memcpy(e->in + e->in_len, p, len);
		e->in_len += len;
	}
	if (flags & TLS_FLAG_M) {
		send_tls(e, out, id);  /* empty: an acknowledgement */
		return 0;
	}
	if (e->in_total && e->in_len != e->in_total) {
		eap_tls_reset(e);
		return reject(out, "EAP-TLS message ended after %zu of %zu bytes",
			      e->in_len, e->in_total);
	}
	BIO_write(e->rbio, e->in, (int)e->in_len);
	OPENSSL_cleanse(e->in, e->in_len);
	e->in_len = 0;
	e->in_active = 0;
	tls_step(e, out);
	/* Nothing to send after the server's last flight: the empty
	 * response that lets it send EAP-Success. */
	send_tls(e, out, id);
	return 0;
}

static int rx_success(struct eap_peer *e, struct eap_peer_out *out)
{
	uint8_t km[EAP_TLS_KEY_MATERIAL];

	if (!e->ssl || !e->handshake_done)
		return reject(out, "EAP-Success before the EAP-TLS handshake completed");
	if (SSL_export_keying_material(e->ssl, km, sizeof(km), EAP_TLS_LABEL,
				       strlen(EAP_TLS_LABEL), NULL, 0, 0) != 1) {
		ssl_why(out->why, sizeof(out->why), "EAP-TLS key export");
		out->reject = out->why;
		out->result = EAP_PEER_FAILURE;
		return -EIO;
	}
	memcpy(out->msk, km, EAP_PEER_MSK_LEN);
	OPENSSL_cleanse(km, sizeof(km));
	out->result = EAP_PEER_SUCCESS;
	out->note = "EAP-Success: MSK derived";
	return 0;
}

int eap_peer_rx(struct eap_peer *e, const uint8_t *pdu, size_t len, struct eap_peer_out *out)
{
	size_t body, eap_len;
	const uint8_t *eap;
	uint8_t code, id;

	memset(out, 0, sizeof(*out));
	if (!pdu || len < EAPOL_HDR)
		return reject(out, "EAPOL frame of %zu bytes", len);
	body = (size_t)pdu[2] << 8 | pdu[3];
	if (body > len - EAPOL_HDR)
		return reject(out, "EAPOL body length %zu beyond the %zu bytes received",
			      body, len - EAPOL_HDR);
	if (pdu[1] != EAPOL_EAP)
		return reject(out, "EAPOL type %u, not an EAP packet", pdu[1]);
	if (body < EAP_HDR)
		return reject(out, "EAP packet of %zu bytes", body);
	eap = pdu + EAPOL_HDR;
	code = eap[0];
	id = eap[1];
	eap_len = (size_t)eap[2] << 8 | eap[3];
	if (eap_len < EAP_HDR || eap_len > body)
		return reject(out, "EAP length %zu (EAPOL body %zu)", eap_len, body);
	switch (code) {
	case EAP_SUCCESS:
		return rx_success(e, out);
	case EAP_FAILURE:
		out->result = EAP_PEER_FAILURE;
		snprintf(out->why, sizeof(out->why), "EAP-Failure%s%s",
			 e->fail_why[0] ? ": " : " from the authenticator",
			 e->fail_why);
		out->reject = out->why;
		return 0;
	case EAP_REQUEST:
		break;
	default:
		return reject(out, "EAP code %u from the authenticator", code);
	}
	if (eap_len < EAP_HDR + 1)
		return reject(out, "EAP-Request without a type");
	/* A retransmission (the authenticator did not get our answer): the
	 * same answer again, not a second step of the method. */
	if (e->have_last && id == e->last_id) {
		memcpy(out->frame, e->last, e->last_len);
		out->frame_len = e->last_len;
		out->note = "EAP request retransmitted: the same response again";
		return 0;
	}
	switch (eap[4]) {
	case EAP_TYPE_IDENTITY:
		respond(e, out, id, EAP_TYPE_IDENTITY, (const uint8_t *)e->identity,
			strlen(e->identity));
		return 0;
	case EAP_TYPE_NOTIFICATION:
		respond(e, out, id, EAP_TYPE_NOTIFICATION, NULL, 0);
		return 0;
	case EAP_TYPE_TLS:
		return rx_tls(e, id, eap + EAP_HDR + 1, eap_len - EAP_HDR - 1, out);
	}
	/* Another method proposed: we only do EAP-TLS. */
	{
		const uint8_t tls = EAP_TYPE_TLS;

		snprintf(out->note_buf, sizeof(out->note_buf),
			 "EAP method %u proposed: Nak, EAP-TLS (13) desired", eap[4]);
		out->note = out->note_buf;
		respond(e, out, id, EAP_TYPE_NAK, &tls, 1);
	}
	return 0;
}
