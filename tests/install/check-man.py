#!/usr/bin/env python3
# check-man.py - the man pages render cleanly and say what the programs say.
#   1. each page (man/ihvhost.1, man/ihv-timeline.1 and the generated
#      ihvhost-scenario.5) renders with `groff -man -Tutf8 -ww` without a
#      single warning, and with `man -l`;
#   2. every long option a program's --help prints is in its page, and
#      every option the page names is one the programs have (no option
#      documented after it is gone);
#   3. every exit code each --help lists is in the page's EXIT STATUS for
#      that command, and nothing else is;
#   4. ihvhost-scenario.5 is what man/md2man makes of doc/scenarios.md now
#      (so it is never stale) and names every action of the language.
# Usage: tests/install/check-man.py BUILD_DIR SRC_DIR
# One line per check; exit 1 at the first failure.
import os
import re
import subprocess
import sys

build, src = sys.argv[1], sys.argv[2]
ihvhost = os.path.join(build, "ihvhost")
timeline = os.path.join(build, "ihv-timeline")
pages = {
    "ihvhost.1": os.path.join(src, "man/ihvhost.1"),
    "ihv-timeline.1": os.path.join(src, "man/ihv-timeline.1"),
    "ihvhost-scenario.5": os.path.join(build, "man/ihvhost-scenario.5"),
}


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def ok(msg):
    print("ok   " + msg)


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    return r.returncode, r.stdout, r.stderr


# 1. rendering
for name, path in pages.items():
    rc, out, err = run(["groff", "-man", "-Tutf8", "-ww", "-z", path])
    if rc or err.strip():
        fail("%s: groff -man -Tutf8 -ww: %s" % (name, (err or "exit %d" % rc).strip()))
    env = dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat")
    rc, out, err = run(["man", "-l", path], env=env)
    if rc or len(out) < 500 or err.strip():
        fail("%s: man -l: exit %d, %d bytes, %s" % (name, rc, len(out), err.strip()))
    ok("%s renders (groff -ww: no warning; man -l: %d lines)" % (name, out.count("\n")))


def source(path):
    """The page's text with troff's \\- as -, comments dropped."""
    text = open(path, encoding="utf-8").read()
    text = "\n".join(l for l in text.split("\n") if not l.startswith('.\\"'))
    return text.replace("\\-", "-")


def long_opts(text):
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", text))


def help_text(args):
    rc, out, err = run(args)
    if rc:
        fail("%s: exit %d" % (" ".join(args), rc))
    return out


def options_part(text):
    """--help up to its exit codes (the run's help goes on with the
    scenario language, whose words are not options)."""
    m = re.search(r"^(exit codes|Exit status)", text, re.M)
    return text[:m.start()] if m else text


def exit_sections(text):
    """{title: set of codes} of a --help: 'exit codes...:' sections, the
    codes one per line ('  N  ...') or inline ('0 x; 1 y; 2 z')."""
    found = {}
    for m in re.finditer(r"^(exit codes[^:\n]*|Exit status):(.*?)(?=\n\n|\Z)", text, re.M | re.S):
        codes = set(re.findall(r"(?:^|[:;])[ ]*([0-9]+)[ ]+(?=\S)", m.group(2), re.M))
        # "exit codes of ihvhost run (in full: ...)" -> "... ihvhost run"
        found[m.group(1).split(" (")[0]] = codes
    return found


def man_exit(path):
    """{subsection or '': set of codes} of EXIT STATUS."""
    text = source(path)
    m = re.search(r"^\.SH EXIT STATUS\n(.*?)(?=^\.SH )", text, re.M | re.S)
    if not m:
        fail("%s: no EXIT STATUS section" % path)
    found, cur = {}, ""
    lines = m.group(1).split("\n")
    for i, l in enumerate(lines):
        if l.startswith(".SS "):
            cur = l[4:].strip()
        if l == ".TP" and i + 1 < len(lines):
            n = re.match(r"^\.B ([0-9]+)$", lines[i + 1])
            if n:
                found.setdefault(cur, set()).add(n.group(1))
    return found


main_help = help_text([ihvhost, "--help"])
run_help = help_text([ihvhost, "run", "--help"])
merge_help = help_text([ihvhost, "junit-merge", "--help"])
tl_help = help_text([timeline, "--help"])

# 2. options
checks = [
    ("ihvhost.1", [main_help, run_help, merge_help],
     # named in the page but not ihvhost's: prove's, xmllint's
     {"--state=failed", "--schema"}),
    ("ihv-timeline.1", [tl_help], set()),
]
for name, helps, foreign in checks:
    page = source(pages[name])
    have = set()
    for h in helps:
        have |= long_opts(options_part(h))
    documented = long_opts(page)
    missing = sorted(have - documented)
    if missing:
        fail("%s does not document %s (from --help)" % (name, " ".join(missing)))
    extra = sorted(documented - have - foreign -
                   {o.split("=")[0] for o in foreign})
    if extra:
        fail("%s documents %s, which --help does not have" % (name, " ".join(extra)))
    ok("%s: the %d long options of --help, and no other" % (name, len(have)))

# 3. exit codes
main_exit = exit_sections(main_help)
run_exit = exit_sections(run_help)
merge_exit = exit_sections(merge_help)
tl_exit = exit_sections(tl_help)
man_ihv = man_exit(pages["ihvhost.1"])
man_tl = man_exit(pages["ihv-timeline.1"])
pairs = [
    ("ihvhost --help (--extension)", main_exit.get("exit codes"),
     "ihvhost.1 ihvhost --extension", man_ihv.get("ihvhost --extension")),
    ("ihvhost --help (run)", main_exit.get("exit codes of ihvhost run"),
     "ihvhost.1 ihvhost run", man_ihv.get("ihvhost run")),
    ("ihvhost run --help", run_exit.get("exit codes"),
     "ihvhost.1 ihvhost run", man_ihv.get("ihvhost run")),
    ("ihvhost --help (junit-merge)", main_exit.get("exit codes of ihvhost junit-merge"),
     "ihvhost.1 ihvhost junit-merge", man_ihv.get("ihvhost junit-merge")),
    ("ihvhost junit-merge --help", merge_exit.get("exit codes"),
     "ihvhost.1 ihvhost junit-merge", man_ihv.get("ihvhost junit-merge")),
    ("ihv-timeline --help", tl_exit.get("Exit status"),
     "ihv-timeline.1", man_tl.get("")),
]
for hname, hcodes, mname, mcodes in pairs:
    if not hcodes:
        fail("%s lists no exit codes (its format changed?)" % hname)
    if hcodes != mcodes:
        fail("%s lists exit codes %s, %s %s" % (hname, sorted(hcodes, key=int), mname,
                                                sorted(mcodes or [], key=int)))
    ok("%s and %s: exit codes %s" % (hname, mname, " ".join(sorted(hcodes, key=int))))

# 4. the scenario page is today's doc/scenarios.md
version = re.search(r'^\.TH \S+ 5 "[^"]*" "ihvhost ([^"]+)"', open(pages["ihvhost-scenario.5"]).read(), re.M)
date = re.search(r'^\.TH \S+ 5 "([^"]*)"', open(pages["ihvhost-scenario.5"]).read(), re.M)
rc, fresh, err = run(["python3", os.path.join(src, "man/md2man"),
                      os.path.join(src, "doc/scenarios.md"), version.group(1), date.group(1)],
                     cwd=src)
built_ver = help_text([ihvhost, "--version"])
if rc or fresh.split("\n", 1)[1] != open(pages["ihvhost-scenario.5"]).read().split("\n", 1)[1]:
    fail("ihvhost-scenario.5 is not what man/md2man makes of doc/scenarios.md now (rebuild): %s" % err)
if built_ver.split()[-1] != version.group(1):
    fail("ihvhost-scenario.5 says version %s, ihvhost --version %s" % (version.group(1), built_ver.strip()))
rc, actions, _ = run([ihvhost, "run", "--actions-markdown"])
words = re.findall(r"^\| `([a-z-]+)", actions, re.M)
page = source(pages["ihvhost-scenario.5"])
absent = [w for w in words if "\\fB" + w not in page]
if rc or len(words) < 10 or absent:
    fail("ihvhost-scenario.5 lacks actions: %s" % " ".join(absent))
ok("ihvhost-scenario.5 is doc/scenarios.md of now, with all %d actions" % len(words))
