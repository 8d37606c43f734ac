#!/bin/sh
# The whole suite (unit and end-to-end) at chosen moments, China time: a Monday morning, a Friday
# afternoon, a public holiday, a Sunday, and ten seconds before a month (and a year) ends. Each
# test's programs start at that moment with the clock running (tests/clock.sh). Give moments as
# arguments to run others.
cd "$(dirname "$0")/.." || exit 1
[ $# -gt 0 ] || set -- "2026-12-07 10:00:00" "2026-12-04 16:00:00" "2026-10-01 10:00:00" \
	"2026-12-06 15:00:00" "2026-12-31 23:59:50"
make --no-print-directory bin/zongzhi bin/zongzhi-san build/tests/crashwriter build/tests/dbtamper >/dev/null || exit 1
fail=0
for when in "$@"; do
	echo "=== suite at $when"
	if ZZ_SUITE_TIME=$when make --no-print-directory unit e2e; then
		echo "=== passed at $when"
	else
		echo "=== FAILED at $when"
		fail=1
	fi
done
exit $fail
