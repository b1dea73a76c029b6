/* SPDX-License-Identifier: MIT */
/*
 * The replay event source: a recording (pcap.h) fed through the same
 * parser and folder as the live source. Time is the recorded receipt
 * times: the folder's settle deadlines fire between packets exactly where
 * they fell live, so a replay is deterministic and runs as fast as the file
 * can be read. Each dispatch consumes one packet; at the end of the file
 * pending deadlines fire and dispatch returns -ENODATA.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "monitor.h"

struct monitor_replay {
	struct sim_monitor base;    /* first: the public handle */
	struct sim_pcap_reader *rd;
	int fd;                     /* always readable: there is always a
				     * next step, until -ENODATA */
	bool ended;
};

static struct monitor_replay *to_replay(struct sim_monitor *mon)
{
	return (struct monitor_replay *)mon;
}

static int replay_get_fd(struct sim_monitor *mon)
{
	return to_replay(mon)->fd;
}

static int replay_dispatch(struct sim_monitor *mon)
{
	struct monitor_replay *rp = to_replay(mon);
	const uint8_t *data;
	uint64_t t_ns;
	size_t len;
	int rc;

	if (rp->ended)
		return -ENODATA;
	rc = sim_pcap_next(rp->rd, &t_ns, &data, &len);
	if (rc == -ENODATA) {
		rp->ended = true;
		sim_fold_flush(mon->fold);
		return -ENODATA;
	}
	if (rc < 0) {
		rp->ended = true;
		fprintf(stderr, "sim: replay: %s\n", sim_pcap_error(rp->rd));
		return rc;
	}
	rc = sim_monitor_input(mon, t_ns, data, len);
	if (rc == -EBADMSG) {
		rp->ended = true;
		fprintf(stderr, "sim: replay: %s: packet %u: not a whole "
			"netlink message (%zu bytes)\n", mon->source,
			sim_pcap_packet_number(rp->rd), len);
	}
	return rc;
}

static void replay_destroy(struct sim_monitor *mon)
{
	struct monitor_replay *rp = to_replay(mon);

	sim_monitor_fini(mon);
	sim_pcap_free_reader(rp->rd);
	close(rp->fd);
	free((char *)mon->source);
	free(rp);
}

static const struct sim_monitor_ops replay_ops = {
	.name = "replay",
	.get_fd = replay_get_fd,
	.dispatch = replay_dispatch,
	.destroy = replay_destroy,
};

int sim_monitor_new_replay(const char *pcap_path, sim_event_cb cb,
			   void *user_data, struct sim_monitor **out)
{
	struct monitor_replay *rp;
	char *source;
	int err;

	rp = calloc(1, sizeof(*rp));
	if (!rp)
		return -ENOMEM;
	source = realpath(pcap_path, NULL);
	if (!source)
		source = strdup(pcap_path);
	if (!source) {
		err = -ENOMEM;
		goto free_rp;
	}
	err = sim_pcap_open(pcap_path, &rp->rd);
	if (err < 0)
		goto free_source;
	rp->fd = eventfd(1, EFD_CLOEXEC | EFD_NONBLOCK);
	if (rp->fd < 0) {
		err = -errno;
		goto free_reader;
	}
	err = sim_monitor_init(&rp->base, &replay_ops, source, cb, user_data);
	if (err < 0)
		goto close_fd;
	/* The nl80211 id is learnt from the recording's own announcement. */
	*out = &rp->base;
	return 0;

close_fd:
	close(rp->fd);
free_reader:
	sim_pcap_free_reader(rp->rd);
free_source:
	free(source);
free_rp:
	free(rp);
	return err;
}
