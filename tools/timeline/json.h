/* SPDX-License-Identifier: MIT */
/*
 * json: a strict parser for ONE flat JSON object per line, which is exactly
 * what the host's trace (ihvhost/host/trace.h) writes. Nested objects and arrays
 * are accepted (validated, kept as their raw text) so a future writer that
 * adds one does not make the timeline fail; they are shown generically.
 *
 * Strings are decoded to UTF-8 (all RFC 8259 escapes, surrogate pairs);
 * U+0000 and lone surrogates become U+FFFD so every decoded value is a C
 * string with no embedded NUL. Raw bytes that are not well-formed UTF-8
 * are refused (the host's writer never writes them), so every decoded
 * value, key and raw nested text is valid UTF-8.
 *
 * Duplicate keys: an object that names the same key twice (at its top
 * level, after decoding: "a" and "\u0061" are the same key) is refused
 * as malformed. RFC 8259 leaves the meaning of such an object to the
 * reader; the host's writer never produces one, so one in a trace is a
 * writer bug or an edited file, and the timeline says so rather than
 * silently showing one of the values. Keys of nested objects are not
 * checked (their text is only shown).
 *
 * Cost: linear in the line's length, plus O(n log n) key comparisons for
 * the duplicate check over n fields; memory proportional to the line.
 */
#ifndef TL_JSON_H
#define TL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tl_jtype {
	TL_JSTR,   /* val: decoded string */
	TL_JNUM,   /* val: the number's text as written */
	TL_JBOOL,  /* val: "true" / "false" */
	TL_JNULL,  /* val: "null" */
	TL_JRAW,   /* val: a nested object or array, as written */
};

struct tl_jfield {
	char *key;           /* decoded */
	enum tl_jtype type;
	char *val;           /* see enum tl_jtype; never NULL */
};

struct tl_jobj {
	size_t n;
	struct tl_jfield *f;
};

/*
 * Parses @s[0..len) as one JSON object (surrounding whitespace allowed).
 * Returns 0 and fills @out (free with tl_jobj_free), or -EINVAL with a short
 * reason naming the column in @err (e.g. "expected ':' at column 12";
 * a duplicate key is named at the column of its second occurrence), or
 * -ENOMEM. On error @out is left empty.
 */
int tl_json_parse(const char *s, size_t len, struct tl_jobj *out, char *err, size_t errlen);
void tl_jobj_free(struct tl_jobj *o);

/* The field called @key, or NULL (keys are unique: see above). O(n). */
const struct tl_jfield *tl_jobj_get(const struct tl_jobj *o, const char *key);
/* The value of @key when it is a string, else NULL. */
const char *tl_jobj_str(const struct tl_jobj *o, const char *key);
/* Whether @key is a non-negative integer that fits in 64 bits (*out set). */
bool tl_jobj_u64(const struct tl_jobj *o, const char *key, uint64_t *out);
/* Whether @key is the literal true. */
bool tl_jobj_true(const struct tl_jobj *o, const char *key);

#endif /* TL_JSON_H */
