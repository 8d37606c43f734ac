#!/bin/sh
# Attachments (issue 16): police uploads a scan by SFTP and attaches it to a 重点地区整治 record
# in the form (picked from the upload folder; a file whose content is no allowed kind is refused);
# the record's view lists it; the county, which may view the record, copies it into its download
# folder and fetches it by SFTP, the same bytes; 东港村 (village2), which may not view the record,
# neither sees it nor receives anything; the copy is audited; deleting the record removes the
# stored content (R-AC-1: an answer outside the scope is the same as for no record).
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz_serve_start
ZZ_WAIT_TENTHS=300

zzc() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"
}

zz_attach_files

zz_log "police uploads the files by SFTP"
zz_attach_upload police

zz_log "a 重点地区整治 record of 桥头社区's grid"
out=$(zzc record add key_area grid=321204001001001 area=桥头市场周边 problem=盗窃多发 range=市场及周边 lead=三水派出所 \
	partners=城管 lead_head=张所长13800000000 listing_level=3 listing_grade=2 deadline=2027-06-30 effect=1 \
	progress=已制定方案 --as police 2>&1) || zz_fail "record add: $out"
id=$(echo "$out" | grep -o '[0-9][0-9]*' | tail -1)

zz_log "police attaches the scan in the form; a file of no allowed kind is refused"
zz_ssh_list p police "重点地区整治"
zz_expect "桥头市场周边"
zz_keys Enter
zz_expect "治安突出地区"
zz_keys e
zz_form_attach "整治方案"
zz_ssh_quit
zz_has "the stored value names the file by its SHA-256" "$sha:[0-9]+:pdf:plan.pdf" "$(zzc record get key_area "$id" --as police)"

zz_log "the county, which may view the record, copies the attachment and fetches it"
zz_ssh_list c county "重点地区整治"
zz_expect "桥头市场周边"
zz_keys Enter
zz_attach_fetch county "key_area:$id"

zz_log "东港村 (village2) may not view the record: not listed, nothing received"
zz_attach_hidden v village2 "重点地区整治" "桥头市场周边"
out=$(zzc record get key_area "$id" --as village2 2>&1) && zz_fail "village2 sees the record: $out"

zz_log "the stored content goes with the record"
db5.3_dump -p -h "$ZZ_HOME" "$ZZ_HOME/attach.db" | grep -q "$sha" || zz_fail "the content is not stored"
zzc record delete key_area "$id" --as police >/dev/null 2>&1 || zz_fail "delete"
db5.3_dump -p -h "$ZZ_HOME" "$ZZ_HOME/attach.db" | grep -q "$sha" && zz_fail "the content outlived the record"
echo ok
