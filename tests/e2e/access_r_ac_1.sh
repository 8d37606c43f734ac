#!/bin/sh
# R-AC-1 (6.4.3.6) access requests: 罗塘街道 (town2) asks the county to read 三水街道's ledgers for ten
# days; bad requests are refused with their reason; only the county may decide; while the grant runs
# town2 reads the entry and lists the subtree, each read audited; other types stay closed; after the
# period the answer is the one outside the scope again (as for a record not there); a decided request (granted or refused) is
# neither edited nor deleted, each refused delete audited; a
# waiting one may be withdrawn; a refusal grants nothing.
. "$(dirname "$0")/lib.sh"
ev_setup
T2=u321204002.office
idof() { grep -o '[0-9][0-9]*' | tail -1; }

e=$(ev_at '2027-03-01 09:00:00' record add ledger item=10.5-01 day=2027-03-01 title=市级媒体报道 --as village | idof) ||
	zz_fail "ledger entry"
q=$(ev_at '2027-03-01 09:00:00' record add sqmy day=2027-03-01 kind=1 title=x content=y --as village | idof) ||
	zz_fail "sqmy"
# Outside the scope the record answers as one that is not there (no unit named).
ev_refused '2027-03-02 09:00:00' "^zongzhi: 电子台账记录 $e 不存在$" record get ledger "$e" --as "$T2"

ev_log "bad requests"
ev_refused '2027-03-02 09:00:00' "不是本单位的上级单位" record add access_request to=321204002001 types=ledger \
	scope=321204001 reason=r start=2027-03-02 end=2027-03-11 --as "$T2"
ev_refused '2027-03-02 09:00:00' "不在所申请的上级单位之内" record add access_request to=321204 types=ledger \
	scope=3212 reason=r start=2027-03-02 end=2027-03-11 --as "$T2"
ev_refused '2027-03-02 09:00:00' "记录类型：没有代码为 nosuch 的记录类型" record add access_request to=321204 types=ledger,nosuch \
	scope=321204001 reason=r start=2027-03-02 end=2027-03-11 --as "$T2"
ev_refused '2027-03-02 09:00:00' "期限最长 90 天" record add access_request to=321204 types=ledger \
	scope=321204001 reason=r start=2027-03-02 end=2027-12-31 --as "$T2"

ev_log "the request; only the county decides"
a=$(ev_at '2027-03-02 09:00:00' record add access_request to=321204 types=ledger scope=321204001 \
	reason=交流学习台账做法 start=2027-03-02 end=2027-03-11 state=2 --as "$T2" | idof) || zz_fail "request"
ev_refused '2027-03-02 09:30:00' "^zongzhi: 电子台账记录 $e 不存在$" record get ledger "$e" --as "$T2"
ev_at '2027-03-02 09:31:00' todo --as county >"$EV_T/todo"
ev_has "$EV_T/todo" "信息查阅申请待审批：三水街道的电子台账（罗塘街道）"
ev_refused '2027-03-02 10:00:00' "没有信息查阅申请 $a" access grant "$a" --as u321204001.office
ev_refused '2027-03-02 10:00:00' "不是向本单位提出的" access grant "$a" --as "$T2"
ev_at '2027-03-02 10:00:00' access grant "$a" --note 同意 --as county >/dev/null || zz_fail "grant"
ev_refused '2027-03-02 10:01:00' "已经审批" access refuse "$a" --note 撤回 --as county
ev_at '2027-03-02 10:01:00' todo --as county >"$EV_T/todo"
ev_lacks "$EV_T/todo" "信息查阅申请待审批"
ev_refused '2027-03-02 10:02:00' "已审批的申请不能修改" record update access_request "$a" end=2027-05-01 --as "$T2"
ev_at '2027-03-02 10:02:30' audit show --as auditor --user "$T2" >"$EV_T/audit"
ev_has "$EV_T/audit" "	edit	access_request:$a	refused	已审批的申请不能修改"
ev_refused '2027-03-02 10:03:00' "已审批的信息查阅申请不能删除：审批结果要留档备查" record delete access_request "$a" --as "$T2"
ev_at '2027-03-02 10:04:00' audit show --as auditor --user "$T2" >"$EV_T/audit"
ev_has "$EV_T/audit" "	delete	access_request:$a	refused	已审批的信息查阅申请不能删除"

ev_log "while it runs: reads audited; other types closed"
ev_at '2027-03-05 09:00:00' record get ledger "$e" --as "$T2" >"$EV_T/got" || zz_fail "granted read"
ev_has "$EV_T/got" "市级媒体报道"
ev_at '2027-03-05 09:01:00' record list ledger --unit 321204001 --as "$T2" >"$EV_T/list" || zz_fail "granted list"
ev_has "$EV_T/list" "^$e	"
ev_refused '2027-03-05 09:02:00' "^zongzhi: 社情民意记录 $q 不存在$" record get sqmy "$q" --as "$T2"
ev_at '2027-03-05 09:03:00' audit show --as auditor --user "$T2" >"$EV_T/audit"
ev_has "$EV_T/audit" "	view_granted	ledger:$e	ok	经批准的查阅申请（单位 321204001001）"
ev_has "$EV_T/audit" "	view_granted	ledger@321204001	ok	"

ev_log "after the period: closed again"
ev_refused '2027-03-12 09:00:00' "^zongzhi: 电子台账记录 $e 不存在$" record get ledger "$e" --as "$T2"

ev_log "a refused request grants nothing"
b=$(ev_at '2027-03-12 09:00:00' record add access_request to=321204 types=sqmy scope=321204001 reason=r \
	start=2027-03-12 end=2027-03-20 --as "$T2" | idof) || zz_fail "request 2"
ev_refused '2027-03-12 10:00:00' "请写明审批意见" access refuse "$b" --as county
ev_at '2027-03-12 10:00:00' access refuse "$b" --note 理由不充分 --as county >/dev/null || zz_fail "refuse"
ev_refused '2027-03-13 09:00:00' "^zongzhi: 社情民意记录 $q 不存在$" record get sqmy "$q" --as "$T2"
ev_refused '2027-03-13 09:00:00' "已审批的信息查阅申请不能删除" record delete access_request "$b" --as "$T2"
ev_at '2027-03-13 09:00:00' record get access_request "$b" --as "$T2" >/dev/null || zz_fail "refused request kept"

ev_log "a waiting request is withdrawn"
w=$(ev_at '2027-03-13 09:10:00' record add access_request to=321204 types=sqmy scope=321204001 reason=r \
	start=2027-03-13 end=2027-03-20 --as "$T2" | idof) || zz_fail "request 3"
ev_at '2027-03-13 09:11:00' record delete access_request "$w" --as "$T2" >/dev/null || zz_fail "withdraw"
ev_refused '2027-03-13 09:12:00' "没有信息查阅申请" access grant "$w" --as county
ev_at '2027-03-13 09:00:00' audit show --as auditor --user county >"$EV_T/audit"
ev_has "$EV_T/audit" "	access_refuse	access_request:$b	ok	不批准：321204001 的 sqmy"
echo ok
