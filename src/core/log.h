/* log.h — the server's log: syslog, standard error or a file (conf server.log). */
#ifndef ZZ_LOG_H
#define ZZ_LOG_H

#include <syslog.h>

/* DEST is "syslog", "stderr" or a file name (appended to). Returns 0 or ZZ_ERR with errmsg(). */
int log_open(const char *dest);
/* The same for a command that writes into the service's log: a file must exist (one made here
 * would belong to whoever runs the command, and the service could not open it): ZZ_ENOENT. */
int log_join(const char *dest);
/* One line at PRIO (LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG), with the process id. */
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The descriptor a forked child must keep open (-1 when none). */
int log_fd(void);

#endif
