/* SPDX-License-Identifier: MIT */
/*
 * scn link: the options of the `link` action (the wireless medium between
 * an AP and an adapter, see its row in scn-actions.c): signal=DBM or a
 * ramp signal=A..B with over=T, loss=N%, delay=T, dir=both|down|up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scn-int.h"

/* A whole decimal dBm value ("-70", "0") within the medium's range. */
static int parse_dbm(const char *s, const char **end, int32_t *out)
{
	const char *c = s;
	bool neg = false;
	int64_t v = 0;

	if (*c == '-' || *c == '+')
		neg = *c++ == '-';
	if (*c < '0' || *c > '9')
		return -EINVAL;
	while (*c >= '0' && *c <= '9') {
		v = v * 10 + (*c - '0');
		if (v > 1000)
			return -EINVAL;
		c++;
	}
	if (neg)
		v = -v;
	if (v < SCN_LINK_SIGNAL_MIN || v > SCN_LINK_SIGNAL_MAX)
		return -ERANGE;
	*end = c;
	*out = (int32_t)v;
	return 0;
}

static int signal_opt(struct scn_parser *p, const struct scn_tok *t,
		      const char *kw, struct scn_link_args *l)
{
	const char *end;
	int rc = parse_dbm(t->val, &end, &l->signal_dbm);

	if (rc == 0 && end[0] == '.' && end[1] == '.') {
		l->ramp = true;
		rc = parse_dbm(end + 2, &end, &l->signal_to_dbm);
	}
	if (rc == 0 && *end)
		rc = -EINVAL;
	if (rc == -ERANGE)
		return scn_error(p, t->val_col, "%s: signal '%s' out of range "
				 "(%d..%d dBm)", kw, t->val, SCN_LINK_SIGNAL_MIN,
				 SCN_LINK_SIGNAL_MAX);
	if (rc < 0)
		return scn_error(p, t->val_col, "%s: bad signal '%s' (dBm, e.g. "
				 "signal=-70, or a ramp signal=-50..-90 over=10s)",
				 kw, t->val);
	if (!l->ramp)
		l->signal_to_dbm = l->signal_dbm;
	l->has_signal = true;
	return 0;
}

static int loss_opt(struct scn_parser *p, const struct scn_tok *t,
		    const char *kw, struct scn_link_args *l)
{
	size_t n = strlen(t->val);
	uint64_t v;
	char num[8];

	if (n < 2 || n > sizeof(num) || t->val[n - 1] != '%')
		goto bad;
	memcpy(num, t->val, n - 1);
	num[n - 1] = '\0';
	/* Decimal only: "0x10%" is nobody's loss rate. */
	if (num[0] < '0' || num[0] > '9' || strchr(num, 'x') || strchr(num, 'X') ||
	    scn_parse_uint(num, 100, &v) < 0)
		goto bad;
	l->loss_pct = (uint32_t)v;
	l->has_loss = true;
	return 0;
bad:
	return scn_error(p, t->val_col, "%s: bad loss '%s' (a whole per cent "
			 "0..100, e.g. loss=20%%)", kw, t->val);
}

static int duration_opt(struct scn_parser *p, const struct scn_tok *t,
			const char *kw, uint64_t max, uint64_t *ms)
{
	int rc = scn_tok_duration(p, t->val, t->val_col, ms);

	if (rc < 0)
		return rc;
	if (*ms > max)
		return scn_error(p, t->val_col, "%s: %s '%s' is longer than %llu "
				 "ms", kw, t->key, t->val, (unsigned long long)max);
	return 0;
}

int scn_link_opt(struct scn_parser *p, const struct scn_tok *t,
		 unsigned int bit, const char *kw, struct scn_action_args *args)
{
	struct scn_link_args *l = &args->link;
	struct scn_best b;
	char hint[96];

	switch (bit) {
	case SCN_OPT_SIGNAL:
		return signal_opt(p, t, kw, l);
	case SCN_OPT_LOSS:
		return loss_opt(p, t, kw, l);
	case SCN_OPT_DELAY:
		l->has_delay = true;
		return duration_opt(p, t, kw, SCN_LINK_DELAY_MAX_MS, &l->delay_ms);
	case SCN_OPT_OVER:
		l->over_col = t->col;
		if (duration_opt(p, t, kw, SCN_LINK_RAMP_MAX_MS, &l->over_ms) < 0)
			return -EINVAL;
		if (!l->over_ms)
			return scn_error(p, t->val_col, "%s: over= must be longer "
					 "than 0", kw);
		return 0;
	case SCN_OPT_DIR:
		if (!strcmp(t->val, "both")) {
			l->dir = SCN_LINK_BOTH;
		} else if (!strcmp(t->val, "down")) {
			l->dir = SCN_LINK_DOWN;
		} else if (!strcmp(t->val, "up")) {
			l->dir = SCN_LINK_UP;
		} else {
			scn_best_init(&b);
			scn_best_consider(&b, t->val, "both");
			scn_best_consider(&b, t->val, "down");
			scn_best_consider(&b, t->val, "up");
			return scn_error(p, t->val_col, "%s: dir is both, down (AP "
					 "to adapter) or up (adapter to AP), not "
					 "'%s'%s", kw, t->val,
					 scn_best_hint(&b, hint, sizeof(hint)));
		}
		return 0;
	}
	return -EINVAL;
}

int scn_check_link(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a)
{
	const struct scn_link_args *k = &a->link;

	if (!k->has_signal && !k->has_loss && !k->has_delay)
		return scn_error(p, scn_end_col(l), "link: nothing to set (give "
				 "signal=, loss= or delay=)");
	if (k->ramp && !k->over_col)
		return scn_error(p, scn_end_col(l), "link: a signal ramp needs "
				 "over=DURATION (e.g. signal=-50..-90 over=10s)");
	if (k->over_col && !k->ramp)
		return scn_error(p, k->over_col, "link: over= is the length of a "
				 "signal ramp (write signal=FROM..TO)");
	return 0;
}

int scn_check_scan(struct scn_parser *p, const struct scn_line *l,
		   const struct scn_action_args *a)
{
	if (a->link.ramp) {
		for (size_t i = 3; i < l->n; i++)
			if (l->toks[i].key && !strcmp(l->toks[i].key, "signal"))
				return scn_error(p, l->toks[i].val_col, "scan: "
						 "signal= is the one value the BSS "
						 "must be heard at, not a ramp");
		return -EINVAL;
	}
	return 0;
}
