/* SPDX-License-Identifier: MIT */
/*
 * ihvhost: loads a Windows WLAN IHV extension (built as a Linux .so) into
 * an emulated WLAN service. For now: load, negotiate, InitService, report,
 * DeinitService, leak check. The host lifecycle lives in host.c so the
 * scenario runner (`ihvhost run FILE...`, later) shares it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apis.h"
#include "cli-num.h"
#include "host.h"
#include "loader.h"
#include "run-select.h"
#include "run.h"
#include "trace.h"

static void ihv_usage(FILE *f)
{
	fprintf(f,
		"usage: ihvhost --extension PATH [--trace FILE] [--handler-timeout MS]\n"
		"       ihvhost run [options] FILE.scn...  (scenarios; see ihvhost run --help)\n"
		"       ihvhost junit-merge -o OUT.xml IN.xml...  (one report from\n"
		"               the --junit files of shards; see ihvhost junit-merge --help)\n"
		"       ihvhost --help\n"
		"\n"
		"Loads a Windows WLAN IHV extension built as a Linux shared object,\n"
		"negotiates the interface version, runs Dot11ExtIhvInitService (and\n"
		"Dot11ExtIhvInitVirtualStation when exported), reports what it found,\n"
		"then runs Dot11ExtIhvDeinitService and checks for leaked buffers.\n"
		"\n"
		"options:\n"
		"  -e, --extension PATH      the extension (.so) to load\n"
		"  -t, --trace FILE          JSON Lines trace of everything (\"-\": stdout)\n"
		"  -w, --handler-timeout MS  bound on each handler call (default %u)\n"
		"  -h, --help                this text\n"
		"      --version             the version\n"
		"\n"
		"exit codes:\n"
		"  0  success\n"
		"  1  usage error\n"
		"  3  the extension could not be loaded or initialised\n"
		"  4  contract violation(s) (each reported on stderr and in the trace)\n"
		"  5  the extension crashed (the host itself dies by the signal after\n"
		"     printing the handler; a supervising runner reports 5)\n"
		"  6  a handler did not return within --handler-timeout\n"
		"  7  802.11 environment failure\n"
		"  9  the trace could not be written in full (records lost)\n"
		"\n"
		"exit codes of ihvhost run (in full: ihvhost run --help):\n"
		"  0  every selected scenario passed (or nothing was selected to run:\n"
		"     --rerun-failed with nothing recorded, an empty --shard)\n"
		"  1  usage error, or the run could not be carried out\n"
		"  2  a scenario file has an error (FILE:LINE:COL); nothing ran\n"
		"  8  at least one scenario failed, or the run was interrupted\n"
		"\n"
		"exit codes of ihvhost junit-merge:\n"
		"  0  merged\n"
		"  1  usage error, or a file cannot be read or written\n"
		"  2  an input is not a JUnit report of ihvhost run's schema, or\n"
		"     two inputs hold the same test\n",
		IHV_HANDLER_TIMEOUT_DEFAULT_MS);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "extension", required_argument, NULL, 'e' },
		{ "trace", required_argument, NULL, 't' },
		{ "handler-timeout", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ihv_host_options opts = { .crash_handlers = true };
	const char *path = NULL;
	char err[IHV_LOADER_ERR_MAX];
	struct ihv_buffer_stats st;
	const struct ihv_ext *ext;
	struct ihv_host *host;
	size_t leaked;
	unsigned long long ms;
	int c, rc;

	/* Subcommands first: `ihvhost run FILE...` is the scenario runner. */
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return run_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "junit-merge") == 0)
		return run_junit_merge_main(argc - 1, argv + 1);

	while ((c = getopt_long(argc, argv, "e:t:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			path = optarg;
			break;
		case 't':
			opts.trace_path = optarg;
			break;
		case 'w':
			if (cli_uint(optarg, 1, 3600000, &ms)) {
				fprintf(stderr, "ihvhost: --handler-timeout: want "
					"milliseconds 1..3600000, got '%s'\n", optarg);
				return IHV_EXIT_USAGE;
			}
			opts.handler_timeout_ms = (unsigned int)ms;
			break;
		case 'h':
			ihv_usage(stdout);
			return IHV_EXIT_OK;
		case 'V':
			printf("ihvhost %s\n", IHVHOST_VERSION);
			return IHV_EXIT_OK;
		default:
			ihv_usage(stderr);
			return IHV_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ihvhost: unexpected argument '%s'\n", argv[optind]);
		return IHV_EXIT_USAGE;
	}
	if (!path) {
		fprintf(stderr, "ihvhost: --extension PATH is required (see --help)\n");
		return IHV_EXIT_USAGE;
	}

	rc = ihv_host_new(path, &opts, &host, err, sizeof(err));
	if (rc < 0) {
		fprintf(stderr, "ihvhost: %s\n", err);
		return IHV_EXIT_LOAD;
	}
	ext = ihv_host_ext(host);
	printf("extension: %s\n", ext->path);
	printf("versions offered: [%u,%u], negotiated: %u\n",
	       (unsigned int)ext->range.dwVerMin, (unsigned int)ext->range.dwVerMax,
	       (unsigned int)ext->version);
	printf("virtual station: %s\n", ext->entry.init_virtual_station ?
	       "Dot11ExtIhvInitVirtualStation exported and initialised" : "not exported");
	printf("handlers: 19 of 19 set\n");
	fflush(stdout);

	ihv_apis_buffer_stats(&st);
	leaked = ihv_host_unload(host);
	printf("buffers: %zu allocated, %zu leaked\n", st.allocs, leaked);
	rc = ihv_host_exit_code(host);
	if (rc == IHV_EXIT_TRACE) {
		unsigned long lost;
		int werr = ihv_trace_error(ihv_host_trace(host), &lost);

		fprintf(stderr, "ihvhost: %s: %lu trace record(s) lost: %s\n",
			opts.trace_path, lost, strerror(-werr));
	}
	ihv_host_free(host);
	return rc;
}
