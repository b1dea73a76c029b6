#!/bin/sh
# The must-fail suite: scenarios the runner must report as FAILED, each
# with the reason its "# must-fail: TEXT" line gives. They guard the
# verdict itself: an extension that exits 0, an expectation that cannot
# hold. A runner that passed any of them would pass broken extensions.
#   usage: tests/must-fail/run.sh BUILD_DIR SRC_DIR
set -u
build=$1
src=$2
dir=$src/tests/must-fail
n=0 bad=0
out=$(mktemp "${TMPDIR:-/tmp}/ihv-must-fail.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT INT TERM

echo "== must-fail suite (tests/must-fail: the runner must say not ok, and why)"
for f in "$dir"/*.scn; do
	n=$((n + 1))
	name=$(basename "$f" .scn)
	want=$(sed -n 's/^# must-fail: //p' "$f")
	"$build/ihvhost" run --timeout-scale "${IHV_TIMEOUT_SCALE:-1}" "$f" >"$out" 2>&1
	rc=$?
	line=$(grep -E '^(not )?ok 1 ' "$out")
	case $line in
	"not ok 1 - $name"*"$want"*)
		if [ $rc -eq 8 ]; then
			echo "ok $n - $name fails as it must: ${line#*: }"
			continue
		fi
		echo "not ok $n - $name: reported not ok but ihvhost run exited $rc (want 8)";;
	"not ok"*)
		echo "not ok $n - $name: failed for another reason (want '$want'): $line";;
	*)
		echo "not ok $n - $name: NOT reported as failed (want '$want'): ${line:-no TAP line}";;
	esac
	sed 's/^/#   /' "$out"
	bad=$((bad + 1))
done
echo "must-fail: $((n - bad)) of $n reported as failed, with the right reason"
[ $bad -eq 0 ]
