/* SPDX-License-Identifier: MIT */
/*
 * `roaming off` | `roaming [threshold=DBM] [hysteresis=DB] [better-by=DB]`:
 * the host's own roaming on signal for the scenario (the Windows
 * service's policy; defaults in the host: -70 dBm, 4 dB, 6 dB). off: the
 * host never roams on its own (LinkQuality is still indicated).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

/* A whole decimal number in [min, max] written as "-70" or "-70dBm"
 * (with @unit), else -EINVAL after the message. */
static int roaming_value(struct scn_parser *p, const struct scn_tok *t, const char *unit,
			 long min, long max, int32_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(t->val, &end, 10);
	if (end == t->val || errno || (*end && strcmp(end, unit)) || v < min || v > max)
		return scn_error(p, t->val_col, "roaming: %s=%s: a whole number from %ld to "
				 "%ld (%s may follow)", t->key, t->val, min, max, unit);
	*out = (int32_t)v;
	return 0;
}

int scn_decl_roaming(struct scn_parser *p, const struct scn_line *l)
{
	struct scn_roaming *r = &p->s->roaming;
	int rc;

	if (p->roaming_line)
		return scn_error(p, l->toks[0].col, "roaming given twice (first at "
				 "line %u)", p->roaming_line);
	p->roaming_line = p->line;
	r->set = true;
	if (l->n == 2 && !l->toks[1].key && !strcmp(l->toks[1].text, "off")) {
		r->off = true;
		return 0;
	}
	if (l->n < 2)
		return scn_error(p, scn_end_col(l), "roaming: 'off', or threshold=DBM "
				 "hysteresis=DB better-by=DB (any of them)");
	for (size_t i = 1; i < l->n; i++) {
		const struct scn_tok *t = &l->toks[i];

		if (!t->key)
			return scn_error(p, t->col, "roaming: expected key=value or "
					 "'off' alone, not '%s'", t->text);
		if (!strcmp(t->key, "threshold"))
			rc = roaming_value(p, t, "dBm", -120, -1, &r->threshold_dbm);
		else if (!strcmp(t->key, "hysteresis"))
			rc = roaming_value(p, t, "dB", 1, 30, &r->hysteresis_db);
		else if (!strcmp(t->key, "better-by"))
			rc = roaming_value(p, t, "dB", 1, 60, &r->better_db);
		else
			rc = scn_error(p, t->col, "roaming: unknown key '%s' (threshold, "
				       "hysteresis, better-by)", t->key);
		if (rc < 0)
			return rc;
	}
	return 0;
}
