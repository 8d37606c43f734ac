#!/bin/sh
# Encryption at rest (9.7): with db.key_file every database and log file is AES-encrypted (no
# readable text of a record in them); the key file must be the service account's and private;
# the home does not open without the key; backup, restore and verify work on the encrypted home.
# The program computes Berkeley DB's HMAC and AES itself (src/core/bdb_crypto.c, in place of
# libdb's): the files stay Berkeley DB's, so its own tools (db5.3_*, libdb's code alone) read what
# the program wrote, and the program reads what they wrote, pages and log records.
. "$(dirname "$0")/lib.sh"
zz_setup
head -c 48 /dev/urandom | base64 >"$ZZ_TMP/key"
chmod 600 "$ZZ_TMP/key"
sed -i "s|^\(  key_file = \)\"\";|\1\"$ZZ_TMP/key\";|" "$ZZ_TMP/conf/zongzhi.cfg"
grep -q "key_file = \"$ZZ_TMP/key\";" "$ZZ_TMP/conf/zongzhi.cfg" || zz_fail "key_file not set"
zz_tree
zz_status "record add" 0 zz record add household --unit 321204001001001 --as grid idnum=11010519491231002X \
	name=独一无二甲乙 ethnicity=汉族 live_address=桥头社区1组 hukou_status=人户同在 head_relation=本人 housing_kind=自有住房
zz_status "record get" 0 zz record get household 11010519491231002X --full --as grid
zz_has "record read back" "独一无二甲乙" "$(cat "$ZZ_TMP/out")"
if grep -l -F "独一无二甲乙" "$ZONGZHI_HOME"/*.db "$ZONGZHI_HOME"/log.* 2>/dev/null; then
	zz_fail "readable text in the encrypted home"
fi
zz_status "verify" 0 zz verify

zz_log "Berkeley DB's own tools read the home this program wrote: every page, every log record"
key=$(head -n 1 "$ZZ_TMP/key")
for f in "$ZONGZHI_HOME"/*.db; do
	db5.3_verify -P "$key" -h "$ZONGZHI_HOME" "${f##*/}" >"$ZZ_TMP/out" 2>&1 ||
		zz_fail "db5.3_verify ${f##*/}: $(head -3 "$ZZ_TMP/out")"
done
db5.3_printlog -P "$key" -h "$ZONGZHI_HOME" >"$ZZ_TMP/printlog" 2>&1 ||
	zz_fail "db5.3_printlog: $(tail -3 "$ZZ_TMP/printlog")"
grep -q "__txn_regop" "$ZZ_TMP/printlog" || zz_fail "db5.3_printlog read no commit"
# The record codec packs a field of digits two a byte, X as 10: the ID number's bytes in hex read as
# the number itself with a for X.
id_hex=11010519491231002a
db5.3_dump -P "$key" -h "$ZONGZHI_HOME" rec_household.db | tr -d ' \n' | grep -q "$id_hex" ||
	zz_fail "db5.3_dump does not show the record"

zz_log "and this program reads what Berkeley DB's own code wrote"
# Log records: db5.3_load joins the environment and commits a database of its own; the backup's
# catastrophic recovery reads the whole log, those records too, and redoes them.
printf 'probe\nwritten by db5.3_load\n' | db5.3_load -T -t btree -P "$key" -h "$ZONGZHI_HOME" probe.db ||
	zz_fail "db5.3_load into the home"
zz_status "backup (recovery over db5.3_load's log records)" 0 zz backup "$ZZ_TMP/bak0"
db5.3_dump -p -P "$key" -h "$ZZ_TMP/bak0" probe.db | grep -q "written by db5.3_load" ||
	zz_fail "the backup lost what db5.3_load committed"
rm "$ZONGZHI_HOME/probe.db"
# Pages: every file dumped and loaded again by db5.3_load into a new home.
mkdir "$ZZ_TMP/reloaded"
for f in "$ZONGZHI_HOME"/*.db; do
	db5.3_dump -P "$key" -h "$ZONGZHI_HOME" "${f##*/}" | db5.3_load -P "$key" -h "$ZZ_TMP/reloaded" "${f##*/}" ||
		zz_fail "dump and load ${f##*/}"
done
ZONGZHI_HOME=$ZZ_TMP/reloaded zz_status "record get (pages by db5.3_load)" 0 zz record get household 11010519491231002X --full --as grid
zz_has "record read from db5.3_load's pages" "独一无二甲乙" "$(cat "$ZZ_TMP/out")"
ZONGZHI_HOME=$ZZ_TMP/reloaded zz_status "verify (pages by db5.3_load)" 0 zz verify

zz_log "a key file others may read is refused, with the reason"
chmod 644 "$ZZ_TMP/key"
zz_refused "key 0644" zz record list household --as grid | grep -q "权限 0600 或 0400" || zz_fail "loose key accepted"
chmod 600 "$ZZ_TMP/key"

zz_log "without the key, or with another one, the home does not open: exit 1 and the reason"
sed "s|^\(  key_file = \).*|\1\"\";|" "$ZZ_TMP/conf/zongzhi.cfg" >"$ZZ_TMP/conf/plain.cfg"
"$ZZ_BIN" -c "$ZZ_TMP/conf/plain.cfg" record list household --as grid >"$ZZ_TMP/out" 2>&1
[ $? -eq 1 ] || zz_fail "opened without the key (or not exit 1): $(cat "$ZZ_TMP/out")"
zz_has "no key: the reason" "是加密的：须在设置 db.key_file 中指定它的密钥文件" "$(cat "$ZZ_TMP/out")"
# libdb 5.3 given a wrong key fails its recovery, then dies of a signal (exit 139) in
# __crypto_region_init: the key is checked against the log before libdb sees it.
head -c 48 /dev/urandom | base64 >"$ZZ_TMP/key2"
chmod 600 "$ZZ_TMP/key2"
sed "s|^\(  key_file = \).*|\1\"$ZZ_TMP/key2\";|" "$ZZ_TMP/conf/zongzhi.cfg" >"$ZZ_TMP/conf/wrong.cfg"
"$ZZ_BIN" -c "$ZZ_TMP/conf/wrong.cfg" record list household --as grid >"$ZZ_TMP/out" 2>&1
st=$?
[ $st -eq 1 ] || zz_fail "a wrong key: exit $st, not 1: $(cat "$ZZ_TMP/out")"
zz_has "wrong key: the reason" "中的密钥不是数据库目录" "$(cat "$ZZ_TMP/out")"
if grep -qF "$(head -n 1 "$ZZ_TMP/key2")" "$ZZ_TMP/out"; then zz_fail "wrong key: the key shown"; fi
zz_status "the right key after a wrong one" 0 zz record list household --as grid
mkdir "$ZZ_TMP/plainhome"
ZONGZHI_HOME=$ZZ_TMP/plainhome zz_status "a plain home" 0 "$ZZ_BIN" -c "$ZZ_TMP/conf/plain.cfg" init
ZONGZHI_HOME=$ZZ_TMP/plainhome zz_refused "a plain home opened with a key" zz verify |
	grep -q "没有加密，不能按设置 db.key_file 加密打开" || zz_fail "a plain home with a key: not the reason"

zz_log "backup and restore keep it encrypted and readable with the key"
zz_status "backup" 0 zz backup "$ZZ_TMP/bak"
if grep -l -F "独一无二甲乙" "$ZZ_TMP/bak"/* 2>/dev/null; then
	zz_fail "readable text in the backup"
fi
ZONGZHI_HOME=$ZZ_TMP/restored zz_status "restore" 0 zz restore "$ZZ_TMP/bak"
ZONGZHI_HOME=$ZZ_TMP/restored zz_status "record get (restored)" 0 zz record get household 11010519491231002X --as grid
zz_has "restored record" "独一无二" "$(cat "$ZZ_TMP/out")"
echo ok
