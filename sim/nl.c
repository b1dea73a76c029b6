/* SPDX-License-Identifier: MIT */
/*
 * The one netlink request helper (contract in nl.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * Every NLE_* code of libnl 3 has its row, so no code reaching here is
 * guessed at. The errno is the inverse of libnl's own errno -> NLE_*
 * mapping where it has one (EAGAIN, ENOENT, EPERM, ...), else the closest
 * in meaning; libnl's protocol-level complaints are -EPROTO.
 */
int sim_nl_errno(int nlerr)
{
	if (nlerr >= 0)
		return nlerr;
	switch (-nlerr) {
	case NLE_SUCCESS:           return 0;
	case NLE_FAILURE:           return -EIO;
	case NLE_INTR:              return -EINTR;
	case NLE_BAD_SOCK:          return -EBADF;
	/* A drained non-blocking socket, or an expired SO_RCVTIMEO: only the
	 * caller knows which (the helpers below, whose sockets have a
	 * timeout, report the latter as -ETIMEDOUT). */
	case NLE_AGAIN:             return -EAGAIN;
	case NLE_NOMEM:             return -ENOMEM;
	case NLE_EXIST:             return -EEXIST;
	case NLE_INVAL:             return -EINVAL;
	case NLE_RANGE:             return -ERANGE;
	case NLE_MSGSIZE:           return -EMSGSIZE;
	case NLE_OPNOTSUPP:         return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:      return -EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:      return -ENOENT;
	case NLE_NOATTR:            return -ENOENT;
	case NLE_MISSING_ATTR:      return -EBADMSG;
	case NLE_AF_MISMATCH:       return -EAFNOSUPPORT;
	case NLE_SEQ_MISMATCH:      return -EPROTO;
	case NLE_MSG_OVERFLOW:      return -EPROTO;
	case NLE_MSG_TRUNC:         return -EMSGSIZE;
	case NLE_NOADDR:            return -EADDRNOTAVAIL;
	case NLE_SRCRT_NOSUPPORT:   return -EOPNOTSUPP;
	case NLE_MSG_TOOSHORT:      return -EBADMSG;
	case NLE_MSGTYPE_NOSUPPORT: return -EPROTO;
	case NLE_OBJ_MISMATCH:      return -EINVAL;
	case NLE_NOCACHE:           return -ENOENT;
	case NLE_BUSY:              return -EBUSY;
	case NLE_PROTO_MISMATCH:    return -EPROTONOSUPPORT;
	case NLE_NOACCESS:          return -EACCES;
	case NLE_PERM:              return -EPERM;
	case NLE_PKTLOC_FILE:       return -ENOENT;
	case NLE_PARSE_ERR:         return -EPROTO;
	case NLE_NODEV:             return -ENODEV;
	case NLE_IMMUTABLE:         return -EPERM;
	/* The kernel flagged the dump inconsistent (NLM_F_DUMP_INTR): like
	 * a signal, it asks for a retry. */
	case NLE_DUMP_INTR:         return -EINTR;
	case NLE_ATTRSIZE:          return -EBADMSG;
	}
	/* A code newer than the libnl this was written against. */
	return -EIO;
}

/* On a socket with SO_RCVTIMEO (sim_nl_socket_new) a read that gives
 * EAGAIN is the receive timeout expiring: the kernel did not answer. */
static int timed_errno(int nlerr)
{
	int e = sim_nl_errno(nlerr);

	return e == -EAGAIN ? -ETIMEDOUT : e;
}

struct nl_req_state {
	const char *what;
	int quiet;      /* a refusal with this -errno is not logged (0: none) */
	sim_nl_reply_fn fn;
	void *arg;
	/* sim_nl_request_owner: messages that are not about the request */
	sim_nl_reply_fn other;
	void *other_arg;
	uint32_t seq;   /* the request's sequence number */
	bool done;
	int ack;        /* kernel's value: -errno, 0, or NEW_RADIO's id */
	int fn_err;     /* first error a reply callback returned */
};

static struct nla_policy extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	[NLMSGERR_ATTR_OFFS] = { .type = NLA_U32 },
};

/* The kernel's own explanation of a refusal, when it gave one. */
static void log_extack(const struct nl_req_state *st, struct nlmsgerr *err)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *text = NULL;
	size_t ack_len;

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    err->msg.nlmsg_len >= NLMSG_HDRLEN) {
		ack_len = NLMSG_HDRLEN + sizeof(*err);
		/* Without NLM_F_CAPPED the kernel echoed our whole request
		 * before the TLVs. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			ack_len += err->msg.nlmsg_len - NLMSG_HDRLEN;
		if (ack_len < nlh->nlmsg_len &&
		    nla_parse(tb, NLMSGERR_ATTR_MAX,
			      (struct nlattr *)((char *)nlh + ack_len),
			      (int)(nlh->nlmsg_len - ack_len),
			      extack_policy) == 0 &&
		    tb[NLMSGERR_ATTR_MSG])
			text = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
	}
	fprintf(stderr, "sim: %s: kernel refused: %s%s%s\n", st->what,
		strerror(-err->error), text ? ": " : "", text ? text : "");
}

/* On a socket that also receives unicast events (an owner socket), a
 * message is about the request only when it carries its sequence number:
 * the kernel's events have sequence number 0. */
static bool not_ours(const struct nl_req_state *st, const struct nlmsghdr *nlh)
{
	return st->other && nlh->nlmsg_seq != st->seq;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct nl_req_state *st = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);

	if (not_ours(st, nlh))
		return NL_SKIP;
	st->done = true;
	st->ack = err->error;
	if (err->error < 0 && err->error != st->quiet)
		log_extack(st, err);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct nl_req_state *st = arg;

	if (not_ours(st, nlmsg_hdr(msg)))
		return NL_SKIP;
	st->done = true;
	st->ack = 0;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nl_req_state *st = arg;
	int r;

	if (not_ours(st, nlmsg_hdr(msg))) {
		/* Its errors are the callback's to report: the request
		 * itself is not affected. */
		(void)st->other(msg, st->other_arg);
		return NL_SKIP;
	}
	if (!st->fn || st->fn_err)
		return NL_SKIP;
	r = st->fn(msg, st->arg);
	if (r < 0)
		st->fn_err = r;
	return NL_SKIP;
}

int sim_nl_request(struct nl_sock *sk, struct nl_msg *msg,
		   sim_nl_reply_fn fn, void *arg, const char *what)
{
	return sim_nl_request_quiet(sk, msg, fn, arg, what, 0);
}

/* Every message is accepted: not_ours() sorts them by sequence number. */
static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

int sim_nl_request_quiet(struct nl_sock *sk, struct nl_msg *msg,
			 sim_nl_reply_fn fn, void *arg, const char *what,
			 int quiet)
{
	return sim_nl_request_owner(sk, msg, fn, arg, what, quiet, NULL, NULL);
}

int sim_nl_request_owner(struct nl_sock *sk, struct nl_msg *msg,
			 sim_nl_reply_fn fn, void *arg, const char *what,
			 int quiet, sim_nl_reply_fn other, void *other_arg)
{
	struct nl_req_state st = {
		.what = what, .quiet = quiet, .fn = fn, .arg = arg,
		.other = other, .other_arg = other_arg,
	};
	struct nl_cb *cb;
	int ret, r;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		ret = -ENOMEM;
		goto free_msg;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_ack, &st);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &st);
	/* libnl's own check would fail the whole read on the first event
	 * between our replies (-NLE_SEQ_MISMATCH). */
	if (other)
		nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq,
			  NULL);

	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	r = nl_send_auto(sk, msg);
	if (r < 0) {
		ret = sim_nl_errno(r);
		fprintf(stderr, "sim: %s: send failed: %s\n", what,
			strerror(-ret));
		goto free_cb;
	}
	/* nl_send_auto completed the header: the sequence number is set. */
	st.seq = nlmsg_hdr(msg)->nlmsg_seq;
	while (!st.done) {
		/* _report: > 0 counts messages read. An expired receive
		 * timeout is -NLE_AGAIN (libnl 3.7) or 0, "nothing read"
		 * (older libnl, which swallowed EAGAIN). */
		r = nl_recvmsgs_report(sk, cb);
		/* NL_STOP from on_error makes libnl return an error code even
		 * for NEW_RADIO's positive ACK: the state is the truth. */
		if (st.done)
			break;
		if (r <= 0) {
			ret = r == 0 ? -ETIMEDOUT : timed_errno(r);
			fprintf(stderr, "sim: %s: no answer: %s\n", what,
				strerror(-ret));
			goto free_cb;
		}
	}
	if (st.ack < 0)
		ret = st.ack;
	else if (st.fn_err)
		ret = st.fn_err;
	else
		ret = st.ack;
free_cb:
	nl_cb_put(cb);
free_msg:
	nlmsg_free(msg);
	return ret;
}

int sim_nl_socket_new(int protocol, unsigned timeout_ms, struct nl_sock **out)
{
	struct timeval tv = {
		.tv_sec = timeout_ms / 1000,
		.tv_usec = (timeout_ms % 1000) * 1000,
	};
	struct nl_sock *sk;
	int one = 1, fd, r;

	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	/* libnl opens the socket with SOCK_CLOEXEC, so hostapd (forked
	 * later) cannot keep it, and DESTROY_RADIO_ON_CLOSE stays tied to
	 * this process alone. */
	r = nl_connect(sk, protocol);
	if (r < 0) {
		r = sim_nl_errno(r);
		goto free_sock;
	}
	fd = nl_socket_get_fd(sk);
	/* Older kernels lack extended ACK: requests still work, only the
	 * kernel's error text is lost. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (timeout_ms &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		r = -errno;
		goto free_sock;
	}
	*out = sk;
	return 0;
free_sock:
	nl_socket_free(sk);
	return r;
}

int sim_nl_family(struct nl_sock *sk, const char *name)
{
	int r = genl_ctrl_resolve(sk, name);

	return r < 0 ? timed_errno(r) : r;
}

int sim_nl_mcast_group(struct nl_sock *sk, const char *family,
		       const char *group)
{
	int r = genl_ctrl_resolve_grp(sk, family, group);

	return r < 0 ? timed_errno(r) : r;
}

struct nl_msg *sim_nl_genl_msg(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}
