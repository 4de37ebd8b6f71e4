/* samplan-indicators — indicators over many cases, by unit, sentence length, risk areas,
 * sentence type, municipality, supervision and release month: as data, CSV or XLSX. */
#include "cli/cli.h"
#include "domain/indicators.h"
#include "domain/suppress.h"
#include "cli/tool.h"
#include "domain/validate.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const char usage[] =
    "Usage: samplan-indicators [-o FILE] [-f FMT] [--as-of DATE] [--days N] [--by LIST]\n"
    "                          [--min-cell N] [--partial | --combine] [--agencies FILE]...\n"
    "                          [--rules FILE] [-r] [--jobs N] [--keep-going] [FILE|DIR...]\n"
    "Count indicators over cases (files, streams, standard input; with -r, the files in\n"
    "directories): screening, individual plans, coordinators, responsibility groups,\n"
    "handovers, letters and consent, overall and by the breakdowns asked for.\n"
    "\n"
    "  -f, --format FMT     yaml (default), json, csv (one row per group and indicator),\n"
    "                       or xlsx (a report for Excel; needs -o FILE)\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     count as of DATE (YYYY-MM-DD) instead of today\n"
    "      --days N         the handover deadline is N days before release (default 14)\n"
    "      --by LIST        breakdowns, comma-separated; join dimensions with + to cross\n"
    "                       them (unit+municipality). Dimensions: unit, sentence_length,\n"
    "                       risk_areas, sentence_type, municipality, supervision,\n"
    "                       release_month. Default: each one alone. Overall is always there\n"
    "      --min-cell N     show no counts for a group of fewer than N cases (default 5;\n"
    "                       1 shows all)\n"
    "      --partial        write the raw counters, to combine later\n"
    "      --combine        read partial results and write the indicators of them all\n"
    "      --agencies FILE  the agencies registry: recipients (for consent) and response\n"
    "                       days (repeatable)\n"
    "      --rules FILE     screening rules instead of the built-in ones\n"
    "  -r, --recursive      read the .yaml, .yml, .json and .jsonl files in directories\n"
    "  -j, --jobs N         read with N threads (default: the number of processors)\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 done; 2 usage error or bad input (no output file is written, unless\n"
    "--keep-going).\n"
    "See samplan-indicators(1).\n";

enum { OPT_DAYS = SP_OPT_FIRST_TOOL, OPT_BY, OPT_MIN_CELL, OPT_PARTIAL, OPT_COMBINE,
       OPT_AGENCIES, OPT_RULES };
enum { F_YAML, F_JSON, F_CSV, F_XLSX };

typedef struct {
	sp_dimension dims[SP_BY_COUNT];
	size_t ndims;
} bydef;

struct opts {
	sp_cli cli;
	int fmt, days, min_cell, jobs;
	bool partial, combine, recursive;
	bydef by[32];
	size_t nby;
	const char *agencies[16], *rules_path;
	size_t nagencies;
	sp_rules *rules;
	sp_agencies *reg;
	char **files;
	size_t nfiles;
	atomic_bool stop;
	pthread_mutex_t lock;
};

struct worker {
	struct opts *o;
	sp_cli cli;
	size_t first, step;
	sp_breakdown **b; /* o->nby + 1: overall first */
	int status;
	unsigned long cases, skipped;
};

static void report(const sp_diags *d, void *ctx)
{
	struct worker *w = ctx;
	pthread_mutex_lock(&w->o->lock);
	sp_diags_print(d, stderr, w->o->cli.prog);
	pthread_mutex_unlock(&w->o->lock);
}

static int count(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct worker *w = ctx;
	struct opts *o = w->o;
	sp_doc *doc = *docp;
	if (atomic_load(&o->stop))
		return SP_EXIT_BAD;
	if (o->combine) {
		const char *why = NULL;
		if (!sp_partial_add(w->b, o->nby + 1, doc->root, o->cli.as_of, o->days, &why)) {
			sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL, "%s", why);
			w->skipped++;
			return SP_EXIT_BAD;
		}
		return SP_EXIT_OK;
	}
	static const char *const derived[] = {"assessment", "handover_check", "individual_plan",
					      "merge_report", NULL};
	if (sp_tool_case(&o->cli, doc, derived, diags) != SP_EXIT_OK) {
		w->skipped++;
		return SP_EXIT_BAD;
	}
	sp_handover_check h;
	sp_check_handovers(doc->root, o->rules, o->reg, o->cli.as_of, o->days, &h);
	sp_case_keys keys;
	sp_case_counts cc;
	sp_case_keys_get(doc->root, &h, &keys);
	sp_case_counts_get(doc->root, &h, o->cli.as_of, &cc);
	for (size_t i = 0; i <= o->nby; i++)
		sp_breakdown_add_counts(w->b[i], &keys, &cc);
	w->cases++;
	return SP_EXIT_OK;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct opts *o = w->o;
	w->status = SP_EXIT_OK;
	for (size_t i = w->first; i < o->nfiles; i += w->step) {
		if (atomic_load(&o->stop))
			break;
		int st = sp_cli_loop(&w->cli, 1, &o->files[i], count, report, false, w);
		if (st > w->status)
			w->status = st;
		if (st == SP_EXIT_BAD && !o->cli.keep_going)
			atomic_store(&o->stop, true);
	}
	return NULL;
}

/* --- outputs ------------------------------------------------------------------------- */

static const char *by_label(const sp_breakdown *b, char *buf, size_t size)
{
	const sp_dimension *dims;
	size_t n = sp_breakdown_dims(b, &dims);
	buf[0] = '\0';
	if (!n)
		snprintf(buf, size, "overall");
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "+" : "", sp_dimension_name(dims[i]));
	return buf;
}

/* The key's values, one per dimension. */
static size_t key_values(const char *key, char values[][256], size_t max)
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

static json_t *data_json(struct opts *o, sp_breakdown **b, unsigned long cases)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	char date[SP_DATE_BUFSIZE], label[256];
	bool *sup0 = sp_breakdown_suppressed(b[0], o->min_cell);
	json_t *doc = json_pack("{s:i, s:s, s:s, s:i, s:i}", "samplan", 1, "kind", "indicators",
				"as_of", sp_date_format(o->cli.as_of, date), "days", o->days,
				"min_cell", o->min_cell);
	json_object_set_new(doc, "cases", sp_breakdown_count(b[0]) && !sup0[0] ? json_integer((json_int_t)cases) : json_null());
	free(sup0);
	json_t *defs = json_array();
	for (size_t i = 0; i < nind; i++)
		json_array_append_new(defs, json_pack("{s:s, s:s}", "name", ind[i].name, "text", ind[i].text));
	json_object_set_new(doc, "definitions", defs);
	json_t *bds = json_array();
	for (size_t i = 0; i <= o->nby; i++) {
		const sp_dimension *dims;
		size_t nd = sp_breakdown_dims(b[i], &dims);
		json_t *groups = json_array();
		bool *sup = sp_breakdown_suppressed(b[i], o->min_cell);
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			const sp_counters *k = sp_breakdown_counters(b[i], g);
			char values[SP_BY_COUNT][256];
			key_values(sp_breakdown_key(b[i], g), values, SP_BY_COUNT);
			json_t *key = json_object();
			for (size_t d = 0; d < nd; d++)
				json_object_set_new(key, sp_dimension_name(dims[d]), json_string(values[d]));
			json_t *gj = json_pack("{s:o}", "key", key);
			if (sup[g]) {
				json_object_set_new(gj, "suppressed", json_true());
				json_array_append_new(groups, gj);
				continue;
			}
			json_object_set_new(gj, "cases", json_integer((json_int_t)k->c[C_CASES]));
			json_t *vals = json_array();
			for (size_t n = 0; n < nind; n++) {
				if (ind[n].den < 0) {
					bool over;
					int med = sp_counters_median(k, ind[n].hist, &over);
					json_array_append_new(vals, json_pack("{s:s, s:o}", "name", ind[n].name, "median",
									      med < 0 ? json_null() : json_integer(med)));
					continue;
				}
				uint64_t num = k->c[ind[n].num], den = k->c[ind[n].den];
				json_array_append_new(vals, json_pack("{s:s, s:I, s:I, s:o}", "name", ind[n].name,
								      "count", (json_int_t)num, "denominator", (json_int_t)den,
								      "share", den ? json_real((double)num / (double)den) : json_null()));
			}
			json_object_set_new(gj, "indicators", vals);
			json_array_append_new(groups, gj);
		}
		free(sup);
		json_array_append_new(bds, json_pack("{s:s, s:o}", "by", by_label(b[i], label, sizeof label), "groups", groups));
	}
	json_object_set_new(doc, "breakdowns", bds);
	return doc;
}

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

static void write_csv(struct opts *o, sp_breakdown **b, FILE *f)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	fputs("breakdown,group,indicator,count,denominator,share,median_days,suppressed\r\n", f);
	char label[256], buf[64];
	for (size_t i = 0; i <= o->nby; i++) {
		by_label(b[i], label, sizeof label);
		bool *supv = sp_breakdown_suppressed(b[i], o->min_cell);
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			const sp_counters *k = sp_breakdown_counters(b[i], g);
			char group[1024];
			snprintf(group, sizeof group, "%s", sp_breakdown_key(b[i], g));
			for (char *p = group; *p; p++)
				if (*p == '\x1f')
					*p = '|';
			bool sup = supv[g];
			for (size_t n = 0; n < nind; n++) {
				csv_field(f, label, false);
				csv_field(f, *group ? group : "all", false);
				csv_field(f, ind[n].name, false);
				if (sup) {
					fputs(",,,,yes\r\n", f);
					continue;
				}
				if (ind[n].den < 0) {
					bool over;
					int med = sp_counters_median(k, ind[n].hist, &over);
					snprintf(buf, sizeof buf, "%d", med);
					fprintf(f, ",,,%s,no\r\n", med < 0 ? "" : buf);
					continue;
				}
				uint64_t num = k->c[ind[n].num], den = k->c[ind[n].den];
				fprintf(f, "%llu,%llu,", (unsigned long long)num, (unsigned long long)den);
				if (den)
					fprintf(f, "%.6f", (double)num / (double)den);
				fputs(",,no\r\n", f);
			}
		}
		free(supv);
	}
}

/* --- XLSX ---------------------------------------------------------------------------- */

static const char *const chart_indicators[] = {"screened_timely", "ip_indicated", "coordinator_appointed",
					       "handover_confirmed_by_deadline", "needs_with_consent"};

/* An Excel sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *label, char *out, size_t size)
{
	snprintf(out, size < 32 ? size : 32, "%s", label);
	for (char *p = out; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = '_';
}

static int write_xlsx(struct opts *o, sp_breakdown **b, unsigned long cases, const char *path)
{
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	/* libxlsxwriter's own temporary files go beside the target, like ours */
	char *dir = strdup(path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = slash ? dir : ".",
				   .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	free(dir);
	if (!wb)
		return -1;
	int y, m, d;
	sp_date_to_ymd(o->cli.as_of, &y, &m, &d);
	lxw_doc_properties props = {.title = "samplan indicators", .author = "samplan-indicators",
				    .created = (time_t)o->cli.as_of * 86400}; /* no wall-clock time */
	workbook_set_properties(wb, &props);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	lxw_format *pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	char date[SP_DATE_BUFSIZE], label[256], name[40];

	/* Summary: the overall group */
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 3, 13, NULL);
	worksheet_set_column(ws, 4, 4, 80, NULL);
	const char *sh[] = {"Indicator", "Count", "Denominator", "Share / median days", "Definition"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, sh[c], head);
	worksheet_freeze_panes(ws, 1, 0);
	const sp_counters *all = sp_breakdown_counters(b[0], 0);
	bool *sup0 = sp_breakdown_suppressed(b[0], o->min_cell);
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
				worksheet_write_number(ws, r, 3, (double)num / (double)den, pct);
		}
		worksheet_write_string(ws, r, 4, ind[n].text, NULL);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)nind, 4);

	/* one sheet per breakdown: a row per group, a column per indicator */
	for (size_t i = 1; i <= o->nby; i++) {
		const sp_dimension *dims;
		size_t nd = sp_breakdown_dims(b[i], &dims);
		sheet_name(by_label(b[i], label, sizeof label), name, sizeof name);
		ws = workbook_add_worksheet(wb, name);
		if (!ws) { /* two breakdowns whose names agree in their first 31 characters */
			snprintf(name, sizeof name, "breakdown %zu", i);
			ws = workbook_add_worksheet(wb, name);
		}
		if (!ws) {
			workbook_close(wb);
			return -1;
		}
		size_t ng = sp_breakdown_count(b[i]);
		bool *sup = sp_breakdown_suppressed(b[i], o->min_cell);
		/* widths that fit: the longest value of each dimension */
		for (size_t dcol = 0; dcol < nd; dcol++) {
			size_t w = strlen(sp_dimension_name(dims[dcol]));
			for (size_t g = 0; g < ng; g++) {
				char values[SP_BY_COUNT][256];
				key_values(sp_breakdown_key(b[i], g), values, SP_BY_COUNT);
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
			worksheet_write_string(ws, 0, (lxw_col_t)dcol, sp_dimension_name(dims[dcol]), head);
		worksheet_write_string(ws, 0, c0, "cases", head);
		worksheet_write_string(ws, 0, c0 + 1, "suppressed", head);
		for (size_t n = 0; n < nind; n++)
			worksheet_write_string(ws, 0, (lxw_col_t)(c0 + 2 + n), ind[n].name, head);
		worksheet_freeze_panes(ws, 1, 0);
		for (size_t g = 0; g < ng; g++) {
			lxw_row_t r = (lxw_row_t)(g + 1);
			const sp_counters *k = sp_breakdown_counters(b[i], g);
			char values[SP_BY_COUNT][256];
			key_values(sp_breakdown_key(b[i], g), values, SP_BY_COUNT);
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
					worksheet_write_number(ws, r, col, (double)k->c[ind[n].num] / (double)k->c[ind[n].den], pct);
				}
			}
		}
		free(sup);
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)ng, (lxw_col_t)(c0 + 1 + nind));
		if (ng) { /* the main indicators by group */
			lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
			char title[300];
			snprintf(title, sizeof title, "Main indicators by %s", label);
			chart_title_set_name(chart, title);
			for (size_t ci = 0; ci < sizeof chart_indicators / sizeof *chart_indicators; ci++) {
				for (size_t n = 0; n < nind; n++) {
					if (strcmp(ind[n].name, chart_indicators[ci]) != 0)
						continue;
					lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
					chart_series_set_categories(s, name, 1, (lxw_col_t)(nd - 1), (lxw_row_t)ng, (lxw_col_t)(nd - 1));
					chart_series_set_values(s, name, 1, (lxw_col_t)(c0 + 2 + n), (lxw_row_t)ng, (lxw_col_t)(c0 + 2 + n));
					chart_series_set_name_range(s, name, 0, (lxw_col_t)(c0 + 2 + n));
				}
			}
			chart_axis_set_num_format(chart->y_axis, "0%");
			worksheet_insert_chart(ws, (lxw_row_t)ng + 3, 0, chart);
		}
	}

	/* how each indicator is defined, and as of when */
	ws = workbook_add_worksheet(wb, "Definitions");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 90, wrap);
	worksheet_set_column(ws, 2, 3, 28, NULL);
	worksheet_write_string(ws, 0, 0, "Indicator", head);
	worksheet_write_string(ws, 0, 1, "Definition", head);
	worksheet_write_string(ws, 0, 2, "Numerator", head);
	worksheet_write_string(ws, 0, 3, "Denominator", head);
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t n = 0; n < nind; n++) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, ind[n].name, NULL);
		worksheet_write_string(ws, r, 1, ind[n].text, NULL);
		worksheet_write_string(ws, r, 2, ind[n].den < 0 ? sp_hist_name(ind[n].hist) : sp_counter_name(ind[n].num), NULL);
		worksheet_write_string(ws, r, 3, ind[n].den < 0 ? "(median)" : sp_counter_name(ind[n].den), NULL);
	}
	lxw_row_t r = (lxw_row_t)nind + 2;
	char text[256];
	snprintf(text, sizeof text, "As of %s (--as-of); handover deadline %d days before release "
				    "(--days); groups of fewer than %d cases are suppressed (--min-cell); "
				    "%lu cases counted.", sp_date_format(o->cli.as_of, date), o->days,
		 o->min_cell, cases);
	worksheet_write_string(ws, r, 0, "About", head);
	worksheet_write_string(ws, r, 1, text, NULL);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* --- main ---------------------------------------------------------------------------- */

static void parse_by(struct opts *o, const char *arg)
{
	char *copy = strdup(arg), *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (o->nby == sizeof o->by / sizeof *o->by)
			sp_cli_usage_error(&o->cli, "--by: at most 32 breakdowns");
		bydef *bd = &o->by[o->nby++];
		bd->ndims = 0;
		char *save2 = NULL;
		for (char *dim = strtok_r(item, "+", &save2); dim; dim = strtok_r(NULL, "+", &save2)) {
			int d = sp_dimension_parse(dim);
			if (d < 0 || bd->ndims == SP_BY_COUNT)
				sp_cli_usage_error(&o->cli, "--by: `%s` is not a dimension; use unit, "
							    "sentence_length, risk_areas, sentence_type, "
							    "municipality, supervision or release_month", dim);
			for (size_t k = 0; k < bd->ndims; k++)
				if (bd->dims[k] == (sp_dimension)d)
					sp_cli_usage_error(&o->cli, "--by: `%s` twice in one breakdown", dim);
			bd->dims[bd->ndims++] = (sp_dimension)d;
		}
		if (!bd->ndims)
			sp_cli_usage_error(&o->cli, "--by: an empty breakdown; name dimensions");
		for (size_t k = 0; k + 1 < o->nby; k++)
			if (o->by[k].ndims == bd->ndims &&
			    memcmp(o->by[k].dims, bd->dims, bd->ndims * sizeof *bd->dims) == 0)
				sp_cli_usage_error(&o->cli, "--by: the same breakdown twice");
	}
	free(copy);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_CLI_LONGOPTS,
	    {"format", required_argument, NULL, 'f'},
	    {"days", required_argument, NULL, OPT_DAYS},
	    {"by", required_argument, NULL, OPT_BY},
	    {"min-cell", required_argument, NULL, OPT_MIN_CELL},
	    {"partial", no_argument, NULL, OPT_PARTIAL},
	    {"combine", no_argument, NULL, OPT_COMBINE},
	    {"agencies", required_argument, NULL, OPT_AGENCIES},
	    {"rules", required_argument, NULL, OPT_RULES},
	    {"recursive", no_argument, NULL, 'r'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"keep-going", no_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	static struct opts o = {.days = 14, .min_cell = 5};
	sp_cli_init(&o.cli, "samplan-indicators", usage);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
	int c;
	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_CLI_SHORTOPTS "f:rj:k", longopts)) != -1) {
		if (sp_cli_option(&o.cli, c, optarg))
			continue;
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "yaml")) o.fmt = F_YAML;
			else if (!strcmp(optarg, "json")) o.fmt = F_JSON;
			else if (!strcmp(optarg, "csv")) o.fmt = F_CSV;
			else if (!strcmp(optarg, "xlsx")) o.fmt = F_XLSX;
			else sp_cli_usage_error(&o.cli, "-f: unknown format; use yaml, json, csv or xlsx");
			break;
		case OPT_DAYS: o.days = sp_tool_number(&o.cli, "--days", optarg, 0, 3650); break;
		case OPT_MIN_CELL: o.min_cell = sp_tool_number(&o.cli, "--min-cell", optarg, 1, 1000000); break;
		case OPT_BY: parse_by(&o, optarg); break;
		case OPT_PARTIAL: o.partial = true; break;
		case OPT_COMBINE: o.combine = true; break;
		case OPT_RULES: o.rules_path = optarg; break;
		case 'r': o.recursive = true; break;
		case 'j': o.jobs = sp_tool_number(&o.cli, "--jobs", optarg, 1, 64); break;
		case 'k': o.cli.keep_going = true; break;
		case OPT_AGENCIES:
			if (o.nagencies == sizeof o.agencies / sizeof *o.agencies)
				sp_cli_usage_error(&o.cli, "--agencies: at most 16 registries");
			o.agencies[o.nagencies++] = optarg;
			break;
		}
	}
	if (o.fmt == F_XLSX && !o.cli.output)
		sp_cli_usage_error(&o.cli, "-f xlsx writes a file: give it with -o FILE");
	if (o.partial && (o.fmt == F_CSV || o.fmt == F_XLSX))
		sp_cli_usage_error(&o.cli, "--partial writes yaml or json");
	if (o.partial && o.combine)
		sp_cli_usage_error(&o.cli, "--partial and --combine do not go together");
	if (!o.nby)
		for (int d = 0; d < SP_BY_COUNT; d++)
			o.by[o.nby++] = (bydef){{(sp_dimension)d}, 1};
	o.files = sp_cli_files(&o.cli, argc - optind, argv + optind, o.recursive, &o.nfiles);
	pthread_mutex_init(&o.lock, NULL);
	int status = SP_EXIT_BAD;
	sp_out *out = NULL;
	size_t nw = (size_t)o.jobs < o.nfiles ? (size_t)o.jobs : o.nfiles;
	struct worker *w = calloc(nw, sizeof *w);
	bool ok;
	o.reg = sp_tool_agencies(&o.cli, o.agencies, o.nagencies, &ok);
	if (!ok || !(o.rules = sp_tool_rules(&o.cli, o.rules_path)))
		goto done;
	for (size_t t = 0; t < nw; t++) {
		w[t] = (struct worker){.o = &o, .cli = o.cli, .first = t, .step = nw};
		w[t].b = calloc(o.nby + 1, sizeof *w[t].b);
		w[t].b[0] = sp_breakdown_new(NULL, 0);
		for (size_t i = 0; i < o.nby; i++)
			w[t].b[i + 1] = sp_breakdown_new(o.by[i].dims, o.by[i].ndims);
	}
	pthread_t *th = calloc(nw, sizeof *th);
	for (size_t t = 1; t < nw; t++)
		pthread_create(&th[t], NULL, work, &w[t]);
	work(&w[0]);
	status = w[0].status;
	unsigned long cases = w[0].cases, skipped = w[0].skipped, unreadable = w[0].cli.unreadable;
	for (size_t t = 1; t < nw; t++) {
		pthread_join(th[t], NULL);
		for (size_t i = 0; i <= o.nby; i++)
			sp_breakdown_merge(w[0].b[i], w[t].b[i]);
		status = w[t].status > status ? w[t].status : status;
		cases += w[t].cases;
		skipped += w[t].skipped;
		unreadable += w[t].cli.unreadable;
	}
	free(th);
	if (o.cli.keep_going && (skipped || unreadable))
		sp_cli_error(&o.cli, "%lu document%s skipped (bad input), %lu counted", skipped,
			     skipped == 1 ? "" : "s", cases);
	if (status == SP_EXIT_BAD && !o.cli.keep_going)
		goto done;
	if (!sp_breakdown_count(w[0].b[0])) /* no case at all: an overall group of none */
		sp_breakdown_group(w[0].b[0], "");
	if (o.combine)
		cases = sp_breakdown_counters(w[0].b[0], 0)->c[C_CASES];
	if (!(out = sp_out_open(o.cli.output, o.cli.mode))) {
		sp_cli_error(&o.cli, "%s: cannot create the file: %s", o.cli.output, strerror(errno));
		status = SP_EXIT_BAD;
		goto done;
	}
	int rc = 0;
	if (o.fmt == F_XLSX) {
		/* libxlsxwriter makes and removes scratch files beside the target: a signal
		 * waits until it is done, then removes samplan's own temporary file */
		sigset_t old;
		sp_signals_hold(&old);
		rc = write_xlsx(&o, w[0].b, cases, sp_out_temp_path(out));
		sp_signals_release(&old);
	} else if (o.fmt == F_CSV) {
		write_csv(&o, w[0].b, sp_out_file(out));
	} else {
		json_t *doc = o.partial ? sp_partial_json(w[0].b, o.nby + 1, o.cli.as_of, o.days)
				       : data_json(&o, w[0].b, cases);
		sp_writer *wr = sp_writer_open(sp_out_file(out), o.fmt == F_JSON ? SP_FMT_JSON : SP_FMT_YAML);
		rc = sp_writer_put(wr, doc);
		rc |= sp_writer_close(wr);
		json_decref(doc);
	}
	if (rc != 0) {
		sp_cli_error(&o.cli, "cannot write the %s", o.fmt == F_XLSX ? "workbook" : "output");
		sp_out_abort(out);
		status = SP_EXIT_BAD;
	} else if (sp_out_commit(out) != 0) {
		sp_cli_error(&o.cli, "cannot write the output: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
	out = NULL;
done:
	if (out)
		sp_out_abort(out);
	for (size_t t = 0; t < nw; t++) {
		for (size_t i = 0; w[t].b && i <= o.nby; i++)
			sp_breakdown_free(w[t].b[i]);
		free(w[t].b);
	}
	free(w);
	sp_cli_files_free(o.files, o.nfiles);
	sp_rules_free(o.rules);
	sp_agencies_free(o.reg);
	return status;
}
