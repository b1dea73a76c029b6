/* SPDX-License-Identifier: MIT */
/*
 * loader: opens an IHV extension, negotiates the version and runs its
 * service-level entry points (reference "call sequence" rule 1):
 * GetVersionInfo -> InitService -> InitVirtualStation (when exported).
 *
 * Every failure returns a negative errno AND a one-line message naming the
 * file and the symbol or handler, without the "ihvhost: " prefix:
 *   "/x/libfoo.so: missing symbol Dot11ExtIhvInitService"
 *   "/x/libfoo.so: handler Dot11ExtIhvStopPostAssociate is NULL"
 * which main prints and turns into exit code 3 (IHV_EXIT_LOAD).
 *
 * Loop thread only. Every call into the extension is bracketed by
 * ihv_watchdog_enter/leave and traced ("handler" records).
 */
#ifndef IHVHOST_LOADER_H
#define IHVHOST_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include <wlanihv.h>

struct ihv_trace;

/* The only interface version this host speaks: Vista's 0 (no header
 * defines another, and the public sample returns [0,0]). */
#define IHV_HOST_VERSION 0u

#define IHV_LOADER_ERR_MAX 512

/* Exported entry points, resolved by name (or given by a test double). */
struct ihv_ext_entry {
	DOT11EXTIHV_GET_VERSION_INFO get_version_info;
	DOT11EXTIHV_INIT_SERVICE init_service;
	DOT11EXTIHV_INIT_VIRTUAL_STATION init_virtual_station; /* optional */
};

struct ihv_ext {
	char *path;                     /* file, or the double's name */
	void *dl;                       /* dlopen handle; NULL for doubles */
	struct ihv_ext_entry entry;
	DOT11_IHV_VERSION_INFO range;   /* what the extension offered */
	DWORD version;                  /* negotiated */
	DOT11EXT_IHV_HANDLERS handlers; /* filled by InitService */
	bool service_up;                /* InitService succeeded */
	bool vs_up;                     /* InitVirtualStation called */
	struct ihv_trace *trace;
};

/* dlopen(RTLD_NOW | RTLD_LOCAL) + symbol resolution. -ENOENT: the file
 * cannot be loaded; -ENOEXEC: a required symbol is missing. */
int ihv_ext_open(const char *path, struct ihv_ext **out, char *err, size_t errlen);
/* An in-process extension (unit-test doubles). */
int ihv_ext_from_entry(const char *name, const struct ihv_ext_entry *entry,
		       struct ihv_ext **out);

/*
 * GetVersionInfo, negotiation, InitService(@apis), NULL-handler check,
 * then InitVirtualStation(@vs_apis) when exported.
 * -EPROTO: GetVersionInfo or InitService returned an error;
 * -EPROTONOSUPPORT: IHV_HOST_VERSION outside the offered range;
 * -EINVAL: a handler is NULL (DeinitService is called first when it is
 * not the NULL one, so the extension can stop its threads).
 */
int ihv_ext_start(struct ihv_ext *ext, struct ihv_trace *trace,
		  PDOT11EXT_APIS apis, PDOT11EXT_VIRTUAL_STATION_APIS vs_apis,
		  char *err, size_t errlen);
/* DeinitService, when InitService succeeded (idempotent). */
void ihv_ext_stop(struct ihv_ext *ext);
/* dlclose and free. NULL ok. Call ihv_ext_stop first. */
void ihv_ext_close(struct ihv_ext *ext);

/* Name of the handler at @index (0..18) of DOT11EXT_IHV_HANDLERS. */
const char *ihv_handler_name(size_t index);

#endif /* IHVHOST_LOADER_H */
