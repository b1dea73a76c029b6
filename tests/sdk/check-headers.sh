#!/bin/sh
# check-headers.sh - compile every installed IHV SDK header ALONE, as C99
# with -pedantic and as C++11, warnings as errors, each with and without
# -fshort-wchar (the SDK's pkg-config Cflags add it; the host builds
# without). A header that needs another one first, leaks a non-portable
# construct or breaks in a C++ translation unit fails here before an IHV's
# build does. Then <windows.h> followed by the C and C++ standard headers
# must compile too: its macros (SAL, min/max, the wide-string names) must
# not break a standard header included after it.
#
# Usage: tests/sdk/check-headers.sh [INCLUDE_DIR]   (default: ihvhost/include
# next to this script). Env CC / CXX pick the compilers. Exit 0 only when
# every header passes in both languages; one line per header and language.
set -u

here=$(cd "$(dirname "$0")" && pwd)
inc=${1:-$here/../../ihvhost/include}
cc=${CC:-cc}
cxx=${CXX:-c++}

if [ ! -d "$inc" ]; then
	echo "check-headers.sh: $inc: no such include directory" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ihvsdk-hdr.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

fail=0
n=0
for h in "$inc"/*.h; do
	[ -e "$h" ] || { echo "check-headers.sh: no headers in $inc" >&2; exit 2; }
	name=$(basename "$h")
	# The include must be the first line: the header has to stand alone.
	printf '#include <%s>\nint ihvsdk_check_headers_unit;\n' "$name" >"$tmp/t.c"
	cp "$tmp/t.c" "$tmp/t.cpp"
	for w in "" -fshort-wchar; do
		if $cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only $w \
			-I"$inc" "$tmp/t.c" 2>"$tmp/err"; then
			echo "ok   C99   $name $w"
		else
			echo "FAIL C99   $name $w"; sed 's/^/     /' "$tmp/err"; fail=1
		fi
		if $cxx -std=c++11 -pedantic -Werror -Wall -Wextra -fsyntax-only $w \
			-I"$inc" "$tmp/t.cpp" 2>"$tmp/err"; then
			echo "ok   C++11 $name $w"
		else
			echo "FAIL C++11 $name $w"; sed 's/^/     /' "$tmp/err"; fail=1
		fi
	done
	n=$((n + 1))
done

# <windows.h> first, then what an extension's other files include.
printf '#include <windows.h>\n#include <strsafe.h>\n#include <wlanihv.h>\n' >"$tmp/w.c"
for h in assert.h ctype.h errno.h inttypes.h limits.h math.h pthread.h signal.h \
	stdarg.h stdbool.h stdio.h stdlib.h string.h time.h unistd.h wchar.h wctype.h; do
	printf '#include <%s>\n' "$h" >>"$tmp/w.c"
done
printf 'int ihvsdk_check_headers_unit;\n' >>"$tmp/w.c"
cp "$tmp/w.c" "$tmp/w.cpp"
for h in algorithm atomic chrono condition_variable cstring cwchar fstream functional \
	iomanip iostream locale map memory mutex regex sstream string thread vector; do
	printf '#include <%s>\n' "$h" >>"$tmp/w.cpp"
done
if $cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only -fshort-wchar \
	-I"$inc" "$tmp/w.c" 2>"$tmp/err"; then
	echo "ok   C99   windows.h, then the C standard headers"
else
	echo "FAIL C99   windows.h, then the C standard headers"; sed 's/^/     /' "$tmp/err"; fail=1
fi
if $cxx -std=c++17 -pedantic -Werror -Wall -Wextra -fsyntax-only -fshort-wchar \
	-I"$inc" "$tmp/w.cpp" 2>"$tmp/err"; then
	echo "ok   C++17 windows.h, then the C and C++ standard headers"
else
	echo "FAIL C++17 windows.h, then the C and C++ standard headers"; sed 's/^/     /' "$tmp/err"; fail=1
fi

if [ "$fail" -ne 0 ]; then
	echo "check-headers.sh: FAILED ($n headers in $inc)" >&2
	exit 1
fi
echo "check-headers.sh: all $n headers compile alone as C99 and C++11, with and without -fshort-wchar"
