# man/: the manual pages (owner: install).
#   ihvhost(1), ihv-timeline(1)   written by hand, checked against the
#                                 programs' --help (tests/install/check-man.py);
#   ihvhost-scenario(5)           generated from doc/scenarios.md by
#                                 man/md2man at build time, so it is the
#                                 manual and cannot drift from it.
# `make check-man` renders each with groff -ww (no warning allowed) and
# man -l, and compares options and exit codes with --help.
MAN_PAGES := man/ihvhost.1 man/ihv-timeline.1
MAN_SCN   := $(BUILD)/man/ihvhost-scenario.5
MAN_DATE  := $(shell date -u -d @$$(git -C $(SRC) log -1 --format=%ct -- doc/scenarios.md 2>/dev/null || stat -c %Y doc/scenarios.md) +%Y-%m-%d 2>/dev/null)

$(MAN_SCN): doc/scenarios.md man/md2man
	$(quiet) GEN $@
	$(Q)mkdir -p $(@D)
	$(Q)python3 man/md2man doc/scenarios.md $(IHVHOST_VERSION) $(MAN_DATE) >$@.tmp && mv $@.tmp $@
all: $(MAN_SCN)

install-man: $(MAN_SCN)
	$(quiet) INSTALL "ihvhost.1 ihv-timeline.1 ihvhost-scenario.5 -> $(DESTDIR)$(MANDIR)"
	$(Q)install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	$(Q)install -m 0644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	$(Q)install -m 0644 $(MAN_SCN) $(DESTDIR)$(MANDIR)/man5/
install: install-man

check-man: $(MAN_SCN) $(IHVHOST_BIN) $(BUILD)/ihv-timeline
	@echo "== man pages: groff -ww clean, and they agree with --help"
	$(Q)python3 $(SRC)/tests/install/check-man.py $(abspath $(BUILD)) $(SRC)
.PHONY: install-man check-man
