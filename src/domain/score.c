/* score.c — ev_score.db: be32 year, unit \0, be64 event, be32 holding, stage -> card and points. */
#include "score.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "score_freeze.h"
#include "task.h"
#include "tlv.h"

enum { ST_CARD = 1, ST_POINTS, ST_DUE, ST_GIVEN };

static void be32_put(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t be32_get(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void score_key(struct sb *k, int year, const char *unit, uint64_t event, int hold, int stage)
{
	unsigned char b[8];
	sb_reset(k);
	be32_put(b, (uint32_t)year);
	sb_add(k, (char *)b, 4);
	sb_add(k, unit, strlen(unit) + 1);
	be64_put(b, event);
	sb_add(k, (char *)b, 8);
	be32_put(b, (uint32_t)hold);
	sb_add(k, (char *)b, 4);
	sb_addc(k, (char)stage);
}

int score_put(struct store *st, DB_TXN *txn, const struct score_row *r, int prev_year)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	int rc = 0;
	if (prev_year && prev_year != r->year) {
		score_key(&k, prev_year, r->unit, r->event, r->hold, r->stage);
		rc = store_del(store_db(st, DBI_EV_SCORE), txn, k.buf, k.len);
		if (rc == ZZ_ENOENT)
			rc = 0;
	}
	score_key(&k, r->year, r->unit, r->event, r->hold, r->stage);
	tlv_int(&v, ST_CARD, r->card);
	tlv_int(&v, ST_POINTS, r->points);
	tlv_int(&v, ST_DUE, r->due);
	tlv_int(&v, ST_GIVEN, r->given);
	if (rc == 0)
		rc = store_put(store_db(st, DBI_EV_SCORE), txn, k.buf, k.len, v.buf, v.len);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

static int score_decode(const DBT *key, const DBT *val, struct score_row *r)
{
	const unsigned char *kd = key->data;
	size_t n = key->size;
	const unsigned char *nul = n > 4 ? memchr(kd + 4, 0, n - 4) : NULL;
	if (!nul || (size_t)(kd + n - nul) != 1 + 8 + 4 + 1)
		return errmsg_set(ZZ_EDB, "扣分记录的键损坏");
	*r = (struct score_row){.year = (int)be32_get(kd), .unit = (const char *)kd + 4};
	r->event = be64_get(nul + 1);
	r->hold = (int)be32_get(nul + 9);
	r->stage = nul[13];
	struct tlv_reader rd;
	tlv_begin(&rd, val->data, val->size);
	int tag, rc;
	const unsigned char *p;
	size_t len;
	while ((rc = tlv_next(&rd, &tag, &p, &len)) > 0) {
		int64_t x = tlv_get_int(p, len);
		if (tag == ST_CARD)
			r->card = (int)x;
		else if (tag == ST_POINTS)
			r->points = (int)x;
		else if (tag == ST_DUE)
			r->due = x;
		else if (tag == ST_GIVEN)
			r->given = x;
	}
	return rc;
}

int score_scan(struct store *st, DB_TXN *txn, int year, const char *unit, score_cb cb, void *arg)
{
	DB *db = store_db(st, DBI_EV_SCORE);
	if (!db)
		return ZZ_EDB;
	struct sb pre;
	sb_init(&pre);
	unsigned char b[4];
	be32_put(b, (uint32_t)year);
	sb_add(&pre, (char *)b, 4);
	if (unit)
		sb_add(&pre, unit, strlen(unit) + 1);
	DBC *cur = NULL;
	int dbrc = db->cursor(db, txn, &cur, 0);
	if (dbrc) {
		sb_free(&pre);
		return store_err(dbrc, "扣分记录");
	}
	DBT key = {.data = pre.buf, .size = (u_int32_t)pre.len}, val = {0};
	int rc = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size >= pre.len && memcmp(key.data, pre.buf, pre.len) == 0) {
		struct score_row r;
		rc = score_decode(&key, &val, &r);
		if (rc == 0)
			rc = cb(&r, arg);
		if (rc)
			break;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "扣分记录");
	cur->close(cur);
	sb_free(&pre);
	return rc < 0 ? rc : 0;
}

static int sum_cb(const struct score_row *r, void *arg)
{
	*(int *)arg += r->points;
	return 0;
}

int score_year_default(struct ctx *c, int64_t now)
{
	int today = date_today((time_t)now), y, m, d;
	date_to_ymd(today, &y, &m, &d);
	return today - date_from_ymd(y, 1, 1) < conf_int(c->conf, "events.score_last_year_days") ? y - 1 : y;
}

int score_of(struct ctx *c, int year, const char *unit, int *score, int *deducted)
{
	int sum = 0;
	struct score_sum fs;
	int tasks = 0;
	/* A frozen year reads its final table (cards and task deductions): later cards no longer
	 * count (8.5). */
	int rc = score_frozen(c, year, unit, &fs, NULL);
	if (rc == 0)
		sum = fs.points;
	else {
		rc = score_scan(c->st, NULL, year, unit, sum_cb, &sum);
		if (rc == 0)
			rc = task_deducted(c, year, unit, &tasks);
	}
	if (rc < 0)
		return rc;
	sum += tasks;
	int start = (int)conf_int(c->conf, "events.score_start");
	*score = start - sum < 0 ? 0 : start - sum;
	if (deducted)
		*deducted = sum;
	return 0;
}
