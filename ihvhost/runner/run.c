/* SPDX-License-Identifier: MIT */
/*
 * run: `ihvhost run [options] FILE...` -- check every scenario, then run
 * each in its own process group, report TAP (and JUnit), exit 0 only when
 * every scenario passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli-num.h"
#include "host.h"
#include "run-job.h"
#include "run-reap.h"
#include "run-verdict.h"
#include "run.h"
#include "sim.h"

#define RUN_GRACE_MS 15000u  /* on top of a scenario's own timeout */
#define RUN_DRAIN_MS 2000u   /* the output of an ended scenario */


static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: ihvhost run [options] FILE.scn...\n"
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
		"                           libihv-misbehave.so are (default: next to\n"
		"                           the ihvhost binary, in ext/)\n"
		"  -t, --trace DIR          keep each scenario's JSON Lines trace as\n"
		"                           DIR/NAME.jsonl\n"
		"  -p, --pcap DIR           record each scenario's nl80211 messages as\n"
		"                           DIR/NAME.pcap (tshark dissects them)\n"
		"      --junit FILE         also write JUnit XML\n"
		"  -j, --jobs N             run N scenarios at once (default 1)\n"
		"      --shard K/N          run only the K-th of N equal slices\n"
		"  -w, --handler-timeout MS bound on each handler call (default %u)\n"
		"      --timeout-scale X    multiply every scenario timeout and\n"
		"                           expectation window by X (slow builds)\n"
		"  -v, --verbose            print each step as it runs\n"
		"  -h, --help               this text and the scenario language\n"
		"      --actions-markdown   the manual's table of actions (doc/scenarios.md)\n"
		"\n"
		"exit codes: 0 every scenario passed; 1 usage; 2 a scenario file has\n"
		"an error (nothing ran); 8 at least one scenario failed.\n\n",
		IHV_HANDLER_TIMEOUT_DEFAULT_MS);
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

static int run_name_jobs(struct run_job *jobs, size_t n)
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
static void run_file_name(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s", name);
	for (char *c = buf; *c; c++)
		if (*c == '/')
			*c = '~';
}

static void run_default_ext_dir(char *buf, size_t len)
{
	char exe[PATH_MAX - 8];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, len, "%s/ext", exe);
			if (access(buf, R_OK) == 0)
				return;
		}
	}
	snprintf(buf, len, "%s", IHVHOST_EXT_DIR);
}

static int run_spawn(struct run_job *j, const struct run_options *o,
		     const char *trace_dir, const char *tmp_dir)
{
	pid_t parent = getpid();
	char pcap[PATH_MAX];
	int fds[2], vfds[2];

	char file[PATH_MAX / 2];

	run_file_name(j->name, file, sizeof(file));
	snprintf(j->trace, sizeof(j->trace), "%s/%s.jsonl",
		 trace_dir ? trace_dir : tmp_dir, file);
	if (o->pcap_dir)
		snprintf(pcap, sizeof(pcap), "%s/%s.pcap", o->pcap_dir, file);
	/* A fresh nonce per scenario: a verdict line is only believed with it. */
	if (getrandom(&j->nonce, sizeof(j->nonce), 0) != sizeof(j->nonce))
		j->nonce = sim_clock_now_ns() ^ ((unsigned long long)getpid() << 32);
	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	/* The verdict pipe is read once the process has ended, without
	 * blocking: a process the extension forked may still hold it open. */
	if (pipe2(vfds, O_CLOEXEC | O_NONBLOCK)) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	fflush(NULL);
	j->pid = fork();
	if (j->pid < 0) {
		int err = errno;

		close(fds[0]);
		close(fds[1]);
		close(vfds[0]);
		close(vfds[1]);
		return -err;
	}
	if (j->pid == 0) {
		int code;

		/* Own process group: a timeout kills hostapd with it. */
		setpgid(0, 0);
		/* A runner killed by SIGKILL cannot kill the group: the
		 * scenario must not run on (and keep its radios) without it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(EXIT_FAILURE);
		close(vfds[0]);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		run_verdict_child_init(vfds[1], j->nonce);
		/* Orphans the extension leaves (setsid, daemons) become ours,
		 * and die before the verdict. */
		run_reap_init();
		code = run_child(j->s, o, j->trace, o->pcap_dir ? pcap : NULL);
		run_reap_descendants();
		run_verdict_send(code);
		_exit(code);
	}
	setpgid(j->pid, j->pid);
	close(fds[1]);
	close(vfds[1]);
	j->out_fd = fds[0];
	j->verdict_fd = vfds[0];
	j->start_ns = sim_clock_now_ns();
	j->deadline_ns = j->start_ns +
		(uint64_t)((double)j->s->timeout_ms * o->timeout_scale + RUN_GRACE_MS) *
		1000000ull;
	return 0;
}

/* Whatever the ended process wrote on its verdict pipe. */
static void run_read_verdict(struct run_job *j)
{
	char buf[4 * RUN_VERDICT_LINE_MAX];
	size_t len = 0;
	ssize_t n;

	if (j->verdict_fd < 0)
		return;
	while (len < sizeof(buf) - 1 &&
	       (n = read(j->verdict_fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(j->verdict_fd);
	j->verdict_fd = -1;
	run_verdict_parse(buf, j->nonce, &j->verdict);
}

static void run_read_output(struct run_job *j)
{
	char buf[4096];
	ssize_t n = read(j->out_fd, buf, sizeof(buf));

	if (n <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
			close(j->out_fd);
			j->out_fd = -1;
		}
		return;
	}
	{
		char *p = realloc(j->out, j->out_len + (size_t)n + 1);

		if (!p)
			return;
		j->out = p;
		memcpy(j->out + j->out_len, buf, (size_t)n);
		j->out_len += (size_t)n;
		j->out[j->out_len] = '\0';
	}
}

/*
 * The rest of an ended scenario's output. Its descendants are dead by now,
 * so the pipe reaches EOF at once; a writer that is still alive (one that
 * escaped even the subreaper) must not stall the runner: the drain is
 * bounded, and such a scenario fails, naming why.
 */
static void run_drain_output(struct run_job *j)
{
	uint64_t end = sim_clock_now_ns() + RUN_DRAIN_MS * SIM_NSEC_PER_MSEC;

	while (j->out_fd >= 0) {
		struct pollfd pfd = { .fd = j->out_fd, .events = POLLIN };
		uint64_t now = sim_clock_now_ns();

		if (now >= end) {
			close(j->out_fd);
			j->out_fd = -1;
			j->output_held = true;
			break;
		}
		if (poll(&pfd, 1, (int)((end - now) / SIM_NSEC_PER_MSEC) + 1) > 0)
			run_read_output(j);
	}
}

static bool run_output_has(const struct run_job *j, const char *needle)
{
	return j->out && strstr(j->out, needle);
}

/* The last non-empty line the process printed: a setup failure's message. */
static void run_last_line(const struct run_job *j, char *buf, size_t len)
{
	const char *end = j->out ? j->out + j->out_len : NULL, *start;

	buf[0] = '\0';
	while (end && end > j->out && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (!end || end == j->out)
		return;
	for (start = end; start > j->out && start[-1] != '\n'; start--)
		;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/* Why a process that had to say how it ended did not. */
static void run_no_verdict(struct run_job *j, int code, int sig)
{
	const struct run_verdict *v = &j->verdict;

	j->fail_type = "no-verdict";
	if (v->has_exit && v->exit_handler[0])
		snprintf(j->reason, sizeof(j->reason), "the extension called "
			 "exit(%d) in %s, %s; the scenario was never judged",
			 v->exit_status, v->exit_handler, v->exit_phase);
	else if (v->has_exit)
		snprintf(j->reason, sizeof(j->reason), "exit(%d) was called outside "
			 "any extension handler, %s (an extension constructor or "
			 "thread?); the scenario was never judged", v->exit_status,
			 v->exit_phase);
	else if (sig)
		snprintf(j->reason, sizeof(j->reason), "the scenario process died by "
			 "signal %d (%s) without a verdict", sig, strsignal(sig));
	else
		snprintf(j->reason, sizeof(j->reason), "the scenario process ended "
			 "with exit code %d without a verdict (an _exit() in the "
			 "extension?); the scenario was never judged", code);
}

/*
 * Decides pass/fail. A scenario that must end normally (ok, violation,
 * load) passes only on the process's own verdict (run-verdict.c), and only
 * when the process really ended with the code it announced; one that must
 * crash or hang passes only when it did, with no verdict.
 */
static void run_judge(struct run_job *j)
{
	const struct scn_script *s = j->s;
	const struct run_verdict *v = &j->verdict;
	int code = -1, sig = 0, want;
	char what[160];

	j->fail_type = "expectation";
	if (j->timed_out) {
		j->fail_type = "timeout";
		snprintf(j->reason, sizeof(j->reason),
			 "timed out (scenario timeout %.1f s + grace)",
			 (double)s->timeout_ms / 1000.0);
		return;
	}
	if (WIFEXITED(j->wstatus))
		code = WEXITSTATUS(j->wstatus);
	else if (WIFSIGNALED(j->wstatus))
		sig = WTERMSIG(j->wstatus);
	if (j->output_held) {
		j->fail_type = "escaped";
		snprintf(j->reason, sizeof(j->reason), "a process the scenario "
			 "started still held its output open %u ms after it ended "
			 "(it escaped its process group and was not killed)",
			 RUN_DRAIN_MS);
		return;
	}

	switch (s->expect_exit) {
	case SCN_EXIT_OK:
	case SCN_EXIT_VIOLATION:
	case SCN_EXIT_LOAD:
		if (!v->has_verdict) {
			run_no_verdict(j, code, sig);
			return;
		}
		if (sig || code != v->code) {
			j->fail_type = "no-verdict";
			snprintf(j->reason, sizeof(j->reason), "the scenario process "
				 "announced exit code %d but ended with %s %d", v->code,
				 sig ? "signal" : "exit code", sig ? sig : code);
			return;
		}
		want = s->expect_exit == SCN_EXIT_LOAD ? IHV_EXIT_LOAD : 0;
		j->passed = v->code == want;
		if (j->passed)
			return;
		if (s->expect_exit == SCN_EXIT_LOAD) {
			j->fail_type = "load";
			snprintf(j->reason, sizeof(j->reason), "expected the load to be "
				 "refused (exit %d), got exit code %d%s%s", IHV_EXIT_LOAD,
				 v->code, v->reason[0] ? ": " : "", v->reason);
		} else if (v->reason[0]) {
			snprintf(j->reason, sizeof(j->reason), "%s", v->reason);
		} else {
			j->fail_type = v->code == IHV_EXIT_LOAD ? "load" : "setup";
			run_last_line(j, what, sizeof(what));
			snprintf(j->reason, sizeof(j->reason), "exit code %d%s%s", v->code,
				 what[0] ? ": " : "", what);
		}
		return;
	case SCN_EXIT_CRASH:
		j->fail_type = "crash";
		snprintf(what, sizeof(what), "crashed in handler %s",
			 s->exit_callee ? s->exit_callee->full : "");
		j->passed = !v->has_verdict && (sig || code == IHV_EXIT_CRASH) &&
			    run_output_has(j, what);
		if (!j->passed)
			snprintf(j->reason, sizeof(j->reason),
				 "expected the extension to crash (\"%s\"), got %s %d%s",
				 what, sig ? "signal" : "exit code", sig ? sig : code,
				 v->has_verdict ? " and a verdict" : "");
		return;
	case SCN_EXIT_HANG:
		j->fail_type = "hang";
		j->passed = !v->has_verdict && code == IHV_EXIT_HANG &&
			    (!s->exit_callee || run_output_has(j, s->exit_callee->full));
		if (!j->passed)
			snprintf(j->reason, sizeof(j->reason),
				 "expected a hang in %s to be caught (exit %d), got %s %d",
				 s->exit_callee ? s->exit_callee->full : "a handler",
				 IHV_EXIT_HANG, sig ? "signal" : "exit code",
				 sig ? sig : code);
		return;
	}
}

static int run_parse_opts(int argc, char **argv, struct run_options *o,
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
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v;
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
		default:
			run_usage(stderr);
			return -EINVAL;
		}
	}
	return 0;
}

static int run_mkdir(const char *what, const char *dir)
{
	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "ihvhost run: %s %s: %s\n", what, dir, strerror(errno));
		return -errno;
	}
	return 0;
}

/* Waits for output or exits of the running jobs for up to @ms. */
static void run_poll_jobs(struct run_job **running, size_t n, int ms)
{
	struct pollfd pfd[64];
	size_t np = 0;

	for (size_t i = 0; i < n; i++)
		if (running[i]->out_fd >= 0)
			pfd[np++] = (struct pollfd){ .fd = running[i]->out_fd, .events = POLLIN };
	if (np)
		poll(pfd, np, ms);
	else
		usleep((useconds_t)ms * 1000);
	for (size_t i = 0; i < n; i++)
		if (running[i]->out_fd >= 0)
			for (size_t k = 0; k < np; k++)
				if (pfd[k].fd == running[i]->out_fd && pfd[k].revents)
					run_read_output(running[i]);
}

static void run_remove_flat_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			unlinkat(dirfd(d), de->d_name, 0);
	closedir(d);
	rmdir(path);
}

/*
 * The temp dir is /tmp/ihvhost-run.<pid>.XXXXXX. A runner killed by
 * SIGKILL cannot remove its own: each run removes those of dead runners
 * (ours only; they hold flat trace files), as tools/vm does for its dirs.
 */
static void run_sweep_stale_tmp(void)
{
	DIR *d = opendir("/tmp");
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[PATH_MAX], *end;
		struct stat st;
		long pid;

		if (strncmp(de->d_name, "ihvhost-run.", 12) != 0)
			continue;
		pid = strtol(de->d_name + 12, &end, 10);
		if (end == de->d_name + 12 || *end != '.' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "/tmp/%s", de->d_name);
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
		    st.st_uid != geteuid())
			continue;
		run_remove_flat_dir(path);
	}
	closedir(d);
}

static volatile sig_atomic_t run_interrupted;

static void run_on_signal(int sig)
{
	run_interrupted = sig;
}

int run_main(int argc, char **argv)
{
	struct run_options o = { .jobs = 1, .timeout_scale = 1.0 };
	const char *junit_path = NULL;
	char ext_dir[PATH_MAX], tmp_dir[64];
	struct run_job *jobs = NULL, *running[64];
	struct scn_script **scripts = NULL;
	size_t n_files, n_jobs = 0, next = 0, n_running = 0, passed = 0, failed = 0;
	FILE *junit = NULL;
	time_t suite_start;
	uint64_t suite_start_ns;
	int rc = 1, bad = 0;
	/* A progress line only for a person at a terminal: not in CI and not
	 * on the VM's console, where it would be mixed into the TAP. */
	bool progress = isatty(STDERR_FILENO) && !getenv("CI") && !getenv("IHV_IN_VM");

	if (run_parse_opts(argc, argv, &o, &junit_path))
		return IHV_EXIT_USAGE;
	/* Orphans of scenario processes that died come to us (run-reap.c). */
	if (run_reap_init())
		fprintf(stderr, "ihvhost run: cannot become a child subreaper (%s): "
			"a process an extension daemonises may outlive its "
			"scenario\n", strerror(errno));
	/* A language action the runner cannot perform would fail every
	 * scenario using it: refuse before anything starts. */
	if (run_actions_complete(stderr))
		return 1;
	n_files = (size_t)(argc - optind);
	if (n_files == 0) {
		fprintf(stderr, "ihvhost run: no scenario file given (see ihvhost run --help)\n");
		return IHV_EXIT_USAGE;
	}
	if (!o.ext_dir) {
		run_default_ext_dir(ext_dir, sizeof(ext_dir));
		o.ext_dir = ext_dir;
	}

	/* Check everything before anything starts. */
	scripts = calloc(n_files, sizeof(*scripts));
	jobs = calloc(n_files, sizeof(*jobs));
	if (!scripts || !jobs)
		goto out_free;
	for (size_t i = 0; i < n_files; i++)
		if (scn_parse_file(argv[optind + (int)i], &scripts[i], stderr))
			bad++;
	if (bad) {
		fprintf(stderr, "ihvhost run: %d of %zu scenario file%s failed to parse; nothing was run\n",
			bad, n_files, n_files == 1 ? "" : "s");
		rc = IHV_EXIT_SCENARIO;
		goto out_free;
	}
	for (size_t i = 0; i < n_files; i++) {
		if (o.shard_n && (i % o.shard_n) != o.shard_k - 1)
			continue;
		jobs[n_jobs].s = scripts[i];
		jobs[n_jobs].out_fd = -1;
		jobs[n_jobs].verdict_fd = -1;
		jobs[n_jobs].fail_type = "expectation";
		n_jobs++;
	}
	if (run_name_jobs(jobs, n_jobs))
		goto out_free;
	if ((o.trace_dir && run_mkdir("--trace", o.trace_dir)) ||
	    (o.pcap_dir && run_mkdir("--pcap", o.pcap_dir)))
		goto out_free;
	run_sweep_stale_tmp();
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/ihvhost-run.%ld.XXXXXX", (long)getpid());
	if (!mkdtemp(tmp_dir)) {
		fprintf(stderr, "ihvhost run: %s: %s\n", tmp_dir, strerror(errno));
		goto out_free;
	}
	if (junit_path) {
		/* Opened now so a bad path fails before anything runs; written
		 * at the end, when the counts are known. */
		junit = fopen(junit_path, "w");
		if (!junit) {
			fprintf(stderr, "ihvhost run: --junit %s: %s\n", junit_path, strerror(errno));
			goto out_tmp;
		}
	}
	suite_start = time(NULL);
	suite_start_ns = sim_clock_now_ns();
	signal(SIGINT, run_on_signal);
	signal(SIGTERM, run_on_signal);

	printf("1..%zu\n", n_jobs);
	fflush(stdout);
	while ((next < n_jobs || n_running) && !run_interrupted) {
		while (next < n_jobs && n_running < o.jobs) {
			struct run_job *j = &jobs[next];

			if (run_spawn(j, &o, o.trace_dir, tmp_dir)) {
				fprintf(stderr, "ihvhost run: cannot start %s: %s\n", j->name,
					strerror(errno));
				goto out_junit;
			}
			j->started = true;
			running[n_running++] = j;
			next++;
		}
		run_poll_jobs(running, n_running, 50);
		for (size_t i = 0; i < n_running; i++) {
			struct run_job *j = running[i];
			uint64_t now = sim_clock_now_ns();

			if (!j->timed_out && now > j->deadline_ns) {
				j->timed_out = true;
				kill(-j->pid, SIGKILL);
			}
			if (waitpid(j->pid, &j->wstatus, WNOHANG) != j->pid)
				continue;
			/* Whatever the child left in its group goes with it, and
			 * so does what escaped the group and was re-parented to
			 * us (the scenario process died before it could kill
			 * its own descendants). */
			kill(-j->pid, SIGKILL);
			{
				pid_t keep[64];

				for (size_t k = 0; k < n_running; k++)
					keep[k] = running[k]->pid;
				run_reap_orphans(keep, n_running);
			}
			run_drain_output(j);
			run_read_verdict(j);
			j->secs = (double)(sim_clock_now_ns() - j->start_ns) / 1e9;
			run_judge(j);
			run_report_tap(j, passed + failed + 1);
			if (j->passed)
				passed++;
			else
				failed++;
			if (progress)
				fprintf(stderr, "\r[%zu/%zu] %zu passed, %zu failed ",
					passed + failed, n_jobs, passed, failed);
			running[i--] = running[--n_running];
		}
	}
	if (run_interrupted) {
		for (size_t i = 0; i < n_running; i++) {
			kill(-running[i]->pid, SIGKILL);
			waitpid(running[i]->pid, NULL, 0);
			running[i]->fail_type = "interrupted";
			snprintf(running[i]->reason, sizeof(running[i]->reason),
				 "interrupted by signal %d", (int)run_interrupted);
		}
		fprintf(stderr, "ihvhost run: interrupted; %zu scenario(s) not run\n",
			n_jobs - passed - failed);
		failed += n_jobs - passed - failed;
	}
	if (progress)
		fputc('\n', stderr);
	printf("%zu passed, %zu failed\n", passed, failed);
	rc = failed ? 8 : 0;
out_junit:
	if (junit) {
		if (run_report_junit(junit, jobs, n_jobs,
				     (double)(sim_clock_now_ns() - suite_start_ns) / 1e9,
				     suite_start) || fclose(junit)) {
			fprintf(stderr, "ihvhost run: --junit %s: %s\n", junit_path,
				strerror(errno));
			rc = rc ? rc : 1;
		}
	}
out_tmp:
	for (size_t i = 0; i < n_jobs && !o.trace_dir; i++)
		if (jobs[i].trace[0])
			unlink(jobs[i].trace);
	rmdir(tmp_dir);
out_free:
	for (size_t i = 0; i < n_jobs; i++) {
		free((char *)jobs[i].name);
		free(jobs[i].out);
	}
	for (size_t i = 0; scripts && i < n_files; i++)
		scn_script_free(scripts[i]);
	free(scripts);
	free(jobs);
	return rc;
}
