#!/bin/sh
# The contract coverage table of README.md ("Contract coverage"), checked
# against the code and against what the shipped suite really did, so it
# cannot drift:
#  - it lists exactly the 19 handlers of DOT11EXT_IHV_HANDLERS and the 26
#    APIs of DOT11EXT_APIS and DOT11EXT_VIRTUAL_STATION_APIS, as the SDK
#    header declares them, each once;
#  - a row "live" names a shipped scenario whose trace (from the suite
#    `make check` just ran) has the call: a handler record, or an API
#    record that returned ERROR_SUCCESS;
#  - a row "unit only" or "not supported" is a call no scenario of the
#    suite made succeed (a handler no scenario called): one that did must
#    be marked live.
#   usage: tests/coverage/check-coverage.sh README.md WLANIHV_H TRACE_DIR
#          tests/coverage/check-coverage.sh --print WLANIHV_H TRACE_DIR
# --print shows what the traces say for every call (to write the table).
# Exit 0: the table holds; 1: it does not (each problem on one line).
set -u
print=0
if [ "${1:-}" = --print ]; then
	print=1
	shift
	readme=
else
	readme=${1:?usage: check-coverage.sh README.md WLANIHV_H TRACE_DIR}
	shift
fi
header=${1:?usage: check-coverage.sh README.md WLANIHV_H TRACE_DIR}
traces=${2:?usage: check-coverage.sh README.md WLANIHV_H TRACE_DIR}

if ! ls "$traces"/*.jsonl >/dev/null 2>&1; then
	echo "check-coverage: no traces in $traces (run the scenario suite first)"
	exit 1
fi

# The table's calls, from the header: "TYPE  Dot11ExtIhvName;" lines of
# the handler table, "TYPE  Dot11ExtName;" of the two API tables.
calls=$(sed -n 's/^[[:space:]]*DOT11EXT[A-Z_]*[[:space:]][[:space:]]*\(Dot11Ext[A-Za-z]*\);.*/\1/p' "$header")
n_handlers=$(printf '%s\n' $calls | grep -c '^Dot11ExtIhv')
n_apis=$(printf '%s\n' $calls | grep -vc '^Dot11ExtIhv')
if [ "$n_handlers" != 19 ] || [ "$n_apis" != 26 ]; then
	echo "check-coverage: $header declares $n_handlers handlers and $n_apis APIs, not 19 and 26"
	exit 1
fi

# The first trace (by file name) in which @1 succeeded; empty if none.
seen_in() {
	case $1 in
	Dot11ExtIhv*) grep -l "\"kind\":\"handler\",\"name\":\"$1\"" "$traces"/*.jsonl 2>/dev/null | head -1 ;;
	*) grep -l "\"kind\":\"api\",\"name\":\"$1\".*\"ret\":\"ERROR_SUCCESS\"" "$traces"/*.jsonl 2>/dev/null | head -1 ;;
	esac
}

if [ $print = 1 ]; then
	for c in $calls; do
		f=$(seen_in "$c")
		if [ -n "$f" ]; then
			echo "$c live $(basename "$f" .jsonl).scn"
		else
			echo "$c not-seen"
		fi
	done
	exit 0
fi

# The table: the lines between the markers, "| `Name` | kind | status | by |".
table=$(sed -n '/<!-- coverage:begin/,/<!-- coverage:end -->/p' "$readme" |
	sed -n 's/^| `\(Dot11Ext[A-Za-z]*\)` | \([A-Za-z]*\) | \([a-z ]*\) | \(.*\) |$/\1|\2|\3|\4/p')
if [ -z "$table" ]; then
	echo "check-coverage: $readme has no coverage table between <!-- coverage:begin --> and <!-- coverage:end -->"
	exit 1
fi
rc=0
for c in $calls; do
	n=$(printf '%s\n' "$table" | grep -c "^$c|")
	if [ "$n" != 1 ]; then
		echo "check-coverage: $c is in the table $n times (once expected)"
		rc=1
	fi
done
for c in $(printf '%s\n' "$table" | cut -d'|' -f1); do
	if ! printf '%s\n' $calls | grep -qx "$c"; then
		echo "check-coverage: the table lists $c, which $header does not declare"
		rc=1
	fi
done
live=0 unit=0 unsup=0
IFS='
'
for row in $table; do
	c=$(printf '%s' "$row" | cut -d'|' -f1)
	kind=$(printf '%s' "$row" | cut -d'|' -f2)
	status=$(printf '%s' "$row" | cut -d'|' -f3)
	by=$(printf '%s' "$row" | cut -d'|' -f4)
	case $c in Dot11ExtIhv*) want=handler ;; *) want=API ;; esac
	if [ "$kind" != "$want" ]; then
		echo "check-coverage: $c is a $want, the table says $kind"
		rc=1
	fi
	case $status in
	live)
		live=$((live + 1))
		scn=$(printf '%s' "$by" | sed -n 's/^`\([A-Za-z0-9_.-]*\)\.scn`.*/\1/p')
		if [ -z "$scn" ]; then
			echo "check-coverage: $c is live: its row must name a scenario first (\`NAME.scn\`), not '$by'"
			rc=1
		elif [ ! -f "$traces/$scn.jsonl" ]; then
			echo "check-coverage: $c is live in $scn.scn, but the suite left no trace of $scn"
			rc=1
		else
			case $c in
			Dot11ExtIhv*) pat="\"kind\":\"handler\",\"name\":\"$c\"" ;;
			*) pat="\"kind\":\"api\",\"name\":\"$c\".*\"ret\":\"ERROR_SUCCESS\"" ;;
			esac
			if ! grep -q "$pat" "$traces/$scn.jsonl"; then
				f=$(seen_in "$c")
				if [ -n "$f" ]; then
					where="it does in $(basename "$f" .jsonl).scn"
				else
					where="no scenario of the suite does"
				fi
				echo "check-coverage: $c is live in $scn.scn, but its trace does not show it ($where)"
				rc=1
			fi
		fi ;;
	"unit only"|"not supported")
		[ "$status" = "unit only" ] && unit=$((unit + 1)) || unsup=$((unsup + 1))
		f=$(seen_in "$c")
		if [ -n "$f" ]; then
			echo "check-coverage: $c is marked '$status', but $(basename "$f" .jsonl).scn shows it working live: mark it live"
			rc=1
		fi
		if [ -z "$by" ]; then
			echo "check-coverage: $c is '$status' without the reason"
			rc=1
		fi ;;
	*)
		echo "check-coverage: $c: status '$status' is not live, unit only or not supported"
		rc=1 ;;
	esac
done
if [ $rc = 0 ]; then
	echo "ok   coverage table: 19 handlers and 26 APIs; $live live (each shown in the named scenario's trace), $unit unit only, $unsup not supported (none seen working live)"
fi
exit $rc
