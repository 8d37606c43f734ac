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
zz_attach_upload village

zz_log "a ledger entry of 桥头社区 under 10.6-02"
out=$(zzc record add ledger item=10.6-02 day=2026-03-02 title=研判会议纪要一季度 content=会议纪要 --as village 2>&1) ||
	zz_fail "record add: $out"
id=$(echo "$out" | grep -o '[0-9][0-9]*' | tail -1)

zz_log "the village attaches the scan in the form; a file of no allowed kind is refused"
# The row listed: 研判会 stands in its 台账目录 (分析研判会议通知…) and its title, which the list may
# cut at 80 columns beside the pinned 所属单位 column (to seven columns for the county).
zz_ssh_list p village "电子台账"
zz_expect "研判会"
zz_keys Enter
zz_expect "分析研判会议通知"
zz_keys e
zz_form_attach "文件、图片"
zz_ssh_quit
zz_has "the stored value names the file by its SHA-256" "$sha:[0-9]+:pdf:plan.pdf" "$(zzc record get ledger "$id" --as village)"

zz_log "the county, which may view the village's ledgers, copies the attachment and fetches it"
zz_ssh_list c county "电子台账"
zz_expect "研判会"
zz_keys Enter
zz_attach_fetch county "ledger:$id"

zz_log "R-AC-1: 东港村 (village2) may not view the entry: not listed, nothing received"
zz_attach_hidden v village2 "电子台账" "研判会"
out=$(zzc record get ledger "$id" --as village2 2>&1) && zz_fail "village2 sees the record: $out"
zz_has "village2 is refused, as for an entry not there" "^zongzhi: 电子台账记录 $id 不存在$" "$out"
echo ok
