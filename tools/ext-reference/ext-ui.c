/*
 * ext-ui.c - the sample extensions' user interaction: the logged-on user
 * session (ProcessSessionChange), the question a profile asks before
 * connecting (SendUIRequest, held pre-association, ProcessUIResponse) and
 * the adapter status QueryUIRequest offers. Declared in ext-core.h; the
 * behaviour is documented in README.md ("Asking the user").
 *
 * The connectivity fragment (DOT11EXT_IHV_CONNECTIVITY_PROFILE, UTF-16)
 * asks when it is exactly
 *     <AskUser>QUESTION</AskUser>
 * no namespace, no attribute, text only, QUESTION 1..EXT_UI_QUESTION_MAX
 * bytes of UTF-8 once leading and trailing white space is trimmed. A
 * blank fragment, or one whose root is another element (<Discovered/>,
 * a vendor's own), does not ask. A fragment that is not well-formed XML,
 * or an <AskUser> that breaks the rules above, refuses the
 * pre-association at once with EXT_REASON_PROFILE_XML.
 *
 * Everything here runs with ext_svc.lock held (the handlers take it);
 * the host runs SendUIRequest inline on its own thread, which is the one
 * calling PerformPreAssociate, so sending under the lock is safe.
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ext-core.h"
#include "ext-profile.h"

#define EXT_UI_QUESTION_MAX 512
static const char ext_ui_status[] = "adapter status";

enum ext_ui_kind {
	EXT_UI_ASK,     /* a question that holds a pre-association */
	EXT_UI_STATUS,  /* QueryUIRequest's status page: answers are logged */
};

struct ext_ui_wait {
	struct ext_ui_wait *next;
	enum ext_ui_kind kind;
	struct ext_adapter *ad;
	GUID guid;
	struct ext_job *job;       /* EXT_UI_ASK: the completion it holds */
};

static struct {
	int logged_on;
	DWORD session;
	struct ext_ui_wait *waits;
	unsigned long counter;
} ext_ui;

/* ------------------------------------------------------------- helpers */

/* A fresh random (version 4) GUID: /dev/urandom, else time and a counter
 * (unique within the process, which is all a pending request needs). */
static void ext_ui_new_guid(GUID *g)
{
	unsigned char b[16];
	struct timespec ts;
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = 0;

	if (f) {
		got = fread(b, 1, sizeof(b), f);
		fclose(f);
	}
	if (got != sizeof(b)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		memset(b, 0, sizeof(b));
		memcpy(b, &ts.tv_sec, sizeof(ts.tv_sec) < 8 ? sizeof(ts.tv_sec) : 8);
		memcpy(b + 8, &ts.tv_nsec, sizeof(ts.tv_nsec) < 4 ? sizeof(ts.tv_nsec) : 4);
	}
	ext_ui.counter++;
	b[12] ^= (unsigned char)ext_ui.counter;
	b[13] ^= (unsigned char)(ext_ui.counter >> 8);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	g->Data1 = (unsigned int)b[0] << 24 | (unsigned int)b[1] << 16 |
		   (unsigned int)b[2] << 8 | b[3];
	g->Data2 = (unsigned short)(b[4] << 8 | b[5]);
	g->Data3 = (unsigned short)(b[6] << 8 | b[7]);
	memcpy(g->Data4, b + 8, 8);
}

static struct ext_ui_wait *ext_ui_find(const GUID *g)
{
	for (struct ext_ui_wait *w = ext_ui.waits; w; w = w->next)
		if (!memcmp(&w->guid, g, sizeof(*g)))
			return w;
	return NULL;
}

static void ext_ui_unlink(struct ext_ui_wait *w)
{
	for (struct ext_ui_wait **pp = &ext_ui.waits; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

/* UTF-16 to UTF-8 (malloc'ed); NULL when too long, unpaired or no
 * memory (the security fragment's converter, ext-profile.c). */
static char *ext_ui_utf8(const WCHAR *in, char *why, size_t why_len)
{
	char *s = NULL;
	size_t len;

	if (ext_profile_utf8((const uint16_t *)in, &s, &len, why, why_len) != EXT_PROFILE_OK)
		return NULL;
	return s;
}

static int ext_ui_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * The question of the connectivity fragment @xml: 1 and *question
 * (malloc'ed, trimmed) when it asks, 0 when it does not, -1 with @why
 * when it is malformed.
 */
static int ext_ui_question(const WCHAR *xml, char **question, char *why, size_t why_len)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c;
	char *utf8, *text = NULL, *start, *end;
	int rc = -1;

	*question = NULL;
	if (!xml || !xml[0])
		return 0;
	utf8 = ext_ui_utf8(xml, why, why_len);
	if (!utf8)
		return -1;
	if (ext_ui_blank(utf8)) {
		rc = 0;
		goto free_utf8;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		snprintf(why, why_len, "out of memory");
		goto free_utf8;
	}
	doc = xmlCtxtReadMemory(ctxt, utf8, (int)strlen(utf8), "ihv-connectivity.xml",
				"UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *err = xmlCtxtGetLastError(ctxt);

		snprintf(why, why_len, "not well-formed XML: line %d: %.120s",
			 err ? err->line : 0, err && err->message ? err->message : "?");
		end = strchr(why, '\n');
		if (end)
			*end = '\0';
		goto free_ctxt;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "AskUser")) {
		rc = 0;     /* another element: not ours to ask */
		goto free_doc;
	}
	if (root->ns || root->properties) {
		snprintf(why, why_len, "<AskUser> has a namespace or an attribute (none is allowed)");
		goto free_doc;
	}
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) {
			snprintf(why, why_len, "line %ld: <AskUser> may hold text only",
				 xmlGetLineNo(c));
			goto free_doc;
		}
	}
	text = (char *)xmlNodeGetContent(root);
	if (!text) {
		snprintf(why, why_len, "out of memory");
		goto free_doc;
	}
	for (start = text; isspace((unsigned char)*start); start++)
		;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	if (end == start || end - start > EXT_UI_QUESTION_MAX) {
		snprintf(why, why_len, "the <AskUser> question has %ld bytes (1..%d)",
			 (long)(end - start), EXT_UI_QUESTION_MAX);
		goto free_text;
	}
	*question = strndup(start, (size_t)(end - start));
	if (!*question) {
		snprintf(why, why_len, "out of memory");
		goto free_text;
	}
	rc = 1;
free_text:
	xmlFree(text);
free_doc:
	xmlFreeDoc(doc);
free_ctxt:
	xmlFreeParserCtxt(ctxt);
free_utf8:
	free(utf8);
	return rc;
}

/* ------------------------------------------------------------- sessions */

void ext_ui_session_change(ULONG event, DWORD session)
{
	switch (event) {
	case WTS_SESSION_LOGON:
	case WTS_CONSOLE_CONNECT:
		ext_ui.logged_on = 1;
		ext_ui.session = session;
		break;
	case WTS_SESSION_LOGOFF:
		if (ext_ui.logged_on && ext_ui.session == session)
			ext_ui.logged_on = 0;
		break;
	default:
		break;
	}
}

int ext_ui_logged_on(DWORD *session)
{
	if (ext_ui.logged_on)
		*session = ext_ui.session;
	return ext_ui.logged_on;
}

/* ------------------------------------------------------------- asking */

DWORD ext_ui_pre_associate(struct ext_adapter *ad, PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
			   struct ext_job *job, PDWORD pdwReasonCode, int *held)
{
	DOT11EXT_IHV_UI_REQUEST req;
	struct ext_ui_wait *w;
	char why[200], g[16];
	char *question = NULL;
	DWORD ret;
	int rc;

	*held = 0;
	rc = ext_ui_question(conn ? conn->pszXmlFragmentIhvConnectivity : NULL,
			     &question, why, sizeof(why));
	if (rc < 0) {
		if (pdwReasonCode)
			*pdwReasonCode = EXT_REASON_PROFILE_XML;
		ext_log("PerformPreAssociate(adapter=%p): connectivity fragment refused: %s",
			(void *)ad, why);
		return ERROR_INVALID_PARAMETER;
	}
	if (rc == 0)
		return ERROR_SUCCESS;
	if (!ext_ui.logged_on) {
		/* Nobody to ask: refuse now rather than hold the connection
		 * until a logon that may never come. */
		job->reason = EXT_REASON_UI_NO_SESSION;
		job->win32 = ERROR_ACCESS_DENIED;
		ext_log("PerformPreAssociate(adapter=%p): the profile asks the user, but no user "
			"session is logged on -> refuse (reason 0x%x)", (void *)ad,
			(unsigned int)EXT_REASON_UI_NO_SESSION);
		free(question);
		return ERROR_SUCCESS;
	}
	w = (struct ext_ui_wait *)calloc(1, sizeof(*w));
	if (!w) {
		free(question);
		return ERROR_OUTOFMEMORY;
	}
	memset(&req, 0, sizeof(req));
	req.dwSessionId = ext_ui.session;
	ext_ui_new_guid(&req.guidUIRequest);
	req.dwByteCount = (DWORD)strlen(question);
	req.pvUIRequest = (BYTE *)question;
	ret = ext_svc.apis.Dot11ExtSendUIRequest(ad->svc, &req);
	snprintf(g, sizeof(g), "%08x", (unsigned int)req.guidUIRequest.Data1);
	ext_log("Dot11ExtSendUIRequest(session=%lu, guid=%s-..., %lu bytes: \"%s\") returned %u",
		(unsigned long)req.dwSessionId, g, (unsigned long)req.dwByteCount, question,
		(unsigned int)ret);
	free(question);
	if (ret != ERROR_SUCCESS) {
		free(w);
		job->reason = EXT_REASON_UI_NO_SESSION;
		job->win32 = ret;
		return ERROR_SUCCESS;
	}
	w->kind = EXT_UI_ASK;
	w->ad = ad;
	w->guid = req.guidUIRequest;
	w->job = job;
	w->next = ext_ui.waits;
	ext_ui.waits = w;
	*held = 1;
	return ERROR_SUCCESS;
}

/* "yes", whatever the case, with white space around it. */
static int ext_ui_is_yes(const BYTE *b, DWORD n)
{
	DWORD i = 0, j = n;

	while (i < j && isspace(b[i]))
		i++;
	while (j > i && isspace(b[j - 1]))
		j--;
	return j - i == 3 && tolower(b[i]) == 'y' && tolower(b[i + 1]) == 'e' &&
	       tolower(b[i + 2]) == 's';
}

int ext_ui_is_pending(GUID guid)
{
	return ext_ui_find(&guid) != NULL;
}

DWORD ext_ui_response(GUID guid, DWORD n, const BYTE *bytes)
{
	struct ext_ui_wait *w = ext_ui_find(&guid);
	struct ext_job *job;

	if (!w) {
		ext_log("ProcessUIResponse(guid=%08x-..., %lu bytes): no such request -> ERROR_NOT_FOUND",
			(unsigned int)guid.Data1, (unsigned long)n);
		return ERROR_NOT_FOUND;
	}
	ext_ui_unlink(w);
	if (w->kind == EXT_UI_STATUS) {
		ext_log("ProcessUIResponse(guid=%08x-..., %lu bytes): the status page was closed",
			(unsigned int)guid.Data1, (unsigned long)n);
		free(w);
		return ERROR_SUCCESS;
	}
	job = w->job;
	if (n && bytes && ext_ui_is_yes(bytes, n)) {
		job->reason = L2_REASON_CODE_SUCCESS;
		job->win32 = ERROR_SUCCESS;
	} else {
		job->reason = EXT_REASON_UI_DECLINED;
		job->win32 = ERROR_CANCELLED;
	}
	ext_log("ProcessUIResponse(guid=%08x-..., %lu bytes): the user said %s -> %s the pre-association",
		(unsigned int)guid.Data1, (unsigned long)n, job->win32 ? "no" : "yes",
		job->win32 ? "refuse" : "complete");
	ext_job_queue(job, 0);
	free(w);
	return ERROR_SUCCESS;
}

DWORD ext_ui_query(struct ext_adapter *ad, DOT11EXT_IHV_CONNECTION_PHASE phase,
		   PDOT11EXT_IHV_UI_REQUEST *pp)
{
	PDOT11EXT_IHV_UI_REQUEST req = NULL;
	LPVOID buf = NULL, bytes = NULL;
	struct ext_ui_wait *w;

	*pp = NULL;
	if (phase == connection_phase_post_l3_connection)
		return ERROR_SUCCESS;   /* nothing to show after L3 */
	w = (struct ext_ui_wait *)calloc(1, sizeof(*w));
	if (!w)
		return ERROR_OUTOFMEMORY;
	/* Both from the host's allocator: the host frees them. */
	if (ext_svc.apis.Dot11ExtAllocateBuffer(sizeof(*req), &buf) != ERROR_SUCCESS || !buf ||
	    ext_svc.apis.Dot11ExtAllocateBuffer(sizeof(ext_ui_status) - 1, &bytes) !=
	    ERROR_SUCCESS || !bytes) {
		ext_svc.apis.Dot11ExtFreeBuffer(buf);
		free(w);
		return ERROR_OUTOFMEMORY;
	}
	req = (PDOT11EXT_IHV_UI_REQUEST)buf;
	memset(req, 0, sizeof(*req));
	req->dwSessionId = ext_ui.logged_on ? ext_ui.session : 0;
	ext_ui_new_guid(&req->guidUIRequest);
	req->dwByteCount = sizeof(ext_ui_status) - 1;
	memcpy(bytes, ext_ui_status, sizeof(ext_ui_status) - 1);
	req->pvUIRequest = (BYTE *)bytes;
	w->kind = EXT_UI_STATUS;
	w->ad = ad;
	w->guid = req->guidUIRequest;
	w->next = ext_ui.waits;
	ext_ui.waits = w;
	*pp = req;
	return ERROR_SUCCESS;
}

/* ------------------------------------------------------------- ending */

unsigned int ext_ui_release(struct ext_adapter *ad, int complete)
{
	struct ext_ui_wait **pp = &ext_ui.waits, *w;
	unsigned int n = 0;

	while ((w = *pp)) {
		if (ad && w->ad != ad) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		if (w->job) {
			/* AdapterReset: the held completion joins the queue, where
			 * the reset cancels it with the rest (rule 6). Otherwise
			 * (DeinitAdapter, DeinitService) it is dropped. */
			if (complete)
				ext_job_queue(w->job, 0);
			else
				free(w->job);
			n++;
		}
		free(w);
	}
	return n;
}
