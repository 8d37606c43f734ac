/* test_lockout.c — the lockout by failed passwords per place and per account: one address that
 * guesses is refused for the accounts it tried while their owners log in from elsewhere; failures
 * from several addresses lock the account for every remote address, never for the local terminal.
 */
#include "testlib.h"

#include "lockout.h"

static const struct lockout_policy policy = {
    .failures = 5, .places = 3, .window_s = 900, .lock_s = 1800};

static enum lockout_hold fail_n(struct lockout *lk, int64_t *until, const char *place, int n,
				int64_t now)
{
	enum lockout_hold h = LOCKOUT_OPEN;
	for (int i = 0; i < n; i++)
		h = lockout_fail(lk, until, &policy, place, now);
	return h;
}

/* An attacker at one address fails 5 times on each of 10 accounts: each account is closed to that
 * address only; the owners log in from theirs at once. */
static void test_one_address_against_ten_accounts(void **state)
{
	(void)state;
	static struct lockout lk[10];
	int64_t until[10] = {0}, now = 1000000;
	memset(lk, 0, sizeof lk);
	for (int a = 0; a < 10; a++) {
		assert_int_equal(fail_n(&lk[a], &until[a], "127.0.0.6", 4, now), LOCKOUT_OPEN);
		assert_int_equal(lockout_check(&lk[a], until[a], "127.0.0.6", now), LOCKOUT_OPEN);
		assert_int_equal(lockout_fail(&lk[a], &until[a], &policy, "127.0.0.6", now),
				 LOCKOUT_PLACE);
	}
	for (int a = 0; a < 10; a++) {
		assert_int_equal(until[a], 0);
		assert_int_equal(lockout_check(&lk[a], until[a], "127.0.0.6", now + 1),
				 LOCKOUT_PLACE);
		assert_int_equal(lockout_check(&lk[a], until[a], "127.0.0.2", now + 1),
				 LOCKOUT_OPEN);
		assert_int_equal(lockout_check(&lk[a], until[a], "", now + 1), LOCKOUT_OPEN);
		assert_int_equal(lockout_held_places(&lk[a], now + 1), 1);
		/* The hold ends after lock_s. */
		assert_int_equal(lockout_check(&lk[a], until[a], "127.0.0.6", now + 1800),
				 LOCKOUT_OPEN);
	}
}

/* Failures from 3 addresses (5 in all) lock the account for every remote address; the server's own
 * terminal is not held by it. */
static void test_places_lock_the_account(void **state)
{
	(void)state;
	static struct lockout lk;
	int64_t until = 0, now = 2000000;
	memset(&lk, 0, sizeof lk);
	assert_int_equal(fail_n(&lk, &until, "10.0.0.1", 2, now), LOCKOUT_OPEN);
	assert_int_equal(fail_n(&lk, &until, "10.0.0.2", 2, now), LOCKOUT_OPEN);
	/* Local failures are not a remote place. */
	assert_int_equal(fail_n(&lk, &until, "", 1, now), LOCKOUT_OPEN);
	assert_int_equal(until, 0);
	assert_int_equal(lockout_fail(&lk, &until, &policy, "10.0.0.3", now), LOCKOUT_ACCOUNT);
	assert_int_equal(until, now + 1800);
	assert_int_equal(lockout_check(&lk, until, "10.0.0.9", now + 1), LOCKOUT_ACCOUNT);
	assert_int_equal(lockout_check(&lk, until, "", now + 1), LOCKOUT_OPEN);
	assert_int_equal(lockout_check(&lk, until, "10.0.0.9", now + 1800), LOCKOUT_OPEN);
	/* Three addresses but fewer than 5 failures in all: nothing. */
	memset(&lk, 0, sizeof lk);
	until = 0;
	fail_n(&lk, &until, "10.0.0.1", 1, now);
	fail_n(&lk, &until, "10.0.0.2", 1, now);
	assert_int_equal(fail_n(&lk, &until, "10.0.0.3", 1, now), LOCKOUT_OPEN);
	assert_int_equal(until, 0);
}

/* The owner's login does not reset the guesser's count; failures outside the window do not count;
 * the local terminal has its own count. */
static void test_counts(void **state)
{
	(void)state;
	static struct lockout lk;
	int64_t until = 0, now = 3000000;
	memset(&lk, 0, sizeof lk);
	fail_n(&lk, &until, "10.0.0.6", 4, now);
	fail_n(&lk, &until, "10.0.0.2", 1, now);
	lockout_success(&lk, "10.0.0.2");
	assert_int_equal(lk.nfails, 4);
	assert_int_equal(lockout_fail(&lk, &until, &policy, "10.0.0.6", now + 1), LOCKOUT_PLACE);
	memset(&lk, 0, sizeof lk);
	fail_n(&lk, &until, "10.0.0.6", 4, now);
	assert_int_equal(lockout_fail(&lk, &until, &policy, "10.0.0.6", now + 901), LOCKOUT_OPEN);
	assert_int_equal(lk.nfails, 1);
	memset(&lk, 0, sizeof lk);
	assert_int_equal(fail_n(&lk, &until, "", 5, now), LOCKOUT_PLACE);
	assert_int_equal(lockout_check(&lk, until, "", now), LOCKOUT_PLACE);
	assert_int_equal(lockout_check(&lk, until, "10.0.0.6", now), LOCKOUT_OPEN);
	assert_int_equal(until, 0);
}

/* With places = 1 any one address locks the whole account (the old behaviour, a setting away). */
static void test_one_place_policy(void **state)
{
	(void)state;
	static struct lockout lk;
	int64_t until = 0, now = 4000000;
	struct lockout_policy p = policy;
	p.places = 1;
	memset(&lk, 0, sizeof lk);
	for (int i = 0; i < 4; i++)
		assert_int_equal(lockout_fail(&lk, &until, &p, "10.0.0.6", now), LOCKOUT_OPEN);
	assert_int_equal(lockout_fail(&lk, &until, &p, "10.0.0.6", now), LOCKOUT_ACCOUNT);
	assert_int_equal(lockout_check(&lk, until, "10.0.0.2", now), LOCKOUT_ACCOUNT);
}

/* Bounded: more places than holds keep the newest; more failures than slots keep the newest. */
static void test_bounds_and_format(void **state)
{
	(void)state;
	static struct lockout lk;
	int64_t until = 0, now = 5000000;
	struct lockout_policy p = policy;
	p.failures = 1;
	p.places = 32;
	memset(&lk, 0, sizeof lk);
	char place[32];
	for (int i = 0; i < 40; i++) {
		snprintf(place, sizeof place, "10.1.0.%d", i);
		assert_int_equal(lockout_fail(&lk, &until, &p, place, now + i),
				 i == 31 ? LOCKOUT_ACCOUNT : LOCKOUT_PLACE);
	}
	assert_int_equal(lk.nholds, LOCKOUT_MAX_HOLDS);
	assert_int_equal(lockout_check(&lk, 0, "10.1.0.39", now + 40), LOCKOUT_PLACE);
	assert_int_equal(lockout_check(&lk, 0, "10.1.0.0", now + 40), LOCKOUT_OPEN);
	memset(&lk, 0, sizeof lk);
	p.failures = 1000;
	p.places = 1000;
	for (int i = 0; i < LOCKOUT_MAX_FAILS + 10; i++)
		lockout_fail(&lk, &until, &p, "10.0.0.6", now + i);
	assert_int_equal(lk.nfails, LOCKOUT_MAX_FAILS);
	assert_int_equal(lk.fails[LOCKOUT_MAX_FAILS - 1].at, now + LOCKOUT_MAX_FAILS + 9);
	char buf[96];
	struct lockout_mark m = {.at = 1234567}, back;
	snprintf(m.place, sizeof m.place, "fe80::1%%eth0");
	lockout_mark_format(&m, buf, sizeof buf);
	lockout_mark_parse(&back, buf);
	assert_int_equal(back.at, 1234567);
	assert_string_equal(back.place, "fe80::1%eth0");
	lockout_mark_parse(&back, "1234"); /* a record written before places were kept */
	assert_int_equal(back.at, 1234);
	assert_string_equal(back.place, "");
	assert_string_equal(lockout_place_shown(""), "本机");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_address_against_ten_accounts),
	    cmocka_unit_test(test_places_lock_the_account),
	    cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_one_place_policy),
	    cmocka_unit_test(test_bounds_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
