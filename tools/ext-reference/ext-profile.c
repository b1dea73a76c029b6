/*
 * ext-profile.c - the IHV security profile fragment: UTF-16 to UTF-8, then
 * a strict libxml2 parse of <Wpa2Psk> or <EapTls> (ext-profile.h).
 * libxml2 decodes the predefined
 * and character entities; without a DTD (which we refuse) any other
 * entity is a parse error, so nothing is ever loaded from outside.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <openssl/crypto.h>

#include "ext-profile.h"

__attribute__((format(printf, 4, 5)))
static enum ext_profile_error fail(enum ext_profile_error e, char *why, size_t why_len,
				   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return e;
}

enum ext_profile_error ext_profile_utf8(const uint16_t *in, char **out, size_t *out_len,
					char *why, size_t why_len)
{
	size_t n = 0, i, o = 0;
	char *s;

	*out = NULL;
	while (in[n]) {
		if (++n > EXT_PROFILE_UTF16_MAX)
			return fail(EXT_PROFILE_BAD_XML, why, why_len,
				    "longer than %d UTF-16 code units", EXT_PROFILE_UTF16_MAX);
	}
	s = malloc(3 * n + 1); /* a pair (2 units) makes 4 bytes, 1 unit at most 3 */
	if (!s)
		return EXT_PROFILE_NO_MEMORY;
	for (i = 0; i < n; i++) {
		uint32_t c = in[i];

		if (c >= 0xdc00 && c <= 0xdfff)
			goto unpaired;
		if (c >= 0xd800 && c <= 0xdbff) {
			if (i + 1 >= n || in[i + 1] < 0xdc00 || in[i + 1] > 0xdfff)
				goto unpaired;
			c = 0x10000 + ((c - 0xd800) << 10) + (in[i + 1] - 0xdc00u);
			i++;
		}
		if (c < 0x80) {
			s[o++] = (char)c;
		} else if (c < 0x800) {
			s[o++] = (char)(0xc0 | c >> 6);
			s[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			s[o++] = (char)(0xe0 | c >> 12);
			s[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			s[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			s[o++] = (char)(0xf0 | c >> 18);
			s[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
			s[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			s[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	s[o] = '\0';
	*out = s;
	*out_len = o;
	return EXT_PROFILE_OK;
unpaired:
	OPENSSL_cleanse(s, 3 * n + 1);
	free(s);
	return fail(EXT_PROFILE_BAD_XML, why, why_len,
		    "unpaired UTF-16 surrogate 0x%04x at code unit %zu", in[i], i);
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* An element as we allow it: no namespace, no attributes. */
static enum ext_profile_error plain_element(xmlNodePtr e, char *why, size_t why_len)
{
	if (e->ns || e->nsDef)
		return fail(EXT_PROFILE_BAD_XML, why, why_len,
			    "line %ld: <%s> has a namespace (none is allowed)", xmlGetLineNo(e),
			    (const char *)e->name);
	if (e->properties)
		return fail(EXT_PROFILE_BAD_XML, why, why_len,
			    "line %ld: <%s> has attribute '%s' (none is allowed)", xmlGetLineNo(e),
			    (const char *)e->name, (const char *)e->properties->name);
	return EXT_PROFILE_OK;
}

/* The one child element of <Wpa2Psk>; only blanks and comments beside it. */
static enum ext_profile_error only_child(xmlNodePtr root, xmlNodePtr *child,
					 char *why, size_t why_len)
{
	xmlNodePtr c;

	*child = NULL;
	for (c = root->children; c; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			if (*child)
				return fail(EXT_PROFILE_BAD_XML, why, why_len,
					    "line %ld: <Wpa2Psk> has a second element <%s> (exactly one of <Passphrase>, <Psk>)",
					    xmlGetLineNo(c), (const char *)c->name);
			*child = c;
			break;
		case XML_TEXT_NODE:
			if (!is_blank((const char *)c->content))
				return fail(EXT_PROFILE_BAD_XML, why, why_len,
					    "line %ld: text directly inside <Wpa2Psk>", xmlGetLineNo(c));
			break;
		case XML_COMMENT_NODE:
			break;
		default:
			return fail(EXT_PROFILE_BAD_XML, why, why_len,
				    "line %ld: unexpected XML node type %d inside <Wpa2Psk>",
				    xmlGetLineNo(c), (int)c->type);
		}
	}
	if (!*child)
		return fail(EXT_PROFILE_BAD_XML, why, why_len,
			    "<Wpa2Psk> is empty (it needs <Passphrase> or <Psk>)");
	return plain_element(*child, why, why_len);
}

/* The text of @e (text and CDATA only), malloc'ed; NULL on error. */
static enum ext_profile_error element_text(xmlNodePtr e, char **text, char *why, size_t why_len)
{
	xmlNodePtr c;

	*text = NULL;
	for (c = e->children; c; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			return fail(EXT_PROFILE_BAD_XML, why, why_len,
				    "line %ld: <%s> may hold text only", xmlGetLineNo(c),
				    (const char *)e->name);
	*text = (char *)xmlNodeGetContent(e);
	return *text ? EXT_PROFILE_OK : EXT_PROFILE_NO_MEMORY;
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static enum ext_profile_error take_secret(xmlNodePtr e, const char *text, struct ext_profile *p,
					  char *why, size_t why_len)
{
	size_t n = strlen(text), i;

	if (!strcmp((const char *)e->name, "Passphrase")) {
		if (n < 8 || n > 63)
			return fail(EXT_PROFILE_BAD_PASSPHRASE, why, why_len,
				    "<Passphrase> of %zu bytes (WPA2 needs 8..63 ASCII characters)", n);
		for (i = 0; i < n; i++)
			if (text[i] < 0x20 || text[i] > 0x7e)
				return fail(EXT_PROFILE_BAD_PASSPHRASE, why, why_len,
					    "<Passphrase> character %zu is not printable ASCII (0x20..0x7e)",
					    i + 1);
		memcpy(p->passphrase, text, n + 1);
		p->owns_security = 1;
		return EXT_PROFILE_OK;
	}
	if (!strcmp((const char *)e->name, "Psk")) {
		if (n != 64)
			return fail(EXT_PROFILE_BAD_PSK, why, why_len,
				    "<Psk> of %zu characters (exactly 64 hexadecimal digits)", n);
		for (i = 0; i < 64; i += 2) {
			int hi = hex_val(text[i]), lo = hex_val(text[i + 1]);

			if (hi < 0 || lo < 0)
				return fail(EXT_PROFILE_BAD_PSK, why, why_len,
					    "<Psk> character %zu is not a hexadecimal digit",
					    i + 1 + (hi >= 0));
			p->psk[i / 2] = (uint8_t)(hi << 4 | lo);
		}
		p->has_psk = 1;
		p->owns_security = 1;
		return EXT_PROFILE_OK;
	}
	return fail(EXT_PROFILE_BAD_XML, why, why_len,
		    "line %ld: unknown element <%s> in <Wpa2Psk> (expected <Passphrase> or <Psk>)",
		    xmlGetLineNo(e), (const char *)e->name);
}

/* ---- <EapTls> ---------------------------------------------------------- */

enum eap_field { F_IDENTITY, F_CA, F_CERT, F_KEY, F_SERVER, F_COUNT };

static const char *const eap_names[F_COUNT] = {
	[F_IDENTITY] = "Identity", [F_CA] = "CaCertificate",
	[F_CERT] = "ClientCertificate", [F_KEY] = "PrivateKey",
	[F_SERVER] = "ServerName",
};

/* An absolute path without control characters: it is opened by the
 * extension, never by a shell, but a relative one would depend on the
 * service's working directory. */
static enum ext_profile_error eap_path(const char *name, const char *v, char *dst,
				       char *why, size_t why_len)
{
	size_t n = strlen(v);

	if (n == 0 || n > EXT_PROFILE_PATH_MAX || v[0] != '/')
		return fail(EXT_PROFILE_BAD_EAP, why, why_len,
			    "<%s> must be an absolute path of 1..%d bytes (got %zu bytes%s)", name,
			    EXT_PROFILE_PATH_MAX, n, n && v[0] != '/' ? ", relative" : "");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return fail(EXT_PROFILE_BAD_EAP, why, why_len,
				    "<%s> byte %zu is a control character", name, i + 1);
	memcpy(dst, v, n + 1);
	return EXT_PROFILE_OK;
}

static enum ext_profile_error eap_value(enum eap_field f, const char *v, struct ext_profile *p,
					char *why, size_t why_len)
{
	size_t n = strlen(v);

	switch (f) {
	case F_IDENTITY:
		/* RFC 3748 5.1: the identity is not NUL-terminated and at most
		 * what fits; we also refuse control characters (logs). */
		if (n == 0 || n > EXT_PROFILE_IDENTITY_MAX)
			return fail(EXT_PROFILE_BAD_EAP, why, why_len,
				    "<Identity> of %zu bytes (1..%d)", n, EXT_PROFILE_IDENTITY_MAX);
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
				return fail(EXT_PROFILE_BAD_EAP, why, why_len,
					    "<Identity> byte %zu is a control character", i + 1);
		memcpy(p->identity, v, n + 1);
		return EXT_PROFILE_OK;
	case F_CA:
		return eap_path(eap_names[f], v, p->ca_file, why, why_len);
	case F_CERT:
		return eap_path(eap_names[f], v, p->cert_file, why, why_len);
	case F_KEY:
		return eap_path(eap_names[f], v, p->key_file, why, why_len);
	case F_SERVER:
		if (n == 0 || n > EXT_PROFILE_NAME_MAX)
			return fail(EXT_PROFILE_BAD_EAP, why, why_len,
				    "<ServerName> of %zu bytes (a DNS name, 1..%d)", n,
				    EXT_PROFILE_NAME_MAX);
		for (size_t i = 0; i < n; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
			      (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '.'))
				return fail(EXT_PROFILE_BAD_EAP, why, why_len,
					    "<ServerName> character %zu is not a letter, digit, '-' or '.'",
					    i + 1);
		memcpy(p->server_name, v, n + 1);
		return EXT_PROFILE_OK;
	case F_COUNT:
		break;
	}
	return fail(EXT_PROFILE_BAD_XML, why, why_len, "internal: EAP field %d", (int)f);
}

/* <EapTls>: each child at most once, in any order; all but <ServerName>
 * required; only blanks and comments beside them. */
static enum ext_profile_error parse_eap_tls(xmlNodePtr root, struct ext_profile *p,
					    char *why, size_t why_len)
{
	xmlNodePtr seen[F_COUNT] = { 0 }, c;
	enum ext_profile_error e = EXT_PROFILE_OK;

	for (c = root->children; c; c = c->next) {
		int f;

		switch (c->type) {
		case XML_ELEMENT_NODE:
			for (f = 0; f < F_COUNT; f++)
				if (!strcmp((const char *)c->name, eap_names[f]))
					break;
			if (f == F_COUNT)
				return fail(EXT_PROFILE_BAD_XML, why, why_len,
					    "line %ld: unknown element <%s> in <EapTls> (expected <Identity>, <CaCertificate>, <ClientCertificate>, <PrivateKey>, <ServerName>)",
					    xmlGetLineNo(c), (const char *)c->name);
			if (seen[f])
				return fail(EXT_PROFILE_BAD_XML, why, why_len,
					    "line %ld: <%s> given twice in <EapTls>",
					    xmlGetLineNo(c), eap_names[f]);
			e = plain_element(c, why, why_len);
			if (e != EXT_PROFILE_OK)
				return e;
			seen[f] = c;
			break;
		case XML_TEXT_NODE:
			if (!is_blank((const char *)c->content))
				return fail(EXT_PROFILE_BAD_XML, why, why_len,
					    "line %ld: text directly inside <EapTls>", xmlGetLineNo(c));
			break;
		case XML_COMMENT_NODE:
			break;
		default:
			return fail(EXT_PROFILE_BAD_XML, why, why_len,
				    "line %ld: unexpected XML node type %d inside <EapTls>",
				    xmlGetLineNo(c), (int)c->type);
		}
	}
	for (int f = 0; f < F_COUNT && e == EXT_PROFILE_OK; f++) {
		char *text = NULL;

		if (!seen[f]) {
			if (f != F_SERVER)
				e = fail(EXT_PROFILE_BAD_XML, why, why_len,
					 "<EapTls> lacks <%s>", eap_names[f]);
			continue;
		}
		e = element_text(seen[f], &text, why, why_len);
		if (e == EXT_PROFILE_OK)
			e = eap_value((enum eap_field)f, text, p, why, why_len);
		xmlFree(text);
	}
	if (e == EXT_PROFILE_OK)
		p->eap_tls = p->owns_security = 1;
	return e;
}

/* libxml2's message for the failed parse, on one line. */
static enum ext_profile_error xml_error(xmlParserCtxtPtr ctxt, char *why, size_t why_len)
{
	const xmlError *err = xmlCtxtGetLastError(ctxt);
	char msg[160];
	size_t n;

	snprintf(msg, sizeof(msg), "%s", err && err->message ? err->message : "not well-formed");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	return fail(EXT_PROFILE_BAD_XML, why, why_len, "malformed XML at line %d column %d: %s",
		    err ? err->line : 0, err ? err->int2 : 0, msg);
}

enum ext_profile_error ext_profile_parse(const uint16_t *xml, struct ext_profile *p,
					 char *why, size_t why_len)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	enum ext_profile_error e;
	xmlNodePtr root, child;
	char *utf8 = NULL, *text = NULL;
	size_t len = 0;

	memset(p, 0, sizeof(*p));
	snprintf(why, why_len, "ok");
	if (!xml || !xml[0])
		return EXT_PROFILE_OK;
	e = ext_profile_utf8(xml, &utf8, &len, why, why_len);
	if (e != EXT_PROFILE_OK)
		return e;
	if (is_blank(utf8))
		goto free_utf8;
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		e = EXT_PROFILE_NO_MEMORY;
		goto free_utf8;
	}
	/* No network, no error printing of its own (we print one line), no
	 * entity substitution from any DTD. */
	doc = xmlCtxtReadMemory(ctxt, utf8, (int)len, "ihv-security.xml", "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		e = xml_error(ctxt, why, why_len);
		goto free_ctxt;
	}
	if (doc->intSubset || doc->extSubset) {
		e = fail(EXT_PROFILE_BAD_XML, why, why_len, "a DTD is not allowed");
		goto free_doc;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || (strcmp((const char *)root->name, "Wpa2Psk") &&
		      strcmp((const char *)root->name, "EapTls"))) {
		e = fail(EXT_PROFILE_BAD_XML, why, why_len,
			 "root element <%s>, expected <Wpa2Psk> or <EapTls>",
			 root ? (const char *)root->name : "(none)");
		goto free_doc;
	}
	e = plain_element(root, why, why_len);
	if (e == EXT_PROFILE_OK && !strcmp((const char *)root->name, "EapTls")) {
		e = parse_eap_tls(root, p, why, why_len);
		goto free_doc;
	}
	if (e == EXT_PROFILE_OK)
		e = only_child(root, &child, why, why_len);
	if (e == EXT_PROFILE_OK)
		e = element_text(child, &text, why, why_len);
	if (e == EXT_PROFILE_OK)
		e = take_secret(child, text, p, why, why_len);
	if (text) {
		OPENSSL_cleanse(text, strlen(text));
		xmlFree(text);
	}
free_doc:
	xmlFreeDoc(doc);
free_ctxt:
	xmlFreeParserCtxt(ctxt);
free_utf8:
	OPENSSL_cleanse(utf8, len);
	free(utf8);
	if (e != EXT_PROFILE_OK)
		ext_profile_clear(p);
	return e;
}

void ext_profile_clear(struct ext_profile *p)
{
	OPENSSL_cleanse(p, sizeof(*p));
}
