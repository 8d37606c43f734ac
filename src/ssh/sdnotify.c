/* sdnotify.c — "READY=1" to systemd once the listener serves: `systemctl start` (and enable --now,
 * restart) then waits for it, and fails when the start is refused (a home to make or to migrate,
 * a bad setting) instead of saying nothing while the unit starts again and again. */
#include "sdnotify.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"

int sdnotify_ready(void)
{
	static const char msg[] = "READY=1";
	const char *path = getenv("NOTIFY_SOCKET");
	if (!path || !*path)
		return 0;
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	size_t n = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || n >= sizeof a.sun_path)
		return errmsg_set(ZZ_ERR, "NOTIFY_SOCKET %s: not a socket address", path);
	memcpy(a.sun_path, path, n);
	if (path[0] == '@')
		a.sun_path[0] = '\0';
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errmsg_set(ZZ_ERR, "socket: %s", strerror(errno));
	int rc = 0;
	if (sendto(fd, msg, sizeof msg - 1, MSG_NOSIGNAL, (struct sockaddr *)&a,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)) < 0)
		rc = errmsg_set(ZZ_ERR, "NOTIFY_SOCKET %s: %s", path, strerror(errno));
	close(fd);
	unsetenv("NOTIFY_SOCKET");
	return rc;
}
