#!/bin/sh
# Run every cmocka unit test binary given; report each with its wall seconds (to see where the
# suite's time goes) and fail if any failed.
. "$(dirname "$0")/clock.sh"
zz_suite_clock
fail=0
for t in "$@"; do
	start=$(date +%s)
	if LD_PRELOAD=$ZZ_SUITE_PRELOAD ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 "$t" >"$t.log" 2>&1; then
		echo "ok   $(basename "$t") ($(($(date +%s) - start)) s)"
	else
		echo "FAIL $(basename "$t") ($(($(date +%s) - start)) s)"; cat "$t.log"; fail=1
	fi
done
exit $fail
