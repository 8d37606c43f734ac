/* test_perm.c — the one answer to "may this account do this, there?": a village office account, a
 * township office account, a county police account, a township justice office and a leader, by
 * action, record type and unit. R-AC-1: a user sees the subtree under its unit (a department: under
 * the unit it belongs to) and shares its level's center's information (6.4.3.6); R-AC-2: a
 * department user changes its own line's record types only. */
#include "testlib.h"
#include "todo.h"

struct fx {
	struct tl t;
	struct user *village, *town, *police, *justice, *leader, *auditor, *admin, *grid;
	const struct rtype *household, *drug, *corrections, *center;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	f->town = tl_user(&f->t, "town", "321204001", "office", NULL);
	f->police = tl_user(&f->t, "police", "321204", "dept", "police");
	f->justice = tl_user(&f->t, "justice", "321204001-justice", "dept", NULL);
	f->leader = tl_user(&f->t, "leader", "321204", "leader", NULL);
	f->auditor = tl_user(&f->t, "auditor", "321204", "auditor", NULL);
	f->admin = tl_user(&f->t, "admin", "321204", "sysadmin", NULL);
	f->grid = tl_user(&f->t, "grid", "321204001001001", "grid", NULL);
	const struct schema *s = f->t.c->schema;
	f->household = schema_type(s, "household"); /* offices' and police's line */
	f->drug = schema_type(s, "drug");	     /* police's line only */
	f->corrections = schema_type(s, "corrections"); /* justice's line */
	f->center = schema_type(s, "center");	     /* the offices' own */
	assert_non_null(f->drug);
	assert_non_null(f->corrections);
	assert_non_null(f->center);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	struct user **all[] = {&f->village, &f->town, &f->police, &f->justice, &f->leader, &f->auditor, &f->admin, &f->grid};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		user_free(all[i]);
	tl_close(&f->t);
	free(f);
	return 0;
}

#define MAY(u, a, ty, un) assert_int_equal(perm_check(f->t.c, (u), (a), (ty), (un)), 0)
#define MAYNOT(u, a, ty, un) assert_int_equal(perm_check(f->t.c, (u), (a), (ty), (un)), ZZ_EPERM)

static const char *const own_grid = "321204001001001", *other_village_grid = "321204001002001",
		       *other_town_grid = "321204002001001";

static void test_village_office(void **state)
{
	struct fx *f = *state;
	assert_string_equal(perm_scope(f->t.c, f->village), "321204001001");
	MAY(f->village, ACT_VIEW, f->household, own_grid);
	MAY(f->village, ACT_ADD, f->household, own_grid);
	MAY(f->village, ACT_EDIT, f->household, "321204001001");
	MAY(f->village, ACT_DELETE, f->household, own_grid);
	MAY(f->village, ACT_UNMASK, f->household, own_grid);
	/* R-AC-1: not the neighbouring village, not the township above. */
	MAYNOT(f->village, ACT_VIEW, f->household, other_village_grid);
	assert_errmsg_has("不在本账号的管辖范围");
	MAYNOT(f->village, ACT_ADD, f->household, "321204001");
	/* Another department's line: read it, not write it. */
	MAY(f->village, ACT_VIEW, f->drug, own_grid);
	MAYNOT(f->village, ACT_ADD, f->drug, own_grid);
	MAYNOT(f->village, ACT_UNMASK, f->drug, own_grid);
	MAY(f->village, ACT_ADD, f->center, own_grid);
	MAYNOT(f->village, ACT_ADMIN, NULL, own_grid);
	MAYNOT(f->village, ACT_AUDIT, NULL, NULL);
	assert_false(perm_may(f->t.c, f->village, ACT_SECURITY, NULL, NULL));
}

static void test_township_office(void **state)
{
	struct fx *f = *state;
	MAY(f->town, ACT_ADD, f->household, own_grid);
	MAY(f->town, ACT_ADD, f->household, other_village_grid);
	MAY(f->town, ACT_IMPORT, f->household, "321204001");
	MAYNOT(f->town, ACT_ADD, f->household, other_town_grid); /* R-AC-1 */
	MAYNOT(f->town, ACT_VIEW, f->household, "321204");
	MAY(f->town, ACT_CLAIM, f->drug, own_grid);
}

static void test_county_police(void **state)
{
	struct fx *f = *state;
	/* R-AC-1: a department sees the subtree of the unit it belongs to, the county. */
	assert_string_equal(perm_scope(f->t.c, f->police), "321204");
	MAY(f->police, ACT_ADD, f->drug, other_town_grid);
	MAY(f->police, ACT_UNMASK, f->drug, own_grid);
	MAY(f->police, ACT_EDIT, f->household, own_grid);
	/* R-AC-2: another department's line is not the center's information. */
	MAYNOT(f->police, ACT_VIEW, f->corrections, own_grid);
	MAYNOT(f->police, ACT_VIEW, f->drug, "3212"); /* above the county */
	MAYNOT(f->police, ACT_ADMIN, NULL, "321204");
}

static void test_township_justice(void **state)
{
	struct fx *f = *state;
	assert_string_equal(perm_scope(f->t.c, f->justice), "321204001");
	MAY(f->justice, ACT_ADD, f->corrections, own_grid);
	MAYNOT(f->justice, ACT_ADD, f->corrections, other_town_grid); /* R-AC-1 */
	MAYNOT(f->justice, ACT_VIEW, f->drug, own_grid);		 /* R-AC-2 */
	MAYNOT(f->justice, ACT_ADD, f->household, own_grid);
}

/* 6.4.3.6 (R-AC-1): "各级综治中心采集的信息在中心内部和本级相关部门实行共享" — what a center
 * collects (its own types and those it keeps with a line) is shared with the departments of its
 * level: they read it in the center's area, sensitive fields masked; they do not change it, nor
 * see another level's center, nor the office work addressed between centers. */
static void test_same_level_sharing_6_4_3_6(void **state)
{
	struct fx *f = *state;
	const struct rtype *mental = schema_type(f->t.c->schema, "mental"); /* health's and the offices' */
	const struct rtype *doc = schema_type(f->t.c->schema, "document");
	assert_non_null(mental);
	assert_non_null(doc);
	/* The county's police shares the county center's information, its whole area… */
	MAY(f->police, ACT_VIEW, f->center, own_grid);
	MAY(f->police, ACT_VIEW, f->center, other_town_grid);
	MAY(f->police, ACT_VIEW, mental, own_grid);
	assert_true(mental->audit_reads); /* its reads are audited as anyone's (service_audit_read) */
	/* …read only, masked. */
	MAYNOT(f->police, ACT_ADD, f->center, own_grid);
	MAYNOT(f->police, ACT_EDIT, f->center, own_grid);
	MAYNOT(f->police, ACT_DELETE, f->center, own_grid);
	MAYNOT(f->police, ACT_UNMASK, f->center, own_grid);
	MAYNOT(f->police, ACT_UNMASK, mental, own_grid);
	MAYNOT(f->police, ACT_VIEW, f->center, "3212"); /* not the city's center */
	/* Documents, proposals and access requests go to whom they are addressed. */
	MAYNOT(f->police, ACT_VIEW, doc, "321204");
	/* A township's justice office shares its township's center, not another township's. */
	MAY(f->justice, ACT_VIEW, f->center, own_grid);
	MAY(f->justice, ACT_VIEW, f->household, own_grid);
	MAYNOT(f->justice, ACT_VIEW, f->center, other_town_grid);
	MAYNOT(f->justice, ACT_VIEW, f->center, "321204");
	MAYNOT(f->justice, ACT_UNMASK, f->household, own_grid);
	/* A line's records stay the line's (R-AC-2): justice does not read police's drug users. */
	MAYNOT(f->justice, ACT_VIEW, f->drug, own_grid);
	/* Reading is not the work: the center's visits and updates due are not police's reminders;
	 * its own line's are, and the center's for the center. */
	assert_false(perm_reminded(f->t.c, f->police, mental, own_grid));
	assert_false(perm_reminded(f->t.c, f->police, f->center, own_grid));
	assert_true(perm_reminded(f->t.c, f->police, f->drug, own_grid));
	assert_true(perm_reminded(f->t.c, f->village, f->center, own_grid));
	/* Reminders are work: a leader reads the center's records but is reminded of none. */
	assert_false(perm_reminded(f->t.c, f->leader, mental, own_grid));
	assert_true(perm_reminded(f->t.c, f->grid, mental, own_grid));
	assert_false(perm_reminded(f->t.c, f->justice, f->center, other_town_grid));
	/* The shipped grant names real types in "except"; a wrong one is refused at load. */
	assert_int_equal(perm_check_roles(f->t.c), 0);
}

static void test_leader(void **state)
{
	struct fx *f = *state;
	MAY(f->leader, ACT_VIEW, f->household, other_town_grid);
	MAY(f->leader, ACT_VIEW, f->drug, own_grid);
	MAY(f->leader, ACT_EXPORT, f->corrections, NULL);
	MAYNOT(f->leader, ACT_ADD, f->household, own_grid);
	assert_errmsg_has("无权新增户籍人口");
	MAYNOT(f->leader, ACT_EDIT, f->center, own_grid);
	MAYNOT(f->leader, ACT_DELETE, f->household, own_grid);
	MAYNOT(f->leader, ACT_UNMASK, f->household, own_grid);
	MAYNOT(f->leader, ACT_VIEW, f->household, "32"); /* not above the county */
	/* Read-only: its to-do list holds no work, only its scope summed up (todo_collect). */
	assert_true(perm_read_only(f->t.c, f->leader));
	struct user *all[] = {f->village, f->town, f->police, f->justice, f->auditor, f->admin, f->grid};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		assert_false(perm_read_only(f->t.c, all[i]));
	assert_false(perm_read_only(f->t.c, &service_console));
	struct todo_list l = {0};
	assert_int_equal(todo_collect(f->t.c, f->leader, 1767225600, &l), 0);
	assert_true(l.n >= 2);
	assert_int_equal(todo_work(&l), 0);
	assert_string_equal(l.v[0].kind, TODO_DIGEST);
	assert_non_null(strstr(l.v[0].text, "只能查看，不能办理"));
	todo_free(&l);
}

static void test_three_administrators_and_grid(void **state)
{
	struct fx *f = *state;
	MAY(f->auditor, ACT_AUDIT, NULL, NULL);
	MAYNOT(f->auditor, ACT_VIEW, f->household, own_grid);
	MAYNOT(f->auditor, ACT_ADMIN, NULL, NULL);
	MAY(f->admin, ACT_ADMIN, NULL, "321204001");
	MAYNOT(f->admin, ACT_SECURITY, NULL, NULL);
	MAYNOT(f->admin, ACT_VIEW, f->household, own_grid);
	MAY(f->grid, ACT_ADD, f->center, own_grid);
	MAY(f->grid, ACT_VIEW, f->drug, own_grid);
	MAYNOT(f->grid, ACT_DELETE, f->center, own_grid);
	MAYNOT(f->grid, ACT_VIEW, f->household, "321204001001002");
	/* An account whose role is gone may do nothing. */
	struct user ghost = {.name = "ghost", .role = "boss", .unit = "321204", .dept = ""};
	MAYNOT(&ghost, ACT_VIEW, f->household, NULL);
	assert_errmsg_has("角色 boss 不存在");
	/* The shipped roles file names only known actions and types. */
	assert_int_equal(perm_check_roles(f->t.c), 0);
	assert_true(perm_role_exists(f->t.c, "office", true));
	assert_false(perm_role_exists(f->t.c, "console", true));
	assert_string_equal(perm_role_zh(f->t.c, "leader"), "领导（只读）");
	assert_string_equal(perm_dept_zh(f->t.c, "police"), "公安");
}

/* The local console is a role perm_check knows: every action on every unit of the tree; a unit
 * outside the tree is refused as a mistake. */
static void test_console(void **state)
{
	struct fx *f = *state;
	MAY(&service_console, ACT_DELETE, f->drug, other_town_grid);
	MAY(&service_console, ACT_UNMASK, f->household, NULL);
	MAY(&service_console, ACT_AUDIT, NULL, NULL);
	assert_true(perm_console(&service_console));
	assert_int_equal(perm_check(f->t.c, &service_console, ACT_VIEW, f->household, "329999"), ZZ_EINVAL);
	assert_errmsg_has("单位 329999 不存在");
	/* The role's grants (conf/roles.cfg, not assignable) are not the console: an account with
	 * them keeps its unit's scope. */
	struct user impostor = {.name = "console", .role = "console", .unit = "321204001", .dept = ""};
	assert_false(perm_console(&impostor));
	MAY(&impostor, ACT_VIEW, f->household, own_grid);
	MAYNOT(&impostor, ACT_VIEW, f->household, other_town_grid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_village_office, setup, teardown),
		cmocka_unit_test_setup_teardown(test_township_office, setup, teardown),
		cmocka_unit_test_setup_teardown(test_county_police, setup, teardown),
		cmocka_unit_test_setup_teardown(test_township_justice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_level_sharing_6_4_3_6, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_three_administrators_and_grid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
