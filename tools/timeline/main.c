/* SPDX-License-Identifier: MIT */
/*
 * ihv-timeline: the command line around timeline.h.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timeline.h"

/* Exit codes (also in --help). */
enum tl_exit {
	TL_EXIT_OK = 0,
	TL_EXIT_USAGE = 1,      /* bad arguments, unreadable trace, write error */
	TL_EXIT_MALFORMED = 2,  /* some lines were malformed (rest rendered) */
};

static void tl_usage(FILE *f)
{
	fputs("usage: ihv-timeline [--html OUT.html] [--since-start] [--all] [--color WHEN] TRACE.jsonl\n"
	      "\n"
	      "Prints the host's trace (ihvhost --trace FILE) as a timeline: one line per\n"
	      "record, time in seconds relative to the first record, layer (air, nl80211,\n"
	      "service, extension), description. '->' is a handler call into the\n"
	      "extension, '<-' an API call from it, '!!' a contract violation. Lines of\n"
	      "the 'security' layer sum up each EAP conversation and 4-way handshake of\n"
	      "a station where it ended: method, round trips, result, duration, who\n"
	      "answered (ihv-timeline(1), SECURITY SUMMARIES).\n"
	      "TRACE '-' reads standard input.\n"
	      "\n"
	      "  --html OUT.html  also write a self-contained HTML page with an SVG\n"
	      "                   sequence diagram and the same table\n"
	      "  --since-start    times relative to the host's first lifecycle record\n"
	      "                   (kind \"host\") instead of the first record; earlier\n"
	      "                   records get negative times\n"
	      "  --all            also show Dot11ExtAllocateBuffer/FreeBuffer calls\n"
	      "  --color WHEN     auto (default: when stdout is a terminal and NO_COLOR\n"
	      "                   is unset), always, never\n"
	      "  -h, --help       this text\n"
	      "      --version    print the version and exit\n"
	      "\n"
	      "Exit status: 0 ok; 1 usage, unreadable trace or write error (no HTML\n"
	      "file is left behind); 2 some lines were malformed (each reported as\n"
	      "FILE:LINE: malformed ...; the other lines are still rendered).\n", f);
}

/* Written to a temporary file next to @path and renamed, so a failed run
 * never leaves a half page where the last good one was. */
static int tl_write_html(const struct tl_doc *d, const struct tl_opts *o,
			 const char *path, const char *title)
{
	size_t len = strlen(path) + sizeof(".XXXXXX");
	char tmp[4096];
	FILE *f;
	int fd, rc;

	if (len > sizeof(tmp)) {
		fprintf(stderr, "timeline: %s: path too long\n", path);
		return -ENAMETOOLONG;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -errno;
		fprintf(stderr, "timeline: %s: %s\n", path, strerror(-rc));
		return rc;
	}
	f = fdopen(fd, "w");
	if (!f) {
		rc = -errno;
		close(fd);
		goto unlink_tmp;
	}
	/* mkstemp makes it 0600; a report is for others to read. */
	fchmod(fd, 0644);
	rc = tl_render_html(f, d, o, title);
	if (fclose(f) && !rc)
		rc = -EIO;
	if (rc)
		goto unlink_tmp;
	if (rename(tmp, path)) {
		rc = -errno;
		goto unlink_tmp;
	}
	fprintf(stderr, "timeline: wrote %s\n", path);
	return 0;

unlink_tmp:
	fprintf(stderr, "timeline: %s: %s\n", path, strerror(-rc));
	unlink(tmp);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "html", required_argument, NULL, 'H' },
		{ "since-start", no_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "color", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tl_opts o = { 0 };
	const char *html = NULL, *color = "auto", *trace;
	struct tl_doc d;
	int c, rc, exit_code = TL_EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
			html = optarg;
			break;
		case 's':
			o.since_start = true;
			break;
		case 'a':
			o.all = true;
			break;
		case 'c':
			color = optarg;
			break;
		case 'h':
			tl_usage(stdout);
			return TL_EXIT_OK;
		case 'V':
			printf("ihv-timeline %s\n", IHV_TIMELINE_VERSION);
			return TL_EXIT_OK;
		default:
			tl_usage(stderr);
			return TL_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "timeline: expected exactly one TRACE.jsonl\n");
		tl_usage(stderr);
		return TL_EXIT_USAGE;
	}
	trace = argv[optind];
	if (strcmp(color, "always") == 0)
		o.color = true;
	else if (strcmp(color, "auto") == 0)
		o.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	else if (strcmp(color, "never") != 0) {
		fprintf(stderr, "timeline: --color: expected auto, always or never, got '%s'\n",
			color);
		return TL_EXIT_USAGE;
	}

	tl_doc_init(&d);
	if (strcmp(trace, "-") == 0)
		rc = tl_doc_read(&d, stdin, "<stdin>", stderr);
	else
		rc = tl_doc_load(&d, trace, stderr);
	if (rc == -EINVAL) {
		exit_code = TL_EXIT_MALFORMED;
	} else if (rc) {
		if (rc == -ENOMEM)
			fprintf(stderr, "timeline: %s: out of memory\n", trace);
		exit_code = TL_EXIT_USAGE;
		goto free_doc;
	}
	if (d.n == 0)
		fprintf(stderr, "timeline: %s: no records\n", trace);
	if (o.since_start && !d.have_start)
		fprintf(stderr, "timeline: %s: no \"host\" record; times are relative to the "
			"first record\n", trace);
	if (tl_render_text(stdout, &d, &o)) {
		fprintf(stderr, "timeline: writing to standard output failed\n");
		exit_code = TL_EXIT_USAGE;
		goto free_doc;
	}
	if (html && tl_write_html(&d, &o, html, trace))
		exit_code = TL_EXIT_USAGE;
	if (d.malformed)
		fprintf(stderr, "timeline: %s: %u malformed line%s\n", trace, d.malformed,
			d.malformed == 1 ? "" : "s");
free_doc:
	tl_doc_free(&d);
	return exit_code;
}
