/* ui.c — entry of the curses UI: the login screen (hidden password; wrong password, locked
 * account and expired password each explained), the password change, then the to-do list and
 * the main menu. The screens are their own files (ui_*.c, see ui_screen.h). */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin.h"
#include "maint.h"
#include "perm.h"
#include "ui_screen.h"
#include "unit.h"

static const enum ui_act login_acts[] = {UI_NEXT, UI_PREV, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act login_hints[] = {UI_NEXT, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys login_keys = {
	.screen = "登录",
	.about = "输入账号和密码（密码不显示），回车登录。密码连续输错多次账号会被锁定一段时间；密码过期时登录后"
		 "须先设置新密码。Esc 退出。",
	.acts = login_acts,
	.hints = login_hints,
	.enter_name = "登录",
	.back_name = "退出",
};

static const enum ui_act pw_acts[] = {UI_NEXT, UI_PREV, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act pw_hints[] = {UI_NEXT, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys pw_keys = {
	.screen = "修改密码",
	.about = "输入新密码两次（不显示）。密码须符合安全策略：足够长，含大写字母、小写字母、数字、符号中的几类，"
		 "不能与最近用过的密码相同。回车确定，Esc 取消。",
	.acts = pw_acts,
	.hints = pw_hints,
	.enter_name = "确定",
	.back_name = "取消",
};

/* A small dialog of labelled one-line inputs, centred in the body. Returns the field Enter was
 * pressed on the last field (0), or -1 on Esc. */
struct dialog {
	const char *title;
	const char *head;
	const char *note; /* a line under the head (the password rules), or NULL */
	const char *const *labels;
	const bool *hidden;
	struct ui_edit *ed;
	int n, cur;
	const struct ui_keys *keys;
};

static int dialog_run(struct ui *ui, struct dialog *d)
{
	ui->typing = true;
	for (;;) {
		erase();
		/* Labels as wide as the widest, never cut (再次输入新密码 is 14 columns). */
		int lw = 12;
		for (int i = 0; i < d->n; i++)
			if (ui_width(d->labels[i]) > lw)
				lw = ui_width(d->labels[i]);
		int y0 = ui_body_top() + (ui_body_rows() - (d->n * 2 + 4)) / 2, x0 = (COLS - (lw + 30)) / 2;
		if (x0 < 0)
			x0 = 0;
		int hw = ui_width(d->head);
		ui_put(y0, (COLS - hw) / 2, hw, d->head, ui_attr(ui, UI_A_HEAD));
		int nn = 0;
		if (d->note) {
			char **lines = NULL;
			nn = ui_wrap(d->note, COLS - 4, &lines);
			for (int i = 0; i < nn; i++) {
				ui_put(y0 + 1 + i, 2, COLS - 4, lines[i], A_NORMAL);
				free(lines[i]);
			}
			free(lines);
			nn = nn > 1 ? nn - 1 : 0; /* the first line sits where the blank line was */
		}
		y0 += nn;
		for (int i = d->n - 1; i >= 0; i--) {
			int y = y0 + 3 + i * 2;
			char lab[128];
			ui_pad(lab, sizeof lab, d->labels[i], lw, true);
			ui_put(y, x0, lw, lab, A_NORMAL);
			ui_put(y, x0 + lw, 2, "：", A_NORMAL);
			ui_edit_draw(ui, &d->ed[i], y, x0 + lw + 2, 28, d->hidden[i], ui_attr(ui, UI_A_INPUT));
		}
		/* The cursor belongs to the current field: draw it last. */
		ui_edit_draw(ui, &d->ed[d->cur], y0 + 3 + d->cur * 2, x0 + lw + 2, 28, d->hidden[d->cur],
			     ui_attr(ui, UI_A_INPUT));
		int cy = ui->cy, cx = ui->cx;
		ui_frame(ui, d->title, NULL, d->keys);
		ui_cursor(ui, cy, cx);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			return -1;
		if (key == UI_KEY_RESIZE)
			continue;
		if (ui_edit_key(&d->ed[d->cur], key))
			continue;
		switch (ui_key_action(key, true)) {
		case UI_NEXT:
		case UI_DOWN:
			d->cur = (d->cur + 1) % d->n;
			break;
		case UI_PREV:
		case UI_UP:
			d->cur = (d->cur + d->n - 1) % d->n;
			break;
		case UI_ENTER:
			if (d->cur + 1 < d->n)
				d->cur++;
			else
				return 0;
			break;
		case UI_BACK:
		case UI_QUIT:
			return -1;
		case UI_HELP:
			ui_help(ui, d->keys);
			ui->typing = true;
			break;
		case UI_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			break;
		}
	}
}

static void set_who(struct ui *ui)
{
	const struct unit *x = ui->u ? units_find(ctx_units(ui->c), ui->u->unit) : NULL;
	if (ui->u) {
		bool named = !str_empty(ui->u->fullname);
		snprintf(ui->who_unit, sizeof ui->who_unit, "%s", x ? x->name : ui->u->unit);
		snprintf(ui->who, sizeof ui->who, "%s", named ? ui->u->fullname : ui->u->name);
		snprintf(ui->who_account, sizeof ui->who_account, "%s", named ? ui->u->name : "");
	} else {
		ui->who_unit[0] = ui->who_account[0] = '\0';
		snprintf(ui->who, sizeof ui->who, "未登录");
	}
}

int ui_passwd(struct ui *ui, bool forced)
{
	static const char *const labels3[] = {"当前密码", "新密码", "再次输入新密码"};
	static const bool hidden[] = {true, true, true};
	struct ui_edit ed[3] = {{0}};
	int first = forced ? 1 : 0;
	char *rules = user_password_rules(ui->c);
	char *note = xasprintf("新密码：%s", rules);
	free(rules);
	struct dialog d = {.title = "修改密码",
			   .head = forced ? "密码已过期，请设置新密码后继续" : "修改本账号的密码",
			   .note = note,
			   .labels = labels3 + first,
			   .hidden = hidden,
			   .ed = ed,
			   .n = 3 - first,
			   .keys = &pw_keys};
	int rc = -1;
	while (dialog_run(ui, &d) == 0) {
		char *old = forced ? NULL : ui_edit_text(&ed[0]);
		char *pw1 = ui_edit_text(&ed[d.n - 2]), *pw2 = ui_edit_text(&ed[d.n - 1]);
		int r = 0;
		if (!forced) {
			struct user *check = NULL;
			r = user_login(ui->c, ui->u->name, old, &check);
			if (r == ZZ_EEXPIRED)
				r = 0;
			user_free(&check);
			if (r < 0) {
				ui_err(ui, r);
				d.cur = 0;
			}
		}
		if (r == 0 && strcmp(pw1, pw2) != 0) {
			ui_msg(ui, "两次输入的新密码不一致，请重新输入");
			ui->msg_err = true;
			r = ZZ_EINVAL;
		}
		if (r == 0) {
			r = user_set_password(ui->c, ui->u, ui->u->name, pw1, false);
			if (r < 0)
				ui_err(ui, r);
		}
		if (old)
			explicit_bzero(old, strlen(old));
		explicit_bzero(pw1, strlen(pw1));
		explicit_bzero(pw2, strlen(pw2));
		free(old);
		free(pw1);
		free(pw2);
		if (r == 0) {
			ui_msg(ui, "密码已修改");
			rc = 0;
			break;
		}
		/* Guessing the current password locks the account: the session ends with it. */
		if (r == ZZ_ELOCKED) {
			snprintf(ui->bye, sizeof ui->bye, "%s；会话已结束", errmsg());
			ui->leaving = true;
			break;
		}
		ui_edit_set(&ed[d.n - 2], "");
		ui_edit_set(&ed[d.n - 1], "");
		if (d.cur != 0 || forced)
			d.cur = d.n - 2;
	}
	for (int i = 0; i < 3; i++)
		ui_edit_free(&ed[i]);
	free(note);
	ui->typing = false;
	ui_cursor(ui, -1, 0);
	return rc;
}

static int login(struct ui *ui, struct user **out)
{
	static const char *const labels[] = {"账号", "密码"};
	static const bool hidden[] = {false, true};
	struct ui_edit ed[2] = {{0}};
	ed[0].max = 32;
	ed[1].max = 128;
	struct dialog d = {.title = "登录", .head = "社会治安综合治理信息系统  用户登录", .labels = labels,
			   .hidden = hidden, .ed = ed, .n = 2, .keys = &login_keys};
	long long tries = conf_int(ui->c->conf, "ui.login_attempts");
	int rc = -1;
	for (long long failed = 0; failed < tries;) {
		if (dialog_run(ui, &d) < 0)
			break;
		char *name = ui_edit_text(&ed[0]), *pw = ui_edit_text(&ed[1]);
		if (str_empty(name) || str_empty(pw)) {
			ui_msg(ui, str_empty(name) ? "请输入账号" : "请输入密码");
			ui->msg_err = true;
			d.cur = str_empty(name) ? 0 : 1;
			free(name);
			free(pw);
			continue;
		}
		struct user *u = NULL;
		int r = user_login(ui->c, name, pw, &u);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		free(name);
		ui_edit_set(&ed[1], "");
		/* Maintenance mode (9.4): only the security administrator comes in. */
		if ((r == 0 || r == ZZ_EEXPIRED) && maint_refuse(ui->c, u) < 0) {
			user_free(&u);
			r = ZZ_EPERM;
		}
		if (r == 0 || r == ZZ_EEXPIRED) {
			ui->u = u;
			set_who(ui);
			if (r == ZZ_EEXPIRED) {
				ui_msg(ui, "密码已过期，请设置新密码");
				ui->msg_err = true;
				if (ui_passwd(ui, true) < 0) {
					ui->u = NULL;
					user_free(&u);
					set_who(ui);
					ui_msg(ui, "未修改过期的密码，不能登录");
					ui->msg_err = true;
					d.cur = 1;
					continue;
				}
			}
			*out = u;
			rc = 0;
			break;
		}
		ui_err(ui, r);
		d.cur = 1;
		failed++;
		if (failed >= tries)
			snprintf(ui->bye, sizeof ui->bye, "%s；登录失败 %lld 次，已退出", errmsg(), failed);
	}
	for (int i = 0; i < 2; i++)
		ui_edit_free(&ed[i]);
	return rc;
}

int ui_run(struct ctx *c, struct user *preauth)
{
	struct ui ui = {0};
	int rc = ui_init(&ui, c);
	if (rc < 0)
		return rc;
	struct user *owned = NULL;
	set_who(&ui);
	if (preauth) {
		ui.u = preauth;
		/* The SSH server lets an expired password in with must_change set (user_login said
		 * ZZ_EEXPIRED): a new password first, or no session. */
		if (preauth->must_change) {
			set_who(&ui);
			if (ui_passwd(&ui, true) < 0) {
				ui.u = NULL;
				snprintf(ui.bye, sizeof ui.bye, "未修改过期的密码，不能登录");
			}
		}
	} else if (login(&ui, &owned) == 0) {
		ui.u = owned;
	}
	if (ui.u) {
		bulletin_count_login(c, ui.u, (int64_t)time(NULL));
		set_who(&ui);
		if (ui_todo_count(&ui) > 0)
			ui_todo_run(&ui);
		else if (!ui.msg[0])
			ui_msg(&ui, "登录成功。没有待办事项");
		ui_menu_run(&ui);
	}
	ui_end(&ui);
	if (ui.bye[0])
		fprintf(stderr, "%s\n", ui.bye);
	user_free(&owned);
	return 0;
}
