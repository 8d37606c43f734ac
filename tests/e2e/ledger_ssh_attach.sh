#!/bin/sh
# A ledger entry's attachment over SSH (电子台账, 4.1.3; R-AC-1): 桥头社区 (village) uploads a scan
# by SFTP and attaches it to its ledger entry in the form; the county, which may see the village's
# ledgers, copies it into its download folder and fetches the same bytes by SFTP; 东港村
# (village2), a sibling village, neither lists the entry nor receives anything; the copy is audited.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz_serve_start
ZZ_WAIT_TENTHS=300

zzc() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"
}

zz_attach_files

zz_log "the village uploads the files by SFTP"
zz_sftp_as village 'cd upload
put plan.pdf
put evil.pdf' || zz_fail "upload: $(cat "$L/out")"

zz_log "a ledger entry of 桥头社区 under 10.6-02"
out=$(zzc record add ledger item=10.6-02 day=2026-03-02 title=研判会议纪要一季度 content=会议纪要 --as village 2>&1) ||
	zz_fail "record add: $out"
id=$(echo "$out" | grep -o '[0-9][0-9]*' | tail -1)

zz_log "the village attaches the scan in the form; a file of no allowed kind is refused"
ZZ_W=p
zz_ssh_window p village
zz_wait_main_menu p village
zz_keys /
zz_type "电子台账"
zz_keys Enter Enter
zz_expect "研判会议纪要一季度"
zz_keys Enter
zz_expect "分析研判会议通知"
zz_keys e
zz_form_attach "文件、图片"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_has "the stored value names the file by its SHA-256" "$sha:[0-9]+:pdf:plan.pdf" "$(zzc record get ledger "$id" --as village)"

zz_log "the county, which may view the village's ledgers, copies the attachment and fetches it"
ZZ_W=c
zz_ssh_window c county
zz_wait_main_menu c county
zz_keys /
zz_type "电子台账"
zz_keys Enter Enter
zz_expect "研判会议纪要一季度"
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
zz_has "the copy is audited" "	attach_download	ledger:$id	ok	附件 plan.pdf（pdf，.*sha256 $sha" \
	"$(zzc audit show --as auditor --user county)"

zz_log "R-AC-1: 东港村 (village2) may not view the entry: not listed, nothing received"
ZZ_W=v
zz_ssh_window v village2
zz_wait_main_menu v village2
zz_keys /
zz_type "电子台账"
zz_keys Enter Enter
sleep 2
zz_absent "研判会议纪要一季度"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_sftp_as village2 'ls download' || zz_fail "ls: $(cat "$L/out")"
zz_lacks "nothing in village2's download folder" 'plan' "$(cat "$L/out")"
out=$(zzc record get ledger "$id" --as village2 2>&1) && zz_fail "village2 sees the record: $out"
zz_has "village2 is refused" "不在本账号的管辖范围" "$out"
echo ok
