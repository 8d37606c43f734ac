#!/bin/sh
# Issue 12 part 6, the screens' words: the forced password screen shows its labels whole and the
# password rules before anything is typed; a second daily report of the day is refused before its
# text is typed; a form in view mode offers no F2保存; a name typed into the person query is
# searched as a name; a key a screen does not have is named in words. A Monday (working day).
: "${ZZ_SUITE_TIME:=2026-03-16 10:00:00}"
export ZZ_SUITE_TIME
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 30

menu_open() {
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
}

echo "--- the daily report: a second one is refused before its text is typed"
zz_tui_start xterm 80 24
zz_login town
zz_menu
menu_open "日报与零报告"
zz_expect "今日尚未报送"
zz_keys a
zz_expect "日报内容（留空为零报告）"
zz_type "今日排查纠纷 3 起，已化解 2 起"
zz_keys F2
zz_expect "已报送"
zz_keys a
zz_expect "已报送日报；当天要修改请按 e 更正"
zz_absent "日报内容（留空为零报告）"
zz_keys Escape
zz_menu

echo "--- a name typed into the person query is searched as a name"
name=$(zz record list household --limit 1 --as county | awk -F'\t' 'NR == 2 { print $4 }')
[ -n "$name" ] || zz_fail "no household name"
menu_open "人员查询"
zz_expect "身份证号或姓名："
zz_type "$name"
zz_keys Enter
zz_wait "按姓名找到的人员" 30 && zz_keys Enter
zz_expect "人员查询"
zz_expect "姓名:$name"
zz_absent "现在是"
zz_keys Escape
zz_menu

echo "--- registering an event: the form in view mode offers no F2保存"
menu_open "矛盾纠纷事件"
zz_expect "范围："
zz_keys a
zz_expect "登记矛盾纠纷事件"
zz_type "邻里噪音纠纷"
zz_keys Tab Enter
zz_expect "选择事件类别"
zz_type "邻里"
zz_keys Enter
zz_keys Tab Tab
zz_type "3"
zz_keys Tab
zz_type "三水街道某小区"
zz_keys Tab Tab Tab Tab Tab
zz_type "楼上楼下噪音纠纷"
zz_keys F2
zz_expect "已登记：事件号"
zz_expect "按 Esc 进入该事件的办理页面"
zz_absent "F2保存"
zz_keys Escape
zz_expect "信息系统 > 事件 "
zz_keys u
zz_expect "本屏没有“单位”这一操作"
zz_keys F10
zz_expect "退出系统？"
zz_keys y

echo "--- the forced password change shows its labels whole and the rules up front"
echo "$ZZ_PASS" | zz user passwd village --reset --as secadmin >/dev/null 2>&1 || zz_fail "reset"
zz_tui_start xterm 80 24
zz_login village "$ZZ_PASS"
zz_expect "再次输入新密码："
zz_expect "至少"
zz_expect "类"
zz_tui_clean
echo "ok ui_words"
