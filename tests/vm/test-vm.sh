#!/bin/bash
# Shell tests of tools/vm and tools/hwsim-run: each case boots a real VM
# (about 4 s each on an idle 2-core machine, far more under load), so the
# cases are packed into few boots. Usage: tests/vm/test-vm.sh [-k] where -k
# keeps going after a failure. Exit status: number of failed checks (max 1
# without -k).
set -u
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
vm=$src/tools/vm
hwsim_run=$src/tools/hwsim-run
keep_going=0
[ "${1:-}" = -k ] && keep_going=1

work=$(mktemp -d "${TMPDIR:-/tmp}/test-vm.XXXXXX") || exit 1
# The runs get their own TMPDIR so "nothing left behind" is checkable.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR" "$work/rw"
trap 'rm -rf "$work"' EXIT

failed=0
pass() { echo "ok   - $*"; }
fail() {
	echo "FAIL - $*"
	failed=$((failed + 1))
	[ "$keep_going" = 1 ] || exit "$failed"
}
check() { # check DESC CMD...: passes when CMD succeeds
	local d=$1
	shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}
no_leftovers() {
	[ -z "$(ls -A "$TMPDIR")" ]
}

# 1. Exit status through the port (small) and through the share (>125),
#    and death by signal.
for rc in 0 3 125 126 200 255; do
	"$vm" -- sh -c "exit $rc" >/dev/null 2>&1
	got=$?
	check "exit status $rc comes back (got $got)" [ "$got" = "$rc" ]
done
"$vm" -- sh -c 'kill -KILL $$' >/dev/null 2>&1
got=$?
check "death by SIGKILL comes back as 137 (got $got)" [ "$got" = 137 ]
"$vm" -- /nonexistent/command >/dev/null 2>&1
got=$?
check "a missing command gives 127 (got $got)" [ "$got" = 127 ]

# 2. Output: stdout and stderr apart, nothing lost when the VM exits right
#    after a burst, no \r added.
"$vm" -- sh -c 'seq 1 30000; echo to-stderr >&2; exit 4' >"$work/out" 2>"$work/err"
got=$?
check "burst run exit status 4 (got $got)" [ "$got" = 4 ]
check "30000 stdout lines, none lost" cmp -s "$work/out" <(seq 1 30000)
check "stderr has the command's line" grep -qx to-stderr "$work/err"
check "stderr has one vm: line" [ "$(grep -c '^vm: linux .* booted in [0-9.]* s$' "$work/err")" = 1 ]
check "no carriage returns" bash -c "! grep -q $'\r' '$work/out' '$work/err'"

# 3. Environment, cwd, shares, hwsim, /dev/fd in one boot.
cd "$src" || exit 1
IHV_T_QUOTE="it's \"quoted\"
two lines" CK_T_SET=yes NOT_PASSED=no IHV_VM_RW="$work/rw" "$vm" -- sh -c '
	echo "cwd=$(pwd)"
	printf "%s\n" "$IHV_T_QUOTE" >"$IHV_VM_RW/quote"
	echo "ck=${CK_T_SET:-unset} not=${NOT_PASSED:-unset} invm=${IHV_IN_VM:-unset}"
	[ -d /sys/module/mac80211_hwsim ] && echo hwsim=loaded
	[ -e /dev/fd/0 ] && echo devfd=yes
	echo x >/tmp/x && echo tmp=writable
	touch /etc/ihv-vm-test 2>/dev/null || echo root=readonly
	echo done >"$IHV_VM_RW/written"
' >"$work/out" 2>"$work/err"
got=$?
check "env/cwd run succeeded (got $got)" [ "$got" = 0 ]
check "cwd is the caller's" grep -qx "cwd=$src" "$work/out"
check "IHV_* passes, quotes and newline intact" \
	cmp -s "$work/rw/quote" <(printf '%s\n' "it's \"quoted\"" "two lines")
check "CK_* passes, others do not, IHV_IN_VM=1" grep -qx "ck=yes not=unset invm=1" "$work/out"
check "mac80211_hwsim is loaded" grep -qx hwsim=loaded "$work/out"
check "/dev/fd exists" grep -qx devfd=yes "$work/out"
check "/tmp is writable" grep -qx tmp=writable "$work/out"
check "the host root is read-only" grep -qx root=readonly "$work/out"
check "IHV_VM_RW is writable at the same path" grep -qx 'done' "$work/rw/written"
check "no leftovers after normal runs" no_leftovers

# 4. Timeout: host side (short budget) and in-guest watchdog (longer one).
start=$SECONDS
"$vm" --timeout 2 -- sleep 100 >/dev/null 2>"$work/err"
got=$?
check "timeout 2 s gives 124 (got $got)" [ "$got" = 124 ]
check "timeout message" grep -qx 'vm: timed out after 2 s' "$work/err"
check "timeout 2 s returns within 15 s ($((SECONDS - start)) s)" [ $((SECONDS - start)) -le 15 ]
check "no leftovers after a timeout" no_leftovers
"$vm" --timeout 60 -- sh -c 'echo started; sleep 200' >"$work/out" 2>"$work/err"
got=$?
check "a hung command under --timeout 60 gives 124 (got $got)" [ "$got" = 124 ]
check "its output before the hang arrived" grep -qx started "$work/out"
check "no leftovers after a watchdog timeout" no_leftovers

# 5. Ctrl-C (SIGINT to the process group) mid-run leaves nothing.
set -m
"$vm" -- sleep 100 >/dev/null 2>&1 &
pid=$!
sleep 6
qemus=$(ps -o pid= --ppid "$pid" | tr -d ' ')
kill -INT -- "-$pid"
wait "$pid"
got=$?
set +m
check "SIGINT kills the runner by SIGINT (got $got)" [ "$got" = 130 ]
sleep 1
alive=""
for q in $qemus; do [ -d "/proc/$q" ] && alive="$alive $q"; done
check "no child of the runner survives SIGINT (children were:$(echo $qemus))" [ -z "$alive" ]
check "no leftovers after SIGINT" no_leftovers

# 6. hwsim-run.
IHV_SKIP_LIVE=1 "$hwsim_run" -- false >"$work/out" 2>&1
got=$?
check "IHV_SKIP_LIVE=1 exits 77, skipped (got $got)" [ "$got" = 77 ]
check "IHV_SKIP_LIVE=1 says what it skipped" grep -qx 'hwsim-run: SKIPPED (IHV_SKIP_LIVE=1): false' "$work/out"
IHV_RUN=bogus "$hwsim_run" -- true >/dev/null 2>&1
got=$?
check "IHV_RUN=bogus is an error (got $got)" [ "$got" = 2 ]
if [ ! -d /sys/module/mac80211_hwsim ] && ! modprobe -n mac80211_hwsim >/dev/null 2>&1; then
	"$hwsim_run" --native -- true >/dev/null 2>&1
	got=$?
	check "--native without hwsim fails (got $got)" [ "$got" != 0 ]
	"$hwsim_run" -- sh -c 'exit 9' >/dev/null 2>"$work/err"
	got=$?
	check "auto falls back to the VM, exit status 9 (got $got)" [ "$got" = 9 ]
	check "auto prints its choice" grep -qx 'hwsim-run: vm (running kernel has no mac80211_hwsim)' "$work/err"
fi
check "no leftovers at the end" no_leftovers

echo "$failed failed"
exit "$failed"
