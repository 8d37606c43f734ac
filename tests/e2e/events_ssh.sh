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

# The zz_keys, zz_type, zz_expect and zz_absent of lib.sh act on window ZZ_W; over SSH
# a screen may take longer than the local UI to come.
ZZ_W=""
ZZ_WAIT_TENTHS=300

# Take action NAME (filtered in the picker) on the open event, with COMMENT.
act() {
	zz_keys z
	zz_expect "选择操作"
	zz_type "$1"
	zz_keys Enter
	zz_expect "："
	# The picker's box is gone while the comment is asked for: what it covered is drawn again.
	zz_gone "筛选:"
	zz_type "$2"
	zz_keys F2
}

# Log in as ACCOUNT in a new window NAME and open the to-do item showing TEXT.
login_todo() {
	ZZ_W=$1
	zz_ssh_window "$1" "$2"
	zz_expect "信息系统 > 待办事项"
	zz_expect "$3"
	# Move from the selected row (marked ">") to the item's row.
	line=$(zz_win "$ZZ_W" | grep -n -F -- "$3" | grep ':>' | head -1 | cut -d: -f1)
	[ -n "$line" ] || line=$(zz_win "$ZZ_W" | grep -n -F -- "$3" | tail -1 | cut -d: -f1)
	i=$(zz_win "$ZZ_W" | grep -n '^>' | head -1 | cut -d: -f1)
	while [ "$i" -lt "$line" ]; do
		zz_keys Down
		i=$((i + 1))
	done
	zz_keys Enter
	zz_expect "信息系统 > 事件 $id "
}

# Leave the UI; the client must end normally.

zz_log "桥头社区 registers the event and reports it up"
ZZ_W=village
zz_ssh_window village village
zz_wait_main_menu village village
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
zz_type "住户在楼道堆放杂物，邻居多次交涉未果"
zz_keys F2
zz_expect "已登记：事件号"
id=$(zz_win "$ZZ_W" | sed -n 's/.*已登记：事件号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no event number shown"
zz_keys Escape
zz_expect "待受理｜桥头社区"
act "上报" "需街道协调"
zz_expect "已上报：事件现为“待受理”（三水街道）"
zz_ssh_quit

zz_log "三水街道 accepts it and assigns it to 东港村"
login_todo town town "待受理 #$id 楼道堆物"
act "受理" "已签收"
zz_expect "已受理"
zz_event_assign 东港 东港村 请东港村调解
zz_ssh_quit

zz_log "东港村 is not offered 结案; it accepts and feeds back"
login_todo village2 village2 "待受理 #$id 楼道堆物"
act "受理" "已签收"
zz_expect "已受理"
zz_keys z
zz_expect "选择操作"
zz_absent "结案"
zz_keys Escape
# The picker is gone (Escape waits for the escape delay) before the next key.
zz_wait_for 30 sh -c "! $ZZ_TMUX capture-pane -p -t zz:$ZZ_W | grep -qF 选择操作" ||
	zz_fail "the picker did not close"
zz_gone "筛选:"
act "反馈" "双方已达成协议"
zz_expect "已反馈：事件现为“已反馈”（三水街道）"
zz_ssh_quit

zz_log "三水街道 closes it; the timeline shows every step"
login_todo town2 town "已反馈待结案 #$id 楼道堆物"
act "结案" "调解成功，结案"
zz_expect "已结案：事件现为“已结案”（三水街道）"
for step in "新增     桥头社区" "上报     桥头社区" "受理     三水街道" "交办     三水街道" \
	"受理     东港村" "反馈     东港村" "结案     三水街道"; do
	zz_expect "$step"
done
zz_ssh_quit

zz_log "the command line shows the same state and steps"
out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" event show "$id" --as county) || zz_fail "event show $id"
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
