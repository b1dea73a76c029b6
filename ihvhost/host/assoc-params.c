/* SPDX-License-Identifier: MIT */
/*
 * assoc-params: DOT11_ASSOCIATION_COMPLETION_PARAMETERS from a CONNECTED
 * event, and its validating parser. See assoc-params.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "assoc-params.h"

#define ACP DOT11_ASSOCIATION_COMPLETION_PARAMETERS
/* Revision 1 ends before the Windows 8 tail. */
#define ACP_REV1_SIZE offsetof(ACP, MulticastMgmtCipher)
#define ACP_REV2_SIZE sizeof(ACP)

_Static_assert(ACP_REV2_SIZE == 96, "DOT11_ASSOCIATION_COMPLETION_PARAMETERS rev 2 is 96 bytes on x86-64");
_Static_assert(ACP_REV1_SIZE == 88, "rev 1 is 88 bytes on x86-64");
_Static_assert(ACP_REV2_SIZE % sizeof(ULONG) == 0, "the PHY list after the struct is aligned");

#define EID_VENDOR 221

/* Whether @ies holds a WMM information/parameter element (vendor element,
 * OUI 00:50:F2, type 2), which is what makes WMM the active QoS protocol. */
static bool ies_have_wmm(const uint8_t *ies, size_t len)
{
	size_t i = 0;

	while (len - i >= 2) {
		size_t elen = ies[i + 1];

		if (elen > len - i - 2)
			break;  /* a truncated element ends the walk */
		if (ies[i] == EID_VENDOR && elen >= 5 && ies[i + 2] == 0x00 &&
		    ies[i + 3] == 0x50 && ies[i + 4] == 0xF2 && ies[i + 5] == 2 &&
		    ies[i + 6] <= 1)
			return true;
		i += 2 + elen;
	}
	return false;
}

/* Adds @n to *total unless the sum would pass ULONG. */
static bool add_len(size_t *total, size_t n)
{
	if (n > UINT32_MAX || *total > UINT32_MAX - n)
		return false;
	*total += n;
	return true;
}

/* Copies a blob at *off and records where it went (0/0 when empty). */
static void put_blob(uint8_t *buf, size_t *off, const uint8_t *src, size_t n,
		     ULONG *blob_off, ULONG *blob_size)
{
	*blob_off = 0;
	*blob_size = 0;
	if (n == 0)
		return;
	memcpy(buf + *off, src, n);
	*blob_off = (ULONG)*off;
	*blob_size = (ULONG)n;
	*off += n;
}

int ihv_assoc_params_build_ex(const struct sim_event *ev, DWORD auth_algo,
			      DWORD ucast_cipher, DWORD mcast_cipher,
			      const struct ihv_assoc_extra *extra,
			      PDOT11_ASSOCIATION_COMPLETION_PARAMETERS *out,
			      ULONG *len)
{
	static const struct ihv_assoc_extra none;
	size_t total = ACP_REV2_SIZE, off;
	ULONG phy_id = 0;
	uint8_t *buf;
	ACP *p;

	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!ev || !out || !len)
		return -EINVAL;
	if (!extra)
		extra = &none;
	if (ev->type != SIM_EV_CONNECTED)
		return -EINVAL;
	if ((ev->u.connect.req_ies_len && !ev->u.connect.req_ies) ||
	    (ev->u.connect.resp_ies_len && !ev->u.connect.resp_ies) ||
	    (extra->beacon_ies_len && !extra->beacon_ies))
		return -EINVAL;
	if (!add_len(&total, sizeof(phy_id)) ||
	    !add_len(&total, ev->u.connect.req_ies_len) ||
	    !add_len(&total, ev->u.connect.resp_ies_len) ||
	    !add_len(&total, extra->beacon_ies_len))
		return -EOVERFLOW;

	buf = calloc(1, total);
	if (!buf)
		return -ENOMEM;
	p = (ACP *)(void *)buf;
	p->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p->Header.Revision = DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2;
	p->Header.Size = (USHORT)ACP_REV2_SIZE;
	memcpy(p->MacAddr, ev->peer, sizeof(p->MacAddr));
	p->uStatus = DOT11_ASSOC_STATUS_SUCCESS;
	p->bReAssocReq = extra->reassoc ? TRUE : FALSE;
	p->bReAssocResp = extra->reassoc ? TRUE : FALSE;
	p->AuthAlgo = (DOT11_AUTH_ALGORITHM)auth_algo;
	p->UnicastCipher = (DOT11_CIPHER_ALGORITHM)ucast_cipher;
	p->MulticastCipher = (DOT11_CIPHER_ALGORITHM)mcast_cipher;
	p->bFourAddressSupported = FALSE;
	p->bPortAuthorized = FALSE;
	p->ucActiveQoSProtocol = ies_have_wmm(ev->u.connect.resp_ies,
					      ev->u.connect.resp_ies_len)
				 ? IHV_QOS_PROTOCOL_FLAG_WMM : 0;
	p->DSInfo = extra->reassoc ? DOT11_DS_UNKNOWN : DOT11_DS_CHANGED;
	p->MulticastMgmtCipher = (DOT11_CIPHER_ALGORITHM)0; /* NONE */
	p->uAssocComebackTime = 0;
	/* uIHVData*, uEncapTable* stay 0 (calloc): none provided. */

	off = ACP_REV2_SIZE;
	put_blob(buf, &off, (const uint8_t *)&phy_id, sizeof(phy_id),
		 &p->uActivePhyListOffset, &p->uActivePhyListSize);
	put_blob(buf, &off, ev->u.connect.req_ies, ev->u.connect.req_ies_len,
		 &p->uAssocReqOffset, &p->uAssocReqSize);
	put_blob(buf, &off, ev->u.connect.resp_ies, ev->u.connect.resp_ies_len,
		 &p->uAssocRespOffset, &p->uAssocRespSize);
	put_blob(buf, &off, extra->beacon_ies, extra->beacon_ies_len,
		 &p->uBeaconOffset, &p->uBeaconSize);

	*out = p;
	*len = (ULONG)total;
	return 0;
}

int ihv_assoc_params_build(const struct sim_event *connected, DWORD auth_algo,
			   DWORD ucast_cipher, DWORD mcast_cipher,
			   PDOT11_ASSOCIATION_COMPLETION_PARAMETERS *out,
			   ULONG *len)
{
	return ihv_assoc_params_build_ex(connected, auth_algo, ucast_cipher,
					 mcast_cipher, NULL, out, len);
}

void ihv_assoc_params_free(PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	free(p);
}

/* One (offset, size) pair: 0/0, or a range inside [hdr, len). */
static bool blob_ok(ULONG off, ULONG size, size_t hdr, size_t len,
		    const uint8_t *base, const uint8_t **ptr, size_t *n)
{
	*ptr = NULL;
	*n = 0;
	if (size == 0)
		return off == 0 || (off >= hdr && off <= len);
	if (off < hdr || off > len || size > len - off)
		return false;
	*ptr = base + off;
	*n = size;
	return true;
}

int ihv_assoc_params_parse(const void *buf, size_t len, struct ihv_assoc_view *v)
{
	const uint8_t *b = buf;
	const ACP *p = buf;
	const uint8_t *phy;
	size_t hdr, phy_len;

	if (!buf || !v)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	if (len < sizeof(NDIS_OBJECT_HEADER))
		return -EBADMSG;
	if (p->Header.Type != NDIS_OBJECT_TYPE_DEFAULT)
		return -EBADMSG;
	if (p->Header.Revision == DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1)
		hdr = ACP_REV1_SIZE;
	else if (p->Header.Revision == DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2)
		hdr = ACP_REV2_SIZE;
	else
		return -EBADMSG;
	if (p->Header.Size < hdr || p->Header.Size > len)
		return -EBADMSG;
	hdr = p->Header.Size;
	if (!blob_ok(p->uAssocReqOffset, p->uAssocReqSize, hdr, len, b, &v->req_ies, &v->req_len) ||
	    !blob_ok(p->uAssocRespOffset, p->uAssocRespSize, hdr, len, b, &v->resp_ies, &v->resp_len) ||
	    !blob_ok(p->uBeaconOffset, p->uBeaconSize, hdr, len, b, &v->beacon, &v->beacon_len) ||
	    !blob_ok(p->uIHVDataOffset, p->uIHVDataSize, hdr, len, b, &v->ihv_data, &v->ihv_len) ||
	    !blob_ok(p->uEncapTableOffset, p->uEncapTableSize, hdr, len, b, &v->encap, &v->encap_len) ||
	    !blob_ok(p->uActivePhyListOffset, p->uActivePhyListSize, hdr, len, b, &phy, &phy_len))
		goto bad;
	if (phy_len % sizeof(ULONG) != 0 || p->uActivePhyListOffset % sizeof(ULONG) != 0)
		goto bad;
	v->phy_ids = (const ULONG *)(const void *)phy;
	v->n_phy = phy_len / sizeof(ULONG);
	v->p = p;
	return 0;
bad:
	memset(v, 0, sizeof(*v));
	return -EBADMSG;
}
