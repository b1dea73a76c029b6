/* SPDX-License-Identifier: MIT */
/*
 * Dot11ExtNicSpecificExtension: the extension's private path to its NIC,
 * which Windows carries to the driver as an OID. Over Linux the driver's
 * own commands are nl80211 vendor commands (sim.h, "NIC-specific"), so
 * the call becomes one, to the adapter's interface, through the wlan ops
 * (wlan.h vendor_cmd). Validates on the caller's thread, runs on the loop
 * (ihv_api_run_on_loop: inline when called from inside a handler), where
 * the adapter's state lives. Calls only down: apis-core.c and
 * service-adapter.c.
 *
 * The buffers (this host's format; README.md "NIC-specific calls"), in
 * host byte order like every Windows structure:
 *   in:  u32 OUI word  bits 0-23 the OUI (0x001374 is Qualcomm's),
 *                      bit 24 IHV_NIC_FLAG_NESTED: the vendor data is a
 *                      stream of netlink attributes and goes to the
 *                      driver flagged as a nest (a driver that declares a
 *                      policy for the command requires it, hwsim's does),
 *                      bits 25-31 zero;
 *        u32 subcommand;
 *        the vendor data (NL80211_ATTR_VENDOR_DATA), 0..SIM_VENDOR_DATA_MAX
 *        bytes.
 *   out: the reply's NL80211_ATTR_VENDOR_DATA bytes. *pdwOutBufferSize is
 *        the capacity on the way in and the reply's size on the way out;
 *        ERROR_MORE_DATA, nothing written and the size needed in
 *        *pdwOutBufferSize, when the capacity is smaller.
 * A vendor event the command causes reaches the extension separately, as
 * ReceiveIndication(NicSpecificNotification) (service-nic.c).
 */
#define _GNU_SOURCE /* strerrorname_np: the trace names the errno */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "service-internal.h"
#include "sim.h"
#include "status.h"

#define IHV_NIC_HDR_LEN 8u
#define IHV_NIC_OUI_MASK 0x00FFFFFFu
#define IHV_NIC_FLAG_NESTED 0x01000000u

/* The driver's or the kernel's -errno as the Win32 error the extension
 * gets (the trace names both). */
static DWORD ihv_nic_win32(int rc)
{
	switch (-rc) {
	case 0:
		return ERROR_SUCCESS;
	case EOPNOTSUPP:
		return ERROR_NOT_SUPPORTED;
	case EINVAL:
	case ERANGE:
	case EMSGSIZE:
		return ERROR_INVALID_PARAMETER;
	case ENOMEM:
	case ENOBUFS:
		return ERROR_OUTOFMEMORY;
	case ENODEV:
	case ENETDOWN:
	case ENOLINK:
	case ENOTCONN:
		return ERROR_DEVICE_NOT_CONNECTED;
	case EBUSY:
	case EAGAIN:
	case EALREADY:
		return ERROR_BUSY;
	case ETIMEDOUT:
		return ERROR_TIMEOUT;
	case EPERM:
	case EACCES:
		return ERROR_ACCESS_DENIED;
	case ENOENT:
		return ERROR_NOT_FOUND;
	case EBADMSG:
	case EPROTO:
		return ERROR_INVALID_DATA;
	}
	return ERROR_GEN_FAILURE;
}

struct ihv_nic_req {
	struct ihv_service *svc;
	uintptr_t svc_h;
	struct sim_vendor_cmd cmd;
	BYTE *out;
	DWORD cap;
	DWORD returned;      /* the reply's size */
	char note[384];
};

static DWORD ihv_nic_on_loop(void *arg)
{
	struct ihv_nic_req *r = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(r->svc, r->svc_h);
	const char *name, *ename;
	uint8_t *reply = NULL;
	size_t len = 0;
	char why[224];
	DWORD ret;
	int rc;

	if (!a)
		return ERROR_INVALID_STATE;
	rc = ihv_wlan_vendor_cmd(&r->svc->cfg.wlan, a->id, &r->cmd, &reply, &len,
				 why, sizeof(why));
	if (rc < 0) {
		ret = ihv_nic_win32(rc);
		name = ihv_win32_name(ret);
		ename = strerrorname_np(-rc);
		if (rc == -EOPNOTSUPP && !why[0])
			snprintf(why, sizeof(why), "the 802.11 side has no vendor commands");
		snprintf(r->note, sizeof(r->note),
			 "vendor command OUI 0x%06x subcommand %u: %s (%s%s) -> %s%s%s",
			 r->cmd.oui, r->cmd.subcmd, strerror(-rc), ename ? "-" : "",
			 ename ? ename : "", name ? name : "?", why[0] ? "; " : "", why);
		return ret;
	}
	r->returned = len > UINT32_MAX ? UINT32_MAX : (DWORD)len;
	if (len > r->cap) {
		snprintf(r->note, sizeof(r->note),
			 "vendor command OUI 0x%06x subcommand %u: a %zu-byte reply, the out buffer holds %u",
			 r->cmd.oui, r->cmd.subcmd, len, (unsigned int)r->cap);
		free(reply);
		return ERROR_MORE_DATA;
	}
	if (len)
		memcpy(r->out, reply, len);
	free(reply);
	snprintf(r->note, sizeof(r->note),
		 "vendor command OUI 0x%06x subcommand %u (%zu data bytes%s): %zu-byte reply",
		 r->cmd.oui, r->cmd.subcmd, r->cmd.len, r->cmd.nested ? ", nested" : "",
		 len);
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_nic_specific_extension(HANDLE h, DWORD dwInBufferSize,
					    LPVOID pvInBuffer, DWORD *pdwOutBufferSize,
					    LPVOID pvOutBuffer)
{
	const char *api = "Dot11ExtNicSpecificExtension";
	struct ihv_api_targs ta = { .has_size = true, .size = dwInBufferSize };
	struct ihv_nic_req r = { 0 };
	const BYTE *in = pvInBuffer;
	struct ihv_service *svc;
	uint32_t word;
	DWORD ret;

	ret = ihv_api_check_adapter(api, h, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	ret = ERROR_INVALID_PARAMETER;
	if (!pdwOutBufferSize || (*pdwOutBufferSize && !pvOutBuffer)) {
		ihv_api_bad_param(svc, api, h,
				  "without the out buffer pdwOutBufferSize describes");
		goto out;
	}
	if (!in || dwInBufferSize < IHV_NIC_HDR_LEN) {
		ihv_api_bad_param(svc, api, h,
				  "with an in buffer shorter than its 8-byte header (u32 OUI word, u32 subcommand)");
		goto out;
	}
	memcpy(&word, in, sizeof(word));
	if (word & ~(IHV_NIC_OUI_MASK | IHV_NIC_FLAG_NESTED)) {
		ihv_api_bad_param(svc, api, h, "with reserved bits 25-31 of the OUI word set");
		goto out;
	}
	if (dwInBufferSize - IHV_NIC_HDR_LEN > SIM_VENDOR_DATA_MAX) {
		ihv_api_bad_param(svc, api, h,
				  "with more vendor data than the 4096 bytes a command carries");
		goto out;
	}
	r.svc = svc;
	r.svc_h = (uintptr_t)h;
	r.cmd.oui = word & IHV_NIC_OUI_MASK;
	r.cmd.nested = (word & IHV_NIC_FLAG_NESTED) != 0;
	memcpy(&r.cmd.subcmd, in + 4, sizeof(r.cmd.subcmd));
	r.cmd.len = dwInBufferSize - IHV_NIC_HDR_LEN;
	r.cmd.data = r.cmd.len ? in + IHV_NIC_HDR_LEN : NULL;
	r.out = pvOutBuffer;
	r.cap = *pdwOutBufferSize;
	ret = ihv_api_run_on_loop(svc, ihv_nic_on_loop, &r);
	*pdwOutBufferSize = ret == ERROR_SUCCESS || ret == ERROR_MORE_DATA ? r.returned : 0;
out:
	ihv_api_trace_ex(svc, api, h, ret, r.note[0] ? r.note : NULL, &ta);
	return ret;
}
