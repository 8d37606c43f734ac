#!/bin/sh
# Issue 12 part 4: every demo account reaches its role's daily work from the menu, and nothing is
# offered that the role may not use. Each short demo account logs in (local terminal, 80x24); the
# auditor reads the audit log and checks its chain; the security administrator unlocks an account
# and resets a password; the system administrator adds an account; the system roles are not offered the person query; each office and
# department finds its own lines.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 30

# login ACCOUNT: a fresh UI at the main menu.
login() {
	zz_tui_start xterm 80 24
	zz_login "$1"
	zz_menu
	zz_expect "($1)"
}

# has ACCOUNT ENTRY…: the menu of ACCOUNT lists each ENTRY (found by typing part of it).
has() {
	_a=$1
	shift
	login "$_a"
	for _e in "$@"; do
		zz_keys /
		zz_type "$_e"
		zz_keys Enter
		zz_wait "> $_e" 30 || zz_fail "$_a: no menu entry $_e"
		zz_keys Home
	done
	zz_tui_clean
}

echo "--- the system roles: no person query; the auditor reads and checks the audit log"
# Nor the business screens whose records they may not read (三员分立): the monthly forms and the
# office work between units were listed, opening empty (社情民意上报 even offered T上报). The
# whole menu fits one screen for them.
for a in admin secadmin auditor; do
	login $a
	zz_absent "人员查询"
	for e in 月报表 报表 日常办公 收到的文件 发出的文件 社情民意上报 意见建议答复 查阅申请审批; do
		zz_absent "$e"
	done
	zz_expect "系统管理"
done
zz_expect "审计日志"
zz_keys /
zz_type "审计日志"
zz_keys Enter Enter
zz_expect "信息系统 > 审计日志"
zz_expect "login"
zz_keys Enter
zz_expect "哈希链完整"
zz_tui_clean

echo "--- the security administrator unlocks an account and resets a password"
zz user lock village --as secadmin >/dev/null || zz_fail "lock"
login secadmin
zz_keys /
zz_type "账号"
zz_keys Enter Enter
zz_expect "信息系统 > 账号"
# row ACCOUNT: select the row of ACCOUNT (village and village2 sort last: from the end).
row() {
	zz_keys End
	zz_expect "$1 "
	line=$(zz_screen | grep -n "^.$1 " | head -1 | cut -d: -f1)
	[ -n "$line" ] || zz_fail "no row $1"
	i=$(zz_screen | grep -n '^>' | head -1 | cut -d: -f1)
	while [ "$i" -lt "$line" ]; do zz_keys Down; i=$((i + 1)); done
	while [ "$i" -gt "$line" ]; do zz_keys Up; i=$((i - 1)); done
	zz_wait ">$1 " || zz_fail "row $1 not selected"
}
row village
zz_expect "锁定"
zz_keys Enter
zz_expect "账号 village"
zz_expect "解锁"
zz_keys Enter
zz_expect "已解锁 village"
zz_has "village unlocked" '^village	.*	正常	' "$(zz user list)"
row village2
# At 80 columns a grid member's account (21 characters), its role and its grid's name are whole.
zz_screen | grep -qE '^ u[0-9]+\.grid +[^ ]+ +网格员 +[^ …]+网格 ' || { zz_screen; zz_fail "an account's row cut"; }
# Locking asks once more: n leaves the account as it was, y locks it; unlocking does not ask.
zz_keys Enter
zz_expect "锁定"
zz_keys Enter
zz_expect "锁定账号 village2？锁定后不能登录，直到解锁（y 是 / n 否）"
zz_keys n
zz_gone "锁定账号 village2？"
zz_has "village2 not locked" '^village2	.*	正常	' "$(zz user list)"
zz_keys Enter
zz_expect "锁定"
zz_keys Enter
zz_expect "锁定账号 village2？"
zz_keys y
zz_expect "已锁定 village2"
zz_has "village2 locked" '^village2	.*	锁定	' "$(zz user list)"
zz_keys Enter
zz_expect "解锁"
zz_keys Enter
zz_expect "已解锁 village2"
zz_keys Enter
zz_expect "重置密码"
zz_keys Down Enter
zz_expect "village2 的临时密码："
# The rules on the line under the prompt, whole within 80 columns.
zz_expect " 至少 8 位，大写、小写字母、数字、符号中至少 3 类，不同于账号和最近 5 次的密码"
# A password the policy refuses: the reason under the prompt, which stays open (the text as *).
zz_type "abc"
zz_keys Enter
zz_expect "密码至少 8 位（改后回车，Esc 放弃）"
zz_expect "village2 的临时密码：***"
zz_keys C-u
zz_type "Temp@2026zz9"
zz_keys Enter
zz_expect "已重置 village2 的密码"
zz_has "reset audited" 'user_passwd	user:village2	ok	重置' "$(zz audit show --as auditor)"
# A role is the security administrator's to change: the roles of the account's unit but the three
# administrators', the cursor on its present one; audited.
zz_keys Enter
zz_expect "更改角色"
zz_keys Down Down Down Enter
zz_expect "账号 village2 的角色（现为综治办（中心））"
zz_absent "安全管理员"
zz_type "领导"
zz_keys Enter
zz_expect "已把账号 village2 的角色改为领导（只读）（下次登录起生效）"
zz_has "village2 a leader" '^village2	.*	leader	' "$(zz user list)"
zz_has "role change audited" 'user_role	user:village2	ok	角色 office → leader' "$(zz audit show --as auditor)"
zz_tui_clean

echo "--- the system administrator adds an account: a bad name is refused before anything else"
login admin
zz_keys /
zz_type "账号"
zz_keys Enter Enter
zz_expect "信息系统 > 账号"
zz_expect "a新增"
zz_absent "回车操作"
zz_keys a
zz_expect "新账号"
zz_type "Bad Name"
zz_keys Enter
zz_expect "不合规"
zz_absent "姓名："
# The name stays in its prompt to be corrected, after the whole label (it was cut at 40 columns).
zz_expect "新账号（小写字母开头，2 到 32 位，可含数字 . _ -）：Bad Name"
# The refusal longer than the line ends in "…" at the 80th column.
zz_screen | tail -n 1 | grep -q "不合规：.*…$" || { zz_screen >&2; zz_fail "the refusal is cut without …"; }
zz_keys C-u
zz_type "wang.gridder"
zz_keys Enter
zz_expect "姓名："
zz_type "王网格"
zz_keys Enter
zz_expect "账号的单位"
zz_type "桥头社区第2网格"
zz_keys Enter
zz_expect "角色"
zz_type "网格员"
zz_keys Enter
zz_expect "初始密码："
zz_expect " 至少 8 位，大写、小写字母、数字、符号中至少 3 类"
# A password the policy refuses stays (hidden) to be corrected, with every answer before it.
zz_type "short"
zz_keys Enter
zz_expect "密码至少 8 位（改后回车，Esc 放弃）"
zz_expect "初始密码：*****"
zz_keys C-u
zz_type "Init@2026zz7"
zz_keys Enter
zz_expect "已新增账号 wang.gridder（桥头社区第2网格，网格员）"
zz_has "the new account" '^wang.gridder	王网格	grid	321204001001002	' "$(zz user list)"
zz_tui_clean

echo "--- offices, departments and the grid member find their daily work"
has county "矛盾纠纷事件办理" "日报与零报告" "待认领" "考核得分" "月报表" "收到的文件" "社情民意上报" "意见建议答复" "查阅申请审批"
has town "矛盾纠纷事件办理" "日报与零报告" "待认领" "严重精神障碍患者"
has village "矛盾纠纷事件办理" "日报与零报告" "网格巡查日志" "服务记录" "严重精神障碍患者"
has grid "网格巡查日志" "服务记录" "严重精神障碍患者" "矛盾纠纷事件办理"
# A department is sent documents without the right to read others: its inbox is there.
has police "导入数据" "待认领" "流动人口" "吸毒人员" "收到的文件"
has justice "刑满释放人员" "社区服刑人员" "服务记录"
has health "严重精神障碍患者" "服务记录"
has leader "矛盾纠纷事件办理" "考核得分" "人员查询" "月报表"
echo "ok ui_roles"
