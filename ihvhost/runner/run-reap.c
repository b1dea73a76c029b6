/* SPDX-License-Identifier: MIT */
/*
 * run-reap: nothing an extension starts outlives its scenario.
 *
 * A scenario runs in its own process group, which the runner kills when
 * it ends or times out. A process the extension starts in a new session
 * (setsid(), a daemon's double fork) leaves that group, and would outlive
 * the scenario, keep its radios' namespace alive, and hold the scenario's
 * output pipe open (the runner would wait on it). So:
 *  - the runner and every scenario process are child subreapers
 *    (PR_SET_CHILD_SUBREAPER): an orphan is re-parented to its scenario
 *    process while that lives, and to the runner after;
 *  - a scenario process kills all its descendants before it gives its
 *    verdict (run_reap_descendants);
 *  - after each scenario the runner kills every child of its own that is
 *    not a running scenario (run_reap_orphans): the descendants of a
 *    scenario process that crashed or was killed.
 * Descendants are found through /proc (the parent pid in /proc/PID/stat),
 * repeatedly, since killing a process re-parents its children.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run-reap.h"

/* The parent pid of @pid from /proc/PID/stat, or -1. The command name
 * (field 2) may hold spaces and parentheses: parse after the last ')'. */
static pid_t reap_ppid(pid_t pid)
{
	char path[64], buf[512];
	const char *p;
	FILE *f;
	int ppid;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return -1;
	return (pid_t)ppid;
}

#define REAP_BATCH 256

/* SIGKILLs every process whose parent is @parent and for which @keep
 * (when given) says no, then waits for exactly those (never waitpid(-1):
 * in the runner that could reap a scenario it is still to judge); their
 * own children then come to us, the subreaper. Returns how many. */
static size_t reap_kill_children(pid_t parent, bool (*keep)(pid_t, void *),
				 void *data)
{
	pid_t killed[REAP_BATCH];
	DIR *d = opendir("/proc");
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < REAP_BATCH) {
		pid_t pid;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = (pid_t)atoi(e->d_name);
		if (reap_ppid(pid) != parent || (keep && keep(pid, data)))
			continue;
		if (kill(pid, SIGKILL) == 0)
			killed[n++] = pid;
	}
	closedir(d);
	for (size_t i = 0; i < n; i++)
		waitpid(killed[i], NULL, 0);
	return n;
}

int run_reap_init(void)
{
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) ? -errno : 0;
}

/* Repeats until no child is left to kill (each kill may hand us the
 * victim's children); bounded, so a fork bomb cannot keep us here. */
static size_t reap_all(bool (*keep)(pid_t, void *), void *data)
{
	size_t total = 0, n;
	int rounds = 0;

	do {
		n = reap_kill_children(getpid(), keep, data);
		total += n;
	} while (n && ++rounds < 100);
	return total;
}

size_t run_reap_descendants(void)
{
	return reap_all(NULL, NULL);
}

struct reap_keep {
	const pid_t *pids;
	size_t n;
};

static bool reap_is_kept(pid_t pid, void *data)
{
	const struct reap_keep *k = data;

	for (size_t i = 0; i < k->n; i++)
		if (k->pids[i] == pid)
			return true;
	return false;
}

size_t run_reap_orphans(const pid_t *keep, size_t n_keep)
{
	struct reap_keep k = { keep, n_keep };

	return reap_all(reap_is_kept, &k);
}
