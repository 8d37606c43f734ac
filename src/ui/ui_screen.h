/* ui_screen.h — the screen engine of the curses UI: what every screen kind is built on, and the
 * small stable API for the screens other features add (events, claims, visits).
 *
 *   ui.c         entry (ui_run), login, expired-password change, the session
 *   ui_keys.c    actions and their keys: one X-macro list gives the enum, the names and the help
 *   ui_draw.c    display-width layout (wcwidth: a Chinese character is two columns, never cut),
 *                the title, message and status lines
 *   ui_engine.c  terminal setup, keys (resize, too small, idle), messages, prompt, confirm
 *   ui_edit.c    the one-line editor of prompts and forms
 *   ui_text.c    long texts: the multi-line editor and the read-only viewer
 *   ui_pick.c    pickers narrowed by typing: lists, code tables, the unit tree
 *   ui_pick_list.c  the records a picker offers (persons, records named by key)
 *   ui_table.c   the scrollable table widget and the generic table screen
 *   ui_form.c    the generic form over any array of struct field
 *   ui_menu.c    the main menu, per role     ui_list.c   record lists
 *   ui_record.c  record forms (view, add, edit, delete)
 *   ui_person.c  everything about one ID number     ui_todo.c   the to-do list
 *   ui_help.c    help for a screen, generated from its keys
 *   ui_extra.c   ui_extra_screens[]: menu entries that other features add
 *   ui_claim.c   待认领 and import conflicts     ui_import.c  import from the upload folder
 *   ui_task.c    任务督办: tasks, their progress and timeline, their actions, the issue form
 *
 * A screen is a function that loops: draw (erase, body, ui_frame), ui_getkey, act. ncurses sends
 * only what changed between two frames, so a screen never calls clear().
 */
#ifndef ZZ_UI_SCREEN_H
#define ZZ_UI_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "ctx.h"
#include "schema.h"
#include "user.h"

/* Keys as ui_getkey returns them: a character (Unicode code point, control characters included)
 * or UI_FN | a curses KEY_* code. */
#define UI_FN 0x1000000
#define UI_CTRL(ch) ((ch) & 0x1f)
#define UI_ESC 27
#define UI_KEY_RESIZE (UI_FN | KEY_RESIZE)
#define UI_KEY_LEAVE (UI_FN | 0x7ff) /* the session ends (quit, idle): every screen returns */

/* The user's actions, each with its Chinese name, help text and keys: K1 and K2 work everywhere
 * (function and control keys), LETTER only where nothing is being typed. */
#define UI_ACTIONS(X)                                                                                \
	X(UP, "上移", "上移一行", UI_FN | KEY_UP, 0, 'k')                                        \
	X(DOWN, "下移", "下移一行", UI_FN | KEY_DOWN, 0, 'j')                                    \
	X(LEFT, "左移", "向左（列表：前一列）", UI_FN | KEY_LEFT, 0, 'h')                        \
	X(RIGHT, "右移", "向右（列表：后一列）", UI_FN | KEY_RIGHT, 0, 'l')                      \
	X(PGUP, "上页", "上一页", UI_FN | KEY_PPAGE, UI_CTRL('B'), 'b')                           \
	X(PGDN, "下页", "下一页", UI_FN | KEY_NPAGE, UI_CTRL('F'), ' ')                           \
	X(HOME, "首行", "到第一行", UI_FN | KEY_HOME, 0, 'g')                                    \
	X(END, "末行", "到最后一行", UI_FN | KEY_END, 0, 'G')                                    \
	X(NEXT, "下一项", "下一个字段", '\t', 0, 0)                                              \
	X(PREV, "上一项", "上一个字段", UI_FN | KEY_BTAB, 0, 0)                                  \
	X(ENTER, "打开", "打开、选择或确认", '\r', '\n', 0)                                      \
	X(BACK, "返回", "返回上一屏（表单中有未保存的修改时先确认）", UI_ESC, 0, 'q')           \
	X(HELP, "帮助", "本屏的帮助和按键", UI_FN | KEY_F(1), 0, '?')                            \
	X(SAVE, "保存", "保存表单", UI_FN | KEY_F(2), UI_CTRL('S'), 0)                           \
	X(SEARCH, "搜索", "按姓名开头、身份证号或 /正则表达式 搜索", UI_FN | KEY_F(3), 0, '/')   \
	X(EDIT, "修改", "修改当前记录", UI_FN | KEY_F(4), 0, 'e')                                \
	X(ADD, "新增", "新增一条记录", UI_FN | KEY_F(5), 0, 'a')                                 \
	X(UNIT, "单位", "按单位筛选（从单位树中选择）", UI_FN | KEY_F(6), 0, 'u')                \
	X(STATE, "状态", "按状态筛选", UI_FN | KEY_F(7), 0, 's')                                 \
	X(SORT, "排序", "按某一列排序（再选同一列则倒序）", UI_FN | KEY_F(8), 0, 'o')            \
	X(UNMASK, "完整", "显示完整的身份证号和电话（有权限时，记入审计）", UI_FN | KEY_F(9), 0, 'm') \
	X(RESET, "清除", "清除筛选和搜索条件", UI_FN | KEY_F(12), 0, 'r')                        \
	X(DELETE, "删除", "删除当前记录（需确认）", UI_FN | KEY_DC, 0, 'd')                      \
	X(PERSON, "人员", "查看此人（身份证号）的全部记录", UI_FN | KEY_F(11), 0, 'p')           \
	X(CLAIM, "认领", "认领到本单位的网格（从单位树中选择）", 0, 0, 'c')                      \
	X(SENDBACK, "退回", "退回导入单位（写明原因）", 0, 0, 't')                               \
	X(ROUTE, "分派", "分派或转给下级单位（从单位树中选择）", 0, 0, 'f')                      \
	X(CONFLICT, "冲突", "导入值与本地值不同的项，逐项决定采用哪个", 0, 0, 'x')               \
	X(RESULT, "结果", "最近一次导入的结果和拒收的行", 0, 0, 'i')                             \
	X(EXPORT, "导出", "导出到本账号的下载文件夹（download，用 SFTP 取回）：列表为 CSV，报表可选 Excel 或 CSV", 0, 0, 'w') \
	X(ATTACH, "附件", "把本记录的一个附件复制到本账号的下载文件夹（download），用 SFTP 取回", 0, 0, 'y') \
	X(VISIT, "走访", "为此对象新增一条服务记录（走访），对象已填好", 0, 0, 'v')              \
	X(SENDUP, "上报", "上报报表（上报后冻结，不能再修改）", 0, 0, 'U')                        \
	X(REOPEN, "退回", "上级单位把下级已上报的报表退回（写明理由）", 0, 0, 'R')               \
	X(DO, "操作", "选择本账号现在可以执行的操作（事件：受理、办理、上报……；任务：签收、反馈、评价、督办）", 0, 0, 'z')  \
	X(MERGE, "合并", "记录已被他人修改时：本人没改的项取现存的值，改过的项保留本人填的", UI_CTRL('R'), 0, 0) \
	X(VIEW, "视图", "切换视图（统计分析：按单位、按类别、按月份；任务督办：各单位进度与办理过程）", 0, 0, 'V')                      \
	X(PUBLISH, "发布", "发布月度通报，或报送分析研判（需确认）", 0, 0, 'P')                         \
	X(SPAN, "月数", "统计分析：趋势在 12 个月与 24 个月之间切换", 0, 0, 'n')                  \
	X(REPORTUP, "上报", "把本单位掌握的这条记录（社情民意）上报给上一级单位（记入审计）", 0, 0, 'T') \
	X(REPLY, "答复", "答复下级中心提交给本单位的意见建议（记入审计）", 0, 0, 'A')            \
	X(DECIDE, "审批", "批准或不批准下级中心向本单位提出的信息查阅申请（记入审计）", 0, 0, 'K') \
	X(MARK, "标记", "标记或取消标记这一行（标记多行后一并操作）", UI_FN | KEY_IC, 0, '+')     \
	X(REDRAW, "重画", "重画整个屏幕", UI_CTRL('L'), 0, 0)                                    \
	X(REFRESH, "刷新", "重新读取（事件：他人已办理或修改时显示现状）", 0, 0, 'F')            \
	X(FULL, "全文", "显示当前一条的全部内容（审计日志：上方一行放不下的详情）", 0, 0, 'L')   \
	X(QUIT, "退出", "退出系统", UI_FN | KEY_F(10), 0, 0)

enum ui_act {
	UI_NONE = 0,
#define UI_ACT_ENUM(id, name, help, k1, k2, letter) UI_##id,
	UI_ACTIONS(UI_ACT_ENUM)
#undef UI_ACT_ENUM
	UI__COUNT
};

struct ui_action_info {
	const char *id;
	const char *name; /* short, for the status line */
	const char *help; /* for the help screen */
	int k1, k2, letter;
};
extern const struct ui_action_info ui_actions[UI__COUNT];

/* The action of KEY; TYPING: letters are text, not actions. */
enum ui_act ui_key_action(int key, bool typing);
/* The action of KEY in a picker whose filter holds TYPED: letters are text there, but q backs out
 * while nothing is typed, as it backs out of every list. */
enum ui_act ui_pick_action(int key, const char *typed);
/* A key's name as the help shows it ("F1", "?", "Ctrl-S", "Esc"); BUF of N bytes. */
const char *ui_key_name(int key, char *buf, size_t n);
/* "F5/a" for an action (its keys, slash-separated); TYPING: without its letter (text there). */
const char *ui_act_keys(enum ui_act a, bool typing, char *buf, size_t n);

/* What a screen answers, for its help and its status line; lists end with UI_NONE. */
struct ui_keys {
	const char *screen; /* its name: "记录列表" */
	const char *about;  /* one paragraph for the help screen */
	const enum ui_act *acts;
	const enum ui_act *hints; /* the few shown on the status line */
	const char *enter_name;	  /* what Enter and Esc do here, when not 打开 and 返回 */
	const char *back_name;
	/* What / does here when it is not a search by name (a month, a year, a query): its name on
	 * the status line and its line in the help. */
	const char *search_name, *search_help;
	const char *publish_name; /* what P does here, when not 发布 (分析研判: 报送) */
	const char *edit_name;	  /* what e does here, when not 修改 (a record only shown: 详情) */
	/* The help's line of e and s when they do something else here than edit a record and filter
	 * by state (分析研判: fill in the texts, the units below). */
	const char *edit_help, *state_help;
	bool typing; /* letters and space are text here (pickers): the help names the other keys only */
};

/* Handler results (neomutt style): the screen's own handler returns UI_NOTMINE for what the
 * common handler should do. */
enum { UI_NOTMINE = 0, UI_DONE = 1, UI_CLOSE = 2 };

/* The session. */
struct ui {
	struct ctx *c;
	const struct user *u;
	bool ascii;  /* vt100, linux…: ASCII lines, no colour */
	bool color;  /* colour pairs are set up */
	int todo_n;  /* for the status line */
	unsigned long todo_commits; /* the store's commits when todo_n was counted */
	char who[160];	       /* the person for the status line: 姓名 (the account's name without one) */
	char who_account[64];  /* the account, shown as 姓名(账号) when the line has room; "" when WHO is it */
	char who_unit[160];    /* its unit's name */
	char msg[512];
	bool msg_err;
	bool leaving; /* quit or idle timeout */
	char bye[256]; /* said on the terminal after the screen is gone */
	int cy, cx;   /* where the cursor is left after a frame */
	bool cvis;
	bool typing; /* an input has the keyboard: letters are text, hints show function keys */
	int cur_vis; /* what the terminal was last told, -1 unknown */
	uint64_t last_saved; /* id of the record saved last (lists move to it) */
};

/* Attributes of the screen's parts (colour or mono). */
enum ui_attr {
	UI_A_NORMAL,
	UI_A_TITLE,
	UI_A_STATUS,
	UI_A_ERROR,
	UI_A_WARN,
	UI_A_MARK,
	UI_A_HEAD,
	UI_A_INPUT,
	UI_A_SEL,
	UI_A_DIM,
	UI_A_SYSTEM /* the system's own notices (to-do level 系统): not the red of a card */
};
attr_t ui_attr(const struct ui *ui, enum ui_attr a);

/* --- ui_draw.c: width-aware text (pure) and the frame --- */
/* A box over the screen: UNDER = dupwin(stdscr) before it is drawn; this puts UNDER back (or leaves
 * a blank screen for the caller to fill when a resize made it no longer fit) and frees it. */
void ui_box_restore(WINDOW *under);
int ui_wcwidth(wchar_t wc);
int ui_width(const char *s);
/* Wide-character buffers of the editors: grow *W to hold N characters and a terminator; decode
 * UTF-8 S into *W (invalid bytes become '?', carriage returns dropped unless KEEP_CR) and return
 * the count; encode characters FROM..TO (excluded) of W as UTF-8 (caller frees). */
void ui_wide_reserve(wchar_t **w, int *cap, int n);
int ui_wide_set(wchar_t **w, int *cap, const char *s, bool keep_cr);
char *ui_wide_utf8(const wchar_t *w, int from, int to);
/* Bytes of the longest prefix of S that fits in W columns; *USED (may be NULL) gets its width. */
size_t ui_fit(const char *s, int w, int *used);
/* S cut or padded with spaces to exactly W columns, into OUT (N bytes); RIGHT pads on the left. */
char *ui_pad(char *out, size_t n, const char *s, int w, bool right);
/* Break S into lines of at most W columns; returns the count, lines in *OUT (caller frees each). */
int ui_wrap(const char *s, int w, char ***out);
/* The first line of S in at most W columns, into OUT (N bytes); when anything of S is left out
 * (more lines, or more of the line) its last column is "…". Lists and forms show long texts so. */
char *ui_clip(char *out, size_t n, const char *s, int w);
/* S in at most W columns, into OUT (N bytes): whole, else "…" and as much of its end as fits (a
 * unit's name, whose end tells it from its siblings). */
char *ui_clip_start(char *out, size_t n, const char *s, int w);
/* A line made of parts, joined in order within W columns into OUT (N bytes). While too wide, the
 * part of highest DROP rank gives way, the later one first among equals: cut with "…" down to KEEP
 * columns when KEEP > 0 (a name), else left out; then the shortened ones are left out too, highest
 * rank first. Rank 0 never gives way: the line is cut at its end ("…") only when those do not fit.
 * Pure. */
struct ui_part {
	const char *s;
	int drop;
	int keep;
};
char *ui_parts_fit(char *out, size_t n, const struct ui_part *p, int np, int w);
/* Draw S at (Y, X) cut or padded to W columns with attribute A. */
void ui_put(int y, int x, int w, const char *s, attr_t a);
/* A horizontal rule of W columns (ACS or ASCII). */
void ui_hline(const struct ui *ui, int y, int x, int w);
/* The title line's left part in W columns: the system's name, then TITLE; when too wide the
 * system's name gives way first, then TITLE is cut at its end with "…". Pure. */
char *ui_frame_title(char *out, size_t n, const char *title, int w);
/* Title line (TITLE left, RIGHT right, a blank between), message line and status line with K's hints. */
void ui_frame(struct ui *ui, const char *title, const char *right, const struct ui_keys *k);
/* Who is logged in, for the status line: the unit's name, the person, the account ("" or NULL when
 * PERSON is it), the to-do count ("待办 3"; NULL before login). */
struct ui_status_who {
	const char *unit, *person, *account, *count;
};
/* The status line at COLS columns: LEFT (LN bytes) the HINTS after the standby site's marker,
 * RIGHT (RN bytes) who is logged in (W), " 单位 姓名(账号) 待办 N ". The hints are what a person
 * needs on the screen and never give way to it. What gives way, in order, until the line fits:
 * the marker's long form (备用只读 for 备用站点（只读）), the account (also when the right part
 * would take more than half the line), the person, the unit name's
 * start (cut to "…" and its end, which names the unit where the start repeats the township or
 * county, while three characters of it fit), the unit; the count alone still too
 * wide takes half the line at most. The same inputs give the same line. Returns the columns the
 * right part takes. Pure. */
int ui_status_parts(const struct ui_status_who *w, const char *hints, bool standby, int cols, char *left, size_t ln,
		    char *right, size_t rn);
/* Only the status line (prompts draw it over the screen they ask for). */
void ui_status(struct ui *ui, const struct ui_keys *k);
/* The body: rows 1 .. LINES-3. */
int ui_body_top(void);
int ui_body_rows(void);
bool ui_too_small(void);

/* --- ui_engine.c --- */
int ui_init(struct ui *ui, struct ctx *c);
void ui_end(struct ui *ui);
/* Show the frame and wait for a key; handles resize, a too-small terminal and the idle timeout. */
int ui_getkey(struct ui *ui);
/* For long work between its steps (service_query.cancel): true when Esc was pressed, without
 * waiting; other keys typed meanwhile are kept for ui_getkey. ARG is the struct ui. */
bool ui_esc_pressed(void *arg);
/* KEY is read again by the next ui_getkey: a box closed by F10 hands it to the screen under it. */
void ui_key_again(int key);
/* Message line: info and error; ui_err shows errmsg() and returns RC. */
void ui_msg(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The name of unit CODE (the code itself when unknown); a time as "MM-DD HH:MM", "YYYY-MM-DD"
 * when of another year than now, or "-" for 0. */
const char *ui_unit_name(struct ui *ui, const char *code);
void ui_short_time(int64_t t, char out[20]);
int ui_err(struct ui *ui, int rc);
/* Ask on the message line; true for y. */
bool ui_confirm(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Read a line on the message line (initial text in *BUF, may be NULL); 0 on Enter (*BUF replaced,
 * caller frees), -1 on Esc. */
int ui_prompt(struct ui *ui, const char *label, char **buf, bool hidden);
/* The same, then on Enter ACT(UI, TEXT, ARG) does what the text is for: when it refuses (negative,
 * errmsg() saying why), the reason shows under the prompt, which keeps the text as typed to be
 * corrected (a reason too long), or left with Esc. 0 once ACT succeeded (*BUF the text), -1 on Esc. */
typedef int (*ui_prompt_fn)(struct ui *ui, const char *text, void *arg);
int ui_prompt_act(struct ui *ui, const char *label, char **buf, ui_prompt_fn act, void *arg);
/* The same with *BUF offered whole (a value to replace, as a report cell's figure): the first
 * character typed replaces it, an editing key (arrows, Backspace) keeps it to be edited. */
int ui_prompt_offer_act(struct ui *ui, const char *label, char **buf, ui_prompt_fn act, void *arg);
/* The same for a secret (shown as *): a password refused stays to be corrected. NOTE (the rules,
 * may be NULL) shows on the line under it until a refusal's reason takes its place. */
int ui_prompt_hidden_act(struct ui *ui, const char *label, const char *note, char **buf, ui_prompt_fn act,
			 void *arg);
/* Ask for a month (YYYY-MM) starting from MONTH, which gets the answer: true when one was given; a
 * malformed one is refused in the prompt, kept there to be corrected. */
bool ui_prompt_month(struct ui *ui, char month[8]);
/* Set the cursor for the next frame (hidden when Y < 0). */
void ui_cursor(struct ui *ui, int y, int x);
/* Ask to leave the program (confirmation); sets ui->leaving. */
void ui_quit(struct ui *ui);

/* --- ui_edit.c: a one-line editor of wide characters --- */
struct ui_edit {
	wchar_t *w;
	int n, cap;
	int cur; /* cursor, in characters */
	int off; /* first character shown */
	int max; /* characters allowed, 0: no limit */
	/* The text was offered whole (ui_edit_offer): the first character typed replaces it, as in
	 * the Windows forms people know; an editing key (arrows, Backspace, …) edits it instead. */
	bool offered;
};
void ui_edit_set(struct ui_edit *e, const char *utf8);
/* The same, the text offered whole (shown selected) when it is not empty. */
void ui_edit_offer(struct ui_edit *e, const char *utf8);
char *ui_edit_text(const struct ui_edit *e); /* caller frees */
/* Editing keys (characters, Backspace, Delete, Left, Right, Home, End, Ctrl-A/E/U/K); true when
 * the key was an editing key. */
bool ui_edit_key(struct ui_edit *e, int key);
/* Draw in W columns at (Y, X) and put the cursor there; HIDDEN shows '*' for each character. */
void ui_edit_draw(struct ui *ui, struct ui_edit *e, int y, int x, int w, bool hidden, attr_t a);
void ui_edit_free(struct ui_edit *e);

/* --- ui_text.c: long texts --- */
struct ui_text {
	wchar_t *w; /* the characters, line breaks included */
	int n, cap, cur;
	int max;  /* characters at most (0: no bound) */
	int top;  /* first row shown */
	int goal; /* the column up and down keep to (-1: from the cursor) */
};
void ui_text_set(struct ui_text *t, const char *utf8);
char *ui_text_get(const struct ui_text *t); /* caller frees */
void ui_text_free(struct ui_text *t);
/* Rows of T wrapped at WIDTH columns: returns their count, the index each starts at in *STARTS
 * (caller frees). A line break ends a row; a character that does not fit starts the next. */
int ui_text_layout(const struct ui_text *t, int width, int **starts);
/* The cursor's row and display column at WIDTH. */
void ui_text_where(const struct ui_text *t, int width, int *row, int *col);
/* Apply an editing key (Enter breaks the line; PAGE rows for PgUp/PgDn); false: not an editing key. */
bool ui_text_key(struct ui_text *t, int key, int width, int page);
void ui_text_draw(struct ui *ui, struct ui_text *t, int y, int x, int w, int h, attr_t a);
/* Edit *BUF (may be NULL) on a screen of its own, at most MAX characters (0: no bound), KEY (0:
 * none) typed first. When finished *BUF is replaced (caller frees) and the result says how: 0 with
 * F2 (save what it belongs to), 1 with Tab, 2 with Shift-Tab (go on to the next or previous field
 * of a form); -1 when cancelled. */
int ui_text_edit(struct ui *ui, const char *title, const char *label, char **buf, int max, int key);
/* Show TEXT in full, wrapped, scrolling; q or Esc returns. */
void ui_text_view(struct ui *ui, const char *title, const char *text);

/* --- ui_pick.c: pick from a list narrowed by typing --- */
struct ui_pick_item {
	const char *label;
	const char *key; /* also matched when typing (a code) */
	int indent;	 /* tree depth */
	/* The key is a code a person knows (a unit's, a code table's): the line under the box names it
	 * beside the label, where names repeat (第1网格). Internal ids (accept, xlsx) are never shown. */
	bool show_key;
};
/* Returns the index picked, or -1 (Esc). CUR: the item selected first. SEL non-NULL: several
 * choices, Space toggles, Enter ends (returns 0). */
int ui_pick(struct ui *ui, const char *title, const struct ui_pick_item *items, int n, int cur, const char *filter,
	    bool *sel);
/* The width of ui_pick's box on a screen of COLS columns: its head (TITLE and the count) and its rows
 * (MULTI: with their marks) whole when they fit, at least 34, at most COLS - 4. */
int ui_pick_width(const char *title, const struct ui_pick_item *items, int n, bool multi, int cols);
/* A picker box's head " TITLE" + TAIL (the count) in at most W columns, into OUT (SIZE bytes): the
 * title ends in "…" when it is cut, the tail stays whole. */
char *ui_pick_head(char *out, size_t size, const char *title, const char *tail, int w);
/* The bottom line under a picker: what Enter takes, whole (its row may be cut, and names repeat:
 * 第1网格), as 回车将选定“LABEL”（CODE） (CODE NULL or "": none); within W columns the label alone,
 * so that a long one (a report's reason) is read to its end. Into OUT (SIZE bytes). Pure. */
char *ui_pick_what(char *out, size_t size, const char *label, const char *code, int w);
/* Draw that head on the top line of a box at (Y, X) W wide. */
void ui_pick_title(struct ui *ui, int y, int x, int w, const char *title, const char *tail);
/* A code of F's table (or 是/否 for bool); *VAL replaced (caller frees) — returns 0, or -1. */
int ui_pick_code(struct ui *ui, const struct field *f, char **val, const char *filter);
/* A box frame of H rows and W columns at (Y, X) (ACS or ASCII). */
void ui_box(const struct ui *ui, int y, int x, int h, int w);
/* --- ui_pick_tree.c: several units on the unit tree --- */
struct unit;
struct ui_pick_units_req {
	const char *title;
	const char *top; /* the tree below this unit (itself not shown) */
	bool (*may)(struct ui *ui, const struct unit *x, void *arg); /* whether X may be chosen */
	void *arg;
	const struct ui_pick_item *lines; /* rows above the tree (department lines), keys as values */
	int nlines;
	size_t max;	  /* bytes the joined value may take (0: no bound) */
	const char *what; /* the value's name in the refusal of too many */
};
/* *VAL: keys joined by commas (caller frees), NULL when none chosen; 0 when chosen, -1 on Esc. */
int ui_pick_units(struct ui *ui, const struct ui_pick_units_req *q, char **val);
/* A unit under UNDER (NULL: the account's scope); GRIDS_ONLY for grid fields. */
int ui_pick_unit(struct ui *ui, const char *title, const char *under, bool grids_only, char **val,
		 const char *filter);
/* A unit above the account's (where proposals and access requests go), the nearest first. */
int ui_pick_unit_above(struct ui *ui, const char *title, char **val, const char *filter);

/* Which attachment of record ID of type T (V, N entries) to copy into the download folder: FETCH
 * copies it (attach_download, or office_download for a document's receiver) and the outcome is told. */
struct attach_ent;
typedef int (*ui_attach_fetch_fn)(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id,
				  const char *sha, char **name);
void ui_attach_pick(struct ui *ui, const struct rtype *t, uint64_t id, const struct attach_ent *v, int n,
		    ui_attach_fetch_fn fetch);

/* --- ui_table.c: a scrollable table, and a screen made of one --- */
struct ui_col {
	const char *title;
	int width; /* columns */
	bool right;
};
struct ui_table {
	const struct ui_col *cols;
	int ncols;
	long nrows;
	/* Text of cell (ROW, COL): write into BUF (N bytes) or return a constant. */
	const char *(*cell)(void *arg, long row, int col, char *buf, size_t n);
	/* Optional: the attribute of a row (warnings in colour). */
	attr_t (*row_attr)(void *arg, long row);
	void *arg;
	int fixed; /* leading columns that never scroll sideways */
	/* The last column never scrolls sideways either: it stays at the right of those shown, up to
	 * a third of the screen wide (a list's 所属单位 is read without scrolling). */
	bool pin_last;
	/* kept by the widget */
	long cur, top;
	int first; /* first scrolling column shown */
	int rows;  /* rows shown at the last draw */
};
/* Draw the header at Y and H-1 rows below it, W columns wide. */
void ui_table_draw(struct ui *ui, struct ui_table *t, int y, int h);
/* Movement actions (up, down, pages, home, end, left, right); true when A was one. */
bool ui_table_act(struct ui_table *t, enum ui_act a);
/* The table now has N rows (after a reload): the cursor stays on a row that exists. */
void ui_table_rows(struct ui_table *t, long n);

struct ui_table_screen {
	const char *title;
	const struct ui_keys *keys;
	struct ui_table t;
	/* Optional: fill the line above the table (filters, the person shown), which has TOP_W
	 * columns (set before each call). */
	void (*top)(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n);
	int top_w;
	/* Action A on row t.cur (t.nrows may be 0): UI_DONE, UI_CLOSE or UI_NOTMINE. */
	int (*act)(struct ui *ui, struct ui_table_screen *s, enum ui_act a);
	void *arg;
	/* Enter acts on the screen, not a row (the audit log's check): offered with no rows too. */
	bool enter_without_rows;
	/* Optional: this screen's other actions that need a row (ending in UI_NONE), as 标记, 认领,
	 * 退回, 分派 of every table: not offered while it has none. */
	const enum ui_act *row_acts;
};
/* Run until Esc (or ACT returns UI_CLOSE); help, redraw and movement are common. */
int ui_table_run(struct ui *ui, struct ui_table_screen *s);
/* The status line's hints IN (ending in UI_NONE) of a table screen: with ROWS, IN itself; with
 * none, those that need no row, into OUT (N entries, ending in UI_NONE): Enter only when
 * ENTER_WITHOUT_ROWS, and no action on a row (标记, 认领, 退回, 分派, and MORE: the screen's
 * row_acts, may be NULL). Pure. */
const enum ui_act *ui_table_hints(const enum ui_act *in, bool rows, bool enter_without_rows,
				  const enum ui_act *more, enum ui_act *out, int n);

/* --- ui_form.c: a form over any array of fields --- */
struct ui_form {
	const char *title;
	const struct ui_keys *keys; /* of the view mode; the edit mode has its own */
	const struct field *const *f;
	int nf;	       /* the save hook may change it (rows shown after the fields); SECRET and V
			  must have room */
	char **v;      /* values in canonical text (NULL: empty), owned by the form's caller; the form
			  replaces them with xstrdup'd strings and frees what it replaces */
	bool *secret;  /* optional: shown masked; typing replaces the whole value */
	bool *preset;  /* optional: a value filled in, not typed (a new record's day, grid…): offered
			  whole, the first character typed replaces it, until the field is changed */
	bool readonly; /* view mode; ACT may switch it */
	char **note;   /* optional: a remark beside a field (the value stored meanwhile), owned by
			  the caller; unlike an error it does not stop a save */
	/* Optional hooks. */
	void (*changed)(struct ui *ui, struct ui_form *fm, int i); /* v[i] got a new valid value */
	int (*save)(struct ui *ui, struct ui_form *fm, int *bad);   /* 0 saved; else errmsg(), *bad */
	int (*act)(struct ui *ui, struct ui_form *fm, enum ui_act a);
	/* Enter on a field that names a person (FT_PERSON, FT_IDNUM) with a name or nothing typed:
	 * pick one; 0 with *VAL (xmalloc'd) set, shown masked. Also Enter on a list of units
	 * (field "units"): *VAL the codes chosen, 0, or -1 when cancelled. */
	int (*pick)(struct ui *ui, struct ui_form *fm, int i, const char *typed, char **val);
	/* A note shown after field I's value (the name of the person it names), or NULL; caller frees. */
	char *(*describe)(struct ui *ui, struct ui_form *fm, int i);
	void *arg;
	/* kept by the form */
	char **err;
	int nerr; /* slots of err: a save may add rows (NF grows) */
	int cur, top;
	bool dirty;
	bool saved;
	bool editing; /* ed holds field cur */
	bool fresh;   /* ed is empty over a secret value: typing replaces it */
	struct ui_edit ed;
};
/* Run the form; returns 1 when it was saved at least once, 0 otherwise. */
int ui_form_run(struct ui *ui, struct ui_form *fm);
/* The text a value is shown as (labels for codes, unit names, masked when SECRET); caller frees. */
char *ui_form_show(struct ui *ui, const struct field *f, const char *v, bool secret);
/* The line that says how to fill F in W columns (its label, its help, what its type takes, its
 * length; what the type takes gives way first), into BUF of N bytes; the form shows it on the
 * message line. */
const char *ui_form_hint(const struct field *f, char *buf, size_t n, int w);
/* Set field I's value (NULL clears) and clear its error, as a hook would. */
void ui_form_set(struct ui_form *fm, int i, const char *v);

/* --- screens --- */
/* Change the account's password; FORCED: it has expired (no old password asked). 0 when changed. */
int ui_passwd(struct ui *ui, bool forced);
void ui_help(struct ui *ui, const struct ui_keys *k);
/* The lines of K's help at W columns, appended to LINES. Pure. */
void ui_help_lines(const struct ui_keys *k, int w, struct strv *lines);
/* The pickers' keys (ui_pick.c, ui_pick_tree.c), for their help. */
extern const struct ui_keys ui_pick_keys, ui_pick_tree_keys;
/* A record form being filled in (ui_form.c). */
extern const struct ui_keys ui_form_keys;
int ui_menu_run(struct ui *ui);
int ui_list_run(struct ui *ui, const struct rtype *t);
/* The same list filtered to UNIT's subtree from the start (the analysis screens' drill-down). */
int ui_list_run_at(struct ui *ui, const struct rtype *t, const char *unit);
/* Open record ID of type T (0: a new one); EDIT opens it for editing. Returns 1 when it changed. */
int ui_record_open(struct ui *ui, const struct rtype *t, uint64_t id, bool edit);
/* The first field of every record form: the unit the record belongs to. */
extern const struct field ui_record_unit_field;
/* A new record of type T at UNIT (NULL: the account's), prefilled from INIT: field id, value, …,
 * NULL. Returns 1 when saved. */
int ui_record_add(struct ui *ui, const struct rtype *t, const char *unit, const char *const *init);
/* A to-do item of kind "patrol" (REF: the grid member's record, no log for days): the member's own
 * opens a new patrol log to fill in; anyone else's, the member's record. */
int ui_patrol_open_ref(struct ui *ui, const char *ref);
/* A to-do item of kind "entry" (REF "TYPE:YYYY-MM:UNIT", a month's figures not entered): a new
 * record of TYPE with the year, month and filing unit filled in. */
int ui_entry_open_ref(struct ui *ui, const char *ref);
/* Every record about IDNUM (NULL: ask for it). */
int ui_person_run(struct ui *ui, const char *idnum);
/* Pick a person of type T (a type keyed by ID number with an indexed name, else 人员基本信息)
 * whose name starts with PREFIX (all when empty), among those U may see; IDs shown masked as in
 * lists. *KEY gets the ID number and *NAME (may be NULL) the name (caller frees); ZZ_ENOENT when
 * none was picked (the reason shown). */
int ui_pick_person(struct ui *ui, const struct rtype *t, const char *prefix, char **key, char **name);
/* A form's pick hook for fields naming a person: the type the field refers to (else persons); the
 * name picked is shown on the message line. */
int ui_form_pick_person(struct ui *ui, struct ui_form *fm, int i, const char *typed, char **val);
/* --- ui_pick_list.c: the records a picker offers --- */
struct rec;
struct service_query;
struct ui_pick_list {
	struct ui_pick_item *items; /* a label each; the key matched by typing when asked */
	char **labels, **keys, **names; /* owned, N each */
	int n;
};
/* A record's label in its picker (xmalloc'd). */
typedef char *(*ui_pick_label_fn)(struct ui *ui, const struct rec *r);
/* The records of T matching Q that the account may see and that have a key, labelled by LABEL;
 * MATCH_KEY: typing matches the key too (not where the label shows it masked). An error is shown
 * and returned. */
int ui_pick_list_load(struct ui *ui, const struct rtype *t, const struct service_query *q, ui_pick_label_fn label,
		      bool match_key, struct ui_pick_list *l);
/* V[I] handed to the caller (the list no longer frees it). */
char *ui_pick_list_take(char **v, int i);
void ui_pick_list_free(struct ui_pick_list *l);
/* --- ui_pick_ref.c --- */
/* Whether field F names a record of another type by its key (a text field with ref = "type"). */
bool ui_form_names_record(const struct field *f);
/* Pick a record of type T the account may see; *KEY (caller frees) its key. TYPED: taken at once
 * when it is such a key, else the list's filter. 0, or ZZ_ENOENT when none was picked. */
int ui_pick_ref(struct ui *ui, const struct rtype *t, const char *typed, char **key);
/* A form's describe hook: "（姓名）" after a field naming a person the account may see. */
char *ui_form_person_name(struct ui *ui, struct ui_form *fm, int i);
int ui_todo_run(struct ui *ui);
/* Open what a to-do item or a link refers to: "TYPE:ID" opens a record; other kinds go to the
 * ui_extra_screens row that claims them. */
int ui_open_ref(struct ui *ui, const char *kind, const char *ref);
/* The number after the last ':' of REF into *ID; false (and "不是WHAT：REF" told) when none. */
bool ui_ref_id(struct ui *ui, const char *ref, const char *what, uint64_t *id);
/* Refresh ui->todo_n (the work items); returns how many lines the list has (a read-only account's
 * digest lines too). */
int ui_todo_count(struct ui *ui);

/* --- ui_extra.c: screens that other features add to the menu (one row each) --- */
struct ui_extra {
	const char *group; /* menu group it is listed under: "矛盾纠纷排查化解", or a new group */
	const char *title; /* menu entry; NULL: not in the menu (only opens to-do items) */
	/* May this account use it? NULL: everyone. */
	bool (*visible)(struct ui *ui);
	int (*run)(struct ui *ui);
	/* To-do items of this kind open here with their ref (optional); a digest line whose ref is
	 * this kind opens digest_run, or run (ui_open_ref). */
	const char *todo_kind;
	int (*open_ref)(struct ui *ui, const char *ref);
	int (*digest_run)(struct ui *ui);
};
extern const struct ui_extra ui_extra_screens[];
extern const int ui_extra_screens_len;

#endif
