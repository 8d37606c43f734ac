/* ssh_load.c — the load generator of bench/ssh_sessions.sh: N SSH client sessions (libssh, public
 * key, a pty of 80x24 and a shell) in this one process, multiplexed by epoll, instead of N OpenSSH
 * client processes each on a pty of its own (2,000 of those would need 2,000 more ptys and as many
 * processes beside the server measured).
 *
 *   ssh_load --port P --user U --key FILE --ready-text TEXT --server zongzhi|sshd
 *            [--run-dir DIR | --sshd-pid PID] [--n 2000] [--active 200] [--duration 30]
 *            [--slow 20] [--keys down-up|echo] [--timeout 1200] [--sources 8] [--pending 16]
 *            [--mem-floor-mb 2048]
 *
 * Once all N show TEXT it measures, printing one "key value" a line:
 *   - memory per session on the server side: RSS, PSS and private memory (smaps_rollup) of each
 *     session's processes (zongzhi: the session process and its UI, from the session registry;
 *     sshd: every descendant of one connection's sshd process, the shell included);
 *   - key-to-screen: ACTIVE of the sessions each press a key once a second (spread over the
 *     second) for DURATION seconds, the others idle; the time from writing the key to the first
 *     byte of the answer on the channel (median, p99, max over every press);
 *   - the accept loop: while they type, SLOW connections stall in the key exchange (half silent,
 *     half stopped after the client banner), and once a second a new connection is timed from
 *     connect() to the server's banner.
 * Connections come from 127.0.0.1 … 127.0.0.SOURCES in turn (per-address caps see several
 * addresses), PENDING logins at a time. Logins stop early when MemAvailable falls below
 * MEM_FLOOR_MB (the machine is shared): the figures then say how many were reached. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum load_state { LS_CONNECT, LS_AUTH, LS_OPEN, LS_PTY, LS_SHELL, LS_SHOWN, LS_DEAD };
enum { LOAD_TAIL = 8192, LOAD_PROBE_TAG = 1 << 30 };

struct load_sess {
	ssh_session s;
	ssh_channel ch;
	int fd;
	enum load_state state;
	bool ready;
	double pressed; /* when the key awaiting its answer was written, 0 when none */
	size_t tail_len;
	char tail[LOAD_TAIL]; /* the last bytes received, to find a text in */
};

struct load_opts {
	int port, n, active, slow, sources, pending, timeout_s, mem_floor_mb;
	double duration;
	const char *user, *key, *ready, *server, *run_dir, *keys;
	int sshd_pid;
};

static struct load_opts opt = {.n = 2000, .active = 200, .duration = 30, .slow = 20, .sources = 8,
			       .pending = 16, .timeout_s = 1200, .mem_floor_mb = 2048, .keys = "down-up"};
static ssh_key load_key;
static int load_ep;

static double load_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void load_source(int i, char *buf, size_t n)
{
	snprintf(buf, n, "127.0.0.%d", 1 + i % opt.sources);
}

static int load_start(struct load_sess *x, int i)
{
	char src[32];
	load_source(i, src, sizeof src);
	int no = 0, verbosity = SSH_LOG_NOLOG;
	long port = opt.port;
	x->s = ssh_new();
	x->fd = -1;
	if (!x->s)
		return -1;
	ssh_options_set(x->s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(x->s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(x->s, SSH_OPTIONS_USER, opt.user);
	ssh_options_set(x->s, SSH_OPTIONS_BINDADDR, src);
	ssh_options_set(x->s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(x->s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &no);
	ssh_options_set(x->s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
	ssh_options_set(x->s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_set_blocking(x->s, 0);
	x->state = LS_CONNECT;
	return 0;
}

static void load_received(struct load_sess *x, const char *buf, int n)
{
	if (n >= LOAD_TAIL) {
		memcpy(x->tail, buf + n - LOAD_TAIL, LOAD_TAIL);
		x->tail_len = LOAD_TAIL;
		return;
	}
	if (x->tail_len + (size_t)n > LOAD_TAIL) {
		size_t drop = x->tail_len + (size_t)n - LOAD_TAIL;
		memmove(x->tail, x->tail + drop, x->tail_len - drop);
		x->tail_len -= drop;
	}
	memcpy(x->tail + x->tail_len, buf, (size_t)n);
	x->tail_len += (size_t)n;
}

static bool load_shows(const struct load_sess *x, const char *text)
{
	return memmem(x->tail, x->tail_len, text, strlen(text)) != NULL;
}

/* Latencies of the answered key presses. */
static double *lat;
static int nlat, caplat;

static void load_read(struct load_sess *x)
{
	char buf[16384];
	for (;;) {
		int r = ssh_channel_read_nonblocking(x->ch, buf, sizeof buf, 0);
		if (r == SSH_ERROR || (r == 0 && ssh_channel_is_eof(x->ch))) {
			x->state = LS_DEAD;
			return;
		}
		if (r <= 0)
			return;
		if (x->pressed > 0) {
			if (nlat == caplat) {
				caplat = caplat ? caplat * 2 : 4096;
				lat = realloc(lat, (size_t)caplat * sizeof *lat);
			}
			lat[nlat++] = (load_now() - x->pressed) * 1000;
			x->pressed = 0;
		}
		load_received(x, buf, r);
		if (!x->ready && load_shows(x, opt.ready))
			x->ready = true;
	}
}

/* The non-blocking libssh call of X's state before the shell shows, as SSH_OK, SSH_AGAIN (wait
 * for the server) or SSH_ERROR. */
static int load_call(struct load_sess *x)
{
	int rc;
	switch (x->state) {
	case LS_CONNECT:
		return ssh_connect(x->s);
	case LS_AUTH:
		rc = ssh_userauth_publickey(x->s, NULL, load_key);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : rc == SSH_AUTH_AGAIN ? SSH_AGAIN : SSH_ERROR;
	case LS_OPEN:
		return ssh_channel_open_session(x->ch);
	case LS_PTY:
		return ssh_channel_request_pty_size(x->ch, "xterm-256color", 80, 24);
	default:
		return ssh_channel_request_shell(x->ch);
	}
}

/* Take X as far as it goes without waiting; -1 when it failed. */
static int load_step(struct load_sess *x, int i)
{
	while (x->state < LS_SHOWN) {
		int rc = load_call(x);
		if (x->fd < 0 && ssh_get_fd(x->s) >= 0) { /* connected: watched from now on */
			x->fd = ssh_get_fd(x->s);
			struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)i};
			epoll_ctl(load_ep, EPOLL_CTL_ADD, x->fd, &ev);
		}
		if (rc == SSH_AGAIN)
			return 0;
		if (rc != SSH_OK)
			return -1;
		if (x->state == LS_AUTH)
			x->ch = ssh_channel_new(x->s);
		x->state++;
	}
	if (x->state == LS_SHOWN)
		load_read(x);
	return x->state == LS_DEAD ? -1 : 0;
}

static int load_mem_available_mb(void)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[128];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemAvailable: %ld", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb < 0 ? -1 : (int)(kb / 1024);
}

static void load_loadavg(const char *when)
{
	char buf[128] = "";
	FILE *f = fopen("/proc/loadavg", "re");
	if (f && fgets(buf, sizeof buf, f))
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
	printf("loadavg_%s %s\n", when, buf);
}

/* Server-side memory: RSS, PSS, private kB of one process. */
static void load_smaps(int pid, long v[3])
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
	FILE *f = fopen(path, "re");
	v[0] = v[1] = v[2] = 0;
	long k;
	while (f && fgets(line, sizeof line, f)) {
		if (sscanf(line, "Rss: %ld", &k) == 1)
			v[0] = k;
		else if (sscanf(line, "Pss: %ld", &k) == 1)
			v[1] = k;
		else if (sscanf(line, "Private_Clean: %ld", &k) == 1 || sscanf(line, "Private_Dirty: %ld", &k) == 1)
			v[2] += k;
	}
	if (f)
		fclose(f);
}

/* PID and its descendants, depth first, into OUT (at most MAX); returns how many. */
static int load_descendants(int pid, int *out, int max)
{
	if (max <= 0)
		return 0;
	int n = 0;
	out[n++] = pid;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", pid, pid);
	FILE *f = fopen(path, "re");
	int c;
	while (f && n < max && fscanf(f, "%d", &c) == 1)
		n += load_descendants(c, out + n, max - n);
	if (f)
		fclose(f);
	return n;
}

static void load_memory(void)
{
	int *roots = calloc((size_t)opt.n + 64, sizeof *roots), nroots = 0;
	if (strcmp(opt.server, "zongzhi") == 0) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/sessions", opt.run_dir);
		DIR *d = opendir(dir);
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL && nroots < opt.n + 64)
			if (atoi(de->d_name) > 0)
				roots[nroots++] = atoi(de->d_name);
		if (d)
			closedir(d);
	} else {
		char path[64];
		snprintf(path, sizeof path, "/proc/%d/task/%d/children", opt.sshd_pid, opt.sshd_pid);
		FILE *f = fopen(path, "re");
		while (f && nroots < opt.n + 64 && fscanf(f, "%d", &roots[nroots]) == 1)
			nroots++;
		if (f)
			fclose(f);
	}
	long tot[3] = {0}, depth[3][2] = {{0}};
	int procs = 0;
	for (int i = 0; i < nroots; i++) {
		int pids[16];
		int np = load_descendants(roots[i], pids, 16);
		procs += np;
		for (int j = 0; j < np; j++) {
			long v[3];
			load_smaps(pids[j], v);
			for (int m = 0; m < 3; m++)
				tot[m] += v[m];
			if (j < 3) {
				depth[j][0] += v[1];
				depth[j][1]++;
			}
		}
	}
	double n = nroots > 0 ? nroots : 1;
	printf("server_sessions %d\n", nroots);
	printf("processes_per_session %.1f\n", procs / n);
	printf("rss_per_session_mb %.2f\n", tot[0] / n / 1024);
	printf("pss_per_session_mb %.2f\n", tot[1] / n / 1024);
	printf("private_per_session_mb %.2f\n", tot[2] / n / 1024);
	printf("pss_total_mb %.1f\n", tot[1] / 1024.0);
	static const char *const names[] = {"first", "second", "third"};
	for (int j = 0; j < 3; j++)
		if (depth[j][1])
			printf("pss_%s_process_mb %.2f\n", names[j], depth[j][0] / (double)depth[j][1] / 1024);
	fflush(stdout);
	free(roots);
}

static int load_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double load_pct(double *v, int n, double p)
{
	int k = (int)(p / 100.0 * n + 0.5) - 1;
	if (k < 0)
		k = 0;
	if (k > n - 1)
		k = n - 1;
	return v[k];
}

/* Wait up to MS for events and serve them. Probes (tagged) go to ON_PROBE. */
static void load_pump(struct load_sess *v, int ms, void (*on_probe)(int idx))
{
	struct epoll_event evs[256];
	int k = epoll_wait(load_ep, evs, 256, ms);
	for (int j = 0; j < k; j++) {
		uint64_t i = evs[j].data.u64;
		if (i & LOAD_PROBE_TAG) {
			if (on_probe)
				on_probe((int)(i & ~(uint64_t)LOAD_PROBE_TAG));
			continue;
		}
		struct load_sess *x = &v[i];
		if (x->state != LS_DEAD && load_step(x, (int)i) < 0 && x->state != LS_DEAD) {
			x->state = LS_DEAD;
			if (x->fd >= 0)
				epoll_ctl(load_ep, EPOLL_CTL_DEL, x->fd, NULL);
		}
	}
}

/* The accept-loop probes: a connection started each second, timed to the server's banner. */
struct load_probe {
	int fd;
	double t0;
};
static struct load_probe *probes;
static int nprobes;
static double *banner_ms;
static int nbanner;

static void load_probe_read(int idx)
{
	struct load_probe *p = &probes[idx];
	char buf[64];
	ssize_t r = read(p->fd, buf, sizeof buf);
	if (r > 0 && memcmp(buf, "SSH-", 4) == 0)
		banner_ms[nbanner++] = (load_now() - p->t0) * 1000;
	if (r < 0 && errno == EAGAIN)
		return;
	close(p->fd);
	p->fd = -1;
}

static int load_connect(bool nonblock)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0), 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)opt.port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

static int load_args(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		static const struct {
			const char *name;
			int *ip;
			const char **sp;
		} t[] = {
			{"--port", &opt.port, NULL},	   {"--n", &opt.n, NULL},
			{"--active", &opt.active, NULL},   {"--slow", &opt.slow, NULL},
			{"--sources", &opt.sources, NULL}, {"--pending", &opt.pending, NULL},
			{"--timeout", &opt.timeout_s, NULL}, {"--mem-floor-mb", &opt.mem_floor_mb, NULL},
			{"--sshd-pid", &opt.sshd_pid, NULL}, {"--user", NULL, &opt.user},
			{"--key", NULL, &opt.key},	   {"--ready-text", NULL, &opt.ready},
			{"--server", NULL, &opt.server},   {"--run-dir", NULL, &opt.run_dir},
			{"--keys", NULL, &opt.keys},
		};
		bool found = false;
		for (size_t j = 0; j < sizeof t / sizeof t[0] && !found; j++)
			if (strcmp(k, t[j].name) == 0) {
				found = true;
				if (t[j].ip)
					*t[j].ip = atoi(v);
				else
					*t[j].sp = v;
			}
		if (strcmp(k, "--duration") == 0) {
			opt.duration = atof(v);
			found = true;
		}
		if (!found) {
			fprintf(stderr, "ssh_load: unknown option %s\n", k);
			return -1;
		}
	}
	if (!opt.port || !opt.user || !opt.key || !opt.ready || !opt.server || opt.sources < 1 || opt.n < 1) {
		fprintf(stderr, "ssh_load: --port, --user, --key, --ready-text and --server are needed\n");
		return -1;
	}
	return 0;
}

/* Log in all N (or as many as memory allows); returns how many are shown, -1 on a timeout. */
static int load_login(struct load_sess *v)
{
	double t0 = load_now(), next_check = t0;
	int started = 0, limit = opt.n, failed = 0;
	for (;;) {
		int pending = 0, ready = 0;
		for (int i = 0; i < started; i++) {
			if (v[i].state == LS_DEAD)
				continue;
			if (v[i].ready)
				ready++;
			else
				pending++;
		}
		failed = 0;
		for (int i = 0; i < started; i++)
			failed += v[i].state == LS_DEAD;
		if (started >= limit && pending == 0)
			break;
		double now = load_now();
		if (now - t0 > opt.timeout_s) {
			printf("error timeout: %d/%d ready\n", ready, limit);
			return -1;
		}
		if (now >= next_check) {
			next_check = now + 1;
			int avail = load_mem_available_mb();
			if (avail >= 0 && avail < opt.mem_floor_mb && limit > started) {
				printf("capped_at %d (MemAvailable %d MB < %d MB)\n", started, avail, opt.mem_floor_mb);
				limit = started;
			}
		}
		while (started < limit && pending < opt.pending) {
			if (load_start(&v[started], started) < 0 || load_step(&v[started], started) < 0)
				v[started].state = LS_DEAD;
			started++;
			pending++;
		}
		/* Steps that need no input from the server (a connect that completed) are retried here. */
		for (int i = 0; i < started; i++)
			if (!v[i].ready && v[i].state != LS_DEAD && v[i].state != LS_SHOWN && load_step(&v[i], i) < 0)
				v[i].state = LS_DEAD;
		load_pump(v, 20, NULL);
	}
	int ready = 0;
	for (int i = 0; i < started; i++)
		ready += v[i].ready;
	printf("sessions %d\n", ready);
	if (failed)
		printf("login_failed %d\n", failed);
	printf("login_all_s %.1f\n", load_now() - t0);
	printf("logins_per_s %.1f\n", ready / (load_now() - t0));
	fflush(stdout);
	return ready;
}

/* Serve events for S seconds (probes to ON_PROBE). */
static void load_settle(struct load_sess *v, double s, void (*on_probe)(int idx))
{
	double until = load_now() + s;
	while (load_now() < until)
		load_pump(v, 50, on_probe);
}

static void load_write(struct load_sess *x, const char *key)
{
	if (ssh_channel_write(x->ch, key, (uint32_t)strlen(key)) < 0)
		x->state = LS_DEAD;
}

/* The UI may open on the to-do list (the account has items): Esc leads to the main menu. */
static void load_to_menu(struct load_sess *v, int na)
{
	static const char todo[] = "信息系统 > 待办事项", menu[] = "信息系统 > 主菜单";
	for (int i = 0; i < na; i++)
		if (load_shows(&v[i], todo) && !load_shows(&v[i], menu)) {
			v[i].tail_len = 0;
			load_write(&v[i], "\x1b");
		}
	double until = load_now() + 30;
	for (;;) {
		bool all = true;
		for (int i = 0; i < na && all; i++)
			all = v[i].state == LS_DEAD || load_shows(&v[i], menu);
		if (all || load_now() > until)
			break;
		load_pump(v, 100, NULL);
	}
	load_settle(v, 2, NULL);
}

static void load_type(struct load_sess *v, int na)
{
	const char *keys[2] = {"\x1b[B", "\x1b[A"};
	if (strcmp(opt.keys, "echo") == 0) {
		keys[0] = "x";
		keys[1] = "\x7f";
	}
	int *stalled = calloc((size_t)opt.slow + 1, sizeof *stalled), nstalled = 0;
	for (int i = 0; i < opt.slow; i++) {
		int fd = load_connect(false);
		if (fd < 0)
			continue;
		if (i % 2 && write(fd, "SSH-2.0-slow\r\n", 14) < 0) {
			close(fd);
			continue;
		}
		stalled[nstalled++] = fd;
	}
	int nprobe_max = (int)opt.duration + 2;
	probes = calloc((size_t)nprobe_max, sizeof *probes);
	banner_ms = calloc((size_t)nprobe_max, sizeof *banner_ms);
	double t0 = load_now(), end = t0 + opt.duration, next_probe = t0 + 0.5;
	long presses = 0, misses = 0;
	/* Typist i presses at t0 + i/na + k seconds. */
	long k = 0;
	int i = 0;
	for (;;) {
		double due = t0 + k + (double)i / na;
		if (due >= end)
			break;
		double now = load_now();
		if (now >= next_probe && nprobes < nprobe_max) {
			struct load_probe *p = &probes[nprobes];
			p->t0 = load_now();
			p->fd = load_connect(true);
			if (p->fd >= 0) {
				struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)(LOAD_PROBE_TAG | nprobes)};
				epoll_ctl(load_ep, EPOLL_CTL_ADD, p->fd, &ev);
			}
			nprobes++;
			next_probe += 1;
			continue;
		}
		if (now < due) {
			double wait = (due < next_probe ? due : next_probe) - now;
			load_pump(v, wait > 0 ? (int)(wait * 1000) + 1 : 0, load_probe_read);
			continue;
		}
		struct load_sess *x = &v[i];
		if (x->state != LS_DEAD) {
			if (x->pressed > 0)
				misses++; /* no answer within a second */
			x->pressed = load_now();
			load_write(x, keys[k % 2]);
			presses++;
		}
		if (++i == na) {
			i = 0;
			k++;
		}
	}
	load_settle(v, 1, load_probe_read);
	for (int j = 0; j < na; j++)
		misses += v[j].pressed > 0;
	printf("typing_sessions %d\n", na);
	printf("latency_presses %d\n", nlat);
	if (nlat) {
		qsort(lat, (size_t)nlat, sizeof *lat, load_cmp);
		printf("latency_median_ms %.2f\n", load_pct(lat, nlat, 50));
		printf("latency_p99_ms %.2f\n", load_pct(lat, nlat, 99));
		printf("latency_max_ms %.2f\n", lat[nlat - 1]);
	}
	printf("latency_no_update %ld\n", misses);
	printf("slow_connections %d\n", nstalled);
	if (nbanner) {
		qsort(banner_ms, (size_t)nbanner, sizeof *banner_ms, load_cmp);
		printf("accept_banner_median_ms %.2f\n", load_pct(banner_ms, nbanner, 50));
		printf("accept_banner_max_ms %.2f\n", banner_ms[nbanner - 1]);
	}
	printf("accept_banner_failed %d\n", nprobes - nbanner);
	fflush(stdout);
	for (int j = 0; j < nstalled; j++)
		close(stalled[j]);
	for (int j = 0; j < nprobes; j++)
		if (probes[j].fd >= 0)
			close(probes[j].fd);
	free(stalled);
	free(probes);
	free(banner_ms);
}

int main(int argc, char **argv)
{
	if (load_args(argc, argv) < 0)
		return 2;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < (rlim_t)opt.n + (rlim_t)opt.slow + 100)
		printf("warning: descriptor limit %lu is below the sessions\n", (unsigned long)rl.rlim_cur);
	if (ssh_pki_import_privkey_file(opt.key, NULL, NULL, NULL, &load_key) != SSH_OK) {
		fprintf(stderr, "ssh_load: cannot read the key %s\n", opt.key);
		return 2;
	}
	load_ep = epoll_create1(EPOLL_CLOEXEC);
	struct load_sess *v = calloc((size_t)opt.n, sizeof *v);
	load_loadavg("start");
	int ready = load_login(v);
	if (ready > 0) {
		/* Let every UI settle, then measure the server side. */
		load_settle(v, 5, NULL);
		load_memory();
		printf("mem_available_mb %d\n", load_mem_available_mb());
		int na = 0;
		/* The typists: the first ACTIVE sessions that are shown (moved to the front). */
		for (int i = 0; i < opt.n && na < opt.active; i++)
			if (v[i].ready && v[i].state != LS_DEAD) {
				struct load_sess t = v[na];
				v[na] = v[i];
				v[i] = t;
				na++;
			}
		/* epoll's data are indices: register the moved ones anew. */
		for (int i = 0; i < opt.n; i++)
			if (v[i].fd >= 0 && v[i].state != LS_DEAD) {
				struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)i};
				epoll_ctl(load_ep, EPOLL_CTL_MOD, v[i].fd, &ev);
			}
		if (strcmp(opt.keys, "echo") != 0)
			load_to_menu(v, na);
		if (na > 0)
			load_type(v, na);
		load_loadavg("end");
	}
	fflush(stdout);
	for (int i = 0; i < opt.n; i++) {
		if (!v[i].s)
			continue;
		if (v[i].ch) {
			ssh_channel_close(v[i].ch);
			ssh_channel_free(v[i].ch);
		}
		ssh_disconnect(v[i].s);
		ssh_free(v[i].s);
	}
	ssh_key_free(load_key);
	free(v);
	free(lat);
	close(load_ep);
	return ready > 0 ? 0 : 1;
}
