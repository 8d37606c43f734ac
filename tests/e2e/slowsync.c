/* slowsync.c — a test shim for the end-to-end tests (LD_PRELOAD, never installed): fsync() and
 * fdatasync() wait $ZZ_SLOW_SYNC_MS milliseconds first. Preloaded into a migration of one record a
 * transaction (each commit written to the disk), it makes the migration last long enough on any
 * machine to be killed half-way (cli_migrate.sh); a fast disk finished it before the kill. */
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

typedef int (*slow_sync_fn)(int);

static void slow_wait(void)
{
	const char *v = getenv("ZZ_SLOW_SYNC_MS");
	long ms = v ? strtol(v, NULL, 10) : 0;
	if (ms <= 0)
		return;
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0)
		;
}

int fsync(int fd)
{
	slow_wait();
	return ((slow_sync_fn)dlsym(RTLD_NEXT, "fsync"))(fd);
}

int fdatasync(int fd)
{
	slow_wait();
	return ((slow_sync_fn)dlsym(RTLD_NEXT, "fdatasync"))(fd);
}
