/* audit_export.c — search and export of the audit log for the auditor (三员分立: only the audit
 * right reads it). The CSV's cells have control characters escaped and formulas neutralised. */
#include "audit_export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "perm.h"
#include "report_export.h"

int audit_filter_time(const char *s, bool upper, int64_t *out)
{
	*out = 0;
	if (str_empty(s))
		return 0;
	time_t t;
	if (datetime_parse(s, &t) < 0)
		return errmsg_set(ZZ_EINVAL, "时间 “%s” 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM", s);
	/* "到 2026-12-04" means to the end of that day; "到 … 10:30" to the end of that minute. */
	if (upper)
		t += strlen(s) <= 10 ? 86400 : 60;
	*out = (int64_t)t;
	return 0;
}

static bool audit_filter_eq(const char *want, const char *have)
{
	return str_empty(want) || (have && strcmp(want, have) == 0);
}

bool audit_filter_match(const struct audit_filter *f, const struct audit_entry *e)
{
	return (!f->from || e->time >= f->from) && (!f->to || e->time < f->to) && audit_filter_eq(f->user, e->user) &&
	       audit_filter_eq(f->type, e->type) && audit_filter_eq(f->result, e->result);
}

char *audit_filter_text(const struct audit_filter *f)
{
	struct sb sb;
	sb_init(&sb);
	char when[20];
	if (f->from) {
		datetime_format((time_t)f->from, when);
		sb_addf(&sb, "自 %.16s ", when);
	}
	if (f->to) {
		datetime_format((time_t)f->to, when);
		sb_addf(&sb, "至 %.16s 前 ", when);
	}
	if (!str_empty(f->user))
		sb_addf(&sb, "账号 %s ", f->user);
	if (!str_empty(f->type))
		sb_addf(&sb, "类型 %s ", f->type);
	if (!str_empty(f->result))
		sb_addf(&sb, "结果 %s ", f->result);
	if (!sb.len)
		sb_adds(&sb, "全部 ");
	sb.buf[--sb.len] = '\0';
	return sb_steal(&sb);
}

struct audit_csv {
	const struct audit_filter *f;
	struct sb out;
	long n;
};

static void audit_csv_cell(struct sb *out, const char *s, bool last)
{
	struct sb shown;
	sb_init(&shown);
	sb_add_shown(&shown, s ? s : "");
	report_csv_text(out, shown.buf ? shown.buf : "");
	sb_free(&shown);
	sb_adds(out, last ? "\r\n" : ",");
}

static int audit_csv_row(const struct audit_entry *e, void *arg)
{
	struct audit_csv *a = arg;
	if (!audit_filter_match(a->f, e))
		return 0;
	char seq[24], when[20];
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)e->seq);
	datetime_format((time_t)e->time, when);
	const char *v[] = {seq, when, e->user, e->unit, e->source, e->type, e->object, e->result, e->detail};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		audit_csv_cell(&a->out, v[i], i + 1 == ARRAY_LEN(v));
	a->n++;
	return 0;
}

/* Write the CSV into a new file of U's download folder (0600), within the quota. */
static int audit_export_write(struct ctx *c, const struct user *u, const struct sb *csv, char **name)
{
	uint64_t usage = 0;
	int rc = files_ensure(c, u->name);
	if (rc == 0)
		rc = files_usage(c, u->name, &usage);
	if (rc == 0)
		rc = files_check_room(c, usage, csv->len, csv->len);
	if (rc < 0)
		return rc;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	/* A second export within the same second gets the next free name. */
	char *file = xasprintf("审计日志-%s.csv", when);
	struct stat sb;
	for (int k = 2; k < 100 && files_stat(c, u->name, FILES_DOWNLOAD, file, &sb) != ZZ_ENOENT; k++) {
		free(file);
		file = xasprintf("审计日志-%s-%d.csv", when, k);
	}
	int fd = files_open(c, u->name, FILES_DOWNLOAD, file, O_WRONLY | O_CREAT | O_EXCL);
	if (fd < 0) {
		free(file);
		return fd;
	}
	if (fchmod(fd, 0600) < 0 || write(fd, csv->buf, csv->len) != (ssize_t)csv->len || fsync(fd) < 0)
		rc = errmsg_set(ZZ_ERR, "无法写入“%s”：%s", file, strerror(errno));
	close(fd);
	if (rc < 0) {
		char *why = xstrdup(errmsg());
		files_remove(c, u->name, FILES_DOWNLOAD, file);
		errmsg_set(rc, "%s", why);
		free(why);
		free(file);
		return rc;
	}
	*name = file;
	return 0;
}

int audit_export(struct ctx *c, const struct user *u, const struct audit_filter *f, char **name, long *count)
{
	*name = NULL;
	*count = 0;
	int rc = perm_check(c, u, ACT_AUDIT, NULL, NULL);
	if (rc < 0)
		return rc;
	struct audit_csv a = {.f = f};
	sb_init(&a.out);
	sb_adds(&a.out, "序号,时间,账号,单位,来源,类型,对象,结果,详情\r\n");
	rc = audit_scan(c, f->from, str_empty(f->user) ? NULL : f->user, audit_csv_row, &a);
	if (rc == 0)
		rc = audit_export_write(c, u, &a.out, name);
	sb_free(&a.out);
	if (rc < 0)
		return rc;
	char *cond = audit_filter_text(f);
	char *detail = xasprintf("审计日志 %ld 条（%s）→ download/%s", a.n, cond, *name);
	rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "export",
							.object = "audit", .result = "ok", .detail = detail});
	free(detail);
	free(cond);
	if (rc < 0) {
		/* No audit entry, no export. */
		char *why = xstrdup(errmsg());
		files_remove(c, u->name, FILES_DOWNLOAD, *name);
		free(*name);
		*name = NULL;
		errmsg_set(rc, "%s", why);
		free(why);
		return rc;
	}
	*count = a.n;
	return 0;
}
