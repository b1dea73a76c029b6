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
#include "run-select.h"
#include "run-verdict.h"
#include "run.h"
#include "sim.h"

#define RUN_GRACE_MS 15000u  /* on top of a scenario's own timeout */


/*
 * Where the sample extensions are when --ext-dir is not given, found from
 * the running binary, never from a path fixed at build time: an ihvhost
 * built for one PREFIX works installed under another (or in a DESTDIR).
 * In the build tree they are next to it in ext/; installed, they are in
 * IHVHOST_EXT_RELDIR relative to the binary's directory (../lib/ihvhost
 * for BINDIR=PREFIX/bin, LIBDIR=PREFIX/lib; ihvhost/module.mk computes it
 * from the two). A missing directory is reported when a scenario loads a
 * sample from it, naming the path.
 */
static void run_default_ext_dir(char *buf, size_t len)
{
	char exe[PATH_MAX - 32], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n > 0)
		exe[n] = '\0';
	slash = n > 0 ? strrchr(exe, '/') : NULL;
	if (!slash) {
		/* no /proc: only --ext-dir can say where they are */
		snprintf(buf, len, "ext");
		return;
	}
	*slash = '\0';
	snprintf(buf, len, "%s/ext", exe);
	if (access(buf, R_OK) == 0)
		return;
	snprintf(buf, len, "%s/%s", exe, IHVHOST_EXT_RELDIR);
	if (realpath(buf, real))
		snprintf(buf, len, "%s", real);
}

static int run_spawn(struct run_job *j, const struct run_options *o,
		     const char *trace_dir, const char *tmp_dir)
{
	pid_t parent = getpid();
	int fds[2], vfds[2], rc;

	char file[PATH_MAX / 2];

	run_file_name(j->name, file, sizeof(file));
	snprintf(j->trace, sizeof(j->trace), "%s/%s.jsonl",
		 trace_dir ? trace_dir : tmp_dir, file);
	rc = run_files_prepare(j, o, tmp_dir);
	if (rc)
		return rc;
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
		code = run_child(j->s, o, j->trace, &j->files);
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

/* --rerun-failed without FILE arguments: a recorded scenario whose file
 * is gone cannot run again; it is named and left out (and the next
 * run_state_save drops it from the file). */
static void run_state_forget_gone(struct run_state *st)
{
	size_t kept = 0;

	for (size_t i = 0; i < st->n; i++) {
		struct run_state_entry *e = &st->failed[i];

		if (access(e->file, F_OK) && errno == ENOENT) {
			fprintf(stderr, "ihvhost run: --rerun-failed: %s: %s is gone; "
				"forgetting it\n", e->name, e->file);
			free(e->name);
			free(e->file);
			continue;
		}
		st->failed[kept++] = *e;
	}
	st->n = kept;
}

/*
 * Which of the parsed scenarios run, in this order: every file named
 * (unique test names among all of them), then --only, then
 * --rerun-failed, then --shard (so the shards of a selection are dealt
 * from that selection). 0 to go on (an empty shard, or nothing recorded
 * as failed, leave *n at 0 with the reason in @skip: nothing runs and the
 * run passes); else the exit code, after a message.
 */
static int run_select(const struct run_options *o, const struct run_state *st,
		      bool from_state, struct run_job *jobs, size_t *n,
		      char *skip, size_t skip_len)
{
	size_t kept = 0;

	if (from_state) {
		for (size_t i = 0; i < *n; i++) {
			jobs[i].name = strdup(st->failed[i].name);
			if (!jobs[i].name)
				return 1;
		}
	} else if (run_name_jobs(jobs, *n)) {
		return 1;
	}
	if (o->only && run_select_jobs(jobs, n, o->only))
		return IHV_EXIT_USAGE;
	if (o->rerun_failed && !from_state) {
		for (size_t i = 0; i < *n; i++) {
			if (run_state_has(st, jobs[i].name))
				jobs[kept++] = jobs[i];
			else
				free((char *)jobs[i].name);
		}
		*n = kept;
	}
	if (o->rerun_failed && !*n) {
		snprintf(skip, skip_len, "nothing recorded as failed%s in %s",
			 from_state ? "" : " among the scenarios given", o->state_path);
		fprintf(stderr, "ihvhost run: --rerun-failed: %s: nothing to run\n", skip);
		return 0;
	}
	if (o->shard_n) {
		size_t selected = *n;

		if (run_shard_jobs(jobs, n, o->shard_k, o->shard_n))
			return 1;
		if (!*n) {
			snprintf(skip, skip_len, "shard %u/%u holds none of the %zu "
				 "scenario(s) selected", o->shard_k, o->shard_n, selected);
			fprintf(stderr, "ihvhost run: %s\n", skip);
		}
	}
	return 0;
}

/* Before anything runs: the state file can be replaced, and what is there
 * now is a state file (never overwrite anything else). A default one
 * that cannot be written is a warning (the run goes on, unrecorded); one
 * the user named is an error. */
static int run_state_check(struct run_options *o)
{
	struct run_state st;
	int rc = run_state_writable(o->state_path);

	if (rc && !o->state_given) {
		fprintf(stderr, "ihvhost run: not recording this run's failures: "
			"%s: %s (--state FILE or IHV_RUN_STATE to record them "
			"elsewhere, --no-state to say so)\n", o->state_path, strerror(-rc));
		o->state_path = NULL;
		return 0;
	}
	if (rc) {
		fprintf(stderr, "ihvhost run: --state %s: %s\n", o->state_path, strerror(-rc));
		return rc;
	}
	rc = run_state_load(o->state_path, &st, stderr);
	if (rc == -ENOENT)
		return 0;
	if (rc == -EINVAL)
		fprintf(stderr, "ihvhost run: --state %s: will not overwrite a "
			"file that is not a state file\n", o->state_path);
	else if (rc)
		fprintf(stderr, "ihvhost run: --state %s: %s\n", o->state_path,
			strerror(-rc));
	run_state_free(&st);
	return rc;
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
	struct run_state state = { 0 };
	const char *const *files;
	const char **state_files = NULL;
	bool from_state = false;
	char skip[160] = "";
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
	files = (const char *const *)argv + optind;
	if (o.rerun_failed) {
		rc = run_state_load(o.state_path, &state, stderr);
		if (rc == -ENOENT)
			fprintf(stderr, "ihvhost run: --rerun-failed: there is no state file "
				"%s (every run writes one, where --state FILE or "
				"IHV_RUN_STATE says, else %s in the current "
				"directory)\n", o.state_path, RUN_STATE_DEFAULT);
		else if (rc && rc != -EINVAL)
			fprintf(stderr, "ihvhost run: --rerun-failed: %s: %s\n",
				o.state_path, strerror(-rc));
		if (rc)
			return IHV_EXIT_USAGE;
		if (!n_files) {
			/* The files the state names, under the names it
			 * recorded (run_name_jobs would name a subset
			 * differently). */
			from_state = true;
			run_state_forget_gone(&state);
			n_files = state.n;
			state_files = calloc(n_files ? n_files : 1, sizeof(*state_files));
			if (!state_files) {
				rc = 1;
				goto out_state;
			}
			for (size_t i = 0; i < state.n; i++)
				state_files[i] = state.failed[i].file;
			files = state_files;
		}
	} else if (n_files == 0) {
		fprintf(stderr, "ihvhost run: no scenario file given (see ihvhost run --help)\n");
		return IHV_EXIT_USAGE;
	}
	if (!o.ext_dir) {
		run_default_ext_dir(ext_dir, sizeof(ext_dir));
		o.ext_dir = ext_dir;
	}

	/* Check everything before anything starts. */
	rc = 1;
	scripts = calloc(n_files ? n_files : 1, sizeof(*scripts));
	jobs = calloc(n_files ? n_files : 1, sizeof(*jobs));
	if (!scripts || !jobs)
		goto out_free;
	for (size_t i = 0; i < n_files; i++)
		if (scn_parse_file(files[i], &scripts[i], stderr))
			bad++;
	if (bad) {
		fprintf(stderr, "ihvhost run: %d of %zu scenario file%s failed to parse; nothing was run\n",
			bad, n_files, n_files == 1 ? "" : "s");
		rc = IHV_EXIT_SCENARIO;
		goto out_free;
	}
	for (size_t i = 0; i < n_files; i++) {
		jobs[n_jobs].s = scripts[i];
		jobs[n_jobs].out_fd = -1;
		jobs[n_jobs].verdict_fd = -1;
		jobs[n_jobs].fail_type = "expectation";
		n_jobs++;
	}
	rc = run_select(&o, &state, from_state, jobs, &n_jobs, skip, sizeof(skip));
	if (rc)
		goto out_free;
	rc = 1;
	if (o.list) {
		run_list_jobs(stdout, jobs, n_jobs, o.verbose);
		rc = 0;
		goto out_free;
	}
	if (o.state_path && run_state_check(&o))
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

	if (n_jobs)
		printf("1..%zu\n", n_jobs);
	else
		printf("1..0 # SKIP %s\n", skip);
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
			run_files_finish(j, &o);
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
			run_files_finish(running[i], &o);
		}
		fprintf(stderr, "ihvhost run: interrupted; %zu scenario(s) not run\n",
			n_jobs - passed - failed);
		failed += n_jobs - passed - failed;
	}
	if (progress)
		fputc('\n', stderr);
	printf("%zu passed, %zu failed\n", passed, failed);
	rc = failed ? 8 : 0;
	if (o.state_path) {
		int err = run_state_save(o.state_path, jobs, n_jobs, stderr);

		if (err) {
			fprintf(stderr, "ihvhost run: --state %s: cannot record this "
				"run: %s\n", o.state_path, strerror(-err));
			rc = rc ? rc : 1;
		}
	}
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
out_state:
	free(state_files);
	run_state_free(&state);
	return rc;
}
