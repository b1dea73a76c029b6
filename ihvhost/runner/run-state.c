/* SPDX-License-Identifier: MIT */
/*
 * run-state: the state file behind --rerun-failed (see run-select.h).
 *
 * A text file, so a person can read and edit it:
 *
 *     # ihvhost run: the scenarios that did not pass (--rerun-failed)
 *     ihvhost-run-state 1
 *     failed<TAB>NAME<TAB>FILE
 *
 * NAME is the test name, FILE the scenario's absolute path; a backslash,
 * tab or newline in either is written \\, \t, \n. Like prove's --state,
 * a run updates only what it ran: a selection (--only, a shard) leaves
 * the other scenarios' results as they were, and a scenario that passes
 * is forgotten. A file at the path that is not a state file is never
 * overwritten.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run-select.h"

#define RUN_STATE_MAGIC "ihvhost-run-state 1"

void run_state_free(struct run_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->failed[i].name);
		free(st->failed[i].file);
	}
	free(st->failed);
	st->failed = NULL;
	st->n = 0;
}

bool run_state_has(const struct run_state *st, const char *name)
{
	for (size_t i = 0; i < st->n; i++)
		if (!strcmp(st->failed[i].name, name))
			return true;
	return false;
}

/* Undoes run_state_put's escapes in place; false on a bad escape. */
static bool run_state_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		default: return false;
		}
	}
	*w = '\0';
	return true;
}

static void run_state_put(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static int run_state_add(struct run_state *st, const char *name, const char *file)
{
	struct run_state_entry *e = realloc(st->failed, (st->n + 1) * sizeof(*e));

	if (!e)
		return -ENOMEM;
	st->failed = e;
	e[st->n].name = strdup(name);
	e[st->n].file = strdup(file);
	if (!e[st->n].name || !e[st->n].file) {
		free(e[st->n].name);
		free(e[st->n].file);
		return -ENOMEM;
	}
	st->n++;
	return 0;
}

int run_state_load(const char *path, struct run_state *st, FILE *err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	bool magic = false;
	ssize_t len;
	int rc = 0;

	st->failed = NULL;
	st->n = 0;
	if (!f)
		return -errno;
	while (!rc && (len = getline(&line, &cap, f)) >= 0) {
		char *name, *file, *tab;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if ((size_t)len != strlen(line)) {
			fprintf(err, "%s:%u: a NUL byte: not an ihvhost run state file\n",
				path, lineno);
			rc = -EINVAL;
			break;
		}
		if (!line[0] || line[0] == '#')
			continue;
		if (!magic) {
			if (strcmp(line, RUN_STATE_MAGIC)) {
				fprintf(err, "%s:%u: not an ihvhost run state file "
					"(want \"%s\" first)\n", path, lineno, RUN_STATE_MAGIC);
				rc = -EINVAL;
			}
			magic = true;
			continue;
		}
		name = line + 7;
		tab = strncmp(line, "failed\t", 7) ? NULL : strchr(name, '\t');
		file = tab ? tab + 1 : NULL;
		if (tab)
			*tab = '\0';
		if (!tab || !name[0] || !file[0] || strchr(file, '\t') ||
		    !run_state_unescape(name) || !run_state_unescape(file)) {
			fprintf(err, "%s:%u: want \"failed<TAB>NAME<TAB>FILE\"\n", path, lineno);
			rc = -EINVAL;
			break;
		}
		if (!run_state_has(st, name))
			rc = run_state_add(st, name, file);
	}
	if (!rc && ferror(f))
		rc = -EIO;
	if (!rc && !magic) {
		fprintf(err, "%s: empty: not an ihvhost run state file\n", path);
		rc = -EINVAL;
	}
	free(line);
	fclose(f);
	if (rc)
		run_state_free(st);
	return rc;
}

static void run_state_tmp_name(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s.%ld.tmp", path, (long)getpid());
}

int run_state_writable(const char *path)
{
	char tmp[PATH_MAX];
	int fd;

	run_state_tmp_name(path, tmp, sizeof(tmp));
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	close(fd);
	unlink(tmp);
	return 0;
}

static bool run_job_ran(const struct run_job *jobs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(jobs[i].name, name))
			return true;
	return false;
}

int run_state_save(const char *path, const struct run_job *jobs, size_t n,
		   FILE *err)
{
	struct run_state old, now = { 0 };
	char tmp[PATH_MAX];
	FILE *f;
	int rc;

	/* Re-read: another run may have recorded its own scenarios since. */
	rc = run_state_load(path, &old, err);
	if (rc == -ENOENT) {
		old = (struct run_state){ 0 };
		rc = 0;
	} else if (rc)
		return rc;
	/* A scenario whose file is gone can never pass again: forgotten. */
	for (size_t i = 0; !rc && i < old.n; i++)
		if (!run_job_ran(jobs, n, old.failed[i].name) &&
		    !(access(old.failed[i].file, F_OK) && errno == ENOENT))
			rc = run_state_add(&now, old.failed[i].name, old.failed[i].file);
	for (size_t i = 0; !rc && i < n; i++) {
		char real[PATH_MAX];

		if (jobs[i].passed)
			continue;
		rc = run_state_add(&now, jobs[i].name,
				   realpath(jobs[i].s->file, real) ? real : jobs[i].s->file);
	}
	run_state_free(&old);
	if (rc)
		goto out;

	run_state_tmp_name(path, tmp, sizeof(tmp));
	f = fopen(tmp, "w");
	if (!f) {
		rc = -errno;
		goto out;
	}
	fputs("# ihvhost run: the scenarios that did not pass (--rerun-failed)\n"
	      RUN_STATE_MAGIC "\n", f);
	for (size_t i = 0; i < now.n; i++) {
		fputs("failed\t", f);
		run_state_put(f, now.failed[i].name);
		fputc('\t', f);
		run_state_put(f, now.failed[i].file);
		fputc('\n', f);
	}
	if (ferror(f)) {
		rc = -EIO;
		fclose(f);
	} else if (fclose(f)) {
		rc = -errno;
	}
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
out:
	run_state_free(&now);
	return rc;
}
