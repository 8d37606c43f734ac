#!/bin/sh
# A standby site (9.5, R-AC-5): two homes on loopback, each with its own `zongzhi serve`, replicate
# with Berkeley DB's replication manager. The standby follows the primary and refuses changes; a
# write load runs on the primary, whose processes are then killed with -9; an election makes the
# standby primary within 30 s; every commit the primary acknowledged (a quorum: both sites) is
# there; writes resume on the new primary; the old primary comes back as a standby and catches up.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=10 zz_ssh_setup

# Off by default: a single site has no role.
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" repl status >/dev/null 2>"$ZZ_T/err" && zz_fail "repl status without replication"
grep -qF "本站没有启用复制（设置 repl.enabled）" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "repl status: the refusal"; }

zz_repl_pair_start daemon
# A new standby's first copy of the database can take long on a loaded machine.
sed -i 's|^\([[:space:]]*startup_wait_s[[:space:]]*=\).*|\1 170;|' "$ZZ_T/confB/repl.cfg"

role_is() { "$@" repl status 2>/dev/null | head -1 | grep -qF "$ROLE"; }

# The primary: the home made by init (without replication), now the group's first site.
# Each site's listener opens the environment first: it runs the replication manager (a command run
# before it would, and leave with it).
zz_repl_start_a
zz_wait_for 60 zz_repl_ready "$ZZ_T/server.log" 1 || { cat "$ZZ_T/serve.out"; zz_fail "site A's listener"; }
ROLE=主站点
zz_wait_for 60 role_is za || { cat "$ZZ_T/serve.out"; zz_fail "site A is not the primary"; }

base="ethnicity=01 live_address=桥头 hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001"
za record add household --as grid idnum="$(zz_idnum 19700101 003)" name=备用只读 $base >/dev/null || zz_fail "add on A"

# The standby starts from an empty home: the primary sends it everything.
mkdir -p -m 700 "$HB/run"
zz_repl_start_b
tb=$(zz_now_ms)
zz_wait_for 180 zz_repl_ready "$ZZ_T/serverB.log" 1 || zz_fail "the standby's listener"
zz_log "standby in step with the primary after $(($(zz_now_ms) - tb)) ms"
ROLE=备用站点
zz_wait_for 30 role_is zb || zz_fail "site B did not become a standby"
zb repl status | grep -qF "127.0.0.1:$RA" || zz_fail "the standby does not name the primary"
zb repl status | grep -qF "主站点登录地址	127.0.0.1 端口 $SA" || zz_fail "repl status: the primary's login address"
# A standby refuses changes and says where to make them (R-AC-5): the primary's address for users
# (its SSH port, repl.sites), not its replication address, which no one can log in to.
REFUSAL="本站是备用站点（只读），不能保存：请登录主站点 127.0.0.1 端口 $SA"
zb record add household --as grid idnum="$(zz_idnum 19700101 001)" name=备用 $base >"$ZZ_T/out" 2>"$ZZ_T/err" &&
	zz_fail "the standby accepted a change"
grep -qF "$REFUSAL" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "the standby's refusal"; }
# The command's audit entries (its login as grid) go to the standby's server log, as its sessions'
# do, not onto the person's terminal.
grep -F "audit (standby site)" "$ZZ_T/err" && zz_fail "a command on the standby printed its audit entries"
grep -q "audit (standby site): user=grid .*source=cli uid=.*type=login " "$ZZ_T/serverB.log" ||
	{ cat "$ZZ_T/err"; zz_fail "the command's login on the standby not in the server log"; }

# A session on the standby: logged in (audited in the standby's log, its database being the
# primary's), the status line says it is read-only.
ZZ_PORT=$SB
zz_ssh_window sb grid
zz_wait_main_menu sb grid 60
zz_wait_screen sb "备用站点（只读）" 10
grep -q "audit (standby site): user=grid .*type=login " "$ZZ_T/serverB.log" || zz_fail "the standby's login not logged"
# A save there is refused with the reason, and what was typed stays on the form.
ZZ_W=sb
ZZ_WAIT_TENTHS=300
zz_keys /
zz_type 户籍人口
zz_keys Enter Enter
zz_expect "单位:"
zz_keys /
zz_expect "搜索（"
zz_type 备用只读
zz_keys Enter
zz_expect "备用只读"
zz_keys Enter
zz_expect "户籍人口 > 备用只读"
zz_keys e
zz_expect "填写"
# The form's status line fits 80 columns: its hints whole (F1帮助 last), the marker in its short form.
status=$(zz_screen | tail -1)
printf '%s\n' "$status" | grep -qF "F1帮助" || { zz_screen >&2; zz_fail "the standby's form lost F1帮助: $status"; }
printf '%s\n' "$status" | grep -qF "备用只读" || { zz_screen >&2; zz_fail "the standby's form lost its marker: $status"; }
n=0
while ! zz_screen | grep -q "^>.*曾用名"; do
	[ $n -lt 12 ] || zz_fail "no field 曾用名"
	zz_keys Tab
	sleep 0.3
	n=$((n + 1))
done
zz_type 备用站点上填的
zz_keys F2
zz_expect "本站是备用站点（只读），不能保存"
# The whole refusal, the address to log in to included, on one line of the 80-column screen.
zz_screen | grep -qF "$REFUSAL" || { zz_screen; zz_fail "the refusal on the screen lacks the primary's login address"; }
zz_screen_has "备用站点上填的" || zz_fail "the typed value was lost"
ZZ_W=
$ZZ_TMUX kill-window -t zz:sb
zz_wait_for 20 grep -q "audit (standby site): user=grid .*type=logout " "$ZZ_T/serverB.log" ||
	zz_fail "the standby's logout not logged"

# The write load: a client adds households and keeps the ids the primary acknowledged (exit 0).
: >"$ZZ_T/acked"
(
	i=100
	while [ $i -lt 400 ]; do
		id=$(za record add household --as grid idnum="$(zz_idnum 19800101 $i)" name="负载$i" $base 2>>"$ZZ_T/load.err") &&
			echo "$id" >>"$ZZ_T/acked"
		i=$((i + 1))
	done
) &
LOAD=$!
acked_n() { [ "$(wc -l <"$ZZ_T/acked")" -ge "$1" ]; }
zz_wait_for 120 acked_n 5 || { cat "$ZZ_T/load.err"; zz_fail "the load: 5 acknowledged adds not within 120 s"; }

# The primary dies: its listener, daemon and sessions, and the add in flight, all with -9. The load
# stops first: an add it started after the listener died would run the replication manager of
# site A in its own process and hold an election against the standby (site A has the higher
# priority), so that the failover measured would be a different one each run.
kill -9 "$LOAD"
kill -9 $PA $(pgrep -P "$PA") $(pgrep -f -- "--home $HA ") 2>/dev/null
t0=$(zz_now_ms)
wait "$LOAD" 2>/dev/null
a_gone() { [ -z "$(pgrep -f -- "--home $HA ")" ]; }
zz_wait_for 10 a_gone || zz_fail "a process of site A outlived kill -9"
zz_log "acknowledged before the kill: $(wc -l <"$ZZ_T/acked")"

ROLE=主站点
zz_wait_for 30 role_is zb || zz_fail "no election within 30 s"
zz_log "standby elected primary in $(($(zz_now_ms) - t0)) ms"

# Not one acknowledged commit lost.
while read -r id; do
	# By what it prints: the exit status also says whether this command's own login (a write on a
	# primary now alone) was acknowledged.
	zb record get household --as grid "$id" 2>/dev/null | grep -qF 负载 ||
		zz_fail "acknowledged household $id lost in the failover"
done <"$ZZ_T/acked"

# Writes resume on the new primary: stored, and said to be unconfirmed while it is alone.
zb record add household --as grid idnum="$(zz_idnum 19900101 001)" name=接管后 $base >"$ZZ_T/out" 2>"$ZZ_T/err"
grep -qF "已在本站保存，但备用站点没有确认" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "the lone primary's warning"; }
after=$(cat "$ZZ_T/out")
zb record get household --as grid "$after" | grep -qF 接管后 || zz_fail "write on the new primary"

# The old primary rejoins as a standby, catches up, and refuses changes.
zz_repl_start_a
zz_wait_for 90 zz_repl_ready "$ZZ_T/server.log" 2 || { cat "$ZZ_T/serve.out"; zz_fail "site A's listener after the restart"; }
ROLE=备用站点
zz_wait_for 30 role_is za || { tail "$ZZ_T/server.log"; zz_fail "the old primary did not rejoin as a standby"; }
zz_wait_for 30 sh -c "\"$ZZ\" -c \"$CA\" --home \"$HA\" record get household --as grid $after | grep -qF 接管后" ||
	zz_fail "the old primary did not catch up"
za record add household --as grid idnum="$(zz_idnum 19700101 002)" name=旧主 $base >/dev/null 2>"$ZZ_T/err" &&
	zz_fail "the rejoined old primary accepted a change"
grep -qF "本站是备用站点（只读），不能保存：请登录主站点 127.0.0.1 端口 $SB" "$ZZ_T/err" ||
	{ cat "$ZZ_T/err"; zz_fail "refusal on the old primary"; }

# With both sites up again a commit reaches the standby, and the command right after the old
# primary rejoined says it is confirmed (it said 「…没有确认」 in 1 run in 20 when it committed
# before its own connection to the standby was ready: repl.connect_wait_ms, store_confirmed).
zb record add household --as grid idnum="$(zz_idnum 19900101 002)" name=双站 $base >"$ZZ_T/out" 2>"$ZZ_T/err" ||
	{ cat "$ZZ_T/err"; zz_fail "a write with both sites up was not confirmed"; }
grep -qF "没有确认" "$ZZ_T/err" && { cat "$ZZ_T/err"; zz_fail "a write with both sites up was not confirmed"; }
both=$(cat "$ZZ_T/out")
[ -n "$both" ] || { cat "$ZZ_T/err"; zz_fail "a write with both sites up"; }
zz_wait_for 30 sh -c "\"$ZZ\" -c \"$CA\" --home \"$HA\" record get household --as grid $both | grep -qF 双站" ||
	zz_fail "a write with both sites up did not reach the standby"
echo "PASS repl_failover"
