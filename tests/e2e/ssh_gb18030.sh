#!/bin/sh
# SSH server: a client whose locale is GB18030 (LANG sent in the environment request) gets the
# same screens in GB18030 on the wire, and Chinese it types in GB18030 — a character cut between
# two writes, a byte that is no character in the middle — lands in a saved field as UTF-8. A client
# in UTF-8 is served UTF-8; a refusal message is converted too. The real OpenSSH client on a pty of
# its own (tmux would read the bytes as UTF-8).
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start

cat >"$ZZ_T/client.py" <<'PY'
import os, pty, re, select, sys, time
lang, mode, port, password = sys.argv[1:5]
enc = "gb18030" if ".GB" in lang.upper() else "utf-8"
pid, fd = pty.fork()
if pid == 0:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=lang, TERM="xterm")
    argv = ["sshpass", "-p", password, "ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG", "-p", port]
    argv += ["-T", "county@127.0.0.1", "ls"] if mode == "refused" else ["-t", "county@127.0.0.1"]
    os.execvpe(argv[0], argv, env)
out = b""

def fail(why):
    sys.stderr.write("FAIL: %s\n--- got: %r\n" % (why, out[-600:]))
    os.kill(pid, 9)
    sys.exit(1)

def wait(text, secs=30):
    """Read until TEXT (in the client's encoding) has come, then until quiet."""
    global out
    want = text.encode(enc)
    end = time.time() + secs
    quiet = None
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                break
            out += data
            quiet = None
        elif want in out:
            quiet = quiet or time.time()
            if time.time() - quiet > 0.5:
                return
    if want not in out:
        fail("no %r in %s" % (text, enc))

def keys(b):
    global out
    out = b""
    os.write(fd, b)

if mode == "refused":
    wait("本系统不执行命令")
    sys.exit(0)
wait("社会治安综合治理信息系统")
if enc == "gb18030" and "社会治安".encode() in out:
    fail("UTF-8 sent to a GB18030 client")
if "信息系统 > 待办事项".encode(enc) in out:
    keys(b"\x1b")
    wait("主菜单")
if mode == "menu":
    sys.exit(0)
keys(b"/" + "户籍人口".encode(enc) + b"\r\r")
wait("单位:全部")
keys(b"g")
time.sleep(0.5)
keys(b"\r")
wait("查看 1/")
keys(b"e")
wait("填写")
keys(b"\t\t\t")
time.sleep(0.5)
keys(b"\x15")
time.sleep(0.3)
# 测试曾用名 in GB18030: cut inside 试, and a byte that is no character (0xFF) after it.
typed = "测试".encode(enc) + b"\xff" + "曾用名".encode(enc)
keys(typed[:3])
time.sleep(0.4)
keys(typed[3:])
time.sleep(0.5)
keys(b"\x13")
wait("已保存")
try:
    shown = out.decode(enc)
except UnicodeDecodeError as e:
    fail("not %s: %s" % (enc, e))
m = re.search("已保存（户籍人口记录号 ([0-9]+)）", shown)
if not m:
    fail("no record number")
print(m.group(1))
os.kill(pid, 15)
PY

zz_log "a UTF-8 client gets UTF-8"
python3 "$ZZ_T/client.py" C.UTF-8 menu "$ZZ_PORT" "$ZZ_DEMO_PASS" || zz_fail "UTF-8 client"

zz_log "a GB18030 client (LANG=zh_CN.GB18030): screens in GB18030, typed Chinese saved"
rid=$(python3 "$ZZ_T/client.py" zh_CN.GB18030 edit "$ZZ_PORT" "$ZZ_DEMO_PASS") || zz_fail "GB18030 client"
out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record get household "$rid")
zz_has "the field typed in GB18030" "测试曾用名" "$out"
grep -q "terminal in GB18030" "$ZZ_T/server.log" || zz_fail "the conversion is not in the log"

zz_log "a refusal message in GB18030"
python3 "$ZZ_T/client.py" zh_CN.gbk refused "$ZZ_PORT" "$ZZ_DEMO_PASS" || zz_fail "GBK refusal message"
echo ok
