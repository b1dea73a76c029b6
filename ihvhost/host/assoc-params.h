/* SPDX-License-Identifier: MIT */
/*
 * assoc-params: the DOT11_ASSOCIATION_COMPLETION_PARAMETERS buffer that
 * PerformPostAssociate receives (with its byte count), built from a
 * SIM_EV_CONNECTED event, and a validating parser for such buffers.
 *
 * Buffer layout (all offsets from the start of the buffer, as Windows
 * defines them; that is why the handler gets uDot11AssocParamsBytes):
 *
 *   0    the structure, revision 2 (Header: Type NDIS_OBJECT_TYPE_DEFAULT
 *        0x80, Revision 2, Size = sizeof = 96 on x86-64)
 *   96   active PHY list: ULONG PHY ids (4-byte aligned), here exactly one,
 *        id 0: the host models an adapter as one PHY, the same index the
 *        BSS list's uPhyId uses (bsslist.h)
 *   100  association request IEs   (uAssocReqOffset/uAssocReqSize)
 *   ...  association response IEs  (uAssocRespOffset/uAssocRespSize)
 *   ...  beacon IEs, when the caller has them from the scan
 *        (uBeaconOffset/uBeaconSize; both 0 otherwise)
 * A blob of size 0 has offset 0.
 *
 * What goes in the blobs: the information elements exactly as nl80211
 * reported them (NL80211_ATTR_REQ_IE / RESP_IE, the scan's IEs). A Windows
 * miniport puts the frame body there (the fixed fields, e.g. capability and
 * listen interval, then the IEs); the kernel does not hand those fixed
 * fields to userspace and the host does not invent them, so an extension
 * finds the IEs starting at the offset. This is a documented difference.
 *
 * Other fields: MacAddr = the BSSID (event peer), uStatus = SUCCESS,
 * bReAssocReq/Resp = the caller's reassoc flag, AuthAlgo/UnicastCipher/
 * MulticastCipher = what the profile negotiated (given by the caller),
 * bFourAddressSupported FALSE, bPortAuthorized FALSE (the port starts
 * unauthorized; the extension opens it with PostAssociateCompletion),
 * ucActiveQoSProtocol = DOT11_QOS_PROTOCOL_FLAG_WMM (0x01) when the
 * response carries a WMM parameter element, else 0, DSInfo =
 * DOT11_DS_CHANGED for a first association (a new distribution system) and
 * DOT11_DS_UNKNOWN for a reassociation (nl80211 cannot tell whether the new
 * AP shares the DS), no IHV data, no encapsulation table,
 * MulticastMgmtCipher NONE (0), uAssocComebackTime 0.
 */
#ifndef IHVHOST_ASSOC_PARAMS_H
#define IHVHOST_ASSOC_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wlanihv.h>

#include "sim.h"

#define IHV_QOS_PROTOCOL_FLAG_WMM 0x01

/* Optional inputs beyond the CONNECTED event. */
struct ihv_assoc_extra {
	const uint8_t *beacon_ies;  /* from the scan result of this BSS */
	size_t beacon_ies_len;
	bool reassoc;               /* the association was a reassociation (roam) */
};

/*
 * Builds the buffer for @connected (type SIM_EV_CONNECTED). On success *out
 * is a heap buffer of *len bytes (free with ihv_assoc_params_free).
 * -EINVAL: NULL arguments, another event type, IEs NULL with a length.
 * -EOVERFLOW: the buffer would not fit a ULONG. -ENOMEM.
 * On failure *out is NULL and *len 0.
 */
int ihv_assoc_params_build(const struct sim_event *connected, DWORD auth_algo,
			   DWORD ucast_cipher, DWORD mcast_cipher,
			   PDOT11_ASSOCIATION_COMPLETION_PARAMETERS *out,
			   ULONG *len);
/* The same, with @extra (NULL = none). */
int ihv_assoc_params_build_ex(const struct sim_event *connected, DWORD auth_algo,
			      DWORD ucast_cipher, DWORD mcast_cipher,
			      const struct ihv_assoc_extra *extra,
			      PDOT11_ASSOCIATION_COMPLETION_PARAMETERS *out,
			      ULONG *len);
/* NULL is a no-op. */
void ihv_assoc_params_free(PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p);

/* A validated view into a buffer; pointers point into it. */
struct ihv_assoc_view {
	const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *p;
	const uint8_t *req_ies, *resp_ies, *beacon, *ihv_data, *encap;
	size_t req_len, resp_len, beacon_len, ihv_len, encap_len;
	const ULONG *phy_ids;
	size_t n_phy;
};

/*
 * Validates @len bytes at @buf (8-byte aligned, as the host allocates it)
 * as association-completion parameters and fills @v.
 * -EBADMSG: Header.Type not 0x80, Revision not 1 or 2, Size smaller than
 *   that revision's structure or larger than @len, or any (offset, size)
 *   pair that is not 0/0 and does not lie inside [Size, len) (overflow-safe),
 *   or an active PHY list that is misaligned or not whole ULONGs.
 * -EINVAL: NULL arguments.
 * Revision 1 buffers have no MulticastMgmtCipher/uAssocComebackTime; do not
 * read those through v->p then.
 */
int ihv_assoc_params_parse(const void *buf, size_t len, struct ihv_assoc_view *v);

#endif /* IHVHOST_ASSOC_PARAMS_H */
