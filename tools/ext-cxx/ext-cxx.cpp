/*
 * ext-cxx.cpp - a sample IHV extension written as a vendor writes one for
 * Windows, in C++, with the Win32 API: <windows.h>, <wlanihv.h>,
 * <strsafe.h>, DllMain, a worker made with CreateThread, events and
 * WaitForMultipleObjects, a CRITICAL_SECTION, Interlocked counters,
 * HeapAlloc, and wide strings from L"..." literals. Nothing in it is
 * Linux-specific: the same file is meant to build as a Windows DLL.
 * On Linux it builds with only
 *   c++ -shared -fPIC ext-cxx.cpp -o libihv-cxx.so $(pkg-config --cflags --libs ihvsdk)
 * (tools/module.mk, tests/sdk/check-install.sh). win32-cxx-extension.scn
 * (next to this file; `extension cxx`) runs it on real radios.
 *
 * What it does: pre-association compares the profile's IHV connectivity
 * fragment with CXX_CONNECTIVITY (wcscmp): equal, it sets the current
 * profile from L"..." literals (SetCurrentProfile) and completes with
 * success; different, it completes with ERROR_BAD_PROFILE. Post-association
 * completes with success (an open network: nothing to negotiate). All
 * completions come from the worker thread, as the contract asks.
 */
#include <windows.h>
#include <wlanihv.h>
#include <strsafe.h>

#include <new>

// The connectivity fragment this extension recognises (the scenario's
// profile carries it); anything else is refused in pre-association.
#define CXX_CONNECTIVITY L"<IhvConnectivity><Vendor>ihvhost-cxx</Vendor></IhvConnectivity>"
#define CXX_REASON_BAD_PROFILE (L2_REASON_CODE_IHV_BASE + 0x10)

namespace {

enum JobKind { JobPreAssociate, JobPostAssociate };

struct Adapter;

struct Job {
	Job *next;
	JobKind kind;
	Adapter *adapter;
	HANDLE session;
	DOT11_MAC_ADDRESS peer;
	DWORD reason;
	DWORD win32;
	BOOL setProfile;
};

struct Adapter {
	HANDLE svc;
	LONG inflight;      // jobs of this adapter the worker is calling (under g_lock)
};

HINSTANCE g_module;
volatile LONG g_attached;
DOT11EXT_APIS g_apis;
CRITICAL_SECTION g_lock;
Job *g_jobs;                 // FIFO, under g_lock
HANDLE g_workEvent;          // auto-reset: a job was queued
HANDLE g_stopEvent;          // manual-reset: DeinitService
HANDLE g_doneEvent;          // auto-reset: the worker finished a job
HANDLE g_worker;
volatile LONG g_completions; // Interlocked: completions made
volatile LONG g_adapters;

void Log(_In_z_ LPCWSTR fmt, ...)
{
	WCHAR line[256];
	WCHAR msg[200];
	va_list ap;

	va_start(ap, fmt);
	StringCchVPrintfW(msg, ARRAYSIZE(msg), fmt, ap);
	va_end(ap);
	StringCchPrintfW(line, ARRAYSIZE(line), L"ext-cxx: %s\n", msg);
	OutputDebugStringW(line);
}

void Queue(Job *job)
{
	Job **pp;

	EnterCriticalSection(&g_lock);
	for (pp = &g_jobs; *pp; pp = &(*pp)->next)
		;
	job->next = NULL;
	*pp = job;
	LeaveCriticalSection(&g_lock);
	SetEvent(g_workEvent);
}

// Removes the adapter's queued jobs (of one kind, or all), then waits until
// the worker is not calling the host for it: afterwards no completion for
// what the caller ended can still be on its way.
DWORD Cancel(Adapter *ad, BOOL postOnly)
{
	Job **pp, *dead = NULL;
	DWORD n = 0;

	EnterCriticalSection(&g_lock);
	for (pp = &g_jobs; *pp;) {
		Job *j = *pp;
		if (j->adapter == ad && (!postOnly || j->kind == JobPostAssociate)) {
			*pp = j->next;
			j->next = dead;
			dead = j;
		} else {
			pp = &j->next;
		}
	}
	while (ad->inflight) {
		LeaveCriticalSection(&g_lock);
		WaitForSingleObject(g_doneEvent, 20);
		EnterCriticalSection(&g_lock);
	}
	LeaveCriticalSection(&g_lock);
	while (dead) {
		Job *next = dead->next;
		HeapFree(GetProcessHeap(), 0, dead);
		dead = next;
		n++;
	}
	return n;
}

void Run(Job *job)
{
	DWORD ret;

	if (job->kind == JobPreAssociate) {
		if (job->setProfile) {
			// The current profile, from wide literals (the host copies it).
			DOT11EXT_IHV_CONNECTIVITY_PROFILE conn = { (LPWSTR)CXX_CONNECTIVITY };
			DOT11EXT_IHV_SECURITY_PROFILE sec = { (LPWSTR)L"", FALSE };

			ret = g_apis.Dot11ExtSetCurrentProfile(job->adapter->svc, job->session,
							       &conn, &sec);
			Log(L"SetCurrentProfile(%s) = %lu", conn.pszXmlFragmentIhvConnectivity, ret);
		}
		ret = g_apis.Dot11ExtPreAssociateCompletion(job->adapter->svc, job->session,
							    job->reason, job->win32);
		Log(L"PreAssociateCompletion(win32=%lu) = %lu", job->win32, ret);
	} else {
		ret = g_apis.Dot11ExtPostAssociateCompletion(job->adapter->svc, job->session,
							     &job->peer, job->reason, job->win32);
		Log(L"PostAssociateCompletion(win32=%lu) = %lu", job->win32, ret);
	}
	InterlockedIncrement(&g_completions);
}

DWORD WINAPI Worker(_In_ LPVOID param)
{
	HANDLE waits[2] = { g_stopEvent, g_workEvent };

	UNREFERENCED_PARAMETER(param);
	for (;;) {
		DWORD w = WaitForMultipleObjects(2, waits, FALSE, INFINITE);

		if (w == WAIT_OBJECT_0)
			break;
		if (w != WAIT_OBJECT_0 + 1) {
			Log(L"WaitForMultipleObjects failed: %lu", GetLastError());
			return 1;
		}
		for (;;) {
			EnterCriticalSection(&g_lock);
			Job *job = g_jobs;
			if (job) {
				g_jobs = job->next;
				job->adapter->inflight++;
			}
			LeaveCriticalSection(&g_lock);
			if (!job)
				break;
			Run(job);
			EnterCriticalSection(&g_lock);
			job->adapter->inflight--;
			LeaveCriticalSection(&g_lock);
			HeapFree(GetProcessHeap(), 0, job);
			SetEvent(g_doneEvent);
		}
	}
	return 0;
}

Job *NewJob(Adapter *ad, JobKind kind, HANDLE session)
{
	Job *job = static_cast<Job *>(HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(Job)));

	if (job) {
		job->kind = kind;
		job->adapter = ad;
		job->session = session;
	}
	return job;
}

// ---- handlers ---------------------------------------------------------

VOID WINAPI DeinitService(VOID)
{
	SetEvent(g_stopEvent);
	WaitForSingleObject(g_worker, INFINITE);
	CloseHandle(g_worker);
	CloseHandle(g_workEvent);
	CloseHandle(g_stopEvent);
	CloseHandle(g_doneEvent);
	while (g_jobs) {
		Job *next = g_jobs->next;
		HeapFree(GetProcessHeap(), 0, g_jobs);
		g_jobs = next;
	}
	DeleteCriticalSection(&g_lock);
	Log(L"DeinitService: %ld completions", InterlockedCompareExchange(&g_completions, 0, 0));
}

DWORD WINAPI InitAdapter(_In_ PDOT11_ADAPTER pAdapter, _In_ HANDLE hSvc, _Out_ PHANDLE phExt)
{
	Adapter *ad = new (std::nothrow) Adapter();

	if (!ad)
		return ERROR_NOT_ENOUGH_MEMORY;
	ad->svc = hSvc;
	*phExt = ad;
	Log(L"InitAdapter %s (adapter %ld)",
	    pAdapter && pAdapter->pszDescription ? pAdapter->pszDescription : L"?",
	    InterlockedIncrement(&g_adapters));
	return ERROR_SUCCESS;
}

VOID WINAPI DeinitAdapter(_In_ HANDLE hExt)
{
	Adapter *ad = static_cast<Adapter *>(hExt);

	Cancel(ad, FALSE);
	InterlockedDecrement(&g_adapters);
	delete ad;
}

DWORD WINAPI PerformPreAssociate(_In_ HANDLE hExt, _In_ HANDLE hConnect,
	_In_ PDOT11EXT_IHV_PROFILE_PARAMS pParams,
	_In_ PDOT11EXT_IHV_CONNECTIVITY_PROFILE pConn,
	_In_ PDOT11EXT_IHV_SECURITY_PROFILE pSec, _In_ PDOT11_BSS_LIST pBss,
	_Out_ PDWORD pdwReason)
{
	Adapter *ad = static_cast<Adapter *>(hExt);
	Job *job = NewJob(ad, JobPreAssociate, hConnect);
	LPCWSTR xml = pConn && pConn->pszXmlFragmentIhvConnectivity ?
		      pConn->pszXmlFragmentIhvConnectivity : L"";

	UNREFERENCED_PARAMETER(pParams);
	UNREFERENCED_PARAMETER(pSec);
	UNREFERENCED_PARAMETER(pBss);
	*pdwReason = 0;
	if (!job)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (wcscmp(xml, CXX_CONNECTIVITY) == 0) {
		job->setProfile = TRUE;
	} else {
		Log(L"PerformPreAssociate: unknown connectivity fragment \"%s\" (%u units)",
		    xml, (unsigned)wcslen(xml));
		job->reason = CXX_REASON_BAD_PROFILE;
		job->win32 = ERROR_BAD_PROFILE;
	}
	Queue(job);
	return ERROR_SUCCESS;
}

DWORD WINAPI AdapterReset(_In_ HANDLE hExt)
{
	Adapter *ad = static_cast<Adapter *>(hExt);
	Job **pp;

	// Pending pre/post-association end with ERROR_CANCELLED.
	EnterCriticalSection(&g_lock);
	for (pp = &g_jobs; *pp; pp = &(*pp)->next)
		if ((*pp)->adapter == ad) {
			(*pp)->win32 = ERROR_CANCELLED;
			(*pp)->reason = CXX_REASON_BAD_PROFILE;
			(*pp)->setProfile = FALSE;
		}
	LeaveCriticalSection(&g_lock);
	return ERROR_SUCCESS;
}

DWORD WINAPI PerformPostAssociate(_In_ HANDLE hExt, _In_ HANDLE hSession,
	_In_ PDOT11_PORT_STATE pPort, _In_ ULONG uBytes,
	_In_reads_bytes_(uBytes) PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pAssoc)
{
	Adapter *ad = static_cast<Adapter *>(hExt);
	Job *job = NewJob(ad, JobPostAssociate, hSession);

	UNREFERENCED_PARAMETER(pPort);
	if (!job)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (!pAssoc || uBytes < DOT11_SIZEOF_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1) {
		HeapFree(GetProcessHeap(), 0, job);
		return ERROR_INVALID_PARAMETER;
	}
	CopyMemory(job->peer, pAssoc->MacAddr, sizeof(job->peer));
	Queue(job);
	return ERROR_SUCCESS;
}

DWORD WINAPI StopPostAssociate(_In_ HANDLE hExt, _In_ PDOT11_MAC_ADDRESS pPeer,
	_In_ DOT11_ASSOC_STATUS status)
{
	UNREFERENCED_PARAMETER(pPeer);
	Log(L"StopPostAssociate(0x%08lx): %lu pending dropped", status,
	    Cancel(static_cast<Adapter *>(hExt), TRUE));
	return ERROR_SUCCESS;
}

DWORD WINAPI ValidateProfile(HANDLE, PDOT11EXT_IHV_PROFILE_PARAMS,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE, PDOT11EXT_IHV_SECURITY_PROFILE, PDWORD pdwReason)
{
	*pdwReason = 0;
	return ERROR_SUCCESS;
}

DWORD WINAPI PerformCapabilityMatch(HANDLE, PDOT11EXT_IHV_PROFILE_PARAMS,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE, PDOT11EXT_IHV_SECURITY_PROFILE, PDOT11_BSS_LIST,
	PDWORD pdwReason)
{
	*pdwReason = 0;
	return ERROR_SUCCESS;
}

// A host-owned copy of a wide literal (the host frees it with FreeBuffer).
LPWSTR HostString(_In_z_ LPCWSTR s)
{
	size_t cch = wcslen(s) + 1;
	LPVOID p = NULL;

	if (g_apis.Dot11ExtAllocateBuffer((DWORD)(cch * sizeof(WCHAR)), &p) != ERROR_SUCCESS)
		return NULL;
	if (FAILED(StringCchCopyW(static_cast<LPWSTR>(p), cch, s))) {
		g_apis.Dot11ExtFreeBuffer(p);
		return NULL;
	}
	return static_cast<LPWSTR>(p);
}

DWORD WINAPI CreateDiscoveryProfiles(HANDLE, BOOL, PDOT11EXT_IHV_PROFILE_PARAMS,
	PDOT11_BSS_LIST, PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pList, PDWORD pdwReason)
{
	static const DOT11EXT_IHV_DISCOVERY_PROFILE tmpl = {
		{ (LPWSTR)CXX_CONNECTIVITY },
		{ (LPWSTR)L"<IhvSecurity/>", FALSE },
	};
	LPVOID p = NULL;

	*pdwReason = 0;
	if (g_apis.Dot11ExtAllocateBuffer(sizeof(tmpl), &p) != ERROR_SUCCESS)
		return ERROR_NOT_ENOUGH_MEMORY;
	PDOT11EXT_IHV_DISCOVERY_PROFILE prof = static_cast<PDOT11EXT_IHV_DISCOVERY_PROFILE>(p);
	prof->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity =
		HostString(tmpl.IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
	prof->IhvSecurityProfile.pszXmlFragmentIhvSecurity =
		HostString(tmpl.IhvSecurityProfile.pszXmlFragmentIhvSecurity);
	prof->IhvSecurityProfile.bUseMSOnex = FALSE;
	pList->dwCount = 1;
	pList->pIhvDiscoveryProfiles = prof;
	return ERROR_SUCCESS;
}

DWORD WINAPI ProcessSessionChange(ULONG, PWTSSESSION_NOTIFICATION) { return ERROR_SUCCESS; }

DWORD WINAPI ReceiveIndication(HANDLE, DOT11EXT_IHV_INDICATION_TYPE type, ULONG uLen,
	_In_reads_bytes_(uLen) LPVOID pv)
{
	if (type == IndicationTypeLinkQuality && uLen >= sizeof(DOT11_LINK_QUALITY_PARAMETERS)) {
		PDOT11_LINK_QUALITY_PARAMETERS lq = static_cast<PDOT11_LINK_QUALITY_PARAMETERS>(pv);
		Log(L"link quality: %lu entries", lq->uLinkQualityListSize);
	}
	return ERROR_SUCCESS;
}

DWORD WINAPI ReceivePacket(HANDLE, DWORD, LPVOID) { return ERROR_SUCCESS; }
DWORD WINAPI SendPacketCompletion(HANDLE) { return ERROR_SUCCESS; }

DWORD WINAPI IsUIRequestPending(GUID, PBOOL pbPending)
{
	*pbPending = FALSE;
	return ERROR_SUCCESS;
}

DWORD WINAPI ProcessUIResponse(GUID, DWORD, LPVOID) { return ERROR_NOT_FOUND; }

DWORD WINAPI QueryUIRequest(HANDLE, DOT11EXT_IHV_CONNECTION_PHASE, PDOT11EXT_IHV_UI_REQUEST *pp)
{
	*pp = NULL;
	return ERROR_NOT_FOUND;
}

DWORD WINAPI OnexIndicateResult(HANDLE, DOT11_MSONEX_RESULT, PDOT11_MSONEX_RESULT_PARAMS)
{
	return ERROR_SUCCESS;
}

DWORD WINAPI Control(HANDLE, DWORD, PBYTE, DWORD, PBYTE, PDWORD pdwReturned)
{
	if (pdwReturned)
		*pdwReturned = 0;
	return ERROR_NOT_SUPPORTED;
}

} // namespace

// ---- DLL entry and exports ---------------------------------------------

BOOL APIENTRY DllMain(HMODULE hModule, DWORD reason, LPVOID lpReserved)
{
	UNREFERENCED_PARAMETER(lpReserved);
	switch (reason) {
	case DLL_PROCESS_ATTACH:
		g_module = hModule;
		DisableThreadLibraryCalls(hModule);
		InterlockedExchange(&g_attached, 1);
		break;
	case DLL_PROCESS_DETACH:
		OutputDebugStringW(L"ext-cxx: DllMain(DLL_PROCESS_DETACH)\n");
		InterlockedExchange(&g_attached, 0);
		break;
	default:
		break;
	}
	return TRUE;
}

DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pInfo)
{
	// DllMain ran first, as Windows' loader guarantees: prove it.
	if (!InterlockedCompareExchange(&g_attached, 1, 1) || !g_module)
		return ERROR_DLL_INIT_FAILED;
	if (!pInfo)
		return ERROR_INVALID_PARAMETER;
	pInfo->dwVerMin = 0;
	pInfo->dwVerMax = 0;
	return ERROR_SUCCESS;
}

DWORD WINAPI Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pApis,
	LPVOID pvReserved, PDOT11EXT_IHV_HANDLERS h)
{
	DWORD tid = 0;

	UNREFERENCED_PARAMETER(dwVerNumUsed);
	UNREFERENCED_PARAMETER(pvReserved);
	if (!pApis || !h)
		return ERROR_INVALID_PARAMETER;
	g_apis = *pApis;
	InitializeCriticalSection(&g_lock);
	g_workEvent = CreateEventW(NULL, FALSE, FALSE, NULL);
	g_stopEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
	g_doneEvent = CreateEventW(NULL, FALSE, FALSE, NULL);
	if (!g_workEvent || !g_stopEvent || !g_doneEvent)
		return GetLastError();
	g_worker = CreateThread(NULL, 0, Worker, NULL, 0, &tid);
	if (!g_worker)
		return GetLastError();

	h->Dot11ExtIhvDeinitService = DeinitService;
	h->Dot11ExtIhvInitAdapter = InitAdapter;
	h->Dot11ExtIhvDeinitAdapter = DeinitAdapter;
	h->Dot11ExtIhvPerformPreAssociate = PerformPreAssociate;
	h->Dot11ExtIhvAdapterReset = AdapterReset;
	h->Dot11ExtIhvPerformPostAssociate = PerformPostAssociate;
	h->Dot11ExtIhvStopPostAssociate = StopPostAssociate;
	h->Dot11ExtIhvValidateProfile = ValidateProfile;
	h->Dot11ExtIhvPerformCapabilityMatch = PerformCapabilityMatch;
	h->Dot11ExtIhvCreateDiscoveryProfiles = CreateDiscoveryProfiles;
	h->Dot11ExtIhvProcessSessionChange = ProcessSessionChange;
	h->Dot11ExtIhvReceiveIndication = ReceiveIndication;
	h->Dot11ExtIhvReceivePacket = ReceivePacket;
	h->Dot11ExtIhvSendPacketCompletion = SendPacketCompletion;
	h->Dot11ExtIhvIsUIRequestPending = IsUIRequestPending;
	h->Dot11ExtIhvProcessUIResponse = ProcessUIResponse;
	h->Dot11ExtIhvQueryUIRequest = QueryUIRequest;
	h->Dot11ExtIhvOnexIndicateResult = OnexIndicateResult;
	h->Dot11ExtIhvControl = Control;
	Log(L"InitService: worker thread %lu", tid);
	return ERROR_SUCCESS;
}
