/* SPDX-License-Identifier: MIT */
/* report.h — indicator reports: the counted breakdowns (domain/indicators.h) written as a
 * data document, CSV or an XLSX workbook, with small groups suppressed
 * (domain/suppress.h). Same counts and settings, same bytes: no clock is read.
 * Only samplan_report links libxlsxwriter.
 * Layer: report; may include base, doc, domain and report. */
#ifndef SP_REPORT_H
#define SP_REPORT_H

#include "base/atomic.h"
#include "base/date.h"
#include "domain/indicators.h"

#include <jansson.h>
#include <stdio.h>

/** What a report states about how it was counted. */
typedef struct {
	sp_date as_of;       /* the day counted as of (--as-of) */
	int days;            /* the handover deadline, days before release (--days) */
	int min_cell;        /* groups of fewer cases show no counts (--min-cell) */
	const char *rules;   /* what tells the rules counted with apart (sp_tool_rules_id());
				a partial carries it; NULL: not said */
	sp_series series;    /* the periods (--series, --from, --to); kind SP_PERIOD_NONE: none */
} sp_report_info;

/* In every function, b[0..nb) are the breakdowns: b[0] the overall one (no dimensions,
 * one group), then those asked for. They are only read (their groups get sorted). */

/* --- report.c ------------------------------------------------------------------------ */

/** The formats a report is written in. */
typedef enum { SP_REPORT_YAML, SP_REPORT_JSON, SP_REPORT_CSV, SP_REPORT_XLSX } sp_report_format;

/** Set *fmt to the format named s ("yaml", "json", "csv" or "xlsx"); false for another
 * name (*fmt unchanged). */
bool sp_report_format_parse(const char *s, sp_report_format *fmt);

/**
 * Write the report to out (base/atomic.h) in fmt: YAML or JSON as sp_report_json() makes
 * it, or with partial the raw counters (sp_partial_json(); YAML or JSON only); CSV as
 * sp_report_csv(); XLSX as sp_report_xlsx() into out's temporary file, which must be a
 * file, with SIGINT and SIGTERM held meanwhile. Returns 0, or -1 when the document or
 * the workbook could not be written (a CSV's write errors show when out is committed).
 * The caller commits or aborts out either way.
 */
int sp_report_write(sp_out *out, sp_report_format fmt, bool partial, sp_breakdown *const *b,
                    size_t nb, const sp_report_info *info);

/* --- json.c -------------------------------------------------------------------------- */

/**
 * The report as a `kind: indicators` document, for sp_writer (YAML or JSON): the settings,
 * the indicators' definitions, and per breakdown its groups with their counts, shares and
 * medians, or `suppressed: true`. Caller frees with json_decref().
 */
json_t *sp_report_json(sp_breakdown *const *b, size_t nb, const sp_report_info *info);

/** A series as data: {period: quarter, from: DATE, to: DATE}. Caller frees. */
json_t *sp_report_series_json(const sp_series *s);

/* --- csv.c --------------------------------------------------------------------------- */

/**
 * Write the report as CSV (RFC 4180, CRLF) to f: a header, then one row per breakdown,
 * group and indicator (in a series: per period, breakdown, group and indicator, the period
 * in a first column). Text a spreadsheet would take for a formula is quoted with a
 * leading apostrophe. Write errors are left in f's error flag for the caller to see when
 * it closes or commits f.
 */
void sp_report_csv(FILE *f, sp_breakdown *const *b, size_t nb, const sp_report_info *info);

/* --- xlsx.c -------------------------------------------------------------------------- */

/**
 * Write the report as an XLSX workbook to path: a Summary sheet (the overall group; in a
 * series, a column per period), one sheet per further breakdown (a row per group), in a
 * series a Trend sheet per breakdown with, per group, a line chart of its main indicators
 * over the periods (no chart sets groups side by side), and a Definitions sheet. libxlsxwriter makes and removes scratch files in path's folder meanwhile.
 * Returns 0, or -1 when the workbook cannot be made or written (errno may be unset).
 */
int sp_report_xlsx(const char *path, sp_breakdown *const *b, size_t nb, const sp_report_info *info);

#endif
