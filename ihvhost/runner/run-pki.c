/* SPDX-License-Identifier: MIT */
/*
 * run-pki: the scenario's WPA2-Enterprise world. When the script has a
 * security=wpa2-eap AP or a `user`, the run gets a throw-away PKI
 * (sim_pki_new: a CA, the server's certificate, one client certificate
 * per user, an unrelated CA) in the scenario's private runtime directory.
 * The enterprise APs' hostapd trusts that CA and lists the users declared
 * listed (EAP-TLS), and every `{pki}` of a profile fragment becomes that
 * directory before the profile reaches the extension (same process: it
 * reads the very files).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run-world.h"

struct run_pki {
	struct sim_pki pki;
	const char *users[SCN_MAX_USERS];     /* every user: a certificate */
	const char *listed[SCN_MAX_USERS];    /* in the APs' user files */
	size_t n_users, n_listed;
	/* The profiles' fragments with {pki} replaced (owned here; the
	 * world's ihv_profile points at them). */
	char *conn[SCN_MAX_PROFILES];
	char *sec[SCN_MAX_PROFILES];
	/* eap-identity=USER: that user's certificate and key, for the
	 * host's 802.1X (the world's ihv_profile.onex_creds point here). */
	char *onex_cert[SCN_MAX_PROFILES];
	char *onex_key[SCN_MAX_PROFILES];
};

static bool run_pki_needed(const struct scn_script *s)
{
	if (s->n_users)
		return true;
	for (size_t i = 0; i < s->n_aps; i++)
		if (s->aps[i].security == SCN_SEC_WPA2_EAP)
			return true;
	return false;
}

/* @xml with every "{pki}" replaced by @dir; NULL when out of memory. */
static char *run_pki_subst(const char *xml, const char *dir)
{
	static const char tag[] = "{pki}";
	size_t n = 0, dlen = strlen(dir), len;
	const char *c;
	char *out, *o;

	for (c = strstr(xml, tag); c; c = strstr(c + 1, tag))
		n++;
	len = strlen(xml) + n * dlen + 1;
	out = malloc(len);
	if (!out)
		return NULL;
	for (o = out, c = xml; *c;) {
		if (!strncmp(c, tag, sizeof(tag) - 1)) {
			memcpy(o, dir, dlen);
			o += dlen;
			c += sizeof(tag) - 1;
		} else {
			*o++ = *c++;
		}
	}
	*o = '\0';
	return out;
}

int run_pki_build(struct run_world *w)
{
	const struct scn_script *s = w->s;
	struct run_pki *pk;
	int rc;

	if (!run_pki_needed(s))
		return 0;
	pk = calloc(1, sizeof(*pk));
	if (!pk)
		return -ENOMEM;
	w->pki = pk;
	for (size_t i = 0; i < s->n_users; i++) {
		pk->users[pk->n_users++] = s->users[i].name;
		if (s->users[i].listed)
			pk->listed[pk->n_listed++] = s->users[i].name;
	}
	rc = sim_pki_new(w->sim, pk->users, pk->n_users, &pk->pki);
	if (rc) {
		fprintf(stderr, "%s: the PKI of the WPA2-Enterprise world could "
			"not be made: %s\n", s->file, strerror(-rc));
		return rc;
	}
	for (size_t i = 0; i < s->n_profiles; i++) {
		const struct scn_profile *sp = &s->profiles[i];
		struct ihv_onex_creds *oc = &w->profile[i].onex_creds;

		/* The language checked that the identity is a declared user,
		 * so the PKI made its certificate. */
		if (sp->eap_identity) {
			if (asprintf(&pk->onex_cert[i], "%s/%s.pem", pk->pki.dir,
				     sp->eap_identity) < 0) {
				pk->onex_cert[i] = NULL;
				return -ENOMEM;
			}
			if (asprintf(&pk->onex_key[i], "%s/%s.key", pk->pki.dir,
				     sp->eap_identity) < 0) {
				pk->onex_key[i] = NULL;
				return -ENOMEM;
			}
			oc->identity = sp->eap_identity;
			oc->ca_file = pk->pki.ca_cert;
			oc->cert_file = pk->onex_cert[i];
			oc->key_file = pk->onex_key[i];
			oc->server_name = SIM_PKI_SERVER_NAME;
		}
		if (!sp->uses_pki)
			continue;
		if (sp->connectivity_xml) {
			pk->conn[i] = run_pki_subst(sp->connectivity_xml, pk->pki.dir);
			if (!pk->conn[i])
				return -ENOMEM;
			w->profile[i].connectivity_xml = pk->conn[i];
		}
		if (sp->security_xml) {
			pk->sec[i] = run_pki_subst(sp->security_xml, pk->pki.dir);
			if (!pk->sec[i])
				return -ENOMEM;
			w->profile[i].security_xml = pk->sec[i];
		}
	}
	return 0;
}

void run_pki_ap_config(const struct run_world *w, size_t ap, struct sim_ap_config *cfg)
{
	if (!w->pki || w->s->aps[ap].security != SCN_SEC_WPA2_EAP)
		return;
	cfg->pki = &w->pki->pki;
	cfg->eap_users = w->pki->listed;
	cfg->n_eap_users = w->pki->n_listed;
}

void run_pki_free(struct run_world *w)
{
	struct run_pki *pk = w->pki;

	if (!pk)
		return;
	for (size_t i = 0; i < SCN_MAX_PROFILES; i++) {
		free(pk->conn[i]);
		free(pk->sec[i]);
		free(pk->onex_cert[i]);
		free(pk->onex_key[i]);
	}
	free(pk);
	w->pki = NULL;
}

int run_pki_act_reauth(struct run_world *w, const struct scn_step *st,
		       const struct scn_action_args *a)
{
	int rc;

	if (!w->ap[a->ap])
		return run_fail(w, &st->pos, "%s: ap %s is not running",
				scn_step_name(st), w->s->aps[a->ap].name);
	rc = sim_ap_eapol_reauth(w->ap[a->ap], w->sta_mac[a->adapter]);
	if (rc < 0)
		return run_fail(w, &st->pos, "%s failed: %s", scn_step_name(st),
				strerror(-rc));
	return 0;
}
