#!/bin/sh
# No lost update (issue 12, part 2): two accounts open the same 户籍人口 record over SSH, each in
# its own 80x24 window, and both edit it. The first save goes through; the second is refused with
# "此记录已被 X 于 HH:MM 修改", keeps what was typed on screen, shows the stored value beside the
# field the other changed; Ctrl-R merges and F2 saves both changes. The audit log shows no value
# undone or emptied.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
idnum=$(python3 -c '
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
b="32120419800101011"
print(b+"10X98765432"[sum(int(c)*k for c,k in zip(b,w))%11])')
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record add household idnum="$idnum" name=冲突测试 ethnicity=汉族 \
	live_address=桥头社区1组 hukou_status=人户同在 head_relation=本人 housing_kind=自有住房 \
	--unit 321204001001001 --as village >/dev/null || zz_fail "record add"
zz_serve_start
ZZ_WAIT_TENTHS=300

# In window W as ACCOUNT: open the record for editing and move to the field labelled LABEL.
open_edit() {
	ZZ_W=$1
	zz_ssh_window "$1" "$2"
	zz_wait_main_menu "$1" "$2"
	zz_keys /
	zz_type 户籍人口
	zz_keys Enter Enter
	zz_expect "单位:"
	zz_keys /
	zz_expect "搜索（"
	zz_type 冲突测试
	zz_keys Enter
	zz_expect "冲突测试"
	zz_keys Enter
	zz_expect "户籍人口 > 冲突测试"
	zz_keys e
	zz_expect "填写"
	n=0
	while ! zz_screen | grep -q "^>.*$3"; do
		[ $n -lt 12 ] || zz_fail "$1: no field $3"
		zz_keys Tab
		sleep 0.3
		n=$((n + 1))
	done
}

zz_log "both open the record"
open_edit a village 曾用名
open_edit b town 籍贯

zz_log "the first saves"
ZZ_W=a
zz_type 甲改的曾用名
zz_keys F2
zz_expect "已保存"

zz_log "the second is told, and loses nothing"
ZZ_W=b
zz_type 乙填的籍贯
zz_keys F2
zz_expect "此记录已被 "
zz_expect "修改"
zz_screen | grep -q "此记录已被 .*village.* 于 [0-2][0-9]:[0-5][0-9] 修改" || { zz_screen >&2; zz_fail "who and when"; }
zz_expect "Ctrl-R 合并"
zz_expect "乙填的籍贯"
zz_screen | grep -q "^~.*曾用名.*现存：甲改的曾用名" || { zz_screen >&2; zz_fail "the stored value beside"; }
zz_keys C-r
zz_expect "已合并：取现存的值 1 项"
zz_expect "乙填的籍贯"
zz_keys F2
zz_expect "已保存"
zz_expect "甲改的曾用名"
zz_expect "乙填的籍贯"

zz_log "both changes are stored, the audit log undoes nothing"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record get household "$idnum" --as village >"$ZZ_T/rec" 2>&1 || zz_fail "record get"
grep -q "甲改的曾用名" "$ZZ_T/rec" || zz_fail "the first change was lost"
grep -q "乙填的籍贯" "$ZZ_T/rec" || zz_fail "the second change was lost"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor >"$ZZ_T/audit" 2>&1 || zz_fail "audit show"
grep -q "甲改的曾用名" "$ZZ_T/audit" || zz_fail "the audit has the first change"
if grep -q "甲改的曾用名 →" "$ZZ_T/audit"; then
	grep "甲改的曾用名 →" "$ZZ_T/audit" >&2
	zz_fail "the audit shows the first change undone"
fi
echo "ssh_edit_conflict: ok"
