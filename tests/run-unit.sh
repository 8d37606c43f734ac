#!/bin/sh
# Run every cmocka unit test binary given; report each and fail if any failed.
. "$(dirname "$0")/clock.sh"
zz_suite_clock
fail=0
for t in "$@"; do
	if LD_PRELOAD=$ZZ_SUITE_PRELOAD ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 "$t" >"$t.log" 2>&1; then
		echo "ok   $(basename "$t")"
	else
		echo "FAIL $(basename "$t")"; cat "$t.log"; fail=1
	fi
done
exit $fail
