/* SPDX-License-Identifier: MIT */
/* Extension loading and service-level entry points; see loader.h. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcall.h"
#include "loader.h"
#include "trace.h"
#include "watchdog.h"

#define IHV_SYM_VERSION "Dot11ExtIhvGetVersionInfo"
#define IHV_SYM_INIT "Dot11ExtIhvInitService"
#define IHV_SYM_INIT_VS "Dot11ExtIhvInitVirtualStation"

/* The 19 handlers in table order, with their names, so "which one is
 * NULL" is answered by name. */
static const struct {
	size_t offset;
	const char *name;
} ihv_handler_fields[] = {
#define F(m) { offsetof(DOT11EXT_IHV_HANDLERS, m), #m }
	F(Dot11ExtIhvDeinitService),
	F(Dot11ExtIhvInitAdapter),
	F(Dot11ExtIhvDeinitAdapter),
	F(Dot11ExtIhvPerformPreAssociate),
	F(Dot11ExtIhvAdapterReset),
	F(Dot11ExtIhvPerformPostAssociate),
	F(Dot11ExtIhvStopPostAssociate),
	F(Dot11ExtIhvValidateProfile),
	F(Dot11ExtIhvPerformCapabilityMatch),
	F(Dot11ExtIhvCreateDiscoveryProfiles),
	F(Dot11ExtIhvProcessSessionChange),
	F(Dot11ExtIhvReceiveIndication),
	F(Dot11ExtIhvReceivePacket),
	F(Dot11ExtIhvSendPacketCompletion),
	F(Dot11ExtIhvIsUIRequestPending),
	F(Dot11ExtIhvProcessUIResponse),
	F(Dot11ExtIhvQueryUIRequest),
	F(Dot11ExtIhvOnexIndicateResult),
	F(Dot11ExtIhvControl),
#undef F
};
#define IHV_NHANDLERS (sizeof(ihv_handler_fields) / sizeof(ihv_handler_fields[0]))
_Static_assert(IHV_NHANDLERS * sizeof(void *) == sizeof(DOT11EXT_IHV_HANDLERS),
	       "every handler of DOT11EXT_IHV_HANDLERS is checked");

const char *ihv_handler_name(size_t index)
{
	return index < IHV_NHANDLERS ? ihv_handler_fields[index].name : "?";
}

static struct ihv_ext *ihv_ext_alloc(const char *name)
{
	struct ihv_ext *ext = calloc(1, sizeof(*ext));

	if (!ext)
		return NULL;
	ext->path = strdup(name);
	if (!ext->path) {
		free(ext);
		return NULL;
	}
	return ext;
}

int ihv_ext_open(const char *path, struct ihv_ext **out, char *err, size_t errlen)
{
	struct ihv_ext *ext;
	const char *missing;
	int rc;

	ext = ihv_ext_alloc(path);
	if (!ext) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	dlerror();
	/* The extension's constructors run inside dlopen(): watched like a
	 * handler, so one that spins is reported as a hang, not a timeout. */
	ihv_watchdog_enter("dlopen (the extension's constructors)");
	ext->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	ihv_watchdog_leave();
	if (!ext->dl) {
		const char *why = dlerror();

		snprintf(err, errlen, "%s: cannot load: %s", path,
			 why ? why : "unknown dlopen error");
		rc = -ENOENT;
		goto free_ext;
	}
	/* dlsym returns void *; POSIX guarantees the function-pointer
	 * conversion, the memcpy keeps -Wpedantic quiet about it. */
	{
		void *v = dlsym(ext->dl, IHV_SYM_VERSION);
		void *i = dlsym(ext->dl, IHV_SYM_INIT);
		void *vs = dlsym(ext->dl, IHV_SYM_INIT_VS);

		memcpy(&ext->entry.get_version_info, &v, sizeof(v));
		memcpy(&ext->entry.init_service, &i, sizeof(i));
		memcpy(&ext->entry.init_virtual_station, &vs, sizeof(vs));
	}
	missing = !ext->entry.get_version_info ? IHV_SYM_VERSION :
		  !ext->entry.init_service ? IHV_SYM_INIT : NULL;
	if (missing) {
		snprintf(err, errlen, "%s: missing symbol %s", path, missing);
		rc = -ENOEXEC;
		goto close_dl;
	}
	*out = ext;
	return 0;

close_dl:
	dlclose(ext->dl);
free_ext:
	free(ext->path);
	free(ext);
	return rc;
}

int ihv_ext_from_entry(const char *name, const struct ihv_ext_entry *entry,
		       struct ihv_ext **out)
{
	struct ihv_ext *ext;

	if (!entry->get_version_info || !entry->init_service)
		return -EINVAL;
	ext = ihv_ext_alloc(name);
	if (!ext)
		return -ENOMEM;
	ext->entry = *entry;
	*out = ext;
	return 0;
}

/* Out of line so a host version of 0 does not make the test vacuous in
 * the compiler's eyes (-Wtype-limits). */
static bool ihv_version_in_range(DWORD v, const DOT11_IHV_VERSION_INFO *vi)
{
	return vi->dwVerMin <= vi->dwVerMax && vi->dwVerMin <= v && v <= vi->dwVerMax;
}

int ihv_ext_start(struct ihv_ext *ext, struct ihv_trace *trace,
		  PDOT11EXT_APIS apis, PDOT11EXT_VIRTUAL_STATION_APIS vs_apis,
		  char *err, size_t errlen)
{
	DOT11_IHV_VERSION_INFO vi = { 0, 0 };
	DWORD ret;

	ext->trace = trace;
	ret = IHV_HCALL(ext->trace, NULL, IHV_SYM_VERSION,
			ext->entry.get_version_info(&vi));
	if (ret != ERROR_SUCCESS) {
		snprintf(err, errlen, "%s: %s returned %u", ext->path,
			 IHV_SYM_VERSION, (unsigned int)ret);
		return -EPROTO;
	}
	ext->range = vi;
	if (!ihv_version_in_range(IHV_HOST_VERSION, &vi)) {
		snprintf(err, errlen,
			 "%s: %s offers versions [%u,%u], host supports only %u",
			 ext->path, IHV_SYM_VERSION, (unsigned int)vi.dwVerMin,
			 (unsigned int)vi.dwVerMax, IHV_HOST_VERSION);
		return -EPROTONOSUPPORT;
	}
	ext->version = IHV_HOST_VERSION;

	memset(&ext->handlers, 0, sizeof(ext->handlers));
	ret = IHV_HCALL(ext->trace, NULL, IHV_SYM_INIT,
			ext->entry.init_service(ext->version, apis, NULL,
						&ext->handlers));
	if (ret != ERROR_SUCCESS) {
		snprintf(err, errlen, "%s: %s returned %u", ext->path,
			 IHV_SYM_INIT, (unsigned int)ret);
		return -EPROTO;
	}
	for (size_t i = 0; i < IHV_NHANDLERS; i++) {
		void *fn;

		memcpy(&fn, (const char *)&ext->handlers + ihv_handler_fields[i].offset,
		       sizeof(fn));
		if (fn)
			continue;
		snprintf(err, errlen, "%s: handler %s is NULL", ext->path,
			 ihv_handler_fields[i].name);
		/* Give the extension its chance to stop what InitService
		 * started, unless DeinitService is the missing one. */
		ext->service_up = true;
		if (i != 0)
			ihv_ext_stop(ext);
		ext->service_up = false;
		return -EINVAL;
	}
	ext->service_up = true;

	if (ext->entry.init_virtual_station) {
		ret = IHV_HCALL(ext->trace, NULL, IHV_SYM_INIT_VS,
				ext->entry.init_virtual_station(vs_apis, NULL));
		if (ret != ERROR_SUCCESS) {
			snprintf(err, errlen, "%s: %s returned %u", ext->path,
				 IHV_SYM_INIT_VS, (unsigned int)ret);
			ihv_ext_stop(ext);
			return -EPROTO;
		}
		ext->vs_up = true;
	}
	return 0;
}

void ihv_ext_stop(struct ihv_ext *ext)
{
	if (!ext || !ext->service_up)
		return;
	ext->service_up = false;
	IHV_HCALL_VOID(ext->trace, NULL, "Dot11ExtIhvDeinitService",
		       ext->handlers.Dot11ExtIhvDeinitService());
}

void ihv_ext_close(struct ihv_ext *ext)
{
	if (!ext)
		return;
	if (ext->dl)
		dlclose(ext->dl);
	free(ext->path);
	free(ext);
}
