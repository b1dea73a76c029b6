/* SPDX-License-Identifier: MIT */
/*
 * doc: reading a trace file into timeline entries. A bad line is reported
 * with its file and line and skipped, so one corrupt record (a crash in the
 * middle of a write, an editor accident) never hides the rest of the run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "timeline.h"

const char *tl_layer_name(enum tl_layer layer)
{
	switch (layer) {
	case TL_AIR:
		return "air";
	case TL_NL80211:
		return "nl80211";
	case TL_SERVICE:
		return "service";
	case TL_EXTENSION:
		return "extension";
	case TL_SECURITY:
		return "security";
	}
	return "?";
}

void tl_doc_init(struct tl_doc *d)
{
	memset(d, 0, sizeof(*d));
}

void tl_doc_free(struct tl_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	for (size_t i = 0; i < d->n_names; i++)
		free(d->names[i].name);
	free(d->names);
	for (size_t i = 0; i < d->n_conv; i++) {
		free(d->conv[i].station);
		free(d->conv[i].peer);
	}
	free(d->conv);
	tl_eap_free(d);
	tl_doc_init(d);
}

static bool tl_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

int tl_doc_push(struct tl_doc *d, const struct tl_entry *e)
{
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 64;
		struct tl_entry *nv = realloc(d->v, ncap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		d->v = nv;
		d->cap = ncap;
	}
	d->v[d->n++] = *e;
	return 0;
}

int tl_doc_add_line(struct tl_doc *d, const char *line, size_t len,
		    const char *file, unsigned int lineno, FILE *err)
{
	struct tl_entry e;
	struct tl_jobj rec;
	char why[192];
	uint64_t t;
	int rc;

	if (tl_blank(line, len))
		return 0;
	rc = tl_json_parse(line, len, &rec, why, sizeof(why));
	if (rc == -ENOMEM)
		return rc;
	if (rc) {
		fprintf(err, "%s:%u: malformed JSON: %s\n", file, lineno, why);
		d->malformed++;
		return -EINVAL;
	}
	if (!tl_jobj_u64(&rec, "t_ns", &t)) {
		/* Without a time the record has no place on a timeline. */
		fprintf(err, "%s:%u: malformed record: no non-negative integer \"t_ns\"\n",
			file, lineno);
		d->malformed++;
		rc = -EINVAL;
		goto free_rec;
	}
	rc = tl_describe(d, &rec, &e);
	if (rc)
		goto free_rec;
	e.line = lineno;
	rc = tl_doc_push(d, &e);
	if (rc) {
		free(e.text);
		goto free_rec;
	}
	rc = tl_eap_observe(d, &rec, e.t_ns, lineno);
	if (rc)
		goto free_rec;
	if (!d->have_first) {
		d->have_first = true;
		d->t_first = t;
	}
	if (!d->have_start && strcmp(tl_jobj_str(&rec, "kind") ? tl_jobj_str(&rec, "kind") : "",
				     "host") == 0) {
		d->have_start = true;
		d->t_start = t;
	}
free_rec:
	tl_jobj_free(&rec);
	return rc;
}

static int tl_entry_cmp(const void *a, const void *b)
{
	const struct tl_entry *x = a, *y = b;

	if (x->t_ns != y->t_ns)
		return x->t_ns < y->t_ns ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* a summary right after the record that ended it */
	return (x->sum != TL_SUM_NONE) - (y->sum != TL_SUM_NONE);
}

/* Time order (a handler at its start, see struct tl_entry); the trace's
 * own order among equal times. Records are nearly sorted already: only
 * handlers move back, past what happened during their call. */
void tl_doc_sort(struct tl_doc *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(d->v[0]), tl_entry_cmp);
}

int tl_doc_read(struct tl_doc *d, FILE *in, const char *file, FILE *err)
{
	unsigned int lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0, src;

	while ((n = getline(&line, &cap, in)) >= 0) {
		int lrc;

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		lrc = tl_doc_add_line(d, line, (size_t)n, file, lineno, err);
		if (lrc == -ENOMEM) {
			rc = lrc;
			goto free_line;
		}
		if (lrc && !rc)
			rc = lrc;
	}
	if (ferror(in)) {
		fprintf(err, "%s: read error after line %u\n", file, lineno);
		rc = -EIO;
	}
	/* sorts the entries too, even when it runs out of memory */
	src = tl_doc_summarize(d);
	if (src)
		rc = src;
free_line:
	free(line);
	return rc;
}

int tl_doc_load(struct tl_doc *d, const char *path, FILE *err)
{
	FILE *f = fopen(path, "r");
	int rc;

	if (!f) {
		rc = -errno;
		fprintf(err, "%s: %s\n", path, strerror(-rc));
		return rc;
	}
	rc = tl_doc_read(d, f, path, err);
	fclose(f);
	return rc;
}

uint64_t tl_doc_origin(const struct tl_doc *d, const struct tl_opts *o)
{
	if (o->since_start && d->have_start)
		return d->t_start;
	return d->t_first;
}

void tl_format_time(char *buf, size_t len, uint64_t t_ns, uint64_t origin)
{
	/* Integer arithmetic: truncated to the ms, identically everywhere,
	 * so tests can compare exact text. */
	uint64_t delta = t_ns >= origin ? t_ns - origin : origin - t_ns;
	uint64_t ms = delta / 1000000;

	snprintf(buf, len, "%c%" PRIu64 ".%03" PRIu64, t_ns >= origin ? '+' : '-',
		 ms / 1000, ms % 1000);
}

bool tl_entry_shown(const struct tl_entry *e, const struct tl_opts *o)
{
	return o->all || !e->noise;
}
