#!/bin/sh
# The unit tree picker at 80x24 (issue 16): 姜堰区 (county) sends a 公文 and picks its receivers on the
# tree — a branch opened with →, a unit found by typing its name, a whole township with * (its
# villages and stations with it), one unit taken out again with Space; the record holds exactly
# those codes. The same picker for a task's receivers, with the 公安 line above the tree: the task
# is issued to the stations it stands for.
ZZ_CONSOLE_LIMITED=1
. "$(dirname "$0")/lib.sh"
TZ=Asia/Shanghai
export TZ
zz_setup
zz_demo 0

zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_type "公文与文件"
zz_keys Enter Enter
zz_keys a
zz_expect "公文与文件 > 新增"
zz_keys Down Down Down Down
zz_expect ">*接收单位："
zz_expect "回车打开单位树"
zz_keys Enter
zz_expect "接收单位（已选 0）"
# The box's top line goes on after its head (it was blanks up to the corner).
zz_screen | grep -qE "接收单位（已选 0） (─+┐|q+k)" || { zz_screen >&2; zz_fail "the picker's top line after its head"; }
# q with nothing typed backs out of the tree, as out of every list; F10 closes it and asks to
# quit (the form's question: nothing changed yet), n staying in the form (q was text, F10 nothing).
zz_keys q
zz_gone "接收单位（已选 0）"
zz_expect ">*接收单位："
zz_keys Enter
zz_expect "接收单位（已选 0）"
zz_keys F10
zz_expect "退出系统？"
zz_gone "接收单位（已选 0）"
zz_keys n
zz_expect ">*接收单位："
zz_keys Enter
zz_expect "接收单位（已选 0）"
zz_type "罗塘"
zz_expect ">[ ] + 罗塘街道"
# Once something is typed, q is text of the search.
zz_type "q"
zz_expect "没有名称含“罗塘q”的单位"
zz_keys BSpace
zz_expect ">[ ] + 罗塘街道"
zz_expect "接收单位（已选 0）"
zz_keys '*'
zz_keys Right
zz_expect ">[x] - 罗塘街道"
zz_keys Down
zz_keys Space
zz_keys C-u
zz_type "三水街道派出所"
zz_keys Space
zz_expect ">[x]     三水街道派出所"
zz_expect "接收单位（已选 11）"
zz_keys Enter
zz_gone "接收单位（已选"
zz_expect "接收单位：三水街道派出所、罗塘街道、罗塘街道卫生院"
zz_keys Enter
zz_type "请按通知要求开展平安创建。"
zz_keys Tab
zz_to_field Up "类别"
zz_type "公文"
zz_keys Enter
zz_expect "类别：公文"
zz_keys Down
zz_expect ">*    标题："
zz_type "关于开展平安创建的通知"
zz_keys F2
zz_expect "已保存（公文与文件记录号"
d=$(zz_screen | sed -n 's/.*记录号 \([0-9]*\).*/\1/p' | head -1)
zz_quit
zz office receipts document "$d" --as county >"$ZZ_TMP/rcpt" || zz_fail "office receipts"
# Exactly what was chosen: the township, its villages and stations but the one taken out, and the
# station found by name; no grid.
want=$(awk -F'\t' '$1 ~ /^321204002/ && $3 != "grid" && $1 != "321204002-civil" {print $1} $1 == "321204001-police" {print $1}' \
	db/demo/units.tsv | sort)
got=$(sed -n 's/^\(32[0-9A-Za-z-]*\)\t.*/\1/p' "$ZZ_TMP/rcpt" | sort)
[ "$got" = "$want" ] || { cat "$ZZ_TMP/rcpt"; echo "want: $want" >&2; zz_fail "the receivers are not what was picked"; }
zz_tui_clean

# --- the same picker for a task: the 公安 line above the tree, and 三水街道 itself ---
zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_type "任务督办"
zz_keys Enter Enter
zz_expect "接收和下发的任务"
zz_keys a
zz_expect "下发任务"
zz_keys Enter
zz_expect "选择任务类别"
zz_type "交办"
zz_keys Enter
zz_type "清查出租房屋"
zz_keys Tab
zz_type "各派出所和三水街道本周内清查出租房屋"
zz_keys Tab
zz_expect ">*          接收单位："
zz_keys Enter
zz_expect "接收单位（已选 0）"
n=$(awk -F'\t' '$3 == "dept" && $5 == "police" && $2 != "321204"' db/demo/units.tsv | wc -l)
zz_expect ">[ ] 公安条线（$n 个单位）"
zz_keys Space
zz_type "三水街"
zz_expect ">[ ] + 三水街道"
zz_keys Space
zz_expect "接收单位（已选 2）"
zz_keys Enter
zz_expect "接收单位：公安条线（$n 个单位）、三水街道"
zz_keys F2
zz_expect "个接收单位；按 Esc 查看任务进度"
zz_expect "$((n + 1)) 个接收单位"
id=$(zz_screen | sed -n 's/.*已下发：任务号 \([0-9]*\).*/\1/p' | head -1)
zz_keys Escape
zz_expect "0/$((n + 1)) 办结"
zz_expect "三水街道派…  待签收"
zz_expect ">三水街道     待签收"
# The row in full names the line it came through.
zz_keys Down Enter
zz_expect "接收单位：三水街道派出所（经公安条线下发）"
zz_keys Escape
zz_gone "经公安条线下发"
zz_quit
zz task show "$id" --as county >"$ZZ_TMP/task" || zz_fail "task show"
[ "$(grep -c "派出所	待签收.*公安条线$" "$ZZ_TMP/task")" -eq "$n" ] || { cat "$ZZ_TMP/task"; zz_fail "the line's stations"; }
grep -q "^321204001	三水街道	待签收" "$ZZ_TMP/task" || zz_fail "the township named"
zz_tui_clean
echo "OK ui_pick_tree"
