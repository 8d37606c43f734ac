/* log.h — the server's log: syslog, standard error or a file (conf server.log). */
#ifndef ZZ_LOG_H
#define ZZ_LOG_H

#include <syslog.h>

/* DEST is "syslog", "stderr" or a file name (appended to). Returns 0 or ZZ_ERR with errmsg(). */
int log_open(const char *dest);
/* One line at PRIO (LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG), with the process id. */
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The descriptor a forked child must keep open (-1 when none). */
int log_fd(void);

#endif
