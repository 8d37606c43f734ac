/* export_download.c — an export from the UI, written into the account's download folder (files.h),
 * where the account fetches it by SFTP. */
#include "export_download.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "files.h"

int export_download(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit,
		    char **name, long *count)
{
	*name = NULL;
	*count = 0;
	uint64_t usage = 0;
	int rc = files_ensure(c, u->name);
	if (rc == 0)
		rc = files_usage(c, u->name, &usage);
	/* A full folder refuses the export before anything is read. */
	if (rc == 0)
		rc = files_check_room(c, usage, 1, 1);
	if (rc < 0)
		return rc;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	char *stem = xasprintf("%s-%s", t->title, when);
	char *file = files_safe_name(stem, "csv");
	free(stem);
	int fd = files_open(c, u->name, FILES_DOWNLOAD, file, O_RDWR | O_CREAT | O_EXCL);
	if (fd < 0) {
		free(file);
		return fd;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		rc = errmsg_set(ZZ_ERR, "无法写入“%s”：%s", file, strerror(errno));
	} else {
		rc = export_csv(c, u, t, unit, f, count);
		if (fflush(f) != 0 && rc == 0)
			rc = errmsg_set(ZZ_ERR, "无法写入“%s”：%s", file, strerror(errno));
		struct stat sb;
		if (rc == 0 && fstat(fileno(f), &sb) == 0)
			rc = files_check_room(c, usage, (uint64_t)sb.st_size, (uint64_t)sb.st_size);
		fclose(f);
	}
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
