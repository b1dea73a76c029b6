/* SPDX-License-Identifier: MIT */
/*
 * timeline (tools/timeline): the exact text of a hand-written trace in the
 * host's writer format (tests/timeline/sample.jsonl), the HTML page's
 * structure (one <svg>, one arrow per shown entry, red violations, escaped
 * labels, nothing external), generic rendering of unknown kinds and fields,
 * and FILE:LINE errors for malformed lines that do not stop the rest.
 *
 * Renderers write to memory streams (open_memstream / fmemopen); the
 * command-line tests run build/ihv-timeline in a private temporary
 * directory that an unchecked fixture removes (even when a test fails in
 * its forked child).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck.h"
#include "../../tools/timeline/json.h"
#include "../../tools/timeline/timeline.h"

#define SAMPLE IHV_SRC_DIR "/tests/timeline/sample.jsonl"
#define TOOL IHV_BUILD_DIR "/ihv-timeline"

/* Output of a renderer, NUL-terminated; free() it. */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->f);
}

static char *mem_close(struct mem *m)
{
	ck_assert_int_eq(fclose(m->f), 0);
	return m->buf;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Loads @text (lines) as file @name; errors go to *err (free it). */
static int load_text(struct tl_doc *d, const char *name, const char *text, char **err)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct mem e;
	int rc;

	ck_assert_ptr_nonnull(in);
	mem_open(&e);
	rc = tl_doc_read(d, in, name, e.f);
	fclose(in);
	*err = mem_close(&e);
	return rc;
}

static char *render_text(const struct tl_doc *d, const struct tl_opts *o)
{
	struct mem m;

	mem_open(&m);
	ck_assert_int_eq(tl_render_text(m.f, d, o), 0);
	return mem_close(&m);
}

static char *render_html(const struct tl_doc *d, const struct tl_opts *o, const char *title)
{
	struct mem m;

	mem_open(&m);
	ck_assert_int_eq(tl_render_html(m.f, d, o, title), 0);
	return mem_close(&m);
}

/* The timeline of one connection, its deauthentication and a late
 * completion, exactly. */
START_TEST(test_sample_text)
{
	static const char *const want =
		"+0.000  service    host loaded libihv-reference.so (IHV interface versions 0 to 1)\n"
		"+0.000  extension  -> InitService() = 0\n"
		"+0.050  air        add station sta1 (phy1)\n"
		"+0.051  extension  -> InitAdapter(sta1) = 0 (0.12 ms)\n"
		"+0.051  service    sta1 none -> initialised\n"
		"+0.100  air        connect sta1 ap1\n"
		"+0.100  extension  -> PerformCapabilityMatch(sta1, size=412) = 0 (0.04 ms)\n"
		"+0.100  service    sta1 initialised -> pre-associating\n"
		"+0.100  extension  -> PerformPreAssociate(sta1, 0x10002, size=412) = 0 (0.08 ms)\n"
		"+0.101  extension  <- PreAssociateCompletion(0x10001) = 0\n"
		"+0.102  service    sta1 pre-associating -> associating\n"
		"+0.160  nl80211    sta1 CONNECTED peer 02:00:00:00:01:00\n"
		"+0.160  service    sta1 associating -> post-associating\n"
		"+0.160  extension  -> PerformPostAssociate(sta1, 0x20001, 02:00:00:00:01:00, size=312) = 0 (0.21 ms)\n"
		"+0.163  extension  <- PostAssociateCompletion(0x10001) = 0\n"
		"+0.163  service    sta1 post-associating -> authorized\n"
		"+0.412  air        AP ap1 deauthenticates sta1 (reason 3)\n"
		"+0.413  nl80211    sta1 DISCONNECTED peer-deauth reason=3 from 02:00:00:00:01:00 (burst 0.8 ms)\n"
		"+0.413  service    sta1 authorized -> initialised\n"
		"+0.413  extension  -> StopPostAssociate(sta1, 0x20001, 02:00:00:00:01:00, PEER_DEAUTHENTICATED|3) (0.05 ms)\n"
		"+0.520  extension  <- PostAssociateCompletion(0x10001) = ERROR_INVALID_STATE\n"
		"+0.520  service    !! VIOLATION late-completion: PostAssociateCompletion(session 0x20001) after Dot11ExtIhvStopPostAssociate\n"
		"+0.600  extension  -> DeinitAdapter(sta1) (0.03 ms)\n"
		"+0.600  service    sta1 initialised -> none\n"
		"+0.600  extension  -> DeinitService()\n"
		"+0.601  service    host unloaded libihv-reference.so (IHV interface versions 0 to 1)\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *out;

	tl_doc_init(&d);
	ck_assert_ok(tl_doc_load(&d, SAMPLE, stderr));
	ck_assert_uint_eq(d.malformed, 0);
	ck_assert_uint_eq(d.n, 28);
	out = render_text(&d, &o);
	ck_assert_str_eq(out, want);
	free(out);
	tl_doc_free(&d);
}
END_TEST

/* --all brings back the buffer calls, in place; colour is only ANSI
 * around lines (violations bold red). */
START_TEST(test_all_and_color)
{
	struct tl_opts o = { .all = true };
	struct tl_doc d;
	char *out;

	tl_doc_init(&d);
	ck_assert_ok(tl_doc_load(&d, SAMPLE, stderr));
	out = render_text(&d, &o);
	ck_assert_uint_eq(count(out, "\n"), 28);
	/* A handler is placed at its start (its record is written when it
	 * returns, 0.21 ms later): the buffer calls made inside it follow. */
	ck_assert_ptr_nonnull(strstr(out,
		"+0.160  extension  -> PerformPostAssociate(sta1, 0x20001, 02:00:00:00:01:00, size=312) = 0 (0.21 ms)\n"
		"+0.160  extension  <- AllocateBuffer() = 0\n"
		"+0.161  extension  <- FreeBuffer() = 0\n"));
	ck_assert_ptr_null(strstr(out, "\033"));
	free(out);

	o.all = false;
	o.color = true;
	out = render_text(&d, &o);
	ck_assert_uint_eq(count(out, "\n"), 26);
	ck_assert_uint_eq(count(out, "\033[0m\n"), 26);
	ck_assert_ptr_nonnull(strstr(out, "+0.520  \033[1;31mservice    !! VIOLATION"));
	ck_assert_ptr_nonnull(strstr(out, "+0.412  \033[36mair        AP ap1"));
	free(out);
	tl_doc_free(&d);
}
END_TEST

/* --since-start: the host's first record is zero; what the scenario did
 * before it is negative, and the time column stays aligned. */
START_TEST(test_since_start)
{
	static const char *const trace =
		"{\"t_ns\":1000000000,\"kind\":\"action\",\"text\":\"create radios\"}\n"
		"{\"t_ns\":1050000000,\"kind\":\"host\",\"what\":\"loaded\"}\n"
		"{\"t_ns\":12051999999,\"kind\":\"host\",\"what\":\"unloaded\"}\n";
	struct tl_opts o = { .since_start = true };
	struct tl_doc d;
	char *err, *out;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "t.jsonl", trace, &err));
	ck_assert_str_eq(err, "");
	free(err);
	out = render_text(&d, &o);
	ck_assert_str_eq(out,
		" -0.050  air        create radios\n"
		" +0.000  service    host loaded\n"
		"+11.001  service    host unloaded\n");
	free(out);
	o.since_start = false;
	out = render_text(&d, &o);
	ck_assert_ptr_nonnull(strstr(out, " +0.000  air        create radios\n"));
	free(out);
	tl_doc_free(&d);
}
END_TEST

START_TEST(test_html_structure)
{
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *html, *svg;

	tl_doc_init(&d);
	ck_assert_ok(tl_doc_load(&d, SAMPLE, stderr));
	html = render_html(&d, &o, "sample.jsonl");

	ck_assert_msg(strncmp(html, "<!DOCTYPE html>", 15) == 0, "no doctype");
	ck_assert_uint_eq(count(html, "<svg"), 1);
	ck_assert_uint_eq(count(html, "</svg>"), 1);
	/* One arrow per shown entry (28 records, 2 hidden buffer calls). */
	ck_assert_uint_eq(count(html, "class=\"arrow"), 26);
	/* Four lifelines. */
	ck_assert_uint_eq(count(html, "class=\"life\""), 4);
	svg = strstr(html, "<svg");
	ck_assert_ptr_nonnull(strstr(svg, ">air</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">nl80211</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">service</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">extension</text>"));
	/* The violation, and only it, is red. */
	ck_assert_uint_eq(count(html, "class=\"arrow viol\""), 1);
	ck_assert_ptr_nonnull(strstr(html, "class=\"arrow viol\" d=\"M570,"));
	ck_assert_ptr_nonnull(strstr(html, "stroke=\"#d00000\" marker-end=\"url(#ahv)\""));
	/* Every arrowhead referenced is defined. */
	for (const char *p = html; (p = strstr(p, "marker-end=\"url(#")); p++) {
		char id[16], def[48];

		ck_assert_int_eq(sscanf(p, "marker-end=\"url(#%15[^)])", id), 1);
		snprintf(def, sizeof(def), "<marker id=\"%s\"", id);
		ck_assert_msg(strstr(html, def), "arrowhead %s not defined", id);
	}
	ck_assert_uint_eq(count(html, "<tr class=\"viol\">"), 1);
	/* A handler arrow runs service -> extension, an API arrow back. */
	ck_assert_ptr_nonnull(strstr(html, "x1=\"570\" y1=\"102\" x2=\"768\" y2=\"102\""));
	ck_assert_ptr_nonnull(strstr(html, "x1=\"770\" y1=\"310\" x2=\"572\" y2=\"310\""));
	/* Time on the left, the text table below the diagram. */
	ck_assert_ptr_nonnull(strstr(svg, "<text class=\"time\" x=\"10\" y=\"80\">+0.000</text>"));
	ck_assert_ptr_nonnull(strstr(strstr(html, "</svg>"),
		"<td class=\"t\">+0.413</td><td style=\"color:#7b3fa0\">extension</td>"
		"<td>-&gt; StopPostAssociate(sta1, 0x20001, 02:00:00:00:01:00, PEER_DEAUTHENTICATED|3) (0.05 ms)</td>"));
	/* Self-contained: no script, no link, no external reference. */
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "href="));
	ck_assert_ptr_null(strstr(html, "src="));
	ck_assert_uint_eq(count(html, "http"), 1);  /* the SVG namespace only */
	free(html);
	tl_doc_free(&d);
}
END_TEST

/* A label with <&"> from an extension-supplied string is escaped in the
 * diagram, its tooltip, the table and the title. */
START_TEST(test_html_escaping)
{
	static const char *const trace =
		"{\"t_ns\":1,\"kind\":\"violation\",\"rule\":\"bad-parameter\","
		"\"name\":\"Dot11ExtSendNotification\",\"detail\":\"x<script>&\\\"y'\"}\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *err, *html;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "t.jsonl", trace, &err));
	free(err);
	html = render_html(&d, &o, "a<b>&\"c\"");
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "x<"));
	ck_assert_ptr_null(strstr(html, "a<b>"));
	/* Tooltip, label and table cell. */
	ck_assert_uint_eq(count(html, "x&lt;script&gt;&amp;&quot;y&#39;"), 3);
	ck_assert_uint_eq(count(html, "a&lt;b&gt;&amp;&quot;c&quot;"), 2);
	ck_assert_uint_eq(count(html, "class=\"arrow"), 1);
	free(html);
	tl_doc_free(&d);
}
END_TEST

/* A malformed line: FILE:LINE on the error stream, counted, skipped; the
 * lines around it are still there. */
START_TEST(test_malformed_lines)
{
	static const char *const trace =
		"{\"t_ns\":1000000,\"kind\":\"host\",\"what\":\"loaded\"}\n"
		"{\"t_ns\":2000000,\"kind\":\"state\",\"from\":\"none\" \"to\":\"initialised\"}\n"
		"\n"
		"{\"kind\":\"host\",\"what\":\"no time\"}\n"
		"{\"t_ns\":3000000,\"kind\":\"host\",\"what\":\"unloaded\"}\n"
		"{\"t_ns\":4000000,\"kind\":\"api\",\"name\":\"Dot11ExtSendPacket\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *err, *out;

	tl_doc_init(&d);
	ck_assert_errno(load_text(&d, "run.jsonl", trace, &err), EINVAL);
	ck_assert_str_eq(err,
		"run.jsonl:2: malformed JSON: expected ',' or '}', got '\"' at column 46\n"
		"run.jsonl:4: malformed record: no non-negative integer \"t_ns\"\n"
		"run.jsonl:6: malformed JSON: unterminated string at column 56\n");
	free(err);
	ck_assert_uint_eq(d.malformed, 3);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_uint_eq(d.v[1].line, 5);
	out = render_text(&d, &o);
	ck_assert_str_eq(out,
		"+0.000  service    host loaded\n"
		"+0.002  service    host unloaded\n");
	free(out);
	tl_doc_free(&d);
}
END_TEST

START_TEST(test_load_missing_file)
{
	struct tl_doc d;
	struct mem e;
	char *err;

	tl_doc_init(&d);
	mem_open(&e);
	ck_assert_errno(tl_doc_load(&d, "/nonexistent/t.jsonl", e.f), ENOENT);
	err = mem_close(&e);
	ck_assert_str_eq(err, "/nonexistent/t.jsonl: No such file or directory\n");
	free(err);
	ck_assert_uint_eq(d.n, 0);
	tl_doc_free(&d);
}
END_TEST

/* Unknown kinds and fields are shown as key=value on the service layer;
 * known kinds keep unknown extra fields; control characters and a
 * truncated record stay one line. */
START_TEST(test_generic_and_unknown)
{
	static const char *const trace =
		"{\"t_ns\":0,\"kind\":\"radar\",\"subtype\":\"beacon\",\"len\":120,\"ies\":[1,{\"a\":null}]}\n"
		"{\"t_ns\":0,\"subtype\":\"no-kind\"}\n"
		"{\"t_ns\":0,\"kind\":\"bare\",\"ifindex\":4}\n"
		"{\"t_ns\":0,\"kind\":\"state\",\"wiphy\":2,\"from\":\"a\",\"to\":\"b\",\"why\":\"x\"}\n"
		"{\"t_ns\":0,\"kind\":\"host\",\"what\":\"note\",\"ifindex\":7,\"detail\":\"two\\nlines\\u001b[31m\\u009b1m\\u007f\u00e9\"}\n"
		"{\"t_ns\":0,\"kind\":\"api\",\"name\":\"Dot11ExtSendNotification\",\"source\":\"0x00000008\","
		"\"code\":\"0x00000001\",\"data_size\":0,\"ret\":\"ERROR_SUCCESS\",\"truncated\":true}\n"
		"{\"t_ns\":0,\"kind\":\"api\",\"name\":\"Dot11ExtSetKeyMappingKey\",\"handle\":\"0x2\","
		"\"ret\":\"ERROR_NOT_SUPPORTED\",\"note\":\"no 802.11 counterpart yet\"}\n"
		"{\"t_ns\":0,\"kind\":\"event\",\"type\":\"radio-removed\",\"wiphy\":1,\"peer\":\"00:00:00:00:00:00\"}\n"
		"{\"t_ns\":0,\"kind\":\"event\",\"type\":\"disconnected\",\"ifindex\":3,\"cause\":\"link-loss\","
		"\"reason\":4,\"by_ap\":true,\"peer\":null,\"t_first_ns\":5,\"t_last_ns\":5}\n"
		"{\"t_ns\":0,\"kind\":\"action\",\"step\":\"deauth ap1 sta1 reason=3\",\"line\":12}\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *err, *out;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "g.jsonl", trace, &err));
	ck_assert_str_eq(err, "");
	free(err);
	out = render_text(&d, &o);
	ck_assert_str_eq(out,
		"+0.000  service    radar: subtype=beacon len=120 ies=[1,{\"a\":null}]\n"
		"+0.000  service    (no kind): subtype=no-kind\n"
		"+0.000  service    bare if4\n"
		"+0.000  service    phy2 a -> b why=x\n"
		"+0.000  service    host note if7: two lines [31m 1m \u00e9\n"
		"+0.000  extension  <- SendNotification(source=0x00000008, code=0x00000001, data_size=0) = 0 [truncated]\n"
		"+0.000  extension  <- SetKeyMappingKey(0x2) = ERROR_NOT_SUPPORTED [no 802.11 counterpart yet]\n"
		"+0.000  nl80211    phy1 RADIO-REMOVED\n"
		"+0.000  nl80211    if3 DISCONNECTED link-loss reason=4 by-AP\n"
		"+0.000  air        deauth ap1 sta1 reason=3 [line 12]\n");
	free(out);
	ck_assert_uint_eq(d.v[0].from, TL_SERVICE);
	ck_assert_uint_eq(d.v[0].to, TL_SERVICE);
	ck_assert_uint_eq(d.v[7].from, TL_NL80211);
	ck_assert_uint_eq(d.v[7].to, TL_SERVICE);
	ck_assert_uint_eq(d.v[9].from, TL_AIR);
	ck_assert_uint_eq(d.v[9].to, TL_NL80211);
	tl_doc_free(&d);
}
END_TEST

/* The runner's failed expectation ("failure") is shown on the air lane,
 * marked like a violation, and a Stop's event_t_ns is not noise. */
START_TEST(test_failure_record)
{
	static const char *const trace =
		"{\"t_ns\":0,\"kind\":\"handler\",\"name\":\"Dot11ExtIhvStopPostAssociate\","
		"\"handle\":\"0x1\",\"status\":\"PEER_DEAUTHENTICATED|7\",\"ret\":\"ERROR_SUCCESS\","
		"\"dur_ns\":1000,\"event_t_ns\":5}\n"
		"{\"t_ns\":2000000000,\"kind\":\"failure\",\"text\":\"x.scn:12:1: expect "
		"StopPostAssociate status=PEER_DISASSOCIATED|7: not seen within 2.000 s\",\"line\":12}\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *err, *out;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "f.jsonl", trace, &err));
	ck_assert_str_eq(err, "");
	free(err);
	out = render_text(&d, &o);
	ck_assert_msg(!strstr(out, "event_t_ns"), "%s", out);
	ck_assert_msg(strstr(out, "+2.000  air        !! FAILED x.scn:12:1: expect "
			     "StopPostAssociate status=PEER_DISASSOCIATED|7: not seen "
			     "within 2.000 s\n"), "%s", out);
	free(out);
	ck_assert(d.v[1].violation);
	ck_assert(d.v[1].failure);
	ck_assert(!d.v[0].failure);
	ck_assert_uint_eq(d.v[1].from, TL_AIR);
	out = render_html(&d, &o, "f");
	ck_assert_msg(strstr(out, ">1 failed expectation</b>") &&
		      !strstr(out, "contract violation"), "%s", out);
	free(out);
	tl_doc_free(&d);
}
END_TEST

/* Adapter names: taught by a record with "adapter" and "ifindex" (the
 * scenario's), then used for the ifindex and its wiphy; ifindex 0 means
 * no interface (a radio event) and falls back to the wiphy. */
START_TEST(test_names_learned)
{
	static const char *const trace =
		"{\"t_ns\":0,\"kind\":\"event\",\"type\":\"radio-new\",\"wiphy\":1,\"ifindex\":0}\n"
		"{\"t_ns\":0,\"kind\":\"action\",\"text\":\"sta1 appears\",\"adapter\":\"sta1\",\"ifindex\":4}\n"
		"{\"t_ns\":0,\"kind\":\"state\",\"wiphy\":1,\"ifindex\":4,\"from\":\"none\",\"to\":\"initialised\"}\n"
		"{\"t_ns\":0,\"kind\":\"api\",\"name\":\"Dot11ExtPreAssociateCompletion\",\"handle\":\"0x2\","
		"\"wiphy\":1,\"ifindex\":4,\"reason\":\"0x00000000\",\"win32\":\"ERROR_SUCCESS\",\"ret\":\"ERROR_SUCCESS\"}\n"
		"{\"t_ns\":0,\"kind\":\"event\",\"type\":\"radio-removed\",\"wiphy\":1,\"ifindex\":0}\n"
		"{\"t_ns\":0,\"kind\":\"event\",\"type\":\"radio-removed\",\"wiphy\":2,\"ifindex\":0}\n"
		"{\"t_ns\":0,\"kind\":\"state\",\"ifindex\":5,\"from\":\"none\",\"to\":\"initialised\"}\n"
		"{\"t_ns\":0,\"kind\":\"state\",\"adapter\":\"sta9\",\"ifindex\":4,\"from\":\"x\",\"to\":\"y\"}\n"
		"{\"t_ns\":0,\"kind\":\"state\",\"ifindex\":4,\"from\":\"y\",\"to\":\"z\"}\n";
	struct tl_opts o = { 0 };
	struct tl_doc d;
	char *err, *out;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "n.jsonl", trace, &err));
	free(err);
	out = render_text(&d, &o);
	ck_assert_str_eq(out,
		"+0.000  nl80211    phy1 RADIO-NEW\n"
		"+0.000  air        sta1 appears\n"
		"+0.000  service    sta1 none -> initialised\n"
		"+0.000  extension  <- PreAssociateCompletion(sta1, 0x2, reason=0x00000000, win32=ERROR_SUCCESS) = 0\n"
		"+0.000  nl80211    sta1 RADIO-REMOVED\n"
		"+0.000  nl80211    phy2 RADIO-REMOVED\n"
		"+0.000  service    if5 none -> initialised\n"
		"+0.000  service    sta9 x -> y\n"
		"+0.000  service    sta1 y -> z\n");
	free(out);
	tl_doc_free(&d);
}
END_TEST

/* A huge field (an IE dump) is cut on the terminal, in full in HTML. */
START_TEST(test_long_text_cut)
{
	struct tl_opts o = { 0 };
	char line[600], *err, *out, *html;
	struct tl_doc d;
	size_t n;

	n = (size_t)snprintf(line, sizeof(line), "{\"t_ns\":0,\"kind\":\"zz\",\"ie\":\"");
	memset(line + n, 'x', 400);
	snprintf(line + n + 400, sizeof(line) - n - 400, "\"}\n");
	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "l.jsonl", line, &err));
	free(err);
	out = render_text(&d, &o);
	/* "+0.000  service    " + 240 characters + U+2026 + newline */
	ck_assert_uint_eq(strlen(out), 19 + 240 + 3 + 1);
	ck_assert_ptr_nonnull(strstr(out, "zz: ie=xxx"));
	ck_assert_ptr_nonnull(strstr(out, "xxx\xE2\x80\xA6\n"));
	free(out);
	html = render_html(&d, &o, "l");
	ck_assert_ptr_nonnull(strstr(strstr(html, "<table"), "ie="));
	ck_assert_uint_eq(strspn(strstr(strstr(html, "<table"), "ie=") + 3, "x"), 400);
	free(html);
	tl_doc_free(&d);
}
END_TEST

/* The parser: escapes decode to UTF-8, surrogate pairs join, NUL and lone
 * surrogates become U+FFFD, and every kind of garbage is refused with a
 * column. */
START_TEST(test_json_parser)
{
	static const struct {
		const char *in;
		const char *err;
	} bad[] = {
		{ "", "expected '{', got end of line at column 1" },
		{ "[1]", "expected '{', got '[' at column 1" },
		{ "{\"a\":1} x", "trailing 'x' after the object at column 9" },
		{ "{\"a\":01}", "expected ',' or '}', got '1' at column 7" },
		{ "{\"a\":tru}", "unexpected 't' at column 6" },
		{ "{\"a\":\"\\q\"}", "bad escape \\'q' at column 8" },
		{ "{\"a\":\"\\u12g4\"}", "bad \\u escape ('g') at column 11" },
		{ "{\"a\":\"x\ty\"}", "raw control character (byte 0x09) in string at column 8" },
		{ "{\"a\":[1,}", "expected a value, got '}' at column 9" },
		{ "{a:1}", "expected a key, got 'a' at column 2" },
		{ "{\"a\" 1}", "expected ':' after key \"a\", got '1' at column 6" },
		{ "{\"a\":1.}", "bad number (no digit after '.') at column 8" },
	};
	const char *ok = " {\"s\":\"\\u00e9\\ud83d\\ude00\\u0000\\udc00/\\/\",\"n\":-1.5e3,"
			 "\"b\":false,\"z\":null,\"o\":{\"k\":[true]},\"big\":18446744073709551615,"
			 "\"over\":18446744073709551616} ";
	struct tl_jobj o;
	char err[192];
	uint64_t v;

	ck_assert_ok(tl_json_parse(ok, strlen(ok), &o, err, sizeof(err)));
	ck_assert_uint_eq(o.n, 7);
	ck_assert_str_eq(tl_jobj_str(&o, "s"), "\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD//");
	ck_assert_int_eq(tl_jobj_get(&o, "n")->type, TL_JNUM);
	ck_assert_str_eq(tl_jobj_get(&o, "n")->val, "-1.5e3");
	ck_assert(!tl_jobj_u64(&o, "n", &v));
	ck_assert(!tl_jobj_true(&o, "b"));
	ck_assert_int_eq(tl_jobj_get(&o, "z")->type, TL_JNULL);
	ck_assert_str_eq(tl_jobj_get(&o, "o")->val, "{\"k\":[true]}");
	ck_assert(tl_jobj_u64(&o, "big", &v));
	ck_assert(v == UINT64_MAX);
	ck_assert(!tl_jobj_u64(&o, "over", &v));
	ck_assert_ptr_null(tl_jobj_str(&o, "b"));
	tl_jobj_free(&o);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = tl_json_parse(bad[i].in, strlen(bad[i].in), &o, err, sizeof(err));

		ck_assert_msg(rc == -EINVAL, "%s: rc %d", bad[i].in, rc);
		ck_assert_msg(strcmp(err, bad[i].err) == 0, "%s: got \"%s\", want \"%s\"",
			      bad[i].in, err, bad[i].err);
		ck_assert_uint_eq(o.n, 0);
	}
}
END_TEST

START_TEST(test_format_time)
{
	char t[32];

	tl_format_time(t, sizeof(t), 5000000000ULL, 5000000000ULL);
	ck_assert_str_eq(t, "+0.000");
	tl_format_time(t, sizeof(t), 6234999999ULL, 5000000000ULL);
	ck_assert_str_eq(t, "+1.234");
	tl_format_time(t, sizeof(t), 4988000000ULL, 5000000000ULL);
	ck_assert_str_eq(t, "-0.012");
	tl_format_time(t, sizeof(t), UINT64_MAX, 0);
	ck_assert_str_eq(t, "+18446744073.709");
}
END_TEST

/* ---- the command line ------------------------------------------------ */

static char tdir[64];

static void tdir_setup(void)
{
	snprintf(tdir, sizeof(tdir), "/tmp/ck-timeline-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
}

/* Removes every file in tdir (the tests make no subdirectories). */
static void tdir_teardown(void)
{
	DIR *d = opendir(tdir);
	struct dirent *de;
	char p[512];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", tdir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(tdir);
}

static char *tpath(const char *name)
{
	static char p[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", tdir, name);
	return p[i];
}

static char *slurp(const char *path)
{
	struct mem m;
	FILE *f = fopen(path, "r");
	int c;

	ck_assert_msg(f, "%s: %s", path, strerror(errno));
	mem_open(&m);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m.f);
	fclose(f);
	return mem_close(&m);
}

/* Runs the tool with @args (NULL-terminated) in tdir; stdout and stderr
 * captured. Returns the exit status. */
static int run_tool(const char *const *args, char **out, char **err)
{
	const char *argv[16] = { TOOL };
	int status, n = 1;
	pid_t pid;

	for (; *args; args++) {
		ck_assert_int_lt(n, 15);
		argv[n++] = *args;
	}
	ck_assert_msg(access(TOOL, X_OK) == 0, "%s not built: %s", TOOL, strerror(errno));
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int o = open(tpath("stdout"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(tpath("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 || chdir(tdir))
			_exit(127);
		execv(TOOL, (char *const *)argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "ihv-timeline died: status 0x%x", status);
	*out = slurp(tpath("stdout"));
	*err = slurp(tpath("stderr"));
	unlink(tpath("stdout"));
	unlink(tpath("stderr"));
	return WEXITSTATUS(status);
}

static size_t tdir_count(void)
{
	DIR *d = opendir(tdir);
	struct dirent *de;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

START_TEST(test_cli_text_and_html)
{
	const char *const args[] = { "--html", "out.html", SAMPLE, NULL };
	size_t files;
	char *out, *err, *html;

	unlink(tpath("out.html"));
	files = tdir_count();
	ck_assert_int_eq(run_tool(args, &out, &err), 0);
	ck_assert_str_eq(err, "timeline: wrote out.html\n");
	ck_assert_uint_eq(count(out, "\n"), 26);
	/* Not a terminal: no colour. */
	ck_assert_ptr_null(strstr(out, "\033"));
	ck_assert_ptr_nonnull(strstr(out, "+0.413  extension  -> StopPostAssociate(sta1, 0x20001, "));
	/* The page and nothing else (no temporary left behind). */
	ck_assert_uint_eq(tdir_count(), files + 1);
	ck_assert_int_eq(access(tpath("out.html"), R_OK), 0);
	html = slurp(tpath("out.html"));
	ck_assert_msg(strncmp(html, "<!DOCTYPE html>", 15) == 0, "not a page");
	ck_assert_uint_eq(count(html, "class=\"arrow"), 26);
	free(html);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_cli_malformed_exit_2)
{
	const char *const args[] = { "bad.jsonl", NULL };
	char *out, *err;
	FILE *f = fopen(tpath("bad.jsonl"), "w");

	ck_assert_ptr_nonnull(f);
	fputs("{\"t_ns\":1,\"kind\":\"host\",\"what\":\"loaded\"}\n"
	      "{\"t_ns\":2,\"kind\":\n"
	      "{\"t_ns\":3000000,\"kind\":\"host\",\"what\":\"unloaded\"}\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(run_tool(args, &out, &err), 2);
	ck_assert_str_eq(err,
		"bad.jsonl:2: malformed JSON: expected a value, got end of line at column 18\n"
		"timeline: bad.jsonl: 1 malformed line\n");
	ck_assert_str_eq(out,
		"+0.000  service    host loaded\n"
		"+0.002  service    host unloaded\n");
	free(out);
	free(err);
}
END_TEST

START_TEST(test_cli_errors_exit_1)
{
	const char *const unwritable[] = { "--html", "no/such/dir/x.html", SAMPLE, NULL };
	const char *const missing[] = { "missing.jsonl", NULL };
	const char *const none[] = { NULL };
	const char *const color[] = { "--color", "sometimes", SAMPLE, NULL };
	size_t files = tdir_count();
	char *out, *err;

	ck_assert_int_eq(run_tool(unwritable, &out, &err), 1);
	ck_assert_str_eq(err, "timeline: no/such/dir/x.html: No such file or directory\n");
	free(out);
	free(err);
	ck_assert_int_eq(run_tool(missing, &out, &err), 1);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "missing.jsonl: No such file or directory\n");
	free(out);
	free(err);
	ck_assert_int_eq(run_tool(none, &out, &err), 1);
	ck_assert_ptr_nonnull(strstr(err, "usage: ihv-timeline"));
	free(out);
	free(err);
	ck_assert_int_eq(run_tool(color, &out, &err), 1);
	ck_assert_str_eq(err, "timeline: --color: expected auto, always or never, got 'sometimes'\n");
	free(out);
	free(err);
	/* Nothing left behind by any of them. */
	ck_assert_uint_eq(tdir_count(), files);
}
END_TEST

CK_SUITE(timeline_suite)
static Suite *timeline_suite(void)
{
	Suite *s = suite_create("timeline");
	TCase *tc = tcase_create("timeline");

	tcase_add_test(tc, test_sample_text);
	tcase_add_test(tc, test_all_and_color);
	tcase_add_test(tc, test_since_start);
	tcase_add_test(tc, test_html_structure);
	tcase_add_test(tc, test_html_escaping);
	tcase_add_test(tc, test_malformed_lines);
	tcase_add_test(tc, test_load_missing_file);
	tcase_add_test(tc, test_generic_and_unknown);
	tcase_add_test(tc, test_failure_record);
	tcase_add_test(tc, test_names_learned);
	tcase_add_test(tc, test_long_text_cut);
	tcase_add_test(tc, test_json_parser);
	tcase_add_test(tc, test_format_time);
	suite_add_tcase(s, tc);

	tc = tcase_create("cli");
	tcase_add_unchecked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_cli_text_and_html);
	tcase_add_test(tc, test_cli_malformed_exit_2);
	tcase_add_test(tc, test_cli_errors_exit_1);
	suite_add_tcase(s, tc);
	return s;
}
