/* service.h — record actions as a person takes them: permission, validation, one transaction,
 * audit. The UI, the command line and imports all go through here. */
#ifndef ZZ_SERVICE_H
#define ZZ_SERVICE_H

#include "audit.h"
#include "ctx.h"
#include "perm.h"
#include "record.h"
#include "user.h"

/* The account of the local console (command line without --as): full rights, audited as such. */
extern const struct user service_console;

/* Load record ID of type T if U may see it; one outside U's scope is refused in the words of a
 * record that does not exist ("…记录 N 不存在"). */
int service_get(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, struct rec **out);
/* The name of the record of type T keyed KEY (a person's ID number) as a form shows it beside the
 * key, or NULL: only for a record in U's own scope, since one seen under a grant is shown through
 * an audited read (service_get), never in passing. */
char *service_person_label(struct ctx *c, const struct user *u, const struct rtype *t, const char *key);
/* 0 when U may see stored record R; else the refusal is audited as WHAT and the answer is that of
 * a record that does not exist (ZZ_ENOENT, "…记录 N 不存在"), for actions other than a read. */
int service_unseen(struct ctx *c, const struct user *u, const char *what, const struct rec *r);
/* *bad after a refusal about the record's unit (empty, unknown, outside the account's scope). */
enum { SERVICE_BAD_UNIT = -2 };

/* Add R (id 0) or update it; on a validation error *bad is the first bad field, SERVICE_BAD_UNIT,
 * or -1. An update is refused with ZZ_ESTALE unless R->version is the stored version (the one R
 * was read at, or the one a caller names): a save never silently undoes a change made since. */
int service_save(struct ctx *c, const struct user *u, struct rec *r, int *bad);
/* How a record names who stored it: "姓名（账号）" (caller frees). */
char *service_editor(const struct user *u);
/* 0 when STORED is still at version BASE; else ZZ_ESTALE, "此记录已被 X 于 HH:MM 修改". */
int service_version_check(const struct rec *stored, uint64_t base, int64_t now);
int service_delete(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id);
/* Check that U may add or edit R and that its values are valid, without storing it: for features
 * that store the record together with more in one transaction (events). */
int service_validate(struct ctx *c, const struct user *u, struct rec *r, int *bad);
/* The workflow that owns records of type T ("event"), or NULL. Such records are added and deleted
 * only by their workflow, never by service_save or service_delete. */
const char *service_workflow(const struct rtype *t);
/* Whether U may take A on records of T at UNIT through the record actions (service_save,
 * service_delete): the permission (perm_check), and no add or delete of a workflow's records. The
 * screens offer exactly what this allows, so that nothing offered is refused afterwards. */
bool service_may(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t, const char *unit);
/* 0 when stored record R may still be changed (A: ACT_EDIT) or deleted (ACT_DELETE), else the error
 * of the feature that keeps it as it is (feature.h, frozen: "已结案的事件不能修改",
 * "已审批的信息查阅申请不能删除…"); service_save and service_delete refuse the same and audit the
 * attempt as refused. TXN may be NULL. */
int service_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a);
/* 0 when U, with the right to edit at R's unit, may change stored record R, else the error of the
 * feature that says who may (feature.h, editable); service_save refuses the same, audited as
 * refused. TXN may be NULL. */
int service_editable(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r);

struct service_query {
	const char *unit;	 /* narrow to this unit's subtree (within the account's scope) */
	const char *name_prefix; /* by the indexed name */
	const char *idnum;	 /* by ID number */
	/* Within the key, the name or the unit's name, ASCII letters in either case (a picker's text
	 * typed): the record whose key is TEXT comes first, whatever the limit. */
	const char *text;
	pcre2_code *match;	 /* over the listed columns' displayed text */
	int state;		 /* REC_* or -1 for any */
	unsigned flags;		 /* only records with all these REC_* flags (REC_LATE: entered late) */
	long limit;		 /* 0: no limit */
	/* Asked every few records of a search by MATCH: true stops the search, which then fails with
	 * 搜索已取消 (the UI: Esc pressed). NULL: never. */
	bool (*cancel)(void *arg);
	void *cancel_arg;
};

/* Ids of the records of type T that U may see and that match Q, in tree order (caller frees). */
int service_list(struct ctx *c, const struct user *u, const struct rtype *t, const struct service_query *q,
		 uint64_t **ids, long *n);

/* What a picker offers, for a form field to name (ui_pick_list.c): the records of type T in U's own
 * scope that match Q, loaded, into *RECS (caller frees each and the array), *N of them. One U sees
 * only under a grant is not offered: a grant opens records for reading, and a form may not name
 * them (service_save refers or refuses it). Nothing is audited: no record is shown on its own.
 * Q->unit outside U's own scope: ZZ_EPERM. */
int service_pick(struct ctx *c, const struct user *u, const struct rtype *t, const struct service_query *q,
		 struct rec ***recs, long *n);

/* A list read a page at a time, in the order of an index, without collecting the scope: the list
 * screen when no filter but a unit is set. Opening checks the permission and audits a unit seen
 * under a grant (as service_list); each read then hands over only rows U may see. */
struct service_pager {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	enum record_order order;
	char *unit; /* the unit filter, else the account's scope; NULL: everything */
	uint64_t *ids; /* name order in a small scope: its records' ids, sorted (service_pager_narrow) */
	long nids;
};
/* Whether records of T can be listed this way in ORDER: no row of T is hidden by the account's
 * lines (条线), and in name order T's one indexed field is its name. */
bool service_pageable(const struct rtype *t, enum record_order order);
int service_pager_open(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit,
		       enum record_order order, struct service_pager *p);
void service_pager_free(struct service_pager *p);
/* The scope holds about N records (the counters' count): when that is few next to the type's
 * records, name order reads the ids of the scope once from the unit index and checks each name
 * row against them, instead of reading each row's record (a grid's account: a record in a hundred
 * of the county's is its own). */
int service_pager_narrow(struct service_pager *p, long n);
/* A row read: its record and its index key, where the next read starts. */
struct service_row {
	uint64_t id;
	struct sb key;
};
/* Up to N rows from key FROM (FN bytes; see record_scan_page for AT and BACKWARD) into OUT, in
 * the order read; *GOT fewer than N: the list ends there. Callers sb_free each row's key. */
int service_pager_read(struct service_pager *p, const void *from, size_t fn, bool at, bool backward, long n,
		       struct service_row *out, long *got);

/* A value as it is shown to U: code labels, yes/no, and sensitive fields masked unless U may see
 * them in full (caller frees). */
char *service_display(struct ctx *c, const struct user *u, const struct rec *r, int field, bool full);
/* Note in the audit log that U opened R, for the types that ask it (audit_reads: R-AC-6). */
int service_audit_read(struct ctx *c, const struct user *u, const struct rec *r);
/* Note in the audit log that U saw the sensitive fields of R in full. */
int service_audit_unmask(struct ctx *c, const struct user *u, const struct rec *r);
/* Mask a sensitive value: ID numbers keep 6+4, phones 3+4, other text its first character. */
char *service_mask(const struct field *f, const char *v);

/* U tried to add a record whose key OLD, outside U's scope, already has: no duplicate is made and
 * U learns nothing of OLD; its unit finds a request to check it in its to-do list (kind "dup",
 * cleared when it saves OLD), and the attempt is audited (result "referred"), all in TXN. */
int service_refer_twin(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old);
/* What U is told then: one neutral text whatever the record is. */
#define SERVICE_REFERRED_ROW "须由有关单位核实，已提交核实"

/* A change of role R by U may not change the person fields of a person outside U's scope (seen
 * under a grant or not): they are stored in that person's record, which another unit holds. ZZ_EPERM then
 * ("姓名是人员基本信息，由此人所在的单位维护…"), *BAD the first such field. */
int service_person_kept(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r, int *bad);

typedef int (*service_person_cb)(const struct rec *r, void *arg);
/* Every record about the person with ID number IDNUM that U may see, after the view is audited
 * ("view" of "person"; an audit failure is returned and nothing handed over). */
int service_person(struct ctx *c, const struct user *u, const char *idnum, service_person_cb cb, void *arg);

/* Audit a refused or failed action outside of any transaction, keeping errmsg(). */
void service_audit_refusal(struct ctx *c, const struct user *u, const char *type, const char *object, int rc);

#endif
