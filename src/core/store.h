/* store.h — the Berkeley DB environment and its databases. */
#ifndef ZZ_STORE_H
#define ZZ_STORE_H

#include <db.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "schema.h"

struct units;

/* Core's databases, which every process opens, besides one rec_<type>.db per record type. A
 * feature's own databases are rows of its struct feature (feature.h, `dbs`) with ids from
 * DBI__CORE up (src/domain/domain.h): store_open opens them after these, into the same db[]. */
enum store_dbid {
	DBI_META,      /* counters and small settings */
	DBI_UNITS,     /* unit code -> unit */
	DBI_USERS,     /* account name -> account */
	DBI_AUDIT,     /* be64 sequence -> audit entry */
	DBI_IDX_KEY,   /* type \0 key value -> record id, big-endian in as few bytes as it needs (unique key of a type) */
	DBI_IDX_UNIT,  /* type \0 unit code \0 be64 id -> "" (scope scans by code prefix) */
	DBI_IDX_IDNUM, /* ID number \0 type \0 be64 id -> "" (the person view) */
	DBI_IDX_NAME,  /* type \0 name \0 be64 id -> "" (name prefix search) */
	DBI_IDX_DUE,   /* be64 due time, kind \0 ref -> payload (deadlines the daemon reads) */
	DBI_REMIND,    /* unit path \0 kind \0 ref -> reminder of a unit's to-do list (remind.h) */
	DBI__CORE
};

/* A database file: where its handle goes in store.db[], its name, its access method, and for a
 * B-tree of sorted duplicates the order of a key's data items (NULL: no duplicates). */
struct store_dbdef {
	int id;
	const char *file;
	DBTYPE type;
	int (*dup_cmp)(DB *db, const DBT *a, const DBT *b);
};
extern const struct store_dbdef store_dbdefs[DBI__CORE];

struct store {
	DB_ENV *env;
	char *home;
	bool repl;    /* repl.enabled: one site of a replication group; changes only on the primary */
	bool repl_creator; /* the home had a database, or init makes one: it may start the group */
	unsigned long unacked; /* commits the quorum did not acknowledge (repl.ack_policy) */
	/* Transactions this process has committed (store_run): a session recounts what they may have
	 * changed (its status line's 待办 N) when the number moves. */
	_Atomic unsigned long commits;
	bool encrypt; /* db.key_file set: every database file is AES-encrypted (DB_ENCRYPT_AES) */
	/* By id: core's (enum store_dbid), then the features' (their dbs rows); read through
	 * store_db, which opens a database on first use. Atomic: a handle once open is read
	 * without a lock (store_db), and published with release when opened. */
	DB *_Atomic *db;
	const char **dbfile; /* the file of each db[] (NULL: no database has that id) */
	int ndb;
	DB *_Atomic *rec; /* parallel to schema->t; NULL until first used (store_rec_db) */
	bool eager; /* every database opened with the environment (init, replication) */
	bool migrate; /* STORE_MIGRATE: a home in the old index format may be opened (idxmig.c) */
	/* Held while a database is opened on first use: another thread may use the store, and
	 * two threads first using the same one open it once. */
	pthread_mutex_t open_mu;
	const struct schema *schema;
	const struct units *units; /* the unit tree, kept current by ctx_units() */
	/* Bulk work reserves record ids in blocks of id_block (0: one at a time, no gaps). */
	unsigned id_block;
	/* Bulk work writes through one cursor per database for a whole transaction (store_cput);
	 * store_run closes them before the transaction ends. */
	bool put_cursors;
	/* The databases are open with DB_TXN_NOT_DURABLE: nothing written is logged (store_set_durable). */
	bool not_durable;
	/* The cache of the environment's regions when this process made them, MiB (store_set_cache;
	 * 0: db.cache_mb). */
	long long cache_mb;
	struct store_putc {
		DB *db;
		DBC *c;
	} *putc;
	int nputc;
	DB_TXN *putc_txn; /* the transaction the cursors of putc belong to */
	/* The watchdog thread: failchk, deadlocks and expired lock waits, every db.watch_ms (store.c). */
	pthread_t watch;
	bool watching, stop;
	pthread_mutex_t watch_mu;
	pthread_cond_t watch_cv;
	long watch_ms;
	u_int32_t page_size; /* of new database files */
	int lockfd; /* HOME/failchk.lock: one failchk at a time across processes */
	/* flock and OFD locks do not exclude threads sharing a descriptor: the watchdog and the
	 * listener's main thread take this as well. */
	pthread_mutex_t failchk_mu;
	/* While this process's failchk runs (under failchk_mu): what each process asked about was,
	 * for the thread running it (store_isalive). */
	struct store_alive {
		pid_t pid; /* 0: a free slot */
		bool alive;
	} *_Atomic alive;
	struct store_alive alive_last; /* the last answer, asked again most often */
	size_t alive_cap;
	/* After a process died inside Berkeley DB the environment is recovered (by the next process
	 * to open it): every other handle is then dead, and its process opens the environment anew
	 * (store_revive). The watchdog sets stale when failchk says so or the regions were replaced;
	 * a main thread that stays inside store_run on a dead environment is stuck on a latch of the
	 * dead process for good, and the watchdog ends the process (store.c). */
	const struct conf *conf;
	const struct store_dbdef *const *extra; /* the features' databases (a copy of store_open's) */
	int nextra;
	atomic_bool stale;
	atomic_int busy;      /* store_run in progress */
	atomic_uint progress; /* bumped at every attempt of store_run */
	uint64_t region_id;   /* of the regions when opened (region_id) */
	long long stuck_ms;
	struct store_ids {
		char *name;
		uint64_t next, end; /* ids next..end-1 are reserved by this process */
	} *ids;
	int nids;
};

/* STORE_MIGRATE: open a home whose list indexes are in the format before sorted duplicates, or
 * half migrated, without its list indexes (idxmig.c builds them); any other open refuses it. */
enum { STORE_CREATE = 1, STORE_MIGRATE = 2 };
/* meta.db: the format of the home's files, STORE_FORMAT_NOW in every home made since it; the
 * progress of a migration while it runs (idxmig.c). "2": the list indexes are sorted duplicates;
 * "3": the features' files converted too (struct feature's migrate: claims as sorted duplicates). */
#define STORE_IDX_FORMAT "idx.format"
#define STORE_IDX_MIGRATING "idx.migrating"
#define STORE_FORMAT_NOW "3"
#define STORE_FORMAT_LISTS "2"
/* meta.db: when the home was made (be64 seconds), written with its format; a home made before it
 * was kept has none. */
#define STORE_MADE "home.made"
/* When the home was made (STORE_MADE): 0 and *WHEN, or ZZ_ENOENT when it was made before that was
 * kept. */
int store_made(struct store *st, int64_t *when);
/* Is database ID one of the list indexes kept as sorted duplicates (dupidx.h)? */
bool store_dupsort(int id);

/* Is HOME a database home store_open with FLAGS can open (it exists, a directory, with a database
 * unless made now or replicated; STORE_CREATE makes the directory)? The refusal names HOME and
 * what to do. *CREATOR: this process may make the databases (not a new standby's empty home). */
int store_home_check(const char *home, const struct conf *c, unsigned flags, bool *creator);
/* Open (creating with STORE_CREATE) the environment in HOME: core's databases, then the N rows of
 * EXTRA (the features' databases; an id used twice is refused). Each process opens its own. */
int store_open(struct store **out, const char *home, const struct conf *c, const struct schema *s,
	       const struct store_dbdef *const *extra, int n, unsigned flags);
void store_close(struct store **st);
/* HOME's regions in shared memory removed when no live process has them (store_close does it
 * for the last process; restore for the home it moves aside). */
void store_region_release(const char *home, const struct conf *c);
/* Database ID (enum store_dbid or a feature's), opened on first use and kept: a session at the
 * menu and the to-do list needs few of them, and every open handle costs each process heap, a
 * locker, and 16 bytes per handle open in the whole environment (Berkeley DB's table of log file
 * ids, which every process sizes to the highest id it holds: issue 17). Opened with the
 * environment at init (every file made) and with replication (every open's commit waits for the
 * standbys). NULL when no database has that id, and, with errmsg set, when it cannot be opened (a
 * file made unreadable or damaged since): store_get, store_get_buf, store_put, store_cput and
 * store_del then return ZZ_EDB, and a caller that uses the handle itself returns ZZ_EDB for NULL
 * (doc/ARCHITECTURE.md), so that the person is told why once and the process goes on. The next
 * use tries to open it again. */
DB *store_db(struct store *st, int id);
/* The database of record type T, opened on first use and kept, as store_db (NULL the same way). */
DB *store_rec_db(struct store *st, const struct rtype *t);

/* Map a Berkeley DB return code to ours, with a message for a person. */
int store_err(int dbrc, const char *what);

/* A replicated home that is not the primary now (repl.enabled): store_run refuses changes. */
bool store_standby(struct store *st);

/* Run FN in a transaction, retrying on deadlock or lock timeout (after DB_ENV->failchk, so that a
 * dead process's locks are released); FN returns 0 to commit or an error to abort. */
typedef int (*store_fn)(struct store *st, DB_TXN *txn, void *arg);
int store_run(struct store *st, store_fn fn, void *arg);
/* STORE_TXN_NOSYNC: commit to the operating system without waiting for the disk (bulk work that
 * calls store_flush at its end, and can be re-run after a system crash). STORE_TXN_UNCOUNTED: not
 * counted in st->commits, for a transaction that writes nothing a session counts from the data
 * (an audit entry alone: a record viewed, a login). */
enum { STORE_TXN_NOSYNC = 1, STORE_TXN_UNCOUNTED = 2 };
int store_run_flags(struct store *st, store_fn fn, void *arg, unsigned flags);
/* Reopen every database of ST without the log (DURABLE false) or with it again. For a new home
 * filled in one go that is made again from scratch when cut short (`init --demo`): until it is
 * durable again a crash leaves its files inconsistent. Going back writes every changed page to the
 * files, checkpoints and removes the log files, so that no later recovery reaches back to changes
 * the log never held. With replication (repl.enabled) nothing changes: the standbys learn of
 * changes by the log only. Call between transactions, in the only process of the home. */
int store_set_durable(struct store *st, bool durable);
/* Make the environment's regions anew with a cache of MB MiB (0: db.cache_mb), for bulk work whose
 * working set outgrows the setting (`init --demo` of a city: issue 17). Every page is written to
 * its file and checkpointed first, so the regions hold nothing the files lack. Call between
 * transactions, durable (store_set_durable), in the only process of the home: another process's
 * handles keep the regions in use, and then the cache stays as it was. WATCH_MS is the watchdog's
 * period meanwhile (0: db.watch_ms): the pass scans every buffer's mutex, and a process alone with
 * its home has no other process's locks to free (another that opens it runs its own passes). */
int store_set_cache(struct store *st, long long mb, long watch_ms);
/* Write the log to disk: what was committed with STORE_TXN_NOSYNC is durable afterwards. */
int store_flush(struct store *st);

/* Small helpers over DB->get/put with our error codes. Value buffers from get are malloc'ed.
 * Read with store_get, not DB->get: with our comparison function a DB->get key needs
 * DB_DBT_USERMEM (see store_cmp). */
int store_get(DB *db, DB_TXN *txn, const void *k, size_t kn, void **v, size_t *vn, bool rmw);
/* store_get into the caller's BUF (CAP bytes) when the value fits, else into a malloc'ed buffer:
 * *V is BUF or to be freed. A lookup's reads then allocate nothing (issue 17). */
int store_get_buf(DB *db, DB_TXN *txn, const void *k, size_t kn, void *buf, size_t cap, void **v, size_t *vn,
		  bool rmw);
/* A row of store_walk: its key and value (in the walk's buffer); non-zero stops the walk. */
typedef int (*store_row_fn)(const void *k, size_t kn, const void *v, size_t vn, void *arg);
/* The rows of DB whose key starts with PREFIX (PN bytes), in key order, read in bulk
 * (DB_MULTIPLE_KEY, each duplicate a row): FN gets each, the cursor open. Returns 0, FN's negative
 * code, or the read's error. */
int store_walk(DB *db, DB_TXN *txn, const void *prefix, size_t pn, store_row_fn fn, void *arg);
int store_put(DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn);
int store_del(DB *db, DB_TXN *txn, const void *k, size_t kn);
/* store_put for the hot paths of bulk work: with st->put_cursors and a transaction, through the
 * transaction's cursor on DB (kept open until store_run ends the transaction); otherwise DB->put.
 * STORE_PUT_NEW: ZZ_EEXIST, and nothing written, when the key is there already. */
enum { STORE_PUT_NEW = 1 };
int store_cput(struct store *st, DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn,
	       unsigned flags);
/* Close the cursors of store_cput; store_run does it before every commit and abort. */
void store_cput_close(struct store *st);
/* Next value of counter NAME in meta, starting at 1. */
int store_next_id(struct store *st, DB_TXN *txn, const char *name, uint64_t *out);
/* Run failchk now (the listener calls it when a session process dies; the watchdog threads see to
 * one pass every db.watch_ms across all processes). One process at a time does it; the others skip. */
int store_failchk(struct store *st);
/* Open the environment anew when it died under this process (see struct store); the next
 * opener after a death inside Berkeley DB recovers it. Call between operations, never with a
 * transaction or cursor open. store_run does it itself. */
int store_revive(struct store *st);
int store_checkpoint(struct store *st);
/* Write every changed page of the cache to its file (DB_ENV->memp_sync), without a checkpoint. */
int store_sync_pages(struct store *st);
/* Are this process's commits on a quorum of sites? After commits not acknowledged at the time
 * (st->unacked; e.g. made while this process's connection to the standby was not ready), once the
 * peers are connected one more commit (the time under "repl.confirmed" in meta.db) is made: a
 * standby acknowledges a commit only when it holds every earlier one, so that acknowledgement
 * covers them. True clears the count. */
bool store_confirmed(struct store *st);
/* Give ENV the key of db.key_file (9.7), when set: a file of the service account, 0600 or 0400,
 * whose first line is the password. 1 when set, 0 when encryption is off, or an error. Every
 * handle of an encrypted home needs it (the backup's own environment too). */
int store_env_encrypt(DB_ENV *env, const struct conf *c);

#endif
