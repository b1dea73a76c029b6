# tools/: sample extensions (built as real shared objects, exactly as a
# vendor would build theirs: only <wlanihv.h>, no host internals).
# tools/ext-X/*.c makes $(BUILD)/ext/libihv-X.so. The reference's core,
# tools/ext-reference/ext-*.c (declared in ext-core.h), is compiled once and
# linked into every sample, so ext-misbehave is that core plus its faults.
# Objects, not an archive: nothing in a variant references the exports in
# ext-service.o, so ld would leave that member of a .a out.
# tools/ext-cxx/ is not one of them: a C++ Win32-style extension built
# alone through the SDK's pkg-config (its own rule below).
EXT_DIRS := $(filter-out cxx,$(patsubst tools/ext-%/,%,$(wildcard tools/ext-*/)))
EXT_SOS  := $(EXT_DIRS:%=$(BUILD)/ext/libihv-%.so)
EXT_CORE_OBJS := $(patsubst %.c,$(BUILD)/pic/%.o,$(wildcard tools/ext-reference/ext-*.c) $(EAP_SRCS))
# The samples' WPA2-PSK supplicant uses libcrypto (every primitive) and
# libxml2 (the IHV security profile), and libssl for EAP-TLS (the project's
# EAP peer, ihvhost/eap/, linked into each sample as its own EAP method):
# tools/ext-reference/README.md.
EXT_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcrypto libxml-2.0)
EXT_LIBS   = $(shell $(PKG_CONFIG) --libs libssl libcrypto libxml-2.0)
EXTRA_CFLAGS_tools = -Iihvhost/include -Iihvhost/eap/include $(EXT_CFLAGS)

# $(sort) drops the duplicates in the reference's own list.
define ext_rule
$(BUILD)/ext/libihv-$(1).so: $(sort $(patsubst %.c,$(BUILD)/pic/%.o,$(wildcard tools/ext-$(1)/*.c)) $(EXT_CORE_OBJS))
	$$(quiet) LD $$@
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(LDFLAGS) -shared -Wl,--no-undefined -o $$@ $$^ $$(EXT_LIBS) -lpthread
endef
$(foreach e,$(EXT_DIRS),$(eval $(call ext_rule,$(e))))

all: $(EXT_SOS)

# ---- ext-cxx: the Win32 C++ sample (owner: SDK) ----------------------------
# Built exactly as its header comment tells a vendor: c++ and nothing but
# `pkg-config --cflags --libs ihvsdk`, here the uninstalled .pc (the
# installed one is tested by tests/sdk/check-install.sh).
EXT_CXX_SO := $(BUILD)/ext/libihv-cxx.so
$(EXT_CXX_SO): tools/ext-cxx/ext-cxx.cpp $(LIBIHVWIN32) $(IHVSDK_PC_UNINST) $(IHVSDK_HEADERS)
	$(quiet) CXX $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CXX) -shared -fPIC -O2 -g -Wall -Wextra $(filter -Werror -fsanitize=% -fno-%,$(CFLAGS)) \
		$(LDFLAGS) -Wl,--no-undefined \
		-o $@ $< $$(PKG_CONFIG_PATH=$(BUILD)/pkgconfig $(PKG_CONFIG) --cflags --libs ihvsdk)
all: $(EXT_CXX_SO)
tests: $(EXT_CXX_SO)

# ---- ihv-timeline (tools/timeline/, owner: timeline) ---------------------
# The trace timeline tool. Every tools/timeline/*.c except main.c is also
# linked into check-unit (tests/unit/cksuite-timeline.c tests the renderers
# through tools/timeline/timeline.h, and runs the program: order-only, so
# it is built first but not linked in).
TIMELINE_SRCS := $(wildcard tools/timeline/*.c)
TIMELINE_OBJS := $(filter-out $(BUILD)/obj/tools/timeline/main.o,$(TIMELINE_SRCS:%.c=$(BUILD)/obj/%.o))

# One version for the whole project (ihvhost/module.mk).
$(BUILD)/obj/tools/timeline/main.o: CPPFLAGS += -DIHV_TIMELINE_VERSION='"$(IHVHOST_VERSION)"'

$(BUILD)/ihv-timeline: $(TIMELINE_SRCS:%.c=$(BUILD)/obj/%.o)
	$(quiet) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/check-unit: $(TIMELINE_OBJS) | $(BUILD)/ihv-timeline

all: $(BUILD)/ihv-timeline

install-timeline: $(BUILD)/ihv-timeline
	$(quiet) INSTALL $(DESTDIR)$(BINDIR)/ihv-timeline
	$(Q)install -d $(DESTDIR)$(BINDIR)
	$(Q)install -m 0755 $(BUILD)/ihv-timeline $(DESTDIR)$(BINDIR)/ihv-timeline
install: install-timeline
.PHONY: install-timeline
# ---- end ihv-timeline -----------------------------------------------------

# The SDK unit suites (tests/unit/cksuite-sdk*.c) dlopen these objects at
# run time, so `make tests` builds them too.
tests: $(EXT_SOS)

# ---- install: the samples and the VM runner (owner: install) -------------
# The samples go to LIBDIR/ihvhost/, where an installed `ihvhost run` finds
# them relative to itself (IHVHOST_EXT_RELDIR, ihvhost/module.mk).
# tools/hwsim-run and tools/vm are installed as ihvhost-hwsim-run and
# ihvhost-vm (bare names like `vm` would clash in BINDIR), vm-init in
# DATADIR/ihvhost/; each installed script gets, in the one line made for
# it, the installed name of its sibling or the directory of vm-init
# relative to BINDIR, so it works from wherever the tree is installed.
IHV_DATA_DIR    = $(DATADIR)/ihvhost
VM_INIT_RELDIR  = $(shell realpath -m --relative-to='$(BINDIR)' '$(IHV_DATA_DIR)')

install-ext: $(EXT_SOS) $(EXT_CXX_SO)
	$(quiet) INSTALL "$(notdir $(EXT_SOS) $(EXT_CXX_SO)) -> $(DESTDIR)$(LIBDIR)/ihvhost"
	$(Q)install -d $(DESTDIR)$(LIBDIR)/ihvhost
	$(Q)install -m 0755 $(EXT_SOS) $(EXT_CXX_SO) $(DESTDIR)$(LIBDIR)/ihvhost/

install-vm:
	$(quiet) INSTALL "ihvhost-hwsim-run ihvhost-vm -> $(DESTDIR)$(BINDIR), vm-init -> $(DESTDIR)$(IHV_DATA_DIR)"
	$(Q)mkdir -p $(BUILD)/install
	$(Q)sed 's|^vm_prog=vm$$|vm_prog=ihvhost-vm|' tools/hwsim-run >$(BUILD)/install/ihvhost-hwsim-run
	$(Q)sed 's|^vm_init_dir=\.$$|vm_init_dir=$(VM_INIT_RELDIR)|' tools/vm >$(BUILD)/install/ihvhost-vm
	$(Q)grep -qx 'vm_prog=ihvhost-vm' $(BUILD)/install/ihvhost-hwsim-run || \
		{ echo "install-vm: tools/hwsim-run has no 'vm_prog=vm' line to rewrite"; exit 1; }
	$(Q)grep -qxF 'vm_init_dir=$(VM_INIT_RELDIR)' $(BUILD)/install/ihvhost-vm || \
		{ echo "install-vm: tools/vm has no 'vm_init_dir=.' line to rewrite"; exit 1; }
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(IHV_DATA_DIR)
	$(Q)install -m 0755 $(BUILD)/install/ihvhost-hwsim-run $(BUILD)/install/ihvhost-vm $(DESTDIR)$(BINDIR)/
	$(Q)install -m 0644 tools/vm-init $(DESTDIR)$(IHV_DATA_DIR)/vm-init

install: install-ext install-vm
.PHONY: install-ext install-vm
# ---- end install ----------------------------------------------------------
