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
zz_sftp_as police 'cd upload
put plan.pdf
put evil.pdf' || zz_fail "upload: $(cat "$L/out")"

zz_log "a 重点地区整治 record of 桥头社区's grid"
out=$(zzc record add key_area grid=321204001001001 area=桥头市场周边 problem=盗窃多发 range=市场及周边 lead=三水派出所 \
	partners=城管 lead_head=张所长13800000000 listing_level=3 listing_grade=2 deadline=2027-06-30 effect=1 \
	progress=已制定方案 --as police 2>&1) || zz_fail "record add: $out"
id=$(echo "$out" | grep -o '[0-9][0-9]*' | tail -1)

zz_log "police attaches the scan in the form; a file of no allowed kind is refused"
ZZ_W=p
zz_ssh_window p police
zz_wait_main_menu p police
zz_keys /
zz_type "重点地区整治"
zz_keys Enter Enter
zz_expect "桥头市场周边"
zz_keys Enter
zz_expect "治安突出地区"
zz_keys e
zz_form_attach "整治方案"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_has "the stored value names the file by its SHA-256" "$sha:[0-9]+:pdf:plan.pdf" "$(zzc record get key_area "$id" --as police)"

zz_log "the county, which may view the record, copies the attachment and fetches it"
ZZ_W=c
zz_ssh_window c county
zz_wait_main_menu c county
zz_keys /
zz_type "重点地区整治"
zz_keys Enter Enter
zz_expect "桥头市场周边"
zz_keys Enter
zz_expect "plan.pdf（pdf，"
zz_keys y
zz_expect "复制哪个附件到下载文件夹"
zz_keys Enter
zz_expect "已复制到下载文件夹：download/plan.pdf"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_sftp_as county 'get download/plan.pdf got.pdf' || zz_fail "get: $(cat "$L/out")"
cmp -s "$L/plan.pdf" "$L/got.pdf" || zz_fail "the county got different bytes"
zz_has "the copy is audited" "	attach_download	key_area:$id	ok	附件 plan.pdf（pdf，.*sha256 $sha" \
	"$(zzc audit show --as auditor --user county)"

zz_log "东港村 (village2) may not view the record: not listed, nothing received"
ZZ_W=v
zz_ssh_window v village2
zz_wait_main_menu v village2
zz_keys /
zz_type "重点地区整治"
zz_keys Enter Enter
sleep 2
zz_absent "桥头市场周边"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_sftp_as village2 'ls download' || zz_fail "ls: $(cat "$L/out")"
zz_lacks "nothing in village2's download folder" 'plan' "$(cat "$L/out")"
out=$(zzc record get key_area "$id" --as village2 2>&1) && zz_fail "village2 sees the record: $out"

zz_log "the stored content goes with the record"
db5.3_dump -p -h "$ZZ_HOME" "$ZZ_HOME/attach.db" | grep -q "$sha" || zz_fail "the content is not stored"
zzc record delete key_area "$id" --as police >/dev/null 2>&1 || zz_fail "delete"
db5.3_dump -p -h "$ZZ_HOME" "$ZZ_HOME/attach.db" | grep -q "$sha" && zz_fail "the content outlived the record"
echo ok
