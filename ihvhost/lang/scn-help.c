/* SPDX-License-Identifier: MIT */
/*
 * scn help: the language summary printed by `ihvhost run --help`.
 * doc/scenarios.md is the long form; keep the two in step.
 */
#include "scn-int.h"

static const char help[] =
"Scenario files (.scn): one statement per line, '#' starts a comment,\n"
"\"double quotes\" keep spaces in a value. Errors: FILE:LINE:COL: message,\n"
"and nothing runs unless every file checks clean.\n"
"\n"
"Declarations (before the first step):\n"
"  ap NAME ssid=S [channel=1] [security=open|wpa2] [passphrase=P]\n"
"          [cipher=ccmp|tkip]\n"
"                             an AP (hwsim radio + hostapd), started first;\n"
"                             channel 1..14 or 5 GHz 36..165; wpa2 needs an\n"
"                             8..63 character passphrase\n"
"  adapter NAME               a station radio handed to the extension\n"
"  profile NAME ssid=S [ssid=S2 ...] [bss=infrastructure|independent|any]\n"
"          [auth=open|wpa2-psk|wpa2] [cipher=none|ccmp|tkip|wep] [onex=on|off]\n"
"          [connectivity=\"XML\"|connectivity-file=PATH]\n"
"          [security=\"XML\"|security-file=PATH]\n"
"                             a connection profile for connect profile=NAME:\n"
"                             up to 8 SSIDs; auth and cipher default from\n"
"                             each other (open/none); wpa2-psk and wpa2 need\n"
"                             ccmp or tkip, open none or wep; onex=on needs\n"
"                             auth=wpa2; the IHV XML fragments are UTF-8,\n"
"                             inline (attributes in 'single quotes') or read\n"
"                             from PATH (relative to the scenario, at most\n"
"                             64 KiB) when the scenario is checked\n"
"  extension reference|misbehave|PATH    (default reference; PATH has a '/')\n"
"  env KEY=VALUE ...          environment for the extension; checked knobs:\n"
"                             IHV_EXT_DELAY_MS=ms IHV_EXT_POST_DELAY_MS=ms\n"
"                             IHV_EXT_PREASSOC=accept|refuse\n"
"                             IHV_EXT_POSTASSOC=authorize|fail\n"
"                             IHV_MISBEHAVE=item[,item] with items crash:H,\n"
"                             hang:H, null-handler:H, complete-late,\n"
"                             complete-never, complete-twice, leak-buffer,\n"
"                             api-out-of-window, stale-handle, exit:H,\n"
"                             _exit:H, segv-exit:H, exit-in-init,\n"
"                             exit-in-constructor, daemon:H,\n"
"                             hang-in-constructor, reset-not-cancelled,\n"
"                             mute-eapol, send-after-stop, key-wrong-peer,\n"
"                             key-outside-postassoc, corrupt-key\n"
"  timeout DURATION           the whole scenario (default 30s)\n"
"  expect-fail RULE [NAME]    the verifier must report RULE (optionally about\n"
"                             handler/API NAME); the scenario passes when it\n"
"                             does. Rules: api-out-of-window, bad-handle,\n"
"                             stale-handle, late-completion, double-completion,\n"
"                             not-cancelled, leaked-buffer, handler-timeout,\n"
"                             bad-parameter\n"
"  expect-exit ok|violation|crash|hang|load [HANDLER]\n"
"                             how the host must end (default ok, violation\n"
"                             with expect-fail); crash/hang may name the\n"
"                             handler it must be caught in\n"
"\n"
"Actions (each one starts a new expectation window):\n";

static const char help_expect[] =
"\n"
"Expectations (on the trace, since the last action):\n"
"  expect [count=N] NAME [key=value ...] [within T]   (default within 5s)\n"
"        waits for a matching call; with count=N, exactly N matching calls\n"
"        over the whole window (default 1s)\n"
"  expect-no NAME [key=value ...] [for T]   no matching call (default 1s)\n"
"  expect-order NAME1 NAME2 [...] [key=value ...] [within T]\n"
"        matching calls happen in this order (the arguments apply to each)\n"
"  expect state ADAPTER none|initialised|pre-associating|associating|\n"
"                       post-associating|authorized [within T]\n"
"  NAME: a handler or API, short (StopPostAssociate, PostAssociateCompletion)\n"
"        or full (Dot11ExtIhvStopPostAssociate, Dot11ExtPostAssociateCompletion)\n"
"  keys: adapter=ADAPTER  peer=@NAME|aa:bb:cc:dd:ee:ff  status=STATUS\n"
"        win32=ERROR_*|N  reason=L2/WLAN reason name|N  ret=ERROR_*|N\n"
"        size=N  value=N  type=N  eapol=1/4|2/4|3/4|4/4|group-1/2|group-2/2\n"
"        (each handler/API accepts its own subset; eapol: ReceivePacket and\n"
"        SendPacket, the EAPOL-Key message the frame carries)\n"
"  @NAME: an AP's BSSID or an adapter's MAC address\n"
"  STATUS: DOT11_ASSOC_STATUS name, e.g. UNREACHABLE, DISASSOCIATED_BY_OS,\n"
"        PEER_DEAUTHENTICATED|3 (range + 802.11 reason), PEER_DEAUTHENTICATED\n"
"        (any reason), or a number (0x10003)\n"
"\n"
"Durations: 500ms, 2s, 1.5s, 1m (a unit is required). Numbers: 42, 0x2a.\n"
"See doc/scenarios.md for the full manual and examples.\n";

void scn_help_print(FILE *f)
{
	fputs(help, f);
	scn_actions_help(f);   /* from the action table */
	fputs(help_expect, f);
}
