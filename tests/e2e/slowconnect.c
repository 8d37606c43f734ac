/* slowconnect.c — a test shim for the end-to-end tests (LD_PRELOAD, never installed): connect() to
 * the TCP port $ZZ_SLOW_PORT waits $ZZ_SLOW_MS milliseconds first, then connects. Preloaded into a
 * command on the primary, it holds back that command's own connection to the standby (the
 * replication manager connects from its own thread), so that the command's commits meet the
 * handshake race on demand (repl_ack.sh). With $ZZ_SLOW_REFUSE = N, its first N connect()s to that port
 * fail at once (ECONNREFUSED, as from a standby not answering yet). Every other connect() is
 * untouched. */
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

typedef int (*slow_connect_fn)(int, const struct sockaddr *, socklen_t);

static long slow_env(const char *name)
{
	const char *v = getenv(name);
	return v ? strtol(v, NULL, 10) : 0;
}

static int slow_port(const struct sockaddr *a, socklen_t n)
{
	if (a->sa_family == AF_INET && n >= sizeof(struct sockaddr_in))
		return ntohs(((const struct sockaddr_in *)a)->sin_port);
	if (a->sa_family == AF_INET6 && n >= sizeof(struct sockaddr_in6))
		return ntohs(((const struct sockaddr_in6 *)a)->sin6_port);
	return -1;
}

static atomic_long slow_refused;

int connect(int fd, const struct sockaddr *a, socklen_t n)
{
	slow_connect_fn real = (slow_connect_fn)dlsym(RTLD_NEXT, "connect");
	long port = slow_env("ZZ_SLOW_PORT"), ms = slow_env("ZZ_SLOW_MS");
	if (a && port > 0 && slow_port(a, n) == port && atomic_fetch_add(&slow_refused, 1) < slow_env("ZZ_SLOW_REFUSE")) {
		errno = ECONNREFUSED;
		return -1;
	}
	if (a && port > 0 && ms > 0 && slow_port(a, n) == port) {
		struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
		while (nanosleep(&ts, &ts) != 0)
			;
	}
	return real(fd, a, n);
}
