/* SPDX-License-Identifier: MIT */
/*
 * Soft rfkill of a station radio through /dev/rfkill (contract in sim.h).
 *
 * cfg80211 registers one rfkill switch per wiphy; sysfs shows it as
 * /sys/class/ieee80211/<phy>/rfkill<N>, N being the index /dev/rfkill
 * wants. Blocking takes the radio's interfaces down (cfg80211 closes
 * them); unblocking does NOT bring them back up: that is the caller's
 * sim_sta_set_up.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/rfkill.h>

#include "sim-internal.h"

static int rfkill_index(const struct sim_radio *radio, uint32_t *idx)
{
	char path[96];
	struct dirent *de;
	char *end;
	DIR *d;
	int r = -ENOENT;

	snprintf(path, sizeof(path), "/sys/class/ieee80211/%s", radio->info.wiphy_name);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		unsigned long v;

		if (strncmp(de->d_name, "rfkill", 6) || !de->d_name[6])
			continue;
		errno = 0;
		v = strtoul(de->d_name + 6, &end, 10);
		if (*end || errno || v > UINT32_MAX)
			continue;
		*idx = (uint32_t)v;
		r = 0;
		break;
	}
	closedir(d);
	if (r < 0)
		fprintf(stderr, "sim: %s has no rfkill switch\n", path);
	return r;
}

static int rfkill_write(uint32_t idx, bool block)
{
	struct rfkill_event ev = {
		.idx = idx,
		.type = RFKILL_TYPE_WLAN,
		.op = RFKILL_OP_CHANGE,
		.soft = block ? 1 : 0,
	};
	ssize_t n;
	int fd, r = 0;

	fd = open("/dev/rfkill", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		fprintf(stderr, "sim: /dev/rfkill: %s\n", strerror(-r));
		return r;
	}
	n = write(fd, &ev, sizeof(ev));
	if (n < 0)
		r = -errno;
	else if ((size_t)n != sizeof(ev))
		r = -EIO;
	if (r < 0)
		fprintf(stderr, "sim: /dev/rfkill: writing rfkill%u %s: %s\n",
			idx, block ? "block" : "unblock", strerror(-r));
	close(fd);
	return r;
}

int sim_sta_rfkill(struct sim_ctx *ctx, struct sim_radio *sta, bool block)
{
	uint32_t ifindex = sta->info.ifindex;
	uint32_t idx = 0;
	int r, noted = 0;

	r = rfkill_index(sta, &idx);
	if (r < 0)
		return r;
	if (block) {
		noted = sim_note_if_connected(ctx, sta, SIM_CAUSE_RADIO_OFF);
		if (noted < 0)
			return noted;
	}
	r = rfkill_write(idx, block);
	if (r < 0 && noted)
		sim_intent_drop(&ctx->intents, ifindex);
	return r;
}
