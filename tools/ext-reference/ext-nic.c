/*
 * ext-nic.c - the reference extension's Control commands and the NIC's
 * notifications (contract in ext-nic.h). A vendor's tool talks to its
 * extension through WlanIhvControl, and the extension to its NIC through
 * Dot11ExtNicSpecificExtension: the NIC command here is that relay, so a
 * scenario drives client -> Control -> NicSpecificExtension -> driver and
 * back, and reads the driver's event the same way.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ext-core.h"
#include "ext-nic.h"

/*
 * The last notification per adapter. Keyed by the adapter AND its
 * hDot11SvcHandle: an adapter object freed by DeinitAdapter may be
 * reallocated at the same address for the next one, whose svc handle the
 * host never repeats, so a stale entry is never read for it.
 */
#define EXT_NIC_SLOTS 8

struct ext_nic_slot {
	HANDLE ad, svc;
	ULONG len;
	BYTE buf[EXT_NIC_NOTIFY_MAX];
};

static struct ext_nic_slot ext_nic_slots[EXT_NIC_SLOTS];
static unsigned int ext_nic_next;  /* round robin when all are taken */

/* Lock held. The svc handle of adapter @h, or NULL when not ours. */
static HANDLE ext_nic_svc(HANDLE h)
{
	struct ext_adapter *ad = ext_adapter_find(h);

	return ad ? ad->svc : NULL;
}

/* Lock held. */
static struct ext_nic_slot *ext_nic_slot(HANDLE ad, HANDLE svc, int create)
{
	struct ext_nic_slot *free_slot = NULL;

	for (unsigned int i = 0; i < EXT_NIC_SLOTS; i++) {
		struct ext_nic_slot *s = &ext_nic_slots[i];

		if (s->ad == ad && s->svc == svc)
			return s;
		/* An adapter that is gone frees its slot. */
		if (!free_slot && (!s->ad || ext_nic_svc(s->ad) != s->svc))
			free_slot = s;
	}
	if (!create)
		return NULL;
	if (!free_slot)
		free_slot = &ext_nic_slots[ext_nic_next++ % EXT_NIC_SLOTS];
	free_slot->ad = ad;
	free_slot->svc = svc;
	free_slot->len = 0;
	return free_slot;
}

void ext_nic_notification(HANDLE h, ULONG len, const void *buf)
{
	struct ext_nic_slot *s;
	HANDLE svc;

	pthread_mutex_lock(&ext_svc.lock);
	svc = ext_nic_svc(h);
	s = svc && buf ? ext_nic_slot(h, svc, 1) : NULL;
	if (s) {
		s->len = len < EXT_NIC_NOTIFY_MAX ? len : EXT_NIC_NOTIFY_MAX;
		memcpy(s->buf, buf, s->len);
	}
	pthread_mutex_unlock(&ext_svc.lock);
	if (!s)
		ext_log("ReceiveIndication(adapter=%p): NIC notification for no "
			"adapter of ours, ignored", h);
}

static DWORD ext_nic_echo(const BYTE *arg, DWORD n, DWORD out_size, BYTE *out,
			  PDWORD returned)
{
	if (n > out_size)
		return ERROR_MORE_DATA;
	if (n)
		memcpy(out, arg, n);
	*returned = n;
	return ERROR_SUCCESS;
}

/*
 * The relay. The host runs an API called from inside a handler on its
 * own thread, at once, so the lock is not held across the call (nothing
 * of ours is touched meanwhile) and the call cannot wait on our worker.
 */
static DWORD ext_nic_forward(HANDLE h, const BYTE *arg, DWORD n, DWORD out_size,
			     BYTE *out, PDWORD returned)
{
	DWORD size = out_size, ret;
	HANDLE svc;

	pthread_mutex_lock(&ext_svc.lock);
	svc = ext_nic_svc(h);
	pthread_mutex_unlock(&ext_svc.lock);
	if (!svc)
		return ERROR_INVALID_HANDLE;
	ret = ext_svc.apis.Dot11ExtNicSpecificExtension(svc, n, (LPVOID)arg, &size, out);
	ext_log("Control: NicSpecificExtension(%lu bytes) -> %lu, %lu bytes back",
		(unsigned long)n, (unsigned long)ret, (unsigned long)size);
	*returned = ret == ERROR_SUCCESS ? size : 0;
	return ret;
}

static DWORD ext_nic_last(HANDLE h, DWORD out_size, BYTE *out, PDWORD returned)
{
	struct ext_nic_slot *s;
	DWORD ret = ERROR_NOT_FOUND;
	HANDLE svc;

	pthread_mutex_lock(&ext_svc.lock);
	svc = ext_nic_svc(h);
	s = svc ? ext_nic_slot(h, svc, 0) : NULL;
	if (!svc) {
		ret = ERROR_INVALID_HANDLE;
	} else if (s && s->len > out_size) {
		ret = ERROR_MORE_DATA;
	} else if (s) {
		memcpy(out, s->buf, s->len);
		*returned = s->len;
		ret = ERROR_SUCCESS;
	}
	pthread_mutex_unlock(&ext_svc.lock);
	return ret;
}

/* A virtual station for this adapter, or its release (the table
 * InitVirtualStation gave us). */
static DWORD ext_nic_vs(HANDLE h, int request)
{
	HANDLE svc;
	DWORD ret;

	pthread_mutex_lock(&ext_svc.lock);
	svc = ext_nic_svc(h);
	pthread_mutex_unlock(&ext_svc.lock);
	if (!svc)
		return ERROR_INVALID_HANDLE;
	if (!ext_vs_apis.Dot11ExtRequestVirtualStation || !ext_vs_apis.Dot11ExtReleaseVirtualStation) {
		ext_log("Control(adapter=%p): no virtual-station table from the host -> ERROR_NOT_SUPPORTED", h);
		return ERROR_NOT_SUPPORTED;
	}
	/* Unlocked: the new adapter's InitAdapter may run before this
	 * returns on a host that calls it inline. */
	ret = request ? ext_vs_apis.Dot11ExtRequestVirtualStation(svc, NULL)
		      : ext_vs_apis.Dot11ExtReleaseVirtualStation(svc, NULL);
	ext_log("Control(adapter=%p): Dot11Ext%sVirtualStation returned %u", h,
		request ? "Request" : "Release", (unsigned int)ret);
	return ret;
}

DWORD ext_nic_control(HANDLE h, DWORD in_size, const BYTE *in, DWORD out_size,
		      BYTE *out, PDWORD returned)
{
	UINT32 cmd;

	if (!returned || (in_size && !in) || (out_size && !out)) {
		ext_log("Control(adapter=%p): NULL buffer -> ERROR_INVALID_PARAMETER", h);
		return ERROR_INVALID_PARAMETER;
	}
	*returned = 0;
	if (in_size < sizeof(cmd)) {
		ext_log("Control(adapter=%p, in=%lu): no 4-byte command -> ERROR_INVALID_PARAMETER",
			h, (unsigned long)in_size);
		return ERROR_INVALID_PARAMETER;
	}
	memcpy(&cmd, in, sizeof(cmd));
	in += sizeof(cmd);
	in_size -= sizeof(cmd);
	switch (cmd) {
	case EXT_CONTROL_ECHO:
		return ext_nic_echo(in, in_size, out_size, out, returned);
	case EXT_CONTROL_NIC:
		return ext_nic_forward(h, in, in_size, out_size, out, returned);
	case EXT_CONTROL_LAST_NOTIFICATION:
		return ext_nic_last(h, out_size, out, returned);
	case EXT_CONTROL_VS_REQUEST:
	case EXT_CONTROL_VS_RELEASE:
		return ext_nic_vs(h, cmd == EXT_CONTROL_VS_REQUEST);
	}
	ext_log("Control(adapter=%p): unknown command %lu -> ERROR_NOT_SUPPORTED", h,
		(unsigned long)cmd);
	return ERROR_NOT_SUPPORTED;
}
