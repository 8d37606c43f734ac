/* unit_admin.c — adding and renaming units for the system administrator's screen: perm_check
 * (ACT_ADMIN at the unit: the parent of a new unit, the unit renamed), then the change and its audit
 * entry in one transaction; a refusal is audited too. */
#include "unit_admin.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "perm.h"
#include "service.h"
#include "unit.h"

struct unit_admin_op {
	struct ctx *c;
	const struct user *actor;
	const char *what, *code, *name, *parent;
};

static int unit_admin_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct unit_admin_op *op = arg;
	const struct units *us = ctx_units(op->c);
	bool add = !strcmp(op->what, "unit_add");
	int rc = add ? unit_add(st, txn, us, op->code, op->name, op->parent, 0, NULL)
		     : unit_rename(st, txn, us, op->code, op->name);
	if (rc < 0)
		return rc;
	char *obj = xasprintf("unit:%s", op->code);
	char *detail = add ? xasprintf("%s 上级=%s", op->name, op->parent) : xasprintf("新名称 %s", op->name);
	rc = audit_append(op->c, txn, &(struct audit_entry){.user = op->actor->name, .unit = op->actor->unit,
							     .type = op->what, .object = obj, .result = "ok",
							     .detail = detail});
	free(detail);
	free(obj);
	return rc;
}

static int unit_admin_run(struct unit_admin_op *op, const char *target)
{
	int rc = perm_check(op->c, op->actor, ACT_ADMIN, NULL, target);
	if (rc < 0) {
		char *obj = xasprintf("unit:%s", op->code);
		service_audit_refusal(op->c, op->actor, op->what, obj, rc);
		free(obj);
		return rc;
	}
	rc = store_run(op->c->st, unit_admin_txn, op);
	if (rc == 0)
		rc = ctx_units_reload(op->c);
	return rc;
}

int unit_admin_add(struct ctx *c, const struct user *actor, const char *code, const char *name, const char *parent)
{
	struct unit_admin_op op = {c, actor, "unit_add", code, name, parent};
	return unit_admin_run(&op, parent);
}

int unit_admin_rename(struct ctx *c, const struct user *actor, const char *code, const char *name)
{
	struct unit_admin_op op = {c, actor, "unit_rename", code, name, NULL};
	return unit_admin_run(&op, code);
}
