/* SPDX-License-Identifier: MIT */
/*
 * nl: the one netlink request helper of sim/ (after hostap's
 * send_and_recv) and the libnl -> errno boundary.
 *
 * Every request sim/ sends goes through sim_nl_request: it sends @msg with
 * NLM_F_ACK, reads replies until the kernel's ACK/error or NLMSG_DONE,
 * logs the kernel's extended-ACK text on failure and ALWAYS frees @msg.
 * libnl's -NLE_* codes are converted to -errno here and nowhere else.
 */
#ifndef SIM_NL_H
#define SIM_NL_H

#include <stdint.h>

struct nl_msg;
struct nl_sock;

/* Called for each reply message of a request (one for a GET, many for a
 * dump). Return 0 to go on, or a negative errno to make the request fail
 * with it (the rest of the replies is drained). */
typedef int (*sim_nl_reply_fn)(struct nl_msg *msg, void *arg);

/*
 * Sends @msg on @sk and waits for the outcome (the socket's receive
 * timeout bounds each read, see sim_nl_socket_new). @what names the
 * request in the log line ("nl80211 CONNECT on wlan1").
 * Returns >= 0 on success: the kernel's ACK value, which is 0 except for
 * HWSIM_CMD_NEW_RADIO where it is the new radio id (a positive value in
 * the ACK's error field). A negative errno otherwise.
 */
int sim_nl_request(struct nl_sock *sk, struct nl_msg *msg,
		   sim_nl_reply_fn fn, void *arg, const char *what);

/* Like sim_nl_request, but a refusal with @quiet (a negative errno the
 * caller expects and handles, e.g. while polling) is returned without the
 * log line. */
int sim_nl_request_quiet(struct nl_sock *sk, struct nl_msg *msg,
			 sim_nl_reply_fn fn, void *arg, const char *what,
			 int quiet);

/*
 * Like sim_nl_request_quiet, on a socket that also receives unsolicited
 * unicast messages (a SOCKET_OWNER socket gets control-port frames): every
 * message without the request's sequence number is handed to @other, in
 * arrival order, while the request waits for its ACK; @other's return
 * value does not affect the request.
 */
int sim_nl_request_owner(struct nl_sock *sk, struct nl_msg *msg,
			 sim_nl_reply_fn fn, void *arg, const char *what,
			 int quiet, sim_nl_reply_fn other, void *other_arg);

/* A connected netlink socket of @protocol (NETLINK_GENERIC/ROUTE) with
 * extended ACK enabled, close-on-exec, and a receive timeout of
 * @timeout_ms (0: blocking). */
int sim_nl_socket_new(int protocol, unsigned timeout_ms, struct nl_sock **out);

/* Generic netlink family id of @name. -ENOENT when the kernel lacks it. */
int sim_nl_family(struct nl_sock *sk, const char *name);
/* Multicast group id of @family/@group. -ENOENT when absent. */
int sim_nl_mcast_group(struct nl_sock *sk, const char *family,
		       const char *group);

/* Allocates a generic netlink request for @family/@cmd (flags: 0 or
 * NLM_F_DUMP). NULL when out of memory. */
struct nl_msg *sim_nl_genl_msg(int family, uint8_t cmd, int flags);

/*
 * libnl error (negative NLE_*) -> negative errno: the one table, so call
 * it on every libnl return value the moment it is received. Values >= 0
 * (success, counts, ids) pass through unchanged. -NLE_AGAIN is -EAGAIN:
 * on a non-blocking socket it means "drained"; the helpers above, whose
 * sockets carry a receive timeout, report it as -ETIMEDOUT instead.
 */
int sim_nl_errno(int nlerr);

#endif
