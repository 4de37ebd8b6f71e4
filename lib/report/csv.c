/* SPDX-License-Identifier: MIT */
/* csv.c — the indicator report as CSV: one row per breakdown, group and indicator. */
#include "report/report.h"
#include "report/reportint.h"
#include "domain/suppress.h"

#include <stdlib.h>
#include <string.h>

/* RFC 4180: quote fields with commas, quotes or line breaks; text that a spreadsheet would
 * take for a formula (= + - @, tab, CR) gets a leading apostrophe. */
static void csv_field(FILE *f, const char *s, bool last)
{
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	bool quote = formula || strpbrk(s, ",\"\r\n");
	if (quote)
		fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

/* The values of one indicator of a group, after its name. */
static void csv_values(FILE *f, const sp_indicator *ind, const sp_counters *k)
{
	double v;
	bool shown = sp_report_value(ind, k, &v);
	if (ind->den < 0) {
		if (shown)
			fprintf(f, ",,,%d,no\r\n", (int)v);
		else
			fputs(",,,,no\r\n", f);
		return;
	}
	fprintf(f, "%llu,%llu,", (unsigned long long)k->c[ind->num],
	        (unsigned long long)k->c[ind->den]);
	if (shown)
		fprintf(f, "%.6f", v);
	fputs(",,no\r\n", f);
}

void sp_report_csv(FILE *f, sp_breakdown *const *b, size_t nb, const sp_report_info *info)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	bool series = info->series.kind != SP_PERIOD_NONE;
	bool **sup = sp_breakdowns_suppressed(b, nb, info->min_cell);
	fputs(series ? "period," : "", f);
	fputs("breakdown,group,indicator,count,denominator,share,median_days,suppressed\r\n", f);
	char label[256], period[SP_PERIOD_LABEL];
	for (size_t i = 0; i < nb; i++) {
		sp_report_by_label(b[i], label, sizeof label);
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			char group[1024];
			snprintf(group, sizeof group, "%s", sp_breakdown_key(b[i], g));
			for (char *p = group; *p; p++)
				if (*p == '\x1f')
					*p = '|';
			bool has_period = sp_breakdown_period(b[i], g, period);
			for (size_t n = 0; n < nind; n++) {
				if (series)
					csv_field(f, has_period ? period : "", false);
				csv_field(f, label, false);
				csv_field(f, *group ? group : "all", false);
				csv_field(f, ind[n].name, false);
				if (sup[i][g])
					fputs(",,,,yes\r\n", f);
				else
					csv_values(f, &ind[n], sp_breakdown_counters(b[i], g));
			}
		}
	}
	sp_suppressed_free(sup, nb);
}
