/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the EAP peer (ihvhost/eap/eap-peer.c), which the
 * host's 802.1X and the sample extensions feed with EAPOL frames straight
 * from the air.
 *
 * Input: a conversation, as frames of [2-byte big-endian length][bytes],
 * fed in order to one fresh peer (a trailing partial frame is fed as it
 * is). The peer trusts a CA made at start-up, whose key the fuzzer
 * throws away: no input can carry a server certificate it signed.
 *
 * Oracles besides the sanitizers:
 *  - eap_peer_rx returns 0 or -EBADMSG, or -EIO only with a failure;
 *  - no conversation ends in EAP_PEER_SUCCESS (that needs a TLS handshake
 *    with a server the CA vouches for), and a CONTINUE never carries an
 *    MSK;
 *  - every frame it answers with is an EAPOL (version 2) EAP packet whose
 *    EAPOL length is the frame's, whose EAP length is the EAPOL body's,
 *    coded Response, at most EAP_PEER_FRAME_MAX bytes;
 *  - a rejected frame (-EBADMSG) says why (out->reject set).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "eap-peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[] = "/tmp/ihv-fuzz-eap-XXXXXX";
static char fuzz_ca[64], fuzz_cert[64], fuzz_key[64];

__attribute__((noreturn)) static void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz-eap: %s\n", what);
	abort();
}

/* A self-signed certificate for @cn with @key, written to @path. */
static void fuzz_cert_write(const char *path, const char *cn, EVP_PKEY *key)
{
	X509 *x = X509_new();
	X509_NAME *n;
	FILE *f;

	if (!x || !X509_set_version(x, 2) ||
	    !ASN1_INTEGER_set(X509_get_serialNumber(x), 1) ||
	    !X509_gmtime_adj(X509_getm_notBefore(x), -60) ||
	    !X509_gmtime_adj(X509_getm_notAfter(x), 3600) || !X509_set_pubkey(x, key))
		fuzz_fail("certificate");
	n = X509_get_subject_name(x);
	if (!X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn,
					-1, -1, 0) ||
	    !X509_set_issuer_name(x, n) || !X509_sign(x, key, EVP_sha256()))
		fuzz_fail("signing");
	f = fopen(path, "w");
	if (!f || PEM_write_X509(f, x) != 1 || fclose(f))
		fuzz_fail(path);
	X509_free(x);
}

static void fuzz_cleanup(void)
{
	unlink(fuzz_ca);
	unlink(fuzz_cert);
	unlink(fuzz_key);
	rmdir(fuzz_dir);
}

/* The CA (its key dropped) and a client certificate with its key. */
static void fuzz_pki(void)
{
	EVP_PKEY *ca_key, *key;
	FILE *f;

	if (!mkdtemp(fuzz_dir))
		fuzz_fail("mkdtemp");
	atexit(fuzz_cleanup);
	snprintf(fuzz_ca, sizeof(fuzz_ca), "%s/ca.pem", fuzz_dir);
	snprintf(fuzz_cert, sizeof(fuzz_cert), "%s/u.pem", fuzz_dir);
	snprintf(fuzz_key, sizeof(fuzz_key), "%s/u.key", fuzz_dir);
	ca_key = EVP_EC_gen("P-256");
	key = EVP_EC_gen("P-256");
	if (!ca_key || !key)
		fuzz_fail("key generation");
	fuzz_cert_write(fuzz_ca, "fuzz CA", ca_key);
	fuzz_cert_write(fuzz_cert, "u", key);
	f = fopen(fuzz_key, "w");
	if (!f || PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) != 1 || fclose(f))
		fuzz_fail(fuzz_key);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(key);
}

static void fuzz_check_answer(const struct eap_peer_out *out)
{
	const uint8_t *f = out->frame;
	size_t body, eap_len;

	if (!out->frame_len)
		return;
	if (out->frame_len > EAP_PEER_FRAME_MAX || out->frame_len < 4 + 5)
		fuzz_fail("answer length out of bounds");
	body = (size_t)f[2] << 8 | f[3];
	eap_len = (size_t)f[6] << 8 | f[7];
	if (f[0] != 2 || f[1] != 0 || body != out->frame_len - 4 || eap_len != body ||
	    f[4] != 2)
		fuzz_fail("the answer is not a well-formed EAPOL EAP-Response");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static const uint8_t zero[EAP_PEER_MSK_LEN];
	struct eap_peer_cfg cfg = { .identity = "u" };
	struct eap_peer_out *out;
	struct eap_peer *e = NULL;
	char why[256];

	if (!ready) {
		fuzz_pki();
		ready = 1;
	}
	cfg.ca_file = fuzz_ca;
	cfg.cert_file = fuzz_cert;
	cfg.key_file = fuzz_key;
	if (eap_peer_new(&cfg, &e, why, sizeof(why)) < 0) {
		fprintf(stderr, "fuzz-eap: %s\n", why);
		abort();
	}
	out = malloc(sizeof(*out));
	if (!out)
		abort();
	while (size) {
		/* A last byte without a length: fed as a 1-byte frame. */
		size_t hdr = size >= 2 ? 2 : 0;
		size_t n = hdr ? (size_t)data[0] << 8 | data[1] : size;
		const uint8_t *frame = data + hdr;
		size_t avail = size - hdr;
		int rc;

		if (n > avail)
			n = avail;
		rc = eap_peer_rx(e, frame, n, out);
		if (rc != 0 && rc != -EBADMSG && !(rc == -EIO && out->result == EAP_PEER_FAILURE))
			fuzz_fail("eap_peer_rx returned an undocumented error");
		if (rc == -EBADMSG && !out->reject)
			fuzz_fail("a rejected frame without a reason");
		if (out->result == EAP_PEER_SUCCESS)
			fuzz_fail("EAP succeeded without a server the CA vouches for");
		if (out->result == EAP_PEER_CONTINUE && memcmp(out->msk, zero, sizeof(zero)))
			fuzz_fail("an MSK while the conversation continues");
		fuzz_check_answer(out);
		data = frame + n;
		size = avail - n;
		if (!hdr)
			break;
	}
	free(out);
	eap_peer_free(e);
	return 0;
}
