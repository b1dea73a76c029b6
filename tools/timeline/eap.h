/* SPDX-License-Identifier: MIT */
/*
 * eap.h: what eap.c keeps of each EAPOL-carrying record, for conv.c, which
 * rebuilds the conversations from it (both private to tools/timeline/).
 */
#ifndef TL_EAP_H
#define TL_EAP_H

#include <stdbool.h>
#include <stdint.h>

#include "timeline.h"

enum tl_obs_what {
	TL_OBS_REQ,        /* an EAP-Request reached the station */
	TL_OBS_RESP,       /* the station answered one */
	TL_OBS_START,      /* the station's EAPOL-Start */
	TL_OBS_SUCCESS,    /* EAP-Success, or the host OneX's result */
	TL_OBS_FAILURE,
	TL_OBS_METHOD,     /* the host OneX names the method, no result yet */
	TL_OBS_LOGOFF,     /* the station's EAPOL-Logoff */
	TL_OBS_STOP,       /* Dot11ExtIhvStopPostAssociate */
	TL_OBS_ONEX_STOP,  /* the host's supplicant stopped */
	TL_OBS_KEY,        /* 4-way handshake message keymsg */
};

struct tl_eap_obs {
	uint64_t t_ns;
	unsigned int line;
	enum tl_view view;
	enum tl_obs_what what;
	unsigned int by;       /* TL_BY_* this record proves */
	unsigned int keymsg;   /* TL_OBS_KEY: 1..4 */
	bool identity, nak;
	char method[16];       /* "TLS"; "?" for an unnamed type */
	char *station, *peer;  /* peer may be NULL */
};

#endif /* TL_EAP_H */
