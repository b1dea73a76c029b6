/* SPDX-License-Identifier: MIT */
/*
 * air: sim's sniffer internals (contract of the sniffer itself in sim.h).
 *
 *   air-parse.c   radiotap + 802.11 -> struct sim_air_frame: a pure
 *                 function of the bytes (no clock, no state), so the unit
 *                 tests feed it hand-made frames and tests/fuzz/fuzz-air.c
 *                 feeds it anything;
 *   air-pcapng.c  the capture file (pcapng);
 *   air.c         the sniffer radios, their packet sockets, dispatch.
 */
#ifndef SIM_AIR_H
#define SIM_AIR_H

#include <stddef.h>
#include <stdint.h>

#include "sim.h"

/*
 * Parses one frame as a monitor interface delivers it: a radiotap header
 * (version 0, its length and present words within @len; the Flags field,
 * when present, says whether an FCS ends the frame and whether it failed),
 * then the 802.11 frame. Fills @out (freq_mhz and t_ns are left 0: the
 * caller knows them). Returns 0, or -EBADMSG for anything malformed or
 * truncated (out is then unspecified), -EILSEQ for a frame the radio
 * received with a bad FCS. Reads only @pkt[0..len).
 */
int sim_air_parse(const uint8_t *pkt, size_t len, struct sim_air_frame *out);

/* Parses only the 802.11 part (no radiotap), as above. */
int sim_air_parse_80211(const uint8_t *f, size_t len, struct sim_air_frame *out);

/* ---- air-pcapng.c ------------------------------------------------------ */

#define SIM_LINKTYPE_IEEE802_11_RADIOTAP 127

struct sim_pcapng;

/* Creates (0644, truncating) @path and writes the Section Header Block.
 * 0 or -errno. */
int sim_pcapng_create(const char *path, struct sim_pcapng **out);
/* Interface Description Block #n (n counts from 0 in call order):
 * @linktype, @name as if_name, nanosecond timestamps. */
int sim_pcapng_add_interface(struct sim_pcapng *p, uint16_t linktype,
			     const char *name);
/* Enhanced Packet Block: @caplen bytes of a packet of @origlen on
 * interface @ifid, at @t_real_ns (ns since the Unix epoch). One write(2)
 * per block, so a process killed between two leaves a readable file. */
int sim_pcapng_packet(struct sim_pcapng *p, uint32_t ifid, uint64_t t_real_ns,
		      const uint8_t *data, size_t caplen, size_t origlen);
void sim_pcapng_close(struct sim_pcapng *p);

#endif
