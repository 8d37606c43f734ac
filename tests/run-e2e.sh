#!/bin/sh
# Run every end-to-end test script under tests/e2e; each starts what it needs and cleans up.
# Each line gives the script's wall seconds, to see where the suite's time goes.
cd "$(dirname "$0")/.." || exit 1
fail=0
for t in tests/e2e/*.sh; do
	[ -e "$t" ] || continue
	case "$t" in */lib.sh) continue ;; esac
	start=$(date +%s)
	if ZZ_LOG="tests/out/$(basename "$t" .sh).log" sh "$t" >"/tmp/zz-e2e-$$.log" 2>&1; then
		echo "ok   $(basename "$t") ($(($(date +%s) - start)) s)"
	else
		echo "FAIL $(basename "$t") ($(($(date +%s) - start)) s)"; cat "/tmp/zz-e2e-$$.log"; fail=1
	fi
	rm -f "/tmp/zz-e2e-$$.log"
done
exit $fail
