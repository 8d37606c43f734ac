/* disk.h — the disk the database home uses: data and log files, the filesystem's free space, the
 * removal of log files recovery no longer needs (kept until a backup holds them, if so set), and
 * the administrators' warning when space runs low. Settings: disk.* in conf/zongzhi.cfg. */
#ifndef ZZ_DISK_H
#define ZZ_DISK_H

#include <stdint.h>

#include "ctx.h"
#include "todo.h"
#include "user.h"

struct disk_use {
	uint64_t data_bytes, log_bytes;
	int data_files, log_files;
	int log_removable;		 /* log files recovery no longer needs */
	uint64_t fs_free, fs_total;	 /* of the filesystem holding the home */
	int64_t last_backup;		 /* start of the last backup, 0 when none */
	int warn;			 /* bit 1: free space below disk.warn_free_percent; 2: logs above disk.warn_log_mb */
};

int disk_measure(struct ctx *c, struct disk_use *d);
/* Remove log files recovery no longer needs that are older than disk.log_keep_days and, with
 * disk.log_keep_until_backup, written before the last backup began. *REMOVED counts them. */
int disk_logs_prune(struct ctx *c, int64_t now, int *removed);
/* Note that a backup holding everything written before time T has been made. */
int disk_backup_mark(struct ctx *c, int64_t t);
/* The warning item of the administrators' to-do list (a feature's todo source, feature.h). */
int disk_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
