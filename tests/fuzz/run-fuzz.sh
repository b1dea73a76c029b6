#!/bin/sh
# Runs each libFuzzer target for a bounded time and prints, per target,
# the executions and the crashes found.
#   usage: tests/fuzz/run-fuzz.sh FUZZ_BUILD_DIR SRC_DIR SECONDS TARGET...
# Each target starts from its committed seed corpus tests/fuzz/corpus-<t>/
# (read only) plus a working corpus in FUZZ_BUILD_DIR/work-<t>/ where new
# inputs go; crashing inputs land in FUZZ_BUILD_DIR/crash-<t>/ (add them
# to tests/fuzz/corpus-<t>/ as regression seeds once fixed). The full
# libFuzzer output is FUZZ_BUILD_DIR/<t>.log. Exit 1 if any target found
# a crash (libFuzzer stops a target at its first one), a leak, a timeout
# or an out-of-memory.
set -u
build=$1 src=$2 secs=$3
shift 3
rc=0
printf '%-10s %12s %8s  %s\n' target execs crashes "log / artifacts"
for t in "$@"; do
	bin=$build/fuzz/fuzz-$t
	work=$build/work-$t
	art=$build/crash-$t
	log=$build/$t.log
	rm -rf "$art"
	mkdir -p "$work" "$art"
	# -timeout: one input taking 10 s is a hang; -rss_limit_mb keeps a
	# runaway allocation from taking the (shared) machine down.
	"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=1024 -artifact_prefix="$art/" \
		"$work" "$src/tests/fuzz/corpus-$t" >"$log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	crashes=$(find "$art" -type f | wc -l)
	if [ -z "$execs" ]; then
		# No final stats: the target died outside libFuzzer's control.
		execs='?'
		[ "$crashes" -gt 0 ] || crashes=1
	fi
	printf '%-10s %12s %8s  %s\n' "$t" "$execs" "$crashes" "$log"
	if [ "$crashes" -gt 0 ] || [ $st -ne 0 ]; then
		rc=1
		find "$art" -type f | sed 's/^/           crash: /'
		grep -m1 -E 'ERROR: (Address|Undefined|Leak|libFuzzer)|runtime error|SUMMARY' "$log" |
			sed 's/^/           /'
	fi
done
exit $rc
