# ihvhost: a Linux host for Windows WLAN IHV extensions on a real 802.11 stack.
#
# Conventions (after iw's Makefile): PREFIX/DESTDIR, PKG_CONFIG, CFLAGS ?=
# then += warnings, quiet unless V=1, everything built out of tree in
# $(BUILD). Each top-level folder contributes its own rules in module.mk so
# adding a file never edits this one.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
DOCDIR     ?= $(DATADIR)/doc/ihvhost
PKG_CONFIG ?= pkg-config
BUILD      ?= build
SRC        := $(CURDIR)

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wno-unused-parameter -fno-strict-aliasing
# CI (CI=true) and WERROR=1 turn warnings into errors.
ifneq ($(filter true 1,$(CI) $(WERROR)),)
CFLAGS += -Werror
endif
ifeq ($(SANITIZE),1)
# UBSan reports are fatal: a test run that printed one must not pass.
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
CPPFLAGS += -MMD -MP

# Lazily expanded: `make check` installs libnl/check first, then re-enters.
NL_CFLAGS    = $(shell $(PKG_CONFIG) --cflags libnl-3.0 libnl-genl-3.0 libnl-route-3.0)
NL_LIBS      = $(shell $(PKG_CONFIG) --libs libnl-3.0 libnl-genl-3.0 libnl-route-3.0)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

all:

include sim/module.mk
include ihvhost/module.mk
include tools/module.mk
include tests/module.mk
include man/module.mk

# `make install` (with PREFIX, DESTDIR, BINDIR, LIBDIR, DATADIR, MANDIR,
# DOCDIR): ihvhost and ihv-timeline (ihvhost/module.mk, tools/module.mk),
# the sample extensions in LIBDIR/ihvhost/ and ihvhost-hwsim-run,
# ihvhost-vm (tools/module.mk), the SDK (ihvhost/module.mk), the man pages
# (man/module.mk), and here the shipped scenario suite (DATADIR/ihvhost/
# scenarios/) and the documentation (DOCDIR). Nothing is written outside
# DESTDIR, and nothing installed depends on PREFIX at build time: every
# installed program finds its files relative to itself
# (tests/install/check-install.sh proves both).
SCENARIOS := $(wildcard scenarios/*.scn)
install-data:
	$(quiet) INSTALL "$(words $(SCENARIOS)) scenarios -> $(DESTDIR)$(DATADIR)/ihvhost/scenarios, docs -> $(DESTDIR)$(DOCDIR)"
	$(Q)install -d $(DESTDIR)$(DATADIR)/ihvhost/scenarios $(DESTDIR)$(DOCDIR)
	$(Q)install -m 0644 $(SCENARIOS) $(DESTDIR)$(DATADIR)/ihvhost/scenarios/
	$(Q)install -m 0644 README.md doc/scenarios.md $(DESTDIR)$(DOCDIR)/
install: install-data
.PHONY: install-data

# A source file's own flags (its include path above all): those of its
# folder (EXTRA_CFLAGS_ihvhost/host) when that folder defines any, even
# empty ones, else those of its top-level folder (EXTRA_CFLAGS_tests).
src_cflags = $(if $(filter undefined,$(origin EXTRA_CFLAGS_$(patsubst %/,%,$(dir $1)))),\
	$(EXTRA_CFLAGS_$(firstword $(subst /, ,$1))),$(EXTRA_CFLAGS_$(patsubst %/,%,$(dir $1))))

# Generic compile rule for every object under $(BUILD)/obj.
$(BUILD)/obj/%.o: %.c
	$(quiet) CC $<
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(call src_cflags,$<) -c -o $@ $<

$(BUILD)/pic/%.o: %.c
	$(quiet) CC $<
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC $(call src_cflags,$<) -c -o $@ $<

# Installs the Debian packages the build and the tests need (only the
# missing ones; about a second when all are present).
deps:
	$(Q)$(SRC)/tools/install-deps

clean:
	rm -rf $(BUILD)

.PHONY: all deps clean check check-run install bench demo
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# `make doc`: the manual's table of actions, written from the language's
# action table (ihvhost/lang/scn-actions.c) between its two markers in
# doc/scenarios.md. A unit test fails while the manual is stale.
doc: $(IHVHOST_BIN)
	$(quiet) GEN doc/scenarios.md
	$(Q)$(IHVHOST_BIN) run --actions-markdown >$(BUILD)/actions.md
	$(Q)awk -v gen=$(BUILD)/actions.md \
		'/^<!-- actions:/ { print; while ((getline l < gen) > 0) print l; skip = 1; next } \
		 /^<!-- end of actions -->/ { skip = 0 } !skip' doc/scenarios.md >$(BUILD)/scenarios.md.tmp
	$(Q)mv $(BUILD)/scenarios.md.tmp doc/scenarios.md
.PHONY: doc

# `make check-layers` (part of make check): the include paths are the
# architecture. Each folder compiles a probe that includes a header it may
# see (which must compile: the probe works) and headers it must not see
# (which must fail). No source climbs out with "../".
LAYER_OK  := sim:sim.h sim:fold.h ihvhost/host:sim.h ihvhost/host:wlanihv.h \
	     ihvhost/host:service.h ihvhost/host:eap-peer.h ihvhost/eap:eap-peer.h ihvhost/lang:scn-int.h ihvhost/runner:scn.h \
	     ihvhost/runner:service.h ihvhost/runner:sim.h
LAYER_BAD := sim:service.h sim:scn.h sim:wlanihv.h sim:eap-peer.h \
	     ihvhost/eap:wlanihv.h ihvhost/eap:sim.h ihvhost/eap:service.h \
	     ihvhost/host:fold.h ihvhost/host:sim-internal.h ihvhost/host:scn.h \
	     ihvhost/host:run.h ihvhost/lang:sim.h ihvhost/lang:service.h \
	     ihvhost/lang:wlanihv.h ihvhost/lang:run.h \
	     ihvhost/runner:fold.h ihvhost/runner:nl.h ihvhost/runner:scn-int.h
layer_dir = $(word 1,$(subst :, ,$1))
layer_hdr = $(word 2,$(subst :, ,$1))
define layer_probe
	$(Q)printf '#include "%s"\n' $(call layer_hdr,$1) >$(BUILD)/layer-probe.c
	$(Q)if $(CC) $(CFLAGS) $(call src_cflags,$(call layer_dir,$1)/probe.c) \
		-iquote $(call layer_dir,$1) -fsyntax-only $(BUILD)/layer-probe.c 2>/dev/null; \
	then r=0; else r=1; fi; \
	if [ $$r = $2 ]; then echo "ok   $(call layer_dir,$1) $3 include $(call layer_hdr,$1)"; \
	else echo "FAIL $(call layer_dir,$1) $3 include $(call layer_hdr,$1)"; exit 1; fi

endef
check-layers: $(LIBSCN)
	@echo "== layering: each folder sees only what its include path allows"
	$(Q)mkdir -p $(BUILD)
	$(foreach p,$(LAYER_OK),$(call layer_probe,$p,0,can))
	$(foreach p,$(LAYER_BAD),$(call layer_probe,$p,1,cannot))
	$(Q)if grep -rn '#include "\.\./' sim ihvhost; then \
		echo "FAIL: an include climbs out of its folder"; exit 1; fi
	$(Q)printf '#include "scn.h"\nint main(void) { struct scn_script *s; return scn_parse_string("x", "", &s, NULL) != -EINVAL; }\n' \
		| sed '1i #include <errno.h>' >$(BUILD)/layer-probe.c
	$(Q)$(CC) $(CFLAGS) -Iihvhost/lang/include -o $(BUILD)/layer-probe $(BUILD)/layer-probe.c $(LIBSCN)
	@echo "ok   the scenario language links alone (libscn.a, nothing else)"
	@echo "check-layers: $(words $(LAYER_OK)) allowed, $(words $(LAYER_BAD)) forbidden includes as designed"
.PHONY: check-layers
