#!/bin/sh
# Long texts at 80x24 (issue 12, part 5): an event description typed over several lines in the
# multi-line editor, saved, shown as its first line with "…" and read back whole in the viewer;
# a long opinion given with an action, whose timeline row shows its first line and whose Enter
# shows it whole; a daily report read in full and corrected the same day (audited, before and
# after), its correction refused the next day, in the UI and from the command line.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

# The UI at a frozen moment (a Thursday, a working day).
tui_at() {
	zz_tui_at "$1"
	zz_login village
	zz_menu
}

L1="一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北第一段完"
tui_at "2026-04-02 10:00:00"
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "范围："
zz_keys a
zz_expect "登记矛盾纠纷事件"
zz_type "楼道堆物引发邻里争执"
zz_keys Tab Enter
zz_expect "选择事件类别"
zz_type "邻里"
zz_keys Enter
zz_keys Tab Tab
zz_type "3"
zz_keys Tab
zz_type "幸福苑5幢2单元"
zz_keys Tab Tab Tab Tab Tab
zz_expect "事件描述"
zz_log "the description over several lines in the editor"
zz_keys Enter
zz_expect "0/2000 字"
zz_type "$L1"
zz_keys Enter
zz_type "第二段：双方约定周末清理"
zz_keys Enter Enter
zz_type "第三段结尾ZZEND"
# 43 + 1 + 12 + 2 + 11 characters, line breaks counted; the first line wraps at 78 columns.
zz_expect "69/2000 字"
zz_expect "第三段结尾ZZEND"
zz_screen | grep -q "^ 一二三四.*东南西$" || { zz_screen >&2; zz_fail "the first line wraps at the screen's width"; }
zz_screen | grep -q "^ 北第一段完$" || { zz_screen >&2; zz_fail "the rest of the first line on the next row"; }
# Tab ends the editor and goes on to the next field; the form shows the first line and "…".
zz_keys Tab
zz_expect "事件描述：一二三四"
zz_screen | grep -q "事件描述：一二三四.*…" || { zz_screen >&2; zz_fail "the form shows the first line with …"; }
zz_absent "ZZEND"
zz_keys F2
zz_expect "已登记：事件号"
zz_keys Escape
zz_expect "待受理｜桥头社区"

zz_log "read back in the viewer"
zz_keys e
zz_expect "矛盾纠纷事件 > 楼道堆物"
zz_to_field Down "事件描述" 30
zz_keys Enter
zz_expect "第三段结尾ZZEND"
zz_expect "第二段：双方约定周末清理"
zz_expect "第一段完"
zz_keys q
zz_expect "矛盾纠纷事件 > 楼道堆物"
zz_keys Escape
zz_expect "待受理｜桥头社区"

zz_log "a long opinion; Enter on its timeline row shows it whole"
zz_keys z
zz_expect "选择操作"
zz_type "上报"
zz_keys Enter
zz_expect "上报说明"
zz_type "$L1"
zz_keys Enter
zz_type "意见第二行ZZOPINION"
zz_keys F2
zz_expect "已上报"
zz_screen | grep -q "上报 .*一二三.*…" || { zz_screen >&2; zz_fail "the timeline shows the opinion's first line with …"; }
zz_absent "ZZOPINION"
zz_keys Enter
zz_expect "第 2 步 上报"
zz_expect "意见第二行ZZOPINION"
zz_absent "选择操作"
zz_keys Escape
zz_expect "待受理｜三水街道"
zz_keys Escape
zz_expect "范围："
zz_keys Escape
zz_menu

zz_log "a daily report in several lines, read whole, corrected the same day"
zz_keys /
zz_type "日报与零报告"
zz_keys Enter Enter
zz_expect "尚未报送日报或零报告"
zz_keys a
zz_expect "2026-04-02 日报内容"
zz_type "排查矛盾纠纷 3 起"
zz_keys Enter
zz_type "日报第二行ZZDAILY"
zz_keys F2
zz_expect "已报送 2026-04-02 的日报"
zz_expect "排查矛盾纠纷 3 起…"
zz_keys Enter
zz_expect "日报第二行ZZDAILY"
zz_keys q
zz_expect "今日已报送"
# A second report of the day is refused before anything is typed; e corrects it.
zz_keys a
zz_expect "2026-04-02 已报送日报；当天要修改请按 e 更正"
zz_keys e
zz_expect "更正 2026-04-02 的日报"
zz_type "（更正）"
zz_keys F2
zz_expect "已更正 2026-04-02 的日报"
zz_keys Enter
zz_expect "日报第二行ZZDAILY（更正）"
zz_keys q
zz_tui_clean
zz audit show --as auditor >"$ZZ_TMP/audit" 2>&1 || zz_fail "audit show"
grep "daily_correct" "$ZZ_TMP/audit" | grep -q "更正：排查矛盾纠纷 3 起" || { cat "$ZZ_TMP/audit" >&2; zz_fail "the correction is audited"; }
grep "daily_correct" "$ZZ_TMP/audit" | grep -q "ZZDAILY（更正）" || { grep daily_correct "$ZZ_TMP/audit" >&2; zz_fail "the audit has the text after"; }

zz_log "the next day the correction is refused"
tui_at "2026-04-03 09:00:00"
zz_keys /
zz_type "日报与零报告"
zz_keys Enter Enter
zz_expect "2026-04-02"
n=0
while ! zz_screen | grep -q "^>.*2026-04-02"; do
	zz_keys Down
	sleep 0.2
	n=$((n + 1))
	[ $n -lt 20 ] || zz_fail "no row of 2026-04-02"
done
zz_keys e
zz_expect "2026-04-02 的日报已不能更正"
zz_tui_clean
err=$(zz_refused "the next day" zz_at "2026-04-03 09:00:00" daily correct --as village --date 2026-04-02 --text 改)
zz_has "refused the next day" "2026-04-02 的日报已不能更正" "$err"
zz_at "2026-04-02 18:00:00" daily correct --as village --text "当天再次更正" || zz_fail "the same day from the command line"
echo ok
