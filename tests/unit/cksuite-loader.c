/* SPDX-License-Identifier: MIT */
/*
 * The loader and the ihvhost program: real extensions (the reference and
 * the misbehaving sample, built by `make` into IHV_BUILD_DIR/ext), version
 * negotiation, NULL handlers, missing symbols, one extension per process,
 * and main's exit codes and one-line errors.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "loader.h"
#include "wlan-double.h"

#define REFERENCE_SO IHV_BUILD_DIR "/ext/libihv-reference.so"
#define MISBEHAVE_SO IHV_BUILD_DIR "/ext/libihv-misbehave.so"
#define IHVHOST_BIN IHV_BUILD_DIR "/ihvhost"

static struct ihv_host *host;

static void teardown(void)
{
	ihv_host_free(host);
	host = NULL;
}

START_TEST(test_reference_loads)
{
	struct ihv_host_options o = { 0 };
	const struct ihv_ext *ext;
	char err[512] = "";

	ck_assert_msg(ihv_host_new(REFERENCE_SO, &o, &host, err, sizeof(err)) == 0,
		      "%s", err);
	ext = ihv_host_ext(host);
	ck_assert_uint_le(ext->range.dwVerMin, IHV_HOST_VERSION);
	ck_assert_uint_ge(ext->range.dwVerMax, IHV_HOST_VERSION);
	ck_assert_uint_eq(ext->version, IHV_HOST_VERSION);
	ck_assert(ext->service_up);
	ck_assert_ptr_nonnull(ext->handlers.Dot11ExtIhvStopPostAssociate);
	ck_assert_ptr_nonnull(ext->handlers.Dot11ExtIhvControl);
	ck_assert_uint_eq(ihv_host_unload(host), 0);
	ck_assert_int_eq(ihv_host_exit_code(host), IHV_EXIT_OK);
}
END_TEST

START_TEST(test_missing_file)
{
	struct ihv_host_options o = { 0 };
	char err[512] = "";

	ck_assert_errno(ihv_host_new("/nonexistent/libx.so", &o, &host, err, sizeof(err)),
			ENOENT);
	ck_assert_ptr_null(host);
	ck_assert_msg(!strncmp(err, "/nonexistent/libx.so: cannot load: ", 35), "%s", err);
	ck_assert_ptr_null(strchr(err, '\n'));
	/* nothing left attached: another load works */
	ck_assert_ptr_null(ihv_apis_current());
}
END_TEST

START_TEST(test_missing_symbol)
{
	struct ihv_host_options o = { 0 };
	char err[512] = "";

	/* a real shared object that is not an extension */
	ck_assert_errno(ihv_host_new("libm.so.6", &o, &host, err, sizeof(err)), ENOEXEC);
	ck_assert_str_eq(err, "libm.so.6: missing symbol Dot11ExtIhvGetVersionInfo");
}
END_TEST

START_TEST(test_version_refused)
{
	struct ihv_host_options o = { 0 };
	char err[512] = "";

	ext_double_init();
	ext_double.version.dwVerMin = 1;
	ext_double.version.dwVerMax = 2;
	ck_assert_errno(ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host,
					   err, sizeof(err)), EPROTONOSUPPORT);
	ck_assert_str_eq(err, "ext-double: Dot11ExtIhvGetVersionInfo offers versions "
			 "[1,2], host supports only 0");
	ck_assert_uint_eq(wlan_double_log_count("ext:InitService"), 0);
}
END_TEST

START_TEST(test_virtual_station_optional)
{
	struct ihv_host_options o = { 0 };
	char err[512] = "";

	ext_double_init();
	wlan_double_log_reset();
	ck_assert_ok(ihv_host_new_entry("ext-double", &ext_double_entry_no_vs, &o, &host,
					err, sizeof(err)));
	ck_assert(!ihv_host_ext(host)->vs_up);
	ck_assert_int_eq(wlan_double_log_count("ext:InitVirtualStation"), 0);
	ihv_host_free(host);
	host = NULL;
	wlan_double_log_reset();
	ck_assert_ok(ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host,
					err, sizeof(err)));
	ck_assert(ihv_host_ext(host)->vs_up);
	ck_assert_int_eq(wlan_double_log_count("ext:InitVirtualStation"), 1);
}
END_TEST

START_TEST(test_second_load_refused)
{
	struct ihv_host_options o = { 0 };
	struct ihv_host *second = NULL;
	char err[512] = "";

	ext_double_init();
	ck_assert_ok(ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host,
					err, sizeof(err)));
	ck_assert_errno(ihv_host_new(REFERENCE_SO, &o, &second, err, sizeof(err)), EBUSY);
	ck_assert_ptr_null(second);
	ck_assert_msg(strstr(err, "another extension is already loaded"), "%s", err);
}
END_TEST

START_TEST(test_null_handler_misbehave)
{
	struct ihv_host_options o = { 0 };
	char err[512] = "";

	setenv("IHV_MISBEHAVE", "null-handler:StopPostAssociate", 1);
	ck_assert_errno(ihv_host_new(MISBEHAVE_SO, &o, &host, err, sizeof(err)), EINVAL);
	ck_assert_str_eq(err, MISBEHAVE_SO ": handler Dot11ExtIhvStopPostAssociate is NULL");
	ck_assert_ptr_null(ihv_apis_current());
}
END_TEST

/* ---- the program ------------------------------------------------------- */

struct prog_result {
	int status;
	char out[4096];
	char err[4096];
};

static void read_all(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = 0;
}

/* Runs ihvhost with @argv (and @env_misbehave in IHV_MISBEHAVE, or unset).
 * stdout/stderr go to pipes; small outputs, so sequential reads are safe. */
static void run_prog(char *const argv[], const char *env_misbehave, struct prog_result *r)
{
	int out[2], err[2];
	pid_t pid;

	ck_assert_int_eq(pipe(out), 0);
	ck_assert_int_eq(pipe(err), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(out[0]);
		close(err[0]);
		if (env_misbehave)
			setenv("IHV_MISBEHAVE", env_misbehave, 1);
		else
			unsetenv("IHV_MISBEHAVE");
		alarm(20);
		execv(IHVHOST_BIN, argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	read_all(err[0], r->err, sizeof(r->err));
	read_all(out[0], r->out, sizeof(r->out));
	close(out[0]);
	close(err[0]);
	ck_assert_int_eq(waitpid(pid, &r->status, 0), pid);
}

/* The lines the host itself wrote (extensions log their own lines too). */
static void host_lines(const char *err, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = 0;
	for (const char *l = err; *l; ) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l + 1) : strlen(l);

		if (!strncmp(l, "ihvhost: ", 9) && len + n < cap) {
			memcpy(out + len, l, n);
			len += n;
			out[len] = 0;
		}
		l += n;
	}
}

START_TEST(test_prog_reference_ok)
{
	char *argv[] = { "ihvhost", "--extension", REFERENCE_SO, NULL };
	struct prog_result r;

	run_prog(argv, NULL, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == IHV_EXIT_OK,
		      "status 0x%x stderr: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "negotiated: 0\n"), "%s", r.out);
	ck_assert_msg(strstr(r.out, "buffers: "), "%s", r.out);
	ck_assert_msg(strstr(r.out, " 0 leaked\n"), "%s", r.out);
	/* the extension may log its own lines; the host reports nothing */
	ck_assert_msg(!strstr(r.err, "ihvhost:"), "%s", r.err);
}
END_TEST

START_TEST(test_prog_load_failure_exit_3)
{
	char *argv[] = { "ihvhost", "--extension", "/nonexistent/libx.so", NULL };
	struct prog_result r;

	run_prog(argv, NULL, &r);
	ck_assert(WIFEXITED(r.status));
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_LOAD);
	ck_assert_msg(!strncmp(r.err, "ihvhost: /nonexistent/libx.so: cannot load: ", 44),
		      "%s", r.err);
	/* nothing on stdout: the report is only for a loaded extension */
	ck_assert_str_eq(r.out, "");
	/* exactly one line */
	ck_assert_ptr_eq(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
}
END_TEST

START_TEST(test_prog_usage_and_help)
{
	char *noarg[] = { "ihvhost", NULL };
	char *help[] = { "ihvhost", "--help", NULL };
	char *badms[] = { "ihvhost", "--extension", REFERENCE_SO, "--handler-timeout", "soon", NULL };
	struct prog_result r;

	run_prog(noarg, NULL, &r);
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_USAGE);
	run_prog(help, NULL, &r);
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_OK);
	ck_assert_msg(strstr(r.out, "exit codes:"), "%s", r.out);
	ck_assert_msg(strstr(r.out, "  6  a handler did not return"), "%s", r.out);
	ck_assert_msg(strstr(r.out, "--handler-timeout MS"), "%s", r.out);
	run_prog(badms, NULL, &r);
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_USAGE);
	ck_assert_msg(strstr(r.err, "--handler-timeout: want milliseconds 1..3600000, got 'soon'"), "%s", r.err);
}
END_TEST

START_TEST(test_prog_null_handler_exit_3)
{
	char *argv[] = { "ihvhost", "--extension", MISBEHAVE_SO, NULL };
	struct prog_result r;

	char mine[1024];

	run_prog(argv, "null-handler:PerformPostAssociate", &r);
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_LOAD);
	host_lines(r.err, mine, sizeof(mine));
	ck_assert_str_eq(mine, "ihvhost: " MISBEHAVE_SO
			 ": handler Dot11ExtIhvPerformPostAssociate is NULL\n");
}
END_TEST

/* A handler that never returns: the watchdog reports it and exits 6. */
START_TEST(test_prog_hang_exit_6)
{
	char *argv[] = { "ihvhost", "--extension", MISBEHAVE_SO,
			 "--handler-timeout", "300", NULL };
	struct prog_result r;
	char mine[1024];

	run_prog(argv, "hang:DeinitService", &r);
	ck_assert_msg(WIFEXITED(r.status), "status 0x%x: %s", r.status, r.err);
	ck_assert_int_eq(WEXITSTATUS(r.status), IHV_EXIT_HANG);
	host_lines(r.err, mine, sizeof(mine));
	static const char want[] = "ihvhost: contract violation: handler-timeout: "
				   "Dot11ExtIhvDeinitService did not return within 300 ms ";

	ck_assert_msg(!strncmp(mine, want, sizeof(want) - 1), "%s", mine);
	ck_assert_ptr_eq(strchr(mine, '\n'), mine + strlen(mine) - 1);
}
END_TEST

/* A crashing handler: one line naming it, then death by the signal. */
START_TEST(test_prog_crash_names_handler)
{
	char *argv[] = { "ihvhost", "--extension", MISBEHAVE_SO, NULL };
	struct prog_result r;
	char mine[1024];

	run_prog(argv, "crash:DeinitService", &r);
	ck_assert_msg(WIFSIGNALED(r.status), "status 0x%x: %s", r.status, r.err);
	ck_assert_int_eq(WTERMSIG(r.status), SIGSEGV);
	ck_assert_int_eq(ihv_exit_from_wait_status(r.status), IHV_EXIT_CRASH);
	host_lines(r.err, mine, sizeof(mine));
	ck_assert_str_eq(mine, "ihvhost: extension crashed in handler "
			 "Dot11ExtIhvDeinitService (signal 11 SIGSEGV)\n");
}
END_TEST

CK_SUITE(loader_suite)
static Suite *loader_suite(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("load");
	TCase *tp = tcase_create("program");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_reference_loads);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_missing_symbol);
	tcase_add_test(tc, test_version_refused);
	tcase_add_test(tc, test_virtual_station_optional);
	tcase_add_test(tc, test_second_load_refused);
	tcase_add_test(tc, test_null_handler_misbehave);
	suite_add_tcase(s, tc);
	tcase_add_test(tp, test_prog_reference_ok);
	tcase_add_test(tp, test_prog_load_failure_exit_3);
	tcase_add_test(tp, test_prog_usage_and_help);
	tcase_add_test(tp, test_prog_null_handler_exit_3);
	tcase_add_test(tp, test_prog_hang_exit_6);
	tcase_add_test(tp, test_prog_crash_names_handler);
	tcase_set_timeout(tp, 30);
	suite_add_tcase(s, tp);
	return s;
}
