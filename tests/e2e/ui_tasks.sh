#!/bin/sh
# 任务督办 in the curses UI at 80x24 (issue 16; R-EV-9): 姜堰区 (county) issues a task to 三水街道
# and 罗塘街道 from the form — refused first without a title, nothing typed lost; 三水街道 (town)
# opens it from its to-do list, is offered only 签收, signs it off, is refused an empty
# feedback and feeds back over two lines; the county sees both receivers' progress, is refused 不满意
# without an opinion, evaluates 满意 and puts the task under supervision (督办). A census's feedback
# naming a record outside the unit is refused and what was typed is offered again. The clock is frozen
# on Monday 2026-03-02 (deadlines in working days).
. "$(dirname "$0")/lib.sh"
TZ=Asia/Shanghai
export TZ
zz_setup
zz_demo 0

# The UI at a frozen moment, logged in as ACCOUNT.
tui_at() {
	zz_tui_at "$1"
	zz_login "$2"
}

# Move the selection (">") down to the row showing TEXT and press Enter.
open_row() {
	zz_expect "$1"
	line=$(zz_screen | grep -n -F -- "$1" | head -1 | cut -d: -f1)
	zz_move_to "$line"
	zz_keys Enter
}

# Open the to-do item showing TEXT (the to-do list comes first after login).
open_todo() {
	zz_expect "信息系统 > 待办事项"
	open_row "$1"
	zz_expect "任务 $id "
}

# Take action NAME (filtered in the picker) on the open task.
act() {
	zz_keys z
	zz_expect "选择操作"
	zz_type "$1"
	zz_keys Enter
}

# A census (专项普查) issued and signed off from the command line: its feedback names records.
e=$(zz_at '2026-03-02 08:00:00' event new --as u321204001001.office --title "普查到的纠纷" --category 02 --scale 2 \
	--place "测试地点" --description "测试事件描述") || zz_fail "event new"
census=$(zz_at '2026-03-02 08:30:00' task new --as county --kind census --title "矛盾纠纷专项普查" \
	--text "普查辖区内的矛盾纠纷" --to 321204001 --type dispute_event) || zz_fail "task new"
zz_at '2026-03-02 08:40:00' task sign "$census" --as town >/dev/null || zz_fail "task sign"

# --- the county issues a task ---
tui_at "2026-03-02 09:00:00" county
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
zz_keys Tab
zz_type "请于本周内完成辖区矛盾纠纷排查"
zz_keys Enter
zz_type "重点是邻里和物业纠纷"
zz_keys Tab
zz_keys Enter
zz_expect "接收单位（已选 0）"
zz_type "三水"
zz_expect ">[ ] + 三水街道"
zz_keys Space C-u
zz_type "罗塘"
zz_expect ">[ ] + 罗塘街道"
zz_keys Space Enter
zz_expect "三水街道、罗塘街道"
zz_keys F2
zz_expect "请填写任务标题"
# Nothing typed is lost: the kind, the text and the receivers are still there.
zz_expect "交办"
zz_expect "请于本周内完成辖区矛盾纠纷排查…"
zz_expect "三水街道、罗塘街道"
zz_to_field Up "标题"
zz_type "春节前矛盾纠纷排查"
zz_keys F2
zz_expect "已下发：任务号"
id=$(zz_screen | sed -n 's/.*已下发：任务号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no task number shown"
zz_keys Escape
zz_expect "交办｜下发：姜堰区｜0/2 办结｜签收时限 03-03 09:00 剩1工作日"
zz_expect "三水街道     待签收"
zz_expect "罗塘街道     待签收"
zz_quit

# --- 三水街道 signs off and feeds back ---
tui_at "2026-03-02 10:00:00" town
# A deadline ahead is 预警 in the to-do list: 黄牌 and 红牌 only for cards given.
zz_expect "预警 2026-03-03 09:00 任务待签收 #$id 春节前矛盾纠纷排查"
open_todo "任务待签收 #$id 春节前矛盾纠纷排查"
zz_expect "本单位待签收｜签收时限 03-03 09:00 剩1工作日"
zz_expect "下发   姜堰区       高群勇                请于本周内"
zz_absent "罗塘街道"
zz_keys z
zz_expect "选择操作（1/1）"
zz_absent "评价"
zz_absent "督办"
zz_keys Escape
act "签收"
zz_expect "签收任务“春节前矛盾纠纷排查”？"
zz_keys y
zz_expect "已签收：本单位现为“办理中”"
zz_expect "办结时限 03-16 09:00"
act "反馈"
zz_expect "反馈内容（办理情况）"
zz_keys F2
zz_expect "请填写反馈内容"
act "反馈"
zz_expect "反馈内容（办理情况）"
zz_type "排查纠纷 3 件"
zz_keys Enter
zz_type "已全部调解"
zz_keys F2
zz_expect "已反馈：本单位现为“已反馈待评价”"

# The census: a record outside the unit is refused, and what was typed is offered again.
zz_keys Escape
zz_expect "信息系统 > 待办事项"
open_row "任务待反馈 #$census 矛盾纠纷专项普查"
zz_expect "任务 $census 矛盾纠纷专项普查"
act "反馈"
zz_expect "反馈内容（办理情况）"
zz_type "普查完毕，发现纠纷 1 件"
zz_keys F2
zz_expect "涉及的记录（如 出租房:19，逗号分隔）："
zz_type "dispute_event:999999"
zz_keys Enter
zz_expect "本单位范围内没有记录 矛盾纠纷事件:999999"
act "反馈"
zz_expect "普查完毕，发现纠纷 1 件"
zz_keys F2
zz_expect "逗号分隔）：dispute_event:999999"
# A type the screens never name is refused as such, not as a missing record.
zz_keys C-u
zz_type "纠纷:$e"
zz_keys Enter
zz_expect "没有“纠纷”这种记录类型（写记录类型的名称，如 出租房:19）"
# The type by the name the screens show, with the colon a Chinese input method types.
act "反馈"
zz_keys F2
zz_keys C-u
zz_type "矛盾纠纷事件：$e"
zz_keys Enter
zz_expect "已反馈：本单位现为“已反馈待评价”"
zz_quit

# --- the county evaluates and supervises ---
tui_at "2026-03-02 16:00:00" county
open_todo "任务反馈待评价 #$id 春节前矛盾纠纷排查：1 个单位"
zz_expect "三水街道     已反馈待评价"
zz_expect "0 -        排查…"
act "评价"
zz_expect "评价三水街道的反馈"
zz_type "不满意"
zz_keys Enter
zz_expect "评价意见"
zz_keys F2
zz_expect "请填写意见"
act "评价"
zz_expect "评价三水街道的反馈"
zz_keys Enter
zz_expect "评价意见"
zz_keys F2
zz_expect "已评价三水街道：满意，现为“已办结”"
zz_expect "1/2 办结"
act "督办"
zz_expect "督办意见"
zz_type "罗塘街道尽快签收"
zz_keys F2
zz_expect "已督办（第 1 次）"
zz_keys V
zz_expect "办理过程"
for step in "下发   姜堰区" "签收   三水街道" "反馈   三水街道" "评价   姜堰区" "督办   姜堰区"; do
	zz_expect "$step"
done
zz_quit
zz_tui_clean

# A long issuer's name at 80 columns: shortened with "…", the count done, the time limit and the
# supervisions whole (the line above the steps was cut at the right).
zz unit rename 321204 某某县社会治安综合治理中心矛盾纠纷多元化解指挥部 --as admin >/dev/null || zz_fail rename
tui_at "2026-03-02 16:20:00" county
zz_menu
zz_keys /
zz_type "任务督办"
zz_keys Enter Enter
open_row "春节前矛盾纠纷排查"
zz_expect "任务 $id "
zz_expect "交办｜下发：某某"
line=$(zz_screen | grep -F "交办｜下发：" | head -1)
echo "$line" | grep -Eq "｜下发：某某[^｜]*…｜1/2 办结｜(签收|办结)时限 [^｜]*｜督办 1 次 +[0-9]+/[0-9]+ *$" ||
	zz_fail "the task's line at 80 columns: $line"
zz_quit
zz_tui_clean

zz_at '2026-03-02 16:30:00' task show "$census" --as county >"$ZZ_TMP/census" || zz_fail "task show census"
zz_has "the record typed by its Chinese type name is kept by the type's id" "dispute_event:$e" "$(cat "$ZZ_TMP/census")"
zz_at '2026-03-02 16:30:00' task show "$id" --as county >"$ZZ_TMP/show" || zz_fail "task show"
zz_has "task show" "321204001	三水街道	已办结	.*满意" "$(cat "$ZZ_TMP/show")"
zz audit show --as auditor >"$ZZ_TMP/audit" 2>&1 || zz_fail "audit show"
for k in task_new task_sign task_feedback task_evaluate task_supervise; do
	grep -q "$k" "$ZZ_TMP/audit" || zz_fail "no $k in the audit log"
done
echo "OK ui_tasks"
