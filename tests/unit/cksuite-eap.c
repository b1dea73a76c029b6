/* SPDX-License-Identifier: MIT */
/*
 * The sample extensions' EAP peer (ihvhost/eap/eap-peer.c) against
 * an EAP-TLS SERVER TEST DOUBLE written here with OpenSSL: a throw-away
 * CA, server and client certificates (EC P-256) generated per test, the
 * server's TLS over memory BIOs, EAP framed and fragmented the way an
 * authenticator does (small fragments, so the peer's reassembly and
 * acknowledgements are exercised both ways). The double is a test double:
 * live, the peer talks to hostapd's EAP server.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "ck.h"
#include "eap-peer.h"
#include "../../tools/ext-reference/ext-profile.h"
#include "../../tools/ext-reference/ext-wpa.h"

/* ---- certificates --------------------------------------------------------- */

static char dir[64];

static EVP_PKEY *new_key(void)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");

	ck_assert_ptr_nonnull(k);
	return k;
}

/* A certificate for @cn with @key, signed by @ca_key (self-signed when
 * NULL); @ca: a CA certificate (basicConstraints CA:TRUE). */
static X509 *new_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *ca_key,
		      int ca, long serial)
{
	X509 *x = X509_new();
	X509_NAME *n;
	X509V3_CTX v3;
	X509_EXTENSION *ext;

	ck_assert_ptr_nonnull(x);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509V3_set_ctx(&v3, issuer ? issuer : x, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints,
				  ca ? "critical,CA:TRUE" : "CA:FALSE");
	ck_assert_ptr_nonnull(ext);
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	ck_assert_int_gt(X509_sign(x, ca_key ? ca_key : key, EVP_sha256()), 0);
	return x;
}

static void write_pem(const char *name, X509 *cert, EVP_PKEY *key)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	if (cert)
		ck_assert_int_eq(PEM_write_X509(f, cert), 1);
	if (key)
		ck_assert_int_eq(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL), 1);
	fclose(f);
}

static char *path_of(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

/* ca.pem, server.pem/server.key (CN server.lab), client.pem/client.key,
 * and another CA (other-ca.pem) the server does not chain to. */
static void make_pki(void)
{
	EVP_PKEY *ca_key = new_key(), *srv_key = new_key(), *cli_key = new_key();
	EVP_PKEY *other_key = new_key();
	X509 *ca = new_cert("ihvhost test CA", ca_key, NULL, NULL, 1, 1);
	X509 *srv = new_cert("server.lab", srv_key, ca, ca_key, 0, 2);
	X509 *cli = new_cert("user@lab", cli_key, ca, ca_key, 0, 3);
	X509 *other = new_cert("someone else's CA", other_key, NULL, NULL, 1, 4);

	snprintf(dir, sizeof(dir), "/tmp/ihv-eap-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_pem("ca.pem", ca, NULL);
	write_pem("other-ca.pem", other, NULL);
	write_pem("server.pem", srv, NULL);
	write_pem("server.key", NULL, srv_key);
	write_pem("client.pem", cli, NULL);
	write_pem("client.key", NULL, cli_key);
	X509_free(ca);
	X509_free(srv);
	X509_free(cli);
	X509_free(other);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(srv_key);
	EVP_PKEY_free(cli_key);
	EVP_PKEY_free(other_key);
}

static void remove_pki(void)
{
	static const char *const names[] = { "ca.pem", "other-ca.pem", "server.pem",
		"server.key", "client.pem", "client.key" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(path_of(names[i]));
	rmdir(dir);
}

/* ---- the EAP-TLS server test double --------------------------------------- */

#define SRV_FRAG 300   /* smaller than the peer's: reassembly on its side */

struct server_double {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio;
	uint8_t id;
	uint8_t *out;          /* our flight, sent in fragments */
	size_t out_len, out_off;
	uint8_t *in;           /* the peer's message being reassembled */
	size_t in_len;
	int done, failed;
	uint8_t msk[EAP_PEER_MSK_LEN];
	char identity[256];
	unsigned int frags_in, acks_in;
};

static void server_init(struct server_double *s, int verify_client)
{
	memset(s, 0, sizeof(*s));
	s->ctx = SSL_CTX_new(TLS_server_method());
	ck_assert_ptr_nonnull(s->ctx);
	SSL_CTX_set_max_proto_version(s->ctx, TLS1_2_VERSION);
	ck_assert_int_eq(SSL_CTX_use_certificate_file(s->ctx, path_of("server.pem"),
						      SSL_FILETYPE_PEM), 1);
	ck_assert_int_eq(SSL_CTX_use_PrivateKey_file(s->ctx, path_of("server.key"),
						     SSL_FILETYPE_PEM), 1);
	ck_assert_int_eq(SSL_CTX_load_verify_locations(s->ctx, path_of("ca.pem"), NULL), 1);
	if (verify_client)
		SSL_CTX_set_verify(s->ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	s->ssl = SSL_new(s->ctx);
	s->rbio = BIO_new(BIO_s_mem());
	s->wbio = BIO_new(BIO_s_mem());
	SSL_set_bio(s->ssl, s->rbio, s->wbio);
	SSL_set_accept_state(s->ssl);
	s->id = 1;
}

static void server_free(struct server_double *s)
{
	SSL_free(s->ssl);
	SSL_CTX_free(s->ctx);
	free(s->out);
	free(s->in);
}

/* An EAPOL-wrapped EAP packet from the server. */
static size_t eap_frame(uint8_t *f, uint8_t code, uint8_t id, int type,
			const uint8_t *data, size_t len)
{
	size_t eap_len = 4 + (type >= 0 ? 1 : 0) + len;

	f[0] = 2;
	f[1] = 0;
	f[2] = (uint8_t)(eap_len >> 8);
	f[3] = (uint8_t)eap_len;
	f[4] = code;
	f[5] = id;
	f[6] = (uint8_t)(eap_len >> 8);
	f[7] = (uint8_t)eap_len;
	if (type >= 0)
		f[8] = (uint8_t)type;
	if (len)
		memcpy(f + 4 + (eap_len - len), data, len);
	return 4 + eap_len;
}

/* The next EAP-TLS request: our next fragment, or an empty ack. */
static size_t server_tls_request(struct server_double *s, uint8_t *f)
{
	uint8_t buf[5 + SRV_FRAG];
	size_t left = s->out_len - s->out_off, chunk = left, n = 1;

	buf[0] = 0;
	if (left > SRV_FRAG) {
		chunk = SRV_FRAG;
		buf[0] = 0x40;
		if (!s->out_off) {
			buf[0] |= 0x80;
			buf[1] = (uint8_t)(s->out_len >> 24);
			buf[2] = (uint8_t)(s->out_len >> 16);
			buf[3] = (uint8_t)(s->out_len >> 8);
			buf[4] = (uint8_t)s->out_len;
			n = 5;
		}
	}
	memcpy(buf + n, s->out + s->out_off, chunk);
	s->out_off += chunk;
	return eap_frame(f, 1, ++s->id, 13, buf, n + chunk);
}

static void server_collect(struct server_double *s)
{
	size_t pending = BIO_ctrl_pending(s->wbio);

	free(s->out);
	s->out = malloc(pending ? pending : 1);
	s->out_len = pending;
	s->out_off = 0;
	if (pending)
		ck_assert_int_eq(BIO_read(s->wbio, s->out, (int)pending), (int)pending);
}

/* The server's answer to the peer's EAPOL frame @r (0: the first
 * request). Returns the frame's length in @f, 0 when the double has
 * nothing more to say. */
static size_t server_step(struct server_double *s, const uint8_t *r, size_t rlen, uint8_t *f)
{
	const uint8_t *eap, *tls;
	size_t eap_len, tls_len;
	uint8_t flags;

	if (!r)
		return eap_frame(f, 1, s->id, 1, NULL, 0);   /* Request/Identity */
	ck_assert_uint_ge(rlen, 9);
	eap = r + 4;
	eap_len = (size_t)eap[2] << 8 | eap[3];
	ck_assert_uint_eq(eap[0], 2);                   /* a response */
	ck_assert_uint_eq(eap[1], s->id);               /* to our request */
	if (eap[4] == 1) {                               /* Identity */
		snprintf(s->identity, sizeof(s->identity), "%.*s", (int)(eap_len - 5), eap + 5);
		{
			const uint8_t start = 0x20;

			return eap_frame(f, 1, ++s->id, 13, &start, 1);
		}
	}
	ck_assert_uint_eq(eap[4], 13);
	flags = eap[5];
	tls = eap + 6;
	tls_len = eap_len - 6;
	if (flags & 0x80) {
		tls += 4;
		tls_len -= 4;
	}
	/* The peer acknowledged one of our fragments. */
	if (!tls_len && s->out_off < s->out_len) {
		s->acks_in++;
		return server_tls_request(s, f);
	}
	if (tls_len) {
		s->in = realloc(s->in, s->in_len + tls_len);
		memcpy(s->in + s->in_len, tls, tls_len);
		s->in_len += tls_len;
		s->frags_in++;
	}
	if (flags & 0x40)                                 /* more: ack it */
		return eap_frame(f, 1, ++s->id, 13, (const uint8_t[]){ 0 }, 1);
	if (!tls_len && s->done) {                        /* the final ack */
		uint8_t km[128];

		ck_assert_int_eq(SSL_export_keying_material(s->ssl, km, sizeof(km),
			"client EAP encryption", 21, NULL, 0, 0), 1);
		memcpy(s->msk, km, sizeof(s->msk));
		return eap_frame(f, 3, s->id, -1, NULL, 0);   /* Success */
	}
	BIO_write(s->rbio, s->in, (int)s->in_len);
	s->in_len = 0;
	if (!s->done) {
		int rc = SSL_do_handshake(s->ssl);

		if (rc == 1)
			s->done = 1;
		else if (SSL_get_error(s->ssl, rc) != SSL_ERROR_WANT_READ)
			s->failed = 1;
	}
	server_collect(s);
	if (s->out_len)                                   /* a flight, or an alert */
		return server_tls_request(s, f);
	return eap_frame(f, 4, s->id, -1, NULL, 0);       /* Failure */
}

/* Runs the conversation to its end; the peer's final result. */
static enum eap_peer_result converse(struct server_double *s, struct eap_peer *e,
				    struct eap_peer_out *out, unsigned int *rounds)
{
	uint8_t f[2048];
	size_t n = server_step(s, NULL, 0, f);

	*rounds = 0;
	for (;;) {
		int rc = eap_peer_rx(e, f, n, out);

		ck_assert_msg(rc == 0, "peer rejected round %u: %s", *rounds,
			      out->reject ? out->reject : "?");
		(*rounds)++;
		if (out->result != EAP_PEER_CONTINUE)
			return out->result;
		ck_assert_uint_gt(out->frame_len, 0);
		ck_assert_uint_lt(*rounds, 200);
		n = server_step(s, out->frame, out->frame_len, f);
		if (!n)
			return EAP_PEER_CONTINUE;
	}
}

static struct eap_peer *peer(const char *ca)
{
	struct eap_peer_cfg cfg = {
		.identity = "user@lab", .ca_file = path_of(ca),
		.cert_file = path_of("client.pem"), .key_file = path_of("client.key"),
		.server_name = "server.lab",
	};
	struct eap_peer *e = NULL;
	char why[256];

	ck_assert_msg(eap_peer_new(&cfg, &e, why, sizeof(why)) == 0, "%s", why);
	return e;
}

START_TEST(test_eap_tls_success)
{
	struct server_double s;
	struct eap_peer_out out;
	struct eap_peer *e;
	unsigned int rounds;

	make_pki();
	server_init(&s, 1);
	e = peer("ca.pem");
	ck_assert_int_eq(converse(&s, e, &out, &rounds), EAP_PEER_SUCCESS);
	ck_assert_str_eq(s.identity, "user@lab");
	ck_assert(s.done);
	/* both ends derived the same MSK, and it is not all zero */
	ck_assert_mem_eq(out.msk, s.msk, EAP_PEER_MSK_LEN);
	ck_assert(memcmp(out.msk, (uint8_t[EAP_PEER_MSK_LEN]){ 0 }, EAP_PEER_MSK_LEN) != 0);
	/* fragments went both ways: the server's flight in 300-byte pieces
	 * (the peer acknowledged them), the peer's certificate flight */
	ck_assert_uint_ge(rounds, 6);
	eap_peer_free(e);
	server_free(&s);
	remove_pki();
}
END_TEST

/* The server's certificate does not chain to the CA the profile trusts:
 * the peer aborts the handshake, and the EAP-Failure names why. */
START_TEST(test_eap_tls_untrusted_server)
{
	struct server_double s;
	struct eap_peer_out out;
	struct eap_peer *e;
	unsigned int rounds;

	make_pki();
	server_init(&s, 1);
	e = peer("other-ca.pem");
	ck_assert_int_eq(converse(&s, e, &out, &rounds), EAP_PEER_FAILURE);
	ck_assert_ptr_nonnull(strstr(out.why, "not trusted"));
	ck_assert(!s.done);
	eap_peer_free(e);
	server_free(&s);
	remove_pki();
}
END_TEST

START_TEST(test_eap_frames_validated)
{
	struct eap_peer_out out;
	struct eap_peer *e;
	uint8_t f[64];
	size_t n;

	make_pki();
	e = peer("ca.pem");
	/* an EAPOL length beyond the frame */
	n = eap_frame(f, 1, 7, 1, NULL, 0);
	ck_assert_int_eq(eap_peer_rx(e, f, n - 1, &out), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(out.reject, "beyond"));
	/* an EAP length beyond the EAPOL body */
	n = eap_frame(f, 1, 7, 1, NULL, 0);
	f[7] = 60;
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), -EBADMSG);
	/* EAPOL-Key is not ours */
	n = eap_frame(f, 1, 7, 1, NULL, 0);
	f[1] = 3;
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), -EBADMSG);
	/* TLS data before the EAP-TLS start */
	n = eap_frame(f, 1, 8, 13, (const uint8_t[]){ 0, 22, 3, 3 }, 4);
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(out.reject, "before the EAP-TLS start"));
	/* an announced message length that exceeds the maximum */
	n = eap_frame(f, 1, 9, 13, (const uint8_t[]){ 0xC0, 0x7f, 0, 0, 0, 1 }, 6);
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), -EBADMSG);
	/* EAP-Success with no handshake behind it: not a success */
	n = eap_frame(f, 3, 10, -1, NULL, 0);
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), -EBADMSG);
	ck_assert_int_eq(out.result, EAP_PEER_CONTINUE);
	/* another method proposed (PEAP): Nak, desired EAP-TLS */
	n = eap_frame(f, 1, 11, 25, (const uint8_t[]){ 0x20 }, 1);
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), 0);
	ck_assert_uint_eq(out.frame[8], 3);
	ck_assert_uint_eq(out.frame[9], 13);
	/* the same request again: the same answer, not a new step */
	ck_assert_int_eq(eap_peer_rx(e, f, n, &out), 0);
	ck_assert_uint_eq(out.frame[8], 3);
	ck_assert_ptr_nonnull(out.note);
	eap_peer_free(e);
	remove_pki();
}
END_TEST

START_TEST(test_eap_bad_configuration)
{
	struct eap_peer_cfg cfg = { .identity = "u", .ca_file = "/nonexistent/ca.pem",
				   .cert_file = "/nonexistent/c.pem",
				   .key_file = "/nonexistent/k.pem" };
	struct eap_peer *e = (struct eap_peer *)&cfg;
	char why[256];

	ck_assert_int_eq(eap_peer_new(&cfg, &e, why, sizeof(why)), -EIO);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(why, "/nonexistent/ca.pem"));
	cfg.identity = "";
	ck_assert_int_eq(eap_peer_new(&cfg, &e, why, sizeof(why)), -EINVAL);
}
END_TEST

/* ---- the <EapTls> profile fragment (ext-profile.c) ------------------------ */

static const uint16_t *u16(const char *s)
{
	static uint16_t buf[1024];
	size_t i;

	for (i = 0; s[i] && i < 1023; i++)
		buf[i] = (uint8_t)s[i];
	buf[i] = 0;
	return buf;
}

static enum ext_profile_error eap_parse(const char *xml, struct ext_profile *p, char *why)
{
	return ext_profile_parse(u16(xml), p, why, 192);
}

#define ID "<Identity>alice</Identity>"
#define CA "<CaCertificate>/run/pki/ca.pem</CaCertificate>"
#define CERT "<ClientCertificate>/run/pki/alice.pem</ClientCertificate>"
#define KEY "<PrivateKey>/run/pki/alice.key</PrivateKey>"

START_TEST(test_eap_profile)
{
	struct ext_profile p;
	char why[192];

	ck_assert_int_eq(eap_parse("<EapTls>" ID CA CERT KEY "</EapTls>", &p, why), EXT_PROFILE_OK);
	ck_assert(p.owns_security && p.eap_tls);
	ck_assert_str_eq(p.identity, "alice");
	ck_assert_str_eq(p.ca_file, "/run/pki/ca.pem");
	ck_assert_str_eq(p.cert_file, "/run/pki/alice.pem");
	ck_assert_str_eq(p.key_file, "/run/pki/alice.key");
	ck_assert_str_eq(p.server_name, "");
	/* any order, comments and blanks, the optional server name */
	ck_assert_int_eq(eap_parse("<?xml version=\"1.0\"?>\n<EapTls>\n <!-- x -->\n " KEY CERT
				   "<ServerName>server.ihvhost.test</ServerName>" CA ID "\n</EapTls>",
				   &p, why), EXT_PROFILE_OK);
	ck_assert_str_eq(p.server_name, "server.ihvhost.test");
	ext_profile_clear(&p);

	/* structure */
	ck_assert_int_eq(eap_parse("<EapTls>" CA CERT KEY "</EapTls>", &p, why), EXT_PROFILE_BAD_XML);
	ck_assert_str_eq(why, "<EapTls> lacks <Identity>");
	ck_assert_int_eq(p.owns_security, 0);
	ck_assert_int_eq(eap_parse("<EapTls>" ID ID CA CERT KEY "</EapTls>", &p, why), EXT_PROFILE_BAD_XML);
	ck_assert(strstr(why, "<Identity> given twice"));
	ck_assert_int_eq(eap_parse("<EapTls>" ID CA CERT KEY "<Password>x</Password></EapTls>", &p, why),
			 EXT_PROFILE_BAD_XML);
	ck_assert(strstr(why, "unknown element <Password>"));
	ck_assert_int_eq(eap_parse("<EapTls>x" ID CA CERT KEY "</EapTls>", &p, why), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(eap_parse("<EapTls a='1'>" ID CA CERT KEY "</EapTls>", &p, why), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(eap_parse("<EapTls><Identity a='1'>x</Identity>" CA CERT KEY "</EapTls>", &p, why),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(eap_parse("<EapTls><Identity><b/></Identity>" CA CERT KEY "</EapTls>", &p, why),
			 EXT_PROFILE_BAD_XML);
	/* values */
	ck_assert_int_eq(eap_parse("<EapTls><Identity></Identity>" CA CERT KEY "</EapTls>", &p, why),
			 EXT_PROFILE_BAD_EAP);
	ck_assert_int_eq(eap_parse("<EapTls><Identity>a&#x9;b</Identity>" CA CERT KEY "</EapTls>", &p, why),
			 EXT_PROFILE_BAD_EAP);
	ck_assert_str_eq(why, "<Identity> byte 2 is a control character");
	ck_assert_int_eq(eap_parse("<EapTls>" ID "<CaCertificate>ca.pem</CaCertificate>" CERT KEY "</EapTls>",
				   &p, why), EXT_PROFILE_BAD_EAP);
	ck_assert(strstr(why, "<CaCertificate> must be an absolute path"));
	ck_assert_int_eq(eap_parse("<EapTls>" ID CA CERT "<PrivateKey></PrivateKey></EapTls>", &p, why),
			 EXT_PROFILE_BAD_EAP);
	ck_assert_int_eq(eap_parse("<EapTls>" ID CA CERT KEY "<ServerName>a b</ServerName></EapTls>", &p, why),
			 EXT_PROFILE_BAD_EAP);
	ck_assert_int_eq(p.owns_security, 0);
	/* the paths are not secrets, but a refusal never quotes a value */
	ck_assert_ptr_null(strstr(why, "a b"));
}
END_TEST

/* ---- a new PMK from EAP (ext_wpa_new_pmk) ---------------------------------- */

START_TEST(test_wpa_new_pmk)
{
	static const uint8_t rsne[] = { 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4,
					1, 0, 0, 0x0f, 0xac, 1, 0, 0 };
	uint8_t zero[32] = { 0 }, pmk[32], sta[6] = { 2, 0, 0, 0, 0, 1 }, ap[6] = { 2 };
	struct ext_wpa w;

	memset(pmk, 0x5a, sizeof(pmk));
	ck_assert_int_eq(ext_wpa_init(&w, zero, sta, ap, rsne, sizeof(rsne), rsne, sizeof(rsne)), 0);
	ext_wpa_new_pmk(&w, pmk);
	ck_assert_mem_eq(w.pmk, pmk, 32);
	ck_assert_int_eq(w.state, EXT_WPA_WAIT_M1);
	/* re-authentication while the keys are in force: they stay */
	w.state = EXT_WPA_DONE;
	w.gtk_keyid = 2;
	w.rx_replay = 7;
	w.rx_replay_set = 1;
	memset(pmk, 0xa5, sizeof(pmk));
	ext_wpa_new_pmk(&w, pmk);
	ck_assert_mem_eq(w.pmk, pmk, 32);
	ck_assert_int_eq(w.state, EXT_WPA_DONE);
	ck_assert_uint_eq(w.gtk_keyid, 2);
	ck_assert(w.rx_replay_set && w.rx_replay == 7);
	/* a handshake half done under the old PMK starts over */
	w.state = EXT_WPA_WAIT_M3;
	w.snonce_valid = 1;
	ext_wpa_new_pmk(&w, pmk);
	ck_assert_int_eq(w.state, EXT_WPA_WAIT_M1);
	ck_assert_int_eq(w.snonce_valid, 0);
	ext_wpa_clear(&w);
}
END_TEST

static Suite *eap_suite(void)
{
	Suite *s = suite_create("eap");
	TCase *tc = tcase_create("eap-tls");

	/* EC keys and a few TLS handshakes: quick, but not under valgrind. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_eap_tls_success);
	tcase_add_test(tc, test_eap_tls_untrusted_server);
	tcase_add_test(tc, test_eap_frames_validated);
	tcase_add_test(tc, test_eap_bad_configuration);
	tcase_add_test(tc, test_eap_profile);
	tcase_add_test(tc, test_wpa_new_pmk);
	suite_add_tcase(s, tc);
	return s;
}

CK_SUITE(eap_suite)
