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
