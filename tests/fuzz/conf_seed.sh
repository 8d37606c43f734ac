#!/bin/sh
# Write the seed of fuzz_conf (corpus/conf/zongzhi.cfg): conf/zongzhi.cfg with its @include'd
# files inlined, one file as the harness reads. Run after a setting is added to conf/
# (test_conf's test_fuzz_seed fails until then: a seed short of a setting is refused at it, and
# the fuzzer never reaches the checks after it).
cd "$(dirname "$0")/../.." || exit 1
awk '/^@include "/ { f = $2; gsub(/"/, "", f); while ((getline l < ("conf/" f)) > 0) print l; close("conf/" f); next }
	{ print }' conf/zongzhi.cfg >tests/fuzz/corpus/conf/zongzhi.cfg
