/* SPDX-License-Identifier: MIT */
/*
 * Dot11ExtSendUIRequest: the extension asks the user something. Windows
 * shows the request's UI page (UIPageClsid) in session dwSessionId and
 * brings the answer back as ProcessUIResponse; here the scenario's user
 * answers (action ui-answer, service-ui.h). Validated on the caller's
 * thread, recorded on the loop (ihv_api_run_on_loop: inline when called
 * from inside a handler, e.g. PerformPreAssociate), where the pending
 * requests live. Calls only down: apis-core.c and service-ui.c.
 *
 * Refused with ERROR_INVALID_PARAMETER (verifier rule bad-parameter): a
 * NULL request, more than IHV_UI_BYTES_MAX bytes, pvUIRequest NULL with a
 * byte count, a guidUIRequest of all zeros (no answer could name it), or
 * a guidUIRequest already pending. The "api" record carries "size" (the
 * byte count) and "value" (dwSessionId).
 */
#include <stdio.h>
#include <string.h>

#include "apis-internal.h"
#include "service-internal.h"
#include "service-ui.h"

struct ihv_ui_send {
	struct ihv_service *svc;
	uintptr_t svc_h;
	const DOT11EXT_IHV_UI_REQUEST *req;
	char why[160];
};

static DWORD ihv_ui_send_on_loop(void *arg)
{
	struct ihv_ui_send *s = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(s->svc, s->svc_h);

	if (!a)
		return ERROR_INVALID_STATE;
	return ihv_svc_ui_record(s->svc, a, s->req, s->why, sizeof(s->why));
}

DWORD WINAPI ihv_api_send_ui_request(HANDLE hDot11SvcHandle, PDOT11EXT_IHV_UI_REQUEST pReq)
{
	const char *api = "Dot11ExtSendUIRequest";
	struct ihv_api_targs ta = { 0 };
	struct ihv_ui_send s = { 0 };
	struct ihv_service *svc;
	static const GUID zero;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	ret = ERROR_INVALID_PARAMETER;
	if (!pReq) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle, "with pIhvUIRequest NULL");
		goto out;
	}
	ta.has_size = ta.has_value = true;
	ta.size = pReq->dwByteCount;
	ta.value = pReq->dwSessionId;
	if (pReq->dwByteCount > IHV_UI_BYTES_MAX) {
		snprintf(s.why, sizeof(s.why), "with dwByteCount %u, more than the %u bytes "
			 "a UI request may carry", (unsigned int)pReq->dwByteCount,
			 IHV_UI_BYTES_MAX);
		ihv_api_bad_param(svc, api, hDot11SvcHandle, s.why);
		goto out;
	}
	if (pReq->dwByteCount && !pReq->pvUIRequest) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle,
				  "with pvUIRequest NULL and a non-zero dwByteCount");
		goto out;
	}
	if (!memcmp(&pReq->guidUIRequest, &zero, sizeof(zero))) {
		ihv_api_bad_param(svc, api, hDot11SvcHandle,
				  "with guidUIRequest all zero (no answer could name it)");
		goto out;
	}
	s.svc = svc;
	s.svc_h = (uintptr_t)hDot11SvcHandle;
	s.req = pReq;
	ret = ihv_api_run_on_loop(svc, ihv_ui_send_on_loop, &s);
	if (ret == ERROR_INVALID_PARAMETER)
		ihv_api_bad_param(svc, api, hDot11SvcHandle, s.why);
out:
	ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret, NULL, &ta);
	return ret;
}
