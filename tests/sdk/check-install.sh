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
#      .c of tools/ext-reference: reference.c and the core ext-*.c, plus
#      the project's EAP peer ihvhost/eap/*.c, which the samples link as
#      their own EAP method) and the misbehaving one
#      (tools/ext-misbehave/*.c and that core), linked
#      with `pkg-config --libs ihvsdk` (libihvwin32.a goes INTO the .so);
#      each exports the IHV entry points and no other symbol;
#   3. with only c++ and `pkg-config --cflags --libs ihvsdk`, the Win32
#      C++ sample tools/ext-cxx (windows.h, DllMain, CreateThread, L"...")
#      builds the same way; loaded and unloaded (python3 ctypes), its
#      DllMain sees DLL_PROCESS_ATTACH before GetVersionInfo (which fails
#      otherwise) and DLL_PROCESS_DETACH at dlclose;
#   4. tests/sdk/w32-wide.c, as C99 and as C++11, built and run: L"..."
#      is UTF-16 and the wide-string names reach the SDK's functions;
#   5. $(BUILD)/pkgconfig/ihvsdk-uninstalled.pc does 2-4 from the tree.
# Usage: tests/sdk/check-install.sh [BUILD_DIR]   (default: build)
# Prints one line per check; exits non-zero at the first failure and
# removes everything it created either way.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
# A SANITIZE=1 build installs a sanitized libihvwin32.a: what links it
# must be sanitized too (the Makefile passes the flags).
cc="${CC:-cc} ${IHV_SDK_SANITIZE:-}"
cxx="${CXX:-c++} ${IHV_SDK_SANITIZE:-}"
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
[ -f "$tmp/dest$prefix/lib/libihvwin32.a" ] || fail "libihvwin32.a not installed in $tmp/dest$prefix/lib"
echo "ok   $(ls "$inc" | wc -l) headers in $inc, ihvsdk.pc and libihvwin32.a in $(dirname "$(dirname "$pc")")"

cc_ext() { # label, cflags, output .so, then its sources; $ext_libs: libraries
	label=$1 cflags=$2 so=$3; shift 3
	# shellcheck disable=SC2086 # cflags and ext_libs are word lists by design
	$cc -shared -fPIC -std=c99 -pedantic -Wall -Wextra -Werror -Wl,-z,defs $cflags \
		"$@" -o "$so" $ext_libs -lpthread 2>"$tmp/cc.log" ||
		{ cat "$tmp/cc.log" >&2; fail "$label: cc -shared -fPIC $cflags $(basename "$so")"; }
	check_exports "$label" "$so"
	echo "ok   $label: cc -shared -fPIC $cflags $(basename "$so"): $# file(s), exports only Dot11ExtIhv*"
}

check_exports() { # label, .so
	for sym in Dot11ExtIhvGetVersionInfo Dot11ExtIhvInitService; do
		nm -D --defined-only "$2" | grep -q " T $sym\$" ||
			fail "$1: $(basename "$2") does not export $sym"
	done
	# Anything else exported could bind to a same-named symbol of the host
	# (the Win32 runtime inside must stay hidden).
	extra=$(nm -D --defined-only "$2" | awk '$3 !~ /^Dot11ExtIhv/ { printf " %s", $3 }')
	[ -z "$extra" ] || fail "$1: $(basename "$2") exports more than the entry points:$extra"
}

# The Win32 C++ sample, as its vendor builds it, then loaded and unloaded.
build_cxx() { # label, pkg-config environment...
	label=$1; shift
	flags=$(env "$@" pkg-config --cflags --libs ihvsdk) || fail "$label: pkg-config --cflags --libs ihvsdk"
	so="$tmp/libihv-cxx.so"
	# shellcheck disable=SC2086 # flags is a word list by design
	$cxx -shared -fPIC -Wall -Wextra -Werror -Wl,-z,defs "$root/tools/ext-cxx/ext-cxx.cpp" \
		-o "$so" $flags 2>"$tmp/cc.log" ||
		{ cat "$tmp/cc.log" >&2; fail "$label: c++ -shared -fPIC ext-cxx.cpp \$(pkg-config --cflags --libs ihvsdk)"; }
	check_exports "$label" "$so"
	echo "ok   $label: c++ -shared -fPIC ext-cxx.cpp $flags: exports only Dot11ExtIhv*"
	# A sanitized sample needs its runtime first in a plain python3.
	preload=""
	[ -n "${IHV_SDK_SANITIZE:-}" ] &&
		preload="$(${CC:-cc} -print-file-name=libasan.so):$(${CC:-cc} -print-file-name=libubsan.so)"
	LD_PRELOAD="$preload" ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" \
	python3 - "$so" >"$tmp/load.out" 2>"$tmp/load.err" <<'PY' || { cat "$tmp/load.out" "$tmp/load.err" >&2; fail "$label: loading ext-cxx"; }
import ctypes, _ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
info = (ctypes.c_uint32 * 2)(7, 7)
rc = lib.Dot11ExtIhvGetVersionInfo(info)
print("GetVersionInfo", rc, list(info))
_ctypes.dlclose(lib._handle)
sys.exit(0 if rc == 0 and list(info) == [0, 0] else 1)
PY
	grep -qx 'ext-cxx: DllMain(DLL_PROCESS_DETACH)' "$tmp/load.err" ||
		{ cat "$tmp/load.err" >&2; fail "$label: no DllMain(DLL_PROCESS_DETACH) at dlclose"; }
	echo "ok   $label: ext-cxx loaded: DllMain(ATTACH) before GetVersionInfo, DllMain(DETACH) at dlclose"
	# shellcheck disable=SC2086
	$cc -std=c99 -pedantic -Wall -Wextra -Werror "$root/tests/sdk/w32-wide.c" -o "$tmp/w32-wide-c" $flags \
		2>"$tmp/cc.log" || { cat "$tmp/cc.log" >&2; fail "$label: cc w32-wide.c"; }
	# shellcheck disable=SC2086
	$cxx -std=c++11 -pedantic -Wall -Wextra -Werror -x c++ "$root/tests/sdk/w32-wide.c" -o "$tmp/w32-wide-cxx" \
		$flags 2>"$tmp/cc.log" || { cat "$tmp/cc.log" >&2; fail "$label: c++ w32-wide.c"; }
	"$tmp/w32-wide-c" || fail "$label: w32-wide (C) failed"
	"$tmp/w32-wide-cxx" || fail "$label: w32-wide (C++) failed"
	echo "ok   $label: w32-wide.c as C99 and C++11: L\"...\" is UTF-16, wcslen/wcscmp/swprintf_s are the SDK's"
}

build_ext() { # label, pkg-config environment...
	label=$1; shift
	cflags=$(env "$@" pkg-config --cflags ihvsdk) || fail "$label: pkg-config --cflags ihvsdk"
	sdk_libs=$(env "$@" pkg-config --libs ihvsdk) || fail "$label: pkg-config --libs ihvsdk"
	ref="$root/tools/ext-reference"
	ext_libs=$sdk_libs
	cc_ext "$label" "$cflags" "$tmp/libmin-ext.so" "$root/tests/sdk/min-ext.c"
	# The samples' supplicant uses the system's libssl, libcrypto and
	# libxml2, as a vendor's extension would use any library it likes:
	# found through the system's pkg-config, not the SDK's.
	deps=$(pkg-config --cflags libssl libcrypto libxml-2.0) ||
		fail "$label: pkg-config --cflags libssl libcrypto libxml-2.0"
	ext_libs=$(pkg-config --libs libssl libcrypto libxml-2.0) ||
		fail "$label: pkg-config --libs libssl libcrypto libxml-2.0"
	ext_libs="$ext_libs $sdk_libs"
	eap="$root/ihvhost/eap"
	cc_ext "$label" "$cflags $deps -I$eap/include" "$tmp/libihv-reference.so" \
		"$ref"/*.c "$eap"/*.c
	cc_ext "$label" "$cflags $deps -I$eap/include" "$tmp/libihv-misbehave.so" \
		"$root"/tools/ext-misbehave/*.c "$ref"/ext-*.c "$eap"/*.c
}

build_ext "installed" PKG_CONFIG_PATH="$tmp/dest$prefix/lib/pkgconfig" \
	PKG_CONFIG_SYSROOT_DIR="$tmp/dest" PKG_CONFIG_LIBDIR=/nonexistent
build_cxx "installed" PKG_CONFIG_PATH="$tmp/dest$prefix/lib/pkgconfig" \
	PKG_CONFIG_SYSROOT_DIR="$tmp/dest" PKG_CONFIG_LIBDIR=/nonexistent
uninst="$root/$build/pkgconfig"
case "$build" in /*) uninst="$build/pkgconfig" ;; esac
[ -f "$uninst/ihvsdk-uninstalled.pc" ] || fail "$uninst/ihvsdk-uninstalled.pc missing (run make)"
build_ext "uninstalled" PKG_CONFIG_PATH="$uninst" PKG_CONFIG_LIBDIR=/nonexistent
build_cxx "uninstalled" PKG_CONFIG_PATH="$uninst" PKG_CONFIG_LIBDIR=/nonexistent
echo "check-install.sh: all checks passed"
