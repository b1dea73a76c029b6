/*
 * ext-wpa.h - the WPA2-PSK supplicant of the sample extensions, as pure
 * code: no Windows API, no thread, no I/O. The extension (ext-psk.c) feeds
 * it the EAPOL PDUs ReceivePacket delivers and carries out what it answers
 * (a frame to send, keys to install, post-association to complete);
 * tests/unit/cksuite-wpa.c drives it against an authenticator test double.
 *
 * Scope: RSN (key descriptor type 2), AKM PSK, CCMP pairwise and group,
 * key descriptor version 2 (HMAC-SHA1-128 MIC, AES key wrap), i.e. what a
 * WPA2-Personal access point offers (IEEE 802.11-2020 12.7). Every
 * primitive is OpenSSL libcrypto's: PBKDF2, HMAC-SHA1, AES key unwrap.
 *
 * Every received frame is validated before use (lengths, descriptor,
 * key information, replay counter, MIC, key data). A frame that fails is
 * dropped: ext_wpa_rx returns -EBADMSG with out->reject naming why, and
 * the state is exactly as before, so the handshake keeps waiting for a
 * good frame (as wpa_supplicant does).
 */
#ifndef EXT_WPA_H
#define EXT_WPA_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

#define EXT_WPA_ADDR_LEN   6
#define EXT_WPA_PMK_LEN    32
#define EXT_WPA_NONCE_LEN  32
#define EXT_WPA_KCK_LEN    16
#define EXT_WPA_KEK_LEN    16
#define EXT_WPA_TK_LEN     16   /* CCMP-128 */
#define EXT_WPA_GTK_LEN    16   /* CCMP-128: the only group cipher we set */
#define EXT_WPA_RSC_LEN    6    /* the CCMP packet number, LSB first */
#define EXT_WPA_MIC_LEN    16
#define EXT_WPA_IE_MAX     257  /* element id, length, 255 bytes */
/* EAPOL header (4) + the fixed EAPOL-Key body (95) */
#define EXT_WPA_KEY_HDR_LEN 99
/* The frames we send: M2 carries our RSN element, the others nothing. */
#define EXT_WPA_FRAME_MAX  (EXT_WPA_KEY_HDR_LEN + EXT_WPA_IE_MAX)

/* Which EAPOL-Key message a frame was (logs; the tests check it). */
enum ext_wpa_msg {
	EXT_WPA_MSG_NONE,     /* not recognised (out->reject says why) */
	EXT_WPA_MSG_1_OF_4,
	EXT_WPA_MSG_3_OF_4,
	EXT_WPA_MSG_GROUP_1_OF_2,
};

enum ext_wpa_state {
	EXT_WPA_WAIT_M1,      /* associated, no message 1/4 yet */
	EXT_WPA_WAIT_M3,      /* message 2/4 sent */
	EXT_WPA_DONE,         /* 4-way complete: PTK and GTK installed */
};

/* Bits of ext_wpa_out.install. */
#define EXT_WPA_INSTALL_PTK 0x1u
#define EXT_WPA_INSTALL_GTK 0x2u

struct ext_wpa_ptk {
	uint8_t kck[EXT_WPA_KCK_LEN];
	uint8_t kek[EXT_WPA_KEK_LEN];
	uint8_t tk[EXT_WPA_TK_LEN];
};

/* One supplicant: one association (a roam starts a new one). */
struct ext_wpa {
	enum ext_wpa_state state;
	uint8_t pmk[EXT_WPA_PMK_LEN];
	uint8_t sta[EXT_WPA_ADDR_LEN];     /* SPA: the station's address */
	uint8_t ap[EXT_WPA_ADDR_LEN];      /* AA: the AP's */
	uint8_t sta_rsne[EXT_WPA_IE_MAX];  /* ours, verbatim from the assoc request */
	size_t sta_rsne_len;
	uint8_t ap_rsne[EXT_WPA_IE_MAX];   /* the AP's, from its beacon/probe response */
	size_t ap_rsne_len;
	uint8_t anonce[EXT_WPA_NONCE_LEN];
	uint8_t snonce[EXT_WPA_NONCE_LEN];
	int snonce_valid;                  /* kept for M1 retransmissions */
	uint64_t m1_counter;               /* replay counter of the M1 answered */
	uint64_t rx_replay;                /* last counter of a MIC-verified frame */
	int rx_replay_set;
	struct ext_wpa_ptk tptk;           /* derived at M1, used at M3 */
	struct ext_wpa_ptk ptk;            /* in force since M3 */
	uint8_t gtk[EXT_WPA_GTK_LEN];      /* the GTK installed last */
	unsigned int gtk_keyid;            /* 1..3; 0: none installed */
};

/* What ext_wpa_rx asks its caller to do, in this order. */
struct ext_wpa_out {
	enum ext_wpa_msg msg;
	const char *reject;                /* non-NULL: the frame was dropped
					    * (points at why[]) */
	char why[128];
	/* Send this EAPOL PDU to the AP first (0: nothing to send). */
	uint8_t frame[EXT_WPA_FRAME_MAX];
	size_t frame_len;
	/* Then install these (EXT_WPA_INSTALL_*). */
	unsigned int install;
	uint8_t tk[EXT_WPA_TK_LEN];
	uint8_t gtk[EXT_WPA_GTK_LEN];
	unsigned int gtk_keyid;            /* 1..3 */
	uint8_t gtk_rsc[EXT_WPA_RSC_LEN];  /* receive counter, LSB first */
	/* Then complete post-association (the 4-way handshake just ended). */
	int completed;
	/* Non-NULL: one line worth logging that is not a rejection
	 * ("retransmitted 3/4 after completion: PTK not reinstalled"). */
	const char *note;
};

/* PMK = PBKDF2-HMAC-SHA1(passphrase, SSID, 4096, 32). @pass: 8..63
 * printable ASCII. 0, -EINVAL or -EIO (libcrypto failed). */
int ext_wpa_pmk_from_passphrase(const char *pass, const uint8_t *ssid, size_t ssid_len,
				uint8_t pmk[EXT_WPA_PMK_LEN]);

/* IEEE 802.11 PRF-n with HMAC-SHA1 (12.7.1.2): @out_len bytes of
 * HMAC-SHA1(key, label || 0 || data || i) for i = 0, 1, ... 0 or -errno. */
int ext_wpa_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		     const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len);

/* PTK = PRF-384(PMK, "Pairwise key expansion", min(AA,SPA) || max(AA,SPA)
 * || min(ANonce,SNonce) || max(ANonce,SNonce)). 0 or -errno. */
int ext_wpa_derive_ptk(const uint8_t pmk[EXT_WPA_PMK_LEN], const uint8_t aa[EXT_WPA_ADDR_LEN],
		       const uint8_t spa[EXT_WPA_ADDR_LEN], const uint8_t anonce[EXT_WPA_NONCE_LEN],
		       const uint8_t snonce[EXT_WPA_NONCE_LEN], struct ext_wpa_ptk *ptk);

/* The first RSN element (id 48) of the element list @ies: 0 with *rsne
 * pointing at its id byte and *len = 2 + its length, -ENOENT when absent,
 * -EBADMSG when an element before it overruns the list. */
int ext_wpa_find_rsne(const uint8_t *ies, size_t ies_len, const uint8_t **rsne, size_t *len);

/* The SSID element's value (id 0, 0..32 bytes), same returns. */
int ext_wpa_find_ssid(const uint8_t *ies, size_t ies_len, const uint8_t **ssid, size_t *len);

/*
 * Starts a supplicant for one association: @sta_rsne is the RSN element we
 * sent (assoc request), @ap_rsne the AP's (beacon), both with their 2-byte
 * header. 0, or -EINVAL (an element malformed or longer than
 * EXT_WPA_IE_MAX).
 */
int ext_wpa_init(struct ext_wpa *w, const uint8_t pmk[EXT_WPA_PMK_LEN],
		 const uint8_t sta[EXT_WPA_ADDR_LEN], const uint8_t ap[EXT_WPA_ADDR_LEN],
		 const uint8_t *sta_rsne, size_t sta_rsne_len,
		 const uint8_t *ap_rsne, size_t ap_rsne_len);

/*
 * A new PMK for the next 4-way handshake (802.1X: each EAP authentication
 * yields one, also a re-authentication while keys are in force): the
 * next 1/4 starts a handshake under it. A completed handshake's PTK stays
 * in force (group handshakes go on) until then; one half done is
 * abandoned. The GTK in use and the last verified replay counter stay,
 * so neither a GTK reinstall nor a replayed frame gets through across
 * the re-keying.
 */
void ext_wpa_new_pmk(struct ext_wpa *w, const uint8_t pmk[EXT_WPA_PMK_LEN]);

/*
 * One received EAPOL PDU (version, type, body length, body). Fills @out
 * (cleared first). Returns 0 (out says what to do), -EBADMSG (dropped,
 * out->reject says why, state unchanged) or -EIO / -ENOMEM (libcrypto
 * failed; state unchanged). Clear @out with ext_wpa_out_clear once used:
 * it holds key material.
 */
int ext_wpa_rx(struct ext_wpa *w, const uint8_t *pdu, size_t len, struct ext_wpa_out *out);

/* Wipes the key material (OPENSSL_cleanse). */
void ext_wpa_clear(struct ext_wpa *w);
void ext_wpa_out_clear(struct ext_wpa_out *out);

const char *ext_wpa_msg_name(enum ext_wpa_msg m);

#pragma GCC visibility pop

#endif /* EXT_WPA_H */
