/*
 * The SDK suites' test double of DOT11EXT_APIS and their extension loader
 * (contract in tests/sdk/sdk-apis-double.h). No suite of its own.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sdk/sdk-apis-double.h"

struct sdk_double sdk_double = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};

void sdk_double_reset(void)
{
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.allocs = sdk_double.frees = 0;
	sdk_double.last_alloc = NULL;
	sdk_double.pre_calls = sdk_double.post_calls = 0;
	sdk_double.stop_onex_calls = sdk_double.set_auth_calls = 0;
	sdk_double.pre_reason = sdk_double.pre_win32 = 0;
	sdk_double.post_reason = sdk_double.post_win32 = 0;
	sdk_double.pre_session = sdk_double.pre_svc = NULL;
	sdk_double.post_session = sdk_double.post_svc = NULL;
	sdk_double.stop_onex_svc = sdk_double.set_auth_svc = NULL;
	memset(sdk_double.post_peer, 0, sizeof(sdk_double.post_peer));
	pthread_mutex_unlock(&sdk_double.lock);
}

unsigned int sdk_double_get(const unsigned int *counter)
{
	unsigned int v;

	pthread_mutex_lock(&sdk_double.lock);
	v = *counter;
	pthread_mutex_unlock(&sdk_double.lock);
	return v;
}

int sdk_double_wait(const unsigned int *counter, unsigned int want, int timeout_ms)
{
	struct timespec until;
	int rc = 0;

	/* The default condvar clock is CLOCK_REALTIME. */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sdk_double.lock);
	while (*counter < want && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&sdk_double.cond, &sdk_double.lock, &until);
	rc = *counter >= want ? 0 : -ETIMEDOUT;
	pthread_mutex_unlock(&sdk_double.lock);
	return rc;
}

static void sdk_double_bump(unsigned int *counter)
{
	(*counter)++;
	pthread_cond_broadcast(&sdk_double.cond);
}

static DWORD WINAPI sdk_allocate_buffer(DWORD dwByteCount, LPVOID *ppvBuffer)
{
	if (!ppvBuffer)
		return ERROR_INVALID_PARAMETER;
	*ppvBuffer = malloc(dwByteCount ? dwByteCount : 1);
	if (!*ppvBuffer)
		return ERROR_OUTOFMEMORY;
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.last_alloc = *ppvBuffer;
	sdk_double_bump(&sdk_double.allocs);
	pthread_mutex_unlock(&sdk_double.lock);
	return ERROR_SUCCESS;
}

static VOID WINAPI sdk_free_buffer(LPVOID pvMemory)
{
	if (!pvMemory)
		return;
	free(pvMemory);
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double_bump(&sdk_double.frees);
	pthread_mutex_unlock(&sdk_double.lock);
}

static DWORD WINAPI sdk_set_profile_custom_user_data(HANDLE a, HANDLE b, DWORD c, DWORD d, LPVOID e)
{
	(void)a; (void)b; (void)c; (void)d; (void)e;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_get_profile_custom_user_data(HANDLE a, HANDLE b, DWORD c, DWORD *d, LPVOID *e)
{
	(void)a; (void)b; (void)c;
	if (d)
		*d = 0;
	if (e)
		*e = NULL;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_current_profile(HANDLE a, HANDLE b,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE c, PDOT11EXT_IHV_SECURITY_PROFILE d)
{
	(void)a; (void)b; (void)c; (void)d;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_send_ui_request(HANDLE a, PDOT11EXT_IHV_UI_REQUEST b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_pre_associate_completion(HANDLE svc, HANDLE session, DWORD reason,
						 DWORD win32)
{
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.pre_svc = svc;
	sdk_double.pre_session = session;
	sdk_double.pre_reason = reason;
	sdk_double.pre_win32 = win32;
	sdk_double_bump(&sdk_double.pre_calls);
	pthread_mutex_unlock(&sdk_double.lock);
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_post_associate_completion(HANDLE svc, HANDLE session,
						  PDOT11_MAC_ADDRESS peer, DWORD reason,
						  DWORD win32)
{
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.post_svc = svc;
	sdk_double.post_session = session;
	if (peer)
		memcpy(sdk_double.post_peer, *peer, sizeof(sdk_double.post_peer));
	sdk_double.post_reason = reason;
	sdk_double.post_win32 = win32;
	sdk_double_bump(&sdk_double.post_calls);
	pthread_mutex_unlock(&sdk_double.lock);
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_send_notification(HANDLE a, PL2_NOTIFICATION_DATA b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_send_packet(HANDLE a, ULONG b, LPVOID c, HANDLE d)
{
	(void)a; (void)b; (void)c; (void)d;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_ethertype_handling(HANDLE a, ULONG b, ULONG c,
	PDOT11_PRIVACY_EXEMPTION d, ULONG e, USHORT *f)
{
	(void)a; (void)b; (void)c; (void)d; (void)e; (void)f;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_auth_algorithm(HANDLE svc, DWORD algo)
{
	(void)algo;
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.set_auth_svc = svc;
	sdk_double_bump(&sdk_double.set_auth_calls);
	pthread_mutex_unlock(&sdk_double.lock);
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_cipher(HANDLE a, DWORD b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_default_key(HANDLE a, PDOT11_CIPHER_DEFAULT_KEY_VALUE b,
					DOT11_DIRECTION c)
{
	(void)a; (void)b; (void)c;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_key_mapping_key(HANDLE a, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_set_default_key_id(HANDLE a, ULONG b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_nic_specific_extension(HANDLE a, DWORD b, LPVOID c, DWORD *d, LPVOID e)
{
	(void)a; (void)b; (void)c; (void)e;
	if (d)
		*d = 0;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI sdk_set_exclude_unencrypted(HANDLE a, BOOL b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_start_onex(HANDLE a, EAP_ATTRIBUTES *b)
{
	(void)a; (void)b;
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_stop_onex(HANDLE svc)
{
	pthread_mutex_lock(&sdk_double.lock);
	sdk_double.stop_onex_svc = svc;
	sdk_double_bump(&sdk_double.stop_onex_calls);
	pthread_mutex_unlock(&sdk_double.lock);
	return ERROR_SUCCESS;
}

static DWORD WINAPI sdk_process_security_packet(HANDLE a, DWORD b, LPVOID c)
{
	(void)a; (void)b; (void)c;
	return ERROR_SUCCESS;
}

void sdk_apis_double(PDOT11EXT_APIS apis)
{
	memset(apis, 0, sizeof(*apis));
	apis->Dot11ExtAllocateBuffer = sdk_allocate_buffer;
	apis->Dot11ExtFreeBuffer = sdk_free_buffer;
	apis->Dot11ExtSetProfileCustomUserData = sdk_set_profile_custom_user_data;
	apis->Dot11ExtGetProfileCustomUserData = sdk_get_profile_custom_user_data;
	apis->Dot11ExtSetCurrentProfile = sdk_set_current_profile;
	apis->Dot11ExtSendUIRequest = sdk_send_ui_request;
	apis->Dot11ExtPreAssociateCompletion = sdk_pre_associate_completion;
	apis->Dot11ExtPostAssociateCompletion = sdk_post_associate_completion;
	apis->Dot11ExtSendNotification = sdk_send_notification;
	apis->Dot11ExtSendPacket = sdk_send_packet;
	apis->Dot11ExtSetEtherTypeHandling = sdk_set_ethertype_handling;
	apis->Dot11ExtSetAuthAlgorithm = sdk_set_auth_algorithm;
	apis->Dot11ExtSetUnicastCipherAlgorithm = sdk_set_cipher;
	apis->Dot11ExtSetMulticastCipherAlgorithm = sdk_set_cipher;
	apis->Dot11ExtSetDefaultKey = sdk_set_default_key;
	apis->Dot11ExtSetKeyMappingKey = sdk_set_key_mapping_key;
	apis->Dot11ExtSetDefaultKeyId = sdk_set_default_key_id;
	apis->Dot11ExtNicSpecificExtension = sdk_nic_specific_extension;
	apis->Dot11ExtSetExcludeUnencrypted = sdk_set_exclude_unencrypted;
	apis->Dot11ExtStartOneX = sdk_start_onex;
	apis->Dot11ExtStopOneX = sdk_stop_onex;
	apis->Dot11ExtProcessSecurityPacket = sdk_process_security_packet;
}

int sdk_ext_open(const char *name, struct sdk_ext *e, char *err, size_t errlen)
{
	char path[4096];
	const char *dlerr;

	memset(e, 0, sizeof(*e));
	snprintf(path, sizeof(path), "%s/ext/libihv-%s.so", IHV_BUILD_DIR, name);
	e->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!e->dl) {
		snprintf(err, errlen, "%s (build it first: make)", dlerror());
		return -ENOENT;
	}
	/* POSIX's sanctioned way to turn dlsym's void * into a function. */
	*(void **)&e->get_version = dlsym(e->dl, IHV_VERSION_FUNCTION_NAME);
	*(void **)&e->init_service = dlsym(e->dl, IHV_INIT_FUNCTION_NAME);
	*(void **)&e->init_vs = dlsym(e->dl, IHV_INIT_VS_FUNCTION_NAME);
	if (!e->get_version || !e->init_service) {
		dlerr = dlerror();
		snprintf(err, errlen, "%s: %s", path, dlerr ? dlerr : "entry point missing");
		dlclose(e->dl);
		e->dl = NULL;
		return -ENOSYS;
	}
	return 0;
}

/* File scope so the poisoning below is a store the compiler must keep. */
static DOT11EXT_APIS sdk_apis_table;

DWORD sdk_ext_init(struct sdk_ext *e)
{
	DOT11_IHV_VERSION_INFO vi = { 0xffffffffu, 0xffffffffu };
	DWORD ret;

	ret = e->get_version(&vi);
	if (ret != ERROR_SUCCESS)
		return ret;
	if (vi.dwVerMin != 0 || vi.dwVerMax != 0)
		return ERROR_NOT_SUPPORTED;
	sdk_apis_double(&sdk_apis_table);
	ret = e->init_service(0, &sdk_apis_table, NULL, &e->h);
	/* The table was valid only during the call: poison our copy so an
	 * extension that kept the pointer instead of copying would crash. */
	memset(&sdk_apis_table, 0xa5, sizeof(sdk_apis_table));
	return ret;
}

void sdk_ext_close(struct sdk_ext *e)
{
	if (e->dl)
		dlclose(e->dl);
	e->dl = NULL;
}
