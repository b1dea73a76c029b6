/*
 * ext-wpa.c - the WPA2-PSK 4-way and group key handshakes, supplicant
 * side, as pure code (the contract is in ext-wpa.h). Frame layout and
 * rules: IEEE 802.11-2020 12.7.2 (EAPOL-Key frames), 12.7.6 (4-way),
 * 12.7.7 (group key handshake).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "ext-wpa.h"

/* EAPOL (IEEE 802.1X-2010 11.3) */
#define EAPOL_TYPE_KEY      3
#define EAPOL_HDR_LEN       4
/* EAPOL-Key body offsets, from the start of the PDU */
#define K_DESC      4
#define K_INFO      5
#define K_KEYLEN    7
#define K_REPLAY    9
#define K_NONCE     17
#define K_IV        49
#define K_RSC       65
#define K_ID        73
#define K_MIC       81
#define K_DATALEN   97
#define K_DATA      EXT_WPA_KEY_HDR_LEN
#define KEY_BODY_MIN (EXT_WPA_KEY_HDR_LEN - EAPOL_HDR_LEN)
#define DESC_RSN    2

/* Key Information bits (12.7.2, Figure 12-33) */
#define KI_VERSION   0x0007u
#define KI_PAIRWISE  0x0008u
#define KI_INSTALL   0x0040u
#define KI_ACK       0x0080u
#define KI_MIC       0x0100u
#define KI_SECURE    0x0200u
#define KI_ERROR     0x0400u
#define KI_REQUEST   0x0800u
#define KI_ENCRYPTED 0x1000u
#define KI_SMK       0x2000u
/* Version 2: HMAC-SHA1-128 MIC, NIST AES key wrap (CCMP pairwise). */
#define KI_VERSION_AES 2u

#define EID_SSID   0
#define EID_RSN    48
#define EID_VENDOR 221
#define KDE_GTK    1
static const uint8_t kde_oui[3] = { 0x00, 0x0f, 0xac };

#define SHA1_LEN 20

/* A frame we received, its fields located and its lengths checked. */
struct key_frame {
	const uint8_t *pdu;
	size_t mic_len;          /* 4 + body length: what the MIC covers */
	uint8_t eapol_version;
	uint16_t info;
	uint16_t key_len;
	uint64_t replay;
	const uint8_t *data;
	size_t data_len;
};

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint64_t get_be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

__attribute__((format(printf, 2, 3)))
static int reject(struct ext_wpa_out *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
	out->reject = out->why;
	return -EBADMSG;
}

/* ------------------------------------------------------------- crypto */

struct chunk {
	const uint8_t *p;
	size_t n;
};

/* HMAC-SHA1 over the concatenation of @v[0..n). 0 or -EIO. */
static int hmac_sha1(const uint8_t *key, size_t key_len, const struct chunk *v, size_t n,
		     uint8_t out[SHA1_LEN])
{
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	size_t outl = 0, i;
	int rc = -EIO;

	mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
	if (!mac)
		return -EIO;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx)
		goto free_mac;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA1", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(ctx, key, key_len, params))
		goto free_ctx;
	for (i = 0; i < n; i++)
		if (v[i].n && !EVP_MAC_update(ctx, v[i].p, v[i].n))
			goto free_ctx;
	if (EVP_MAC_final(ctx, out, &outl, SHA1_LEN) && outl == SHA1_LEN)
		rc = 0;
free_ctx:
	EVP_MAC_CTX_free(ctx);
free_mac:
	EVP_MAC_free(mac);
	return rc;
}

int ext_wpa_pmk_from_passphrase(const char *pass, const uint8_t *ssid, size_t ssid_len,
				uint8_t pmk[EXT_WPA_PMK_LEN])
{
	size_t n, i;

	if (!pass || !pmk || (!ssid && ssid_len) || ssid_len > 32)
		return -EINVAL;
	n = strlen(pass);
	if (n < 8 || n > 63)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (pass[i] < 0x20 || pass[i] > 0x7e)
			return -EINVAL;
	if (!PKCS5_PBKDF2_HMAC_SHA1(pass, (int)n, ssid, (int)ssid_len, 4096,
				    EXT_WPA_PMK_LEN, pmk))
		return -EIO;
	return 0;
}

int ext_wpa_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		     const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len)
{
	uint8_t block[SHA1_LEN], zero = 0, i;
	size_t pos = 0;
	int rc = 0;

	if (!key || !label || (!data && data_len) || !out || out_len > 255 * SHA1_LEN)
		return -EINVAL;
	for (i = 0; pos < out_len; i++) {
		struct chunk v[4] = {
			{ (const uint8_t *)label, strlen(label) }, { &zero, 1 },
			{ data, data_len }, { &i, 1 },
		};
		size_t take = out_len - pos < SHA1_LEN ? out_len - pos : SHA1_LEN;

		rc = hmac_sha1(key, key_len, v, 4, block);
		if (rc < 0)
			break;
		memcpy(out + pos, block, take);
		pos += take;
	}
	OPENSSL_cleanse(block, sizeof(block));
	return rc;
}

int ext_wpa_derive_ptk(const uint8_t pmk[EXT_WPA_PMK_LEN], const uint8_t aa[EXT_WPA_ADDR_LEN],
		       const uint8_t spa[EXT_WPA_ADDR_LEN], const uint8_t anonce[EXT_WPA_NONCE_LEN],
		       const uint8_t snonce[EXT_WPA_NONCE_LEN], struct ext_wpa_ptk *ptk)
{
	uint8_t data[2 * EXT_WPA_ADDR_LEN + 2 * EXT_WPA_NONCE_LEN];
	uint8_t out[EXT_WPA_KCK_LEN + EXT_WPA_KEK_LEN + EXT_WPA_TK_LEN];
	int a_first = memcmp(aa, spa, EXT_WPA_ADDR_LEN) < 0;
	int n_first = memcmp(anonce, snonce, EXT_WPA_NONCE_LEN) < 0;
	int rc;

	memcpy(data, a_first ? aa : spa, EXT_WPA_ADDR_LEN);
	memcpy(data + EXT_WPA_ADDR_LEN, a_first ? spa : aa, EXT_WPA_ADDR_LEN);
	memcpy(data + 12, n_first ? anonce : snonce, EXT_WPA_NONCE_LEN);
	memcpy(data + 44, n_first ? snonce : anonce, EXT_WPA_NONCE_LEN);
	rc = ext_wpa_prf_sha1(pmk, EXT_WPA_PMK_LEN, "Pairwise key expansion",
			      data, sizeof(data), out, sizeof(out));
	if (!rc) {
		memcpy(ptk->kck, out, EXT_WPA_KCK_LEN);
		memcpy(ptk->kek, out + EXT_WPA_KCK_LEN, EXT_WPA_KEK_LEN);
		memcpy(ptk->tk, out + EXT_WPA_KCK_LEN + EXT_WPA_KEK_LEN, EXT_WPA_TK_LEN);
	}
	OPENSSL_cleanse(out, sizeof(out));
	return rc;
}

/* The MIC of a frame of @len bytes whose MIC field is taken as zero. */
static int key_mic(const uint8_t kck[EXT_WPA_KCK_LEN], const uint8_t *frame, size_t len,
		   uint8_t mic[EXT_WPA_MIC_LEN])
{
	static const uint8_t zero[EXT_WPA_MIC_LEN];
	uint8_t full[SHA1_LEN];
	struct chunk v[3] = {
		{ frame, K_MIC }, { zero, EXT_WPA_MIC_LEN },
		{ frame + K_MIC + EXT_WPA_MIC_LEN, len - K_MIC - EXT_WPA_MIC_LEN },
	};
	int rc = hmac_sha1(kck, EXT_WPA_KCK_LEN, v, 3, full);

	memcpy(mic, full, EXT_WPA_MIC_LEN);
	return rc;
}

/* RFC 3394 unwrap of @in (n bytes, a multiple of 8, >= 16) into @out
 * (n - 8 bytes). 0, -EBADMSG (integrity check failed) or -EIO. */
static int aes_unwrap(const uint8_t kek[EXT_WPA_KEK_LEN], const uint8_t *in, size_t n,
		      uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int outl = 0, fin = 0, rc = -EIO;

	if (!c)
		return -ENOMEM;
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (!EVP_DecryptInit_ex(c, EVP_aes_128_wrap(), NULL, kek, NULL))
		goto out;
	rc = -EBADMSG;
	if (EVP_DecryptUpdate(c, out, &outl, in, (int)n) <= 0 ||
	    EVP_DecryptFinal_ex(c, out + outl, &fin) <= 0 ||
	    (size_t)(outl + fin) != n - 8)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

/* ------------------------------------------------------------- elements */

static int find_element(const uint8_t *ies, size_t len, uint8_t id,
			const uint8_t **el, size_t *el_len)
{
	size_t i = 0;

	if (!ies && len)
		return -EINVAL;
	while (len - i >= 2) {
		size_t l = ies[i + 1];

		if (l > len - i - 2)
			return -EBADMSG;
		if (ies[i] == id) {
			*el = ies + i;
			*el_len = 2 + l;
			return 0;
		}
		i += 2 + l;
	}
	return len - i ? -EBADMSG : -ENOENT;
}

int ext_wpa_find_rsne(const uint8_t *ies, size_t ies_len, const uint8_t **rsne, size_t *len)
{
	return find_element(ies, ies_len, EID_RSN, rsne, len);
}

int ext_wpa_find_ssid(const uint8_t *ies, size_t ies_len, const uint8_t **ssid, size_t *len)
{
	const uint8_t *el;
	size_t n;
	int rc = find_element(ies, ies_len, EID_SSID, &el, &n);

	if (rc < 0)
		return rc;
	if (n - 2 > 32)
		return -EBADMSG;
	*ssid = el + 2;
	*len = n - 2;
	return 0;
}

/* What the decrypted key data of 3/4 or group 1/2 carries. */
struct key_data {
	const uint8_t *rsne;
	size_t rsne_len;
	const uint8_t *gtk;
	size_t gtk_len;
	unsigned int keyid;
};

/* Walks the element/KDE list; padding is 0xdd followed by zeros. */
static int parse_key_data(const uint8_t *p, size_t n, struct key_data *kd,
			  struct ext_wpa_out *out)
{
	size_t i = 0;

	memset(kd, 0, sizeof(*kd));
	while (n - i >= 2) {
		uint8_t id = p[i];
		size_t l = p[i + 1];

		if (id == EID_VENDOR && l == 0)
			break; /* padding */
		if (l > n - i - 2)
			return reject(out, "key data element %u overruns the key data (%zu > %zu bytes)",
				      id, l, n - i - 2);
		if (id == EID_RSN && !kd->rsne) {
			kd->rsne = p + i;
			kd->rsne_len = 2 + l;
		} else if (id == EID_VENDOR && l >= 4 && !memcmp(p + i + 2, kde_oui, 3) &&
			   p[i + 5] == KDE_GTK) {
			if (kd->gtk)
				return reject(out, "two GTK KDEs in the key data");
			if (l < 6)
				return reject(out, "GTK KDE of %zu bytes", l);
			kd->keyid = p[i + 6] & 0x3;
			kd->gtk = p + i + 8;
			kd->gtk_len = l - 6;
		}
		i += 2 + l;
	}
	if (n - i == 1 && p[i] != EID_VENDOR)
		return reject(out, "key data ends with a stray byte");
	return 0;
}

/* ------------------------------------------------------------- frames */

/* Locates and length-checks the fields of an EAPOL-Key frame. */
static int parse_frame(const uint8_t *pdu, size_t len, struct key_frame *f,
		       struct ext_wpa_out *out)
{
	size_t body;

	if (!pdu || len < EAPOL_HDR_LEN)
		return reject(out, "%zu bytes: shorter than the EAPOL header", len);
	if (pdu[1] != EAPOL_TYPE_KEY)
		return reject(out, "EAPOL packet type %u, not EAPOL-Key (3)", pdu[1]);
	body = get_be16(pdu + 2);
	if (body > len - EAPOL_HDR_LEN)
		return reject(out, "EAPOL body length %zu but only %zu bytes follow the header",
			      body, len - EAPOL_HDR_LEN);
	if (body < KEY_BODY_MIN)
		return reject(out, "EAPOL-Key body of %zu bytes, shorter than the %d-byte descriptor",
			      body, KEY_BODY_MIN);
	if (pdu[K_DESC] != DESC_RSN)
		return reject(out, "key descriptor type %u, not RSN (2)", pdu[K_DESC]);
	f->pdu = pdu;
	f->mic_len = EAPOL_HDR_LEN + body;
	f->eapol_version = pdu[0];
	f->info = get_be16(pdu + K_INFO);
	f->key_len = get_be16(pdu + K_KEYLEN);
	f->replay = get_be64(pdu + K_REPLAY);
	f->data_len = get_be16(pdu + K_DATALEN);
	f->data = pdu + K_DATA;
	if (f->data_len > body - KEY_BODY_MIN)
		return reject(out, "key data length %zu but the body holds %zu bytes after the descriptor",
			      f->data_len, body - KEY_BODY_MIN);
	if ((f->info & KI_VERSION) != KI_VERSION_AES)
		return reject(out, "key descriptor version %u, expected 2 (HMAC-SHA1 MIC, AES key wrap)",
			      f->info & KI_VERSION);
	return 0;
}

static enum ext_wpa_msg classify(uint16_t info)
{
	uint16_t flags = info & ~KI_VERSION;

	if (flags & (KI_ERROR | KI_REQUEST | KI_SMK) || !(flags & KI_ACK))
		return EXT_WPA_MSG_NONE;
	if (flags == (KI_PAIRWISE | KI_ACK))
		return EXT_WPA_MSG_1_OF_4;
	if (flags == (KI_PAIRWISE | KI_ACK | KI_INSTALL | KI_MIC | KI_SECURE | KI_ENCRYPTED))
		return EXT_WPA_MSG_3_OF_4;
	if (flags == (KI_ACK | KI_MIC | KI_SECURE | KI_ENCRYPTED))
		return EXT_WPA_MSG_GROUP_1_OF_2;
	return EXT_WPA_MSG_NONE;
}

/* Builds our reply (2/4, 4/4 or group 2/2) in out->frame, MIC included. */
static int build_reply(const struct key_frame *rx, uint16_t info,
		       const uint8_t *nonce, const uint8_t *data, size_t data_len,
		       const uint8_t kck[EXT_WPA_KCK_LEN], struct ext_wpa_out *out)
{
	uint8_t *f = out->frame;
	size_t len = EXT_WPA_KEY_HDR_LEN + data_len;

	if (len > sizeof(out->frame))
		return -EINVAL;
	memset(f, 0, len);
	/* Answer in the EAPOL version the authenticator speaks. */
	f[0] = rx->eapol_version >= 1 && rx->eapol_version <= 3 ? rx->eapol_version : 2;
	f[1] = EAPOL_TYPE_KEY;
	put_be16(f + 2, (uint16_t)(len - EAPOL_HDR_LEN));
	f[K_DESC] = DESC_RSN;
	put_be16(f + K_INFO, (uint16_t)(info | KI_VERSION_AES | KI_MIC));
	put_be64(f + K_REPLAY, rx->replay);
	if (nonce)
		memcpy(f + K_NONCE, nonce, EXT_WPA_NONCE_LEN);
	put_be16(f + K_DATALEN, (uint16_t)data_len);
	if (data_len)
		memcpy(f + K_DATA, data, data_len);
	if (key_mic(kck, f, len, f + K_MIC) < 0)
		return -EIO;
	out->frame_len = len;
	return 0;
}

static int check_mic(const struct key_frame *f, const uint8_t kck[EXT_WPA_KCK_LEN],
		     struct ext_wpa_out *out)
{
	uint8_t mic[EXT_WPA_MIC_LEN];
	int rc = key_mic(kck, f->pdu, f->mic_len, mic);

	if (rc < 0)
		return rc;
	if (CRYPTO_memcmp(mic, f->pdu + K_MIC, EXT_WPA_MIC_LEN))
		return reject(out, "MIC mismatch");
	return 0;
}

/* Replay counter rule for every frame: above the last MIC-verified one. */
static int check_replay(const struct ext_wpa *w, const struct key_frame *f,
			struct ext_wpa_out *out)
{
	if (w->rx_replay_set && f->replay <= w->rx_replay)
		return reject(out, "replay counter %llu not above %llu",
			      (unsigned long long)f->replay, (unsigned long long)w->rx_replay);
	return 0;
}

/*
 * Decrypts the key data of 3/4 or group 1/2 into a heap buffer (*plain,
 * *plain_len; the caller cleanses and frees it) and parses it.
 */
static int open_key_data(const struct key_frame *f, const uint8_t kek[EXT_WPA_KEK_LEN],
			 uint8_t **plain, size_t *plain_len, struct key_data *kd,
			 struct ext_wpa_out *out)
{
	int rc;

	*plain = NULL;
	if (f->data_len < 24 || f->data_len % 8)
		return reject(out, "encrypted key data of %zu bytes (AES key wrap needs a multiple of 8, at least 24)",
			      f->data_len);
	*plain_len = f->data_len - 8;
	*plain = malloc(*plain_len);
	if (!*plain)
		return -ENOMEM;
	rc = aes_unwrap(kek, f->data, f->data_len, *plain);
	if (rc == -EBADMSG)
		return reject(out, "key data does not unwrap (AES key wrap integrity check failed)");
	if (rc < 0)
		return rc;
	rc = parse_key_data(*plain, *plain_len, kd, out);
	if (rc < 0)
		return rc;
	if (!kd->gtk)
		return reject(out, "no GTK KDE in the key data");
	if (kd->gtk_len != EXT_WPA_GTK_LEN)
		return reject(out, "GTK of %zu bytes, CCMP needs %d", kd->gtk_len, EXT_WPA_GTK_LEN);
	if (kd->keyid == 0)
		return reject(out, "GTK key id 0 (group keys use 1..3)");
	return 0;
}

static void free_plain(uint8_t *plain, size_t len)
{
	if (!plain)
		return;
	OPENSSL_cleanse(plain, len);
	free(plain);
}

/* Asks for the GTK of @kd unless it is the one already installed (a
 * reinstall would reset its receive counter: KRACK). */
static void want_gtk(struct ext_wpa *w, const struct key_frame *f, const struct key_data *kd,
		     struct ext_wpa_out *out)
{
	if (w->gtk_keyid == kd->keyid && !CRYPTO_memcmp(w->gtk, kd->gtk, EXT_WPA_GTK_LEN))
		return;
	out->install |= EXT_WPA_INSTALL_GTK;
	memcpy(out->gtk, kd->gtk, EXT_WPA_GTK_LEN);
	out->gtk_keyid = kd->keyid;
	memcpy(out->gtk_rsc, f->pdu + K_RSC, EXT_WPA_RSC_LEN);
	memcpy(w->gtk, kd->gtk, EXT_WPA_GTK_LEN);
	w->gtk_keyid = kd->keyid;
}

/* ------------------------------------------------------------- messages */

static int rx_m1(struct ext_wpa *w, const struct key_frame *f, struct ext_wpa_out *out)
{
	struct ext_wpa_ptk tptk;
	uint8_t snonce[EXT_WPA_NONCE_LEN];
	int rc;

	if (f->key_len != EXT_WPA_TK_LEN)
		return reject(out, "pairwise key length %u, CCMP needs %d", f->key_len, EXT_WPA_TK_LEN);
	rc = check_replay(w, f, out);
	if (rc < 0)
		return rc;
	/* One SNonce per handshake: a retransmitted 1/4 gets the same, so a
	 * 3/4 answering our first 2/4 still verifies. */
	if (w->snonce_valid)
		memcpy(snonce, w->snonce, sizeof(snonce));
	else if (RAND_bytes(snonce, sizeof(snonce)) != 1)
		return -EIO;
	rc = ext_wpa_derive_ptk(w->pmk, w->ap, w->sta, f->pdu + K_NONCE, snonce, &tptk);
	if (rc < 0)
		goto out;
	rc = build_reply(f, KI_PAIRWISE, snonce, w->sta_rsne, w->sta_rsne_len, tptk.kck, out);
	if (rc < 0)
		goto out;
	memcpy(w->snonce, snonce, sizeof(snonce));
	w->snonce_valid = 1;
	memcpy(w->anonce, f->pdu + K_NONCE, EXT_WPA_NONCE_LEN);
	w->m1_counter = f->replay;
	w->tptk = tptk;
	w->state = EXT_WPA_WAIT_M3;
out:
	OPENSSL_cleanse(&tptk, sizeof(tptk));
	OPENSSL_cleanse(snonce, sizeof(snonce));
	return rc;
}

static int rx_m3(struct ext_wpa *w, const struct key_frame *f, struct ext_wpa_out *out)
{
	/* After completion only a retransmission of the 3/4 we answered. */
	int again = w->state == EXT_WPA_DONE;
	const struct ext_wpa_ptk *ptk = again ? &w->ptk : &w->tptk;
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	struct key_data kd;
	int rc;

	if (w->state == EXT_WPA_WAIT_M1)
		return reject(out, "3/4 before any 1/4");
	if (f->key_len != EXT_WPA_TK_LEN)
		return reject(out, "pairwise key length %u, CCMP needs %d", f->key_len, EXT_WPA_TK_LEN);
	rc = check_replay(w, f, out);
	if (rc < 0)
		return rc;
	if (!again && f->replay <= w->m1_counter)
		return reject(out, "replay counter %llu not above 1/4's %llu",
			      (unsigned long long)f->replay, (unsigned long long)w->m1_counter);
	if (CRYPTO_memcmp(f->pdu + K_NONCE, w->anonce, EXT_WPA_NONCE_LEN))
		return reject(out, "ANonce differs from 1/4's");
	rc = check_mic(f, ptk->kck, out);
	if (rc < 0)
		return rc;
	rc = open_key_data(f, ptk->kek, &plain, &plain_len, &kd, out);
	if (rc < 0)
		goto out;
	if (!kd.rsne) {
		rc = reject(out, "no RSN element in the key data");
		goto out;
	}
	if (kd.rsne_len != w->ap_rsne_len || memcmp(kd.rsne, w->ap_rsne, kd.rsne_len)) {
		rc = reject(out, "RSN element differs from the beacon's (downgrade?)");
		goto out;
	}
	rc = build_reply(f, KI_PAIRWISE | KI_SECURE, NULL, NULL, 0, ptk->kck, out);
	if (rc < 0)
		goto out;
	w->rx_replay = f->replay;
	w->rx_replay_set = 1;
	want_gtk(w, f, &kd, out);
	if (again) {
		out->note = "retransmitted 3/4 after completion: 4/4 sent again, PTK not reinstalled";
	} else {
		w->ptk = w->tptk;
		OPENSSL_cleanse(&w->tptk, sizeof(w->tptk));
		out->install |= EXT_WPA_INSTALL_PTK;
		memcpy(out->tk, w->ptk.tk, EXT_WPA_TK_LEN);
		out->completed = 1;
		w->snonce_valid = 0;
		w->state = EXT_WPA_DONE;
	}
out:
	free_plain(plain, plain_len);
	return rc;
}

static int rx_group(struct ext_wpa *w, const struct key_frame *f, struct ext_wpa_out *out)
{
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	struct key_data kd;
	int rc;

	if (w->state != EXT_WPA_DONE)
		return reject(out, "group 1/2 before the 4-way handshake completed");
	rc = check_replay(w, f, out);
	if (rc < 0)
		return rc;
	rc = check_mic(f, w->ptk.kck, out);
	if (rc < 0)
		return rc;
	rc = open_key_data(f, w->ptk.kek, &plain, &plain_len, &kd, out);
	if (rc < 0)
		goto out;
	rc = build_reply(f, KI_SECURE, NULL, NULL, 0, w->ptk.kck, out);
	if (rc < 0)
		goto out;
	w->rx_replay = f->replay;
	w->rx_replay_set = 1;
	want_gtk(w, f, &kd, out);
	if (!(out->install & EXT_WPA_INSTALL_GTK))
		out->note = "group 1/2 carries the GTK in use: 2/2 sent, GTK not reinstalled";
out:
	free_plain(plain, plain_len);
	return rc;
}

int ext_wpa_rx(struct ext_wpa *w, const uint8_t *pdu, size_t len, struct ext_wpa_out *out)
{
	struct ext_wpa saved;
	struct key_frame f;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse_frame(pdu, len, &f, out);
	if (rc < 0)
		return rc;
	out->msg = classify(f.info);
	/* A rejected frame leaves no trace in the state. */
	saved = *w;
	switch (out->msg) {
	case EXT_WPA_MSG_NONE:
		rc = reject(out, "unexpected key information 0x%04x", f.info);
		break;
	case EXT_WPA_MSG_1_OF_4:
		rc = rx_m1(w, &f, out);
		break;
	case EXT_WPA_MSG_3_OF_4:
		rc = rx_m3(w, &f, out);
		break;
	case EXT_WPA_MSG_GROUP_1_OF_2:
		rc = rx_group(w, &f, out);
		break;
	}
	if (rc < 0) {
		char why[sizeof(out->why)];
		enum ext_wpa_msg msg = out->msg;

		*w = saved;
		memcpy(why, out->why, sizeof(why));
		ext_wpa_out_clear(out);
		out->msg = msg;
		if (rc == -EBADMSG) {
			memcpy(out->why, why, sizeof(why));
			out->reject = out->why;
		}
	}
	OPENSSL_cleanse(&saved, sizeof(saved));
	return rc;
}

/* ------------------------------------------------------------- lifetime */

int ext_wpa_init(struct ext_wpa *w, const uint8_t pmk[EXT_WPA_PMK_LEN],
		 const uint8_t sta[EXT_WPA_ADDR_LEN], const uint8_t ap[EXT_WPA_ADDR_LEN],
		 const uint8_t *sta_rsne, size_t sta_rsne_len,
		 const uint8_t *ap_rsne, size_t ap_rsne_len)
{
	memset(w, 0, sizeof(*w));
	if (!pmk || !sta || !ap || !sta_rsne || !ap_rsne ||
	    sta_rsne_len < 2 || sta_rsne_len > EXT_WPA_IE_MAX || sta_rsne[0] != EID_RSN ||
	    (size_t)sta_rsne[1] + 2 != sta_rsne_len ||
	    ap_rsne_len < 2 || ap_rsne_len > EXT_WPA_IE_MAX || ap_rsne[0] != EID_RSN ||
	    (size_t)ap_rsne[1] + 2 != ap_rsne_len)
		return -EINVAL;
	w->state = EXT_WPA_WAIT_M1;
	memcpy(w->pmk, pmk, EXT_WPA_PMK_LEN);
	memcpy(w->sta, sta, EXT_WPA_ADDR_LEN);
	memcpy(w->ap, ap, EXT_WPA_ADDR_LEN);
	memcpy(w->sta_rsne, sta_rsne, sta_rsne_len);
	w->sta_rsne_len = sta_rsne_len;
	memcpy(w->ap_rsne, ap_rsne, ap_rsne_len);
	w->ap_rsne_len = ap_rsne_len;
	return 0;
}

void ext_wpa_new_pmk(struct ext_wpa *w, const uint8_t pmk[EXT_WPA_PMK_LEN])
{
	memcpy(w->pmk, pmk, EXT_WPA_PMK_LEN);
	OPENSSL_cleanse(w->anonce, sizeof(w->anonce));
	OPENSSL_cleanse(w->snonce, sizeof(w->snonce));
	OPENSSL_cleanse(&w->tptk, sizeof(w->tptk));
	w->snonce_valid = 0;
	w->m1_counter = 0;
	/* A handshake in progress started under the old PMK: the next 1/4
	 * starts over. A completed one stays in force (its PTK keeps
	 * protecting group handshakes) until a 1/4 re-keys it. */
	if (w->state == EXT_WPA_WAIT_M3)
		w->state = EXT_WPA_WAIT_M1;
}

void ext_wpa_clear(struct ext_wpa *w)
{
	OPENSSL_cleanse(w, sizeof(*w));
}

void ext_wpa_out_clear(struct ext_wpa_out *out)
{
	OPENSSL_cleanse(out, sizeof(*out));
}

const char *ext_wpa_msg_name(enum ext_wpa_msg m)
{
	switch (m) {
	case EXT_WPA_MSG_NONE:
		return "EAPOL-Key";
	case EXT_WPA_MSG_1_OF_4:
		return "EAPOL-Key 1/4";
	case EXT_WPA_MSG_3_OF_4:
		return "EAPOL-Key 3/4";
	case EXT_WPA_MSG_GROUP_1_OF_2:
		return "EAPOL-Key group 1/2";
	}
	return "EAPOL-Key";
}
