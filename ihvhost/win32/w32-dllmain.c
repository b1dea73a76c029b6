/* SPDX-License-Identifier: MIT */
/*
 * w32-dllmain: calls the extension's DllMain as Windows' loader would.
 *
 * libihvwin32.a is linked into the extension's .so, so a constructor here
 * runs when the host dlopen()s the .so and a destructor when it
 * dlclose()s it. The extension's DllMain is found by a weak, hidden
 * reference: if the extension defines none, the reference is NULL and
 * nothing is called. `pkg-config --libs ihvsdk` names this object's
 * anchor with -Wl,-u, so the linker takes it from the archive even when
 * nothing else of the library is used.
 *
 * Order, as on Windows: the C++ constructors of the extension run before
 * DLL_PROCESS_ATTACH (this object comes after the extension's own on the
 * link line, and .init_array runs in link order), and DLL_PROCESS_DETACH
 * runs before the C++ destructors (__cxa_finalize comes last).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "w32-internal.h"

#pragma weak DllMain

static HINSTANCE w32_module;
static bool w32_attached;
static volatile LONG w32_thread_calls_off;

/* What -Wl,-u names (see ihvsdk.pc): pulls this object into the .so. */
void ihvw32_dllmain_anchor(void);
void ihvw32_dllmain_anchor(void)
{
}

static HINSTANCE w32_self_module(void)
{
	Dl_info info;

	if (dladdr((void *)&w32_self_module, &info) && info.dli_fbase)
		return (HINSTANCE)info.dli_fbase;
	return NULL;
}

__attribute__((constructor))
static void w32_process_attach(void)
{
	w32_module = w32_self_module();
	if (!DllMain)
		return;
	if (!DllMain(w32_module, DLL_PROCESS_ATTACH, NULL)) {
		/* On Windows LoadLibrary fails now. A constructor cannot fail
		 * dlopen(), and going on would run an extension that said it
		 * cannot work: stop here, by name. */
		fprintf(stderr, "ihvwin32: DllMain(DLL_PROCESS_ATTACH) of the extension "
			"returned FALSE: the load is aborted (LoadLibrary would fail "
			"on Windows)\n");
		abort();
	}
	w32_attached = true;
}

__attribute__((destructor))
static void w32_process_detach(void)
{
	if (DllMain && w32_attached)
		DllMain(w32_module, DLL_PROCESS_DETACH, NULL);
	w32_attached = false;
}

void w32_dll_thread_notify(DWORD reason)
{
	if (DllMain && w32_attached && !w32_thread_calls_off)
		DllMain(w32_module, reason, NULL);
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule)
{
	if (hLibModule != w32_module) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	w32_thread_calls_off = 1;
	return TRUE;
}

/* The file a module was loaded from; NULL is the program (as on Windows). */
static const char *w32_module_path(HMODULE h, char *buf, size_t len)
{
	Dl_info info;
	ssize_t n;

	if (!h) {
		n = readlink("/proc/self/exe", buf, len - 1);
		if (n < 0)
			return NULL;
		buf[n] = '\0';
		return buf;
	}
	if (!dladdr((void *)h, &info) || info.dli_fbase != (void *)h || !info.dli_fname)
		return NULL;
	return info.dli_fname;
}

DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize)
{
	char buf[4096];
	const char *path = w32_module_path(hModule, buf, sizeof(buf));
	size_t n;

	if (!path) {
		SetLastError(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	if (!lpFilename || nSize == 0) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	n = strlen(path);
	if (n >= nSize) {
		/* Windows: truncated, terminated, nSize returned. */
		memcpy(lpFilename, path, nSize - 1);
		lpFilename[nSize - 1] = '\0';
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return nSize;
	}
	memcpy(lpFilename, path, n + 1);
	SetLastError(ERROR_SUCCESS);
	return (DWORD)n;
}

DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)
{
	char buf[4096];
	const char *path = w32_module_path(hModule, buf, sizeof(buf));
	int n;

	if (!path) {
		SetLastError(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	if (!lpFilename || nSize == 0) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	n = MultiByteToWideChar(CP_UTF8, 0, path, -1, NULL, 0);
	if (n <= 0)
		return 0;
	if ((DWORD)n > nSize) {
		WCHAR *tmp = malloc((size_t)n * sizeof(WCHAR));

		if (!tmp) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		MultiByteToWideChar(CP_UTF8, 0, path, -1, tmp, n);
		memcpy(lpFilename, tmp, (nSize - 1) * sizeof(WCHAR));
		lpFilename[nSize - 1] = 0;
		free(tmp);
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return nSize;
	}
	MultiByteToWideChar(CP_UTF8, 0, path, -1, lpFilename, n);
	SetLastError(ERROR_SUCCESS);
	return (DWORD)n - 1;
}
