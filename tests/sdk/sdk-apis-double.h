/*
 * sdk-apis-double.h - a TEST DOUBLE of the host's DOT11EXT_APIS table for
 * the SDK suites (tests/unit/cksuite-sdk*.c), plus a loader for the sample
 * extensions. The double records what an extension calls (counts, last
 * arguments) and answers ERROR_SUCCESS; it validates nothing, which is the
 * real host's job. Buffers come from malloc and are counted so a test can
 * prove an extension freed all of them.
 */
#ifndef TESTS_SDK_APIS_DOUBLE_H
#define TESTS_SDK_APIS_DOUBLE_H

#include <pthread.h>

#include <wlanihv.h>

/* The handle the double passes as hDot11SvcHandle. */
#define SDK_DOUBLE_SVC ((HANDLE)(uintptr_t)0x5c0001)

struct sdk_double {
	pthread_mutex_t lock;
	pthread_cond_t cond;        /* broadcast on every recorded call */
	unsigned int allocs, frees;
	void *last_alloc;           /* what the last AllocateBuffer returned */
	unsigned int pre_calls, post_calls;
	unsigned int stop_onex_calls, set_auth_calls;
	DWORD pre_reason, pre_win32;
	HANDLE pre_session, pre_svc;
	DWORD post_reason, post_win32;
	HANDLE post_session, post_svc;
	UCHAR post_peer[6];
	HANDLE stop_onex_svc, set_auth_svc;
};

extern struct sdk_double sdk_double;

/* Clears every record (call before InitService). */
void sdk_double_reset(void);
/* Fills @apis with the double's 22 functions. */
void sdk_apis_double(PDOT11EXT_APIS apis);
/* Snapshot of a counter under the lock. */
unsigned int sdk_double_get(const unsigned int *counter);
/* Waits until *counter >= want: 0, or -ETIMEDOUT after timeout_ms. */
int sdk_double_wait(const unsigned int *counter, unsigned int want, int timeout_ms);

/* A sample extension loaded with dlopen, its entry points resolved. */
struct sdk_ext {
	void *dl;
	DOT11EXTIHV_GET_VERSION_INFO get_version;
	DOT11EXTIHV_INIT_SERVICE init_service;
	DOT11EXTIHV_INIT_VIRTUAL_STATION init_vs; /* optional export */
	DOT11EXT_IHV_HANDLERS h;
};

/*
 * Opens IHV_BUILD_DIR/ext/libihv-@name.so and resolves the entry points.
 * 0, or -ENOENT / -ENOSYS with the dlerror() text in @err.
 */
int sdk_ext_open(const char *name, struct sdk_ext *e, char *err, size_t errlen);
/* GetVersionInfo then InitService(0, double, NULL, &e->h): the Win32 code. */
DWORD sdk_ext_init(struct sdk_ext *e);
void sdk_ext_close(struct sdk_ext *e);

#endif /* TESTS_SDK_APIS_DOUBLE_H */
