/* SPDX-License-Identifier: MIT */
/*
 * wpa: the sample extensions' WPA2-PSK supplicant (tools/ext-reference/
 * ext-wpa.c) and IHV security profile parser (ext-profile.c), hermetic.
 *  - IEEE 802.11 test vectors: PSK from passphrase (Annex J.4), PRF (J.3);
 *  - a 4-way and a group key handshake against authenticator_double, an
 *    authenticator written here with OpenSSL primitives of its own (so the
 *    supplicant's key derivation is checked against a second
 *    implementation, not against itself): both ends end with the same
 *    PTK and GTK and every MIC verifies on the other side;
 *  - each check of a received frame, by a frame that breaks only it: the
 *    frame is refused with its reason, and the handshake still completes
 *    with the good frame that follows (nothing of the bad one stuck);
 *  - KRACK: a retransmitted 3/4 after completion gets a 4/4 but no key
 *    is installed again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "ck.h"
#include "../../tools/ext-reference/ext-profile.h"
#include "../../tools/ext-reference/ext-wpa.h"

static void unhex(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int b;

		ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &b), 1);
		out[i] = (uint8_t)b;
	}
}

/* ---------------------------------------------------------- test vectors */

START_TEST(test_psk_vectors)
{
	uint8_t pmk[32], want[32];

	/* IEEE 802.11-2020 J.4.2, test 1 and test 2 */
	ck_assert_ok(ext_wpa_pmk_from_passphrase("password", (const uint8_t *)"IEEE", 4, pmk));
	unhex("f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e", want, 32);
	ck_assert_mem_eq(pmk, want, 32);
	ck_assert_ok(ext_wpa_pmk_from_passphrase("ThisIsAPassword",
						 (const uint8_t *)"ThisIsASSID", 11, pmk));
	unhex("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af", want, 32);
	ck_assert_mem_eq(pmk, want, 32);
	/* 8..63 printable ASCII only */
	ck_assert_errno(ext_wpa_pmk_from_passphrase("short", (const uint8_t *)"IEEE", 4, pmk), EINVAL);
	ck_assert_errno(ext_wpa_pmk_from_passphrase("tab\there!", (const uint8_t *)"IEEE", 4, pmk),
			EINVAL);
}
END_TEST

START_TEST(test_prf_vectors)
{
	uint8_t key[20], out[64], want[64];

	/* IEEE 802.11-2020 J.3.2, PRF test 1 and 2 (PRF-512) */
	memset(key, 0x0b, sizeof(key));
	ck_assert_ok(ext_wpa_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There", 8, out, 64));
	unhex("bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee"
	      "75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a", want, 64);
	ck_assert_mem_eq(out, want, 64);
	ck_assert_ok(ext_wpa_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
				      (const uint8_t *)"what do ya want for nothing?", 28, out, 64));
	unhex("51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009"
	      "a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc", want, 64);
	ck_assert_mem_eq(out, want, 64);
}
END_TEST

/* ---------------------------------------------------------- the double */

/* An RSN element: version 1, group CCMP, 1 pairwise CCMP, 1 AKM PSK, caps 0 */
static const uint8_t rsne_ccmp_psk[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};
/* The same, pairwise TKIP: what a downgrading attacker would put in the beacon */
static const uint8_t rsne_tkip_psk[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};
static const uint8_t aa[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t spa[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };

/*
 * authenticator_double: the AP's side of the handshakes, hand-driven by
 * the tests. Test double only (never linked into an extension).
 */
struct authenticator_double {
	uint8_t pmk[32];
	uint64_t counter;
	uint8_t anonce[32], snonce[32];
	uint8_t kck[16], kek[16], tk[16];
	uint8_t gtk[16];
	unsigned int keyid;
	uint8_t rsc[8];
	const uint8_t *rsne;          /* what 3/4 carries */
	size_t rsne_len;
};

static void ad_hmac_sha1(const uint8_t *key, size_t kl, const uint8_t *d, size_t n, uint8_t out[20])
{
	unsigned int ol = 0;

	ck_assert_ptr_nonnull(HMAC(EVP_sha1(), key, (int)kl, d, n, out, &ol));
	ck_assert_uint_eq(ol, 20);
}

static void ad_derive_ptk(struct authenticator_double *a)
{
	uint8_t in[22 + 1 + 76 + 1], out[60];
	const uint8_t *lo_a = memcmp(aa, spa, 6) < 0 ? aa : spa, *hi_a = lo_a == aa ? spa : aa;
	const uint8_t *lo_n = memcmp(a->anonce, a->snonce, 32) < 0 ? a->anonce : a->snonce;
	const uint8_t *hi_n = lo_n == a->anonce ? a->snonce : a->anonce;

	memcpy(in, "Pairwise key expansion", 22);
	in[22] = 0;
	memcpy(in + 23, lo_a, 6);
	memcpy(in + 29, hi_a, 6);
	memcpy(in + 35, lo_n, 32);
	memcpy(in + 67, hi_n, 32);
	for (uint8_t i = 0; i < 3; i++) {
		in[99] = i;
		ad_hmac_sha1(a->pmk, 32, in, sizeof(in), out + 20 * i);
	}
	memcpy(a->kck, out, 16);
	memcpy(a->kek, out + 16, 16);
	memcpy(a->tk, out + 32, 16);
}

static void ad_init(struct authenticator_double *a, const char *pass)
{
	memset(a, 0, sizeof(*a));
	ck_assert_int_eq(PKCS5_PBKDF2_HMAC_SHA1(pass, (int)strlen(pass),
						(const unsigned char *)"IEEE", 4, 4096, 32, a->pmk), 1);
	a->counter = 1;
	a->keyid = 1;
	ck_assert_int_eq(RAND_bytes(a->gtk, 16), 1);
	a->rsc[0] = 0x22; /* a non-zero receive counter, LSB first */
	a->rsc[1] = 0x11;
	a->rsne = rsne_ccmp_psk;
	a->rsne_len = sizeof(rsne_ccmp_psk);
}

/* An EAPOL-Key frame from the AP; MIC with @kck when non-NULL. */
static size_t ad_frame(uint8_t *f, uint16_t info, uint64_t counter, const uint8_t *nonce,
		       const uint8_t *rsc, const uint8_t *data, size_t dlen, const uint8_t *kck)
{
	size_t len = 99 + dlen;
	uint8_t mic[20];

	memset(f, 0, len);
	f[0] = 2;
	f[1] = 3;
	f[2] = (uint8_t)((len - 4) >> 8);
	f[3] = (uint8_t)(len - 4);
	f[4] = 2;
	f[5] = (uint8_t)(info >> 8);
	f[6] = (uint8_t)info;
	f[8] = (info & 0x8) ? 16 : 0;
	for (int i = 0; i < 8; i++)
		f[9 + i] = (uint8_t)(counter >> (56 - 8 * i));
	if (nonce)
		memcpy(f + 17, nonce, 32);
	if (rsc)
		memcpy(f + 65, rsc, 8);
	f[97] = (uint8_t)(dlen >> 8);
	f[98] = (uint8_t)dlen;
	if (dlen)
		memcpy(f + 99, data, dlen);
	if (kck) {
		ad_hmac_sha1(kck, 16, f, len, mic);
		memcpy(f + 81, mic, 16);
	}
	return len;
}

static size_t ad_m1(struct authenticator_double *a, uint8_t *f)
{
	ck_assert_int_eq(RAND_bytes(a->anonce, 32), 1);
	return ad_frame(f, 0x008a, ++a->counter, a->anonce, NULL, NULL, 0, NULL);
}

/* Checks a frame from the supplicant: its MIC under @kck, its fields. */
static void ad_check(const uint8_t *f, size_t len, uint16_t want_info, uint64_t counter,
		     const uint8_t *kck)
{
	uint8_t copy[512], mic[20];

	ck_assert_uint_ge(len, 99);
	ck_assert_uint_le(len, sizeof(copy));
	ck_assert_uint_eq(f[1], 3);
	ck_assert_uint_eq(((size_t)f[2] << 8 | f[3]) + 4, len);
	ck_assert_uint_eq(f[4], 2);
	ck_assert_uint_eq((uint16_t)(f[5] << 8 | f[6]), want_info);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(f[9 + i], (uint8_t)(counter >> (56 - 8 * i)));
	memcpy(copy, f, len);
	memset(copy + 81, 0, 16);
	ad_hmac_sha1(kck, 16, copy, len, mic);
	ck_assert_mem_eq(mic, f + 81, 16);
}

static void ad_rx_m2(struct authenticator_double *a, const uint8_t *f, size_t len)
{
	memcpy(a->snonce, f + 17, 32);
	ad_derive_ptk(a);
	ad_check(f, len, 0x010a, a->counter, a->kck);
	/* the key data is our RSN element, verbatim */
	ck_assert_uint_eq((size_t)(f[97] << 8 | f[98]), sizeof(rsne_ccmp_psk));
	ck_assert_mem_eq(f + 99, rsne_ccmp_psk, sizeof(rsne_ccmp_psk));
}

/* Key data: [RSN element] + GTK KDE, padded, AES-wrapped with the KEK. */
static size_t ad_key_data(struct authenticator_double *a, int with_rsne, uint8_t *out)
{
	uint8_t plain[128], *p = plain;
	EVP_CIPHER_CTX *c;
	int n = 0, fin = 0;
	size_t len;

	if (with_rsne) {
		memcpy(p, a->rsne, a->rsne_len);
		p += a->rsne_len;
	}
	*p++ = 0xdd;
	*p++ = 6 + 16;
	*p++ = 0x00;
	*p++ = 0x0f;
	*p++ = 0xac;
	*p++ = 0x01;
	*p++ = (uint8_t)a->keyid;
	*p++ = 0;
	memcpy(p, a->gtk, 16);
	p += 16;
	len = (size_t)(p - plain);
	if (len % 8) {
		*p++ = 0xdd;
		while ((size_t)(p - plain) % 8)
			*p++ = 0;
		len = (size_t)(p - plain);
	}
	c = EVP_CIPHER_CTX_new();
	ck_assert_ptr_nonnull(c);
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	ck_assert_int_eq(EVP_EncryptInit_ex(c, EVP_aes_128_wrap(), NULL, a->kek, NULL), 1);
	ck_assert_int_eq(EVP_EncryptUpdate(c, out, &n, plain, (int)len), 1);
	ck_assert_int_eq(EVP_EncryptFinal_ex(c, out + n, &fin), 1);
	EVP_CIPHER_CTX_free(c);
	ck_assert_uint_eq((size_t)(n + fin), len + 8);
	return len + 8;
}

static size_t ad_m3(struct authenticator_double *a, uint8_t *f)
{
	uint8_t kd[160];
	size_t n = ad_key_data(a, 1, kd);

	return ad_frame(f, 0x13ca, ++a->counter, a->anonce, a->rsc, kd, n, a->kck);
}

static size_t ad_group1(struct authenticator_double *a, uint8_t *f)
{
	uint8_t kd[160];
	size_t n;

	a->keyid = a->keyid == 1 ? 2 : 1;
	ck_assert_int_eq(RAND_bytes(a->gtk, 16), 1);
	a->rsc[0] = 0x05;
	n = ad_key_data(a, 0, kd);
	return ad_frame(f, 0x1382, ++a->counter, NULL, a->rsc, kd, n, a->kck);
}

/* ---------------------------------------------------------- fixture */

static struct authenticator_double ap;
static struct ext_wpa sup;
static struct ext_wpa_out out;
static uint8_t frame[512];

static void wpa_setup(void)
{
	uint8_t pmk[32];

	ad_init(&ap, "correct horse battery");
	ck_assert_ok(ext_wpa_pmk_from_passphrase("correct horse battery",
						 (const uint8_t *)"IEEE", 4, pmk));
	ck_assert_ok(ext_wpa_init(&sup, pmk, spa, aa, rsne_ccmp_psk, sizeof(rsne_ccmp_psk),
				  rsne_ccmp_psk, sizeof(rsne_ccmp_psk)));
}

static void wpa_teardown(void)
{
	ext_wpa_clear(&sup);
	ext_wpa_out_clear(&out);
}

/* 1/4 in, 2/4 out and verified by the double. */
static void do_m1(void)
{
	size_t n = ad_m1(&ap, frame);

	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	ck_assert_int_eq(out.msg, EXT_WPA_MSG_1_OF_4);
	ck_assert_uint_eq(out.install, 0);
	ck_assert_int_eq(out.completed, 0);
	ad_rx_m2(&ap, out.frame, out.frame_len);
}

/* @n bytes of a 3/4 in: refused for @why (a substring of the reason). */
static void expect_reject(size_t n, const char *why)
{
	ck_assert_errno(ext_wpa_rx(&sup, frame, n, &out), EBADMSG);
	ck_assert_ptr_nonnull(out.reject);
	ck_assert_msg(strstr(out.reject, why), "reason '%s', want '%s'", out.reject, why);
	ck_assert_uint_eq(out.frame_len, 0);
	ck_assert_uint_eq(out.install, 0);
	ck_assert_int_eq(out.completed, 0);
}

/* A good 3/4 completes the handshake: same keys on both sides. */
static void expect_m3_completes(void)
{
	size_t n = ad_m3(&ap, frame);

	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	ck_assert_int_eq(out.msg, EXT_WPA_MSG_3_OF_4);
	ck_assert_int_eq(out.completed, 1);
	ck_assert_uint_eq(out.install, EXT_WPA_INSTALL_PTK | EXT_WPA_INSTALL_GTK);
	ck_assert_mem_eq(out.tk, ap.tk, 16);
	ck_assert_mem_eq(out.gtk, ap.gtk, 16);
	ck_assert_uint_eq(out.gtk_keyid, ap.keyid);
	ck_assert_mem_eq(out.gtk_rsc, ap.rsc, 6);
	ad_check(out.frame, out.frame_len, 0x030a, ap.counter, ap.kck);
	ck_assert_uint_eq(out.frame_len, 99);
}

/* ---------------------------------------------------------- handshakes */

START_TEST(test_four_way_and_group)
{
	size_t n;

	do_m1();
	expect_m3_completes();
	/* group rekey: 2/2 verified by the AP, the new GTK installed */
	n = ad_group1(&ap, frame);
	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	ck_assert_int_eq(out.msg, EXT_WPA_MSG_GROUP_1_OF_2);
	ck_assert_uint_eq(out.install, EXT_WPA_INSTALL_GTK);
	ck_assert_int_eq(out.completed, 0);
	ck_assert_mem_eq(out.gtk, ap.gtk, 16);
	ck_assert_uint_eq(out.gtk_keyid, 2);
	ck_assert_mem_eq(out.gtk_rsc, ap.rsc, 6);
	ad_check(out.frame, out.frame_len, 0x0302, ap.counter, ap.kck);
}
END_TEST

START_TEST(test_m1_retransmitted_same_snonce)
{
	uint8_t first[32];
	size_t n;

	do_m1();
	memcpy(first, ap.snonce, 32);
	/* the AP resends 1/4 (counter + 1, new ANonce): same SNonce */
	n = ad_m1(&ap, frame);
	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	ad_rx_m2(&ap, out.frame, out.frame_len);
	ck_assert_mem_eq(ap.snonce, first, 32);
	expect_m3_completes();
}
END_TEST

START_TEST(test_m3_bad_mic)
{
	size_t n;

	do_m1();
	n = ad_m3(&ap, frame);
	frame[81] ^= 0x01;
	expect_reject(n, "MIC mismatch");
	expect_m3_completes();
}
END_TEST

START_TEST(test_m3_replay_not_increasing)
{
	uint8_t kd[160];
	size_t n;

	do_m1();
	/* 3/4 with 1/4's counter, correctly MICed */
	n = ad_key_data(&ap, 1, kd);
	n = ad_frame(frame, 0x13ca, ap.counter, ap.anonce, ap.rsc, kd, n, ap.kck);
	expect_reject(n, "replay counter");
	expect_m3_completes();
}
END_TEST

START_TEST(test_m3_anonce_changed)
{
	uint8_t kd[160], other[32];
	size_t n;

	do_m1();
	memcpy(other, ap.anonce, 32);
	other[0] ^= 0xff;
	n = ad_key_data(&ap, 1, kd);
	n = ad_frame(frame, 0x13ca, ++ap.counter, other, ap.rsc, kd, n, ap.kck);
	expect_reject(n, "ANonce");
	expect_m3_completes();
}
END_TEST

START_TEST(test_m3_rsne_mismatch)
{
	size_t n;

	do_m1();
	ap.rsne = rsne_tkip_psk;
	n = ad_m3(&ap, frame);
	expect_reject(n, "RSN element differs");
	ap.rsne = rsne_ccmp_psk;
	expect_m3_completes();
}
END_TEST

START_TEST(test_m3_key_data_tampered)
{
	size_t n;

	do_m1();
	n = ad_m3(&ap, frame);
	/* flip a ciphertext bit, MIC recomputed: the unwrap check catches it */
	frame[110] ^= 0x40;
	memset(frame + 81, 0, 16);
	{
		uint8_t mic[20];

		ad_hmac_sha1(ap.kck, 16, frame, n, mic);
		memcpy(frame + 81, mic, 16);
	}
	expect_reject(n, "unwrap");
	expect_m3_completes();
}
END_TEST

START_TEST(test_lying_lengths)
{
	size_t n;

	do_m1();
	n = ad_m3(&ap, frame);
	expect_reject(3, "shorter than the EAPOL header");
	expect_reject(n - 1, "EAPOL body length");           /* truncated */
	expect_reject(50, "EAPOL body length");
	frame[2] = 0;
	frame[3] = 50;                                       /* body < descriptor */
	expect_reject(n, "shorter than the 95-byte descriptor");
	n = ad_m3(&ap, frame);
	frame[97] = 0x7f;                                    /* key data length lies */
	expect_reject(n, "key data length");
	frame[97] = 0;
	frame[1] = 0;                                        /* EAP packet */
	expect_reject(n, "not EAPOL-Key");
	frame[1] = 3;
	frame[4] = 254;                                      /* WPA1 descriptor */
	expect_reject(n, "descriptor type");
	expect_m3_completes();
}
END_TEST

START_TEST(test_garbage)
{
	/* Random bytes behind a plausible EAPOL-Key header: never accepted,
	 * never a crash (ASan builds check the reads), state untouched. */
	do_m1();
	for (int i = 0; i < 2000; i++) {
		size_t n = 4 + (size_t)(i % 300);
		int rc;

		ck_assert_int_eq(RAND_bytes(frame, (int)n), 1);
		frame[1] = 3;
		frame[4] = 2;
		if (i % 2) {
			frame[2] = (uint8_t)((n - 4) >> 8);
			frame[3] = (uint8_t)(n - 4);
		}
		rc = ext_wpa_rx(&sup, frame, n, &out);
		ck_assert_msg(rc == -EBADMSG, "garbage frame %d accepted (rc %d)", i, rc);
	}
	expect_m3_completes();
}
END_TEST

START_TEST(test_krack_m3_retransmitted)
{
	size_t n;

	do_m1();
	expect_m3_completes();
	/* the AP did not get 4/4 and resends 3/4 (counter + 1, same keys) */
	n = ad_m3(&ap, frame);
	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	ck_assert_int_eq(out.msg, EXT_WPA_MSG_3_OF_4);
	ad_check(out.frame, out.frame_len, 0x030a, ap.counter, ap.kck);
	ck_assert_uint_eq(out.install, 0);
	ck_assert_int_eq(out.completed, 0);
	ck_assert_ptr_nonnull(out.note);
	ck_assert_ptr_nonnull(strstr(out.note, "PTK not reinstalled"));
	/* and a replay of that very frame is refused */
	expect_reject(n, "replay counter");
}
END_TEST

START_TEST(test_group_before_and_replayed)
{
	size_t n;

	do_m1();
	n = ad_group1(&ap, frame);
	expect_reject(n, "before the 4-way");
	expect_m3_completes();
	n = ad_group1(&ap, frame);
	ck_assert_ok(ext_wpa_rx(&sup, frame, n, &out));
	expect_reject(n, "replay counter");
}
END_TEST

/* ---------------------------------------------------------- profile */

/* A UTF-8 literal as the UTF-16 the host hands over (ASCII only here). */
static const uint16_t *w(const char *s)
{
	static uint16_t buf[512];
	size_t i;

	for (i = 0; s[i] && i < 511; i++)
		buf[i] = (uint8_t)s[i];
	buf[i] = 0;
	return buf;
}

static enum ext_profile_error parse(const uint16_t *x, struct ext_profile *p)
{
	char why[192];
	enum ext_profile_error e = ext_profile_parse(x, p, why, sizeof(why));

	if (e != EXT_PROFILE_OK)
		ck_assert_msg(why[0] && strcmp(why, "ok"), "no reason given");
	return e;
}

START_TEST(test_profile)
{
	static const uint16_t lone_high[] = { '<', 'W', 0xd800, '>', 0 };
	static const uint16_t lone_low[] = { 0xdc00, 0 };
	struct ext_profile p;

	ck_assert_int_eq(parse(NULL, &p), EXT_PROFILE_OK);
	ck_assert_int_eq(p.owns_security, 0);
	ck_assert_int_eq(parse(w("  \n"), &p), EXT_PROFILE_OK);
	ck_assert_int_eq(p.owns_security, 0);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>correct horse battery</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_OK);
	ck_assert_int_eq(p.owns_security, 1);
	ck_assert_int_eq(p.has_psk, 0);
	ck_assert_str_eq(p.passphrase, "correct horse battery");
	ck_assert_int_eq(parse(w("<?xml version=\"1.0\"?>\n<Wpa2Psk>\n <!-- c -->\n <Passphrase>a&amp;b&#x3c;&lt;cdefgh</Passphrase>\n</Wpa2Psk>"), &p),
			 EXT_PROFILE_OK);
	ck_assert_str_eq(p.passphrase, "a&b<<cdefgh");
	ck_assert_int_eq(parse(w("<Wpa2Psk><Psk>f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e</Psk></Wpa2Psk>"), &p),
			 EXT_PROFILE_OK);
	ck_assert_int_eq(p.has_psk, 1);
	ck_assert_uint_eq(p.psk[0], 0xf4);
	ck_assert_uint_eq(p.psk[31], 0x2e);
	/* refusals */
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>short</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_PASSPHRASE);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>0123456789012345678901234567890123456789012345678901234567890123</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_PASSPHRASE);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>tab\there..</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_PASSPHRASE);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Psk>f42c</Psk></Wpa2Psk>"), &p), EXT_PROFILE_BAD_PSK);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Psk>g42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e</Psk></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_PSK);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>correct horse</Wpa2Psk>"), &p), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>a &bogus; entity</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<!DOCTYPE Wpa2Psk [<!ENTITY x \"12345678\">]><Wpa2Psk><Passphrase>&x;</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wep><Passphrase>correct horse</Passphrase></Wep>"), &p), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wpa2Psk a=\"1\"><Passphrase>correct horse</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wpa2Psk><Passphrase>correct horse</Passphrase><Psk>00</Psk></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wpa2Psk>text<Passphrase>correct horse</Passphrase></Wpa2Psk>"), &p),
			 EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(w("<Wpa2Psk/>"), &p), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(lone_high, &p), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(parse(lone_low, &p), EXT_PROFILE_BAD_XML);
	ck_assert_int_eq(p.owns_security, 0);
}
END_TEST

CK_SUITE(wpa_suite)
static Suite *wpa_suite(void)
{
	Suite *s = suite_create("wpa");
	TCase *vectors = tcase_create("vectors");
	TCase *hs = tcase_create("handshake");
	TCase *prof = tcase_create("profile");

	tcase_add_test(vectors, test_psk_vectors);
	tcase_add_test(vectors, test_prf_vectors);
	suite_add_tcase(s, vectors);

	tcase_add_checked_fixture(hs, wpa_setup, wpa_teardown);
	tcase_add_test(hs, test_four_way_and_group);
	tcase_add_test(hs, test_m1_retransmitted_same_snonce);
	tcase_add_test(hs, test_m3_bad_mic);
	tcase_add_test(hs, test_m3_replay_not_increasing);
	tcase_add_test(hs, test_m3_anonce_changed);
	tcase_add_test(hs, test_m3_rsne_mismatch);
	tcase_add_test(hs, test_m3_key_data_tampered);
	tcase_add_test(hs, test_lying_lengths);
	tcase_add_test(hs, test_garbage);
	tcase_add_test(hs, test_krack_m3_retransmitted);
	tcase_add_test(hs, test_group_before_and_replayed);
	suite_add_tcase(s, hs);

	tcase_add_test(prof, test_profile);
	suite_add_tcase(s, prof);
	return s;
}
