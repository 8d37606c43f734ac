/* sshd_pty.c — the UI process: a pseudo-terminal with the client's TERM and size, its own session
 * and controlling terminal, its own database handle, then ui_run. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

#include "log.h"
#include "sshd.h"
#include "ui.h"

int64_t sshd_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Close every descriptor from 3 on but KEEP (the log file). */
static void sshd_close_fds(int keep)
{
	if (keep < 3) {
		close_range(3, ~0U, 0);
		return;
	}
	if (keep > 3)
		close_range(3, (unsigned)keep - 1, 0);
	close_range((unsigned)keep + 1, ~0U, 0);
}

static void sshd_signals_default(void)
{
	static const int sigs[] = {SIGPIPE, SIGCHLD, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM};
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* In the UI child: never returns. */
static void sshd_ui_child(struct sshd_conn *k, int slave)
{
	sshd_signals_default();
	if (login_tty(slave) < 0)
		_exit(126);
	sshd_close_fds(log_fd());
	setenv("TERM", k->term, 1);
	/* The UI writes Chinese: make sure the locale is UTF-8 even when the listener's is not. */
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		setenv("LC_ALL", "C.UTF-8", 1);
		setlocale(LC_ALL, "");
	}
	int rc = sshd_open_store(k);
	if (rc < 0) {
		printf("\r\n无法打开数据库：%s\r\n", errmsg());
		fflush(stdout);
		_exit(1);
	}
	malloc_trim(0); /* what opening the store only needed for a moment */
	rc = ui_run(k->c, k->user);
	/* ui_run has said what went wrong on the screen; the status tells the relay. Closing the
	 * database must not be cut short by a late hangup. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	/* Not behind the other processes' opens (sshd_close_store): when thousands of sessions end at
	 * once the relay would kill the UIs still waiting for their turn (ui_stop_wait_s). */
	store_close(&k->c->st);
	_exit(rc < 0 ? 1 : 0);
}

int sshd_pty_spawn(struct sshd_conn *k)
{
	int master = -1, slave = -1;
	if (openpty(&master, &slave, NULL, NULL, &k->ws) < 0)
		return errmsg_set(ZZ_ERR, "无法分配伪终端：%s", strerror(errno));
	/* The relay's own database handle is not carried into the UI process: close it first, and
	 * give back what it and the key exchange held, so that neither process keeps those pages. */
	sshd_close_store(k);
	malloc_trim(0);
	pid_t pid = fork();
	if (pid < 0) {
		close(master);
		close(slave);
		return errmsg_set(ZZ_ERR, "无法创建界面进程：%s", strerror(errno));
	}
	if (pid == 0) {
		close(master);
		sshd_ui_child(k, slave);
	}
	close(slave);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	fcntl(master, F_SETFD, FD_CLOEXEC);
	k->master = master;
	k->ui = pid;
	k->last_input = sshd_now_ms();
	sshd_channel_pump(k); /* starts watching the pty */
	log_msg(LOG_INFO, "session of %s from %s port %d: UI pid %d, %s %dx%d", k->user->name, k->addr, k->port,
		(int)pid, k->term, k->ws.ws_col, k->ws.ws_row);
	return 0;
}

bool sshd_pty_reap(struct sshd_conn *k)
{
	if (k->ui <= 0)
		return true;
	int st;
	pid_t r = waitpid(k->ui, &st, WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return false;
	k->ui_status = r == k->ui ? st : 0;
	k->ui = 0;
	return true;
}

void sshd_pty_stop(struct sshd_conn *k, int wait_ms)
{
	if (k->ui <= 0)
		return;
	/* One SIGHUP, to its process group (it leads it): a second one could arrive after the UI has
	 * put back the default action to close the database, and kill it inside Berkeley DB. */
	if (kill(-k->ui, SIGHUP) < 0)
		kill(k->ui, SIGHUP);
	int64_t until = sshd_now_ms() + wait_ms;
	while (!sshd_pty_reap(k)) {
		if (sshd_now_ms() >= until) {
			kill(-k->ui, SIGKILL);
			kill(k->ui, SIGKILL);
			waitpid(k->ui, &k->ui_status, 0);
			k->ui = 0;
			break;
		}
		/* Drain what the UI writes while it ends (endwin), so that it never blocks on a full pty. */
		if (k->master >= 0) {
			char buf[4096];
			while (read(k->master, buf, sizeof buf) > 0)
				;
		}
		usleep(10000);
	}
}
