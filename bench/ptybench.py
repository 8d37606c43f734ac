#!/usr/bin/env python3
"""Bytes the curses UI writes to the terminal, per step: run `zongzhi tui` on a pty we own,
send keys, count what comes out of the master between marks (a step ends when its marker text
has appeared and the output has been quiet for a moment)."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

QUIET = 0.4  # seconds without output that end a step
LIMIT = 20.0  # a step that never shows its marker fails


class Tui:
    def __init__(self, argv, term, cols, rows):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = term
            os.environ["LANG"] = "C.UTF-8"
            os.execv(argv[0], argv)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.last = b""

    def step(self, keys, marker):
        """Send KEYS, return the bytes written until MARKER showed and the output went quiet."""
        if keys:
            os.write(self.fd, keys.encode())
        out = self.last = b""
        start = last = time.monotonic()
        seen = marker is None
        while True:
            now = time.monotonic()
            if now - start > LIMIT:
                sys.exit("bench: no %r on the screen after %r; got %r" % (marker, keys, out[-300:]))
            if seen and now - last >= QUIET:
                return len(out)
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    return len(out)
                out += data
                self.last = out
                last = time.monotonic()
                if not seen and marker.encode() in out:
                    seen = True

    def seen_last(self, text):
        """Whether the output of the last step showed TEXT."""
        return text.encode() in self.last

    def close(self):
        try:
            os.kill(self.pid, 15)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def run(zz, home, term):
    t = Tui([zz, "--home", home, "tui"], term, 80, 24)
    figures = []
    figures.append(("login screen", t.step("", "用户登录")))
    # On a working day the to-do list comes first (a daily report is due); Esc leaves it.
    login = t.step("county\tDemo@2026zz\r", "(county)")
    if t.seen_last("待办事项") and not t.seen_last("主菜单"):
        login += t.step("\x1b", "主菜单")
    figures.append(("login to the main menu", login))
    figures.append(("open the 户籍人口 list", t.step("/户籍人口\r\r", "单位:全部")))
    downs = [t.step("j", None) for _ in range(5)]
    figures.append(("one row down (max of 5)", max(downs)))
    figures.append(("one page down", t.step(" ", None)))
    t.step("g", None)
    figures.append(("open the 户籍人口 form", t.step("\r", "查看 1/")))
    figures.append(("edit mode", t.step("e", "填写")))
    t.step("\t\t\t", None)
    t.step("\x15测试曾用名", None)
    figures.append(("save it", t.step("\x13", "已保存")))
    t.close()
    return figures


def main():
    zz, home = sys.argv[1], sys.argv[2]
    targets = {"one row down (max of 5)": 80, "open the 户籍人口 form": 3000}
    bad = False
    for term in ("xterm-256color", "vt100"):
        for name, n in run(zz, home, term):
            target = targets.get(name)
            mark = ""
            if target:
                mark = "  (target <= %d: %s)" % (target, "ok" if n <= target else "OVER")
                bad |= n > target
            print("ui %-15s %-26s %6d bytes%s" % (term, name, n, mark))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
