/* SPDX-License-Identifier: MIT */
/*
 * timeline (tools/timeline) and the air capture: "frame" records on the
 * air lane, in text and HTML (their own suite: cksuite-timeline.c holds
 * the rest of the tool's tests, with the same small helpers).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "../../tools/timeline/timeline.h"

static char *mem_render(const struct tl_doc *d, const struct tl_opts *o, bool html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (html)
		ck_assert_int_eq(tl_render_html(f, d, o, "f.jsonl"), 0);
	else
		ck_assert_int_eq(tl_render_text(f, d, o), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static char *render_text(const struct tl_doc *d, const struct tl_opts *o)
{
	return mem_render(d, o, false);
}

static char *render_html(const struct tl_doc *d, const struct tl_opts *o, const char *title)
{
	(void)title;
	return mem_render(d, o, true);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Loads @text as file @name; the error stream's text in *err (free it). */
static int load_text(struct tl_doc *d, const char *name, const char *text, char **err)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	size_t len = 0;
	FILE *e;
	int rc;

	ck_assert_ptr_nonnull(in);
	*err = NULL;
	e = open_memstream(err, &len);
	ck_assert_ptr_nonnull(e);
	rc = tl_doc_read(d, in, name, e);
	fclose(in);
	ck_assert_int_eq(fclose(e), 0);
	return rc;
}

/* The air capture's "frame" records: the set-up actions name the MACs
 * (an AP's bssid, a station's mac), a frame is placed at its receive time
 * (rx_t_ns, before the record was written), named "ap1 -> sta1 EAPOL 1/4",
 * with its reason or status; data frames are noise; a group address is
 * "broadcast"; an unknown MAC stays a MAC. In HTML the AP and the station
 * get their own lifelines (then the other transmitter), frames are arrows
 * between them and an action leaves from its station's lifeline. */
START_TEST(test_frame_records)
{
	static const char *const trace =
		"{\"t_ns\":1000000,\"kind\":\"action\",\"text\":\"ap1 up: hostapd, ssid lab, 2412 MHz, "
		"WPA2-PSK, bssid 02:00:00:00:01:00\"}\n"
		"{\"t_ns\":1000000,\"kind\":\"action\",\"text\":\"sta1 appears: hwsim radio, wiphy 2, "
		"ifindex 4, mac 02:00:00:00:02:00\",\"adapter\":\"sta1\",\"ifindex\":4}\n"
		"{\"t_ns\":2000000,\"kind\":\"action\",\"text\":\"sta1 connects to ap1\",\"adapter\":\"sta1\","
		"\"ifindex\":4,\"line\":7}\n"
		"{\"t_ns\":9000000,\"kind\":\"frame\",\"rx_t_ns\":3000000,\"type\":\"auth\",\"from\":"
		"\"02:00:00:00:02:00\",\"to\":\"02:00:00:00:01:00\",\"status\":0,\"seq\":1}\n"
		"{\"t_ns\":9000000,\"kind\":\"frame\",\"rx_t_ns\":4000000,\"type\":\"auth\",\"from\":"
		"\"02:00:00:00:01:00\",\"to\":\"02:00:00:00:02:00\",\"status\":0,\"seq\":2}\n"
		"{\"t_ns\":9000000,\"kind\":\"frame\",\"rx_t_ns\":5000000,\"type\":\"assoc-resp\",\"from\":"
		"\"02:00:00:00:01:00\",\"to\":\"02:00:00:00:02:00\",\"status\":17}\n"
		"{\"t_ns\":8000000,\"kind\":\"event\",\"type\":\"connected\",\"ifindex\":4,\"peer\":"
		"\"02:00:00:00:01:00\"}\n"
		"{\"t_ns\":9500000,\"kind\":\"frame\",\"rx_t_ns\":7000000,\"type\":\"eapol\",\"from\":"
		"\"02:00:00:00:01:00\",\"to\":\"02:00:00:00:02:00\",\"eapol\":\"1/4\"}\n"
		"{\"t_ns\":9600000,\"kind\":\"frame\",\"rx_t_ns\":9100000,\"type\":\"data\",\"from\":"
		"\"02:00:00:00:02:00\",\"to\":\"02:00:00:00:01:00\",\"protected\":true}\n"
		"{\"t_ns\":9700000,\"kind\":\"frame\",\"rx_t_ns\":9200000,\"type\":\"deauth\",\"from\":"
		"\"02:00:00:00:01:00\",\"to\":\"02:00:00:00:02:00\",\"reason\":15,\"retry\":true}\n"
		"{\"t_ns\":9800000,\"kind\":\"frame\",\"rx_t_ns\":9300000,\"type\":\"deauth\",\"from\":"
		"\"02:00:00:00:01:00\",\"to\":\"ff:ff:ff:ff:ff:ff\",\"reason\":3,\"mhz\":2437}\n"
		"{\"t_ns\":9900000,\"kind\":\"frame\",\"rx_t_ns\":9400000,\"type\":\"disassoc\",\"from\":"
		"\"0a:0b:0c:0d:0e:0f\",\"to\":\"02:00:00:00:02:00\",\"reason\":8,\"why\":\"x\"}\n"
		"{\"t_ns\":9950000,\"kind\":\"frame\",\"type\":\"control\",\"to\":\"02:00:00:00:02:00\"}\n";
	struct tl_opts o = { 0 }, all = { .all = true };
	struct tl_doc d;
	char *err, *out, *html;

	tl_doc_init(&d);
	ck_assert_ok(load_text(&d, "f.jsonl", trace, &err));
	ck_assert_str_eq(err, "");
	free(err);
	out = render_text(&d, &o);
	ck_assert_str_eq(out,
		"+0.000  air        ap1 up: hostapd, ssid lab, 2412 MHz, WPA2-PSK, bssid 02:00:00:00:01:00\n"
		"+0.000  air        sta1 appears: hwsim radio, wiphy 2, ifindex 4, mac 02:00:00:00:02:00\n"
		"+0.001  air        sta1 connects to ap1 [line 7]\n"
		"+0.002  air        sta1 -> ap1 Authentication seq 1\n"
		"+0.003  air        ap1 -> sta1 Authentication seq 2 status 0\n"
		"+0.004  air        ap1 -> sta1 Association Response status 17\n"
		"+0.006  air        ap1 -> sta1 EAPOL 1/4\n"
		"+0.007  nl80211    sta1 CONNECTED peer 02:00:00:00:01:00\n"
		"+0.008  air        ap1 -> sta1 Deauthentication reason 15 (retry)\n"
		"+0.008  air        ap1 -> broadcast Deauthentication reason 3 @2437 MHz\n"
		"+0.008  air        0a:0b:0c:0d:0e:0f -> sta1 Disassociation reason 8 why=x\n"
		"+0.008  air        ? -> sta1 Control\n"
		/* message 1/4 alone: a 4-way handshake the trace ends in
		 * (cksuite-timeline-eap.c tests the summaries) */
		"+0.008  security   sta1 4-way handshake with ap1: unfinished after message 1/4 "
		"in 2 ms, the trace ends (no answer sent)\n");
	free(out);
	/* the protected data frame is noise: back with --all, in time order */
	out = render_text(&d, &all);
	ck_assert_ptr_nonnull(strstr(out,
		"+0.007  nl80211    sta1 CONNECTED peer 02:00:00:00:01:00\n"
		"+0.008  air        sta1 -> ap1 Data (protected)\n"
		"+0.008  air        ap1 -> sta1 Deauthentication reason 15 (retry)\n"));
	free(out);
	ck_assert(d.v[3].has_src && d.v[3].src == 0x020000000200ull);
	ck_assert(d.v[3].has_dst && d.v[3].dst == 0x020000000100ull);

	html = render_html(&d, &o, "f.jsonl");
	/* ap1, sta1, the unknown transmitter, then the three layers */
	ck_assert_uint_eq(count(html, "class=\"life\""), 6);
	ck_assert_ptr_nonnull(strstr(html, ">ap1</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">sta1</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">AP</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">station</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">0a:0b:0c:0d:0e:0f</text>"));
	ck_assert_ptr_null(strstr(html, ">air</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">nl80211</text>"));
	/* sta1 (x 330) -> ap1 (x 170): the first authentication, row 3 */
	ck_assert_ptr_nonnull(strstr(html, "x1=\"330\" y1=\"168\" x2=\"172\" y2=\"168\" "
				     "stroke=\"#1864ab\" marker-end=\"url(#ahf)\""));
	/* the action from sta1's lifeline to nl80211 (x 490 + 200) */
	ck_assert_ptr_nonnull(strstr(html, "x1=\"330\" y1=\"142\" x2=\"688\" y2=\"142\""));
	/* the broadcast deauthentication loops on ap1 */
	ck_assert_ptr_nonnull(strstr(html, "d=\"M170,"));
	/* the unknown transmitter's lifeline at 490, to sta1 */
	ck_assert_ptr_nonnull(strstr(html, "x1=\"490\""));
	ck_assert_uint_eq(count(html, "url(#ahf)"), 8);
	free(html);
	tl_doc_free(&d);
}
END_TEST

CK_SUITE(timeline_air_suite)
static Suite *timeline_air_suite(void)
{
	Suite *s = suite_create("timeline-air");
	TCase *tc = tcase_create("frames");

	tcase_add_test(tc, test_frame_records);
	suite_add_tcase(s, tc);
	return s;
}
