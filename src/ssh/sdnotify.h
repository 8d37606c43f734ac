/* sdnotify.h — telling the service manager the listener is ready (Type=notify, dist/zongzhi.service.in). */
#ifndef ZZ_SDNOTIFY_H
#define ZZ_SDNOTIFY_H

/* Sends "READY=1" to the datagram socket named by $NOTIFY_SOCKET (a path, or "@name" in the
 * abstract namespace) and removes the variable, so that no child process inherits it. Without the
 * variable (not started by systemd) it does nothing. Returns 0, or ZZ_ERR with the reason in
 * errmsg(). */
int sdnotify_ready(void);

#endif
