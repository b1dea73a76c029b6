/* SPDX-License-Identifier: MIT */
/*
 * fold: the burst of nl80211 messages one disassociation produces -> ONE
 * SIM_EV_DISCONNECTED with its cause. Pure logic: no I/O, no clock. The
 * caller feeds parsed messages with their receipt times and drives time
 * forward through sim_fold_deadline/sim_fold_advance, so every rule is
 * unit-testable with synthesized sequences and a replay is deterministic.
 *
 * Cause rules, strongest evidence first (the bursts themselves are in
 * reference/hwsim-vm-facts.md):
 *  1. a DEAUTHENTICATE / DISASSOCIATE frame sent BY the AP (its addr2 is
 *     the associated BSSID), or DISCONNECT's DISCONNECTED_BY_AP flag:
 *     PEER_DEAUTH / PEER_DISASSOC;
 *  2. an intent (SIM_MSG_INTENT, noted by this process before it asked the
 *     kernel): that cause;
 *  3. a beacon-loss CQM notification during the association, at most
 *     SIM_FOLD_LINK_LOSS_WINDOW_NS before the DISCONNECT: LINK_LOSS;
 *  4. the wiphy is rfkill-blocked: RADIO_OFF;
 *  5. otherwise the locally generated DISCONNECT is unattributed: it waits
 *     the settle window for what may follow in the same kernel call chain:
 *     DEL_INTERFACE (-> IFACE_REMOVED), DEL_WIPHY (-> RADIO_REMOVED), an
 *     rfkill block of its wiphy (-> RADIO_OFF), a new authentication/
 *     association (-> ROAM). When the window passes with none of them the
 *     cause is LOCAL_REQUEST. Why LOCAL_REQUEST: every remaining trigger
 *     (a disconnect request, an interface set down by someone else) is a
 *     decision taken on this host, and "the OS disconnected" is the honest
 *     report when we cannot tell which one.
 * A CONNECT to another BSS (or a ROAM event) while associated ends the old
 * association with cause ROAM. Exactly one DISCONNECTED is emitted per
 * association; its t_first_ns is the first message of the burst (the
 * beacon-loss notification for LINK_LOSS), t_last_ns the last one folded.
 * After a DISCONNECTED caused by removal, SIM_EV_IFACE_REMOVED and then
 * SIM_EV_RADIO_REMOVED follow.
 *
 * Events are delivered synchronously from sim_fold_feed/advance/flush; the
 * callback must not call back into the fold.
 */
#ifndef SIM_FOLD_H
#define SIM_FOLD_H

#include <stdint.h>

#include "parse.h"
#include "sim.h"

/* Long enough for what one kernel call chain emits after the DISCONNECT
 * (measured under qemu TCG: DEL_INTERFACE 6-13 ms later, DEL_WIPHY 6 ms
 * after that; sub-millisecond on real hardware), short enough to go
 * unnoticed by a user. Only unattributed local disconnections wait. */
#define SIM_FOLD_SETTLE_NS_DEFAULT (50 * SIM_NSEC_PER_MSEC)
/* Station messages this much older than the next one belong to another
 * (unfinished) burst and are not folded into it. One burst's messages
 * come from one kernel call chain: milliseconds apart even under TCG. */
#define SIM_FOLD_BURST_GAP_NS (500 * SIM_NSEC_PER_MSEC)
/* A beacon loss older than this does not explain a disconnection (the link
 * recovered; mac80211 gives up within about one second). */
#define SIM_FOLD_LINK_LOSS_WINDOW_NS (10 * SIM_NSEC_PER_SEC)
#define SIM_FOLD_NO_DEADLINE UINT64_MAX

struct sim_fold;

int sim_fold_new(sim_event_cb cb, void *user_data, struct sim_fold **out);
void sim_fold_free(struct sim_fold *fold);
void sim_fold_set_settle(struct sim_fold *fold, uint64_t settle_ns);

/* Folds @m received at @t_ns (first expiring every deadline before @t_ns,
 * so time only moves forward). -ENOMEM when a new interface cannot be
 * tracked; the message is then lost and the caller should say so. */
int sim_fold_feed(struct sim_fold *fold, const struct sim_msg *m,
		  uint64_t t_ns);
/* The earliest pending deadline, SIM_FOLD_NO_DEADLINE if none. */
uint64_t sim_fold_deadline(const struct sim_fold *fold);
/* Fires every deadline <= @now_ns. */
void sim_fold_advance(struct sim_fold *fold, uint64_t now_ns);
/* End of input: fires every pending deadline now (a replay's end). */
void sim_fold_flush(struct sim_fold *fold);

#endif
