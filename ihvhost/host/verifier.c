/* SPDX-License-Identifier: MIT */
/* Contract-violation reporting; see verifier.h. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "verifier.h"

#define IHV_VERIFIER_LINE_MAX 512

struct ihv_verifier {
	pthread_mutex_t lock;
	struct ihv_trace *trace;
	unsigned int count[IHV_RULE_COUNT];
	char last[IHV_VERIFIER_LINE_MAX];
};

const char *ihv_rule_name(enum ihv_rule rule)
{
	switch (rule) {
	case IHV_RULE_API_OUT_OF_WINDOW:
		return "api-out-of-window";
	case IHV_RULE_BAD_HANDLE:
		return "bad-handle";
	case IHV_RULE_STALE_HANDLE:
		return "stale-handle";
	case IHV_RULE_LATE_COMPLETION:
		return "late-completion";
	case IHV_RULE_DOUBLE_COMPLETION:
		return "double-completion";
	case IHV_RULE_NOT_CANCELLED:
		return "not-cancelled";
	case IHV_RULE_LEAKED_BUFFER:
		return "leaked-buffer";
	case IHV_RULE_HANDLER_TIMEOUT:
		return "handler-timeout";
	case IHV_RULE_BAD_PARAMETER:
		return "bad-parameter";
	case IHV_RULE_ONEX_SESSION:
		return "onex-session";
	}
	return "?";
}

int ihv_verifier_new(struct ihv_trace *trace, struct ihv_verifier **out)
{
	struct ihv_verifier *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	pthread_mutex_init(&v->lock, NULL);
	v->trace = trace;
	*out = v;
	return 0;
}

void ihv_verifier_free(struct ihv_verifier *v)
{
	if (!v)
		return;
	pthread_mutex_destroy(&v->lock);
	free(v);
}

void ihv_verifier_report(struct ihv_verifier *v, enum ihv_rule rule,
			 const char *name, const char *handle_kind,
			 uintptr_t handle, const char *fmt, ...)
{
	char detail[256], line[IHV_VERIFIER_LINE_MAX];
	struct ihv_trace_rec r;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (handle_kind)
		snprintf(line, sizeof(line), "contract violation: %s: %s(%s 0x%lx) %s",
			 ihv_rule_name(rule), name, handle_kind,
			 (unsigned long)handle, detail);
	else
		snprintf(line, sizeof(line), "contract violation: %s: %s %s",
			 ihv_rule_name(rule), name, detail);

	ihv_trace_rec_begin(&r, "violation");
	ihv_trace_rec_str(&r, "rule", ihv_rule_name(rule));
	ihv_trace_rec_str(&r, "name", name);
	if (handle_kind) {
		char hbuf[24];

		snprintf(hbuf, sizeof(hbuf), "0x%lx", (unsigned long)handle);
		ihv_trace_rec_str(&r, "handle_kind", handle_kind);
		ihv_trace_rec_str(&r, "handle", hbuf);
	}
	ihv_trace_rec_str(&r, "detail", detail);

	pthread_mutex_lock(&v->lock);
	v->count[rule]++;
	snprintf(v->last, sizeof(v->last), "%s", line);
	/* One fprintf per line under the lock: lines never interleave. */
	fprintf(stderr, "ihvhost: %s\n", line);
	fflush(stderr);
	pthread_mutex_unlock(&v->lock);
	ihv_trace_write(v->trace, &r);
}

unsigned int ihv_verifier_count(struct ihv_verifier *v, enum ihv_rule rule)
{
	unsigned int n;

	pthread_mutex_lock(&v->lock);
	n = v->count[rule];
	pthread_mutex_unlock(&v->lock);
	return n;
}

unsigned int ihv_verifier_total(struct ihv_verifier *v)
{
	unsigned int n = 0;

	pthread_mutex_lock(&v->lock);
	for (int i = 0; i < IHV_RULE_COUNT; i++)
		n += v->count[i];
	pthread_mutex_unlock(&v->lock);
	return n;
}

void ihv_verifier_last(struct ihv_verifier *v, char *buf, size_t len)
{
	pthread_mutex_lock(&v->lock);
	snprintf(buf, len, "%s", v->last);
	pthread_mutex_unlock(&v->lock);
}
