/* SPDX-License-Identifier: MIT */
/*
 * timeline (tools/timeline/eap.c, conv.c): one security summary per EAP
 * conversation and per 4-way handshake of a station. Hand-written traces
 * in the host's writer format, shaped like the real ones (the air
 * capture's copy of each packet next to the extension's, a protected
 * re-authentication the air does not name): the method, the identity
 * exchange, the round trips (never counted twice when both views see a
 * packet), the result, the duration and who answered, exactly, for the
 * extension's own supplicant (path A) and the host's OneX (path B).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"
#include "../../tools/timeline/timeline.h"

/* Times in ms, as the trace's ns. */
#define MS(t) #t "000000"
#define AP  "02:00:00:00:01:00"
#define STA "02:00:00:00:02:00"

#define SETUP                                                                       \
	"{\"t_ns\":0,\"kind\":\"action\",\"text\":\"ap1 up: hostapd, ssid corp, 2412 MHz, " \
	"WPA2-EAP, bssid " AP "\"}\n"                                                      \
	"{\"t_ns\":0,\"kind\":\"action\",\"text\":\"sta1 appears: hwsim radio, wiphy 2, "  \
	"ifindex 4, mac " STA "\",\"adapter\":\"sta1\",\"ifindex\":4}\n"
/* The air capture: placed at rx_t_ns (here also when it was written). */
#define AIR(t, from, to, name)                                                     \
	"{\"t_ns\":" MS(t) ",\"kind\":\"frame\",\"rx_t_ns\":" MS(t) ",\"type\":\"eapol\"," \
	"\"from\":\"" from "\",\"to\":\"" to "\",\"eapol\":\"" name "\"}\n"
#define DOWN(t, name) AIR(t, AP, STA, name)
#define UP(t, name) AIR(t, STA, AP, name)
/* The extension gets a packet: a handler written when it returns, placed
 * where it began (t). */
#define RX(t, name)                                                                 \
	"{\"t_ns\":" MS(t) ",\"kind\":\"handler\",\"name\":\"Dot11ExtIhvReceivePacket\","  \
	"\"adapter\":\"sta1\",\"wiphy\":2,\"ifindex\":4,\"peer\":\"" AP "\",\"size\":18,"   \
	"\"eapol\":\"" name "\",\"ret\":\"ERROR_SUCCESS\",\"dur_ns\":0}\n"
/* The extension sends one: an API record naming only the ifindex. */
#define TX(t, name)                                                                 \
	"{\"t_ns\":" MS(t) ",\"kind\":\"api\",\"name\":\"Dot11ExtSendPacket\","            \
	"\"handle\":\"0x10000005d\",\"wiphy\":2,\"ifindex\":4,\"peer\":\"" AP "\","       \
	"\"size\":22,\"eapol\":\"" name "\",\"type\":34958,\"ret\":\"ERROR_SUCCESS\"}\n"
/* Path B: the extension hands it to the host, whose supplicant traces. */
#define PSP(t, name)                                                                \
	"{\"t_ns\":" MS(t) ",\"kind\":\"api\",\"name\":\"Dot11ExtProcessSecurityPacket\"," \
	"\"handle\":\"0x10000005d\",\"wiphy\":2,\"ifindex\":4,\"size\":18,"               \
	"\"eapol\":\"" name "\",\"ret\":\"ERROR_SUCCESS\"}\n"
#define ONEX(t, ev, name)                                                           \
	"{\"t_ns\":" MS(t) ",\"kind\":\"onex\",\"adapter\":\"sta1\",\"ifindex\":4,"        \
	"\"event\":\"" ev "\",\"eapol\":\"" name "\",\"size\":18}\n"
#define ONEX_RESULT(t, res, method)                                                 \
	"{\"t_ns\":" MS(t) ",\"kind\":\"onex\",\"adapter\":\"sta1\",\"ifindex\":4,"        \
	"\"event\":\"result\",\"result\":\"" res "\",\"method\":\"" method "\","          \
	"\"note\":\"done\"}\n"
#define STOP(t)                                                                     \
	"{\"t_ns\":" MS(t) ",\"kind\":\"handler\",\"name\":\"Dot11ExtIhvStopPostAssociate\"," \
	"\"adapter\":\"sta1\",\"wiphy\":2,\"ifindex\":4,\"peer\":\"" AP "\","               \
	"\"status\":\"DISASSOCIATED_BY_OS\",\"ret\":\"ERROR_SUCCESS\",\"dur_ns\":0}\n"
#define MARK(t)                                                                     \
	"{\"t_ns\":" MS(t) ",\"kind\":\"action\",\"text\":\"mark\"}\n"

/* One TLS exchange seen by both views, as in the real trace: the air
 * hears the request, the extension gets it and answers, the air hears
 * the answer. */
#define BOTH(t, req, resp) DOWN(t##0, req) RX(t##1, req) TX(t##2, resp) UP(t##3, resp)

static void load(struct tl_doc *d, const char *text)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	char *err = NULL;
	size_t len = 0;
	FILE *e = open_memstream(&err, &len);

	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(e);
	tl_doc_init(d);
	ck_assert_ok(tl_doc_read(d, in, "eap.jsonl", e));
	fclose(in);
	ck_assert_int_eq(fclose(e), 0);
	ck_assert_str_eq(err, "");
	free(err);
}

static char *render(const struct tl_doc *d, bool html)
{
	struct tl_opts o = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (html)
		ck_assert_int_eq(tl_render_html(f, d, &o, "eap.jsonl"), 0);
	else
		ck_assert_int_eq(tl_render_text(f, d, &o), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* The text's security lines only, in order. */
static char *security_lines(const struct tl_doc *d)
{
	char *all = render(d, false), *out = calloc(1, strlen(all) + 1);

	ck_assert_ptr_nonnull(out);
	for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, "  security   ")) {
			strcat(out, line);
			strcat(out, "\n");
		}
	free(all);
	return out;
}

static void expect_lines(const struct tl_doc *d, const char *want)
{
	char *got = security_lines(d);

	ck_assert_str_eq(got, want);
	free(got);
}

/* Path A, both views: identity + three TLS exchanges = 4 round trips
 * (each packet is seen twice, counted once), from the first
 * Request/Identity (10 ms) to the first EAP-Success heard (60 ms). */
START_TEST(test_success_both_views)
{
	static const char *const trace =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		BOTH(2, "eap-request-tls", "eap-response-tls")
		BOTH(3, "eap-request-tls", "eap-response-tls")
		BOTH(4, "eap-request-tls", "eap-response-tls")
		DOWN(60, "eap-success") RX(61, "eap-success")
		MARK(90);
	struct tl_doc d;
	const struct tl_conv *c;

	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 1);
	c = &d.conv[0];
	ck_assert_int_eq(c->kind, TL_CONV_EAP);
	ck_assert_str_eq(c->station, "sta1");
	ck_assert_str_eq(c->peer, "ap1");
	ck_assert_str_eq(c->method, "TLS");
	ck_assert(c->identity_req && c->identity_resp && !c->nak);
	ck_assert_uint_eq(c->round_trips, 4);
	ck_assert_uint_eq(c->rt[TL_VIEW_AIR], 4);
	ck_assert_uint_eq(c->rt[TL_VIEW_STATION], 4);
	ck_assert_int_eq(c->end, TL_END_SUCCESS);
	ck_assert_uint_eq(c->by, TL_BY_EXTENSION);
	ck_assert_uint_eq(c->t_begin, 10000000);
	ck_assert_uint_eq(c->t_end, 60000000);
	expect_lines(&d, "+0.060  security   sta1 EAP-TLS with ap1: success after 4 round trips "
			 "in 50 ms (identity, run by the extension)\n");
	tl_doc_free(&d);
}
END_TEST

/* Where it ended: right after the record of the result, before what
 * follows; per-frame lines stay. */
START_TEST(test_summary_placed_at_the_end)
{
	static const char *const trace =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		DOWN(60, "eap-success") RX(61, "eap-success")
		MARK(90);
	struct tl_doc d;
	char *out;

	load(&d, trace);
	out = render(&d, false);
	ck_assert_ptr_nonnull(strstr(out,
		"+0.013  air        sta1 -> ap1 EAPOL eap-response-identity\n"
		"+0.060  air        ap1 -> sta1 EAPOL eap-success\n"
		"+0.060  security   sta1 EAP with ap1: success after 1 round trip in 50 ms "
		"(identity, run by the extension)\n"
		"+0.061  extension  -> ReceivePacket(sta1, 02:00:00:00:01:00, size=18, "
		"eapol=eap-success) = 0 (0.00 ms)\n"));
	free(out);
	tl_doc_free(&d);
}
END_TEST

/* The server refuses the identity: EAP-Failure after the identity
 * exchange, no method. The untrusted-server case: a failure after the
 * method began. */
START_TEST(test_failure)
{
	static const char *const unknown_user =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		DOWN(20, "eap-failure") RX(21, "eap-failure")
		STOP(40);
	static const char *const untrusted =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		BOTH(2, "eap-request-tls", "eap-response-tls")
		BOTH(3, "eap-request-tls", "eap-response-tls")
		DOWN(40, "eap-failure") RX(41, "eap-failure")
		STOP(50);
	struct tl_doc d;

	load(&d, unknown_user);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_int_eq(d.conv[0].end, TL_END_FAILURE);
	ck_assert_str_eq(d.conv[0].method, "");
	ck_assert_uint_eq(d.conv[0].round_trips, 1);
	expect_lines(&d, "+0.020  security   sta1 EAP with ap1: failure after 1 round trip "
			 "in 10 ms (identity, run by the extension)\n");
	tl_doc_free(&d);

	load(&d, untrusted);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_int_eq(d.conv[0].end, TL_END_FAILURE);
	ck_assert_uint_eq(d.conv[0].round_trips, 3);
	expect_lines(&d, "+0.040  security   sta1 EAP-TLS with ap1: failure after 3 round trips "
			 "in 30 ms (identity, run by the extension)\n");
	tl_doc_free(&d);
}
END_TEST

/* No result: StopPostAssociate ends it, or the end of the trace. A
 * request the extension never answers is no round trip; its
 * retransmissions are the same conversation. */
START_TEST(test_unfinished)
{
	static const char *const stopped =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		BOTH(2, "eap-request-tls", "eap-response-tls")
		DOWN(30, "eap-request-tls") RX(31, "eap-request-tls")
		STOP(45)
		MARK(90);
	static const char *const silent =
		SETUP
		DOWN(10, "eap-request-identity") RX(11, "eap-request-identity")
		DOWN(40, "eap-request-identity") RX(41, "eap-request-identity")
		MARK(90);
	struct tl_doc d;

	load(&d, stopped);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_int_eq(d.conv[0].end, TL_END_STOP);
	ck_assert_uint_eq(d.conv[0].round_trips, 2);
	ck_assert_uint_eq(d.conv[0].t_end, 45000000);
	expect_lines(&d, "+0.045  security   sta1 EAP-TLS with ap1: unfinished after 2 round "
			 "trips in 35 ms, ended by StopPostAssociate (identity, run by the "
			 "extension)\n");
	tl_doc_free(&d);

	load(&d, silent);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_int_eq(d.conv[0].end, TL_END_TRACE);
	ck_assert_uint_eq(d.conv[0].round_trips, 0);
	ck_assert(d.conv[0].identity_req && !d.conv[0].identity_resp);
	expect_lines(&d, "+0.090  security   sta1 EAP with ap1: unfinished after 0 round trips "
			 "in 80 ms, the trace ends (identity unanswered, no answer sent)\n");
	tl_doc_free(&d);
}
END_TEST

/* A re-authentication is a second conversation. Its packets are
 * protected: the air names none of them, the station's records alone
 * count it. The air's copy of the first conversation's last answer,
 * heard after its EAP-Success, is still counted there (views lag). */
START_TEST(test_reauth_two_conversations)
{
	static const char *const trace =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		DOWN(20, "eap-request-tls") RX(21, "eap-request-tls") TX(22, "eap-response-tls")
		RX(23, "eap-success") UP(24, "eap-response-tls") DOWN(25, "eap-success")
		MARK(50)
		RX(101, "eap-request-identity") TX(102, "eap-response-identity")
		RX(111, "eap-request-tls") TX(112, "eap-response-tls")
		RX(121, "eap-request-tls") TX(122, "eap-response-tls")
		RX(130, "eap-success")
		STOP(200);
	struct tl_doc d;

	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 2);
	ck_assert_int_eq(d.conv[0].end, TL_END_SUCCESS);
	ck_assert_uint_eq(d.conv[0].round_trips, 2);
	ck_assert_uint_eq(d.conv[0].rt[TL_VIEW_AIR], 2);
	ck_assert_uint_eq(d.conv[0].t_end, 23000000);
	ck_assert_int_eq(d.conv[1].end, TL_END_SUCCESS);
	ck_assert_uint_eq(d.conv[1].round_trips, 3);
	ck_assert_uint_eq(d.conv[1].rt[TL_VIEW_AIR], 0);
	ck_assert_uint_eq(d.conv[1].t_begin, 101000000);
	expect_lines(&d,
		"+0.023  security   sta1 EAP-TLS with ap1: success after 2 round trips in 13 ms "
		"(identity, run by the extension)\n"
		"+0.130  security   sta1 EAP-TLS with ap1: success after 3 round trips in 29 ms "
		"(identity, run by the extension)\n");
	tl_doc_free(&d);
}
END_TEST

/* Path B: the extension hands each request to the host
 * (ProcessSecurityPacket), the host's supplicant traces rx and tx. A
 * request seen three times on the station's side is still one; the
 * answers are the host's. The OneX result ends it. */
START_TEST(test_onex_path)
{
	static const char *const trace =
		SETUP
		RX(10, "eap-request-identity") PSP(11, "eap-request-identity")
		ONEX(12, "rx", "eap-request-identity") ONEX(13, "tx", "eap-response-identity")
		RX(20, "eap-request-peap") PSP(21, "eap-request-peap")
		ONEX(22, "rx", "eap-request-peap") ONEX(23, "tx", "eap-response-nak")
		RX(30, "eap-request-tls") PSP(31, "eap-request-tls")
		ONEX(32, "rx", "eap-request-tls") ONEX(33, "tx", "eap-response-tls")
		RX(40, "eap-request-tls") PSP(41, "eap-request-tls")
		ONEX(42, "rx", "eap-request-tls") ONEX(43, "tx", "eap-response-tls")
		ONEX_RESULT(50, "success", "TLS")
		RX(51, "eap-success")
		STOP(90);
	struct tl_doc d;
	const struct tl_conv *c;

	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 1);
	c = &d.conv[0];
	ck_assert_int_eq(c->end, TL_END_SUCCESS);
	ck_assert_uint_eq(c->round_trips, 4);
	ck_assert_str_eq(c->method, "TLS");
	ck_assert(c->nak);
	ck_assert_uint_eq(c->by & (TL_BY_EXTENSION | TL_BY_ONEX), TL_BY_ONEX);
	expect_lines(&d, "+0.050  security   sta1 EAP-TLS with ap1: success after 4 round trips in 40 ms "
			 "(identity, Nak, run by the host's OneX)\n");
	tl_doc_free(&d);
}
END_TEST

/* Path B without onex records: the extension's ProcessSecurityPacket
 * says who got the requests, the air counts the answers. The OneX
 * result names a method the EAPOL names did not ("eap-request": a type
 * sim/ does not name); its failure ends the conversation. */
START_TEST(test_onex_without_its_records)
{
	static const char *const handed =
		SETUP
		DOWN(10, "eap-request-identity") RX(11, "eap-request-identity")
		PSP(12, "eap-request-identity") UP(13, "eap-response-identity")
		DOWN(20, "eap-request-tls") RX(21, "eap-request-tls")
		PSP(22, "eap-request-tls") UP(23, "eap-response-tls")
		DOWN(30, "eap-success") RX(31, "eap-success")
		STOP(90);
	static const char *const named =
		SETUP
		RX(10, "eap-request-identity") ONEX(13, "tx", "eap-response-identity")
		RX(20, "eap-request") ONEX(23, "tx", "eap-response")
		ONEX_RESULT(30, "failure", "FAST")
		STOP(90);
	struct tl_doc d;

	load(&d, handed);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_uint_eq(d.conv[0].round_trips, 2);
	ck_assert_uint_eq(d.conv[0].by, TL_BY_TO_HOST);
	expect_lines(&d, "+0.030  security   sta1 EAP-TLS with ap1: success after 2 round trips "
			 "in 20 ms (identity, handed to the host's OneX)\n");
	tl_doc_free(&d);

	load(&d, named);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_int_eq(d.conv[0].end, TL_END_FAILURE);
	ck_assert_str_eq(d.conv[0].method, "FAST");
	ck_assert_uint_eq(d.conv[0].round_trips, 2);
	expect_lines(&d, "+0.030  security   sta1 EAP-FAST with ap1: failure after 2 round trips "
			 "in 20 ms (identity, run by the host's OneX)\n");
	tl_doc_free(&d);
}
END_TEST

/* A retransmitted request answered once is one round trip; a second
 * answer with no new request is none; a send the host refused is not an
 * answer; a new Request/Identity once the method began restarts. */
START_TEST(test_pairs_and_restart)
{
	static const char *const trace =
		SETUP
		RX(10, "eap-request-identity") RX(15, "eap-request-identity")
		TX(16, "eap-response-identity") TX(17, "eap-response-identity")
		RX(20, "eap-request-tls")
		"{\"t_ns\":" MS(21) ",\"kind\":\"api\",\"name\":\"Dot11ExtSendPacket\","
		"\"ifindex\":4,\"peer\":\"" AP "\",\"eapol\":\"eap-response-tls\","
		"\"ret\":\"ERROR_INVALID_STATE\"}\n"
		RX(30, "eap-request-identity") TX(31, "eap-response-identity")
		RX(40, "eap-request-ttls") TX(41, "eap-response-ttls")
		RX(50, "eap-failure")
		STOP(90);
	struct tl_doc d;

	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 2);
	ck_assert_int_eq(d.conv[0].end, TL_END_RESTART);
	ck_assert_uint_eq(d.conv[0].round_trips, 1);
	ck_assert_uint_eq(d.conv[0].t_end, 30000000);
	ck_assert_int_eq(d.conv[1].end, TL_END_FAILURE);
	ck_assert_str_eq(d.conv[1].method, "TTLS");
	ck_assert_uint_eq(d.conv[1].round_trips, 2);
	expect_lines(&d,
		"+0.030  security   sta1 EAP-TLS with ap1: unfinished after 1 round trip in 20 ms, "
		"restarted by a new EAP-Request/Identity (identity, run by the extension)\n"
		"+0.050  security   sta1 EAP-TTLS with ap1: failure after 2 round trips in 20 ms "
		"(identity, run by the extension)\n");
	tl_doc_free(&d);
}
END_TEST

/* The 4-way handshake, once per association: complete at 4/4 (both
 * views), a retried 1/4, and one StopPostAssociate cut short. */
START_TEST(test_four_way)
{
	static const char *const trace =
		SETUP
		DOWN(10, "1/4") RX(11, "1/4") DOWN(20, "1/4") RX(21, "1/4")
		TX(22, "2/4") UP(23, "2/4")
		DOWN(30, "3/4") RX(31, "3/4") TX(32, "4/4") UP(33, "4/4")
		STOP(50)
		DOWN(60, "1/4") RX(61, "1/4") TX(62, "2/4") UP(63, "2/4")
		STOP(80);
	struct tl_doc d;

	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 2);
	ck_assert_int_eq(d.conv[0].kind, TL_CONV_4WAY);
	ck_assert_int_eq(d.conv[0].end, TL_END_SUCCESS);
	ck_assert_uint_eq(d.conv[0].round_trips, 1);
	ck_assert_int_eq(d.conv[1].end, TL_END_STOP);
	ck_assert_uint_eq(d.conv[1].last_msg, 2);
	expect_lines(&d,
		"+0.032  security   sta1 4-way handshake with ap1: complete in 22 ms "
		"(1 retry, run by the extension)\n"
		"+0.080  security   sta1 4-way handshake with ap1: unfinished after message 2/4 "
		"in 20 ms, ended by StopPostAssociate (run by the extension)\n");
	tl_doc_free(&d);
}
END_TEST

/* In HTML: listed under the title, a band in the diagram (no arrow), a
 * coloured row in the table; one <g> and one <tr> per entry, as for any
 * other. Summarising twice changes nothing. */
START_TEST(test_html_and_resummarize)
{
	static const char *const trace =
		SETUP
		BOTH(1, "eap-request-identity", "eap-response-identity")
		DOWN(20, "eap-failure") RX(21, "eap-failure")
		STOP(40);
	static const char *const text =
		"sta1 EAP with ap1: failure after 1 round trip in 10 ms (identity, run by the "
		"extension)";
	struct tl_doc d;
	size_t n, shown = 0;
	char *html, *top;

	load(&d, trace);
	n = d.n;
	ck_assert_ok(tl_doc_summarize(&d));
	ck_assert_uint_eq(d.n, n);
	ck_assert_uint_eq(d.n_conv, 1);
	html = render(&d, true);
	top = strstr(html, "<ul class=\"sec\">\n<li class=\"sbad\">+0.020  ");
	ck_assert_ptr_nonnull(top);
	ck_assert_ptr_nonnull(strstr(top, text));
	ck_assert(top < strstr(html, "<svg"));
	ck_assert_ptr_nonnull(strstr(html, "<rect class=\"sbad\""));
	ck_assert_ptr_nonnull(strstr(html, "<tr class=\"sbad\"><td class=\"t\">+0.020</td>"));
	/* list, tooltip, band label, table */
	for (size_t i = 0; i < d.n; i++)
		shown += tl_entry_shown(&d.v[i], &(struct tl_opts){ 0 });
	ck_assert_uint_eq(shown, n);
	{
		size_t g = 0, tr = 0, arrows = 0;

		for (const char *p = html; (p = strstr(p, "<g>")); p++)
			g++;
		for (const char *p = html; (p = strstr(p, "<tr")); p++)
			tr++;
		for (const char *p = html; (p = strstr(p, "class=\"arrow")); p++)
			arrows++;
		ck_assert_uint_eq(g, shown);
		ck_assert_uint_eq(tr, shown + 1);
		ck_assert_uint_eq(arrows, shown - 1);
	}
	free(html);
	tl_doc_free(&d);
}
END_TEST

/* A long adapter name is cut to 64 bytes, between two UTF-8 characters:
 * "a" then 40 two-byte "é" ends its 64th byte inside one, so 63 stay. */
START_TEST(test_long_name_cut_utf8)
{
	char name[128] = "a", trace[512], want[256];
	struct tl_doc d;
	char *out;

	for (int i = 0; i < 40; i++)
		strcat(name, "\xC3\xA9");
	snprintf(trace, sizeof(trace),
		 "{\"t_ns\":" MS(10) ",\"kind\":\"onex\",\"adapter\":\"%s\",\"event\":\"rx\","
		 "\"eapol\":\"eap-request-identity\"}\n", name);
	load(&d, trace);
	ck_assert_uint_eq(d.n_conv, 1);
	ck_assert_str_eq(d.conv[0].station, name);
	name[63] = '\0';
	snprintf(want, sizeof(want), "+0.000  security   %s EAP: unfinished after 0 round "
		 "trips in 0 ms, the trace ends (identity unanswered, no answer sent)\n", name);
	out = security_lines(&d);
	ck_assert_str_eq(out, want);
	free(out);
	tl_doc_free(&d);
}
END_TEST

CK_SUITE(timeline_eap_suite)
static Suite *timeline_eap_suite(void)
{
	Suite *s = suite_create("timeline-eap");
	TCase *tc = tcase_create("summaries");

	tcase_add_test(tc, test_success_both_views);
	tcase_add_test(tc, test_summary_placed_at_the_end);
	tcase_add_test(tc, test_failure);
	tcase_add_test(tc, test_unfinished);
	tcase_add_test(tc, test_reauth_two_conversations);
	tcase_add_test(tc, test_onex_path);
	tcase_add_test(tc, test_onex_without_its_records);
	tcase_add_test(tc, test_pairs_and_restart);
	tcase_add_test(tc, test_four_way);
	tcase_add_test(tc, test_html_and_resummarize);
	tcase_add_test(tc, test_long_name_cut_utf8);
	suite_add_tcase(s, tc);
	return s;
}
