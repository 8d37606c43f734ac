/* Unit tests: MaxStartups-like accounting per source address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "server_limits.h"

static void test_below_start_always_ok(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 3, 30, 10, 100);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(startups_admit(&s, "10.0.0.1", 0), STARTUPS_OK);
		startups_add(&s, 100 + i, "10.0.0.1");
	}
	/* At start, a draw below rate% refuses; one above admits. */
	assert_int_equal(startups_admit(&s, "10.0.0.2", 29), STARTUPS_RANDOM);
	assert_int_equal(startups_admit(&s, "10.0.0.2", 30), STARTUPS_OK);
	startups_free(&s);
}

static void test_probability_grows_to_full(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 10, 30, 100, 1000);
	for (int i = 0; i < 55; i++)
		startups_add(&s, 1000 + i, "192.0.2.1");
	/* 55 unauthenticated: p = 30 + 70 * 45 / 90 = 65. */
	assert_int_equal(startups_admit(&s, "192.0.2.9", 64), STARTUPS_RANDOM);
	assert_int_equal(startups_admit(&s, "192.0.2.9", 65), STARTUPS_OK);
	for (int i = 55; i < 100; i++)
		startups_add(&s, 1000 + i, "192.0.2.1");
	assert_int_equal(startups_admit(&s, "192.0.2.9", 99), STARTUPS_FULL);
	startups_free(&s);
}

static void test_authenticated_do_not_count(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 2, 100, 2, 100);
	startups_add(&s, 1, "10.0.0.1");
	startups_add(&s, 2, "10.0.0.1");
	assert_int_equal(startups_admit(&s, "10.0.0.3", 99), STARTUPS_FULL);
	assert_true(startups_authed(&s, 1));
	assert_int_equal(startups_unauth(&s, NULL), 1);
	assert_int_equal(startups_admit(&s, "10.0.0.3", 99), STARTUPS_OK);
	assert_false(startups_authed(&s, 99));
	startups_free(&s);
}

static void test_per_source(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 100, 30, 200, 2);
	startups_add(&s, 1, "10.0.0.1");
	startups_add(&s, 2, "10.0.0.1");
	startups_add(&s, 3, "2001:db8::1");
	assert_int_equal(startups_admit(&s, "10.0.0.1", 99), STARTUPS_SOURCE);
	assert_int_equal(startups_admit(&s, "10.0.0.2", 0), STARTUPS_OK);
	assert_int_equal(startups_admit(&s, "2001:db8::1", 0), STARTUPS_OK);
	assert_int_equal(startups_unauth(&s, "10.0.0.1"), 2);
	/* A child that ends frees its place; removing twice or an unknown pid changes nothing. */
	assert_true(startups_remove(&s, 1));
	assert_false(startups_remove(&s, 1));
	assert_false(startups_remove(&s, 12345));
	assert_int_equal(startups_admit(&s, "10.0.0.1", 99), STARTUPS_OK);
	assert_int_equal(s.n, 2);
	startups_free(&s);
}

static void test_many_children_grow_the_table(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 1000, 30, 2000, 5000);
	for (int i = 0; i < 500; i++)
		startups_add(&s, 10 + i, i % 2 ? "10.0.0.1" : "10.0.0.2");
	assert_int_equal(startups_unauth(&s, "10.0.0.1"), 250);
	for (int i = 0; i < 500; i += 2)
		assert_true(startups_remove(&s, 10 + i));
	assert_int_equal(startups_unauth(&s, "10.0.0.2"), 0);
	assert_int_equal(startups_unauth(&s, NULL), 250);
	startups_free(&s);
}

static void sum_up(const char *addr, int unaudited, void *arg)
{
	int *total = arg;
	assert_string_equal(addr, "10.0.0.7");
	*total += unaudited;
}

/* A flood of failed logins from one address: a bounded number audited a minute, one summary for
 * the rest, and the address refused until its window ends; other addresses are not affected. */
static void test_failed_logins_per_address(void **state)
{
	(void)state;
	struct addrfails t;
	addrfails_init(&t, 30, 600, 20);
	int audited = 0;
	for (int i = 0; i < 1000; i++)
		audited += addrfails_note(&t, "10.0.0.7", 1000 + i / 100);
	assert_int_equal(audited, 20);
	assert_true(addrfails_blocked(&t, "10.0.0.7", 1010));
	assert_false(addrfails_blocked(&t, "10.0.0.8", 1010));
	int total = 0;
	addrfails_sweep(&t, 1030, sum_up, &total);
	assert_int_equal(total, 0); /* the minute is not over */
	addrfails_sweep(&t, 1060, sum_up, &total);
	assert_int_equal(total, 980);
	addrfails_sweep(&t, 1130, sum_up, &total);
	assert_int_equal(total, 980);
	assert_true(addrfails_blocked(&t, "10.0.0.7", 1599));
	assert_false(addrfails_blocked(&t, "10.0.0.7", 1600));
	addrfails_sweep(&t, 1700, sum_up, &total);
	assert_int_equal(t.n, 0);
	/* Below the limit an address is never refused. */
	for (int i = 0; i < 29; i++)
		addrfails_note(&t, "10.0.0.7", 2000);
	assert_false(addrfails_blocked(&t, "10.0.0.7", 2000));
	addrfails_free(&t);
}

/* 100 idle connections from 10 addresses: a newcomer from another address takes the place of the
 * oldest of an address holding the most; one from an address holding as many gets none. */
static void test_victim_makes_room(void **state)
{
	(void)state;
	struct startups s;
	startups_init(&s, 10, 30, 100, 10);
	char addr[32];
	for (int i = 0; i < 100; i++) {
		snprintf(addr, sizeof addr, "127.0.0.%d", 2 + i % 10);
		startups_add(&s, 1000 + i, addr);
	}
	startups_add(&s, 2000, "127.0.0.5"); /* one more from .5: it holds the most */
	assert_int_equal(startups_admit(&s, "127.0.0.1", 0), STARTUPS_FULL);
	assert_int_equal(startups_victim(&s, "127.0.0.1"), 1003); /* .5's oldest */
	startups_evict(&s, 1003);
	assert_int_equal(startups_unauth(&s, "127.0.0.5"), 10);
	assert_int_equal(startups_unauth(&s, NULL), 100);
	startups_add(&s, 3000, "127.0.0.1");
	pid_t v = startups_victim(&s, "127.0.0.1");
	assert_true(v >= 1000 && v < 1100);
	/* An address holding as many as any other takes no one's place. */
	assert_int_equal(startups_victim(&s, "127.0.0.2"), 0);
	/* An evicted child is known as such until it is reaped (its SIGTERM then needs no failchk),
	 * and is still ours when it is. */
	assert_true(startups_evicted(&s, 1003));
	assert_false(startups_evicted(&s, 3000));
	assert_false(startups_evicted(&s, 12345));
	assert_true(startups_remove(&s, 1003));
	assert_false(startups_evicted(&s, 1003));
	startups_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_below_start_always_ok),
		cmocka_unit_test(test_probability_grows_to_full),
		cmocka_unit_test(test_authenticated_do_not_count),
		cmocka_unit_test(test_per_source),
		cmocka_unit_test(test_many_children_grow_the_table),
		cmocka_unit_test(test_failed_logins_per_address),
		cmocka_unit_test(test_victim_makes_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
