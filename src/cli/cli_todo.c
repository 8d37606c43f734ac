/* cli_todo.c — `zongzhi todo`: an account's to-do list, one item a line. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "todo.h"

int cli_todo(struct cli *cl)
{
	struct todo_list l = {0};
	if (todo_collect(cl->c, cl->as, (int64_t)time(NULL), &l) < 0) {
		todo_free(&l);
		return cli_fail("%s", errmsg());
	}
	cli_printf("级别\t期限\t类别\t对象\t内容\n");
	for (int i = 0; i < l.n; i++) {
		const struct todo_item *it = &l.v[i];
		char when[20] = "-";
		if (it->due)
			datetime_format((time_t)it->due, when);
		cli_printf("%s\t%s\t%s\t%s\t%s\n", todo_level_name(it->level), when, it->kind,
		       it->ref, it->text);
	}
	todo_free(&l);
	return CLI_OK;
}
