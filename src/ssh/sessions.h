/* sessions.h — the registry of logged-in SSH sessions: one file per session process in the run
 * folder, so that the caps hold across listener restarts (sessions outlive their listener). */
#ifndef ZZ_SESSIONS_H
#define ZZ_SESSIONS_H

#include <sys/types.h>

/* Count live sessions in all and of ACCOUNT (stale files of dead processes are removed). */
int sessions_count(const char *run_dir, const char *account, int *total, int *mine);

/* Register session process PID of ACCOUNT from ADDR unless that would exceed MAX_TOTAL sessions
 * in all or MAX_ACCOUNT of ACCOUNT: then ZZ_EPERM with the reason for the person in errmsg().
 * Counting and registering are one step under a lock, so that parallel logins cannot both slip
 * under a cap. */
int sessions_register(const char *run_dir, pid_t pid, const char *account, const char *addr,
		      int max_total, int max_account);
void sessions_unregister(const char *run_dir, pid_t pid);

/* Session processes open and close the database, and the listener runs failchk, one at a time:
 * Berkeley DB 5.3 can deadlock when failchk runs while another process's open runs its own failchk
 * (after a crash), and an open that reads the registry while another process clears its line
 * there takes that process for dead and recovers the environment. Returns a descriptor to pass to sessions_db_unlock (-1 when the lock file cannot be
 * opened: then go on unserialized). */
int sessions_db_lock(const char *run_dir);
void sessions_db_unlock(int fd);

#endif
