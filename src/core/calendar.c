/* calendar.c — working-day arithmetic over the holiday calendar of conf/calendar.cfg. */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

const char *const cal_kind_zh[] = {
	[CAL_WORKDAY] = "工作日",
	[CAL_WEEKEND] = "周末",
	[CAL_HOLIDAY] = "节假日",
	[CAL_MAKEUP] = "调休上班",
};

static int line_of(const config_setting_t *s)
{
	return (int)config_setting_source_line(s);
}

static const char *file_of(const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);
	return f ? f : "calendar.cfg";
}

static void cal_push(struct calendar *c, int day, enum cal_kind kind, const char *name)
{
	c->v = xrealloc(c->v, (size_t)(c->n + 1) * sizeof *c->v);
	c->v[c->n++] = (struct cal_day){.day = day, .kind = kind, .name = name};
}

static int day_cmp(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int int_cmp(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* A date string element I of list L, with its line for messages. */
static int elem_date(const config_setting_t *l, int i, int *day)
{
	const char *s = config_setting_get_string_elem(l, (unsigned)i);
	if (!s || date_parse(s, day) < 0)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 日期应写成 \"YYYY-MM-DD\"：%s", file_of(l), line_of(l),
				  s ? s : "(不是字符串)");
	return 0;
}

static int load_festival(struct calendar *c, const config_setting_t *f, int year)
{
	const char *name = NULL;
	if (!config_setting_lookup_string(f, "name", &name) || str_empty(name))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 节日缺少 name", file_of(f), line_of(f));
	strv_push(&c->names, name);
	const char *nm = c->names.v[c->names.n - 1];
	const config_setting_t *off = config_setting_get_member(f, "off");
	if (!off || !config_setting_is_array(off) || config_setting_length(off) != 2)
		return errmsg_set(ZZ_EINVAL, "%s:%d: %d 年%s的 off 应写成 [\"起始日\", \"结束日\"]", file_of(f),
				  line_of(f), year, nm);
	int from, to;
	if (elem_date(off, 0, &from) < 0 || elem_date(off, 1, &to) < 0)
		return ZZ_EINVAL;
	if (to < from || to - from > 15)
		return errmsg_set(ZZ_EINVAL, "%s:%d: %d 年%s的放假日期范围不对", file_of(off), line_of(off), year, nm);
	for (int d = from; d <= to; d++)
		cal_push(c, d, CAL_HOLIDAY, nm);
	const config_setting_t *work = config_setting_get_member(f, "work");
	if (work && !config_setting_is_array(work))
		return errmsg_set(ZZ_EINVAL, "%s:%d: work 应为日期列表", file_of(work), line_of(work));
	for (int i = 0; work && i < config_setting_length(work); i++) {
		int d;
		if (elem_date(work, i, &d) < 0)
			return ZZ_EINVAL;
		if (date_weekday(d) < 5) {
			char b[11];
			date_format(d, b);
			return errmsg_set(ZZ_EINVAL, "%s:%d: 调休上班日 %s 不是周六或周日", file_of(work),
					  line_of(work), b);
		}
		cal_push(c, d, CAL_MAKEUP, nm);
	}
	return 0;
}

static int load_year(struct calendar *c, const config_setting_t *y)
{
	int year = 0, prov = 0;
	if (!config_setting_lookup_int(y, "year", &year) || year < 1990 || year > 2200)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 缺少 year（年份）或年份不对", file_of(y), line_of(y));
	config_setting_lookup_bool(y, "provisional", &prov);
	for (int i = 0; i < c->nyears; i++)
		if (c->years[i] == year)
			return errmsg_set(ZZ_EINVAL, "%s:%d: %d 年重复", file_of(y), line_of(y), year);
	c->years = xrealloc(c->years, (size_t)(c->nyears + 1) * sizeof *c->years);
	c->provisional = xrealloc(c->provisional, (size_t)(c->nyears + 1) * sizeof *c->provisional);
	c->years[c->nyears] = year;
	c->provisional[c->nyears++] = prov;
	const config_setting_t *fs = config_setting_get_member(y, "festivals");
	if (!fs || !config_setting_is_list(fs))
		return errmsg_set(ZZ_EINVAL, "%s:%d: %d 年缺少 festivals = ( … )", file_of(y), line_of(y), year);
	for (int i = 0; i < config_setting_length(fs); i++) {
		int rc = load_festival(c, config_setting_get_elem(fs, (unsigned)i), year);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int calendar_load(const config_setting_t *cal, struct calendar **out)
{
	struct calendar *c = xcalloc(1, sizeof *c);
	const config_setting_t *years = cal ? config_setting_get_member(cal, "years") : NULL;
	int rc = 0;
	if (!years || !config_setting_is_list(years))
		rc = errmsg_set(ZZ_EINVAL, "缺少设置 calendar.years（conf/calendar.cfg）");
	for (int i = 0; rc == 0 && i < config_setting_length(years); i++)
		rc = load_year(c, config_setting_get_elem(years, (unsigned)i));
	if (rc == 0) {
		if (c->n)
			qsort(c->v, (size_t)c->n, sizeof *c->v, day_cmp);
		for (int i = 1; i < c->n && rc == 0; i++)
			if (c->v[i].day == c->v[i - 1].day) {
				char b[11];
				date_format(c->v[i].day, b);
				rc = errmsg_set(ZZ_EINVAL, "calendar.cfg: %s 出现两次（%s、%s）", b, c->v[i - 1].name,
						c->v[i].name);
			}
	}
	if (rc < 0) {
		calendar_free(&c);
		return rc;
	}
	/* Keep the years sorted, with their provisional flags alongside. */
	for (int i = 1; i < c->nyears; i++)
		for (int j = i; j > 0 && c->years[j] < c->years[j - 1]; j--) {
			int ty = c->years[j];
			bool tp = c->provisional[j];
			c->years[j] = c->years[j - 1];
			c->provisional[j] = c->provisional[j - 1];
			c->years[j - 1] = ty;
			c->provisional[j - 1] = tp;
		}
	*out = c;
	return 0;
}

void calendar_free(struct calendar **cp)
{
	struct calendar *c = *cp;
	if (!c)
		return;
	free(c->v);
	free(c->years);
	free(c->provisional);
	strv_free(&c->names);
	free(c);
	*cp = NULL;
}

enum cal_kind calendar_kind(const struct calendar *c, int day, const char **name)
{
	struct cal_day key = {.day = day};
	const struct cal_day *hit = c && c->n ? bsearch(&key, c->v, (size_t)c->n, sizeof *c->v, day_cmp) : NULL;
	if (name)
		*name = hit ? hit->name : NULL;
	if (hit)
		return hit->kind;
	return date_weekday(day) >= 5 ? CAL_WEEKEND : CAL_WORKDAY;
}

bool calendar_is_workday(const struct calendar *c, int day)
{
	enum cal_kind k = calendar_kind(c, day, NULL);
	return k == CAL_WORKDAY || k == CAL_MAKEUP;
}

bool calendar_has_year(const struct calendar *c, int year, bool *provisional)
{
	const int *hit = c && c->nyears ? bsearch(&year, c->years, (size_t)c->nyears, sizeof *c->years, int_cmp) : NULL;
	if (provisional)
		*provisional = hit ? c->provisional[hit - c->years] : false;
	return hit != NULL;
}

/* Local midnight of DAY. */
static int64_t day_start(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

static int next_workday(const struct calendar *c, int day)
{
	/* The longest run of days off is a holiday week joined to weekends; bound the search anyway. */
	for (int i = 0; i < 366; i++)
		if (calendar_is_workday(c, ++day))
			return day;
	return day;
}

int calendar_add_days(const struct calendar *c, int day, int n)
{
	if (n <= 0)
		return calendar_is_workday(c, day) ? day : next_workday(c, day);
	for (int i = 0; i < n; i++)
		day = next_workday(c, day);
	return day;
}

int64_t calendar_add(const struct calendar *c, int64_t t, int n)
{
	int day = date_today((time_t)t);
	/* From a day off, the clock starts at midnight of the next working day: one more to count. */
	if (!calendar_is_workday(c, day))
		return day_start(calendar_add_days(c, day, n + 1));
	return day_start(calendar_add_days(c, day, n)) + (t - day_start(day));
}

int calendar_left(const struct calendar *c, int64_t now, int64_t deadline)
{
	if (deadline <= now)
		return -1;
	int today = date_today((time_t)now);
	int last = date_today((time_t)deadline);
	/* A deadline at midnight leaves nothing of its own day. */
	if (deadline == day_start(last))
		last--;
	int n = 0;
	for (int d = today + 1; d <= last; d++)
		n += calendar_is_workday(c, d);
	return n;
}
