/* SPDX-License-Identifier: MIT */
/*
 * scn actions: THE table of the language's actions. A row holds everything
 * the language knows of one action: its keyword and arguments, the checks
 * the script must pass (what state its AP and adapter must be in, what it
 * changes for the steps after it), its help and manual lines, and how the
 * timeline describes it. The parser (scn-steps.c), the help text
 * (scn-help.c), the manual's table (`make doc`) and the runner's trace
 * records all read it from here; the runner binds its implementation to a
 * row by keyword (runner/run-actions.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "scn-int.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct scn_action actions[] = {
	{
		.name = "connect", .usage = "ADAPTER AP [profile=NAME]",
		.help = "scan, pre-association through the extension, 802.11 "
			"association, post-association; with profile=, the "
			"declared profile is the connection's (its SSIDs must "
			"include the AP's), otherwise the host makes one from "
			"the BSS found",
		.effect = "PerformPreAssociate, PerformPostAssociate",
		.describe = "{adapter} connects to {ap} (ssid {ssid}, {mhz} MHz{profile})",
		.args = { SCN_ARG_ADAPTER, SCN_ARG_AP },
		.opts = SCN_OPT_PROFILE,
		.needs_extension = true, .links = true,
		.check = scn_check_connect,
	},
	{
		.name = "roam", .usage = "ADAPTER AP [outcome=fail]",
		.help = "reassociate to another BSS (same SSID, the profile of "
			"the last connect); the step fails "
			"when the reassociation fails, unless outcome=fail says "
			"the scenario expects that (then it fails if it succeeds)",
		.effect = "StopPostAssociate `DISASSOCIATED_BY_ROAMING`, then "
			  "PerformPostAssociate with the new AP",
		.describe = "{adapter} roams to {ap} (ssid {ssid}, {mhz} MHz)",
		.args = { SCN_ARG_ADAPTER, SCN_ARG_AP },
		.opts = SCN_OPT_OUTCOME,
		.needs_extension = true, .links = true,
		.check = scn_check_roam,
	},
	{
		.name = "disconnect", .usage = "ADAPTER [reason=N]",
		.help = "the host asks to disconnect (default reason 3); during "
			"pre-association it cancels the attempt (AdapterReset: the "
			"extension completes with ERROR_CANCELLED); on an idle "
			"adapter it does nothing (traced)",
		.effect = "`DISASSOCIATED_BY_OS`",
		.describe = "{adapter} disconnects (reason {reason})",
		.args = { SCN_ARG_ADAPTER },
		.opts = SCN_OPT_REASON,
		.default_reason = SCN_DEFAULT_DISCONNECT_REASON,
	},
	{
		.name = "deauth", .usage = "AP ADAPTER [reason=N]",
		.help = "the AP sends a Deauthentication frame (default reason 3)",
		.effect = "`PEER_DEAUTHENTICATED|reason`",
		.describe = "{ap} deauthenticates {adapter} (reason {reason})",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.opts = SCN_OPT_REASON,
		.default_reason = SCN_DEFAULT_DEAUTH_REASON,
	},
	{
		.name = "disassoc", .usage = "AP ADAPTER [reason=N]",
		.help = "the AP sends a Disassociation frame (default reason 8)",
		.effect = "`PEER_DISASSOCIATED|reason`",
		.describe = "{ap} disassociates {adapter} (reason {reason})",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.opts = SCN_OPT_REASON,
		.default_reason = SCN_DEFAULT_DISASSOC_REASON,
	},
	{
		.name = "ap-disable", .usage = "AP",
		.help = "hostapd DISABLE",
		.effect = "a peer deauthentication",
		.describe = "{ap}: {name}",
		.args = { SCN_ARG_AP },
		.ap_need = SCN_AP_NEED_UP, .ap_change = SCN_AP_BECOMES_DISABLED,
	},
	{
		.name = "ap-enable", .usage = "AP",
		.help = "hostapd ENABLE (after ap-disable)",
		.effect = "",
		.describe = "{ap}: {name}",
		.args = { SCN_ARG_AP },
		.ap_need = SCN_AP_NEED_DISABLED, .ap_change = SCN_AP_BECOMES_UP,
	},
	{
		.name = "ap-stop", .usage = "AP",
		.help = "hostapd terminates (SIGTERM; it deauthenticates its "
			"stations)",
		.effect = "`PEER_DEAUTHENTICATED|3`",
		.describe = "{ap}: {name} (hostapd SIGTERM)",
		.args = { SCN_ARG_AP },
		.ap_change = SCN_AP_BECOMES_GONE,
	},
	{
		.name = "ap-vanish", .usage = "AP",
		.help = "hostapd is killed: beacons stop, the station detects "
			"beacon loss (about 1-2 s)",
		.effect = "`UNREACHABLE`",
		.describe = "{ap}: {name} (hostapd SIGKILL, beacons stop)",
		.args = { SCN_ARG_AP },
		.ap_change = SCN_AP_BECOMES_GONE,
	},
	{
		.name = "ap-start", .usage = "AP",
		.help = "start an AP again after ap-stop/ap-vanish (same radio, "
			"same BSSID)",
		.effect = "",
		.describe = "{ap}: {name}",
		.args = { SCN_ARG_AP },
		.ap_need = SCN_AP_NEED_GONE, .ap_change = SCN_AP_BECOMES_UP,
	},
	{
		.name = "iface-down", .usage = "ADAPTER",
		.help = "the station interface is set down",
		.effect = "`DISASSOCIATED_BY_OS`; the adapter stays",
		.describe = "{adapter}: {name}",
		.args = { SCN_ARG_ADAPTER },
	},
	{
		.name = "iface-up", .usage = "ADAPTER",
		.help = "the station interface is set up",
		.effect = "",
		.describe = "{adapter}: {name}",
		.args = { SCN_ARG_ADAPTER },
	},
	{
		.name = "remove-iface", .usage = "ADAPTER",
		.help = "the station interface is deleted (the adapter is gone)",
		.effect = "`DISASSOCIATED_BY_RESET`, then DeinitAdapter",
		.describe = "{adapter}: {name}",
		.args = { SCN_ARG_ADAPTER },
		.removes_adapter = true,
	},
	{
		.name = "remove-radio", .usage = "ADAPTER",
		.help = "the station radio (wiphy) is deleted (the adapter is gone)",
		.effect = "`PHY_DISABLED`, then DeinitAdapter",
		.describe = "{adapter}: {name}",
		.args = { SCN_ARG_ADAPTER },
		.removes_adapter = true,
	},
	{
		.name = "rfkill", .usage = "ADAPTER block|unblock",
		.help = "soft rfkill of the station radio; after unblock the next "
			"connect brings the interface up (no iface-up needed)",
		.effect = "`RADIO_OFF`",
		.describe = "{adapter}: rfkill {block}",
		.args = { SCN_ARG_ADAPTER, SCN_ARG_BLOCK },
	},
	{
		.name = "reset", .usage = "ADAPTER",
		.help = "AdapterReset",
		.effect = "pending completions come back with `ERROR_CANCELLED`",
		.describe = "{adapter}: {name}",
		.args = { SCN_ARG_ADAPTER },
		.needs_extension = true,
	},
	{
		.name = "traffic", .usage = "ADAPTER AP [count=N] [outcome=fail]",
		.help = "N data frames (default 10) each way between the station "
			"and the AP; the step fails unless every frame arrives "
			"both ways, or, with outcome=fail, if any frame arrives "
			"either way",
		.effect = "none: frames pass only through an authorized port with "
			  "the keys the extension installed matching the AP's",
		.describe = "{adapter} <-> {ap}: {count} data frames each way",
		.args = { SCN_ARG_ADAPTER, SCN_ARG_AP },
		.opts = SCN_OPT_COUNT | SCN_OPT_OUTCOME,
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_traffic,
	},
	{
		.name = "ap-rekey", .usage = "AP",
		.help = "hostapd REKEY_GTK: a new group key, sent to every station "
			"(group key handshake; the AP must be security=wpa2)",
		.effect = "ReceivePacket `eapol=group-1/2`; the extension answers "
			  "with SendPacket `eapol=group-2/2` and sets the new "
			  "group key (SetDefaultKey)",
		.describe = "{ap}: new group key (hostapd REKEY_GTK)",
		.args = { SCN_ARG_AP },
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_rekey,
	},
	{
		.name = "ap-resend-m3", .usage = "AP ADAPTER",
		.help = "hostapd RESEND_M3 (a testing command): message 3/4 of the "
			"4-way handshake again, after the handshake completed "
			"(the AP must be security=wpa2)",
		.effect = "ReceivePacket `eapol=3/4`; the extension answers with "
			  "4/4 and must not install the same key again",
		.describe = "{ap} resends message 3/4 to {adapter}",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_resend_m3,
	},
	{
		.name = "ap-reauth", .usage = "AP ADAPTER",
		.help = "hostapd EAPOL_REAUTH: the AP's 802.1X authenticator "
			"re-authenticates the station: a new EAP conversation "
			"(hostapd 2.10 starts no 4-way handshake after it; the "
			"AP must be security=wpa2-eap)",
		.effect = "ReceivePacket `eapol=eap-request-identity` while "
			  "authorized; the extension runs EAP again and keeps "
			  "its keys",
		.describe = "{ap} re-authenticates {adapter} (hostapd EAPOL_REAUTH)",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_reauth,
	},
	{
		.name = "ap-forge-eapol",
		.usage = "AP ADAPTER kind=bad-mic|stale-counter",
		.help = "the AP transmits a forged EAPOL-Key message 3/4 with a "
			"random MIC: bad-mic carries a replay counter far ahead, "
			"stale-counter the replay counter 0",
		.effect = "ReceivePacket `eapol=3/4`; the extension must drop it: "
			  "no answer, no key set",
		.describe = "{ap} sends a forged message 3/4 to {adapter} ({kind})",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.opts = SCN_OPT_KIND,
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_forge,
	},
	{
		.name = "control",
		.usage = "ADAPTER data=HEX [out=N] [expect=HEX] [ret=WIN32]",
		.help = "a client's WlanIhvControl request: the host calls "
			"Control with the bytes of data= (hex, e.g. 0a1b or "
			"0a.1b; data= for none) and an out buffer of out= bytes "
			"(default 1024); the step fails unless Control returns "
			"ret= (default ERROR_SUCCESS) and, with expect=, gives "
			"back exactly those bytes",
		.effect = "Control `size=N`; the reference extension's commands "
			  "(tools/ext-reference/README.md) reach the NIC through "
			  "NicSpecificExtension",
		.describe = "{adapter}: a client's Control request ({bytes} bytes)",
		.args = { SCN_ARG_ADAPTER },
		.opts = SCN_OPT_DATA | SCN_OPT_OUT | SCN_OPT_EXPECT | SCN_OPT_RET,
		.needs_extension = true,
		.check = scn_check_control,
	},
	{
		.name = "link",
		.usage = "AP ADAPTER [signal=DBM|signal=A..B over=T] [loss=N%] "
			 "[delay=T] [dir=both|down|up]",
		.help = "the wireless medium between the AP and the adapter, from "
			"now on: the signal frames arrive with (dBm; default -30 "
			"for every link), or a ramp from A to B in 100 ms steps "
			"over T; the share of frames lost (a unicast frame is "
			"retried, so it is lost only when every attempt is); a "
			"delay (frames keep their order); dir= sets one direction "
			"only (down: AP to adapter, up: adapter to AP); what is "
			"not given stays as it was",
		.effect = "none by itself; `loss=100%` makes the adapter lose "
			  "the AP: beacon loss, `UNREACHABLE` after about 1 s",
		.describe = "link {ap} {adapter}: {link}",
		.args = { SCN_ARG_AP, SCN_ARG_ADAPTER },
		.opts = SCN_OPT_SIGNAL | SCN_OPT_LOSS | SCN_OPT_DELAY |
			SCN_OPT_OVER | SCN_OPT_DIR,
		.check = scn_check_link,
	},
	{
		.name = "session", .usage = "EVENT [id=N]",
		.help = "a user session changes (Windows' WTS notification): "
			"EVENT is console-connect, console-disconnect, "
			"remote-connect, remote-disconnect, logon, logoff, lock, "
			"unlock, remote-control, create or terminate (WTS_* 1..11), "
			"of session id= (default 1); the host keeps the logged-on "
			"session (logon sets it, its logoff clears it)",
		.effect = "ProcessSessionChange `type=EVENT value=ID`; the "
			  "reference extension asks its questions in the logged-on "
			  "session",
		.describe = "user session {id}: {event}",
		.args = { SCN_ARG_SESSION_EVENT },
		.opts = SCN_OPT_ID,
		.needs_extension = true,
	},
	{
		.name = "ui-query", .usage = "ADAPTER [phase=any|initial|post-l3]",
		.help = "the host asks the extension for a UI request of the "
			"connection phase (default any); a request it returns is "
			"pending like a sent one (both its buffers must come from "
			"AllocateBuffer: the host frees them)",
		.effect = "QueryUIRequest `type=PHASE` (`size=N` when it returned "
			  "a request)",
		.describe = "{adapter}: the host queries a UI request (phase {phase})",
		.args = { SCN_ARG_ADAPTER },
		.opts = SCN_OPT_PHASE,
		.needs_extension = true,
	},
	{
		.name = "ui-answer",
		.usage = "ADAPTER (text=\"...\"|data=HEX) [request=N]",
		.help = "the user answers the adapter's Nth pending UI request "
			"(default the oldest): the host asks IsUIRequestPending, "
			"then delivers the answer's bytes (text= as UTF-8, no NUL; "
			"or data= hex) with ProcessUIResponse; a request the "
			"extension no longer waits on is dropped (traced "
			"ui-request-withdrawn); the step fails when the adapter has "
			"no such request",
		.effect = "IsUIRequestPending `value=1`, ProcessUIResponse "
			  "`size=N`; or IsUIRequestPending `value=0` only",
		.describe = "{adapter}: the user answers a UI request ({request}, {bytes} bytes)",
		.args = { SCN_ARG_ADAPTER },
		.opts = SCN_OPT_TEXT | SCN_OPT_DATA | SCN_OPT_REQUEST,
		.needs_extension = true,
		.check = scn_check_ui_answer,
	},
	{
		.name = "scan", .usage = "ADAPTER AP [signal=DBM]",
		.help = "the adapter's radio scans the AP's channel through "
			"nl80211 (the runner's scan, not the host's: no handler is "
			"called); the step fails unless, in one of up to 3 scans, "
			"the AP's BSS is in the results and, with signal=, was "
			"heard at exactly that signal (dBm: what the wireless "
			"medium gave its beacons and probe responses, see link)",
		.effect = "none",
		.describe = "{adapter} scans for {ap} (ssid {ssid}, {mhz} MHz)",
		.args = { SCN_ARG_ADAPTER, SCN_ARG_AP },
		.opts = SCN_OPT_SIGNAL,
		.ap_need = SCN_AP_NEED_UP,
		.check = scn_check_scan,
	},
	{
		.name = "unload", .usage = "",
		.help = "the extension is removed (DeinitAdapter each, "
			"DeinitService)",
		.effect = "StopPostAssociate where associated, DeinitAdapter for "
			  "each adapter, DeinitService",
		.describe = "{name}",
		.unloads = true,
	},
	{
		.name = "sleep", .usage = "DURATION",
		.help = "wait",
		.effect = "",
		.args = { SCN_ARG_DURATION },
	},
};

size_t scn_action_count(void)
{
	return ARRAY_SIZE(actions);
}

const struct scn_action *scn_action_at(size_t i)
{
	return i < ARRAY_SIZE(actions) ? &actions[i] : NULL;
}

const struct scn_action *scn_action_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (!strcmp(actions[i].name, name))
			return &actions[i];
	return NULL;
}

const char *scn_action_name(const struct scn_action *a)
{
	return a->name;
}

bool scn_action_is_wait(const struct scn_action *a)
{
	return !a->describe;
}

/* Appends @text to @buf (at *@at, bounded by @len, always terminated). */
static void put(char *buf, size_t len, size_t *at, const char *text)
{
	int n = snprintf(buf + *at, len - *at, "%s", text);

	if (n > 0)
		*at += (size_t)n < len - *at ? (size_t)n : len - *at - 1;
}

/* The value of one {placeholder} of a description, or NULL. */
static const char *field(const struct scn_script *s, const struct scn_step *st,
			 const char *key, size_t klen, char *num, size_t nlen)
{
	const struct scn_action_args *a = &st->u.action.args;
	const struct scn_ap *ap = a->ap < s->n_aps ? &s->aps[a->ap] : NULL;

#define IS(k) (klen == sizeof(k) - 1 && !strncmp(key, k, klen))
	if (IS("name"))
		return st->u.action.def->name;
	if (IS("adapter"))
		return a->adapter < s->n_adapters ? s->adapters[a->adapter].name : NULL;
	if (IS("ap"))
		return ap ? ap->name : NULL;
	if (IS("ssid"))
		return ap ? ap->ssid : NULL;
	if (IS("block"))
		return a->block ? "block" : "unblock";
	if (IS("kind"))
		return scn_forge_name(a->forge);
	if (IS("profile")) {
		if (a->profile >= s->n_profiles)
			return "";
		snprintf(num, nlen, ", profile %s", s->profiles[a->profile].name);
		return num;
	}
	if (IS("count")) {
		snprintf(num, nlen, "%u", a->count);
		return num;
	}
	if (IS("event")) {
		const char *e = scn_ui_event_name(a->session_event);

		return e ? e : "?";
	}
	if (IS("id")) {
		snprintf(num, nlen, "%u", (unsigned int)a->session_id);
		return num;
	}
	if (IS("phase")) {
		const char *ph = scn_ui_phase_name(a->phase);

		return ph ? ph : "?";
	}
	if (IS("request")) {
		if (a->request)
			snprintf(num, nlen, "number %u", (unsigned int)a->request);
		else
			snprintf(num, nlen, "the oldest");
		return num;
	}
	if (IS("link")) {
		const struct scn_link_args *k = &a->link;
		int n = 0;

		num[0] = '\0';
		if (k->has_signal && k->ramp)
			n += snprintf(num + n, nlen - (size_t)n, "signal %d..%d dBm "
				      "over %llu ms", (int)k->signal_dbm,
				      (int)k->signal_to_dbm,
				      (unsigned long long)k->over_ms);
		else if (k->has_signal)
			n += snprintf(num + n, nlen - (size_t)n, "signal %d dBm",
				      (int)k->signal_dbm);
		if (k->has_loss && n < (int)nlen)
			n += snprintf(num + n, nlen - (size_t)n, "%sloss %u%%",
				      n ? ", " : "", (unsigned int)k->loss_pct);
		if (k->has_delay && n < (int)nlen)
			n += snprintf(num + n, nlen - (size_t)n, "%sdelay %llu ms",
				      n ? ", " : "", (unsigned long long)k->delay_ms);
		if (n < (int)nlen)
			snprintf(num + n, nlen - (size_t)n, " (%s)",
				 k->dir == SCN_LINK_DOWN ? "down: ap to adapter" :
				 k->dir == SCN_LINK_UP ? "up: adapter to ap" :
				 "both ways");
		return num;
	}
	if (IS("bytes")) {
		snprintf(num, nlen, "%zu", a->data_len);
		return num;
	}
	if (IS("mhz") && ap) {
		snprintf(num, nlen, "%u", (unsigned int)ap->freq_mhz);
		return num;
	}
	if (IS("reason")) {
		snprintf(num, nlen, "%u", (unsigned int)a->reason);
		return num;
	}
#undef IS
	return NULL;
}

int scn_step_describe(const struct scn_script *s, const struct scn_step *st,
		      char *buf, size_t len)
{
	const char *tpl;
	size_t at = 0;

	if (!len)
		return -EINVAL;
	buf[0] = '\0';
	if (st->kind != SCN_STEP_ACTION || !st->u.action.def->describe)
		return -ENOENT;
	tpl = st->u.action.def->describe;
	while (*tpl) {
		const char *open = strchr(tpl, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		char piece[256], num[128];
		const char *val;

		if (!open || !close) {
			put(buf, len, &at, tpl);
			break;
		}
		snprintf(piece, sizeof(piece), "%.*s", (int)(open - tpl), tpl);
		put(buf, len, &at, piece);
		val = field(s, st, open + 1, (size_t)(close - open - 1), num,
			    sizeof(num));
		put(buf, len, &at, val ? val : "?");
		tpl = close + 1;
	}
	return 0;
}

/* Writes @text as part of a Markdown table cell: a '|' would end it. */
static void md_cell(FILE *f, const char *text)
{
	for (const char *c = text; *c; c++) {
		if (*c == '|')
			fputc('\\', f);
		fputc(*c, f);
	}
}

void scn_actions_markdown(FILE *f)
{
	fputs("| statement | what happens | typical result for the extension |\n"
	      "|---|---|---|\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		const struct scn_action *a = &actions[i];

		fprintf(f, "| `%s%s", a->name, a->usage[0] ? " " : "");
		md_cell(f, a->usage);
		fputs("` | ", f);
		md_cell(f, a->help);
		fputs(" | ", f);
		md_cell(f, a->effect);
		fputs(" |\n", f);
	}
}

/* The actions' part of `ihvhost run --help` (scn-help.c). */
void scn_actions_help(FILE *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		const struct scn_action *a = &actions[i];
		char head[64];

		snprintf(head, sizeof(head), "%s%s%s", a->name,
			 a->usage[0] ? " " : "", a->usage);
		if (strlen(head) <= 26)
			fprintf(f, "  %-26s %s\n", head, a->help);
		else
			fprintf(f, "  %s\n  %-26s %s\n", head, "", a->help);
	}
}
