/* SPDX-License-Identifier: MIT */
/*
 * describe: one parsed trace record -> one timeline entry (layer, arrow,
 * one-line text). The field names are those the host's writers use
 * (ihvhost/host/: service.c, apis.c, loader.c, verifier.c, host.c); anything else
 * is still shown, as key=value, so a new field is never lost.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "timeline.h"

struct tl_sb {
	char *p;
	size_t len, cap;
	bool oom;
};

__attribute__((format(printf, 2, 3)))
static void tl_sb_add(struct tl_sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t ncap = (b->len + (size_t)n + 1) * 2;
		char *np = realloc(b->p, ncap);

		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Fields every record has or that only place the record: never listed. */
static const char *const tl_always_consumed[] = {
	"t_ns", "kind", "wiphy", "ifindex", "adapter", "truncated", NULL,
};

static bool tl_in(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(key, *list) == 0)
			return true;
	return false;
}

/* Appends " key=value" for every field not in @used (nor always consumed),
 * in file order, separated by @sep (the first one gets @first). */
static void tl_rest(struct tl_sb *b, const struct tl_jobj *rec, const char *const *used,
		    const char *first, const char *sep)
{
	bool any = false;

	for (size_t i = 0; i < rec->n; i++) {
		const struct tl_jfield *f = &rec->f[i];

		if (tl_in(f->key, tl_always_consumed) || tl_in(f->key, used))
			continue;
		tl_sb_add(b, "%s%s=%s", any ? sep : first, f->key, f->val);
		any = true;
	}
}

static const char *tl_name_of(const struct tl_doc *d, enum tl_name_key key, uint64_t id)
{
	for (size_t i = 0; i < d->n_names; i++)
		if (d->names[i].key == key && d->names[i].id == id)
			return d->names[i].name;
	return NULL;
}

static int tl_add_name(struct tl_doc *d, enum tl_name_key key, uint64_t id, const char *name)
{
	struct tl_name *nv;
	char *copy;

	if (tl_name_of(d, key, id))
		return 0;  /* the first name given wins */
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	nv = realloc(d->names, (d->n_names + 1) * sizeof(*nv));
	if (!nv) {
		free(copy);
		return -ENOMEM;
	}
	d->names = nv;
	d->names[d->n_names].key = key;
	d->names[d->n_names].id = id;
	d->names[d->n_names].name = copy;
	d->n_names++;
	return 0;
}

/* Linux never gives an interface index 0: the writers use it for "no
 * interface" (a radio event). */
static bool tl_ifindex(const struct tl_jobj *rec, uint64_t *out)
{
	return tl_jobj_u64(rec, "ifindex", out) && *out != 0;
}

/* A record that names its adapter teaches the name for the records (from
 * sim/ and the service) that only carry the numbers. */
static int tl_learn_name(struct tl_doc *d, const struct tl_jobj *rec)
{
	const char *name = tl_jobj_str(rec, "adapter");
	uint64_t ifindex, wiphy;
	int rc;

	if (!tl_ifindex(rec, &ifindex)) {
		if (!name || !tl_jobj_u64(rec, "wiphy", &wiphy))
			return 0;
		return tl_add_name(d, TL_NAME_WIPHY, wiphy, name);
	}
	if (!name)
		name = tl_name_of(d, TL_NAME_IFINDEX, ifindex);
	if (!name)
		return 0;
	rc = tl_add_name(d, TL_NAME_IFINDEX, ifindex, name);
	if (rc == 0 && tl_jobj_u64(rec, "wiphy", &wiphy))
		rc = tl_add_name(d, TL_NAME_WIPHY, wiphy, name);
	return rc;
}

static int tl_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "02:00:00:00:01:00" (then the end, a space or a comma) -> 0x020000000100. */
static bool tl_mac_parse(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++) {
		int hi, lo;

		if (i && *s++ != ':')
			return false;
		hi = tl_hex(s[0]);
		lo = hi < 0 ? -1 : tl_hex(s[1]);
		if (hi < 0 || lo < 0)
			return false;
		v = v << 8 | (uint64_t)(hi << 4 | lo);
		s += 2;
	}
	*out = v;
	return *s == '\0' || *s == ' ' || *s == ',';
}

/* The runner's set-up actions name the air's MACs: "ap1 up: hostapd, ...,
 * bssid 02:00:00:00:01:00" and "sta1 appears: hwsim radio, ..., mac
 * 02:00:00:00:02:00". */
static int tl_learn_node(struct tl_doc *d, const struct tl_jobj *rec)
{
	static const struct {
		const char *sep, *tag;
		enum tl_name_key key;
	} forms[] = {
		{ " up: ", " bssid ", TL_NAME_AP },
		{ " appears: ", " mac ", TL_NAME_STA },
	};
	const char *kind = tl_jobj_str(rec, "kind"), *text = tl_jobj_str(rec, "text");
	char name[64];

	if (!kind || strcmp(kind, "action") != 0 || !text)
		return 0;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *sep = strstr(text, forms[i].sep), *at;
		size_t len = sep ? (size_t)(sep - text) : 0;
		uint64_t mac;

		if (!sep || !len || len >= sizeof(name) || memchr(text, ' ', len))
			continue;
		at = strstr(sep, forms[i].tag);
		if (!at || !tl_mac_parse(at + strlen(forms[i].tag), &mac))
			continue;
		memcpy(name, text, len);
		name[len] = '\0';
		return tl_add_name(d, forms[i].key, mac, name);
	}
	return 0;
}

/* An AP's or a station's name for @mac, or NULL. */
static const char *tl_node_name(const struct tl_doc *d, uint64_t mac)
{
	const char *s = tl_name_of(d, TL_NAME_AP, mac);

	return s ? s : tl_name_of(d, TL_NAME_STA, mac);
}

/* The MAC of the station or AP called @name. */
static bool tl_node_mac(const struct tl_doc *d, const char *name, uint64_t *mac)
{
	for (size_t i = 0; name && i < d->n_names; i++)
		if ((d->names[i].key == TL_NAME_STA || d->names[i].key == TL_NAME_AP) &&
		    strcmp(d->names[i].name, name) == 0) {
			*mac = d->names[i].id;
			return true;
		}
	return false;
}

/* "sta1" from "adapter" or a learned name, else "if4" or "phy1"; NULL if
 * the record is about no adapter. */
static const char *tl_adapter(const struct tl_doc *d, const struct tl_jobj *rec,
			      char *buf, size_t len)
{
	const char *s = tl_jobj_str(rec, "adapter");
	uint64_t v;

	if (s)
		return s;
	if (tl_ifindex(rec, &v)) {
		s = tl_name_of(d, TL_NAME_IFINDEX, v);
		if (s)
			return s;
		snprintf(buf, len, "if%" PRIu64, v);
		return buf;
	}
	if (tl_jobj_u64(rec, "wiphy", &v)) {
		s = tl_name_of(d, TL_NAME_WIPHY, v);
		if (s)
			return s;
		snprintf(buf, len, "phy%" PRIu64, v);
		return buf;
	}
	return NULL;
}

/* "Dot11ExtIhvStopPostAssociate" -> "StopPostAssociate": the prefix is on
 * every name and the arrow already says which side was called. */
static const char *tl_short_name(const char *name)
{
	if (!name)
		return "?";
	if (strncmp(name, "Dot11ExtIhv", 11) == 0 && name[11])
		return name + 11;
	if (strncmp(name, "Dot11Ext", 8) == 0 && name[8])
		return name + 8;
	return name;
}

/* Buffer bookkeeping calls come in dozens per connection and say nothing
 * about the association: hidden by default. */
static bool tl_is_noise(const char *name)
{
	name = tl_short_name(name);
	return strcmp(name, "AllocateBuffer") == 0 || strcmp(name, "FreeBuffer") == 0;
}

/* Win32 result for the eye: success is "0", anything else by name. */
static void tl_ret(struct tl_sb *b, const struct tl_jobj *rec)
{
	const struct tl_jfield *f = tl_jobj_get(rec, "ret");

	if (!f)
		return;
	if (f->type == TL_JSTR && strcmp(f->val, "ERROR_SUCCESS") == 0)
		tl_sb_add(b, " = 0");
	else
		tl_sb_add(b, " = %s", f->val);
}

static void tl_dur(struct tl_sb *b, const struct tl_jobj *rec)
{
	uint64_t ns;

	if (tl_jobj_u64(rec, "dur_ns", &ns))
		tl_sb_add(b, " (%.2f ms)", (double)ns / 1e6);
}

/* Name(adapter, peer, status, reason, args, other=..) for handlers and
 * APIs alike. */
static void tl_call(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec,
		    const char *arrow)
{
	/* Shown bare, in this order: each is recognisable by its form (a
	 * handle, a MAC, a status name). Everything else is key=value. */
	static const char *const ordered[] = {
		"handle", "peer", "status", "args", NULL,
	};
	static const char *const used[] = {
		"name", "ret", "dur_ns", "note", "handle", "peer", "status", "args",
		"event_t_ns", NULL,
	};
	const char *ad;
	char abuf[32];
	bool any = false;

	tl_sb_add(b, "%s %s(", arrow, tl_short_name(tl_jobj_str(rec, "name")));
	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	if (ad) {
		tl_sb_add(b, "%s", ad);
		any = true;
	}
	for (const char *const *k = ordered; *k; k++) {
		const struct tl_jfield *f = tl_jobj_get(rec, *k);

		if (!f || f->type == TL_JNULL)
			continue;
		tl_sb_add(b, "%s%s", any ? ", " : "", f->val);
		any = true;
	}
	tl_rest(b, rec, used, any ? ", " : "", ", ");
	tl_sb_add(b, ")");
	tl_ret(b, rec);
	tl_dur(b, rec);
	if (tl_jobj_str(rec, "note"))
		tl_sb_add(b, " [%s]", tl_jobj_str(rec, "note"));
}

static void tl_upper(struct tl_sb *b, const char *s)
{
	for (; s && *s; s++)
		tl_sb_add(b, "%c", *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
}

static bool tl_mac_zero(const char *mac)
{
	return !mac || strcmp(mac, "00:00:00:00:00:00") == 0;
}

static void tl_event(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec)
{
	static const char *const used[] = {
		"type", "cause", "reason", "by_ap", "status", "timed_out", "peer",
		"t_first_ns", "t_last_ns", NULL,
	};
	const char *type = tl_jobj_str(rec, "type"), *cause = tl_jobj_str(rec, "cause");
	const char *peer = tl_jobj_str(rec, "peer"), *ad;
	const struct tl_jfield *reason = tl_jobj_get(rec, "reason");
	uint64_t status, t1, t2;
	char abuf[32];

	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	if (ad)
		tl_sb_add(b, "%s ", ad);
	tl_upper(b, type ? type : "event");
	if (cause)
		tl_sb_add(b, " %s", cause);
	if (reason && reason->type != TL_JNULL)
		tl_sb_add(b, " reason=%s", reason->val);
	/* Only news when the cause does not already say who did it. */
	if (tl_jobj_true(rec, "by_ap") && !(cause && strncmp(cause, "peer-", 5) == 0))
		tl_sb_add(b, " by-AP");
	if (tl_jobj_u64(rec, "status", &status) && status != 0)
		tl_sb_add(b, " status=%" PRIu64, status);
	if (tl_jobj_true(rec, "timed_out"))
		tl_sb_add(b, " timed-out");
	/* "from" only when the AP said so (its deauth or disassoc frame): a
	 * radio removal or a local disconnect ends the association with
	 * that peer, it does not come from it. */
	if (!tl_mac_zero(peer))
		tl_sb_add(b, " %s %s",
			  type && strcmp(type, "disconnected") == 0 && tl_jobj_true(rec, "by_ap") ?
			  "from" : "peer", peer);
	/* sim/ folds a burst of kernel messages into this one event: its
	 * spread tells how long the kernel took to say everything. */
	if (tl_jobj_u64(rec, "t_first_ns", &t1) && tl_jobj_u64(rec, "t_last_ns", &t2) && t2 > t1)
		tl_sb_add(b, " (burst %.1f ms)", (double)(t2 - t1) / 1e6);
	tl_rest(b, rec, used, " ", " ");
}

static void tl_state(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec)
{
	static const char *const used[] = { "from", "to", NULL };
	const char *from = tl_jobj_str(rec, "from"), *to = tl_jobj_str(rec, "to"), *ad;
	char abuf[32];

	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	tl_sb_add(b, "%s %s -> %s", ad ? ad : "state", from ? from : "?", to ? to : "?");
	tl_rest(b, rec, used, " ", " ");
}

static void tl_violation(struct tl_sb *b, const struct tl_jobj *rec)
{
	static const char *const used[] = {
		"rule", "name", "handle_kind", "handle", "detail", NULL,
	};
	const char *rule = tl_jobj_str(rec, "rule"), *name = tl_jobj_str(rec, "name");
	const char *hk = tl_jobj_str(rec, "handle_kind"), *h = tl_jobj_str(rec, "handle");
	const char *detail = tl_jobj_str(rec, "detail");

	tl_sb_add(b, "!! VIOLATION %s: %s", rule ? rule : "?", tl_short_name(name));
	if (h)
		tl_sb_add(b, "(%s%s%s)", hk ? hk : "", hk ? " " : "", h);
	if (detail)
		tl_sb_add(b, " %s", detail);
	tl_rest(b, rec, used, " ", " ");
}

static void tl_host(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec)
{
	static const char *const used[] = {
		"what", "detail", "extension", "ver_min", "ver_max", "virtual_station", NULL,
	};
	const char *what = tl_jobj_str(rec, "what"), *ext = tl_jobj_str(rec, "extension");
	const char *detail = tl_jobj_str(rec, "detail"), *ad;
	uint64_t vmin, vmax;
	char abuf[32];

	tl_sb_add(b, "host %s", what ? what : "?");
	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	if (ad)
		tl_sb_add(b, " %s", ad);
	if (detail)
		tl_sb_add(b, ": %s", detail);
	if (ext) {
		const char *slash = strrchr(ext, '/');

		tl_sb_add(b, " %s", slash ? slash + 1 : ext);
	}
	/* DOT11_IHV_VERSION_INFO: the IHV interface versions the extension
	 * supports (GetVersionInfo). */
	if (tl_jobj_u64(rec, "ver_min", &vmin) && tl_jobj_u64(rec, "ver_max", &vmax)) {
		if (vmin == vmax)
			tl_sb_add(b, " (IHV interface version %" PRIu64 ")", vmin);
		else
			tl_sb_add(b, " (IHV interface versions %" PRIu64 " to %" PRIu64 ")",
				  vmin, vmax);
	}
	if (tl_jobj_true(rec, "virtual_station"))
		tl_sb_add(b, " +virtual-station");
	tl_rest(b, rec, used, " ", " ");
}

/* The scenario's step; the executor's field for it is the first of these
 * that is a string. */
static const char *const tl_action_keys[] = {
	"text", "desc", "description", "step", "what", "action", NULL,
};

static void tl_action(struct tl_sb *b, const struct tl_jobj *rec)
{
	const char *used[3] = { "line", NULL, NULL };
	uint64_t line;

	for (const char *const *k = tl_action_keys; *k; k++) {
		const char *s = tl_jobj_str(rec, *k);

		if (s) {
			tl_sb_add(b, "%s", s);
			used[1] = *k;
			break;
		}
	}
	tl_rest(b, rec, used, used[1] ? " " : "", " ");
	/* The scenario step's line: where to look in the .scn file. */
	if (tl_jobj_u64(rec, "line", &line))
		tl_sb_add(b, " [line %" PRIu64 "]", line);
}

/* The frame types sim/ names (sim_air_type_name) as Wireshark calls
 * them; another type is shown as written. */
static const struct {
	const char *type, *label;
	bool noise;       /* many per second of traffic: hidden unless --all */
} tl_frame_types[] = {
	{ "auth", "Authentication", false },
	{ "deauth", "Deauthentication", false },
	{ "assoc-req", "Association Request", false },
	{ "assoc-resp", "Association Response", false },
	{ "reassoc-req", "Reassociation Request", false },
	{ "reassoc-resp", "Reassociation Response", false },
	{ "disassoc", "Disassociation", false },
	{ "action", "Action", false },
	{ "mgmt", "Management", false },
	{ "control", "Control", false },
	{ "eapol", "EAPOL", false },
	{ "beacon", "Beacon", true },
	{ "probe-req", "Probe Request", true },
	{ "probe-resp", "Probe Response", true },
	{ "data", "Data", true },
	{ "null", "Null", true },
};

/* A MAC field as a node: its learned name, "broadcast", or the MAC. */
static const char *tl_frame_node(const struct tl_doc *d, const struct tl_jobj *rec,
				 const char *key, bool *has, uint64_t *mac)
{
	const char *s = tl_jobj_str(rec, key), *name;

	*has = s && tl_mac_parse(s, mac);
	if (!*has)
		return s ? s : "?";
	/* a group address (I/G bit): every station of the channel */
	if (*mac & 0x010000000000ull) {
		*mac = TL_MAC_BROADCAST;
		return "broadcast";
	}
	name = tl_node_name(d, *mac);
	return name ? name : s;
}

static void tl_frame(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec,
		     struct tl_entry *out)
{
	static const char *const used[] = {
		"type", "from", "to", "reason", "status", "eapol", "protected",
		"retry", "mhz", "seq", "rx_t_ns", NULL,
	};
	const char *type = tl_jobj_str(rec, "type"), *label = type ? type : "frame";
	const char *eapol = tl_jobj_str(rec, "eapol"), *from, *to;
	uint64_t v, seq = 0;
	bool has_seq;

	for (size_t i = 0; type && i < sizeof(tl_frame_types) / sizeof(tl_frame_types[0]); i++)
		if (strcmp(type, tl_frame_types[i].type) == 0) {
			label = tl_frame_types[i].label;
			out->noise = tl_frame_types[i].noise;
		}
	from = tl_frame_node(d, rec, "from", &out->has_src, &out->src);
	to = tl_frame_node(d, rec, "to", &out->has_dst, &out->dst);
	tl_sb_add(b, "%s -> %s %s", from, to, label);
	if (eapol)
		tl_sb_add(b, " %s", eapol);
	has_seq = tl_jobj_u64(rec, "seq", &seq);
	if (has_seq)
		tl_sb_add(b, " seq %" PRIu64, seq);
	if (tl_jobj_u64(rec, "reason", &v))
		tl_sb_add(b, " reason %" PRIu64, v);
	/* an authentication request's status is always 0: news only in
	 * the answer or when it is not 0 */
	if (tl_jobj_u64(rec, "status", &v) && (v || !has_seq || seq % 2 == 0))
		tl_sb_add(b, " status %" PRIu64, v);
	if (tl_jobj_true(rec, "protected"))
		tl_sb_add(b, " (protected)");
	if (tl_jobj_true(rec, "retry"))
		tl_sb_add(b, " (retry)");
	if (tl_jobj_u64(rec, "mhz", &v))
		tl_sb_add(b, " @%" PRIu64 " MHz", v);
	tl_rest(b, rec, used, " ", " ");
}

/* The host's own 802.1X supplicant (OneX): "sta1 OneX rx
 * eap-request-tls (18 bytes)", "sta1 OneX result success, method TLS: why". */
static void tl_onex(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec)
{
	static const char *const used[] = {
		"event", "eapol", "size", "result", "method", "note", NULL,
	};
	const char *ev = tl_jobj_str(rec, "event"), *eapol = tl_jobj_str(rec, "eapol");
	const char *res = tl_jobj_str(rec, "result"), *method = tl_jobj_str(rec, "method");
	const char *note = tl_jobj_str(rec, "note"), *ad;
	char abuf[32];
	uint64_t size;

	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	tl_sb_add(b, "%s%sOneX %s", ad ? ad : "", ad ? " " : "", ev ? ev : "?");
	if (eapol)
		tl_sb_add(b, " %s", eapol);
	if (tl_jobj_u64(rec, "size", &size))
		tl_sb_add(b, " (%" PRIu64 " bytes)", size);
	if (res)
		tl_sb_add(b, " %s", res);
	if (method)
		tl_sb_add(b, ", method %s", method);
	if (note)
		tl_sb_add(b, ": %s", note);
	tl_rest(b, rec, used, " ", " ");
}

static void tl_generic(struct tl_sb *b, const struct tl_doc *d, const struct tl_jobj *rec,
		       const char *kind)
{
	const char *ad;
	char abuf[32];

	tl_sb_add(b, "%s", kind ? kind : "(no kind)");
	ad = tl_adapter(d, rec, abuf, sizeof(abuf));
	if (ad)
		tl_sb_add(b, " %s", ad);
	tl_rest(b, rec, NULL, ": ", " ");
}

static void tl_place(struct tl_entry *e, enum tl_layer layer, enum tl_layer from,
		     enum tl_layer to)
{
	e->layer = layer;
	e->from = from;
	e->to = to;
}

/* One entry, one line: a newline or an escape sequence from an
 * extension-supplied string must not break the layout or drive the
 * terminal. C0 controls, DEL and the C1 controls (U+0080..U+009F, some
 * terminals take U+009B as CSI) each become one space. */
static void tl_sanitize(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++) {
		unsigned char c = (unsigned char)*r;

		if (c == 0xC2 && (unsigned char)r[1] >= 0x80 && (unsigned char)r[1] <= 0x9F) {
			*w++ = ' ';
			r++;
		} else if (c < 0x20 || c == 0x7f) {
			*w++ = ' ';
		} else {
			*w++ = (char)c;
		}
	}
	*w = '\0';
}

int tl_describe(struct tl_doc *d, const struct tl_jobj *rec, struct tl_entry *out)
{
	const char *kind = tl_jobj_str(rec, "kind");
	struct tl_sb b = { 0 };
	int rc;

	rc = tl_learn_name(d, rec);
	if (!rc)
		rc = tl_learn_node(d, rec);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	tl_jobj_u64(rec, "t_ns", &out->t_ns);
	if (kind && strcmp(kind, "handler") == 0) {
		uint64_t dur;

		/* A handler record is written when the call returns; it is
		 * placed where the call began, so what the extension did
		 * inside it (an API, e.g. SendPacket answering the
		 * ReceivePacket of message 1/4) comes after it. */
		if (tl_jobj_u64(rec, "dur_ns", &dur) && dur <= out->t_ns)
			out->t_ns -= dur;
		tl_place(out, TL_EXTENSION, TL_SERVICE, TL_EXTENSION);
		tl_call(&b, d, rec, "->");
		out->noise = tl_is_noise(tl_jobj_str(rec, "name"));
	} else if (kind && strcmp(kind, "api") == 0) {
		tl_place(out, TL_EXTENSION, TL_EXTENSION, TL_SERVICE);
		tl_call(&b, d, rec, "<-");
		out->noise = tl_is_noise(tl_jobj_str(rec, "name"));
	} else if (kind && strcmp(kind, "event") == 0) {
		tl_place(out, TL_NL80211, TL_NL80211, TL_SERVICE);
		tl_event(&b, d, rec);
	} else if (kind && strcmp(kind, "action") == 0) {
		const char *text = tl_jobj_str(rec, "text");
		char own[64];

		tl_place(out, TL_AIR, TL_AIR, TL_NL80211);
		tl_action(&b, rec);
		/* from the lifeline of the station it is about, or of the AP
		 * it brings up */
		out->has_src = tl_node_mac(d, tl_jobj_str(rec, "adapter"), &out->src);
		if (!out->has_src && text && strstr(text, " up: ") &&
		    sscanf(text, "%63s", own) == 1)
			out->has_src = tl_node_mac(d, own, &out->src);
	} else if (kind && strcmp(kind, "frame") == 0) {
		uint64_t rx;

		/* written when the loop got to it; placed when it was heard */
		if (tl_jobj_u64(rec, "rx_t_ns", &rx))
			out->t_ns = rx;
		tl_place(out, TL_AIR, TL_AIR, TL_AIR);
		tl_frame(&b, d, rec, out);
	} else if (kind && strcmp(kind, "onex") == 0) {
		tl_place(out, TL_SERVICE, TL_SERVICE, TL_SERVICE);
		tl_onex(&b, d, rec);
	} else if (kind && strcmp(kind, "state") == 0) {
		tl_place(out, TL_SERVICE, TL_SERVICE, TL_SERVICE);
		tl_state(&b, d, rec);
	} else if (kind && strcmp(kind, "violation") == 0) {
		tl_place(out, TL_SERVICE, TL_SERVICE, TL_SERVICE);
		tl_violation(&b, rec);
		out->violation = true;
	} else if (kind && strcmp(kind, "host") == 0) {
		tl_place(out, TL_SERVICE, TL_SERVICE, TL_SERVICE);
		tl_host(&b, d, rec);
	} else if (kind && strcmp(kind, "failure") == 0) {
		/* the scenario's failed expectation (the runner's record) */
		const char *text = tl_jobj_str(rec, "text");

		tl_place(out, TL_AIR, TL_AIR, TL_AIR);
		tl_sb_add(&b, "!! FAILED %s", text ? text : "(no text)");
		/* drawn like a violation, counted apart from them */
		out->violation = true;
		out->failure = true;
	} else {
		tl_place(out, TL_SERVICE, TL_SERVICE, TL_SERVICE);
		tl_generic(&b, d, rec, kind);
	}
	if (tl_jobj_true(rec, "truncated"))
		tl_sb_add(&b, " [truncated]");
	tl_sb_add(&b, "%s", "");  /* a NUL-terminated buffer even when empty */
	if (b.oom) {
		free(b.p);
		return -ENOMEM;
	}
	tl_sanitize(b.p);
	out->text = b.p;
	return 0;
}

const char *tl_doc_adapter(const struct tl_doc *d, const struct tl_jobj *rec,
			   char *buf, size_t len)
{
	return tl_adapter(d, rec, buf, len);
}

const char *tl_doc_name(const struct tl_doc *d, enum tl_name_key key, uint64_t id)
{
	return tl_name_of(d, key, id);
}

void tl_text_clean(char *s)
{
	tl_sanitize(s);
}

bool tl_parse_mac(const char *s, uint64_t *out)
{
	return s && tl_mac_parse(s, out);
}
