#!/bin/sh
# R-AC-1 (6.4.3.6): a running access grant in the requester's to-do list (待办), with its last day.
# 罗塘街道 asks the county for 三水街道's ledgers and center records from 2026-03-02 to 03-11; before
# the decision and after a refusal nothing shows; once granted, the list says until when (提示), in
# the last security.access_warn_days days (3) it is a warning (预警, 即将到期) — at 80x24 in the UI,
# where Enter opens the request with its 批准, read-only (a decided request is not changed: e says
# “已审批的申请不能修改”; nor deleted: no d删除, d says why, in the form and in the list, before any
# question); another unit never sees it; after the last day it is gone, with the grant.
ZZ_CONSOLE_LIMITED=1
. "$(dirname "$0")/lib.sh"
TZ=Asia/Shanghai
export TZ
zz_setup
zz_demo 0
T2=u321204002.office
idof() { grep -o '[0-9][0-9]*' | tail -1; }

tui_at() {
	zz_tui_at "$1"
	zz_login "$2"
}

todo_at() { zz_at "$1" todo --as "$2" >"$ZZ_TMP/todo" || zz_fail "todo --as $2"; }
has() { grep -qF -- "$1" "$ZZ_TMP/todo" || { cat "$ZZ_TMP/todo"; zz_fail "to-do lacks: $1"; }; }
lacks() { ! grep -qF -- "$1" "$ZZ_TMP/todo" || { cat "$ZZ_TMP/todo"; zz_fail "to-do has: $1"; }; }

a=$(zz_at '2026-03-02 09:00:00' record add access_request to=321204 types=ledger,center scope=321204001 \
	reason=交流学习台账做法 start=2026-03-02 end=2026-03-11 --as "$T2" | idof) || zz_fail "request"
r=$(zz_at '2026-03-02 09:00:00' record add access_request to=321204 types=center scope=321204003 \
	reason=了解情况 start=2026-03-02 end=2026-03-11 --as "$T2" | idof) || zz_fail "second request"
todo_at '2026-03-02 09:30:00' "$T2"
lacks "信息查阅授权"
zz_at '2026-03-02 10:00:00' access grant "$a" --note 同意 --as county >/dev/null || zz_fail "grant"
zz_at '2026-03-02 10:00:00' access refuse "$r" --note 不予提供 --as county >/dev/null || zz_fail "refuse"

# Running, far from its end: a hint with the last day; the refused request nowhere.
todo_at '2026-03-05 09:00:00' "$T2"
has "信息查阅授权：三水街道的电子台账、综治中心机构，至 2026-03-11（还剩 6 天）"
grep "信息查阅授权" "$ZZ_TMP/todo" | grep -q "^提示" || { cat "$ZZ_TMP/todo"; zz_fail "not a hint"; }
lacks "梁徐街道"
todo_at '2026-03-05 09:00:00' u321204003.office
lacks "信息查阅授权"

# The last three days: a warning, first in the list, opened from the to-do screen.
todo_at '2026-03-09 09:00:00' "$T2"
has "信息查阅授权即将到期：三水街道的电子台账、综治中心机构，至 2026-03-11（还剩 2 天）"
grep "信息查阅授权" "$ZZ_TMP/todo" | grep -q "^预警" || { cat "$ZZ_TMP/todo"; zz_fail "not a warning"; }
tui_at '2026-03-09 09:00:00' "$T2"
zz_expect "> 待办事项"
zz_expect "信息查阅授权即将到期：三水街道的电子台账"
i=0
while ! zz_screen | grep -qE "^>.*信息查阅授权即将到期" && [ $i -lt 20 ]; do
	zz_keys Down
	i=$((i + 1))
	sleep 0.1
done
zz_screen | grep -qE "^>预警.*信息查阅授权即将到期" || { zz_screen >&2; zz_fail "the warning row"; }
zz_keys Enter
zz_expect "审批状态：已批准"
zz_expect "结束日期：2026-03-11"
# Decided, it stays as decided: the form opens read-only (no e修改), e says why.
zz_expect "（只读）"
zz_absent "e修改"
zz_keys e
zz_expect "已审批的申请不能修改"
zz_expect "审批状态：已批准"
zz_absent "d删除"
zz_keys d
zz_expect "已审批的信息查阅申请不能删除：审批结果要留档备查"
zz_absent "确定删除"
zz_expect "审批状态：已批准"
zz_keys Escape
zz_expect "> 待办事项"
# The list of the unit's requests: d on the refused one says why at once, asks nothing.
zz_open_list 信息查阅申请
zz_expect "共 2 条"
zz_keys End
zz_expect ">   2 姜堰区             综治中心机构     梁徐街道"
zz_keys d
zz_expect "已审批的信息查阅申请不能删除"
zz_absent "确定删除"
zz_tui_quit
zz_tui_clean

todo_at '2026-03-11 18:00:00' "$T2"
has "至 2026-03-11（今天到期）"
# After the last day: gone, as the grant itself.
todo_at '2026-03-12 08:00:00' "$T2"
lacks "信息查阅授权"
echo "OK ui_access_todo"
