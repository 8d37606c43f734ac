/* test_link.c — which reference field of a record applies, by the type its selector picks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "domain.h"
#include "link.h"
#include "testlib.h"

/* A person subject is named by ID number, an organization by record number (R-SV-4). */
static void test_selector(void **state)
{
	struct ctx *c = *state;
	const struct rtype *t = schema_type(c->schema, "service_record");
	struct rec *r = rec_new(t);
	int by_id = rtype_field(t, "subject_idnum"), by_no = rtype_field(t, "subject_no");
	assert_null(link_type(c->schema, r, by_id));
	assert_false(link_applies(c->schema, r, by_id));
	assert_int_equal(rec_set(r, "subject_type", "严重精神障碍患者"), 0);
	assert_ptr_equal(link_type(c->schema, r, by_id), schema_type(c->schema, "mental"));
	assert_true(link_applies(c->schema, r, by_id));
	assert_false(link_applies(c->schema, r, by_no));
	assert_int_equal(rec_set(r, "subject_type", "social_org"), 0);
	assert_false(link_applies(c->schema, r, by_id));
	assert_true(link_applies(c->schema, r, by_no));
	assert_true(link_has_selector(t));
	rec_free(&r);
	/* A fixed reference always applies. */
	const struct rtype *tt = schema_type(c->schema, "rental_tenant");
	struct rec *x = rec_new(tt);
	assert_true(link_applies(c->schema, x, rtype_field(tt, "house_no")));
	assert_false(link_has_selector(tt));
	rec_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_selector)};
	return cmocka_run_group_tests(tests, tl_conf_setup, tl_conf_teardown);
}
