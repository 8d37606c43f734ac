#!/bin/sh
# make bench: run every benchmark script in bench/ (each prints its own figures).
cd "$(dirname "$0")/.." || exit 1
fail=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $(basename "$b")"
	sh "$b" || { echo "FAIL $(basename "$b")"; fail=1; }
done
exit $fail
