#!/bin/sh
# The event workflow in the curses UI (tmux, local terminal; R-EV-1): 桥头社区 registers an event
# and reports it up, 三水街道 accepts and assigns it to 东港村, which accepts and feeds back, and
# 三水街道 closes it; each reaches the event from its to-do list; the timeline shows every step.
# (Over SSH once the server is on main: the same keys through the OpenSSH client.)
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

# Take action NAME (filtered in the picker) on the open event, with COMMENT.
act() {
	zz_keys z
	zz_expect "选择操作"
	zz_type "$1"
	zz_keys Enter
	[ -n "$3" ] && { zz_expect "$3"; zz_type "$4"; zz_keys Enter; }
	zz_expect "："
	zz_type "$2"
	zz_keys F2
}

# Leave the UI cleanly (the next account logs in on a new terminal).

# Open the first to-do item of an account whose list shows TEXT.
login_todo() {
	zz_tui_start xterm-256color 80 24
	zz_login "$1"
	zz_expect "信息系统 > 待办事项"
	zz_expect "$2"
	# Move from the selected row (marked ">") to the item's row.
	line=$(zz_screen | grep -n -F -- "$2" | grep ':>' | head -1 | cut -d: -f1)
	[ -n "$line" ] || line=$(zz_screen | grep -n -F -- "$2" | tail -1 | cut -d: -f1)
	zz_move_to "$line"
	zz_keys Enter
	zz_expect "事件 "
}

# --- 桥头社区 registers and reports up ---
zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "范围："
zz_keys a
zz_expect "登记矛盾纠纷事件"
# The field's help and its limit read as two clauses (they ran together: "……纠纷”最多 40 个字").
zz_expect "宅基地界址纠纷”；最多 40 个字"
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
zz_type "住户在楼道堆放杂物，邻居多次交涉未果"
zz_keys F2
zz_expect "已登记：事件号"
id=$(zz_screen | sed -n 's/.*已登记：事件号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no event number shown"
zz_keys Escape
zz_expect "待受理｜桥头社区"
act "上报" "需街道协调"
zz_expect "已上报：事件现为“待受理”（三水街道）"

zz_quit

# --- 三水街道 accepts and assigns to 东港村 ---
login_todo town "待受理 #$id 楼道堆物"
act "受理" "已签收"
zz_expect "已受理"
zz_event_assign 东港 东港村 请东港村调解

zz_quit

# --- 东港村: nothing it may not do is offered; it accepts and feeds back ---
login_todo village2 "待受理 #$id 楼道堆物"
act "受理" "已签收"
zz_expect "已受理"
zz_keys z
zz_expect "选择操作"
zz_absent "结案"
zz_keys Escape
# 反馈 needs its text: F2 with none says so and the editor stays for it to be written.
zz_keys z
zz_expect "选择操作"
zz_type "反馈"
zz_keys Enter
zz_expect "办理情况和结果："
zz_keys F2
zz_expect "反馈需要填写办理情况和结果"
zz_expect "多行编辑"
zz_type "双方已达成协议"
zz_keys F2
zz_expect "已反馈：事件现为“已反馈”（三水街道）"

zz_quit

# --- 三水街道 closes it; the timeline shows every step ---
login_todo town "已反馈待结案 #$id 楼道堆物"
act "结案" "调解成功，结案"
zz_expect "已结案：事件现为“已结案”（三水街道）"
for step in "新增     桥头社区" "上报     桥头社区" "受理     三水街道" "交办     三水街道" \
	"受理     东港村" "反馈     东港村" "结案     三水街道"; do
	zz_expect "$step"
done
zz_quit
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" event list --state closed --as county | grep -q "楼道堆物引发邻里争执" || zz_fail "not closed in the database"
echo ok
