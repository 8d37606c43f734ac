/* ui_engine.c — the terminal (setup, keys, resize, idle timeout) and the small dialogs every
 * screen uses: messages, confirmation, a prompt on the message line. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "stats.h"
#include "ui_screen.h"

/* Sequences that terminals send whatever TERM says (a vt100 entry used from a PC keyboard, tmux,
 * PuTTY): taught to curses when the terminal description lacks them. */
static const struct {
	const char *seq;
	int key;
} extra_keys[] = {
	{"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[H", KEY_HOME},	 {"\033[F", KEY_END},
	{"\033[1~", KEY_HOME},	{"\033[4~", KEY_END},	{"\033OH", KEY_HOME},	 {"\033OF", KEY_END},
	{"\033[7~", KEY_HOME},	{"\033[8~", KEY_END},	{"\033[3~", KEY_DC},	 {"\033[2~", KEY_IC},
	{"\033[Z", KEY_BTAB},	{"\033[A", KEY_UP},	{"\033[B", KEY_DOWN},	 {"\033[C", KEY_RIGHT},
	{"\033[D", KEY_LEFT},	{"\033OA", KEY_UP},	{"\033OB", KEY_DOWN},	 {"\033OC", KEY_RIGHT},
	{"\033OD", KEY_LEFT},	{"\033OP", KEY_F(1)},	{"\033OQ", KEY_F(2)},	 {"\033OR", KEY_F(3)},
	{"\033OS", KEY_F(4)},	{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},	 {"\033[13~", KEY_F(3)},
	{"\033[14~", KEY_F(4)}, {"\033[[A", KEY_F(1)},	{"\033[[B", KEY_F(2)},	 {"\033[[C", KEY_F(3)},
	{"\033[[D", KEY_F(4)},	{"\033[[E", KEY_F(5)},	{"\033[15~", KEY_F(5)},	 {"\033[17~", KEY_F(6)},
	{"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)}, {"\033[20~", KEY_F(9)},	 {"\033[21~", KEY_F(10)},
	{"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
};

static bool term_is_ascii(struct ctx *c)
{
	const char *term = getenv("TERM");
	const config_setting_t *list = conf_setting(c->conf, "ui.ascii_terms");
	if (str_empty(term))
		return true;
	for (int i = 0; list && i < config_setting_length(list); i++) {
		const char *t = config_setting_get_string_elem(list, (unsigned)i);
		if (t && strcmp(t, term) == 0)
			return true;
	}
	return false;
}

static time_t last_key;
static SCREEN *screen;
/* SIGTERM or SIGHUP (the link dropped): the screens unwind and the database closes cleanly. */
static volatile sig_atomic_t signalled;
/* Whatever a lower layer writes to stderr on the terminal would garble the screen. */
static int saved_stderr = -1;

static void restore_stderr(void)
{
	if (saved_stderr >= 0) {
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
		saved_stderr = -1;
	}
}

static void on_signal(int sig)
{
	signalled = sig;
}

int ui_init(struct ui *ui, struct ctx *c)
{
	ui->c = c;
	ui->cur_vis = -1;
	ui->ascii = term_is_ascii(c);
	set_escdelay((int)conf_int(c->conf, "ui.escdelay_ms"));
	if (isatty(STDERR_FILENO)) {
		int null = open("/dev/null", O_WRONLY);
		saved_stderr = null >= 0 ? dup(STDERR_FILENO) : -1;
		if (saved_stderr >= 0)
			dup2(null, STDERR_FILENO);
		if (null >= 0)
			close(null);
	}
	screen = newterm(NULL, stdout, stdin);
	/* A terminal type this host does not know: vt100, which every terminal emulates, and say so
	 * (the session used to end without a word). */
	char unknown[64] = "";
	if (!screen) {
		snprintf(unknown, sizeof unknown, "%s", getenv("TERM") ? getenv("TERM") : "");
		screen = newterm("vt100", stdout, stdin);
		ui->ascii = true;
	}
	if (!screen) {
		restore_stderr();
		return errmsg_set(ZZ_ERR, "无法使用终端（TERM=%s）", unknown);
	}
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	for (size_t i = 0; i < ARRAY_LEN(extra_keys); i++)
		if (key_defined(extra_keys[i].seq) == 0)
			define_key(extra_keys[i].seq, extra_keys[i].key);
	if (!ui->ascii && has_colors() && start_color() == OK) {
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_BLACK, COLOR_CYAN);
		init_pair(3, COLOR_RED, bg);
		init_pair(4, COLOR_YELLOW, bg);
		init_pair(5, COLOR_CYAN, bg);
		init_pair(6, COLOR_BLUE, bg);
		init_pair(7, COLOR_MAGENTA, bg);
		ui->color = true;
	}
	long long idle = conf_int(c->conf, "ui.idle_timeout_min");
	timeout(idle > 0 ? (int)(idle * 60000) : -1);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	last_key = time(NULL);
	if (*unknown) {
		char *shown = str_shown(unknown);
		ui_msg(ui, "不认识的终端类型 %.40s，按 vt100 显示", shown);
		free(shown);
	}
	return 0;
}

void ui_end(struct ui *ui)
{
	(void)ui;
	if (!isendwin())
		endwin();
	/* What follows is the database's close: a later hangup (a terminal's comes from the pty and
	 * from its session, tmux sends its own) or SIGTERM must not end the process inside Berkeley
	 * DB, which leaves the environment dead for every other process (ui_hangup.sh). */
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	restore_stderr();
	if (screen)
		delscreen(screen);
	screen = NULL;
}

void ui_cursor(struct ui *ui, int y, int x)
{
	ui->cvis = y >= 0;
	ui->cy = y;
	ui->cx = x;
}

static void show_too_small(struct ui *ui)
{
	erase();
	char buf[160];
	snprintf(buf, sizeof buf, "终端窗口太小（%d×%d），请调整到至少 80×24", COLS, LINES);
	int w = ui_width(buf);
	int y = LINES / 2, x = (COLS - w) / 2;
	if (x < 0)
		x = 0;
	ui_put(y, x, COLS - x, buf, ui_attr(ui, UI_A_ERROR));
	ui_cursor(ui, -1, 0);
}

/* Tell the terminal about the cursor only when that changes. */
static void place_cursor(struct ui *ui)
{
	int want = ui->cvis ? 1 : 0;
	if (want != ui->cur_vis) {
		curs_set(want);
		ui->cur_vis = want;
	}
	if (ui->cy >= 0)
		move(ui->cy, ui->cx);
	else
		move(LINES - 1, COLS - 1);
}

int ui_getkey(struct ui *ui)
{
	if (signalled)
		ui->leaving = true;
	if (ui->leaving)
		return UI_KEY_LEAVE;
	for (;;) {
		bool small = ui_too_small();
		if (small)
			show_too_small(ui);
		place_cursor(ui);
		refresh();
		wint_t wc = 0;
		int r = get_wch(&wc);
		if (signalled) {
			ui->leaving = true;
			return UI_KEY_LEAVE;
		}
		if (r == ERR) {
			long long idle = conf_int(ui->c->conf, "ui.idle_timeout_min");
			if (idle > 0 && time(NULL) - last_key >= idle * 60) {
				snprintf(ui->bye, sizeof ui->bye, "空闲超过 %lld 分钟，已自动退出", idle);
				ui->leaving = true;
				return UI_KEY_LEAVE;
			}
			continue;
		}
		last_key = time(NULL);
		int key = r == KEY_CODE_YES ? (int)(UI_FN | (int)wc) : (int)wc;
		if (key == UI_KEY_RESIZE) {
			if (ui_too_small())
				continue;
			return key;
		}
		if (small)
			continue;
		ui->msg[0] = '\0';
		ui->msg_err = false;
		return key;
	}
}

bool ui_esc_pressed(void *arg)
{
	struct ui *ui = arg;
	struct {
		int r;
		wint_t wc;
	} kept[32];
	int nkept = 0;
	bool esc = false;
	timeout(0);
	for (;;) {
		wint_t wc = 0;
		int r = get_wch(&wc);
		if (r == ERR)
			break;
		if (r == OK && wc == UI_ESC) {
			esc = true;
			break;
		}
		if (nkept < (int)ARRAY_LEN(kept)) {
			kept[nkept].r = r;
			kept[nkept++].wc = wc;
		}
	}
	long long idle = conf_int(ui->c->conf, "ui.idle_timeout_min");
	timeout(idle > 0 ? (int)(idle * 60000) : -1);
	/* Put back in reverse: the input queue is a stack. */
	while (nkept-- > 0) {
		if (kept[nkept].r == KEY_CODE_YES)
			ungetch((int)kept[nkept].wc);
		else
			unget_wch((wchar_t)kept[nkept].wc);
	}
	return esc;
}

void ui_key_again(int key)
{
	if (key & UI_FN)
		ungetch(key & ~UI_FN);
	else
		unget_wch((wchar_t)key);
}

const char *ui_unit_name(struct ui *ui, const char *code)
{
	const struct unit *x = code ? units_find(ctx_units(ui->c), code) : NULL;
	return x ? x->name : code ? code : "";
}

void ui_short_time(int64_t t, char out[20])
{
	char b[20], now[20];
	if (!t) {
		snprintf(out, 20, "-");
		return;
	}
	datetime_format((time_t)t, b);
	datetime_format(time(NULL), now);
	/* Another year's time says its year (an event of last November read as this one's). */
	if (strncmp(b, now, 4) != 0)
		snprintf(out, 20, "%.10s", b);
	else
		snprintf(out, 20, "%.11s", b + 5);
}

void ui_msg(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_err = false;
}

int ui_err(struct ui *ui, int rc)
{
	snprintf(ui->msg, sizeof ui->msg, "%s", *errmsg() ? errmsg() : "操作失败");
	ui->msg_err = true;
	return rc;
}

static const enum ui_act confirm_hints[] = {UI_NONE};
static const struct ui_keys confirm_keys = {.screen = "确认", .hints = confirm_hints};

bool ui_confirm(struct ui *ui, const char *fmt, ...)
{
	char q[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	snprintf(ui->msg, sizeof ui->msg, "%s（y 是 / n 否）", q);
	ui->msg_err = false;
	for (;;) {
		ui_put(LINES - 2, 0, COLS, ui->msg, ui_attr(ui, ui->msg_err ? UI_A_ERROR : UI_A_WARN));
		ui_status(ui, &confirm_keys);
		int w = ui_width(ui->msg);
		ui_cursor(ui, LINES - 2, w < COLS ? w : COLS - 1);
		int key = ui_getkey(ui);
		if (key == UI_KEY_RESIZE)
			continue;
		bool yes = key == 'y' || key == 'Y';
		/* Any other key (F2 meaning "save", Enter) is not taken for an answer: the question stays,
		 * saying which keys answer it. Esc is "no", as it leaves every other box. */
		if (!yes && key != 'n' && key != 'N' && key != UI_ESC && key != UI_KEY_LEAVE) {
			snprintf(ui->msg, sizeof ui->msg, "请按 y 或 n（Esc 即 n）：%s（y 是 / n 否）", q);
			ui->msg_err = true;
			continue;
		}
		ui->msg[0] = '\0';
		ui->msg_err = false;
		ui_cursor(ui, -1, 0);
		return yes;
	}
}

void ui_quit(struct ui *ui)
{
	if (ui_confirm(ui, "退出系统？"))
		ui->leaving = true;
}

static const enum ui_act prompt_hints[] = {UI_ENTER, UI_BACK, UI_NONE};
static const struct ui_keys prompt_keys = {.screen = "输入", .hints = prompt_hints, .enter_name = "确定", .back_name = "取消"};

/* The columns a prompt's label leaves for the text at least: a longer label ends in "…". */
enum { PROMPT_MIN_TEXT = 24 };

/* How a prompt shows its text: as typed, as '*', or offered whole (a value to replace, such as the
 * month shown; not a prefix to go on from, such as a new unit's parent code). */
enum prompt_mode { PROMPT_PLAIN, PROMPT_HIDDEN, PROMPT_OFFER };

/* The prompt of ui_prompt, ui_prompt_act, ui_prompt_hidden_act and ui_prompt_month (ACT NULL:
 * none; NOTE NULL: the keys on the status line). */
static int prompt_run(struct ui *ui, const char *label, const char *note, char **buf, enum prompt_mode mode,
		      ui_prompt_fn act, void *arg)
{
	struct ui_edit e = {0};
	bool hidden = mode == PROMPT_HIDDEN;
	if (mode == PROMPT_OFFER)
		ui_edit_offer(&e, *buf ? *buf : "");
	else
		ui_edit_set(&e, *buf ? *buf : "");
	int rc = -1;
	bool was_typing = ui->typing;
	ui->typing = true;
	char why[600] = "";
	for (;;) {
		int lw = ui_width(label);
		if (lw > COLS - PROMPT_MIN_TEXT)
			lw = COLS > PROMPT_MIN_TEXT * 2 ? COLS - PROMPT_MIN_TEXT : COLS / 2;
		/* A label longer than that ends in "…": the rest is for what is typed. */
		char lab[512];
		ui_put(LINES - 2, 0, lw, ui_clip(lab, sizeof lab, label, lw), ui_attr(ui, UI_A_HEAD));
		ui_edit_draw(ui, &e, LINES - 2, lw, COLS - lw, hidden, A_NORMAL);
		if (why[0]) {
			/* A reason longer than the line ends in "…" (the key hints are in the help). */
			char cut[sizeof why];
			ui_put(LINES - 1, 0, COLS, ui_clip(cut, sizeof cut, why, COLS), ui_attr(ui, UI_A_ERROR));
		} else if (note) {
			char cut[512];
			ui_put(LINES - 1, 0, COLS, ui_clip(cut, sizeof cut, note, COLS), A_NORMAL);
		} else {
			ui_status(ui, &prompt_keys);
		}
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (ui_edit_key(&e, key))
			continue;
		enum ui_act a = ui_key_action(key, true);
		if (a == UI_ENTER) {
			char *text = ui_edit_text(&e);
			/* Refused: the text stays in the prompt, the reason under it. */
			if (act && act(ui, text, arg) < 0) {
				snprintf(why, sizeof why, " %s（改后回车，Esc 放弃）", *errmsg() ? errmsg() : "操作失败");
				free(text);
				continue;
			}
			free(*buf);
			*buf = text;
			rc = 0;
			break;
		}
		if (a == UI_BACK)
			break;
	}
	ui->typing = was_typing;
	ui_edit_free(&e);
	ui_cursor(ui, -1, 0);
	return rc;
}

int ui_prompt(struct ui *ui, const char *label, char **buf, bool hidden)
{
	return prompt_run(ui, label, NULL, buf, hidden ? PROMPT_HIDDEN : PROMPT_PLAIN, NULL, NULL);
}

int ui_prompt_act(struct ui *ui, const char *label, char **buf, ui_prompt_fn act, void *arg)
{
	return prompt_run(ui, label, NULL, buf, PROMPT_PLAIN, act, arg);
}

int ui_prompt_offer_act(struct ui *ui, const char *label, char **buf, ui_prompt_fn act, void *arg)
{
	return prompt_run(ui, label, NULL, buf, PROMPT_OFFER, act, arg);
}

int ui_prompt_hidden_act(struct ui *ui, const char *label, const char *note, char **buf, ui_prompt_fn act, void *arg)
{
	return prompt_run(ui, label, note, buf, PROMPT_HIDDEN, act, arg);
}

/* A month "YYYY-MM" from 1990 on, begun already, into ARG (char[8]); refused otherwise, the prompt
 * keeping it. */
static int month_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	if (strlen(text) != 7 || text[4] != '-' || strspn(text, "0123456789") != 4 || strspn(text + 5, "0123456789") != 2 ||
	    atoi(text) < 1990 || atoi(text + 5) < 1 || atoi(text + 5) > 12)
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM，例如 2026-03");
	if (stats_month_begun(text, (int64_t)time(NULL)) < 0)
		return ZZ_EINVAL;
	memcpy(arg, text, 8);
	return 0;
}

bool ui_prompt_month(struct ui *ui, char month[8])
{
	char *v = xstrdup(month);
	bool ok = prompt_run(ui, "月份（YYYY-MM）：", NULL, &v, PROMPT_OFFER, month_take, month) == 0;
	free(v);
	return ok;
}
