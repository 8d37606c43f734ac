/* ui_users.c — the system and security administrators' daily work in the UI: the accounts of the
 * scope and their state (locked, temporarily locked after failed logins); a new account (admin);
 * unlock, lock, a password reset that must be changed at the next login, and the account's SSH
 * public keys — list, add from a .pub file in the administrator's upload folder, remove
 * (security). Each through user.c: permission and audit. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "lockout.h"
#include "files.h"
#include "perm.h"
#include "ui_screen.h"
#include "ui_users.h"
#include "unit.h"
#include "user.h"

enum { USER_COLS = 6 };

struct urow {
	char *cells[USER_COLS];
	char *name;
	bool locked; /* locked now (by an administrator or by failed logins) */
	char *held;  /* the addresses refused now and until when, or NULL */
	int nkeys;
};

struct ustate {
	struct ui *ui;
	const char *scope;
	struct urow *v;
	long n, cap;
};

static const struct ui_col user_cols[USER_COLS] = {
	{.title = "账号", .width = 21}, {.title = "姓名", .width = 7},	  {.title = "角色", .width = 14},
	{.title = "单位", .width = 13}, {.title = "状态", .width = 8}, {.title = "最近登录", .width = 11},
};

/* "对 127.0.0.6 锁定至 12-04 17:55" (and how many places in all) for the places U's passwords are
 * refused from at NOW: the security administrator sees whom a 地址锁定 keeps out. */
static char *user_held_text(const struct user *u, int64_t now)
{
	const struct lockout_mark *first = NULL;
	int n = 0;
	for (int i = 0; i < u->lk.nholds; i++)
		if (now < u->lk.holds[i].at && !n++)
			first = &u->lk.holds[i];
	if (!first)
		return NULL;
	char until[20];
	datetime_format((time_t)first->at, until);
	return n > 1 ? xasprintf("对 %s（至 %.11s）等 %d 个地址锁定", lockout_place_shown(first->place), until + 5, n)
		     : xasprintf("对 %s 锁定至 %.11s", lockout_place_shown(first->place), until + 5);
}

static int user_row_cb(const struct user *u, void *arg)
{
	struct ustate *s = arg;
	const struct units *us = ctx_units(s->ui->c);
	if (!units_find(us, u->unit) || !units_under(us, u->unit, s->scope))
		return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
	}
	int64_t now = (int64_t)time(NULL);
	char last[20];
	ui_short_time(u->last_login, last);
	const struct unit *x = units_find(us, u->unit);
	struct urow *r = &s->v[s->n++];
	r->name = xstrdup(u->name);
	const char *state = user_lock_state(u, now);
	r->locked = strcmp(state, "正常") != 0;
	r->nkeys = u->keys.n;
	r->held = user_held_text(u, now);
	r->cells[0] = xstrdup(u->name);
	r->cells[1] = xstrdup(u->fullname ? u->fullname : "");
	r->cells[2] = xstrdup(perm_role_zh(s->ui->c, u->role));
	r->cells[3] = xstrdup(x ? x->name : u->unit);
	r->cells[4] = xstrdup(r->locked || !u->must_change ? state : "待改密码");
	r->cells[5] = xstrdup(last);
	return 0;
}

static void users_free(struct ustate *s)
{
	for (long i = 0; i < s->n; i++) {
		for (int k = 0; k < USER_COLS; k++)
			free(s->v[i].cells[k]);
		free(s->v[i].name);
		free(s->v[i].held);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static int users_load(struct ui *ui, struct ustate *s)
{
	users_free(s);
	return user_scan(ui->c, user_row_cb, s);
}

static const char *user_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return ((struct ustate *)arg)->v[row].cells[col];
}

static attr_t user_attr(void *arg, long row)
{
	struct ustate *s = arg;
	return s->v[row].locked ? ui_attr(s->ui, UI_A_WARN) : A_NORMAL;
}

static void user_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct ustate *s = t->arg;
	const struct unit *x = units_find(ctx_units(ui->c), s->scope);
	snprintf(buf, n, "%s及下级单位的账号 %ld 个", x ? x->name : s->scope, s->n);
}

static const struct ui_keys user_keys = {
	.screen = "账号",
	.about = "本单位及下级单位的账号和状态：正常、锁定（管理员锁定）、暂时锁定（多个地址多次密码错误）、地址锁定（某个地址多次密码错误，"
		 "只有这个地址登录不了；回车时标题写出这个地址和解除时间）、待改密码。"
		 "安全管理员：回车选择对这个账号的操作——解锁、锁定，重置密码（输入临时密码，对方下次登录时"
		 "须修改），或管理公钥：列出已有的公钥，选中一个删除，或从本账号上传文件夹（upload，用 SFTP "
		 "上传）中的 .pub 文件添加。系统管理员：a 或 F5 新增账号（依次输入账号名、姓名，选择单位、角色，输入初始密码）；"
		 "e 或 F4 把当前账号调到同一层级的另一个单位（如网格员调到另一个网格，成员单位的账号调到同一部门的单位），"
		 "角色、密码和公钥不变。"
		 "/ 或 F3 查找：输入账号或姓名的开头，光标移到第一个符合的账号。每个操作记入审计日志。Esc 返回。",
	.enter_name = "操作",
	.search_name = "查找",
	.search_help = "查找账号：输入账号或姓名的开头",
};

/* The password rules, for the line under a password's prompt (caller frees). */
static char *user_rules_note(struct ui *ui)
{
	char *rules = user_password_rules(ui->c);
	char *note = xasprintf(" %s", rules);
	free(rules);
	return note;
}

static int user_reset_take(struct ui *ui, const char *pw, void *arg)
{
	return user_set_password(ui->c, ui->u, arg, pw, true);
}

/* The temporary password: one the policy refuses stays in its prompt (hidden), with the reason. */
static void user_reset(struct ui *ui, const char *name)
{
	char *note = user_rules_note(ui);
	char label[160];
	snprintf(label, sizeof label, "%s 的临时密码：", name);
	char *pw = NULL;
	if (ui_prompt_hidden_act(ui, label, note, &pw, user_reset_take, (void *)name) == 0)
		ui_msg(ui, "已重置 %s 的密码，对方下次登录时须修改", name);
	if (pw)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(note);
}

/* The first line of the .pub file NAME in the administrator's own upload folder (caller frees). */
static int user_pub_read(struct ui *ui, const char *name, char **line)
{
	int fd = files_open(ui->c, ui->u->name, FILES_UPLOAD, name, O_RDONLY);
	if (fd < 0)
		return fd;
	char buf[16384];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return errmsg_set(ZZ_EINVAL, "“%s”是空文件或无法读取", name);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	*line = xstrdup(buf);
	return 0;
}

/* Add a key from a .pub file the administrator uploaded. */
static void user_key_add_ui(struct ui *ui, const char *account)
{
	struct strv files = {0}, pubs = {0};
	int rc = files_ensure(ui->c, ui->u->name);
	if (rc == 0)
		rc = files_list(ui->c, ui->u->name, FILES_UPLOAD, &files);
	for (int i = 0; rc == 0 && i < files.n; i++) {
		size_t l = strlen(files.v[i]);
		if (l > 4 && !strcmp(files.v[i] + l - 4, ".pub"))
			strv_push(&pubs, files.v[i]);
	}
	if (rc < 0) {
		ui_err(ui, rc);
	} else if (pubs.n == 0) {
		ui_msg(ui, "上传文件夹（upload）中没有 .pub 文件：先用 SFTP 上传对方的公钥文件");
		ui->msg_err = true;
	} else {
		struct ui_pick_item *items = xcalloc((size_t)pubs.n, sizeof *items);
		for (int i = 0; i < pubs.n; i++)
			items[i] = (struct ui_pick_item){.label = pubs.v[i]};
		int k = ui_pick(ui, "从上传文件夹选择公钥文件", items, pubs.n, 0, NULL, NULL);
		char *line = NULL;
		if (k >= 0 && (rc = user_pub_read(ui, pubs.v[k], &line)) == 0)
			rc = user_add_key(ui->c, ui->u, account, line);
		if (k >= 0 && rc < 0)
			ui_err(ui, rc);
		else if (k >= 0)
			ui_msg(ui, "已为 %s 添加公钥（%s）", account, pubs.v[k]);
		free(line);
		free(items);
	}
	strv_free(&files);
	strv_free(&pubs);
}

/* The account's keys: pick one to remove it (after a confirmation), or the last item to add one. */
static void user_keys_ui(struct ui *ui, const char *account)
{
	struct user *u = NULL;
	int rc = user_load(ui->c->st, NULL, account, &u, false);
	if (rc < 0) {
		ui_err(ui, rc);
		return;
	}
	int n = u->keys.n;
	struct ui_pick_item *items = xcalloc((size_t)n + 1, sizeof *items);
	char **labels = xcalloc((size_t)n + 1, sizeof *labels);
	for (int i = 0; i < n; i++) {
		/* Type, the blob's end (its start is the same for every key of a type) and the comment. */
		char *line = xstrdup(u->keys.v[i]);
		char *parts[3] = {0};
		int np = str_split(line, ' ', parts, 3);
		const char *blob = np > 1 ? parts[1] : "";
		size_t bl = strlen(blob);
		labels[i] = xasprintf("删除 %s …%s %s", np > 0 ? parts[0] : "", blob + (bl > 12 ? bl - 12 : 0),
				      np > 2 ? parts[2] : "");
		free(line);
		items[i] = (struct ui_pick_item){.label = labels[i]};
	}
	items[n] = (struct ui_pick_item){.label = "从上传文件夹添加公钥（.pub）"};
	char title[96];
	snprintf(title, sizeof title, "%s 的公钥（%d 个）", account, n);
	int k = ui_pick(ui, title, items, n + 1, n, NULL, NULL);
	if (k == n) {
		user_key_add_ui(ui, account);
	} else if (k >= 0 && ui_confirm(ui, "删除 %s 的这个公钥？", account)) {
		rc = user_remove_key(ui->c, ui->u, account, u->keys.v[k]);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已删除 %s 的一个公钥", account);
	}
	for (int i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	user_free(&u);
}

/* The roles an account may be given, as picker items; for a department's unit only its role. */
static int role_items(struct ui *ui, const struct unit *x, struct ui_pick_item *items, int cap)
{
	const config_setting_t *roles = conf_setting(ui->c->conf, "roles");
	int n = 0;
	for (int i = 0; roles && i < config_setting_length(roles) && n < cap; i++) {
		const char *id = config_setting_name(config_setting_get_elem(roles, (unsigned)i));
		if (!id || !perm_role_exists(ui->c, id, true) || (x->level == LV_DEPT) != !strcmp(id, "dept"))
			continue;
		items[n++] = (struct ui_pick_item){.label = perm_role_zh(ui->c, id), .key = id};
	}
	return n;
}

/* A new account's name: well formed and not taken, else refused in its prompt, which keeps it. */
static int user_name_take(struct ui *ui, const char *name, void *arg)
{
	(void)arg;
	if (!user_name_valid(name))
		return errmsg_set(ZZ_EINVAL, "账号 “%s” 不合规：2 到 32 位，小写字母开头，可含数字 . _ -", name);
	struct user *old = NULL;
	bool taken = user_load(ui->c->st, NULL, name, &old, false) == 0;
	user_free(&old);
	return taken ? errmsg_set(ZZ_EEXIST, "账号 %s 已存在", name) : 0;
}

struct user_new_req {
	const char *name, *full, *unit, *role;
};

/* The account added once its initial password is typed: a password the policy refuses stays in its
 * prompt (hidden), with everything answered before. */
static int user_new_take(struct ui *ui, const char *pw, void *arg)
{
	const struct user_new_req *q = arg;
	return user_add(ui->c, ui->u, q->name, q->full, q->unit, q->role, NULL, pw, false);
}

/* a: a new account, asked for field by field; a wrong name is refused before the rest is asked. */
static void user_new(struct ui *ui)
{
	char *name = NULL, *full = NULL, *unit = NULL, *pw = NULL;
	if (ui_prompt_act(ui, "新账号（小写字母开头，2 到 32 位，可含数字 . _ -）：", &name, user_name_take, NULL) < 0)
		goto out;
	if (ui_prompt(ui, "姓名：", &full, false) < 0 || ui_pick_unit(ui, "账号的单位", NULL, false, &unit, NULL) < 0)
		goto out;
	const struct unit *x = units_find(ctx_units(ui->c), unit);
	struct ui_pick_item items[16];
	int n = x ? role_items(ui, x, items, 16) : 0;
	int k = n ? ui_pick(ui, "角色", items, n, 0, NULL, NULL) : -1;
	if (k < 0)
		goto out;
	char *note = user_rules_note(ui);
	struct user_new_req q = {.name = name, .full = full, .unit = unit, .role = items[k].key};
	if (ui_prompt_hidden_act(ui, "初始密码：", note, &pw, user_new_take, &q) == 0)
		ui_msg(ui, "已新增账号 %s（%s，%s）", name, x->name, items[k].label);
	free(note);
out:
	if (pw)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(name);
	free(full);
	free(unit);
}

/* e: the account moved to another unit of its level, picked from the tree; a refusal says why. */
static void user_move_ui(struct ui *ui, const char *name)
{
	char title[96], *unit = NULL;
	snprintf(title, sizeof title, "把账号 %s 调到", name);
	if (ui_pick_unit(ui, title, NULL, false, &unit, NULL) == 0) {
		const struct unit *x = units_find(ctx_units(ui->c), unit);
		int rc = user_move(ui->c, ui->u, name, unit);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已把账号 %s 调到%s", name, x ? x->name : unit);
	}
	free(unit);
}

/* Enter, 更改角色: a role of the account's unit picked, the cursor on its present one; the three
 * administrators' roles are not offered (user_set_role refuses them, and a department's). */
static void user_role_ui(struct ui *ui, const char *name)
{
	struct user *u = NULL;
	int rc = user_load(ui->c->st, NULL, name, &u, false);
	const struct unit *x = rc == 0 ? units_find(ctx_units(ui->c), u->unit) : NULL;
	struct ui_pick_item all[16], items[16];
	int n = 0, cur = 0;
	for (int i = 0, m = x ? role_items(ui, x, all, 16) : 0; i < m; i++) {
		if (perm_role_system(ui->c, all[i].key))
			continue;
		if (!strcmp(all[i].key, u->role))
			cur = n;
		items[n++] = all[i];
	}
	char title[96];
	snprintf(title, sizeof title, "账号 %s 的角色（现为%s）", name, u ? perm_role_zh(ui->c, u->role) : "");
	int k = rc < 0 ? -1 : ui_pick(ui, title, items, n, cur, NULL, NULL);
	if (rc < 0)
		ui_err(ui, rc);
	else if (k >= 0 && (rc = user_set_role(ui->c, ui->u, name, items[k].key)) < 0)
		ui_err(ui, rc);
	else if (k >= 0)
		ui_msg(ui, "已把账号 %s 的角色改为%s（下次登录起生效）", name, items[k].label);
	user_free(&u);
}

/* /: the cursor to the first account whose name or full name starts with TEXT; none: said, the
 * text kept in the prompt. */
static int user_find_take(struct ui *ui, const char *text, void *arg)
{
	struct ui_table_screen *t = arg;
	struct ustate *s = t->arg;
	for (long i = 0; i < s->n; i++)
		if (!str_empty(text) && (str_prefix(s->v[i].name, text) || str_prefix(s->v[i].cells[1], text))) {
			t->t.cur = i;
			return 0;
		}
	return errmsg_set(ZZ_ENOENT, "没有账号或姓名以“%s”开头的账号", text);
}

/* After an action: the accounts read again, the cursor kept on a row that is still there. */
static int users_reload(struct ui *ui, struct ui_table_screen *t)
{
	struct ustate *s = t->arg;
	int rc = users_load(ui, s);
	if (rc < 0)
		ui_err(ui, rc);
	ui_table_rows(&t->t, s->n);
	return UI_DONE;
}

static int user_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct ustate *s = t->arg;
	if (a == UI_SEARCH) {
		char *text = NULL;
		ui_prompt_act(ui, "查找账号（账号或姓名的开头）：", &text, user_find_take, t);
		free(text);
		return UI_DONE;
	}
	if (a == UI_EDIT && s->n && perm_may(ui->c, ui->u, ACT_ADMIN, NULL, NULL)) {
		char *name = xstrdup(s->v[t->t.cur].name);
		user_move_ui(ui, name);
		free(name);
		return users_reload(ui, t);
	}
	if (a == UI_ADD && perm_may(ui->c, ui->u, ACT_ADMIN, NULL, NULL)) {
		user_new(ui);
		return users_reload(ui, t);
	}
	if (a != UI_ENTER || s->n == 0 || !perm_may(ui->c, ui->u, ACT_SECURITY, NULL, NULL))
		return UI_NOTMINE;
	struct urow *r = &s->v[t->t.cur];
	char keys_label[48];
	snprintf(keys_label, sizeof keys_label, "公钥（%d 个）", r->nkeys);
	struct ui_pick_item items[4] = {
		{.label = r->locked ? "解锁" : "锁定", .key = r->locked ? "unlock" : "lock"},
		{.label = "重置密码", .key = "reset"},
		{.label = keys_label, .key = "keys"},
		{.label = "更改角色", .key = "role"},
	};
	char title[160];
	if (r->held)
		snprintf(title, sizeof title, "账号 %s：%s", r->name, r->held);
	else
		snprintf(title, sizeof title, "账号 %s", r->name);
	int k = ui_pick(ui, title, items, 4, 0, NULL, NULL);
	char *name = xstrdup(r->name);
	/* Locking shuts a person out: asked once more (Enter on the first item was enough); not for
	 * one's own account, refused whatever the answer. */
	if (k == 0 && !r->locked && strcmp(name, ui->u->name) != 0 &&
	    !ui_confirm(ui, "锁定账号 %s？锁定后不能登录，直到解锁", name))
		k = -1;
	if (k == 0) {
		bool lock = !r->locked;
		int rc = user_set_lock(ui->c, ui->u, name, lock);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已%s %s", lock ? "锁定" : "解锁", name);
	} else if (k == 1) {
		user_reset(ui, name);
	} else if (k == 2) {
		user_keys_ui(ui, name);
	} else if (k == 3) {
		user_role_ui(ui, name);
	}
	free(name);
	return users_reload(ui, t);
}

bool ui_users_visible(struct ui *ui)
{
	return perm_may(ui->c, ui->u, ACT_SECURITY, NULL, NULL) || perm_may(ui->c, ui->u, ACT_ADMIN, NULL, NULL);
}

int ui_users_run(struct ui *ui)
{
	if (!ui_users_visible(ui))
		return ui_err(ui, perm_check(ui->c, ui->u, ACT_SECURITY, NULL, NULL)), 0;
	/* Keys follow the rights: Enter (operations) for security, a (new account) for admin. */
	bool sec = perm_may(ui->c, ui->u, ACT_SECURITY, NULL, NULL), adm = perm_may(ui->c, ui->u, ACT_ADMIN, NULL, NULL);
	enum ui_act acts[16], hints[8];
	int na = 0, nh = 0;
	static const enum ui_act moves[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT, UI_RIGHT};
	for (size_t i = 0; i < ARRAY_LEN(moves); i++)
		acts[na++] = moves[i];
	if (sec)
		acts[na++] = hints[nh++] = UI_ENTER;
	if (adm) {
		acts[na++] = hints[nh++] = UI_ADD;
		acts[na++] = hints[nh++] = UI_EDIT;
	}
	acts[na++] = hints[nh++] = UI_SEARCH;
	acts[na++] = hints[nh++] = UI_BACK;
	hints[nh++] = UI_HELP;
	acts[na] = hints[nh] = UI_NONE;
	struct ui_keys keys = user_keys;
	keys.acts = acts;
	keys.hints = hints;
	struct ustate s = {.ui = ui, .scope = perm_scope(ui->c, ui->u)};
	int rc = users_load(ui, &s);
	if (rc < 0)
		ui_err(ui, rc);
	struct ui_table_screen t = {
		.title = "账号",
		.keys = &keys,
		.t = {.cols = user_cols, .ncols = USER_COLS, .nrows = s.n, .cell = user_cell, .row_attr = user_attr,
		      .arg = &s, .fixed = 1},
		.top = user_top,
		.act = user_act,
		.arg = &s,
	};
	ui_table_run(ui, &t);
	users_free(&s);
	return 0;
}
