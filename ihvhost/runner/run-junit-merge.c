/* SPDX-License-Identifier: MIT */
/*
 * run-junit-merge: `ihvhost junit-merge -o OUT.xml IN.xml...`, one JUnit
 * report from the reports of a run's shards (`ihvhost run --shard K/N
 * --junit IN.xml` on N machines).
 *
 * The inputs are read by a small, strict XML reader (run-xml.c: UTF-8,
 * the five predefined entities and character references, CDATA,
 * comments; no DOCTYPE, so no entity can expand), then checked against
 * what the runner's schema (tests/junit/junit.xsd) allows and nothing
 * else: no unknown element or attribute, well-formed counts and times.
 * An input that is not such a report is refused with FILE:LINE:COL, so
 * the merged file always passes `xmllint --schema tests/junit/junit.xsd`.
 *
 * The merged report: one <testsuite> holding every input's testcases
 * byte for byte, in the order of the inputs; the counts are summed (and
 * each input's counts must agree with its own testcases: a cut file is
 * refused), the time is the sum of the inputs' times (machine time, not
 * wall time: shards run side by side), the timestamp the earliest, the
 * hostname the inputs' distinct hostnames joined with ','. Each input
 * adds a property "ihvhost.shard.I" naming its file, host, time and
 * counts. A test name found twice is refused: the shards of one run never
 * share a scenario, so it is the same shard given twice or reports of
 * different runs. OUT is replaced only when everything checked out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run-select.h"
#include "run-xml.h"

enum { JX_OK = 0, JX_USAGE = 1, JX_BAD = 2 };

/* ---- the runner's schema --------------------------------------------- */

/* Every attribute of @e is in the space-separated @allowed, and those of
 * @required are present. */
static int jx_check_attrs(struct jx_doc *d, const struct jx_elem *e,
			  const char *allowed, const char *required)
{
	char want[160], *tok, *save;

	for (size_t i = 0; i < e->n_attrs; i++) {
		const char *p = allowed;
		bool ok = false;

		while (!ok && *p) {
			size_t l = strcspn(p, " ");

			ok = l == e->attrs[i].name_len && !memcmp(p, e->attrs[i].name, l);
			p += l + (p[l] == ' ');
		}
		if (!ok)
			return jx_fail(d, e->start, "<%.*s> has no attribute '%.*s' in "
				       "the report's schema", (int)e->name_len, e->name,
				       (int)e->attrs[i].name_len, e->attrs[i].name);
	}
	snprintf(want, sizeof(want), "%s", required);
	for (tok = strtok_r(want, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (!jx_get(e, tok))
			return jx_fail(d, e->start, "<%.*s> lacks attribute '%s'",
				       (int)e->name_len, e->name, tok);
	return 0;
}

static bool jx_token_ok(const char *s)
{
	/* xs:token, at least one character: no leading, trailing or double
	 * spaces, no tab or line break */
	size_t n = strlen(s);

	if (!n || s[0] == ' ' || s[n - 1] == ' ' || strstr(s, "  "))
		return false;
	return !strpbrk(s, "\t\n\r");
}

static bool jx_decimal(const char *s, double *v)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789"), frac = 0;

	if (p[digits] == '.')
		frac = strspn(p + digits + 1, "0123456789");
	if (!digits && !frac)
		return false;
	if (p[digits + (p[digits] == '.' ? 1 + frac : 0)])
		return false;
	*v = strtod(s, NULL);
	return true;
}

static bool jx_count(const char *s, unsigned long long *v)
{
	char *end;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno;
}

static bool jx_timestamp(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";

	if (strlen(s) != sizeof(pat) - 1)
		return false;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return false;
	return true;
}

struct jx_counts {
	unsigned long long tests, failures, errors, skipped;
	double time;
};

static int jx_check_report(struct jx_doc *d, struct jx_counts *c)
{
	const struct jx_elem *r = &d->root;
	struct jx_counts said = { 0 };
	size_t k = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!jx_is(r, "testsuite"))
		return jx_fail(d, r->start, "the root is <%.*s>, not <testsuite>%s",
			       (int)r->name_len, r->name, jx_is(r, "testsuites") ?
			       " (a report of several suites is not one of ihvhost run's)" : "");
	rc = jx_check_attrs(d, r, "name tests failures errors skipped time timestamp hostname",
			    "name tests failures errors skipped time timestamp hostname");
	if (rc)
		return rc;
	if (!jx_count(jx_get(r, "tests"), &said.tests) ||
	    !jx_count(jx_get(r, "failures"), &said.failures) ||
	    !jx_count(jx_get(r, "errors"), &said.errors) ||
	    !jx_count(jx_get(r, "skipped"), &said.skipped) ||
	    !jx_decimal(jx_get(r, "time"), &c->time) ||
	    !jx_timestamp(jx_get(r, "timestamp")) ||
	    !jx_token_ok(jx_get(r, "name")) || !jx_token_ok(jx_get(r, "hostname")))
		return jx_fail(d, r->start, "<testsuite> has a malformed count, time, "
			       "timestamp (YYYY-MM-DDTHH:MM:SS), name or hostname");
	if (r->text)
		return jx_fail(d, r->inner_start, "text inside <testsuite>");
	if (k == r->n_kids || !jx_is(&r->kids[k], "properties"))
		return jx_fail(d, k < r->n_kids ? r->kids[k].start : r->start,
			       "<testsuite> must begin with <properties>");
	rc = jx_check_attrs(d, &r->kids[k], "", "");
	if (rc)
		return rc;
	if (r->kids[k].text)
		return jx_fail(d, r->kids[k].inner_start, "text inside <properties>");
	for (size_t i = 0; i < r->kids[k].n_kids; i++) {
		const struct jx_elem *p = &r->kids[k].kids[i];

		if (!jx_is(p, "property"))
			return jx_fail(d, p->start, "<%.*s> inside <properties>",
				       (int)p->name_len, p->name);
		rc = jx_check_attrs(d, p, "name value", "name value");
		if (rc)
			return rc;
		if (!jx_token_ok(jx_get(p, "name")) || p->n_kids || p->text)
			return jx_fail(d, p->start, "a malformed <property>");
	}
	for (k++; k < r->n_kids && jx_is(&r->kids[k], "testcase"); k++) {
		const struct jx_elem *t = &r->kids[k];
		double secs;

		rc = jx_check_attrs(d, t, "name classname time", "name classname time");
		if (rc)
			return rc;
		if (!jx_token_ok(jx_get(t, "name")) || !jx_token_ok(jx_get(t, "classname")) ||
		    !jx_decimal(jx_get(t, "time"), &secs))
			return jx_fail(d, t->start, "<testcase> has a malformed name, "
				       "classname or time");
		if (t->text || t->n_kids > 1)
			return jx_fail(d, t->start, "a <testcase> holds at most one of "
				       "<failure>, <error>, <skipped>, and no text");
		c->tests++;
		if (!t->n_kids)
			continue;
		if (jx_is(&t->kids[0], "failure") || jx_is(&t->kids[0], "error")) {
			rc = jx_check_attrs(d, &t->kids[0], "message type", "message type");
			c->failures += jx_is(&t->kids[0], "failure");
			c->errors += jx_is(&t->kids[0], "error");
		} else if (jx_is(&t->kids[0], "skipped")) {
			rc = jx_check_attrs(d, &t->kids[0], "message", "");
			c->skipped++;
		} else {
			return jx_fail(d, t->kids[0].start, "<%.*s> inside <testcase>",
				       (int)t->kids[0].name_len, t->kids[0].name);
		}
		if (rc)
			return rc;
		if (t->kids[0].n_kids)
			return jx_fail(d, t->kids[0].kids[0].start, "an element inside <%.*s>",
				       (int)t->kids[0].name_len, t->kids[0].name);
	}
	if (k + 2 != r->n_kids || !jx_is(&r->kids[k], "system-out") ||
	    !jx_is(&r->kids[k + 1], "system-err"))
		return jx_fail(d, k < r->n_kids ? r->kids[k].start : r->inner_end,
			       "after the testcases a <testsuite> holds <system-out> "
			       "and <system-err>, and nothing else");
	for (; k < r->n_kids; k++) {
		rc = jx_check_attrs(d, &r->kids[k], "", "");
		if (rc)
			return rc;
		if (r->kids[k].n_kids)
			return jx_fail(d, r->kids[k].kids[0].start, "an element inside <%.*s>",
				       (int)r->kids[k].name_len, r->kids[k].name);
	}
	if (said.tests != c->tests || said.failures != c->failures ||
	    said.errors != c->errors || said.skipped != c->skipped)
		return jx_fail(d, r->start, "<testsuite> counts tests=%llu failures=%llu "
			       "errors=%llu skipped=%llu but holds %llu, %llu, %llu, %llu "
			       "(a cut or edited file?)", said.tests, said.failures,
			       said.errors, said.skipped, c->tests, c->failures,
			       c->errors, c->skipped);
	return 0;
}

/* ---- writing ---------------------------------------------------------- */

static void jx_put_attr(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\n': fputs("&#10;", f); break;
		case '\t': fputs("&#9;", f); break;
		case '\r': fputs("&#13;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void jx_put_slice(FILE *f, const struct jx_doc *d, size_t from, size_t to)
{
	fwrite(d->buf + from, 1, to - from, f);
}

static void jx_write(FILE *f, struct jx_doc *docs, const struct jx_counts *counts,
		     size_t n)
{
	struct jx_counts all = { 0 };
	const char *stamp = jx_get(&docs[0].root, "timestamp");
	char hosts[1024] = "";

	for (size_t i = 0; i < n; i++) {
		const char *h = jx_get(&docs[i].root, "hostname");
		const char *ts = jx_get(&docs[i].root, "timestamp");
		size_t hl = strlen(h), used = strlen(hosts);
		bool seen = false;

		all.tests += counts[i].tests;
		all.failures += counts[i].failures;
		all.errors += counts[i].errors;
		all.skipped += counts[i].skipped;
		all.time += counts[i].time;
		if (strcmp(ts, stamp) < 0)
			stamp = ts;
		for (const char *p = hosts; *p && !seen; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
			seen = strcspn(p, ",") == hl && !strncmp(p, h, hl);
		}
		/* A hostname with ',' or one past the room is named in the
		 * shard's property anyway. */
		if (!seen && !strchr(h, ',') && used + hl + 2 < sizeof(hosts))
			snprintf(hosts + used, sizeof(hosts) - used, "%s%s", used ? "," : "", h);
	}
	if (!hosts[0])
		snprintf(hosts, sizeof(hosts), "%s", jx_get(&docs[0].root, "hostname"));

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", f);
	jx_put_attr(f, jx_get(&docs[0].root, "name"));
	fprintf(f, "\" tests=\"%llu\" failures=\"%llu\" errors=\"%llu\" skipped=\"%llu\" "
		"time=\"%.3f\" timestamp=\"%s\" hostname=\"", all.tests, all.failures,
		all.errors, all.skipped, all.time, stamp);
	jx_put_attr(f, hosts);
	fputs("\">\n  <properties>\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct jx_elem *props = &docs[i].root.kids[0];
		char v[PATH_MAX + 512];

		for (size_t k = 0; k < props->n_kids; k++) {
			fputs("    ", f);
			jx_put_slice(f, &docs[i], props->kids[k].start, props->kids[k].end);
			fputc('\n', f);
		}
		snprintf(v, sizeof(v), "%s: host %s, %s, %.3f s, tests=%llu failures=%llu "
			 "errors=%llu skipped=%llu", docs[i].path,
			 jx_get(&docs[i].root, "hostname"), jx_get(&docs[i].root, "timestamp"),
			 counts[i].time, counts[i].tests, counts[i].failures,
			 counts[i].errors, counts[i].skipped);
		fprintf(f, "    <property name=\"ihvhost.shard.%zu\" value=\"", i + 1);
		jx_put_attr(f, v);
		fputs("\"/>\n", f);
	}
	fputs("  </properties>\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct jx_elem *r = &docs[i].root;

		for (size_t k = 1; k + 2 < r->n_kids; k++) {
			fputs("  ", f);
			jx_put_slice(f, &docs[i], r->kids[k].start, r->kids[k].end);
			fputc('\n', f);
		}
	}
	for (int which = 0; which < 2; which++) {
		fprintf(f, "  <%s>", which ? "system-err" : "system-out");
		for (size_t i = 0; i < n; i++) {
			const struct jx_elem *e = &docs[i].root.kids[docs[i].root.n_kids - 2 + which];

			jx_put_slice(f, &docs[i], e->inner_start, e->inner_end);
		}
		fprintf(f, "</%s>\n", which ? "system-err" : "system-out");
	}
	fputs("</testsuite>\n", f);
}

/* ---- the command ---------------------------------------------------- */

struct jx_case {
	const char *name;
	size_t doc;
};

static int jx_case_cmp(const void *a, const void *b)
{
	const struct jx_case *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->doc < y->doc ? -1 : x->doc > y->doc);
}

/* The same test name in two reports (or twice in one). */
static int jx_duplicates(struct jx_doc *docs, size_t n, char *msg, size_t len)
{
	struct jx_case *cases = NULL;
	size_t nc = 0, cap = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 1; k + 2 < docs[i].root.n_kids; k++) {
			if (nc == cap) {
				struct jx_case *c = realloc(cases, (cap = cap ? 2 * cap : 64) * sizeof(*c));

				if (!c) {
					free(cases);
					return -ENOMEM;
				}
				cases = c;
			}
			cases[nc++] = (struct jx_case){ jx_get(&docs[i].root.kids[k], "name"), i };
		}
	if (nc)
		qsort(cases, nc, sizeof(*cases), jx_case_cmp);
	for (size_t i = 1; i < nc && !rc; i++) {
		if (strcmp(cases[i - 1].name, cases[i].name))
			continue;
		if (cases[i - 1].doc == cases[i].doc)
			snprintf(msg, len, "test '%s' is in %s twice", cases[i].name,
				 docs[cases[i].doc].path);
		else
			snprintf(msg, len, "test '%s' is in both %s and %s: the shards "
				 "of one run never share a scenario (a shard given "
				 "twice, or reports of different runs?)", cases[i].name,
				 docs[cases[i - 1].doc].path, docs[cases[i].doc].path);
		rc = -EEXIST;
	}
	free(cases);
	return rc;
}

static void jx_usage(FILE *f)
{
	fputs("usage: ihvhost junit-merge -o OUT.xml IN.xml...\n"
	      "\n"
	      "Merges the JUnit reports of a run's shards (ihvhost run --shard K/N\n"
	      "--junit IN.xml) into one: every testcase of every input, in the\n"
	      "order given; counts and times summed; the earliest timestamp; the\n"
	      "hosts joined with ','; one property ihvhost.shard.I per input. An\n"
	      "input that is not a report of the runner's schema\n"
	      "(tests/junit/junit.xsd) is refused with FILE:LINE:COL, and so is a\n"
	      "test name found in two inputs. OUT is written only when all is well.\n"
	      "\n"
	      "options:\n"
	      "  -o, --output FILE   the merged report (required)\n"
	      "  -h, --help          this text\n"
	      "\n"
	      "exit codes: 0 merged; 1 usage, or a file cannot be read or written;\n"
	      "2 an input is not such a report, or two inputs hold the same test.\n", f);
}

int run_junit_merge_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	struct jx_doc *docs = NULL;
	struct jx_counts *counts = NULL;
	char tmp[PATH_MAX], msg[1024];
	size_t n = 0;
	FILE *f;
	int c, rc = JX_USAGE;

	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'h':
			jx_usage(stdout);
			return JX_OK;
		default:
			jx_usage(stderr);
			return JX_USAGE;
		}
	}
	if (!out || optind >= argc) {
		fprintf(stderr, "ihvhost junit-merge: %s (see --help)\n",
			!out ? "-o OUT.xml is required" : "no input report given");
		return JX_USAGE;
	}
	n = (size_t)(argc - optind);
	docs = calloc(n, sizeof(*docs));
	counts = calloc(n, sizeof(*counts));
	if (!docs || !counts)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int err = jx_load(&docs[i], argv[optind + (int)i]);

		if (!err) {
			err = jx_document(&docs[i]);
			if (!err)
				err = jx_check_report(&docs[i], &counts[i]);
		}
		if (err) {
			fprintf(stderr, "ihvhost junit-merge: %s\n", docs[i].err[0] ?
				docs[i].err : strerror(-err));
			/* unreadable: 1; read but not a report: 2 */
			rc = err == -EINVAL ? JX_BAD : JX_USAGE;
			goto out;
		}
	}
	c = jx_duplicates(docs, n, msg, sizeof(msg));
	if (c) {
		fprintf(stderr, "ihvhost junit-merge: %s\n", c == -EEXIST ? msg : strerror(-c));
		rc = c == -EEXIST ? JX_BAD : JX_USAGE;
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", out, (long)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "ihvhost junit-merge: %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	jx_write(f, docs, counts, n);
	if (ferror(f) | fclose(f) || rename(tmp, out)) {
		fprintf(stderr, "ihvhost junit-merge: %s: %s\n", out, strerror(errno ? errno : EIO));
		unlink(tmp);
		goto out;
	}
	rc = JX_OK;
out:
	for (size_t i = 0; docs && i < n; i++) {
		jx_elem_free(&docs[i].root);
		free(docs[i].buf);
	}
	free(docs);
	free(counts);
	return rc;
}
