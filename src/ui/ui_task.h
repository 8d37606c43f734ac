/* ui_task.h — the 任务督办 screens (ui_task.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_TASK_H
#define ZZ_UI_TASK_H

#include <stdbool.h>
#include <stdint.h>

struct ui;

bool ui_task_visible(struct ui *ui);
/* The tasks the account receives or sees as the issuer (or above); a to issue one. */
int ui_task_run(struct ui *ui);
/* Task ID: its receivers' progress, its timeline, the actions the account may take. Returns 1
 * when it changed. */
int ui_task_open(struct ui *ui, uint64_t id);
/* A to-do item's ref "task:ID". */
int ui_task_open_ref(struct ui *ui, const char *ref);

#endif
