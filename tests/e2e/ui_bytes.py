#!/usr/bin/env python3
"""Driver of ui_bytes.sh: `zongzhi tui` on a pty of its own (80x24), the bytes it writes per step,
as the demo account given after TERM (county unless named).

A step sends keys and collects the output until its marker has shown and the output has been quiet
for a moment. Prints one line per named step: "NAME<TAB>bytes<TAB>SGR sequences<TAB>longest run of
blanks", then the output of the last step of the form's Tab steps (escaped) for the failure report.
"""
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

QUIET = 0.4
LIMIT = 20.0


def main():
    zz, conf, home, term = sys.argv[1:5]
    account = sys.argv[5] if len(sys.argv) > 5 else "county"
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = term
        os.environ["LANG"] = "C.UTF-8"
        os.execv(zz, [zz, "-c", conf, "--home", home, "tui"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def step(keys, marker, name=None):
        if keys:
            os.write(fd, keys.encode())
        out, start, last = b"", time.monotonic(), time.monotonic()
        seen = marker is None
        while True:
            now = time.monotonic()
            if now - start > LIMIT:
                sys.exit("ui_bytes: no %r after %r; got %r" % (marker, keys, out[-400:]))
            if seen and now - last >= QUIET and (out or marker is not None):
                break
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    sys.exit("ui_bytes: the UI ended after %r" % keys)
                out += data
                last = time.monotonic()
                if not seen and marker.encode() in out:
                    seen = True
        if name:
            sgr = len(re.findall(rb"\x1b\[[0-9;]*m", out))
            blanks = max((len(m) for m in re.findall(rb" +", out)), default=0)
            print("%s\t%d\t%d\t%d" % (name, len(out), sgr, blanks), flush=True)
        return out

    step("", "用户登录")
    out = step(account + "\tDemo@2026zz\r", "(county)" if account == "county" else "待办")
    if "主菜单".encode() not in out:
        step("\x1b", "主菜单")
    step("/户籍人口\r\r", "单位:全部", "list")
    # A cursor step down the list and back: the two rows' marks and first cells, no more.
    step("\x1bOB", None, "down")
    step("\x1bOA", None, "up")
    step("\r", "查看 1/", "form")
    step("e", "填写")
    for i in range(6):
        step("\t", None, "tab%d" % (i + 1))
    os.kill(pid, 15)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
