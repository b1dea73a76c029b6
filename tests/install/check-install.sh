#!/bin/sh
# check-install.sh - an installed ihvhost works, wherever it is installed.
#   1. `make install DESTDIR=$dest PREFIX=$prefix` with a PREFIX that is not
#      the build's (the build used the default, /usr/local) and does not
#      exist: afterwards it still does not exist (nothing written outside
#      DESTDIR), and every file is in its place under $dest$prefix;
#   2. nothing installed names the build tree or the build's PREFIX (every
#      program finds its files relative to itself), ihvsdk.pc passes
#      `pkg-config --validate`, the programs answer --version;
#   3. the installed ihvhost loads the installed samples (found relative to
#      itself) and lists the installed scenarios;
#   4. the installed ihvhost-hwsim-run (and through it the installed
#      ihvhost-vm and vm-init) runs the installed `ihvhost run` on the
#      installed demo scenario, natively or in the VM; the run records its
#      state file. $dest lies in the build dir, which make check makes
#      writable in the VM (IHV_VM_RW); outside it, set IHV_VM_OPTS="--rw DIR".
# Usage: tests/install/check-install.sh BUILD_DIR SRC_DIR
# One line per check; exit 1 at the first failure, 77 when the live part
# was skipped (IHV_SKIP_LIVE=1); everything it created is removed.
set -u

build=$1
src=$2
make=${MAKE:-make}
tmp=$(mktemp -d "$build/install-test.XXXXXX") || exit 1
top=/ihvhost-no-such-prefix-$$
prefix=$top/usr
dest=$tmp/dest
root=$dest$prefix
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() { echo "FAIL $*"; exit 1; }
ok() { echo "ok   $*"; }

[ -e "$top" ] && fail "$top exists already; cannot prove DESTDIR is honoured"
build_prefix=$(sed -n 's/^PREFIX *?= *//p' "$src/Makefile")
$make -C "$src" --no-print-directory BUILD="$build" install DESTDIR="$dest" \
	PREFIX="$prefix" >"$tmp/make.log" 2>&1 ||
	{ cat "$tmp/make.log"; fail "make install DESTDIR=$dest PREFIX=$prefix"; }
if [ -e "$top" ]; then
	rm -rf "$top"
	fail "make install wrote outside DESTDIR (into $top)"
fi
ok "make install DESTDIR=... PREFIX=$prefix (built for $build_prefix) wrote nothing outside DESTDIR"

for f in bin/ihvhost bin/ihv-timeline bin/ihvhost-hwsim-run bin/ihvhost-vm \
	lib/ihvhost/libihv-reference.so lib/ihvhost/libihv-misbehave.so \
	share/ihvhost/vm-init share/ihvhost/scenarios/demo.scn \
	share/man/man1/ihvhost.1 share/man/man1/ihv-timeline.1 \
	share/man/man5/ihvhost-scenario.5 share/doc/ihvhost/README.md \
	share/doc/ihvhost/scenarios.md include/ihvsdk/wlanihv.h lib/pkgconfig/ihvsdk.pc; do
	[ -f "$root/$f" ] || fail "$f not installed under $root"
done
for f in bin/ihvhost bin/ihv-timeline bin/ihvhost-hwsim-run bin/ihvhost-vm; do
	[ -x "$root/$f" ] || fail "$f is not executable"
done
n_scn=$(ls "$root"/share/ihvhost/scenarios/*.scn | wc -l)
[ "$n_scn" = "$(ls "$src"/scenarios/*.scn | wc -l)" ] || fail "$n_scn scenarios installed"
ok "$(find "$dest" -type f | wc -l) files in place: 4 programs, the samples, vm-init, $n_scn scenarios, man pages, docs, SDK"

# What is installed must not depend on where it was built or for which
# PREFIX: no path of either in a program, script, sample or the .pc.
# (Debug information may name the sources: it is looked at without it.)
abs_build=$(cd "$build" && pwd -P)
for f in "$root"/bin/* "$root"/lib/ihvhost/*.so "$root"/lib/pkgconfig/ihvsdk.pc "$root"/share/ihvhost/vm-init; do
	g=$f
	if [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		g=$tmp/nodebug
		objcopy --strip-debug "$f" "$g" || fail "objcopy --strip-debug $f"
	fi
	for p in "$abs_build" "$src" "$build_prefix/lib" "$build_prefix/share"; do
		grep -qaF "$p" "$g" && fail "$f contains '$p' (a build-time path)"
	done
done
ok "no installed program, sample or .pc names the build tree, the sources or $build_prefix"

pkg-config --validate "$root/lib/pkgconfig/ihvsdk.pc" || fail "pkg-config --validate ihvsdk.pc"
PKG_CONFIG_LIBDIR="$root/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" \
	pkg-config --cflags ihvsdk | grep -qF -- "-I$root/include/ihvsdk" ||
	fail "pkg-config --cflags ihvsdk from the DESTDIR does not name $root/include/ihvsdk"
ok "ihvsdk.pc: pkg-config --validate, --cflags from the DESTDIR (sysroot) names the installed headers"

v=$("$root/bin/ihvhost" --version) || fail "ihvhost --version"
case $v in "ihvhost "[0-9]*.[0-9]*) ;; *) fail "ihvhost --version printed '$v'" ;; esac
if "$root/bin/ihv-timeline" --help | grep -q -- --version; then
	"$root/bin/ihv-timeline" --version | grep -q '[0-9]\.[0-9]' || fail "ihv-timeline --version"
fi
"$root/bin/ihvhost-vm" --help | grep -q '^Usage' || fail "ihvhost-vm --help"
"$root/bin/ihvhost-hwsim-run" --help | grep -q '^Usage' || fail "ihvhost-hwsim-run --help"
ok "$v; ihvhost-vm and ihvhost-hwsim-run answer --help"

# The samples, found relative to the installed binary (not via --ext-dir).
help_dir=$("$root/bin/ihvhost" run --help | sed -n 's/.*else \(.*\) relative to its directory.*/\1/p')
[ "$help_dir" = ../lib/ihvhost ] || fail "ihvhost run --help: sample dir '$help_dir', want ../lib/ihvhost"
"$root/bin/ihvhost" --extension "$root/lib/ihvhost/libihv-reference.so" >"$tmp/load.log" 2>&1 ||
	{ cat "$tmp/load.log"; fail "installed ihvhost --extension installed libihv-reference.so"; }
grep -q "buffers: .* 0 leaked" "$tmp/load.log" || { cat "$tmp/load.log"; fail "load: no leak report"; }
list=$("$root/bin/ihvhost" run --no-state --list "$root"/share/ihvhost/scenarios/*.scn) ||
	fail "installed ihvhost run --list"
[ "$(printf '%s\n' "$list" | wc -l)" = "$n_scn" ] || fail "--list printed $(printf '%s\n' "$list" | wc -l) lines"
ok "installed ihvhost loads the installed sample, lists the $n_scn installed scenarios"

# The installed runner, through the installed VM runner, on the installed
# demo, with the samples it finds next to itself.
cd "$tmp" || fail "cd $tmp"
IHV_RUN_STATE='' "$root/bin/ihvhost-hwsim-run" -- "$root/bin/ihvhost" run "$root/share/ihvhost/scenarios/demo.scn" \
	>"$tmp/run.log" 2>&1
rc=$?
if [ "$rc" = 77 ]; then
	echo "SKIP the installed ihvhost-hwsim-run -- ihvhost run (IHV_SKIP_LIVE=1)"
	exit 77
fi
[ "$rc" = 0 ] && grep -q '^ok 1 - demo' "$tmp/run.log" ||
	{ cat "$tmp/run.log"; fail "installed ihvhost-hwsim-run -- installed ihvhost run demo.scn: exit $rc"; }
grep -qx 'ihvhost-run-state 1' "$tmp/.ihvhost-failed" 2>/dev/null ||
	fail "the run wrote no state file .ihvhost-failed in its directory"
ok "installed ihvhost-hwsim-run -- ihvhost run demo.scn: $(grep -o '^ok 1 - demo.*' "$tmp/run.log") ($(grep -o 'hwsim-run: [a-z]*' "$tmp/run.log"))"
echo "check-install.sh: all checks passed"
