/* SPDX-License-Identifier: MIT */
/*
 * pcap: recordings of netlink messages that tshark dissects.
 *
 * Format: classic pcap, nanosecond variant (magic 0xa1b23c4d), written in
 * host byte order, link type LINKTYPE_NETLINK (253). Each packet is the
 * 16-byte Linux "cooked" (SLL) pseudo header tshark's netlink dissector
 * expects (hatype ARPHRD_NETLINK, protocol NETLINK_GENERIC, big-endian)
 * followed by exactly one netlink message, as received.
 *
 * Timestamps are CLOCK_MONOTONIC receipt times, not dates: tshark shows
 * them as early 1970, and only their differences mean anything (which is
 * all a replay uses).
 *
 * Readers accept both byte orders and both the micro- and nanosecond
 * variants; anything else, or a truncated file, is -EBADMSG with one line
 * naming the file and the packet number (sim_pcap_error).
 */
#ifndef SIM_PCAP_H
#define SIM_PCAP_H

#include <stddef.h>
#include <stdint.h>

#define SIM_PCAP_LINKTYPE_NETLINK 253
#define SIM_PCAP_SLL_LEN 16
#define SIM_PCAP_SNAPLEN 262144

struct sim_pcap_writer;
struct sim_pcap_reader;

/* Creates (truncates) @path and writes the file header. */
int sim_pcap_create(const char *path, struct sim_pcap_writer **out);
/* Appends one netlink message received at @t_ns; flushed at once so a
 * crashing run still leaves a readable recording. */
int sim_pcap_write(struct sim_pcap_writer *w, uint64_t t_ns, const void *msg,
		   size_t len);
/* Closes; reports a late write error. NULL ok. */
int sim_pcap_close(struct sim_pcap_writer *w);

/* -ENOENT etc. from open(2); -EBADMSG for a header that is not a netlink
 * pcap. */
int sim_pcap_open(const char *path, struct sim_pcap_reader **out);
/*
 * The next packet: 0 with *t_ns and the netlink bytes (*data, *len; valid
 * until the next call), -ENODATA at the clean end of the file, -EBADMSG for
 * a truncated or malformed packet, -EIO for a read error.
 */
int sim_pcap_next(struct sim_pcap_reader *r, uint64_t *t_ns,
		  const uint8_t **data, size_t *len);
/* 1-based number of the packet last returned (or refused). */
unsigned sim_pcap_packet_number(const struct sim_pcap_reader *r);
/* The last error, one line: "<path>: packet <n>: <why>". */
const char *sim_pcap_error(const struct sim_pcap_reader *r);
void sim_pcap_free_reader(struct sim_pcap_reader *r);

#endif
