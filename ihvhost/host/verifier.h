/* SPDX-License-Identifier: MIT */
/*
 * verifier: the contract checks the host runs on an extension (in the
 * spirit of Driver Verifier). Each violation is
 *  - one stderr line:
 *      ihvhost: contract violation: <rule>: <what>
 *    e.g. "ihvhost: contract violation: late-completion:
 *    Dot11ExtPostAssociateCompletion(session 0x...) after
 *    Dot11ExtIhvStopPostAssociate";
 *  - one trace record {"kind":"violation","rule":...,"name":...,
 *    "handle":...,"detail":...};
 *  - a count that makes the run fail (exit code 4, IHV_EXIT_VIOLATION).
 * Thread-safe: APIs report from extension threads, the watchdog from its.
 */
#ifndef IHVHOST_VERIFIER_H
#define IHVHOST_VERIFIER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct ihv_trace;

enum ihv_rule {
	/* An API called outside its validity window (reference rule 8). */
	IHV_RULE_API_OUT_OF_WINDOW,
	/* A handle the host never issued (or of the wrong kind). */
	IHV_RULE_BAD_HANDLE,
	/* A handle the host issued and has since invalidated. */
	IHV_RULE_STALE_HANDLE,
	/* A completion for a session whose StopPostAssociate (or, for a
	 * pre-association, DeinitAdapter) already happened. */
	IHV_RULE_LATE_COMPLETION,
	/* PreAssociateCompletion twice for one session, or an identical
	 * PostAssociateCompletion repeated without an authorization change. */
	IHV_RULE_DOUBLE_COMPLETION,
	/* A pending completion after AdapterReset not ERROR_CANCELLED. */
	IHV_RULE_NOT_CANCELLED,
	/* Buffers from AllocateBuffer still allocated at DeinitService. */
	IHV_RULE_LEAKED_BUFFER,
	/* A handler did not return within the bound (--handler-timeout). */
	IHV_RULE_HANDLER_TIMEOUT,
	/* An argument the contract forbids (NULL where required, a reason
	 * code contradicting the Win32 error, a foreign buffer...). */
	IHV_RULE_BAD_PARAMETER,
	/* Microsoft's 802.1X misused: StartOneX while a session runs,
	 * ProcessSecurityPacket or StopOneX without one (StopOneX twice),
	 * a session left running when StopPostAssociate returns. (StartOneX
	 * outside post-association is API_OUT_OF_WINDOW.) */
	IHV_RULE_ONEX_SESSION,
};
#define IHV_RULE_COUNT (IHV_RULE_ONEX_SESSION + 1)

struct ihv_verifier;

int ihv_verifier_new(struct ihv_trace *trace, struct ihv_verifier **out);
void ihv_verifier_free(struct ihv_verifier *v);

/*
 * Reports one violation. @name: the API or handler concerned
 * ("Dot11ExtPostAssociateCompletion"); @handle_kind/@handle: the handle it
 * concerns (kind NULL: none); @fmt: what happened, after the call.
 */
void ihv_verifier_report(struct ihv_verifier *v, enum ihv_rule rule,
			 const char *name, const char *handle_kind,
			 uintptr_t handle, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

unsigned int ihv_verifier_count(struct ihv_verifier *v, enum ihv_rule rule);
unsigned int ihv_verifier_total(struct ihv_verifier *v);
/* Copies the last reported line (without "ihvhost: " and newline) into
 * @buf; "" when none. */
void ihv_verifier_last(struct ihv_verifier *v, char *buf, size_t len);

const char *ihv_rule_name(enum ihv_rule rule);

#endif /* IHVHOST_VERIFIER_H */
