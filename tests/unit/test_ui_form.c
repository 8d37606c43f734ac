/* Unit tests of ui_form.c: the line that says how to fill each field of every record type. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ctx.h"
#include "domain.h"
#include "ui_screen.h"
#include "testlib.h"

/* Whether F's hint is whole in 80 columns: what its type takes may give way, nothing else is cut
 * (a cut ends in "…"). */
static bool hint_fits(const struct field *f, const char *where)
{
	char buf[1024], full[1024];
	ui_form_hint(f, buf, sizeof buf, 80);
	ui_form_hint(f, full, sizeof full, 1000);
	size_t n = strlen(buf), e = strlen("…");
	bool cut = n >= e && !strcmp(buf + n - e, "…") && strcmp(full + strlen(full) - e, "…") != 0;
	if (ui_width(buf) <= 80 && !cut)
		return true;
	fprintf(stderr, "%s.%s: %d columns: %s\n", where, f->id, ui_width(full), full);
	return false;
}

/* Every field's hint fits the message line of an 80-column terminal (the attachments' file types
 * and the unit's were cut off). */
static void test_hints_fit(void **state)
{
	struct ctx *c = *state;
	int bad = 0;
	for (int i = 0; i < c->schema->n; i++)
		for (int k = 0; k < c->schema->t[i]->nf; k++)
			bad += !hint_fits(&c->schema->t[i]->f[k], c->schema->t[i]->id);
	bad += !hint_fits(&ui_record_unit_field, "record");
	assert_int_equal(bad, 0);
}

/* The attachments' hint names the file types that are taken. */
static void test_attach_hint(void **state)
{
	struct ctx *c = *state;
	const struct rtype *t = schema_type(c->schema, "document");
	assert_non_null(t);
	int k = rtype_field(t, "files");
	assert_true(k >= 0);
	char buf[1024];
	ui_form_hint(&t->f[k], buf, sizeof buf, 80);
	assert_non_null(strstr(buf, "jpg"));
	assert_non_null(strstr(buf, "txt）"));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hints_fit),
		cmocka_unit_test(test_attach_hint),
	};
	return cmocka_run_group_tests(tests, tl_conf_setup, tl_conf_teardown);
}
