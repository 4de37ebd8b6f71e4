/* SPDX-License-Identifier: MIT */
/* indicators.h — indicators over many cases: counters per group of a breakdown (by unit,
 * sentence length, risk areas, …), summed case by case and mergeable, so that partial
 * results from any split of the cases combine to exactly the whole.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_INDICATORS_H
#define SP_INDICATORS_H

#include "domain/handover.h"
#include "domain/series.h"

#include <stdint.h>

/** The counters kept per group. */
enum {
	C_CASES, C_RELEASED_WITH_NEEDS, C_RELEASED_HANDED_OVER, C_RELEASED_IN_PLACE,
	C_STARTED, C_SCREENED, C_TIMELY,
	C_RISK0, C_RISK1, C_RISK2, C_RISK3, C_RISK4, C_RISK5, C_RISK6, C_RISK7, C_RISK8,
	C_CASELOAD_SCREENED, C_IP, C_IP_REQUESTED, C_IP_ESTABLISHED, C_COORDINATOR, C_GROUP, C_IP_WITH_RELEASE, C_MET,
	C_NEEDS, C_NEEDS_CONSENT, C_NEEDS_WITH_RELEASE, C_CONFIRMED_BY_DEADLINE, C_NEEDS_RELEASED,
	C_CONFIRMED_BY_RELEASE, C_FOLLOW_UP_IN_PLACE, C_LETTERS_DUE, C_LETTERS_ANSWERED,
	C_COUNT
};

/** Day histograms (0 … SP_HIST_DAYS−1, and a last bin for more), behind the medians. */
enum { H_DAYS_TO_COORDINATOR, H_DAYS_TO_CONFIRMATION, H_COUNT };
#define SP_HIST_DAYS 731

/** The name of counter i ("screened") and of histogram i ("days_to_coordinator"). */
const char *sp_counter_name(int i);
const char *sp_hist_name(int i);

typedef struct {
	uint64_t c[C_COUNT];
	uint64_t h[H_COUNT][SP_HIST_DAYS + 1];
} sp_counters;

/** One case's contribution: counts and the days it adds to each histogram. */
typedef struct {
	uint32_t c[C_COUNT];
	int32_t days[H_COUNT][SP_DOMAIN_COUNT + 1];
	uint8_t ndays[H_COUNT];
} sp_case_counts;

/** What one case adds to the counters of its groups (computed once, added to each), as
 * of a date: sp_case_counts_in() over the period of every day up to as_of. */
void sp_case_counts_get(const json_t *c, const sp_handover_check *h, sp_date as_of,
			sp_case_counts *out);

/** Whether the case of info was serving on some day from `from` to `to`: its sentence
 * started on or before `to`, and it was not released before `from`. Only such cases
 * count in a period. */
bool sp_case_in_period(const sp_case_info *info, sp_date from, sp_date to);

/**
 * What case c adds to the counters of the period from `from` to `to` (both included),
 * with h its check as of `to` (of the case as it stood on `to`, sp_case_as_of()). The
 * stocks (samplan-indicators(1)) are those of the case on `to`; the flows count only what
 * falls in the period: a sentence started in it, a release in it, a letter due in it, a
 * coordinator appointed in it, a handover confirmed in it. c must be in the period
 * (sp_case_in_period()).
 */
void sp_case_counts_in(const json_t *c, const sp_handover_check *h, sp_date from, sp_date to,
		       sp_case_counts *out);

/** k += one case's counts. */
void sp_counters_add_counts(sp_counters *k, const sp_case_counts *cc);

/** Add one case's counts to k (sp_case_counts_get and sp_counters_add_counts). */
void sp_counters_add_case(sp_counters *k, const json_t *c, const sp_handover_check *h,
			  sp_date as_of);

/** k += other. */
void sp_counters_merge(sp_counters *k, const sp_counters *other);

/** The median of histogram i (days), or -1 with no values; *over is set when the median
 * falls in the last bin (SP_HIST_DAYS or more). */
int sp_counters_median(const sp_counters *k, int i, bool *over);

/** The breakdown dimensions. */
typedef enum {
	SP_BY_UNIT, SP_BY_SENTENCE_LENGTH, SP_BY_RISK_AREAS, SP_BY_SENTENCE_TYPE,
	SP_BY_MUNICIPALITY, SP_BY_SUPERVISION, SP_BY_RELEASE_MONTH, SP_BY_COUNT
} sp_dimension;

const char *sp_dimension_name(sp_dimension d);
int sp_dimension_parse(const char *s); /* -1 if unknown */

/** The value of a dimension for a case ("3-12 months"), in buf. */
const char *sp_dimension_value(sp_dimension d, const json_t *c, const sp_handover_check *h,
			       char *buf, size_t size);

/** One breakdown: the groups of cases sharing the values of its dimensions (none: all). */
typedef struct sp_breakdown sp_breakdown;

sp_breakdown *sp_breakdown_new(const sp_dimension *dims, size_t ndims);
void sp_breakdown_free(sp_breakdown *b);
size_t sp_breakdown_dims(const sp_breakdown *b, const sp_dimension **dims);

/** Count a case in its group. */
void sp_breakdown_add(sp_breakdown *b, const json_t *c, const sp_handover_check *h, sp_date as_of);

/** The values of every dimension for a case, computed once for all breakdowns. */
typedef struct {
	char v[SP_BY_COUNT][128];
} sp_case_keys;

void sp_case_keys_get(const json_t *c, const sp_handover_check *h, sp_case_keys *out);

/** What one case adds in one period: the period's label ("" without a series), the
 * case's keys and its counts, both as it stood at the period's end. */
typedef struct {
	char period[SP_PERIOD_LABEL];
	sp_case_keys keys;
	sp_case_counts cc;
} sp_period_counts;

/**
 * What case c (a valid case) adds in each period of s it was serving in, each time of
 * the case as it stood at the period's end (sp_case_as_of()) and checked then (rules,
 * reg and days as for sp_check_handovers()); without a series (s->kind SP_PERIOD_NONE),
 * in the one period of every day up to as_of. out must have room for
 * sp_series_count(s) entries (1 without a series). Returns how many it filled (0 for a
 * case whose sentence starts after the last period), or -1 when a date the check derives
 * cannot be written: *bad then holds that check's dates, for sp_handover_dates_ok(). Nothing is
 * added anywhere: the caller adds out[] to its breakdowns (sp_breakdown_add_period()).
 */
long sp_case_periods(const json_t *c, const sp_series *s, sp_date as_of, const sp_rules *rules,
		     const sp_agencies *reg, int days, sp_period_counts *out, sp_handover_check *bad);

/** Count one case's period, from sp_case_periods(), in its group of b (with the period
 * as the first key when series is true). */
void sp_breakdown_add_period(sp_breakdown *b, const sp_period_counts *pc, bool series);

/** Count a case, given its keys and counts, in its group of b. */
void sp_breakdown_add_counts(sp_breakdown *b, const sp_case_keys *keys, const sp_case_counts *cc);

/** In a series the period is the first part of a group's key, before this character: the
 * full key is "2026-Q1\x1e" followed by the values. */
#define SP_PERIOD_SEP '\x1e'

/** Count a case, given its keys and its counts in period `period` (a label), in its group
 * of that period in b. */
void sp_breakdown_add_in(sp_breakdown *b, const char *period, const sp_case_keys *keys,
			 const sp_case_counts *cc);

/** The counters of the group with this full key (values joined by '\x1f', after the
 * period and SP_PERIOD_SEP in a series), created if new. */
sp_counters *sp_breakdown_group(sp_breakdown *b, const char *key);

/** The position (in key order) of the group with this full key, or -1 when there is none. */
long sp_breakdown_find(sp_breakdown *b, const char *key);

/** Add every group of other into b (same dimensions). */
void sp_breakdown_merge(sp_breakdown *b, const sp_breakdown *other);

/** Groups in key order (in a series: by period, then values): their number, the i-th
 * group's key (its values, without the period), full key and counters, and its period's
 * label into buf (NULL when it has none). */
size_t sp_breakdown_count(sp_breakdown *b);
const char *sp_breakdown_key(sp_breakdown *b, size_t i);
const char *sp_breakdown_full_key(sp_breakdown *b, size_t i);
const char *sp_breakdown_period(sp_breakdown *b, size_t i, char buf[SP_PERIOD_LABEL]);
const sp_counters *sp_breakdown_counters(sp_breakdown *b, size_t i);

/** One indicator: a share (numerator over denominator) or a median of days; a stock (the
 * cases as they stood at a period's end) or a flow (what happened within the period). */
typedef struct {
	const char *name, *text;
	int num, den;  /* counters; den < 0 for a median */
	int hist;      /* histogram for a median */
	bool flow;
} sp_indicator;

/** Every indicator, in the order of the reports; *n is their number. */
const sp_indicator *sp_indicators(size_t *n);

/** The raw counters of a set of breakdowns as a `kind: indicators_partial` document. */
json_t *sp_partial_json(sp_breakdown *const *b, size_t nb, sp_date as_of, int days);

/** Add a partial document into breakdowns with the same dimensions (matched by `by`).
 * Returns false and sets *why for a document that does not fit. */
bool sp_partial_add(sp_breakdown *const *b, size_t nb, const json_t *partial, sp_date as_of,
		    int days, const char **why);

#endif
