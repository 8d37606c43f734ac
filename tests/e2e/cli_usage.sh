#!/bin/sh
# The list of commands (`zongzhi --help`, or no command): the explanations start in one column by
# display width, also after usages holding "…" (three bytes, one column) or Chinese (two columns
# each); and no command at all is a usage error with the same list on stderr.
. "$(dirname "$0")/lib.sh"
zz_setup
zz --help >"$ZZ_TMP/help" 2>&1 || zz_fail "--help exits 0"
grep -q "record add TYPE \[--unit CODE\] FIELD=VALUE…" "$ZZ_TMP/help" || zz_fail "record add listed"
grep -q "record update TYPE" "$ZZ_TMP/help" || zz_fail "record update listed"
# The column each explanation starts at, for every usage short enough to leave a gap of two or
# more spaces; all the same.
cols=$(LC_ALL=C.UTF-8 python3 - "$ZZ_TMP/help" <<'PY'
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(  \S.*?\S  +)(\S.*)$", line.rstrip("\n"))
    if m:
        cols.setdefault(width(m.group(1)), []).append(line.split("  ")[1].strip())
for c, us in sorted(cols.items()):
    print(c, len(us), us[0])
PY
)
[ "$(printf '%s\n' "$cols" | wc -l)" = 1 ] || zz_fail "explanations in more than one column:
$cols"
[ -n "$cols" ] || zz_fail "no explanation column found"
# No command: the same list on stderr, exit 2 (usage).
zz_status "no command" 2 zz
zz 2>&1 | grep -q "record update TYPE ID|KEY" || zz_fail "no command: the list on stderr"
# An option the command does not take: said, and the command's usage shown; --as on a command the
# console runs (backup) says to leave it out, not only that it is unknown.
zz_status "--as on backup" 2 zz backup "$ZZ_TMP/bk" --as admin
grep -qF "backup 不用 --as 账号" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "--as on backup: not said to leave it out"; }
grep -qF "用法: zongzhi [-c FILE] [--home DIR] backup DIR" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "--as on backup: no usage"; }
[ ! -e "$ZZ_TMP/bk" ] || zz_fail "--as on backup: a backup was made"
zz_status "an unknown option" 2 zz report list --bogus
grep -qF "未知选项 --bogus" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "unknown option not named"; }
grep -qF "report list [--month YYYY-MM]" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "unknown option: no usage"; }
# A command's --help (or -h): its usage and what it does on stdout, exit 0, not an unknown option.
zz serve --help >"$ZZ_TMP/out" 2>"$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "serve --help: not exit 0"; }
grep -qF "用法: zongzhi [-c FILE] [--home DIR] serve [--listen ADDR:PORT]" "$ZZ_TMP/out" || { cat "$ZZ_TMP/out"; zz_fail "serve --help: no usage"; }
[ -s "$ZZ_TMP/err" ] && { cat "$ZZ_TMP/err"; zz_fail "serve --help: said something on stderr"; }
zz backup -h >"$ZZ_TMP/out" 2>&1 || zz_fail "backup -h: not exit 0"
grep -qF "backup DIR" "$ZZ_TMP/out" || { cat "$ZZ_TMP/out"; zz_fail "backup -h: no usage"; }
# A command name with subcommands: --help lists them (and only them); without a subcommand the
# same list on stderr, exit 2.
zz record --help >"$ZZ_TMP/out" 2>&1 || zz_fail "record --help: not exit 0"
grep -qF "record update TYPE" "$ZZ_TMP/out" || { cat "$ZZ_TMP/out"; zz_fail "record --help: record update not listed"; }
grep -qF "init [--demo" "$ZZ_TMP/out" && zz_fail "record --help: other commands listed"
zz_status "record alone" 2 zz record
grep -qF "record 的子命令不对" "$ZZ_TMP/err" && grep -qF "record get TYPE" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "record alone: no list of its subcommands"; }
# Only the first word after the command asks for help: a later -h is an argument (a file named -h
# given to import is imported), and -- before a first word -h makes it one too (backup -- -h).
zz record get -h >"$ZZ_TMP/out" 2>&1 || zz_fail "record get -h: not exit 0"
grep -qF "record get TYPE ID|KEY" "$ZZ_TMP/out" || { cat "$ZZ_TMP/out"; zz_fail "record get -h: no usage"; }
zz init --demo --persons 0 >/dev/null 2>&1 || zz_fail "init --demo"
mkdir "$ZZ_TMP/files"
python3 "$ZZ_ROOT/bench/gen_household.py" 3 "$ZZ_ROOT" >"$ZZ_TMP/files/-h" || zz_fail "generator"
(cd "$ZZ_TMP/files" && zz import household -h --as county) >"$ZZ_TMP/out" 2>&1 ||
	{ cat "$ZZ_TMP/out"; zz_fail "import household -h: the file -h not imported"; }
grep -qF "用法" "$ZZ_TMP/out" && { cat "$ZZ_TMP/out"; zz_fail "import household -h: read as help"; }
grep -qF "拒收 0" "$ZZ_TMP/out" || { cat "$ZZ_TMP/out"; zz_fail "import household -h: no summary"; }
mkdir "$ZZ_TMP/bk"
(cd "$ZZ_TMP/bk" && zz backup -- -h) >"$ZZ_TMP/out" 2>&1 || { cat "$ZZ_TMP/out"; zz_fail "backup -- -h"; }
[ -d "$ZZ_TMP/bk/-h" ] || zz_fail "backup -- -h: no backup in the folder -h"
# Arguments are bounded: one past 64 KB is a usage error (exit 2) named without being echoed, and a
# refusal naming a long argument is one line of at most 1 KB (it echoed the whole argument).
big=$(head -c 70000 /dev/zero | tr '\0' 9)
zz_status "a 70 KB argument" 2 zz unit list "$big"
grep -qF "参数太长" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "a 70 KB argument: not named too long"; }
[ "$(wc -c <"$ZZ_TMP/err")" -le 1200 ] || zz_fail "a 70 KB argument: $(wc -c <"$ZZ_TMP/err") bytes on stderr"
zz_status "a 60 KB unit code" 1 zz unit list "$(head -c 60000 /dev/zero | tr '\0' 9)"
[ "$(wc -c <"$ZZ_TMP/err")" -le 1100 ] || zz_fail "a 60 KB unit code: $(wc -c <"$ZZ_TMP/err") bytes on stderr"
grep -qF "…" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "a cut refusal does not say it is cut"; }
[ -s "$ZZ_TMP/out" ] && { cat "$ZZ_TMP/out"; zz_fail "unit list of an unknown unit: a header before the refusal"; }
# init in a folder that is not there names the missing parent (it said only "No such file or
# directory", as in a fresh source tree without var/).
ZONGZHI_HOME=$ZZ_TMP/nosuch/db zz_status "init without the parent" 1 zz init
grep -qF "上级目录 $ZZ_TMP/nosuch 不存在" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "init: the missing parent not named"; }
echo "cli_usage: ok"
