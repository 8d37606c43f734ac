#!/bin/sh
# R-EN-6 (6.7.1): campus safety information is updated within one week of each semester's start
# (conf/modules.cfg: 02-15 and 09-01, 7 days): the deadline shows in the to-do list from the start,
# overdue after it; updating the school clears it until the next semester.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
id=$(zz_at '2026-06-10 09:00:00' record add campus --as education --unit $G grid=$G school=桥头小学 kind=2 address=桥头社区1号 nature=1 concern=3 principal=吴校长 principal_phone=13800001111 security_head=郑老师13800002222 security_staff=3 students=800 teachers=50 guards=2 posts=1) ||
	zz_fail "add school"
zz_has "next update" '^更新期限	2026-09-08$' "$(zz record get campus "$id" --as education)"
zz_at '2026-08-31 06:00:00' daemon --once || zz_fail "daemon"
zz_lacks "before the semester" "campus:$id" "$(zz todo --as education)"
zz_at '2026-09-01 06:00:00' daemon --once || zz_fail "daemon"
zz_has "from the start (R-EN-6)" "^预警	.*	update	campus:$id	校园及周边安全 桥头小学：请于 2026-09-08 前更新\$" "$(zz todo --as education)"
zz_at '2026-09-09 06:00:00' daemon --once || zz_fail "daemon"
zz_has "overdue" "^逾期	.*	campus:$id	校园及周边安全 桥头小学：逾期未更新，应于 2026-09-08 前更新\$" "$(zz todo --as education)"
zz_at '2026-09-10 10:00:00' record update campus "$id" --as education students=820 || zz_fail "update"
zz_lacks "cleared" "campus:$id" "$(zz todo --as education)"
zz_has "next semester" '^更新期限	2027-02-22$' "$(zz record get campus "$id" --as education)"
echo "ok"
