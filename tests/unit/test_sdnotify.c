/* test_sdnotify.c — the listener's "READY=1" to systemd (Type=notify): sent to the datagram socket
 * $NOTIFY_SOCKET names, a path or an abstract name, and the variable removed for the children. */
#include "testlib.h"

#include <sys/socket.h>
#include <sys/un.h>

#include "sdnotify.h"

/* A datagram socket bound at ADDR (a path, or "@name"), as systemd makes one. */
static int bound(const char *addr)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	size_t n = strlen(addr);
	memcpy(a.sun_path, addr, n);
	if (addr[0] == '@')
		a.sun_path[0] = '\0';
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)), 0);
	return fd;
}

static void expect_ready(int fd)
{
	char buf[64];
	ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
	assert_int_equal(n, 7);
	buf[n] = '\0';
	assert_string_equal(buf, "READY=1");
	assert_null(getenv("NOTIFY_SOCKET"));
}

static void test_path(void **state)
{
	(void)state;
	char dir[] = "/tmp/zz-sdnotify.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/notify", dir);
	int fd = bound(path);
	setenv("NOTIFY_SOCKET", path, 1);
	assert_int_equal(sdnotify_ready(), 0);
	expect_ready(fd);
	/* Once said, never again: the variable is gone. */
	assert_int_equal(sdnotify_ready(), 0);
	char buf[8];
	assert_true(recv(fd, buf, sizeof buf, MSG_DONTWAIT) < 0);
	close(fd);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void test_abstract(void **state)
{
	(void)state;
	char *name = xasprintf("@zz-sdnotify-%d", (int)getpid());
	int fd = bound(name);
	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(sdnotify_ready(), 0);
	expect_ready(fd);
	close(fd);
	free(name);
}

static void test_not_under_systemd(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(sdnotify_ready(), 0);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_true(sdnotify_ready() < 0);
	assert_non_null(strstr(errmsg(), "relative/path"));
	unsetenv("NOTIFY_SOCKET");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_abstract),
		cmocka_unit_test(test_not_under_systemd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
