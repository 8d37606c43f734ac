#!/bin/sh
# make bench: run every bench/*.sh and print its figures.
cd "$(dirname "$0")/.." || exit 1
fail=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $(basename "$b")"
	sh "$b" || fail=1
done
exit $fail
