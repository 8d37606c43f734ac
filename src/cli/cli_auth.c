/* cli_auth.c — `--as ACCOUNT`: the command line acts as an account only once that account has
 * authenticated, like a login over SSH: a Unix user the security administrator mapped to it
 * (cli.accounts in conf/), a password file only its owner can read, or the password typed on the
 * terminal. A wrong password counts towards the lockout and is audited (user_login). */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

#define CLI_AUTH_PW_MAX 1024

/* Does an entry of cli.accounts map Unix user UNIX_USER to ACCOUNT? Entries are
 * { unix = "name"; accounts = [ "pattern", … ]; }, patterns as fnmatch(3) ("*": every account). */
static int cli_auth_mapped(struct ctx *c, const char *unix_user, const char *account, bool *mapped)
{
	const config_setting_t *list = conf_setting(c->conf, "cli.accounts");
	*mapped = false;
	for (int i = 0; list && i < config_setting_length(list) && !*mapped; i++) {
		const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		const char *who = NULL;
		const config_setting_t *acc = config_setting_get_member(e, "accounts");
		if (!config_setting_is_group(e) || !config_setting_lookup_string(e, "unix", &who) || !acc ||
		    !config_setting_is_aggregate(acc)) {
			const char *f = config_setting_source_file(e);
			return errmsg_set(ZZ_EINVAL, "%s:%d: cli.accounts 的每一项应为 { unix = \"用户\"; accounts = [ \"账号\", … ]; }",
					  f ? f : "conf", (int)config_setting_source_line(e));
		}
		if (strcmp(who, unix_user) != 0)
			continue;
		for (int k = 0; k < config_setting_length(acc) && !*mapped; k++) {
			const char *pat = config_setting_get_string_elem(acc, (unsigned)k);
			*mapped = pat && fnmatch(pat, account, 0) == 0;
		}
	}
	return 0;
}

/* One line of FD, at most CLI_AUTH_PW_MAX bytes, without its line end (caller frees). */
static char *cli_auth_read_line(int fd)
{
	char *buf = xmalloc(CLI_AUTH_PW_MAX + 1);
	size_t n = 0;
	char ch;
	ssize_t r;
	while (n < CLI_AUTH_PW_MAX && (r = read(fd, &ch, 1)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || ch == '\n')
			break;
		buf[n++] = ch;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r")] = '\0';
	return buf;
}

/* The password from file PATH: a regular file of the invoking user that nobody else may read or
 * write (mode 0600 or stricter), opened without following a symbolic link. */
static int cli_auth_file_password(const char *path, char **pw)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errmsg_set(ZZ_EINVAL, "不能打开密码文件 %s：%s", path, strerror(errno));
	struct stat sb;
	int rc = 0;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))
		rc = errmsg_set(ZZ_EINVAL, "密码文件 %s 不是普通文件", path);
	else if (sb.st_uid != getuid())
		rc = errmsg_set(ZZ_EPERM, "密码文件 %s 不属于当前用户", path);
	else if (sb.st_mode & 077)
		rc = errmsg_set(ZZ_EPERM, "密码文件 %s 的权限是 %04o，应为 0600（只有本人可读写）", path,
				(unsigned)(sb.st_mode & 07777));
	if (rc == 0)
		*pw = cli_auth_read_line(fd);
	close(fd);
	return rc;
}

static void cli_auth_say(int fd, const char *s)
{
	ssize_t r = write(fd, s, strlen(s));
	(void)r; /* a prompt that cannot be shown leaves the read to fail or succeed by itself */
}

/* The password typed on the controlling terminal, echo off: stdin may carry the command's own
 * input (a new account's password, a file). NULL when there is no terminal. */
static char *cli_auth_tty_password(const char *account)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios old, quiet;
	bool term = tcgetattr(fd, &old) == 0;
	if (term) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	char *prompt = xasprintf("账号 %s 的密码: ", account);
	cli_auth_say(fd, prompt);
	free(prompt);
	char *pw = cli_auth_read_line(fd);
	if (term)
		tcsetattr(fd, TCSAFLUSH, &old);
	cli_auth_say(fd, "\n");
	close(fd);
	return pw;
}

int cli_auth(struct cli *cl, const char *account)
{
	struct ctx *c = cl->c;
	const struct passwd *pw_ent = getpwuid(getuid());
	char unix_user[64];
	if (pw_ent)
		snprintf(unix_user, sizeof unix_user, "%s", pw_ent->pw_name);
	else
		snprintf(unix_user, sizeof unix_user, "%u", (unsigned)getuid());
	bool mapped = false;
	if (cli_auth_mapped(c, unix_user, account, &mapped) < 0)
		return cli_fail("%s", errmsg());
	int rc;
	if (mapped) {
		/* No password was used: an expired one does not stop the mapped Unix user. */
		rc = user_login_unix(c, account, unix_user, &cl->as_owned);
		if (rc == ZZ_EEXPIRED)
			rc = 0;
	} else {
		const char *file = cli_opt(cl, "password-file");
		char *pw = NULL;
		if (file && cli_auth_file_password(file, &pw) < 0)
			return cli_fail("%s", errmsg());
		if (!file && !(pw = cli_auth_tty_password(account)))
			return cli_fail("以账号 %s 执行须先认证：在终端输入密码、用 --password-file 文件，或请安全管理员在 "
					"cli.accounts 中把 Unix 用户 %s 登记给该账号",
					account, unix_user);
		rc = user_login(c, account, pw, &cl->as_owned);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		/* Typed or stored passwords must be current: a new one is set at the UI's login. */
		if (rc == ZZ_EEXPIRED) {
			user_free(&cl->as_owned);
			rc = errmsg_set(rc, "账号 %s 的密码已过期或须修改：请先登录字符界面设置新密码", account);
		}
	}
	if (rc < 0)
		return cli_fail("%s", errmsg());
	cl->as = cl->as_owned;
	return 0;
}
