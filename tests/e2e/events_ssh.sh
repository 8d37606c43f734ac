#!/bin/sh
# The event workflow over SSH (issue 5; R-EV-1), the keys of events_ui.sh through the OpenSSH
# client, one window per account: 桥头社区 (village) registers an event and reports it up,
# 三水街道 (town) accepts and assigns it to 东港村 (village2), which accepts and feeds back, and
# 三水街道 closes it; each reaches the event from its to-do list; the timeline shows every step,
# and the command line agrees on the state and the steps.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz_serve_start

# The window the helpers below act on.
W=""

keys() {
	$ZZ_TMUX send-keys -t "zz:$W" "$@"
}

type_text() {
	$ZZ_TMUX send-keys -t "zz:$W" -l "$1"
}

expect() {
	zz_wait_screen "$W" "$1" 30
}

absent() {
	if zz_win_has "$W" "$1"; then
		zz_win "$W" >&2
		zz_fail "window $W shows: $1"
	fi
}

# Take action NAME (filtered in the picker) on the open event, with COMMENT.
act() {
	keys Enter
	expect "选择操作"
	type_text "$1"
	keys Enter
	expect "："
	# The picker's box is gone while the comment is asked for: what it covered is drawn again.
	absent "筛选:"
	type_text "$2"
	keys Enter
}

# Log in as ACCOUNT in a new window NAME and open the to-do item showing TEXT.
login_todo() {
	W=$1
	zz_ssh_window "$1" "$2"
	expect "信息系统 > 待办事项"
	expect "$3"
	# Move from the selected row (marked ">") to the item's row.
	line=$(zz_win "$W" | grep -n -F -- "$3" | grep ':>' | head -1 | cut -d: -f1)
	[ -n "$line" ] || line=$(zz_win "$W" | grep -n -F -- "$3" | tail -1 | cut -d: -f1)
	i=$(zz_win "$W" | grep -n '^>' | head -1 | cut -d: -f1)
	while [ "$i" -lt "$line" ]; do
		keys Down
		i=$((i + 1))
	done
	keys Enter
	expect "信息系统 > 事件 $id "
}

# Leave the UI; the client must end normally.
quit_ui() {
	keys F10
	expect "退出系统？"
	keys y
	expect "SSH-EXIT-0"
}

zz_log "桥头社区 registers the event and reports it up"
W=village
zz_ssh_window village village
zz_wait_main_menu village village
keys /
type_text "事件办理"
keys Enter Enter
expect "范围："
keys a
expect "登记矛盾纠纷事件"
type_text "楼道堆物引发邻里争执"
keys Tab Enter
expect "选择事件类别"
type_text "邻里"
keys Enter
keys Tab Tab
type_text "3"
keys Tab
type_text "幸福苑5幢2单元"
keys Tab Tab Tab Tab Tab
type_text "住户在楼道堆放杂物，邻居多次交涉未果"
keys F2
expect "已登记：事件号"
id=$(zz_win "$W" | sed -n 's/.*已登记：事件号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no event number shown"
keys Escape
expect "待受理｜桥头社区"
act "上报" "需街道协调"
expect "已上报：事件现为“待受理”（三水街道）"
quit_ui

zz_log "三水街道 accepts it and assigns it to 东港村"
login_todo town town "待受理 #$id 楼道堆物"
act "受理" "已签收"
expect "已受理"
keys Enter
expect "选择操作"
type_text "交办"
keys Enter
expect "交办给"
type_text "东港"
keys Enter
expect "交办意见"
type_text "请东港村调解"
keys Enter
expect "确认交办到东港村"
keys y
expect "已交办：事件现为“待受理”（东港村）"
quit_ui

zz_log "东港村 is not offered 结案; it accepts and feeds back"
login_todo village2 village2 "待受理 #$id 楼道堆物"
act "受理" "已签收"
expect "已受理"
keys Enter
expect "选择操作"
absent "结案"
keys Escape
# The picker is gone (Escape waits for the escape delay) before the next key.
zz_wait_for 30 sh -c "! $ZZ_TMUX capture-pane -p -t zz:$W | grep -qF 选择操作" ||
	zz_fail "the picker did not close"
absent "筛选:"
act "反馈" "双方已达成协议"
expect "已反馈：事件现为“已反馈”（三水街道）"
quit_ui

zz_log "三水街道 closes it; the timeline shows every step"
login_todo town2 town "已反馈待结案 #$id 楼道堆物"
act "结案" "调解成功，结案"
expect "已结案：事件现为“已结案”（三水街道）"
for step in "新增     桥头社区" "上报     桥头社区" "受理     三水街道" "交办     三水街道" \
	"受理     东港村" "反馈     东港村" "结案     三水街道"; do
	expect "$step"
done
quit_ui

zz_log "the command line shows the same state and steps"
out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" event show "$id") || zz_fail "event show $id"
zz_has "closed" '^状态	已结案$' "$out"
zz_has "at the township" '^所在单位	321204001 三水街道$' "$out"
zz_has "registered by the village" '^登记单位	桥头社区$' "$out"
zz_has "its place" '^发生地点	幸福苑5幢2单元$' "$out"
n=0
for step in "新增	桥头社区	[^	]*		" "上报	桥头社区	[^	]*	三水街道	需街道协调" \
	"受理	三水街道	[^	]*		已签收" "交办	三水街道	[^	]*	东港村	请东港村调解" \
	"受理	东港村	[^	]*		已签收" "反馈	东港村	[^	]*	三水街道	双方已达成协议" \
	"结案	三水街道	[^	]*		调解成功，结案"; do
	n=$((n + 1))
	zz_has "step $n" "^$n	[0-9-]+ [0-9:]+	$step" "$out"
done
zz_lacks "no other step" '^8	' "$out"
echo ok
