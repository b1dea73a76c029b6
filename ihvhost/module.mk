# ihvhost/: the emulated Windows WLAN service, the extension host and the
# installed IHV SDK headers. Talks to 802.11 only through sim/sim.h.
IHVHOST_MAIN     := ihvhost/main.c
IHVHOST_LIB_SRCS := $(filter-out $(IHVHOST_MAIN),$(wildcard ihvhost/*.c))
IHVHOST_LIB_OBJS := $(IHVHOST_LIB_SRCS:%.c=$(BUILD)/obj/%.o)
LIBIHVHOST       := $(BUILD)/libihvhost.a
IHVHOST_BIN      := $(BUILD)/ihvhost
IHVHOST_LDLIBS    = $(NL_LIBS) -lpthread -ldl -lm
EXTRA_CFLAGS_ihvhost = -Iihvhost/include -Isim

$(LIBIHVHOST): $(IHVHOST_LIB_OBJS)
	$(quiet) AR $@
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

ifneq ($(wildcard $(IHVHOST_MAIN)),)
$(IHVHOST_BIN): $(BUILD)/obj/ihvhost/main.o $(LIBIHVHOST) $(LIBSIM)
	$(quiet) LD $@
	$(Q)$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(IHVHOST_LDLIBS) $(LDLIBS)
all: $(IHVHOST_BIN)
endif
all: $(LIBIHVHOST)

# The program (the SDK headers are installed by install-sdk).
install-bin: $(IHVHOST_BIN)
	$(quiet) INSTALL $(DESTDIR)$(BINDIR)/ihvhost
	$(Q)install -d $(DESTDIR)$(BINDIR)
	$(Q)install -m 0755 $(IHVHOST_BIN) $(DESTDIR)$(BINDIR)/ihvhost
install: install-bin
.PHONY: install-bin

# Where `ihvhost run` looks for the sample extensions when they are not
# next to the binary (an installed ihvhost).
EXTRA_CFLAGS_ihvhost += -DIHVHOST_EXT_DIR='"$(LIBDIR)/ihvhost"'
