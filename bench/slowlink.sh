#!/bin/sh
# Slow links (issue 17): the OpenSSH client through bench/slowlink (9,600 and 2,400 bit/s, 300 ms
# each way) to `zongzhi serve`, with and without SSH compression (zlib@openssh.com). For login,
# the to-do list, a list, a page down, the 户籍人口 form (29 fields), a cursor step between fields
# and a save, then the next row's form (the labels already sent once in the session): the time
# to usable and the bytes on the wire. Targets: the form <= 1 s at 9,600
# bit/s with compression; a cursor step <= 80 bytes towards the client. Figures also go to
# bench/out/slowlink.txt. BENCH_BPS, BENCH_ZLIB, BENCH_LATENCY_MS choose the cases; BENCH_BASELINE
# names an older binary to measure first in the same run.
ZZ_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ZZ_ROOT/tests/e2e/lib.sh"
OUT=$ZZ_ROOT/bench/out/slowlink.txt
RELAY=$ZZ_ROOT/build/bench/slowlink
LATENCY=${BENCH_LATENCY_MS:-300}
[ -x "$RELAY" ] || zz_fail "build/bench/slowlink is not built (make build/bench/slowlink)"
mkdir -p "$ZZ_ROOT/bench/out"
zz_ssh_setup
zz_conf_set idle_timeout_s 0
# run_cases LABEL: every case against the server now running; LABEL names the binary.
run_cases() {
	for bps in ${BENCH_BPS:-9600 2400}; do
		for comp in ${BENCH_ZLIB:-yes no}; do
			rport=$(zz_free_port)
			"$RELAY" "$rport" "$ZZ_PORT" "$bps" "$LATENCY" "$ZZ_T/link.stats" 2>>"$ZZ_T/relay.err" &
			rpid=$!
			ZZ_PIDS="$ZZ_PIDS $rpid"
			zz_wait_for 10 zz_port_open "$rport" || zz_fail "slowlink did not start"
			python3 "$ZZ_ROOT/bench/slowlink.py" --tmux "$ZZ_TMUX" --stats "$ZZ_T/link.stats" \
				--command "sshpass -p '$ZZ_DEMO_PASS' ssh $ZZ_SSH_OPTS -o Compression=$comp -p $rport county@127.0.0.1; sleep 600" \
				>"$ZZ_T/steps" || {
				cat "$ZZ_T/steps"
				zz_fail "slowlink.py at $bps bit/s, compression $comp"
			}
			$ZZ_TMUX kill-session -t slow
			kill "$rpid"
			wait "$rpid" 2>/dev/null
			while IFS="	" read -r step ms down up reads; do
				mark=""
				if [ "$1" = now ] && { [ "$step" = "open a form" ] || [ "$step" = "open another form" ]; } &&
					[ "$bps" = 9600 ] && [ "$comp" = yes ]; then
					if [ "$ms" -le 1000 ]; then mark="  (target <= 1000 ms: ok)"; else mark="  (target <= 1000 ms: OVER)"; fi
				fi
				if [ "$1" = now ] && [ "$step" = "cursor step (max of 6)" ]; then
					if [ "$down" -le 80 ]; then mark="  (target <= 80 B: ok)"; else mark="  (target <= 80 B: OVER)"; fi
				fi
				printf '%-6s %-6s %-4s %-24s %7s %7s %6s %5s%s\n' "$1" "$bps" "$comp" "$step" "$ms" "$down" "$up" "$reads" "$mark"
			done <"$ZZ_T/steps" | tee -a "$OUT"
			zz_wait_for 30 zz_no_sessions || echo "warning: sessions still ending"
		done
	done
}

echo "# $(date '+%Y-%m-%d %H:%M') slow link, ${LATENCY} ms each way, 80x24, OpenSSH client in tmux" | tee "$OUT"
printf '%-6s %-6s %-4s %-24s %7s %7s %6s %5s\n' binary bit/s zlib step ms down up reads | tee -a "$OUT"
# BENCH_BASELINE=FILE: the same cases first with an older build of zongzhi as the server, in the
# same run ("before"), then with bin/zongzhi ("now").
if [ -n "${BENCH_BASELINE:-}" ]; then
	ZZ_NOW=$ZZ
	ZZ=$BENCH_BASELINE
	zz_serve_start
	run_cases before
	zz_serve_stop
	ZZ=$ZZ_NOW
	ZZ_PORT=""
fi
zz_serve_start
run_cases now
zz_serve_stop
! grep -q OVER "$OUT"
