/* slowlink.c — a slow serial link between an SSH client and the server, for bench/slowlink.sh.
 *
 *   slowlink LISTEN_PORT TARGET_PORT BITS_PER_SECOND LATENCY_MS STATS_FILE
 *
 * Accepts connections on 127.0.0.1:LISTEN_PORT, one at a time, and joins each to
 * 127.0.0.1:TARGET_PORT. Each direction is a line of BITS_PER_SECOND (8 bits a byte, as a modem
 * with error correction carries them) followed by LATENCY_MS of delay: a byte leaves when the line
 * has sent every byte before it, and arrives LATENCY_MS later. STATS_FILE holds the bytes delivered
 * so far towards the client and towards the server, and the time of the last delivery towards the
 * client (CLOCK_MONOTONIC), and how many reads from the server brought them ("DOWN UP LAST_DOWN_US
 * READS\n"), rewritten after each delivery, so that a
 * driver can tell what one step cost on the wire and when its screen was complete. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { SL_CHUNK = 64, SL_QUEUE_MAX = 1 << 16 };

/* One chunk on its way, in arrival order. */
struct sl_chunk {
	int64_t at; /* when it reaches the far end (µs) */
	size_t len;
	unsigned char data[SL_CHUNK];
};

struct sl_dir {
	int from, to;
	struct sl_chunk *q;
	size_t head, tail, cap; /* ring of chunks */
	size_t queued;		/* bytes in the ring */
	int64_t line_free;	/* when the line has sent what it holds (µs) */
	unsigned long long delivered;
	int64_t last;		  /* when the last byte was delivered (µs) */
	unsigned long long reads; /* reads from the sender: about one per packet it sent */
	int eof;
};

static int64_t sl_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void sl_stats(const char *path, const struct sl_dir *down, const struct sl_dir *up)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "%llu %llu %lld %llu\n", down->delivered, up->delivered, (long long)down->last,
		down->reads);
	fclose(f);
	rename(tmp, path);
}

static void sl_push(struct sl_dir *d, const unsigned char *buf, size_t len, long bps,
		    int64_t latency)
{
	int64_t now = sl_now();
	while (len > 0) {
		if ((d->tail + 1) % d->cap == d->head) {
			size_t ncap = d->cap * 2;
			struct sl_chunk *nq = malloc(ncap * sizeof *nq);
			if (!nq)
				abort();
			size_t n = 0;
			for (size_t i = d->head; i != d->tail; i = (i + 1) % d->cap)
				nq[n++] = d->q[i];
			free(d->q);
			d->q = nq;
			d->head = 0;
			d->tail = n;
			d->cap = ncap;
		}
		struct sl_chunk *c = &d->q[d->tail];
		c->len = len < SL_CHUNK ? len : SL_CHUNK;
		memcpy(c->data, buf, c->len);
		int64_t start = d->line_free > now ? d->line_free : now;
		d->line_free = start + (int64_t)c->len * 8 * 1000000 / bps;
		c->at = d->line_free + latency;
		d->tail = (d->tail + 1) % d->cap;
		d->queued += c->len;
		buf += c->len;
		len -= c->len;
	}
}

/* Deliver what is due; the next due time, or -1 when nothing waits. */
static int64_t sl_deliver(struct sl_dir *d, int *changed)
{
	int64_t now = sl_now();
	while (d->head != d->tail) {
		struct sl_chunk *c = &d->q[d->head];
		if (c->at > now)
			return c->at;
		const unsigned char *p = c->data;
		size_t n = c->len;
		while (n > 0) {
			ssize_t w = write(d->to, p, n);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -2;
			p += w;
			n -= (size_t)w;
		}
		d->delivered += c->len;
		d->last = sl_now();
		d->queued -= c->len;
		d->head = (d->head + 1) % d->cap;
		*changed = 1;
	}
	return -1;
}

static int sl_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		perror("slowlink: connect");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void sl_serve(int client, int server, long bps, int64_t latency, const char *stats,
		     struct sl_dir *down, struct sl_dir *up)
{
	int one = 1;
	setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	up->from = client;
	up->to = server;
	down->from = server;
	down->to = client;
	up->eof = down->eof = 0;
	up->line_free = down->line_free = 0;
	struct sl_dir *dirs[2] = {down, up};
	for (;;) {
		int changed = 0;
		int64_t next = -1;
		for (int i = 0; i < 2; i++) {
			int64_t t = sl_deliver(dirs[i], &changed);
			if (t == -2)
				return;
			if (t >= 0 && (next < 0 || t < next))
				next = t;
		}
		if (changed)
			sl_stats(stats, down, up);
		/* A direction ends once its far side closed and everything it sent has arrived. */
		for (int i = 0; i < 2; i++)
			if (dirs[i]->eof && dirs[i]->head == dirs[i]->tail)
				return;
		struct pollfd pf[2];
		for (int i = 0; i < 2; i++) {
			pf[i].fd =
			    dirs[i]->eof || dirs[i]->queued >= SL_QUEUE_MAX ? -1 : dirs[i]->from;
			pf[i].events = POLLIN;
			pf[i].revents = 0;
		}
		int timeout = -1;
		if (next >= 0) {
			int64_t wait = next - sl_now();
			timeout = wait <= 0 ? 0 : (int)((wait + 999) / 1000);
		}
		if (poll(pf, 2, timeout) < 0 && errno != EINTR)
			return;
		for (int i = 0; i < 2; i++) {
			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			unsigned char buf[4096];
			ssize_t r = read(dirs[i]->from, buf, sizeof buf);
			if (r > 0) {
				sl_push(dirs[i], buf, (size_t)r, bps, latency);
				dirs[i]->reads++;
			} else if (r == 0 || errno != EINTR)
				dirs[i]->eof = 1;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: slowlink LISTEN_PORT TARGET_PORT BITS_PER_SECOND "
				"LATENCY_MS STATS_FILE\n");
		return 2;
	}
	int lport = atoi(argv[1]), tport = atoi(argv[2]);
	long bps = atol(argv[3]);
	int64_t latency = (int64_t)atol(argv[4]) * 1000;
	const char *stats = argv[5];
	if (lport <= 0 || tport <= 0 || bps <= 0 || latency < 0) {
		fprintf(stderr, "slowlink: bad arguments\n");
		return 2;
	}
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)lport)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(ls, 4) < 0) {
		perror("slowlink: listen");
		return 1;
	}
	struct sl_dir down = {.cap = 64}, up = {.cap = 64};
	down.q = calloc(down.cap, sizeof *down.q);
	up.q = calloc(up.cap, sizeof *up.q);
	if (!down.q || !up.q)
		return 1;
	sl_stats(stats, &down, &up);
	for (;;) {
		int client = accept(ls, NULL, NULL);
		if (client < 0) {
			if (errno == EINTR)
				continue;
			perror("slowlink: accept");
			return 1;
		}
		int server = sl_connect(tport);
		if (server >= 0) {
			sl_serve(client, server, bps, latency, stats, &down, &up);
			close(server);
		}
		close(client);
		/* What was still on its way is lost with the connection. */
		down.head = down.tail = up.head = up.tail = 0;
		down.queued = up.queued = 0;
		sl_stats(stats, &down, &up);
	}
}
