/* SPDX-License-Identifier: MIT */
/* report.c — an indicator report in the format asked for, to an output file. */
#include "report/report.h"
#include "doc/doc.h"

#include <string.h>

bool sp_report_format_parse(const char *s, sp_report_format *fmt)
{
	static const char *const names[] = {[SP_REPORT_YAML] = "yaml",
	                                    [SP_REPORT_JSON] = "json",
	                                    [SP_REPORT_CSV] = "csv",
	                                    [SP_REPORT_XLSX] = "xlsx"};
	for (int f = SP_REPORT_YAML; f <= SP_REPORT_XLSX; f++) {
		if (!strcmp(s, names[f])) {
			*fmt = (sp_report_format)f;
			return true;
		}
	}
	return false;
}

int sp_report_write(sp_out *out, sp_report_format fmt, bool partial, sp_breakdown *const *b,
                    size_t nb, const sp_report_info *info)
{
	if (fmt == SP_REPORT_XLSX) {
		/* libxlsxwriter makes and removes scratch files beside the target: a signal
		 * waits until it is done, then removes samplan's own temporary file */
		sigset_t old;
		sp_signals_hold(&old);
		int rc = sp_report_xlsx(sp_out_temp_path(out), b, nb, info);
		sp_signals_release(&old);
		return rc;
	}
	if (fmt == SP_REPORT_CSV) {
		sp_report_csv(sp_out_file(out), b, nb, info);
		return 0;
	}
	json_t *doc =
	    partial ? sp_partial_json(b, nb, info->as_of, info->days) : sp_report_json(b, nb, info);
	if (partial && (info->rules || info->series.kind)) {
		/* so that --combine adds up only partials of the same rules and periods */
		json_t *bds = json_incref(json_object_get(doc, "breakdowns"));
		json_object_del(doc, "breakdowns"); /* after them, as after as_of and days */
		if (info->rules)
			json_object_set_new(doc, "rules", json_string(info->rules));
		if (info->series.kind)
			json_object_set_new(doc, "series", sp_report_series_json(&info->series));
		json_object_set_new(doc, "breakdowns", bds);
	}
	sp_writer *wr =
	    sp_writer_open(sp_out_file(out), fmt == SP_REPORT_JSON ? SP_FMT_JSON : SP_FMT_YAML);
	int rc = sp_writer_put(wr, doc);
	rc |= sp_writer_close(wr);
	json_decref(doc);
	return rc;
}
