/* SPDX-License-Identifier: MIT */
/*
 * scn vs the rest of the host: the language keeps its own name tables (so
 * the checker needs no SDK), and these tests keep them honest against
 *  - the SDK headers (every handler/API table member, every
 *    DOT11_ASSOC_STATUS value),
 *  - status.c's spellings (whatever the trace prints for a status, Win32
 *    error or reason code parses back to the same value: the executor
 *    matches trace records with these parsers),
 *  - verifier.c's rule names and service.c's adapter state names.
 */
#include <stdio.h>
#include <string.h>

#include <wlanihv.h>

#include "ck.h"
#include "scn-int.h"
#include "service.h"
#include "status.h"
#include "verifier.h"

/* Each name must be a member of its SDK table (compile-time: offsetof)
 * and known to the language with the right kind. */
#define HANDLER(n) { #n, offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhv##n), SCN_CALLEE_HANDLER }
#define API(n) { #n, offsetof(DOT11EXT_APIS, Dot11Ext##n), SCN_CALLEE_API }
#define VSAPI(n) { #n, offsetof(DOT11EXT_VIRTUAL_STATION_APIS, Dot11Ext##n), SCN_CALLEE_API }

static const struct {
	const char *name;
	size_t offset;
	enum scn_callee_kind kind;
} sdk_names[] = {
	HANDLER(DeinitService), HANDLER(InitAdapter), HANDLER(DeinitAdapter),
	HANDLER(PerformPreAssociate), HANDLER(AdapterReset),
	HANDLER(PerformPostAssociate), HANDLER(StopPostAssociate),
	HANDLER(ValidateProfile), HANDLER(PerformCapabilityMatch),
	HANDLER(CreateDiscoveryProfiles), HANDLER(ProcessSessionChange),
	HANDLER(ReceiveIndication), HANDLER(ReceivePacket),
	HANDLER(SendPacketCompletion), HANDLER(IsUIRequestPending),
	HANDLER(ProcessUIResponse), HANDLER(QueryUIRequest),
	HANDLER(OnexIndicateResult), HANDLER(Control),
	API(AllocateBuffer), API(FreeBuffer), API(SetProfileCustomUserData),
	API(GetProfileCustomUserData), API(SetCurrentProfile),
	API(SendUIRequest), API(PreAssociateCompletion),
	API(PostAssociateCompletion), API(SendNotification), API(SendPacket),
	API(SetEtherTypeHandling), API(SetAuthAlgorithm),
	API(SetUnicastCipherAlgorithm), API(SetMulticastCipherAlgorithm),
	API(SetDefaultKey), API(SetKeyMappingKey), API(SetDefaultKeyId),
	API(NicSpecificExtension), API(SetExcludeUnencrypted), API(StartOneX),
	API(StopOneX), API(ProcessSecurityPacket),
	VSAPI(RequestVirtualStation), VSAPI(ReleaseVirtualStation),
	VSAPI(QueryVirtualStationProperties),
	VSAPI(SetVirtualStationAPProperties),
};

START_TEST(test_callees_are_the_sdk_tables)
{
	size_t n = sizeof(sdk_names) / sizeof(sdk_names[0]);
	size_t handlers = 0, apis = 0;

	/* The list above covers each table completely... */
	ck_assert_uint_eq(n, sizeof(DOT11EXT_IHV_HANDLERS) / sizeof(void *) +
			  sizeof(DOT11EXT_APIS) / sizeof(void *) +
			  sizeof(DOT11EXT_VIRTUAL_STATION_APIS) / sizeof(void *));
	/* ...and the language knows exactly these, by both spellings. */
	ck_assert_uint_eq(scn_callee_count(), n);
	for (size_t i = 0; i < n; i++) {
		const struct scn_callee *c = scn_callee_lookup(sdk_names[i].name);
		char full[96];

		ck_assert_msg(c != NULL, "%s unknown to scn", sdk_names[i].name);
		ck_assert_int_eq(c->kind, sdk_names[i].kind);
		snprintf(full, sizeof(full), "%s%s",
			 c->kind == SCN_CALLEE_HANDLER ? "Dot11ExtIhv" : "Dot11Ext",
			 sdk_names[i].name);
		ck_assert_str_eq(c->full, full);
		ck_assert_ptr_eq(scn_callee_lookup(full), c);
		if (c->kind == SCN_CALLEE_HANDLER)
			handlers++;
		else
			apis++;
	}
	ck_assert_uint_eq(handlers, 19);
	ck_assert_uint_eq(apis, 22 + 4);
}
END_TEST

#define ST(x) { #x, DOT11_ASSOC_STATUS_##x }
static const struct {
	const char *name;
	DOT11_ASSOC_STATUS value;
} sdk_statuses[] = {
	ST(SUCCESS), ST(FAILURE), ST(UNREACHABLE), ST(RADIO_OFF),
	ST(PHY_DISABLED), ST(CANCELLED), ST(CANDIDATE_LIST_EXHAUSTED),
	ST(DISASSOCIATED_BY_OS), ST(DISASSOCIATED_BY_ROAMING),
	ST(DISASSOCIATED_BY_RESET), ST(SYSTEM_ERROR),
	ST(ROAMING_BETTER_AP_FOUND), ST(ROAMING_ASSOCIATION_LOST),
	ST(ROAMING_ADHOC),
};

START_TEST(test_status_values_are_the_sdk_values)
{
	struct scn_status_match m;
	char full[64];

	for (size_t i = 0; i < sizeof(sdk_statuses) / sizeof(sdk_statuses[0]); i++) {
		ck_assert_ok(scn_status_parse(sdk_statuses[i].name, &m));
		ck_assert_uint_eq(m.value, sdk_statuses[i].value);
		ck_assert_uint_eq(m.mask, UINT32_MAX);
		snprintf(full, sizeof(full), "DOT11_ASSOC_STATUS_%s",
			 sdk_statuses[i].name);
		ck_assert_ok(scn_status_parse(full, &m));
		ck_assert_uint_eq(m.value, sdk_statuses[i].value);
	}
	ck_assert_ok(scn_status_parse("PEER_DEAUTHENTICATED", &m));
	ck_assert_uint_eq(m.value, DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START);
	ck_assert(scn_status_matches(&m, DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_END));
	ck_assert(!scn_status_matches(&m, DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START));
	ck_assert_ok(scn_status_parse("PEER_DISASSOCIATED", &m));
	ck_assert(scn_status_matches(&m, DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_END));
	ck_assert_ok(scn_status_parse("ASSOCIATION_RESPONSE", &m));
	ck_assert(scn_status_matches(&m, DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_START | 17));
	ck_assert_ok(scn_status_parse("IHV", &m));
	ck_assert(scn_status_matches(&m, DOT11_ASSOC_STATUS_IHV_START));
	ck_assert(scn_status_matches(&m, DOT11_ASSOC_STATUS_IHV_END));
	ck_assert(!scn_status_matches(&m, DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED));
	ck_assert_errno(scn_status_parse("IHV|0x7fffffff", &m), ERANGE);
}
END_TEST

/* Whatever status.c prints, the language reads back to the same value. */
START_TEST(test_status_format_round_trip)
{
	static const DOT11_ASSOC_STATUS samples[] = {
		0x10000, 0x10003, 0x1FFFF, 0x20008, 0x2FFFF, 0x30011,
		0x80000000u, 0x80000001u, 0xFFFFFFFFu, 0x4000, 0xE,
	};
	char buf[IHV_STATUS_FORMAT_MAX];
	struct scn_status_match m;

	for (DOT11_ASSOC_STATUS s = 0; s <= 0xD; s++) {
		ihv_status_format(s, buf, sizeof(buf));
		ck_assert_msg(scn_status_parse(buf, &m) == 0, "'%s'", buf);
		ck_assert_uint_eq(m.value, s);
		ck_assert_uint_eq(m.mask, UINT32_MAX);
	}
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		ihv_status_format(samples[i], buf, sizeof(buf));
		ck_assert_msg(scn_status_parse(buf, &m) == 0, "'%s'", buf);
		ck_assert_msg(m.value == samples[i] && m.mask == UINT32_MAX,
			      "'%s' -> 0x%x/0x%x", buf, m.value, m.mask);
	}
	/* Every row of the cause table, with a reason, parses back. */
	for (unsigned int c = 0; c < SIM_CAUSE_COUNT; c++) {
		DOT11_ASSOC_STATUS s =
			ihv_status_from_disconnect((enum sim_disc_cause)c, 7, false);

		ihv_status_format(s, buf, sizeof(buf));
		ck_assert_ok(scn_status_parse(buf, &m));
		ck_assert(scn_status_matches(&m, s));
	}
}
END_TEST

/* Names status.c prints for Win32 errors and reason codes are the names
 * scenarios may write, with the same values. */
START_TEST(test_win32_and_reason_names_agree)
{
	size_t named = 0;
	uint32_t v;

	for (uint32_t code = 0; code < 20000; code++) {
		const char *name = ihv_win32_name(code);

		if (!name)
			continue;
		named++;
		ck_assert_msg(scn_win32_parse(name, &v) == 0, "%s", name);
		ck_assert_uint_eq(v, code);
	}
	ck_assert_uint_ge(named, 6);
	named = 0;
	for (uint32_t code = 0; code < 0xA0000; code++) {
		const char *name = ihv_l2_reason_name(code);

		if (!name)
			continue;
		named++;
		ck_assert_msg(scn_reason_parse(name, &v) == 0, "%s", name);
		ck_assert_uint_eq(v, code);
	}
	ck_assert_uint_ge(named, 10);
	ck_assert_ok(scn_win32_parse("ERROR_CANCELLED", &v));
	ck_assert_uint_eq(v, ERROR_CANCELLED);
}
END_TEST

START_TEST(test_rules_and_states_agree)
{
	size_t n = 0;

	for (int r = 0; r < IHV_RULE_COUNT; r++)
		ck_assert_msg(scn_rule_lookup(ihv_rule_name((enum ihv_rule)r)),
			      "verifier rule '%s' unknown to scn",
			      ihv_rule_name((enum ihv_rule)r));
	while (scn_rule_names[n])
		n++;
	ck_assert_uint_eq(n, IHV_RULE_COUNT);

	/* Same states, same order, so the executor can map one to one. */
	ck_assert_int_eq(SCN_STATE_AUTHORIZED - SCN_STATE_NONE,
			 IHV_ADAPTER_AUTHORIZED - IHV_ADAPTER_NONE);
	for (int s = SCN_STATE_NONE; s <= SCN_STATE_AUTHORIZED; s++) {
		enum scn_adapter_state back;

		ck_assert_ok(scn_state_lookup(
			ihv_adapter_state_name((enum ihv_adapter_state)s), &back));
		ck_assert_int_eq(back, s);
	}
}
END_TEST

CK_SUITE(scn_sdk_suite)
static Suite *scn_sdk_suite(void)
{
	Suite *s = suite_create("scn-sdk");
	TCase *tc = tcase_create("agree");

	tcase_add_test(tc, test_callees_are_the_sdk_tables);
	tcase_add_test(tc, test_status_values_are_the_sdk_values);
	tcase_add_test(tc, test_status_format_round_trip);
	tcase_add_test(tc, test_win32_and_reason_names_agree);
	tcase_add_test(tc, test_rules_and_states_agree);
	suite_add_tcase(s, tc);
	return s;
}
