#!/bin/sh
# Bytes the curses UI sends to the terminal at 80x24 (slow links): login, list moves, forms.
cd "$(dirname "$0")/.." || exit 1
home=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX") || exit 1
trap 'rm -rf "$home"' EXIT
bin/zongzhi --home "$home" init --demo --persons 50 >/dev/null || exit 1
python3 bench/ptybench.py bin/zongzhi "$home"
