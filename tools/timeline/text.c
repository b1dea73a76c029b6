/* SPDX-License-Identifier: MIT */
/*
 * text: the terminal timeline, one aligned line per entry.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "timeline.h"

/* A summary stands out: bold, green, red or yellow by how it ended. */
static const char *tl_sum_color(enum tl_sum sum)
{
	switch (sum) {
	case TL_SUM_SUCCESS:
		return "\033[1;32m";
	case TL_SUM_FAILURE:
		return "\033[1;31m";
	case TL_SUM_UNFINISHED:
		return "\033[1;33m";
	case TL_SUM_NONE:
		break;
	}
	return "\033[1m";
}

/* ANSI SGR per layer: the eye follows a layer down the page by colour. */
static const char *tl_color(const struct tl_entry *e)
{
	if (e->violation)
		return "\033[1;31m";
	switch (e->layer) {
	case TL_AIR:
		return "\033[36m";
	case TL_NL80211:
		return "\033[33m";
	case TL_SERVICE:
		return "\033[32m";
	case TL_EXTENSION:
		return "\033[35m";
	case TL_SECURITY:
		return tl_sum_color(e->sum);
	}
	return "";
}

/* Characters of a description on a terminal line; the HTML table and the
 * trace itself keep the rest (an IE dump can be 4 KB). */
#define TL_TEXT_MAX 240

/* @s, at most TL_TEXT_MAX characters (UTF-8 sequences counted once), then
 * an ellipsis. */
static void tl_put_text(FILE *out, const char *s)
{
	size_t chars = 0;

	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80 && chars++ == TL_TEXT_MAX) {
			fputs("\xE2\x80\xA6", out);
			return;
		}
		fputc(*s, out);
	}
}

int tl_render_text(FILE *out, const struct tl_doc *d, const struct tl_opts *o)
{
	uint64_t origin = tl_doc_origin(d, o);
	size_t width = 0;
	char t[32];

	/* Right-align the times so the columns after them line up even
	 * when the run passes 10 s or has times before the origin. */
	for (size_t i = 0; i < d->n; i++) {
		if (!tl_entry_shown(&d->v[i], o))
			continue;
		tl_format_time(t, sizeof(t), d->v[i].t_ns, origin);
		if (strlen(t) > width)
			width = strlen(t);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct tl_entry *e = &d->v[i];

		if (!tl_entry_shown(e, o))
			continue;
		tl_format_time(t, sizeof(t), e->t_ns, origin);
		fprintf(out, "%*s  %s%-9s  ", (int)width, t, o->color ? tl_color(e) : "",
			tl_layer_name(e->layer));
		tl_put_text(out, e->text);
		fputs(o->color ? "\033[0m\n" : "\n", out);
	}
	if (fflush(out) || ferror(out))
		return -EIO;
	return 0;
}
