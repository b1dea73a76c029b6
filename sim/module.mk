# sim/: the 802.11 world as a static library. Knows Linux, not Windows.
# Its one public header is sim/include/sim.h; everything else in sim/ is
# private: no other folder's include path reaches it (tests excepted).
SIM_SRCS := $(wildcard sim/*.c)
SIM_OBJS := $(SIM_SRCS:%.c=$(BUILD)/obj/%.o)
LIBSIM   := $(BUILD)/libsim.a
EXTRA_CFLAGS_sim = $(NL_CFLAGS) -Isim/include

$(LIBSIM): $(SIM_OBJS)
	$(quiet) AR $@
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

all: $(LIBSIM)
