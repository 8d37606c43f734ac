#!/bin/sh
# Encryption at rest (9.7, issue 15 §4): no page of an encrypted home is in a file in clear.
# Berkeley DB kept its regions (the cache) in files __db.00N of the home, which held the record
# text decrypted while the server ran and after it stopped. They are System V shared memory
# segments now (db.system_memory, always for an encrypted home), mode 0600, in a range of keys of
# the home's own, removed when the last process ends. Also: kill -9 of every process leaves no
# segment once the next one has recovered; the regions of an older version (files) move to shared
# memory at the next start; an encrypted home with db.system_memory = false is refused.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"
}
# The base key of HOME's segments: the key of the segment its __db.001 names.
home_key() {
	[ "$(stat -c %s "$1/__db.001" 2>/dev/null)" = 24 ] || return 1
	_id=$(od -An -t d8 -j 16 -N 8 "$1/__db.001" | tr -d ' ')
	ipcs -m | awk -v id="$_id" '$2 == id { print $1 }'
}
# segs KEY: how many segments have a key in KEY..KEY+63 (the range a home reserves).
segs() {
	_n=0
	for _k in $(ipcs -m | awk '$1 ~ /^0x/ { print $1 }'); do
		[ $((_k)) -ge $(($1)) ] && [ $((_k)) -lt $(($1 + 64)) ] && _n=$((_n + 1))
	done
	echo $_n
}
# clear WHEN: no file of the home holds the record's text.
mark=独一无二密文探针
no_text() {
	found=$(grep -r -a -l -F "$mark" "$ZZ_HOME")
	[ -z "$found" ] || zz_fail "record text in clear $1: $found"
}

head -c 48 /dev/urandom | base64 >"$ZZ_T/key"
chmod 600 "$ZZ_T/key"
zz_conf_set key_file "\"$ZZ_T/key\""
rm -rf "$ZZ_HOME"
zz init --demo --persons 0 >"$ZZ_T/init.log" 2>&1 || { cat "$ZZ_T/init.log"; zz_fail "init --demo (encrypted)"; }

zz_log "the server runs: no file holds the record, the cache is in shared memory (0600)"
zz_serve_start
zz record add household idnum="$(zz_idnum 19800101 777)" name=$mark ethnicity=01 live_address=桥头1 \
	hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001 --as grid >"$ZZ_T/out" 2>&1 ||
	zz_fail "record add: $(cat "$ZZ_T/out")"
zz record get household "$(zz_idnum 19800101 777)" --as grid >"$ZZ_T/out" 2>&1 || zz_fail "record get"
grep -qF "$mark" "$ZZ_T/out" || zz_fail "record not read back"
no_text "while the server runs"
key=$(home_key "$ZZ_HOME") || zz_fail "the regions are not in shared memory: $(ls -l "$ZZ_HOME"/__db.*)"
[ "$(segs "$key")" -ge 2 ] || zz_fail "segments of $key: $(ipcs -m)"
perms=$(ipcs -m | awk -v k="$key" '$1 == k { print $4 }')
[ "$perms" = 600 ] || zz_fail "segment mode $perms, not 600"
ls "$ZZ_HOME"/__db.00* | grep -qv '__db.001$' && zz_fail "region files: $(ls "$ZZ_HOME"/__db.*)"

zz_log "after serve --stop: nothing on disk, and no segment left"
zz_serve_stop
no_text "after a stop"
[ -e "$ZZ_HOME/__db.001" ] && zz_fail "regions left after the stop: $(ls "$ZZ_HOME"/__db.*)"
[ "$(segs "$key")" = 0 ] || zz_fail "segments left after the stop: $(ipcs -m)"
zz_status "verify" 0 zz verify
[ "$(segs "$key")" = 0 ] || zz_fail "segments left after verify"

zz_log "a new db.cache_mb takes effect at the next start, nothing removed by hand"
zz_conf_set cache_mb 64
zz_serve_start
key=$(home_key "$ZZ_HOME") || zz_fail "no regions"
for _k in $(ipcs -m | awk '$1 ~ /^0x/ { print $1 }'); do
	[ $((_k)) -ge $((key)) ] && [ $((_k)) -lt $((key + 64)) ] || continue
	_b=$(ipcs -m | awk -v k="$_k" '$1 == k { print $5 }')
	[ "$_b" -le $((512 * 1024 * 1024)) ] || zz_fail "a segment of $_b bytes with db.cache_mb = 64"
done

zz_log "kill -9 of the only process: the next one recovers, the old segments go"
old=$(od -An -t d8 -j 16 -N 8 "$ZZ_HOME/__db.001" | tr -d ' ')
kill -9 "$ZZ_SERVE_PID"
wait "$ZZ_SERVE_PID" 2>/dev/null
rm -f "$ZZ_HOME/run/serve.pid"
[ "$(segs "$key")" -ge 2 ] || zz_fail "the killed server's segments are gone already"
zz record get household "$(zz_idnum 19800101 777)" --as grid >"$ZZ_T/out" 2>&1 || zz_fail "record get after kill -9: $(cat "$ZZ_T/out")"
ipcs -m | awk -v id="$old" '$2 == id { f = 1 } END { exit !f }' && zz_fail "the killed server's segment $old is still there"
[ "$(segs "$key")" = 0 ] || zz_fail "segments left after recovery: $(ipcs -m)"
no_text "after kill -9 and recovery"

zz_log "regions in files (an older version) move to shared memory at the next start"
zz_conf_set key_file '""'
zz_conf_set system_memory false
plain=$ZZ_T/plain
"$ZZ" -c "$ZZ_CONF" --home "$plain" init >/dev/null 2>&1 || zz_fail "init (plain, files)"
[ -s "$plain/__db.001" ] && [ "$(stat -c %s "$plain/__db.001")" != 24 ] || zz_fail "no region files with system_memory = false"
zz_conf_set system_memory true
"$ZZ" -c "$ZZ_CONF" --home "$plain" serve --foreground --listen "127.0.0.1:$(zz_free_port)" >"$ZZ_T/plain.out" 2>&1 &
plain_pid=$!
ZZ_PIDS="$ZZ_PIDS $plain_pid"
zz_wait_for 30 home_key "$plain" || zz_fail "the region files were not moved: $(ls -l "$plain"/__db.* ; cat "$ZZ_T/plain.out")"
ls "$plain"/__db.00* | grep -qv '__db.001$' && zz_fail "region files left: $(ls "$plain"/__db.*)"
pkey=$(home_key "$plain")
[ "$pkey" != "$key" ] || zz_fail "two homes, one key $key"
# The regions are made before the listener writes its pid in its pid file: a stop before that
# finds no server to stop.
zz_wait_for 30 test -s "$plain/run/serve.pid" || zz_fail "the plain home's server wrote no pid: $(cat "$ZZ_T/plain.out")"
out=$("$ZZ" -c "$ZZ_CONF" --home "$plain" serve --stop 2>&1) || zz_fail "serve --stop (plain): $out"
wait "$plain_pid" 2>/dev/null
[ "$(segs "$pkey")" = 0 ] || zz_fail "segments left (plain home)"

zz_log "an encrypted home with db.system_memory = false is refused, with the reason"
zz_conf_set key_file "\"$ZZ_T/key\""
zz_conf_set system_memory false
if zz record list household --as grid >"$ZZ_T/out" 2>&1; then
	zz_fail "opened with the cache in files"
fi
grep -qF "db.system_memory = true" "$ZZ_T/out" || zz_fail "refusal: $(cat "$ZZ_T/out")"
echo ok
