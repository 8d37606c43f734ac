#!/bin/sh
# The "X" of "9+X" (3.6): a module is added by dropping its file into screens/ and its code table
# into db/codes/ — after a restart it is a record type in its menu group, with no rebuild; a row in
# conf/modules.cfg gives it a visit rule. Runs on a copy of screens/, db/codes/ and conf/.
. "$(dirname "$0")/lib.sh"
zz_setup
mkdir -p "$ZZ_TMP/site/db" || zz_fail "mkdir"
cp -R "$ZZ_ROOT/screens" "$ZZ_ROOT/conf" "$ZZ_ROOT/reports" "$ZZ_TMP/site/" && cp -R "$ZZ_ROOT/db/codes" "$ZZ_TMP/site/db/" || zz_fail "copy"
ZZ_CONF=$ZZ_TMP/site/conf/zongzhi.cfg
zz_cli_map "$ZZ_TMP/site/conf"
sum_before=$(cksum < "$ZZ_BIN")

zz_lacks "not there before" '^cult	' "$(zz schema check)"

cat > "$ZZ_TMP/site/screens/cult.cfg" <<'CFG'
# 涉邪教人员 (10.2.2): an X module of this county.
type = {
  id = "cult";
  title = "涉邪教人员";
  group = "特殊人群";
  order = 385;
  person = true;
  owners = [ "police" ];
  sections = (
    { title = "业务信息";
      fields = (
        { id = "concern"; label = "关注程度"; type = "enum"; codes = "concern"; required = true; list = 4; },
        { id = "org"; label = "涉及邪教组织"; type = "enum"; codes = "cult_org"; required = true; list = 10; },
        { id = "converted"; label = "是否已转化"; type = "bool"; required = true; list = 4; },
        { id = "helper"; label = "帮教责任人"; type = "text"; required = true; max = 30; }
      );
    }
  );
};
CFG
printf '#title 邪教组织\n1\t甲组织\n2\t乙组织\n9\t其他\n' > "$ZZ_TMP/site/db/codes/cult_org.tsv"
printf 'cult\t涉邪教人员\n' >> "$ZZ_TMP/site/db/codes/service_subject.tsv"
sed 's/^  visits = (/  visits = (\n    { type = "cult"; months = 3; rule = "10.2.2"; },/' "$ZZ_ROOT/conf/modules.cfg" > "$ZZ_TMP/site/conf/modules.cfg"

out=$(zz schema check) || zz_fail "schema check with the new module"
zz_has "the new type, in its group" '^cult	涉邪教人员	特殊人群	' "$out"
zz_tree
P=$(zz_idnum 19700303 077)
G=321204001001001
zz_at '2026-01-05 09:00:00' record add cult --as police --unit $G idnum=$P name=钱九 ethnicity=01 live_address=桥头社区9号 concern=重点 org=甲组织 converted=否 helper=李警官 >/dev/null ||
	zz_fail "add to the new module"
out=$(zz record get cult $P --as police)
zz_has "its fields" '^涉及邪教组织	甲组织$' "$out"
zz_has "its visit rule" '^走访期限	2026-04-05$' "$out"
zz_refused "its owner rule (R-AC-2)" zz record add cult --as justice --unit $G idnum=$(zz_idnum 19700404 088) name=孙十 ethnicity=01 live_address=桥头社区 concern=重点 org=乙组织 converted=否 helper=某
zz_refused "its code table" zz record add cult --as police --unit $G idnum=$(zz_idnum 19700404 088) name=孙十 ethnicity=01 live_address=桥头社区 concern=重点 org=丙组织 converted=否 helper=某
zz_at '2026-04-06 06:00:00' daemon --once || zz_fail "daemon"
zz_has "overdue visit of the new module" '涉邪教人员 钱九：走访已逾期（应于 2026-04-05 前）' "$(zz todo --as police)"
zz_has "the person view" '^\[涉邪教人员\] cult:1$' "$(zz person show $P --as police)"

# A mistake in a dropped file is refused at start with its file and line.
printf 'type = { id = "bad"; title = "坏"; group = "X";\n sections = ( { title = "s"; fields = ( { id = "a"; label = "甲"; type = "enumx"; } ); } ); };\n' > "$ZZ_TMP/site/screens/bad.cfg"
err=$(zz_refused "a bad module file" zz schema check)
zz_has "file and line" 'bad\.cfg:2: 字段 a 的类型 “enumx” 未知' "$err"
[ "$(cksum < "$ZZ_BIN")" = "$sum_before" ] || zz_fail "the program changed"
echo "ok"
