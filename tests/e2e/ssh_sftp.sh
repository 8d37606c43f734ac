#!/bin/sh
# Files over SFTP on the system's own port (issue 16): OpenSSH's sftp (batch mode) and PuTTY's
# psftp put, list, get and remove files in the account's own folder; escapes (.., absolute paths,
# a symbolic link planted in the folder, a link in place of a folder) are refused with a message;
# writes to download/, new folders and links are refused; a file over the size limit and a full
# quota are refused with a clear message and leave nothing behind; every upload and download is
# audited with its size and SHA-256; the uploaded CSV is then imported from the 导入数据 screen.
. "$(dirname "$0")/lib.sh"
command -v psftp >/dev/null || zz_fail "psftp not installed (Debian package putty-tools)"
ZZ_PERSONS=0
zz_ssh_setup
zz_conf_set quota_mb 2
zz_conf_set file_max_mb 1
zz_serve_start
FILES=$ZZ_T/var/files/police
L=$ZZ_T/local
mkdir -p "$L"
cd "$L" || zz_fail "cd"

# sftp_b FILE: OpenSSH's sftp running the batch FILE as police (password through sshpass).
sftp_b() {
	sshpass -p "$ZZ_DEMO_PASS" sftp $ZZ_SSH_OPTS -o BatchMode=no -P "$ZZ_PORT" -b "$1" police@127.0.0.1 \
		>"$L/out" 2>&1
}
fp=$(ssh-keyscan -p "$ZZ_PORT" -t ed25519 127.0.0.1 2>/dev/null | ssh-keygen -l -E sha256 -f - | cut -d' ' -f2)
case "$fp" in SHA256:*) ;; *) zz_fail "no host key fingerprint from ssh-keyscan" ;; esac
# psftp_b FILE: PuTTY's psftp running FILE, going on after errors (-be).
psftp_b() {
	psftp -P "$ZZ_PORT" -pw "$ZZ_DEMO_PASS" -batch -be -bc -hostkey "$fp" -b "$1" police@127.0.0.1 >"$L/out" 2>&1
}

A=$(zz_idnum 19800101 001)
HDR='公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
{
	printf '%s\n' "$HDR"
	printf '%s\n' "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1"
} | iconv -f UTF-8 -t GB18030 >"$L/流动人口.csv" || zz_fail "iconv"
sha=$(sha256sum "$L/流动人口.csv" | cut -d' ' -f1)
size=$(wc -c <"$L/流动人口.csv")

zz_log "OpenSSH sftp: put, ls, get, rm"
cat >"$L/b" <<EOB
pwd
ls
cd upload
put 流动人口.csv
put 流动人口.csv 副本.csv
ls -l
get 流动人口.csv back.csv
rm 副本.csv
ls
EOB
sftp_b "$L/b" || zz_fail "sftp: $(cat "$L/out")"
grep -q "^Remote working directory: /$" "$L/out" || zz_fail "sftp pwd: $(cat "$L/out")"
grep -q "^download  *upload" "$L/out" || zz_fail "sftp ls of the root: $(cat "$L/out")"
grep -qE "^-rw-r----- .* $size .* 流动人口.csv$" "$L/out" || zz_fail "sftp ls -l: $(cat "$L/out")"
cmp -s "$L/流动人口.csv" "$L/back.csv" || zz_fail "the file got back differs"
cmp -s "$L/流动人口.csv" "$FILES/upload/流动人口.csv" || zz_fail "the file on the server differs"
[ -e "$FILES/upload/副本.csv" ] && zz_fail "rm left the file"
tail -1 "$L/out" | grep -q "^流动人口.csv *$" || zz_fail "ls after rm: $(cat "$L/out")"

zz_log "psftp: put, ls, get, rm"
printf 'x\n' >"$L/p.txt"
cat >"$L/b" <<EOB
cd upload
put p.txt
ls
get p.txt p-back.txt
rm p.txt
ls
EOB
psftp_b "$L/b" || zz_fail "psftp: $(cat "$L/out")"
grep -qE "^-rw-r----- .* 2 .* p.txt$" "$L/out" || zz_fail "psftp ls: $(cat "$L/out")"
grep -q "rm /upload/p.txt: OK" "$L/out" || zz_fail "psftp rm: $(cat "$L/out")"
cmp -s "$L/p.txt" "$L/p-back.txt" || zz_fail "psftp got back a different file"
[ -e "$FILES/upload/p.txt" ] && zz_fail "psftp rm left the file"

zz_log "escapes are refused"
ln -s /etc/passwd "$FILES/upload/passwd.csv"
mkfifo "$FILES/upload/fifo.csv"
cat >"$L/b" <<EOB
-cd ..
-get ../../etc/passwd esc1
-get /upload/../../etc/passwd esc2
-get /etc/passwd esc3
-get upload/passwd.csv esc4
-get upload/fifo.csv esc5
-put p.txt ../p.txt
-put p.txt /download/p.txt
-mkdir upload/sub
-ln -s /etc/passwd upload/l
-rename upload/流动人口.csv download/x.csv
ls upload
EOB
sftp_b "$L/b"
for f in esc1 esc2 esc3 esc4 esc5; do
	[ -e "$L/$f" ] && zz_fail "$f was downloaded: $(cat "$L/out")"
done
zz_has "cd .. refused" '拒绝访问“/..”：只能访问本账号的文件夹' "$(cat "$L/out")"
zz_has "get ../../etc/passwd refused" '拒绝访问“/../../etc/passwd”' "$(cat "$L/out")"
# The server's own words come on the stderr channel and may be printed after the next command.
zz_has "an absolute path stays inside" 'File "/etc/passwd" not found.' "$(cat "$L/out")"
zz_has "the planted link is not followed" '“passwd.csv”是符号链接，拒绝' "$(cat "$L/out")"
zz_has "a FIFO is not opened" '“fifo.csv”不是普通文件，拒绝' "$(cat "$L/out")"
zz_has "download/ is read-only" 'download 文件夹只供下载' "$(cat "$L/out")"
zz_has "no new folders" '不能新建或删除文件夹' "$(cat "$L/out")"
zz_has "no links" '不支持符号链接' "$(cat "$L/out")"
zz_has "no moves between folders" '只能在同一个文件夹' "$(cat "$L/out")"
zz_lacks "the link is not listed" 'passwd.csv|fifo.csv' "$(sed -n '/^sftp> ls upload/,$p' "$L/out" | tail -n +2)"
[ -e "$FILES/p.txt" ] || [ -e "$FILES/download/p.txt" ] || [ -e "$ZZ_T/var/files/p.txt" ] &&
	zz_fail "a put outside upload/ landed"
rm "$FILES/upload/passwd.csv" "$FILES/upload/fifo.csv"

zz_log "a link in place of the download folder is refused"
rmdir "$FILES/download"
ln -s /etc "$FILES/download"
printf -- '-ls /download\n-get /download/passwd esc6\n' >"$L/b"
sftp_b "$L/b"
[ -e "$L/esc6" ] && zz_fail "/etc/passwd downloaded through a planted folder link"
zz_has "the folder link is refused" 'download 不是文件夹（可能是符号链接），拒绝使用' "$(cat "$L/out")"
rm "$FILES/download"
mkdir "$FILES/download"

zz_log "names are checked"
long=$(printf 'x%.0s' $(seq 1 210))
printf -- '-put p.txt upload/.hidden\n-put p.txt upload/%s\n' "$long" >"$L/b"
sftp_b "$L/b"
zz_has "hidden names refused" '文件名不能以“.”开头' "$(cat "$L/out")"
zz_has "long names refused" '文件名太长' "$(cat "$L/out")"
[ -e "$FILES/upload/.hidden" ] && zz_fail "a hidden file was stored"
# A C1 control (U+009B, CSI) or a bidi override (U+202E) in a name: the listings would run them.
printf -- '-put p.txt upload/a\302\2332Jb.csv\n-put p.txt upload/a\342\200\256vsc.exe\n' >"$L/b"
sftp_b "$L/b"
zz_has "a C1 control or bidi override is refused" '路径含控制字符' "$(cat "$L/out")"
[ -n "$(ls "$FILES/upload" | grep -e 'Jb.csv' -e 'vsc.exe')" ] && zz_fail "a name with a C1 control or bidi override was stored"

zz_log "the size limit and the quota"
head -c 1200000 /dev/zero >"$L/big.bin"
head -c 900000 /dev/urandom >"$L/part.bin"
cat >"$L/b" <<EOB
cd upload
-put big.bin
put part.bin one.bin
put part.bin two.bin
EOB
sftp_b "$L/b" || zz_fail "uploads within the quota: $(cat "$L/out")"
zz_has "a file over the limit is refused" '文件超过大小限制 1 MB' "$(cat "$L/out")"
[ -e "$FILES/upload/big.bin" ] && zz_fail "the refused file was left behind"
# The account now holds 1.8 MB of its 2 MB: psftp's next upload fills the quota.
printf 'cd upload\nput part.bin three.bin\n' >"$L/b"
psftp_b "$L/b"
zz_has "a full quota is refused (psftp)" '本账号的文件夹已满（限额 2 MB' "$(cat "$L/out")"
[ -e "$FILES/upload/three.bin" ] && zz_fail "the upload over the quota was left behind"
printf 'cd upload\n-put part.bin four.bin\nrm one.bin\nrm two.bin\n' >"$L/b"
sftp_b "$L/b" || zz_fail "rm: $(cat "$L/out")"
zz_has "a full quota is refused (sftp)" '请先删除不需要的文件' "$(cat "$L/out")"

zz_log "uploads and downloads are audited"
audit=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user police)
echo "$audit" | grep -P "\tupload\tfiles:police/upload/流动人口.csv\tok\t上传 /upload/流动人口.csv，大小 $size 字节.*sha256 $sha" \
	>/dev/null || zz_fail "upload not audited with size and sha256: $audit"
echo "$audit" | grep -P "\tdownload\tfiles:police/upload/流动人口.csv\tok\t下载 .*sha256 $sha" >/dev/null ||
	zz_fail "download not audited"
echo "$audit" | grep -P "\tfile_delete\tfiles:police/upload/副本.csv\tok" >/dev/null || zz_fail "rm not audited"
echo "$audit" | grep -P "\tupload\tfiles:police/upload/three.bin\trefused\t" >/dev/null ||
	zz_fail "the refused upload not audited"

zz_log "the uploaded CSV is imported from the 导入数据 screen"
ZZ_W=ui
ZZ_WAIT_TENTHS=300
zz_ssh_window ui police
zz_wait_main_menu ui police
zz_keys /
zz_type "导入数据"
zz_keys Enter Enter
zz_expect "上传目录："
zz_expect "流动人口.csv"
zz_keys Enter
zz_expect "导入为哪类记录"
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
zz_expect "读入 1 行：新增 1"
zz_keys Escape
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
zz_has "张三 waits at 桥头社区" '	待认领	张三	' "$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" claim list --as village)"

zz_log "an export from the records list lands in download/, fetched by SFTP"
ZZ_W=exp
zz_ssh_window exp village
zz_wait_main_menu exp village
zz_keys /
zz_type "流动人口"
zz_keys Enter Enter
zz_expect "张三"
zz_keys w
zz_expect "已导出 1 条到下载文件夹：download/流动人口-"
name=$(zz_screen | grep -o '流动人口-[0-9]*-[0-9]*\.csv' | head -1)
[ -n "$name" ] || zz_fail "no export file named on screen"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
printf 'get download/%s export.csv\n' "$name" >"$L/b"
sshpass -p "$ZZ_DEMO_PASS" sftp $ZZ_SSH_OPTS -o BatchMode=no -P "$ZZ_PORT" -b "$L/b" village@127.0.0.1 \
	>"$L/out" 2>&1 || zz_fail "get the export: $(cat "$L/out")"
zz_has "the export holds the record" '^321204001001,.*张三' "$(cat "$L/export.csv")"
zz_has "the export's download is audited" "	download	files:village/download/$name	ok" \
	"$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village)"
echo ok
