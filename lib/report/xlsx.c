/* SPDX-License-Identifier: MIT */
/* xlsx.c — the indicator report as an XLSX workbook (libxlsxwriter): a summary, a sheet
 * per breakdown, in a series a trend sheet per breakdown with each group's indicators over
 * the periods, and the definitions. No chart sets groups (units) side by side: the
 * report behind samplan asks a unit to compare itself with itself over time. */
#include "report/report.h"
#include "report/reportint.h"
#include "domain/suppress.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* The cell formats every sheet uses. */
typedef struct {
	lxw_format *head, *pct, *wrap;
} formats;

/* A breakdown's sheet: its first columns hold the period (in a series) and the
 * dimensions, then come cases, suppressed and one column per indicator; a row per group
 * under the header. */
typedef struct {
	sp_breakdown *b;
	const bool *sup;
	const sp_dimension *dims;
	const sp_indicator *ind;
	size_t nd, ng, nind;
	size_t np; /* 1 when the first column is the period, else 0 */
} layout;

/* The main indicators of a trend chart: the headline first. */
static const char *const trend_indicators[] = {
    "released_every_need_handed_over", "released_every_need_in_place",
    "handover_confirmed_by_release", "screened_timely", "coordinator_appointed"};

/* A breakdown with more groups than this has its trend as a table only, and so has one by
 * municipality: in real use its groups are many, and each a small place. */
#define TREND_CHARTS_MAX 12

static bool trend_charts(const layout *l, size_t ngroups)
{
	for (size_t d = 0; d < l->nd; d++)
		if (l->dims[d] == SP_BY_MUNICIPALITY)
			return false;
	return ngroups <= TREND_CHARTS_MAX;
}

/* An Excel sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *label, char *out, size_t size)
{
	size_t max = (size < 32 ? size : 32) - 1, n = strlen(label);
	if (n > max) { /* cut at a character, never inside one */
		n = max;
		while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, label, n);
	out[n] = '\0';
	for (char *p = out; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = '_';
}

/* One cell of an indicator: its share (0.0%) or median, or nothing when it has none. */
static void value_cell(lxw_worksheet *ws, const formats *fm, lxw_row_t r, lxw_col_t c,
                       const sp_indicator *ind, const sp_counters *k)
{
	double v;
	if (sp_report_value(ind, k, &v))
		worksheet_write_number(ws, r, c, v, ind->den < 0 ? NULL : fm->pct);
}

/* Summary: the overall group */
static void summary_sheet(lxw_workbook *wb, const formats *fm, sp_breakdown *overall, bool sup)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 3, 13, NULL);
	worksheet_set_column(ws, 4, 4, 80, NULL);
	const char *sh[] = {"Indicator", "Count", "Denominator", "Share / median days",
	                    "Definition"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, sh[c], fm->head);
	worksheet_freeze_panes(ws, 1, 0);
	const sp_counters *all = sp_breakdown_counters(overall, 0);
	sup = sup || !all;
	for (size_t n = 0; n < nind; n++) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, ind[n].name, NULL);
		if (!sup && ind[n].den >= 0) {
			worksheet_write_number(ws, r, 1, (double)all->c[ind[n].num], NULL);
			worksheet_write_number(ws, r, 2, (double)all->c[ind[n].den], NULL);
		}
		if (!sup)
			value_cell(ws, fm, r, 3, &ind[n], all);
		worksheet_write_string(ws, r, 4, ind[n].text, NULL);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)nind, 4);
}

/* Summary of a series: a row per indicator, a column per period of the overall group
 * (nothing in a suppressed period's column), and whether it is a stock or a flow. */
static void summary_series_sheet(lxw_workbook *wb, const formats *fm, sp_breakdown *overall,
                                 const bool *sup)
{
	size_t nind, np = sp_breakdown_count(overall);
	const sp_indicator *ind = sp_indicators(&nind);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 9, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(2 + np), 11, NULL);
	worksheet_write_string(ws, 0, 0, "Indicator", fm->head);
	worksheet_write_string(ws, 0, 1, "Measure", fm->head);
	char period[SP_PERIOD_LABEL];
	for (size_t p = 0; p < np; p++)
		worksheet_write_string(ws, 0, (lxw_col_t)(2 + p),
		                       sp_breakdown_period(overall, p, period) ? period : "", fm->head);
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t n = 0; n < nind; n++) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, ind[n].name, NULL);
		worksheet_write_string(ws, r, 1, ind[n].flow ? "flow" : "stock", NULL);
		for (size_t p = 0; p < np; p++)
			if (!sup[p])
				value_cell(ws, fm, r, (lxw_col_t)(2 + p), &ind[n],
				           sp_breakdown_counters(overall, p));
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)nind, (lxw_col_t)(1 + np));
}

/* The header row and column widths of a breakdown's sheet: the period, a column per
 * dimension (as wide as its longest value), cases, suppressed, and one per indicator. */
static void breakdown_columns(lxw_worksheet *ws, const formats *fm, const layout *l)
{
	sp_breakdown *b = l->b;
	const sp_indicator *ind = l->ind;
	const sp_dimension *dims = l->dims;
	size_t nind = l->nind, nd = l->nd, ng = l->ng, np = l->np;
	if (np) {
		worksheet_set_column(ws, 0, 0, 10, NULL);
		worksheet_write_string(ws, 0, 0, "period", fm->head);
	}
	for (size_t dcol = 0; dcol < nd; dcol++) {
		size_t w = strlen(sp_dimension_name(dims[dcol]));
		for (size_t g = 0; g < ng; g++) {
			char values[SP_BY_COUNT][256];
			sp_report_key_values(sp_breakdown_key(b, g), values, SP_BY_COUNT);
			if (strlen(values[dcol]) > w)
				w = strlen(values[dcol]);
		}
		worksheet_set_column(ws, (lxw_col_t)(np + dcol), (lxw_col_t)(np + dcol),
		                     (double)w + 2, NULL);
	}
	lxw_col_t c0 = (lxw_col_t)(np + nd);
	worksheet_set_column(ws, c0, c0 + 1, 11, NULL);
	for (size_t n = 0; n < nind; n++)
		worksheet_set_column(ws, (lxw_col_t)(c0 + 2 + n), (lxw_col_t)(c0 + 2 + n),
		                     (double)strlen(ind[n].name) + 2, NULL);
	for (size_t dcol = 0; dcol < nd; dcol++)
		worksheet_write_string(ws, 0, (lxw_col_t)(np + dcol), sp_dimension_name(dims[dcol]),
		                       fm->head);
	worksheet_write_string(ws, 0, c0, "cases", fm->head);
	worksheet_write_string(ws, 0, c0 + 1, "suppressed", fm->head);
	for (size_t n = 0; n < nind; n++)
		worksheet_write_string(ws, 0, (lxw_col_t)(c0 + 2 + n), ind[n].name, fm->head);
	worksheet_freeze_panes(ws, 1, 0);
}

/* Row r of a breakdown's sheet for group g: its period and key, cases, and each
 * indicator's share or median; a suppressed group shows only its period and key. */
static void group_row(lxw_worksheet *ws, const formats *fm, const layout *l, lxw_row_t r, size_t g)
{
	sp_breakdown *b = l->b;
	lxw_col_t c0 = (lxw_col_t)(l->np + l->nd);
	const sp_counters *k = sp_breakdown_counters(b, g);
	char values[SP_BY_COUNT][256], period[SP_PERIOD_LABEL];
	sp_report_key_values(sp_breakdown_key(b, g), values, SP_BY_COUNT);
	if (l->np)
		worksheet_write_string(ws, r, 0, sp_breakdown_period(b, g, period) ? period : "", NULL);
	for (size_t dcol = 0; dcol < l->nd; dcol++)
		worksheet_write_string(ws, r, (lxw_col_t)(l->np + dcol), values[dcol], NULL);
	if (l->sup[g]) {
		worksheet_write_string(ws, r, c0 + 1, "yes", NULL);
		return;
	}
	worksheet_write_number(ws, r, c0, (double)k->c[C_CASES], NULL);
	worksheet_write_string(ws, r, c0 + 1, "no", NULL);
	for (size_t n = 0; n < l->nind; n++)
		value_cell(ws, fm, r, (lxw_col_t)(c0 + 2 + n), &l->ind[n], k);
}

static layout layout_of(sp_breakdown *b, const bool *sup, bool series)
{
	layout l = {.b = b, .sup = sup, .ng = sp_breakdown_count(b), .np = series};
	l.ind = sp_indicators(&l.nind);
	l.nd = sp_breakdown_dims(b, &l.dims);
	return l;
}

/* A sheet named for label (with prefix), or one named by its number when two names agree
 * in their first 31 characters; its name in name[40]; NULL when none can be added. */
static lxw_worksheet *add_sheet(lxw_workbook *wb, const char *prefix, const char *label, size_t i,
                                char name[40])
{
	char full[300];
	snprintf(full, sizeof full, "%s%s", prefix, label);
	sheet_name(full, name, 40);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws) {
		snprintf(name, 40, "%sbreakdown %zu", prefix, i);
		ws = workbook_add_worksheet(wb, name);
	}
	return ws;
}

/* One sheet for breakdown b (the i-th): a row per group (per period and group in a
 * series), a column per indicator. Returns 0, or -1 when no sheet can be added. */
static int breakdown_sheet(lxw_workbook *wb, const formats *fm, const layout *l, size_t i)
{
	char label[256], name[40];
	lxw_worksheet *ws = add_sheet(wb, "", sp_report_by_label(l->b, label, sizeof label), i, name);
	if (!ws)
		return -1;
	breakdown_columns(ws, fm, l);
	for (size_t g = 0; g < l->ng; g++)
		group_row(ws, fm, l, (lxw_row_t)(g + 1), g);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)l->ng,
	                     (lxw_col_t)(l->np + l->nd + 1 + l->nind));
	return 0;
}

static int by_key(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The distinct keys (values, without the period) of l's groups, sorted; their number. */
static size_t distinct_keys(const layout *l, const char **keys)
{
	for (size_t g = 0; g < l->ng; g++)
		keys[g] = sp_breakdown_key(l->b, g);
	if (l->ng)
		qsort(keys, l->ng, sizeof *keys, by_key);
	size_t n = 0;
	for (size_t g = 0; g < l->ng; g++)
		if (n == 0 || strcmp(keys[n - 1], keys[g]) != 0)
			keys[n++] = keys[g];
	return n;
}

/* Row r of a trend sheet for a period in which the group had no case: its period and key,
 * and nothing else (a gap in its line). */
static void empty_row(lxw_worksheet *ws, const layout *l, lxw_row_t r, const char *period,
                      const char *key)
{
	char values[SP_BY_COUNT][256];
	sp_report_key_values(key, values, SP_BY_COUNT);
	worksheet_write_string(ws, r, 0, period, NULL);
	for (size_t dcol = 0; dcol < l->nd; dcol++)
		worksheet_write_string(ws, r, (lxw_col_t)(1 + dcol), values[dcol], NULL);
}

/* A line chart of the main indicators of one group over its rows first..last (1-based
 * sheet rows) of the trend sheet `name`, placed at row `at` beside the table. */
static void trend_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *name, const layout *l,
                        const char *title, lxw_row_t first, lxw_row_t last, lxw_row_t at)
{
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_LINE);
	chart_title_set_name(chart, title);
	lxw_col_t c0 = (lxw_col_t)(l->np + l->nd);
	for (size_t ci = 0; ci < sizeof trend_indicators / sizeof *trend_indicators; ci++) {
		for (size_t n = 0; n < l->nind; n++) {
			if (strcmp(l->ind[n].name, trend_indicators[ci]) != 0)
				continue;
			lxw_col_t col = (lxw_col_t)(c0 + 2 + n);
			lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
			chart_series_set_categories(s, name, first, 0, last, 0);
			chart_series_set_values(s, name, first, col, last, col);
			chart_series_set_name_range(s, name, 0, col);
			chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
		}
	}
	chart_axis_set_num_format(chart->y_axis, "0%");
	chart_axis_set_min(chart->y_axis, 0);
	chart_axis_set_max(chart->y_axis, 1);
	chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP); /* a suppressed period: a gap */
	lxw_chart_options at_opt = {.x_scale = 1.3, .y_scale = 1.1};
	worksheet_insert_chart_opt(ws, at, (lxw_col_t)(c0 + 3 + l->nind), chart, &at_opt);
}

/* The trend sheet of breakdown b (the i-th): a row for each group and period (every
 * period of the overall breakdown, also those without the group's cases), the period
 * first; with few groups, a chart per group of its main indicators over the periods. */
static int trend_sheet(lxw_workbook *wb, const formats *fm, const layout *l, sp_breakdown *overall,
                       size_t i)
{
	char label[256], name[40], title[600], period[SP_PERIOD_LABEL], full[1100];
	sp_report_by_label(l->b, label, sizeof label);
	lxw_worksheet *ws = add_sheet(wb, i ? "Trend " : "Trend", i ? label : "", i, name);
	const char **keys = calloc(l->ng ? l->ng : 1, sizeof *keys);
	if (!ws || !keys) {
		free(keys);
		return -1;
	}
	breakdown_columns(ws, fm, l);
	size_t nk = distinct_keys(l, keys), np = sp_breakdown_count(overall);
	lxw_row_t r = 1;
	for (size_t k = 0; k < nk; k++, r += (lxw_row_t)np) {
		for (size_t p = 0; p < np; p++) {
			const char *per = sp_breakdown_period(overall, p, period) ? period : "";
			snprintf(full, sizeof full, "%s%c%s", per, SP_PERIOD_SEP, keys[k]);
			long g = sp_breakdown_find(l->b, full);
			if (g >= 0)
				group_row(ws, fm, l, r + (lxw_row_t)p, (size_t)g);
			else
				empty_row(ws, l, r + (lxw_row_t)p, per, keys[k]);
		}
	}
	worksheet_autofilter(ws, 0, 0, r - 1, (lxw_col_t)(l->np + l->nd + 1 + l->nind));
	for (size_t k = 0; trend_charts(l, nk) && k < nk; k++) {
		char shown[300];
		snprintf(shown, sizeof shown, "%s", *keys[k] ? keys[k] : "All cases");
		for (char *c = shown; *c; c++)
			if (*c == '\x1f')
				*c = ' ';
		snprintf(title, sizeof title, "%s over time", shown);
		lxw_row_t first = (lxw_row_t)(1 + k * np);
		trend_chart(wb, ws, name, l, title, first, first + (lxw_row_t)np - 1,
		            (lxw_row_t)(1 + k * 18));
	}
	free(keys);
	return 0;
}

/* how each indicator is defined, and as of when */
static void definitions_sheet(lxw_workbook *wb, const formats *fm, const sp_report_info *info,
			      unsigned long cases)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Definitions");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 90, fm->wrap);
	worksheet_set_column(ws, 2, 3, 28, NULL);
	worksheet_set_column(ws, 4, 4, 10, NULL);
	const char *head[] = {"Indicator", "Definition", "Numerator", "Denominator", "Measure"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], fm->head);
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t n = 0; n < nind; n++) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, ind[n].name, NULL);
		worksheet_write_string(ws, r, 1, ind[n].text, NULL);
		worksheet_write_string(
		    ws, r, 2,
		    ind[n].den < 0 ? sp_hist_name(ind[n].hist) : sp_counter_name(ind[n].num), NULL);
		worksheet_write_string(
		    ws, r, 3, ind[n].den < 0 ? "(median)" : sp_counter_name(ind[n].den), NULL);
		worksheet_write_string(ws, r, 4, ind[n].flow ? "flow" : "stock", NULL);
	}
	lxw_row_t r = (lxw_row_t)nind + 2;
	char text[512], date[SP_DATE_BUFSIZE], from[SP_DATE_BUFSIZE], to[SP_DATE_BUFSIZE], what[128];
	const sp_series *s = &info->series;
	if (s->kind)
		snprintf(what, sizeof what, "by %s from %s to %s (--series)", sp_period_kind_name(s->kind),
		         sp_date_format(s->from, from), sp_date_format(s->to, to));
	else
		snprintf(what, sizeof what, "%lu cases counted", cases);
	snprintf(text, sizeof text,
	         "As of %s (--as-of); handover deadline %d days before release "
	         "(--days); groups of fewer than %d cases are suppressed (--min-cell); "
	         "%s.",
	         sp_date_format(info->as_of, date), info->days, info->min_cell, what);
	worksheet_write_string(ws, r, 0, "About", fm->head);
	worksheet_write_string(ws, r, 1, text, NULL);
}

/* Every sheet but the definitions; -1 when one cannot be added. */
static int sheets(lxw_workbook *wb, const formats *fm, sp_breakdown *const *b, size_t nb,
                  bool **sup, bool series)
{
	if (series)
		summary_series_sheet(wb, fm, b[0], sup[0]);
	else
		summary_sheet(wb, fm, b[0], sp_breakdown_count(b[0]) && sup[0][0]);
	for (size_t i = series ? 0 : 1; i < nb; i++) {
		layout l = layout_of(b[i], sup[i], series);
		if ((i && breakdown_sheet(wb, fm, &l, i) != 0) ||
		    (series && trend_sheet(wb, fm, &l, b[0], i) != 0))
			return -1;
	}
	return 0;
}

int sp_report_xlsx(const char *path, sp_breakdown *const *b, size_t nb, const sp_report_info *info)
{
	/* libxlsxwriter's own temporary files go beside the target, like ours */
	char *dir = strdup(path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	lxw_workbook_options wo = {
	    .constant_memory = LXW_TRUE, .tmpdir = slash ? dir : ".", .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	free(dir);
	if (!wb)
		return -1;
	lxw_doc_properties props = {.title = "samplan indicators",
	                            .author = "samplan-indicators",
	                            .created =
	                                (time_t)info->as_of * 86400}; /* no wall-clock time */
	workbook_set_properties(wb, &props);
	formats fm;
	fm.head = workbook_add_format(wb);
	format_set_bold(fm.head);
	format_set_bottom(fm.head, LXW_BORDER_THIN);
	fm.pct = workbook_add_format(wb);
	format_set_num_format(fm.pct, "0.0%");
	fm.wrap = workbook_add_format(wb);
	format_set_text_wrap(fm.wrap);
	bool **sup = sp_breakdowns_suppressed(b, nb, info->min_cell);
	int rc = sheets(wb, &fm, b, nb, sup, info->series.kind != SP_PERIOD_NONE);
	sp_suppressed_free(sup, nb);
	if (rc != 0) {
		workbook_close(wb);
		return -1;
	}
	definitions_sheet(wb, &fm, info, sp_report_cases(b));
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
