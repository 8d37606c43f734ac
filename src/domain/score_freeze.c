/* score_freeze.c — freezing a year's score table (score_freeze.h). */
#include "score_freeze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "daily.h"
#include "event.h"
#include "perm.h"
#include "score.h"
#include "service.h"
#include "task.h"

static void freeze_key(struct sb *k, int year, const char *county)
{
	sb_add(k, "scorefrozen", 12);
	sb_addf(k, "%d", year);
	sb_addc(k, '\0');
	sb_adds(k, county);
}

struct fsum {
	const struct units *us;
	const char *county;
	struct sb *text;
	char **codes;
	struct score_sum *v;
	int n;
};

static int fsum_cb(const struct score_row *r, void *arg)
{
	struct fsum *f = arg;
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->codes[i], r->unit)) {
			f->v[i].points += r->points;
			f->v[i].yellow += r->card == CARD_YELLOW;
			f->v[i].red += r->card == CARD_RED;
			break;
		}
	return 0;
}

struct freeze {
	struct ctx *c;
	const struct user *u;
	const struct unit *county;
	int year;
};

static int freeze_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct freeze *fz = arg;
	struct ctx *c = fz->c;
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	freeze_key(&k, fz->year, fz->county->code);
	void *old = NULL;
	size_t on = 0;
	int rc = store_get(store_db(st, DBI_META), txn, k.buf, k.len, &old, &on, true);
	free(old);
	if (rc == 0)
		rc = errmsg_set(ZZ_EEXIST, "%d 年的考核得分已经定稿，不能再次定稿", fz->year);
	else if (rc == ZZ_ENOENT)
		rc = 0;
	const struct units *us = ctx_units(c);
	struct fsum f = {.us = us};
	f.codes = xcalloc((size_t)us->n + 1, sizeof *f.codes);
	f.v = xcalloc((size_t)us->n + 1, sizeof *f.v);
	for (int i = 0; i < us->n; i++) {
		const struct unit *x = &us->v[i];
		if (units_under(us, x->code, fz->county->code) &&
		    (x->level == LV_DEPT || daily_is_center(c, x)))
			f.codes[f.n++] = x->code;
	}
	if (rc == 0)
		rc = score_scan(st, txn, fz->year, NULL, fsum_cb, &f);
	/* The tasks' deductions (R-EV-9) are frozen with the cards' (task.db is not written here). */
	for (int i = 0; rc == 0 && i < f.n; i++) {
		int tp = 0;
		rc = task_deducted(c, fz->year, f.codes[i], &tp);
		f.v[i].points += tp;
	}
	if (rc == 0) {
		sb_addf(&v, "%s\t%lld\n", fz->u->name, (long long)time(NULL));
		for (int i = 0; i < f.n; i++)
			sb_addf(&v, "%s\t%d\t%d\t%d\n", f.codes[i], f.v[i].points, f.v[i].yellow,
				f.v[i].red);
		rc = store_put(store_db(st, DBI_META), txn, k.buf, k.len, v.buf, v.len);
	}
	if (rc == 0) {
		char *obj = xasprintf("score:%d:%s", fz->year, fz->county->code);
		rc = audit_append(c, txn,
				  &(struct audit_entry){.user = fz->u->name,
							.unit = fz->u->unit,
							.type = "freeze",
							.object = obj,
							.result = "ok",
							.detail = "年度考核得分定稿"});
		free(obj);
	}
	free(f.codes);
	free(f.v);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

int score_freeze(struct ctx *c, const struct user *u, int year)
{
	const struct unit *x = perm_console(u) ? NULL : units_find(ctx_units(c), u->unit);
	if (!x || x->level != LV_COUNTY || strcmp(u->role, "office") != 0) {
		service_audit_refusal(c, u, "freeze", "score", ZZ_EPERM);
		return errmsg_set(ZZ_EPERM, "年度考核得分由县（市、区）综治办的账号定稿");
	}
	if (year < 1990 || year > 2200)
		return errmsg_set(ZZ_EINVAL, "年份应为四位数字");
	struct freeze fz = {.c = c, .u = u, .county = x, .year = year};
	return store_run(c->st, freeze_txn, &fz);
}

int score_frozen(struct ctx *c, int year, const char *unit, struct score_sum *out, int64_t *at)
{
	const struct unit *county = units_at_level(ctx_units(c), unit, LV_COUNTY);
	if (!county)
		return ZZ_ENOENT;
	struct sb k;
	sb_init(&k);
	freeze_key(&k, year, county->code);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_META), NULL, k.buf, k.len, &v, &vn, false);
	sb_free(&k);
	if (rc < 0)
		return rc;
	char *s = xstrndup(v, vn), *save = NULL;
	free(v);
	rc = ZZ_ENOENT;
	bool head = true;
	for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			break;
		*tab = '\0';
		if (head) {
			head = false;
			if (at)
				*at = atoll(tab + 1);
			continue;
		}
		if (strcmp(line, unit) == 0 &&
		    sscanf(tab + 1, "%d\t%d\t%d", &out->points, &out->yellow, &out->red) == 3) {
			rc = 0;
			break;
		}
	}
	free(s);
	return rc;
}
