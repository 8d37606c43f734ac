#!/usr/bin/env python3
"""Benchmark client: N logged-in sessions of the real OpenSSH client, each on its own pty.

Measures, once all N show READY_TEXT:
  - memory per session on the server side: RSS and PSS (smaps_rollup) of each session's processes
    (zongzhi: the session process and its UI, from the session registry; sshd: every descendant of
    one connection's sshd process, the shell included);
  - in session 0, the time from a key press to the first byte of the screen update, while the
    others stay connected (median and p99).
Prints one "key value" line per figure.
"""
import argparse
import fcntl
import os
import pty
import selectors
import signal
import struct
import sys
import termios
import time


def winsize(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class Session:
    def __init__(self, argv, env):
        pid, fd = pty.fork()
        if pid == 0:
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        winsize(fd, 24, 80)
        os.set_blocking(fd, False)
        self.buf = b""
        self.ready = False

    def read(self):
        try:
            data = os.read(self.fd, 65536)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:
            return None
        self.buf = (self.buf + data)[-8192:]
        return data


def smaps(pid):
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def descendants(pid):
    out = [pid]
    for c in children(pid):
        out += descendants(c)
    return out


def session_groups(args):
    """Lists of server-side pids, one list per session."""
    if args.server == "zongzhi":
        d = os.path.join(args.run_dir, "sessions")
        return [descendants(int(n)) for n in os.listdir(d) if n.isdigit()]
    # sshd: every child of the listening sshd serves one connection.
    return [descendants(c) for c in children(args.sshd_pid)]


def pump(sel, timeout):
    for key, _ in sel.select(timeout):
        s = key.data
        if s.read() is None:
            sel.unregister(s.fd)


def percentile(values, p):
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--ready-text", required=True)
    ap.add_argument("--server", choices=["zongzhi", "sshd"], required=True)
    ap.add_argument("--run-dir")
    ap.add_argument("--sshd-pid", type=int)
    ap.add_argument("--presses", type=int, default=200)
    ap.add_argument("--keys", default="down-up", help="down-up (a menu) or echo (a shell)")
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()

    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    argv = ["ssh", "-tt", "-p", str(args.port), "-i", args.key, "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", f"{args.user}@127.0.0.1"]
    ready = args.ready_text.encode()
    sel = selectors.DefaultSelector()
    sessions = []
    t_start = time.monotonic()
    # Start in batches, as people arrive: the unauthenticated caps stay meaningful.
    while len(sessions) < args.n or not all(s.ready for s in sessions):
        if time.monotonic() - t_start > args.timeout:
            print(f"error timeout: {sum(s.ready for s in sessions)}/{args.n} ready", flush=True)
            return 1
        pending = sum(not s.ready for s in sessions)
        while len(sessions) < args.n and pending < 20:
            s = Session(argv, env)
            sessions.append(s)
            sel.register(s.fd, selectors.EVENT_READ, s)
            pending += 1
        pump(sel, 0.05)
        for s in sessions:
            if not s.ready and ready in s.buf:
                s.ready = True
    print(f"sessions {args.n}", flush=True)
    print(f"login_all_s {time.monotonic() - t_start:.1f}", flush=True)
    # Let every UI settle, then measure the server side.
    t_settle = time.monotonic() + 3
    while time.monotonic() < t_settle:
        pump(sel, 0.1)
    groups = session_groups(args)
    rss = [sum(smaps(p)[0] for p in g) for g in groups]
    pss = [sum(smaps(p)[1] for p in g) for g in groups]
    procs = sum(len(g) for g in groups)
    print(f"server_sessions {len(groups)}", flush=True)
    print(f"processes_per_session {procs / max(1, len(groups)):.1f}", flush=True)
    print(f"rss_per_session_mb {sum(rss) / max(1, len(rss)) / 1024:.2f}", flush=True)
    print(f"pss_per_session_mb {sum(pss) / max(1, len(pss)) / 1024:.2f}", flush=True)
    print(f"pss_total_mb {sum(pss) / 1024:.1f}", flush=True)

    # Latency in session 0, the others connected and idle. The UI may open on the to-do list
    # (the account has items): Esc leads to the main menu, whose selection Down/Up move.
    s0 = sessions[0]
    todo, menu = "信息系统 > 待办事项".encode(), "信息系统 > 主菜单".encode()
    if args.keys != "echo" and todo in s0.buf and menu not in s0.buf[s0.buf.rfind(todo):]:
        s0.buf = b""
        os.write(s0.fd, b"\x1b")
        t_menu = time.monotonic() + 10
        while menu not in s0.buf and time.monotonic() < t_menu:
            pump(sel, 0.1)
        t_settle = time.monotonic() + 1
        while time.monotonic() < t_settle:
            pump(sel, 0.1)
    if args.keys == "echo":
        keys = [b"x", b"\x7f"]  # a letter, then erase it: the shell echoes both
    else:
        keys = [b"\x1b[B", b"\x1b[A"]  # Down, Up: the menu moves its selection and redraws
    mode = "keys"

    def press(i):
        if mode == "keys":
            os.write(s0.fd, keys[i % 2])
        else:
            # A window change: the UI redraws the whole screen (a heavier update than a key).
            winsize(s0.fd, 24 + i % 2, 80)

    def measure(i):
        pump(sel, 0.05)
        while s0.read():
            pass
        t0 = time.perf_counter()
        press(i)
        while time.perf_counter() - t0 < 1.0:
            r, _, _ = select_one(s0.fd, 1.0 - (time.perf_counter() - t0))
            if r and s0.read():
                ms = (time.perf_counter() - t0) * 1000
                # The rest of the same update, so that it does not count for the next press.
                time.sleep(0.005)
                return ms
        return None

    # A UI that does not redraw on these keys (the placeholder UI): measure window changes.
    if measure(0) is None and measure(1) is None and args.keys != "echo":
        mode = "resize"
    print(f"latency_mode {mode}", flush=True)
    lat = []
    misses = 0
    for i in range(args.presses):
        ms = measure(i)
        if ms is None:
            misses += 1
        else:
            lat.append(ms)
        time.sleep(0.03)
    if lat:
        print(f"latency_presses {len(lat)}", flush=True)
        print(f"latency_median_ms {percentile(lat, 50):.2f}", flush=True)
        print(f"latency_p99_ms {percentile(lat, 99):.2f}", flush=True)
        print(f"latency_max_ms {max(lat):.2f}", flush=True)
    print(f"latency_no_update {misses}", flush=True)

    for s in sessions:
        try:
            os.close(s.fd)
        except OSError:
            pass
    deadline = time.monotonic() + 30
    for s in sessions:
        while time.monotonic() < deadline:
            try:
                if os.waitpid(s.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            time.sleep(0.01)
        else:
            os.kill(s.pid, signal.SIGKILL)
    return 0


def select_one(fd, timeout):
    import select
    return select.select([fd], [], [], max(0.0, timeout))


if __name__ == "__main__":
    sys.exit(main())
