#!/bin/sh
# Department-line receivers of a task (8.2.1, R-EV-9): the county police bureau issues a task to
# the 公安 line — every police station under the county — resolved at issue time into the stations,
# each shown with the line it came through; the county office mixes a line with a named unit; a
# line outside the departments, a line with no unit below, and a line from a township refused.
ZZ_CONSOLE_LIMITED=1
. "$(dirname "$0")/lib.sh"
ev_setup

ev_log "the police bureau issues to line:police; the task lists the stations, not the line"
t=$(ev_at '2026-03-02 09:00:00' task new --as police --kind assign --title "清查出租房屋" \
	--text "各派出所本周内清查辖区出租房屋" --to line:police) || zz_fail "task new line:police"
ev_at '2026-03-02 09:01:00' task show "$t" --as police >"$EV_T/show"
n=$(grep -c "派出所	待签收.*	公安条线$" "$EV_T/show")
want=$(awk -F'\t' '$3 == "dept" && $5 == "police" && $2 != "321204"' db/demo/units.tsv | wc -l)
[ "$n" -eq "$want" ] && [ "$n" -gt 1 ] || { cat "$EV_T/show"; zz_fail "line:police gave $n stations, want $want"; }
grep -q "^321204-police	" "$EV_T/show" && zz_fail "the bureau itself is not on its own line"
ev_at '2026-03-02 09:01:00' audit show --type task_new --as auditor >"$EV_T/audit" || zz_fail "audit show"
grep -q "321204001-police（公安条线）" "$EV_T/audit" || { tail -5 "$EV_T/audit"; zz_fail "issue audit lacks the line"; }

ev_log "a station received it as any task: in its to-do and signed off"
ev_at '2026-03-02 09:05:00' todo --as u321204001.police >"$EV_T/todo"
ev_has "$EV_T/todo" "任务待签收"
ev_at '2026-03-02 09:06:00' task sign "$t" --as u321204001.police >/dev/null || zz_fail "station sign"

ev_log "the county office: a line and a named unit together; a unit named and on the line is once"
t2=$(ev_at '2026-03-02 10:00:00' task new --as county --kind assign --title "排查" --text "排查" \
	--to 321204001-justice,line:justice,321204-justice) || zz_fail "task new mixed"
ev_at '2026-03-02 10:01:00' task show "$t2" --as county >"$EV_T/show2"
[ "$(grep -c "^321204001-justice	" "$EV_T/show2")" -eq 1 ] || zz_fail "a named unit repeated by its line"
grep "^321204001-justice	" "$EV_T/show2" | grep -q "条线" && zz_fail "a named unit marked as from the line"
grep "^321204002-justice	" "$EV_T/show2" | grep -q "司法条线$" || zz_fail "the line's other units"
grep "^321204-justice	" "$EV_T/show2" | grep -q "条线" && zz_fail "the county bureau named itself"

ev_log "refusals, each with its reason"
ev_refused '2026-03-02 11:00:00' "没有部门条线 army" task new --as county --kind assign --title x --text y --to line:army
ev_refused '2026-03-02 11:00:00' "接收的公安条线重复" task new --as county --kind assign --title x --text y --to line:police,line:police
ev_refused '2026-03-02 11:00:00' "本单位以下没有信访条线的单位" task new --as county --kind assign --title x --text y --to line:petition
ev_refused '2026-03-02 11:00:00' "本单位以下没有公安条线的单位" task new --as town --kind assign --title x --text y --to line:police
echo "OK tasks_line"
