/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: sim's air parser (sim/air-parse.c), the one function
 * that reads what the sniffers hear: a radiotap header, then an 802.11
 * frame. The input is copied to a heap buffer of exactly its size, so a
 * read past the end is an ASan report.
 *
 * Oracle besides the sanitizers: the documented results only (0, -EBADMSG,
 * -EILSEQ); on success a summary that stays within the input (the frame's
 * length, at most the input's), a type with a name, an EAPOL name only
 * on an EAPOL frame, a code only where 802.11 puts one; and the 802.11
 * part alone (sim_air_parse_80211) agrees with the whole on a minimal
 * radiotap header.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "air.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct sim_air_frame *f, size_t size)
{
	if (f->len > size || !strcmp(sim_air_type_name(f->type), "?"))
		abort();
	if ((f->eapol != NULL) != (f->type == SIM_AIR_EAPOL))
		abort();
	if (f->has_code && f->type != SIM_AIR_AUTH && f->type != SIM_AIR_DEAUTH &&
	    f->type != SIM_AIR_DISASSOC && f->type != SIM_AIR_ASSOC_RESP &&
	    f->type != SIM_AIR_REASSOC_RESP)
		abort();
	if (f->has_code && f->protected_frame)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_air_frame f, g;
	uint8_t *buf = malloc(size ? size : 1), *rt;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = sim_air_parse(buf, size, &f);
	if (rc != 0 && rc != -EBADMSG && rc != -EILSEQ)
		abort();
	if (rc == 0)
		check(&f, size);
	free(buf);

	/* The same bytes as the 802.11 part behind an 8-byte radiotap header. */
	rt = malloc(size + 8);
	if (!rt)
		return 0;
	memset(rt, 0, 8);
	rt[2] = 8;
	memcpy(rt + 8, data, size);
	rc = sim_air_parse(rt, size + 8, &f);
	if (rc != 0 && rc != -EBADMSG)
		abort();
	if (rc == 0)
		check(&f, size);
	if (sim_air_parse_80211(rt + 8, size, &g) != rc ||
	    (rc == 0 && (f.type != g.type || f.len != g.len || f.code != g.code ||
			 f.eapol != g.eapol)))
		abort();
	free(rt);
	return 0;
}
