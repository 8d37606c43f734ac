#!/bin/sh
# 月报表 at 80x24: U on a form with several problems lists them all at once (a count, one line
# each, the line under the box whole; `report submit` prints them a line each), refuses the
# submission and asks nothing; Enter on one takes
# the cursor to its cell, whose prompt opens on Enter; the figures typed stay. Corrected, U asks.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
NOW=$(zz_date +%Y-%m)
M=$(zz_date -d "$NOW-01 -1 month" +%Y-%m)

# Disputes of the past month in 三水街道 in three categories (registered then, under libfaketime).
EV_CONF=$ZZ_CONF EV_HOME=$ZONGZHI_HOME
ev_new "$M-10 09:00:00" town "邻里纠纷一" >/dev/null
for cat in 01 04; do
	ev_at "$M-11 09:00:00" event new --as town --title "纠纷$cat" --category $cat --scale 2 \
		--place "测试地点" --description "测试事件描述" >/dev/null || zz_fail "event new $cat"
done

# Every row with disputes leaves 涉及人数 at 0 (a draft may); 邻里纠纷 gets its figure typed on the
# screen, the rest stay.
zz report show dispute_mediation --month "$M" --as town >"$ZZ_TMP/form"
# Each such row is a problem; the total, their sum, is not listed again.
N=$(awk -F'\t' '$1 != "合计" && $2 ~ /^[1-9][0-9]*$/' "$ZZ_TMP/form" | wc -l)
N02=$(awk -F'\t' '$1 == "邻里纠纷" { print $2 }' "$ZZ_TMP/form")
[ "$N" -ge 3 ] || zz_fail "three problems at least: $N"
[ "${N02:-0}" -ge 1 ] || zz_fail "邻里纠纷's disputes"

# The command line says them all too, a line each.
if zz report submit dispute_mediation --month "$M" --as town >/dev/null 2>"$ZZ_TMP/err"; then
	zz_fail "submitted with $N problems"
fi
grep -q "共 $N 处不合规" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "the count on the command line"; }
[ "$(grep -c "^  “.*”的“涉及人数”（0）不能少于“排查纠纷”" "$ZZ_TMP/err")" = "$N" ] ||
	{ cat "$ZZ_TMP/err"; zz_fail "each problem on its line"; }

zz_tui_start xterm-256color 80 24
zz_login town
zz_menu
zz_open_reports "$M"
zz_expect "社会矛盾排查调解报表"
zz_keys Enter
zz_expect "月报表 › 社会矛盾排查调解报表"
# A figure typed elsewhere first (防止民转刑 of 邻里纠纷, within its disputes), not yet saved.
zz_keys Home
zz_expect "第1-5列/共8列"
zz_keys Down Down Right Right Right Right Right Right Enter
zz_expect "邻里纠纷·防止民转刑（排查纠纷 ${N02}）："
zz_keys C-u
zz_type 1
zz_keys Enter
zz_expect "有未保存的修改"
zz_keys U
zz_expect "上报前须改正 $N 处（回车到该格）"
zz_expect "（$N/$N）"
zz_absent "上报后报表冻结"
# The line under the box gives the problem under the cursor whole, to its end (without
# 回车将选定“…”, which left no room for it at 80 columns).
zz_has "the problem under the cursor, whole" '^“.*”的“.*：每件至少涉及 1 人 *$' "$(zz_screen)"
# Each row's problem is listed: 邻里纠纷's among them.
zz_expect "“邻里纠纷”的“涉及人数”（0）不能少于“排查纠纷”（${N02}）"
# Typing narrows the list; Enter takes the cursor to that cell.
zz_type 邻里
zz_expect "（1/$N）"
zz_keys Enter
zz_expect "未上报：共 $N 处不合规（U再次列出），光标在第"
zz_absent "上报后报表冻结"
zz_expect "有未保存的修改"
zz_keys Enter
zz_expect "邻里纠纷·涉及人数（排查纠纷 ${N02}）："
zz_keys C-u
zz_type "$N02"
zz_keys Enter
# The other problems are still there: listed again at U, one fewer; Esc leaves the cursor on the
# first, the figures typed kept.
zz_keys U
zz_expect "上报前须改正 $((N - 1)) 处（回车到该格）"
zz_absent "“邻里纠纷”的“涉及人数”"
zz_keys Escape
zz_expect "未上报：共 $((N - 1)) 处不合规（U再次列出），光标在第 1 处"
zz_keys F2
zz_expect "已保存草稿"
[ "$(zz report show dispute_mediation --month "$M" --as town | awk -F'\t' '$1 == "邻里纠纷" { print $7 "/" $8 }')" = "$N02/1" ] ||
	zz_fail "the figures typed on the screen were saved"
# The rest filled on the command line: U now asks.
fills=$(zz report show dispute_mediation --month "$M" --as town | zz_people_fills)
zz report fill dispute_mediation $fills --month "$M" --as town >/dev/null || zz_fail "涉及人数"
zz_keys Escape
zz_expect "$M 月的报表"
zz_keys Enter
zz_expect "月报表 › 社会矛盾排查调解报表"
zz_keys U
zz_expect "上报后报表冻结"
zz_keys n
zz_keys Escape
zz_quit
zz_tui_clean
echo "ok ui_report_problems"
