#!/usr/bin/env python3
"""Benchmark client: N logged-in sessions of the real OpenSSH client, each on its own pty.

Measures, once all N show READY_TEXT:
  - memory per session on the server side: RSS, PSS and private memory (smaps_rollup) of each
    session's processes (zongzhi: the session process and its UI, from the session registry;
    sshd: every descendant of one connection's sshd process, the shell included);
  - key-to-screen latency: ACTIVE of the sessions each press a key once a second (spread over the
    second) for DURATION seconds, the others idle; the time from a key press to the first byte of
    the screen update (median, p99, max over every press);
  - the accept loop under load: while they type, SLOW connections are held open that never finish
    the key exchange (silent, or stopped after the client banner), and once a second a new
    connection is timed from connect() to the server's banner (median and max).
Prints one "key value" line per figure.
"""
import argparse
import heapq
import os
import pty
import resource
import selectors
import socket
import struct
import sys
import termios
import time
import fcntl
import signal


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
        self.pressed = None  # perf_counter() of the key press awaiting its update

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
    """RSS, PSS and private (clean + dirty) kB of one process."""
    v = {"Rss:": 0, "Pss:": 0, "Private_Clean:": 0, "Private_Dirty:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                k = line.split(None, 1)[0]
                if k in v:
                    v[k] = int(line.split()[1])
    except OSError:
        pass
    return v["Rss:"], v["Pss:"], v["Private_Clean:"] + v["Private_Dirty:"]


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


def percentile(values, p):
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def pump(sel, timeout, on_data=None):
    for key, _ in sel.select(timeout):
        s = key.data
        data = s.read()
        if data is None:
            sel.unregister(s.fd)
        elif data and on_data:
            on_data(s)


def memory(args):
    groups = session_groups(args)
    per = [[smaps(p) for p in g] for g in groups]
    n = max(1, len(groups))
    procs = sum(len(g) for g in groups)
    tot = [sum(sum(m[i] for m in g) for g in per) for i in range(3)]
    print(f"server_sessions {len(groups)}", flush=True)
    print(f"processes_per_session {procs / n:.1f}", flush=True)
    print(f"rss_per_session_mb {tot[0] / n / 1024:.2f}", flush=True)
    print(f"pss_per_session_mb {tot[1] / n / 1024:.2f}", flush=True)
    print(f"private_per_session_mb {tot[2] / n / 1024:.2f}", flush=True)
    print(f"pss_total_mb {tot[1] / 1024:.1f}", flush=True)
    # By place in the session: the connection's own process, then what it started.
    for depth, name in ((0, "first"), (1, "second"), (2, "third")):
        ms = [g[depth] for g in per if len(g) > depth]
        if ms:
            print(f"pss_{name}_process_mb {sum(m[1] for m in ms) / len(ms) / 1024:.2f}", flush=True)


def banner_ms(port):
    """Milliseconds from connect() to the server's SSH banner, or None."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.settimeout(5)
            if s.recv(64).startswith(b"SSH-"):
                return (time.perf_counter() - t0) * 1000
    except OSError:
        pass
    return None


def slow_clients(port, n):
    """N connections that stall in the key exchange: half silent, half stopped after a banner."""
    out = []
    for i in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i % 2:
                s.sendall(b"SSH-2.0-slow\r\n")
            out.append(s)
        except OSError:
            pass
    return out


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
    ap.add_argument("--active", type=int, default=200, help="sessions typing one key a second")
    ap.add_argument("--duration", type=float, default=30, help="seconds of typing")
    ap.add_argument("--slow", type=int, default=20, help="stalled connections while typing")
    ap.add_argument("--keys", default="down-up", help="down-up (a menu) or echo (a shell)")
    ap.add_argument("--timeout", type=float, default=1200)
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

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
    t_settle = time.monotonic() + 5
    while time.monotonic() < t_settle:
        pump(sel, 0.1)
    memory(args)

    # The typists. The UI may open on the to-do list (the account has items): Esc leads to the
    # main menu, whose selection Down/Up move.
    active = sessions[:min(args.active, len(sessions))]
    todo, menu = "信息系统 > 待办事项".encode(), "信息系统 > 主菜单".encode()
    if args.keys != "echo":
        for s in active:
            if todo in s.buf and menu not in s.buf[s.buf.rfind(todo):]:
                s.buf = b""
                os.write(s.fd, b"\x1b")
        t_menu = time.monotonic() + 30
        while time.monotonic() < t_menu and not all(menu in s.buf for s in active):
            pump(sel, 0.1)
        t_settle = time.monotonic() + 2
        while time.monotonic() < t_settle:
            pump(sel, 0.1)
    keys = [b"x", b"\x7f"] if args.keys == "echo" else [b"\x1b[B", b"\x1b[A"]

    lat = []
    misses = 0

    def answered(s):
        if s.pressed is not None:
            lat.append((time.perf_counter() - s.pressed) * 1000)
            s.pressed = None

    stalled = slow_clients(args.port, args.slow)
    probes = []
    t0 = time.perf_counter()
    # (when, index, press count): each typist presses once a second, spread over the second.
    due = [(t0 + i / len(active), i, 0) for i in range(len(active))]
    heapq.heapify(due)
    next_probe = t0 + 0.5
    end = t0 + args.duration
    while due and due[0][0] < end:
        now = time.perf_counter()
        if now >= next_probe:
            ms = banner_ms(args.port)
            probes.append(ms)
            next_probe += 1.0
            continue
        when, i, k = due[0]
        if now < when:
            pump(sel, min(when, next_probe) - now, answered)
            continue
        heapq.heapreplace(due, (when + 1.0, i, k + 1))
        s = active[i]
        if s.pressed is not None:
            misses += 1  # no update within a second
        s.pressed = time.perf_counter()
        try:
            os.write(s.fd, keys[k % 2])
        except OSError:
            s.pressed = None
            misses += 1
    t_drain = time.perf_counter() + 1
    while time.perf_counter() < t_drain:
        pump(sel, 0.05, answered)
    misses += sum(s.pressed is not None for s in active)
    print(f"typing_sessions {len(active)}", flush=True)
    if lat:
        print(f"latency_presses {len(lat)}", flush=True)
        print(f"latency_median_ms {percentile(lat, 50):.2f}", flush=True)
        print(f"latency_p99_ms {percentile(lat, 99):.2f}", flush=True)
        print(f"latency_max_ms {max(lat):.2f}", flush=True)
    print(f"latency_no_update {misses}", flush=True)
    ok = [p for p in probes if p is not None]
    print(f"slow_connections {len(stalled)}", flush=True)
    if ok:
        print(f"accept_banner_median_ms {percentile(ok, 50):.2f}", flush=True)
        print(f"accept_banner_max_ms {max(ok):.2f}", flush=True)
    print(f"accept_banner_failed {len(probes) - len(ok)}", flush=True)
    for c in stalled:
        c.close()

    for s in sessions:
        try:
            os.close(s.fd)
        except OSError:
            pass
    deadline = time.monotonic() + 60
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


if __name__ == "__main__":
    sys.exit(main())
