/* sshprobe.c — a hostile SSH client for the end-to-end tests (libssh, never installed).
 *
 *   sshprobe login PORT TRIES PASSWORD   the account name read from stdin (any bytes, any length):
 *                                         TRIES password attempts on one connection; prints the
 *                                         server's version line and one line per attempt
 *                                         (from the address $PROBE_FROM when set)
 *   sshprobe hold FROM PORT N SECONDS     N TCP connections from address FROM that never say a word,
 *                                         held for SECONDS (half-open logins)
 */
#include <arpa/inet.h>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int probe_login(int port, int tries, const char *pw)
{
	static char name[1 << 20];
	size_t n = fread(name, 1, sizeof name - 1, stdin);
	name[n] = '\0';
	if (n > 0 && name[n - 1] == '\n')
		name[n - 1] = '\0';
	ssh_session s = ssh_new();
	if (!s)
		return 2;
	bool no = false;
	long timeout = 20;
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, name);
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	if (getenv("PROBE_FROM"))
		ssh_options_set(s, SSH_OPTIONS_BINDADDR, getenv("PROBE_FROM"));
	if (ssh_connect(s) != SSH_OK) {
		printf("connect: %s\n", ssh_get_error(s));
		ssh_free(s);
		return 1;
	}
	const char *banner = ssh_get_serverbanner(s);
	printf("server: %s\n", banner ? banner : "?");
	for (int i = 1; i <= tries; i++) {
		int rc = ssh_userauth_password(s, NULL, pw);
		printf("auth %d: %s\n", i,
		       rc == SSH_AUTH_SUCCESS ? "success" : rc == SSH_AUTH_DENIED ? "denied" : "error");
		if (rc == SSH_AUTH_SUCCESS || rc == SSH_AUTH_ERROR)
			break;
	}
	ssh_disconnect(s);
	ssh_free(s);
	return 0;
}

static int probe_hold(const char *from, int port, int n, int seconds)
{
	int *fds = calloc((size_t)n, sizeof *fds);
	int opened = 0;
	for (int i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in src = {.sin_family = AF_INET}, dst = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
		inet_pton(AF_INET, from, &src.sin_addr);
		inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
		if (fd < 0 || bind(fd, (struct sockaddr *)&src, sizeof src) < 0 ||
		    connect(fd, (struct sockaddr *)&dst, sizeof dst) < 0) {
			perror(from);
			if (fd >= 0)
				close(fd);
			fds[i] = -1;
			continue;
		}
		fds[i] = fd;
		opened++;
	}
	printf("held %d\n", opened);
	fflush(stdout);
	sleep((unsigned)seconds);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "login") == 0)
		return probe_login(atoi(argv[2]), atoi(argv[3]), argv[4]);
	if (argc == 6 && strcmp(argv[1], "hold") == 0)
		return probe_hold(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
	fprintf(stderr, "usage: sshprobe login PORT TRIES PASSWORD < name | hold FROM PORT N SECONDS\n");
	return 2;
}
