/*
 * min-ext.c - the smallest complete IHV extension, written as a vendor
 * would write it for Windows: only <wlanihv.h> and the Windows names.
 * check-install.sh builds it against the INSTALLED SDK with
 *   cc -shared -fPIC $(pkg-config --cflags ihvsdk) min-ext.c
 * to prove the installed headers and ihvsdk.pc are all an IHV needs. It
 * completes pre- and post-association synchronously from the handler,
 * which the contract allows but a real extension would do from a thread.
 */
#include <string.h>
#include <wlanihv.h>

static DOT11EXT_APIS g_apis;
static HANDLE g_svc;

static VOID WINAPI MinDeinitService(VOID) { }

static DWORD WINAPI MinInitAdapter(PDOT11_ADAPTER pAdapter, HANDLE hSvc, PHANDLE phExt)
{
	(void)pAdapter;
	g_svc = hSvc;
	*phExt = (HANDLE)&g_svc;
	return ERROR_SUCCESS;
}

static VOID WINAPI MinDeinitAdapter(HANDLE hExt) { (void)hExt; g_svc = NULL; }

static DWORD WINAPI MinPreAssociate(HANDLE hExt, HANDLE hConnect,
	PDOT11EXT_IHV_PROFILE_PARAMS pParams, PDOT11EXT_IHV_CONNECTIVITY_PROFILE pConn,
	PDOT11EXT_IHV_SECURITY_PROFILE pSec, PDOT11_BSS_LIST pBss, PDWORD pdwReason)
{
	(void)hExt; (void)pParams; (void)pConn; (void)pSec; (void)pBss;
	*pdwReason = L2_REASON_CODE_SUCCESS;
	return g_apis.Dot11ExtPreAssociateCompletion(g_svc, hConnect, L2_REASON_CODE_SUCCESS,
						     ERROR_SUCCESS);
}

static DWORD WINAPI MinAdapterReset(HANDLE hExt) { (void)hExt; return ERROR_SUCCESS; }

static DWORD WINAPI MinPostAssociate(HANDLE hExt, HANDLE hSession, PDOT11_PORT_STATE pPort,
	ULONG uBytes, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pParams)
{
	(void)hExt; (void)uBytes; (void)pParams;
	return g_apis.Dot11ExtPostAssociateCompletion(g_svc, hSession, &pPort->PeerMacAddress,
						      L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
}

static DWORD WINAPI MinStopPostAssociate(HANDLE hExt, PDOT11_MAC_ADDRESS pPeer,
					 DOT11_ASSOC_STATUS status)
{
	(void)hExt; (void)pPeer; (void)status;
	return ERROR_SUCCESS;
}

static DWORD WINAPI MinValidateProfile(HANDLE hExt, PDOT11EXT_IHV_PROFILE_PARAMS p,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE c, PDOT11EXT_IHV_SECURITY_PROFILE s, PDWORD r)
{
	(void)hExt; (void)p; (void)c; (void)s;
	*r = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

static DWORD WINAPI MinCapabilityMatch(HANDLE hExt, PDOT11EXT_IHV_PROFILE_PARAMS p,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE c, PDOT11EXT_IHV_SECURITY_PROFILE s,
	PDOT11_BSS_LIST b, PDWORD r)
{
	(void)hExt; (void)p; (void)c; (void)s; (void)b;
	*r = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

static DWORD WINAPI MinDiscovery(HANDLE hExt, BOOL bInsecure, PDOT11EXT_IHV_PROFILE_PARAMS p,
	PDOT11_BSS_LIST b, PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST l, PDWORD r)
{
	(void)hExt; (void)bInsecure; (void)p; (void)b;
	l->dwCount = 0;
	l->pIhvDiscoveryProfiles = NULL;
	*r = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

static DWORD WINAPI MinSessionChange(ULONG e, PWTSSESSION_NOTIFICATION n)
{ (void)e; (void)n; return ERROR_SUCCESS; }
static DWORD WINAPI MinIndication(HANDLE h, DOT11EXT_IHV_INDICATION_TYPE t, ULONG n, LPVOID p)
{ (void)h; (void)t; (void)n; (void)p; return ERROR_SUCCESS; }
static DWORD WINAPI MinReceivePacket(HANDLE h, DWORD n, LPVOID p)
{ (void)h; (void)n; (void)p; return ERROR_SUCCESS; }
static DWORD WINAPI MinSendCompletion(HANDLE h) { (void)h; return ERROR_SUCCESS; }
static DWORD WINAPI MinUIPending(GUID g, PBOOL pb) { (void)g; *pb = FALSE; return ERROR_SUCCESS; }
static DWORD WINAPI MinUIResponse(GUID g, DWORD n, LPVOID p)
{ (void)g; (void)n; (void)p; return ERROR_NOT_FOUND; }
static DWORD WINAPI MinQueryUI(HANDLE h, DOT11EXT_IHV_CONNECTION_PHASE ph,
			       PDOT11EXT_IHV_UI_REQUEST *pp)
{ (void)h; (void)ph; *pp = NULL; return ERROR_SUCCESS; }
static DWORD WINAPI MinOnexResult(HANDLE h, DOT11_MSONEX_RESULT r, PDOT11_MSONEX_RESULT_PARAMS p)
{ (void)h; (void)r; (void)p; return ERROR_SUCCESS; }
static DWORD WINAPI MinControl(HANDLE h, DWORD ni, PBYTE pi, DWORD no, PBYTE po, PDWORD pn)
{ (void)h; (void)ni; (void)pi; (void)no; (void)po; *pn = 0; return ERROR_SUCCESS; }

DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pInfo)
{
	pInfo->dwVerMin = 0;
	pInfo->dwVerMax = 0;
	return ERROR_SUCCESS;
}

DWORD WINAPI Dot11ExtIhvInitService(DWORD dwVer, PDOT11EXT_APIS pApis, LPVOID pvReserved,
				    PDOT11EXT_IHV_HANDLERS pHandlers)
{
	(void)dwVer; (void)pvReserved;
	memcpy(&g_apis, pApis, sizeof(g_apis));
	pHandlers->Dot11ExtIhvDeinitService = MinDeinitService;
	pHandlers->Dot11ExtIhvInitAdapter = MinInitAdapter;
	pHandlers->Dot11ExtIhvDeinitAdapter = MinDeinitAdapter;
	pHandlers->Dot11ExtIhvPerformPreAssociate = MinPreAssociate;
	pHandlers->Dot11ExtIhvAdapterReset = MinAdapterReset;
	pHandlers->Dot11ExtIhvPerformPostAssociate = MinPostAssociate;
	pHandlers->Dot11ExtIhvStopPostAssociate = MinStopPostAssociate;
	pHandlers->Dot11ExtIhvValidateProfile = MinValidateProfile;
	pHandlers->Dot11ExtIhvPerformCapabilityMatch = MinCapabilityMatch;
	pHandlers->Dot11ExtIhvCreateDiscoveryProfiles = MinDiscovery;
	pHandlers->Dot11ExtIhvProcessSessionChange = MinSessionChange;
	pHandlers->Dot11ExtIhvReceiveIndication = MinIndication;
	pHandlers->Dot11ExtIhvReceivePacket = MinReceivePacket;
	pHandlers->Dot11ExtIhvSendPacketCompletion = MinSendCompletion;
	pHandlers->Dot11ExtIhvIsUIRequestPending = MinUIPending;
	pHandlers->Dot11ExtIhvProcessUIResponse = MinUIResponse;
	pHandlers->Dot11ExtIhvQueryUIRequest = MinQueryUI;
	pHandlers->Dot11ExtIhvOnexIndicateResult = MinOnexResult;
	pHandlers->Dot11ExtIhvControl = MinControl;
	return ERROR_SUCCESS;
}
