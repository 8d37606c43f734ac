/* crashwriter.c — test-only helper for tests/e2e/cli_crash.sh (built from tests/, never shipped).
 *
 *   crashwriter CONF HOME commit FIRST N   store household records FIRST..FIRST+N-1 in one committed
 *                                          transaction, print "committed", exit
 *   crashwriter CONF HOME hold FIRST N     store them in a transaction left open, print "holding",
 *                                          then sleep outside Berkeley DB until killed
 *   crashwriter CONF HOME linger SECONDS   keep the environment open, reading every 100 ms and
 *                                          printing the count every 10 reads; exit 1 at the first
 *                                          read that fails twice (once more after opening the
 *                                          environment anew), else print "ok"
 *
 * Record K has the ID number 3212042000010100K… (check digit computed) and the name 测试K. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "ctx.h"
#include "domain.h"
#include "idnum.h"
#include "record.h"
#include "service.h"
#include "stats.h"

static void idnum_of(long k, char out[19])
{
	char first17[24];
	snprintf(first17, sizeof first17, "32120420000101%03ld", k % 1000L);
	memcpy(out, first17, 17);
	out[17] = idnum_check_char(first17);
	out[18] = '\0';
}

static struct rec *make(struct ctx *c, long k)
{
	const struct rtype *t = schema_type(c->schema, "household");
	struct rec *r = rec_new(t);
	char id[19], name[32];
	idnum_of(k, id);
	snprintf(name, sizeof name, "测试%ld", k);
	const char *set[][2] = {{"idnum", id},	      {"name", name},	 {"ethnicity", "01"}, {"live_address", "测试地址"},
				{"hukou_status", "1"}, {"head_relation", "01"}, {"housing_kind", "1"}};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (rec_set(r, set[i][0], set[i][1]) < 0) {
			fprintf(stderr, "crashwriter: %s\n", errmsg());
			exit(2);
		}
	rec_set_meta(&r->unit, "321204001001001");
	rec_derive(r);
	r->created = r->updated = (int64_t)time(NULL);
	return r;
}

static int store_range(struct ctx *c, DB_TXN *txn, long first, long n)
{
	int rc = 0;
	for (long k = first; k < first + n && rc == 0; k++) {
		struct rec *r = make(c, k);
		rc = record_store(c->st, txn, r, NULL);
		/* Counted like any added record, so that verify finds the counters whole after a crash. */
		if (rc == 0)
			rc = stats_after_store(c, txn, &service_console, r, NULL, r->created);
		rec_free(&r);
	}
	if (rc == 0)
		rc = audit_append(c, txn, &(struct audit_entry){.user = "console", .unit = "-", .type = "add",
							       .object = "household", .result = "ok",
							       .detail = "crashwriter"});
	return rc;
}

struct range {
	struct ctx *c;
	long first, n;
};

static int range_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)st;
	struct range *r = arg;
	return store_range(r->c, txn, r->first, r->n);
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: crashwriter CONF HOME commit|hold FIRST N | linger SECONDS\n");
		return 2;
	}
	struct ctx *c = NULL;
	if (ctx_load(&c, argv[1], argv[2], domain_features) < 0 || ctx_open_store(c, 0) < 0) {
		fprintf(stderr, "crashwriter: %s\n", errmsg());
		return 1;
	}
	const char *mode = argv[3];
	if (!strcmp(mode, "linger")) {
		long ms = atol(argv[4]) * 1000, reads = 0;
		const struct rtype *t = schema_type(c->schema, "household");
		for (long waited = 0; waited < ms; waited += 100, reads++) {
			long n = 0;
			/* As every long-running process between operations: a read that met a dead
			 * environment is repeated once it is open again. */
			ctx_units(c);
			if (record_count_unit(c->st, NULL, t, NULL, &n) < 0 && (ctx_units(c), 1) &&
			    record_count_unit(c->st, NULL, t, NULL, &n) < 0) {
				fprintf(stderr, "crashwriter: read %ld failed: %s\n", reads, errmsg());
				return 1;
			}
			/* Progress for a watcher: a process stuck on a dead latch stays alive but silent. */
			if (reads % 10 == 9) {
				printf("%ld reads\n", reads + 1);
				fflush(stdout);
			}
			usleep(100000);
		}
		printf("ok %ld reads\n", reads);
		ctx_free(&c);
		return 0;
	}
	if (argc < 6)
		return 2;
	struct range r = {c, atol(argv[4]), atol(argv[5])};
	if (!strcmp(mode, "commit")) {
		if (store_run(c->st, range_txn, &r) < 0) {
			fprintf(stderr, "crashwriter: %s\n", errmsg());
			return 1;
		}
		printf("committed\n");
		ctx_free(&c);
		return 0;
	}
	if (!strcmp(mode, "hold")) {
		DB_TXN *txn = NULL;
		if (c->st->env->txn_begin(c->st->env, NULL, &txn, 0) || store_range(c, txn, r.first, r.n) < 0) {
			fprintf(stderr, "crashwriter: %s\n", errmsg());
			return 1;
		}
		printf("holding\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	return 2;
}
