# tools/: sample extensions (built as real shared objects, exactly as a
# vendor would build theirs: only <wlanihv.h>, no host internals).
# tools/ext-X/*.c makes $(BUILD)/ext/libihv-X.so. The reference's core,
# tools/ext-reference/ext-*.c (declared in ext-core.h), is compiled once and
# linked into every sample, so ext-misbehave is that core plus its faults.
# Objects, not an archive: nothing in a variant references the exports in
# ext-service.o, so ld would leave that member of a .a out.
EXT_DIRS := $(patsubst tools/ext-%/,%,$(wildcard tools/ext-*/))
EXT_SOS  := $(EXT_DIRS:%=$(BUILD)/ext/libihv-%.so)
EXT_CORE_OBJS := $(patsubst %.c,$(BUILD)/pic/%.o,$(wildcard tools/ext-reference/ext-*.c))
# The samples' WPA2-PSK supplicant uses libcrypto (every primitive) and
# libxml2 (the IHV security profile), and libssl for EAP-TLS (ext-eap.c):
# tools/ext-reference/README.md.
EXT_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcrypto libxml-2.0)
EXT_LIBS   = $(shell $(PKG_CONFIG) --libs libssl libcrypto libxml-2.0)
EXTRA_CFLAGS_tools = -Iihvhost/include $(EXT_CFLAGS)

# $(sort) drops the duplicates in the reference's own list.
define ext_rule
$(BUILD)/ext/libihv-$(1).so: $(sort $(patsubst %.c,$(BUILD)/pic/%.o,$(wildcard tools/ext-$(1)/*.c)) $(EXT_CORE_OBJS))
	$$(quiet) LD $$@
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(LDFLAGS) -shared -Wl,--no-undefined -o $$@ $$^ $$(EXT_LIBS) -lpthread
endef
$(foreach e,$(EXT_DIRS),$(eval $(call ext_rule,$(e))))

all: $(EXT_SOS)

# ---- ihv-timeline (tools/timeline/, owner: timeline) ---------------------
# The trace timeline tool. Every tools/timeline/*.c except main.c is also
# linked into check-unit (tests/unit/cksuite-timeline.c tests the renderers
# through tools/timeline/timeline.h, and runs the program: order-only, so
# it is built first but not linked in).
TIMELINE_SRCS := $(wildcard tools/timeline/*.c)
TIMELINE_OBJS := $(filter-out $(BUILD)/obj/tools/timeline/main.o,$(TIMELINE_SRCS:%.c=$(BUILD)/obj/%.o))

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
