/* SPDX-License-Identifier: MIT */
/* reportint.h — what json.c, csv.c and xlsx.c share (internal): how a breakdown and a
 * group's key are named.
 * Layer: report; may include base, doc, domain and report; internal to lib/report. */
#ifndef SP_REPORTINT_H
#define SP_REPORTINT_H

#include "domain/indicators.h"

/* The breakdown's name, its dimensions joined by '+' ("unit+municipality"), or
 * "overall", in buf; returns buf. */
const char *sp_report_by_label(const sp_breakdown *b, char *buf, size_t size);

/* The key's values, one per dimension (at most max, each cut to 255 bytes); their number. */
/* The cases counted: those of the overall breakdown b[0] (0 when it has no group). */
unsigned long sp_report_cases(sp_breakdown *const *b);

size_t sp_report_key_values(const char *key, char values[][256], size_t max);

/* Whether an indicator's value can be shown: a median with values, a share with a
 * denominator; *v is the median in days or the share. */
bool sp_report_value(const sp_indicator *ind, const sp_counters *k, double *v);

#endif
