/* SPDX-License-Identifier: MIT */
/*
 * run-control: the action `control ADAPTER data=HEX [out=N] [expect=HEX]
 * [ret=WIN32]`: a client's WlanIhvControl request to the extension
 * (ihv_service_control), judged on the spot. The step fails, saying what
 * came back, when Control returns another Win32 error than ret=, gives
 * back other bytes than expect=, or misuses its out buffer. What came
 * back also goes to the trace as an "action" record, so the timeline
 * shows it next to the NicSpecificExtension call it may have made.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run-world.h"
#include "service-nic.h"
#include "status.h"

/* Bytes of a buffer a message or a record spells out in hex. */
#define RUN_CONTROL_SHOW 64u

static void hex(char *buf, size_t len, const uint8_t *b, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < RUN_CONTROL_SHOW && at + 3 < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%02x", b[i]);
	if (n > RUN_CONTROL_SHOW && at + 4 < len)
		snprintf(buf + at, len - at, "...");
	if (!n)
		snprintf(buf, len, "nothing");
}

static const char *win32(DWORD e, char *buf, size_t len)
{
	const char *name = ihv_win32_name(e);

	if (name)
		return name;
	snprintf(buf, len, "0x%x", (unsigned int)e);
	return buf;
}

int run_control_act(struct run_world *w, const struct scn_step *st,
		    const struct scn_action_args *a)
{
	char got[2 * RUN_CONTROL_SHOW + 8], want[2 * RUN_CONTROL_SHOW + 8];
	char text[320], rb[16], wb[16];
	size_t i = a->adapter, n = 0, diff;
	uint8_t *out;
	DWORD ret = 0;
	int rc;

	if (!w->sta[i])
		return run_fail(w, &st->pos, "control: adapter %s was removed",
				w->sta_name[i]);
	out = malloc(a->out_cap ? a->out_cap : 1);
	if (!out)
		return run_fail(w, &st->pos, "control: out of memory");
	rc = ihv_service_control(w->svc, run_world_adapter(w, i), a->data,
				 a->data_len, a->out_cap, out, &n, &ret);
	switch (rc) {
	case 0:
		break;
	case -EFAULT:
		rc = run_fail(w, &st->pos, "control: Control wrote past the end "
			      "of its %u-byte out buffer", (unsigned int)a->out_cap);
		goto free_out;
	case -EOVERFLOW:
		rc = run_fail(w, &st->pos, "control: Control reported more bytes "
			      "returned than its %u-byte out buffer holds",
			      (unsigned int)a->out_cap);
		goto free_out;
	case -ENODEV:
		rc = run_fail(w, &st->pos, "control: adapter %s is not the "
			      "extension's (not initialised, or unloaded)",
			      w->sta_name[i]);
		goto free_out;
	default:
		rc = run_fail(w, &st->pos, "control failed: %s", strerror(-rc));
		goto free_out;
	}
	hex(got, sizeof(got), out, n);
	snprintf(text, sizeof(text), "control %s: %zu bytes in, %s, %zu bytes out: %s",
		 w->sta_name[i], a->data_len, win32(ret, rb, sizeof(rb)), n, got);
	run_world_trace_text(w, text, w->sta_name[i], w->sta_ifindex[i]);
	if (w->o->verbose)
		fprintf(stderr, "# %s\n", text);
	if (ret != a->ret) {
		rc = run_fail(w, &st->pos, "control: Control returned %s, expected "
			      "%s (ret=); it gave back %zu bytes: %s",
			      win32(ret, rb, sizeof(rb)),
			      win32(a->ret, wb, sizeof(wb)), n, got);
		goto free_out;
	}
	rc = 0;
	if (!a->has_expect ||
	    (n == a->expect_len && (!n || !memcmp(out, a->expect, n))))
		goto free_out;
	for (diff = 0; diff < n && diff < a->expect_len; diff++)
		if (out[diff] != a->expect[diff])
			break;
	hex(want, sizeof(want), a->expect, a->expect_len);
	rc = run_fail(w, &st->pos, "control: Control gave back %zu bytes %s, "
		      "expected %zu bytes %s (expect=; they differ from byte %zu)",
		      n, got, a->expect_len, want, diff);
free_out:
	free(out);
	return rc;
}
