#!/bin/sh
# The event -> StopPostAssociate figure of tools/bench on hand-made traces:
# each Stop is measured from its own record (t_ns - dur_ns - event_t_ns),
# never paired with an event of another record or another file.
#   usage: tests/bench/test-latency.sh SRC_DIR
# Run by `make bench` before anything else.
set -eu

src=${1:?usage: test-latency.sh SRC_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bench/suite" "$tmp/bench/soak"

# A peer deauth: the event at 1.000 s, the call 0.5 ms later (the record
# is written after a 0.2 ms handler). A local disconnect in the same
# file, its call 2 ms after its event. Figures per status, reason left
# out.
cat > "$tmp/bench/suite/a.jsonl" <<'EOF'
{"t_ns":1000100000,"kind":"event","type":"disconnected","wiphy":1,"ifindex":3,"cause":"peer-deauth","reason":3,"t_first_ns":999000000,"t_last_ns":1000000000}
{"t_ns":1000700000,"kind":"handler","name":"Dot11ExtIhvStopPostAssociate","adapter":"sta1","wiphy":1,"ifindex":3,"handle":"0x1","peer":"02:00:00:00:00:00","status":"PEER_DEAUTHENTICATED|3","ret":"ERROR_SUCCESS","dur_ns":200000,"event_t_ns":1000000000}
{"t_ns":3002100000,"kind":"handler","name":"Dot11ExtIhvStopPostAssociate","adapter":"sta1","wiphy":1,"ifindex":3,"handle":"0x2","status":"DISASSOCIATED_BY_OS","ret":"ERROR_SUCCESS","event_t_ns":3000000000,"dur_ns":100000}
EOF
# The trap the old pairing fell into: this file ends with a disconnect
# event whose Stop never came (the scenario ended) ...
cat > "$tmp/bench/suite/b.jsonl" <<'EOF'
{"t_ns":5000000000,"kind":"event","type":"disconnected","wiphy":1,"ifindex":3,"cause":"local-request","reason":3,"t_first_ns":5000000000,"t_last_ns":5000000000}
EOF
# ... and the next trace, 6 s later on the same ifindex, starts with a
# Stop no event caused (an unload): it has no event_t_ns and no latency.
cat > "$tmp/bench/soak/c.jsonl" <<'EOF'
{"t_ns":11000000000,"kind":"handler","name":"Dot11ExtIhvStopPostAssociate","adapter":"sta1","wiphy":1,"ifindex":3,"handle":"0x3","status":"DISASSOCIATED_BY_OS","ret":"ERROR_SUCCESS","dur_ns":100000}
{"t_ns":11000000001,"kind":"handler","name":"Dot11ExtIhvPerformPostAssociate","adapter":"sta1","wiphy":1,"ifindex":3,"ret":"ERROR_SUCCESS","dur_ns":100000,"event_t_ns":1}
EOF

"$src/tools/bench" --latency "$tmp"/bench/suite/*.jsonl "$tmp"/bench/soak/*.jsonl |
	sed "s|$tmp/||" > "$tmp/got"
cat > "$tmp/want" <<'EOF'
  DISASSOCIATED_BY_OS        p50    2.000 ms, p99    2.000 ms, max    2.000 ms,    1 Stops
  PEER_DEAUTHENTICATED       p50    0.500 ms, p99    0.500 ms, max    0.500 ms,    1 Stops
  1 Stops without event_t_ns (no nl80211 event caused them)
  all                        p50    2.000 ms, p99    2.000 ms, max    2.000 ms,    2 Stops
  slowest: bench/suite/a.jsonl:3
latency_p99_ms 2.000
latency_p99_status DISASSOCIATED_BY_OS
EOF
if ! diff -u "$tmp/want" "$tmp/got"; then
	echo "test-latency: FAILED: tools/bench's latency figures (diff above)" >&2
	exit 1
fi
# The first Stop alone: 0.7 ms after its event minus its 0.2 ms call.
head -2 "$tmp/bench/suite/a.jsonl" > "$tmp/one.jsonl"
"$src/tools/bench" --latency "$tmp/one.jsonl" | grep '^  all' > "$tmp/one"
echo "  all                        p50    0.500 ms, p99    0.500 ms, max    0.500 ms,    1 Stops" |
	cmp -s - "$tmp/one" || {
	echo "test-latency: FAILED on one Stop:" >&2
	cat "$tmp/one" >&2
	exit 1
}
# A trace without any event_t_ns gives no figure (the target is MISSED).
"$src/tools/bench" --latency "$tmp/bench/soak/c.jsonl" > "$tmp/none"
if grep -q '^latency_p99_ms' "$tmp/none" || ! grep -q 'no Stop record carries event_t_ns' "$tmp/none"; then
	echo "test-latency: FAILED: a figure from traces without event_t_ns" >&2
	cat "$tmp/none" >&2
	exit 1
fi
echo "test-latency: the event -> Stop latency parser passes (3 cases)"
