/* SPDX-License-Identifier: MIT */
/*
 * Stable names for sim's enums (used in traces, logs and test output).
 * No default: a new enum value must get a name here or the build warns.
 */
#include "sim.h"

const char *sim_cause_name(enum sim_disc_cause cause)
{
	switch (cause) {
	case SIM_CAUSE_PEER_DEAUTH:   return "peer-deauth";
	case SIM_CAUSE_PEER_DISASSOC: return "peer-disassoc";
	case SIM_CAUSE_LOCAL_REQUEST: return "local-request";
	case SIM_CAUSE_IFACE_DOWN:    return "iface-down";
	case SIM_CAUSE_LINK_LOSS:     return "link-loss";
	case SIM_CAUSE_IFACE_REMOVED: return "iface-removed";
	case SIM_CAUSE_RADIO_REMOVED: return "radio-removed";
	case SIM_CAUSE_RADIO_OFF:     return "radio-off";
	case SIM_CAUSE_ROAM:          return "roam";
	}
	/* Only reachable with a value outside the enum (corrupt input). */
	return "unknown-cause";
}

const char *sim_event_type_name(enum sim_event_type type)
{
	switch (type) {
	case SIM_EV_CONNECTED:      return "connected";
	case SIM_EV_CONNECT_FAILED: return "connect-failed";
	case SIM_EV_DISCONNECTED:   return "disconnected";
	case SIM_EV_IFACE_REMOVED:  return "iface-removed";
	case SIM_EV_RADIO_REMOVED:  return "radio-removed";
	case SIM_EV_RADIO_NEW:      return "radio-new";
	case SIM_EV_SIGNAL:         return "signal";
	case SIM_EV_MIC_FAILURE:    return "mic-failure";
	case SIM_EV_RFKILL:         return "rfkill";
	}
	return "unknown-event";
}
