#!/bin/sh
# `make valgrind`, live half: the whole scenario suite with the runner,
# every scenario process and the extensions they load under memcheck
# (hostapd is not ours and too slow under it: not traced). Windows and
# handler bounds are stretched for valgrind's slowdown. Fails if any
# process reports an error or a definite leak.
#   usage: tests/valgrind/run-suite.sh BUILD_DIR SRC_DIR
set -u
build=$1
src=$2
logs=$build/valgrind-suite
rm -rf "$logs" && mkdir -p "$logs" || exit 1

rc=0
valgrind --trace-children=yes --trace-children-skip='*/hostapd' \
	--leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	--suppressions="$src/tests/valgrind/unit.supp" \
	--log-file="$logs/vg.%p.log" \
	"$build/ihvhost" run -j "${IHV_SUITE_JOBS:-4}" --timeout-scale 10 \
	--handler-timeout 50000 "$src"/scenarios/*.scn || rc=1

n=0 bad=0
for f in "$logs"/vg.*.log; do
	n=$((n + 1))
	if grep -q "ERROR SUMMARY: [1-9]" "$f"; then
		bad=$((bad + 1))
		echo "valgrind: errors in $f:"
		sed -n '/^==[0-9]*== [A-Z][a-z]/,/^==[0-9]*== $/p' "$f" | head -40
	fi
done
echo "valgrind: $n processes checked, $bad with errors or definite leaks (logs: $logs)"
[ "$bad" -eq 0 ] || rc=1
exit $rc
