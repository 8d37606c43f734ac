/* cli_status.c — `zongzhi status`: what an administrator checks first: disk use of the home (data,
 * logs, the filesystem's free space), the last backup, maintenance mode, and the warnings that
 * also reach the administrators' to-do list. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "disk.h"
#include "maint.h"

/* LABEL padded to 12 columns as the other lines (printf pads by bytes: 3 a Chinese character). */
static void status_size(const char *label, uint64_t bytes)
{
	cli_printf("%s    %.1f MB\n", label, (double)bytes / (1 << 20));
}

int cli_status(struct cli *cl)
{
	struct ctx *c = cl->c;
	struct disk_use d;
	if (disk_measure(c, &d) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("数据库目录  %s\n", c->home);
	status_size("数据文件", d.data_bytes);
	cli_printf("            %d 个文件\n", d.data_files);
	status_size("日志文件", d.log_bytes);
	cli_printf("            %d 个文件，其中 %d 个恢复已不需要（保留 %lld 天%s）\n", d.log_files, d.log_removable,
	       conf_int(c->conf, "disk.log_keep_days"),
	       conf_bool(c->conf, "disk.log_keep_until_backup") ? "，并保留到备份之后" : "");
	cli_printf("剩余空间    %.1f GB / 共 %.1f GB（%d%%）\n", (double)d.fs_free / (1 << 30),
	       (double)d.fs_total / (1 << 30), d.fs_total ? (int)(d.fs_free * 100 / d.fs_total) : 0);
	char when[20] = "尚无";
	if (d.last_backup)
		datetime_format((time_t)d.last_backup, when);
	cli_printf("最近备份    %s\n", when);
	struct maint m;
	int on = maint_get(c->home, &m);
	cli_printf("维护状态    %s%s\n", on ? "维护中，原因：" : "正常运行", on ? m.reason : "");
	if (d.warn & 1)
		cli_printf("警告：剩余空间低于 %lld%%\n", conf_int(c->conf, "disk.warn_free_percent"));
	if (d.warn & 2)
		cli_printf("警告：日志文件超过 %lld MB\n", conf_int(c->conf, "disk.warn_log_mb"));
	return CLI_OK;
}
