/* SPDX-License-Identifier: MIT */
/* json.c — the indicator report as a data document, and the names of breakdowns and
 * groups the other formats share. */
#include "report/report.h"
#include "report/reportint.h"
#include "domain/suppress.h"

#include <stdlib.h>
#include <string.h>

const char *sp_report_by_label(const sp_breakdown *b, char *buf, size_t size)
{
	const sp_dimension *dims;
	size_t n = sp_breakdown_dims(b, &dims);
	buf[0] = '\0';
	if (!n)
		snprintf(buf, size, "overall");
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "+" : "",
		         sp_dimension_name(dims[i]));
	return buf;
}

size_t sp_report_key_values(const char *key, char values[][256], size_t max)
{
	size_t n = 0;
	const char *p = key;
	while (n < max) {
		const char *sep = strchr(p, '\x1f');
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		snprintf(values[n++], 256, "%.*s", (int)len, p);
		if (!sep)
			break;
		p = sep + 1;
	}
	return n;
}

bool sp_report_value(const sp_indicator *ind, const sp_counters *k, double *v)
{
	if (ind->den < 0) {
		bool over;
		int med = sp_counters_median(k, ind->hist, &over);
		*v = med;
		return med >= 0;
	}
	uint64_t den = k->c[ind->den];
	*v = den ? (double)k->c[ind->num] / (double)den : 0;
	return den != 0;
}

/* A group's indicators: counts and share, or the median. */
static json_t *group_indicators(const sp_counters *k)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	json_t *vals = json_array();
	for (size_t n = 0; n < nind; n++) {
		double v;
		bool shown = sp_report_value(&ind[n], k, &v);
		if (ind[n].den < 0) {
			json_array_append_new(vals,
			                      json_pack("{s:s, s:o}", "name", ind[n].name, "median",
			                                shown ? json_integer((json_int_t)v) : json_null()));
			continue;
		}
		uint64_t num = k->c[ind[n].num], den = k->c[ind[n].den];
		json_array_append_new(
		    vals, json_pack("{s:s, s:I, s:I, s:o}", "name", ind[n].name, "count",
		                    (json_int_t)num, "denominator", (json_int_t)den, "share",
		                    shown ? json_real(v) : json_null()));
	}
	return vals;
}

/* One breakdown's groups: each its key (its period first, in a series) and indicators,
 * or suppressed. */
static json_t *breakdown_groups(sp_breakdown *b, const bool *sup)
{
	const sp_dimension *dims;
	size_t nd = sp_breakdown_dims(b, &dims);
	json_t *groups = json_array();
	for (size_t g = 0; g < sp_breakdown_count(b); g++) {
		const sp_counters *k = sp_breakdown_counters(b, g);
		char values[SP_BY_COUNT][256], period[SP_PERIOD_LABEL];
		sp_report_key_values(sp_breakdown_key(b, g), values, SP_BY_COUNT);
		json_t *key = json_object();
		if (sp_breakdown_period(b, g, period))
			json_object_set_new(key, "period", json_string(period));
		for (size_t d = 0; d < nd; d++)
			json_object_set_new(key, sp_dimension_name(dims[d]),
			                    json_string(values[d]));
		json_t *gj = json_pack("{s:o}", "key", key);
		if (sup[g]) {
			json_object_set_new(gj, "suppressed", json_true());
		} else {
			json_object_set_new(gj, "cases", json_integer((json_int_t)k->c[C_CASES]));
			json_object_set_new(gj, "indicators", group_indicators(k));
		}
		json_array_append_new(groups, gj);
	}
	return groups;
}

unsigned long sp_report_cases(sp_breakdown *const *b)
{
	return sp_breakdown_count(b[0]) ? (unsigned long)sp_breakdown_counters(b[0], 0)->c[C_CASES]
					: 0;
}

json_t *sp_report_series_json(const sp_series *s)
{
	char from[SP_DATE_BUFSIZE], to[SP_DATE_BUFSIZE];
	return json_pack("{s:s, s:s, s:s}", "period", sp_period_kind_name(s->kind), "from",
	                 sp_date_format(s->from, from), "to", sp_date_format(s->to, to));
}

json_t *sp_report_json(sp_breakdown *const *b, size_t nb, const sp_report_info *info)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	char date[SP_DATE_BUFSIZE], label[256];
	bool **sup = sp_breakdowns_suppressed(b, nb, info->min_cell);
	json_t *doc = json_pack("{s:i, s:s, s:s, s:i, s:i}", "samplan", 1, "kind", "indicators",
	                        "as_of", sp_date_format(info->as_of, date), "days", info->days,
	                        "min_cell", info->min_cell);
	if (info->series.kind) /* the cases are counted per period, in the groups */
		json_object_set_new(doc, "series", sp_report_series_json(&info->series));
	else
		json_object_set_new(doc, "cases",
		                    sp_breakdown_count(b[0]) && !sup[0][0]
		                        ? json_integer((json_int_t)sp_report_cases(b))
		                        : json_null());
	json_t *defs = json_array();
	for (size_t i = 0; i < nind; i++)
		json_array_append_new(
		    defs, json_pack("{s:s, s:s, s:s}", "name", ind[i].name, "measure",
		                    ind[i].flow ? "flow" : "stock", "text", ind[i].text));
	json_object_set_new(doc, "definitions", defs);
	json_t *bds = json_array();
	for (size_t i = 0; i < nb; i++)
		json_array_append_new(bds,
		                      json_pack("{s:s, s:o}", "by",
		                                sp_report_by_label(b[i], label, sizeof label),
		                                "groups", breakdown_groups(b[i], sup[i])));
	json_object_set_new(doc, "breakdowns", bds);
	sp_suppressed_free(sup, nb);
	return doc;
}
