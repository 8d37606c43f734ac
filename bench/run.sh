#!/bin/sh
# make bench: run every bench/*.sh (each prints its figures); fail if one fails.
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
fail=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "=== $(basename "$b")"
	if ! sh "$b"; then
		echo "FAIL $(basename "$b")"
		fail=1
	fi
done
exit $fail
