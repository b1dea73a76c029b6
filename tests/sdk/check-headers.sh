#!/bin/sh
# check-headers.sh - compile every installed IHV SDK header ALONE, as C99
# with -pedantic and as C++11, warnings as errors. A header that needs
# another one first, leaks a non-portable construct or breaks in a C++
# translation unit fails here before an IHV's build does.
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
	if $cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only \
		-I"$inc" "$tmp/t.c" 2>"$tmp/err"; then
		echo "ok   C99   $name"
	else
		echo "FAIL C99   $name"; sed 's/^/     /' "$tmp/err"; fail=1
	fi
	if $cxx -std=c++11 -pedantic -Werror -Wall -Wextra -fsyntax-only \
		-I"$inc" "$tmp/t.cpp" 2>"$tmp/err"; then
		echo "ok   C++11 $name"
	else
		echo "FAIL C++11 $name"; sed 's/^/     /' "$tmp/err"; fail=1
	fi
	n=$((n + 1))
done

if [ "$fail" -ne 0 ]; then
	echo "check-headers.sh: FAILED ($n headers in $inc)" >&2
	exit 1
fi
echo "check-headers.sh: all $n headers compile alone as C99 and C++11"
