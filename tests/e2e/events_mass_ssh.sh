#!/bin/sh
# R-EV-8 (6.4.3.7) a mass incident over SSH: 桥头社区 (village) registers it from the event screen
# with 事件性质 = 群体性事件, adds two 续报 from the event view (z, the action offered for a mass
# incident only), and reads a 续报 in full from the timeline (Enter); the command line agrees.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz_serve_start
ZZ_W=village
ZZ_WAIT_TENTHS=300

# Take action NAME (filtered in the picker) on the open event, with COMMENT (its editor asks for 续报内容).
act() {
	zz_keys z
	zz_expect "选择操作"
	zz_type "$1"
	zz_keys Enter
	zz_expect "续报内容："
	zz_gone "筛选:"
	zz_type "$2"
	zz_keys F2
}

zz_log "R-EV-8: 桥头社区 registers a mass incident (事件性质 chosen in the form)"
zz_ssh_window village village
zz_wait_main_menu village village
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "范围："
zz_keys a
zz_expect "登记矛盾纠纷事件"
zz_type "工地欠薪工人聚集"
zz_keys Tab Enter
zz_expect "选择事件类别"
zz_type "劳动"
zz_keys Enter
zz_keys Tab Tab
zz_type "45"
zz_keys Tab
zz_type "幸福苑建设工地门口"
zz_keys Tab Tab Tab Tab Tab
zz_type "四十余名工人在工地门口聚集讨要工资"
zz_keys Tab Tab Tab Enter
zz_expect "选择事件性质"
zz_type "群体"
zz_keys Enter
zz_expect "群体性事件"
zz_keys F2
zz_expect "已登记：事件号"
id=$(zz_win "$ZZ_W" | sed -n 's/.*已登记：事件号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no event number shown"
zz_keys Escape
zz_expect "待受理｜桥头社区"

zz_log "R-EV-8: two 续报 from the event view; the second read in full from the timeline"
act "续报" "续报一：街道劳动保障所已到场"
zz_expect "已续报：事件现为“待受理”（桥头社区）"
long="续报二：建设单位承诺本周五前结清全部欠薪，工人代表五人留下协商，其余人员已散去，现场秩序正常，无人员受伤"
act "续报" "$long"
zz_expect "已续报：事件现为“待受理”（桥头社区）"
zz_expect "续报     桥头社区"
zz_keys Enter
zz_expect "第 3 步 续报"
zz_expect "无人员受伤"
zz_keys q
zz_expect "待受理｜桥头社区"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"

zz_log "R-EV-8: the command line shows the kind and both 续报"
out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" event show "$id" --as county) || zz_fail "event show $id"
zz_has "a mass incident" '^事件性质	群体性事件$' "$out"
zz_has "first 续报" '	续报	桥头社区	[^	]*		续报一：街道劳动保障所已到场' "$out"
zz_has "second 续报" "	续报	桥头社区	[^	]*		$long" "$out"
zz_log "ok"
