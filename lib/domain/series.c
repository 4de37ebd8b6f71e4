/* SPDX-License-Identifier: MIT */
/* series.c — calendar periods of a series. */
#include "domain/series.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {NULL, "month", "quarter", "year"};

const char *sp_period_kind_name(sp_period_kind k) { return kind_names[k]; }

int sp_period_kind_parse(const char *s)
{
	for (int k = SP_PERIOD_MONTH; k <= SP_PERIOD_YEAR; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

static int months_of(sp_period_kind k) { return k == SP_PERIOD_MONTH ? 1 : k == SP_PERIOD_QUARTER ? 3 : 12; }

/* The number of the period that holds date, counted in periods of k since year 0. */
static long period_of(sp_period_kind k, sp_date date)
{
	int y, m;
	sp_date_to_ymd(date, &y, &m, NULL);
	return ((long)y * 12 + (m - 1)) / months_of(k);
}

size_t sp_series_count(const sp_series *s)
{
	if (s->kind == SP_PERIOD_NONE || s->to < s->from)
		return 0;
	return (size_t)(period_of(s->kind, s->to) - period_of(s->kind, s->from) + 1);
}

void sp_series_period(const sp_series *s, size_t i, sp_date *from, sp_date *to,
		      char label[SP_PERIOD_LABEL])
{
	int n = months_of(s->kind);
	long p = period_of(s->kind, s->from) + (long)i, month0 = p * n;
	int y = (int)(month0 / 12), m = (int)(month0 % 12) + 1;
	sp_date first, next;
	sp_date_from_ymd(y, m, 1, &first);
	long after = month0 + n;
	if (!sp_date_from_ymd((int)(after / 12), (int)(after % 12) + 1, 1, &next))
		next = SP_DATE_LAST + 1; /* the last year there is */
	*from = first < s->from ? s->from : first;
	*to = next - 1 > s->to ? s->to : next - 1;
	if (!label)
		return;
	unsigned year = (unsigned)y % 10000u, month = (unsigned)m % 13u;
	if (s->kind == SP_PERIOD_MONTH)
		snprintf(label, SP_PERIOD_LABEL, "%04u-%02u", year, month);
	else if (s->kind == SP_PERIOD_QUARTER)
		snprintf(label, SP_PERIOD_LABEL, "%04u-Q%u", year, (month + 2) / 3 % 5);
	else
		snprintf(label, SP_PERIOD_LABEL, "%04u", year);
}
