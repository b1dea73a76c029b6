/* SPDX-License-Identifier: MIT */
/*
 * medium-table: the medium process's radios, links and interface
 * addresses, and its control socket (protocol in medium.h; the process
 * in medium-proc.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "medium-proc.h"

uint64_t sim_mp_now(void)
{
	return sim_clock_now_ns();
}

/* Counts a message that failed validation; the first few are named on
 * stderr (the scenario's output), the rest only counted. */
void sim_mp_invalid(struct mp *mp, const char *what, unsigned int a,
		       unsigned int b)
{
	if (mp->st.invalid++ < 3)
		fprintf(stderr, "sim: medium: dropped a message from hwsim: %s "
			"(%u, %u)\n", what, a, b);
}

/* ---- radios and links ------------------------------------------------- */

struct mp_radio *sim_mp_radio_by_hw(struct mp *mp, const uint8_t *hw)
{
	for (size_t i = 0; i < mp->n_radios; i++)
		if (!memcmp(mp->radios[i].hwaddr, hw, SIM_ETH_ALEN))
			return &mp->radios[i];
	return NULL;
}

struct mp_link *sim_mp_link_find(struct mp *mp, const uint8_t *tx,
				    const uint8_t *rx)
{
	for (size_t i = 0; i < mp->n_links; i++)
		if (!memcmp(mp->links[i].tx, tx, SIM_ETH_ALEN) &&
		    !memcmp(mp->links[i].rx, rx, SIM_ETH_ALEN))
			return &mp->links[i];
	return NULL;
}

/* Whether @r receives frames addressed to @a: its own address, or one of
 * its interfaces'. */
bool sim_mp_radio_has(const struct mp *mp, const struct mp_radio *r,
			 const uint8_t *a)
{
	if (!memcmp(r->addr, a, SIM_ETH_ALEN))
		return true;
	for (size_t i = 0; i < mp->n_vifs; i++)
		if (!memcmp(mp->vifs[i].hw, r->hwaddr, SIM_ETH_ALEN) &&
		    !memcmp(mp->vifs[i].addr, a, SIM_ETH_ALEN))
			return true;
	return false;
}

static struct nla_policy mp_mac_policy[SIM_HWSIM_ATTR_KNOWN_MAX + 1] = {
	[SIM_HWSIM_ATTR_ADDR_RECEIVER] = { .minlen = SIM_ETH_ALEN,
					   .maxlen = SIM_ETH_ALEN },
	[SIM_HWSIM_ATTR_ADDR_TRANSMITTER] = { .minlen = SIM_ETH_ALEN,
					      .maxlen = SIM_ETH_ALEN },
};

/* HWSIM_CMD_ADD_MAC_ADDR / DEL_MAC_ADDR (mac80211_hwsim_config_mac_nl). */
void sim_mp_vif_change(struct mp *mp, const struct nlmsghdr *nlh, bool add)
{
	struct nlattr *tb[SIM_HWSIM_ATTR_KNOWN_MAX + 1];
	const uint8_t *hw, *addr;

	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, SIM_HWSIM_ATTR_KNOWN_MAX,
			  mp_mac_policy) < 0 ||
	    !tb[SIM_HWSIM_ATTR_ADDR_TRANSMITTER] || !tb[SIM_HWSIM_ATTR_ADDR_RECEIVER]) {
		sim_mp_invalid(mp, "MAC_ADDR fails its policy (type, length)",
			   nlh->nlmsg_type, nlh->nlmsg_len);
		return;
	}
	hw = nla_data(tb[SIM_HWSIM_ATTR_ADDR_TRANSMITTER]);
	addr = nla_data(tb[SIM_HWSIM_ATTR_ADDR_RECEIVER]);
	for (size_t i = 0; i < mp->n_vifs; i++) {
		if (memcmp(mp->vifs[i].hw, hw, SIM_ETH_ALEN) ||
		    memcmp(mp->vifs[i].addr, addr, SIM_ETH_ALEN))
			continue;
		if (!add)
			mp->vifs[i] = mp->vifs[--mp->n_vifs];
		return;
	}
	if (add && mp->n_vifs < MP_MAX_VIFS) {
		memcpy(mp->vifs[mp->n_vifs].hw, hw, SIM_ETH_ALEN);
		memcpy(mp->vifs[mp->n_vifs].addr, addr, SIM_ETH_ALEN);
		mp->n_vifs++;
	}
}

int32_t sim_mp_signal(const struct mp_link *lk, uint64_t now)
{
	if (!lk)
		return SIM_MEDIUM_SIGNAL_DEFAULT;
	return sim_medium_link_signal(&lk->l, (now - lk->t0_ns) / SIM_NSEC_PER_MSEC);
}

static int mp_set_link(struct mp *mp, const struct sim_medium_wire_cmd *c)
{
	struct mp_link *lk;

	if (sim_medium_link_check(c->set, &c->link) < 0 ||
	    !memcmp(c->tx, c->rx, SIM_ETH_ALEN))
		return -EINVAL;
	lk = sim_mp_link_find(mp, c->tx, c->rx);
	if (!lk) {
		if (mp->n_links == MP_MAX_LINKS)
			return -E2BIG;
		if (!mp->links) {
			mp->links = calloc(MP_MAX_LINKS, sizeof(*mp->links));
			if (!mp->links)
				return -ENOMEM;
		}
		lk = &mp->links[mp->n_links++];
		memcpy(lk->tx, c->tx, SIM_ETH_ALEN);
		memcpy(lk->rx, c->rx, SIM_ETH_ALEN);
		lk->l = (struct sim_medium_link){
			.signal_dbm = SIM_MEDIUM_SIGNAL_DEFAULT,
			.signal_to_dbm = SIM_MEDIUM_SIGNAL_DEFAULT,
		};
		lk->prng = sim_medium_prng_seed(mp->seed, c->tx, c->rx);
	}
	if (c->set & SIM_MEDIUM_SET_SIGNAL) {
		lk->l.signal_dbm = c->link.signal_dbm;
		lk->l.signal_to_dbm = c->link.ramp_ms ? c->link.signal_to_dbm :
							c->link.signal_dbm;
		lk->l.ramp_ms = c->link.ramp_ms;
		lk->t0_ns = sim_mp_now();
	}
	if (c->set & SIM_MEDIUM_SET_LOSS)
		lk->l.loss_pct = c->link.loss_pct;
	if (c->set & SIM_MEDIUM_SET_DELAY)
		lk->l.delay_ms = c->link.delay_ms;
	return 0;
}

static int mp_set_radios(struct mp *mp, const struct sim_medium_wire_cmd *c,
			 size_t len)
{
	const struct sim_medium_wire_radio *rad = (const void *)(c + 1);

	if (c->n > SIM_MEDIUM_MAX_RADIOS ||
	    len != sizeof(*c) + c->n * sizeof(*rad))
		return -EINVAL;
	for (uint32_t i = 0; i < c->n; i++) {
		if (rad[i].role > SIM_MEDIUM_ROLE_SNIFFER)
			return -EINVAL;
		memcpy(mp->radios[i].addr, rad[i].addr, SIM_ETH_ALEN);
		sim_medium_hwaddr(rad[i].addr, mp->radios[i].hwaddr);
		mp->radios[i].role = (enum sim_medium_role)rad[i].role;
	}
	mp->n_radios = c->n;
	return 0;
}

/* One command from the control socket: 0 go on, 1 closed. */
int sim_mp_control(struct mp *mp)
{
	static uint8_t cbuf[sizeof(struct sim_medium_wire_cmd) +
			    SIM_MEDIUM_MAX_RADIOS * sizeof(struct sim_medium_wire_radio)];
	const struct sim_medium_wire_cmd *c = (const void *)cbuf;
	struct sim_medium_wire_reply rep = { 0 };
	ssize_t n = recv(mp->ctl, cbuf, sizeof(cbuf), MSG_DONTWAIT);
	struct rusage ru;

	if (n == 0)
		return 1;
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : 1;
	if ((size_t)n < sizeof(*c)) {
		rep.rc = -EINVAL;
	} else {
		/* A number from the other process, not (yet) our enum. */
		switch (c->cmd) {
		case SIM_MEDIUM_WIRE_RADIOS:
			rep.rc = mp_set_radios(mp, c, (size_t)n);
			break;
		case SIM_MEDIUM_WIRE_LINK:
			rep.rc = mp_set_link(mp, c);
			break;
		case SIM_MEDIUM_WIRE_STATS:
			rep.rc = 0;
			break;
		default:
			rep.rc = -EINVAL;
			break;
		}
	}
	rep.stats = mp->st;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		rep.stats.cpu_us = (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
				   1000000u + (uint64_t)(ru.ru_utime.tv_usec +
							 ru.ru_stime.tv_usec);
	return send(mp->ctl, &rep, sizeof(rep), MSG_NOSIGNAL) == sizeof(rep) ? 0 : 1;
}

