/* SPDX-License-Identifier: MIT */
/*
 * run-artefacts: one scenario's files besides its trace, from their names
 * to what is kept of them.
 *
 * Every scenario writes its air capture (and, when asked for, its nl80211
 * recording and hostapd's debug logs) into the run's private temp dir,
 * named after the test: <tmp>/<name>.air.pcapng, <name>.nl80211.pcap,
 * <name>.hostapd-<ap>.log. Once it has ended and been judged, the runner
 * keeps what was asked for:
 *   --pcap DIR       DIR/<name>.air.pcapng next to DIR/<name>.pcap;
 *   --artefacts DIR  DIR/<name>/ for a failed scenario (every one with
 *                    --artefacts-all): trace.jsonl, nl80211.pcap,
 *                    air.pcapng, hostapd-<ap>.log, kernel.log, output.txt.
 * and removes the rest. Without --artefacts, nothing extra is collected
 * (hostapd runs without -dd, /dev/kmsg is not read) and the first failure
 * prints a hint.
 *
 * The kernel log is read here, in the runner, not in the scenario: a
 * scenario killed on its timeout (the case that most needs it) cannot
 * write anything any more. Each scenario gets its own /dev/kmsg reader,
 * positioned at the end of the log when it is spawned and drained when it
 * has ended: every record in between, which under -j N includes the other
 * scenarios' (their radios' wiphy names, "ihv<pid>-<n>-<name>", tell them
 * apart).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run-job.h"

/* The file names inside an artefact folder. */
#define ART_TRACE "trace.jsonl"
#define ART_PCAP "nl80211.pcap"
#define ART_AIR "air.pcapng"
#define ART_KERNEL "kernel.log"
#define ART_OUTPUT "output.txt"
#define ART_HOSTAPD_PREFIX "hostapd-"
#define ART_HOSTAPD_SUFFIX ".log"

static int path_fmt(char *buf, size_t len, const char *a, const char *b)
{
	int n = snprintf(buf, len, "%s%s", a, b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int run_files_prepare(struct run_job *j, const struct run_options *o,
		      const char *tmp_dir)
{
	struct run_files *f = &j->files;
	char file[PATH_MAX / 2];
	int rc;

	memset(f, 0, sizeof(*f));
	f->kmsg_fd = -1;
	run_file_name(j->name, file, sizeof(file));
	if (snprintf(f->base, sizeof(f->base), "%s/%s", tmp_dir, file) >=
	    (int)sizeof(f->base))
		return -ENAMETOOLONG;
	rc = path_fmt(f->air, sizeof(f->air), f->base, ".air.pcapng");
	if (!rc && o->pcap_dir &&
	    snprintf(f->pcap, sizeof(f->pcap), "%s/%s.pcap", o->pcap_dir, file) >=
	    (int)sizeof(f->pcap))
		rc = -ENAMETOOLONG;
	else if (!rc && !o->pcap_dir && o->artefacts_dir)
		rc = path_fmt(f->pcap, sizeof(f->pcap), f->base, ".nl80211.pcap");
	if (rc)
		return rc;
	if (!o->artefacts_dir)
		return 0;
	if (mkdir(o->artefacts_dir, 0755) && errno != EEXIST) {
		rc = -errno;
		fprintf(stderr, "ihvhost run: --artefacts %s: %s\n",
			o->artefacts_dir, strerror(errno));
		return rc;
	}
	f->hostapd_logs = true;
	/* Root (CAP_SYSLOG) or kernel.dmesg_restrict=0; the VM runs as root. */
	f->kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (f->kmsg_fd < 0)
		f->kmsg_err = errno;
	else
		lseek(f->kmsg_fd, 0, SEEK_END);
	return 0;
}

/* Copies @from to @to (0644). -errno; -ENOENT when @from does not exist. */
static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in, out, rc = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		rc = -errno;
		close(in);
		return rc;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			rc = errno ? -errno : -ENOSPC;
			break;
		}
	if (n < 0 && !rc)
		rc = -errno;
	close(in);
	if (close(out) && !rc)
		rc = -errno;
	return rc;
}

/* rename(2), or a copy when the two are on different file systems. */
static int move_file(const char *from, const char *to)
{
	int rc;

	if (rename(from, to) == 0)
		return 0;
	if (errno != EXDEV)
		return -errno;
	rc = copy_file(from, to);
	if (!rc)
		unlink(from);
	return rc;
}

/* The kernel's records since the reader was opened, as dmesg prints
 * them: "[seconds.micros] text". Continuation lines (" KEY=value") are
 * dropped. A reader that fell behind the ring buffer says so and goes on. */
static void kmsg_write(struct run_files *f, FILE *out)
{
	char rec[8192];
	unsigned long lost = 0;
	ssize_t n;

	fputs("# /dev/kmsg from the scenario's start to its end (other "
	      "scenarios' lines too when run with -j N)\n", out);
	for (;;) {
		unsigned long long ts;
		char *semi, *nl;

		n = read(f->kmsg_fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE) {
			lost++;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		rec[n] = '\0';
		semi = strchr(rec, ';');
		/* "prio,seq,ts_usec,flags[,...];text\n" */
		if (!semi || sscanf(rec, "%*u,%*u,%llu", &ts) != 1)
			continue;
		nl = strchr(semi + 1, '\n');
		if (nl)
			*nl = '\0';
		fprintf(out, "[%5llu.%06llu] %s\n", ts / 1000000, ts % 1000000, semi + 1);
	}
	if (lost)
		fprintf(out, "# %lu time(s) the kernel overwrote records before "
			"they were read\n", lost);
}

static void art_kernel_log(struct run_files *f, const char *dir)
{
	char path[PATH_MAX];
	FILE *out;

	if (snprintf(path, sizeof(path), "%s/" ART_KERNEL, dir) >= (int)sizeof(path))
		return;
	out = fopen(path, "we");
	if (!out) {
		fprintf(stderr, "ihvhost run: %s: %s\n", path, strerror(errno));
		return;
	}
	if (f->kmsg_fd >= 0)
		kmsg_write(f, out);
	else
		fprintf(out, "# kernel log not available: /dev/kmsg: %s (reading "
			"it needs root or CAP_SYSLOG)\n", strerror(f->kmsg_err));
	if (fclose(out))
		fprintf(stderr, "ihvhost run: %s: %s\n", path, strerror(errno));
}

/* An older run's files in the folder go: only those this runner writes,
 * so a folder that happens to hold something else keeps it. */
static void art_clean(const char *dir)
{
	static const char *const names[] = {
		ART_TRACE, ART_PCAP, ART_AIR, ART_KERNEL, ART_OUTPUT, NULL,
	};
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		bool ours = false;

		for (const char *const *n = names; *n; n++)
			ours |= !strcmp(de->d_name, *n);
		ours |= !strncmp(de->d_name, ART_HOSTAPD_PREFIX,
				 strlen(ART_HOSTAPD_PREFIX)) &&
			len > strlen(ART_HOSTAPD_SUFFIX) &&
			!strcmp(de->d_name + len - strlen(ART_HOSTAPD_SUFFIX),
				ART_HOSTAPD_SUFFIX);
		if (ours)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/* @what (a file the scenario may not have written: a setup failure
 * stops before hostapd or the capture exist) into the folder. */
static void art_put(const char *from, const char *dir, const char *name,
		    bool move)
{
	char to[PATH_MAX];
	int rc;

	if (!from[0] || snprintf(to, sizeof(to), "%s/%s", dir, name) >= (int)sizeof(to))
		return;
	rc = move ? move_file(from, to) : copy_file(from, to);
	if (rc && rc != -ENOENT)
		fprintf(stderr, "ihvhost run: %s -> %s: %s\n", from, to, strerror(-rc));
}

static void art_output(const struct run_job *j, const char *dir)
{
	char path[PATH_MAX];
	FILE *out;

	if (snprintf(path, sizeof(path), "%s/" ART_OUTPUT, dir) >= (int)sizeof(path))
		return;
	out = fopen(path, "we");
	if (!out)
		return;
	if (j->out)
		fputs(j->out, out);
	fclose(out);
}

/* The scenario's folder: DIR/<file name>/, "~" for "/" as in --trace. */
static void art_keep(struct run_job *j, const struct run_options *o)
{
	struct run_files *f = &j->files;
	char file[PATH_MAX / 2], dir[PATH_MAX - 64], log[PATH_MAX + 64];

	run_file_name(j->name, file, sizeof(file));
	if (snprintf(dir, sizeof(dir), "%s/%s", o->artefacts_dir, file) >=
	    (int)sizeof(dir))
		return;
	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "ihvhost run: %s: %s\n", dir, strerror(errno));
		return;
	}
	art_clean(dir);
	art_put(j->trace, dir, ART_TRACE, false);
	/* --pcap keeps its own copies; the private ones move */
	art_put(f->pcap, dir, ART_PCAP, !o->pcap_dir);
	art_put(f->air, dir, ART_AIR, !o->pcap_dir);
	for (size_t i = 0; i < j->s->n_aps; i++) {
		char name[96];

		snprintf(log, sizeof(log), "%s.hostapd-%s.log", f->base,
			 j->s->aps[i].name);
		snprintf(name, sizeof(name), ART_HOSTAPD_PREFIX "%s" ART_HOSTAPD_SUFFIX,
			 j->s->aps[i].name);
		art_put(log, dir, name, true);
	}
	art_kernel_log(f, dir);
	art_output(j, dir);
	snprintf(f->kept, sizeof(f->kept), "%s/", dir);
}

/* The reason stays first; the folder is appended, the reason cut if
 * both do not fit. */
static void art_name_in_reason(struct run_job *j)
{
	char note[PATH_MAX + 32];
	size_t len = strlen(j->reason), nlen;

	snprintf(note, sizeof(note), " [artefacts: %s]", j->files.kept);
	nlen = strlen(note);
	if (nlen >= sizeof(j->reason))
		return;
	if (len + nlen >= sizeof(j->reason))
		len = sizeof(j->reason) - nlen - 1;
	memcpy(j->reason + len, note, nlen + 1);
}

void run_files_finish(struct run_job *j, const struct run_options *o)
{
	static bool hinted;
	struct run_files *f = &j->files;
	char path[PATH_MAX + 64];

	if (!f->base[0])
		return;         /* never prepared: not started */
	if (o->artefacts_dir && (!j->passed || o->artefacts_all)) {
		art_keep(j, o);
		if (!j->passed && f->kept[0])
			art_name_in_reason(j);
	}
	if (f->kmsg_fd >= 0)
		close(f->kmsg_fd);
	f->kmsg_fd = -1;
	if (o->pcap_dir) {
		char file[PATH_MAX / 2];
		int rc;

		run_file_name(j->name, file, sizeof(file));
		snprintf(path, sizeof(path), "%s/%s.air.pcapng", o->pcap_dir, file);
		rc = move_file(f->air, path);
		if (rc && rc != -ENOENT)
			fprintf(stderr, "ihvhost run: %s: %s\n", path, strerror(-rc));
	}
	/* Whatever is left of the private files. */
	unlink(f->air);
	if (!o->pcap_dir && f->pcap[0])
		unlink(f->pcap);
	for (size_t i = 0; i < j->s->n_aps; i++) {
		snprintf(path, sizeof(path), "%s.hostapd-%s.log", f->base,
			 j->s->aps[i].name);
		unlink(path);
	}
	if (!j->passed && !o->artefacts_dir && !hinted) {
		hinted = true;
		fprintf(stderr, "ihvhost run: hint: --artefacts DIR keeps a failed "
			"scenario's trace, nl80211 and air captures, hostapd "
			"debug logs and kernel log in DIR/NAME/\n");
	}
}
