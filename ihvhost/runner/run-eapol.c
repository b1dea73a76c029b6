/* SPDX-License-Identifier: MIT */
/*
 * run-eapol: a forged EAPOL-Key message 3/4 for `ap-forge-eapol`.
 *
 * No key is known and none is needed: the frame is only meant to be
 * refused, so the MIC is random bytes and nothing is encrypted. What must
 * be right is the layout, so that the extension's parser takes the frame
 * for a message 3/4 and reaches the check under test (the replay counter,
 * then the MIC).
 *
 * Layout (IEEE 802.1X-2010 11.3 for the header, IEEE 802.11-2020 12.7.2
 * for the EAPOL-Key body; multi-byte fields big endian):
 *
 *   offset size  field
 *        0    1  protocol version: 2 (802.1X-2004)
 *        1    1  packet type: 3 (EAPOL-Key)
 *        2    2  packet body length: everything after these 4 bytes
 *        4    1  descriptor type: 2 (RSN)
 *        5    2  key information (below)
 *        7    2  key length: 16 (the CCMP temporal key)
 *        9    8  key replay counter
 *       17   32  key nonce (the ANonce)
 *       49   16  EAPOL-Key IV: 0 (unused with descriptor version 2)
 *       65    8  key RSC: 0
 *       73    8  reserved
 *       81   16  key MIC (16 bytes for the AKMs 00-0F-AC:1 and :2)
 *       97    2  key data length
 *       99    n  key data (wrapped: a multiple of 8, at least 16)
 *
 * Key information of a message 3/4 (12.7.6.4): key descriptor version 2
 * (HMAC-SHA1-128 MIC, AES key wrap) in bits 0-2, then key type pairwise
 * (bit 3), install (6), key ack (7), key MIC (8), secure (9) and
 * encrypted key data (12): 0x13CA.
 *
 * The key data is 56 bytes, the size a real message 3/4 wraps for CCMP
 * (an RSN element and a GTK KDE, padded, plus the 8 bytes the key wrap
 * adds), so that a length check alone does not give the forgery away.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "run-eapol.h"

#define EAPOL_VERSION_2004   2
#define EAPOL_TYPE_KEY       3
#define EAPOL_DESC_RSN       2
#define KEYINFO_M3           0x13CAu
#define KEY_LEN_CCMP         16
#define KEY_DATA_LEN         56u
#define OFF_REPLAY           9
#define OFF_NONCE            17
#define OFF_MIC              81
#define OFF_KEY_DATA_LEN     97
#define OFF_KEY_DATA         99

_Static_assert(OFF_KEY_DATA + KEY_DATA_LEN == RUN_EAPOL_M3_LEN,
	       "the forged message 3/4 is 99 + 56 bytes");

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* Fills @buf with random bytes; short reads of getrandom are retried. */
static int random_bytes(uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t got = getrandom(buf, len, 0);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		buf += got;
		len -= (size_t)got;
	}
	return 0;
}

int run_eapol_forge_m3(enum scn_forge kind, uint8_t buf[RUN_EAPOL_M3_LEN])
{
	uint64_t counter = 0;
	int rc;

	switch (kind) {
	case SCN_FORGE_BAD_MIC:
		/* Far beyond any counter a real AP reaches (hostapd starts
		 * near 1 and adds one per message), yet below the top so
		 * that a supplicant's "counter + 1" cannot wrap. */
		counter = UINT64_C(0x7fffffffffff0000);
		break;
	case SCN_FORGE_STALE_COUNTER:
		/* Every real handshake has used counters above 0 by the
		 * time message 3/4 was accepted. */
		counter = 0;
		break;
	case SCN_FORGE_NONE:
		return -EINVAL;
	}
	memset(buf, 0, RUN_EAPOL_M3_LEN);
	buf[0] = EAPOL_VERSION_2004;
	buf[1] = EAPOL_TYPE_KEY;
	put_be16(buf + 2, RUN_EAPOL_M3_LEN - 4);
	buf[4] = EAPOL_DESC_RSN;
	put_be16(buf + 5, KEYINFO_M3);
	put_be16(buf + 7, KEY_LEN_CCMP);
	put_be64(buf + OFF_REPLAY, counter);
	put_be16(buf + OFF_KEY_DATA_LEN, KEY_DATA_LEN);
	rc = random_bytes(buf + OFF_NONCE, 32);
	if (!rc)
		rc = random_bytes(buf + OFF_MIC, 16);
	if (!rc)
		rc = random_bytes(buf + OFF_KEY_DATA, KEY_DATA_LEN);
	return rc;
}
