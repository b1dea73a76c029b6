/* SPDX-License-Identifier: MIT */
/*
 * The NIC-specific path, hermetic: sim's vendor reply/event/wiphy parsers
 * against crafted nl80211 messages (every refusal names its attribute),
 * Dot11ExtNicSpecificExtension over a wlan double that has a vendor
 * command (the buffer format, ERROR_MORE_DATA, -errno -> Win32 named in
 * the trace, the parameter checks, the validity window), the driver's
 * vendor event as ReceiveIndication(NicSpecificNotification), a client's
 * Control request, and the `control` step's parse errors.
 */
#define _GNU_SOURCE /* strerrorname_np */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "apis.h"
#include "ck.h"
#include "host.h"
#include "scn-int.h"
#include "scn-util.h"
#include "service.h"
#include "service-nic.h"
#include "verifier.h"
#include "vendor.h"
#include "wlan-double.h"

#define TEST_NL80211_ID 0x1c

/* ---- sim: the parsers ---------------------------------------------------- */

static struct nl_msg *vmsg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, TEST_NL80211_ID, 0, 0, cmd, 1));
	return msg;
}

/* VENDOR_DATA as the kernel builds it: a nest (no NLA_F_NESTED) holding
 * attribute 8 = @val, hwsim's test reply. */
static void put_test_data(struct nl_msg *msg, uint32_t val)
{
	struct nlattr *nest = nla_nest_start(msg, NL80211_ATTR_VENDOR_DATA);

	ck_assert_ptr_nonnull(nest);
	nest->nla_type = NL80211_ATTR_VENDOR_DATA;   /* the kernel's: no flag */
	ck_assert_int_eq(nla_put_u32(msg, 8, val), 0);
	ck_assert_int_eq(nla_nest_end(msg, nest), 0);
}

START_TEST(test_reply_parsed)
{
	struct nl_msg *msg = vmsg(NL80211_CMD_VENDOR);
	static const uint8_t want[8] = { 8, 0, 8, 0, 44, 0, 0, 0 };
	struct sim_parse_error err;
	const uint8_t *data;
	size_t len;

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 3), 0);
	put_test_data(msg, 44);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err), 0);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(data, want, 8);
	/* the reply of another wiphy is not ours */
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 4, &data, &len, &err),
			 -EBADMSG);
	ck_assert_uint_eq(err.fault, SIM_FAULT_BAD_VALUE);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_WIPHY);
	ck_assert_ptr_nonnull(strstr(err.text, "wiphy 3, not 4"));
	nlmsg_free(msg);

	/* no data at all: an empty reply, not an error */
	msg = vmsg(NL80211_CMD_VENDOR);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 3), 0);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_null(data);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_reply_refused)
{
	struct sim_parse_error err;
	const uint8_t *data;
	struct nl_msg *msg;
	uint8_t big[SIM_VENDOR_DATA_MAX + 1];
	size_t len;

	/* without WIPHY */
	msg = vmsg(NL80211_CMD_VENDOR);
	put_test_data(msg, 1);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err),
			 -EBADMSG);
	ck_assert_uint_eq(err.fault, SIM_FAULT_MISSING_ATTR);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_WIPHY);
	ck_assert_ptr_nonnull(strstr(err.text, "without WIPHY"));
	nlmsg_free(msg);

	/* a two-byte WIPHY breaks the policy, named */
	msg = vmsg(NL80211_CMD_VENDOR);
	ck_assert_int_eq(nla_put_u16(msg, NL80211_ATTR_WIPHY, 3), 0);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err),
			 -EBADMSG);
	ck_assert_uint_eq(err.fault, SIM_FAULT_POLICY);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_WIPHY);
	ck_assert_ptr_nonnull(strstr(err.text, "malformed WIPHY"));
	nlmsg_free(msg);

	/* more vendor data than a command may carry */
	msg = nlmsg_alloc_size(sizeof(big) + 256);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, TEST_NL80211_ID, 0, 0,
					  NL80211_CMD_VENDOR, 1));
	memset(big, 0, sizeof(big));
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 3), 0);
	ck_assert_int_eq(nla_put(msg, NL80211_ATTR_VENDOR_DATA, sizeof(big), big), 0);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err),
			 -EBADMSG);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_VENDOR_DATA);
	nlmsg_free(msg);

	/* another command in place of the reply */
	msg = vmsg(NL80211_CMD_CONNECT);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 3), 0);
	ck_assert_int_eq(sim_vendor_parse_reply(nlmsg_hdr(msg), 3, &data, &len, &err),
			 -EBADMSG);
	ck_assert_uint_eq(err.fault, SIM_FAULT_BAD_VALUE);
	nlmsg_free(msg);
}
END_TEST

static struct nl_msg *event_msg(bool ifindex, uint32_t oui)
{
	struct nl_msg *msg = vmsg(NL80211_CMD_VENDOR);

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 5), 0);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_VENDOR_ID, oui), 0);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_VENDOR_SUBCMD, 1), 0);
	ck_assert_int_eq(nla_put_u64(msg, NL80211_ATTR_WDEV, 0x500000001ull), 0);
	if (ifindex)
		ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_IFINDEX, 9), 0);
	put_test_data(msg, 43);
	return msg;
}

START_TEST(test_event_parsed_and_refused)
{
	static const uint8_t want[8] = { 8, 0, 8, 0, 43, 0, 0, 0 };
	struct sim_vendor_event ev;
	struct sim_parse_error err;
	struct nl_msg *msg;

	msg = event_msg(true, 0x001374);
	ck_assert_int_eq(sim_vendor_parse_event(nlmsg_hdr(msg), &ev, &err), 0);
	ck_assert_uint_eq(ev.wiphy, 5);
	ck_assert(ev.has_ifindex);
	ck_assert_uint_eq(ev.ifindex, 9);
	ck_assert_uint_eq(ev.oui, 0x001374);
	ck_assert_uint_eq(ev.subcmd, 1);
	ck_assert_uint_eq(ev.len, 8);
	ck_assert_mem_eq(ev.data, want, 8);
	nlmsg_free(msg);

	/* the radio's, no interface named */
	msg = event_msg(false, 0x001374);
	ck_assert_int_eq(sim_vendor_parse_event(nlmsg_hdr(msg), &ev, &err), 0);
	ck_assert(!ev.has_ifindex);
	nlmsg_free(msg);

	/* an OUI is 24 bits */
	msg = event_msg(true, 0x01001374);
	ck_assert_int_eq(sim_vendor_parse_event(nlmsg_hdr(msg), &ev, &err), -EBADMSG);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_VENDOR_ID);
	nlmsg_free(msg);

	/* without VENDOR_SUBCMD */
	msg = vmsg(NL80211_CMD_VENDOR);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 5), 0);
	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_VENDOR_ID, 0x001374), 0);
	ck_assert_int_eq(sim_vendor_parse_event(nlmsg_hdr(msg), &ev, &err), -EBADMSG);
	ck_assert_uint_eq(err.fault, SIM_FAULT_MISSING_ATTR);
	ck_assert_uint_eq(err.attr, NL80211_ATTR_VENDOR_SUBCMD);
	nlmsg_free(msg);

	/* not a vendor message at all */
	msg = vmsg(NL80211_CMD_DISCONNECT);
	ck_assert_int_eq(sim_vendor_parse_event(nlmsg_hdr(msg), &ev, &err), -ENOENT);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_wiphy_vendor_list)
{
	struct nl80211_vendor_cmd_info info[2] = { { 0x001374, 1 }, { 0x0090f2, 7 } };
	struct sim_vendor_id ids[1];
	struct nl_msg *msg = vmsg(NL80211_CMD_NEW_WIPHY);
	struct nlattr *nest;
	size_t n = 0;

	ck_assert_int_eq(nla_put_u32(msg, NL80211_ATTR_WIPHY, 2), 0);
	nest = nla_nest_start(msg, NL80211_ATTR_VENDOR_DATA);
	ck_assert_int_eq(nla_put(msg, 1, sizeof(info[0]), &info[0]), 0);
	ck_assert_int_eq(nla_put(msg, 2, sizeof(info[1]), &info[1]), 0);
	nla_nest_end(msg, nest);
	/* counted beyond what fits */
	ck_assert_int_eq(sim_vendor_parse_wiphy(nlmsg_hdr(msg), 2, ids, 1, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(ids[0].oui, 0x001374);
	ck_assert_uint_eq(ids[0].subcmd, 1);
	/* another wiphy's message adds nothing */
	n = 0;
	ck_assert_int_eq(sim_vendor_parse_wiphy(nlmsg_hdr(msg), 7, ids, 1, &n), 0);
	ck_assert_uint_eq(n, 0);
	nlmsg_free(msg);
}
END_TEST

/* ---- the host: NicSpecificExtension, ReceiveIndication, Control ---------- */

static struct wlan_double wd;
static struct ihv_wlan_ops nic_ops;    /* the double's, plus vendor_cmd */
static struct ihv_host *host;
static struct ihv_service *svc;
static const struct ihv_wlan_adapter AD = { .wiphy = 1, .ifindex = 10 };
static int trace_fd = -1;

/* The scripted driver: what the last command was, what to answer. */
static struct {
	int rc;
	uint8_t reply[16];
	size_t reply_len;
	const char *why;
	struct sim_vendor_cmd last;
	uint8_t last_data[64];
	unsigned int calls;
} drv;

static int nic_vendor_cmd(void *ctx, struct ihv_wlan_adapter ad,
			  const struct sim_vendor_cmd *cmd, uint8_t **reply,
			  size_t *reply_len, char *why, size_t why_len)
{
	drv.calls++;
	drv.last = *cmd;
	if (cmd->len)   /* data is NULL when len is 0 (sim.h) */
		memcpy(drv.last_data, cmd->data, cmd->len < 64 ? cmd->len : 64);
	if (drv.rc < 0) {
		snprintf(why, why_len, "%s", drv.why ? drv.why : "");
		return drv.rc;
	}
	*reply = malloc(drv.reply_len ? drv.reply_len : 1);
	ck_assert_ptr_nonnull(*reply);
	memcpy(*reply, drv.reply, drv.reply_len);
	*reply_len = drv.reply_len;
	return 0;
}

static void host_setup(void)
{
	struct ihv_host_options o = { 0 };
	char path[64], err[256];
	int fd;

	snprintf(path, sizeof(path), "/tmp/ihv-nic-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	memset(&drv, 0, sizeof(drv));
	ext_double_init();
	wlan_double_init(&wd);
	wlan_double_log_reset();
	o.wlan = wlan_double_wlan(&wd);
	nic_ops = *o.wlan.ops;
	nic_ops.vendor_cmd = nic_vendor_cmd;
	o.wlan.ops = &nic_ops;
	o.trace_path = path;
	if (ihv_host_new_entry("ext-double", &ext_double_entry, &o, &host, err,
			       sizeof(err)) < 0) {
		unlink(path);
		ck_abort_msg("%s", err);
	}
	trace_fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	ck_assert_int_ge(trace_fd, 0);
	svc = ihv_host_service(host);
	ck_assert_ok(ihv_service_adapter_add(svc, AD, WLAN_DOUBLE_STA, "wlan0"));
}

static void host_teardown(void)
{
	ihv_host_free(host);
	host = NULL;
	close(trace_fd);
	trace_fd = -1;
}

/* Whether one trace line holds all of @a, @b and @c (NULL: any). */
static bool trace_has3(const char *a, const char *b, const char *c)
{
	char line[4096];
	bool found = false;
	FILE *f = fdopen(dup(trace_fd), "r");

	ck_assert_ptr_nonnull(f);
	rewind(f);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, a) && (!b || strstr(line, b)) &&
			(!c || strstr(line, c));
	fclose(f);
	return found;
}

static DWORD nic(const BYTE *in, DWORD in_len, BYTE *out, DWORD *cap)
{
	return ext_double.apis.Dot11ExtNicSpecificExtension(ext_double.svc_handle,
							    in_len, (LPVOID)in, cap, out);
}

START_TEST(test_nic_command_and_reply)
{
	/* OUI word 0x01001374 (nested), subcommand 1, attribute 8 = 42 */
	static const BYTE in[16] = { 0x74, 0x13, 0x00, 0x01, 1, 0, 0, 0,
				     8, 0, 8, 0, 42, 0, 0, 0 };
	static const uint8_t reply[8] = { 8, 0, 8, 0, 44, 0, 0, 0 };
	BYTE out[16];
	DWORD cap = sizeof(out);

	memcpy(drv.reply, reply, sizeof(reply));
	drv.reply_len = sizeof(reply);
	ck_assert_uint_eq(nic(in, sizeof(in), out, &cap), ERROR_SUCCESS);
	ck_assert_uint_eq(cap, 8);
	ck_assert_mem_eq(out, reply, 8);
	ck_assert_uint_eq(drv.last.oui, 0x001374);
	ck_assert_uint_eq(drv.last.subcmd, 1);
	ck_assert(drv.last.nested);
	ck_assert_uint_eq(drv.last.len, 8);
	ck_assert_mem_eq(drv.last_data, in + 8, 8);
	ck_assert(trace_has3("\"name\":\"Dot11ExtNicSpecificExtension\"",
			     "\"ret\":\"ERROR_SUCCESS\"", "8-byte reply"));

	/* too small: the size needed, nothing written */
	memset(out, 0xEE, sizeof(out));
	cap = 4;
	ck_assert_uint_eq(nic(in, sizeof(in), out, &cap), ERROR_MORE_DATA);
	ck_assert_uint_eq(cap, 8);
	ck_assert_uint_eq(out[0], 0xEE);
	/* and the zero-capacity probe, with no buffer at all */
	cap = 0;
	ck_assert_uint_eq(nic(in, sizeof(in), NULL, &cap), ERROR_MORE_DATA);
	ck_assert_uint_eq(cap, 8);
	ck_assert_uint_eq(ihv_verifier_total(ihv_host_verifier(host)), 0);
}
END_TEST

START_TEST(test_nic_errors_named)
{
	static const BYTE in[8] = { 0x75, 0x13, 0x00, 0x00, 1, 0, 0, 0 };
	static const struct { int rc; DWORD win32; const char *name; } map[] = {
		{ -EOPNOTSUPP, ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED" },
		{ -EINVAL, ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
		{ -ENODEV, ERROR_DEVICE_NOT_CONNECTED, "ERROR_DEVICE_NOT_CONNECTED" },
		{ -ETIMEDOUT, ERROR_TIMEOUT, "ERROR_TIMEOUT" },
		{ -EBUSY, ERROR_BUSY, "ERROR_BUSY" },
		{ -EBADMSG, ERROR_INVALID_DATA, "ERROR_INVALID_DATA" },
		{ -EIO, ERROR_GEN_FAILURE, "ERROR_GEN_FAILURE" },
	};
	BYTE out[8];
	DWORD cap;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		drv.rc = map[i].rc;
		drv.why = i == 0 ? "the driver has no vendor command OUI 0x001375 subcommand 1" : NULL;
		cap = sizeof(out);
		ck_assert_uint_eq(nic(in, sizeof(in), out, &cap), map[i].win32);
		ck_assert_uint_eq(cap, 0);
		ck_assert_msg(trace_has3("\"name\":\"Dot11ExtNicSpecificExtension\"",
					 map[i].name, strerrorname_np(-map[i].rc)),
			      "no trace line naming %s and %s", map[i].name,
			      strerrorname_np(-map[i].rc));
	}
	ck_assert(trace_has3("\"ret\":\"ERROR_NOT_SUPPORTED\"",
			     "no vendor command OUI 0x001375", NULL));
	ck_assert(!drv.last.nested);
}
END_TEST

START_TEST(test_nic_bad_parameters)
{
	BYTE in[8] = { 0x74, 0x13, 0x00, 0x02, 1, 0, 0, 0 }, out[8];
	DWORD cap = sizeof(out);
	struct ihv_verifier *v = ihv_host_verifier(host);

	/* reserved bit 25 */
	ck_assert_uint_eq(nic(in, sizeof(in), out, &cap), ERROR_INVALID_PARAMETER);
	/* shorter than the header */
	ck_assert_uint_eq(nic(in, 7, out, &cap), ERROR_INVALID_PARAMETER);
	/* a capacity without a buffer; no size at all */
	in[3] = 0;
	cap = 8;
	ck_assert_uint_eq(nic(in, sizeof(in), NULL, &cap), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(nic(in, sizeof(in), out, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_verifier_count(v, IHV_RULE_BAD_PARAMETER), 4);
	ck_assert_uint_eq(drv.calls, 0);
}
END_TEST

/* Outside InitAdapter..DeinitAdapter the verifier still says so. */
START_TEST(test_nic_outside_window)
{
	static const BYTE in[8] = { 0x74, 0x13, 0x00, 0x01, 1, 0, 0, 0 };
	BYTE out[8];
	DWORD cap = sizeof(out);
	HANDLE h = ext_double.svc_handle;

	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_uint_eq(ext_double.apis.Dot11ExtNicSpecificExtension(h, sizeof(in),
			  (LPVOID)in, &cap, out), ERROR_INVALID_STATE);
	ck_assert_uint_eq(ihv_verifier_count(ihv_host_verifier(host), IHV_RULE_STALE_HANDLE), 1);
	ck_assert_uint_eq(drv.calls, 0);
}
END_TEST

START_TEST(test_vendor_event_becomes_indication)
{
	static const uint8_t data[8] = { 8, 0, 8, 0, 43, 0, 0, 0 };
	struct sim_vendor_event ev = {
		.wiphy = 1, .has_ifindex = true, .ifindex = 10, .oui = 0x001374,
		.subcmd = 1, .data = data, .len = sizeof(data), .t_ns = 12345,
	};

	ihv_service_nic_event(svc, &ev);
	ck_assert_int_eq(wlan_double_log_count("ext:ReceiveIndication"), 1);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvReceiveIndication\"",
			     "\"size\":16,\"type\":0", "\"event_t_ns\":12345"));
	/* another interface of the radio, another radio: dropped, said */
	ev.ifindex = 11;
	ihv_service_nic_event(svc, &ev);
	ev.wiphy = 2;
	ev.has_ifindex = false;
	ihv_service_nic_event(svc, &ev);
	ck_assert_int_eq(wlan_double_log_count("ext:ReceiveIndication"), 1);
	ck_assert(trace_has3("indication-dropped", "interface 11 of wiphy 1", NULL));
	ck_assert(trace_has3("indication-dropped", "for wiphy 2", NULL));
	/* after DeinitAdapter: none */
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ev.wiphy = 1;
	ihv_service_nic_event(svc, &ev);
	ck_assert_int_eq(wlan_double_log_count("ext:ReceiveIndication"), 1);
}
END_TEST

START_TEST(test_control_request)
{
	static const uint8_t in[4] = { 1, 2, 3, 4 };
	uint8_t out[8];
	size_t n = 99;
	DWORD ret = 0;

	/* the double's Control: ERROR_NOT_SUPPORTED, nothing returned */
	ck_assert_int_eq(ihv_service_control(svc, AD, in, sizeof(in), sizeof(out), out,
					     &n, &ret), 0);
	ck_assert_uint_eq(ret, ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(n, 0);
	ck_assert(trace_has3("\"name\":\"Dot11ExtIhvControl\"", "\"size\":4",
			     "\"ret\":\"ERROR_NOT_SUPPORTED\""));
	ck_assert_int_eq(ihv_service_control(svc, AD, in, sizeof(in),
					     IHV_CONTROL_OUT_MAX + 1, out, &n, &ret),
			 -EINVAL);
	ck_assert_ok(ihv_service_adapter_remove(svc, AD));
	ck_assert_int_eq(ihv_service_control(svc, AD, in, sizeof(in), sizeof(out), out,
					     &n, &ret), -ENODEV);
}
END_TEST

/* ---- the language: control ---------------------------------------------- */

static void parse_fails(const char *step, const char *want)
{
	char text[512], *msg = NULL;
	struct scn_script *s = NULL;

	snprintf(text, sizeof(text), "adapter sta1\n%s\n", step);
	ck_assert_int_eq(scn_test_parse(text, &s, &msg), -EINVAL);
	ck_assert_msg(msg && strstr(msg, want), "'%s': got '%s', want '%s'", step,
		      msg ? msg : "(nothing)", want);
	free(msg);
}

START_TEST(test_control_step_parsed)
{
	struct scn_script *s = NULL;
	char *msg = NULL;
	const struct scn_action_args *a;

	ck_assert_int_eq(scn_test_parse("adapter sta1\n"
					"control sta1 data=02000000.74130001 out=16 "
					"expect=0800 ret=ERROR_MORE_DATA\n"
					"control sta1 data=\n", &s, &msg), 0);
	free(msg);
	ck_assert_uint_eq(s->n_steps, 2);
	a = &s->steps[0].u.action.args;
	ck_assert_uint_eq(a->data_len, 8);
	ck_assert_uint_eq(a->data[4], 0x74);
	ck_assert_uint_eq(a->data[7], 0x01);
	ck_assert_uint_eq(a->out_cap, 16);
	ck_assert(a->has_expect);
	ck_assert_uint_eq(a->expect_len, 2);
	ck_assert_uint_eq(a->ret, ERROR_MORE_DATA);
	a = &s->steps[1].u.action.args;
	ck_assert_uint_eq(a->data_len, 0);
	ck_assert_uint_eq(a->out_cap, SCN_DEFAULT_CONTROL_OUT);
	ck_assert(!a->has_expect);
	ck_assert_uint_eq(a->ret, ERROR_SUCCESS);
	scn_script_free(s);
}
END_TEST

START_TEST(test_control_step_errors)
{
	parse_fails("control sta1", "t.scn:2:14: control: missing data=HEX");
	parse_fails("control sta1 data=123", "t.scn:2:19: control: bad data '123'");
	parse_fails("control sta1 data=123.456", "bad data");
	parse_fails("control sta1 data=1.2", "bad data");
	parse_fails("control sta1 data=12.", "bad data");
	parse_fails("control sta1 data=zz", "bad data");
	parse_fails("control sta1 data=00 expect=0g", "bad expect '0g'");
	parse_fails("control sta1 data=00 out=2 expect=aabbcc",
		    "t.scn:2:35: control: expect= has 3 bytes, more than the 2-byte out buffer");
	parse_fails("control sta1 data=00 out=65537", "bad out '65537'");
	parse_fails("control sta1 data=00 ret=ERROR_MORE_DAT",
		    "unknown Win32 error 'ERROR_MORE_DAT' (did you mean 'ERROR_MORE_DATA'?)");
	parse_fails("control sta1 data=00 data=01", "data given twice");
	parse_fails("control sta1 data=00 reason=3", "unknown option 'reason'");
	parse_fails("control sta2 data=00", "undeclared adapter 'sta2'");
	parse_fails("unload\ncontrol sta1 data=00", "control after unload");
}
END_TEST

START_TEST(test_hex_bound)
{
	char text[4 + 2 * (SCN_MAX_CONTROL_BYTES + 1) + 1];
	uint8_t *b = NULL;
	size_t n = 0;

	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	/* 2 * (max + 1) digits: one byte too many */
	ck_assert_int_eq(scn_parse_hex(text + 4, SCN_MAX_CONTROL_BYTES, &b, &n), -EINVAL);
	text[4 + 2 * SCN_MAX_CONTROL_BYTES] = '\0';
	ck_assert_int_eq(scn_parse_hex(text + 4, SCN_MAX_CONTROL_BYTES, &b, &n), 0);
	ck_assert_uint_eq(n, SCN_MAX_CONTROL_BYTES);
	ck_assert_uint_eq(b[0], 0xaa);
	free(b);
}
END_TEST

CK_SUITE(nic_suite)
static Suite *nic_suite(void)
{
	Suite *s = suite_create("nic");
	TCase *parse = tcase_create("vendor-parse");
	TCase *hostc = tcase_create("host");
	TCase *lang = tcase_create("control-step");

	tcase_add_test(parse, test_reply_parsed);
	tcase_add_test(parse, test_reply_refused);
	tcase_add_test(parse, test_event_parsed_and_refused);
	tcase_add_test(parse, test_wiphy_vendor_list);
	suite_add_tcase(s, parse);
	tcase_add_checked_fixture(hostc, host_setup, host_teardown);
	tcase_add_test(hostc, test_nic_command_and_reply);
	tcase_add_test(hostc, test_nic_errors_named);
	tcase_add_test(hostc, test_nic_bad_parameters);
	tcase_add_test(hostc, test_nic_outside_window);
	tcase_add_test(hostc, test_vendor_event_becomes_indication);
	tcase_add_test(hostc, test_control_request);
	suite_add_tcase(s, hostc);
	tcase_add_test(lang, test_control_step_parsed);
	tcase_add_test(lang, test_control_step_errors);
	tcase_add_test(lang, test_hex_bound);
	suite_add_tcase(s, lang);
	return s;
}
