#!/bin/sh
# check-install.sh - `make install` honours DESTDIR, and the INSTALLED SDK
# (headers + ihvsdk.pc) is all an IHV needs to build an extension:
#   1. make install DESTDIR=$tmp/dest PREFIX=$prefix, where $prefix is a
#      path that does not exist: afterwards it must still not exist (nothing
#      installed outside DESTDIR) and the headers and .pc must be under
#      $tmp/dest$prefix;
#   2. with PKG_CONFIG_PATH pointing into DESTDIR (and the sysroot set to
#      it), cc -shared -fPIC $(pkg-config --cflags ihvsdk) builds, warnings
#      as errors and with no undefined symbol left (-z defs: nothing comes
#      from the host), tests/sdk/min-ext.c, the reference extension (every
#      .c of tools/ext-reference: reference.c and the core ext-*.c) and the
#      misbehaving one (tools/ext-misbehave/*.c and that core); each
#      exports the IHV entry points and no other symbol;
#   3. $(BUILD)/pkgconfig/ihvsdk-uninstalled.pc does the same from the tree.
# Usage: tests/sdk/check-install.sh [BUILD_DIR]   (default: build)
# Prints one line per check; exits non-zero at the first failure and
# removes everything it created either way.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
cc=${CC:-cc}
make=${MAKE:-make}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ihvsdk-install.XXXXXX") || exit 2
prefix="/ihvsdk-no-such-prefix-$$/usr"
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() { echo "FAIL $*" >&2; exit 1; }

if [ -e "/ihvsdk-no-such-prefix-$$" ]; then
	fail "/ihvsdk-no-such-prefix-$$ exists already; cannot prove DESTDIR is honoured"
fi
$make -C "$root" --no-print-directory BUILD="$build" install \
	DESTDIR="$tmp/dest" PREFIX="$prefix" >"$tmp/make.log" 2>&1 ||
	{ cat "$tmp/make.log" >&2; fail "make install DESTDIR=$tmp/dest PREFIX=$prefix"; }
[ -e "/ihvsdk-no-such-prefix-$$" ] &&
	{ rm -rf "/ihvsdk-no-such-prefix-$$"; fail "make install wrote outside DESTDIR (into $prefix)"; }
echo "ok   make install DESTDIR=... PREFIX=$prefix wrote nothing outside DESTDIR"

inc="$tmp/dest$prefix/include/ihvsdk"
pc="$tmp/dest$prefix/lib/pkgconfig/ihvsdk.pc"
for h in "$root"/ihvhost/include/*.h; do
	cmp -s "$h" "$inc/$(basename "$h")" || fail "header $(basename "$h") not installed in $inc"
done
[ -f "$pc" ] || fail "$pc not installed"
echo "ok   $(ls "$inc" | wc -l) headers in $inc, ihvsdk.pc in $(dirname "$pc")"

cc_ext() { # label, cflags, output .so, then its sources; $ext_libs: libraries
	label=$1 cflags=$2 so=$3; shift 3
	# shellcheck disable=SC2086 # cflags and ext_libs are word lists by design
	$cc -shared -fPIC -std=c99 -pedantic -Wall -Wextra -Werror -Wl,-z,defs $cflags \
		"$@" -o "$so" $ext_libs -lpthread 2>"$tmp/cc.log" ||
		{ cat "$tmp/cc.log" >&2; fail "$label: cc -shared -fPIC $cflags $(basename "$so")"; }
	for sym in Dot11ExtIhvGetVersionInfo Dot11ExtIhvInitService; do
		nm -D --defined-only "$so" | grep -q " T $sym\$" ||
			fail "$label: $(basename "$so") does not export $sym"
	done
	# Anything else exported could bind to a same-named symbol of the host.
	extra=$(nm -D --defined-only "$so" | awk '$3 !~ /^Dot11ExtIhv/ { printf " %s", $3 }')
	[ -z "$extra" ] || fail "$label: $(basename "$so") exports more than the entry points:$extra"
	echo "ok   $label: cc -shared -fPIC $cflags $(basename "$so"): $# file(s), exports only Dot11ExtIhv*"
}

build_ext() { # label, pkg-config environment...
	label=$1; shift
	cflags=$(env "$@" pkg-config --cflags ihvsdk) || fail "$label: pkg-config --cflags ihvsdk"
	ref="$root/tools/ext-reference"
	ext_libs=""
	cc_ext "$label" "$cflags" "$tmp/libmin-ext.so" "$root/tests/sdk/min-ext.c"
	# The samples' supplicant uses the system's libssl, libcrypto and
	# libxml2, as a vendor's extension would use any library it likes:
	# found through the system's pkg-config, not the SDK's.
	deps=$(pkg-config --cflags libssl libcrypto libxml-2.0) ||
		fail "$label: pkg-config --cflags libssl libcrypto libxml-2.0"
	ext_libs=$(pkg-config --libs libssl libcrypto libxml-2.0) ||
		fail "$label: pkg-config --libs libssl libcrypto libxml-2.0"
	cc_ext "$label" "$cflags $deps" "$tmp/libihv-reference.so" "$ref"/*.c
	cc_ext "$label" "$cflags $deps" "$tmp/libihv-misbehave.so" \
		"$root"/tools/ext-misbehave/*.c "$ref"/ext-*.c
}

build_ext "installed" PKG_CONFIG_PATH="$tmp/dest$prefix/lib/pkgconfig" \
	PKG_CONFIG_SYSROOT_DIR="$tmp/dest" PKG_CONFIG_LIBDIR=/nonexistent
uninst="$root/$build/pkgconfig"
case "$build" in /*) uninst="$build/pkgconfig" ;; esac
[ -f "$uninst/ihvsdk-uninstalled.pc" ] || fail "$uninst/ihvsdk-uninstalled.pc missing (run make)"
build_ext "uninstalled" PKG_CONFIG_PATH="$uninst" PKG_CONFIG_LIBDIR=/nonexistent
echo "check-install.sh: all checks passed"
