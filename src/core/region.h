/* region.h — where the environment's shared regions (the cache, locks, log buffer) live: System V
 * shared memory, so that the cache's decrypted pages never reach a file, or files in the home. */
#ifndef ZZ_REGION_H
#define ZZ_REGION_H

#include <db.h>
#include <stdbool.h>
#include <stdint.h>

#include "conf.h"

/* Berkeley DB puts region N at the base key + N - 1; a home reserves this many keys. */
enum { REGION_KEYS = 64 };

/* Are new regions made in shared memory (db.system_memory, always for an encrypted home)? */
bool region_shm_wanted(const struct conf *c);

/* Before opening HOME: an encrypted home with db.system_memory = false is refused; regions whose
 * segments are gone (a reboot, ipcrm) are forgotten; region files are removed when shared memory
 * is wanted (they are made again there), refused while a process uses them. */
int region_prepare(const char *home, const struct conf *c);

/* The flags and base key an opener of HOME that may make the regions needs (DB_SYSTEM_MEM or 0):
 * the first free range of REGION_KEYS keys derived from the home directory's device and inode. */
u_int32_t region_config(DB_ENV *env, const char *home, const struct conf *c);

/* The base key region_config would choose for a home of device DEV and inode INO when the keys
 * before it are taken: the key of try TRY (0, 1, …). */
long region_key_try(uint64_t dev, uint64_t ino, unsigned try);

/* After the open: ask the kernel for huge pages (2 MB) for this process's mappings of the home's
 * segments (db.huge_pages), which the cache's random reads spend much of their time translating
 * through 4 KB pages; granted only when shmem_enabled allows it (advise or always). */
void region_advise(const struct conf *c);

/* What tells the current regions of HOME from those made after a recovery (0: none). */
uint64_t region_id(const char *home);

/* Has a live process (a listener, daemon, session or command; this one too) HOME's environment
 * open? Its line in the registry, __db.register, is locked. */
bool region_home_busy(const char *home);

/* After this process closed HOME: when the regions are in shared memory and no live process has
 * registered, the registry's lock (a descriptor to give region_remove_unlock; -1 otherwise), and
 * whether a process that died left its line (then its regions may not be joined). */
int region_idle_lock(const char *home, bool *dead);

/* Remove HOME's regions (the cache's pages do not outlive the last process; the next opener makes
 * them anew) and drop the lock of region_idle_lock. */
void region_remove_unlock(const char *home, int fd);

#endif
