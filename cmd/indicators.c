/* SPDX-License-Identifier: MIT */
/* samplan-indicators — indicators over many cases, by unit, sentence length, risk areas,
 * sentence type, municipality, supervision and release month: as data, CSV or XLSX.
 * See samplan-indicators(1). */
#include "base/util.h"
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/indicators.h"
#include "domain/validate.h"
#include "report/report.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: samplan-indicators [-o FILE] [-f FMT] [--as-of DATE] [--days N] [--by LIST]\n"
    "                          [--series PERIOD --from DATE [--to DATE]]\n"
    "                          [--min-cell N] [--partial | --combine] [--agencies FILE]...\n"
    "                          [--rules FILE] [-r] [--jobs N] [--keep-going] [--force]\n"
    "                          [-q] [FILE|DIR...]\n"
    "Count indicators over cases (files, streams, standard input; with -r, the files in\n"
    "directories): screening, individual plans, coordinators, responsibility groups,\n"
    "handovers, letters and consent, overall and by the breakdowns asked for.\n"
    "\n"
    "  -f, --format FMT     yaml (default), json, csv (one row per group and indicator),\n"
    "                       or xlsx (a report for Excel; needs -o FILE)\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --force          replace FILE if it exists (default: refuse, before reading)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     count as of DATE (YYYY-MM-DD) instead of today: what had\n"
    "                       happened by then, by the dates in the cases\n"
    "      --days N         the handover deadline is N days before release (default: the\n"
    "                       rules' handover.deadline_days, 14 in the built-in rules)\n"
    "      --by LIST        breakdowns, comma-separated; join dimensions with + to cross\n"
    "                       them (unit+municipality). Dimensions: unit, sentence_length,\n"
    "                       risk_areas, sentence_type, municipality, supervision,\n"
    "                       release_month. Default: each one alone. Overall is always there\n"
    "      --series PERIOD  the indicators of each month, quarter or year from --from to\n"
    "                       --to: the period is one more key of every group\n"
    "      --from DATE      the first day of the series\n"
    "      --to DATE        the last day of the series (default and at most: --as-of)\n"
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
    "  -q, --quiet          show no progress on the terminal\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 done; 2 usage error or bad input (no output file is written, unless\n"
    "--keep-going).\n"
    "See samplan-indicators(1).\n";

enum {
	OPT_DAYS = SP_OPT_FIRST_TOOL, OPT_BY, OPT_MIN_CELL, OPT_PARTIAL, OPT_COMBINE, OPT_SERIES,
	OPT_FROM, OPT_TO
};

typedef struct {
	sp_dimension dims[SP_BY_COUNT];
	size_t ndims;
} bydef;

/* With --combine, what the partials were counted with: the first one's, which every other
 * must share. */
struct counted_with {
	char *file;     /* the first partial's file; NULL before it */
	sp_date as_of;
	json_int_t days;
	char *rules;    /* sp_tool_rules_id(); NULL: the partial does not say */
	json_t *series; /* the first one's series (sp_report_series_json()); NULL: none */
};

struct opts {
	sp_cli cli;
	sp_report_format fmt;
	int days, min_cell, jobs;
	bool days_given, partial, combine, recursive;
	sp_series series;         /* --series, --from, --to (kind SP_PERIOD_NONE: none) */
	bool from_given, to_given;
	struct counted_with with; /* --combine: the partials' as_of, days and rules */
	char *rules_id;           /* --partial: the rules' (sp_tool_rules_id()) */
	bydef by[32];
	size_t nby;
	sp_run run; /* -k, --agencies, --rules; the registries and rules read */
	char **files;
	size_t nfiles;
	atomic_bool stop;
	pthread_mutex_t lock;
};

/* One thread's share of the files, and what it counted. */
struct worker {
	struct opts *o;
	sp_cli cli;
	size_t first, step;
	sp_breakdown **b; /* o->nby + 1: overall first */
	sp_period_counts *periods; /* one case's counts in each period, before they are added */
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

/* Refuse the partial of doc, for what it was counted with: false, with why in diags. */
static bool differs(sp_diags *diags, const sp_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool differs(sp_diags *diags, const sp_doc *doc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *why = sp_xvasprintf(fmt, ap);
	va_end(ap);
	sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL, "%s", why);
	free(why);
	return false;
}

/* The series a partial was counted in, from its `series` (absent: none); false when it
 * is not one. */
static bool series_of(const json_t *j, sp_series *out)
{
	const char *kind = json_string_value(json_object_get(j, "period"));
	const char *from = json_string_value(json_object_get(j, "from"));
	const char *to = json_string_value(json_object_get(j, "to"));
	*out = (sp_series){SP_PERIOD_NONE, 0, 0};
	if (!j)
		return true;
	int k = kind ? sp_period_kind_parse(kind) : -1;
	out->kind = k < 0 ? SP_PERIOD_NONE : (sp_period_kind)k;
	return k >= 0 && from && to && sp_date_parse(from, &out->from) &&
	       sp_date_parse(to, &out->to) && out->from <= out->to &&
	       sp_series_count(out) <= SP_SERIES_MAX;
}

static bool same_series(const sp_series *a, const sp_series *b)
{
	return a->kind == b->kind && (!a->kind || (a->from == b->from && a->to == b->to));
}

/* The first partial's as_of, days, rules and series become the combined report's. */
static bool first_partial(struct opts *o, const sp_doc *doc, sp_diags *diags, sp_date as_of,
			  json_int_t days, const sp_series *series)
{
	const char *rules = json_string_value(json_object_get(doc->root, "rules"));
	const char *date = json_string_value(json_object_get(doc->root, "as_of"));
	char was[SP_DATE_BUFSIZE];
	if (o->cli.as_of_given && as_of != o->cli.as_of)
		return differs(diags, doc, "the partial was counted as of %s, and --as-of says %s; "
			       "leave --as-of out (the partials say the day) or give the same",
			       date, sp_date_format(o->cli.as_of, was));
	if (o->days_given && days != o->days)
		return differs(diags, doc, "the partial was counted with --days %lld, and --days "
			       "says %d; leave --days out or give the same", (long long)days, o->days);
	if (o->series.kind && !same_series(series, &o->series))
		return differs(diags, doc, "the partial was counted with other periods than --series, "
			       "--from and --to say; leave them out (the partials say them) or "
			       "give the same");
	o->with = (struct counted_with){sp_xstrdup(doc->file), as_of, days,
					rules ? sp_xstrdup(rules) : NULL,
					json_incref(json_object_get(doc->root, "series"))};
	o->cli.as_of = as_of;
	o->days = (int)days;
	o->series = *series;
	return true;
}

/* Whether a partial was counted as the ones before it were: as of the same day, with the same
 * --days, rules and periods. The first one's as_of, days and periods are the combined
 * report's, unless --as-of, --days or --series says otherwise, which is refused: the
 * partials know how they were counted. */
static bool counted_alike(struct opts *o, const sp_doc *doc, sp_diags *diags)
{
	struct counted_with *c = &o->with;
	const char *date = json_string_value(json_object_get(doc->root, "as_of"));
	const json_t *pdays = json_object_get(doc->root, "days");
	const char *rules = json_string_value(json_object_get(doc->root, "rules"));
	sp_date as_of;
	sp_series series;
	if (!date || !sp_date_parse(date, &as_of) || !json_is_integer(pdays) ||
	    json_integer_value(pdays) < 0 || json_integer_value(pdays) > 3650)
		return true; /* not a partial of samplan-indicators: sp_partial_add() says so */
	if (!series_of(json_object_get(doc->root, "series"), &series) || series.to > as_of)
		return differs(diags, doc, "the partial's series is not one samplan-indicators "
			       "writes (period month, quarter or year, from and to dates, at most "
			       "%d periods, to at most as_of); make it again with --partial",
			       SP_SERIES_MAX);
	json_int_t days = json_integer_value(pdays);
	char was[SP_DATE_BUFSIZE];
	if (!c->file)
		return first_partial(o, doc, diags, as_of, days, &series);
	if (as_of != c->as_of)
		return differs(diags, doc, "the partial was counted as of %s, and %s as of %s; combine "
			       "partials counted as of the same day", date, c->file,
			       sp_date_format(c->as_of, was));
	if (days != c->days)
		return differs(diags, doc, "the partial was counted with --days %lld, and %s with "
			       "--days %lld; combine partials counted with the same", (long long)days,
			       c->file, (long long)c->days);
	if ((rules || c->rules) && (!rules || !c->rules || strcmp(rules, c->rules) != 0))
		return differs(diags, doc, "the partial was counted with other rules than %s; combine "
			       "partials counted with the same rules (--rules)", c->file);
	if (!same_series(&series, &o->series))
		return differs(diags, doc, "the partial was counted with other periods (--series, "
			       "--from, --to) than %s; combine partials counted with the same",
			       c->file);
	return true;
}

/* Count the case of doc in every breakdown, in each period it was serving in (without a
 * series: the one period of every day up to --as-of), each time as it stood at the
 * period's end; all of it or, when a derived date cannot be written, none. */
static int count_case(struct worker *w, const sp_doc *doc, sp_diags *diags)
{
	struct opts *o = w->o;
	sp_handover_check bad;
	long n = sp_case_periods(doc->root, &o->series, o->cli.as_of, o->run.rules, o->run.reg,
				 o->days, w->periods, &bad);
	if (n < 0) {
		sp_handover_dates_ok(&bad, doc, diags);
		return SP_EXIT_BAD;
	}
	for (long p = 0; p < n; p++)
		for (size_t i = 0; i <= o->nby; i++)
			sp_breakdown_add_period(w->b[i], &w->periods[p], o->series.kind != SP_PERIOD_NONE);
	w->cases += n > 0;
	return SP_EXIT_OK;
}

/* Count one case in every breakdown, or with --combine add one partial result. */
static int count(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct worker *w = ctx;
	struct opts *o = w->o;
	sp_doc *doc = *docp;
	if (atomic_load(&o->stop))
		return SP_EXIT_BAD;
	if (o->combine) {
		const char *why = NULL;
		if (!counted_alike(o, doc, diags)) {
			w->skipped++;
			return SP_EXIT_BAD;
		}
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
	if (count_case(w, doc, diags) != SP_EXIT_OK) {
		w->skipped++;
		return SP_EXIT_BAD;
	}
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

/* Read the files with nw threads, each into breakdowns of its own, then merge them into
 * w[0]'s. Returns the worst status. */
static int count_files(struct opts *o, struct worker *w, size_t nw)
{
	sp_cli_progress_start(&o->cli, (int)o->nfiles, o->files);
	for (size_t t = 0; t < nw; t++) {
		w[t] = (struct worker){.o = o, .cli = o->cli, .first = t, .step = nw};
		w[t].b = calloc(o->nby + 1, sizeof *w[t].b);
		size_t np = o->series.kind ? sp_series_count(&o->series) : 1;
		w[t].periods = sp_xcalloc(np, sizeof *w[t].periods);
		w[t].b[0] = sp_breakdown_new(NULL, 0);
		for (size_t i = 0; i < o->nby; i++)
			w[t].b[i + 1] = sp_breakdown_new(o->by[i].dims, o->by[i].ndims);
	}
	pthread_t *th = calloc(nw, sizeof *th);
	/* one progress line for all the threads: their sp_cli copies share it */
	for (size_t t = 1; t < nw; t++)
		pthread_create(&th[t], NULL, work, &w[t]);
	work(&w[0]);
	int status = w[0].status;
	unsigned long skipped = w[0].skipped, unreadable = w[0].cli.unreadable;
	unsigned long cases = w[0].cases;
	for (size_t t = 1; t < nw; t++) {
		pthread_join(th[t], NULL);
		for (size_t i = 0; i <= o->nby; i++)
			sp_breakdown_merge(w[0].b[i], w[t].b[i]);
		status = w[t].status > status ? w[t].status : status;
		cases += w[t].cases;
		skipped += w[t].skipped;
		unreadable += w[t].cli.unreadable;
	}
	free(th);
	sp_cli_progress_end(&o->cli);
	if (o->cli.keep_going && (skipped || unreadable))
		sp_cli_error(&o->cli, "%lu document%s skipped (bad input), %lu counted", skipped,
			     skipped == 1 ? "" : "s", cases);
	return status;
}

/* Write the indicators of b (with --partial, the raw counters) in the format asked for, to
 * the output opened before the cases were read. */
static int write_report(struct opts *o, sp_breakdown **b)
{
	if (o->series.kind) { /* every period has its overall group, with cases or none */
		for (size_t p = 0; p < sp_series_count(&o->series); p++) {
			char label[SP_PERIOD_LABEL], key[SP_PERIOD_LABEL + 1];
			sp_date from, to;
			sp_series_period(&o->series, p, &from, &to, label);
			snprintf(key, sizeof key, "%s%c", label, SP_PERIOD_SEP);
			sp_breakdown_group(b[0], key);
		}
	} else if (!sp_breakdown_count(b[0])) { /* no case at all: an overall group of none */
		sp_breakdown_group(b[0], "");
	}
	sp_out *out = o->run.out;
	o->run.out = NULL; /* kept or thrown away here */
	sp_report_info info = {o->cli.as_of, o->days, o->min_cell, o->rules_id, o->series};
	if (sp_report_write(out, o->fmt, o->partial, b, o->nby + 1, &info) != 0) {
		sp_cli_error(&o->cli, "cannot write the %s", o->fmt == SP_REPORT_XLSX ? "workbook" : "output");
		sp_out_abort(out);
		return SP_EXIT_BAD;
	}
	return sp_cli_commit(&o->cli, out) == 0 ? SP_EXIT_OK : SP_EXIT_BAD;
}

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

static sp_date series_date(struct opts *o, const char *opt, const char *arg)
{
	sp_date d;
	if (!sp_date_parse(arg, &d))
		sp_cli_usage_error(&o->cli, "%s: `%s` %s; write a real date as YYYY-MM-DD", opt, arg,
				   sp_date_problem(arg));
	return d;
}

/* --series with --from and --to: a series within --as-of, of at most SP_SERIES_MAX
 * periods. --combine may leave them out: the partials say them. */
static void check_series(struct opts *o)
{
	sp_series *s = &o->series;
	if (!s->kind && (o->from_given || o->to_given))
		sp_cli_usage_error(&o->cli, "--from and --to go with --series month, quarter or year");
	if (!s->kind)
		return;
	if (!o->from_given)
		sp_cli_usage_error(&o->cli, "--series needs --from DATE, the first day of the series");
	if (!o->to_given)
		s->to = o->cli.as_of;
	char to[SP_DATE_BUFSIZE], as_of[SP_DATE_BUFSIZE];
	if (s->to > o->cli.as_of && !o->combine)
		sp_cli_usage_error(&o->cli, "--to %s is after --as-of %s: a series ends at most on "
					    "the day counted as of; give an earlier --to or a later --as-of",
				   sp_date_format(s->to, to), sp_date_format(o->cli.as_of, as_of));
	if (s->from > s->to)
		sp_cli_usage_error(&o->cli, "--from is after --to (or --as-of); give an earlier --from");
	if (sp_series_count(s) > SP_SERIES_MAX)
		sp_cli_usage_error(&o->cli, "--series: %zu periods from --from to --to; at most %d in "
					    "one run", sp_series_count(s), SP_SERIES_MAX);
}

/* The options, and the checks of what goes together (usage errors exit 2). */
static void parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS, /* -f is the report's format here */
	    /* what is counted, and what is shown */
	    {"days", required_argument, NULL, OPT_DAYS}, {"by", required_argument, NULL, OPT_BY},
	    {"min-cell", required_argument, NULL, OPT_MIN_CELL},
	    {"series", required_argument, NULL, OPT_SERIES}, {"from", required_argument, NULL, OPT_FROM},
	    {"to", required_argument, NULL, OPT_TO},
	    /* counting in parts */
	    {"partial", no_argument, NULL, OPT_PARTIAL}, {"combine", no_argument, NULL, OPT_COMBINE},
	    /* the input */
	    {"recursive", no_argument, NULL, 'r'}, {"jobs", required_argument, NULL, 'j'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	o->run.own_format = true;
	while ((c = sp_run_getopt(&o->run, argc, argv, SP_RUN_SHORTOPTS "rj:", longopts)) != -1) {
		switch (c) {
		case 'f':
			if (!sp_report_format_parse(optarg, &o->fmt))
				sp_cli_usage_error(&o->cli, "-f: unknown format; use yaml, json, csv or xlsx");
			break;
		case OPT_DAYS:
			o->days = sp_tool_number(&o->cli, "--days", optarg, 0, 3650);
			o->days_given = true;
			break;
		case OPT_MIN_CELL: o->min_cell = sp_tool_number(&o->cli, "--min-cell", optarg, 1, 1000000); break;
		case OPT_BY: parse_by(o, optarg); break;
		case OPT_SERIES: {
			int k = sp_period_kind_parse(optarg);
			if (k < 0)
				sp_cli_usage_error(&o->cli, "--series: `%s` is not a period; use month, "
							    "quarter or year", optarg);
			o->series.kind = (sp_period_kind)k;
			break;
		}
		case OPT_FROM: o->series.from = series_date(o, "--from", optarg); o->from_given = true; break;
		case OPT_TO: o->series.to = series_date(o, "--to", optarg); o->to_given = true; break;
		case OPT_PARTIAL: o->partial = true; break;
		case OPT_COMBINE: o->combine = true; break;
		case 'r': o->recursive = true; break;
		case 'j': o->jobs = sp_tool_number(&o->cli, "--jobs", optarg, 1, 64); break;
		}
	}
	if (o->fmt == SP_REPORT_XLSX && !o->cli.output)
		sp_cli_usage_error(&o->cli, "-f xlsx writes a file: give it with -o FILE");
	if (o->partial && (o->fmt == SP_REPORT_CSV || o->fmt == SP_REPORT_XLSX))
		sp_cli_usage_error(&o->cli, "--partial writes yaml or json");
	if (o->partial && o->combine)
		sp_cli_usage_error(&o->cli, "--partial and --combine do not go together");
	check_series(o);
	if (!o->nby)
		for (int d = 0; d < SP_BY_COUNT; d++)
			o->by[o->nby++] = (bydef){{(sp_dimension)d}, 1};
}

int main(int argc, char **argv)
{
	static struct opts o = {.days = -1, .min_cell = 5};
	sp_run_init(&o.run, &o.cli, "samplan-indicators", usage);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
	parse_options(&o, argc, argv);
	o.files = sp_cli_files(&o.cli, argc - optind, argv + optind, o.recursive, &o.nfiles);
	pthread_mutex_init(&o.lock, NULL);
	int status = SP_EXIT_BAD;
	/* partials are added in one thread, in the order given, so that a sum too large to
	 * count is found at the file that makes it so */
	size_t jobs = o.combine ? 1 : (size_t)o.jobs;
	size_t nw = jobs < o.nfiles ? jobs : o.nfiles;
	struct worker *w = calloc(nw, sizeof *w);
	/* the output is opened before the first case is read: a file that cannot be written
	 * is said at once, not after all the cases */
	if (!sp_run_load(&o.run) || !sp_run_open(&o.run))
		goto done;
	if (o.days < 0) /* the rules' deadline unless --days gave one */
		o.days = o.run.rules->handover_deadline_days;
	if (o.partial)
		o.rules_id = sp_tool_rules_id(&o.cli, o.run.rules_path);
	status = count_files(&o, w, nw);
	if (status == SP_EXIT_BAD && !o.cli.keep_going)
		goto done;
	if (write_report(&o, w[0].b) != SP_EXIT_OK)
		status = SP_EXIT_BAD;
done:
	for (size_t t = 0; t < nw; t++) {
		for (size_t i = 0; w[t].b && i <= o.nby; i++)
			sp_breakdown_free(w[t].b[i]);
		free(w[t].b);
		free(w[t].periods);
	}
	free(w);
	sp_cli_files_free(o.files, o.nfiles);
	free(o.with.file);
	free(o.with.rules);
	json_decref(o.with.series);
	free(o.rules_id);
	sp_run_free(&o.run);
	return status;
}
