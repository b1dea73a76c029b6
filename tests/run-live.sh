#!/bin/sh
# Everything in `make check` that needs mac80211_hwsim, run as ONE command
# so tools/hwsim-run boots at most one VM for it: the live Check suites,
# then the whole shipped scenario suite.
#   usage: tests/run-live.sh BUILD_DIR SRC_DIR
set -u
build=$1
src=$2
jobs=${IHV_SUITE_JOBS:-4}
rc=0

echo "== live tests (Check; mac80211_hwsim + hostapd)"
"$build/tests/check-live" || rc=1

echo "== scenario suite (scenarios/*.scn, -j $jobs)"
mkdir -p "$build/suite"
"$build/ihvhost" run -j "$jobs" --trace "$build/suite/traces" \
	--junit "$build/suite/junit.xml" "$src"/scenarios/*.scn || rc=1
exit $rc
