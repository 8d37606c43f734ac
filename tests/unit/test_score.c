/* test_score.c — yearly deductions (R-EV-6): one row per event, holding and stage, so that a red
 * card replaces the yellow of its stage (also across a year's turn) and a re-run changes nothing;
 * scans by year and unit; the score never goes below 0. */
#include "testlib.h"

#include <time.h>

#include "deadline.h"
#include "score.h"

struct put {
	struct score_row r;
	int prev_year;
};

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct put *p = arg;
	return score_put(st, txn, &p->r, p->prev_year);
}

static void put(struct tl *t, int year, const char *unit, uint64_t ev, int hold, int stage, int card, int points,
		int prev_year)
{
	struct put p = {.r = {.year = year, .unit = unit, .event = ev, .hold = hold, .stage = stage, .card = card,
			      .points = points, .due = 1000, .given = 2000},
			.prev_year = prev_year};
	assert_int_equal(store_run(t->c->st, put_txn, &p), 0);
}

static int list_cb(const struct score_row *r, void *arg)
{
	sb_addf(arg, "%d %s %llu/%d/%d card %d -%d due %lld given %lld;", r->year, r->unit,
		(unsigned long long)r->event, r->hold, r->stage, r->card, r->points, (long long)r->due,
		(long long)r->given);
	return 0;
}

static char *list(struct tl *t, int year, const char *unit)
{
	struct sb s;
	sb_init(&s);
	assert_int_equal(score_scan(t->c->st, NULL, year, unit, list_cb, &s), 0);
	return sb_steal(&s);
}

static void test_score(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const char *town = "321204001", *village = "321204001001";
	put(&t, 2026, town, 7, 1, STAGE_ACCEPT, CARD_YELLOW, 1, 0);
	put(&t, 2026, village, 8, 1, STAGE_HANDLE, CARD_YELLOW, 1, 0);
	/* The red of the same stage replaces the yellow; the daemon running again changes nothing. */
	put(&t, 2026, town, 7, 1, STAGE_ACCEPT, CARD_RED, 3, 0);
	put(&t, 2026, town, 7, 1, STAGE_ACCEPT, CARD_RED, 3, 0);
	/* Another holding of the same event is another row. */
	put(&t, 2026, town, 7, 2, STAGE_ACCEPT, CARD_YELLOW, 1, 0);
	char *s = list(&t, 2026, town);
	assert_string_equal(s, "2026 321204001 7/1/0 card 1 -3 due 1000 given 2000;"
			       "2026 321204001 7/2/0 card 0 -1 due 1000 given 2000;");
	free(s);
	/* A unit's scan is its own rows, not those of units whose code it begins. */
	s = list(&t, 2026, NULL);
	assert_non_null(strstr(s, "321204001001 8/1/1"));
	free(s);
	int score, deducted;
	assert_int_equal(score_of(t.c, 2026, town, &score, &deducted), 0);
	assert_int_equal(deducted, 4);
	assert_int_equal(score, 96);
	/* The year turned between the yellow (2026) and the red (2027): the yellow goes. */
	put(&t, 2026, village, 9, 1, STAGE_HANDLE, CARD_YELLOW, 1, 0);
	put(&t, 2027, village, 9, 1, STAGE_HANDLE, CARD_RED, 3, 2026);
	s = list(&t, 2026, village);
	assert_null(strstr(s, "9/1/1"));
	free(s);
	s = list(&t, 2027, village);
	assert_string_equal(s, "2027 321204001001 9/1/1 card 1 -3 due 1000 given 2000;");
	free(s);
	/* Never below 0. */
	put(&t, 2028, village, 10, 1, STAGE_HANDLE, CARD_RED, 150, 0);
	assert_int_equal(score_of(t.c, 2028, village, &score, &deducted), 0);
	assert_int_equal(score, 0);
	assert_int_equal(deducted, 150);
	tl_close(&t);
}

static int64_t at(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 10, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

/* The table opens on the year before in the new year's first days (conf/deadlines.cfg: 31). */
static void test_year_default(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	assert_int_equal(score_year_default(t.c, at(2027, 1, 1)), 2026);
	assert_int_equal(score_year_default(t.c, at(2027, 1, 31)), 2026);
	assert_int_equal(score_year_default(t.c, at(2027, 2, 1)), 2027);
	assert_int_equal(score_year_default(t.c, at(2026, 12, 31)), 2026);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_year_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
