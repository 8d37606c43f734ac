#!/bin/sh
# Electronic ledgers (电子台账, 4.1.3 and section 10; R-AC-1 for the scope): entries filed under the
# county's catalogue; a township disables a part of it and adds an entry of its own for its subtree
# (not for another township), renames it (the entries follow) and may not delete it while entries
# are filed under it; the county and the township see which items are empty for the year; a village
# may not look outside its subtree; every catalogue change is audited.
. "$(dirname "$0")/lib.sh"
ev_setup
V1=u321204001001.office V2=u321204002001.office

ev_log "entries under the county's catalogue; a heading is no place for an entry"
ev_at '2027-03-02 09:00:00' record add ledger item=10.5-01 day=2027-03-01 title=央视报道 --as county >/dev/null ||
	zz_fail "county entry"
ev_at '2027-03-02 09:00:00' record add ledger item=10.2.2-01 day=2027-03-02 title=社区矫正例会 --as "$V1" >/dev/null ||
	zz_fail "village entry"
ev_refused '2027-03-02 09:00:00' "是目录的一个部分" record add ledger item=10.2 day=2027-03-02 title=x --as "$V1"

ev_log "the county: which items are empty in 2027 (its subtree), none of 2026's"
ev_at '2027-03-02 09:05:00' ledger empty --year 2027 --as county >"$EV_T/empty"
ev_lacks "$EV_T/empty" "^10.5-01	"
ev_lacks "$EV_T/empty" "^10.2.2-01	"
ev_has "$EV_T/empty" "^10.6-04		分析研判报告	启用	县级目录"
ev_has "$EV_T/empty" "2027 年：90 项中 88 项无台账"
ev_at '2027-03-02 09:05:00' ledger empty --year 2026 --as county >"$EV_T/empty25"
ev_has "$EV_T/empty25" "2026 年：90 项中 90 项无台账"

ev_log "罗塘街道 (town2) disables 10.6 below it and adds an entry of its own under 10.3.2-01"
ev_at '2027-03-02 10:00:00' record add ledger_item item=10.6 enabled=否 --as u321204002.office >/dev/null ||
	zz_fail "disable 10.6"
sub=$(ev_at '2027-03-02 10:00:00' record add ledger_item item=10.3.2-01 name=网格排查周报 enabled=是 \
	--as u321204002.office) || zz_fail "add own entry"
sub=$(echo "$sub" | grep -o '[0-9][0-9]*' | tail -1)
ev_refused '2027-03-02 10:05:00' "在本单位已停用" record add ledger item=10.6-01 day=2027-03-02 title=x --as "$V2"
ev_at '2027-03-02 10:05:00' record add ledger item=10.6-01 day=2027-03-02 title=研判制度 --as "$V1" >/dev/null ||
	zz_fail "another township is not affected"
e=$(ev_at '2027-03-02 10:06:00' record add ledger item=10.3.2-01 sub=网格排查周报 day=2027-03-02 title=第一周 \
	--as "$V2") || zz_fail "entry under the township's own entry"
e=$(echo "$e" | grep -o '[0-9][0-9]*' | tail -1)
ev_refused '2027-03-02 10:06:00' "没有细目“网格排查周报”" record add ledger item=10.3.2-01 sub=网格排查周报 \
	day=2027-03-02 title=x --as "$V1"

ev_log "the township's view: 10.6 disabled (not counted), its own entry filed"
ev_at '2027-03-02 10:10:00' ledger catalog --year 2027 --as u321204002.office >"$EV_T/cat"
ev_has "$EV_T/cat" "^10.6-01		分析研判制度建设	停用	县级目录	0"
ev_has "$EV_T/cat" "^10.3.2-01	网格排查周报	网格排查周报	启用	321204002	1"
ev_at '2027-03-02 10:10:00' ledger empty --year 2027 --as u321204002.office >"$EV_T/empty2"
ev_lacks "$EV_T/empty2" "^10.6-"
ev_has "$EV_T/empty2" "2027 年：87 项中 85 项无台账"

ev_log "renamed: the entry follows; deleted: refused while an entry is filed under it"
ev_at '2027-03-02 11:00:00' record update ledger_item "$sub" name=网格排查周报表 --as u321204002.office >/dev/null ||
	zz_fail "rename"
ev_at '2027-03-02 11:00:00' record get ledger "$e" --as "$V2" >"$EV_T/got"
ev_has "$EV_T/got" "网格排查周报表"
ev_refused '2027-03-02 11:01:00' "已有 1 条台账，不能删除" record delete ledger_item "$sub" --as u321204002.office
ev_at '2027-03-02 11:02:00' audit show --as auditor --user u321204002.office >"$EV_T/audit"
ev_has "$EV_T/audit" "	edit	ledger_item:$sub	ok	.*网格排查周报表"

ev_log "R-AC-1: a village sees only its subtree"
ev_refused '2027-03-02 11:05:00' "不在本账号的管辖范围" ledger empty --year 2027 --unit 321204002 --as "$V1"
echo ok
