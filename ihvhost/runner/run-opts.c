/* SPDX-License-Identifier: MIT */
/*
 * run-opts: `ihvhost run`'s command line (options, help) and the test
 * names of its scenarios.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-num.h"
#include "host.h"
#include "run-job.h"
#include "run-select.h"
#include "run.h"

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: ihvhost run [options] FILE.scn...\n"
		"       ihvhost run --rerun-failed [options] [FILE.scn...]\n"
		"\n"
		"Runs association scenarios against an IHV extension on real\n"
		"mac80211_hwsim radios and hostapd access points. Every file is checked\n"
		"first: a syntax error is reported as file:line:col and nothing runs.\n"
		"Each scenario then runs in its own process, so a crashing or hanging\n"
		"extension fails only its scenario. Output is TAP; the last line is\n"
		"\"N passed, N failed\".\n"
		"\n"
		"options:\n"
		"  -e, --extension PATH     use PATH wherever a scenario uses the\n"
		"                           reference extension (test your own)\n"
		"      --ext-dir DIR        where libihv-reference.so and\n"
		"                           libihv-misbehave.so are (default: ext/ next\n"
		"                           to the ihvhost binary in the build tree,\n"
		"                           else %s relative to its directory)\n"
		"  -t, --trace DIR          keep each scenario's JSON Lines trace as\n"
		"                           DIR/NAME.jsonl\n"
		"  -p, --pcap DIR           record each scenario's nl80211 messages as\n"
		"                           DIR/NAME.pcap (tshark dissects them), and\n"
		"                           the air capture (radiotap) as\n"
		"                           DIR/NAME.air.pcapng\n"
		"      --artefacts DIR      for each failed scenario, keep DIR/NAME/:\n"
		"                           trace.jsonl, nl80211.pcap, air.pcapng,\n"
		"                           hostapd-AP.log (hostapd -dd), kernel.log\n"
		"                           (/dev/kmsg during the scenario; other\n"
		"                           scenarios' lines too under -j N) and\n"
		"                           output.txt; the not-ok line names it\n"
		"      --artefacts-all      with --artefacts: keep every scenario's\n"
		"                           folder, passed ones too\n"
		"      --junit FILE         also write JUnit XML\n"
		"  -j, --jobs N             run N scenarios at once (default 1)\n"
		"      --shard K/N          run only shard K of N of the selected\n"
		"                           scenarios: dealt by test name, the same on\n"
		"                           every machine, each in exactly one shard\n"
		"                           (merge the shards' --junit files with\n"
		"                           ihvhost junit-merge)\n"
		"  -w, --handler-timeout MS bound on each handler call (default %u)\n"
		"      --timeout-scale X    multiply every scenario timeout and\n"
		"                           expectation window by X (slow builds)\n"
		"      --list               print each selected scenario's test name,\n"
		"                           file and what it proves (its \"# Proves:\"\n"
		"                           comment, cut to %u columns), tab-separated;\n"
		"                           with -v the whole paragraph; run nothing\n"
		"      --only PATTERN[,..]  run only the scenarios whose test name\n"
		"                           matches a pattern (shell glob: roam-*);\n"
		"                           none matching is an error\n"
		"      --rerun-failed       run only the scenarios the state file\n"
		"                           records as not passed; without FILE\n"
		"                           arguments, from the files it names; none\n"
		"                           recorded: says so, runs nothing, exit 0; no\n"
		"                           state file: an error\n"
		"      --state FILE         the state file every run updates with the\n"
		"                           scenarios that did not pass (default\n"
		"                           $IHV_RUN_STATE, else %s in the\n"
		"                           current directory)\n"
		"      --no-state           neither read nor write a state file\n"
		"  -v, --verbose            print each step as it runs\n"
		"  -h, --help               this text and the scenario language\n"
		"      --actions-markdown   the manual's table of actions (doc/scenarios.md)\n"
		"      --version            the version\n"
		"\n"
		"exit codes:\n"
		"  0  every selected scenario passed (or --list, --help, --version;\n"
		"     or nothing was selected to run: --rerun-failed found nothing\n"
		"     recorded, or the --shard is empty)\n"
		"  1  usage error (bad option, no FILE, --only matching nothing, no\n"
		"     state file for --rerun-failed), or the run itself failed: a\n"
		"     --trace/--pcap directory, the --junit or --state file, a\n"
		"     scenario process that cannot be started\n"
		"  2  a scenario file has an error (reported as FILE:LINE:COL);\n"
		"     nothing ran\n"
		"  8  at least one scenario failed, or the run was interrupted\n\n",
		IHVHOST_EXT_RELDIR, IHV_HANDLER_TIMEOUT_DEFAULT_MS, RUN_LIST_SUMMARY_MAX,
		RUN_STATE_DEFAULT);
	scn_help_print(f);
}

/*
 * The test name of a scenario: its file name without ".scn", or, when
 * another scenario of the run has the same file name, as many of its last
 * path components as make it unique ("wpa/x" and "open/x"); the very same
 * file given twice gets "[2]", "[3]". Traces and recordings are named after
 * it with '/' as '~', so no two scenarios write the same file.
 */
static const char *run_tail(const char *path, unsigned int parts)
{
	const char *p = path + strlen(path);

	while (p > path) {
		if (p[-1] == '/' && --parts == 0)
			break;
		p--;
	}
	return p;
}

static char *run_test_name(const char *path, unsigned int parts)
{
	const char *t = run_tail(path, parts);
	size_t n = strlen(t);

	if (n > 4 && !strcmp(t + n - 4, ".scn"))
		n -= 4;
	return strndup(t, n);
}

int run_name_jobs(struct run_job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *file = jobs[i].s->file;
		unsigned int parts = 1;
		bool clash;

		do {
			clash = false;
			for (size_t k = 0; k < n && !clash; k++)
				clash = k != i && strcmp(jobs[k].s->file, file) &&
					!strcmp(run_tail(jobs[k].s->file, parts),
						run_tail(file, parts));
		} while (clash && run_tail(file, parts) != file && ++parts);
		jobs[i].name = run_test_name(file, parts);
		if (!jobs[i].name)
			return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned int seen = 1;
		char *dup;

		for (size_t k = 0; k < i; k++)
			seen += !strcmp(jobs[k].s->file, jobs[i].s->file);
		if (seen > 1) {
			if (asprintf(&dup, "%s[%u]", jobs[i].name, seen) < 0)
				return -ENOMEM;
			free((char *)jobs[i].name);
			jobs[i].name = dup;
		}
	}
	return 0;
}

/* A test name as a file name in --trace/--pcap directories. */
void run_file_name(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s", name);
	for (char *c = buf; *c; c++)
		if (*c == '/')
			*c = '~';
}

int run_parse_opts(int argc, char **argv, struct run_options *o,
			  const char **junit_path)
{
	static const struct option longopts[] = {
		{ "extension", required_argument, NULL, 'e' },
		{ "ext-dir", required_argument, NULL, 'D' },
		{ "trace", required_argument, NULL, 't' },
		{ "pcap", required_argument, NULL, 'p' },
		{ "junit", required_argument, NULL, 'J' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "shard", required_argument, NULL, 'S' },
		{ "handler-timeout", required_argument, NULL, 'w' },
		{ "timeout-scale", required_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "actions-markdown", no_argument, NULL, 'M' },
		{ "list", no_argument, NULL, 'L' },
		{ "only", required_argument, NULL, 'O' },
		{ "rerun-failed", no_argument, NULL, 'R' },
		{ "state", required_argument, NULL, 's' },
		{ "no-state", no_argument, NULL, 'N' },
		{ "version", no_argument, NULL, 'V' },
		{ "artefacts", required_argument, NULL, 'A' },
		{ "artefacts-all", no_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v;
	bool no_state = false;
	int c;

	while ((c = getopt_long(argc, argv, "e:t:p:j:w:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			o->extension = optarg;
			break;
		case 'D':
			o->ext_dir = optarg;
			break;
		case 't':
			o->trace_dir = optarg;
			break;
		case 'p':
			o->pcap_dir = optarg;
			break;
		case 'J':
			*junit_path = optarg;
			break;
		case 'j':
			if (cli_uint(optarg, 1, 64, &v)) {
				fprintf(stderr, "ihvhost run: --jobs: want 1..64, got '%s'\n", optarg);
				return -EINVAL;
			}
			o->jobs = (unsigned int)v;
			break;
		case 'S': {
			const char *slash = strchr(optarg, '/');
			unsigned long long k, n;
			char kbuf[24];

			snprintf(kbuf, sizeof(kbuf), "%.*s", slash ? (int)(slash - optarg) : 0,
				 optarg);
			if (!slash || cli_uint(kbuf, 1, 1000000, &k) ||
			    cli_uint(slash + 1, 1, 1000000, &n) || k > n) {
				fprintf(stderr, "ihvhost run: --shard: want K/N with 1 <= K <= N, got '%s'\n",
					optarg);
				return -EINVAL;
			}
			o->shard_k = (unsigned int)k;
			o->shard_n = (unsigned int)n;
			break;
		}
		case 'w':
			/* at most an hour: a longer bound is a typo, not a test */
			if (cli_uint(optarg, 1, 3600000, &v)) {
				fprintf(stderr, "ihvhost run: --handler-timeout: want "
					"milliseconds 1..3600000, got '%s'\n", optarg);
				return -EINVAL;
			}
			o->handler_timeout_ms = (unsigned int)v;
			break;
		case 'T':
			if (cli_decimal(optarg, 0, 100, &o->timeout_scale)) {
				fprintf(stderr, "ihvhost run: --timeout-scale: want a "
					"decimal number > 0 and <= 100 (e.g. 3 or 1.5), "
					"got '%s'\n", optarg);
				return -EINVAL;
			}
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			run_usage(stdout);
			exit(0);
		case 'M':
			scn_actions_markdown(stdout);
			exit(0);
		case 'L':
			o->list = true;
			break;
		case 'O':
			if (!optarg[0]) {
				fprintf(stderr, "ihvhost run: --only: want a name or "
					"pattern (e.g. roam-*), got ''\n");
				return -EINVAL;
			}
			o->only = optarg;
			break;
		case 'R':
			o->rerun_failed = true;
			break;
		case 's':
			if (!optarg[0]) {
				fprintf(stderr, "ihvhost run: --state: want a file name, "
					"got '' (--no-state records nothing)\n");
				return -EINVAL;
			}
			o->state_path = optarg;
			o->state_given = true;
			no_state = false;
			break;
		case 'N':
			no_state = true;
			break;
		case 'V':
			printf("ihvhost %s\n", IHVHOST_VERSION);
			exit(0);
		case 'A':
			if (!optarg[0]) {
				fprintf(stderr, "ihvhost run: --artefacts: want a directory\n");
				return -EINVAL;
			}
			o->artefacts_dir = optarg;
			break;
		case 'X':
			o->artefacts_all = true;
			break;
		default:
			run_usage(stderr);
			return -EINVAL;
		}
	}
	if (o->artefacts_all && !o->artefacts_dir) {
		fprintf(stderr, "ihvhost run: --artefacts-all needs --artefacts DIR\n");
		return -EINVAL;
	}
	/* The last of --state and --no-state wins; the environment names the
	 * file when neither was given. */
	if (no_state) {
		o->state_path = NULL;
		o->state_given = false;
		if (o->rerun_failed) {
			fprintf(stderr, "ihvhost run: --rerun-failed needs the state "
				"file that --no-state turns off\n");
			return -EINVAL;
		}
	} else if (!o->state_path) {
		const char *env = getenv("IHV_RUN_STATE");

		o->state_given = env && env[0];
		o->state_path = o->state_given ? env : RUN_STATE_DEFAULT;
	}
	return 0;
}


/* Keeps the jobs whose test name matches one of the comma-separated shell
 * patterns in @only (in file order). 0, or -ENOENT after a message when
 * none matches: a selection that runs nothing must not pass. */
int run_select_jobs(struct run_job *jobs, size_t *n, const char *only)
{
	size_t kept = 0;

	for (size_t i = 0; i < *n; i++) {
		const char *p = only;
		bool match = false;

		while (*p && !match) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char pat[256];

			snprintf(pat, sizeof(pat), "%.*s", (int)len, p);
			match = pat[0] && fnmatch(pat, jobs[i].name, 0) == 0;
			p += len + (comma ? 1 : 0);
		}
		if (match)
			jobs[kept++] = jobs[i];
		else
			free((char *)jobs[i].name);
	}
	*n = kept;
	if (!kept) {
		fprintf(stderr, "ihvhost run: --only %s: no scenario matches "
			"(see --list)\n", only);
		return -ENOENT;
	}
	return 0;
}
