/* cli.c — what every command-line handler uses: options, failures, usage, ids, passwords.
 * Kept out of main.c so that unit tests link the handlers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("zongzhi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return CLI_FAIL;
}

void cli_put_cell(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*s);
	}
}

int cli_usage(const struct cli *cl)
{
	fprintf(stderr, "用法: zongzhi [-c FILE] [--home DIR] %s\n", cl->cmd->usage);
	return CLI_USAGE;
}

const char *cli_opt(const struct cli *cl, const char *name)
{
	for (int i = 0; i < cl->nopts; i++)
		if (strcmp(cl->optname[i], name) == 0)
			return cl->optval[i];
	return NULL;
}

bool cli_flag(const struct cli *cl, const char *name)
{
	return cli_opt(cl, name) != NULL;
}

int cli_parse_id(const char *s, uint64_t *id)
{
	long long v;
	if (str_to_ll(s, &v) < 0 || v <= 0) {
		fprintf(stderr, "zongzhi: 记录号应为正整数：%s\n", s);
		return CLI_USAGE;
	}
	*id = (uint64_t)v;
	return 0;
}

char *cli_read_password(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fputs(prompt, stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}
