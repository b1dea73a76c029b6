/* SPDX-License-Identifier: MIT */
/*
 * run-xml: the small, strict XML reader behind `ihvhost junit-merge`
 * (run-junit-merge.c). It reads a whole file into memory and builds a tree
 * of elements whose byte ranges point into it, so a merge can copy an
 * element byte for byte. Accepted: UTF-8 of XML 1.0's characters, an XML
 * declaration (UTF-8 only), elements with quoted attributes, the five
 * predefined entities and character references, CDATA, comments and
 * processing instructions (skipped). Refused, with FILE:LINE:COL in
 * doc->err: anything else, a DOCTYPE above all (no entity can expand),
 * namespaces, more than JX_ATTRS_MAX attributes or JX_DEPTH_MAX levels.
 * Internal to the runner; 0 or -errno (-EINVAL: not such XML).
 */
#ifndef IHVHOST_RUN_XML_H
#define IHVHOST_RUN_XML_H

#include <stdbool.h>
#include <stddef.h>

#define JX_FILE_MAX (256u << 20)  /* a report of 256 MiB is not a test run's */
#define JX_DEPTH_MAX 8            /* the schema's depth is 3 */
#define JX_ATTRS_MAX 16


struct jx_attr {
	const char *name;     /* into the buffer, name_len bytes */
	size_t name_len;
	char *value;          /* decoded */
};

struct jx_elem {
	const char *name;
	size_t name_len;
	struct jx_attr attrs[JX_ATTRS_MAX];
	size_t n_attrs;
	size_t start, end;             /* the element, '<' to after '>' */
	size_t inner_start, inner_end; /* its content */
	struct jx_elem *kids;
	size_t n_kids;
	bool text;                     /* non-blank text or CDATA inside */
};

struct jx_doc {
	const char *path;
	char *buf;
	size_t len, pos;
	struct jx_elem root;
	char err[512];
};

/* Reads @path (a regular file of at most JX_FILE_MAX bytes, no NUL) into
 * @d->buf; -EINVAL with @d->err set when it is not text, other -errno
 * (also in @d->err) when it cannot be read. */
int jx_load(struct jx_doc *d, const char *path);
/* Parses @d->buf into @d->root. */
int jx_document(struct jx_doc *d);
/* Frees an element's attributes and children (not the buffer). */
void jx_elem_free(struct jx_elem *e);
/* Sets @d->err to "FILE:LINE:COL: message" for offset @at; -EINVAL. */
__attribute__((format(printf, 3, 4)))
int jx_fail(struct jx_doc *d, size_t at, const char *fmt, ...);

bool jx_is(const struct jx_elem *e, const char *name);
/* The decoded value of attribute @name, or NULL. */
const char *jx_get(const struct jx_elem *e, const char *name);

#endif /* IHVHOST_RUN_XML_H */
