/* SPDX-License-Identifier: MIT */
/* xlsx.c — the indicator report as an XLSX workbook (libxlsxwriter): a summary, a sheet
 * and a chart per breakdown, and the definitions. */
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

/* A breakdown's sheet: its first nd columns hold the dimensions, then come cases,
 * suppressed and one column per indicator; a row per group under the header. */
typedef struct {
	sp_breakdown *b;
	const sp_dimension *dims;
	const sp_indicator *ind;
	size_t nd, ng, nind;
} layout;

static const char *const chart_indicators[] = {
    "screened_timely", "ip_indicated", "coordinator_appointed", "handover_confirmed_by_deadline",
    "needs_with_consent"};

/* An Excel sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *label, char *out, size_t size)
{
	snprintf(out, size < 32 ? size : 32, "%s", label);
	for (char *p = out; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = '_';
}

/* Summary: the overall group */
static void summary_sheet(lxw_workbook *wb, const formats *fm, sp_breakdown *overall, int min_cell)
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
	bool *sup0 = sp_breakdown_suppressed(overall, min_cell);
	bool sup = !all || sup0[0];
	free(sup0);
	for (size_t n = 0; n < nind; n++) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, ind[n].name, NULL);
		if (!sup && ind[n].den < 0) {
			bool over;
			int med = sp_counters_median(all, ind[n].hist, &over);
			if (med >= 0)
				worksheet_write_number(ws, r, 3, med, NULL);
		} else if (!sup) {
			uint64_t num = all->c[ind[n].num], den = all->c[ind[n].den];
			worksheet_write_number(ws, r, 1, (double)num, NULL);
			worksheet_write_number(ws, r, 2, (double)den, NULL);
			if (den)
				worksheet_write_number(ws, r, 3, (double)num / (double)den,
				                       fm->pct);
		}
		worksheet_write_string(ws, r, 4, ind[n].text, NULL);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)nind, 4);
}

/* The header row and column widths of a breakdown's sheet: a column per dimension (as
 * wide as its longest value), cases, suppressed, and one per indicator. */
static void breakdown_columns(lxw_worksheet *ws, const formats *fm, const layout *l)
{
	sp_breakdown *b = l->b;
	const sp_indicator *ind = l->ind;
	const sp_dimension *dims = l->dims;
	size_t nind = l->nind, nd = l->nd, ng = l->ng;
	for (size_t dcol = 0; dcol < nd; dcol++) {
		size_t w = strlen(sp_dimension_name(dims[dcol]));
		for (size_t g = 0; g < ng; g++) {
			char values[SP_BY_COUNT][256];
			sp_report_key_values(sp_breakdown_key(b, g), values, SP_BY_COUNT);
			if (strlen(values[dcol]) > w)
				w = strlen(values[dcol]);
		}
		worksheet_set_column(ws, (lxw_col_t)dcol, (lxw_col_t)dcol, (double)w + 2, NULL);
	}
	lxw_col_t c0 = (lxw_col_t)nd;
	worksheet_set_column(ws, c0, c0 + 1, 11, NULL);
	for (size_t n = 0; n < nind; n++)
		worksheet_set_column(ws, (lxw_col_t)(c0 + 2 + n), (lxw_col_t)(c0 + 2 + n),
		                     (double)strlen(ind[n].name) + 2, NULL);
	for (size_t dcol = 0; dcol < nd; dcol++)
		worksheet_write_string(ws, 0, (lxw_col_t)dcol, sp_dimension_name(dims[dcol]),
		                       fm->head);
	worksheet_write_string(ws, 0, c0, "cases", fm->head);
	worksheet_write_string(ws, 0, c0 + 1, "suppressed", fm->head);
	for (size_t n = 0; n < nind; n++)
		worksheet_write_string(ws, 0, (lxw_col_t)(c0 + 2 + n), ind[n].name, fm->head);
	worksheet_freeze_panes(ws, 1, 0);
}

/* A row per group of a breakdown's sheet: its key, cases, and each indicator's share or
 * median; a suppressed group shows only its key. */
static void breakdown_rows(lxw_worksheet *ws, const formats *fm, const layout *l, int min_cell)
{
	sp_breakdown *b = l->b;
	const sp_indicator *ind = l->ind;
	size_t nind = l->nind, nd = l->nd, ng = l->ng;
	lxw_col_t c0 = (lxw_col_t)nd;
	bool *sup = sp_breakdown_suppressed(b, min_cell);
	for (size_t g = 0; g < ng; g++) {
		lxw_row_t r = (lxw_row_t)(g + 1);
		const sp_counters *k = sp_breakdown_counters(b, g);
		char values[SP_BY_COUNT][256];
		sp_report_key_values(sp_breakdown_key(b, g), values, SP_BY_COUNT);
		for (size_t dcol = 0; dcol < nd; dcol++)
			worksheet_write_string(ws, r, (lxw_col_t)dcol, values[dcol], NULL);
		if (sup[g]) {
			worksheet_write_string(ws, r, c0 + 1, "yes", NULL);
			continue;
		}
		worksheet_write_number(ws, r, c0, (double)k->c[C_CASES], NULL);
		worksheet_write_string(ws, r, c0 + 1, "no", NULL);
		for (size_t n = 0; n < nind; n++) {
			lxw_col_t col = (lxw_col_t)(c0 + 2 + n);
			if (ind[n].den < 0) {
				bool over;
				int med = sp_counters_median(k, ind[n].hist, &over);
				if (med >= 0)
					worksheet_write_number(ws, r, col, med, NULL);
			} else if (k->c[ind[n].den]) {
				worksheet_write_number(
				    ws, r, col, (double)k->c[ind[n].num] / (double)k->c[ind[n].den],
				    fm->pct);
			}
		}
	}
	free(sup);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)ng, (lxw_col_t)(c0 + 1 + nind));
}

/* The main indicators by group, as columns, below the rows of sheet `name`. */
static void breakdown_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *name,
                            const char *label, const layout *l)
{
	const sp_indicator *ind = l->ind;
	size_t nind = l->nind, nd = l->nd, ng = l->ng;
	lxw_col_t c0 = (lxw_col_t)nd;
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
	char title[300];
	snprintf(title, sizeof title, "Main indicators by %s", label);
	chart_title_set_name(chart, title);
	for (size_t ci = 0; ci < sizeof chart_indicators / sizeof *chart_indicators; ci++) {
		for (size_t n = 0; n < nind; n++) {
			if (strcmp(ind[n].name, chart_indicators[ci]) != 0)
				continue;
			lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
			chart_series_set_categories(s, name, 1, (lxw_col_t)(nd - 1), (lxw_row_t)ng,
			                            (lxw_col_t)(nd - 1));
			chart_series_set_values(s, name, 1, (lxw_col_t)(c0 + 2 + n), (lxw_row_t)ng,
			                        (lxw_col_t)(c0 + 2 + n));
			chart_series_set_name_range(s, name, 0, (lxw_col_t)(c0 + 2 + n));
		}
	}
	chart_axis_set_num_format(chart->y_axis, "0%");
	worksheet_insert_chart(ws, (lxw_row_t)ng + 3, 0, chart);
}

/* One sheet for breakdown b (the i-th): a row per group, a column per indicator, and a
 * chart. Returns 0, or -1 when no sheet can be added. */
static int breakdown_sheet(lxw_workbook *wb, const formats *fm, sp_breakdown *b, size_t i,
                           int min_cell)
{
	char label[256], name[40];
	sheet_name(sp_report_by_label(b, label, sizeof label), name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws) { /* two breakdowns whose names agree in their first 31 characters */
		snprintf(name, sizeof name, "breakdown %zu", i);
		ws = workbook_add_worksheet(wb, name);
	}
	if (!ws)
		return -1;
	layout l = {.b = b, .ng = sp_breakdown_count(b)};
	l.ind = sp_indicators(&l.nind);
	l.nd = sp_breakdown_dims(b, &l.dims);
	breakdown_columns(ws, fm, &l);
	breakdown_rows(ws, fm, &l, min_cell);
	if (l.ng)
		breakdown_chart(wb, ws, name, label, &l);
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
	worksheet_write_string(ws, 0, 0, "Indicator", fm->head);
	worksheet_write_string(ws, 0, 1, "Definition", fm->head);
	worksheet_write_string(ws, 0, 2, "Numerator", fm->head);
	worksheet_write_string(ws, 0, 3, "Denominator", fm->head);
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
	}
	lxw_row_t r = (lxw_row_t)nind + 2;
	char text[256], date[SP_DATE_BUFSIZE];
	snprintf(text, sizeof text,
	         "As of %s (--as-of); handover deadline %d days before release "
	         "(--days); groups of fewer than %d cases are suppressed (--min-cell); "
	         "%lu cases counted.",
	         sp_date_format(info->as_of, date), info->days, info->min_cell, cases);
	worksheet_write_string(ws, r, 0, "About", fm->head);
	worksheet_write_string(ws, r, 1, text, NULL);
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
	summary_sheet(wb, &fm, b[0], info->min_cell);
	for (size_t i = 1; i < nb; i++) {
		if (breakdown_sheet(wb, &fm, b[i], i, info->min_cell) != 0) {
			workbook_close(wb);
			return -1;
		}
	}
	definitions_sheet(wb, &fm, info, sp_report_cases(b));
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
