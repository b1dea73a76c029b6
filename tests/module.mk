# tests/: one Check runner (ck-runner.c) linked twice:
#  - check-unit: tests/unit/cksuite-*.c, hermetic (no root, no VM);
#  - check-live: tests/live/cksuite-*.c, real mac80211_hwsim + hostapd,
#    run natively or inside the VM by tools/hwsim-run.
UNIT_SRCS  := tests/ck-runner.c $(wildcard tests/unit/*.c)
LIVE_SRCS  := tests/ck-runner.c $(wildcard tests/live/*.c)
CHECK_UNIT := $(BUILD)/tests/check-unit
CHECK_LIVE := $(BUILD)/tests/check-live
EXTRA_CFLAGS_tests = $(CHECK_CFLAGS) $(NL_CFLAGS) -Itests -Isim -Iihvhost -Iihvhost/include \
	-DIHV_BUILD_DIR='"$(abspath $(BUILD))"' -DIHV_SRC_DIR='"$(SRC)"'

$(CHECK_UNIT): $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o) $(LIBIHVHOST) $(LIBSIM)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(CHECK_LIBS) $(IHVHOST_LDLIBS) $(LDLIBS)

$(CHECK_LIVE): $(LIVE_SRCS:%.c=$(BUILD)/obj/%.o) $(LIBIHVHOST) $(LIBSIM)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(CHECK_LIBS) $(IHVHOST_LDLIBS) $(LDLIBS)

tests: $(CHECK_UNIT) $(CHECK_LIVE)

# `make check` = deps, then a fresh make (so pkg-config sees what deps
# installed), then unit tests, then live tests natively or in the VM.
check: deps
	$(Q)$(MAKE) --no-print-directory check-run

check-run: all tests
	@echo "== unit tests"
	$(Q)$(CHECK_UNIT)
	@echo "== live tests (mac80211_hwsim + hostapd)"
	$(Q)$(SRC)/tools/hwsim-run -- $(abspath $(CHECK_LIVE))

.PHONY: tests check-run
