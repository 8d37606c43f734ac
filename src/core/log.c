/* log.c — the server's log lines. Never called from a signal handler. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static enum { LOG_TO_STDERR, LOG_TO_SYSLOG, LOG_TO_FILE } log_to = LOG_TO_STDERR;
static int log_file = -1;

/* DEST with EXTRA open flags (O_CREAT or none) for a file. */
static int log_open_flags(const char *dest, int extra)
{
	if (strcmp(dest, "syslog") == 0) {
		openlog("zongzhi", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
		log_to = LOG_TO_SYSLOG;
		return 0;
	}
	if (strcmp(dest, "stderr") == 0) {
		log_to = LOG_TO_STDERR;
		return 0;
	}
	int fd = open(dest, O_WRONLY | O_APPEND | O_CLOEXEC | extra, 0600);
	if (fd < 0 && errno == ENOENT && !extra)
		return errmsg_set(ZZ_ENOENT, "服务器日志 %s 不存在（本站的 zongzhi serve 还没有运行过）", dest);
	if (fd < 0)
		return errmsg_set(ZZ_ERR, "无法打开日志文件 %s：%s", dest, strerror(errno));
	if (log_file >= 0)
		close(log_file);
	log_file = fd;
	log_to = LOG_TO_FILE;
	return 0;
}

int log_open(const char *dest)
{
	return log_open_flags(dest, O_CREAT);
}

int log_join(const char *dest)
{
	return log_open_flags(dest, 0);
}

int log_fd(void)
{
	return log_to == LOG_TO_FILE ? log_file : -1;
}

void log_msg(int prio, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* Names and reasons come from clients: no line of theirs may end ours or move a terminal's
	 * cursor when the log is read. */
	char *msg = str_shown(raw);
	if (log_to == LOG_TO_SYSLOG) {
		syslog(prio, "%s", msg);
		free(msg);
		return;
	}
	static const char *const names[] = {"emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"};
	char when[20];
	datetime_format(time(NULL), when);
	char line[1200];
	int n = snprintf(line, sizeof line, "%s zongzhi[%d] %s: %s\n", when, (int)getpid(),
			 names[prio & 7], msg);
	free(msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line) {
		n = (int)sizeof line - 1;
		line[n - 1] = '\n';
	}
	/* One write per line, so that lines from many processes do not interleave (O_APPEND). */
	ssize_t w = write(log_to == LOG_TO_FILE ? log_file : STDERR_FILENO, line, (size_t)n);
	(void)w;
}
