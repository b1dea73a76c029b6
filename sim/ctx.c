/* SPDX-License-Identifier: MIT */
/*
 * The sim context (contract in sim.h and sim-internal.h): request sockets,
 * family ids, the private runtime directory, and what must be undone.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/netlink.h>
#include <netlink/socket.h>

#include "nl.h"
#include "sim-internal.h"

/* Replies to requests come back within milliseconds; this bound only turns
 * a wedged kernel or a lost reply into an error instead of a hang. */
#define CTX_REQUEST_TIMEOUT_MS 5000

struct sim_intent_table *sim_ctx_intents(struct sim_ctx *ctx)
{
	return &ctx->intents;
}

/* hwsim's genetlink family admits anyone to resolve it, but NEW_RADIO
 * needs CAP_NET_ADMIN: say so up front instead of at the first radio. */
static bool has_net_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return geteuid() == 0;
	return data[CAP_NET_ADMIN / 32].effective & (1u << (CAP_NET_ADMIN % 32));
}

static const char *runtime_base(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (xdg && xdg[0] == '/' && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode) &&
	    access(xdg, W_OK) == 0)
		return xdg;
	if (access("/run", W_OK) == 0)
		return "/run";
	return "/tmp";
}

extern char **environ;

static void env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

/* A copy of the environment as it is now, for the processes sim starts. */
static char **env_copy(void)
{
	size_t n = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = calloc(n + 1, sizeof(*env));
	for (size_t i = 0; env && i < n; i++) {
		env[i] = strdup(environ[i]);
		if (!env[i]) {
			env_free(env);
			return NULL;
		}
	}
	return env;
}

/* The directory holds only flat files and sockets we created. */
static void rundir_remove(const char *path)
{
	struct dirent *de;
	DIR *d = opendir(path);

	if (d) {
		while ((de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			if (unlinkat(dirfd(d), de->d_name, 0) < 0)
				fprintf(stderr, "sim: cannot remove %s/%s: %s\n",
					path, de->d_name, strerror(errno));
		}
		closedir(d);
	}
	if (rmdir(path) < 0 && errno != ENOENT)
		fprintf(stderr, "sim: cannot remove %s: %s\n", path,
			strerror(errno));
}

int sim_ctx_new(struct sim_ctx **out)
{
	struct sim_ctx *ctx;
	const char *hostapd;
	int r;

	if (!has_net_admin())
		return -EPERM;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	r = sim_nl_socket_new(NETLINK_GENERIC, CTX_REQUEST_TIMEOUT_MS,
			      &ctx->genl);
	if (r < 0)
		goto free_ctx;
	r = sim_nl_family(ctx->genl, "nl80211");
	if (r < 0)
		goto free_genl;
	ctx->nl80211_id = r;
	r = sim_nl_family(ctx->genl, "MAC80211_HWSIM");
	if (r < 0)
		goto free_genl;
	ctx->hwsim_id = r;
	r = sim_nl_socket_new(NETLINK_ROUTE, CTX_REQUEST_TIMEOUT_MS,
			      &ctx->rtnl);
	if (r < 0)
		goto free_genl;
	r = snprintf(ctx->rundir, sizeof(ctx->rundir), "%s/ihvsim-XXXXXX",
		     runtime_base());
	if (r < 0 || (size_t)r >= sizeof(ctx->rundir)) {
		r = -ENAMETOOLONG;
		goto free_rtnl;
	}
	/* mkdtemp creates it 0700: hostapd's control sockets inside are
	 * reachable by this user only. */
	if (!mkdtemp(ctx->rundir)) {
		r = -errno;
		goto free_rtnl;
	}
	hostapd = getenv("IHV_HOSTAPD");
	ctx->hostapd = strdup(hostapd && hostapd[0] ? hostapd : SIM_HOSTAPD_DEFAULT);
	ctx->env = env_copy();
	if (!ctx->hostapd || !ctx->env) {
		r = -ENOMEM;
		goto free_env;
	}
	*out = ctx;
	return 0;
free_env:
	free(ctx->hostapd);
	env_free(ctx->env);
	rundir_remove(ctx->rundir);
free_rtnl:
	nl_socket_free(ctx->rtnl);
free_genl:
	nl_socket_free(ctx->genl);
free_ctx:
	free(ctx);
	return r;
}

void sim_ctx_free(struct sim_ctx *ctx)
{
	if (!ctx)
		return;
	/* APs first: hostapd must not outlive the radio it drives, and each
	 * stop is bounded (SIGKILL after a grace period). */
	while (ctx->aps)
		sim_ap_stop(ctx->aps);
	while (ctx->radios)
		sim_radio_del(ctx->radios);
	rundir_remove(ctx->rundir);
	nl_socket_free(ctx->rtnl);
	/* Closing the socket that created the radios would destroy them too
	 * (DESTROY_RADIO_ON_CLOSE); the explicit deletes above report errors. */
	nl_socket_free(ctx->genl);
	free(ctx->hostapd);
	env_free(ctx->env);
	free(ctx);
}
