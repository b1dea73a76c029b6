#!/bin/sh
# The cleanup test proper, run where mac80211_hwsim exists (in the VM, by
# tests/cleanup/run.sh). For each signal (INT, TERM, KILL) and each point
#   ap-start   a hostapd process exists (the AP is starting)
#   assoc      the station reports "Connected to" (iw dev ... link)
#   mid-wait   3 s after that, inside the scenario's `sleep 30s`
# it starts `ihvhost run tests/cleanup/long.scn`, sends the signal to the
# runner's PID only (as kill(1) or a supervisor would; a terminal's Ctrl-C
# reaches only the runner too, the scenario processes have their own
# process groups), waits for the runner to exit and then up to 5 s for the
# kernel to finish, and checks that nothing is left:
#   - no wiphy besides those present before (/sys/class/ieee80211);
#   - no hostapd process and no process of the scenario's process group;
#   - no /tmp/ihvhost-run.* and no sim runtime dir (ihvsim-* in /run,
#     /tmp or $XDG_RUNTIME_DIR).
# Prints one line per case: SIGNAL POINT RESULT [what was left]; exit 1
# if any case left something or could not reach its point.
#   usage: tests/cleanup/in-vm.sh BUILD_DIR SRC_DIR
set -u
build=$1 src=$2
scn=$src/tests/cleanup/long.scn
signals=${CLEANUP_SIGNALS:-INT TERM KILL}
points=${CLEANUP_POINTS:-ap-start assoc mid-wait}
fail=0
stale=

phys() { ls /sys/class/ieee80211 2>/dev/null | sort | tr '\n' ' '; }
rundirs() {
	ls -d /tmp/ihvhost-run.* /run/ihvsim-* /tmp/ihvsim-* \
		${XDG_RUNTIME_DIR:+"$XDG_RUNTIME_DIR"/ihvsim-*} 2>/dev/null | tr '\n' ' '
}
# PIDs (one line each) of hostapd processes and of process group $1.
procs() {
	ps -eo pid=,pgid=,comm= | awk -v g="${1:-none}" \
		'$3 == "hostapd" || $2 == g { print $1 "(" $3 ")" }' | tr '\n' ' '
}
child_of() { ps -o pid= --ppid "$1" 2>/dev/null | head -1 | tr -d ' '; }
connected() {
	for i in $(nsenter -t "$1" -n iw dev 2>/dev/null | awk '/Interface/ { print $2 }'); do
		nsenter -t "$1" -n iw dev "$i" link 2>/dev/null | grep -q '^Connected to' && return 0
	done
	return 1
}
# Polls "$@" until it succeeds or $1 seconds passed (a deadline, not a
# count: under TCG one `ps` can take most of a second).
wait_for() {
	end=$(($(date +%s) + $1)); shift
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}
stale_left() {
	for x in $stale; do
		[ -e "$x" ] && return 0
	done
	return 1
}
has_hostapd() { [ -n "$(ps -eo comm= | grep -x hostapd)" ]; }

base_phys=$(phys)
[ -z "$(rundirs)$(procs)" ] || { echo "cleanup: not clean before the test: $(rundirs)$(procs)"; exit 1; }
printf '%-8s %-9s %s\n' signal point result
for sig in $signals; do
	for point in $points; do
		log=$(mktemp)
		t0=$(date +%s)
		"$build/ihvhost" run "$scn" >"$log" 2>&1 &
		runner=$!
		reached=yes
		child=
		wait_for 30 eval 'child=$(child_of $runner); [ -n "$child" ]' || reached=no
		# A runner killed by SIGKILL cannot remove its temp dir; the
		# next run (this one, now past its mkdtemp) must have.
		if stale_left; then
			echo "cleanup: $stale of the SIGKILLed runner not removed by the next run"
			fail=1
		fi
		stale=
		case $point in
		ap-start) wait_for 30 has_hostapd || reached=no ;;
		assoc) wait_for 60 connected "$child" || reached=no ;;
		mid-wait) { wait_for 60 connected "$child" && sleep 3; } || reached=no ;;
		esac
		# The runner must still be running for the case to mean anything.
		kill -0 "$runner" 2>/dev/null || reached=no
		kill -s "$sig" "$runner" 2>/dev/null
		wait "$runner" 2>/dev/null
		# The kernel tears down the scenario's netns, radios and
		# hostapd asynchronously: give it a moment.
		wait_for 5 eval '[ "$(phys)" = "$base_phys" ] && [ -z "$(procs $child)$(rundirs)" ]'
		left=
		[ "$(phys)" = "$base_phys" ] || left="$left wiphys: $(phys)"
		p=$(procs "$child"); [ -z "$p" ] || left="$left processes: $p"
		d=$(rundirs)
		if [ "$sig" = KILL ] && [ -n "$d" ] && [ -z "$(ls -d $d | grep -v '^/tmp/ihvhost-run\.')" ]; then
			# Only its own temp dir: checked by the next run.
			stale=$(echo $d)
			d=
		fi
		[ -z "$d" ] || left="$left files: $d"
		if [ "$reached" = no ]; then
			result="NOT-REACHED$left"
			fail=1
			sed 's/^/    | /' "$log" | tail -15
		elif [ -n "$left" ]; then
			result="LEFT:$left"
			fail=1
		elif [ -n "$stale" ]; then
			result="clean but its temp dir $stale (the next run must remove it)"
		else
			result=clean
		fi
		printf '%-8s %-9s %s  (%s s)\n' "SIG$sig" "$point" "$result" \
			"$(($(date +%s) - t0))"
		# Clear what this case left so the next one starts clean:
		# only processes of the scenario's own group, and our dirs.
		for pid in $(ps -eo pid=,pgid= | awk -v g="${child:-none}" '$2 == g { print $1 }'); do
			kill -9 "$pid" 2>/dev/null
		done
		[ -n "$stale" ] || rm -rf /tmp/ihvhost-run.* 2>/dev/null
		rm -rf /run/ihvsim-* /tmp/ihvsim-* 2>/dev/null
		wait_for 10 eval '[ "$(phys)" = "$base_phys" ]'
		rm -f "$log"
	done
done
if [ -n "$stale" ]; then
	# The last case was a SIGKILL: one more run must sweep its temp dir.
	"$build/ihvhost" run "$scn" >/dev/null 2>&1 &
	runner=$!
	wait_for 30 eval '[ -n "$(child_of $runner)" ]'
	kill -s INT "$runner"
	wait "$runner" 2>/dev/null
	if stale_left; then
		echo "cleanup: $stale of the SIGKILLed runner not removed by the next run"
		fail=1
	fi
fi
exit $fail
