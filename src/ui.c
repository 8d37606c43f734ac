/* ui.c — entry of the curses UI (the screens are their own files, ui_*.c). */
#include "ui.h"

#include <curses.h>
#include <stdlib.h>

int ui_run(struct ctx *c, struct user *preauth)
{
	(void)c;
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvprintw(0, 0, "社会治安综合治理信息系统");
	mvprintw(2, 0, "账号：%s", preauth ? preauth->name : "-");
	mvprintw(4, 0, "按 q 退出");
	refresh();
	int ch;
	while ((ch = getch()) != 'q' && ch != ERR)
		;
	endwin();
	return 0;
}
