#!/bin/sh
# zongzhi serve without --foreground: goes to the background with a pid file, starts and watches
# `zongzhi daemon` (restarting it when it dies), serves logins; serve --stop stops both.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
ZZ_PORT=$(zz_free_port)
zz_conf_set log "\"$ZZ_T/server.log\""
zz_conf_set start_daemon true

out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --listen "127.0.0.1:$ZZ_PORT" 2>&1) || zz_fail "serve: $out"
echo "$out" | grep -qF "已在后台启动" || zz_fail "no message: $out"
pidfile=$ZZ_HOME/run/serve.pid
[ -f "$pidfile" ] || zz_fail "no pid file"
zz_wait_for 30 zz_port_open "$ZZ_PORT" || zz_fail "not listening"
lpid=$(cat "$pidfile")
kill -0 "$lpid" || zz_fail "listener $lpid not running"
[ "$(ps -o tty= -p "$lpid" | tr -d ' ')" = "?" ] || zz_fail "listener still has a terminal"

zz_log "a second serve is refused while one runs"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --foreground --listen "127.0.0.1:$ZZ_PORT" >"$ZZ_T/second.out" 2>&1 &&
	zz_fail "a second listener started"
grep -qF "服务已在运行" "$ZZ_T/second.out" || zz_fail "no clear message: $(cat "$ZZ_T/second.out")"
[ "$(cat "$pidfile")" = "$lpid" ] || zz_fail "the refused second serve touched the running one's pid file"

zz_log "another home's serve on the port in use: refused with the reason, nothing left behind"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_T/home2" init >/dev/null 2>&1 || zz_fail "init of a second home"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_T/home2" serve --listen "127.0.0.1:$ZZ_PORT" >"$ZZ_T/port.out" 2>&1 &&
	zz_fail "a second listener on the same port"
grep -qF "无法监听 127.0.0.1 端口 $ZZ_PORT" "$ZZ_T/port.out" || zz_fail "port in use: $(cat "$ZZ_T/port.out")"
[ -e "$ZZ_T/home2/run" ] && zz_fail "the refused start left $(ls -R "$ZZ_T/home2/run")"

zz_log "the daemon runs as the listener's child and is restarted when it dies"
daemon_pid() { pgrep -P "$lpid" -f " daemon\$"; }
zz_wait_for 30 daemon_pid || zz_fail "daemon not started"
d1=$(daemon_pid)
kill -9 "$d1"
restarted() { d=$(daemon_pid) && [ "$d" != "$d1" ]; }
zz_wait_for 60 restarted || zz_fail "daemon not restarted"
d2=$(daemon_pid)

zz_log "logins work"
zz_ssh_window w village
zz_wait_main_menu w village

zz_log "serve --stop stops the listener and the daemon; the session goes on"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --stop | grep -qF "已停止" || zz_fail "serve --stop"
zz_wait_for 10 zz_pids_gone "$lpid" "$d2" || zz_fail "listener or daemon still running"
[ -f "$pidfile" ] && zz_fail "pid file left behind"
zz_port_open "$ZZ_PORT" && zz_fail "still listening"
zz_win_has w "SSH-EXIT" && zz_fail "the session ended with the listener"
zz_ui_quit w
zz_wait_screen w "SSH-EXIT-0" 30

zz_log "serve --stop when nothing runs says so"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --stop 2>"$ZZ_T/stop.err" && zz_fail "--stop succeeded with nothing running"
grep -qF "没有运行" "$ZZ_T/stop.err" || zz_fail "no clear message: $(cat "$ZZ_T/stop.err")"

zz_log "a home that does not exist: named, as other commands do, not its pid file; nothing made"
for mode in --foreground "" --stop; do
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_T/nohome" serve $mode --listen "127.0.0.1:$ZZ_PORT" >"$ZZ_T/no.out" 2>&1 &&
		zz_fail "serve $mode on a home that does not exist succeeded"
	grep -qF "数据库目录 $ZZ_T/nohome 不存在" "$ZZ_T/no.out" || zz_fail "serve $mode: $(cat "$ZZ_T/no.out")"
	grep -qF "pid" "$ZZ_T/no.out" && zz_fail "serve $mode names the pid file: $(cat "$ZZ_T/no.out")"
	[ -e "$ZZ_T/nohome" ] && zz_fail "serve $mode made the home"
done
echo ok
