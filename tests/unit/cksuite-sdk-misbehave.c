/*
 * sdk-misbehave: the misbehaving sample extension really commits each
 * fault IHV_MISBEHAVE names (and only those), observed through
 * sdk_apis_double (tests/sdk/sdk-apis-double.h), so a host test that
 * expects a violation is testing the host, not a fault that never happened.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck.h"
#include "sdk/sdk-apis-double.h"

static const UCHAR mb_ap[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };

static void mb_open(const char *faults, struct sdk_ext *e)
{
	char err[512] = "";
	DWORD ret;

	setenv("IHV_EXT_DELAY_MS", "0", 1);
	if (faults)
		setenv("IHV_MISBEHAVE", faults, 1);
	else
		unsetenv("IHV_MISBEHAVE");
	sdk_double_reset();
	ck_assert_msg(sdk_ext_open("misbehave", e, err, sizeof(err)) == 0, "%s", err);
	ret = sdk_ext_init(e);
	ck_assert_msg(ret == ERROR_SUCCESS, "IHV_MISBEHAVE=%s: InitService returned %u",
		      faults ? faults : "(unset)", (unsigned int)ret);
}

static HANDLE mb_adapter(struct sdk_ext *e)
{
	DOT11_ADAPTER a;
	HANDLE h = NULL;

	memset(&a, 0, sizeof(a));
	ck_assert_uint_eq(e->h.Dot11ExtIhvInitAdapter(&a, SDK_DOUBLE_SVC, &h), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(h);
	return h;
}

static DWORD mb_post(struct sdk_ext *e, HANDLE ad)
{
	DOT11_PORT_STATE port;

	memset(&port, 0, sizeof(port));
	memcpy(port.PeerMacAddress, mb_ap, 6);
	return e->h.Dot11ExtIhvPerformPostAssociate(ad, (HANDLE)(uintptr_t)0x5e, &port, 0, NULL);
}

static DWORD mb_stop(struct sdk_ext *e, HANDLE ad)
{
	return e->h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)mb_ap, 0x10003);
}

START_TEST(test_mb_bad_tokens)
{
	static const char *const bad[] = {
		"bogus", "crash:", "crash:NoSuchHandler", "hang:performpostassociate",
		"complete-late,explode", "null-handler:InitService",
	};
	struct sdk_ext e;
	char err[512] = "";
	size_t i;

	ck_assert_msg(sdk_ext_open("misbehave", &e, err, sizeof(err)) == 0, "%s", err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("IHV_MISBEHAVE", bad[i], 1);
		ck_assert_msg(sdk_ext_init(&e) == ERROR_INVALID_PARAMETER,
			      "IHV_MISBEHAVE=%s accepted", bad[i]);
	}
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_no_faults_behaves)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open(NULL, &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 2000), 0);
	ck_assert_mem_eq(sdk_double.post_peer, mb_ap, 6);
	ck_assert_uint_eq(mb_stop(&e, ad), ERROR_SUCCESS);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.post_calls, 1);
	ck_assert_uint_eq(sdk_double.stop_onex_calls + sdk_double.set_auth_calls, 0);
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_null_handler)
{
	const void *const *slot;
	struct sdk_ext e;
	size_t i;

	mb_open("null-handler:StopPostAssociate", &e);
	slot = (const void *const *)(const void *)&e.h;
	for (i = 0; i < 19; i++) {
		if (i == 6) /* StopPostAssociate, 7th member */
			ck_assert_ptr_null(slot[i]);
		else
			ck_assert_msg(slot[i] != NULL, "handler %zu unexpectedly NULL", i + 1);
	}
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_complete_twice)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open("complete-twice", &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 2, 2000), 0);
	mb_stop(&e, ad);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.post_calls, 2);
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_complete_never)
{
	DWORD reason;
	struct sdk_ext e;
	HANDLE ad;

	mb_open("complete-never", &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(e.h.Dot11ExtIhvPerformPreAssociate(ad, (HANDLE)(uintptr_t)0xc0, NULL,
							     NULL, NULL, NULL, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.pre_calls, 1, 300), -ETIMEDOUT);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.post_calls), 0);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_complete_late)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open("complete-late", &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 300), -ETIMEDOUT);
	ck_assert_uint_eq(mb_stop(&e, ad), ERROR_SUCCESS);
	/* Not during Stop: after it returned. */
	ck_assert_uint_eq(sdk_double_get(&sdk_double.post_calls), 0);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 2000), 0);
	ck_assert_mem_eq(sdk_double.post_peer, mb_ap, 6);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_leak_buffer)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open("leak-buffer", &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.allocs, 1, 2000), 0);
	mb_stop(&e, ad);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.allocs - sdk_double.frees, 1);
	/* Leak proven: reclaim it so LeakSanitizer and valgrind, which check
	 * this process at exit, see only unintended leaks. */
	free(sdk_double.last_alloc);
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_api_out_of_window)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open("api-out-of-window", &e);
	ad = mb_adapter(&e);
	ck_assert_uint_eq(mb_post(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.post_calls, 1, 2000), 0);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.stop_onex_calls), 0);
	ck_assert_uint_eq(mb_stop(&e, ad), ERROR_SUCCESS);
	ck_assert_int_eq(sdk_double_wait(&sdk_double.stop_onex_calls, 1, 2000), 0);
	ck_assert_ptr_eq(sdk_double.stop_onex_svc, SDK_DOUBLE_SVC);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	e.h.Dot11ExtIhvDeinitService();
	sdk_ext_close(&e);
}
END_TEST

START_TEST(test_mb_stale_handle)
{
	struct sdk_ext e;
	HANDLE ad;

	mb_open("stale-handle", &e);
	ad = mb_adapter(&e);
	e.h.Dot11ExtIhvDeinitAdapter(ad);
	ck_assert_uint_eq(sdk_double_get(&sdk_double.set_auth_calls), 0);
	e.h.Dot11ExtIhvDeinitService();
	ck_assert_uint_eq(sdk_double.set_auth_calls, 1);
	ck_assert_ptr_eq(sdk_double.set_auth_svc, SDK_DOUBLE_SVC);
	sdk_ext_close(&e);
}
END_TEST

/* Expected to die by SIGSEGV (tcase_add_test_raise_signal). */
START_TEST(test_mb_crash)
{
	DWORD n = 0;
	struct sdk_ext e;
	HANDLE ad;

	mb_open("crash:Control", &e);
	ad = mb_adapter(&e);
	/* Under SANITIZE=1 ASan's SIGSEGV handler would report and exit(1);
	 * the test wants the kernel's verdict, as without sanitizers. */
	signal(SIGSEGV, SIG_DFL);
	e.h.Dot11ExtIhvControl(ad, 0, NULL, 0, NULL, &n);
	ck_abort_msg("crash:Control returned from Control");
}
END_TEST

struct mb_hang_call {
	struct sdk_ext *e;
	HANDLE ad;
	volatile int returned;
};

static void *mb_hang_thread(void *arg)
{
	struct mb_hang_call *c = (struct mb_hang_call *)arg;
	DWORD n = 0;

	c->e->h.Dot11ExtIhvControl(c->ad, 0, NULL, 0, NULL, &n);
	c->returned = 1;
	return NULL;
}

/* The handler must not return; the forked test exits with it blocked. */
START_TEST(test_mb_hang)
{
	struct mb_hang_call c;
	struct sdk_ext e;
	pthread_t t;

	mb_open("hang:Control", &e);
	c.e = &e;
	c.ad = mb_adapter(&e);
	c.returned = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, mb_hang_thread, &c), 0);
	usleep(300 * 1000);
	ck_assert_int_eq(c.returned, 0);
	/* Other handlers still work while one hangs. */
	ck_assert_uint_eq(e.h.Dot11ExtIhvAdapterReset(c.ad), ERROR_SUCCESS);
}
END_TEST

static Suite *sdk_misbehave_suite(void)
{
	Suite *s = suite_create("sdk-misbehave");
	TCase *tc = tcase_create("faults");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_mb_bad_tokens);
	tcase_add_test(tc, test_mb_no_faults_behaves);
	tcase_add_test(tc, test_mb_null_handler);
	tcase_add_test(tc, test_mb_complete_twice);
	tcase_add_test(tc, test_mb_complete_never);
	tcase_add_test(tc, test_mb_complete_late);
	tcase_add_test(tc, test_mb_leak_buffer);
	tcase_add_test(tc, test_mb_api_out_of_window);
	tcase_add_test(tc, test_mb_stale_handle);
	tcase_add_test_raise_signal(tc, test_mb_crash, SIGSEGV);
	tcase_add_test(tc, test_mb_hang);
	suite_add_tcase(s, tc);
	return s;
}
CK_SUITE(sdk_misbehave_suite)
