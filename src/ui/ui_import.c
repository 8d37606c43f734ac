/* ui_import.c — 导入数据: the files in the account's upload folder (uploaded over SFTP), each
 * imported as a record type with an encoding and a column mapping chosen from lists; then the
 * summary of the import and its rejects (line, column, reason). The import itself is
 * import_upload() (transfer.h): permission, routing, claims, audit, as on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "claim_daemon.h"
#include "import_map.h"
#include "import_upload.h"
#include "perm.h"
#include "ui_import.h"
#include "ui_screen.h"

bool ui_import_visible(struct ui *ui)
{
	const struct schema *s = ui->c->schema;
	for (int i = 0; i < s->n; i++)
		if (perm_may(ui->c, ui->u, ACT_IMPORT, s->t[i], NULL))
			return true;
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	return slash ? slash + 1 : path ? path : "";
}

/* ---- the result of the last import and its rejects ---- */

struct reject {
	long line;
	char *column, *reason;
};

struct result {
	struct import_log log;
	struct reject *v;
	int n;
	char title[256];
};

static int reject_cb(long line, const char *column, const char *reason, void *arg)
{
	struct result *r = arg;
	r->v = xrealloc(r->v, (size_t)(r->n + 1) * sizeof *r->v);
	r->v[r->n++] = (struct reject){.line = line, .column = xstrdup(column), .reason = xstrdup(reason)};
	return 0;
}

static const struct ui_col reject_cols[] = {
	{.title = "行号", .width = 6, .right = true}, {.title = "列", .width = 14}, {.title = "原因", .width = 56}};

static const char *reject_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct result *r = arg;
	if (col == 0) {
		snprintf(buf, n, "%ld", r->v[row].line);
		return buf;
	}
	return col == 1 ? r->v[row].column : r->v[row].reason;
}

static void result_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct result *r = s->arg;
	const struct import_counts *c = &r->log.n;
	(void)ui;
	snprintf(buf, n, "读入 %ld 行：新增 %ld 更新 %ld 未变 %ld 拒收 %ld｜待认领 %ld 未分派 %ld 冲突 %ld", c->rows, c->added,
		 c->updated, c->unchanged, c->rejected, c->pending, c->unrouted, c->conflicts);
}

static const enum ui_act result_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_BACK, UI_NONE};
static const enum ui_act result_hints[] = {UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys result_keys = {
	.screen = "导入结果",
	.about = "本单位最近一次导入：上方一行是读入、新增、更新、未变、拒收的行数，以及分派到下级待认领、对不上"
		 "单位（未分派，在“待认领”中按 f 手工分派）和与本地修改冲突（在“导入冲突”中决定）的条数。下面是"
		 "拒收的行：文件中的行号、出错的列和原因（身份证号错误、缺少必填项、代码表中没有的值、编码损坏等）。"
		 "改正文件后重新上传、重新导入即可，已导入的行不会重复。Esc 返回。",
	.acts = result_acts,
	.hints = result_hints,
};

static int result_run(struct ui *ui)
{
	struct result r = {0};
	int rc = import_last_rejects(ui->c, ui->u, NULL, &r.log, reject_cb, &r);
	if (rc < 0 && !r.log.id) {
		ui_err(ui, rc);
		ilog_free(&r.log);
		return 0;
	}
	if (rc < 0)
		ui_err(ui, rc); /* the summary is there; the reject file is not */
	const struct rtype *t = schema_type(ui->c->schema, r.log.type ? r.log.type : "");
	snprintf(r.title, sizeof r.title, "导入结果 > %s（%s，%s%s）", base_name(r.log.file), t ? t->title : "",
		 r.log.enc ? r.log.enc : "", r.log.done ? "" : "，未完成");
	struct ui_table_screen s = {
		.title = r.title,
		.keys = &result_keys,
		.t = {.cols = reject_cols, .ncols = (int)ARRAY_LEN(reject_cols), .nrows = r.n, .cell = reject_cell,
		      .arg = &r, .fixed = 1},
		.top = result_top,
		.arg = &r,
	};
	ui_table_run(ui, &s);
	for (int i = 0; i < r.n; i++) {
		free(r.v[i].column);
		free(r.v[i].reason);
	}
	free(r.v);
	ilog_free(&r.log);
	return 0;
}

/* ---- the upload folder ---- */

struct upfile {
	char *name;
	char size[16], when[17];
};

struct upstate {
	char *dir;
	struct upfile *v;
	int n;
};

static void up_free(struct upstate *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int up_load(struct ui *ui, struct upstate *l)
{
	up_free(l);
	struct strv names;
	int rc = import_upload_list(ui->c, ui->u, &names);
	if (rc < 0)
		return rc;
	l->v = xcalloc((size_t)names.n + 1, sizeof *l->v);
	for (int i = 0; i < names.n; i++) {
		struct upfile *f = &l->v[l->n++];
		f->name = xstrdup(names.v[i]);
		char *path = xasprintf("%s/%s", l->dir, f->name);
		struct stat sb;
		if (stat(path, &sb) == 0) {
			double kb = (double)sb.st_size / 1024.0;
			if (kb < 1024)
				snprintf(f->size, sizeof f->size, "%.0f KB", kb < 1 && sb.st_size ? 1.0 : kb);
			else
				snprintf(f->size, sizeof f->size, "%.1f MB", kb / 1024.0);
			char dt[20];
			datetime_format(sb.st_mtime, dt);
			snprintf(f->when, sizeof f->when, "%.16s", dt);
		}
		free(path);
	}
	strv_free(&names);
	return 0;
}

static const struct ui_col up_cols[] = {
	{.title = "文件", .width = 44}, {.title = "大小", .width = 10, .right = true}, {.title = "上传时间", .width = 16}};

static const char *up_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct upstate *l = arg;
	(void)buf;
	(void)n;
	return col == 0 ? l->v[row].name : col == 1 ? l->v[row].size : l->v[row].when;
}

static void up_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	(void)ui;
	(void)s;
	snprintf(buf, n, "上传目录：upload（用 SFTP 登录本系统后上传到 upload 文件夹）");
}

/* The record types U may import, those its department imports for the others first. */
static int import_types(struct ui *ui, const struct rtype **out)
{
	const struct schema *s = ui->c->schema;
	int n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < s->n; i++) {
			const struct rtype *t = s->t[i];
			bool mine = claims_imports(ui->c->conf, ui->u->dept, t->id);
			if ((pass == 0) == mine && perm_may(ui->c, ui->u, ACT_IMPORT, t, NULL))
				out[n++] = t;
		}
	return n;
}

/* Ask for type, mapping and encoding, then import NAME. */
static void up_import(struct ui *ui, const char *name)
{
	const struct schema *s = ui->c->schema;
	const struct rtype **types = xcalloc((size_t)s->n + 1, sizeof *types);
	struct ui_pick_item *items = xcalloc((size_t)s->n + 3, sizeof *items);
	struct import_maps *maps = NULL;
	char **labels = NULL;
	int nt = import_types(ui, types);
	if (nt == 0) {
		ui_msg(ui, "本账号不能导入任何记录类型");
		goto out;
	}
	for (int i = 0; i < nt; i++)
		items[i] = (struct ui_pick_item){.label = types[i]->title, .key = types[i]->id};
	int k = ui_pick(ui, "导入为哪类记录", items, nt, 0, NULL, NULL);
	if (k < 0)
		goto out;
	const struct rtype *t = types[k];
	int rc = import_maps_load(ui->c, &maps);
	if (rc < 0) {
		ui_err(ui, rc);
		goto out;
	}
	/* The mapping: judged from the header, our own export's format, or one for T. */
	int nm = 0;
	const char *mapname[64];
	labels = xcalloc((size_t)maps->n + 2, sizeof *labels);
	labels[nm] = xstrdup("自动判断（按表头：本系统格式或相符的映射）");
	mapname[nm++] = NULL;
	for (int i = 0; i < maps->n && nm < (int)ARRAY_LEN(mapname); i++)
		if (maps->v[i].t == t) {
			labels[nm] = xasprintf("%s（%s）", maps->v[i].title, maps->v[i].name);
			mapname[nm++] = maps->v[i].name;
		}
	struct ui_pick_item *mitems = xcalloc((size_t)nm, sizeof *mitems);
	for (int i = 0; i < nm; i++)
		mitems[i] = (struct ui_pick_item){.label = labels[i], .key = mapname[i] ? mapname[i] : ""};
	int km = nm > 1 ? ui_pick(ui, "列映射（对方系统的导出格式）", mitems, nm, 0, NULL, NULL) : 0;
	free(mitems);
	if (km < 0)
		goto out;
	static const struct {
		const char *label, *enc;
	} encs[] = {{"自动判断（映射规定的编码，或按文件内容）", NULL}, {"UTF-8", "utf-8"}, {"GB18030 / GBK", "gb18030"}};
	for (int i = 0; i < (int)ARRAY_LEN(encs); i++)
		items[i] = (struct ui_pick_item){.label = encs[i].label, .key = encs[i].enc ? encs[i].enc : ""};
	int ke = ui_pick(ui, "文件编码", items, (int)ARRAY_LEN(encs), 0, NULL, NULL);
	if (ke < 0)
		goto out;
	if (!ui_confirm(ui, "把 %s 导入%s？", name, t->title))
		goto out;
	/* Say so before a long import: the next frame comes after it. */
	ui_put(LINES - 2, 0, COLS, "正在导入，请稍候…", ui_attr(ui, UI_A_WARN));
	refresh();
	struct import_result res;
	rc = import_upload(ui->c, ui->u, t, name, encs[ke].enc, mapname[km], &res);
	import_result_free(&res);
	if (rc < 0) {
		ui_err(ui, rc);
		goto out;
	}
	result_run(ui);
out:
	for (int i = 0; labels && labels[i]; i++)
		free(labels[i]);
	free(labels);
	import_maps_free(&maps);
	free(items);
	free(types);
}

static const enum ui_act up_acts[] = {UI_UP,	 UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END,
				      UI_ENTER, UI_RESULT, UI_REDRAW, UI_BACK, UI_NONE};
static const enum ui_act up_hints[] = {UI_ENTER, UI_RESULT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys up_keys = {
	.screen = "导入数据",
	.about = "本账号上传目录中的文件，新的在前。上传方法：用 SFTP 客户端（sftp、psftp、WinSCP）以本账号和密码"
		 "连接本系统的同一地址和端口，把本部门系统导出的 CSV 文件放进 upload 文件夹。"
		 "回车导入选中的文件：先选记录类型，再选列映射（对方系统的导出格式，或本系统的导出格式）和文件编码"
		 "（UTF-8 或 GB18030/GBK，不确定时选自动判断），确认后导入；导入完显示结果和拒收的行。"
		 "同一文件重新导入不会重复新增，中断的导入会从中断处继续。i 查看本单位最近一次导入的结果；"
		 "Ctrl-L 重新读取上传目录；Esc 返回。",
	.acts = up_acts,
	.hints = up_hints,
	.enter_name = "导入",
};

static int up_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct upstate *l = s->arg;
	switch (a) {
	case UI_ENTER:
		if (l->n == 0) {
			ui_msg(ui, "上传目录中没有文件：请先用 SFTP 以本账号登录本系统，把文件上传到 upload 文件夹");
			return UI_DONE;
		}
		{
			char *name = xstrdup(l->v[s->t.cur].name);
			up_import(ui, name);
			free(name);
		}
		break;
	case UI_RESULT:
		result_run(ui);
		return UI_DONE;
	case UI_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		return UI_NOTMINE;
	}
	int rc = up_load(ui, l);
	if (rc < 0)
		ui_err(ui, rc);
	s->t.nrows = l->n;
	return UI_DONE;
}

int ui_import_run(struct ui *ui)
{
	struct upstate l = {.dir = import_upload_dir(ui->c, ui->u)};
	int rc = up_load(ui, &l);
	if (rc < 0)
		ui_err(ui, rc);
	struct ui_table_screen s = {
		.title = "导入数据",
		.keys = &up_keys,
		.t = {.cols = up_cols, .ncols = (int)ARRAY_LEN(up_cols), .nrows = l.n, .cell = up_cell, .arg = &l,
		      .fixed = 1},
		.top = up_top,
		.act = up_act,
		.arg = &l,
	};
	ui_table_run(ui, &s);
	up_free(&l);
	free(l.dir);
	return 0;
}

int ui_import_open_ref(struct ui *ui, const char *ref)
{
	(void)ref;
	if (!ui_import_visible(ui)) {
		ui_msg(ui, "本账号不能导入数据；请负责导入的部门按月导入");
		return 0;
	}
	return ui_import_run(ui);
}
