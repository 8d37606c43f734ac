#!/bin/sh
# 三员分立 with screens (issue 15 part 2, R-AC-3): the auditor searches the audit log by time,
# account, type and result, checks its chain and exports what it found (CSV in the download
# folder, 0600, audited); the security administrator manages an account's SSH public keys (add from
# a .pub file in the upload folder, remove); neither is offered the other's or the system
# administrator's work; the system administrator adds a unit under one in its scope and renames
# one, and moves an account to another unit of its level (a grid member to another grid).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
FILES=$ZZ_TMP/var/files

login() {
	zz_tui_start xterm 80 24
	zz_login "$1"
	zz_menu
	zz_expect "($1)"
}

# screen NAME: open the main menu's entry NAME.
screen() {
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
	zz_expect "信息系统 > $1"
}

zz user lock village --as secadmin >/dev/null || zz_fail "lock"

echo "--- the auditor: search, a refused time, export, reset, verify"
login auditor
zz_absent "账号"
screen "审计日志"
zz_keys /
zz_expect "起始时间"
zz_type "2026-13-45"
# A wrong time is refused in its own prompt, which keeps it, before the next condition is asked.
zz_keys Enter
zz_expect "时间 “2026-13-45” 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（改后回车，Esc 放弃）"
zz_expect "空=不限）：2026-13-45"
zz_absent "截止时间"
zz_keys C-u
zz_keys Enter
zz_expect "截止时间"
zz_keys Enter
zz_expect "账号（空=全部）"
zz_type "secadmin"
zz_keys Enter
zz_expect "类型"
zz_type "user_lock"
zz_keys Enter
zz_expect "结果"
zz_type "ok"
zz_keys Enter
zz_expect "条件：账号 secadmin 类型 user_lock 结果 ok，共 1 条"
zz_expect "user:village"
zz_keys w
zz_expect "已导出 1 条审计记录到下载文件夹：审计日志-"
f=$(ls "$FILES/auditor/download/"审计日志-*.csv 2>/dev/null | head -1)
[ -n "$f" ] || zz_fail "no export in the auditor's download folder"
[ "$(stat -c %a "$f")" = 600 ] || zz_fail "export mode $(stat -c %a "$f"), want 600"
grep -q "user_lock,user:village,ok" "$f" || { cat "$f"; zz_fail "the export lacks the entry"; }
[ "$(wc -l <"$f")" = 2 ] || { cat "$f"; zz_fail "the export holds more than the search"; }
zz_keys r
zz_expect "已清除条件"
zz_keys Enter
zz_expect "哈希链完整"
zz_tui_clean
zz_has "the export is audited" "	auditor	.*	export	audit	ok	审计日志 1 条（账号 secadmin 类型 user_lock 结果 ok）" \
	"$(zz audit show --type export --as auditor)"

echo "--- the security administrator: a key from the upload folder, then removed"
ssh-keygen -q -t ed25519 -N '' -C "grid@test" -f "$ZZ_TMP/gridkey" || zz_fail "ssh-keygen"
mkdir -p "$FILES/secadmin/upload" && cp "$ZZ_TMP/gridkey.pub" "$FILES/secadmin/upload/grid.pub" || zz_fail "upload"
login secadmin
screen "账号"
zz_absent "a新增"
zz_absent "e修改"
zz_row grid
zz_keys Enter
zz_expect "公钥（0 个）"
zz_keys Down Down Enter
zz_expect "grid 的公钥（0 个）"
zz_keys Enter
zz_expect "从上传文件夹选择公钥文件"
zz_expect "grid.pub"
zz_keys Enter
zz_expect "已为 grid 添加公钥（grid.pub）"
blob=$(cut -d' ' -f2 "$ZZ_TMP/gridkey.pub")
zz_row grid
zz_keys Enter
zz_expect "公钥（1 个）"
zz_keys Down Down Enter
zz_expect "grid 的公钥（1 个）"
zz_expect "grid@test"
zz_keys Up Enter
zz_expect "删除 grid 的这个公钥？（y 是 / n 否）"
zz_keys y
zz_expect "已删除 grid 的一个公钥"
zz_tui_clean
aud=$(zz audit show --user secadmin --as auditor)
zz_has "key added, audited" "	user_key	user:grid	ok	添加公钥 ssh-ed25519" "$aud"
zz_has "key removed, audited" "	user_key_del	user:grid	ok	删除公钥 ssh-ed25519" "$aud"
[ -n "$blob" ] || zz_fail "no key"

echo "--- the system administrator: units (a new one under a township, a new name), accounts"
login admin
zz_absent "审计日志"
screen "单位管理"
zz_row 321204001
zz_keys a
zz_expect "新单位代码（321204001 的下级）"
# A code taken is refused in its prompt, which keeps it to be corrected; so is a name too long.
zz_type "001"
zz_keys Enter
zz_expect "单位代码 321204001001 已存在（改后回车，Esc 放弃）"
zz_expect "新单位代码（321204001 的下级）：321204001001"
zz_keys BSpace BSpace BSpace
zz_type "099"
zz_keys Enter
zz_expect "新单位名称"
zz_type "测试社区$(printf '区%.0s' $(seq 1 40))"
zz_keys Enter
zz_expect "单位名称最多 40 个字"
zz_expect "新单位名称：区区区区"
n=0
while [ $n -lt 40 ]; do
	zz_keys BSpace
	n=$((n + 1))
done
zz_keys Enter
zz_expect "已新增单位 321204001099 测试社区"
zz_has "the new unit, a village under the township" '^321204001099	村（社区）	321204001	-	 *测试社区$' "$(zz unit list 321204001)"
zz_keys e
zz_expect "单位 321204001 的新名称"
zz_keys C-u
zz_type "三水街道办事处"
zz_keys Enter
zz_expect "已把单位 321204001 改名为 三水街道办事处"
# A department has no units below it: said at once, before a code is asked for.
zz_row 321204-civil
zz_keys a
zz_expect "成员单位之下不能再设单位"
zz_absent "新单位代码"
zz_keys q
screen "账号"
zz_expect "a新增 e修改 /查找"
zz_absent "回车操作"
# / finds an account by the start of its name or full name among the hundreds; none: said in the
# prompt, which keeps the text.
zz_keys /
zz_expect "查找账号（账号或姓名的开头）："
zz_type "nobody"
zz_keys Enter
zz_expect "没有账号或姓名以“nobody”开头的账号（改后回车，Esc 放弃）"
zz_expect "的开头）：nobody"
zz_keys C-u
zz_type "village2"
zz_keys Enter
zz_expect ">village2 "
# e moves an account to another unit of its level: a grid member to a township is refused with the
# reason; to another grid it moves, its role kept.
zz_row grid
zz_keys e
zz_expect "把账号 grid 调到"
zz_type "罗塘街道"
zz_expect "回车将选定“罗塘街道"
zz_keys Enter
zz_expect "账号只能调到同一层级的单位：grid在网格，罗塘街道是乡镇（街道）"
zz_keys e
zz_expect "把账号 grid 调到"
zz_type "桥头社区第2网格"
zz_expect "回车将选定“桥头社区第2网格"
zz_keys Enter
zz_expect "已把账号 grid 调到桥头社区第2网格"
zz_has "grid moved, its role kept" '^grid	.*	grid	321204001001002	' "$(zz user list)"
zz_tui_clean
aud=$(zz audit show --user admin --as auditor)
zz_has "the move audited" "	user_move	user:grid	ok	单位 321204001001001 → 321204001001002" "$aud"
zz_has "unit added, audited" "	unit_add	unit:321204001099	ok	测试社区 上级=321204001" "$aud"
zz_has "unit renamed, audited" "	unit_rename	unit:321204001	ok	新名称 三水街道办事处" "$aud"

echo "--- neither the auditor nor the security administrator is offered the units"
login secadmin
zz_absent "单位管理"
zz_absent "审计日志"
zz_tui_clean
echo ok
