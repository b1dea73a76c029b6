/*
 * pki.c - a throw-away PKI for WPA2-Enterprise APs (sim.h, "PKI"): a CA,
 * the server's certificate and key for hostapd's EAP server, one client
 * certificate and key per user, and an unrelated "other" CA, made by the
 * openssl command-line tool (argv, no shell) in the context's private
 * runtime directory. EC P-256 keys: key generation is instant even under
 * TCG. Certificates are valid for two days, from now.
 *
 * The extensions of a run read the same files (same process, same
 * directory), so the directory is the scenario's `{pki}`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim-internal.h"

extern char **environ;

#define PKI_DAYS "2"

/* The extensions of each certificate, and no other configuration: the
 * system's openssl.cnf would add its own defaults. */
static const char pki_cnf[] =
	"# sim/pki.c: extensions of the throw-away PKI's certificates\n"
	"[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n"
	"[ca]\nbasicConstraints = critical, CA:TRUE\n"
	"keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n"
	"[server]\nbasicConstraints = critical, CA:FALSE\n"
	"keyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n"
	"subjectAltName = DNS:" SIM_PKI_SERVER_NAME "\n"
	"subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
	"[client]\nbasicConstraints = critical, CA:FALSE\n"
	"keyUsage = critical, digitalSignature\nextendedKeyUsage = clientAuth\n"
	"subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n";

static int pki_path(char *out, const struct sim_pki *pki, const char *name,
		    const char *suffix)
{
	int n = snprintf(out, PATH_MAX, "%s/%s%s", pki->dir, name, suffix);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* The first line of openssl's complaint, for the one-line error. */
static void print_err_file(const char *path, const char *what)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	/* Skip the progress dashes openssl prints while generating keys. */
	{
		char *line = strtok(buf, "\n");

		while (line && strspn(line, "-.+*") == strlen(line))
			line = strtok(NULL, "\n");
		fprintf(stderr, "sim: pki: %s failed: %s\n", what,
			line ? line : "(no message from openssl)");
	}
}

/*
 * `openssl req -x509 -new` for one certificate and its new P-256 key:
 * self-signed (@ca_name NULL) or signed by @ca_name's key. Its output goes
 * to a file of the directory, quoted on failure.
 */
static int pki_make(const struct sim_pki *pki, const char *name, const char *ext,
		    const char *cn, const char *ca_name)
{
	char cnf[PATH_MAX], key[PATH_MAX], cert[PATH_MAX], ca[PATH_MAX], cakey[PATH_MAX];
	char err[PATH_MAX], subj[SIM_PKI_NAME_MAX + 8], what[96];
	posix_spawn_file_actions_t fa;
	const char *argv[32];
	int argc = 0, status, r;
	pid_t pid;

	if (pki_path(cnf, pki, "pki", ".cnf") || pki_path(key, pki, name, ".key") ||
	    pki_path(cert, pki, name, ".pem") || pki_path(err, pki, "pki", ".err"))
		return -ENAMETOOLONG;
	snprintf(subj, sizeof(subj), "/CN=%s", cn);
	snprintf(what, sizeof(what), "openssl req -x509 -new -extensions %s (%s.pem)", ext,
		 name);
	argv[argc++] = "openssl";
	argv[argc++] = "req";
	argv[argc++] = "-x509";
	argv[argc++] = "-new";
	argv[argc++] = "-config";
	argv[argc++] = cnf;
	argv[argc++] = "-extensions";
	argv[argc++] = ext;
	argv[argc++] = "-newkey";
	argv[argc++] = "ec";
	argv[argc++] = "-pkeyopt";
	argv[argc++] = "ec_paramgen_curve:P-256";
	argv[argc++] = "-nodes";
	argv[argc++] = "-keyout";
	argv[argc++] = key;
	argv[argc++] = "-out";
	argv[argc++] = cert;
	argv[argc++] = "-days";
	argv[argc++] = PKI_DAYS;
	argv[argc++] = "-subj";
	argv[argc++] = subj;
	if (ca_name) {
		if (pki_path(ca, pki, ca_name, ".pem") || pki_path(cakey, pki, ca_name, ".key"))
			return -ENAMETOOLONG;
		argv[argc++] = "-CA";
		argv[argc++] = ca;
		argv[argc++] = "-CAkey";
		argv[argc++] = cakey;
	}
	argv[argc] = NULL;

	r = posix_spawn_file_actions_init(&fa);
	if (r)
		return -r;
	r = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	if (!r)
		r = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, err,
						     O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
	if (!r)
		r = posix_spawnp(&pid, "openssl", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r) {
		fprintf(stderr, "sim: pki: cannot run %s: %s (is openssl installed?)\n",
			what, strerror(r));
		return -r;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		print_err_file(err, what);
		unlink(err);
		return -EIO;
	}
	unlink(err);
	return 0;
}

static bool pki_name_ok(const char *n)
{
	size_t len = strlen(n);

	if (len < 1 || len > SIM_PKI_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
		      (n[i] >= '0' && n[i] <= '9') || n[i] == '_' || n[i] == '-'))
			return false;
	/* The PKI's own files, and hostapd's in the same directory. */
	return strcmp(n, "ca") && strcmp(n, "other-ca") && strcmp(n, "server") &&
	       strcmp(n, "pki") && strncmp(n, "hostapd", 7);
}

int sim_pki_new(struct sim_ctx *ctx, const char *const *users, size_t n_users,
		struct sim_pki *out)
{
	FILE *f;
	char cnf[PATH_MAX];
	int fd, r;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n_users; i++)
		if (!users[i] || !pki_name_ok(users[i])) {
			fprintf(stderr, "sim: pki: user name '%s' is not 1..%d of "
				"[A-Za-z0-9_-] or is one of the PKI's own files "
				"(ca, other-ca, server, pki, hostapd*)\n",
				users[i] ? users[i] : "(null)", SIM_PKI_NAME_MAX);
			return -EINVAL;
		}
	snprintf(out->dir, sizeof(out->dir), "%s", ctx->rundir);
	if (pki_path(out->ca_cert, out, "ca", ".pem") ||
	    pki_path(out->other_ca_cert, out, "other-ca", ".pem") ||
	    pki_path(out->server_cert, out, "server", ".pem") ||
	    pki_path(out->server_key, out, "server", ".key") ||
	    pki_path(cnf, out, "pki", ".cnf"))
		return -ENAMETOOLONG;
	fd = open(cnf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f) {
		r = -errno;
		close(fd);
		return r;
	}
	fputs(pki_cnf, f);
	r = ferror(f) ? -EIO : 0;
	if (fclose(f) != 0 && !r)
		r = -errno;
	if (r)
		return r;
	r = pki_make(out, "ca", "ca", "ihvhost test CA", NULL);
	if (!r)
		r = pki_make(out, "other-ca", "ca", "ihvhost unrelated CA", NULL);
	if (!r)
		r = pki_make(out, "server", "server", SIM_PKI_SERVER_NAME, "ca");
	for (size_t i = 0; !r && i < n_users; i++)
		r = pki_make(out, users[i], "client", users[i], "ca");
	return r;
}
