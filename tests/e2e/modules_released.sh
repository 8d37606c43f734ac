#!/bin/sh
# A released prisoner (6.2.1) added by the justice office as a person would, through the command
# line (the form of the curses UI uses the same service layer): bad input is refused with a clear
# reason naming the field, the person's base information is stored once, the record is in time.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P=$(zz_idnum 19820315 031)
good="idnum=$P name=周强 ethnicity=汉族 live_address=桥头社区12号 phone=13851234567 concern=重点 help_status=已落实帮教 crime_type=侵犯财产罪 charge=盗窃罪 sentence=2年6个月 prison=江苏省南京监狱 release_date=2026-09-01 recidivist=否 handover=必接必送 handover_date=2026-09-01 placement=就业 reoffend=否 lost=否 crime_act=多次入户盗窃 placed=是"
add() { zz_at '2026-09-02 10:00:00' record add released --as justice --unit $G "$@"; }
e=$(zz_refused "bad ID number" add $(echo "$good" | sed "s/idnum=$P/idnum=321204198203150312/"))
zz_has "says the check digit" '身份证号' "$e"
e=$(zz_refused "bad sentence" add $(echo "$good" | sed 's/sentence=2年6个月/sentence=两年半/'))
zz_has "names the field and the shape" '原判刑期的格式不对：如 3年6个月、8个月、无期徒刑' "$e"
e=$(zz_refused "unknown code" add $(echo "$good" | sed 's/placement=就业/placement=出国/'))
zz_has "names the code table" '安置情况 “出国” 不在代码表“安置情况”中' "$e"
e=$(zz_refused "missing required field" add $(echo "$good" | sed 's/ prison=江苏省南京监狱//'))
zz_has "names the required field" '服刑场所是必填项' "$e"
e=$(zz_refused "bad date" add $(echo "$good" | sed 's/release_date=2026-09-01/release_date=2026-09-31/'))
zz_has "names the date" '出监所时间' "$e"
id=$(add $good) || zz_fail "add"
out=$(zz record get released $P --as justice --full)
zz_has "name" '^姓名	周强$' "$out"
zz_has "sex from the ID number" '^性别	男$' "$out"
zz_has "birth from the ID number" '^出生日期	1982-03-15$' "$out"
zz_has "code label" '^安置情况	就业$' "$out"
zz_lacks "in time (R-EN-2)" '^录入超时' "$out"
zz_has "the person record, once" "^姓名	周强$" "$(zz record get person $P --as county)"
zz_has "listed" "^$id	$G	" "$(zz record list released --as justice)"
echo "ok"
