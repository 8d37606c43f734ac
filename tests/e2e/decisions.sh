#!/bin/sh
# The standard's open points as decided (doc/事件办理.md, doc/扩展模块.md, doc/导入与认领.md), each
# with its setting in conf/: R-EV-5 (6.4.3.9) the first 办理 opinion stops the handling clock, or
# not (opinion_stops = false); extensions switched off (events.extension); R-EV-2 (8.2.1.4) a
# skip-level report copied read-only to the skipped unit; 6.2.2.2 villages, their health rooms and
# grid members enter mental-health patients; R-CL-2 township police stations watched for imports;
# a tenant with a passport; R-EN-1 a later edit without a new 变动日期 judged at its own time.
. "$(dirname "$0")/lib.sh"
ev_setup
V1=321204001001 V2=321204001002 V3=321204001003 T=321204001
set_conf() { sed -i "s|^\([[:space:]]*$1[[:space:]]*=\).*|\1 $2;|" "$EV_T"/conf/*.cfg; }
zz() { "$ZZ" -c "$EV_CONF" --home "$EV_HOME" "$@"; }

ev_log "R-EV-5: the first 办理 opinion stops the 5-day handling clock (events.handle.opinion_stops)"
a=$(ev_new '2026-03-16 09:00:00' village "已有办理意见的纠纷")
b=$(ev_new '2026-03-16 09:00:00' village2 "没有办理意见的纠纷")
ev_at '2026-03-16 09:30:00' event accept "$a" --as village >/dev/null || zz_fail "accept a"
ev_at '2026-03-16 09:30:00' event accept "$b" --as village2 >/dev/null || zz_fail "accept b"
ev_at '2026-03-18 10:00:00' event handle "$a" --as village --comment "已约双方调解" >/dev/null || zz_fail "handle a"
ev_at '2026-03-18 10:00:00' event show "$a" --as village >"$EV_T/show" || zz_fail "event show"
ev_has "$EV_T/show" "办理按时"
# Its to-do line and the event say the handling clock stopped (the line said nothing after 办理).
ev_has "$EV_T/show" "办理时限	办理按时（03-18 已办理，不再计时）"
ev_at '2026-03-18 10:05:00' todo --as village >"$EV_T/todo"
ev_has "$EV_T/todo" "#$a 已有办理意见的纠纷，办理按时（03-18 已办理，不再计时）"
ev_daemon '2026-03-24 10:00:00'
[ "$(ev_score $V1 2026)" = 100 ] || zz_fail "a handled event got a card: $(ev_score $V1 2026)"
[ "$(ev_score $V2 2026)" = 98 ] || zz_fail "an unhandled event got no yellow card: $(ev_score $V2 2026)"
ev_at '2026-03-24 10:00:00' todo --as village >"$EV_T/todo"
ev_lacks "$EV_T/todo" "#$a .*办理黄牌"

ev_log "R-EV-5, stricter reading (opinion_stops = false): only feedback or leaving the unit stops it"
set_conf opinion_stops false
c=$(ev_new '2026-03-16 09:00:00' u321204001003.office "严格口径下的纠纷")
ev_at '2026-03-16 09:30:00' event accept "$c" --as u321204001003.office >/dev/null || zz_fail "accept c"
ev_at '2026-03-18 10:00:00' event handle "$c" --as u321204001003.office --comment "正在调解" >/dev/null ||
	zz_fail "handle c"
ev_daemon '2026-03-24 10:00:00'
[ "$(ev_score $V3 2026)" = 98 ] || zz_fail "stricter reading: no yellow card: $(ev_score $V3 2026)"
set_conf opinion_stops true

ev_log "extensions (延期) switched off by events.extension"
d=$(ev_new '2026-03-16 09:00:00' town "不能延期的纠纷")
ev_at '2026-03-16 09:30:00' event accept "$d" --as town >/dev/null || zz_fail "accept d"
set_conf extension false
ev_refused '2026-03-17 09:00:00' "未启用延期" event extend "$d" --as town --days 3 --comment "需鉴定"
set_conf extension true
ev_at '2026-03-17 09:00:00' event extend "$d" --as town --days 3 --comment "需鉴定" >/dev/null ||
	zz_fail "extension switched on again"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor --type event_extend >"$EV_T/audit"
ev_has "$EV_T/audit" "申请延期 3 个工作日；.*需鉴定"

ev_log "R-EV-2 (8.2.1.4): a skip-level report reaches the county and, read only, the township skipped"
s=$(ev_new '2026-03-16 09:00:00' village "紧急的群体纠纷" --urgency 紧急)
ev_at '2026-03-16 09:10:00' event report "$s" --as village --to 321204 --comment "情况紧急" >/dev/null ||
	zz_fail "skip-level report"
ev_at '2026-03-16 09:20:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "越级上报（抄送，只读） #$s 紧急的群体纠纷：桥头社区越级上报至姜堰区"
ev_at '2026-03-16 09:20:00' todo --as county >"$EV_T/todo"
ev_has "$EV_T/todo" "待受理 #$s"
ev_lacks "$EV_T/todo" "抄送"
ev_at '2026-03-16 09:20:00' event show "$s" --as town >"$EV_T/show" || zz_fail "the township cannot see the copy"
ev_at '2026-03-16 09:20:00' event list --as town >"$EV_T/list"
ev_has "$EV_T/list" "^$s	"
ev_refused '2026-03-16 09:30:00' "只有事件所在单位（姜堰区）" event accept "$s" --as town
set_conf skip_copy false
n=$(ev_new '2026-03-16 10:00:00' village2 "不抄送的越级上报" --urgency 紧急)
ev_at '2026-03-16 10:10:00' event report "$n" --as village2 --to 321204 >/dev/null || zz_fail "skip 2"
ev_at '2026-03-16 10:20:00' todo --as town >"$EV_T/todo"
ev_lacks "$EV_T/todo" "#$n "
set_conf skip_copy true

ev_log "R-CL-2: township police stations (派出所) are watched for monthly imports like the county's"
# The watch started with the first daemon pass above (2026-03-24): 31 days later both are flagged.
ev_daemon '2026-04-30 08:00:00'
zz audit show --as auditor >"$EV_T/audit" || zz_fail "audit show"
ev_has "$EV_T/audit" "import_missing	unit:321204001-police	ok	.*流动人口"
ev_has "$EV_T/audit" "import_missing	unit:321204-police	ok	.*流动人口"

ev_log "6.2.2.2: a village, its health room and its grid member enter mental-health patients"
zz unit add 321204001001-health 桥头社区卫生室 --parent $V1 --level dept --dept health --as admin >/dev/null || zz_fail "unit"
echo "$ZZ_DEMO_PASS" | zz user add wsss --unit 321204001001-health --role dept --dept health --as admin >/dev/null ||
	zz_fail "health room account"
mental() { echo "idnum=$1 name=$2 ethnicity=01 live_address=桥头社区1号 danger=1 diagnosis=1 onset=2020-01-01 incidents=否 economy=2 dibao=否 treated=是 rehab=无 hospital=泰州市第四人民医院 doctor=王医生 police=李警官 cadre=张主任 guardian=赵某"; }
for who in village wsss grid; do
	case $who in village) p=$(zz_idnum 19700101 101) ;; wsss) p=$(zz_idnum 19700202 102) ;; *) p=$(zz_idnum 19700303 103) ;; esac
	ev_at '2026-03-16 09:00:00' record add mental --as $who --unit 321204001001001 $(mental "$p" 患者$who) >"$EV_T/out" 2>&1 ||
		{ cat "$EV_T/out"; zz_fail "$who cannot enter a mental-health patient"; }
done
ev_refused '2026-03-16 09:00:00' "无权新增" record add mental --as justice --unit 321204001001001 $(mental "$(zz_idnum 19700404 104)" 某某)

ev_log "a tenant may have a passport (证件类型 + 号码) instead of an ID number"
P=$(zz_idnum 19800101 201)
G=321204001001001
ev_at '2026-03-16 09:00:00' record add rental --as village --unit $G house_no=R001 addr_no=A1 address=桥头社区8号 building=桥头小区 building_use=1 built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东甲 owner_id_type=111 owner_id_no=$P owner_phone=13900000000 owner_address=桥头社区 rent_use=1 concern=3 hazard=0 tenant_name=John tenant_id_type=414 tenant_id_no=E12345678 tenant_phone=13911111111 lease_no=ZL001 lease_start=2026-03-10 safe_exit=有 fire_exit=有 pledge=是 >"$EV_T/out" 2>&1 ||
	{ cat "$EV_T/out"; zz_fail "a main tenant with a passport"; }
ev_at '2026-03-16 09:00:00' record add rental_tenant --as village --unit $G house_no=R001 tenant_name=Mary tenant_id_type=414 tenant_id_no=E87654321 tenant_phone=13922222222 lease_start=2026-03-10 >"$EV_T/out" 2>&1 ||
	{ cat "$EV_T/out"; zz_fail "a further tenant with a passport"; }
ev_refused '2026-03-16 09:00:00' "承租人证件号码和承租人其他证件号码须填一项" record add rental_tenant --as village --unit $G house_no=R001 tenant_name=Nobody tenant_phone=13922222223 lease_start=2026-03-10

ev_log "R-EN-1: a later edit that changes a field without a new 变动日期 is judged at the edit's time"
S=$(zz_idnum 19900101 301)
staff=$(ev_at '2026-03-16 09:00:00' record add grid_staff --as village --unit $G name=周网格 idnum=$S mobile=13900001111 address=桥头社区 grid=$G post=2 changed=2026-03-16) ||
	zz_fail "grid member"
ev_at '2026-03-17 09:00:00' record update grid_staff "$staff" --as village mobile=13900002222 >/dev/null || zz_fail "edit in time"
zz record list grid_staff --late --as village >"$EV_T/late" || zz_fail "record list --late"
ev_lacks "$EV_T/late" "周网格"
ev_at '2026-03-26 09:00:00' record update grid_staff "$staff" --as village address=桥头社区5组 >/dev/null ||
	zz_fail "edit after the deadline"
zz record list grid_staff --late --as village >"$EV_T/late" || zz_fail "record list --late"
ev_has "$EV_T/late" "周网格"
S2=$(zz_idnum 19900202 302)
staff2=$(ev_at '2026-03-16 09:00:00' record add grid_staff --as village --unit $G name=吴网格 idnum=$S2 mobile=13900003333 address=桥头社区 grid=$G post=2 changed=2026-03-16) ||
	zz_fail "grid member 2"
ev_at '2026-03-26 09:00:00' record update grid_staff "$staff2" --as village address=桥头社区6组 changed=2026-03-25 >/dev/null ||
	zz_fail "edit with a new date"
zz record list grid_staff --late --as village >"$EV_T/late" || zz_fail "record list --late"
ev_lacks "$EV_T/late" "吴网格"
echo "ok decisions"
