#!/bin/sh
# make bench: run every bench/*.sh and print its figures. Benchmarks are not tests: they report,
# they do not fail on a slow machine. Scratch files go to bench/out/ (ignored by git).
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
rc=0
for b in bench/*.sh; do
	[ -e "$b" ] || continue
	case "$b" in */run.sh) continue ;; esac
	echo "== $(basename "$b" .sh)"
	sh "$b" || { echo "   (failed: $b)"; rc=1; }
done
exit $rc
