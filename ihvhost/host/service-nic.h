/* SPDX-License-Identifier: MIT */
/*
 * service-nic: the two NIC-specific paths into the extension that do not
 * start with the extension itself (its Dot11ExtNicSpecificExtension is
 * apis-nic.c):
 *  - a client's request, WlanIhvControl(wlan_ihv_control_type_service)
 *    on Windows: Dot11ExtIhvControl with the client's bytes;
 *  - the driver's vendor events (sim.h's struct sim_vendor_event):
 *    ReceiveIndication(NicSpecificNotification) with the buffer
 *        u32 OUI (bits 0-23; bits 24-31 zero), u32 subcommand,
 *        the event's vendor data (NL80211_ATTR_VENDOR_DATA),
 *    in host byte order: the layout of NicSpecificExtension's in buffer,
 *    so one parser serves both directions.
 * Both run on the host's loop, serialised with every other handler call,
 * and only between InitAdapter and DeinitAdapter of their adapter. Each
 * call is one "handler" record (hcall.h): adapter, size (the buffer's
 * bytes), type (ReceiveIndication's indication type) and ret.
 *
 * Loop thread only. Errors: 0 or -errno.
 */
#ifndef IHVHOST_SERVICE_NIC_H
#define IHVHOST_SERVICE_NIC_H

#include <stddef.h>
#include <stdint.h>

#include <wlanihv.h>

#include "sim.h"
#include "wlan.h"

struct ihv_service;

/* The largest out buffer a Control request may offer. */
#define IHV_CONTROL_OUT_MAX (64u * 1024u)

/*
 * Calls Dot11ExtIhvControl(hIhvExtAdapter, in_len, copy of @in, out_cap,
 * out buffer, &returned). The extension gets host buffers: a copy of @in
 * and @out_cap bytes with a guard behind them. On return (0) *ret is what
 * the handler returned and @out (room for @out_cap bytes) holds the
 * *out_len bytes it reported. Refusals of what the extension did, each
 * traced as a host note "control-misbehaved" naming it:
 *   -EFAULT     it wrote past the end of the out buffer;
 *   -EOVERFLOW  *pdwBytesReturned is larger than the out buffer.
 * -ENODEV: no such adapter; -EINVAL: @out_cap above IHV_CONTROL_OUT_MAX
 * or a length over 4 GiB; -ENOMEM.
 */
int ihv_service_control(struct ihv_service *svc, struct ihv_wlan_adapter ad,
			const uint8_t *in, size_t in_len, size_t out_cap,
			uint8_t *out, size_t *out_len, DWORD *ret);

/*
 * A vendor event of the radio of an adapter: ReceiveIndication(
 * NicSpecificNotification) as above. An event for a wiphy no adapter
 * has, or for another interface of its radio, reaches no extension (a
 * host note "indication-dropped" says why, naming the wiphy).
 */
void ihv_service_nic_event(struct ihv_service *svc,
			   const struct sim_vendor_event *ev);

#endif /* IHVHOST_SERVICE_NIC_H */
