#!/bin/sh
# `make valgrind`: the hermetic unit tests (check-unit) under valgrind's
# memcheck, zero errors required.
#   usage: tests/valgrind/run-unit.sh BUILD_DIR SRC_DIR
#
# Check forks one child per test (CK_FORK is left at its default: the
# crash test needs its own process). valgrind follows fork() by itself, so
# every test body runs under memcheck in its child, and with
# --trace-children=yes the programs the tests exec (ihv-timeline, ihvhost)
# do too; only /bin/sh and other system binaries are skipped. Every process
# writes its own log (BUILD_DIR/valgrind/vg.<pid>.log) and the run fails
# if any log reports an error -- a child's errors would otherwise be
# invisible in the parent's exit status.
#
# Leaks: --errors-for-leak-kinds=definite makes a definite leak an error
# (still-reachable memory at a forked child's exit is expected: the child
# exits with the runner's state allocated). Suppressions, each explained:
# tests/valgrind/unit.supp.
set -u
build=$1 src=$2
out=$build/valgrind
rm -rf "$out"
mkdir -p "$out"
command -v valgrind >/dev/null 2>&1 || {
	echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 1; }
if nm "$build/tests/check-unit" 2>/dev/null | grep -q __asan_init; then
	echo "valgrind: $build/tests/check-unit is built with SANITIZE=1; valgrind needs a plain build (make clean; make tests)" >&2
	exit 1
fi
start=$(date +%s)
# Valgrind runs code 20-50 times slower: give Check's timeouts room.
CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10} \
valgrind --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite \
	--error-exitcode=1 --trace-children=yes \
	--trace-children-skip='/bin/*,/usr/bin/*,/usr/sbin/*,/sbin/*' \
	--suppressions="$src/tests/valgrind/unit.supp" \
	--log-file="$out/vg.%p.log" \
	"$build/tests/check-unit" >"$out/check-unit.out" 2>&1
rc=$?
end=$(date +%s)
nlogs=$(ls "$out"/vg.*.log | wc -l)
# A process with errors says "ERROR SUMMARY: N errors", N > 0; one killed
# by a test (SIGKILL: the hang tests) writes no summary, so any error
# report line counts too. Processes that only exec'd a skipped system
# binary leave a log without a summary and without reports.
bad=$(grep -lE 'ERROR SUMMARY: [1-9]|Invalid (read|write|free)|uninitialised|definitely lost in|Mismatched free|overlap' "$out"/vg.*.log)
nsum=$(grep -l 'ERROR SUMMARY: 0 errors' "$out"/vg.*.log | wc -l)
nsupp=$(grep -h 'ERROR SUMMARY' "$out"/vg.*.log | sed -n 's/.*suppressed: \([0-9]*\) from.*/\1/p' | awk '{ n += $1 } END { print n + 0 }')
grep -E '^[0-9]+%: Checks' "$out/check-unit.out"
echo "valgrind: $nlogs process logs ($nsum with a 0-error summary, $nsupp intended faults suppressed) in $((end - start)) s; check-unit exit $rc"
if [ -n "$bad" ]; then
	echo "valgrind: errors in:"
	for f in $bad; do
		echo "  $f"
		grep -m3 -E 'Invalid|uninitialised|definitely lost|Mismatched|overlap|ERROR SUMMARY: [1-9]' "$f" | sed 's/^/    /'
	done
	exit 1
fi
[ $rc -eq 0 ] || { echo "valgrind: check-unit failed, see $out/check-unit.out"; exit 1; }
echo "valgrind: 0 errors"
