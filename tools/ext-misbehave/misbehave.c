/*
 * ext-misbehave: an IHV extension that breaks the contract on request, so
 * the host's crash containment, watchdog and verifier can be tested against
 * a real shared object. Built as libihv-misbehave.so; logs one stderr line
 * per call, prefixed "ext-misbehave:".
 *
 * Without faults it behaves exactly like ext-reference (it is built from
 * the same core, ../ext-reference/ext-*.c, declared in ext-core.h) and
 * reads the same IHV_EXT_* variables.
 * Faults are chosen at Dot11ExtIhvInitService time by the environment
 * variable IHV_MISBEHAVE, a comma-separated list of:
 *
 *   crash:<Handler>         SIGSEGV (a write through NULL) on entry to that
 *                           handler
 *   hang:<Handler>          never return from that handler (sleeps forever)
 *   complete-late           hold each post-association completion back and
 *                           send it ~200 ms AFTER StopPostAssociate returned
 *   complete-never          never complete pre- or post-association
 *   complete-twice          call PostAssociateCompletion twice (same result)
 *                           for one session
 *   leak-buffer             after each post-association completion, take a
 *                           buffer with Dot11ExtAllocateBuffer and never free
 *                           it (still allocated when DeinitService returns)
 *   api-out-of-window       ~100 ms after StopPostAssociate, call
 *                           Dot11ExtStopOneX, a post-association-only API,
 *                           with no post-association in progress
 *   stale-handle            remember the hDot11SvcHandle of a deinitialised
 *                           adapter and call Dot11ExtSetAuthAlgorithm with it
 *                           from DeinitService
 *   null-handler:<Handler>  leave that handler NULL in the table (a host must
 *                           refuse to load the extension)
 *   exit:<Handler>          exit(0) on entry to that handler
 *   _exit:<Handler>         _exit(0) on entry (no atexit hooks run)
 *   segv-exit:<Handler>     install a SIGSEGV handler that exits 0, then
 *                           crash on entry to that handler
 *   exit-in-init            exit(0) at the end of InitService
 *   exit-in-constructor     exit(0) from the library's constructor, while
 *                           the host is still in dlopen()
 *   daemon:<Handler>        on entry, start a daemon (fork, setsid, fork)
 *                           that keeps stdout/stderr open and never exits
 *   hang-in-constructor     never return from the library's constructor
 *   reset-not-cancelled     AdapterReset completes a pending
 *                           post-association with the result it was going
 *                           to have (ERROR_SUCCESS), not ERROR_CANCELLED
 * and, for an extension that owns security (a <Wpa2Psk> profile):
 *   mute-eapol              ReceivePacket ignores every frame (1/4 is never
 *                           answered: the AP's handshake times out)
 *   send-after-stop         ~50 ms after StopPostAssociate returned, the
 *                           worker sends an EAPOL-Start to the stopped
 *                           session's AP with Dot11ExtSendPacket
 *   key-wrong-peer          Dot11ExtSetKeyMappingKey names a peer that is
 *                           not the AP (the AP's address, last bit flipped)
 *   key-outside-postassoc   Dot11ExtSetKeyMappingKey (a zero CCMP key for
 *                           the first BSS offered) inside
 *                           PerformPreAssociate, before its completion
 *   corrupt-key             the handshake completes (the AP authorizes the
 *                           station), but the pairwise key installed has
 *                           one bit flipped: no data can get through
 * and for Microsoft's 802.1X (the host's OneX, Dot11ExtStartOneX):
 *   onex-start-early        Dot11ExtStartOneX inside PerformPreAssociate
 *                           (outside post-association)
 *   onex-packet-without-session  the first frame ReceivePacket gets is
 *                           also handed to Dot11ExtProcessSecurityPacket
 *                           as an EAP-Response/Identity, with no OneX
 *                           session (a <Wpa2Psk> profile)
 *   onex-stop-twice         Dot11ExtStopOneX once more after the core
 *                           stopped the session in StopPostAssociate
 *   onex-left-running       StopPostAssociate returns without
 *                           Dot11ExtStopOneX
 * (the exit faults check that a host never takes an extension's exit
 * status for a verdict)
 *
 * <Handler> is a short handler name: DeinitService, InitAdapter,
 * DeinitAdapter, PerformPreAssociate, AdapterReset, PerformPostAssociate,
 * StopPostAssociate, ValidateProfile, PerformCapabilityMatch,
 * CreateDiscoveryProfiles, ProcessSessionChange, ReceiveIndication,
 * ReceivePacket, SendPacketCompletion, IsUIRequestPending,
 * ProcessUIResponse, QueryUIRequest, OnexIndicateResult, Control.
 * An unknown fault or handler prints one line naming IHV_MISBEHAVE and the
 * token and fails InitService with ERROR_INVALID_PARAMETER.
 * See also README.md in this folder.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stddef.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ext-reference/ext-core.h"

#define MB_LATE_MS 200UL
#define MB_OUT_OF_WINDOW_MS 100UL
#define MB_LEAK_BYTES 64
#define MB_SEND_AFTER_STOP_MS 50UL
#define MB_CCMP_KEY_BYTES (offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) + 16)

struct mb_faults {
	unsigned char crash[EXT_H_COUNT];
	unsigned char hang[EXT_H_COUNT];
	unsigned char null_handler[EXT_H_COUNT];
	unsigned char exit_[EXT_H_COUNT];
	unsigned char uexit[EXT_H_COUNT];
	unsigned char segv_exit[EXT_H_COUNT];
	unsigned char daemon_[EXT_H_COUNT];
	int exit_in_init;
	int in_constructor; /* faults the constructor acts on (mb_constructor) */
	int complete_late;
	int complete_never;
	int complete_twice;
	int leak_buffer;
	int api_out_of_window;
	int stale_handle;
	int reset_not_cancelled;
	int mute_eapol;
	int send_after_stop;
	int key_wrong_peer;
	int key_outside_postassoc;
	int corrupt_key;
	int onex_start_early;
	int onex_packet_without_session;
	int onex_stop_twice;
	int onex_left_running;
	HANDLE stale_svc;  /* stale-handle: a deinitialised adapter's handle */
	int have_stale;
};

static struct mb_faults mb;

/* Read through a volatile pointer so the compiler keeps the faulting write. */
static int *volatile mb_null;

/* The NULL write is the point: keep UBSan (SANITIZE=1, fatal) from turning
 * the SIGSEGV the host must contain into an abort. */
__attribute__((noinline, no_sanitize("undefined")))
static void mb_crash_now(void)
{
	*mb_null = 0xdead;
}

static void mb_exit0_on_signal(int sig)
{
	(void)sig;
	exit(0);
}

/* A daemon the way daemons are made: it leaves the caller's process group
 * and session, and keeps the inherited stdout/stderr. */
static void mb_daemon(void)
{
	pid_t pid = fork();

	if (pid != 0) {
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return;
	}
	setsid();
	if (fork() != 0)
		_exit(0);
	for (;;)
		pause();
}

static void mb_enter(enum ext_handler h)
{
	if (mb.daemon_[h]) {
		ext_log("daemon:%s: starting a daemon (setsid) that never exits",
			ext_handler_names[h]);
		mb_daemon();
	}
	if (mb.exit_[h]) {
		ext_log("exit:%s: calling exit(0)", ext_handler_names[h]);
		exit(0);
	}
	if (mb.uexit[h]) {
		ext_log("_exit:%s: calling _exit(0)", ext_handler_names[h]);
		_exit(0);
	}
	if (mb.segv_exit[h]) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = mb_exit0_on_signal;
		sigaction(SIGSEGV, &sa, NULL);
		ext_log("segv-exit:%s: own SIGSEGV handler (exit 0), then a NULL write",
			ext_handler_names[h]);
		mb_crash_now();
	}
	if (mb.crash[h]) {
		ext_log("crash:%s: writing through a NULL pointer", ext_handler_names[h]);
		mb_crash_now();
	}
	if (mb.hang[h]) {
		ext_log("hang:%s: never returning", ext_handler_names[h]);
		for (;;)
			pause();
	}
	if (h == EXT_H_DEINIT_SERVICE && mb.have_stale) {
		DWORD ret = ext_svc.apis.Dot11ExtSetAuthAlgorithm(mb.stale_svc,
			DOT11_AUTH_ALGO_80211_OPEN);

		ext_log("stale-handle: Dot11ExtSetAuthAlgorithm(svc=%p, deinitialised) returned %u",
			mb.stale_svc, (unsigned int)ret);
		mb.have_stale = 0;
	}
}

/*
 * reset-not-cancelled: the reference's AdapterReset, except that the
 * adapter's pending post-association completions are delivered first, each
 * with the result it was going to have, so that the core's reset finds
 * none left to cancel. Like the reference, it returns only once they were
 * delivered.
 */
static DWORD WINAPI mb_adapter_reset(HANDLE hIhvExtAdapter)
{
	struct ext_job *job, *next;
	struct ext_adapter *ad;
	unsigned int n = 0;

	pthread_mutex_lock(&ext_svc.lock);
	ad = ext_adapter_find(hIhvExtAdapter);
	for (job = ad ? ext_jobs_take(ad, EXT_KIND(EXT_JOB_POST)) : NULL; job; job = next) {
		next = job->next;
		ext_log("reset-not-cancelled: completing the pending post-association (session=%p) with win32 %u, not ERROR_CANCELLED",
			job->session, (unsigned int)job->win32);
		ext_job_queue(job, 0);
		n++;
	}
	while (n && (ad->inflight || ext_adapter_has_jobs(ad)))
		pthread_cond_wait(&ext_svc.cond, &ext_svc.lock);
	pthread_mutex_unlock(&ext_svc.lock);
	return ext_adapter_reset(hIhvExtAdapter);
}

static void mb_handlers(PDOT11EXT_IHV_HANDLERS t)
{
	int i;

	if (mb.reset_not_cancelled)
		t->Dot11ExtIhvAdapterReset = mb_adapter_reset;
	for (i = 0; i < EXT_H_COUNT; i++) {
		if (!mb.null_handler[i])
			continue;
		ext_log("null-handler:%s: leaving it NULL", ext_handler_names[i]);
		switch ((enum ext_handler)i) {
		case EXT_H_DEINIT_SERVICE: t->Dot11ExtIhvDeinitService = NULL; break;
		case EXT_H_INIT_ADAPTER: t->Dot11ExtIhvInitAdapter = NULL; break;
		case EXT_H_DEINIT_ADAPTER: t->Dot11ExtIhvDeinitAdapter = NULL; break;
		case EXT_H_PERFORM_PRE_ASSOCIATE: t->Dot11ExtIhvPerformPreAssociate = NULL; break;
		case EXT_H_ADAPTER_RESET: t->Dot11ExtIhvAdapterReset = NULL; break;
		case EXT_H_PERFORM_POST_ASSOCIATE: t->Dot11ExtIhvPerformPostAssociate = NULL; break;
		case EXT_H_STOP_POST_ASSOCIATE: t->Dot11ExtIhvStopPostAssociate = NULL; break;
		case EXT_H_VALIDATE_PROFILE: t->Dot11ExtIhvValidateProfile = NULL; break;
		case EXT_H_PERFORM_CAPABILITY_MATCH: t->Dot11ExtIhvPerformCapabilityMatch = NULL; break;
		case EXT_H_CREATE_DISCOVERY_PROFILES: t->Dot11ExtIhvCreateDiscoveryProfiles = NULL; break;
		case EXT_H_PROCESS_SESSION_CHANGE: t->Dot11ExtIhvProcessSessionChange = NULL; break;
		case EXT_H_RECEIVE_INDICATION: t->Dot11ExtIhvReceiveIndication = NULL; break;
		case EXT_H_RECEIVE_PACKET: t->Dot11ExtIhvReceivePacket = NULL; break;
		case EXT_H_SEND_PACKET_COMPLETION: t->Dot11ExtIhvSendPacketCompletion = NULL; break;
		case EXT_H_IS_UI_REQUEST_PENDING: t->Dot11ExtIhvIsUIRequestPending = NULL; break;
		case EXT_H_PROCESS_UI_RESPONSE: t->Dot11ExtIhvProcessUIResponse = NULL; break;
		case EXT_H_QUERY_UI_REQUEST: t->Dot11ExtIhvQueryUIRequest = NULL; break;
		case EXT_H_ONEX_INDICATE_RESULT: t->Dot11ExtIhvOnexIndicateResult = NULL; break;
		case EXT_H_CONTROL: t->Dot11ExtIhvControl = NULL; break;
		}
	}
}

/* Lock held. */
static int mb_schedule(struct ext_job *job)
{
	if (mb.complete_never && (job->kind == EXT_JOB_PRE || job->kind == EXT_JOB_POST)) {
		ext_log("complete-never: dropping the %s-association completion (session=%p)",
			job->kind == EXT_JOB_PRE ? "pre" : "post", job->session);
		free(job);
		return 1;
	}
	if (job->kind != EXT_JOB_POST)
		return 0;
	if (mb.complete_late) {
		ext_log("complete-late: holding the post-association completion (session=%p) until after StopPostAssociate",
			job->session);
		job->next = job->ad->held;
		job->ad->held = job;
		return 1;
	}
	if (mb.complete_twice)
		job->calls = 2;
	return 0;
}

/* Worker, unlocked. */
static void mb_call_stop_onex(struct ext_job *job)
{
	DWORD ret = ext_svc.apis.Dot11ExtStopOneX(job->ad->svc);

	ext_log("api-out-of-window: Dot11ExtStopOneX(svc=%p) with no post-association returned %u",
		job->ad->svc, (unsigned int)ret);
}

/* Worker, unlocked: the host may run the API on its own thread and wait
 * for it, so no lock of ours is held across the call. */
static void mb_send_after_stop(struct ext_job *job)
{
	/* EAPOL-Start: version 2, type 1, no body. Harmless to any AP. */
	static const UCHAR eapol_start[4] = { 2, 1, 0, 0 };
	struct ext_adapter *ad = job->ad;
	struct ext_send *s;
	DWORD ret;
	char mac[18];

	pthread_mutex_lock(&ext_svc.lock);
	s = ext_send_track(ad, job->peer, eapol_start, sizeof(eapol_start));
	pthread_mutex_unlock(&ext_svc.lock);
	if (!s) {
		ext_log("send-after-stop: out of memory, fault not injected");
		return;
	}
	ret = ext_svc.apis.Dot11ExtSendPacket(ad->svc, s->len, s->pkt, (HANDLE)s);
	ext_log("send-after-stop: Dot11ExtSendPacket(svc=%p, EAPOL-Start to %s) for the stopped session %p returned %u",
		ad->svc, ext_mac_str(job->peer, mac), job->session, (unsigned int)ret);
	if (ret != ERROR_SUCCESS) {
		pthread_mutex_lock(&ext_svc.lock);
		ext_send_untrack(ad, s);
		pthread_mutex_unlock(&ext_svc.lock);
	}
}

/* Lock held, inside ReceivePacket. */
static int mb_receive(struct ext_adapter *ad)
{
	/* EAPOL version 2, EAP packet, EAP-Response/Identity "x". */
	static const UCHAR eap_identity[] = { 2, 0, 0, 6, 2, 1, 0, 6, 1, 'x' };

	if (mb.onex_packet_without_session) {
		DWORD ret = ext_svc.apis.Dot11ExtProcessSecurityPacket(ad->svc, sizeof(eap_identity),
								       (LPVOID)eap_identity);

		mb.onex_packet_without_session = 0;
		ext_log("onex-packet-without-session: Dot11ExtProcessSecurityPacket without StartOneX returned %u",
			(unsigned int)ret);
	}
	if (!mb.mute_eapol)
		return 0;
	ext_log("mute-eapol: adapter %p: ignoring the security packet", (void *)ad);
	return 1;
}

/* Lock held, inside ReceivePacket, before Dot11ExtSetKeyMappingKey. */
static void mb_pairwise_key(struct ext_adapter *ad, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE key)
{
	char mac[18];

	(void)ad;
	if (mb.corrupt_key && !key->bDelete &&
	    key->AlgorithmId == DOT11_CIPHER_ALGO_CCMP &&
	    key->usKeyLength > offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey)) {
		/* by offset: ucKey holds no aligned struct */
		key->ucKey[offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey)] ^= 0x01;
		ext_log("corrupt-key: installing the pairwise key with one bit flipped");
	}
	if (!mb.key_wrong_peer)
		return;
	key->PeerMacAddr[5] ^= 0x01;
	ext_log("key-wrong-peer: installing the pairwise key for %s, not the AP",
		ext_mac_str(key->PeerMacAddr, mac));
}

/* Lock held, inside PerformPreAssociate (the host runs APIs called from
 * a handler inline). */
static void mb_pre_associate(struct ext_adapter *ad, PDOT11_BSS_LIST bss)
{
	UCHAR buf[offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + MB_CCMP_KEY_BYTES];
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k = (PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE)(void *)buf;
	ULONG klen = 16;
	DWORD ret;
	char mac[18];

	if (mb.onex_start_early) {
		ret = ext_svc.apis.Dot11ExtStartOneX(ad->svc, NULL);
		ext_log("onex-start-early: Dot11ExtStartOneX during pre-association returned %u",
			(unsigned int)ret);
	}
	if (!mb.key_outside_postassoc)
		return;
	memset(buf, 0, sizeof(buf));
	if (bss && bss->pucBuffer && bss->uNumOfBytes >= offsetof(DOT11_BSS_ENTRY, ucBuffer))
		memcpy(k->PeerMacAddr, ((PDOT11_BSS_ENTRY)(void *)bss->pucBuffer)->dot11BSSID, 6);
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->Direction = DOT11_DIR_BOTH;
	k->usKeyLength = (USHORT)MB_CCMP_KEY_BYTES;
	memcpy(k->ucKey + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), &klen, sizeof(klen));
	ret = ext_svc.apis.Dot11ExtSetKeyMappingKey(ad->svc, k);
	ext_log("key-outside-postassoc: Dot11ExtSetKeyMappingKey(svc=%p, peer=%s) during pre-association returned %u",
		ad->svc, ext_mac_str(k->PeerMacAddr, mac), (unsigned int)ret);
}

/* Lock held, inside StopPostAssociate. */
static void mb_stopped(struct ext_adapter *ad)
{
	struct ext_job *job, *next;

	for (job = ad->held, ad->held = NULL; job; job = next) {
		next = job->next;
		ext_log("complete-late: sending the held completion (session=%p) in %lu ms",
			job->session, MB_LATE_MS);
		ext_job_queue(job, MB_LATE_MS);
	}
	if (mb.api_out_of_window) {
		job = ext_job_new(EXT_JOB_CALL, ad, NULL);
		if (!job) {
			ext_log("api-out-of-window: out of memory, fault not injected");
			return;
		}
		job->call = mb_call_stop_onex;
		ext_job_queue(job, MB_OUT_OF_WINDOW_MS);
	}
	if (mb.onex_stop_twice) {
		DWORD ret = ext_svc.apis.Dot11ExtStopOneX(ad->svc);

		ext_log("onex-stop-twice: Dot11ExtStopOneX again inside StopPostAssociate returned %u",
			(unsigned int)ret);
	}
	if (mb.send_after_stop) {
		job = ext_job_new(EXT_JOB_CALL, ad, ad->session);
		if (!job) {
			ext_log("send-after-stop: out of memory, fault not injected");
			return;
		}
		memcpy(job->peer, ad->peer, sizeof(job->peer));
		job->call = mb_send_after_stop;
		ext_job_queue(job, MB_SEND_AFTER_STOP_MS);
	}
}

/* Worker, unlocked. */
static void mb_post_completed(struct ext_job *job)
{
	LPVOID leak = NULL;
	DWORD ret;

	if (!mb.leak_buffer)
		return;
	ret = ext_svc.apis.Dot11ExtAllocateBuffer(MB_LEAK_BYTES, &leak);
	ext_log("leak-buffer: Dot11ExtAllocateBuffer(%d) returned %u, buffer %p will never be freed (session=%p)",
		MB_LEAK_BYTES, (unsigned int)ret, leak, job->session);
}

/* Lock held, inside DeinitAdapter. */
static void mb_deinit_adapter(struct ext_adapter *ad)
{
	if (!mb.stale_handle)
		return;
	mb.stale_svc = ad->svc;
	mb.have_stale = 1;
	ext_log("stale-handle: keeping svc=%p for a call after DeinitAdapter", ad->svc);
}

/* Lock held, inside StopPostAssociate, before Dot11ExtStopOneX. */
static int mb_keep_onex(struct ext_adapter *ad)
{
	if (mb.onex_left_running)
		ext_log("onex-left-running: adapter %p: not calling Dot11ExtStopOneX", (void *)ad);
	return mb.onex_left_running;
}

static const struct ext_fault_ops mb_ops = {
	.enter = mb_enter,
	.handlers = mb_handlers,
	.schedule = mb_schedule,
	.stopped = mb_stopped,
	.post_completed = mb_post_completed,
	.deinit_adapter = mb_deinit_adapter,
	.receive = mb_receive,
	.pairwise_key = mb_pairwise_key,
	.pre_associate = mb_pre_associate,
	.keep_onex = mb_keep_onex,
};

static int mb_handler_index(const char *name)
{
	int i;

	for (i = 0; i < EXT_H_COUNT; i++)
		if (!strcmp(name, ext_handler_names[i]))
			return i;
	return -1;
}

/* One token of IHV_MISBEHAVE. 0, or -1 after printing the error line. */
static int mb_parse_token(const char *tok)
{
	static const struct { const char *name; int *flag; } simple[] = {
		{ "complete-late", &mb.complete_late },
		{ "complete-never", &mb.complete_never },
		{ "complete-twice", &mb.complete_twice },
		{ "leak-buffer", &mb.leak_buffer },
		{ "api-out-of-window", &mb.api_out_of_window },
		{ "stale-handle", &mb.stale_handle },
		{ "reset-not-cancelled", &mb.reset_not_cancelled },
		{ "mute-eapol", &mb.mute_eapol },
		{ "send-after-stop", &mb.send_after_stop },
		{ "key-wrong-peer", &mb.key_wrong_peer },
		{ "key-outside-postassoc", &mb.key_outside_postassoc },
		{ "corrupt-key", &mb.corrupt_key },
		{ "onex-start-early", &mb.onex_start_early },
		{ "onex-packet-without-session", &mb.onex_packet_without_session },
		{ "onex-stop-twice", &mb.onex_stop_twice },
		{ "onex-left-running", &mb.onex_left_running },
		{ "exit-in-init", &mb.exit_in_init },
		{ "exit-in-constructor", &mb.in_constructor },
		{ "hang-in-constructor", &mb.in_constructor },
	};
	static const char *const prefixed[] = { "crash:", "hang:", "null-handler:",
						"exit:", "_exit:", "segv-exit:", "daemon:" };
	unsigned char *const tables[] = { mb.crash, mb.hang, mb.null_handler,
					  mb.exit_, mb.uexit, mb.segv_exit, mb.daemon_ };
	size_t i;

	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
		if (!strcmp(tok, simple[i].name)) {
			*simple[i].flag = 1;
			return 0;
		}
	}
	for (i = 0; i < sizeof(prefixed) / sizeof(prefixed[0]); i++) {
		size_t n = strlen(prefixed[i]);
		int h;

		if (strncmp(tok, prefixed[i], n))
			continue;
		h = mb_handler_index(tok + n);
		if (h < 0) {
			ext_log("error: IHV_MISBEHAVE: '%s': unknown handler '%s' (use a short name such as PerformPostAssociate)",
				tok, tok + n);
			return -1;
		}
		tables[i][h] = 1;
		return 0;
	}
	ext_log("error: IHV_MISBEHAVE: unknown fault '%s' (known: crash:<Handler>, hang:<Handler>, complete-late, complete-never, complete-twice, leak-buffer, api-out-of-window, stale-handle, null-handler:<Handler>, exit:<Handler>, _exit:<Handler>, segv-exit:<Handler>, exit-in-init, exit-in-constructor, daemon:<Handler>, hang-in-constructor, reset-not-cancelled, mute-eapol, send-after-stop, key-wrong-peer, key-outside-postassoc, corrupt-key, onex-start-early, onex-packet-without-session, onex-stop-twice, onex-left-running)",
		tok);
	return -1;
}

static DWORD mb_init(const struct ext_fault_ops **faults)
{
	const char *env = getenv("IHV_MISBEHAVE");
	char *list, *tok, *save = NULL;
	int bad = 0;

	memset(&mb, 0, sizeof(mb));
	*faults = &mb_ops;
	if (!env || !*env) {
		ext_log("IHV_MISBEHAVE unset: no faults");
		return ERROR_SUCCESS;
	}
	list = strdup(env);
	if (!list) {
		ext_log("error: IHV_MISBEHAVE: out of memory");
		return ERROR_OUTOFMEMORY;
	}
	for (tok = strtok_r(list, ",", &save); tok && !bad; tok = strtok_r(NULL, ",", &save))
		bad = mb_parse_token(tok) < 0;
	free(list);
	if (bad) {
		memset(&mb, 0, sizeof(mb));
		return ERROR_INVALID_PARAMETER;
	}
	ext_log("IHV_MISBEHAVE=%s", env);
	if (mb.exit_in_init) {
		ext_log("exit-in-init: calling exit(0) in InitService");
		exit(0);
	}
	return ERROR_SUCCESS;
}

/* exit-in-constructor: runs inside the host's dlopen(), before any entry
 * point, so the IHV_MISBEHAVE parser has not run yet. */
__attribute__((constructor))
static void mb_constructor(void)
{
	const char *env = getenv("IHV_MISBEHAVE");

	if (env && strstr(env, "exit-in-constructor")) {
		ext_log("exit-in-constructor: calling exit(0) from the constructor");
		exit(0);
	}
	if (env && strstr(env, "hang-in-constructor")) {
		ext_log("hang-in-constructor: never returning from the constructor");
		for (;;)
			pause();
	}
}

/* What the core asks of each extension built on it (ext-core.h). */
const struct ext_variant ext_variant = { "ext-misbehave", mb_init };
