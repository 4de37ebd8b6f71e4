/* SPDX-License-Identifier: MIT */
/* test_answer.c — the date a letter asks for an answer by (sp_answer_date): the usual
 * time; shortened to release, or to the handover deadline for a letter that asks a service
 * to take over; moved back off weekends and public holidays; the floor of the shortest
 * answer time in working days; and "as soon as possible" when even that does not fit.
 * The dates are read from a calendar: 2026-11-23 is a Monday; Easter Sunday 2026 is
 * 5 April (Maundy Thursday 2 April to Easter Monday 6 April off); Whit Monday 2026 is
 * 25 May. The rules are the defaults: the handover deadline 14 days before release, at
 * least 3 working days to answer. */
#include "unit.h"
#include "base/date.h"
#include "letters/letter.h"


/* The answer to a letter dated date asking days, with release (NULL: none). */
static sp_answer answer(const char *date, int days, const char *release, bool handover)
{
	sp_answer_ask ask = {D(date), days, release != NULL, release ? D(release) : 0,
			     handover, 14, 3};
	return sp_answer_date(&ask);
}

static void is(sp_answer a, sp_answer_kind kind, const char *respond_by)
{
	char buf[SP_DATE_BUFSIZE];
	ck_assert_msg(a.kind == kind && a.respond_by == D(respond_by),
		      "got kind %d, %s; want kind %d, %s", a.kind, sp_date_format(a.respond_by, buf),
		      kind, respond_by);
}

/* The usual date when it comes before the limit, and with no limit at all: no release
 * (remand), or a release before the letter's date. */
START_TEST(usual)
{
	is(answer("2026-09-07", 21, "2026-11-27", false), SP_ANSWER_USUAL, "2026-09-28");
	is(answer("2026-09-07", 21, "2026-11-27", true), SP_ANSWER_USUAL, "2026-09-28");
	/* exactly on the limit is in time */
	is(answer("2026-11-06", 21, "2026-11-27", false), SP_ANSWER_USUAL, "2026-11-27");
	is(answer("2026-10-23", 21, "2026-11-27", true), SP_ANSWER_USUAL, "2026-11-13");
	is(answer("2026-11-23", 21, NULL, false), SP_ANSWER_USUAL, "2026-12-14");
	is(answer("2026-11-23", 21, "2026-11-20", true), SP_ANSWER_USUAL, "2026-12-14");
	/* the usual date is not moved off a weekend: 2026-11-28 is a Saturday */
	is(answer("2026-11-07", 21, NULL, false), SP_ANSWER_USUAL, "2026-11-28");
}
END_TEST

/* Shortened to the release date, a Friday. */
START_TEST(shortened_to_release)
{
	sp_answer a = answer("2026-11-16", 21, "2026-11-27", false);
	is(a, SP_ANSWER_SHORTENED, "2026-11-27");
	ck_assert(!a.by_deadline);
	ck_assert_int_eq(a.limit, D("2026-11-27"));
}
END_TEST

/* A handover request: shortened to the handover deadline, 2026-11-27 − 14 = 2026-11-13,
 * a Friday, not to release. */
START_TEST(shortened_to_handover_deadline)
{
	sp_answer a = answer("2026-10-26", 21, "2026-11-27", true);
	is(a, SP_ANSWER_SHORTENED, "2026-11-13");
	ck_assert(a.by_deadline);
	ck_assert_int_eq(a.limit, D("2026-11-13"));
	/* with no deadline days the limit is release */
	sp_answer_ask ask = {D("2026-10-26"), 60, true, D("2026-11-27"), true, 0, 3};
	a = sp_answer_date(&ask);
	is(a, SP_ANSWER_SHORTENED, "2026-11-27");
	ck_assert(!a.by_deadline);
}
END_TEST

/* A limit on a day off moves the answer back to the last working day before it. */
START_TEST(moved_off_days_off)
{
	/* release on Sunday 29 November: Friday 27 */
	is(answer("2026-11-16", 21, "2026-11-29", false), SP_ANSWER_SHORTENED, "2026-11-27");
	/* release on Easter Monday: back over Easter to Wednesday 1 April */
	is(answer("2026-03-16", 30, "2026-04-06", false), SP_ANSWER_SHORTENED, "2026-04-01");
	/* a handover deadline on Whit Monday (release 8 June): Friday 22 May */
	is(answer("2026-05-04", 30, "2026-06-08", true), SP_ANSWER_SHORTENED, "2026-05-22");
	/* 17 May 2027 is a Monday and Whit Monday too: Friday 14 May */
	is(answer("2027-04-26", 30, "2027-05-17", false), SP_ANSWER_SHORTENED, "2027-05-14");
}
END_TEST

/* The floor: three working days after the letter's date. Monday 23 November plus three is
 * Thursday 26: a release that day still leaves a date; the day before it does not. */
START_TEST(floor_of_working_days)
{
	is(answer("2026-11-23", 21, "2026-11-26", false), SP_ANSWER_SHORTENED, "2026-11-26");
	is(answer("2026-11-23", 21, "2026-11-25", false), SP_ANSWER_SOONEST, "2026-11-26");
	/* over a weekend: Thursday 26 November plus three is Tuesday 1 December */
	is(answer("2026-11-26", 21, "2026-12-01", false), SP_ANSWER_SHORTENED, "2026-12-01");
	is(answer("2026-11-26", 21, "2026-11-30", false), SP_ANSWER_SOONEST, "2026-12-01");
	/* no floor: any day after the letter's, back to a working day */
	sp_answer_ask ask = {D("2026-11-23"), 21, true, D("2026-11-24"), false, 14, 0};
	is(sp_answer_date(&ask), SP_ANSWER_SHORTENED, "2026-11-24");
	/* … and a letter dated Saturday 28 November, release on the Sunday: no working day
	 * between them, so the answer is asked for by the release date itself */
	ask = (sp_answer_ask){D("2026-11-28"), 21, true, D("2026-11-29"), false, 14, 0};
	is(sp_answer_date(&ask), SP_ANSWER_SHORTENED, "2026-11-29");
	/* … but a Friday letter before a Saturday release has no later working day: its
	 * answer would be due the same day, which is an answer at once */
	ask = (sp_answer_ask){D("2026-11-27"), 21, true, D("2026-11-28"), false, 14, 0};
	is(sp_answer_date(&ask), SP_ANSWER_SOONEST, "2026-11-27");
}
END_TEST

/* No date fits: as soon as possible, with the floor as the date the log keeps. */
START_TEST(soonest)
{
	/* the example case: released 27 November, a handover request on the 23rd, ten days
	 * after its deadline */
	sp_answer a = answer("2026-11-23", 21, "2026-11-27", true);
	is(a, SP_ANSWER_SOONEST, "2026-11-26");
	ck_assert(a.by_deadline);
	/* the same letter asking no handover fits before release */
	is(answer("2026-11-23", 21, "2026-11-27", false), SP_ANSWER_SHORTENED, "2026-11-27");
	/* Easter counts: Wednesday 1 April plus three working days is Thursday 9 April
	 * (2–6 April off), after a release on the 8th; weekends alone would give the 6th */
	a = answer("2026-04-01", 21, "2026-04-08", false);
	is(a, SP_ANSWER_SOONEST, "2026-04-09");
	ck_assert(!a.by_deadline);
	/* release the day after the letter, and on its day */
	is(answer("2026-11-23", 21, "2026-11-24", false), SP_ANSWER_SOONEST, "2026-11-26");
	a = answer("2026-11-23", 21, "2026-11-23", false);
	is(a, SP_ANSWER_SOONEST, "2026-11-26");
	ck_assert_int_eq(a.limit, D("2026-11-23"));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("answer");
	TCase *tc = tcase_create("answer");
	tcase_add_test(tc, usual);
	tcase_add_test(tc, shortened_to_release);
	tcase_add_test(tc, shortened_to_handover_deadline);
	tcase_add_test(tc, moved_off_days_off);
	tcase_add_test(tc, floor_of_working_days);
	tcase_add_test(tc, soonest);
	suite_add_tcase(s, tc);
	return s;
}
