#!/bin/sh
# Disk: the daemon's checkpoint removes log files recovery no longer needs, but only once a backup
# holds them (disk.log_keep_until_backup); `zongzhi status` shows data, logs, free space and the
# last backup; below the warning threshold the administrators' to-do list says so, nobody else's.
. "$(dirname "$0")/lib.sh"
zz_setup
c=$ZZ_TMP/conf/zongzhi.cfg
sed -i -e 's/^\(  log_mb =\).*/\1 1;/' -e 's/^\(  log_buffer_kb =\).*/\1 64;/' \
	-e 's/^\(  log_keep_days =\).*/\1 0;/' -e 's/^\(  warn_free_percent =\).*/\1 100;/' \
	-e 's/^\(  warn_log_mb =\).*/\1 1;/' "$c"
zz_status "init --demo" 0 zz init --demo --persons 300
# The demo is written without the log (store_set_durable); an import is logged like any change.
python3 "$ZZ_ROOT/bench/gen_household.py" 1500 "$ZZ_ROOT" >"$ZZ_TMP/h.csv" || zz_fail "generator"
zz import household "$ZZ_TMP/h.csv" --as county >"$ZZ_TMP/import.out" 2>&1 ||
	zz_fail "import: $(tail -3 "$ZZ_TMP/import.out")"
# A log file whose time is the backup's second counts as written after it began (whole seconds).
sleep 1
logs() { ls "$ZONGZHI_HOME" | grep -c '^log\.'; }
n0=$(logs)
[ "$n0" -ge 3 ] || zz_fail "want several 1 MB log files after init and an import, got $n0"

zz_log "status: data, logs, free space, no backup yet"
zz_status "status" 0 zz status
out=$(cat "$ZZ_TMP/out")
zz_has "status" "日志文件" "$out"
zz_has "status: the sizes in the column of the other values" "^数据文件    [0-9.]+ MB$" "$out"
zz_has "status: the log's too" "^日志文件    [0-9.]+ MB$" "$out"
zz_has "status" "$n0 个文件" "$out"
zz_has "status" "剩余空间" "$out"
zz_has "status" "最近备份    尚无" "$out"
zz_has "status" "警告：剩余空间低于 100%" "$out"

zz_log "without a backup the daemon keeps every log file"
zz_status "daemon --once" 0 zz daemon --once
[ "$(logs)" -ge "$n0" ] || zz_fail "logs removed with no backup: $(logs) of $n0"

zz_log "after a backup the daemon removes the logs it holds"
zz_status "backup" 0 zz backup "$ZZ_TMP/bak"
sleep 1
zz_status "daemon --once" 0 zz daemon --once
n1=$(logs)
[ "$n1" -lt "$n0" ] || zz_fail "no log removed after the backup: $n1 of $n0"
echo "log files: $n0 before, $n1 after the backup and a pass"
zz_status "verify after removal" 0 zz verify
zz_status "status" 0 zz status
zz_lacks "status" "最近备份    尚无" "$(cat "$ZZ_TMP/out")"

zz_log "the warning in the administrators' to-do list only"
zz_status "todo admin" 0 zz todo --as admin
zz_has "admin's to-do" "磁盘剩余空间不足" "$(cat "$ZZ_TMP/out")"
# At the system's own level, not a card's (红牌 is for events' overdue cards only).
zz_has "admin's to-do: level 系统" "^系统	.*系统告警：磁盘剩余空间不足" "$(cat "$ZZ_TMP/out")"
zz_lacks "admin's to-do: no card for the disk" "^(红牌|黄牌)	.*磁盘" "$(cat "$ZZ_TMP/out")"
# Nothing to open (no ref): in the administrator's UI Enter shows the whole text, no dead end.
zz_has "admin's to-do: no ref" "^系统	-	disk		系统告警：磁盘剩余空间不足" "$(cat "$ZZ_TMP/out")"
zz_tui_start xterm 80 24
zz_login admin
zz_expect "信息系统 > 待办事项"
zz_expect ">系统                  系统告警：磁盘剩余空间不足"
zz_keys Enter
zz_expect "请清理或扩容"
zz_expect "/1 行"
zz_absent "不能在这里打开"
zz_keys Escape
zz_expect "信息系统 > 待办事项"
zz_tui_clean
zz_status "todo village" 0 zz todo --as village
zz_lacks "village's to-do" "磁盘" "$(cat "$ZZ_TMP/out")"
echo ok
