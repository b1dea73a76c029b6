/* SPDX-License-Identifier: MIT */
/*
 * scn names: the handler/API table with the keys each one accepts, the
 * status / Win32 / reason-code names, verifier rules, adapter states, and
 * the "did you mean" helper. Values are the Windows SDK's (see
 * /work/shared/reference/ihv-api.md); they are kept here rather than taken
 * from wlanihv.h so the language (and its checker) stays usable by tools
 * that do not build against the SDK headers.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "scn-int.h"

/* ---- keys --------------------------------------------------------------- */

static const struct scn_key_info keys[SCN_KEY_COUNT] = {
	[SCN_KEY_ADAPTER] = { "adapter", "adapter", SCN_VAL_ADAPTER },
	[SCN_KEY_PEER]    = { "peer",    "peer",    SCN_VAL_MAC },
	[SCN_KEY_STATUS]  = { "status",  "status",  SCN_VAL_STATUS },
	[SCN_KEY_WIN32]   = { "win32",   "win32",   SCN_VAL_WIN32 },
	[SCN_KEY_REASON]  = { "reason",  "reason",  SCN_VAL_REASON },
	[SCN_KEY_RET]     = { "ret",     "ret",     SCN_VAL_WIN32 },
	[SCN_KEY_SIZE]    = { "size",    "size",    SCN_VAL_INTEGER },
	[SCN_KEY_VALUE]   = { "value",   "value",   SCN_VAL_INTEGER },
	[SCN_KEY_TYPE]    = { "type",    "type",    SCN_VAL_INTEGER },
	[SCN_KEY_EAPOL]   = { "eapol",   "eapol",   SCN_VAL_EAPOL },
};

const struct scn_key_info *scn_key_info(enum scn_key key)
{
	if ((unsigned int)key >= SCN_KEY_COUNT)
		return NULL;
	return &keys[key];
}

int scn_key_lookup(const char *name)
{
	for (int k = 0; k < SCN_KEY_COUNT; k++)
		if (!strcmp(keys[k].name, name))
			return k;
	return -1;
}

/* ---- handlers and APIs ------------------------------------------------ */

#define A SCN_KEY_BIT(SCN_KEY_ADAPTER)
#define P SCN_KEY_BIT(SCN_KEY_PEER)
#define S SCN_KEY_BIT(SCN_KEY_STATUS)
#define W SCN_KEY_BIT(SCN_KEY_WIN32)
#define R SCN_KEY_BIT(SCN_KEY_REASON)
#define T SCN_KEY_BIT(SCN_KEY_RET)
#define Z SCN_KEY_BIT(SCN_KEY_SIZE)
#define V SCN_KEY_BIT(SCN_KEY_VALUE)
#define Y SCN_KEY_BIT(SCN_KEY_TYPE)
#define E SCN_KEY_BIT(SCN_KEY_EAPOL)
#define H(n, k) { SCN_CALLEE_HANDLER, #n, "Dot11ExtIhv" #n, k }
#define X(n, k) { SCN_CALLEE_API, #n, "Dot11Ext" #n, k }

/*
 * In the SDK's table order. The keys are the fields the host writes in
 * that call's trace record (service.c for handlers: adapter, peer, status,
 * size = the buffer's byte count, ret; apis.c for APIs: adapter, peer,
 * reason, win32, size, value, type, ret), so an accepted key can match.
 * VOID handlers/APIs have no "ret". The security calls: ReceivePacket
 * and SendPacket carry the frame's source/destination (peer), its
 * length (size) and, for an EAPOL-Key frame, which message it is
 * (eapol); the key calls the key's peer, its length (size) and the
 * cipher (value: DOT11_CIPHER_ALGORITHM; SetDefaultKeyId: the index);
 * the algorithm calls the algorithm (value); SetExcludeUnencrypted the
 * BOOL (value); SetEtherTypeHandling the number of EtherTypes it
 * registers (value); the profile calls the byte count of the data or
 * XML (size); ReceiveIndication its DOT11EXT_IHV_INDICATION_TYPE (type:
 * 0 NicSpecificNotification ... 4 LinkQuality) and buffer size;
 * ProcessSessionChange the WTS_* event (type) and session id (value);
 * SendUIRequest the request's bytes (size) and dwSessionId (value);
 * IsUIRequestPending the BOOL it answered (value); ProcessUIResponse the
 * answer's bytes (size); QueryUIRequest the phase (type) and the bytes of
 * the request it returned (size); QueryVirtualStationProperties the
 * bIsVirtualStation it gave (value).
 */
static const struct scn_callee callees[] = {
	H(DeinitService, 0),
	H(InitAdapter, A | T),
	H(DeinitAdapter, A),
	H(PerformPreAssociate, A | Z | T),
	H(AdapterReset, A | T),
	H(PerformPostAssociate, A | P | Z | T),
	H(StopPostAssociate, A | P | S | T),
	H(ValidateProfile, A | Z | T),
	H(PerformCapabilityMatch, A | Z | T),
	H(CreateDiscoveryProfiles, A | Z | T),
	H(ProcessSessionChange, Y | V | T),
	H(ReceiveIndication, A | Z | Y | T),
	H(ReceivePacket, A | P | Z | E | T),
	H(SendPacketCompletion, A | T),
	H(IsUIRequestPending, A | V | T),
	H(ProcessUIResponse, A | Z | T),
	H(QueryUIRequest, A | Z | Y | T),
	H(OnexIndicateResult, A | T),
	H(Control, A | Z | T),

	X(AllocateBuffer, Z | T),
	X(FreeBuffer, 0),
	X(SetProfileCustomUserData, A | Z | T),
	X(GetProfileCustomUserData, A | Z | T),
	X(SetCurrentProfile, A | T),
	X(SendUIRequest, A | Z | V | T),
	X(PreAssociateCompletion, A | R | W | T),
	X(PostAssociateCompletion, A | P | R | W | T),
	X(SendNotification, A | Z | V | Y | T),
	X(SendPacket, A | P | Z | E | T),
	X(SetEtherTypeHandling, A | V | T),
	X(SetAuthAlgorithm, A | V | T),
	X(SetUnicastCipherAlgorithm, A | V | T),
	X(SetMulticastCipherAlgorithm, A | V | T),
	X(SetDefaultKey, A | P | Z | V | T),
	X(SetKeyMappingKey, A | P | Z | V | T),
	X(SetDefaultKeyId, A | V | T),
	X(NicSpecificExtension, A | Z | T),
	X(SetExcludeUnencrypted, A | V | T),
	X(StartOneX, A | T),
	X(StopOneX, A | T),
	X(ProcessSecurityPacket, A | Z | E | T),
	X(RequestVirtualStation, A | T),
	X(ReleaseVirtualStation, A | T),
	X(QueryVirtualStationProperties, A | V | T),
	X(SetVirtualStationAPProperties, A | T),
};
#undef A
#undef P
#undef S
#undef W
#undef R
#undef T
#undef Z
#undef V
#undef Y
#undef E
#undef H
#undef X

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

size_t scn_callee_count(void)
{
	return ARRAY_SIZE(callees);
}

const struct scn_callee *scn_callee_at(size_t i)
{
	return i < ARRAY_SIZE(callees) ? &callees[i] : NULL;
}

const struct scn_callee *scn_callee_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(callees); i++)
		if (!strcmp(callees[i].name, name) || !strcmp(callees[i].full, name))
			return &callees[i];
	return NULL;
}

/* ---- DOT11_ASSOC_STATUS -------------------------------------------------- */

#define STATUS_PREFIX "DOT11_ASSOC_STATUS_"
#define IHV_STATUS_START 0x80000000u

static const struct {
	const char *name;
	uint32_t value;
	bool range;     /* low 16 bits carry an 802.11 code */
} statuses[] = {
	{ "SUCCESS", 0, false },
	{ "FAILURE", 1, false },
	{ "UNREACHABLE", 2, false },
	{ "RADIO_OFF", 3, false },
	{ "PHY_DISABLED", 4, false },
	{ "CANCELLED", 5, false },
	{ "CANDIDATE_LIST_EXHAUSTED", 6, false },
	{ "DISASSOCIATED_BY_OS", 7, false },
	{ "DISASSOCIATED_BY_ROAMING", 8, false },
	{ "DISASSOCIATED_BY_RESET", 9, false },
	{ "SYSTEM_ERROR", 0xA, false },
	{ "ROAMING_BETTER_AP_FOUND", 0xB, false },
	{ "ROAMING_ASSOCIATION_LOST", 0xC, false },
	{ "ROAMING_ADHOC", 0xD, false },
	{ "PEER_DEAUTHENTICATED", 0x10000, true },
	{ "PEER_DISASSOCIATED", 0x20000, true },
	{ "ASSOCIATION_RESPONSE", 0x30000, true },
};

int scn_status_parse(const char *text, struct scn_status_match *out)
{
	const char *name = text;
	const char *bar = strchr(text, '|');
	size_t nlen = bar ? (size_t)(bar - text) : strlen(text);
	uint64_t v;

	if (scn_parse_uint(text, UINT32_MAX, &v) == 0) {
		out->value = (uint32_t)v;
		out->mask = UINT32_MAX;
		return 0;
	}
	if (!strncmp(name, STATUS_PREFIX, strlen(STATUS_PREFIX))) {
		name += strlen(STATUS_PREFIX);
		nlen -= strlen(STATUS_PREFIX);
	}
	/* The IHV range, as ihv_status_format() prints it ("IHV|0x80000001"):
	 * the code is the whole status, not an offset. */
	if (nlen == 3 && !strncmp(name, "IHV", 3)) {
		if (!bar) {
			out->value = IHV_STATUS_START;
			out->mask = IHV_STATUS_START;
			return 0;
		}
		if (scn_parse_uint(bar + 1, UINT32_MAX, &v) < 0 ||
		    v < IHV_STATUS_START)
			return -ERANGE;
		out->value = (uint32_t)v;
		out->mask = UINT32_MAX;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++) {
		if (strlen(statuses[i].name) != nlen ||
		    strncmp(statuses[i].name, name, nlen))
			continue;
		if (!bar) {
			out->value = statuses[i].value;
			out->mask = statuses[i].range ? 0xFFFF0000u : UINT32_MAX;
			return 0;
		}
		if (!statuses[i].range)
			return -ENOTSUP;
		if (scn_parse_uint(bar + 1, 0xFFFF, &v) < 0)
			return -ERANGE;
		out->value = statuses[i].value | (uint32_t)v;
		out->mask = UINT32_MAX;
		return 0;
	}
	return -EINVAL;
}

void scn_status_suggest(struct scn_best *b, const char *word)
{
	char base[64];
	const char *bar = strchr(word, '|');
	size_t n = bar ? (size_t)(bar - word) : strlen(word);

	if (n >= sizeof(base))
		return;
	memcpy(base, word, n);
	base[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		scn_best_consider(b, base, statuses[i].name);
	scn_best_consider(b, base, "IHV");
}

/* ---- Win32 errors and reason codes ------------------------------------ */

struct code_name {
	const char *name;
	uint32_t code;
};

static const struct code_name win32s[] = {
	{ "ERROR_SUCCESS", 0 },
	{ "ERROR_INVALID_FUNCTION", 1 },
	{ "ERROR_FILE_NOT_FOUND", 2 },
	{ "ERROR_ACCESS_DENIED", 5 },
	{ "ERROR_INVALID_HANDLE", 6 },
	{ "ERROR_NOT_ENOUGH_MEMORY", 8 },
	{ "ERROR_INVALID_DATA", 13 },
	{ "ERROR_OUTOFMEMORY", 14 },
	{ "ERROR_NOT_READY", 21 },
	{ "ERROR_GEN_FAILURE", 31 },
	{ "ERROR_NOT_SUPPORTED", 50 },
	{ "ERROR_INVALID_PARAMETER", 87 },
	{ "ERROR_INSUFFICIENT_BUFFER", 122 },
	{ "ERROR_BUSY", 170 },
	{ "ERROR_ALREADY_EXISTS", 183 },
	{ "ERROR_MORE_DATA", 234 },
	{ "ERROR_NO_MORE_ITEMS", 259 },
	{ "ERROR_IO_PENDING", 997 },
	{ "ERROR_SHUTDOWN_IN_PROGRESS", 1115 },
	{ "ERROR_DEVICE_NOT_CONNECTED", 1167 },
	{ "ERROR_NOT_FOUND", 1168 },
	{ "ERROR_NO_MATCH", 1169 },
	{ "ERROR_BAD_PROFILE", 1206 },
	{ "ERROR_CANCELLED", 1223 },
	{ "ERROR_TIMEOUT", 1460 },
	{ "ERROR_INVALID_STATE", 5023 },
};

static const struct code_name reasons[] = {
	{ "L2_REASON_CODE_SUCCESS", 0x00000 },
	{ "L2_REASON_CODE_GEN_BASE", 0x10000 },
	{ "L2_REASON_CODE_UNKNOWN", 0x10001 },
	{ "L2_REASON_CODE_DOT11_AC_BASE", 0x20000 },
	{ "L2_REASON_CODE_DOT11_MSM_BASE", 0x30000 },
	{ "WLAN_REASON_CODE_ASSOCIATION_FAILURE", 0x38002 },
	{ "WLAN_REASON_CODE_ASSOCIATION_TIMEOUT", 0x38003 },
	{ "WLAN_REASON_CODE_PRE_SECURITY_FAILURE", 0x38004 },
	{ "WLAN_REASON_CODE_SECURITY_FAILURE", 0x38006 },
	{ "WLAN_REASON_CODE_SECURITY_TIMEOUT", 0x38007 },
	{ "WLAN_REASON_CODE_DRIVER_DISCONNECTED", 0x3800B },
	{ "WLAN_REASON_CODE_IHV_NOT_AVAILABLE", 0x3800D },
	{ "WLAN_REASON_CODE_IHV_NOT_RESPONDING", 0x3800E },
	{ "WLAN_REASON_CODE_DISCONNECT_TIMEOUT", 0x3800F },
	{ "WLAN_REASON_CODE_INTERNAL_FAILURE", 0x38010 },
	{ "WLAN_REASON_CODE_TOO_MANY_SECURITY_ATTEMPTS", 0x38012 },
	{ "L2_REASON_CODE_DOT11_SECURITY_BASE", 0x40000 },
	{ "L2_REASON_CODE_ONEX_BASE", 0x50000 },
	{ "L2_REASON_CODE_PROFILE_BASE", 0x80000 },
	{ "L2_REASON_CODE_IHV_BASE", 0x90000 },
};

static int code_parse(const struct code_name *t, size_t n, const char *text,
		      uint32_t *out)
{
	uint64_t v;

	if (scn_parse_uint(text, UINT32_MAX, &v) == 0) {
		*out = (uint32_t)v;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(t[i].name, text)) {
			*out = t[i].code;
			return 0;
		}
	}
	return -EINVAL;
}

int scn_win32_parse(const char *text, uint32_t *out)
{
	return code_parse(win32s, ARRAY_SIZE(win32s), text, out);
}

int scn_reason_parse(const char *text, uint32_t *out)
{
	return code_parse(reasons, ARRAY_SIZE(reasons), text, out);
}

void scn_win32_suggest(struct scn_best *b, const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(win32s); i++)
		scn_best_consider(b, word, win32s[i].name);
}

void scn_reason_suggest(struct scn_best *b, const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
		scn_best_consider(b, word, reasons[i].name);
}

/* ---- rules, states, exits, step names ---------------------------------- */

/* verifier.h's ihv_rule_name() spellings. */
const char *const scn_rule_names[] = {
	"api-out-of-window",
	"bad-handle",
	"stale-handle",
	"late-completion",
	"double-completion",
	"not-cancelled",
	"leaked-buffer",
	"handler-timeout",
	"bad-parameter",
	"onex-session",
	NULL,
};

/* What the host writes in "eapol" (the EAPOL-Key message a ReceivePacket
 * or SendPacket frame carries): the 4-way handshake's four messages and
 * the group key handshake's two. */
const char *const scn_eapol_names[] = {
	"1/4", "2/4", "3/4", "4/4", "group-1/2", "group-2/2",
	/* EAP packets (sim_eapol_describe, sim/eapol-name.c): code and, for requests and
	 * responses, the type */
	"eap-request-identity", "eap-response-identity", "eap-request-tls",
	"eap-response-tls", "eap-response-nak", "eap-success", "eap-failure",
	NULL,
};

const char *scn_eapol_lookup(const char *name)
{
	for (size_t i = 0; scn_eapol_names[i]; i++)
		if (!strcmp(scn_eapol_names[i], name))
			return scn_eapol_names[i];
	return NULL;
}

const char *scn_rule_lookup(const char *name)
{
	for (size_t i = 0; scn_rule_names[i]; i++)
		if (!strcmp(scn_rule_names[i], name))
			return scn_rule_names[i];
	return NULL;
}

static const char *const state_names[] = {
	[SCN_STATE_NONE] = "none",
	[SCN_STATE_INITIALISED] = "initialised",
	[SCN_STATE_PRE_ASSOCIATING] = "pre-associating",
	[SCN_STATE_ASSOCIATING] = "associating",
	[SCN_STATE_POST_ASSOCIATING] = "post-associating",
	[SCN_STATE_AUTHORIZED] = "authorized",
};

const char *scn_state_name(enum scn_adapter_state state)
{
	if ((size_t)state >= ARRAY_SIZE(state_names))
		return "?";
	return state_names[state];
}

int scn_state_lookup(const char *name, enum scn_adapter_state *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(state_names); i++) {
		if (!strcmp(state_names[i], name)) {
			*out = (enum scn_adapter_state)i;
			return 0;
		}
	}
	return -EINVAL;
}

static const char *const exit_names[] = {
	[SCN_EXIT_OK] = "ok",
	[SCN_EXIT_VIOLATION] = "violation",
	[SCN_EXIT_CRASH] = "crash",
	[SCN_EXIT_HANG] = "hang",
	[SCN_EXIT_LOAD] = "load",
};

const char *scn_exit_name(enum scn_exit_kind kind)
{
	if ((size_t)kind >= ARRAY_SIZE(exit_names))
		return "?";
	return exit_names[kind];
}

int scn_exit_lookup(const char *name, enum scn_exit_kind *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(exit_names); i++) {
		if (!strcmp(exit_names[i], name)) {
			*out = (enum scn_exit_kind)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *scn_step_name(const struct scn_step *st)
{
	switch (st->kind) {
	case SCN_STEP_ACTION: return st->u.action.def->name;
	case SCN_STEP_EXPECT: return "expect";
	case SCN_STEP_EXPECT_NO: return "expect-no";
	case SCN_STEP_EXPECT_ORDER: return "expect-order";
	case SCN_STEP_EXPECT_STATE: return "expect state";
	}
	return "?";
}

bool scn_step_is_action(enum scn_step_kind kind)
{
	return kind == SCN_STEP_ACTION;
}

/* ---- "did you mean" ------------------------------------------------------ */

/* Case-insensitive Levenshtein distance, capped (words are short). */
static unsigned int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned int row[65];

	if (la > 64 || lb > 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned int)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned int diag = row[0];

		row[0] = (unsigned int)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned int up = row[j];
			unsigned int cost = tolower((unsigned char)a[i - 1]) !=
					    tolower((unsigned char)b[j - 1]);
			unsigned int best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && tolower((unsigned char)a[n]) == tolower((unsigned char)b[n]))
		n++;
	return n;
}

static size_t longest(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la > lb ? la : lb;
}

void scn_best_init(struct scn_best *b)
{
	b->cand = NULL;
	b->dist = 3;
}

void scn_best_consider(struct scn_best *b, const char *word, const char *cand)
{
	unsigned int d;

	if (!strcmp(word, cand))
		return;    /* an exact match is never a "near miss" */
	d = edit_distance(word, cand);
	/* A truncated or differently-ended long word ("late-complete",
	 * "IHV_EXT_DELAY") is as near a miss as two typos. */
	if (d > 2 && common_prefix(word, cand) + 3 >= longest(word, cand) &&
	    strlen(word) >= 5 && strlen(cand) >= 5)
		d = 2;
	/* A 2-letter word is within distance 2 of every 2-letter name. */
	if (d < b->dist && d < strlen(word))
		*b = (struct scn_best){ .cand = cand, .dist = d };
}

const char *scn_best_hint(const struct scn_best *b, char *buf, size_t len)
{
	if (!b->cand) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, " (did you mean '%s'?)", b->cand);
	return buf;
}
