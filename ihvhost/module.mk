# ihvhost/: the Windows side, in three libraries whose include paths ARE
# the architecture (a wrong include fails to compile):
#   host/    the emulated WLAN service and extension host (libihvhost.a):
#            sees the SDK (include/) and sim's one public header only;
#   lang/    the scenario language (libscn.a), public header in
#            lang/include/scn.h: a pure library, sees
#            nothing but itself (the fuzzers and unit tests link it alone);
#   runner/  world set-up, actions, verdict, TAP/JUnit, and main(): the only
#            part that knows the host, the language and sim.
#   eap/     the 802.1X supplicant core (EAP peer, EAP-TLS on OpenSSL), in
#            eap/include/eap-peer.h: pure protocol code, no Windows, no
#            802.11; the host's OneX runs it, and the sample extensions link
#            it as their own EAP method (tools/module.mk).
#   include/ the installed IHV SDK headers (Windows names, types, values).
EAP_SRCS    := $(wildcard ihvhost/eap/*.c)
EAP_CFLAGS   = $(shell $(PKG_CONFIG) --cflags libssl libcrypto)
EAP_LIBS     = $(shell $(PKG_CONFIG) --libs libssl libcrypto)
EXTRA_CFLAGS_ihvhost/eap = -Iihvhost/eap/include $(EAP_CFLAGS)

HOST_SRCS   := $(wildcard ihvhost/host/*.c)
LIBIHVHOST  := $(BUILD)/libihvhost.a
EXTRA_CFLAGS_ihvhost/host = -Iihvhost/include -Isim/include -Iihvhost/eap/include

LANG_SRCS   := $(wildcard ihvhost/lang/*.c)
LIBSCN      := $(BUILD)/libscn.a
EXTRA_CFLAGS_ihvhost/lang = -Iihvhost/lang/include

RUNNER_MAIN := ihvhost/runner/main.c
RUNNER_SRCS := $(filter-out $(RUNNER_MAIN),$(wildcard ihvhost/runner/*.c))
LIBRUNNER   := $(BUILD)/librunner.a
# Where `ihvhost run` looks for the sample extensions when they are not
# next to the binary in ext/ (the build tree): IHVHOST_EXT_RELDIR, relative
# to the directory of the running binary (/proc/self/exe), so an ihvhost
# works wherever it is installed (PREFIX, DESTDIR, a moved tree). Only the
# relation of LIBDIR to BINDIR is built in: ../lib/ihvhost by default,
# whatever PREFIX is. It is kept in a stamp file that changes only when the
# value does, so `make install LIBDIR=...` with another relation rebuilds
# run.o rather than installing a binary that looks in the wrong place.
IHVHOST_EXT_RELDIR := $(shell realpath -m --relative-to='$(BINDIR)' '$(LIBDIR)/ihvhost')
IHVHOST_EXT_STAMP  := $(BUILD)/ext-reldir.stamp
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(IHVHOST_EXT_STAMP) 2>/dev/null)" = '$(IHVHOST_EXT_RELDIR)' ] || \
	echo '$(IHVHOST_EXT_RELDIR)' >$(IHVHOST_EXT_STAMP); })
$(BUILD)/obj/ihvhost/runner/run.o $(BUILD)/obj/ihvhost/runner/run-opts.o: $(IHVHOST_EXT_STAMP)
EXTRA_CFLAGS_ihvhost/runner = -Iihvhost/include -Isim/include -Iihvhost/host \
	-Iihvhost/lang/include -DIHVHOST_EXT_RELDIR='"$(IHVHOST_EXT_RELDIR)"' \
	-DIHVHOST_VERSION='"$(IHVHOST_VERSION)"'

IHVHOST_BIN      := $(BUILD)/ihvhost
# The program's version (`ihvhost --version`); the SDK's is IHVSDK_VERSION.
IHVHOST_VERSION  := 0.2.0
IHVHOST_LDLIBS    = $(NL_LIBS) $(EAP_LIBS) -lpthread -ldl -lm

$(LIBIHVHOST): $(HOST_SRCS:%.c=$(BUILD)/obj/%.o) $(EAP_SRCS:%.c=$(BUILD)/obj/%.o)
$(LIBSCN): $(LANG_SRCS:%.c=$(BUILD)/obj/%.o)
$(LIBRUNNER): $(RUNNER_SRCS:%.c=$(BUILD)/obj/%.o)
$(LIBIHVHOST) $(LIBSCN) $(LIBRUNNER):
	$(quiet) AR $@
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(IHVHOST_BIN): $(BUILD)/obj/$(RUNNER_MAIN:.c=.o) $(LIBRUNNER) $(LIBIHVHOST) $(LIBSCN) $(LIBSIM)
	$(quiet) LD $@
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(IHVHOST_LDLIBS) $(LDLIBS)
all: $(IHVHOST_BIN) $(LIBIHVHOST) $(LIBSCN) $(LIBRUNNER)

# The program (the SDK headers are installed by install-sdk).
install-bin: $(IHVHOST_BIN)
	$(quiet) INSTALL $(DESTDIR)$(BINDIR)/ihvhost
	$(Q)install -d $(DESTDIR)$(BINDIR)
	$(Q)install -m 0755 $(IHVHOST_BIN) $(DESTDIR)$(BINDIR)/ihvhost
install: install-bin
.PHONY: install-bin

# ---- IHV SDK: install the headers and ihvsdk.pc (owned by the SDK) --------
# `make install DESTDIR=/tmp/x PREFIX=/usr` puts the headers in
# /tmp/x/usr/include/ihvsdk/ and ihvsdk.pc in /tmp/x/usr/lib/pkgconfig/.
# $(BUILD)/pkgconfig/ihvsdk-uninstalled.pc points at the source tree:
# with PKG_CONFIG_PATH=$(BUILD)/pkgconfig, `pkg-config --cflags ihvsdk`
# gives -I.../ihvhost/include without installing anything.
IHVSDK_VERSION   := 0.1.0
IHVSDK_HEADERS   := $(wildcard ihvhost/include/*.h)

# The SDK's Win32 runtime (ihvhost/win32/, declared in <windows.h>):
# libihvwin32.a, position-independent and hidden, so `pkg-config --libs
# ihvsdk` links it INTO an extension's .so without adding exports. It is
# SDK, not host: nothing of the host links it (check-unit does, to test it).
W32_SRCS     := $(wildcard ihvhost/win32/*.c)
LIBIHVWIN32  := $(BUILD)/libihvwin32.a
EXTRA_CFLAGS_ihvhost/win32 = -Iihvhost/include -fvisibility=hidden
$(LIBIHVWIN32): $(W32_SRCS:%.c=$(BUILD)/pic/%.o)
	$(quiet) AR $@
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^
all: $(LIBIHVWIN32)
$(BUILD)/tests/check-unit: $(LIBIHVWIN32)
IHVSDK_PC_UNINST := $(BUILD)/pkgconfig/ihvsdk-uninstalled.pc
# The .pc is regenerated on every install so PREFIX/INCLUDEDIR of THIS
# invocation are the ones written into it.
IHVSDK_PC_SED     = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(IHVSDK_VERSION)|g' \
			-e 's|@LIBDIR@|$(if $(IHVSDK_PC_LIBDIR),$(IHVSDK_PC_LIBDIR),$(LIBDIR))|g'

$(IHVSDK_PC_UNINST): IHVSDK_PC_LIBDIR = $(abspath $(BUILD))
$(IHVSDK_PC_UNINST): ihvhost/ihvsdk.pc.in
	$(quiet) GEN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(IHVSDK_PC_SED) -e 's|@INCLUDEDIR@|$(SRC)/ihvhost|g' \
		-e 's|-I$${includedir}/ihvsdk|-I$${includedir}/include|' $< >$@.tmp && mv $@.tmp $@
all: $(IHVSDK_PC_UNINST)

install: install-sdk
install-sdk: $(LIBIHVWIN32)
	$(quiet) INSTALL "ihvsdk headers -> $(DESTDIR)$(INCLUDEDIR)/ihvsdk, libihvwin32.a -> $(DESTDIR)$(LIBDIR)"
	$(Q)mkdir -p $(BUILD)
	$(Q)$(IHVSDK_PC_SED) -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' ihvhost/ihvsdk.pc.in >$(BUILD)/ihvsdk.pc
	$(Q)install -d $(DESTDIR)$(INCLUDEDIR)/ihvsdk $(DESTDIR)$(LIBDIR)/pkgconfig
	$(Q)install -m 0644 $(IHVSDK_HEADERS) $(DESTDIR)$(INCLUDEDIR)/ihvsdk/
	$(Q)install -m 0644 $(BUILD)/ihvsdk.pc $(DESTDIR)$(LIBDIR)/pkgconfig/ihvsdk.pc
	$(Q)install -m 0644 $(LIBIHVWIN32) $(DESTDIR)$(LIBDIR)/libihvwin32.a
.PHONY: install-sdk

# The SDK's own checks (not hooked into check-run by this block: the
# integrator adds `check-run: check-sdk`). `make deps` installs
# mingw-w64-common, so the cross-check always runs (its exit 77, "mingw
# headers absent", fails here rather than passing unseen).
check-sdk: all
	@echo "== SDK headers compile alone (C99 -pedantic, C++11)"
	$(Q)$(SRC)/tests/sdk/check-headers.sh
	@echo "== SDK install (DESTDIR) and an extension built with pkg-config"
	$(Q)MAKE="$(MAKE)" IHV_SDK_SANITIZE="$(filter -fsanitize=% -fno-sanitize-recover=%,$(CFLAGS))" \
		$(SRC)/tests/sdk/check-install.sh $(BUILD)
	@echo "== SDK values and field order vs mingw-w64's Windows headers"
	$(Q)$(SRC)/tests/sdk/crosscheck-mingw.py
.PHONY: check-sdk
# ---- end IHV SDK ------------------------------------------------------------
