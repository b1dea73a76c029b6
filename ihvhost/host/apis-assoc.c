/* SPDX-License-Identifier: MIT */
/*
 * Connection-scoped Dot11Ext APIs: profile data, notifications and the
 * two completions. The completions are validated here (any thread) and
 * applied on the loop (service-connect.c). Calls only down: apis-core.c
 * and service-connect.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis-internal.h"
#include "loop.h"
#include "service-internal.h"
#include "verifier.h"

/* Validates an hConnectSession belonging to @svc_h (pre-association). */
static DWORD ihv_api_check_connect(struct ihv_service *svc, const char *api,
				   HANDLE svc_h, HANDLE conn)
{
	enum ihv_handle_retire why;
	enum ihv_handle_check chk;
	uintptr_t owner = 0;

	chk = ihv_handle_check(&svc->handles, (uintptr_t)conn, IHV_HANDLE_CONNECT,
			       &owner, NULL, NULL, &why);
	if (chk != IHV_HANDLE_OK)
		return ihv_api_report_handle(svc, api, IHV_HANDLE_CONNECT,
					     (uintptr_t)conn, chk, why);
	if (owner != (uintptr_t)svc_h) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_HANDLE, api,
				    "connect-session", (uintptr_t)conn,
				    "belongs to another adapter than svc 0x%lx",
				    (unsigned long)(uintptr_t)svc_h);
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_SUCCESS;
}

/* ---- the profile: custom user data, SetCurrentProfile ----------------- */

/* The connection's profile, on the loop: what the three profile APIs act
 * on. Custom user data is kept per profile name and user session for the
 * service's life (the run), as Windows keeps it with the saved profile. */
struct ihv_profile_op {
	struct ihv_service *svc;
	uintptr_t svc_h;
	DWORD session_id;
	/* set */
	const void *data;
	DWORD size;
	/* get */
	DWORD *out_size;
	LPVOID *out_data;
	/* current profile */
	bool replace;
	const WCHAR *conn, *sec;
	BOOL use_onex;
	bool has_sec;
};

static DWORD ihv_profile_set_on_loop(void *arg)
{
	struct ihv_profile_op *o = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(o->svc, o->svc_h);
	int rc;

	if (!a || !a->prof_set)
		return ERROR_INVALID_STATE;
	if (o->replace) {
		rc = ihv_svc_profile_replace(a, o->conn, o->sec);
		if (rc == 0 && o->has_sec)
			a->prof.sec_use_onex = o->use_onex;
	} else {
		rc = ihv_svc_userdata_set(o->svc, a->prof.name, o->session_id,
					  o->data, o->size);
	}
	return rc == -E2BIG ? ERROR_INVALID_PARAMETER : ihv_api_win32_from_errno(rc);
}

static DWORD ihv_profile_get_on_loop(void *arg)
{
	struct ihv_profile_op *o = arg;
	struct ihv_adapter *a = ihv_svc_adapter_by_svc_handle(o->svc, o->svc_h);
	const struct ihv_svc_userdata *u;
	LPVOID buf = NULL;
	DWORD ret;

	if (!a || !a->prof_set)
		return ERROR_INVALID_STATE;
	u = ihv_svc_userdata_get(o->svc, a->prof.name, o->session_id);
	/* Nothing kept: an empty answer, as for a profile never written. */
	if (!u || !u->size)
		return ERROR_SUCCESS;
	/* The extension frees it with Dot11ExtFreeBuffer (leaks are the
	 * verifier's business). */
	ret = ihv_api_allocate_buffer(u->size, &buf);
	if (ret != ERROR_SUCCESS)
		return ret;
	memcpy(buf, u->data, u->size);
	*o->out_size = u->size;
	*o->out_data = buf;
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_set_profile_custom_user_data(HANDLE hDot11SvcHandle,
						  HANDLE hConnectSession,
						  DWORD dwSessionID, DWORD dwDataSize,
						  LPVOID pvData)
{
	const char *api = "Dot11ExtSetProfileCustomUserData";
	struct ihv_api_targs ta = { .has_size = true, .size = dwDataSize,
				    .has_value = true, .value = dwSessionID };
	struct ihv_profile_op o = { .session_id = dwSessionID, .data = pvData,
				    .size = dwDataSize };
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS)
		ret = ihv_api_check_connect(svc, api, hDot11SvcHandle, hConnectSession);
	if (ret == ERROR_SUCCESS && dwDataSize && !pvData) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    "svc", (uintptr_t)hDot11SvcHandle,
				    "with %u bytes at NULL", (unsigned int)dwDataSize);
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret == ERROR_SUCCESS) {
		o.svc = svc;
		o.svc_h = (uintptr_t)hDot11SvcHandle;
		ret = ihv_api_run_on_loop(svc, ihv_profile_set_on_loop, &o);
	}
	ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret, NULL, &ta);
	return ret;
}

DWORD WINAPI ihv_api_get_profile_custom_user_data(HANDLE hDot11SvcHandle,
						  HANDLE hConnectSession,
						  DWORD dwSessionID, DWORD *pdwDataSize,
						  LPVOID *ppvData)
{
	const char *api = "Dot11ExtGetProfileCustomUserData";
	struct ihv_api_targs ta = { .has_value = true, .value = dwSessionID };
	struct ihv_profile_op o = { .session_id = dwSessionID, .out_size = pdwDataSize,
				    .out_data = ppvData };
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS)
		ret = ihv_api_check_connect(svc, api, hDot11SvcHandle, hConnectSession);
	if (ret == ERROR_SUCCESS && (!pdwDataSize || !ppvData)) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    "svc", (uintptr_t)hDot11SvcHandle,
				    "with a NULL out-pointer");
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret == ERROR_SUCCESS) {
		*pdwDataSize = 0;
		*ppvData = NULL;
		o.svc = svc;
		o.svc_h = (uintptr_t)hDot11SvcHandle;
		ret = ihv_api_run_on_loop(svc, ihv_profile_get_on_loop, &o);
		ta.has_size = true;
		ta.size = *pdwDataSize;
	}
	ihv_api_trace_ex(svc, api, hDot11SvcHandle, ret, NULL, &ta);
	return ret;
}

DWORD WINAPI ihv_api_set_current_profile(HANDLE hDot11SvcHandle, HANDLE hConnectSession,
					 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pConn,
					 PDOT11EXT_IHV_SECURITY_PROFILE pSec)
{
	const char *api = "Dot11ExtSetCurrentProfile";
	struct ihv_profile_op o = { .replace = true };
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS)
		ret = ihv_api_check_connect(svc, api, hDot11SvcHandle, hConnectSession);
	if (ret == ERROR_SUCCESS &&
	    ((!pConn && !pSec) || (pConn && !pConn->pszXmlFragmentIhvConnectivity) ||
	     (pSec && !pSec->pszXmlFragmentIhvSecurity))) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    "svc", (uintptr_t)hDot11SvcHandle,
				    "with no profile, or a profile whose XML fragment is NULL");
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret == ERROR_SUCCESS) {
		o.svc = svc;
		o.svc_h = (uintptr_t)hDot11SvcHandle;
		o.conn = pConn ? pConn->pszXmlFragmentIhvConnectivity : NULL;
		o.sec = pSec ? pSec->pszXmlFragmentIhvSecurity : NULL;
		o.has_sec = pSec != NULL;
		o.use_onex = pSec ? pSec->bUseMSOnex : FALSE;
		ret = ihv_api_run_on_loop(svc, ihv_profile_set_on_loop, &o);
	}
	ihv_api_trace(svc, api, hDot11SvcHandle, ret, NULL);
	return ret;
}

/* SendUIRequest is in apis-ui.c (service-ui.c keeps the requests). */

DWORD WINAPI ihv_api_send_notification(HANDLE hDot11SvcHandle, PL2_NOTIFICATION_DATA pNotif)
{
	const char *api = "Dot11ExtSendNotification";
	struct ihv_service *svc;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret == ERROR_SUCCESS && !pNotif) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    "svc", (uintptr_t)hDot11SvcHandle,
				    "with pNotificationData NULL");
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret != ERROR_SUCCESS) {
		ihv_api_trace(svc, api, hDot11SvcHandle, ret, NULL);
		return ret;
	}
	/* The service's notification clients are the trace: record it. */
	{
		struct ihv_api_targs ta = {
			.has_type = true, .type = pNotif->NotificationCode,
			.has_size = true, .size = pNotif->dwDataSize,
			.has_value = true, .value = pNotif->NotificationSource,
		};

		ihv_api_trace_ex(svc, api, hDot11SvcHandle, ERROR_SUCCESS, NULL, &ta);
	}
	return ERROR_SUCCESS;
}

/* ---- completions -------------------------------------------------------- */

struct ihv_completion {
	struct ihv_service *svc;
	uintptr_t svc_h, session;
	uint8_t peer[SIM_ETH_ALEN];
	DWORD reason, win32;
};

static void ihv_apply_pre(void *data)
{
	struct ihv_completion *c = data;

	ihv_svc_apply_preassoc_completion(c->svc, c->svc_h, c->session,
					  c->reason, c->win32);
	free(c);
}

static void ihv_apply_post(void *data)
{
	struct ihv_completion *c = data;

	ihv_svc_apply_postassoc_completion(c->svc, c->svc_h, c->session, c->peer,
					   c->reason, c->win32);
	free(c);
}

static bool ihv_reason_is_ihv(DWORD r)
{
	return r >= L2_REASON_CODE_IHV_BASE && r <= L2_REASON_CODE_IHV_BASE + 0xFFFF;
}

/* Rule 3: success = (SUCCESS or IHV-range reason, win32 0); failure =
 * both non-zero. */
static void ihv_check_reason(struct ihv_service *svc, const char *api,
			     const char *kind, uintptr_t h, DWORD reason, DWORD win32)
{
	bool ok;

	if (win32 == ERROR_SUCCESS)
		ok = reason == L2_REASON_CODE_SUCCESS || ihv_reason_is_ihv(reason);
	else
		ok = reason != L2_REASON_CODE_SUCCESS;
	if (!ok)
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    kind, h,
				    "with reason 0x%x contradicting win32 %u",
				    (unsigned int)reason, (unsigned int)win32);
}

static DWORD ihv_post_completion(struct ihv_service *svc, void (*fn)(void *),
				 struct ihv_completion *c)
{
	if (ihv_loop_post(svc->cfg.loop, fn, c, free) < 0) {
		free(c);
		return ERROR_OUTOFMEMORY;
	}
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_api_pre_associate_completion(HANDLE hDot11SvcHandle,
					      HANDLE hConnectSession,
					      DWORD dwReasonCode, DWORD dwWin32Error)
{
	const char *api = "Dot11ExtPreAssociateCompletion";
	struct ihv_completion *c;
	enum ihv_handle_retire why;
	enum ihv_handle_check chk;
	struct ihv_service *svc;
	uintptr_t owner = 0;
	DWORD ret;

	/* Any adapter state: the window is the session's own lifetime. */
	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	c = calloc(1, sizeof(*c));
	if (!c) {
		ret = ERROR_OUTOFMEMORY;
		goto out;
	}
	/* Check-and-retire in one step: of two racing completions exactly
	 * one wins; hConnectSession is invalid from here on (rule 3). */
	chk = ihv_handle_take(&svc->handles, (uintptr_t)hConnectSession,
			      IHV_HANDLE_CONNECT, IHV_RETIRE_COMPLETED, &owner,
			      NULL, &why);
	if (chk == IHV_HANDLE_STALE && why == IHV_RETIRE_COMPLETED) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_DOUBLE_COMPLETION, api,
				    "connect-session", (uintptr_t)hConnectSession,
				    "called again for a completed pre-association");
		ret = ERROR_INVALID_STATE;
	} else if (chk == IHV_HANDLE_STALE &&
		   (why == IHV_RETIRE_DEINIT || why == IHV_RETIRE_CANCELLED)) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_LATE_COMPLETION, api,
				    "connect-session", (uintptr_t)hConnectSession,
				    "%s", why == IHV_RETIRE_DEINIT ?
				    "after Dot11ExtIhvDeinitAdapter" :
				    "after the host abandoned the pre-association");
		ret = ERROR_INVALID_STATE;
	} else if (chk != IHV_HANDLE_OK) {
		ret = ihv_api_report_handle(svc, api, IHV_HANDLE_CONNECT,
					    (uintptr_t)hConnectSession, chk, why);
	} else if (owner != (uintptr_t)hDot11SvcHandle) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_HANDLE, api,
				    "connect-session", (uintptr_t)hConnectSession,
				    "belongs to another adapter than svc 0x%lx",
				    (unsigned long)(uintptr_t)hDot11SvcHandle);
		ret = ERROR_INVALID_PARAMETER;
	}
	if (ret != ERROR_SUCCESS) {
		free(c);
		goto out;
	}
	ihv_check_reason(svc, api, "connect-session", (uintptr_t)hConnectSession,
			 dwReasonCode, dwWin32Error);
	c->svc = svc;
	c->svc_h = (uintptr_t)hDot11SvcHandle;
	c->session = (uintptr_t)hConnectSession;
	c->reason = dwReasonCode;
	c->win32 = dwWin32Error;
	ret = ihv_post_completion(svc, ihv_apply_pre, c);
out:
	{
		struct ihv_api_targs ta = {
			.svc_h = hDot11SvcHandle,
			.has_reason = true, .reason = dwReasonCode,
			.has_win32 = true, .win32 = dwWin32Error,
		};

		ihv_api_trace_ex(svc, api, hConnectSession, ret, NULL, &ta);
	}
	return ret;
}

DWORD WINAPI ihv_api_post_associate_completion(HANDLE hDot11SvcHandle,
					       HANDLE hSecuritySessionID,
					       PDOT11_MAC_ADDRESS pPeer,
					       DWORD dwReasonCode, DWORD dwWin32Error)
{
	const char *api = "Dot11ExtPostAssociateCompletion";
	uint32_t outcome = dwWin32Error == ERROR_SUCCESS ? IHV_POST_AUTHORIZED
							  : IHV_POST_REFUSED;
	struct ihv_completion *c = NULL;
	enum ihv_handle_retire why;
	enum ihv_handle_check chk;
	struct ihv_service *svc;
	const char *note = NULL;
	uintptr_t owner = 0;
	uint32_t old = 0;
	DWORD ret;

	ret = ihv_api_check_adapter(api, hDot11SvcHandle, IHV_WIN_ADAPTER, &svc);
	if (ret != ERROR_SUCCESS)
		goto out;
	if (!pPeer) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_PARAMETER, api,
				    "session", (uintptr_t)hSecuritySessionID,
				    "with pPeer NULL");
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	chk = ihv_handle_swap_aux(&svc->handles, (uintptr_t)hSecuritySessionID,
				  IHV_HANDLE_SECURITY, outcome, &old, &owner, &why);
	/* Issued while StopPostAssociate runs: the extension's thread may
	 * have been inside this call when Stop began, and a well-behaved
	 * extension's Stop waits for it. Not "after" Stop: dropped, noted. */
	if (chk == IHV_HANDLE_STALE && why == IHV_RETIRE_STOPPING) {
		note = "raced with Dot11ExtIhvStopPostAssociate in progress: dropped";
		ret = ERROR_INVALID_STATE;
		goto out;
	}
	if (chk == IHV_HANDLE_STALE &&
	    (why == IHV_RETIRE_STOPPED || why == IHV_RETIRE_DEINIT)) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_LATE_COMPLETION, api,
				    "session", (uintptr_t)hSecuritySessionID,
				    "after Dot11ExtIhvStopPostAssociate");
		ret = ERROR_INVALID_STATE;
		goto out;
	}
	if (chk != IHV_HANDLE_OK) {
		ret = ihv_api_report_handle(svc, api, IHV_HANDLE_SECURITY,
					    (uintptr_t)hSecuritySessionID, chk, why);
		goto out;
	}
	if (owner != (uintptr_t)hDot11SvcHandle) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_BAD_HANDLE, api,
				    "session", (uintptr_t)hSecuritySessionID,
				    "belongs to another adapter than svc 0x%lx",
				    (unsigned long)(uintptr_t)hDot11SvcHandle);
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}
	/* Rule 4 allows further completions when the port's authorization
	 * changes or is renewed (a re-authentication clears the recorded
	 * outcome: service-security.c); the same outcome twice otherwise is
	 * a duplicate. */
	if (old == outcome) {
		ihv_verifier_report(svc->cfg.verifier, IHV_RULE_DOUBLE_COMPLETION, api,
				    "session", (uintptr_t)hSecuritySessionID,
				    "repeated with the same outcome (win32 %u), no authorization change and no re-authentication since",
				    (unsigned int)dwWin32Error);
		ret = ERROR_INVALID_STATE;
		goto out;
	}
	ihv_check_reason(svc, api, "session", (uintptr_t)hSecuritySessionID,
			 dwReasonCode, dwWin32Error);
	c = calloc(1, sizeof(*c));
	if (!c) {
		ret = ERROR_OUTOFMEMORY;
		goto out;
	}
	c->svc = svc;
	c->svc_h = (uintptr_t)hDot11SvcHandle;
	c->session = (uintptr_t)hSecuritySessionID;
	memcpy(c->peer, pPeer, SIM_ETH_ALEN);
	c->reason = dwReasonCode;
	c->win32 = dwWin32Error;
	ret = ihv_post_completion(svc, ihv_apply_post, c);
out:
	{
		struct ihv_api_targs ta = {
			.svc_h = hDot11SvcHandle,
			.peer = pPeer ? (const uint8_t *)pPeer : NULL,
			.has_reason = true, .reason = dwReasonCode,
			.has_win32 = true, .win32 = dwWin32Error,
		};

		ihv_api_trace_ex(svc, api, hSecuritySessionID, ret, note, &ta);
	}
	return ret;
}
