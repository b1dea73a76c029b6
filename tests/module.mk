# tests/: one Check runner (ck-runner.c) linked twice:
#  - check-unit: tests/unit/cksuite-*.c, hermetic (no root, no VM);
#  - check-live: tests/live/cksuite-*.c, real mac80211_hwsim + hostapd,
#    run natively or inside the VM by tools/hwsim-run.
UNIT_SRCS  := tests/ck-runner.c $(wildcard tests/unit/*.c)
LIVE_SRCS  := tests/ck-runner.c $(wildcard tests/live/*.c)
CHECK_UNIT := $(BUILD)/tests/check-unit
CHECK_LIVE := $(BUILD)/tests/check-live
EXTRA_CFLAGS_tests = $(CHECK_CFLAGS) $(NL_CFLAGS) -Itests -Isim -Isim/include -Iihvhost/eap/include -Iihvhost/host -Iihvhost/lang -Iihvhost/lang/include \
	-Iihvhost/runner -Iihvhost/include \
	-DIHV_BUILD_DIR='"$(abspath $(BUILD))"' -DIHV_SRC_DIR='"$(SRC)"'

$(CHECK_UNIT): $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o) $(LIBRUNNER) $(LIBIHVHOST) $(LIBSCN) $(LIBSIM)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(CHECK_LIBS) $(IHVHOST_LDLIBS) $(LDLIBS)

$(CHECK_LIVE): $(LIVE_SRCS:%.c=$(BUILD)/obj/%.o) $(LIBRUNNER) $(LIBIHVHOST) $(LIBSCN) $(LIBSIM)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(CHECK_LIBS) $(IHVHOST_LDLIBS) $(LDLIBS)

# cksuite-wpa.c: the sample extensions' supplicant and profile parser
# (pure code of tools/ext-reference, EXT_LIBS from tools/module.mk).
$(CHECK_UNIT): $(BUILD)/pic/tools/ext-reference/ext-wpa.o $(BUILD)/pic/tools/ext-reference/ext-profile.o
$(CHECK_UNIT): LDLIBS += $(EXT_LIBS)

tests: $(CHECK_UNIT) $(CHECK_LIVE)

# `make check` = deps, then a fresh make (so pkg-config sees what deps
# installed), then the hermetic unit + replay tests, then (natively or in
# ONE VM boot) the live tests and the scenario suite. The whole source tree
# is the VM's writable share: the guest mounts a fresh tmpfs on /tmp, so a
# checkout under /tmp (a CI clone, say) would otherwise be invisible there;
# the tests write only into $(BUILD) (traces, recordings, JUnit), which must
# lie inside it for the live part.
export IHV_VM_RW := $(SRC)
# The runner's state file (--rerun-failed) of the suites make check runs
# goes into the build dir, not the source tree (the VM gets IHV_* too).
export IHV_RUN_STATE := $(abspath $(BUILD))/ihvhost-failed
# Sanitizer builds run several times slower (more so under TCG): the
# suite's windows stretch with them rather than failing on time.
ifeq ($(SANITIZE),1)
export IHV_TIMEOUT_SCALE ?= 3
endif

# A skipped live part is not a pass: tools/hwsim-run exits 77, and
# `make check` ends saying what was skipped, with exit status 77.
LIVE_SKIPPED := $(BUILD)/live-skipped
check: deps
	$(Q)rm -f $(LIVE_SKIPPED)
	$(Q)$(MAKE) --no-print-directory check-run
	$(Q)if [ -e $(LIVE_SKIPPED) ]; then \
		echo "make check: SKIPPED the live tests, the must-fail suite and the scenario suite (IHV_SKIP_LIVE=1); only the hermetic tests ran"; \
		exit 77; fi

check-run: all tests
	@echo "== unit and replay tests (hermetic)"
	$(Q)$(CHECK_UNIT)
	$(Q)$(MAKE) --no-print-directory check-sdk check-layers check-man
	$(Q)$(SRC)/tests/bench/test-latency.sh $(SRC)
	$(Q)$(SRC)/tools/hwsim-run -- $(SRC)/tests/run-live.sh $(abspath $(BUILD)) $(SRC); \
		rc=$$?; if [ $$rc = 77 ]; then touch $(LIVE_SKIPPED); rc=0; fi; exit $$rc
	@echo "== install: make install into a DESTDIR, the installed programs run (tests/install)"
	$(Q)MAKE="$(MAKE)" $(SRC)/tests/install/check-install.sh $(abspath $(BUILD)) $(SRC); \
		rc=$$?; if [ $$rc = 77 ]; then touch $(LIVE_SKIPPED); rc=0; fi; exit $$rc

# `make demo`: the demo scenario with the reference extension, its trace
# as a timeline on the terminal and as an HTML sequence diagram.
DEMO_DIR := $(abspath $(BUILD))/demo
demo: deps
	$(Q)$(MAKE) --no-print-directory demo-run

demo-run: all
	$(Q)rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(Q)$(SRC)/tools/hwsim-run -- $(abspath $(IHVHOST_BIN)) run \
		--trace $(DEMO_DIR) --pcap $(DEMO_DIR) $(SRC)/scenarios/demo.scn
	$(Q)$(BUILD)/ihv-timeline --html $(DEMO_DIR)/demo.html $(DEMO_DIR)/demo.jsonl
	@echo "demo: trace $(DEMO_DIR)/demo.jsonl, nl80211 recording $(DEMO_DIR)/demo.pcap, air capture $(DEMO_DIR)/demo.air.pcapng"

# The VM runner's own tests (tools/vm, tools/hwsim-run): exit statuses,
# output, env, shares, timeouts, Ctrl-C cleanup. Boots ~20 VMs (~5 min).
vm-test:
	$(Q)$(SRC)/tests/vm/test-vm.sh

.PHONY: tests check-run demo-run vm-test

# `make bench`: figures from one run (natively or in one VM boot), see
# tools/bench. Its two connect baselines, built from tests/bench/ against
# sim's public header only: bench-connect, the sim-only baseline (the
# host's own sim/ calls without the Windows layer), and bench-wpa, a real
# peer (Debian's wpa_supplicant on the same kind of hwsim station).
EXTRA_CFLAGS_tests/bench = -Isim/include
BENCH_CONNECT := $(BUILD)/tests/bench-connect
BENCH_WPA     := $(BUILD)/tests/bench-wpa
$(BENCH_CONNECT) $(BENCH_WPA): $(BUILD)/tests/bench-%: $(BUILD)/obj/tests/bench/bench-%.o \
		$(BUILD)/obj/tests/bench/bench-util.o $(LIBSIM)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(NL_LIBS) $(LDLIBS)

# `make bench` exits 1 when a run failed (a baseline, the connect cycles,
# a scenario, the soak, a scale step); a MISSED target is reported and
# fails it only with IHV_BENCH_STRICT=1 (see tools/bench).
bench: deps
	$(Q)$(MAKE) --no-print-directory bench-run

bench-run: all $(BENCH_CONNECT) $(BENCH_WPA)
	$(Q)$(SRC)/tests/bench/test-latency.sh $(SRC)
	$(Q)$(SRC)/tools/bench $(abspath $(BUILD)) $(SRC)

.PHONY: bench-run

# ---- hardening (owner: harden) ----
# `make valgrind`: check-unit under valgrind, 0 errors (tests/valgrind/).
valgrind: all tests
	$(Q)$(SRC)/tests/valgrind/run-unit.sh $(abspath $(BUILD)) $(SRC)
	@echo "== the scenario suite under memcheck (mac80211_hwsim; slow)"
	@# The whole suite under memcheck took ~11 min of TCG on 2 cores with
	@# 61 scenarios; with 79 and a sniffer radio in each (every frame is
	@# parsed and written under memcheck) the first 11 took 7 min: about
	@# 50 min for all, beyond tools/vm's default 600 s bound (one given in
	@# IHV_VM_OPTS wins).
	$(Q)IHV_VM_OPTS="--timeout 4800 $${IHV_VM_OPTS:-}" \
		$(SRC)/tools/hwsim-run -- $(SRC)/tests/valgrind/run-suite.sh $(abspath $(BUILD)) $(SRC)

# `make fuzz`: the libFuzzer targets in tests/fuzz/ (scenario parser,
# nl80211 parser + folder, recording reader, ihv-timeline's trace reader,
# the runner's trace reader, hostapd's control replies, the EAP peer),
# built with clang
# -fsanitize=fuzzer,address,undefined in their own build tree
# ($(BUILD)/fuzz/, by a sub-make reusing every rule above), each run for
# FUZZ_SECONDS from its seed corpus tests/fuzz/corpus-<target>/.
# Installs clang/libFuzzer with apt-get if missing; `make check` never
# needs them.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := scn nl80211 pcap timeline trace hostapd air eap
FUZZ_BUILD   := $(abspath $(BUILD))/fuzz
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
		-fno-sanitize-recover=all
fuzz:
	$(Q)$(SRC)/tests/fuzz/need-clang
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
		CFLAGS='$(FUZZ_CFLAGS)' LDFLAGS= SANITIZE= fuzz-bins
	$(Q)$(SRC)/tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) $(SRC) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Only meaningful inside the sub-make above (CC=clang, fuzzer CFLAGS).
# Each target links only the library it fuzzes: the scenario language is
# a library of its own (no sim, no host), the nl80211 parser and the
# hostapd control-interface parsers are sim's, the timeline tool is its
# objects (tools/module.mk), and the runner's trace reader is the one
# object it lives in (it needs nothing else; librunner would pull in the
# host and sim).
FUZZ_LIB_scn      = $(LIBSCN)
FUZZ_LIB_nl80211  = $(LIBSIM)
FUZZ_LIB_pcap     = $(LIBSIM)
FUZZ_LIB_timeline = $(TIMELINE_OBJS)
FUZZ_LIB_trace    = $(BUILD)/obj/ihvhost/runner/run-trace.o
FUZZ_LIB_hostapd  = $(LIBSIM)
# the air parser is pure, but lives in sim/ (the sniffer uses it)
FUZZ_LIB_air      = $(LIBSIM)
# the EAP peer of the host's 802.1X and of the samples: frames from the air
FUZZ_LIB_eap      = $(BUILD)/obj/ihvhost/eap/eap-peer.o
$(BUILD)/fuzz/fuzz-eap: LDLIBS += $(EAP_LIBS)
.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz-%: $(BUILD)/obj/tests/fuzz/fuzz-%.o $$(FUZZ_LIB_$$*)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(NL_LIBS) $(LDLIBS)
fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz-%)
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/obj/tests/fuzz/fuzz-%.o)

# `make cleanup-test`: kills `ihvhost run` with SIGINT/SIGTERM/SIGKILL at
# several points (and tools/vm itself) and checks nothing is left behind;
# see tests/cleanup/run.sh.
cleanup-test: all
	$(Q)$(SRC)/tests/cleanup/run.sh $(abspath $(BUILD)) $(SRC)

.PHONY: valgrind fuzz fuzz-bins cleanup-test
# ---- end hardening ----
