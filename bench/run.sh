#!/bin/sh
# make bench: run every bench/*.sh; each prints its own figures.
cd "$(dirname "$0")/.." || exit 1
fail=0
for b in bench/*.sh; do
	case "$b" in */run.sh | */lib.sh) continue ;; esac
	echo "== $(basename "$b" .sh)"
	sh "$b" || fail=1
done
exit $fail
