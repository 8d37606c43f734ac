/* test_deadline.c — when cards fall (R-EV-4, R-EV-5): acceptance 1/2 and handling 5/10 working
 * days from reaching the unit; a red card replaces the yellow of its stage; extensions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "deadline.h"

static struct calendar *cal;
static const struct ev_limits lim = {.days = {{1, 2}, {5, 10}}, .points = {{2, 5}, {2, 5}}, .warn_days = 1};

static int64_t at(const char *s)
{
	time_t t;
	assert_int_equal(datetime_parse(s, &t), 0);
	return (int64_t)t;
}

static struct event *reached(const char *when, int state)
{
	struct event *ev = event_alloc();
	ev->state = state;
	ev->reached = at(when);
	return ev;
}

/* R-EV-4: not accepted within 1 working day: yellow; within 2: red, which replaces the yellow. */
static void test_rev4_accept(void **state)
{
	(void)state;
	struct event *ev = reached("2026-04-03 15:00:00", EV_NEW); /* Friday before 清明 */
	struct ev_clock k;
	deadline_clock(cal, &lim, ev, &k);
	assert_true(k.pending[STAGE_ACCEPT]);
	assert_int_equal(k.due[STAGE_ACCEPT][CARD_YELLOW], at("2026-04-07 15:00:00"));
	assert_int_equal(k.due[STAGE_ACCEPT][CARD_RED], at("2026-04-08 15:00:00"));
	/* Nothing during the holiday, nothing a minute before. */
	assert_int_equal(deadline_due(&k, 0, at("2026-04-06 23:00:00")), 0);
	assert_int_equal(deadline_due(&k, 0, at("2026-04-07 14:59:00")), 0);
	assert_int_equal(deadline_due(&k, 0, at("2026-04-07 15:00:00")), CARD_ACCEPT_YELLOW);
	assert_int_equal(deadline_next(&k, 0), at("2026-04-07 15:00:00"));
	assert_int_equal(deadline_next(&k, CARD_ACCEPT_YELLOW), at("2026-04-08 15:00:00"));
	assert_int_equal(deadline_due(&k, CARD_ACCEPT_YELLOW, at("2026-04-07 20:00:00")), 0);
	assert_int_equal(deadline_due(&k, CARD_ACCEPT_YELLOW, at("2026-04-08 15:00:00")), CARD_ACCEPT_RED);
	/* A daemon that missed both deadlines gives the red only: the stage costs 5, not 7. */
	assert_int_equal(deadline_due(&k, 0, at("2026-04-09 09:00:00")) & (CARD_ACCEPT_YELLOW | CARD_ACCEPT_RED),
			 CARD_ACCEPT_RED);
	/* Given cards are not given again. */
	assert_int_equal(deadline_due(&k, CARD_ACCEPT_RED, at("2026-04-09 09:00:00")) & 3, 0);
	event_free(&ev);
}

/* R-EV-5: handling runs from the same moment; accepted in time, only handling remains. */
static void test_rev5_handle(void **state)
{
	(void)state;
	struct event *ev = reached("2026-04-03 15:00:00", EV_HANDLING);
	struct ev_clock k;
	deadline_clock(cal, &lim, ev, &k);
	assert_false(k.pending[STAGE_ACCEPT]);
	assert_true(k.pending[STAGE_HANDLE]);
	assert_int_equal(k.due[STAGE_HANDLE][CARD_YELLOW], at("2026-04-13 15:00:00"));
	assert_int_equal(k.due[STAGE_HANDLE][CARD_RED], at("2026-04-20 15:00:00"));
	assert_int_equal(deadline_due(&k, 0, at("2026-04-10 09:00:00")), 0);
	assert_int_equal(deadline_next(&k, 0), at("2026-04-13 15:00:00"));
	assert_int_equal(deadline_due(&k, 0, at("2026-04-13 15:00:00")), CARD_HANDLE_YELLOW);
	/* A granted extension of 3 working days moves both handling deadlines. */
	ev->ext_days = 3;
	deadline_clock(cal, &lim, ev, &k);
	assert_int_equal(k.due[STAGE_HANDLE][CARD_YELLOW], at("2026-04-16 15:00:00"));
	assert_int_equal(k.due[STAGE_HANDLE][CARD_RED], at("2026-04-23 15:00:00"));
	assert_int_equal(deadline_due(&k, 0, at("2026-04-13 15:00:00")), 0);
	/* Fed back, closed or gone: no clocks at all. */
	ev->state = EV_FEDBACK;
	deadline_clock(cal, &lim, ev, &k);
	assert_false(k.pending[STAGE_HANDLE]);
	assert_int_equal(deadline_next(&k, 0), 0);
	ev->state = EV_NEW;
	ev->reached = 0;
	deadline_clock(cal, &lim, ev, &k);
	assert_int_equal(deadline_next(&k, 0), 0);
	event_free(&ev);
}

/* Both stages pending: both can fall in one pass, each its own card. */
static void test_both_stages(void **state)
{
	(void)state;
	struct event *ev = reached("2026-03-02 10:00:00", EV_NEW);
	struct ev_clock k;
	deadline_clock(cal, &lim, ev, &k);
	unsigned d = deadline_due(&k, 0, at("2026-03-20 10:00:00"));
	assert_int_equal(d, CARD_ACCEPT_RED | CARD_HANDLE_RED);
	assert_int_equal(deadline_next(&k, CARD_ACCEPT_RED | CARD_HANDLE_RED), 0);
	assert_int_equal(deadline_bit(STAGE_HANDLE, CARD_YELLOW), CARD_HANDLE_YELLOW);
	event_free(&ev);
}

/* R-EV-5 (6.4.3.9, events.handle.opinion_stops): the first 办理 opinion stops the handling clock,
 * and the clock says when (met: the to-do line and the event screen show it stopped, not nothing);
 * under the stricter reading it does not. */
static void test_rev5_opinion_stops(void **state)
{
	(void)state;
	struct event *ev = reached("2026-04-03 15:00:00", EV_HANDLING);
	ev->handled = at("2026-04-07 10:00:00");
	struct ev_limits stop = lim;
	stop.opinion_stops = true;
	struct ev_clock k;
	deadline_clock(cal, &stop, ev, &k);
	assert_false(k.pending[STAGE_HANDLE]);
	assert_int_equal(k.met[STAGE_HANDLE], at("2026-04-07 10:00:00"));
	assert_int_equal(k.met[STAGE_ACCEPT], 0);
	assert_int_equal(deadline_due(&k, 0, at("2026-04-21 09:00:00")), 0);
	assert_int_equal(deadline_next(&k, 0), 0);
	deadline_clock(cal, &lim, ev, &k);
	assert_true(k.pending[STAGE_HANDLE]);
	assert_int_equal(k.met[STAGE_HANDLE], 0);
	assert_int_equal(deadline_due(&k, 0, at("2026-04-13 15:00:00")), CARD_HANDLE_YELLOW);
	event_free(&ev);
}

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	config_t cfg;
	config_init(&cfg);
	assert_int_equal(config_read_file(&cfg, "conf/calendar.cfg"), CONFIG_TRUE);
	int rc = calendar_load(config_lookup(&cfg, "calendar"), &cal);
	config_destroy(&cfg);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(&cal);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rev4_accept),
		cmocka_unit_test(test_rev5_handle),
		cmocka_unit_test(test_both_stages),
		cmocka_unit_test(test_rev5_opinion_stops),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
