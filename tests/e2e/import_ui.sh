#!/bin/sh
# Import from the curses UI (R-CL-1, issue 7): a GBK export of the police's floating-population
# system lies in the police account's upload folder; the police imports it from the 导入数据
# screen (record type, mapping and encoding picked from lists), sees the summary and the rejected
# rows with line, column and reason; the good rows are routed for claiming.
. "$(dirname "$0")/lib.sh"
zz_setup
# A private copy of conf/ whose relative paths still reach screens/ and db/: the upload folder
# (paths.files = ../var/files) is then inside the test's folder.
cp -R "$ZZ_ROOT/conf" "$ZZ_TMP/conf"
zz_cli_map "$ZZ_TMP/conf"
ln -s "$ZZ_ROOT/screens" "$ZZ_TMP/screens"
ln -s "$ZZ_ROOT/reports" "$ZZ_TMP/reports"
ln -s "$ZZ_ROOT/db" "$ZZ_TMP/db"
ZZ_CONF=$ZZ_TMP/conf/zongzhi.cfg
ZONGZHI_HOME=$ZZ_TMP/home
export ZONGZHI_HOME
zz_demo 0
UP=$ZZ_TMP/var/files/police/upload
mkdir -p "$UP"

A=$(zz_idnum 19800101 001)
C=$(zz_idnum 19820303 003)
BAD=$(zz_idnum 19870808 008 | sed 's/.$/0/')
[ "$BAD" != "$(zz_idnum 19870808 008)" ] || BAD=$(zz_idnum 19870808 008 | sed 's/.$/1/')
HDR='公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
{
	printf '%s\n' "$HDR"
	printf '%s\n' "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1"
	printf '%s\n' "$BAD,赵六,男性,汉,13800000004,山东省某县,姜堰区三水街道桥头社区,租住,务工,20230101,2026-02-02,,,否,民警4"
	printf '%s\n' "$C,王五,男性,回,13800000003,山东省某县,姜堰区三水街道幸福路8号,单位宿舍,务工,20230101,2026-02-02,,,是,民警3"
	printf '%s\n' "$(zz_idnum 19840505 005),孙八,男性,汉,13800000006,山东省某县,姜堰区三水街道桥头社区,帐篷,务工,20230101,2026-02-02,,,否,民警6"
} | iconv -f UTF-8 -t GB18030 >"$UP/流动人口0301.csv" || zz_fail "iconv"
# Not offered: hidden files and reject files.
: >"$UP/.partial"

zz_tui_start xterm-256color 80 24
zz_login police
zz_menu
zz_keys /
zz_type "导入数据"
zz_keys Enter Enter
zz_expect "上传目录："
zz_expect "流动人口0301.csv"
zz_absent ".partial"
# Before any import, i explains that there is none.
zz_keys i
zz_expect "本单位还没有导入过数据"
zz_keys Enter
zz_expect "导入为哪类记录"
# The types the police imports for the others come first; typing narrows.
zz_expect "> 户籍人口"
zz_type "流动"
zz_keys Enter
zz_expect "列映射"
zz_type "police"
zz_keys Enter
zz_expect "文件编码"
zz_type "GB"
zz_keys Enter
zz_expect "导入流动人口？"
zz_keys y
zz_expect "导入结果 > 流动人口0301.csv（流动人口，GB18030）"
zz_expect "读入 4 行：新增 2 更新 0 未变 0 拒收 2｜待认领 2 未分派 0"
zz_expect "公民身份号码"
zz_expect "校验位"
zz_expect "居住处所"
zz_expect "帐篷"
zz_screen | grep -qE '^> *3 公民身份号码' || { zz_screen >&2; zz_fail "reject of line 3 with its column"; }
zz_screen | grep -qE '^ *5 居住处所' || { zz_screen >&2; zz_fail "reject of line 5 with its column"; }
zz_keys Escape
# The reject file is written next to the upload and is not offered for import.
zz_expect "流动人口0301.csv"
zz_absent "rejects.tsv"
[ -s "$UP/流动人口0301.csv.rejects.tsv" ] || zz_fail "no reject file next to the upload"
# i shows the last import again.
zz_keys i
zz_expect "拒收 2"
zz_keys Escape
# Importing the same file again changes nothing.
zz_keys Enter
zz_expect "导入为哪类记录"
zz_type "流动"
zz_keys Enter
zz_expect "列映射"
zz_keys Enter
zz_expect "文件编码"
zz_keys Enter
zz_expect "导入流动人口？"
zz_keys y
zz_expect "新增 0 更新 0 未变 2 拒收 2"
zz_keys Escape
zz_quit

last=$(zz import last --as police)
zz_has "the CLI sees the same import" '未变 2，拒收 2' "$last"
zz_has "张三 waits at 桥头社区" '	待认领	张三	' "$(zz claim list --as village)"
zz_has "王五 waits at 三水街道" '	待认领	王五	' "$(zz claim list --as town)"
zz_has "the import is audited" 'import' "$(zz audit show --user police --as auditor)"
zz_tui_clean
echo "ok"
