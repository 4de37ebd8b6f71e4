/* SPDX-License-Identifier: MIT */
/* date.h — calendar dates (proleptic Gregorian, no time of day, no time zone), and the
 * check of a timestamp as a case's history writes it.
 * Layer: base; may include no other layer. */
#ifndef SP_DATE_H
#define SP_DATE_H

#include <stdbool.h>
#include <stdint.h>

/** A calendar date as a day number: days since 1970-01-01 (negative before). */
typedef int32_t sp_date;

/** A day before every real date (for "since ever"). */
#define SP_DATE_MIN INT32_MIN

/** The first and the last date that can be written YYYY-MM-DD: 0001-01-01, 9999-12-31.
 * Every date read is between them; a date computed from others may fall outside. */
#define SP_DATE_FIRST (-719162)
#define SP_DATE_LAST 2932896

/** Whether date is a real date, in the years 0001–9999 that sp_date_format() writes. */
static inline bool sp_date_valid(sp_date date)
{
	return date >= SP_DATE_FIRST && date <= SP_DATE_LAST;
}

/** Length of "YYYY-MM-DD" plus the terminating NUL. */
#define SP_DATE_BUFSIZE 11

/**
 * Parse exactly "YYYY-MM-DD" (years 0001–9999) into *out.
 * Returns true on success; false if the text is not in that form or the date does not
 * exist (2026-02-30). *out is left untouched on failure.
 */
bool sp_date_parse(const char *s, sp_date *out);

/**
 * Tell why sp_date_parse() refused s: "" when it would succeed, else a short phrase
 * ("is not written YYYY-MM-DD", "has no month 13", "has no day 30 in that month").
 */
const char *sp_date_problem(const char *s);

/** Length of "YYYY-MM-DDTHH:MM:SS+HH:MM" plus the terminating NUL. */
#define SP_TIMESTAMP_BUFSIZE 26

/**
 * Tell whether s is a timestamp as samplan writes one (a case's `history[].at`): exactly
 * "YYYY-MM-DDTHH:MM:SS" followed by "Z" or an offset "+HH:MM" / "-HH:MM", with a real date
 * (as sp_date_parse()), hour 00–23, minute and second 00–59 (no leap second) and an
 * offset of at most 23:59. Returns "" when it is one, else a short phrase saying what is
 * wrong ("is not written YYYY-MM-DDTHH:MM:SS …", "has an hour that does not exist (00–23)").
 */
const char *sp_timestamp_problem(const char *s);

/** Build a date from year, month (1–12) and day; false if it does not exist. */
bool sp_date_from_ymd(int y, int m, int d, sp_date *out);

/** Split a date into year, month and day (any pointer may be NULL). */
void sp_date_to_ymd(sp_date date, int *y, int *m, int *d);

/** Write date as "YYYY-MM-DD" into buf (SP_DATE_BUFSIZE bytes). Returns buf. The date must
 * be sp_date_valid(): a year past 9999 would be cut to four digits. */
char *sp_date_format(sp_date date, char buf[SP_DATE_BUFSIZE]);

/**
 * date + days. A sum outside the years 0001–9999 is held just outside them
 * (SP_DATE_FIRST − 1 or SP_DATE_LAST + 1), where it still compares rightly with every real
 * date; check it with sp_date_valid() before writing it. date must be sp_date_valid().
 */
sp_date sp_date_add_days(sp_date date, int32_t days);

/** b − a in days (positive when b is later). */
static inline int32_t sp_date_diff(sp_date a, sp_date b) { return b - a; }

/** The day of the week of date: 0 Monday … 5 Saturday, 6 Sunday. */
int sp_date_weekday(sp_date date);

/**
 * Easter Sunday of year y (1583–9999; the Gregorian calendar's computus, the anonymous
 * algorithm as Meeus gives it), which the moveable Norwegian public holidays follow.
 */
sp_date sp_date_easter(int y);

/**
 * Whether date is a Norwegian public holiday: New Year's Day, Maundy Thursday, Good Friday,
 * Easter Sunday and Monday, 1 May, 17 May, Ascension Day, Whit Sunday and Monday, and
 * Christmas Day and Boxing Day. (Christmas Eve and New Year's Eve are not.)
 */
bool sp_date_is_holiday(sp_date date);

/** Whether date is a working day: Monday to Friday, and not a public holiday. */
bool sp_date_is_working_day(sp_date date);

/**
 * The date n (≥ 0) working days after date, not counting date itself: Friday plus one
 * working day is the Monday after (or the Tuesday, when that Monday is a holiday); n = 0
 * gives date. A sum past 9999-12-31 is SP_DATE_LAST + 1, as with sp_date_add_days().
 * date must be sp_date_valid().
 */
sp_date sp_date_add_working_days(sp_date date, int n);

/** The last working day on or before date (date itself when it is one; never before
 * 0001-01-01). date must be sp_date_valid(). */
sp_date sp_date_working_day_on_or_before(sp_date date);

/** Today's date in the local time zone. */
sp_date sp_date_today(void);

#endif
