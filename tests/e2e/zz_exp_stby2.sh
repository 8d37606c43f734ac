#!/bin/sh
# A standby site (9.5, R-AC-5): a command run on the primary right after the standby joined is
# acknowledged by it (exit 0), not reported as unconfirmed: the command waits for its own
# connection to the standby (repl.connect_wait_ms) before its first commit. ZZ_ACK_ROUNDS (10
# unless set) commands in a row must be confirmed. Also measured: how long the first copy of the
# database to a new standby takes. ZZ_CONNECT_WAIT_MS sets repl.connect_wait_ms (0: the race back).
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=10 zz_ssh_setup
ROUNDS=${ZZ_ACK_ROUNDS:-10}

RA=$(zz_free_port)
RB=$(zz_free_port)
SA=$(zz_free_port)
SB=$(zz_free_port)
HA=$ZZ_HOME
HB=$ZZ_T/homeB
cp -R "$ZZ_T/conf" "$ZZ_T/confB"
CA=$ZZ_CONF
CB=$ZZ_T/confB/zongzhi.cfg
repl_site() {
	sed -i -e 's|^\([[:space:]]*enabled[[:space:]]*=\).*|\1 true;|' \
		-e "s|^\([[:space:]]*local[[:space:]]*=\).*|\1 \"127.0.0.1:$2\";|" \
		-e "s|^\([[:space:]]*peers[[:space:]]*=\).*|\1 [ \"127.0.0.1:$3\" ];|" \
		-e "s|^\([[:space:]]*priority[[:space:]]*=\).*|\1 $4;|" "$1/repl.cfg"
	sed -i -e "s|^\([[:space:]]*log[[:space:]]*=\).*|\1 \"$5\";|" "$1/server.cfg"
}
repl_site "$ZZ_T/conf" "$RA" "$RB" 100 "$ZZ_T/server.log"
[ -n "$ZZ_CONNECT_WAIT_MS" ] && sed -i "s|^\([[:space:]]*connect_wait_ms[[:space:]]*=\).*|\1 $ZZ_CONNECT_WAIT_MS;|" "$ZZ_T/conf/repl.cfg"
repl_site "$ZZ_T/confB" "$RB" "$RA" 50 "$ZZ_T/serverB.log"
za() { "$ZZ" -c "$CA" --home "$HA" "$@"; }
zb() { "$ZZ" -c "$CB" --home "$HB" "$@"; }
PA=""
PB=""
repl_cleanup() {
	rc=$?
	for p in $PA $PB; do kill "$p" 2>/dev/null; done
	for p in $PA $PB; do zz_wait_for 20 zz_pids_gone "$p" || kill -9 "$p" 2>/dev/null; done
	left=$(pgrep -f -- "--home $ZZ_T/")
	[ -n "$left" ] && kill -9 $left 2>/dev/null
	if [ $rc -ne 0 ]; then
		echo "--- site B's log" >&2
		tail -20 "$ZZ_T/serverB.log" >&2
		echo "--- site A's log" >&2
		tail -20 "$ZZ_T/server.log" >&2
	fi
	exit $rc
}
trap 'repl_cleanup; zz_ssh_cleanup' EXIT
ready() { [ "$(grep -c " listening on " "$1" 2>/dev/null)" -ge "$2" ]; }

za serve --foreground --listen "127.0.0.1:$SA" >>"$ZZ_T/serve.out" 2>&1 &
PA=$!
zz_wait_for 60 ready "$ZZ_T/server.log" 1 || { cat "$ZZ_T/serve.out"; zz_fail "site A's listener"; }
base="ethnicity=01 live_address=桥头 hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001"
za record add household --as grid idnum="$(zz_idnum 19700101 003)" name=首次复制前 $base >/dev/null 2>&1

# The first copy to a new standby: host keys made beforehand (a new machine's first start makes
# them, which is not replication).
mkdir -p -m 700 "$HB/run"
cp "$HA"/ssh_host_*_key "$HB/"
tb=$(zz_now_ms)
zb serve --foreground --listen "127.0.0.1:$SB" >>"$ZZ_T/serveB.out" 2>&1 &
PB=$!
zz_wait_for 120 ready "$ZZ_T/serverB.log" 1 || zz_fail "the standby's listener"
copy=$(($(zz_now_ms) - tb))
zz_log "first copy to a new standby: $copy ms"
# 5-7 s here; 33-35 s with Berkeley DB's default checkpoint delay (repl.c). A loose bound.
[ "$copy" -lt 25000 ] || zz_fail "the first copy to a new standby took $copy ms"

# Each command opens its own connections to the standby; right after the join, ZZ_ACK_ROUNDS
# commands in a row (each a login and an add) must all be confirmed.
i=1
while [ $i -le "$ROUNDS" ]; do
	za record add household --as grid idnum="$(zz_idnum 19800202 $((100 + i)))" name="确认$i" $base \
		>"$ZZ_T/out" 2>"$ZZ_T/err"
	st=$?
	grep -qF "没有确认" "$ZZ_T/err" && zz_fail "round $i: a commit with the standby up was not confirmed: $(cat "$ZZ_T/err")"
	[ $st -eq 0 ] || zz_fail "round $i: status $st: $(cat "$ZZ_T/err")"
	i=$((i + 1))
done
id=$(cat "$ZZ_T/out")
zz_wait_for 30 sh -c "\"$ZZ\" -c \"$CB\" --home \"$HB\" record get household --as grid $id | grep -qF 确认$ROUNDS" ||
	zz_fail "household $id not on the standby"
SLOW=$ZZ_ROOT/build/tests/slowconnect.so
race() {
	t0=$(zz_now_ms)
	ZZ_SLOW_PORT=$RB ZZ_SLOW_MS=$1 LD_PRELOAD="$SLOW" "$ZZ_ROOT/bin/zongzhi" -c "$CA" --home "$HA" record add household --as grid idnum="$(zz_idnum 19800303 $2)" name="竞争$2" $base >"$ZZ_T/out" 2>"$ZZ_T/err"
	echo "delay $1 cw $(grep connect_wait_ms $ZZ_T/conf/repl.cfg | tr -s ' ') -> status $? in $(($(zz_now_ms) - t0)) ms: $(cat $ZZ_T/err)"
}
race 1000 101
race 3000 102
race 6000 103
sed -i "s|^\([[:space:]]*connect_wait_ms[[:space:]]*=\).*|\1 0;|" "$ZZ_T/conf/repl.cfg"
race 0 104
race 1000 105
race 3000 106
