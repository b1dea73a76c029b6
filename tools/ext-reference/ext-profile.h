/*
 * ext-profile.h - the sample extensions' IHV security profile: the XML
 * fragment of DOT11EXT_IHV_SECURITY_PROFILE.pszXmlFragmentIhvSecurity
 * (UTF-16), parsed strictly. Pure code (libxml2, no Windows API); the
 * format is documented in README.md ("IHV security profile"):
 *
 *   <Wpa2Psk><Passphrase>8..63 printable ASCII</Passphrase></Wpa2Psk>
 *   <Wpa2Psk><Psk>64 hexadecimal digits</Psk></Wpa2Psk>
 *   <EapTls><Identity>alice</Identity><CaCertificate>/abs/ca.pem</CaCertificate>
 *     <ClientCertificate>/abs/alice.pem</ClientCertificate>
 *     <PrivateKey>/abs/alice.key</PrivateKey>[<ServerName>name</ServerName>]
 *   </EapTls>                               (WPA2-Enterprise, EAP-TLS)
 *
 * An absent, empty or whitespace-only fragment means the extension does
 * not own security.
 */
#ifndef EXT_PROFILE_H
#define EXT_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

#define EXT_PROFILE_UTF16_MAX 4096  /* code units; longer is refused */
#define EXT_PROFILE_IDENTITY_MAX 253 /* bytes of an EAP identity (RFC 3748) */
#define EXT_PROFILE_NAME_MAX 253     /* bytes of a DNS name */
#define EXT_PROFILE_PATH_MAX 1023    /* bytes of a certificate/key path */

enum ext_profile_error {
	EXT_PROFILE_OK,
	EXT_PROFILE_BAD_XML,        /* encoding, XML or element structure */
	EXT_PROFILE_BAD_PASSPHRASE, /* not 8..63 printable ASCII */
	EXT_PROFILE_BAD_PSK,        /* not 64 hexadecimal digits */
	EXT_PROFILE_BAD_EAP,        /* an <EapTls> value (identity, path, name) */
	EXT_PROFILE_NO_MEMORY,
};

struct ext_profile {
	int owns_security;          /* a <Wpa2Psk> or <EapTls> profile */
	int eap_tls;                /* <EapTls>: the fields below, not a PSK */
	int ms_onex;                /* no fragment, bUseMSOnex: the host's
				     * 802.1X runs EAP (set by the caller,
				     * which sees DOT11EXT_IHV_SECURITY_PROFILE) */
	int has_psk;                /* <Psk> (psk[]), else <Passphrase> */
	char passphrase[64];        /* NUL-terminated */
	uint8_t psk[32];
	/* <EapTls>: NUL-terminated; the paths are absolute, server_name is
	 * "" when not given. */
	char identity[EXT_PROFILE_IDENTITY_MAX + 1];
	char ca_file[EXT_PROFILE_PATH_MAX + 1];
	char cert_file[EXT_PROFILE_PATH_MAX + 1];
	char key_file[EXT_PROFILE_PATH_MAX + 1];
	char server_name[EXT_PROFILE_NAME_MAX + 1];
};

/*
 * Parses @xml (NUL-terminated UTF-16, NULL allowed) into @p (cleared
 * first). On an error, @why (of @why_len bytes) says precisely what is
 * wrong, without quoting the secret. Wipe @p with ext_profile_clear.
 */
enum ext_profile_error ext_profile_parse(const uint16_t *xml, struct ext_profile *p,
					 char *why, size_t why_len);

void ext_profile_clear(struct ext_profile *p);

/*
 * An IHV XML fragment: UTF-16 (NUL-terminated) to a malloc'ed
 * NUL-terminated UTF-8 string (*out_len bytes). Refuses unpaired
 * surrogates and more than EXT_PROFILE_UTF16_MAX units
 * (EXT_PROFILE_BAD_XML, @why says which).
 */
enum ext_profile_error ext_profile_utf8(const uint16_t *in, char **out, size_t *out_len,
					char *why, size_t why_len);

#pragma GCC visibility pop

#endif /* EXT_PROFILE_H */
