/* SPDX-License-Identifier: MIT */
/* series.h — the periods of an indicator series (--series month|quarter|year with --from
 * and --to): calendar months, quarters or years, the first and the last cut to --from and
 * --to. A period is one more key of every group of a breakdown (indicators.h).
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_SERIES_H
#define SP_SERIES_H

#include "base/date.h"

#include <stdbool.h>
#include <stddef.h>

/** The length of a period; SP_PERIOD_NONE: no series. */
typedef enum { SP_PERIOD_NONE, SP_PERIOD_MONTH, SP_PERIOD_QUARTER, SP_PERIOD_YEAR } sp_period_kind;

/** "month", "quarter", "year" (NULL for SP_PERIOD_NONE). */
const char *sp_period_kind_name(sp_period_kind k);

/** The kind named s, or -1. */
int sp_period_kind_parse(const char *s);

/** A series: periods of one kind from `from` to `to` (both included, from ≤ to). */
typedef struct {
	sp_period_kind kind;
	sp_date from, to;
} sp_series;

/** At most this many periods in a series: 20 years of months. */
#define SP_SERIES_MAX 240

/** Room for a period's label: "2026-Q1", "2026-01" or "2026". */
#define SP_PERIOD_LABEL 8

/** The number of periods of s (0 with no series). It may pass SP_SERIES_MAX: check it. */
size_t sp_series_count(const sp_series *s);

/** The i-th period of s: its first and last day (cut to s->from and s->to) and its label
 * (the calendar period's: "2026-Q1" for a quarter that --from cuts too); label may be
 * NULL when only the days are wanted. */
void sp_series_period(const sp_series *s, size_t i, sp_date *from, sp_date *to,
		      char label[SP_PERIOD_LABEL]);

#endif
