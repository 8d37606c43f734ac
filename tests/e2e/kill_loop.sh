#!/bin/sh
# "The next opener recovers, nobody else is affected" (admin guide, 5): kill -9 at a random moment
# of an import, of a loop of record saves, of the daemon's pass (under a moved clock, so that it has
# work) and of the listener, ZZ_KILL_LOOPS times in turn (default 20; bench/kill.sh runs 200).
# After each kill: a new command answers, a login over SSH through the listener (which ran all
# along, or was restarted after its own kill) gets in, a daemon pass succeeds, `verify` is clean,
# and nothing reported committed before the kill is lost. Each step is bounded by ZZ_KILL_BOUND
# seconds (120 unless set): a hang fails the loop, a busy machine does not (10 s failed once while
# two compilers ran). How long the new command and the login took is printed, the slowest at the
# end: bench/kill.sh's figures. (A process that keeps the database open through recoveries is
# tests/e2e/cli_crash.sh's bystander.) ZZ_KILL_SEED repeats a run's random moments.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
loops=${ZZ_KILL_LOOPS:-20}
seed=${ZZ_KILL_SEED:-$$}
bound=${ZZ_KILL_BOUND:-120}
echo "kill loop: $loops iterations, seed $seed"
zz_conf_set batch_rows 100
zz() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"
}
g1=321204001001001
saved_id=$(zz_idnum 19790101 901)
zz record add household idnum="$saved_id" name=保存者 ethnicity=01 live_address=桥头0 hukou_status=1 \
	head_relation=01 housing_kind=1 --unit $g1 --as grid >/dev/null || zz_fail "record add"
python3 "$ZZ_ROOT/bench/gen_household.py" 10000 "$ZZ_ROOT" >"$ZZ_T/h.csv" || zz_fail "generator"
# Reads are bounded too: a hang or an error fails the loop with its place instead of stalling it
# (or counting nothing).
households() {
	_hh=$(timeout "$bound" "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record list household --as county) || return 1
	printf '%s\n' "$_hh" | tail -n +2 | wc -l
}
# The moment the daemon runs at: a day later each iteration, so that each pass has the day's work;
# from the day the other commands see (ZZ_SUITE_TIME's), not the machine's, so that it stays after
# the records they write.
day0=$(date -d "$(zz_date +%F) +40 days" +%s)
when() {
	date -d "@$((day0 + $1 * 86400))" '+%F 10:00:00'
}

# at SECONDS 'YYYY-MM-DD HH:MM:SS' ARGS…: zongzhi at that moment, ended after SECONDS.
at() {
	_s=$1 _w=$2
	shift 2
	timeout "$_s" env ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$ZZ_FAKETIME_LIB" FAKETIME="$_w" \
		DONT_FAKE_MONOTONIC=1 "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"
}
# The listener's pid file and port are free again once it is gone (kill -9 leaves the pid file).
serve_kill() {
	kill -9 "$ZZ_SERVE_PID" 2>/dev/null
	wait "$ZZ_SERVE_PID" 2>/dev/null
}
ssh_login() {
	out=$(timeout "$bound" sshpass -p "$ZZ_DEMO_PASS" ssh $ZZ_SSH_OPTS -o ConnectTimeout="$bound" -T -p "$ZZ_PORT" \
		village@127.0.0.1 </dev/null 2>&1)
	echo "$out" | grep -qF "需要终端（pty）"
}

# ms: a random number of milliseconds below $1, from the seeded sequence.
rnd_state=$seed
rnd() {
	rnd_state=$(((rnd_state * 1103515245 + 12345) % 2147483648))
	ms=$(((rnd_state / 65536) % $1))
}
sleep_ms() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

zz_serve_start
base=$(households) || zz_fail "no list of households"
saved=0
recovered=0
max_cmd=0
max_login=0
i=0
while [ $i -lt "$loops" ]; do
	i=$((i + 1))
	kind=$((i % 4))
	# Counted before the victim starts: a login as an account is audited, and would queue behind
	# the import it counts (cli_crash_import.sh checks the batches an import killed midway keeps).
	before=$(households) || zz_fail "$i: no list of households within $bound s before the kill"
	case $kind in
	0) # an import, from the row where the last one stopped; once all is in, every row an update
		src=$ZZ_T/h.csv
		if [ "$before" -ge $((base + 10000)) ]; then
			sed "s/,江苏泰州,/,江苏泰州$i,/" "$ZZ_T/h.csv" >"$ZZ_T/h2.csv"
			src=$ZZ_T/h2.csv
		fi
		(exec "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" import household "$src" --as county >"$ZZ_T/import.out" 2>&1) &
		victim=$!
		rnd 400
		what="import"
		;;
	1) # saves one after the other; each reported done once its command has exited 0
		(
			n=$saved
			while :; do
				n=$((n + 1))
				zz record update household "$saved_id" live_address="桥头$n" --as grid >/dev/null 2>"$ZZ_T/save.err" ||
					exit 1
				echo "$n" >>"$ZZ_T/saved"
			done
		) &
		victim=$!
		rnd 600
		what="saves"
		;;
	2) # the daemon's loop, its first pass at once
		(exec env ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$ZZ_FAKETIME_LIB" FAKETIME="$(when $i)" \
			DONT_FAKE_MONOTONIC=1 "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" daemon >"$ZZ_T/daemon.out" 2>&1) &
		victim=$!
		rnd 120
		what="daemon at $(when $i)"
		;;
	3) # the listener, with a login under way
		ssh_login &
		login=$!
		victim=$ZZ_SERVE_PID
		rnd 600
		what="listener"
		;;
	esac
	sleep_ms "$ms"
	zz_log "$i: kill -9 $what after $ms ms"
	if [ $kind = 1 ]; then
		# The loop stops first, so that no new save starts; then the save under way dies.
		kill -STOP "$victim" 2>/dev/null
		kids=$(pgrep -P "$victim")
		[ -n "$kids" ] && kill -9 $kids
		kill -9 "$victim" 2>/dev/null
		wait "$victim" 2>/dev/null
		[ -s "$ZZ_T/save.err" ] && { cat "$ZZ_T/save.err"; zz_fail "$i: a save failed before the kill"; }
	elif [ $kind = 3 ]; then
		serve_kill
		wait "$login"
	else
		kill -9 "$victim" 2>/dev/null
		wait "$victim" 2>/dev/null
	fi

	# A new command.
	t0=$(zz_now_ms)
	ZONGZHI_DB_DEBUG=1 timeout "$bound" "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record list household --limit 1 --as county >"$ZZ_T/list.out" 2>&1 ||
		{
			# What it waited behind: the processes of the home and the registry's lines.
			cat "$ZZ_T/list.out"
			ps -o pid,stat,etime,time,args -C zongzhi -C zongzhi-san
			cat "$ZZ_HOME/__db.register"
			zz_fail "$i: no answer to a new command within $bound s after the kill of the $what"
		}
	t1=$(zz_now_ms)
	# A login, the listener restarted if it was the one killed.
	[ $kind = 3 ] && zz_serve_start
	ssh_login || { echo "$out"; tail -5 "$ZZ_T/server.log"; zz_fail "$i: no login within $bound s after the kill of the $what"; }
	t2=$(zz_now_ms)
	grep -q "died in Berkeley DB" "$ZZ_T/list.out" && recovered=$((recovered + 1))
	echo "    command $((t1 - t0)) ms, login $((t2 - t1)) ms"
	[ $((t1 - t0)) -gt "$max_cmd" ] && max_cmd=$((t1 - t0))
	[ $((t2 - t1)) -gt "$max_login" ] && max_login=$((t2 - t1))
	# The daemon resumes.
	at "$bound" "$(when $i)" daemon --once >"$ZZ_T/once.out" 2>&1 ||
		{ cat "$ZZ_T/once.out"; zz_fail "$i: the daemon's pass failed after the kill of the $what"; }
	timeout "$bound" "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" verify >"$ZZ_T/verify.out" 2>&1 ||
		{ grep -v "正常$\|一致$\|完整$" "$ZZ_T/verify.out"; zz_fail "$i: verify after the kill of the $what"; }
	# Nothing committed is lost: no household goes away, and the last save reported is there (or
	# the one under way at the kill, which may have committed without being reported).
	after=$(households) || zz_fail "$i: no list of households within $bound s after the kill of the $what"
	[ "$after" -ge "$before" ] || zz_fail "$i: households went from $before to $after"
	[ -s "$ZZ_T/saved" ] && saved=$(tail -1 "$ZZ_T/saved")
	got=$(timeout "$bound" "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record get household "$saved_id" --as county | sed -n 's/^现住门（楼）详址	桥头//p')
	[ "$got" = "$saved" ] || [ "$got" = $((saved + 1)) ] || zz_fail "$i: saved 桥头$saved, found 桥头$got"
	saved=$got
	echo "$saved" >"$ZZ_T/saved"
done
zz_status "audit chain" 0 zz audit verify
# The listener that saw all this stops when told (it used to hang closing a dead environment).
zz serve --stop >/dev/null || zz_fail "serve --stop"
zz_wait_for "$bound" zz_pids_gone "$ZZ_SERVE_PID" || zz_fail "the listener still runs $bound s after serve --stop"
echo "households $(households), saves $saved"
echo "kills $loops: recovery run by the next command after $recovered; slowest new command $max_cmd ms, slowest login $max_login ms"
echo ok
