/* SPDX-License-Identifier: MIT */
/*
 * html: the timeline as one self-contained page: an SVG sequence diagram
 * (a lifeline per layer, and on the air lane one per AP and station when
 * the trace has frames; one arrow per entry in time order, a coloured band
 * for each security summary) above the same text table. The summaries are
 * also listed under the title, so how each EAP conversation ended is the
 * first thing on the page. Inline CSS only, no script, no external
 * resource, so the file can be attached to a bug report or a CI artifact
 * and opened anywhere.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "timeline.h"

/* Geometry (SVG user units = CSS px). Labels start next to an arrow's left
 * end and may run across lifelines to the right (they have a halo), hence
 * the wide right margin. The air lane is one lifeline, or, when the trace
 * names its APs and stations (and has frames), one per AP and station. */
#define TL_X_FIRST   170   /* x of the (first) air lifeline */
#define TL_X_STEP    200   /* between the layers' lifelines */
#define TL_NODE_STEP 160   /* between the air lane's own lifelines */
#define TL_RIGHT     550   /* right of the extension lifeline */
#define TL_NODES_MAX 16
#define TL_HEAD_Y    12    /* top of the lifeline name boxes */
#define TL_HEAD_H    28
#define TL_ROW0_Y    76    /* y of the first arrow */
#define TL_NODE_HEAD 14    /* more room under the air lane's heads (MAC) */
#define TL_FRAME_COLOR "#1864ab" /* a frame heard, apart from the actions */
#define TL_ROW_H     26
#define TL_SELF_W    26    /* width of a self-arrow's loop */
/* Advance of an 11px monospace character, in tenths of a px (DejaVu Sans
 * Mono: 0.602 em = 6.62 px), rounded up so a cut label always fits. */
#define TL_CHAR_W10  67

static const char *const tl_layer_color[TL_LAYER_COUNT] = {
	[TL_AIR] = "#0b7285",
	[TL_NL80211] = "#a0610a",
	[TL_SERVICE] = "#2b8a3e",
	[TL_EXTENSION] = "#7b3fa0",
	[TL_SECURITY] = "#333333",  /* summaries: see tl_sum_style */
};
#define TL_VIOLATION_COLOR "#d00000"

/* A summary's text colour and CSS class (its band and table row). */
static void tl_sum_style(enum tl_sum sum, const char **color, const char **cls)
{
	switch (sum) {
	case TL_SUM_SUCCESS:
		*color = "#1e6b30";
		*cls = "sok";
		return;
	case TL_SUM_FAILURE:
		*color = TL_VIOLATION_COLOR;
		*cls = "sbad";
		return;
	case TL_SUM_UNFINISHED:
	case TL_SUM_NONE:
		break;
	}
	*color = "#8a5300";
	*cls = "sopen";
}

/* Where everything goes: the air lane's lifelines (APs first, then
 * stations, in the order the trace named them, then any other
 * transmitter a frame has) and the layers after them. */
struct tl_geo {
	size_t n_nodes;
	uint64_t node[TL_NODES_MAX];
	const char *node_name[TL_NODES_MAX];  /* NULL: shown as the MAC */
	bool node_ap[TL_NODES_MAX];
	int width;
	int row0;                             /* y of the first arrow */
};

static int tl_x(const struct tl_geo *g, enum tl_layer l)
{
	int last_air = TL_X_FIRST + (g->n_nodes > 1 ? (int)(g->n_nodes - 1) * TL_NODE_STEP : 0);

	return l == TL_AIR ? TL_X_FIRST : last_air + (int)l * TL_X_STEP;
}

static int tl_node_index(const struct tl_geo *g, uint64_t mac)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->node[i] == mac)
			return (int)i;
	return -1;
}

static void tl_node_add(struct tl_geo *g, uint64_t mac, const char *name, bool ap)
{
	if (mac == TL_MAC_BROADCAST || tl_node_index(g, mac) >= 0 ||
	    g->n_nodes == TL_NODES_MAX)
		return;
	g->node[g->n_nodes] = mac;
	g->node_name[g->n_nodes] = name;
	g->node_ap[g->n_nodes] = ap;
	g->n_nodes++;
}

/* x of a node's lifeline; the (first) air lifeline for one not drawn. */
static int tl_node_x(const struct tl_geo *g, uint64_t mac)
{
	int i = tl_node_index(g, mac);

	return TL_X_FIRST + (i < 0 ? 0 : i * TL_NODE_STEP);
}

static void tl_geo_init(struct tl_geo *g, const struct tl_doc *d, const struct tl_opts *o)
{
	bool frames = false;

	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < d->n; i++)
		frames |= tl_entry_shown(&d->v[i], o) && d->v[i].layer == TL_AIR &&
			  d->v[i].to == TL_AIR && (d->v[i].has_src || d->v[i].has_dst);
	/* Without frames the lane stays one lifeline, as it always was. */
	if (frames) {
		for (size_t i = 0; i < d->n_names; i++)
			if (d->names[i].key == TL_NAME_AP)
				tl_node_add(g, d->names[i].id, d->names[i].name, true);
		for (size_t i = 0; i < d->n_names; i++)
			if (d->names[i].key == TL_NAME_STA)
				tl_node_add(g, d->names[i].id, d->names[i].name, false);
		for (size_t i = 0; i < d->n; i++) {
			const struct tl_entry *e = &d->v[i];

			if (!tl_entry_shown(e, o) || e->layer != TL_AIR || e->to != TL_AIR)
				continue;
			if (e->has_src)
				tl_node_add(g, e->src, NULL, false);
			if (e->has_dst)
				tl_node_add(g, e->dst, NULL, false);
		}
	}
	g->width = tl_x(g, TL_EXTENSION) + TL_RIGHT;
	g->row0 = TL_ROW0_Y + (g->n_nodes ? TL_NODE_HEAD : 0);
}

/* A frame on the air lane's own lifelines (not an action). */
static bool tl_is_frame(const struct tl_geo *g, const struct tl_entry *e)
{
	return g->n_nodes && e->layer == TL_AIR && e->to == TL_AIR &&
	       (e->has_src || e->has_dst);
}

/* Writes @s HTML-escaped (text and attribute values alike); at most @max
 * characters (UTF-8 sequences counted once), then an ellipsis. @max 0:
 * no limit. */
static void tl_esc(FILE *out, const char *s, size_t max)
{
	size_t chars = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) != 0x80 && max && chars++ == max) {
			fputs("\xE2\x80\xA6", out);
			return;
		}
		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(c, out);
		}
	}
}

static const char *tl_css =
	"body{font-family:sans-serif;margin:16px;color:#222;background:#fff}\n"
	"h1{font-size:18px;margin:0 0 4px}\n"
	"p.sum{margin:0 0 12px;color:#555;font-size:13px}\n"
	"svg{display:block;border:1px solid #ddd;background:#fcfcfc}\n"
	"svg text{font-family:monospace;font-size:11px}\n"
	"svg .head{font-family:sans-serif;font-size:13px;font-weight:bold}\n"
	"svg .time{fill:#555}\n"
	"svg .role{fill:#666;font-size:10px}\n"
	"svg .life{stroke:#999;stroke-width:1;stroke-dasharray:4 4}\n"
	"svg .arrow{fill:none;stroke-width:1.5}\n"
	"svg .label{paint-order:stroke;stroke:#fcfcfc;stroke-width:3px;stroke-linejoin:round}\n"
	"svg .viol{font-weight:bold}\n"
	"svg .vband{fill:#ffe3e3}\n"
	"table.tl{border-collapse:collapse;margin-top:16px;font-family:monospace;font-size:12px}\n"
	"table.tl td,table.tl th{padding:1px 10px 1px 0;text-align:left;vertical-align:top;"
	"white-space:pre}\n"
	"table.tl td.t{text-align:right}\n"
	"table.tl tr.viol td{color:" TL_VIOLATION_COLOR ";font-weight:bold;background:#ffe3e3}\n"
	"svg .sok,ul.sec li.sok,table.tl tr.sok td{fill:#e3f4e6;background:#e3f4e6;color:#1e6b30}\n"
	"svg .sbad,ul.sec li.sbad,table.tl tr.sbad td{fill:#ffe3e3;background:#ffe3e3;"
	"color:" TL_VIOLATION_COLOR "}\n"
	"svg .sopen,ul.sec li.sopen,table.tl tr.sopen td{fill:#fff1d6;background:#fff1d6;"
	"color:#8a5300}\n"
	"table.tl tr.sok td,table.tl tr.sbad td,table.tl tr.sopen td{font-weight:bold}\n"
	"svg .slabel{font-size:12px;font-weight:bold}\n"
	"ul.sec{margin:0 0 12px;padding:0;list-style:none;font-family:monospace;font-size:13px}\n"
	"ul.sec li{margin:2px 0;padding:2px 6px;font-weight:bold;white-space:pre-wrap}\n";

/* Every security summary again, at the top of the page. */
static void tl_html_summaries(FILE *out, const struct tl_doc *d, const struct tl_opts *o)
{
	uint64_t origin = tl_doc_origin(d, o);
	bool any = false;
	char t[32];

	for (size_t i = 0; i < d->n; i++) {
		const struct tl_entry *e = &d->v[i];
		const char *color, *cls;

		if (e->layer != TL_SECURITY || !tl_entry_shown(e, o))
			continue;
		if (!any)
			fputs("<ul class=\"sec\">\n", out);
		any = true;
		tl_sum_style(e->sum, &color, &cls);
		tl_format_time(t, sizeof(t), e->t_ns, origin);
		fprintf(out, "<li class=\"%s\">%s  ", cls, t);
		tl_esc(out, e->text, 0);
		fputs("</li>\n", out);
	}
	if (any)
		fputs("</ul>\n", out);
}

static void tl_html_head(FILE *out, const struct tl_doc *d, const struct tl_opts *o,
			 const char *title, size_t shown)
{
	unsigned int viol = 0, failed = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (!tl_entry_shown(&d->v[i], o))
			continue;
		if (d->v[i].failure)
			failed++;
		else if (d->v[i].violation)
			viol++;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>ihv timeline: ", out);
	tl_esc(out, title, 0);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>ihv timeline: ",
		tl_css);
	tl_esc(out, title, 0);
	fprintf(out, "</h1>\n<p class=\"sum\">%zu events", shown);
	if (viol)
		fprintf(out, ", <b style=\"color:" TL_VIOLATION_COLOR "\">%u contract "
			"violation%s</b>", viol, viol == 1 ? "" : "s");
	if (failed)
		fprintf(out, ", <b style=\"color:" TL_VIOLATION_COLOR "\">%u failed "
			"expectation%s</b>", failed, failed == 1 ? "" : "s");
	if (d->n > shown)
		fprintf(out, ", %zu buffer calls and data frames hidden (--all shows them)",
			d->n - shown);
	fprintf(out, "; times in seconds relative to %s.</p>\n",
		o->since_start && d->have_start ? "the host's start" : "the first record");
	tl_html_summaries(out, d, o);
}

static void tl_svg_defs(FILE *out)
{
	fputs("<defs>\n", out);
	for (int l = 0; l < TL_LAYER_COUNT; l++)
		fprintf(out, "<marker id=\"ah%d\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
			"markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
			"<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
			l, tl_layer_color[l]);
	fputs("<marker id=\"ahv\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
	      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
	      "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" TL_VIOLATION_COLOR "\"/></marker>\n"
	      "<marker id=\"ahf\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
	      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
	      "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" TL_FRAME_COLOR "\"/></marker>\n"
	      "</defs>\n", out);
}

static void tl_svg_head(FILE *out, int x, int bottom, const char *color)
{
	fprintf(out, "<line class=\"life\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
		x, TL_HEAD_Y + TL_HEAD_H, x, bottom);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" "
		"fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
		x - 55, TL_HEAD_Y, 110, TL_HEAD_H, color);
}

static void tl_svg_lifelines(FILE *out, const struct tl_geo *g, int bottom)
{
	/* The air lane's own lifelines: name in the box, role and MAC under
	 * it. */
	for (size_t i = 0; i < g->n_nodes; i++) {
		int x = TL_X_FIRST + (int)i * TL_NODE_STEP;
		uint64_t m = g->node[i];
		char mac[18];

		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
			 (unsigned)(m >> 40) & 0xff, (unsigned)(m >> 32) & 0xff,
			 (unsigned)(m >> 24) & 0xff, (unsigned)(m >> 16) & 0xff,
			 (unsigned)(m >> 8) & 0xff, (unsigned)m & 0xff);
		tl_svg_head(out, x, bottom, tl_layer_color[TL_AIR]);
		fprintf(out, "<text class=\"head\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			"fill=\"%s\">", x, TL_HEAD_Y + 19, tl_layer_color[TL_AIR]);
		tl_esc(out, g->node_name[i] ? g->node_name[i] : mac, 14);
		fprintf(out, "</text>\n<text class=\"role\" x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\">%s</text>\n<text class=\"role\" x=\"%d\" "
			"y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
			TL_HEAD_Y + TL_HEAD_H + 11,
			g->node_name[i] ? (g->node_ap[i] ? "AP" : "station") : "other", x,
			TL_HEAD_Y + TL_HEAD_H + 22, mac);
	}
	for (int l = 0; l < TL_LAYER_COUNT; l++) {
		int x = tl_x(g, (enum tl_layer)l);

		if ((l == TL_AIR && g->n_nodes) || l == TL_SECURITY)
			continue;

		tl_svg_head(out, x, bottom, tl_layer_color[l]);
		fprintf(out, "<text class=\"head\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			"fill=\"%s\">%s</text>\n", x, TL_HEAD_Y + 19, tl_layer_color[l],
			tl_layer_name((enum tl_layer)l));
	}
}

/* A summary: no arrow (nothing passes between lifelines), a band across
 * the diagram with the text in bold over it (cut at the right edge; the
 * tooltip, the list above and the table have it whole). */
static void tl_svg_summary(FILE *out, const struct tl_geo *g, const struct tl_entry *e,
			   int y, uint64_t origin)
{
	const char *color, *cls;
	char t[32];

	tl_sum_style(e->sum, &color, &cls);
	tl_format_time(t, sizeof(t), e->t_ns, origin);
	fputs("<g><title>", out);
	tl_esc(out, e->text, 0);
	fprintf(out, "</title><rect class=\"%s\" x=\"0\" y=\"%d\" width=\"%d\" "
		"height=\"%d\"/><text class=\"time\" x=\"10\" y=\"%d\">%s</text>"
		"<text class=\"slabel\" x=\"%d\" y=\"%d\" fill=\"%s\">", cls,
		y - TL_ROW_H + 8, g->width, TL_ROW_H, y + 4, t, TL_X_FIRST - 100, y + 4,
		color);
	tl_esc(out, e->text, (size_t)((g->width - (TL_X_FIRST - 100) - 10) * 10 /
				      (TL_CHAR_W10 + 7)));
	fputs("</text></g>\n", out);
}

/* One entry: optional violation band, time, arrow, label (full text in a
 * tooltip when the label is cut). */
static void tl_svg_entry(FILE *out, const struct tl_geo *g, const struct tl_entry *e,
			 int y, uint64_t origin)
{
	const char *color = e->violation ? TL_VIOLATION_COLOR : tl_layer_color[e->layer];
	int x1 = tl_x(g, e->from), x2 = tl_x(g, e->to), lx, ly;
	char t[32], marker[8];

	if (e->layer == TL_SECURITY) {
		tl_svg_summary(out, g, e, y, origin);
		return;
	}

	/* On the air lane's own lifelines: a frame from its transmitter to
	 * its receiver (a broadcast one, or one to itself, loops on the
	 * transmitter), an action from the AP or station it is about. */
	if (g->n_nodes && e->layer == TL_AIR && (e->has_src || e->has_dst)) {
		if (tl_is_frame(g, e)) {
			x1 = tl_node_x(g, e->has_src ? e->src : e->dst);
			x2 = e->has_dst && e->dst != TL_MAC_BROADCAST ? tl_node_x(g, e->dst) : x1;
		} else if (e->has_src) {
			x1 = tl_node_x(g, e->src);
		}
	}

	/* Arrowheads are per colour (see tl_svg_defs): "ah<layer>", "ahv",
	 * "ahf" (frames). */
	if (e->violation)
		snprintf(marker, sizeof(marker), "ahv");
	else if (tl_is_frame(g, e))
		snprintf(marker, sizeof(marker), "ahf");
	else
		snprintf(marker, sizeof(marker), "ah%d", (int)e->layer);
	if (!e->violation && tl_is_frame(g, e))
		color = TL_FRAME_COLOR;

	fputs("<g>", out);
	fputs("<title>", out);
	tl_esc(out, e->text, 0);
	fputs("</title>", out);
	if (e->violation)
		fprintf(out, "<rect class=\"vband\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
			y - TL_ROW_H + 8, g->width, TL_ROW_H);
	tl_format_time(t, sizeof(t), e->t_ns, origin);
	fprintf(out, "<text class=\"time\" x=\"10\" y=\"%d\">%s</text>", y + 4, t);
	if (x1 == x2) {
		fprintf(out, "<path class=\"arrow%s\" d=\"M%d,%d h%d v8 h%d\" stroke=\"%s\" "
			"marker-end=\"url(#%s)\"/>", e->violation ? " viol" : "",
			x1, y - 4, TL_SELF_W, -(TL_SELF_W - 2), color, marker);
		lx = x1 + TL_SELF_W + 6;
		ly = y + 3;
	} else {
		/* Stop short of the lifeline so the arrowhead touches it. */
		int end = x2 > x1 ? x2 - 2 : x2 + 2;

		fprintf(out, "<line class=\"arrow%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"%s\" marker-end=\"url(#%s)\"/>",
			e->violation ? " viol" : "", x1, y, end, y, color, marker);
		lx = (x1 < x2 ? x1 : x2) + 8;
		ly = y - 5;
	}
	fprintf(out, "<text class=\"label%s\" x=\"%d\" y=\"%d\" fill=\"%s\">",
		e->violation ? " viol" : "", lx, ly, color);
	/* Cut to what fits before the right edge; the tooltip and the table
	 * below have the whole text. */
	tl_esc(out, e->text, (size_t)((g->width - lx - 10) * 10 / TL_CHAR_W10));
	fputs("</text></g>\n", out);
}

static void tl_html_table(FILE *out, const struct tl_doc *d, const struct tl_opts *o,
			  uint64_t origin)
{
	char t[32];

	fputs("<table class=\"tl\">\n<tr><th>time</th><th>layer</th><th>event</th></tr>\n",
	      out);
	for (size_t i = 0; i < d->n; i++) {
		const struct tl_entry *e = &d->v[i];
		const char *cls = e->violation ? "viol" : NULL, *color = tl_layer_color[e->layer];

		if (!tl_entry_shown(e, o))
			continue;
		if (e->layer == TL_SECURITY)
			tl_sum_style(e->sum, &color, &cls);
		tl_format_time(t, sizeof(t), e->t_ns, origin);
		fprintf(out, "<tr%s%s%s><td class=\"t\">%s</td><td style=\"color:%s\">%s</td><td>",
			cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "", t, color,
			tl_layer_name(e->layer));
		tl_esc(out, e->text, 0);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

int tl_render_html(FILE *out, const struct tl_doc *d, const struct tl_opts *o,
		   const char *title)
{
	uint64_t origin = tl_doc_origin(d, o);
	size_t shown = 0, row = 0;
	struct tl_geo g;
	int height;

	for (size_t i = 0; i < d->n; i++)
		if (tl_entry_shown(&d->v[i], o))
			shown++;
	tl_geo_init(&g, d, o);
	height = g.row0 + (int)shown * TL_ROW_H;
	tl_html_head(out, d, o, title, shown);
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"sequence diagram\">\n",
		g.width, height, g.width, height);
	tl_svg_defs(out);
	tl_svg_lifelines(out, &g, height - 8);
	for (size_t i = 0; i < d->n; i++) {
		if (!tl_entry_shown(&d->v[i], o))
			continue;
		tl_svg_entry(out, &g, &d->v[i], g.row0 + (int)row * TL_ROW_H, origin);
		row++;
	}
	fputs("</svg>\n", out);
	tl_html_table(out, d, o, origin);
	fputs("</body>\n</html>\n", out);
	if (fflush(out) || ferror(out))
		return -EIO;
	return 0;
}
