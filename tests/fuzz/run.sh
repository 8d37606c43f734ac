#!/bin/sh
# Run each libFuzzer harness given for SECONDS on its corpus (tests/fuzz/corpus/NAME, read only;
# new inputs go to build/fuzz/corpus/NAME). A crash, leak or timeout leaves its input in
# build/fuzz/ and fails the run: make it a unit test in tests/unit/test_<file>.c, then fix it.
# FUZZ_SEED fixes the random choices, so that a run can be repeated (`make fuzz-smoke`, part of
# `make test`, uses 1); without it, as in `make fuzz`, each run explores anew.
secs=$1
shift
here=$(dirname "$0")
fail=0
for bin in "$@"; do
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=build/fuzz/corpus/$name
	mkdir -p "$work"
	log=build/fuzz/$name.log
	if ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$here/lsan.supp UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		"$bin" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="build/fuzz/crash-$name-" \
		"$work" "$here/corpus/$name" >"$log" 2>&1; then
		echo "ok   fuzz $name ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs)"
	else
		echo "FAIL fuzz $name"; tail -40 "$log"; fail=1
	fi
done
exit $fail
