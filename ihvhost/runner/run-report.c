/* SPDX-License-Identifier: MIT */
/*
 * run-report: the runner's results in the formats CI tools read.
 *
 * TAP: one "ok"/"not ok" line per scenario, numbered in the order printed
 * (with -j N scenarios end out of file order, and TAP consumers such as
 * prove insist on ascending numbers), the failure's reason on the line
 * itself, the scenario's output as "#" comments.
 *
 * JUnit: the Ant/Jenkins format (tests/junit/junit.xsd is the schema the
 * tests validate against). What reaches the XML comes from extensions and
 * hostapd, so it is made safe: no control characters (ANSI escapes
 * removed), invalid UTF-8 replaced by U+FFFD, markup escaped, and "]]>"
 * split so CDATA sections cannot be closed early.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run-job.h"

/* ---- text from outside -------------------------------------------------- */

/* Length of the valid UTF-8 sequence at @s (of @n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF, and the two
	 * non-characters XML 1.0 forbids */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return len;
}

/* Length of an ANSI escape sequence (ESC [ ... final byte) at @s, or 0. */
static size_t ansi_len(const char *s)
{
	size_t i = 2;

	if (s[0] != 0x1B || s[1] != '[')
		return 0;
	while (s[i] && ((unsigned char)s[i] < 0x40 || (unsigned char)s[i] > 0x7E))
		i++;
	return s[i] ? i + 1 : i;
}

enum xml_ctx { XML_ATTR, XML_CDATA };

/*
 * Writes @s for XML. Attributes: &<>"' escaped, newlines and tabs as
 * character references (kept, not normalised away). CDATA: "]]>" becomes
 * "]]]]><![CDATA[>". Both: ANSI escapes dropped, other control characters
 * shown as "^X"-style text, invalid UTF-8 as U+FFFD.
 */
static void xml_put(FILE *f, const char *s, enum xml_ctx ctx)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l;

		if ((l = ansi_len(s + i))) {
			i += l;
			continue;
		}
		if (c < 0x20 && c != '\n' && c != '\t') {
			if (c != '\r')
				fprintf(f, "^%c", c + '@');
			i++;
			continue;
		}
		if (c == 0x7F) {
			fputs("^?", f);
			i++;
			continue;
		}
		if (c >= 0x80) {
			l = utf8_len((const unsigned char *)s + i, n - i);
			if (!l) {
				fputs("\xEF\xBF\xBD", f);
				i++;
			} else {
				fwrite(s + i, 1, l, f);
				i += l;
			}
			continue;
		}
		if (ctx == XML_CDATA) {
			if (!strncmp(s + i, "]]>", 3)) {
				fputs("]]]]><![CDATA[>", f);
				i += 3;
				continue;
			}
			fputc(c, f);
		} else {
			switch (c) {
			case '&': fputs("&amp;", f); break;
			case '<': fputs("&lt;", f); break;
			case '>': fputs("&gt;", f); break;
			case '"': fputs("&quot;", f); break;
			case '\'': fputs("&apos;", f); break;
			case '\n': fputs("&#10;", f); break;
			case '\t': fputs("&#9;", f); break;
			default: fputc(c, f);
			}
		}
		i++;
	}
}

/* ---- TAP ---------------------------------------------------------------- */

/* A TAP description is one line, and a '#' in it would start a directive. */
static void tap_put(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			putchar(' ');
		else if (c == '#')
			fputs("\\#", stdout);
		else if (c >= 0x20 && c != 0x7F)
			putchar(c);
	}
}

void run_report_tap(const struct run_job *j, size_t num)
{
	printf("%s %zu - ", j->passed ? "ok" : "not ok", num);
	tap_put(j->name);
	printf(" (%.2f s)", j->secs);
	if (!j->passed) {
		fputs(": ", stdout);
		tap_put(j->reason);
	}
	putchar('\n');
	/* --artefacts-all: a passed scenario's folder, as a comment (a
	 * failed one's is in its reason). */
	if (j->passed && j->files.kept[0])
		printf("#   artefacts: %s\n", j->files.kept);
	if (!j->passed && j->out) {
		const char *p = j->out;

		while (*p) {
			const char *nl = strchr(p, '\n');
			int n = nl ? (int)(nl - p) : (int)strlen(p);

			printf("#   %.*s\n", n, p);
			p += n + (nl ? 1 : 0);
		}
	}
	fflush(stdout);
}

/* ---- JUnit -------------------------------------------------------------- */

int run_report_junit(FILE *f, const struct run_job *jobs, size_t n,
		     double secs, time_t started)
{
	size_t failures = 0, errors = 0, skipped = 0;
	char host[256] = "localhost", stamp[32];
	struct tm tm;

	for (size_t i = 0; i < n; i++) {
		if (!jobs[i].started)
			skipped++;
		else if (!jobs[i].passed && !strcmp(jobs[i].fail_type, "expectation"))
			failures++;
		else if (!jobs[i].passed)
			errors++;
	}
	if (gethostname(host, sizeof(host) - 1) || !host[0])
		snprintf(host, sizeof(host), "localhost");
	gmtime_r(&started, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuite name=\"ihvhost\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\" timestamp=\"%s\" "
		"hostname=\"", n, failures, errors, skipped, secs, stamp);
	xml_put(f, host, XML_ATTR);
	fputs("\">\n  <properties/>\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct run_job *j = &jobs[i];

		fputs("  <testcase classname=\"ihvhost.scenarios\" name=\"", f);
		xml_put(f, j->name, XML_ATTR);
		fprintf(f, "\" time=\"%.3f\">\n", j->secs);
		if (!j->started) {
			fputs("    <skipped message=\"not run (interrupted)\"/>\n", f);
		} else if (!j->passed) {
			/* failure: an expectation did not hold; error: the
			 * scenario could not be judged (crash, hang, timeout,
			 * setup, no verdict) */
			fprintf(f, "    <%s type=\"%s\" message=\"",
				strcmp(j->fail_type, "expectation") ? "error" : "failure",
				j->fail_type);
			xml_put(f, j->reason, XML_ATTR);
			fputs("\"><![CDATA[", f);
			xml_put(f, j->out ? j->out : "", XML_CDATA);
			fprintf(f, "]]></%s>\n",
				strcmp(j->fail_type, "expectation") ? "error" : "failure");
		}
		fputs("  </testcase>\n", f);
	}
	fputs("  <system-out/>\n  <system-err/>\n</testsuite>\n", f);
	return fflush(f) ? -errno : 0;
}
