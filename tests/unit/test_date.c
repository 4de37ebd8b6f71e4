/* SPDX-License-Identifier: MIT */
/* test_date.c — calendar dates. */
#include "unit.h"
#include "base/date.h"

START_TEST(parse_and_format)
{
	sp_date d;
	char buf[SP_DATE_BUFSIZE];
	ck_assert(sp_date_parse("1970-01-01", &d));
	ck_assert_int_eq(d, 0);
	ck_assert(sp_date_parse("2026-09-01", &d));
	ck_assert_str_eq(sp_date_format(d, buf), "2026-09-01");
	ck_assert(sp_date_parse("0001-01-01", &d));
	ck_assert_str_eq(sp_date_format(d, buf), "0001-01-01");
	ck_assert(sp_date_parse("9999-12-31", &d));
	ck_assert_str_eq(sp_date_format(d, buf), "9999-12-31");
}
END_TEST

START_TEST(days_that_do_not_exist)
{
	sp_date d = 42;
	ck_assert(!sp_date_parse("2026-02-30", &d));
	ck_assert(!sp_date_parse("2026-02-29", &d)); /* 2026 is no leap year */
	ck_assert(sp_date_parse("2028-02-29", &d));
	ck_assert(!sp_date_parse("1900-02-29", &d)); /* divisible by 100 */
	ck_assert(sp_date_parse("2000-02-29", &d));  /* but by 400 */
	ck_assert(!sp_date_parse("2026-04-31", &d));
	ck_assert(!sp_date_parse("2026-13-01", &d));
	ck_assert(!sp_date_parse("2026-00-10", &d));
	ck_assert(!sp_date_parse("2026-01-00", &d));
	ck_assert(!sp_date_parse("0000-01-01", &d));
	sp_date keep = 7;
	ck_assert(!sp_date_parse("2026-02-30", &keep));
	ck_assert_int_eq(keep, 7);
	ck_assert_str_eq(sp_date_problem("2026-02-30"), "is a day that does not exist in that month");
	ck_assert_str_eq(sp_date_problem("2026-13-01"), "has a month that does not exist (01–12)");
	ck_assert_str_eq(sp_date_problem("2026-02-28"), "");
}
END_TEST

START_TEST(only_the_exact_form)
{
	sp_date d;
	const char *bad[] = {"2026-9-01", "2026-09-1", "26-09-01", "2026/09/01", "2026-09-01 ",
			     " 2026-09-01", "2026-09-01T00:00", "", "20260901", "2026-09-0a",
			     "+026-09-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_msg(!sp_date_parse(bad[i], &d), "accepted %s", bad[i]);
		ck_assert_str_eq(sp_date_problem(bad[i]), "is not written YYYY-MM-DD");
	}
}
END_TEST

START_TEST(arithmetic)
{
	sp_date a, b;
	char buf[SP_DATE_BUFSIZE];
	ck_assert(sp_date_parse("2026-11-22", &a));
	ck_assert(sp_date_parse("2026-11-30", &b));
	ck_assert_int_eq(sp_date_diff(a, b), 8);
	ck_assert_int_eq(sp_date_diff(b, a), -8);
	ck_assert_str_eq(sp_date_format(sp_date_add_days(a, 10), buf), "2026-12-02");
	ck_assert_str_eq(sp_date_format(sp_date_add_days(a, -365), buf), "2025-11-22");
	ck_assert(sp_date_parse("2028-02-28", &a));
	ck_assert_str_eq(sp_date_format(sp_date_add_days(a, 1), buf), "2028-02-29");
	ck_assert_str_eq(sp_date_format(sp_date_add_days(a, 2), buf), "2028-03-01");
	ck_assert(sp_date_parse("1969-12-31", &a));
	ck_assert_int_eq(a, -1);
	/* every day of four centuries survives format → parse */
	ck_assert(sp_date_parse("1900-01-01", &a));
	ck_assert(sp_date_parse("2300-01-01", &b));
	for (sp_date d = a; d < b; d++) {
		sp_date back;
		ck_assert(sp_date_parse(sp_date_format(d, buf), &back));
		ck_assert_int_eq(back, d);
	}
	int y, m, dd;
	sp_date_to_ymd(b, &y, &m, &dd);
	ck_assert_int_eq(y, 2300);
	ck_assert_int_eq(m, 1);
	ck_assert_int_eq(dd, 1);
	sp_date c;
	ck_assert(sp_date_from_ymd(2024, 2, 29, &c));
	ck_assert(!sp_date_from_ymd(2023, 2, 29, &c));
}
END_TEST

/* Every date from 0001-01-01 to 9999-12-31 is written in four-digit years and reads back
 * as itself; the days just outside cannot be written. */
START_TEST(every_date_reads_back)
{
	char buf[SP_DATE_BUFSIZE];
	sp_date back;
	sp_date bad = 0; /* the first day that does not read back (0 does) */
	for (sp_date d = SP_DATE_FIRST; d <= SP_DATE_LAST && !bad; d++)
		if (!sp_date_valid(d) || !sp_date_parse(sp_date_format(d, buf), &back) || back != d)
			bad = d;
	ck_assert_msg(!bad, "%d written %s", bad, sp_date_format(bad, buf));
	ck_assert_str_eq(sp_date_format(SP_DATE_FIRST, buf), "0001-01-01");
	ck_assert_str_eq(sp_date_format(SP_DATE_LAST, buf), "9999-12-31");
	ck_assert(!sp_date_valid(SP_DATE_FIRST - 1) && !sp_date_valid(SP_DATE_LAST + 1));
	ck_assert(!sp_date_parse("0000-12-31", &back) && !sp_date_parse("10000-01-01", &back));
}
END_TEST

/* A date plus days near either end of the calendar: within it, the sum reads back from
 * what is written; outside it, the sum is not valid, lies on the right side of every real
 * date, and any number of days (INT32_MAX too) overflows nothing. */
START_TEST(sums_near_the_edges)
{
	const sp_date starts[] = {SP_DATE_FIRST, SP_DATE_FIRST + 400, SP_DATE_LAST - 400, SP_DATE_LAST, 0};
	const int32_t far[] = {INT32_MAX, INT32_MIN, INT32_MAX - 1, -INT32_MAX, 3650, -3650};
	char buf[SP_DATE_BUFSIZE];
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
		for (int32_t days = -1000; days <= 1000; days++) {
			sp_date r = sp_date_add_days(starts[i], days), back;
			int64_t sum = (int64_t)starts[i] + days;
			if (sum >= SP_DATE_FIRST && sum <= SP_DATE_LAST) {
				ck_assert(sp_date_valid(r) && r == sum);
				ck_assert(sp_date_parse(sp_date_format(r, buf), &back) && back == r);
			} else {
				ck_assert(!sp_date_valid(r));
				ck_assert(sum < SP_DATE_FIRST ? r < SP_DATE_FIRST : r > SP_DATE_LAST);
			}
		}
		for (size_t j = 0; j < sizeof far / sizeof *far; j++) {
			sp_date r = sp_date_add_days(starts[i], far[j]);
			int64_t sum = (int64_t)starts[i] + far[j];
			ck_assert(sp_date_valid(r) == (sum >= SP_DATE_FIRST && sum <= SP_DATE_LAST));
			ck_assert(r >= SP_DATE_FIRST - 1 && r <= SP_DATE_LAST + 1);
		}
	}
}
END_TEST

/* A timestamp of a case's history: the exact form, a real date and time, a real offset. */
START_TEST(timestamps)
{
	static const char *const good[] = {"2026-10-20T14:03:11+02:00", "2026-10-20T14:03:11Z",
					   "2026-01-15T13:00:00+01:00", "2026-10-20T00:00:00-03:30",
					   "2028-02-29T23:59:59+23:59", "0001-01-01T00:00:00Z",
					   "9999-12-31T23:59:59-00:00"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(!*sp_timestamp_problem(good[i]), "%s: %s", good[i],
			      sp_timestamp_problem(good[i]));
	static const struct {
		const char *s, *why;
	} bad[] = {
	    {"2026-10-20 14:03", "is not written YYYY-MM-DDTHH:MM:SS"},
	    {"2026-10-20 14:03:11+02:00", "is not written"},
	    {"2026-10-20T14:03:11", "is not written"},
	    {"2026-10-20T14:03+02:00", "is not written"},
	    {"2026-10-20T14:03:11+0200", "is not written"},
	    {"2026-10-20T14:03:11+02", "is not written"},
	    {"2026-10-20T14:03:11.5+02:00", "is not written"},
	    {"2026-10-20t14:03:11z", "is not written"},
	    {"2026-10-20T14:03:11 +02:00", "is not written"},
	    {"2026/10/20T14:03:11+02:00", "is not written"},
	    {"2026-10-20", "is not written"},
	    {"", "is not written"},
	    {"0000-10-20T14:03:11Z", "has no year 0000"},
	    {"2026-13-20T14:03:11Z", "month"},
	    {"2026-02-29T14:03:11Z", "day that does not exist"},
	    {"2026-10-20T24:00:00Z", "hour"},
	    {"2026-10-20T14:60:00Z", "minute"},
	    {"2026-10-20T23:59:60Z", "second"},
	    {"2026-10-20T14:03:11+24:00", "offset"},
	    {"2026-10-20T14:03:11-02:60", "offset"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(strstr(sp_timestamp_problem(bad[i].s), bad[i].why), "%s: `%s`, want `%s`",
			      bad[i].s, sp_timestamp_problem(bad[i].s), bad[i].why);
}
END_TEST

/* Easter Sunday as the almanacs give it, the earliest and latest possible among them. */
START_TEST(easter)
{
	static const char *const easter[] = {
	    "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
	    "2038-04-25", /* the latest possible */
	    "2100-03-28", "2285-03-22", /* the earliest possible */
	    "1818-03-22", "2011-04-24",
	};
	char buf[SP_DATE_BUFSIZE];
	for (size_t i = 0; i < sizeof easter / sizeof *easter; i++) {
		int y;
		sp_date want;
		ck_assert(sp_date_parse(easter[i], &want));
		sp_date_to_ymd(want, &y, NULL, NULL);
		ck_assert_msg(sp_date_easter(y) == want, "Easter %d: got %s, want %s", y,
			      sp_date_format(sp_date_easter(y), buf), easter[i]);
		ck_assert_int_eq(sp_date_weekday(want), 6); /* a Sunday */
	}
}
END_TEST

static sp_date day(const char *s)
{
	sp_date d;
	ck_assert_msg(sp_date_parse(s, &d), "%s", s);
	return d;
}

START_TEST(weekdays)
{
	ck_assert_int_eq(sp_date_weekday(day("1970-01-01")), 3); /* Thursday */
	ck_assert_int_eq(sp_date_weekday(day("2000-01-01")), 5); /* Saturday */
	ck_assert_int_eq(sp_date_weekday(day("2026-11-23")), 0); /* Monday */
	ck_assert_int_eq(sp_date_weekday(day("2026-11-29")), 6); /* Sunday */
	ck_assert_int_eq(sp_date_weekday(day("1969-12-31")), 2); /* Wednesday */
	ck_assert_int_eq(sp_date_weekday(day("0001-01-01")), 0); /* Monday, proleptic */
	ck_assert_int_eq(sp_date_weekday(day("9999-12-31")), 4); /* Friday */
}
END_TEST

/* The Norwegian public holidays of 2026 and 2027 (the calendar's red days that are not
 * Sundays anyway), and days that look like them but are not. */
START_TEST(holidays)
{
	static const char *const red[] = {
	    "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
	    "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
	    "2027-03-25", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2100-03-25",
	    "2100-03-26", "2100-03-29", "2100-05-06", "2100-05-17",
	};
	for (size_t i = 0; i < sizeof red / sizeof *red; i++) {
		ck_assert_msg(sp_date_is_holiday(day(red[i])), "%s is a holiday", red[i]);
		ck_assert_msg(!sp_date_is_working_day(day(red[i])), "%s is no working day", red[i]);
	}
	/* Christmas Eve, New Year's Eve, Easter Saturday, Wednesday before Maundy Thursday,
	 * the day after Ascension: working days or weekend, never holidays */
	static const char *const not_red[] = {"2026-12-24", "2026-12-31", "2026-04-04",
					      "2026-04-01", "2026-05-15", "2026-04-07",
					      "2026-05-26", "2027-05-18", "2026-11-23"};
	for (size_t i = 0; i < sizeof not_red / sizeof *not_red; i++)
		ck_assert_msg(!sp_date_is_holiday(day(not_red[i])), "%s is no holiday", not_red[i]);
	ck_assert(sp_date_is_working_day(day("2026-12-24")));   /* a Thursday */
	ck_assert(sp_date_is_working_day(day("2026-04-01")));   /* a Wednesday */
	ck_assert(!sp_date_is_working_day(day("2026-04-04")));  /* a Saturday */
	ck_assert(!sp_date_is_working_day(day("2026-11-29")));  /* a Sunday */
}
END_TEST

START_TEST(working_days)
{
	char buf[SP_DATE_BUFSIZE];
	static const struct {
		const char *from;
		int n;
		const char *to;
	} sums[] = {
	    {"2026-11-23", 3, "2026-11-26"}, /* Monday to Thursday */
	    {"2026-11-23", 0, "2026-11-23"},
	    {"2026-11-27", 1, "2026-11-30"}, /* Friday to Monday */
	    {"2026-11-28", 1, "2026-11-30"}, /* Saturday to Monday */
	    {"2026-11-25", 3, "2026-11-30"}, /* over a weekend */
	    {"2026-04-01", 1, "2026-04-07"}, /* over Easter: Thursday to Monday off */
	    {"2026-03-31", 3, "2026-04-08"},
	    {"2026-05-13", 1, "2026-05-15"}, /* over Ascension Day */
	    {"2026-05-22", 1, "2026-05-26"}, /* over Whit Monday */
	    {"2026-12-23", 2, "2026-12-28"}, /* Christmas Eve counts, Christmas does not */
	    {"2026-12-30", 2, "2027-01-04"}, /* New Year's Day, then a weekend */
	    {"2027-05-14", 1, "2027-05-18"}, /* 17 May and Whit Monday on the same day */
	    {"2100-03-24", 1, "2100-03-30"},
	};
	for (size_t i = 0; i < sizeof sums / sizeof *sums; i++)
		ck_assert_msg(sp_date_add_working_days(day(sums[i].from), sums[i].n) == day(sums[i].to),
			      "%s + %d working days: got %s, want %s", sums[i].from, sums[i].n,
			      sp_date_format(sp_date_add_working_days(day(sums[i].from), sums[i].n), buf),
			      sums[i].to);
	static const struct {
		const char *from, *to;
	} back[] = {
	    {"2026-11-26", "2026-11-26"}, {"2026-11-29", "2026-11-27"}, /* Sunday to Friday */
	    {"2026-04-06", "2026-04-01"},				 /* Easter Monday */
	    {"2026-05-17", "2026-05-15"}, {"2027-05-17", "2027-05-14"},
	    {"2027-01-01", "2026-12-31"},
	};
	for (size_t i = 0; i < sizeof back / sizeof *back; i++)
		ck_assert_msg(sp_date_working_day_on_or_before(day(back[i].from)) == day(back[i].to),
			      "last working day on or before %s: got %s, want %s", back[i].from,
			      sp_date_format(sp_date_working_day_on_or_before(day(back[i].from)), buf),
			      back[i].to);
	/* past the last date that can be written, held just outside it */
	ck_assert(!sp_date_valid(sp_date_add_working_days(day("9999-12-30"), 2)));
	ck_assert(sp_date_add_working_days(day("9999-12-30"), 1) == day("9999-12-31"));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");
	tcase_add_test(tc, parse_and_format);
	tcase_add_test(tc, days_that_do_not_exist);
	tcase_add_test(tc, only_the_exact_form);
	tcase_add_test(tc, arithmetic);
	tcase_add_test(tc, every_date_reads_back);
	tcase_add_test(tc, sums_near_the_edges);
	tcase_add_test(tc, timestamps);
	tcase_add_test(tc, easter);
	tcase_add_test(tc, weekdays);
	tcase_add_test(tc, holidays);
	tcase_add_test(tc, working_days);
	suite_add_tcase(s, tc);
	return s;
}
