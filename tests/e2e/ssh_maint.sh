#!/bin/sh
# Maintenance mode (9.4, R-AC-4): the security administrator turns it on with a reason; a
# logged-in session of another account is closed with the reason shown, a new login is refused
# with the reason, the security administrator's own session goes on, the daemon's pass runs no
# rule, a snapshot of the database and the audit is taken; off resumes; all audited.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
head_lines() { if [ -f "$ZZ_T/var/audit-head.log" ]; then wc -l <"$ZZ_T/var/audit-head.log"; else echo 0; fi; }
reason="入侵排查：异常登录"

zz_log "sessions of village and of the security administrator"
zz_ssh_window v village
zz_wait_main_menu v village
# The security administrator logs in with two factors (security.admin_two_factor): key, then password.
ssh-keygen -q -t ed25519 -N '' -C "secadmin@test" -f "$ZZ_T/seckey" || zz_fail "ssh-keygen"
zzc user key add secadmin "$ZZ_T/seckey.pub" --as secadmin >/dev/null || zz_fail "user key add"
zz_ssh_window s secadmin -i "$ZZ_T/seckey" -o IdentitiesOnly=yes
zz_wait_main_menu s secadmin

zz_log "R-AC-4: only the security administrator turns it on, with a reason free of control characters"
out=$(zzc maintenance on --reason "$reason" --as county 2>&1) && zz_fail "county turned maintenance on"
echo "$out" | grep -q "无权" || zz_fail "refusal of county without its reason: $out"
out=$(zzc maintenance on --as secadmin 2>&1) && zz_fail "on without a reason"
echo "$out" | grep -q "请说明进入维护状态的原因" || zz_fail "no reason asked: $out"
out=$(zzc maintenance on --reason "$(printf 'a\033[2Jb')" --as secadmin 2>&1) && zz_fail "escape in the reason accepted"
echo "$out" | grep -q "控制字符" || zz_fail "escape refused without saying why: $out"
zzc maintenance status | grep -q "正常运行" || zz_fail "status before: $(zzc maintenance status)"

zz_log "on: a snapshot of the database and the audit chain's head"
out=$(zzc maintenance on --reason "$reason" --as secadmin 2>&1) || zz_fail "maintenance on: $out"
snap=$(echo "$out" | sed -n 's/^数据库与审计日志的快照：//p')
[ -n "$snap" ] && [ -f "$snap/audit.db" ] || zz_fail "no snapshot with audit.db: $out"
db5.3_verify -h "$snap" "$snap/audit.db" >/dev/null 2>&1 || zz_fail "snapshot's audit.db does not verify"
zzc maintenance status | grep -q "原因：$reason" || zz_fail "status: $(zzc maintenance status)"
zzc maintenance status | grep -q "由 secadmin 开启" || zz_fail "status without who: $(zzc maintenance status)"

zz_log "the session of village is closed with the reason on its screen"
zz_wait_screen v "SSH-EXIT-" 15
zz_win_has v "系统进入维护状态" || { zz_win v >&2; zz_fail "village not told"; }
zz_win_has v "$reason" || { zz_win v >&2; zz_fail "village not shown the reason"; }

zz_log "the security administrator's session goes on"
sleep 2
zz_win_has s "SSH-EXIT-" && zz_fail "the security administrator's session was closed"
zz_win_has s "> 主菜单" || { zz_win s >&2; zz_fail "secadmin's menu gone"; }

zz_log "a new login is refused with the reason"
zz_ssh_window n county
zz_wait_screen n "SSH-EXIT-" 30
zz_win_has n "暂停登录" || { zz_win n >&2; zz_fail "county's refusal does not say why"; }
zz_win_has n "$reason" || { zz_win n >&2; zz_fail "county not shown the reason"; }

zz_log "the daemon's pass runs no rule (the daily audit head is not written)"
before=$(head_lines)
out=$(zzc daemon --once 2>&1) || zz_fail "daemon --once: $out"
echo "$out" | grep -q "维护状态" || zz_fail "daemon did not say it pauses: $out"
[ "$(head_lines)" = "$before" ] || zz_fail "the daemon ran a rule during maintenance"

zz_log "off resumes: logins and the daemon"
zzc maintenance off --as county >/dev/null 2>&1 && zz_fail "county turned maintenance off"
zzc maintenance off --as secadmin | grep -q "已退出维护状态" || zz_fail "maintenance off"
zzc maintenance status | grep -q "正常运行" || zz_fail "status after off"
zzc daemon --once >/dev/null 2>&1 || zz_fail "daemon --once after off"
[ "$(head_lines)" -gt "$before" ] || zz_fail "the daemon did not resume (no audit head written)"
zz_ssh_window n2 county
zz_wait_main_menu n2 county

zz_log "audited: refusal, on, the snapshot, the refused login, the closed session, off"
audit=$(zzc audit show --as auditor)
echo "$audit" | grep -P "\tcounty\t.*\tmaintenance\tmaintenance\trefused" >/dev/null || zz_fail "refusal of county not audited"
echo "$audit" | grep -P "\tsecadmin\t.*\tmaintenance\tmaintenance\tok\t开启维护状态：\Q$reason\E" >/dev/null ||
	zz_fail "on not audited"
echo "$audit" | grep -P "\tsecadmin\t.*\tbackup\tbackup:\Q$snap\E\tok" >/dev/null || zz_fail "snapshot not audited"
echo "$audit" | grep -P "\tcounty\t.*\tsession\tsession\trefused\t维护状态" >/dev/null || zz_fail "refused login not audited"
echo "$audit" | grep -P "\tvillage\t.*\tlogout\tsession\tok\t会话结束：系统进入维护状态" >/dev/null ||
	zz_fail "closed session not audited"
echo "$audit" | grep -P "\tsecadmin\t.*\tmaintenance\tmaintenance\tok\t关闭维护状态" >/dev/null || zz_fail "off not audited"
zzc audit verify >/dev/null || zz_fail "audit chain broken"
echo ok
