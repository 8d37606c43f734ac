#!/bin/sh
# `zongzhi verify` checks every record type against all four record indexes (unit, key, name, ID
# number), both ways: a row missing from each index, and a row naming a record that is gone, are
# each reported with the type and exit 1; the same for the events' two indexes (ev_unit, ev_open).
# Between the cases the database is brought back.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 20
TAMPER=$(zz_suite_wrap "$ZZ_ROOT/build/tests/dbtamper")
[ -x "$TAMPER" ] || zz_fail "build/tests/dbtamper missing"

zz_status "intact" 0 zz verify
zz_has "says the indexes agree" "条记录，索引一致" "$(cat "$ZZ_TMP/out")"
zz_has "the events' indexes agree" "件事件，经手单位、办理中、到期索引一致" "$(cat "$ZZ_TMP/out")"
zz_lacks "no problem" "索引有误|无法检查" "$(cat "$ZZ_TMP/out")"
zz_status "backup" 0 zz backup "$ZZ_TMP/bak"

for case in "1 单位索引中缺失" "2 关键字索引中缺失" "3 名称索引中缺失" "4 身份证号索引中缺失"; do
	n=${case%% *}
	"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" index "$n" || zz_fail "tamper index $n"
	zz_status "index $n: row removed is found" 1 zz verify
	zz_has "index $n: names it" "${case#* }" "$(cat "$ZZ_TMP/out")"
	zz_has "index $n: the type's line" "索引有误" "$(cat "$ZZ_TMP/out")"
	zz_has "index $n: the summary" "发现 [0-9]+ 处问题" "$(cat "$ZZ_TMP/err")"
	zz_status "index $n: restore" 0 zz restore "$ZZ_TMP/bak" --force
done

# The events' indexes (ev_unit: every unit that held an event; ev_open: open events by holder),
# both ways: a row missing, and a row naming an event that does not exist.
for case in "5 ev_unit 缺少" "6 ev_open 缺少"; do
	n=${case%% *}
	"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" index "$n" || zz_fail "tamper index $n"
	zz_status "index $n: row removed is found" 1 zz verify
	zz_has "index $n: names it" "^events	事件 [0-9]+：.*${case#* }" "$(cat "$ZZ_TMP/out")"
	zz_has "index $n: the events' line" "件事件，索引有误" "$(cat "$ZZ_TMP/out")"
	zz_has "index $n: the summary" "发现 [0-9]+ 处问题" "$(cat "$ZZ_TMP/err")"
	zz_status "index $n: restore" 0 zz restore "$ZZ_TMP/bak" --force
	"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" stray "$n" || zz_fail "tamper stray $n"
	zz_status "index $n: stray row is found" 1 zz verify
	zz_has "index $n: names the stray row" "单位 32 的行指向不存在的事件 999999999" "$(cat "$ZZ_TMP/out")"
	zz_status "index $n: restore" 0 zz restore "$ZZ_TMP/bak" --force
done

"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" orphan 0 || zz_fail "tamper orphan"
zz_status "a record gone under its index rows" 1 zz verify
zz_has "names the dangling row" "索引指向的记录 [0-9]+ 不存在" "$(cat "$ZZ_TMP/out")"
zz_status "orphan: restore" 0 zz restore "$ZZ_TMP/bak" --force

# A page damaged on the disk is reported, although verify writes the cache's pages out and looks
# twice (a file another process was changing can look inconsistent once): nothing runs here, so
# the cache holds nothing of the file and both looks read the damage.
zz_status "intact again" 0 zz verify
f="$ZONGZHI_HOME/idx_name.db"
pg=$(od -An -tu4 -j20 -N4 "$f" | tr -d ' ')
printf '\377%.0s' $(seq 1 2000) | dd of="$f" bs=1 seek=$((pg + 100)) conv=notrunc status=none ||
	zz_fail "damage idx_name.db"
zz_status "a damaged page" 1 zz verify
zz_has "names the file" "idx_name.db	损坏" "$(cat "$ZZ_TMP/out")"
echo "ok cli_verify"
