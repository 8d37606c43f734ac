/* modules.c — load the module rules of conf/modules.cfg and the composed keys of the type files;
 * the late mark, composed keys and the extra lines shown with a record. */
#include "modules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "link.h"
#include "service.h"
#include "unit.h"
#include "user.h"

int64_t modules_day_start(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

int modules_add_months(int day, int months)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int mm = (m - 1) + months;
	y += mm / 12;
	m = mm % 12 + 1;
	while (d > 28 && !date_valid_ymd(y, m, d))
		d--;
	return date_from_ymd(y, m, d);
}

static int bad_at(const config_setting_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad_at(const config_setting_t *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *f = config_setting_source_file(s);
	return errmsg_set(ZZ_EINVAL, "%s:%d: %s", f ? f : "modules.cfg", (int)config_setting_source_line(s), msg);
}

static int need_type(const struct schema *sc, const config_setting_t *g, const struct rtype **t)
{
	const char *id = NULL;
	if (!config_setting_lookup_string(g, "type", &id))
		return bad_at(g, "缺少 type（记录类型 id）");
	*t = schema_type(sc, id);
	if (!*t)
		return bad_at(g, "记录类型 “%s” 不存在（screens/%s.cfg）", id, id);
	return 0;
}

/* Field NAME of G names a field of T of one of the kinds given; -1 in *out when absent and optional. */
static int need_field(const config_setting_t *g, const char *name, const struct rtype *t, bool optional,
		      const enum ftype *kinds, int nkinds, int *out)
{
	const char *id = NULL;
	*out = -1;
	if (!config_setting_lookup_string(g, name, &id)) {
		if (optional && !config_setting_get_member(g, name))
			return 0;
		return bad_at(g, "缺少 %s（%s 的字段 id）", name, t->id);
	}
	int i = rtype_field(t, id);
	if (i < 0)
		return bad_at(g, "%s = “%s” 不是 %s 的字段", name, id, t->id);
	bool ok = nkinds == 0;
	for (int k = 0; k < nkinds; k++)
		ok |= t->f[i].type == kinds[k];
	if (!ok)
		return bad_at(g, "%s 的字段 %s 类型不合适（%s）", t->id, id, ftype_table[t->f[i].type].zh);
	*out = i;
	return 0;
}

static int need_int(const config_setting_t *g, const char *name, int lo, int hi, bool optional, int def, int *out)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	*out = def;
	if (!m) {
		if (optional)
			return 0;
		return bad_at(g, "缺少 %s", name);
	}
	if (config_setting_type(m) != CONFIG_TYPE_INT)
		return bad_at(m, "%s 应为整数", name);
	int v = config_setting_get_int(m);
	if (v < lo || v > hi)
		return bad_at(m, "%s = %d 超出范围 %d..%d", name, v, lo, hi);
	*out = v;
	return 0;
}

static const config_setting_t *list_of(const struct conf *conf, const char *path)
{
	return conf_setting(conf, path);
}

static const enum ftype k_date[] = {FT_DATE};
static const enum ftype k_int[] = {FT_INT};

static int load_entry(struct modules *m, const struct conf *conf, const struct schema *sc)
{
	const config_setting_t *l = list_of(conf, "modules.entry");
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
		struct mod_entry e = {.from = -1, .year = -1, .month = -1};
		int working = 0;
		int rc = need_type(sc, g, &e.t);
		if (rc == 0 && modules_entry(m, e.t))
			rc = bad_at(g, "%s 已有录入时限", e.t->id);
		if (rc == 0 && config_setting_get_member(g, "from")) {
			rc = need_field(g, "from", e.t, false, k_date, 1, &e.from);
			if (rc == 0)
				rc = need_int(g, "days", 0, 366, false, 0, &e.days);
		} else if (rc == 0) {
			rc = need_field(g, "year", e.t, false, k_int, 1, &e.year);
			if (rc == 0)
				rc = need_field(g, "month", e.t, false, k_int, 1, &e.month);
			if (rc == 0)
				rc = need_int(g, "day", 1, 28, false, 0, &e.day);
		}
		if (rc == 0 && config_setting_lookup_bool(g, "working", &working))
			e.working = working;
		int edits = 0;
		if (rc == 0 && config_setting_lookup_bool(g, "edits", &edits))
			e.edits = edits && e.from >= 0;
		if (rc < 0)
			return rc;
		m->entry = xrealloc(m->entry, (size_t)(m->nentry + 1) * sizeof *m->entry);
		m->entry[m->nentry++] = e;
	}
	return 0;
}

static int load_updates(struct modules *m, const struct conf *conf, const struct schema *sc)
{
	const config_setting_t *l = list_of(conf, "modules.updates");
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
		struct mod_update u = {0};
		int rc = need_type(sc, g, &u.t);
		if (rc == 0 && modules_update(m, u.t))
			rc = bad_at(g, "%s 已有定期更新规则", u.t->id);
		if (rc == 0)
			rc = need_int(g, "days", 0, 180, false, 0, &u.days);
		const config_setting_t *st = rc == 0 ? config_setting_get_member(g, "starts") : NULL;
		if (rc == 0 && (!st || config_setting_length(st) == 0 || config_setting_length(st) > 24))
			rc = bad_at(g, "starts 应为 1 到 24 个 \"MM-DD\"（\"*-DD\" 表示每月）");
		for (int k = 0; rc == 0 && k < config_setting_length(st); k++) {
			const char *s = config_setting_get_string_elem(st, (unsigned)k);
			int mo = 0, d = 0;
			char tail;
			if (s && s[0] == '*' && sscanf(s, "*-%d%c", &d, &tail) == 1 && d >= 1 && d <= 28)
				mo = 0;
			else if (!s || sscanf(s, "%d-%d%c", &mo, &d, &tail) != 2 || !date_valid_ymd(2001, mo, d))
				rc = bad_at(st, "starts 中的 “%s” 应为 \"MM-DD\" 或 \"*-DD\"（DD 不超过 28）", s ? s : "?");
			u.month[u.n] = mo;
			u.mday[u.n++] = d;
		}
		if (rc < 0)
			return rc;
		m->upd = xrealloc(m->upd, (size_t)(m->nupd + 1) * sizeof *m->upd);
		m->upd[m->nupd++] = u;
	}
	return 0;
}

static int load_visits(struct modules *m, const struct conf *conf, const struct schema *sc)
{
	const config_setting_t *l = list_of(conf, "modules.visits");
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
		struct mod_visit v = {0};
		int rc = need_type(sc, g, &v.t);
		if (rc == 0 && modules_visit(m, v.t))
			rc = bad_at(g, "%s 已有走访规则", v.t->id);
		if (rc == 0)
			rc = need_int(g, "months", 1, 120, false, 0, &v.months);
		if (rc == 0)
			rc = need_int(g, "remind_days", 0, 365, true, 0, &v.remind_days);
		if (rc == 0)
			rc = need_field(g, "since", v.t, true, k_date, 1, &v.since);
		if (rc < 0)
			return rc;
		m->visit = xrealloc(m->visit, (size_t)(m->nvisit + 1) * sizeof *m->visit);
		m->visit[m->nvisit++] = v;
	}
	return 0;
}

/* The service record type: its subject fields must be findable by index (person fields are; the
 * record-number field must be indexed), so that a subject's visits are found without a scan. */
static int load_service(struct modules *m, const struct conf *conf, const struct schema *sc)
{
	const config_setting_t *g = list_of(conf, "modules.service");
	int rc = need_type(sc, g, &m->svc);
	if (rc == 0)
		rc = need_field(g, "day", m->svc, false, k_date, 1, &m->svc_day);
	static const enum ftype k_text[] = {FT_TEXT};
	if (rc == 0)
		rc = need_field(g, "staff", m->svc, true, k_text, 1, &m->svc_staff);
	bool refs = false;
	for (int i = 0; rc == 0 && i < m->svc->nf; i++) {
		const struct field *f = &m->svc->f[i];
		if (!f->ref)
			continue;
		refs = true;
		if (f->type == FT_INT && !f->indexed)
			rc = bad_at(g, "%s 的字段 %s 引用记录号，须 indexed = true", m->svc->id, f->id);
		else if (f->type == FT_TEXT)
			rc = bad_at(g, "%s 的字段 %s：服务对象应以身份证号或记录号引用", m->svc->id, f->id);
	}
	if (rc == 0 && !refs)
		rc = bad_at(g, "%s 没有引用服务对象的字段（ref）", m->svc->id);
	const config_setting_t *lat = rc == 0 ? config_setting_get_member(g, "latest") : NULL;
	for (int i = 0; lat && rc == 0 && i < config_setting_length(lat); i++) {
		const config_setting_t *e = config_setting_get_elem(lat, (unsigned)i);
		struct mod_latest x = {.t = schema_type(sc, config_setting_name(e))};
		const char *fid = config_setting_get_string(e);
		if (!x.t)
			rc = bad_at(e, "记录类型 “%s” 不存在", config_setting_name(e));
		else if (!fid || (x.field = rtype_field(x.t, fid)) < 0 || x.t->f[x.field].type != FT_DATE)
			rc = bad_at(e, "%s 的 “%s” 不是日期字段", x.t->id, fid ? fid : "?");
		if (rc == 0) {
			m->latest = xrealloc(m->latest, (size_t)(m->nlatest + 1) * sizeof *m->latest);
			m->latest[m->nlatest++] = x;
		}
	}
	return rc;
}

static int load_patrol(struct modules *m, const struct conf *conf, const struct schema *sc)
{
	const config_setting_t *g = list_of(conf, "modules.patrol");
	const char *s = NULL, *l = NULL;
	if (!config_setting_lookup_string(g, "staff", &s) || !(m->staff = schema_type(sc, s)))
		return bad_at(g, "staff 应为网格员的记录类型 id");
	if (!config_setting_lookup_string(g, "log", &l) || !(m->log = schema_type(sc, l)))
		return bad_at(g, "log 应为巡查日志的记录类型 id");
	if (m->staff->key < 0 || m->staff->f[m->staff->key].type != FT_IDNUM)
		return bad_at(g, "%s 的主键应为身份证号", m->staff->id);
	static const enum ftype k_person[] = {FT_PERSON, FT_IDNUM};
	int rc = need_field(g, "member", m->log, false, k_person, 2, &m->log_member);
	if (rc == 0)
		rc = need_field(g, "day", m->log, false, k_date, 1, &m->log_day);
	m->grace = (int)conf_int(conf, "modules.patrol.grace_days");
	m->window_days = (int)conf_int(conf, "modules.patrol.window_days");
	return rc;
}

/* key_from = [ fields ] and yoy = "field" of a type file: the key composed of other fields. */
static int load_compose(struct modules *m, const struct schema *sc)
{
	for (int i = 0; i < sc->n; i++) {
		const struct rtype *t = sc->t[i];
		const config_setting_t *kf = config_setting_get_member(t->setting, "key_from");
		const char *yoy = NULL;
		config_setting_lookup_string(t->setting, "yoy", &yoy);
		if (!kf && !yoy)
			continue;
		struct mod_compose c = {.t = t, .yoy = -1};
		if (!kf || t->key < 0 || !t->f[t->key].derived || t->f[t->key].type != FT_TEXT)
			return errmsg_set(ZZ_EINVAL, "%s:%d: key_from 需要 key 是 derived = true 的文本字段", t->file,
					  (int)config_setting_source_line(t->setting));
		for (int k = 0; k < config_setting_length(kf); k++) {
			const char *fid = config_setting_get_string_elem(kf, (unsigned)k);
			int fi = fid ? rtype_field(t, fid) : -1;
			if (fi < 0 || fi == t->key || c.n == 8 || !t->f[fi].required)
				return errmsg_set(ZZ_EINVAL, "%s:%d: key_from 中的 “%s” 应为本类型的必填字段（最多 8 个）",
						  t->file, (int)config_setting_source_line(kf), fid ? fid : "?");
			c.parts[c.n++] = fi;
		}
		if (yoy) {
			c.yoy = rtype_field(t, yoy);
			bool in_key = false;
			for (int k = 0; k < c.n; k++)
				in_key |= c.parts[k] == c.yoy;
			if (c.yoy < 0 || t->f[c.yoy].type != FT_INT || !in_key)
				return errmsg_set(ZZ_EINVAL, "%s:%d: yoy “%s” 应为 key_from 中的整数（年度）字段", t->file,
						  (int)config_setting_source_line(t->setting), yoy);
		}
		m->comp = xrealloc(m->comp, (size_t)(m->ncomp + 1) * sizeof *m->comp);
		m->comp[m->ncomp++] = c;
	}
	return 0;
}

int modules_load(struct modules **out, const struct conf *conf, const struct schema *sc)
{
	struct modules *m = xcalloc(1, sizeof *m);
	m->detail_max = (int)conf_int(conf, "modules.todo_detail_max");
	int rc = load_entry(m, conf, sc);
	if (rc == 0)
		rc = load_updates(m, conf, sc);
	if (rc == 0)
		rc = load_visits(m, conf, sc);
	if (rc == 0)
		rc = load_service(m, conf, sc);
	if (rc == 0)
		rc = load_patrol(m, conf, sc);
	if (rc == 0)
		rc = load_compose(m, sc);
	if (rc < 0) {
		modules_free(&m);
		return rc;
	}
	*out = m;
	return 0;
}

void modules_free(struct modules **mp)
{
	struct modules *m = *mp;
	if (!m)
		return;
	free(m->entry);
	free(m->upd);
	free(m->visit);
	free(m->comp);
	free(m->latest);
	free(m);
	*mp = NULL;
}

const struct mod_entry *modules_entry(const struct modules *m, const struct rtype *t)
{
	for (int i = 0; i < m->nentry; i++)
		if (m->entry[i].t == t)
			return &m->entry[i];
	return NULL;
}

const struct mod_visit *modules_visit(const struct modules *m, const struct rtype *t)
{
	for (int i = 0; i < m->nvisit; i++)
		if (m->visit[i].t == t)
			return &m->visit[i];
	return NULL;
}

const struct mod_update *modules_update(const struct modules *m, const struct rtype *t)
{
	for (int i = 0; i < m->nupd; i++)
		if (m->upd[i].t == t)
			return &m->upd[i];
	return NULL;
}

const struct mod_compose *modules_compose(const struct modules *m, const struct rtype *t)
{
	for (int i = 0; i < m->ncomp; i++)
		if (m->comp[i].t == t)
			return &m->comp[i];
	return NULL;
}

struct member_find {
	struct ctx *c;
	const struct user *u;
	char *named, *only;
	int n;
};

static int member_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct member_find *a = arg;
	struct rec *r = NULL;
	if (record_load(a->c->st, NULL, t, id, &r, false) < 0)
		return 0;
	const char *key = r->v[t->key];
	const char *name = t->name_field >= 0 ? r->v[t->name_field] : NULL;
	if (key && strcmp(r->unit, a->u->unit) == 0) {
		if (!a->named && name && a->u->fullname && !strcmp(name, a->u->fullname))
			a->named = xstrdup(key);
		if (a->n++ == 0)
			a->only = xstrdup(key);
	}
	rec_free(&r);
	return 0;
}

char *modules_member_of(struct ctx *c, const struct user *u)
{
	const struct modules *m = c->modules;
	if (!m || !m->staff || str_empty(u->unit))
		return NULL;
	struct member_find a = {.c = c, .u = u};
	record_scan_unit(c->st, NULL, m->staff, u->unit, member_cb, &a);
	char *out = a.named ? a.named : a.n == 1 ? a.only : NULL;
	if (out != a.named)
		free(a.named);
	if (out != a.only)
		free(a.only);
	return out;
}

void modules_defaults(struct ctx *c, const struct user *u, const struct rtype *t, struct strv *out)
{
	const struct modules *m = c->modules;
	if (!m)
		return;
	char today[11];
	date_format(date_today(time(NULL)), today);
	if (t == m->log) {
		char *me = modules_member_of(c, u);
		if (me) {
			strv_push(out, t->f[m->log_member].id);
			strv_push(out, me);
			free(me);
		}
		strv_push(out, t->f[m->log_day].id);
		strv_push(out, today);
		const struct unit *x = units_find(ctx_units(c), u->unit);
		for (int i = 0; x && x->level == LV_GRID && i < t->nf; i++)
			if (t->f[i].type == FT_GRID) {
				strv_push(out, t->f[i].id);
				strv_push(out, u->unit);
				break;
			}
	} else if (t == m->svc) {
		strv_push(out, t->f[m->svc_day].id);
		strv_push(out, today);
		if (m->svc_staff >= 0) {
			strv_push(out, t->f[m->svc_staff].id);
			strv_push(out, !str_empty(u->fullname) ? u->fullname : u->name);
		}
	}
}

/* The composed key of R, with the year field replaced by YEAR when YEAR > 0 (caller frees). */
static char *compose_key(const struct mod_compose *mc, const struct rec *r, long long year)
{
	struct sb sb;
	sb_init(&sb);
	for (int k = 0; k < mc->n; k++) {
		const char *v = r->v[mc->parts[k]];
		if (!v) {
			sb_free(&sb);
			return NULL;
		}
		if (k)
			sb_addc(&sb, '-');
		if (year > 0 && mc->parts[k] == mc->yoy)
			sb_addf(&sb, "%lld", year);
		else
			sb_adds(&sb, v);
	}
	return sb_steal(&sb);
}

void modules_derive(struct ctx *c, struct rec *r)
{
	const struct mod_compose *mc = modules_compose(c->modules, r->t);
	if (!mc)
		return;
	char *k = compose_key(mc, r, 0);
	rec_set_raw(r, r->t->key, k);
	free(k);
}

int modules_entry_deadline(struct ctx *c, const struct mod_entry *e, const struct rec *r)
{
	if (!e)
		return -1;
	if (e->from >= 0) {
		int d;
		if (!r->v[e->from] || date_parse(r->v[e->from], &d) < 0)
			return -1;
		/* R-WD-2 at day granularity: the last day of "within N working days of D"; a D off work counts
		 * from the next working day, which is then the first of the N. */
		return e->working ? calendar_add_days(c->cal, d, e->days) : d + e->days;
	}
	long long y, mo;
	if (!r->v[e->year] || !r->v[e->month] || str_to_ll(r->v[e->year], &y) < 0 ||
	    str_to_ll(r->v[e->month], &mo) < 0 || mo < 1 || mo > 12)
		return -1;
	return mo == 12 ? date_from_ymd((int)y + 1, 1, e->day) : date_from_ymd((int)y, (int)mo + 1, e->day);
}

/* Whether an edit changes any value of the record (the person's shared fields included). */
static bool fields_changed(const struct rec *r, const struct rec *old)
{
	for (int i = 0; i < r->t->nf; i++) {
		const char *a = r->v[i], *b = old->v[i];
		if ((a || b) && (!a || !b || strcmp(a, b) != 0))
			return true;
	}
	return false;
}

void modules_mark_late(struct ctx *c, struct rec *r, const struct rec *old, int64_t now)
{
	const struct mod_entry *e = modules_entry(c->modules, r->t);
	if (!e)
		return;
	int dl = modules_entry_deadline(c, e, r);
	if (old && (dl == modules_entry_deadline(c, e, old) || dl < 0)) {
		r->flags = (r->flags & ~(unsigned)REC_LATE) | (old->flags & REC_LATE);
		if (e->edits && dl >= 0 && now >= modules_day_start(dl + 1) && fields_changed(r, old))
			r->flags |= REC_LATE;
		return;
	}
	if (dl >= 0 && now >= modules_day_start(dl + 1))
		r->flags |= REC_LATE;
	else
		r->flags &= ~(unsigned)REC_LATE;
}

static void extra_yoy(struct ctx *c, const struct user *u, const struct rec *r, const struct mod_compose *mc,
		      modules_line_cb cb, void *arg)
{
	long long year;
	if (mc->yoy < 0 || !r->v[mc->yoy] || str_to_ll(r->v[mc->yoy], &year) < 0)
		return;
	char *k = compose_key(mc, r, year - 1);
	uint64_t id;
	struct rec *prev = NULL;
	bool have = k && record_by_key(c->st, NULL, r->t, k, &id) == 0 &&
		    record_load(c->st, NULL, r->t, id, &prev, false) == 0 &&
		    perm_may(c, u, ACT_VIEW, r->t, prev->unit);
	free(k);
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		bool part = false;
		for (int j = 0; j < mc->n; j++)
			part |= mc->parts[j] == i;
		if (part || (f->type != FT_INT && f->type != FT_DECIMAL) || !r->v[i])
			continue;
		char *label = xasprintf("%s同比", f->label);
		char *val = NULL;
		double now_v = strtod(r->v[i], NULL);
		if (!have || !prev->v[i])
			val = xstrdup("去年同期无数据");
		else if (strtod(prev->v[i], NULL) == 0)
			val = xasprintf("%s（去年同期 0）", now_v == 0 ? "持平" : "去年同期为 0，无法计算增幅");
		else {
			double p = strtod(prev->v[i], NULL);
			val = xasprintf("%+.1f%%（去年同期 %s）", (now_v - p) * 100.0 / p, prev->v[i]);
		}
		cb(label, val, NULL, arg);
		free(label);
		free(val);
	}
	rec_free(&prev);
}

/* Records that name R (its roles under the same ID number, its service records, tenants), at most
 * this many lines; the person view lists them all. */
enum { LINKS_IN_MAX = 12 };

struct links_in {
	struct ctx *c;
	const struct user *u;
	const struct rec *r;
	modules_line_cb cb;
	void *arg;
	bool by_no; /* service records naming R by its record number */
	int shown, more;
	struct strv seen;
};

/* "2026-03-01 走访" for a service record, else its name; "（单位）" after either. */
/* The field that tells record X apart in a line of another's 附加信息: its name, else its key,
 * else its first date (网格巡查日志: 巡查日期) rather than its record number, which people are not
 * shown; -1 when it has none of them. */
static int links_in_field(const struct rec *x)
{
	const struct rtype *t = x->t;
	int ni = t->name_field >= 0 ? t->name_field : t->key;
	for (int i = 0; ni < 0 && i < t->nf; i++)
		if (t->f[i].type == FT_DATE && x->v[i])
			ni = i;
	return ni;
}

static char *links_in_text(struct ctx *c, const struct user *u, const struct rec *x)
{
	const struct modules *m = c->modules;
	char *what = NULL;
	if (x->t == m->svc) {
		int k = rtype_field(x->t, "method");
		char *how = k >= 0 && x->v[k] ? service_display(c, u, x, k, false) : xstrdup("");
		what = xasprintf("%s %s", x->v[m->svc_day] ? x->v[m->svc_day] : "", how);
		free(how);
	} else {
		char buf[32];
		int ni = links_in_field(x);
		what = ni >= 0 && x->v[ni] ? service_display(c, u, x, ni, false) : xstrdup(rec_name(x, buf, sizeof buf));
	}
	const struct unit *un = x->unit ? units_find(ctx_units(c), x->unit) : NULL;
	char *out = xasprintf("%s%s%s%s", what, un ? "（" : "", un ? un->name : "", un ? "）" : "");
	free(what);
	return out;
}

/* Whether service record X names the record R by its record number. */
static bool names_by_no(struct ctx *c, const struct rec *x, const struct rec *r)
{
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%llu", (unsigned long long)r->id);
	for (int i = 0; i < x->t->nf; i++)
		if (x->t->f[i].ref && x->t->f[i].type == FT_INT && x->v[i] && link_applies(c->schema, x, i) &&
		    link_type(c->schema, x, i) == r->t && !strcmp(x->v[i], idbuf))
			return true;
	return false;
}

static int links_in_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct links_in *a = arg;
	if (t == a->r->t && id == a->r->id)
		return 0;
	char key[96];
	snprintf(key, sizeof key, "%s:%llu", t->id, (unsigned long long)id);
	if (strv_find(&a->seen, key) >= 0)
		return 0;
	strv_push(&a->seen, key);
	struct rec *x = NULL;
	if (record_load(a->c->st, NULL, t, id, &x, false) < 0)
		return 0;
	bool show = (!a->by_no || names_by_no(a->c, x, a->r)) &&
		    perm_may(a->c, a->u, ACT_VIEW, t, x->unit) && link_visible(a->c, a->u, x);
	if (show && a->shown >= LINKS_IN_MAX) {
		a->more++;
	} else if (show) {
		char *label = xasprintf("相关（%s）", t->title);
		char *text = links_in_text(a->c, a->u, x);
		a->cb(label, text, key, a->arg);
		free(label);
		free(text);
		a->shown++;
	}
	rec_free(&x);
	return 0;
}

bool modules_svc_field_names(const struct modules *m, int i, const struct rtype *t)
{
	const struct field *f = m->svc ? &m->svc->f[i] : NULL;
	if (!f || !f->ref || !schema_ref_fits(f, t))
		return false;
	if (f->ref[0] != '@')
		return !strcmp(f->ref, t->id);
	int k = rtype_field(m->svc, f->ref + 1);
	const struct codetable *ct = k >= 0 ? m->svc->f[k].codes : NULL;
	for (int j = 0; ct && j < ct->n; j++)
		if (!strcmp(ct->v[j].code, t->id))
			return true;
	return false;
}

/* Does the service record type name records of T by their record number? */
static bool svc_names_by_no(const struct modules *m, const struct rtype *t)
{
	for (int i = 0; m->svc && i < m->svc->nf; i++)
		if (m->svc->f[i].type == FT_INT && modules_svc_field_names(m, i, t))
			return true;
	return false;
}

static bool idnum_keyed(const struct rtype *t)
{
	return t->key >= 0 && t->f[t->key].type == FT_IDNUM;
}

static void extra_links_in(struct ctx *c, const struct user *u, const struct rec *r, modules_line_cb cb, void *arg)
{
	const struct modules *m = c->modules;
	struct links_in a = {.c = c, .u = u, .r = r, .cb = cb, .arg = arg};
	if (idnum_keyed(r->t) && r->v[r->t->key]) {
		record_scan_idnum(c->st, NULL, r->v[r->t->key], links_in_cb, &a);
	} else if (m->svc && r->t != m->svc && svc_names_by_no(m, r->t)) {
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%llu", (unsigned long long)r->id);
		a.by_no = true;
		/* A prefix scan of "12" also meets "123": names_by_no compares the whole value. */
		record_scan_name(c->st, NULL, m->svc, idbuf, links_in_cb, &a);
	}
	if (a.more) {
		char *v = xasprintf("另有 %d 条（在人员查询中查看全部）", a.more);
		cb("相关（更多）", v, NULL, arg);
		free(v);
	}
	strv_free(&a.seen);
}

bool modules_has_extra(const struct modules *m, const struct rtype *t)
{
	if (modules_entry(m, t) || modules_visit(m, t) || modules_update(m, t) || modules_compose(m, t) ||
	    t == m->staff || idnum_keyed(t) || (m->svc && svc_names_by_no(m, t)))
		return true;
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].ref)
			return true;
	return false;
}

void modules_extra(struct ctx *c, const struct user *u, const struct rec *r, modules_line_cb cb, void *arg)
{
	const struct modules *m = c->modules;
	char day[11];
	const struct mod_entry *e = modules_entry(m, r->t);
	if (r->flags & REC_LATE) {
		int dl = modules_entry_deadline(c, e, r);
		char *v = NULL;
		if (dl >= 0) {
			date_format(dl, day);
			v = xasprintf("是（应于 %s 前录入）", day);
		}
		cb("录入超时", v ? v : "是", NULL, arg);
		free(v);
	}
	static const struct {
		const char *kind, *label;
	} clocks[] = {{"visit", "走访期限"}, {"update", "更新期限"}, {"patrol", "最近巡查日期"}};
	for (size_t k = 0; r->id && c->st && k < ARRAY_LEN(clocks); k++) {
		int d = clock_day(c, clocks[k].kind, r->t, r->id);
		if (d < 0)
			continue;
		date_format(d, day);
		cb(clocks[k].label, day, NULL, arg);
	}
	const struct mod_compose *mc = modules_compose(m, r->t);
	if (mc && c->st)
		extra_yoy(c, u, r, mc, cb, arg);
	for (int i = 0; c->st && i < r->t->nf; i++) {
		if (!r->t->f[i].ref)
			continue;
		const struct rtype *xt = NULL;
		uint64_t id = 0;
		char *d = link_describe(c, u, r, i, &xt, &id);
		if (!d)
			continue;
		char *label = xasprintf("关联（%s）", r->t->f[i].label);
		char ref[96];
		snprintf(ref, sizeof ref, "%s:%llu", xt ? xt->id : "", (unsigned long long)id);
		cb(label, d, xt ? ref : NULL, arg);
		free(label);
		free(d);
	}
	if (r->id && c->st)
		extra_links_in(c, u, r, cb, arg);
}
