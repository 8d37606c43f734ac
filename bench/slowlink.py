#!/usr/bin/env python3
"""Driver of bench/slowlink.sh: the OpenSSH client in a tmux window (80x24), through the slowlink
relay, whose counters say what each step cost.

A step sends keys, waits until the window shows its marker text and the link has been quiet for a
moment, and reports:
  ms       time to usable: from the keys to the last byte delivered towards the client;
  down/up  bytes on the wire towards the client / the server (SSH framing, encryption and
           compression included).
  reads    reads of the relay from the server in the step (about one per SSH packet).
Prints one line per step: "STEP<TAB>ms<TAB>down<TAB>up<TAB>reads".
"""
import argparse
import os
import subprocess
import sys
import time

LIMIT = 120.0  # a step that never shows its marker fails


def counters(path):
    with open(path) as f:
        down, up, last, reads = f.read().split()
    return int(down), int(up), int(last) / 1e6, int(reads)


class Client:
    def __init__(self, tmux, window, stats, quiet):
        self.tmux, self.win, self.stats, self.quiet = tmux, window, stats, quiet

    def screen(self):
        r = subprocess.run(self.tmux + ["capture-pane", "-p", "-t", self.win], capture_output=True, text=True)
        return r.stdout

    def start(self, command):
        self.t0 = time.monotonic()
        self.c0 = counters(self.stats)
        subprocess.run(self.tmux + ["new-session", "-d", "-s", self.win.split(":")[0], "-n",
                                    self.win.split(":")[1], "-x", "80", "-y", "24", command], check=True)

    def keys(self, keys, literal=True):
        self.t0 = time.monotonic()
        self.c0 = counters(self.stats)
        subprocess.run(self.tmux + ["send-keys", "-t", self.win] + (["-l"] if literal else []) + [keys], check=True)

    def wait(self, marker, name=None):
        """Wait for MARKER (None: any change on the wire) and a quiet link; the step's figures."""
        seen_at = None
        while True:
            now = time.monotonic()
            if now - self.t0 > LIMIT:
                sys.exit("slowlink: no %r on the screen; it shows:\n%s" % (marker, self.screen()))
            down, up, last, reads = counters(self.stats)
            if marker is None:
                ok = down > self.c0[0]
            else:
                ok = marker in self.screen()
            if ok and seen_at is None:
                seen_at = now
            if ok and now - max(last, seen_at) >= self.quiet:
                break
            time.sleep(0.05)
        fig = (max(0, int((last - self.t0) * 1000)), down - self.c0[0], up - self.c0[1], reads - self.c0[3])
        if name:
            print("%s\t%d\t%d\t%d\t%d" % ((name,) + fig), flush=True)
        if os.environ.get("SLOWLINK_SCREENS"):
            sys.stderr.write("--- after %r:\n%s" % (name, self.screen()))
        return fig

    def step(self, keys, marker, name=None, literal=True):
        self.keys(keys, literal)
        return self.wait(marker, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmux", required=True, help="the tmux command, e.g. 'tmux -L sock'")
    ap.add_argument("--command", required=True, help="the ssh command line")
    ap.add_argument("--stats", required=True)
    ap.add_argument("--quiet", type=float, default=1.2)
    a = ap.parse_args()
    c = Client(a.tmux.split(), "slow:ssh", a.stats, a.quiet)
    # Login ends on the first screen after it: the to-do list on a working day, else the menu.
    c.start(a.command)
    c.wait("(county)", "login")
    if "信息系统 > 待办事项" in c.screen():
        c.step("Escape", "信息系统 > 主菜单", literal=False)
    c.step("/待办事项\r\r", "信息系统 > 待办事项", "todo list")
    c.step("Escape", "信息系统 > 主菜单", literal=False)
    c.step("/户籍人口\r\r", "单位:全部", "open a list")
    c.step(" ", None, "page down")
    c.step("g", None)
    c.step("\r", "查看 1/", "open a form")
    c.step("e", "填写", "edit mode")
    # Three fields on is 曾用名, a text field: change it, move on three more, save.
    steps = [c.step("\t", None) for _ in range(3)]
    c.step("C-u", None, literal=False)
    c.step("测试曾用名", None)
    steps += [c.step("\t", None) for _ in range(3)]
    worst = max(steps, key=lambda f: f[1])
    print("%s\t%d\t%d\t%d\t%d" % (("cursor step (max of 6)",) + worst), flush=True)
    c.step("C-s", "已保存", "save", literal=False)
    # Back in the list, the next row's form: the labels are already in the session's compression
    # window, so this is what every form but a session's first costs.
    c.step("q", "单位:全部")
    c.step("Down", None, literal=False)
    c.step("\r", "查看 1/", "open another form")


if __name__ == "__main__":
    main()
