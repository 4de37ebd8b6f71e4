/* SPDX-License-Identifier: MIT */
/* date.c — calendar arithmetic on day numbers (H. Hinnant's civil-date algorithms). */
#include "base/date.h"

#include <string.h>
#include <time.h>

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : dim[m - 1];
}

static sp_date days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const int yoe = y - era * 400;
	const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void sp_date_to_ymd(sp_date z, int *y, int *m, int *d)
{
	int32_t zz = z + 719468;
	const int32_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
	const int32_t doe = zz - era * 146097;
	const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const int32_t mp = (5 * doy + 2) / 153;
	const int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	const int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (y)
		*y = (int)(yoe + era * 400 + (mm <= 2));
	if (m)
		*m = mm;
	if (d)
		*d = dd;
}

bool sp_date_from_ymd(int y, int m, int d, sp_date *out)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

static bool digits(const char *s, int n, int *val)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*val = v;
	return true;
}

static bool split(const char *s, int *y, int *m, int *d)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, y) &&
	       digits(s + 5, 2, m) && digits(s + 8, 2, d);
}

const char *sp_date_problem(const char *s)
{
	int y, m, d;
	if (!split(s, &y, &m, &d))
		return "is not written YYYY-MM-DD";
	if (y < 1)
		return "has no year 0000";
	if (m < 1 || m > 12)
		return "has a month that does not exist (01–12)";
	if (d < 1 || d > days_in_month(y, m))
		return "is a day that does not exist in that month";
	return "";
}

/* Two digits at s in [0, max]. */
static bool field(const char *s, int max, int *val)
{
	return digits(s, 2, val) && *val <= max;
}

const char *sp_timestamp_problem(const char *s)
{
	size_t n = strlen(s);
	int v, y, m, d;
	bool shape = (n == 20 || n == 25) && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
		     digits(s + 11, 2, &v) && digits(s + 14, 2, &v) && digits(s + 17, 2, &v) &&
		     (n == 20 ? s[19] == 'Z'
			      : (s[19] == '+' || s[19] == '-') && s[22] == ':' &&
				    digits(s + 20, 2, &v) && digits(s + 23, 2, &v));
	char date[SP_DATE_BUFSIZE];
	memcpy(date, s, n >= 10 ? 10 : n);
	date[n >= 10 ? 10 : n] = '\0';
	if (!shape || !split(date, &y, &m, &d))
		return "is not written YYYY-MM-DDTHH:MM:SS followed by Z or an offset +HH:MM or "
		       "-HH:MM";
	const char *why = sp_date_problem(date);
	if (*why)
		return why;
	if (!field(s + 11, 23, &v))
		return "has an hour that does not exist (00–23)";
	if (!field(s + 14, 59, &v))
		return "has a minute that does not exist (00–59)";
	if (!field(s + 17, 59, &v))
		return "has a second that does not exist (00–59)";
	if (n == 25 && (!field(s + 20, 23, &v) || !field(s + 23, 59, &v)))
		return "has an offset that does not exist (hours 00–23, minutes 00–59)";
	return "";
}

bool sp_date_parse(const char *s, sp_date *out)
{
	int y, m, d;
	return split(s, &y, &m, &d) && sp_date_from_ymd(y, m, d, out);
}

char *sp_date_format(sp_date date, char buf[SP_DATE_BUFSIZE])
{
	int y, m, d;
	sp_date_to_ymd(date, &y, &m, &d);
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

sp_date sp_date_add_days(sp_date date, int32_t days)
{
	int64_t sum = (int64_t)date + days; /* no int32 overflow, whatever days is */
	if (sum < SP_DATE_FIRST)
		return SP_DATE_FIRST - 1;
	if (sum > SP_DATE_LAST)
		return SP_DATE_LAST + 1;
	return (sp_date)sum;
}

int sp_date_weekday(sp_date date)
{
	/* 1970-01-01, day 0, was a Thursday (3) */
	return (int)(((int64_t)date % 7 + 7 + 3) % 7);
}

sp_date sp_date_easter(int y)
{
	const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	const int f = (b + 8) / 25, g = (b - f + 1) / 3;
	const int h = (19 * a + b - d - g + 15) % 30;
	const int i = c / 4, k = c % 4;
	const int l = (32 + 2 * e + 2 * i - h - k) % 7;
	const int m = (a + 11 * h + 22 * l) / 451;
	const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return days_from_civil(y, month, day);
}

bool sp_date_is_holiday(sp_date date)
{
	/* the fixed days: the law on holidays (lov 24. februar 1995 nr. 12 om helligdager og
	 * helligdagsfred) § 2, and the law on 1 and 17 May as public holidays */
	static const struct {
		int m, d;
	} fixed[] = {{1, 1}, {5, 1}, {5, 17}, {12, 25}, {12, 26}};
	/* the moveable ones, in days from Easter Sunday */
	static const int from_easter[] = {-3, -2, 0, 1, 39, 49, 50};
	int y, m, d;
	sp_date_to_ymd(date, &y, &m, &d);
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (fixed[i].m == m && fixed[i].d == d)
			return true;
	if (m < 3 || m > 6) /* Maundy Thursday is 19 March at the earliest, Whit Monday 14 June
			       at the latest */
		return false;
	const int32_t off = date - sp_date_easter(y);
	for (size_t i = 0; i < sizeof from_easter / sizeof *from_easter; i++)
		if (off == from_easter[i])
			return true;
	return false;
}

bool sp_date_is_working_day(sp_date date)
{
	return sp_date_weekday(date) < 5 && !sp_date_is_holiday(date);
}

sp_date sp_date_add_working_days(sp_date date, int n)
{
	while (n > 0) {
		if (date >= SP_DATE_LAST)
			return SP_DATE_LAST + 1;
		date++;
		n -= sp_date_is_working_day(date);
	}
	return date;
}

sp_date sp_date_working_day_on_or_before(sp_date date)
{
	/* no run of days off is longer than five (Maundy Thursday to Easter Monday) */
	while (!sp_date_is_working_day(date) && date > SP_DATE_FIRST)
		date--;
	return date;
}

sp_date sp_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
