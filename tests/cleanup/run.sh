#!/bin/sh
# `make cleanup-test`: nothing is left behind when a run is killed.
#   usage: tests/cleanup/run.sh BUILD_DIR SRC_DIR
#  1. `ihvhost run` killed by SIGINT, SIGTERM and SIGKILL at three points
#     (tests/cleanup/in-vm.sh, run where mac80211_hwsim is: natively or in
#     ONE VM boot, as tools/hwsim-run decides);
#  2. tools/vm itself killed from the host by SIGINT (during the guest's
#     boot and while the command runs), SIGTERM and SIGKILL (while the
#     command runs): its qemu must be gone and its temp dir
#     ${TMPDIR:-/tmp}/ihvhost-vm.<pid>.* removed (after SIGKILL, by the
#     next tools/vm run, which sweeps dead runs' dirs). Skipped, and said so,
#     when the live part does not use the VM (IHV_RUN=native).
# Prints a table (signal, point, result) per part; exit 1 if anything was
# left behind.
set -u
build=$1 src=$2
rc=0

# CLEANUP_ONLY=run or =vm runs one part (to iterate on it).
if [ "${CLEANUP_ONLY:-run}" = run ]; then
	echo "== cleanup: ihvhost run killed (in-vm.sh)"
	"$src/tools/hwsim-run" -- "$src/tests/cleanup/in-vm.sh" "$build" "$src" || rc=1
fi
[ "${CLEANUP_ONLY:-vm}" = vm ] || exit $rc

if [ "${IHV_RUN:-}" = native ]; then
	echo "== cleanup: tools/vm killed: skipped (IHV_RUN=native, no VM used)"
	exit $rc
fi

echo "== cleanup: tools/vm killed from the host"
descendants() {
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		echo "$c"
		descendants "$c"
	done
}
qemu_of() {
	for p in $(descendants "$1"); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = qemu-system-x86 ] && echo "$p"
	done
}
printf '%-8s %-9s %s\n' signal point result
for case in INT:boot INT:cmd TERM:cmd KILL:cmd; do
	sig=${case%%:*} point=${case#*:}
	out=$(mktemp)
	# A non-interactive shell starts background jobs with SIGINT ignored
	# (and bash cannot trap a signal ignored at entry): restore it, as a
	# terminal's shell would.
	env --default-signal=INT,TERM "$src/tools/vm" --timeout 300 -- \
		sh -c 'echo cleanup-ready; sleep 200' >"$out" 2>&1 &
	vm=$!
	qemu= n=0
	# boot: as soon as qemu runs; cmd: once the guest's command printed.
	while [ $n -lt 1800 ]; do
		[ -n "$qemu" ] || qemu=$(qemu_of "$vm" | head -1)
		if [ -n "$qemu" ]; then
			[ "$point" = boot ] && break
			grep -q cleanup-ready "$out" && break
		fi
		kill -0 "$vm" 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	reached=yes
	{ [ -n "$qemu" ] && kill -0 "$vm" 2>/dev/null; } || reached=no
	[ "$point" = cmd ] && ! grep -q cleanup-ready "$out" && reached=no
	kill -s "$sig" "$vm" 2>/dev/null
	wait "$vm" 2>/dev/null
	n=0
	while [ -n "$qemu" ] && kill -0 "$qemu" 2>/dev/null && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	left=
	[ -n "$qemu" ] && kill -0 "$qemu" 2>/dev/null && left="$left qemu pid $qemu"
	# A SIGKILLed tools/vm cannot clean up: qemu dies by its parent-death
	# signal, and the next tools/vm run sweeps the dead run's temp dir.
	[ "$sig" = KILL ] && "$src/tools/vm" --timeout 120 -- true >/dev/null 2>&1
	d=$(ls -d "${TMPDIR:-/tmp}"/ihvhost-vm."$vm".* 2>/dev/null | tr '\n' ' ')
	[ -z "$d" ] || left="$left files: $d"
	if [ $reached = no ]; then
		result="NOT-REACHED$left"
		sed 's/^/    | /' "$out" | tail -10
		rc=1
	elif [ -n "$left" ]; then
		result="LEFT:$left"
		rc=1
	else
		result=clean
	fi
	printf '%-8s %-9s %s\n' "SIG$sig" "vm-$point" "$result"
	# Only what this case started: its own qemu, its own temp dir.
	[ -n "$qemu" ] && kill -9 "$qemu" 2>/dev/null
	[ -z "$d" ] || rm -rf $d
	rm -f "$out"
done
exit $rc
