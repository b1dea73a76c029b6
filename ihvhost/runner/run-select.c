/* SPDX-License-Identifier: MIT */
/*
 * run-select: what each scenario proves (--list) and the shards of a
 * selection (--shard K/N). See run-select.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run-select.h"

/* Appends @s (@n bytes) to @buf at *@used, keeping a NUL; cut at the end. */
static void run_sum_append(char *buf, size_t len, size_t *used, const char *s, size_t n)
{
	for (size_t i = 0; i < n && *used + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* one line, no tabs: --list is tab-separated */
		if (c == '\t')
			c = ' ';
		if (c < 0x20 || c == 0x7F)
			continue;
		buf[(*used)++] = (char)c;
	}
	buf[*used] = '\0';
}

int run_scn_summary(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, used = 0;
	bool in_block = false, first = true;
	ssize_t n;

	if (!len)
		return -EINVAL;
	buf[0] = '\0';
	if (!f)
		return -errno;
	while ((n = getline(&line, &cap, f)) > 0) {
		char *s = line;

		/* a byte order mark, as Windows editors write it */
		if (first && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			s += 3;
		first = false;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
				 line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (!in_block) {
			if (!*s)
				continue;             /* blank lines before it */
			if (strncmp(s, "# Proves", 8) != 0)
				break;                /* no summary block */
			in_block = true;
		}
		if (s[0] != '#')
			break;                        /* the block ended */
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;                        /* "#": end of the paragraph */
		if (used)
			run_sum_append(buf, len, &used, " ", 1);
		run_sum_append(buf, len, &used, s, strlen(s));
	}
	free(line);
	if (ferror(f)) {
		int err = errno ? errno : EIO;

		fclose(f);
		buf[0] = '\0';
		return -err;
	}
	fclose(f);
	return 0;
}

/* The summary as --list's third column: without "Proves" and its ':' or
 * ',', cut at a space to RUN_LIST_SUMMARY_MAX columns. */
static void run_list_short(const char *sum, char *out, size_t len)
{
	size_t n;

	if (!strncmp(sum, "Proves", 6)) {
		sum += 6;
		if (*sum == ':' || *sum == ',')
			sum++;
		while (*sum == ' ')
			sum++;
	}
	n = strlen(sum);
	if (n <= RUN_LIST_SUMMARY_MAX) {
		snprintf(out, len, "%s", sum);
		return;
	}
	n = RUN_LIST_SUMMARY_MAX - 3;
	while (n > 0 && sum[n] != ' ')
		n--;
	if (!n)
		n = RUN_LIST_SUMMARY_MAX - 3;
	while (n > 0 && (sum[n - 1] == ' ' || sum[n - 1] == ',' || sum[n - 1] == ';'))
		n--;
	snprintf(out, len, "%.*s...", (int)n, sum);
}

/* @s wrapped at 76 columns, each line indented by 4 spaces. */
static void run_list_wrapped(FILE *f, const char *s)
{
	const size_t width = 72;

	while (*s) {
		size_t n = strlen(s), cut = n;

		if (n > width) {
			cut = width;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (!cut) {             /* one long word: let it overrun */
				cut = strcspn(s, " ");
			}
		}
		fprintf(f, "    %.*s\n", (int)cut, s);
		s += cut;
		while (*s == ' ')
			s++;
	}
}

void run_list_jobs(FILE *f, const struct run_job *jobs, size_t n, bool verbose)
{
	char sum[4096], cut[RUN_LIST_SUMMARY_MAX + 8];

	for (size_t i = 0; i < n; i++) {
		int rc = run_scn_summary(jobs[i].s->file, sum, sizeof(sum));

		if (rc)
			snprintf(sum, sizeof(sum), "(cannot read it: %s)", strerror(-rc));
		if (!verbose) {
			run_list_short(sum, cut, sizeof(cut));
			fprintf(f, "%s\t%s\t%s\n", jobs[i].name, jobs[i].s->file, cut);
			continue;
		}
		fprintf(f, "%s%s (%s)\n", i ? "\n" : "", jobs[i].name, jobs[i].s->file);
		run_list_wrapped(f, sum[0] ? sum : "(no \"# Proves:\" comment)");
	}
}

/* ---- shards --------------------------------------------------------------- */

static int run_shard_cmp(const void *a, const void *b, void *jobs)
{
	const struct run_job *ja = &((const struct run_job *)jobs)[*(const size_t *)a];
	const struct run_job *jb = &((const struct run_job *)jobs)[*(const size_t *)b];
	int c = strcmp(ja->name, jb->name);

	/* names are unique in a run; the index only makes the order total */
	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

int run_shard_jobs(struct run_job *jobs, size_t *n, unsigned int k,
		   unsigned int shards)
{
	size_t *order, kept = 0;
	bool *keep;

	if (!shards || !k || k > shards)
		return -EINVAL;
	order = calloc(*n ? *n : 1, sizeof(*order));
	keep = calloc(*n ? *n : 1, sizeof(*keep));
	if (!order || !keep) {
		free(order);
		free(keep);
		return -ENOMEM;
	}
	for (size_t i = 0; i < *n; i++)
		order[i] = i;
	qsort_r(order, *n, sizeof(*order), run_shard_cmp, jobs);
	for (size_t r = 0; r < *n; r++)
		keep[order[r]] = r % shards == k - 1;
	for (size_t i = 0; i < *n; i++) {
		if (keep[i])
			jobs[kept++] = jobs[i];
		else
			free((char *)jobs[i].name);
	}
	*n = kept;
	free(order);
	free(keep);
	return 0;
}
